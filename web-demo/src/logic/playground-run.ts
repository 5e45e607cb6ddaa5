// Running what the playground was given: a scenario (on the mock, from a device profile) or a
// gfxreconstruct capture (as a trace: every call checked as recorded, no backend). Both end as one
// shape the view draws: steps with their findings and events, and the expectations.
import type { Validator } from '../../../src/validator.js';
import type { NormalizedProfile } from '../../../src/profiles/types.js';
import type { StepOutcome } from '../../../src/session/session.js';
import type { ExpectationResult, Finding } from '../../../src/report/types.js';
import { parseScenario, type Scenario } from '../../../src/input/scenario.js';
import { parseCaptureLine } from '../../../src/input/gfxrecon.js';
import { looksLikeCapture } from '../../../src/validate.js';
import { runScenario } from '../../../src/session/run-scenario.js';
import { scenarioNeeds, whyUnsupported } from '../../../src/session/support.js';
import { createMockBackend } from '../../../src/backends/mock/index.js';
import { InputError } from '../../../src/core/errors.js';
import { RecordedEvents } from '../../../src/session/recorded-events.js';

export type InputKind = 'scenario' | 'capture';

export interface PlaygroundRun {
  kind: InputKind;
  file: string;
  /** The scenario's name, or the capture's file name. */
  title: string;
  description?: string;
  /** Scenarios: passed / failed / unsupported. Captures have no expectations: checked. */
  status: 'passed' | 'failed' | 'unsupported' | 'checked';
  /** Why the profile cannot run the scenario. */
  reason?: string;
  profile?: string;
  steps: StepOutcome[];
  findings: Finding[];
  expectations: ExpectationResult[];
  /** The parsed scenario (for asking which profiles can run it). */
  scenario?: Scenario;
}

/** A capture is JSON Lines whose first line is a gfxreconstruct record; anything else is read as a scenario. */
export function inputKind(text: string): InputKind {
  return looksLikeCapture(text.slice(0, 4096)) ? 'capture' : 'scenario';
}

/**
 * Runs text of either kind; throws InputError (naming file, line and member) for bad input. `query` is
 * a library scenario's id: the run is titled by it and its steps are named by their ids.
 */
export function runText(v: Validator, text: string, file: string, profile: NormalizedProfile, query?: string): PlaygroundRun {
  return inputKind(text) === 'capture' ? runCapture(v, text, file) : runScenarioText(v, text, file, profile, query);
}

/** Parses and runs a scenario on the mock made from `profile`. */
export function runScenarioText(v: Validator, text: string, file: string, profile: NormalizedProfile, query?: string): PlaygroundRun {
  let sc: Scenario;
  try {
    sc = parseScenario(text, file);
  } catch (e) {
    if (e instanceof InputError) e.where.file ??= file;
    throw e;
  }
  const backend = createMockBackend([profile]);
  try {
    // keepOutputs: the backend's own events name handles exactly (the picture pairs creation and close).
    const run = runScenario(v, sc, file, backend, { profile, keepOutputs: true, query });
    return {
      kind: 'scenario', file, title: query ?? sc.name, description: sc.description, status: run.status, reason: run.reason, profile: profile.profile,
      steps: run.steps, findings: run.findings, expectations: run.expectations, scenario: sc,
    };
  } finally {
    backend.dispose();
  }
}

/**
 * Checks a capture call by call as it was recorded, the way `vk-extmem validate` does
 * (validateCaptureStream): no backend, outputs as written, unknown members tolerated. What happened to
 * handles and payloads is read from the calls as recorded (the library's RecordedEvents), in the
 * shape a scenario run's backend events have, so the picture draws both alike.
 */
export function runCapture(v: Validator, text: string, file: string): PlaygroundRun {
  v.reset();
  const recorded = new RecordedEvents();
  const steps: StepOutcome[] = [];
  const findings: Finding[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    let rec;
    try {
      rec = parseCaptureLine(line, i + 1, file);
      if (!rec) continue;
      const found = v.check(rec);
      for (const f of found) { f.file = file; f.line = rec.line; }
      findings.push(...found);
      const { raw, events } = recorded.take(rec);
      steps.push({
        call: rec.call, line: rec.line, process: 'main', kind: rec.kind, name: rec.name,
        result: rec.result === undefined ? undefined : String(rec.result), findings: found, events, raw, expectations: [],
      });
    } catch (e) {
      if (e instanceof InputError) { e.where.file ??= file; e.where.line ??= i + 1; }
      throw e;
    }
  }
  return { kind: 'capture', file, title: file, description: `gfxreconstruct capture, ${steps.length} calls, checked as recorded (no backend)`, status: 'checked', steps, findings, expectations: [] };
}

/** The profiles (by name) that can run this scenario (`v`'s core reads its calls). */
export function profilesThatCanRun(sc: Scenario, profiles: NormalizedProfile[], v: Validator): string[] {
  const needs = scenarioNeeds(sc, v);
  return profiles.filter((p) => whyUnsupported(needs, p) === null).map((p) => p.profile);
}

/** Counts for the verdict line. */
export function summarize(run: PlaygroundRun): { errors: number; warnings: number; passed: number; failed: number } {
  return {
    errors: run.findings.filter((f) => f.severity === 'error').length,
    warnings: run.findings.filter((f) => f.severity === 'warning').length,
    passed: run.expectations.filter((e) => e.passed).length,
    failed: run.expectations.filter((e) => !e.passed).length,
  };
}
