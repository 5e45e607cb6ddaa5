// Message templates with named operands: a rule's or reason's text says `{allocationSize}`, and the
// rule declares beside it the names of the operands it pushes, in push order ("allocationSize
// alignment"); a name in brackets ("[name]") is carried for the program and not shown. The placeholder
// syntax and the names filled from the finding itself (`{path}`, `{type}`) are the contract's.
import { TEMPLATE_PLACEHOLDER, TEMPLATE_BUILT_INS } from '../generated/contract.js';

export type BuiltIn = (typeof TEMPLATE_BUILT_INS)[number];
const builtIns = new Set<string>(TEMPLATE_BUILT_INS);

/** The operand names a declaration lists, in push order (brackets removed). */
export function operandNames(declaration: string): string[] {
  return declaration.split(/\s+/).filter(Boolean).map((n) => n.replace(/^\[(.*)\]$/, '$1'));
}

/** The names a template's placeholders use, in order of appearance (repeats included). */
export function placeholders(template: string): string[] {
  return [...template.matchAll(new RegExp(TEMPLATE_PLACEHOLDER, 'g'))].map((m) => m[1]);
}

export function isBuiltIn(name: string): name is BuiltIn {
  return builtIns.has(name);
}

/**
 * A template split once into text and placeholders, each placeholder resolved to the index of its
 * operand (or to a built-in name), so that a finding is written by joining pieces.
 */
export interface CompiledTemplate {
  /** Text before each placeholder, then the text after the last: one more entry than `slots`. */
  text: string[];
  /** Per placeholder: the operand index, or the built-in it names, or the name when the rule does not declare it. */
  slots: Array<number | BuiltIn | { undeclared: string }>;
  /** The declared operand names, in push order. */
  names: string[];
  /** Whether the template shows any operand (a message with values). */
  showsOperands: boolean;
}

const compiled = new Map<string, CompiledTemplate>();

export function compileTemplate(template: string, declaration: string): CompiledTemplate {
  const key = `${declaration}\u0000${template}`;
  let c = compiled.get(key);
  if (c) return c;
  const names = operandNames(declaration);
  const parts = template.split(new RegExp(TEMPLATE_PLACEHOLDER));
  const text: string[] = [];
  const slots: CompiledTemplate['slots'] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) { text.push(parts[i]); continue; }
    const name = parts[i];
    const index = names.indexOf(name);
    slots.push(isBuiltIn(name) ? name : index >= 0 ? index : { undeclared: name });
  }
  c = { text, slots, names, showsOperands: slots.some((s) => typeof s !== 'string') };
  compiled.set(key, c);
  return c;
}

/**
 * Writes a template: `operand(i)` gives the text of the i-th pushed operand (undefined when the core
 * pushed fewer than the rule declares), `builtIn` the finding's own member words. A count of pushed
 * operands that differs from the declaration is shown in the text, never passed over: the operand that
 * is missing where it stands, and the counts at the end.
 */
export function fillTemplate(c: CompiledTemplate, pushed: number, operand: (i: number) => string | undefined, builtIn: (name: BuiltIn) => string): string {
  let out = c.text[0];
  for (let i = 0; i < c.slots.length; i++) {
    const s = c.slots[i];
    let words: string;
    if (typeof s === 'number') words = operand(s) ?? `<missing operand ${c.names[s]}>`;
    else if (typeof s === 'string') words = builtIn(s);
    else words = `<undeclared operand ${s.undeclared}>`;
    out += words + c.text[i + 1];
  }
  if (pushed !== c.names.length) out += ` <operands: ${pushed} pushed, ${c.names.length} declared>`;
  return out;
}

/** Fills a template from plain words by name (the explorer's texts that quote a core reason). */
export function fillWords(template: string, words: Record<string, string>): string {
  return template.replace(new RegExp(TEMPLATE_PLACEHOLDER, 'g'), (whole, name: string) => words[name] ?? whole);
}

/** Matches what fillTemplate leaves when the core and a template disagree (tests look for it). */
export const CONTRACT_MISMATCH = /<missing operand |<undeclared operand |<operands: \d+ pushed, \d+ declared>/;
