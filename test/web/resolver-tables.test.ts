// What the import resolver view shows for real resolutions: the memory type table (flags from the
// profile, which mask lets each type through), the decisions in words, citations, and the verdict.
import { describe, it, expect, beforeAll } from 'vitest';
import { createValidator, handleTypes } from '../../src/index.js';
import { findProfile, builtinProfiles } from '../../src/profiles/builtin.js';
import type { Validator } from '../../src/validator.js';
import { resolveRequest, type ResolveRequest } from '../../src/resolve/request.js';
import { memoryTypeRows, citation, verdictOf, showsNvDedicated } from '../../web-demo/src/logic/resolver-tables.js';
import { thingsOf, sizeDecision, typesDecision, dedicatedDecision, dedicatedWord, reasonSentence, humanize, extensionNotices } from '../../web-demo/src/logic/resolver-words.js';
import { SOURCE_KINDS, exportableTypes, shortHandleType, cleanRequest } from '../../web-demo/src/logic/resolver-request.js';

let v: Validator;
beforeAll(async () => { v = await createValidator(); });
const resolve = (req: ResolveRequest) => resolveRequest(v, req, findProfile(req.profile));

describe('a D3D12 heap import on the illustrative discrete GPU', () => {
  const req: ResolveRequest = { profile: 'illustrative-windows-discrete', source: { kind: 'd3d12-heap', size: 1048576 } };

  it('asks for the heap’s exact size, citing the checked VUID', () => {
    const res = resolve(req);
    const r = res.resolution;
    const size = sizeDecision(res, thingsOf(res, req.source.kind));
    expect(size.answer).toBe('1,048,576 bytes');
    expect(size.sentence).toBe('Pass exactly 1,048,576 bytes: a VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT import must use the size the heap was created with, 1,048,576 bytes.');
    expect(citation(r.allocationSize.why)).toEqual({
      rule: 'VUID-VkMemoryAllocateInfo-allocationSize-00647', label: 'VUID-VkMemoryAllocateInfo-allocationSize-00647', checked: true, checkedText: 'the validator reports this',
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

  it('calls the import workable, with a dedicated allocation allowed but not needed, cited by the section of the specification that says so', () => {
    const res = resolve(req);
    const r = res.resolution;
    expect(verdictOf(r)).toEqual({ tone: 'ok', text: 'This import can work with the chain below.' });
    expect(dedicatedWord(r.dedicated)).toBe('allowed, not needed');
    expect(dedicatedDecision(r.dedicated, thingsOf(res, req.source.kind)).sentence).toBe('Allowed, not needed: no rule asks for or forbids a dedicated allocation here.');
    const c = citation(r.dedicated.why);
    expect(c.rule).toMatch(/^vk-extmem:/);
    // Our own rule key is never shown: the link reads as the section of the specification.
    expect(c.label).toBe('specification: VkMemoryDedicatedAllocateInfo');
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
    expect(dedicatedWord(r.dedicatedNV)).toMatch(/^(required|allowed, not needed|not allowed|not needed)$/);
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

// An ALL_CAPS word with an underscore that is not a Vulkan identifier (VK_…) or a Win32 one is an
// internal tag (RESOURCE_REQUIREMENT, D3D11_TEXTURE); the decision codes must not show either.
const WIN32_IDENTIFIERS = new Set(['INVALID_HANDLE_VALUE']);
const tagsIn = (text: string) => [
  ...(text.match(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]*\b/g) ?? []).filter((t) => !t.startsWith('VK_') && !t.startsWith('DXGI_') && !WIN32_IDENTIFIERS.has(t)),
  ...(text.match(/\b(EXACT|IGNORED|ANY|UNKNOWN|ALIGNED|REQUIRED|OPTIONAL)\b/g) ?? []),
];
/** One sentence: a capital first, one full stop at the end, none inside before another sentence. */
const oneSentence = (text: string) => /^[A-Z].*\.$/s.test(text) && !/[.!?]\s+[A-Z]/.test(text.slice(0, -1));
/**
 * The world's names for objects and handles (not an fd number or an address, nor the name a payload is
 * shared under, which is the application's own and shown as it is): they must never reach a sentence.
 */
const modelNames = (res: ReturnType<typeof resolve>) => Object.entries(res.names)
  .filter(([k, v]) => ['device', 'sourceDevice', 'sourceMemory', 'sourceResource', 'handle', 'sourceHandle', 'resource'].includes(k) && typeof v === 'string' && !/^(0x)?[0-9a-f]+$/i.test(v))
  .map(([, v]) => String(v));

describe('the decisions in words for people', () => {
  const nt: ResolveRequest = { profile: 'illustrative-windows-discrete', source: { kind: 'd3d11-texture', shared: 'nt' } };

  it('says where a D3D11 texture import’s allocationSize comes from, and that the driver ignoring it lifts no rule', () => {
    const res = resolve(nt);
    const d = sizeDecision(res, thingsOf(res, 'd3d11-texture'));
    expect(d.answer).toBe('262,144 bytes');
    expect(d.sentence).toBe('Pass 262,144 bytes, the image’s size from vkGetImageMemoryRequirements2: the allocation is dedicated to the image you import into, whose memory requirements ask for 262,144 bytes; allocationSize must be at least that; for VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT the implementation asks the OS for the size of the shared object and ignores allocationSize, but the value you pass must still meet the rule above.');
    expect(d.rules.map((w) => citation(w).label)).toEqual(['VUID-VkMemoryDedicatedAllocateInfo-image-02964', 'specification: VkMemoryAllocateInfo']);
  });

  it('names the masks memoryTypeIndex is the intersection of, the chosen type and its flags', () => {
    const res = resolve(nt);
    const d = typesDecision(res, thingsOf(res, 'd3d11-texture'));
    expect(d.answer).toBe('type 0');
    expect(d.sentence).toBe('Use type 0 (VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT): of the importing device’s 6 memory types, the image you import into accepts types 0 and 3 (memoryTypeBits 0x9 from vkGetImageMemoryRequirements2) and vkGetMemoryWin32HandlePropertiesKHR reports type 0 for the NT handle to the shared D3D11 texture (memoryTypeBits 0x1), so type 0 is the only one they all allow.');
    expect(d.rules[0].vuid).toBe('VUID-VkMemoryAllocateInfo-memoryTypeIndex-00645');
  });

  it('says a dedicated allocation is required, to what, and why; other reasons follow as their own sentences', () => {
    const res = resolve(nt);
    const things = thingsOf(res, 'd3d11-texture');
    const d = dedicatedDecision(res.resolution.dedicated, things);
    expect(d.answer).toBe('required');
    expect(d.sentence).toBe('Required, dedicated to the image you import into: the image you import into reported requiresDedicatedAllocation = VK_TRUE, so memory bound to it must be dedicated to it.');
    expect(d.rules.slice(1).map((w) => reasonSentence(w, things))).toEqual([
      'Implementations must report VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT as VK_EXTERNAL_MEMORY_FEATURE_DEDICATED_ONLY_BIT: like the D3D object it comes from, its memory belongs to exactly one image or buffer.',
      'The capability query for the image’s parameters reported VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT with externalMemoryFeatures VK_EXTERNAL_MEMORY_FEATURE_DEDICATED_ONLY_BIT | VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT, which includes VK_EXTERNAL_MEMORY_FEATURE_DEDICATED_ONLY_BIT.',
    ]);
  });

  it('names handles, resources and memory for people, after DuplicateHandle and by name too', () => {
    const other = resolve({ ...nt, process: 'other' });
    const things = thingsOf(other, 'd3d11-texture');
    expect(humanize('import D3D11_TEXTURE handle hDst with VkImportMemoryWin32HandleInfoKHR', things)).toBe('import the NT handle to the shared D3D11 texture, duplicated into process B with VkImportMemoryWin32HandleInfoKHR');
    expect(humanize('hSrc belongs to process main', things)).toBe('the NT handle to the shared D3D11 texture, in the exporting process belongs to process main');
    const byName = resolve({ profile: 'illustrative-windows-discrete', source: { kind: 'vulkan', handleType: 'OPAQUE_WIN32', byName: true } });
    expect(reasonSentence({ rule: '', checked: false, message: byName.resolution.source! }, thingsOf(byName, 'vulkan')))
      .toBe('The name “Local\\vk-extmem-resolve” (made at call 10) refers to the payload of the exporting allocation: allocationSize 65536, memoryTypeIndex 0.');
  });

  it('on every request the form can make, on a Windows and a Linux profile: no internal tag, no model name, one sentence per decision', async () => {
    const catalogue = await handleTypes();
    const sources = SOURCE_KINDS.flatMap(({ kind }) => kind === 'vulkan'
      ? exportableTypes(catalogue).flatMap((t) => [false, true].map((dedicated) => ({ kind, handleType: shortHandleType(t.name), dedicated })))
      : kind === 'd3d11-texture' ? [{ kind, shared: 'nt' as const }, { kind, shared: 'kmt' as const }] : [{ kind }]);
    let n = 0;
    for (const profile of ['illustrative-windows-discrete', 'lavapipe']) for (const source of sources) for (const process of ['same', 'other'] as const) for (const byName of [false, true]) {
      const req = cleanRequest({ profile, source: { ...source, byName }, process }, catalogue);
      const res = resolve(req);
      const r = res.resolution;
      const things = thingsOf(res, req.source.kind);
      const decisions = [sizeDecision(res, things), typesDecision(res, things), dedicatedDecision(r.dedicated, things), dedicatedDecision(r.dedicatedNV, things)];
      const whys = [...decisions.flatMap((d) => d.rules), ...r.problems.map((p) => p.why), ...r.notes, ...r.chain.flatMap((c) => (c.why ? [c.why] : [])), ...(r.source ? [{ rule: '', checked: false, message: r.source }] : [])];
      const texts = [...decisions.map((d) => d.sentence), ...whys.map((w) => reasonSentence(w, things))];
      const label = JSON.stringify(req);
      for (const d of decisions) expect(oneSentence(d.sentence), `${label}: ${d.sentence}`).toBe(true);
      for (const t of texts) {
        expect(tagsIn(t), `${label}: ${t}`).toEqual([]);
        for (const name of modelNames(res)) expect(t.includes(name) && new RegExp(`(^|\\W)${name.replace(/\\/g, '\\\\')}(\\W|$)`).test(t), `${label}: ${name} in ${t}`).toBe(false);
      }
      n++;
    }
    expect(n).toBeGreaterThan(80);
  });
});

describe('the profile lacks an extension the import needs', () => {
  it('names the extension first, with the validator’s reason and the profiles that offer it', () => {
    const res = resolve({ profile: 'lavapipe', source: { kind: 'd3d11-texture', shared: 'nt' } });
    const names = builtinProfiles().map((p) => p.profile);
    const notices = extensionNotices(res.missingExtensions, 'lavapipe', names, (p, x) => findProfile(p).extensions.includes(x));
    expect(notices.map((x) => x.extension)).toEqual(['VK_KHR_external_memory_win32']);
    const [notice] = notices;
    expect(notice.text).toMatch(/^Profile lavapipe does not offer VK_KHR_external_memory_win32, which this import needs, so the import cannot be made on its device: VkImportMemoryWin32HandleInfoKHR belongs to VK_KHR_external_memory_win32/);
    expect(oneSentence(notice.text)).toBe(true);
    expect(notice.vuid).toBe('VUID-VkMemoryAllocateInfo-pNext-pNext');
    expect(notice.offeredBy).toContain('illustrative-windows-discrete');
    expect(notice.offeredBy).not.toContain('lavapipe');
    for (const p of notice.offeredBy) expect(findProfile(p).extensions).toContain('VK_KHR_external_memory_win32');
  });

  it('says nothing when the profile has what the import needs', () => {
    const res = resolve({ profile: 'illustrative-windows-discrete', source: { kind: 'd3d11-texture', shared: 'nt' } });
    expect(extensionNotices(res.missingExtensions, res.profile.profile, [], () => true)).toEqual([]);
  });
});
