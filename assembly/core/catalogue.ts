// The rule catalogue: every rule the core can report, with its VUID and the message template
// TypeScript fills in. Templates name operands as {0}, {1}, …; {path} is the member, {value} its value.
// Rules register themselves where they are checked, so a rule's id, words and logic sit together.

const vuids = new Array<string>();
const templates = new Array<string>();
const reasons = new Array<string>();
/** Rules that can never be decided from any input the tool reads, with why. */
const byDesign = new Map<i32, string>();

export function defRule(vuid: string, template: string): i32 {
  vuids.push(vuid);
  templates.push(template);
  return vuids.length - 1;
}

/** A rule whose condition no trace or scenario can show (for example what a pointer points at). */
export function defUndecidableRule(vuid: string, why: string): i32 {
  const id = defRule(vuid, why);
  byDesign.set(id, why);
  return id;
}

/** A reason for "cannot decide from this input". */
export function defReason(text: string): i32 {
  reasons.push(text);
  return reasons.length - 1;
}

export function ruleCount(): i32 { return vuids.length; }
export function ruleVuid(i: i32): string { return vuids[i]; }
export function ruleTemplate(i: i32): string { return templates[i]; }
export function ruleIsUndecidableByDesign(i: i32): bool { return byDesign.has(i); }
export function reasonCount(): i32 { return reasons.length; }
export function reasonText(i: i32): string { return reasons[i]; }
