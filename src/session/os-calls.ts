// OS and D3D operations of scenarios, run on a backend by one executor that reads each operation's row
// (src/generated/calls.ts, from scripts/registry/calls.mjs): inputs are decoded by parameter kind (a
// handle or fd looked up in the process it lives in, a process name made an id), the backend's entry
// runs, and what it wrote is bound under the scenario's names, in the process the row says (a KMT
// handle as a global one). Nothing here is written per operation.
import type { CallContext, Executor } from './vulkan-calls.js';
import { num, type Json } from './values.js';
import { OPERATIONS, type BackendOperation, type OperationParam, type OperationRow } from '../generated/calls.js';
import type { ProcessId } from '../backends/types.js';
import { successPredicate } from '../core/success.js';

/** "1-2-3-4-5-6-7-8": the LUID's bytes; anything else: no LUID. */
function luid(v: unknown): Uint8Array | undefined {
  if (typeof v !== 'string' || !/^\d+(-\d+){7}$/.test(v)) return undefined;
  return Uint8Array.from(v.split('-').map(Number));
}

/** The process a parameter's handle or fd lives in (or is made in): its `of` parameter's, else the caller's. */
function processOf(c: CallContext, a: Json, q: OperationParam): ProcessId {
  return q.of === undefined ? c.process : processArg(c, a[q.of]);
}

function processArg(c: CallContext, v: unknown): ProcessId {
  return v === undefined || v === null ? c.process : c.processOf(v);
}

/** One input as the backend takes it. */
function decode(c: CallContext, a: Json, q: OperationParam): unknown {
  const v = a[q.name];
  switch (q.kind) {
    case 'handle': return c.bind.handle(processOf(c, a, q), v);
    case 'fd': return c.bind.fd(processOf(c, a, q), v);
    case 'process': return processArg(c, v);
    case 'object': return c.bind.object(v);
    case 'luid': return luid(v);
    case 'attributes': return v && typeof v === 'object' ? { bInheritHandle: !!num((v as Json).bInheritHandle) } : undefined;
    // An optional name the step leaves empty is no name; a required one is the empty string.
    case 'string': return q.optional ? (typeof v === 'string' && v ? v : undefined) : String(v ?? '');
    case 'number':
      if (q.inout) return v === undefined ? undefined : num(v);
      return num(v) || (q.orElse ?? 0);
  }
}

/** Binds what a successful call wrote under the step's names, and writes back the members the backend filled in. */
function bindOutputs(c: CallContext, a: Json, row: OperationRow, r: Record<string, unknown>): void {
  for (const q of row.params) {
    const v = r[q.name];
    if (q.inout) {
      if (typeof v === 'number' && a[q.name] === undefined) a[q.name] = v;
      continue;
    }
    if (!q.out || typeof v !== 'number') continue;
    if (q.kind === 'handle') c.bind.bindHandle(processOf(c, a, q), a[q.name], v, q.global);
    else if (q.kind === 'fd') c.bind.bindFd(processOf(c, a, q), a[q.name], v);
    else c.bind.bindObject(a[q.name], v);
  }
}

function execute(name: BackendOperation, row: OperationRow): Executor {
  // Success as its return type defines it (core/success.ts): what the core then registers is what is bound.
  const succeeded = successPredicate(name);
  return (c, a) => {
    if (row.runtime !== undefined && !c.backend.runtimes[row.runtime]) return row.unavailable;
    const args: Record<string, unknown> = {};
    for (const q of row.params) if (!q.out) args[q.name] = decode(c, a, q);
    const entry = c.backend.operations[name] as (process: ProcessId, args: unknown) => Record<string, unknown> & { result: number | undefined };
    const r = entry(c.process, args);
    if (r.result === undefined || succeeded(r.result)) bindOutputs(c, a, row, r);
    return r.result;
  };
}

const EXECUTORS = new Map<string, Executor>(Object.entries(OPERATIONS).map(([n, row]) => [n, execute(n as BackendOperation, row)]));

/** The executor of an OS or D3D operation; undefined for a name that is none. */
export function osExecutor(name: string): Executor | undefined {
  return EXECUTORS.get(name);
}
