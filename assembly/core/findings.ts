// Findings leave the core as small fixed records: rule, severity, node, slot, reason, operands (the
// layout and the codes are the contract's, generated/contract.ts). TypeScript turns them into text with
// the rule's template; nothing here builds a string. A call that finds more than MAX_FINDINGS keeps the
// first ones and ends with a note that counts the others, so none is lost without a word.
import {
  MAX_FINDINGS, MAX_OPERANDS, FINDING_WORDS, FINDING_RULE, FINDING_SEVERITY, FINDING_NODE, FINDING_SLOT,
  FINDING_REASON, FINDING_OPERAND_COUNT, FINDING_OPERANDS, NO_REASON, NO_SLOT, NOT_RECORDED_RULE, NOT_RECORDED_COUNT,
  SEV_ERROR, SEV_UNDECIDABLE, O_INT,
} from '../generated/contract';
import { defRule } from './catalogue';

// The note's count operand is named by the contract: TypeScript reads it back for the report's summary.
const NOT_RECORDED = defRule(NOT_RECORDED_RULE,
  '{' + NOT_RECORDED_COUNT + '} more findings of this call were not recorded: the core keeps at most {limit} findings per call.',
  NOT_RECORDED_COUNT + ' limit');

/** The findings of the current call, then room for the note. */
export const output = new StaticArray<i64>((MAX_FINDINGS + 1) * FINDING_WORDS);
let count: i32 = 0;
let cur: i32 = -1;
let dropped: i32 = 0;
/** The most severe severity among the findings that did not fit (the lowest code). */
let droppedSeverity: i32 = SEV_UNDECIDABLE;

export function clearFindings(): void { count = 0; dropped = 0; droppedSeverity = SEV_UNDECIDABLE; cur = -1; }

/**
 * The number of records the call leaves in the output buffer: its findings, and when some did not fit,
 * the note that says how many (written here, with the severity of the worst of them).
 */
export function closeFindings(): i32 {
  if (dropped == 0) return count;
  write(MAX_FINDINGS * FINDING_WORDS, NOT_RECORDED, droppedSeverity, 0, NO_SLOT, NO_REASON);
  cur = MAX_FINDINGS * FINDING_WORDS;
  op(O_INT, dropped);
  op(O_INT, MAX_FINDINGS);
  cur = -1;
  return count + 1;
}

function write(at: i32, rule: i32, severity: i32, node: i32, slot: i32, reason: i32): void {
  unchecked(output[at + FINDING_RULE] = rule);
  unchecked(output[at + FINDING_SEVERITY] = severity);
  unchecked(output[at + FINDING_NODE] = node);
  unchecked(output[at + FINDING_SLOT] = slot);
  unchecked(output[at + FINDING_REASON] = reason);
  unchecked(output[at + FINDING_OPERAND_COUNT] = 0);
}

/**
 * Starts a finding; add its operands with op(), in the order the rule (or, for "cannot decide", the
 * reason) declares them. Returns false when the buffer is full: the finding is counted for the note.
 */
export function report(rule: i32, node: i32, slot: i32, severity: i32 = SEV_ERROR, reason: i32 = NO_REASON): bool {
  if (count >= MAX_FINDINGS) {
    dropped++;
    if (severity < droppedSeverity) droppedSeverity = severity;
    cur = -1;
    return false;
  }
  cur = count * FINDING_WORDS;
  count++;
  write(cur, rule, severity, node, slot, reason);
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
