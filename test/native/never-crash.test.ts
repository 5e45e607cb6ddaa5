// Nothing JavaScript passes may crash the Node process: hammer.cjs calls every export with wrong
// types, huge numbers, NaN, freed ids, double frees and closes, fds and pointers that are not the
// addon's, and getters that throw or close the session mid-call. It runs in a child process so that a
// crash shows up here as a signal instead of taking the test runner down with it.
import { describe, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { itNeeds } from '../helpers/system.js';
import { addonPath, hasAddon, hasLavapipe, hasValidation, lavapipeIcd, lavapipeMissing, root } from './addon.js';

function hammer(mode?: string) {
  const r = spawnSync(process.execPath, [join(root, 'test', 'native', 'hammer.cjs'), addonPath, ...(mode ? [mode] : [])], {
    encoding: 'utf8',
    env: { ...process.env, VK_ICD_FILENAMES: lavapipeIcd, VK_LAYER_ENABLE_MESSAGE_LIMIT: 'false' },
    timeout: 120_000,
  });
  expect(r.signal, `the child died by a signal; stderr:\n${r.stderr}`).toBeNull();
  expect(r.status, r.stderr).toBe(0);
  const summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
  expect(summary.otherErrors).toEqual([]);
  expect(summary.checks).toEqual([]);
  expect(summary.calls).toBeGreaterThan(5000);
  // Most calls must be refused by the addon itself, with the error kinds its contract names.
  expect(summary.typeErrors).toBeGreaterThan(1000);
  expect(summary.rangeErrors).toBeGreaterThan(1000);
  expect(summary.getterErrors).toBeGreaterThan(0);
  return summary;
}

describe('native addon: never crashes', () => {
  itNeeds(hasAddon && hasLavapipe, lavapipeMissing)('every export hammered with bad arguments: the child exits 0', () => {
    hammer();
  }, 120_000);

  itNeeds(hasAddon && hasLavapipe && hasValidation, [lavapipeMissing, !hasValidation && 'the Khronos validation layer (vulkan-validationlayers)'].filter(Boolean).join('; '))(
    'the same with the validation layer skipping what it reports', () => {
      hammer('validation');
    }, 120_000);
});
