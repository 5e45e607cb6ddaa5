// The illustrative Windows profiles, one per vendor where public reports differ, answer as the reports
// they list say: AMD's driver keeps every handle type to itself (opaque NT and KMT never mix) and answered
// memoryTypeBits 0 for a D3D11 KMT handle; Intel's drivers import D3D11 KMT textures from 101.6557 on, and
// D3D11 textures only as dedicated allocations; NVIDIA's list memory types without property flags. Every
// answer of the AMD and Dozen profiles cites a fact it lists, and no profile lists a fact it neither cites
// nor names in its basis.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createValidator } from '../../src/index.js';
import type { Validator } from '../../src/validator.js';
import { parseScenario } from '../../src/input/scenario.js';
import { runScenario } from '../../src/session/run-scenario.js';
import { createMockBackend } from '../../src/backends/mock/index.js';
import { builtinProfiles, findProfile } from '../../src/profiles/builtin.js';
import { dedicatedRequirements, externalBufferAnswer, externalImageAnswer, handleTypeBits } from '../../src/profiles/lookup.js';
import { driverVersionText } from '../../src/profiles/capture.js';
import { flagText } from '../../src/profiles/describe.js';
import { ENUMS } from '../../src/generated/registry.js';
import type { NormalizedProfile } from '../../src/profiles/types.js';
import { harness, imageDesc, bufferDesc, VK_SUCCESS, S_OK } from '../mock/harness.js';

const HT = ENUMS.VkExternalMemoryHandleTypeFlagBits.values;
const NT = HT.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT;
const KMT = HT.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT;
const FEATURES = 'VkExternalMemoryFeatureFlagBits';
const RGBA8 = { format: 'VK_FORMAT_R8G8B8A8_UNORM', type: 'VK_IMAGE_TYPE_2D', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage: 0x1 | 0x2 | 0x10, flags: 0 };
const WINDOWS = builtinProfiles().filter((p) => p.platform === 'windows');
const sourcesOf = (p: NormalizedProfile) => (p.provenance.kind === 'illustrative' ? p.provenance.sources ?? [] : []);
const basisOf = (p: NormalizedProfile) => (p.provenance.kind === 'illustrative' ? p.provenance.basis : '');
/** Every entry that may cite a fact: answers, requirement and dedicated rules, handle properties. */
const entries = (p: NormalizedProfile) => [
  ...p.externalBuffer, ...p.externalImage, ...p.externalImageNV, ...p.handleProperties,
  p.requirements.buffer, ...p.requirements.image, ...p.requirements.dedicated,
];

let v: Validator;
beforeAll(async () => { v = await createValidator(); });

function run(file: string, p: NormalizedProfile, edit?: (steps: any[]) => void) {
  const sc = JSON.parse(readFileSync(file, 'utf8'));
  edit?.(sc.steps);
  v.reset();
  return runScenario(v, parseScenario(JSON.stringify(sc), file), file, createMockBackend([p]), { profile: p });
}
const errors = (r: ReturnType<typeof run>) => r.findings.filter((f) => f.severity === 'error').map((f) => f.vuid);

describe('the Windows profiles and their facts', () => {
  it('there is one per vendor, each illustrative, each listing the public facts it is shaped after', () => {
    expect(WINDOWS.map((p) => p.profile)).toEqual(['illustrative-windows-discrete', 'illustrative-windows-integrated', 'illustrative-windows-amd', 'illustrative-windows-dozen']);
    expect(WINDOWS.map((p) => p.device.vendorID)).toEqual([0x10de, 0x8086, 0x1002, 0x1414]);
    for (const p of WINDOWS) {
      expect(p.provenance.kind, p.profile).toBe('illustrative');
      expect(sourcesOf(p).length, p.profile).toBeGreaterThanOrEqual(6);
      for (const s of sourcesOf(p)) {
        expect(s.url, `${p.profile} ${s.id}`).toMatch(/^https:\/\//);
        expect(['measured', 'maintainer', 'inferred']).toContain(s.confidence);
      }
    }
  });

  it('every listed fact is cited by an entry or named in the basis (where the profile says why it does not follow it)', () => {
    for (const p of WINDOWS) {
      const cited = new Set([...(p.evidence ?? []), ...entries(p).flatMap((e) => e.evidence ?? [])]);
      const idle = sourcesOf(p).map((s) => s.id).filter((id) => !cited.has(id) && !new RegExp(`\\b${id}\\b`).test(basisOf(p)));
      expect(idle, p.profile).toEqual([]);
    }
  });

  it('every answer of the AMD and Dozen profiles cites at least one fact it lists', () => {
    for (const name of ['illustrative-windows-amd', 'illustrative-windows-dozen']) {
      const p = findProfile(name);
      const listed = new Set(sourcesOf(p).map((s) => s.id));
      const answers = [...p.externalBuffer, ...p.externalImage, ...p.externalImageNV, ...p.handleProperties, ...p.requirements.dedicated];
      expect(answers.length, name).toBeGreaterThan(10);
      const uncited = answers.filter((a) => !(a.evidence ?? []).some((id) => listed.has(id)));
      expect(uncited, name).toEqual([]);
      expect((p.evidence ?? []).length, name).toBeGreaterThan(0);
    }
  });
});

describe('AMD-like: each handle type compatible only with itself', () => {
  const amd = findProfile('illustrative-windows-amd');

  it('OPAQUE_WIN32 and OPAQUE_WIN32_KMT are mutually incompatible, for buffers and images, citing B1 and C3', () => {
    for (const [type, self, other] of [['VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT', NT, KMT], ['VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT', KMT, NT]] as const) {
      const buf = externalBufferAnswer(amd, { handleType: type, usage: 3, flags: 0 })!;
      const img = externalImageAnswer(amd, { ...RGBA8, handleType: type })!;
      for (const a of [buf, img]) {
        expect(flagText(FEATURES, a.externalMemoryFeatures)).toBe('EXPORTABLE|IMPORTABLE');
        expect(a.compatibleHandleTypes).toBe(self);
        expect(a.exportFromImportedHandleTypes).toBe(self);
        expect((a.compatibleHandleTypes ?? 0) & other).toBe(0);
        expect(a.evidence).toEqual(expect.arrayContaining(['B1', 'C3']));
      }
    }
    // The other vendors' profiles keep the two opaque types compatible (no report says otherwise for them).
    const nv = externalBufferAnswer(findProfile('illustrative-windows-discrete'), { handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT', usage: 3, flags: 0 })!;
    expect(nv.compatibleHandleTypes).toBe(NT | KMT);
  });

  it('so one allocation exported as both opaque types is refused on it, and not on the NVIDIA-like profile', () => {
    // A CTS flow whose buffers and export ask for NT and KMT together.
    const both = (steps: any[]) => {
      for (const s of steps) {
        const a = s.vkFunc?.args;
        if (s.vkFunc?.name === 'vkCreateBuffer') a.pCreateInfo.pNext.handleTypes = NT | KMT;
        if (s.vkFunc?.name === 'vkAllocateMemory' && a.pAllocateInfo.pNext.sType === 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO') a.pAllocateInfo.pNext.handleTypes = NT | KMT;
      }
    };
    const file = 'scenarios/cts/opaque_win32.dedicated.buffer.export_import_bind_bind.scenario.json';
    expect(run(file, amd, both).status).toBe('failed');
    expect(errors(run(file, amd, both))).toEqual(expect.arrayContaining(['VUID-VkBufferCreateInfo-pNext-00920', 'VUID-VkExportMemoryAllocateInfo-handleTypes-09860']));
    expect(errors(run(file, findProfile('illustrative-windows-discrete'), both))).toEqual([]);
    // One type at a time is fine on both.
    expect(run(file, amd).status).toBe('passed');
  });

  it('sparse resources get nothing with any handle type (B2)', () => {
    const sparse = externalBufferAnswer(amd, { handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT', usage: 3, flags: 1 })!;
    expect(sparse).toMatchObject({ externalMemoryFeatures: 0, compatibleHandleTypes: 0, evidence: ['B2'] });
    expect(externalImageAnswer(amd, { ...RGBA8, flags: 1, handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT' })?.result).toBe('VK_ERROR_FORMAT_NOT_SUPPORTED');
  });

  it('D3D11 textures import only as dedicated allocations; external opaque buffers get no host-visible type (D1, D3)', () => {
    expect(dedicatedRequirements(amd, 'image', HT.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT)).toEqual({ prefersDedicated: true, requiresDedicated: true });
    expect(flagText(FEATURES, externalImageAnswer(amd, { ...RGBA8, handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT' })?.externalMemoryFeatures)).toBe('DEDICATED_ONLY|IMPORTABLE');
    const h = harness([amd]);
    const plain = h.vk.bufferRequirements(h.dev, h.vk.createBuffer(h.dev, bufferDesc()).handle);
    const external = h.vk.bufferRequirements(h.dev, h.vk.createBuffer(h.dev, bufferDesc({ externalHandleTypes: NT })).handle);
    const hostVisible = amd.memory.types.reduce((m, t, i) => (t.propertyFlags & 2 ? m | (1 << i) : m), 0);
    expect(plain.memoryTypeBits & hostVisible).not.toBe(0);
    expect(external.memoryTypeBits & hostVisible).toBe(0);
    expect(external.memoryTypeBits).not.toBe(0);
  });

  it('answers memoryTypeBits 0 for a D3D11 KMT handle, through the mock (D5), so no memory type can take the import', () => {
    expect(handleTypeBits(amd, 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT')).toBe(0);
    const h = harness([amd]);
    const kmtTexture = h.op.D3D11CreateTexture2D(0, { width: 64, height: 64, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags: 0x2 });
    expect(kmtTexture.result).toBe(S_OK);
    const kmt = h.op.IDXGIResource_GetSharedHandle(0, { resource: kmtTexture.ppTexture2D });
    expect(kmt.result).toBe(S_OK);
    expect(h.vk.win32HandleProperties(0, h.dev, HT.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT, kmt.pSharedHandle)).toEqual({ result: VK_SUCCESS, memoryTypeBits: 0 });
    // The same texture shared by NT handle has a memory type.
    const ntTexture = h.op.D3D11CreateTexture2D(0, { width: 64, height: 64, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags: 0x2 | 0x800 });
    const nt = h.op.IDXGIResource1_CreateSharedHandle(0, { resource: ntTexture.ppTexture2D, dwAccess: 0x80000001, lpName: undefined, pAttributes: undefined });
    expect(h.vk.win32HandleProperties(0, h.dev, HT.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT, nt.pHandle)).toEqual({ result: VK_SUCCESS, memoryTypeBits: 1 });
    // The example that imports a KMT texture picks its memory type from the handle's answer: none fits.
    const r = run('scenarios/examples/d3d11-texture-kmt-import.scenario.json', amd);
    expect(r.status).toBe('unsupported');
    expect(r.reason).toMatch(/no memory type satisfies \$type\(img0, 0x[0-9a-f]+\)/);
  });

  it('offers the KHR Win32 extensions and no NV one, and stands for the driver of the B15 report (Vulkan 1.4.315)', () => {
    expect(amd.extensions).toEqual(expect.arrayContaining(['VK_KHR_external_memory_win32', 'VK_KHR_win32_keyed_mutex']));
    expect(amd.extensions.some((e) => e.startsWith('VK_NV_'))).toBe(false);
    expect(amd.externalImageNV).toEqual([]);
    expect(amd.evidence).toEqual(['A4', 'A7', 'B15']);
    expect(amd.device.apiVersion).toBe((1 << 22) | (4 << 12) | 315);
    expect(basisOf(amd)).toMatch(/Made up: the IDs, UUIDs, LUID and driverVersion, the memory heaps and types, the plain requirements and the non-zero handle-property masks/);
  });
});

describe('Intel-like: a driver at or after 101.6557', () => {
  const intel = findProfile('illustrative-windows-integrated');

  it('says which driver it stands for: 101.6557, packed as Intel numbers it on Windows', () => {
    expect(intel.device.vendorID).toBe(0x8086);
    expect([intel.device.driverVersion >>> 14, intel.device.driverVersion & 0x3fff]).toEqual([101, 6557]);
    expect(intel.title).toMatch(/driver 101\.6557 or later/);
  });

  it('imports D3D11_TEXTURE_KMT textures (C1), as dedicated allocations like the NT type (D2, D4)', () => {
    for (const type of ['VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT', 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT']) {
      const a = externalImageAnswer(intel, { ...RGBA8, handleType: type })!;
      expect(a.result, type).toBe('VK_SUCCESS');
      expect(flagText(FEATURES, a.externalMemoryFeatures), type).toBe('DEDICATED_ONLY|IMPORTABLE');
      expect(a.evidence, type).toEqual(expect.arrayContaining(['D2', 'D4']));
      expect(dedicatedRequirements(intel, 'image', HT[type]), type).toEqual({ prefersDedicated: true, requiresDedicated: true });
    }
    expect(externalImageAnswer(intel, { ...RGBA8, handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT' })?.evidence).toContain('C1');
    expect(handleTypeBits(intel, 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT')).toBeGreaterThan(0);
    // The reports of older drivers that refused KMT stay listed, and the basis says why they no longer apply.
    expect(sourcesOf(intel).map((s) => s.id)).toEqual(expect.arrayContaining(['B13', 'B14', 'C1']));
    expect(basisOf(intel)).toMatch(/Older drivers refused D3D11_TEXTURE_KMT \(B13/);
    // No AMD fact is left on it.
    expect(sourcesOf(intel).some((s) => ['A7', 'B1', 'C3', 'D5', 'D7'].includes(s.id))).toBe(false);
  });

  it('runs the KMT texture example, and a KMT texture image requires a dedicated allocation on the mock', () => {
    expect(run('scenarios/examples/d3d11-texture-kmt-import.scenario.json', intel).status).toBe('passed');
    const h = harness([intel]);
    const img = h.vk.createImage(h.dev, imageDesc({ externalHandleTypes: HT.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT }));
    expect(h.vk.imageRequirements(h.dev, img.handle)).toMatchObject({ requiresDedicatedAllocation: true, prefersDedicatedAllocation: true });
  });
});

describe('NVIDIA-like: memory types without property flags (D8)', () => {
  const nv = findProfile('illustrative-windows-discrete');
  const flagless = nv.memory.types.reduce((m, t, i) => (t.propertyFlags === 0 ? m | (1 << i) : m), 0);

  it('lists several, which plain resources may use and external ones may not', () => {
    expect(flagless).toBe(0x30);
    expect(nv.requirements.buffer).toMatchObject({ memoryTypeBits: 0x3f, evidence: ['D8'] });
    const h = harness([nv]);
    const plain = h.vk.bufferRequirements(h.dev, h.vk.createBuffer(h.dev, bufferDesc()).handle);
    expect(plain.memoryTypeBits & flagless).toBe(flagless);
    for (const t of [NT, KMT, HT.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT]) {
      const buf = h.vk.bufferRequirements(h.dev, h.vk.createBuffer(h.dev, bufferDesc({ externalHandleTypes: t })).handle);
      expect(buf.memoryTypeBits & flagless, `buffer with ${t}`).toBe(0);
      expect(buf.memoryTypeBits, `buffer with ${t}`).toBe(0xf);
    }
    for (const t of [NT, HT.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT]) {
      const img = h.vk.imageRequirements(h.dev, h.vk.createImage(h.dev, imageDesc({ externalHandleTypes: t })).handle);
      expect(img.memoryTypeBits & flagless, `image with ${t}`).toBe(0);
    }
    // The NV path narrows the same way.
    const nvImage = h.vk.imageRequirements(h.dev, h.vk.createImage(h.dev, imageDesc({ externalHandleTypesNV: 0x1 })).handle);
    expect(nvImage.memoryTypeBits & flagless).toBe(0);
    for (const hp of nv.handleProperties) expect(hp.memoryTypeBits & flagless, hp.handleType).toBe(0);
  });

  it('keeps the index of every other type, and stands for driver 551.86, the D14 report\'s', () => {
    expect(nv.memory.types.slice(0, 4).map((t) => t.propertyFlags)).toEqual([0x1, 0x6, 0xe, 0x7]);
    expect(driverVersionText(nv.device.vendorID, nv.device.driverVersion)).toBe('551.86.0.0');
    expect(nv.evidence).toEqual(expect.arrayContaining(['D14']));
    expect(basisOf(nv)).toMatch(/NVIDIA lists such types first, this profile last/);
  });
});
