#!/usr/bin/env node
// Build step: loads the built core (dist/core.wasm) and checks every rule's and reason's message
// template against the operands it declares (src/core/template-check.ts). Fails, naming the rule, the
// template and the operand, when a template names an operand its rule does not declare or a rule
// declares one its template never shows. Usage: node scripts/check-templates.mjs [path/to/core.wasm]
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const wasm = process.argv[2] ?? `${root}dist/core.wasm`;

// The check and the core's loader are TypeScript: bundled here, in memory, from the same sources the
// library is built from, so the build checks what the library will read.
const entry = `
import { readFileSync } from 'node:fs';
import { Validator } from './src/validator.ts';
import { templateProblems, catalogueTemplates } from './src/core/template-check.ts';
export async function check(path) {
  const v = await Validator.fromModule(await WebAssembly.compile(readFileSync(path)));
  const templates = catalogueTemplates(v.rules, v.reasons, v.reasonOperands);
  return { count: templates.length, rules: v.rules.length, problems: templates.flatMap(templateProblems) };
}`;
const bundle = await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, format: 'esm', platform: 'node', packages: 'external', write: false, logLevel: 'warning' });
const { check } = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);

let result;
try {
  result = await check(wasm);
} catch (e) {
  console.error(`check-templates: cannot load the core from ${wasm}: ${e.message}`);
  process.exit(1);
}
if (result.problems.length) {
  for (const p of result.problems) console.error(`check-templates: ${p}`);
  console.error(`check-templates: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in the core's message templates`);
  process.exit(1);
}
console.log(`check-templates: ${result.count} templates (${result.rules} rules and their reasons) agree with the operands they declare`);
