// Findings leave the core as small fixed records: rule, severity, node, slot, reason, operands (the
// layout and the codes are the contract's, generated/contract.ts). TypeScript turns them into text with
// the rule's template; nothing here builds a string.
import {
  MAX_FINDINGS, MAX_OPERANDS, FINDING_WORDS, FINDING_RULE, FINDING_SEVERITY, FINDING_NODE, FINDING_SLOT, FINDING_REASON,
  FINDING_OPERAND_COUNT, FINDING_OPERANDS, NO_REASON, SEV_ERROR, SEV_UNDECIDABLE,
} from '../generated/contract';

export const output = new StaticArray<i64>(MAX_FINDINGS * FINDING_WORDS);
let count: i32 = 0;
let cur: i32 = -1;
let dropped: i32 = 0;

export function findingCount(): i32 { return count; }
export function droppedCount(): i32 { return dropped; }
export function clearFindings(): void { count = 0; dropped = 0; cur = -1; }

/**
 * Starts a finding; add its operands with op(), in the order the rule (or, for "cannot decide", the
 * reason) declares them. Returns false when the buffer is full (the finding is counted as dropped).
 */
export function report(rule: i32, node: i32, slot: i32, severity: i32 = SEV_ERROR, reason: i32 = NO_REASON): bool {
  if (count >= MAX_FINDINGS) { dropped++; cur = -1; return false; }
  cur = count * FINDING_WORDS;
  count++;
  unchecked(output[cur + FINDING_RULE] = rule);
  unchecked(output[cur + FINDING_SEVERITY] = severity);
  unchecked(output[cur + FINDING_NODE] = node);
  unchecked(output[cur + FINDING_SLOT] = slot);
  unchecked(output[cur + FINDING_REASON] = reason);
  unchecked(output[cur + FINDING_OPERAND_COUNT] = 0);
  return true;
}

/** Reports that the input does not show what the rule needs; `reason` names what is missing. */
export function undecidable(rule: i32, reason: i32, node: i32, slot: i32): bool {
  return report(rule, node, slot, SEV_UNDECIDABLE, reason);
}

export function op(kind: i32, value: i64): void {
  if (cur < 0) return;
  const n = <i32>unchecked(output[cur + FINDING_OPERAND_COUNT]);
  if (n >= MAX_OPERANDS) return;
  unchecked(output[cur + FINDING_OPERANDS + 2 * n] = kind);
  unchecked(output[cur + FINDING_OPERANDS + 1 + 2 * n] = value);
  unchecked(output[cur + FINDING_OPERAND_COUNT] = n + 1);
}
