// A step whose placeholder needs an answer an earlier step did not get (that step was refused, or failed
// on the backend) stops the scenario there, failed, with the steps it ran and the reason: it is not bad
// input, so it must not end the whole run with an input error (as it did on the first run of the Win32
// scenarios under Wine, where the D3D texture could not be made). The backend here is the mock with one
// operation wrapped (a test double answering E_INVALIDARG, as Wine's D3D11 does for an unknown adapter).
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createValidator } from '../../src/index.js';
import { parseScenario } from '../../src/input/scenario.js';
import { runScenario } from '../../src/session/run-scenario.js';
import { formatRunText, formatRunsJUnit } from '../../src/report/timeline.js';
import { createMockBackend } from '../../src/backends/mock/index.js';
import { builtinProfiles } from '../../src/profiles/builtin.js';
import type { Validator } from '../../src/validator.js';

const FILE = 'scenarios/examples/d3d11-texture-import-by-name.scenario.json';
const WIN = builtinProfiles().find((p) => p.profile === 'illustrative-windows-discrete')!;
const E_INVALIDARG = -2147024809;
let v: Validator;
beforeAll(async () => { v = await createValidator(); });

function run(failCreate: boolean) {
  const backend = createMockBackend([WIN]);
  const create = backend.operations.D3D11CreateTexture2D.bind(backend.operations);
  backend.operations.D3D11CreateTexture2D = (process, args) => (failCreate ? { ...create(process, args), result: E_INVALIDARG } : create(process, args));
  v.reset();
  return runScenario(v, parseScenario(readFileSync(FILE, 'utf8'), FILE), FILE, backend, { profile: WIN, refuseInvalid: true });
}

/** The same scenario on a mock whose handle-properties query fails (a test double of a driver refusing the handle). */
function runWithFailingQuery() {
  const backend = createMockBackend([WIN]);
  backend.vulkan.win32HandleProperties = () => ({ result: -1000072003, memoryTypeBits: 0 });
  v.reset();
  return runScenario(v, parseScenario(readFileSync(FILE, 'utf8'), FILE), FILE, backend, { profile: WIN });
}

describe('a placeholder that needs an answer an earlier step did not get', () => {
  it('a query that failed answered nothing: its zeroed outputs are not taken as the answer', () => {
    const r = runWithFailingQuery();
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/^stopped before call 12: \$type\(img0, 0x3c4\): call 9 \(vkGetMemoryWin32HandlePropertiesKHR\) failed with VK_ERROR_INVALID_EXTERNAL_HANDLE/);
    expect(r.steps.length).toBe(11);
  });

  it('with every answer given, the scenario runs to its end', () => {
    expect(run(false).status).toBe('passed');
  });

  it('stops the scenario there, failed, keeping the steps it ran and naming the step that did not answer', () => {
    const r = run(true);
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/^stopped before call 12: \$type\(img0, 0x3c4\): call 9 \(vkGetMemoryWin32HandlePropertiesKHR\) was refused/);
    expect(r.steps.map((s) => s.call)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(r.steps.find((s) => s.call === 7)?.result).toBe('0x80070057');
    expect(formatRunText(r)).toContain(r.reason);
    expect(formatRunsJUnit([r])).toContain(`<failure message="${r.reason!.replace(/"/g, '&quot;')}"/>`);
  });
});
