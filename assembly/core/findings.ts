// Findings leave the core as small fixed records: rule, severity, node, slot, reason, operands.
// TypeScript turns them into text with the rule's template; nothing here builds a string.
import { recCall } from './record';

export const SEV_ERROR: i32 = 0;
export const SEV_WARNING: i32 = 1;
export const SEV_INFO: i32 = 2;
export const SEV_UNDECIDABLE: i32 = 3;

// Operand kinds: how TypeScript should print a value.
export const O_INT: i32 = 0;
export const O_SIZE: i32 = 1;
export const O_HEX: i32 = 2;
export const O_HANDLE_TYPES: i32 = 3; // VkExternalMemoryHandleTypeFlags
export const O_HANDLE_TYPES_NV: i32 = 4; // VkExternalMemoryHandleTypeFlagsNV
export const O_OBJECT: i32 = 5; // interned Vulkan/D3D object id
export const O_STRING: i32 = 6; // interned string id
export const O_BITS: i32 = 7; // a bit set printed as {0, 3}
export const O_CALL: i32 = 8; // a call index
export const O_MEMBER: i32 = 9; // the value of the finding's own member, named by its type
export const O_STYPE: i32 = 10;
export const O_BOOL: i32 = 11;
export const O_RESULT: i32 = 12;
export const O_EXTENSIONS: i32 = 13;
export const O_FD: i32 = 14;
export const O_OSHANDLE: i32 = 15;
export const O_FEATURES: i32 = 16; // VkExternalMemoryFeatureFlags
export const O_ENTRY: i32 = 17; // a structure or command id
export const O_PROCESS: i32 = 18;
export const O_IMAGE_CREATE_FLAGS: i32 = 19;
export const O_BUFFER_CREATE_FLAGS: i32 = 20;
export const O_VERSION: i32 = 21;

export const MAX_OPERANDS: i32 = 6;
const FINDING_WORDS: i32 = 6 + 2 * MAX_OPERANDS;
export const MAX_FINDINGS: i32 = 256;

export const output = new StaticArray<i64>(MAX_FINDINGS * FINDING_WORDS);
let count: i32 = 0;
let cur: i32 = -1;
let dropped: i32 = 0;

export function findingCount(): i32 { return count; }
export function droppedCount(): i32 { return dropped; }
export function clearFindings(): void { count = 0; dropped = 0; cur = -1; }

/** Starts a finding; add operands with op(). Returns false when the buffer is full (the finding is counted as dropped). */
export function report(rule: i32, node: i32, slot: i32, severity: i32 = SEV_ERROR, reason: i32 = -1): bool {
  if (count >= MAX_FINDINGS) { dropped++; cur = -1; return false; }
  cur = count * FINDING_WORDS;
  count++;
  unchecked(output[cur] = rule);
  unchecked(output[cur + 1] = severity);
  unchecked(output[cur + 2] = node);
  unchecked(output[cur + 3] = slot);
  unchecked(output[cur + 4] = reason);
  unchecked(output[cur + 5] = 0);
  return true;
}

/** Reports that the input does not show what the rule needs; `reason` names what is missing. */
export function undecidable(rule: i32, reason: i32, node: i32, slot: i32): bool {
  return report(rule, node, slot, SEV_UNDECIDABLE, reason);
}

export function op(kind: i32, value: i64): void {
  if (cur < 0) return;
  const n = <i32>unchecked(output[cur + 5]);
  if (n >= MAX_OPERANDS) return;
  unchecked(output[cur + 6 + 2 * n] = kind);
  unchecked(output[cur + 7 + 2 * n] = value);
  unchecked(output[cur + 5] = n + 1);
}

export { recCall };
