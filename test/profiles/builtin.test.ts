// The built-in profiles load, say where they come from, and together cover every Win32 handle type,
// dedicated-only imports and the NV extension.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { builtinProfiles, builtinProfileNames, findProfile as findBuiltin } from '../../src/profiles/builtin.js';
import { findProfile, loadProfileFile } from '../../src/profiles/load-node.js';
import { loadProfile } from '../../src/profiles/load.js';
import { isIllustrative, provenanceLine, profileSummary, flagText, shortName } from '../../src/profiles/describe.js';
import { externalBufferAnswer, externalImageAnswer, externalImageNVAnswer, dedicatedRequirements, requirementRule, handleTypeBits } from '../../src/profiles/lookup.js';
import { InputError } from '../../src/core/errors.js';
import { ENUMS } from '../../src/generated/registry.js';
import { tempFile } from '../helpers/cli.js';
import { smallProfile, text } from './fixture.js';

const HT = ENUMS.VkExternalMemoryHandleTypeFlagBits.values;
const DEDICATED_ONLY = ENUMS.VkExternalMemoryFeatureFlagBits.values.VK_EXTERNAL_MEMORY_FEATURE_DEDICATED_ONLY_BIT;
const WIN32_TYPES = ['OPAQUE_WIN32', 'OPAQUE_WIN32_KMT', 'D3D11_TEXTURE', 'D3D11_TEXTURE_KMT', 'D3D12_HEAP', 'D3D12_RESOURCE'];

describe('built-in profiles', () => {
  it('are the files in profiles/, each named after its file', () => {
    const files = readdirSync('profiles').filter((f) => f.endsWith('.profile.json')).sort();
    expect(files.map((f) => f.replace(/\.profile\.json$/, ''))).toEqual([...builtinProfileNames()].sort());
    for (const f of files) {
      const p = loadProfile(readFileSync(`profiles/${f}`, 'utf8'), `profiles/${f}`);
      expect(p.profile).toBe(f.replace(/\.profile\.json$/, ''));
      expect(findBuiltin(p.profile)).toEqual({ ...p, source: p.profile });
    }
  });

  it('lavapipe is measured by our probe; the Windows ones are illustrative and say they are not measured', () => {
    const lvp = findBuiltin('lavapipe');
    expect(lvp.provenance).toMatchObject({ kind: 'measured', tool: 'vk-extmem profile capture (native backend)' });
    expect(provenanceLine(lvp)).toMatch(/^measured on llvmpipe \(Mesa [\d.]+.*\), driver version [\d.]+, by vk-extmem profile capture \(native backend\)/);
    for (const name of ['illustrative-windows-discrete', 'illustrative-windows-integrated', 'illustrative-windows-amd', 'illustrative-windows-dozen']) {
      const p = findBuiltin(name);
      expect(isIllustrative(p)).toBe(true);
      expect(p.platform).toBe('windows');
      expect(provenanceLine(p)).toMatch(/^ILLUSTRATIVE — written by hand, not measured: Shaped after .*(no value in it was measured on a real driver|Not measured on any machine)\./);
      expect(p.title).toMatch(/not measured/);
    }
  });

  it('together, the NVIDIA-like and Intel-like profiles support every Win32 handle type', () => {
    const pair = ['illustrative-windows-discrete', 'illustrative-windows-integrated'].map((n) => findBuiltin(n));
    expect(pair.every(isIllustrative)).toBe(true);
    const supported = new Set(pair.flatMap((p) => [...profileSummary(p).bufferHandleTypes, ...profileSummary(p).imageHandleTypes]));
    for (const t of WIN32_TYPES) expect(supported, t).toContain(t);
    // …and each is shaped differently: Dozen has no KMT type at all, while the NVIDIA-like and the Intel-like
    // (a driver from 101.6557 on) ones import D3D11 KMT textures.
    expect(profileSummary(findBuiltin('illustrative-windows-dozen')).imageHandleTypes).not.toContain('D3D11_TEXTURE_KMT');
    expect(profileSummary(findBuiltin('illustrative-windows-integrated')).imageHandleTypes).toContain('D3D11_TEXTURE_KMT');
    expect(profileSummary(findBuiltin('illustrative-windows-discrete')).imageHandleTypes).toContain('D3D11_TEXTURE_KMT');
  });

  it('some answers are dedicated-only, with dedicated rules that require it', () => {
    const discrete = findBuiltin('illustrative-windows-discrete');
    const dedicatedOnly = discrete.externalImage.filter((a) => (a.externalMemoryFeatures ?? 0) & DEDICATED_ONLY).map((a) => shortName('VkExternalMemoryHandleTypeFlagBits', a.handleType));
    expect(new Set(dedicatedOnly)).toEqual(new Set(['D3D11_TEXTURE', 'D3D11_TEXTURE_KMT', 'D3D12_RESOURCE']));
    expect(dedicatedRequirements(discrete, 'image', HT.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT)).toEqual({ prefersDedicated: true, requiresDedicated: true });
    // So do the Intel-like one's, and an opaque image there needs no dedicated allocation.
    const integrated = findBuiltin('illustrative-windows-integrated');
    const d3d11 = externalImageAnswer(integrated, { handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT', format: 'VK_FORMAT_B8G8R8A8_UNORM', type: 'VK_IMAGE_TYPE_2D', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage: 4, flags: 0 });
    expect(flagText('VkExternalMemoryFeatureFlagBits', d3d11?.externalMemoryFeatures)).toBe('DEDICATED_ONLY|IMPORTABLE');
    expect(dedicatedRequirements(integrated, 'image', HT.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT)).toEqual({ prefersDedicated: true, requiresDedicated: true });
    expect(dedicatedRequirements(integrated, 'image', HT.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT)).toEqual({ prefersDedicated: false, requiresDedicated: false });
  });

  it('the discrete profile answers the NV query and offers the NV extensions', () => {
    const discrete = findBuiltin('illustrative-windows-discrete');
    expect(discrete.extensions).toEqual(expect.arrayContaining(['VK_NV_external_memory', 'VK_NV_external_memory_win32', 'VK_NV_win32_keyed_mutex', 'VK_KHR_win32_keyed_mutex']));
    expect(new Set(profileSummary(discrete).nvHandleTypes)).toEqual(new Set(['OPAQUE_WIN32', 'OPAQUE_WIN32_KMT', 'D3D11_IMAGE', 'D3D11_IMAGE_KMT']));
    const nv = ENUMS.VkExternalMemoryHandleTypeFlagBitsNV.values;
    const q = { format: 'VK_FORMAT_R8G8B8A8_UNORM', type: 'VK_IMAGE_TYPE_2D', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage: 4, flags: 0 };
    expect(externalImageNVAnswer(discrete, { ...q, handleTypes: nv.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_BIT_NV })?.externalMemoryFeatures).toBe(1 | 4);
    expect(externalImageNVAnswer(discrete, { ...q, tiling: 'VK_IMAGE_TILING_LINEAR', handleTypes: nv.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_BIT_NV })?.result).toBe('VK_ERROR_FORMAT_NOT_SUPPORTED');
    expect(findBuiltin('illustrative-windows-integrated').externalImageNV).toEqual([]);
    expect(findBuiltin('illustrative-windows-integrated').extensions.some((e) => e.startsWith('VK_NV_'))).toBe(false);
  });

  it('Windows profiles have a valid LUID, and D3D handles have memory types', () => {
    for (const p of builtinProfiles().filter((x) => x.platform === 'windows')) {
      expect(p.device.deviceLUIDValid).toBe(true);
      expect(p.device.deviceLUID).toMatch(/^\d+(-\d+){7}$/);
      expect(handleTypeBits(p, 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_RESOURCE_BIT')).toBeGreaterThan(0);
    }
    const integrated = findBuiltin('illustrative-windows-integrated');
    expect(integrated.device.minImportedHostPointerAlignment).toBe(4096);
    expect(integrated.memory.types.every((t) => t.propertyFlags & 1)).toBe(true); // every type DEVICE_LOCAL (UMA)
    const discrete = findBuiltin('illustrative-windows-discrete');
    expect(discrete.memory.types.map((t) => flagText('VkMemoryPropertyFlagBits', t.propertyFlags))).toEqual(['DEVICE_LOCAL', 'HOST_VISIBLE|HOST_COHERENT', 'HOST_VISIBLE|HOST_COHERENT|HOST_CACHED', 'DEVICE_LOCAL|HOST_VISIBLE|HOST_COHERENT', 'none', 'none']);
  });

  it('lavapipe answers what it measured: OPAQUE_FD both ways, host pointers import only', () => {
    const lvp = findBuiltin('lavapipe');
    const fd = externalBufferAnswer(lvp, { handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT', usage: 1, flags: 0 });
    expect(flagText('VkExternalMemoryFeatureFlagBits', fd?.externalMemoryFeatures)).toBe('EXPORTABLE|IMPORTABLE');
    const host = externalBufferAnswer(lvp, { handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT', usage: 2, flags: 0 });
    expect(flagText('VkExternalMemoryFeatureFlagBits', host?.externalMemoryFeatures)).toBe('IMPORTABLE');
    expect(externalBufferAnswer(lvp, { handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT', usage: 1, flags: 0 })?.externalMemoryFeatures).toBe(0);
    expect(lvp.device.minImportedHostPointerAlignment).toBe(4096);
    expect(requirementRule(lvp, { resource: 'image', tiling: 'VK_IMAGE_TILING_OPTIMAL', format: 'VK_FORMAT_R8G8B8A8_UNORM' })?.memoryTypeBits).toBe(1);
  });
});

describe('finding profiles', () => {
  it('an unknown name lists the built-in names', () => {
    expect(() => findBuiltin('nvidia')).toThrow('unknown profile "nvidia": the built-in profiles are lavapipe, swiftshader, nvidia-h200-linux, illustrative-windows-discrete, illustrative-windows-integrated, illustrative-windows-amd, illustrative-windows-dozen');
    expect(() => findProfile('nvidia')).toThrow('unknown profile "nvidia": the built-in profiles are lavapipe, swiftshader, nvidia-h200-linux, illustrative-windows-discrete, illustrative-windows-integrated, illustrative-windows-amd, illustrative-windows-dozen; or give the path of a .profile.json file');
  });

  it('a path loads the file, checked like any other', () => {
    const path = tempFile(text(smallProfile()), '.profile.json');
    expect(findProfile(path)).toMatchObject({ profile: 'small', source: path });
  });

  it('a path that does not exist', () => {
    const e = (() => { try { findProfile('nope/x.profile.json'); } catch (x) { return x as InputError; } })();
    expect(e).toBeInstanceOf(InputError);
    expect(e!.describe()).toBe('nope/x.profile.json: cannot read the profile: no such file');
  });

  it('a file over the limit is refused before it is read', () => {
    const path = tempFile(' '.repeat(4 * 1024 * 1024 + 10), '.profile.json');
    expect(() => loadProfileFile(path)).toThrow('the profile is 4194314 bytes, over the 4194304-byte limit (limit profileBytes)');
  });
});

describe('lookup', () => {
  const p = loadProfile(text(smallProfile()), 'x');
  it('usage and flags: an answer covers questions whose bits lie within its own', () => {
    expect(externalBufferAnswer(p, { handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT', usage: 1, flags: 0 })).toBe(p.externalBuffer[0]);
    expect(externalBufferAnswer(p, { handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT', usage: 1 | 0x20, flags: 0 })).toBeUndefined();
  });
  it('the first fitting answer wins; fields left out match anything', () => {
    const q = { handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT', type: 'VK_IMAGE_TYPE_2D', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage: 4, flags: 0 };
    expect(externalImageAnswer(p, { ...q, format: 'VK_FORMAT_B8G8R8A8_UNORM' })?.result).toBe('VK_SUCCESS');
    expect(externalImageAnswer(p, { ...q, format: 'VK_FORMAT_R8G8B8A8_UNORM' })?.result).toBe('VK_ERROR_FORMAT_NOT_SUPPORTED');
  });
  it('dedicated rules apply when the handle types intersect', () => {
    expect(dedicatedRequirements(p, 'image', HT.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT | HT.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT)).toEqual({ prefersDedicated: true, requiresDedicated: true });
    expect(dedicatedRequirements(p, 'buffer', HT.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT)).toEqual({ prefersDedicated: false, requiresDedicated: false });
  });
});
