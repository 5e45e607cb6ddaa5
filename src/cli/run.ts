// vk-extmem run: scenarios through the session on a backend (the mock, from a device profile), with a
// timeline per scenario and its expectations checked.
import { writeFileSync } from 'node:fs';
import { createValidator, type Validator } from '../index.js';
import type { Scenario } from '../input/scenario.js';
import { runScenario, type ScenarioRun } from '../session/run-scenario.js';
import { scenarioNeeds, whyUnsupported } from '../session/support.js';
import { createMockBackend } from '../backends/mock/index.js';
import { builtinProfiles } from '../profiles/builtin.js';
import { findProfile } from '../profiles/load-node.js';
import { provenanceLine } from '../profiles/describe.js';
import type { NormalizedProfile } from '../profiles/types.js';
import { formatRunText, formatRunsJUnit } from '../report/timeline.js';
import { resolveInputs, libraryScenarios, readScenarioFile, type Input } from './inputs.js';
import { checkSteps, stepId, stepOf, type Selection } from '../input/query.js';
import { readExpectationFile, checkLineSteps, observedOf, compareWithFile } from './expect-file.js';
import type { Observed } from '../input/expectations.js';
import { createNativeBackend, NativeUnavailable } from '../backends/native/index.js';
import { measureNativeNormalized } from '../backends/native/measure.js';
import { parse, oneOf, UsageError } from './args.js';

export const RUN_HELP = `Usage: vk-extmem run SCENARIO|DIR|QUERY... [--backend mock|native|none] [--profile NAME|FILE|all] [--format text|json|junit]

Runs scenarios through the session: every call is checked by the model, executed on the backend, and
the backend's answers applied. Prints a timeline per scenario (calls per process, handles made,
duplicated, imported and closed, payloads born and freed, findings at their calls) and checks the
scenarios' expect blocks (VUIDs, return values, data read through imported memory).

A QUERY selects library scenarios by id (see "Query ids" in the README; quote a '*' from the shell):
  misuse/opaque_win32.import_wrong_allocation_size      one scenario (its path under scenarios/)
  misuse/opaque_win32.import_wrong_allocation_size:13   its step 13: the steps before it run, the
                                                        report and the verdict are that step's
  misuse/opaque_win32.import_wrong_allocation_size:end  the exits at the end of the scenario
  'misuse/*'  'misuse/opaque_win32.*'                   every scenario whose id begins so
Reports name every finding by the id of its step.

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
  --list         print the ids the arguments select (every library scenario without any), with their
                 step counts, and run nothing
  --expect FILE  compare the outcomes with an expectation file: lines of "<query> <outcome>", outcome
                 passed, failed or unsupported ('#' starts a comment); the most specific line that
                 selects a scenario or step says how it must end. Differences go to stderr.

A scenario the profile cannot run (a Windows handle type on a Linux driver, a missing extension) is
reported as "not supported by this profile" and does not fail the run.
Exit status: 0 every expectation held (with --expect: every outcome as the file expects); 1 an
expectation failed (with --expect: an outcome differs); 2 bad input, usage or a query that selects nothing
(with the nearest id).`;

export async function runRun(argv: string[], out: NodeJS.WritableStream & { isTTY?: boolean }): Promise<number> {
  const { values, positionals } = parse(argv, {
    backend: { type: 'string', short: 'b' }, profile: { type: 'string', short: 'p' }, format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' }, quiet: { type: 'boolean', short: 'q' }, 'no-color': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    device: { type: 'string', short: 'd' }, unsafe: { type: 'boolean' }, list: { type: 'boolean' }, expect: { type: 'string' },
  });
  if (values.help) { out.write(RUN_HELP + '\n'); return 0; }
  if (values.list) return listSelected(positionals, out);
  if (positionals.length === 0) throw new UsageError('run needs at least one SCENARIO file, directory or query id (see vk-extmem run --help)');
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
  const scenarios = readScenarios(resolveInputs(positionals, { folders: true, missing: 'no such file or directory' }));
  const expectations = values.expect ? readExpectationFile(values.expect, libraryScenarios().map((s) => s.id)) : undefined;
  if (expectations) checkLineSteps(expectations, new Map(scenarios.filter((s) => s.id).map((s) => [s.id!, s.sc.steps.length])), values.expect!);
  const chosen = values.profile === 'all' ? builtinProfiles() : values.profile ? [findProfile(values.profile)] : undefined;
  const v = await createValidator();
  const runs: ScenarioRun[] = [];
  const provenance = new Map<string, string>();
  const progress = process.stderr.isTTY && format === 'text' && !values.output && scenarios.length > 3;
  for (const [i, { file, sc, id, selection }] of scenarios.entries()) {
    if (progress) process.stderr.write(`\r\x1b[K[${i + 1}/${scenarios.length}] ${id ?? sc.name}`);
    // The scenario's id names its steps in every report; a query's steps are the only ones run and judged.
    const named = { query: id, steps: selection && selection.steps !== 'all' ? selection.steps : undefined };
    if (backendKind === 'none') { runs.push(runScenario(v, sc, file, null, named)); continue; }
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
        runs.push(runScenario(v, sc, file, backend, { ...named, profile: nativeProfile, refuseInvalid: !values.unsafe }));
      } finally {
        backend.dispose();
      }
      continue;
    }
    for (const profile of chosen ?? [pickProfile(sc, v)]) {
      provenance.set(profile.profile, provenanceLine(profile));
      const backend = createMockBackend([profile]);
      try {
        runs.push(runScenario(v, sc, file, backend, { ...named, profile }));
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
  if (expectations) {
    const observed: Observed[] = runs.filter((r) => r.query).flatMap((r) => observedOfRun(r));
    const unnamedFailures = runs.filter((r) => !r.query && r.status === 'failed').length;
    return compareWithFile(expectations, observed, values.expect!, 'run', process.stderr, unnamedFailures) ? 0 : 1;
  }
  return runs.some((r) => r.status === 'failed') ? 1 : 0;
}

interface ReadScenario { file: string; sc: Scenario; id?: string; selection?: Selection }

/** Parses every input; a query's steps must be in its scenario. */
function readScenarios(inputs: Input[]): ReadScenario[] {
  return inputs.map(({ file, id, selection }) => {
    const sc = readScenarioFile(file);
    if (selection) checkSteps(selection, sc.steps.length);
    return { file, sc, id, selection };
  });
}

/** The outcomes of a run by query id: the scenario when it ran whole, and its steps. */
function observedOfRun(r: ScenarioRun): Observed[] {
  const selected = r.selected !== undefined;
  if (r.status === 'unsupported') {
    return selected ? r.selected!.map((q) => ({ id: r.query!, step: stepOf(q), outcome: 'unsupported', required: true })) : [{ id: r.query!, outcome: 'unsupported', required: true }];
  }
  return observedOf(r.query!, selected ? undefined : r.status, r.steps, selected);
}

/** --list: the ids the arguments select (the whole library without any), with step counts. */
function listSelected(positionals: string[], out: NodeJS.WritableStream): number {
  const inputs = positionals.length ? resolveInputs(positionals, { folders: true, missing: 'no such file or directory' }) : libraryScenarios();
  let steps = 0;
  let listed = 0;
  for (const { file, sc, id, selection } of readScenarios(inputs)) {
    const count = sc.steps.length;
    if (!id) { out.write(`${file}  (${count} steps; not in the library, so no id)\n`); continue; }
    listed++;
    if (selection && selection.steps !== 'all') {
      for (const s of selection.steps) out.write(`${stepId(id, s)}\n`);
      steps += selection.steps.length;
    } else {
      out.write(`${id}  ${count} steps\n`);
      steps += count;
    }
  }
  out.write(`${listed} scenario${listed === 1 ? '' : 's'}, ${steps} step${steps === 1 ? '' : 's'} (a step is <id>:<call>; <id>:end is the end of a scenario)\n`);
  return 0;
}

/** The first built-in profile that can run the scenario, measured ones first (`v`'s core reads its calls). */
export function pickProfile(sc: Scenario, v: Validator): NormalizedProfile {
  const all = [...builtinProfiles()].sort((a, b) => Number(a.provenance.kind !== 'measured') - Number(b.provenance.kind !== 'measured'));
  const needs = scenarioNeeds(sc, v);
  return all.find((p) => whyUnsupported(needs, p) === null) ?? all[0];
}

function totals(runs: ScenarioRun[]): string {
  const n = (s: ScenarioRun['status']) => runs.filter((r) => r.status === s).length;
  return `${runs.length} runs: ${n('passed')} passed, ${n('failed')} failed, ${n('unsupported')} not supported by their profile`;
}
