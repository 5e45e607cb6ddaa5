// The cross-check's comparison and spec checks, with the mock standing in for a driver: a mock made from
// a changed profile must disagree exactly where the change shows, and lavapipe's measured answers must
// show its known deviation (VK_SUCCESS with no features for an unusable image handle type).
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createValidator } from '../../src/index.js';
import { parseScenario } from '../../src/input/scenario.js';
import { crosscheckScenario } from '../../src/crosscheck/index.js';
import { createMockBackend } from '../../src/backends/mock/index.js';
import { builtinProfiles } from '../../src/profiles/builtin.js';
import type { NormalizedProfile } from '../../src/profiles/types.js';
import type { Validator } from '../../src/validator.js';

let v: Validator;
beforeAll(async () => { v = await createValidator(); });
const lavapipe = () => structuredClone(builtinProfiles().find((p) => p.profile === 'lavapipe')!) as NormalizedProfile;
const load = (f: string) => parseScenario(readFileSync(f, 'utf8'), f);
const FD_FLOW = 'scenarios/cts/opaque_fd.suballocated.buffer.export_import_bind_bind.scenario.json';

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
    expect(spec.map((d) => d.what)).toContain('a handle type the image cannot be used with must make the query return VK_ERROR_FORMAT_NOT_SUPPORTED');
    expect(spec[0].spec).toMatch(/#VkPhysicalDeviceExternalImageFormatInfo$/);
  });
  it('a Windows scenario on a Linux driver is not compared, with the reason', () => {
    const f = 'scenarios/cts/opaque_win32.cross_process.scenario.json';
    const r = crosscheckScenario(v, load(f), f, () => createMockBackend([lavapipe()]), lavapipe());
    expect(r).toMatchObject({ status: 'unsupported', reason: expect.stringMatching(/not supported by this profile/) });
  });
});
