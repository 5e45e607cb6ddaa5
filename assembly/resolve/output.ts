// What resolveImport answers leaves the core as a list of small fixed entries, like findings do:
// a topic (which decision), a code (the decision's mode), a value (a size, a mask, an object id),
// the rule that forces it (a VUID rule id, or -1), our reason text (always; it is the message), a
// flag word, and operands. TypeScript groups the entries by topic and writes the words.

// Topics.
export const T_SIZE: i32 = 1; // the allocationSize decision (one entry)
export const T_SIZE_PART: i32 = 2; // one constraint on allocationSize
export const T_TYPE: i32 = 3; // the memoryTypeIndex decision: value = candidate mask
export const T_TYPE_PART: i32 = 4; // one component mask
export const T_DEDICATED: i32 = 5; // VkMemoryDedicatedAllocateInfo decision
export const T_DEDICATED_PART: i32 = 6;
export const T_NV_DEDICATED: i32 = 7; // VkDedicatedAllocationMemoryAllocateInfoNV decision
export const T_NV_DEDICATED_PART: i32 = 8;
export const T_CHAIN: i32 = 9; // one structure of the chain to build
export const T_PROBLEM: i32 = 10; // why the import cannot work (or cannot be decided)
export const T_SOURCE: i32 = 11; // what the handle, fd, name or pointer refers to
export const T_NOTE: i32 = 12; // advice that changes nothing in the chain

// allocationSize modes.
export const SIZE_EXACT: i32 = 1; // must equal value
export const SIZE_RESOURCE_REQUIREMENT: i32 = 2; // at least the dedicated resource's requirement (value); we use it
export const SIZE_AT_LEAST: i32 = 3;
export const SIZE_ALIGNED: i32 = 4; // a multiple of value
export const SIZE_IGNORED: i32 = 5; // the implementation takes the size from the OS object
export const SIZE_UNKNOWN: i32 = 6; // the state does not say
export const SIZE_ANY: i32 = 7; // the application chooses (value: the whole payload, when known)

// memoryTypeIndex component kinds (T_TYPE_PART code).
export const TYPES_DEVICE: i32 = 1; // the device's memory types
export const TYPES_RESOURCE: i32 = 2; // the resource's memoryTypeBits
export const TYPES_EXPORTER: i32 = 3; // the exporting allocation's type
export const TYPES_HANDLE: i32 = 4; // a handle-properties answer (Win32 handle or fd)
export const TYPES_HOST: i32 = 5; // the host-pointer properties answer
// T_TYPE code.
export const TYPES_COMPLETE: i32 = 0;
export const TYPES_PARTIAL: i32 = 1; // some component is unknown: the mask may be too wide

// Dedicated decisions (T_DEDICATED / T_NV_DEDICATED code).
export const DED_REQUIRED: i32 = 1;
export const DED_OPTIONAL: i32 = 2;
export const DED_NOT_ALLOWED: i32 = 3;
export const DED_NOT_APPLICABLE: i32 = 4; // the NV structure only names resources made for it

// Chain structures (T_CHAIN code). Operands in a fixed order per structure, see chain.ts.
export const CH_IMPORT_WIN32: i32 = 1;
export const CH_IMPORT_WIN32_NV: i32 = 2;
export const CH_IMPORT_FD: i32 = 3;
export const CH_IMPORT_HOST: i32 = 4;
export const CH_DEDICATED: i32 = 5;
export const CH_DEDICATED_NV: i32 = 6;
export const CH_ALLOCATE_FLAGS: i32 = 7;

// Problem severities (T_PROBLEM code), as findings number them.
export const P_ERROR: i32 = 0;
export const P_UNDECIDABLE: i32 = 3;

// Flag word bits.
export const F_IMAGE: i64 = 1; // the value or target is an image
export const F_BUFFER: i64 = 2;
export const F_UNKNOWN: i64 = 4; // a component whose mask the state does not show
export const F_PRIMARY: i64 = 8; // the part that decided its topic

export const MAX_OPS: i32 = 6;
export const ENTRY_WORDS: i32 = 8 + 2 * MAX_OPS;
export const MAX_ENTRIES: i32 = 64;

export const resolveOut = new StaticArray<i64>(MAX_ENTRIES * ENTRY_WORDS);
let count: i32 = 0;
let cur: i32 = -1;

export function clearEntries(): void { count = 0; cur = -1; }
export function entryCount(): i32 { return count; }

/** Starts an entry; add operands with arg(). A full buffer drops the entry (64 is far more than one import needs). */
export function entry(topic: i32, code: i32, value: i64, rule: i32, reason: i32, flags: i64 = 0): void {
  if (count >= MAX_ENTRIES) { cur = -1; return; }
  cur = count * ENTRY_WORDS;
  count++;
  unchecked(resolveOut[cur] = topic);
  unchecked(resolveOut[cur + 1] = code);
  unchecked(resolveOut[cur + 2] = value);
  unchecked(resolveOut[cur + 3] = rule);
  unchecked(resolveOut[cur + 4] = reason);
  unchecked(resolveOut[cur + 5] = flags);
  unchecked(resolveOut[cur + 6] = 0);
  unchecked(resolveOut[cur + 7] = 0);
}

export function arg(kind: i32, value: i64): void {
  if (cur < 0) return;
  const n = <i32>unchecked(resolveOut[cur + 6]);
  if (n >= MAX_OPS) return;
  unchecked(resolveOut[cur + 8 + 2 * n] = kind);
  unchecked(resolveOut[cur + 9 + 2 * n] = value);
  unchecked(resolveOut[cur + 6] = n + 1);
}

/** Counts the entries of a topic written so far (problems decide whether a chain is worth using). */
export function countTopic(topic: i32, code: i32 = -1): i32 {
  let c = 0;
  for (let i = 0; i < count; i++) {
    const b = i * ENTRY_WORDS;
    if (<i32>unchecked(resolveOut[b]) == topic && (code < 0 || <i32>unchecked(resolveOut[b + 1]) == code)) c++;
  }
  return c;
}

/** The index of the entry written last (its operands may still be added). */
export function lastEntry(): i32 { return count - 1; }

/** Gives the current entry the operands of entry `from` (a decision repeats the words of the part that decided it). */
export function copyArgs(from: i32): void {
  if (cur < 0 || from < 0 || from >= count) return;
  const b = from * ENTRY_WORDS;
  const n = <i32>unchecked(resolveOut[b + 6]);
  for (let k = 0; k < n; k++) arg(<i32>unchecked(resolveOut[b + 8 + 2 * k]), unchecked(resolveOut[b + 9 + 2 * k]));
}
