// A session runs calls through core → backend → core: the core checks the call, the backend (mock or
// native) executes it and fills in the outputs, and the core then applies what really happened. The
// CLI, the tests, the explorer and the cross-check all run scenarios through this one path. Without a
// backend (traces) the outputs are the ones written in the input.
import { returnKind, callSucceeded } from '../core/success.js';
import type { Backend, HandleState, LifecycleEvent, ProcessId } from '../backends/types.js';
import type { CallRecord } from '../input/record.js';
import type { ExpectationResult, Finding } from '../report/types.js';
import type { Validator } from '../validator.js';
import { InputError } from '../core/errors.js';
import { resultValue } from '../validator.js';
import { LIMITS } from '../core/limits.js';
import { Bindings } from './bindings.js';
import { Observed } from './observed.js';
import { resolvePlaceholders } from './placeholders.js';
import { vulkanExecutor, fillsOutputs, type CallContext, type Executor } from './vulkan-calls.js';
import type { DescribedItem } from '../generated/contract.js';
import { osExecutor } from './os-calls.js';
import { checkExpect } from './expect.js';
import { hexBytes, toHex, num, resultName, type Json } from './values.js';

export interface TimelineEvent {
  kind: LifecycleEvent['kind'];
  /** The process lane it belongs to. */
  process: string;
  text: string;
}

export interface StepOutcome {
  call: number;
  line?: number;
  process: string;
  kind: CallRecord['kind'];
  name: string;
  /** What the call returned, by name (VK_SUCCESS, TRUE, S_OK, a number); undefined for void calls. */
  result?: string;
  /** The same as a number: what the backend returned, or what the step wrote; undefined for void calls. */
  code?: number;
  /** Not executed: the core found errors and the session refuses invalid calls (native, safe mode). */
  refused?: boolean;
  /** Added by the session, not written in the input (the processes still alive at the end). */
  synthetic?: boolean;
  findings: Finding[];
  events: TimelineEvent[];
  expectations: ExpectationResult[];
  note?: string;
  /** With `keepOutputs`: the call's arguments after the backend filled in its outputs. */
  after?: Record<string, unknown>;
  /** With `keepOutputs`, for data reads: the bytes seen (hex). */
  seen?: string;
  /** With `keepOutputs`: the backend's own events, with its own handle values. */
  raw?: LifecycleEvent[];
  /** With `observe`: every fd and handle the application held right after the call, as the backend saw them. */
  held?: HandleState[];
  /** The step's query id (`misuse/x:13`, `misuse/x:end` for the exits at the end), when the scenario has one. */
  query?: string;
}

export interface SessionOptions {
  file?: string;
  /** Refuse calls the core finds errors in instead of passing them to the backend (native backends). */
  refuseInvalid?: boolean;
  /** Called after every step (tests check the mock's invariants here). */
  afterStep?: (o: StepOutcome) => void;
  /** Keep each call's outputs in its outcome (the cross-check compares them). */
  keepOutputs?: boolean;
  /**
   * After every call the backend executes, ask it for the state of every handle the application holds
   * (where it can observe them), so that one the call closed or replaced is an event of that call.
   */
  observe?: boolean;
}


export class Session {
  readonly seen = new Observed();
  readonly bind = new Bindings();
  private processes = new Map<string, ProcessId>([['main', 0]]);
  private exited = new Set<string>();
  /** Processes that ran at least one step (only they exit at the end). */
  private active = new Set<string>();
  private pending: LifecycleEvent[] = [];
  private file: string;

  constructor(readonly validator: Validator, readonly backend: Backend | null, private opts: SessionOptions = {}) {
    validator.reset();
    // A backend runs every call of the world: what no call made does not exist (see Validator.setClosedWorld).
    validator.setClosedWorld(backend !== null);
    this.file = opts.file ?? '';
    if (backend) backend.onEvent = (e) => this.pending.push(e);
  }

  /** The backend's id of a scenario process (created on first use). */
  processOf(name: unknown): ProcessId {
    const n = name === undefined || name === null || name === '' ? 'main' : String(name);
    let p = this.processes.get(n);
    if (p === undefined) {
      if (this.processes.size >= LIMITS.processesPerScenario) throw new InputError(`process ${JSON.stringify(n)} would be process number ${this.processes.size + 1}, over the ${LIMITS.processesPerScenario}-process limit (limit processesPerScenario)`, { path: 'process' });
      p = this.backend ? this.backend.os.createProcess(n) : this.processes.size;
      this.processes.set(n, p);
    }
    return p;
  }
  private processName(p: ProcessId): string {
    for (const [n, id] of this.processes) if (id === p) return n;
    return `process ${p}`;
  }

  /** Runs one step. Throws InputError for bad input (with line and member path) and NotSupported. */
  step(rec: CallRecord): StepOutcome {
    const processName = rec.process ?? 'main';
    const process = this.withLine(rec, () => this.processOf(processName));
    this.active.add(processName);
    const out: StepOutcome = { call: rec.call, line: rec.line, process: processName, kind: rec.kind, name: rec.name, findings: [], events: [], expectations: [] };
    if (rec.kind === 'data') return this.dataStep(rec, out);
    const args = this.withLine(rec, () => resolvePlaceholders(rec.args, this.seen, rec.kind === 'vk' ? 'vkFunc.args' : 'os.args'));
    const exec: Executor | undefined = rec.kind === 'vk' ? vulkanExecutor(rec.name) : osExecutor(rec.name);
    let after: Json = args;
    let result: unknown = rec.result;
    if (this.backend && exec) {
      // A Vulkan call is encoded once, before the backend runs it: the backend is asked what the core's
      // decoding of the record says (core/describe.ts), and the same record is judged afterwards with
      // the result, unless the backend filled in outputs (then the call is encoded again, with them).
      const prepared = rec.kind === 'vk' ? this.withLine(rec, () => this.validator.prepare({ ...rec, args })) : undefined;
      const described = prepared ? this.validator.describe() : [];
      // The look before the backend runs the call matters only when invalid calls are refused; otherwise
      // the findings come from applying the call with its real outputs, and a second pass is wasted.
      const pre = !this.opts.refuseInvalid ? []
        : this.withLine(rec, () => (prepared ? this.validator.judgePrepared(prepared, rec.result, false) : rec.kind === 'vk' ? [] : this.validator.check({ ...rec, args }, false)));
      if (pre.some((f) => f.severity === 'error')) {
        out.refused = true;
        out.findings = pre;
        this.seen.miss(rec.name, args, `call ${rec.call} (${rec.name}) was refused, so its answer is not known`);
        this.validator.noteRefused({ ...rec, args });
        return this.finishStep(rec, out);
      }
      after = structuredClone(args);
      const code = this.withLine(rec, () => exec(this.context(process, described), after));
      if (this.opts.observe && this.backend.observer) out.held = this.backend.observer.held();
      result = code;
      out.code = code;
      out.result = code === undefined ? undefined : this.resultText(rec, code);
      out.findings = this.withLine(rec, () => {
        if (rec.kind === 'vk' && !prepared) return []; // a command the core has no rules for
        if (prepared && !fillsOutputs(prepared.entry)) return this.validator.judgePrepared(prepared, result);
        return this.validator.check({ ...rec, args: after, result });
      });
    } else {
      if (rec.result !== undefined) out.result = typeof rec.result === 'number' ? this.resultText(rec, rec.result) : String(rec.result);
      out.findings = this.withLine(rec, () => this.validator.check({ ...rec, args: after, result }));
      // After the check, which refuses a result it cannot read, naming the file and line.
      if (rec.result !== undefined && rec.result !== null) out.code = this.withLine(rec, () => resultValue(rec.result, rec.line));
    }
    if (this.opts.keepOutputs && this.backend) out.after = after;
    // A call that failed answered nothing: a later placeholder that needs its answer stops there.
    if (out.code !== undefined && !callSucceeded(rec.name, out.code)) {
      this.seen.miss(rec.name, args, `call ${rec.call} (${rec.name}) failed with ${out.result}, so its answer is not known`);
    } else {
      // Reading the answers for later placeholders can meet a bad member the core never reads.
      this.withLine(rec, () => {
        try {
          this.seen.take(rec.name, after);
        } catch (e) {
          if (e instanceof InputError && e.where.path) e.where.path = `${rec.name}.${e.where.path}`;
          throw e;
        }
      });
    }
    if (rec.name === 'ExitProcess') this.exited.add(rec.args.process ? String(rec.args.process) : processName);
    return this.finishStep(rec, out);
  }

  /** Ends the scenario: every process still alive exits (the others first, main last), so leaks show. */
  finish(): StepOutcome[] {
    const alive = [...this.active].filter((n) => !this.exited.has(n)).sort((a, b) => (a === 'main' ? 1 : b === 'main' ? -1 : 0));
    let call = 1_000_000;
    return alive.map((name) => {
      const o = this.step({ kind: 'os', name: 'ExitProcess', args: {}, call: ++call, process: name });
      o.synthetic = true;
      return o;
    });
  }

  private finishStep(rec: CallRecord, out: StepOutcome): StepOutcome {
    if (this.bind.size > LIMITS.handlesPerScenario) throw new InputError(`this step brings the names bound at once to ${this.bind.size}, over the ${LIMITS.handlesPerScenario} limit (limit handlesPerScenario)`, { file: this.file || undefined, line: rec.line });
    for (const f of out.findings) { f.file = this.file; f.line = rec.line; }
    out.events = this.drainEvents(out);
    out.expectations.push(...checkExpect(rec, out.findings, this.file, out.result));
    this.opts.afterStep?.(out);
    return out;
  }

  private dataStep(rec: CallRecord, out: StepOutcome): StepOutcome {
    const a = rec.args;
    if (!this.backend) {
      out.note = 'not run: a trace has no memory contents (run it on a backend)';
      return this.finishStep(rec, out);
    }
    const mem = this.bind.object(a.memory);
    const offset = num(a.offset, 'data.offset');
    if (rec.name === 'write') {
      const bytes = hexBytes(String(a.bytes ?? ''), 'data.bytes');
      this.backend.vulkan.write(mem, offset, bytes);
      out.note = `wrote ${bytes.length} bytes at offset ${offset} of ${String(a.memory)}`;
    } else {
      const want = hexBytes(String(a.expect ?? ''), 'data.expect');
      const got = toHex(this.backend.vulkan.read(mem, offset, want.length));
      const passed = got === toHex(want);
      if (this.opts.keepOutputs) out.seen = got;
      out.note = `read ${want.length} bytes at offset ${offset} of ${String(a.memory)}: ${got}`;
      out.expectations.push({ file: this.file, call: rec.call, line: rec.line, vuid: String(a.memory), kind: 'data', passed, detail: passed ? `saw ${got}` : `expected ${toHex(want)}, saw ${got}` });
    }
    return this.finishStep(rec, out);
  }

  private context(process: ProcessId, described: readonly DescribedItem[]): CallContext {
    return { backend: this.backend!, bind: this.bind, process, processOf: (n) => this.processOf(n), described };
  }

  private resultText(rec: CallRecord, code: number): string {
    if (rec.kind === 'vk') return resultName(code);
    const kind = returnKind(rec.name);
    if (kind === 'BOOL') return code ? 'TRUE' : 'FALSE';
    if (kind === 'HRESULT') return code === 0 ? 'S_OK' : `0x${(code >>> 0).toString(16)}`;
    return String(code);
  }

  private withLine<T>(rec: CallRecord, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof InputError) { e.where.line ??= rec.line; e.where.file ??= this.file || undefined; }
      throw e;
    }
  }

  private drainEvents(out?: StepOutcome): TimelineEvent[] {
    const evs = this.pending.splice(0);
    if (out && this.opts.keepOutputs) out.raw = evs;
    return evs.map((e) => describeEvent(e, this.bind, (p) => this.processName(p)));
  }
}

/** How an event's text names handles and memory: a session by the scenario's names, a recorded call by its values. */
export type EventNames = Pick<Bindings, 'fdName' | 'handleName' | 'objectName'>;

/** A backend's event as a timeline line (also used for calls that ran as recorded: recorded-events.ts). */
export function describeEvent(e: LifecycleEvent, b: EventNames, proc: (p: ProcessId) => string): TimelineEvent {
  const h = (p: ProcessId, v: number, kind: string) => (kind === 'fd' ? `fd ${b.fdName(p, v)}` : `${kind === 'kmt' ? 'KMT' : 'NT'} handle ${b.handleName(p, v)}`);
  switch (e.kind) {
    case 'payload-born': return { kind: e.kind, process: '', text: `payload P${e.payload} born (${e.size} bytes, ${e.origin})` };
    case 'payload-freed': return { kind: e.kind, process: '', text: `payload P${e.payload} freed` };
    case 'handle-created': return { kind: e.kind, process: proc(e.process), text: `${h(e.process, e.handle, e.handleKind)} made → P${e.payload}` };
    case 'handle-duplicated': return { kind: e.kind, process: proc(e.process), text: `NT handle ${b.handleName(e.process, e.handle)} duplicated from ${proc(e.fromProcess)}:${b.handleName(e.fromProcess, e.from)} → P${e.payload}` };
    case 'handle-closed': return { kind: e.kind, process: proc(e.process), text: `${h(e.process, e.handle, e.handleKind)} closed` };
    case 'handle-imported': return { kind: e.kind, process: proc(e.process), text: `${h(e.process, e.handle, e.handleKind)} imported as ${b.objectName(e.memory)} → P${e.payload}${e.ownershipMoved ? ` (the driver now owns the fd${e.stillOpen === undefined ? '' : e.stillOpen ? ' and keeps it open' : ' and closed it'})` : ''}` };
    case 'process-exited': return { kind: e.kind, process: proc(e.process), text: `process ${proc(e.process)} exited (${e.handlesClosed} handles closed by the OS)` };
    case 'handle-lost': return { kind: e.kind, process: proc(e.process), text: `${h(e.process, e.handle, e.handleKind)} ${e.how === 'closed' ? 'was closed' : 'now names another object'} during ${e.during}, not by the application` };
    case 'handle-copied': return { kind: e.kind, process: proc(e.process), text: `${h(e.process, e.handle, e.handleKind)} appeared during ${e.during}, on the same object as ${h(e.process, e.from, e.handleKind)}` };
    case 'value-substituted': return { kind: e.kind, process: proc(e.process), text: `${e.handleKind === 'host' ? 'pointer' : h(e.process, e.handle, e.handleKind)} was not passed as written: the driver saw ${e.shown} (${e.why})` };
    case 'not-passed': return { kind: e.kind, process: proc(e.process), text: `not passed to the driver: ${e.why}` };
  }
}
