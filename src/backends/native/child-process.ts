// Another OS process running the native addon, called synchronously. A scenario's second process
// ("B") must be a real process, with its own handle table, for DuplicateHandle into it and imports in it
// to mean what they mean on Windows; the Backend interface is synchronous, so every call to that
// process blocks until it answers.
//
// How: the child is this Node.js (process.execPath) running dist/process-host.js, which opens the addon
// with the parent's options and answers {method, args} messages with the addon's own result. A worker
// thread owns the child and its IPC channel (Node's "advanced" serialization, so byte arrays travel as
// they are); the calling thread posts a request to the worker and waits on a shared flag
// (Atomics.wait) until the worker has put the answer on the message port, then takes it with
// receiveMessageOnPort. Nothing here ever waits without a limit: a child that does not answer in time
// is killed, and one that dies (a driver crash) says so, with the end of its stderr.
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NativeAddon, OpenOptions } from './addon-api.js';
import { BackendLost } from '../../session/placeholders.js';

/** A child process that can no longer answer (it died, timed out, or never started). */
export class ChildProcessFailed extends BackendLost {}

/** Where the process host script may be: next to the bundles in dist/, from the sources or the bundle. */
export function processHostCandidates(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  return [...new Set([join(here, 'process-host.js'), ...[resolve(here, '..'), resolve(here, '../..'), resolve(here, '../../..')].map((r) => join(r, 'dist/process-host.js'))])];
}

// The worker: starts the child, forwards requests to it and answers back, raising the flag each time.
// Plain JavaScript, evaluated in the worker (it needs nothing of this package).
const WORKER = `
const { workerData } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const { port, flag, execPath, script, args } = workerData;
const raised = new Int32Array(flag);
const answer = (m) => { port.postMessage(m); Atomics.store(raised, 0, 1); Atomics.notify(raised, 0); };
let stderr = '';
let done = false;
const child = spawn(execPath, [script, ...args], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced', windowsHide: true });
child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
child.on('message', (m) => answer(m));
// A process that started and then failed (a request it could not take) is reported by its exit, which
// follows; one that never started has no exit to wait for.
child.on('error', (e) => { if (child.pid === undefined && !done) { done = true; answer({ died: 'it could not be started: ' + e.message, stderr }); } });
child.on('exit', (code, signal) => { if (!done) { done = true; answer({ died: signal ? 'it was ended by ' + signal : 'it exited with code ' + code, stderr }); } port.close(); });
port.on('message', (m) => {
  if (m === 'kill') { done = true; child.kill(); return; }
  child.send(m, (e) => { if (e && !child.connected && child.exitCode === null && child.signalCode === null) child.kill(); });
});
`;

interface Reply { ok?: unknown; error?: { name: string; message: string }; ready?: { pid: number }; fail?: string; died?: string; stderr?: string }

/** One child process with the addon open in it. */
export class ChildProcess {
  readonly pid: number;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly raised = new Int32Array(new SharedArrayBuffer(4));
  private dead?: string;

  /**
   * Starts the child and waits until its addon is open (or says why it cannot be). `label` names it in
   * messages ("process B"); `timeoutMs` bounds every wait.
   */
  constructor(readonly label: string, options: OpenOptions, device: number, private readonly timeoutMs = 120_000) {
    const script = processHostCandidates().find((p) => existsSync(p));
    if (!script) throw new ChildProcessFailed(`${label} cannot be started: dist/process-host.js is not built (run "npm run build")`);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.port.unref();
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: { port: port2, flag: this.raised.buffer, execPath: process.execPath, script, args: [JSON.stringify({ options, device })] },
      transferList: [port2],
    });
    this.worker.unref();
    const hello = this.wait('starting');
    if (hello.fail !== undefined) { this.kill(); throw new ChildProcessFailed(`${label} started, but its native addon cannot be used: ${hello.fail}`); }
    if (!hello.ready) { this.kill(); throw new ChildProcessFailed(`${label} did not start: it answered ${JSON.stringify(hello).slice(0, 200)}`); }
    this.pid = hello.ready.pid;
  }

  /** Calls the addon in the child; throws what the addon threw there (TypeError and RangeError as such). */
  call(method: string, args: unknown[]): unknown {
    if (this.dead) throw new ChildProcessFailed(`${this.label} is gone (${this.dead}); ${method} was not run`);
    Atomics.store(this.raised, 0, 0);
    this.port.postMessage({ method, args });
    const r = this.wait(method);
    if (r.error) {
      const E = r.error.name === 'RangeError' ? RangeError : r.error.name === 'TypeError' ? TypeError : Error;
      throw new E(r.error.message);
    }
    return r.ok;
  }

  /** Ends the child: its addon closes everything it holds, then it exits. */
  end(): void {
    if (this.dead) return;
    try {
      this.call('$end', []);
    } catch {
      // Already reported by wait(); the child is killed below either way.
    }
    this.kill();
  }

  private wait(during: string): Reply {
    const limit = Date.now() + this.timeoutMs;
    for (;;) {
      const message = receiveMessageOnPort(this.port);
      if (message) {
        const r = message.message as Reply;
        if (r.died !== undefined) {
          this.dead = r.died;
          const tail = r.stderr?.trim() ? `; its stderr ends with: ${r.stderr.trim().slice(-600)}` : '';
          throw new ChildProcessFailed(`${this.label} ended during ${during}: ${r.died}${tail}`);
        }
        return r;
      }
      const left = limit - Date.now();
      if (left <= 0) {
        this.kill();
        this.dead = `it did not answer ${during} within ${this.timeoutMs / 1000} s and was killed`;
        throw new ChildProcessFailed(`${this.label}: ${this.dead}`);
      }
      Atomics.wait(this.raised, 0, 0, Math.min(left, 1000));
      Atomics.store(this.raised, 0, 0);
    }
  }

  private kill(): void {
    this.dead ??= 'it was ended';
    try { this.port.postMessage('kill'); } catch { /* the port is closed: the child is gone already */ }
    void this.worker.terminate();
  }
}

/** The addon of a child process, as the parent calls it: every method runs there. */
export function remoteAddon(child: ChildProcess, platform: NativeAddon['platform']): NativeAddon {
  return new Proxy({ platform } as NativeAddon, {
    get: (target, key) => (key === 'platform' ? target.platform : typeof key === 'string' ? (...args: unknown[]) => child.call(key, args) : undefined),
  });
}
