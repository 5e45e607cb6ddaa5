// What real drivers were recorded doing, held against the model as it is now. The NVIDIA H200 runs only
// on the device machine, so its cross-check and its run with the validation layer were recorded there
// (test/fixtures/drivers/nvidia-h200-linux/) and are replayed here on the mock loaded with the profile
// measured on the same driver: a model change that would no longer agree with that driver fails here,
// without the GPU.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createValidator } from '../../src/index.js';
import { parseScenario } from '../../src/input/scenario.js';
import { layerCheckScenario } from '../../src/crosscheck/layer.js';
import type { LayerMessage } from '../../src/backends/native/addon-api.js';
import { createMockBackend } from '../../src/backends/mock/index.js';
import { builtinProfiles } from '../../src/profiles/builtin.js';
import { listScenarios } from '../../src/cli/demo.js';
import type { Validator } from '../../src/validator.js';

const dir = 'test/fixtures/drivers/nvidia-h200-linux';
const crosscheck = JSON.parse(readFileSync(`${dir}/crosscheck.json`, 'utf8')) as {
  driver: string; results: Array<{ scenario: string; file: string; status: string; disagreements: unknown[] }>;
};
const layer = JSON.parse(readFileSync(`${dir}/layer.json`, 'utf8')) as {
  results: Array<{ scenario: string; file: string; status: string; calls: Array<{ call: number; both: string[]; modelOnly: string[]; layerOnly: string[] }> }>;
};
const profile = builtinProfiles().find((p) => p.profile === 'nvidia-h200-linux')!;

let v: Validator;
beforeAll(async () => { v = await createValidator(); });

/**
 * The scenario on the mock with the H200's profile, through the same comparison the layer run made (the
 * mock has no layer, so every VUID the model reports lands in modelOnly): its status, and the model's
 * error VUIDs per call.
 */
function onModel(file: string) {
  const mock = () => Object.assign(createMockBackend([profile]), { takeLayerMessages: (): LayerMessage[] => [] });
  const r = layerCheckScenario(v, parseScenario(readFileSync(file, 'utf8'), file), file, mock, profile);
  return { status: r.status, perCall: new Map(r.calls.map((c) => [c.call, c.modelOnly])) };
}

describe('the NVIDIA H200 (driver 580.159.04), as recorded on the device machine', () => {
  it('the recording covers the whole library, and the driver agreed with the model on every call it ran', () => {
    expect(crosscheck.driver).toMatch(/^measured on NVIDIA \(580\.159\.04\)/);
    // A scenario added since the recording is covered only if the H200's measured profile cannot run
    // it: the cross-check would have reported it "not supported" on that driver without running a call.
    // One the profile can run must be recorded on the GPU.
    const recorded = new Set(crosscheck.results.map((r) => r.file));
    const library = listScenarios('scenarios').map((f) => f.replace(/^.*?scenarios\//, 'scenarios/'));
    const missing = library.filter((f) => !recorded.has(f));
    expect(missing.filter((f) => onModel(f).status !== 'unsupported'), 'scenarios the H200 could run that the recording lacks').toEqual([]);
    expect([...recorded].sort()).toEqual(library.filter((f) => recorded.has(f)).sort());
    expect(crosscheck.results.flatMap((r) => r.disagreements)).toEqual([]);
    expect(crosscheck.results.filter((r) => r.status === 'compared')).toHaveLength(31);
  });

  it('the model on the H200 profile runs exactly the scenarios the driver ran', () => {
    const ranOnDriver = crosscheck.results.filter((r) => r.status === 'compared').map((r) => r.scenario).sort();
    const runsOnModel = crosscheck.results.filter((r) => onModel(r.file).status !== 'unsupported').map((r) => r.scenario).sort();
    expect(runsOnModel).toEqual(ranOnDriver);
  });

  it('with the validation layer: nothing the layer alone reported, and the model still reports what it reported there', () => {
    expect(layer.results.flatMap((r) => r.calls.flatMap((c) => c.layerOnly))).toEqual([]);
    const compared = layer.results.filter((r) => r.status === 'compared');
    expect(compared.length).toBe(9);
    expect(compared.flatMap((r) => r.calls.flatMap((c) => c.both))).toContain('VUID-VkMemoryAllocateInfo-allocationSize-00638');
    // After the first invalid call the runs part ways: the layer made the driver skip each call it
    // reported (VK_ERROR_VALIDATION_FAILED_EXT), and what a driver does with the others is undefined
    // (NVIDIA refuses a misaligned host pointer the mock accepts). So each scenario is compared up to and
    // including its first invalid call.
    let callsCompared = 0;
    for (const r of compared) {
      const model = [...onModel(r.file).perCall];
      const first = Math.min(...r.calls.map((c) => c.call), ...model.map(([call]) => call));
      const upTo = (entries: Array<[number, string[]]>) => Object.fromEntries(entries.filter(([call]) => call <= first));
      const recorded = upTo(r.calls.map((c) => [c.call, [...c.both, ...c.modelOnly].sort()]));
      expect(upTo(model), r.scenario).toEqual(recorded);
      callsCompared += Object.keys(recorded).length;
    }
    expect(callsCompared).toBe(6); // the other three misuses break OS rules (VKX-…), which no layer sees
  });
});
