// The call record TypeScript writes into linear memory: a header, a table of nodes (the command's
// parameter block, every structure reached through a parameter, a member or a pNext chain), and the
// member slots of each node as 64-bit words. The layout is the contract's (generated/contract.ts); see
// src/core/encode.ts for the writer.
import {
  REC_INPUT_WORDS, REC_HEADER_WORDS, REC_NODE_WORDS, REC_ENTRY, REC_CALL, REC_RESULT, REC_PROCESS, REC_NODE_COUNT,
  NODE_ENTRY, NODE_PARENT, NODE_PARENT_SLOT, NODE_STYPE, NODE_PRESENT, NODE_NULLS, NODE_SLOT_OFFSET, VIA_PNEXT,
  CHILD_BIAS,
} from '../generated/contract';

/** The record buffer (REC_INPUT_WORDS 64-bit words); TypeScript refuses records that would not fit. */
export const input = new StaticArray<i64>(REC_INPUT_WORDS);

// Header words.
@inline export function recEntry(): i32 { return <i32>unchecked(input[REC_ENTRY]); }
@inline export function recCall(): i64 { return unchecked(input[REC_CALL]); }
@inline export function recResult(): i64 { return unchecked(input[REC_RESULT]); }
@inline export function recProcess(): i32 { return <i32>unchecked(input[REC_PROCESS]); }
@inline export function nodeCount(): i32 { return <i32>unchecked(input[REC_NODE_COUNT]); }

// A node's entry, parent, parent slot and slot offset are read as 32-bit values, the low half of their
// words: the encoder (src/core/encode.ts newNode) writes only that half. sType and the masks are 64-bit.
@inline function nodeBase(n: i32): i32 { return REC_HEADER_WORDS + n * REC_NODE_WORDS; }
@inline export function nodeEntry(n: i32): i32 { return <i32>unchecked(input[nodeBase(n) + NODE_ENTRY]); }
@inline export function nodeParent(n: i32): i32 { return <i32>unchecked(input[nodeBase(n) + NODE_PARENT]); }
@inline export function nodeParentSlot(n: i32): i32 { return <i32>unchecked(input[nodeBase(n) + NODE_PARENT_SLOT]); }
/** The sType value the input declared (NO_STYPE when it gave none). */
@inline export function nodeSType(n: i32): i64 { return unchecked(input[nodeBase(n) + NODE_STYPE]); }
@inline export function nodePresent(n: i32): i64 { return unchecked(input[nodeBase(n) + NODE_PRESENT]); }
/** Members the input gave as an explicit null (pointers, handles). */
@inline export function nodeNulls(n: i32): i64 { return unchecked(input[nodeBase(n) + NODE_NULLS]); }
@inline function slotAt(n: i32): i32 { return <i32>unchecked(input[nodeBase(n) + NODE_SLOT_OFFSET]); }
@inline export function isNull(n: i32, slot: i32): bool { return n >= 0 && ((nodeNulls(n) >> slot) & 1) != 0; }

/** A member's value; 0 when the node is absent (negative) or the member was not given. */
@inline export function get(n: i32, slot: i32): i64 {
  if (n < 0) return 0;
  return unchecked(input[slotAt(n) + slot]);
}
@inline export function has(n: i32, slot: i32): bool {
  if (n < 0) return false;
  return ((nodePresent(n) >> slot) & 1) != 0;
}

/** The child node stored in a STRUCT slot, or -1 for NULL. */
export function child(n: i32, slot: i32): i32 {
  if (n < 0) return -1;
  return <i32>get(n, slot) - CHILD_BIAS;
}

// Chained structures and array elements: core/chain-index.ts, read once per record.

