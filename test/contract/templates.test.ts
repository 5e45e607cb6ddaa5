// Message templates name their operands, and each rule and reason declares the operands it pushes
// beside its template. The check the build runs (scripts/check-templates.mjs) refuses a template that
// names an operand its rule does not declare, or a declared operand the template never shows, naming
// the rule, the template and the operand; the core's whole catalogue passes it.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createValidator, type Validator } from '../../src/index.js';
import { templateProblems, catalogueTemplates } from '../../src/core/template-check.js';
import { compileTemplate, fillTemplate, fillWords } from '../../src/core/templates.js';
import { FINDINGS } from '../../src/generated/contract.js';

const rule = (template: string, operands: string) => templateProblems({ owner: 'rule VUID-Test-01', template, operands, maxOperands: FINDINGS.maxOperands });

let v: Validator;
beforeAll(async () => { v = await createValidator(); });

describe('the template check', () => {
  it('passes every template of the core: rules, "cannot decide" reasons and the resolver’s words', () => {
    const all = catalogueTemplates(v.rules, v.reasons, v.reasonOperands);
    expect(all.length).toBe(v.rules.length + v.reasons.length);
    expect(all.flatMap(templateProblems)).toEqual([]);
    // Every template names its operands: no positional placeholder is left.
    expect(all.filter((t) => /\{\d+\}/.test(t.template)).map((t) => t.owner)).toEqual([]);
  });

  it('refuses a template that names an operand the rule does not declare', () => {
    expect(rule('allocationSize {allocationSize} exceeds {heapSize}.', 'allocationSize')).toEqual([
      'rule VUID-Test-01: template "allocationSize {allocationSize} exceeds {heapSize}." names the operand {heapSize}, which is not declared (declared: allocationSize)',
    ]);
  });

  it('refuses a declared operand the template never shows', () => {
    expect(rule('allocationSize {allocationSize} is too large.', 'allocationSize heapSize')).toEqual([
      'rule VUID-Test-01: template "allocationSize {allocationSize} is too large." never shows the declared operand {heapSize} (mark it [heapSize] if it is carried for the program only)',
    ]);
    // Marked as carried only, it may stay out of the words, and must.
    expect(rule('allocationSize {allocationSize} is too large.', 'allocationSize [heapSize]')).toEqual([]);
    expect(rule('{allocationSize} and {heapSize}.', 'allocationSize [heapSize]')).toEqual([
      'rule VUID-Test-01: template "{allocationSize} and {heapSize}." shows {heapSize}, which the declaration marks as not shown ([heapSize])',
    ]);
  });

  it('refuses positional and malformed placeholders, repeated and reserved names, and too many operands', () => {
    expect(rule('allocationSize {0} is too large.', '')[0]).toBe('rule VUID-Test-01: template "allocationSize {0} is too large." holds {0}, which is not a placeholder (write {name} with a declared operand name)');
    expect(rule('{a} {a}', 'a a')).toEqual(['rule VUID-Test-01: template "{a} {a}" declares the operand {a} twice']);
    expect(rule('{path} is bad', 'path')).toEqual(['rule VUID-Test-01: template "{path} is bad" declares the operand {path}, a name the finding fills itself']);
    expect(rule('{a}{b}{c}{d}{e}{f}{g}', 'a b c d e f g')).toEqual([`rule VUID-Test-01: template "{a}{b}{c}{d}{e}{f}{g}" declares 7 operands; a record holds at most ${FINDINGS.maxOperands}`]);
  });

  it('runs in the build on the built core and says how many templates agree', () => {
    const ok = spawnSync(process.execPath, ['scripts/check-templates.mjs'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^check-templates: ${v.rules.length + v.reasons.length} templates \\(${v.rules.length} rules and their reasons\\) agree with the operands they declare`));
    const missing = spawnSync(process.execPath, ['scripts/check-templates.mjs', 'no/such/core.wasm'], { encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^check-templates: cannot load the core from no\/such\/core\.wasm/);
  });
});

describe('filling a template', () => {
  const texts = ['A', 'B', 'C'];
  const fill = (template: string, declaration: string, pushed: number) => fillTemplate(compileTemplate(template, declaration), pushed, (i) => (i < pushed ? texts[i] : undefined), (b) => `<${b}>`);

  it('puts each operand where its name stands, whatever the order of the words', () => {
    expect(fill('{second} then {first}, at {path}', 'first second', 2)).toBe('B then A, at <path>');
    expect(fill('{size} and again {size}', 'size', 1)).toBe('A and again A');
  });

  it('shows a disagreement between what the core pushed and what the rule declares', () => {
    expect(fill('{first} and {second}', 'first second', 1)).toBe('A and <missing operand second> <operands: 1 pushed, 2 declared>');
    expect(fill('{first}', 'first', 3)).toBe('A <operands: 3 pushed, 1 declared>');
    expect(fill('{first}', 'first [carried]', 1)).toBe('A <operands: 1 pushed, 2 declared>');
  });

  it('fills words by name for texts that quote a reason', () => {
    expect(fillWords('report {handleType} as DEDICATED_ONLY, {other}', { handleType: 'D3D12_RESOURCE' })).toBe('report D3D12_RESOURCE as DEDICATED_ONLY, {other}');
  });
});
