// Running a whole scenario: on a backend (mock or native, from a device profile) or as a trace.
import { verdictOf } from '../report/verdict.js';
import type { Backend } from '../backends/types.js';
import type { NormalizedProfile } from '../profiles/types.js';
import type { Scenario } from '../input/scenario.js';
import type { ExpectationResult, Finding } from '../report/types.js';
import type { Validator } from '../validator.js';
import { Session, type SessionOptions, type StepOutcome } from './session.js';
import { NotSupported } from './placeholders.js';
import { unsupportedReason } from './support.js';

export interface ScenarioRun {
  scenario: string;
  file: string;
  /** `mock`, `native` or `none` (validated as written). */
  backend: string;
  profile?: string;
  /** passed: every expectation held; failed: one did not; unsupported: the profile cannot run it. */
  status: 'passed' | 'failed' | 'unsupported';
  reason?: string;
  steps: StepOutcome[];
  findings: Finding[];
  expectations: ExpectationResult[];
}

export interface RunOptions extends SessionOptions {
  /** The profile the backend was made from (for the support check and reports). */
  profile?: NormalizedProfile;
}

export function runScenario(v: Validator, sc: Scenario, file: string, backend: Backend | null, opts: RunOptions = {}): ScenarioRun {
  const run: ScenarioRun = { scenario: sc.name, file, backend: backend?.kind ?? 'none', profile: opts.profile?.profile, status: 'passed', steps: [], findings: [], expectations: [] };
  const why = opts.profile ? unsupportedReason(sc, opts.profile) : null;
  if (why) return { ...run, status: 'unsupported', reason: `not supported by this profile: ${why}` };
  const session = new Session(v, backend, { ...opts, file });
  try {
    for (const step of sc.steps) run.steps.push(session.step(step));
    run.steps.push(...session.finish());
  } catch (e) {
    if (e instanceof NotSupported) return { ...run, steps: [], status: 'unsupported', reason: `not supported by this profile: ${e.message}` };
    throw e;
  }
  for (const s of run.steps) { run.findings.push(...s.findings); run.expectations.push(...s.expectations); }
  run.status = verdictOf(run);
  return run;
}
