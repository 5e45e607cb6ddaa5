// What the import resolver view shows for real resolutions: the memory type table (flags from the
// profile, which mask lets each type through), the decisions in words, citations, and the verdict.
import { describe, it, expect, beforeAll } from 'vitest';
import { createValidator, handleTypes } from '../../src/index.js';
import { findProfile, builtinProfiles } from '../../src/profiles/builtin.js';
import type { Validator } from '../../src/validator.js';
import { resolveRequest, type ResolveRequest } from '../../src/resolve/request.js';
import { memoryTypeRows, citation, sizeText, dedicatedText, verdictOf, showsNvDedicated } from '../../web-demo/src/logic/resolver-tables.js';
import { SOURCE_KINDS, exportableTypes, shortHandleType, cleanRequest } from '../../web-demo/src/logic/resolver-request.js';

let v: Validator;
beforeAll(async () => { v = await createValidator(); });
const resolve = (req: ResolveRequest) => resolveRequest(v, req, findProfile(req.profile));

describe('a D3D12 heap import on the illustrative discrete GPU', () => {
  const req: ResolveRequest = { profile: 'illustrative-windows-discrete', source: { kind: 'd3d12-heap', size: 1048576 } };

  it('asks for the heap’s exact size, citing the checked VUID', () => {
    const r = resolve(req).resolution;
    expect(sizeText(r.allocationSize)).toEqual({ code: 'EXACT 1048576', words: 'exactly 1,048,576 bytes' });
    expect(citation(r.allocationSize.why)).toEqual({
      rule: 'VUID-VkMemoryAllocateInfo-allocationSize-00647', checked: true, checkedText: 'the validator reports this',
      url: 'https://registry.khronos.org/vulkan/specs/latest/html/vkspec.html#VUID-VkMemoryAllocateInfo-allocationSize-00647',
    });
  });

  it('lists every memory type of the profile with its flags, the masks that allow it, and the candidates', () => {
    const res = resolve(req);
    const rows = memoryTypeRows(res.resolution, res.profile);
    expect(rows).toHaveLength(res.profile.memory.types.length);
    expect(rows.map((r) => r.flags)).toEqual(['DEVICE_LOCAL', 'HOST_VISIBLE|HOST_COHERENT', 'HOST_VISIBLE|HOST_COHERENT|HOST_CACHED', 'DEVICE_LOCAL|HOST_VISIBLE|HOST_COHERENT', 'none', 'none']);
    expect(rows.map((r) => r.heap)).toEqual([0, 1, 1, 0, 1, 1]);
    expect(rows[0].heapFlags).toBe('DEVICE_LOCAL');
    // The handle's properties allow types 0 and 3 (mask 0x9); the resource allows the first four (an
    // external buffer gets none of the types without property flags) and the device all six.
    expect(rows.filter((r) => r.candidate).map((r) => r.index)).toEqual(res.resolution.memoryTypeIndex.candidates);
    expect(rows.filter((r) => r.candidate).map((r) => r.index)).toEqual([0, 3]);
    expect(rows.filter((r) => r.chosen).map((r) => r.index)).toEqual([0]);
    const allowed = (kind: string) => (i: number) => rows[i].allowedBy.find((a) => a.kind === kind)?.allowed;
    expect([0, 1, 2, 3, 4, 5].map(allowed('handle'))).toEqual([true, false, false, true, false, false]);
    expect([0, 1, 2, 3, 4, 5].map(allowed('resource'))).toEqual([true, true, true, true, false, false]);
    expect(rows[1].allowedBy.find((a) => a.kind === 'device')!.allowed).toBe(true);
  });

  it('calls the import workable, with an optional dedicated allocation cited by our own rule key', () => {
    const r = resolve(req).resolution;
    expect(verdictOf(r)).toEqual({ tone: 'ok', text: 'This import can work with the chain below.' });
    expect(dedicatedText(r.dedicated)).toBe('optional');
    const c = citation(r.dedicated.why);
    expect(c.rule).toMatch(/^vk-extmem:/);
    expect(c.checked).toBe(false);
    expect(c.checkedText).toBe('not checkable by the validator');
    expect(showsNvDedicated(r)).toBe(false);
  });
});

describe('imports that cannot work', () => {
  it('a D3D11 KMT texture on lavapipe (Linux) is refused with the capability VUID, not a crash', () => {
    const r = resolve({ profile: 'lavapipe', source: { kind: 'd3d11-texture', shared: 'kmt' } }).resolution;
    expect(verdictOf(r).tone).toBe('bad');
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => p.why.vuid)).toContain('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-09861');
  });

  it('an NV export shows the NV dedicated decision', () => {
    const r = resolve({ profile: 'illustrative-windows-discrete', source: { kind: 'vulkan', handleType: 'OPAQUE_WIN32_NV' } }).resolution;
    expect(showsNvDedicated(r)).toBe(true);
    expect(dedicatedText(r.dedicatedNV)).toMatch(/^(required|optional|not allowed|not applicable)/);
  });
});

describe('every request the form can make', () => {
  it('resolves on every built-in profile without throwing, and every table row matches the profile', async () => {
    const catalogue = await handleTypes();
    const sources = SOURCE_KINDS.flatMap(({ kind }) => kind === 'vulkan'
      ? exportableTypes(catalogue).flatMap((t) => [false, true].map((dedicated) => ({ kind, handleType: shortHandleType(t.name), dedicated })))
      : kind === 'd3d11-texture' ? [{ kind, shared: 'nt' as const }, { kind, shared: 'kmt' as const }] : [{ kind }]);
    let n = 0;
    for (const p of builtinProfiles()) for (const source of sources) for (const process of ['same', 'other'] as const) for (const byName of [false, true]) {
      const req = cleanRequest({ profile: p.profile, source: { ...source, byName }, process }, catalogue);
      const res = resolveRequest(v, req, p);
      const rows = memoryTypeRows(res.resolution, p);
      expect(rows).toHaveLength(p.memory.types.length);
      expect(rows.filter((r) => r.candidate).map((r) => r.index)).toEqual(res.resolution.memoryTypeIndex.candidates.filter((i) => i < p.memory.types.length));
      expect(['ok', 'warn', 'bad']).toContain(verdictOf(res.resolution).tone);
      n++;
    }
    expect(n).toBeGreaterThan(200);
  });
});
