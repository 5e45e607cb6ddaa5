// Every scenario of the library, on the mock made from every built-in profile, passes or is "not
// supported" with its reason: a scenario may not assume one driver's numbers (the misaligned host-pointer
// scenario assumed a 4096-byte import alignment and failed on Dozen's 65536), and a profile may not
// answer a question a scenario relies on inconsistently.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createValidator } from '../../src/index.js';
import { parseScenario } from '../../src/input/scenario.js';
import { runScenario } from '../../src/session/run-scenario.js';
import { createMockBackend } from '../../src/backends/mock/index.js';
import { builtinProfiles } from '../../src/profiles/builtin.js';
import type { Validator } from '../../src/validator.js';

let v: Validator;
beforeAll(async () => { v = await createValidator(); });
const files = ['scenarios/examples', 'scenarios/misuse', 'scenarios/cts'].flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.scenario.json')).sort().map((f) => join(d, f)));

describe('the scenario library on every built-in profile', () => {
  for (const profile of builtinProfiles()) {
    it(`${profile.profile}: every scenario passes or is not supported`, () => {
      const failed: string[] = [];
      let passed = 0;
      for (const f of files) {
        v.reset();
        const r = runScenario(v, parseScenario(readFileSync(f, 'utf8'), f), f, createMockBackend([profile]), { profile });
        if (r.status === 'passed') passed++;
        if (r.status === 'failed') failed.push(`${f}: ${r.reason ?? ''} ${r.expectations.filter((e) => !e.passed).map((e) => `call ${e.call} ${e.detail}`).join('; ')}`);
      }
      expect(failed).toEqual([]);
      expect(passed).toBeGreaterThan(10);
    }, 120_000);
  }
});
