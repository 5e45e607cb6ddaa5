// Running the cross-check: each scenario on the driver and on the model with the driver's profile.
import type { Backend } from '../backends/types.js';
import type { NormalizedProfile } from '../profiles/types.js';
import type { Scenario } from '../input/scenario.js';
import type { Validator } from '../validator.js';
import { runScenario, type ScenarioRun } from '../session/run-scenario.js';
import { createMockBackend } from '../backends/mock/index.js';
import { compareRuns, type Disagreement } from './compare.js';
import { specChecks } from './spec-checks.js';
import { Requirements } from '../conform/requirements.js';

export type { Disagreement } from './compare.js';

export interface CrosscheckResult {
  scenario: string;
  file: string;
  /** Both ran it; or why not (the profile cannot run it). */
  status: 'compared' | 'unsupported';
  reason?: string;
  disagreements: Disagreement[];
  driver?: ScenarioRun;
  model?: ScenarioRun;
}

/**
 * Runs one scenario on `driver` (made fresh by the factory) and on the mock loaded with `profile`, the
 * driver's own measured profile, and compares them. `unsafe` passes invalid calls to both backends.
 */
export function crosscheckScenario(v: Validator, sc: Scenario, file: string, driver: () => Backend, profile: NormalizedProfile, unsafe = false): CrosscheckResult {
  const opts = { profile, keepOutputs: true, refuseInvalid: !unsafe };
  const d = driver();
  let real: ScenarioRun;
  try {
    // Observing: an fd the driver closed or kept is an event of the call, and the spec checks see it.
    real = runScenario(v, sc, file, d, { ...opts, observe: true });
  } finally {
    d.dispose();
  }
  if (real.status === 'unsupported') return { scenario: sc.name, file, status: 'unsupported', reason: real.reason, disagreements: [] };
  const mock = createMockBackend([profile]);
  const model = runScenario(v, sc, file, mock, opts);
  mock.dispose();
  return { scenario: sc.name, file, status: 'compared', disagreements: [...compareRuns(real, model), ...specChecks(real, requirementsOf(v))], driver: real, model };
}

const requirements = new WeakMap<object, Requirements>();
function requirementsOf(v: Validator): Requirements {
  let r = requirements.get(v.core);
  if (!r) requirements.set(v.core, (r = new Requirements(v.core)));
  return r;
}
