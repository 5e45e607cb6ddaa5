// vk-extmem run: scenarios through the session on a backend (the mock, from a device profile), with a
// timeline per scenario and its expectations checked.
import { readFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { createValidator } from '../index.js';
import { parseScenario, type Scenario } from '../input/scenario.js';
import { InputError } from '../core/errors.js';
import { runScenario, type ScenarioRun } from '../session/run-scenario.js';
import { unsupportedReason } from '../session/support.js';
import { createMockBackend } from '../backends/mock/index.js';
import { builtinProfiles } from '../profiles/builtin.js';
import { findProfile } from '../profiles/load-node.js';
import { provenanceLine } from '../profiles/describe.js';
import type { NormalizedProfile } from '../profiles/types.js';
import { formatRunText, formatRunsJUnit } from '../report/timeline.js';
import { listScenarios } from './demo.js';
import { createNativeBackend, NativeUnavailable } from '../backends/native/index.js';
import { measureNativeNormalized } from '../backends/native/measure.js';
import { parse, oneOf, UsageError } from './args.js';

export const RUN_HELP = `Usage: vk-extmem run SCENARIO|DIR... [--backend mock|native|none] [--profile NAME|FILE|all] [--format text|json|junit]

Runs scenarios through the session: every call is checked by the model, executed on the backend, and
the backend's answers applied. Prints a timeline per scenario (calls per process, handles made,
duplicated, imported and closed, payloads born and freed, findings at their calls) and checks the
scenarios' expect blocks (VUIDs, return values, data read through imported memory).

  --backend B    mock (default): the simulated Windows + Vulkan world, answering from a device profile;
                 native: a real Vulkan driver through the native addon (this process only; the device's
                 profile is measured first, so unsupported scenarios are reported as such);
                 none: validate the scenario as written, with the answers it states
  --device N     native: the physical device (default 0)
  --unsafe       native: pass calls the model finds invalid to the driver too (to see what a driver does
                 with them); by default such calls are refused with their findings
  --profile P    a built-in profile (see vk-extmem profile list) or a .profile.json file; "all" runs
                 every scenario on every built-in profile. Default: for each scenario, the first built-in
                 profile that supports it (measured profiles first). Illustrative profiles are marked.
  --format F     text (default), json or junit
  --output FILE  write the report to FILE
  --quiet        text: show only the calls where something happened
  --no-color     plain text even on a terminal

A scenario the profile cannot run (a Windows handle type on a Linux driver, a missing extension) is
reported as "not supported by this profile" and does not fail the run.
Exit status: 0 every expectation held; 1 an expectation failed; 2 bad input or usage.`;

export async function runRun(argv: string[], out: NodeJS.WritableStream & { isTTY?: boolean }): Promise<number> {
  const { values, positionals } = parse(argv, {
    backend: { type: 'string', short: 'b' }, profile: { type: 'string', short: 'p' }, format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' }, quiet: { type: 'boolean', short: 'q' }, 'no-color': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    device: { type: 'string', short: 'd' }, unsafe: { type: 'boolean' },
  });
  if (values.help) { out.write(RUN_HELP + '\n'); return 0; }
  if (positionals.length === 0) throw new UsageError('run needs at least one SCENARIO file or directory (see vk-extmem run --help)');
  const backendKind = oneOf(values.backend, ['mock', 'native', 'none'] as const, '--backend', 'mock');
  const device = values.device === undefined ? 0 : Number(values.device);
  if (!Number.isInteger(device) || device < 0) throw new UsageError(`--device must be a physical device index, not "${String(values.device)}"`);
  let nativeProfile: NormalizedProfile | undefined;
  if (backendKind === 'native') {
    if (values.profile) throw new UsageError('--profile is for the mock; the native backend measures its own device (use --device)');
    try {
      nativeProfile = measureNativeNormalized(device, 'vk-extmem run --backend native');
    } catch (e) {
      if (e instanceof NativeUnavailable) throw new UsageError(e.message);
      throw e;
    }
  }
  const format = oneOf(values.format, ['text', 'json', 'junit'] as const, '--format', 'text');
  const color = format === 'text' && !values['no-color'] && !values.output && out.isTTY === true && !process.env.NO_COLOR;
  const files: string[] = [];
  for (const p of positionals) {
    if (!existsSync(p)) throw new UsageError(`no such file or directory: ${p}`);
    files.push(...(statSync(p).isDirectory() ? listScenarios(p) : [p]));
  }
  const scenarios: Array<{ file: string; sc: Scenario }> = files.map((file) => {
    try {
      return { file, sc: parseScenario(readFileSync(file, 'utf8'), file) };
    } catch (e) {
      if (e instanceof InputError) e.where.file ??= file;
      throw e;
    }
  });
  const chosen = values.profile === 'all' ? builtinProfiles() : values.profile ? [findProfile(values.profile)] : undefined;
  const v = await createValidator();
  const runs: ScenarioRun[] = [];
  const provenance = new Map<string, string>();
  const progress = process.stderr.isTTY && format === 'text' && !values.output && scenarios.length > 3;
  for (const [i, { file, sc }] of scenarios.entries()) {
    if (progress) process.stderr.write(`\r\x1b[K[${i + 1}/${scenarios.length}] ${sc.name}`);
    if (backendKind === 'none') { runs.push(runScenario(v, sc, file, null)); continue; }
    if (nativeProfile) {
      provenance.set(nativeProfile.profile, provenanceLine(nativeProfile));
      let backend;
      try {
        backend = createNativeBackend({ apiVersion: 0x401000 }, device);
      } catch (e) {
        if (e instanceof NativeUnavailable) throw new UsageError(`${file}: ${e.message}`);
        throw e;
      }
      try {
        runs.push(runScenario(v, sc, file, backend, { profile: nativeProfile, refuseInvalid: !values.unsafe }));
      } finally {
        backend.dispose();
      }
      continue;
    }
    for (const profile of chosen ?? [pickProfile(sc)]) {
      provenance.set(profile.profile, provenanceLine(profile));
      const backend = createMockBackend([profile]);
      try {
        runs.push(runScenario(v, sc, file, backend, { profile }));
      } finally {
        backend.dispose();
      }
    }
  }
  if (progress) process.stderr.write('\r\x1b[K');
  let text: string;
  if (format === 'json') text = JSON.stringify({ runs: runs.map((r) => ({ ...r, provenance: r.profile ? provenance.get(r.profile) : undefined })) }, null, 2) + '\n';
  else if (format === 'junit') text = formatRunsJUnit(runs);
  else text = runs.map((r) => formatRunText(r, { color, quiet: values.quiet, provenance: r.profile ? provenance.get(r.profile) : undefined })).join('\n') + '\n' + totals(runs) + '\n';
  if (values.output) writeFileSync(values.output, text);
  else out.write(text);
  return runs.some((r) => r.status === 'failed') ? 1 : 0;
}

/** The first built-in profile that can run the scenario, measured ones first. */
export function pickProfile(sc: Scenario): NormalizedProfile {
  const all = [...builtinProfiles()].sort((a, b) => Number(a.provenance.kind !== 'measured') - Number(b.provenance.kind !== 'measured'));
  return all.find((p) => unsupportedReason(sc, p) === null) ?? all[0];
}

function totals(runs: ScenarioRun[]): string {
  const n = (s: ScenarioRun['status']) => runs.filter((r) => r.status === s).length;
  return `${runs.length} runs: ${n('passed')} passed, ${n('failed')} failed, ${n('unsupported')} not supported by their profile`;
}
