import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createValidator, validateFile } from '../index.js';
import { summarize } from '../report/summary.js';
import { summaryLine } from './validate.js';
import { parse } from './args.js';
import { expectationLabel } from '../report/labels.js';
import type { FileResult } from '../report/types.js';

export const DEMO_HELP = `Usage: vk-extmem demo

Runs the built-in scenario library (scenarios/: CTS-derived flows, misuses, D3D examples) through the
model and prints, per scenario, whether its expectations hold and what it reported.`;

export function scenarioDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return join(here, '..', 'scenarios');
}

export function listScenarios(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listScenarios(p));
    else if (name.endsWith('.scenario.json')) out.push(p);
  }
  return out;
}

export async function runDemo(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parse(argv, { help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) { out.write(DEMO_HELP + '\n'); return 0; }
  const dir = scenarioDir();
  const files = listScenarios(dir);
  const v = await createValidator();
  const results: FileResult[] = [];
  out.write(`vk-extmem: ${v.rules.length} rules; running ${files.length} scenarios from ${relative(process.cwd(), dir) || dir}\n\n`);
  for (const f of files) {
    const r = await validateFile(f, { validator: v });
    results.push(r);
    const failed = r.expectations.filter((e) => !e.passed);
    const errs = r.findings.filter((x) => x.severity === 'error');
    const mark = failed.length ? 'FAIL' : 'ok  ';
    out.write(`${mark} ${relative(dir, f)}  (${r.calls} steps, ${r.expectations.length - failed.length}/${r.expectations.length} expectations)\n`);
    for (const e of errs.slice(0, 3)) out.write(`       step ${e.call}: ${e.vuid}\n         ${e.message}\n`);
    for (const e of failed) out.write(`       step ${e.call}: expected ${expectationLabel(e)}: ${e.detail}\n`);
  }
  const s = summarize(results);
  out.write(`\n${summaryLine(s)}\n`);
  return s.expectationsFailed > 0 ? 1 : 0;
}
