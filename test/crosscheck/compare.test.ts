// The cross-check's comparison and spec checks, with the mock standing in for a driver: a mock made from
// a changed profile must disagree exactly where the change shows, and lavapipe's measured answers must
// show its known deviation (VK_SUCCESS with no features for an unusable image handle type).
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createValidator } from '../../src/index.js';
import { parseScenario } from '../../src/input/scenario.js';
import { crosscheckScenario } from '../../src/crosscheck/index.js';
import { specChecks } from '../../src/crosscheck/spec-checks.js';
import { Requirements } from '../../src/conform/requirements.js';
import type { ScenarioRun } from '../../src/session/run-scenario.js';
import type { StepOutcome } from '../../src/session/session.js';
import { createMockBackend } from '../../src/backends/mock/index.js';
import { builtinProfiles } from '../../src/profiles/builtin.js';
import type { NormalizedProfile } from '../../src/profiles/types.js';
import type { Validator } from '../../src/validator.js';
import type { LifecycleEvent } from '../../src/backends/types.js';

let v: Validator;
beforeAll(async () => { v = await createValidator(); });
const lavapipe = () => structuredClone(builtinProfiles().find((p) => p.profile === 'lavapipe')!) as NormalizedProfile;
const load = (f: string) => parseScenario(readFileSync(f, 'utf8'), f);
const FD_FLOW = 'scenarios/cts/opaque_fd.suballocated.buffer.export_import_bind_bind.scenario.json';

const windows = () => structuredClone(builtinProfiles().find((p) => p.profile === 'illustrative-windows-discrete')!) as NormalizedProfile;

describe('cross-check of Windows scenarios (mock standing in for the driver)', () => {
  // Results of OS and D3D calls are BOOL and HRESULT values (TRUE, S_OK, 0x80070057): the spec checks
  // read each step's result as the number the backend gave, not by parsing its name, which stopped the
  // whole cross-check with an input error at the first D3D step.
  it('every example with D3D and Win32 calls is compared, the same profile on both sides agreeing', () => {
    for (const f of ['scenarios/examples/d3d11-texture-import.scenario.json', 'scenarios/examples/nt-handle-keeps-memory-alive.scenario.json', 'scenarios/examples/nv-win32-export-import-kmt.scenario.json']) {
      const r = crosscheckScenario(v, load(f), f, () => createMockBackend([windows()]), windows());
      expect(r.status, f).toBe('compared');
      expect(r.disagreements, f).toEqual([]);
    }
  });
  it('a D3D call that fails on the driver is compared by its HRESULT', () => {
    const f = 'scenarios/examples/d3d11-texture-import.scenario.json';
    const failing = () => {
      const b = createMockBackend([windows()]);
      const create = b.operations.D3D11CreateTexture2D.bind(b.operations);
      b.operations.D3D11CreateTexture2D = (p, a) => ({ ...create(p, a), result: -2147024809 });
      return b;
    };
    const r = crosscheckScenario(v, load(f), f, failing, windows());
    // Linked to the call's own documentation, not to an anchor the Vulkan spec does not have.
    expect(r.disagreements.find((d) => d.kind === 'result' && d.name === 'D3D11CreateTexture2D')).toMatchObject({
      driver: '0x80070057', model: 'S_OK', spec: 'https://learn.microsoft.com/en-us/windows/win32/api/d3d11/nf-d3d11-id3d11device-createtexture2d',
    });
  });
});

/**
 * A test double of a driver: the mock on the same profile, with what it reports of its handles rewritten
 * by `change` (as a driver whose OS picks other numbers, or keeps a handle open, would report them).
 */
function rewriting(change: (e: LifecycleEvent) => LifecycleEvent) {
  return () => {
    const b = createMockBackend([windows()]);
    let sink: ((e: LifecycleEvent) => void) | undefined;
    Object.defineProperty(b, 'onEvent', { get: () => sink && ((e: LifecycleEvent) => sink!(change(e))), set: (f) => { sink = f; } });
    return b;
  };
}

describe('cross-check of handle values and of what a process leaves open', () => {
  // Three imports of one export, each through a DuplicateHandle closed after it: each copy gets the
  // closed value back.
  const REUSE = 'scenarios/cts/opaque_win32.dedicated.host_visible.import_multiple_times.scenario.json';
  const LEAK = 'scenarios/misuse/opaque_win32.nt_handle_leaked.scenario.json';
  it('other numbers with the same pattern of reuse agree: the values themselves are the OS\'s choice', () => {
    const shifted = rewriting((e) => (e.kind === 'handle-created' || e.kind === 'handle-duplicated' || e.kind === 'handle-closed' || e.kind === 'handle-imported' ? { ...e, handle: e.handle + 0x1000 } : e));
    const r = crosscheckScenario(v, load(REUSE), REUSE, shifted, windows());
    expect(r.status).toBe('compared');
    expect(r.disagreements).toEqual([]);
  });
  it('a driver whose OS never hands a closed value out again disagrees where the model reuses one, naming both patterns', () => {
    let next = 0x8000;
    const fresh = rewriting((e) => (e.kind === 'handle-created' || e.kind === 'handle-duplicated' ? { ...e, handle: (next += 4) } : e));
    const r = crosscheckScenario(v, load(REUSE), REUSE, fresh, windows());
    const d = r.disagreements.filter((x) => x.kind === 'handle');
    // The second and third copies: the model gives each the value the first copy had (named after the
    // call that made it first); this driver gives each a value never seen before.
    expect(d.map((x) => x.name)).toEqual(['DuplicateHandle', 'DuplicateHandle']);
    expect(d[0].spec).toBe('https://learn.microsoft.com/en-us/windows/win32/sysinfo/handles-and-objects');
    const first = /^NT h\d+ \(call (\d+)\)$/.exec(d[0].model)!;
    expect(Number(first[1])).toBeLessThan(d[0].call);
    expect(d[1].model).toBe(d[0].model);
    expect(d[0].driver).toBe(`NT h3 (call ${d[0].call})`);
    expect(d[1].driver).toBe(`NT h4 (call ${d[1].call})`);
  });
  it('a process that exits holding another number of handles than the model says is a leak on one side', () => {
    const leaky = rewriting((e) => (e.kind === 'process-exited' ? { ...e, handlesClosed: e.handlesClosed + 1 } : e));
    const r = crosscheckScenario(v, load(LEAK), LEAK, leaky, windows());
    expect(r.disagreements.filter((x) => x.kind === 'exit')).toEqual([expect.objectContaining({ driver: '2', model: '1', spec: 'https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-exitprocess' })]);
    // The same scenario on the same profile: the one leaked handle, counted alike.
    expect(crosscheckScenario(v, load(LEAK), LEAK, () => createMockBackend([windows()]), windows()).disagreements).toEqual([]);
  });
});

describe('cross-check (mock standing in for the driver)', () => {
  it('the same profile on both sides: no disagreement on an fd flow', () => {
    const r = crosscheckScenario(v, load(FD_FLOW), FD_FLOW, () => createMockBackend([lavapipe()]), lavapipe());
    expect(r.status).toBe('compared');
    expect(r.disagreements).toEqual([]);
  });
  it('a driver whose buffers want another alignment disagrees at the requirements call, naming the member', () => {
    const changed = lavapipe();
    changed.requirements.buffer.alignment = 256;
    const r = crosscheckScenario(v, load(FD_FLOW), FD_FLOW, () => createMockBackend([changed]), lavapipe());
    const answers = r.disagreements.filter((d) => d.kind === 'answer');
    expect(answers.length).toBeGreaterThan(0);
    expect(answers[0]).toMatchObject({ name: expect.stringMatching(/MemoryRequirements/), what: expect.stringMatching(/alignment$/), driver: '256', model: '64' });
    expect(answers[0].spec).toMatch(/^https:\/\/registry\.khronos\.org\/.*#vkGet\w+MemoryRequirements/);
  });
  it('a driver that refuses the export disagrees on the return value', () => {
    const changed = lavapipe();
    for (const a of changed.externalBuffer) a.externalMemoryFeatures = 0;
    const r = crosscheckScenario(v, load(FD_FLOW), FD_FLOW, () => createMockBackend([changed]), lavapipe());
    expect(r.disagreements.some((d) => d.kind === 'answer' && /externalMemoryFeatures/.test(d.what))).toBe(true);
  });
  it('lavapipe\'s measured VK_SUCCESS-with-no-features image answer is reported as a spec deviation', () => {
    const steps = JSON.parse(readFileSync('scenarios/cts/opaque_fd.image.info.scenario.json', 'utf8'));
    const query = steps.steps.find((s: { vkFunc?: { name: string } }) => s.vkFunc?.name === 'vkGetPhysicalDeviceImageFormatProperties2');
    // Exactly a question the profile recorded: DMA_BUF for an RGBA8 optimal image, transfer and sampled.
    query.vkFunc.args.pImageFormatInfo.pNext.handleType = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT';
    query.vkFunc.args.pImageFormatInfo.usage = 7;
    delete query.expect;
    const sc = parseScenario(JSON.stringify(steps), 'dma-buf-query');
    const r = crosscheckScenario(v, sc, 'dma-buf-query', () => createMockBackend([lavapipe()]), lavapipe());
    const spec = r.disagreements.filter((d) => d.kind === 'spec');
    expect(spec.map((d) => d.what)).toEqual([expect.stringMatching(/VK_ERROR_FORMAT_NOT_SUPPORTED.*\(image-unsupported-error\)$/)]);
    expect(spec[0]).toMatchObject({ driver: 'VK_SUCCESS with externalMemoryFeatures 0', spec: expect.stringMatching(/#VkPhysicalDeviceExternalImageFormatInfo$/) });
  });
  it('the same answer to a call the driver did not receive as written, or to invalid usage, is no deviation', () => {
    const req = new Requirements(v.core);
    const answer = (extra: Partial<StepOutcome>): ScenarioRun => ({
      scenario: 's', file: 'f', backend: 'native', status: 'passed', findings: [], expectations: [],
      steps: [{
        call: 3, process: 'app', kind: 'vk', name: 'vkGetPhysicalDeviceImageFormatProperties2', result: 'VK_SUCCESS', findings: [], events: [], expectations: [],
        after: {
          pImageFormatInfo: { format: 37, pNext: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO', handleType: 0x200 } },
          pImageFormatProperties: { imageFormatProperties: {}, pNext: { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES', externalMemoryProperties: { externalMemoryFeatures: 0 } } },
        },
        ...extra,
      }],
    });
    expect(specChecks(answer({}), req).map((d) => d.what)).toEqual([expect.stringMatching(/\(image-unsupported-error\)$/)]);
    expect(specChecks(answer({ raw: [{ kind: 'value-substituted', process: 1, handle: 7, handleKind: 'fd', shown: -1, why: 'not the process\'s fd' }] }), req)).toEqual([]);
    expect(specChecks(answer({ raw: [{ kind: 'not-passed', process: 1, why: 'refused' }] }), req)).toEqual([]);
    expect(specChecks(answer({ findings: [{ severity: 'error', vuid: 'VUID-x', message: 'm' } as never] }), req)).toEqual([]);
  });
  it('an export that hands out an fd the application still holds is a deviation; a new one is not', () => {
    const req = new Requirements(v.core);
    const step = (call: number, fd: number): StepOutcome => ({
      call, process: 'app', kind: 'vk', name: 'vkGetMemoryFdKHR', result: 'VK_SUCCESS', findings: [], events: [], expectations: [], after: {},
      raw: [{ kind: 'handle-created', process: 1, handle: fd, handleKind: 'fd' } as never],
    });
    const run = (...steps: StepOutcome[]): ScenarioRun => ({ scenario: 's', file: 'f', backend: 'native', status: 'passed', findings: [], expectations: [], steps });
    expect(specChecks(run(step(1, 5), step(2, 6)), req)).toEqual([]);
    expect(specChecks(run(step(1, 5), step(2, 5)), req)).toEqual([expect.objectContaining({ call: 2, driver: 'returned fd 5, which the application still holds' })]);
  });
  it('a Windows scenario on a Linux driver is not compared, with the reason', () => {
    const f = 'scenarios/cts/opaque_win32.cross_process.scenario.json';
    const r = crosscheckScenario(v, load(f), f, () => createMockBackend([lavapipe()]), lavapipe());
    expect(r).toMatchObject({ status: 'unsupported', reason: expect.stringMatching(/not supported by this profile/) });
  });
});
