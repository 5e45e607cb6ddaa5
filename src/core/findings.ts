// Turns the core's finding records (rule, severity, node, slot, reason, operands; the layout is the
// contract's) into Findings with our message text, the member path and the specification link.
import { ENTRIES, type SlotInfo } from '../generated/registry.js';
import { FINDINGS, SEVERITIES } from '../generated/contract.js';
import type { Finding } from '../report/types.js';
import type { CoreExports } from './wasm.js';
import { readString } from './wasm.js';
import type { Encoder, Names } from './encode.js';
import { formatOperand, type OperandContext, type OperandValue } from './operands.js';
import { compileTemplate, fillTemplate, type BuiltIn, type CompiledTemplate } from './templates.js';

import { SPEC_URL } from './spec-links.js';

export { SPEC_URL };

export interface RuleInfo {
  vuid: string;
  template: string;
  /** The names of the operands the rule pushes, in push order, as the core declares them ("[name]": not shown). */
  operands: string;
  /** Set when no input can ever decide the rule; the text says why. */
  undecidableByDesign: boolean;
}

/**
 * The core's catalogue: its rules, and its reasons (for "cannot decide", and the resolver's words) with,
 * at the same index, the operands each reason declares.
 */
export function loadRules(core: CoreExports): { rules: RuleInfo[]; reasons: string[]; reasonOperands: string[] } {
  const m = core.memory;
  const rules: RuleInfo[] = [];
  for (let i = 0, n = core.ruleCount(); i < n; i++) {
    rules.push({ vuid: readString(m, core.ruleVuid(i)), template: readString(m, core.ruleTemplate(i)), operands: readString(m, core.ruleOperands(i)), undecidableByDesign: core.ruleUndecidableByDesign(i) !== 0 });
  }
  const reasons: string[] = [];
  const reasonOperands: string[] = [];
  for (let i = 0, n = core.reasonCount(); i < n; i++) {
    reasons.push(readString(m, core.reasonText(i)));
    reasonOperands.push(readString(m, core.reasonOperands(i)));
  }
  return { rules, reasons, reasonOperands };
}

export function vuidUrl(vuid: string): string {
  return vuid.startsWith('VUID-') ? `${SPEC_URL}#${vuid}` : '';
}

const TWO32 = 4294967296;
/** The high word of a 64-bit value beyond which a double no longer holds it exactly. */
const SAFE_HIGH = 0x200000;
const F = FINDINGS.field;
const UNKNOWN_RULE: RuleInfo = { vuid: 'VKX-unknown-rule', template: 'an unknown rule fired', operands: '', undecidableByDesign: false };

export class FindingDecoder {
  private view!: Int32Array;
  private base: number | undefined;
  /** Templates compiled once per rule and reason, on first use. */
  private ruleTemplates: CompiledTemplate[] = [];
  private reasonTemplates: CompiledTemplate[] = [];
  // The finding being decoded, which the two callbacks below read: made once, they cost no allocation
  // per finding (an invalid call's time is mostly its findings' text).
  private at = 0;
  private pushed = 0;
  private path = '';
  private slotInfo: SlotInfo | undefined;
  private readonly context: OperandContext;
  private readonly operandText = (i: number): string | undefined =>
    i < this.pushed ? formatOperand(this.word(F.operands + 2 * i), this.operand(F.operands + 2 * i + 1), this.context) : undefined;
  private readonly builtInText = (name: BuiltIn): string =>
    name === 'path' ? this.path || 'the call' : this.slotInfo?.enumType ?? this.slotInfo?.type ?? 'this type';

  constructor(private core: CoreExports, private rules: RuleInfo[], private reasons: string[], private reasonOperands: string[], names: Names) {
    this.context = { names, memberEnum: undefined, memberType: undefined };
  }

  private ruleTemplate(i: number, rule: RuleInfo): CompiledTemplate {
    return (this.ruleTemplates[i] ??= compileTemplate(rule.template, rule.operands));
  }

  /** Word k of the current finding, as a double. */
  private word(k: number): number {
    return this.view[this.at + 2 * k + 1] * TWO32 + (this.view[this.at + 2 * k] >>> 0);
  }

  /** Word k of the current finding exactly: a bigint where a double would round it. */
  private operand(k: number): OperandValue {
    const hi = this.view[this.at + 2 * k + 1];
    return hi < SAFE_HIGH && hi >= -SAFE_HIGH ? hi * TWO32 + (this.view[this.at + 2 * k] >>> 0) : (BigInt(hi) << 32n) | BigInt(this.view[this.at + 2 * k] >>> 0);
  }

  decode(count: number, encoder: Encoder, call: number, command: string): Finding[] {
    // A grown memory detaches the old buffer, and a view of it then has length 0.
    if (!this.view || this.view.length === 0) this.view = new Int32Array(this.core.memory.buffer);
    const base: number = (this.base ??= this.core.outputAddress() >>> 2);
    const out: Finding[] = [];
    for (let f = 0; f < count; f++) {
      this.at = base + f * FINDINGS.words * 2;
      const ruleIndex = this.word(F.rule);
      const rule = this.rules[ruleIndex] ?? UNKNOWN_RULE;
      const severity = SEVERITIES[this.word(F.severity)] ?? 'error';
      const node = this.word(F.node);
      const slot = this.word(F.slot);
      const reason = this.word(F.reason);
      const pushed = (this.pushed = Math.min(this.word(F.operandCount), FINDINGS.maxOperands));
      const entry = encoder.entryOfNode(node);
      const slotInfo = (this.slotInfo = entry >= 0 && slot >= 0 ? ENTRIES[entry].slots[slot] : undefined);
      const path = (this.path = entry >= 0 ? (slotInfo ? encoder.memberPath(node, slot) : encoder.label(node)) : '');
      this.context.memberEnum = slotInfo?.enumType;
      this.context.memberType = slotInfo?.type;
      let message: string;
      const because = severity === 'undecidable' && reason >= 0 ? this.reasons[reason] ?? 'the input does not show what the rule needs' : undefined;
      if (because !== undefined) {
        const why = fillTemplate((this.reasonTemplates[reason] ??= compileTemplate(because, this.reasonOperands[reason] ?? '')), pushed, this.operandText, this.builtInText);
        message = `cannot decide from this input: ${why}.${ruleClause(this.ruleTemplate(ruleIndex, rule))}`;
      } else message = fillTemplate(this.ruleTemplate(ruleIndex, rule), pushed, this.operandText, this.builtInText);
      const finding: Finding = { vuid: rule.vuid, severity, call, command, path, message, url: vuidUrl(rule.vuid) };
      if (rule.vuid === FINDINGS.notRecordedRule) {
        const i = this.ruleTemplate(ruleIndex, rule).names.indexOf(FINDINGS.notRecordedCount);
        if (i >= 0 && i < pushed) finding.notRecorded = Number(this.operand(F.operands + 2 * i + 1));
      }
      out.push(finding);
    }
    return out;
  }
}

/**
 * What an undecidable finding adds about its rule: the rule's own message when it names no value (a
 * message with values would only show placeholders here, since the values are what is unknown);
 * otherwise nothing, the VUID's link says what the rule requires.
 */
function ruleClause(c: CompiledTemplate): string {
  if (c.showsOperands) return '';
  // No operand is shown here, so none is asked for: the count passed is the declared one.
  return ` (${fillTemplate(c, c.names.length, () => undefined, () => 'the member').split('. ')[0].replace(/\.$/, '')})`;
}
