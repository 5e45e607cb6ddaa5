// Reading the core's resolution entries (assembly/resolve/output.ts) out of Wasm memory.
import type { CoreExports } from '../core/wasm.js';
import type { Operand } from './words.js';

// Topics, modes and flags: the numbers assembly/resolve/output.ts defines.
export const T = { SIZE: 1, SIZE_PART: 2, TYPE: 3, TYPE_PART: 4, DEDICATED: 5, DEDICATED_PART: 6, NV_DEDICATED: 7, NV_DEDICATED_PART: 8, CHAIN: 9, PROBLEM: 10, SOURCE: 11, NOTE: 12 } as const;
export const SIZE_MODES = ['', 'EXACT', 'RESOURCE_REQUIREMENT', 'AT_LEAST', 'ALIGNED', 'IGNORED', 'UNKNOWN', 'ANY'] as const;
export const TYPE_KINDS = ['', 'device', 'resource', 'exporter', 'handle', 'host'] as const;
export const DEDICATED = ['', 'REQUIRED', 'OPTIONAL', 'NOT_ALLOWED', 'NOT_APPLICABLE'] as const;
export const CH = { IMPORT_WIN32: 1, IMPORT_WIN32_NV: 2, IMPORT_FD: 3, IMPORT_HOST: 4, DEDICATED: 5, DEDICATED_NV: 6, ALLOCATE_FLAGS: 7 } as const;
export const F = { IMAGE: 1n, BUFFER: 2n, UNKNOWN: 4n } as const;

export interface Entry {
  topic: number;
  code: number;
  value: bigint;
  rule: number;
  reason: number;
  flags: bigint;
  ops: Operand[];
}

/** The `count` entries resolveImport just wrote. */
export function readEntries(core: CoreExports, count: number): Entry[] {
  const words = core.resolveEntryWords();
  const view = new DataView(core.memory.buffer, core.resolveOutputAddress(), count * words * 8);
  const w = (e: number, k: number) => view.getBigInt64((e * words + k) * 8, true);
  const out: Entry[] = [];
  for (let e = 0; e < count; e++) {
    const n = Number(w(e, 6));
    const ops: Operand[] = [];
    for (let k = 0; k < n; k++) ops.push([Number(w(e, 8 + 2 * k)), w(e, 9 + 2 * k)]);
    out.push({ topic: Number(w(e, 0)), code: Number(w(e, 1)), value: w(e, 2), rule: Number(w(e, 3)), reason: Number(w(e, 4)), flags: w(e, 5), ops });
  }
  return out;
}
