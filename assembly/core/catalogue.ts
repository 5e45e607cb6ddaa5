// The rule catalogue: every rule the core can report, with its VUID and the message template
// TypeScript fills in. Templates name their operands, `{allocationSize}`, and each rule declares those
// names beside its template, in the order its checks push the operands (op() in core/findings.ts); a
// name in brackets, `[name]`, is carried for the program and not shown. `{path}` is the member and
// `{type}` its type. scripts/check-templates.mjs refuses, at build time, a template that names an
// operand its rule does not declare or a declared operand the template does not show.
// Rules register themselves where they are checked, so a rule's id, words and logic sit together.

const vuids = new Array<string>();
const templates = new Array<string>();
const operandLists = new Array<string>();
const reasons = new Array<string>();
const reasonOperandLists = new Array<string>();
/** Rules that can never be decided from any input the tool reads, with why. */
const byDesign = new Map<i32, string>();

/** `operands`: the names of the operands the rule pushes, in push order, separated by spaces. */
export function defRule(vuid: string, template: string, operands: string = ''): i32 {
  vuids.push(vuid);
  templates.push(template);
  operandLists.push(operands);
  return vuids.length - 1;
}

/** A rule whose condition no trace or scenario can show (for example what a pointer points at). */
export function defUndecidableRule(vuid: string, why: string): i32 {
  const id = defRule(vuid, why);
  byDesign.set(id, why);
  return id;
}

/** A reason for "cannot decide from this input"; `operands` as for defRule. */
export function defReason(text: string, operands: string = ''): i32 {
  reasons.push(text);
  reasonOperandLists.push(operands);
  return reasons.length - 1;
}

export function ruleCount(): i32 { return vuids.length; }
export function ruleVuid(i: i32): string { return vuids[i]; }
export function ruleTemplate(i: i32): string { return templates[i]; }
export function ruleOperands(i: i32): string { return operandLists[i]; }
export function ruleIsUndecidableByDesign(i: i32): bool { return byDesign.has(i); }
export function reasonCount(): i32 { return reasons.length; }
export function reasonText(i: i32): string { return reasons[i]; }
export function reasonOperands(i: i32): string { return reasonOperandLists[i]; }
