// The call record TypeScript writes into linear memory: a header, a table of nodes (the command's
// parameter block, every structure reached through a parameter, a member or a pNext chain), and the
// member slots of each node as 64-bit words. See src/core/encode.ts for the writer.
import { SLOT_COUNT, C__unmodelled_ } from '../generated/registry';

export const HEADER_WORDS: i32 = 8;
export const NODE_WORDS: i32 = 7;
/** Record capacity in 64-bit words; TypeScript refuses records that would not fit. */
export const INPUT_WORDS: i32 = 32768;
/** parentSlot of a node reached through its parent's pNext chain. */
export const VIA_PNEXT: i32 = -1;
export const ROOT: i32 = -2;
/** Result word when the input does not say what the call returned. */
export const RESULT_UNKNOWN: i64 = 0x7fffffff;

export const input = new StaticArray<i64>(INPUT_WORDS);

// Header words.
@inline export function recEntry(): i32 { return <i32>unchecked(input[0]); }
@inline export function recCall(): i64 { return unchecked(input[1]); }
@inline export function recResult(): i64 { return unchecked(input[2]); }
@inline export function recProcess(): i32 { return <i32>unchecked(input[3]); }
@inline export function nodeCount(): i32 { return <i32>unchecked(input[4]); }

@inline function nodeBase(n: i32): i32 { return HEADER_WORDS + n * NODE_WORDS; }
@inline export function nodeEntry(n: i32): i32 { return <i32>unchecked(input[nodeBase(n)]); }
@inline export function nodeParent(n: i32): i32 { return <i32>unchecked(input[nodeBase(n) + 1]); }
@inline export function nodeParentSlot(n: i32): i32 { return <i32>unchecked(input[nodeBase(n) + 2]); }
/** The sType value the input declared (-1 when it gave none). */
@inline export function nodeSType(n: i32): i64 { return unchecked(input[nodeBase(n) + 3]); }
@inline export function nodePresent(n: i32): i64 { return unchecked(input[nodeBase(n) + 4]); }
/** Members the input gave as an explicit null (pointers, handles). */
@inline export function nodeNulls(n: i32): i64 { return unchecked(input[nodeBase(n) + 5]); }
@inline function slotAt(n: i32): i32 { return <i32>unchecked(input[nodeBase(n) + 6]); }
export function isNull(n: i32, slot: i32): bool { return n >= 0 && ((nodeNulls(n) >> slot) & 1) != 0; }

/** A member's value; 0 when the node is absent (-1) or the member was not given. */
export function get(n: i32, slot: i32): i64 {
  if (n < 0) return 0;
  return unchecked(input[slotAt(n) + slot]);
}
export function has(n: i32, slot: i32): bool {
  if (n < 0) return false;
  return ((nodePresent(n) >> slot) & 1) != 0;
}
export function slotCountOf(n: i32): i32 { return unchecked(SLOT_COUNT[nodeEntry(n)]); }

/** The child node stored in a STRUCT slot, or -1 for NULL. */
export function child(n: i32, slot: i32): i32 {
  if (n < 0) return -1;
  return <i32>get(n, slot) - 1;
}

// Chained structures and array elements: core/chain-index.ts, read once per record.

export function isUnmodelled(n: i32): bool { return nodeEntry(n) == C__unmodelled_; }
