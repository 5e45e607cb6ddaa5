// The entry of a child process of the native backend (see child-process.ts): opens the native addon
// with the parent's options and runs the addon calls the parent sends, one at a time, answering each
// with the addon's result or the error it threw. "$end" closes the addon and ends the process; so does
// the parent going away (the IPC channel closes).
import { loadNativeAddon } from './index.js';
import type { NativeAddon, OpenOptions } from './addon-api.js';

interface Request { method: string; args: unknown[] }

const send = (m: unknown) => process.send?.(m);

function start(): NativeAddon | undefined {
  let given: { options?: OpenOptions };
  try {
    given = JSON.parse(process.argv[2] ?? '{}') as { options?: OpenOptions };
  } catch (e) {
    send({ fail: `its arguments are not JSON: ${(e as Error).message}` });
    return undefined;
  }
  const load = loadNativeAddon();
  if (!load.addon) { send({ fail: load.reason }); return undefined; }
  const opened = load.addon.open(given.options ?? {});
  if (!opened.ok) { send({ fail: opened.error ?? 'the addon could not reach a Vulkan driver' }); return undefined; }
  send({ ready: { pid: process.pid } });
  return load.addon;
}

const addon = start();
if (!addon) {
  process.disconnect?.();
} else {
  const end = () => { addon.close(); process.exit(0); };
  process.on('disconnect', end);
  process.on('message', (m: Request) => {
    if (m.method === '$end') { addon.close(); send({ ok: true }); setImmediate(() => process.exit(0)); return; }
    try {
      const fn = (addon as unknown as Record<string, unknown>)[m.method];
      if (typeof fn !== 'function') throw new RangeError(`the native addon has no call named ${m.method}`);
      send({ ok: (fn as (...a: unknown[]) => unknown).apply(addon, m.args) });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      send({ error: { name: err.name, message: err.message } });
    }
  });
}
