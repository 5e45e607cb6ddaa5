// The scenario library through the session on the mock, on every built-in profile: every scenario
// passes where the profile supports it, the mock's invariants hold after every step, and the same
// run twice gives the same timeline.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createValidator } from '../../src/index.js';
import { parseScenario } from '../../src/input/scenario.js';
import { runScenario, type ScenarioRun } from '../../src/session/run-scenario.js';
import { createMockBackend } from '../../src/backends/mock/index.js';
import { builtinProfiles } from '../../src/profiles/builtin.js';
import { listScenarios } from '../../src/cli/demo.js';
import { fileURLToPath } from 'node:url';
import type { Validator } from '../../src/validator.js';
import { UNFILLED } from '../helpers/messages.js';

const files = listScenarios(fileURLToPath(new URL('../../scenarios', import.meta.url)));
let v: Validator;
beforeAll(async () => { v = await createValidator(); });

function runOn(file: string, profileName: string, check = true): ScenarioRun {
  const profile = builtinProfiles().find((p) => p.profile === profileName)!;
  const backend = createMockBackend([profile]);
  const sc = parseScenario(readFileSync(file, 'utf8'), file);
  const broken: string[] = [];
  const run = runScenario(v, sc, file, backend, {
    profile,
    afterStep: check ? (o) => { for (const p of backend.checkInvariants()) broken.push(`call ${o.call} ${o.name}: ${p}`); } : undefined,
  });
  expect(broken, 'mock invariants after every step').toEqual([]);
  return run;
}

describe('the scenario library on the mock', () => {
  it('finds the library', () => expect(files.length).toBeGreaterThan(30));
  for (const profile of builtinProfiles().map((p) => p.profile)) {
    describe(profile, () => {
      for (const file of files) {
        it(file.replace(/^.*scenarios\//, ''), () => {
          const run = runOn(file, profile);
          const failed = run.expectations.filter((e) => !e.passed).map((e) => `call ${e.call}: ${e.kind} ${e.vuid}: ${e.detail}`);
          expect(failed).toEqual([]);
          expect(run.status).not.toBe('failed');
          if (run.status === 'unsupported') expect(run.reason).toMatch(/^not supported by this profile: /);
          else for (const f of run.findings) expect(f.message).not.toMatch(UNFILLED);
        });
      }
    });
  }
  it('every scenario runs on at least one built-in profile, except those that say why not', () => {
    const never = files.filter((f) => builtinProfiles().every((p) => runOn(f, p.profile, false).status === 'unsupported'));
    for (const f of never) expect(JSON.parse(readFileSync(f, 'utf8')).requires, `${f} is unsupported everywhere without a requires block`).toBeDefined();
    expect(never.length).toBeLessThan(files.length / 10);
  });
  it('the same run twice gives the same timeline (handle values, events, findings)', () => {
    for (const f of files.filter((x) => /cross_process|d3d11|kmt/.test(x)).slice(0, 4)) {
      const a = runOn(f, 'illustrative-windows-discrete');
      const b = runOn(f, 'illustrative-windows-discrete');
      expect(JSON.stringify(b.steps)).toBe(JSON.stringify(a.steps));
    }
  });
});
