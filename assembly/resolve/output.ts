// What resolveImport answers leaves the core as a list of small fixed entries, like findings do:
// a topic (which decision), a code (the decision's mode), a value (a size, a mask, an object id),
// the rule that forces it (a VUID rule id, or -1), our reason text (always; it is the message), a
// flag word, and operands. The layout, the topics, modes and flags are the contract's
// (generated/contract.ts). TypeScript groups the entries by topic and writes the words.
import {
  RESOLVE_MAX_ENTRIES, RESOLVE_MAX_OPERANDS, RESOLVE_ENTRY_WORDS, RESOLVE_TOPIC, RESOLVE_CODE, RESOLVE_VALUE,
  RESOLVE_RULE, RESOLVE_REASON, RESOLVE_FLAGS, RESOLVE_OPERAND_COUNT, RESOLVE_RESERVED, RESOLVE_OPERANDS,
} from '../generated/contract';

export const resolveOut = new StaticArray<i64>(RESOLVE_MAX_ENTRIES * RESOLVE_ENTRY_WORDS);
let count: i32 = 0;
let cur: i32 = -1;

export function clearEntries(): void { count = 0; cur = -1; }
export function entryCount(): i32 { return count; }

/** Starts an entry; add operands with arg(). A full buffer drops the entry (64 is far more than one import needs). */
export function entry(topic: i32, code: i32, value: i64, rule: i32, reason: i32, flags: i64 = 0): void {
  if (count >= RESOLVE_MAX_ENTRIES) { cur = -1; return; }
  cur = count * RESOLVE_ENTRY_WORDS;
  count++;
  unchecked(resolveOut[cur + RESOLVE_TOPIC] = topic);
  unchecked(resolveOut[cur + RESOLVE_CODE] = code);
  unchecked(resolveOut[cur + RESOLVE_VALUE] = value);
  unchecked(resolveOut[cur + RESOLVE_RULE] = rule);
  unchecked(resolveOut[cur + RESOLVE_REASON] = reason);
  unchecked(resolveOut[cur + RESOLVE_FLAGS] = flags);
  unchecked(resolveOut[cur + RESOLVE_OPERAND_COUNT] = 0);
  unchecked(resolveOut[cur + RESOLVE_RESERVED] = 0);
}

export function arg(kind: i32, value: i64): void {
  if (cur < 0) return;
  const n = <i32>unchecked(resolveOut[cur + RESOLVE_OPERAND_COUNT]);
  if (n >= RESOLVE_MAX_OPERANDS) return;
  unchecked(resolveOut[cur + RESOLVE_OPERANDS + 2 * n] = kind);
  unchecked(resolveOut[cur + RESOLVE_OPERANDS + 1 + 2 * n] = value);
  unchecked(resolveOut[cur + RESOLVE_OPERAND_COUNT] = n + 1);
}

/** The index of the entry written last (its operands may still be added). */
export function lastEntry(): i32 { return count - 1; }

/** Gives the current entry the operands of entry `from` (a decision repeats the words of the part that decided it). */
export function copyArgs(from: i32): void {
  if (cur < 0 || from < 0 || from >= count) return;
  const b = from * RESOLVE_ENTRY_WORDS;
  const n = <i32>unchecked(resolveOut[b + RESOLVE_OPERAND_COUNT]);
  for (let k = 0; k < n; k++) arg(<i32>unchecked(resolveOut[b + RESOLVE_OPERANDS + 2 * k]), unchecked(resolveOut[b + RESOLVE_OPERANDS + 1 + 2 * k]));
}
