// Recording a driver's answers and replaying them. A recording backend wraps the backend of a real
// driver and writes down every call the engine makes, what came back, and the events the backend saw
// during it; a replaying backend answers the same calls from that log. The engine is deterministic, so a
// replay judges exactly what the driver did, on a machine without that driver (the GPU machine's runs
// are recorded there and judged again in the tests here). A replay that is asked anything the recording
// does not hold stops with ReplayMismatch: the engine changed, and the driver must be recorded again.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Backend, LifecycleEvent, Runtimes } from '../backends/types.js';
import type { ConformTarget } from './run.js';

type Value = unknown;
/** One call: [member path, arguments, result, events during it]. */
type Entry = [string, Value[], Value, LifecycleEvent[]];

export interface Recording {
  format: 'vk-extmem conformance recording';
  version: 1;
  /** Where and how it was recorded (free text: machine, driver, command). */
  note: string;
  /** Backend calls beyond the Backend interface the recorded backend had (the native addon's batch and observing mode). */
  extras: string[];
  /** What the recorded backend's handle observer could see (HandleObserver.kinds). */
  observes: Array<'fd' | 'nt'>;
  /** The runtimes the recorded backend had (absent in older recordings: none). */
  runtimes?: Runtimes;
  /** One list of calls per backend the engine opened, in order. */
  sessions: Entry[][];
}

export class ReplayMismatch extends Error {}

const FORMAT = 'vk-extmem conformance recording';

// ---- encoding values: typed arrays as base64, the image batch's answers as a dictionary of rows.

function encode(v: Value): Value {
  if (v instanceof Uint8Array) return { $u8: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  if (v instanceof Uint32Array) return { $u32: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  if (v instanceof Float64Array) return encodeRows(v);
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  return v;
}

function decode(v: Value): Value {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') {
    const o = v as Record<string, Value>;
    if (typeof o.$u8 === 'string') return new Uint8Array(Buffer.from(o.$u8, 'base64'));
    if (typeof o.$u32 === 'string') { const b = Buffer.from(o.$u32, 'base64'); return new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)); }
    if (Array.isArray(o.$rows)) return decodeRows(o);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decode(x)]));
  }
  return v;
}

/**
 * A Float64Array of answers (11 numbers each for the image batch) as its distinct rows and, per answer,
 * the index of its row: a sweep of a few hundred thousand answers has a few hundred distinct ones.
 */
function encodeRows(a: Float64Array, width = 11): Value {
  if (a.length % width !== 0) return { $f64: Array.from(a) };
  const rows: number[][] = [];
  const index = new Map<string, number>();
  const which = new Uint16Array(a.length / width);
  for (let i = 0; i < which.length; i++) {
    const row = Array.from(a.subarray(i * width, i * width + width));
    const key = row.join(',');
    let k = index.get(key);
    if (k === undefined) { k = rows.length; rows.push(row); index.set(key, k); }
    which[i] = k;
  }
  if (rows.length > 0xffff) return { $f64: Array.from(a) };
  return { $rows: rows, $which: Buffer.from(which.buffer).toString('base64') };
}

function decodeRows(o: Record<string, Value>): Float64Array {
  const rows = o.$rows as number[][];
  const b = Buffer.from(o.$which as string, 'base64');
  const which = new Uint16Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  const width = rows[0]?.length ?? 11;
  const out = new Float64Array(which.length * width);
  which.forEach((k, i) => out.set(rows[k], i * width));
  return out;
}

/** A short fingerprint of a query array (the replay checks the engine asks the same questions). */
function fingerprint(a: Uint32Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < a.length; i++) { h ^= a[i]; h = Math.imul(h, 0x01000193) >>> 0; }
  return `${a.length}:${h.toString(16)}`;
}

// ---- recording

const GROUPS = ['vulkan', 'os', 'operations', 'observer'] as const;
const EXTRAS = ['setObserving', 'imageFormatBatch'] as const;

/** A target whose backends write every call into `rec` (finish with `recordingText`). */
export function recordingTarget(inner: ConformTarget, note: string): { target: ConformTarget; recording: Recording } {
  const recording: Recording = { format: FORMAT, version: 1, note, extras: [], observes: [], sessions: [] };
  return {
    recording,
    target: {
      open: () => {
        const b = inner.open();
        recording.extras = EXTRAS.filter((k) => typeof (b as unknown as Record<string, unknown>)[k] === 'function');
        recording.observes = [...(b.observer?.kinds ?? [])];
        recording.runtimes = { ...b.runtimes };
        return recordBackend(b, (recording.sessions[recording.sessions.length] = []));
      },
    },
  };
}

function recordBackend(b: Backend, log: Entry[]): Backend {
  let events: LifecycleEvent[] = [];
  const wrapper = Object.create(null) as Record<string, unknown> & Backend;
  b.onEvent = (e) => { events.push(e); wrapper.onEvent?.(e); };
  const call = <T>(path: string, args: Value[], fn: () => T, out?: Float64Array): T => {
    events = [];
    const r = fn();
    log.push([path, args.map(encode), encode(out ?? r) ?? null, events.map((e) => encode(e) as LifecycleEvent)]);
    return r;
  };
  const group = (name: (typeof GROUPS)[number], target: Record<string, unknown> | undefined) => {
    if (!target) return undefined;
    const g: Record<string, unknown> = {};
    for (const k of Object.keys(target).concat(Object.getOwnPropertyNames(Object.getPrototypeOf(target) ?? {}))) {
      const f = target[k];
      if (typeof f !== 'function' || k === 'constructor') continue;
      g[k] = (...args: Value[]) => call(`${name}.${k}`, args, () => (f as (...a: Value[]) => unknown).apply(target, args));
    }
    return g;
  };
  Object.assign(wrapper, {
    kind: b.kind, description: b.description, runtimes: b.runtimes,
    vulkan: group('vulkan', b.vulkan as unknown as Record<string, unknown>),
    os: group('os', b.os as unknown as Record<string, unknown>),
    operations: group('operations', b.operations as unknown as Record<string, unknown>),
    observer: b.observer ? { ...group('observer', b.observer as unknown as Record<string, unknown>), kinds: b.observer.kinds } : undefined,
    dispose: () => call('dispose', [], () => b.dispose()),
  });
  const native = b as unknown as { setObserving?(on: boolean): void; imageFormatBatch?(pd: number, q: Uint32Array, out: Float64Array): number };
  if (native.setObserving) wrapper.setObserving = (on: boolean) => call('setObserving', [on], () => native.setObserving!(on));
  if (native.imageFormatBatch) {
    wrapper.imageFormatBatch = (pd: number, q: Uint32Array, out: Float64Array) => call('imageFormatBatch', [pd, fingerprint(q)], () => native.imageFormatBatch!(pd, q, out), out);
  }
  return wrapper;
}

export function recordingText(r: Recording): Buffer {
  return gzipSync(JSON.stringify(r), { level: 9 });
}

export function readRecording(data: Buffer, where: string): Recording {
  let r: Recording;
  try {
    r = JSON.parse(gunzipSync(data).toString('utf8')) as Recording;
  } catch (e) {
    throw new ReplayMismatch(`${where} is not a gzipped conformance recording (${(e as Error).message})`);
  }
  if (r?.format !== FORMAT || r.version !== 1 || !Array.isArray(r.sessions) || !Array.isArray(r.extras)) throw new ReplayMismatch(`${where} is not a version 1 ${FORMAT}`);
  for (const session of r.sessions) session.forEach((e, i) => { session[i] = asOperation(e); });
  return r;
}

/**
 * An entry recorded before the OS calls became the backend's operations (os.close(p, fd) and the like),
 * or before vulkan.physicalDevices took the calling process (all of them were process 0's then), as the
 * call the engine now makes with the same meaning; any other entry as it is.
 */
function asOperation(e: Entry): Entry {
  const [path, args, answer, events] = e;
  const p = args[0];
  switch (path) {
    case 'vulkan.physicalDevices': return args.length === 0 ? [path, [0], answer, events] : e;
    case 'os.exitProcess': return ['operations.ExitProcess', [p, { process: p }], {}, events];
    case 'os.close': return ['operations.close', [p, { fd: args[1] }], { result: answer }, events];
    case 'os.dup': return ['operations.dup', [p, { oldfd: args[1] }], { result: answer, newfd: answer }, events];
    default: return e;
  }
}

// ---- replaying

/** A target whose backends answer from a recording, session by session, call by call. */
export function replayTarget(r: Recording, kind: 'native' | 'mock' = 'native'): ConformTarget {
  let next = 0;
  return {
    open: () => {
      if (next >= r.sessions.length) throw new ReplayMismatch(`the engine opened backend ${next + 1}; the recording holds ${r.sessions.length}`);
      return replayBackend(r.sessions[next], next++, kind, r.extras, r.observes ?? [], r.runtimes ?? { d3d: false });
    },
  };
}

function replayBackend(log: Entry[], session: number, kind: 'native' | 'mock', extras: string[], observes: Array<'fd' | 'nt'>, runtimes: Runtimes): Backend {
  let i = 0;
  // The first mismatch is the one that explains: every later call (the engine's dispose() in a finally
  // block, say) throws it again rather than a mismatch of its own that would hide it.
  let mismatch: ReplayMismatch | undefined;
  const fail = (why: string): never => { throw (mismatch = new ReplayMismatch(why)); };
  const wrapper = Object.create(null) as Record<string, unknown> & Backend;
  const answer = (path: string, args: Value[], out?: Float64Array): unknown => {
    if (mismatch) throw mismatch;
    const e = log[i];
    const where = `backend ${session + 1}, call ${i + 1}`;
    if (!e) fail(`${where}: the engine called ${path}, but the recording ends here`);
    if (e[0] !== path) fail(`${where}: the engine called ${path}, the recording has ${e[0]}`);
    // physicalDevices() is physicalDevices(0), as the recording reads it (asOperation).
    const given = JSON.stringify((path === 'vulkan.physicalDevices' && args.length === 0 ? [0] : args).map(encode));
    if (given !== JSON.stringify(e[1])) fail(`${where}: ${path} was called with ${given.slice(0, 200)}, recorded with ${JSON.stringify(e[1]).slice(0, 200)}`);
    i++;
    for (const ev of e[3]) wrapper.onEvent?.(decode(ev) as LifecycleEvent);
    const r = decode(e[2]);
    if (out) { out.set(r as Float64Array); return (r as Float64Array).length / 11; }
    return r;
  };
  const group = (name: string) => new Proxy({}, { get: (_t, k) => (typeof k === 'string' ? (...args: Value[]) => answer(`${name}.${k}`, args) : undefined) });
  Object.assign(wrapper, {
    kind, description: `replayed recording, backend ${session + 1}`, runtimes,
    vulkan: group('vulkan'), os: group('os'), operations: group('operations'), observer: Object.assign(Object.create(group('observer')), { kinds: observes }),
    dispose: () => answer('dispose', []),
  });
  if (extras.includes('setObserving')) wrapper.setObserving = (on: boolean) => answer('setObserving', [on]);
  if (extras.includes('imageFormatBatch')) wrapper.imageFormatBatch = (pd: number, q: Uint32Array, out: Float64Array) => answer('imageFormatBatch', [pd, fingerprint(q)], out);
  return wrapper;
}
