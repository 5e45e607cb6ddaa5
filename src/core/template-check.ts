// Checks every message template of the core against the operands its rule or reason declares: a
// placeholder must name a declared operand (or a built-in: {path}, {type}), every declared operand must
// be shown unless it is marked as carried only ("[name]"), and nothing that looks like a placeholder may
// be left that the filler would pass over ({0}, {}). scripts/check-templates.mjs runs it on the built
// core as part of the build; the tests run it too.
import { FINDINGS, RESOLVE, TEMPLATE_PLACEHOLDER } from '../generated/contract.js';
import { isBuiltIn, placeholders } from './templates.js';

export interface TemplateSource {
  /** What declares the template, for the message: `rule VUID-…` or `reason resolve.size-host-aligned`. */
  owner: string;
  template: string;
  /** The declared operand names, in push order ("a b [c]"). */
  operands: string;
  /** How many operands the record holds for it. */
  maxOperands: number;
}

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const anyBraces = /\{[^{}]*\}/g;
const placeholder = new RegExp(`^${TEMPLATE_PLACEHOLDER}$`);

/** Every problem of one template, each a sentence naming the owner, the template and the name. */
export function templateProblems(src: TemplateSource): string[] {
  const out: string[] = [];
  const where = `${src.owner}: template "${src.template}"`;
  const shown: string[] = [];
  const carried: string[] = [];
  for (const word of src.operands.split(/\s+/).filter(Boolean)) {
    const bracketed = /^\[(.*)\]$/.exec(word);
    const name = bracketed ? bracketed[1] : word;
    if (!NAME.test(name)) out.push(`${where} declares "${word}", which is not an operand name (letters and digits, starting with a letter)`);
    else if (isBuiltIn(name)) out.push(`${where} declares the operand {${name}}, a name the finding fills itself`);
    else if (shown.includes(name) || carried.includes(name)) out.push(`${where} declares the operand {${name}} twice`);
    (bracketed ? carried : shown).push(name);
  }
  const declared = shown.length + carried.length;
  if (declared > src.maxOperands) out.push(`${where} declares ${declared} operands; a record holds at most ${src.maxOperands}`);
  for (const braces of src.template.match(anyBraces) ?? []) {
    if (!placeholder.test(braces)) out.push(`${where} holds ${braces}, which is not a placeholder (write {name} with a declared operand name)`);
  }
  const used = new Set(placeholders(src.template));
  for (const name of used) {
    if (isBuiltIn(name) || shown.includes(name)) continue;
    if (carried.includes(name)) out.push(`${where} shows {${name}}, which the declaration marks as not shown ([${name}])`);
    else out.push(`${where} names the operand {${name}}, which is not declared (declared: ${src.operands.trim() || 'none'})`);
  }
  for (const name of shown) if (!used.has(name)) out.push(`${where} never shows the declared operand {${name}} (mark it [${name}] if it is carried for the program only)`);
  return out;
}

/** The templates of a core's catalogue: its rules and its reasons (a resolver reason's message is its third field). */
export function catalogueTemplates(rules: ReadonlyArray<{ vuid: string; template: string; operands: string }>, reasons: readonly string[], reasonOperands: readonly string[]): TemplateSource[] {
  const out: TemplateSource[] = rules.map((r) => ({ owner: `rule ${r.vuid}`, template: r.template, operands: r.operands, maxOperands: FINDINGS.maxOperands }));
  reasons.forEach((text, i) => {
    const resolver = text.startsWith('resolve.');
    const fields = text.split('|');
    out.push({
      owner: `reason ${resolver ? fields[0] : JSON.stringify(text.slice(0, 40))}`,
      template: resolver ? fields.slice(2).join('|') : text,
      operands: reasonOperands[i] ?? '',
      // A resolver reason's operands live in a resolution entry, a "cannot decide" reason's in a finding.
      maxOperands: resolver ? RESOLVE.maxOperands : FINDINGS.maxOperands,
    });
  });
  return out;
}
