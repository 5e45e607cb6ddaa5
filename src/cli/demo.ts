import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { createValidator } from '../index.js';
import { parseScenario } from '../input/scenario.js';
import { runScenario, type ScenarioRun } from '../session/run-scenario.js';
import { createMockBackend } from '../backends/mock/index.js';
import { pickProfile } from './run.js';
import { parse } from './args.js';
import { callLabel, expectationLabel } from '../report/labels.js';
import { libraryId } from '../input/query.js';

export const DEMO_HELP = `Usage: vk-extmem demo

Runs the built-in scenario library (scenarios/: CTS-derived flows, misuses, D3D and lifecycle examples) on
the mock backend, each on the first built-in device profile that supports it, and prints per scenario
whether its expectations hold and what the model reported. "vk-extmem run" shows the full timelines.`;

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
  out.write(`vk-extmem: ${v.rules.length} rules; running ${files.length} scenarios from ${relative(process.cwd(), dir) || dir} on the mock backend\n\n`);
  const runs: ScenarioRun[] = [];
  for (const f of files) {
    const sc = parseScenario(readFileSync(f, 'utf8'), f);
    const profile = pickProfile(sc, v);
    const backend = createMockBackend([profile]);
    // Scenarios and their steps by query id, which vk-extmem run takes back.
    const id = libraryId(relative(dir, f)) ?? relative(dir, f);
    const r = runScenario(v, sc, f, backend, { profile, query: id });
    backend.dispose();
    runs.push(r);
    const failed = r.expectations.filter((e) => !e.passed);
    const mark = r.status === 'failed' ? 'FAIL' : r.status === 'unsupported' ? 'n/a ' : 'ok  ';
    const tag = profile.provenance.kind === 'illustrative' ? `${profile.profile}, illustrative` : profile.profile;
    if (r.status === 'unsupported') { out.write(`${mark} ${id}  (${r.reason})\n`); continue; }
    out.write(`${mark} ${id}  on ${tag}  (${r.steps.length} steps, ${r.expectations.length - failed.length}/${r.expectations.length} expectations)\n`);
    for (const e of r.findings.filter((x) => x.severity === 'error').slice(0, 3)) out.write(`       ${callLabel(e)}: ${e.vuid}\n         ${e.message}\n`);
    for (const e of failed) out.write(`       ${callLabel(e)}: expected ${expectationLabel(e)}: ${e.detail}\n`);
  }
  const n = (s: ScenarioRun['status']) => runs.filter((r) => r.status === s).length;
  out.write(`\n${runs.length} scenarios: ${n('passed')} passed, ${n('failed')} failed, ${n('unsupported')} not supported by any built-in profile\n`);
  return n('failed') > 0 ? 1 : 0;
}
