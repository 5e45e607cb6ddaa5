// The scenario library: every expectation holds; CTS-derived flows and examples are clean; each
// misuse scenario reports at least the VUID it is about.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createValidator, validateScenarioText } from '../src/index.js';
import { listScenarios } from '../src/cli/demo.js';
import { UNFILLED } from './helpers/messages.js';

const files = listScenarios('scenarios');

describe('scenario library', () => {
  it('has CTS-derived, misuse and example scenarios', () => {
    for (const kind of ['cts', 'misuse', 'examples']) expect(files.some((f) => f.includes(`/${kind}/`)), kind).toBe(true);
  });
  for (const file of files) {
    it(file, async () => {
      const v = await createValidator();
      const r = validateScenarioText(v, readFileSync(file, 'utf8'), file);
      expect(r.expectations.length, 'every scenario states what it expects').toBeGreaterThan(0);
      const failed = r.expectations.filter((e) => !e.passed);
      expect(failed.map((e) => `step ${e.call}: ${e.kind} ${e.vuid}: ${e.detail}`)).toEqual([]);
      expect(r.findings.filter((f) => UNFILLED.test(f.message)).map((f) => f.message)).toEqual([]);
      const errors = r.findings.filter((f) => f.severity === 'error');
      if (file.includes('/misuse/')) {
        expect(r.expectations.some((e) => e.kind === 'report')).toBe(true);
        const wanted = new Set(r.expectations.filter((e) => e.kind === 'report').map((e) => e.vuid));
        for (const f of errors) expect([...wanted, 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01440', 'VUID-vkGetMemoryWin32HandlePropertiesKHR-handle-00665'], `${f.vuid} at step ${f.call}: ${f.message}`).toContain(f.vuid);
      } else {
        expect(errors.map((f) => `step ${f.call}: ${f.vuid}: ${f.message}`)).toEqual([]);
      }
    });
  }
});
