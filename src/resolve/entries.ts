// Reading the core's resolution entries (assembly/resolve/output.ts) out of Wasm memory, in the
// contract's layout (generated/contract.ts: RESOLVE and the topics, modes and flags beside it).
import type { CoreExports } from '../core/wasm.js';
import { RESOLVE } from '../generated/contract.js';
import type { Operand } from './words.js';

export interface Entry {
  topic: number;
  code: number;
  value: bigint;
  rule: number;
  reason: number;
  flags: bigint;
  ops: Operand[];
}

const F = RESOLVE.field;

/** The `count` entries resolveImport just wrote. */
export function readEntries(core: CoreExports, count: number): Entry[] {
  const view = new DataView(core.memory.buffer, core.resolveOutputAddress(), count * RESOLVE.words * 8);
  const w = (e: number, k: number) => view.getBigInt64((e * RESOLVE.words + k) * 8, true);
  const out: Entry[] = [];
  for (let e = 0; e < count; e++) {
    const n = Math.min(Number(w(e, F.operandCount)), RESOLVE.maxOperands);
    const ops: Operand[] = [];
    for (let k = 0; k < n; k++) ops.push([Number(w(e, F.operands + 2 * k)), w(e, F.operands + 2 * k + 1)]);
    out.push({ topic: Number(w(e, F.topic)), code: Number(w(e, F.code)), value: w(e, F.value), rule: Number(w(e, F.rule)), reason: Number(w(e, F.reason)), flags: w(e, F.flags), ops });
  }
  return out;
}
