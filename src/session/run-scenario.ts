// Running a whole scenario: on a backend (mock or native, from a device profile) or as a trace.
import { verdictOf } from '../report/verdict.js';
import type { Backend } from '../backends/types.js';
import type { NormalizedProfile } from '../profiles/types.js';
import type { Scenario } from '../input/scenario.js';
import type { ExpectationResult, Finding } from '../report/types.js';
import type { Validator } from '../validator.js';
import { Session, type SessionOptions, type StepOutcome } from './session.js';
import { BackendLost, NotSupported, Unanswered } from './placeholders.js';
import { unsupportedReason } from './support.js';
import { stepId, type StepRef } from '../input/query.js';

export interface ScenarioRun {
  scenario: string;
  /** The scenario's query id (`misuse/x`), when it is a library scenario. */
  query?: string;
  /** The query ids of the steps a query selected, when it selected steps rather than the whole scenario. */
  selected?: string[];
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
  /** The scenario's query id: every step, finding and expectation is named by its step's id. */
  query?: string;
  /**
   * Only these steps (a query such as `misuse/x:13`): the scenario runs up to the last of them (to its
   * end for 'end'), and the run reports and is judged by them alone.
   */
  steps?: StepRef[];
}

export function runScenario(v: Validator, sc: Scenario, file: string, backend: Backend | null, opts: RunOptions = {}): ScenarioRun {
  const only = opts.steps;
  const run: ScenarioRun = {
    scenario: sc.name, query: opts.query, selected: opts.query && only ? only.map((s) => stepId(opts.query!, s)) : undefined,
    file, backend: backend?.kind ?? 'none', profile: opts.profile?.profile, status: 'passed', steps: [], findings: [], expectations: [],
  };
  const why = opts.profile ? unsupportedReason(sc, opts.profile, v) : null;
  if (why) return { ...run, status: 'unsupported', reason: `not supported by this profile: ${why}` };
  const session = new Session(v, backend, { ...opts, file });
  // The steps after the last one asked for cannot change it: they are not run.
  const last = only && !only.includes('end') ? Math.max(...(only as number[])) : Infinity;
  try {
    for (const step of sc.steps) {
      if (step.call > last) break;
      run.steps.push(session.step(step));
    }
    if (last === Infinity) run.steps.push(...session.finish());
  } catch (e) {
    if (e instanceof NotSupported) return { ...run, steps: [], status: 'unsupported', reason: `not supported by this profile: ${e.message}` };
    // A later step needs what an earlier one did not answer: the run stops there, failed, with the
    // steps it ran (the earlier step's own outcome says why).
    // So does one the backend can no longer run (a process of it ended).
    if (e instanceof Unanswered || e instanceof BackendLost) {
      if (opts.query) nameSteps(run.steps, opts.query);
      for (const s of run.steps) { run.findings.push(...s.findings); run.expectations.push(...s.expectations); }
      return { ...run, status: 'failed', reason: `stopped ${e instanceof BackendLost ? 'at' : 'before'} call ${nextCall(sc, run)}: ${e.message}` };
    }
    throw e;
  }
  if (opts.query) nameSteps(run.steps, opts.query);
  if (only) run.steps = run.steps.filter((s) => only.includes(s.synthetic ? 'end' : s.call));
  for (const s of run.steps) { run.findings.push(...s.findings); run.expectations.push(...s.expectations); }
  run.status = verdictOf(run);
  return run;
}

/** The call number of the step after the last one the run holds. */
function nextCall(sc: Scenario, run: ScenarioRun): number {
  const done = run.steps.length ? run.steps[run.steps.length - 1].call : 0;
  return sc.steps.find((s) => s.call > done)?.call ?? done + 1;
}

/** Names every step, and each of its findings and expectations, by the step's query id. */
function nameSteps(steps: StepOutcome[], scenario: string): void {
  for (const s of steps) {
    s.query = stepId(scenario, s.synthetic ? 'end' : s.call);
    for (const f of s.findings) f.query = s.query;
    for (const e of s.expectations) e.query = s.query;
  }
}
