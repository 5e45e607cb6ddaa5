// Reading profiles: every refusal names the file, the line, the member path and the value; flags written
// as names become numbers.
import { describe, it, expect } from 'vitest';
import { loadProfile, normalizeProfile } from '../../src/profiles/load.js';
import { InputError } from '../../src/core/errors.js';
import { LIMITS } from '../../src/core/limits.js';
import { smallProfile, text, lineOf } from './fixture.js';
import type { DeviceProfile } from '../../src/profiles/types.js';

const FILE = 'test.profile.json';

function refusal(t: string): InputError {
  try {
    loadProfile(t, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('the profile was accepted');
}

/** Breaks the small profile with `edit`, loads it, and returns the error. */
function broken(edit: (p: DeviceProfile) => void): { e: InputError; t: string } {
  const p = smallProfile();
  edit(p);
  const t = text(p);
  return { e: refusal(t), t };
}

describe('loadProfile: refusals', () => {
  it('accepts the unbroken profile', () => {
    expect(loadProfile(text(smallProfile()), FILE).profile).toBe('small');
  });

  it('an enumerant name that does not exist, with its path, line and value', () => {
    const { e, t } = broken((p) => { (p.externalBuffer[0].compatibleHandleTypes as string[])[1] = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN64_BIT'; });
    expect(e.message).toBe('"VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN64_BIT" is not a VkExternalMemoryHandleTypeFlagBits value');
    expect(e.where).toMatchObject({ file: FILE, path: 'externalBuffer[0].compatibleHandleTypes[1]', line: lineOf(t, 'OPAQUE_WIN64') });
    expect(e.describe()).toBe(`${FILE}:${lineOf(t, 'OPAQUE_WIN64')}: externalBuffer[0].compatibleHandleTypes[1]: "VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN64_BIT" is not a VkExternalMemoryHandleTypeFlagBits value`);
  });

  it('a KHR handle type in an NV mask is refused: the NV query has its own bits', () => {
    const { e } = broken((p) => { p.externalImageNV![0].handleTypes = ['VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT']; });
    expect(e.message).toBe('"VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT" is not a VkExternalMemoryHandleTypeFlagBitsNV value');
    expect(e.where.path).toBe('externalImageNV[0].handleTypes[0]');
  });

  it('a format that does not exist', () => {
    const { e } = broken((p) => { p.externalImage[0].format = 'VK_FORMAT_R8G8B8A8_UNROM'; });
    expect(e.message).toBe('"VK_FORMAT_R8G8B8A8_UNROM" is not a VkFormat value');
    expect(e.where.path).toBe('externalImage[0].format');
  });

  it('heapIndex out of range', () => {
    const { e, t } = broken((p) => { p.memory.types[1].heapIndex = 2; });
    expect(e.message).toBe('heapIndex 2 is out of range: the profile has 2 memory heaps (0..1)');
    expect(e.where).toMatchObject({ file: FILE, path: 'memory.types[1].heapIndex', line: lineOf(t, '"heapIndex": 2') });
  });

  it('memoryTypeBits naming a memory type that does not exist', () => {
    const { e } = broken((p) => { p.handleProperties[0].memoryTypeBits = 0b101; });
    expect(e.message).toBe('0x5 names memory type 2, but the profile has 2 memory types (0..1)');
    expect(e.where.path).toBe('handleProperties[0].memoryTypeBits');
  });

  it('requirements must allow at least one memory type', () => {
    const { e } = broken((p) => { p.requirements.buffer.memoryTypeBits = 0; });
    expect(e.message).toBe('must name at least one memory type, got 0');
    expect(e.where.path).toBe('requirements.buffer.memoryTypeBits');
  });

  it('a UUID that is not 16 dash-separated bytes', () => {
    const { e, t } = broken((p) => { p.device.deviceUUID = '1-2-3'; });
    expect(e.message).toBe('"1-2-3" is not a UUID: expected 16 bytes 0..255 separated by dashes');
    expect(e.where).toMatchObject({ path: 'device.deviceUUID', line: lineOf(t, '"1-2-3"') });
  });

  it('a UUID byte over 255', () => {
    const { e } = broken((p) => { p.device.driverUUID = '0-0-0-0-0-0-0-0-0-0-0-0-0-0-0-256'; });
    expect(e.message).toBe('"0-0-0-0-0-0-0-0-0-0-0-0-0-0-0-256" is not a UUID: expected 16 bytes 0..255 separated by dashes');
    expect(e.where.path).toBe('device.driverUUID');
  });

  it('a LUID of the wrong length', () => {
    const { e } = broken((p) => { p.device.deviceLUID = '1-2-3-4-5-6-7-8-9'; });
    expect(e.message).toBe('"1-2-3-4-5-6-7-8-9" is not a LUID: expected 8 bytes 0..255 separated by dashes');
  });

  it('deviceLUIDValid without a LUID', () => {
    const { e } = broken((p) => { delete p.device.deviceLUID; });
    expect(e.message).toBe('is true, but device.deviceLUID is missing');
    expect(e.where.path).toBe('device.deviceLUIDValid');
  });

  it('more memory types than Vulkan allows', () => {
    const { e } = broken((p) => { p.memory.types = Array.from({ length: 33 }, () => ({ propertyFlags: 0, heapIndex: 0 })); });
    expect(e.message).toBe('the profile has 33 memory types; Vulkan allows at most 32 (VK_MAX_MEMORY_TYPES)');
    expect(e.where.path).toBe('memory.types');
  });

  it('more memory heaps than Vulkan allows', () => {
    const { e } = broken((p) => { p.memory.heaps = Array.from({ length: 17 }, () => ({ size: 1, flags: 0 })); });
    expect(e.message).toBe('the profile has 17 memory heaps; Vulkan allows at most 16 (VK_MAX_MEMORY_HEAPS)');
  });

  it('a file over the size limit, before parsing it', () => {
    const t = ' '.repeat(LIMITS.profileBytes + 1);
    const e = refusal(t);
    expect(e.message).toBe(`the profile is ${LIMITS.profileBytes + 1} bytes, over the 4194304-byte limit (limit profileBytes)`);
    expect(e.where.file).toBe(FILE);
  });

  it('the size limit counts bytes, not characters', () => {
    const t = text(smallProfile()).replace('"Test GPU"', `"${'é'.repeat(LIMITS.profileBytes / 2)}"`);
    expect(t.length).toBeLessThan(LIMITS.profileBytes);
    expect(refusal(t).message).toMatch(/^the profile is \d+ bytes, over the 4194304-byte limit/);
  });

  it('text that is not JSON, with line and column', () => {
    const t = text(smallProfile()).replace('"platform": "windows",', '"platform": windows,');
    const e = refusal(t);
    expect(e.message).toBe('not valid JSON (column 15): expected a value (an object, array, string, number, true, false or null)');
    expect(e.where).toMatchObject({ file: FILE, line: lineOf(t, '"platform"') });
  });

  it('JSON cut short', () => {
    const t = text(smallProfile());
    const e = refusal(t.slice(0, 200));
    expect(e.message).toMatch(/^not valid JSON \(column \d+\): the text ends inside a string$/);
  });

  it('a trailing comma', () => {
    const e = refusal('{\n  "profile": "x",\n}\n');
    expect(e.message).toBe('not valid JSON (column 1): expected a member name in double quotes');
    expect(e.where.line).toBe(3);
  });

  it('an unknown member, named at its own line', () => {
    const { e, t } = broken((p) => { (p.device as unknown as Record<string, unknown>).deviceNmae = 'x'; });
    expect(e.message).toBe('unknown member (device has no member "deviceNmae")');
    expect(e.where).toMatchObject({ path: 'device.deviceNmae', line: lineOf(t, '"deviceNmae"') });
  });

  it('a missing member', () => {
    const { e } = broken((p) => { delete (p as Partial<DeviceProfile>).handleProperties; });
    expect(e.message).toBe('the profile needs the member "handleProperties"');
    expect(e.where.path).toBeUndefined();
  });

  it('flags that are neither a number nor a list', () => {
    const { e } = broken((p) => { (p.externalBuffer[0] as unknown as Record<string, unknown>).usage = 'VK_BUFFER_USAGE_TRANSFER_SRC_BIT'; });
    expect(e.message).toBe('must be an integer or a list of enumerant names, got "VK_BUFFER_USAGE_TRANSFER_SRC_BIT"');
    expect(e.where.path).toBe('externalBuffer[0].usage');
  });

  it('a number with bits the flag type does not define', () => {
    const { e } = broken((p) => { p.externalBuffer[0].externalMemoryFeatures = 0x18; });
    expect(e.message).toBe('24 (0x18) has bits that VkExternalMemoryFeatureFlagBits does not define: 0x18');
    expect(e.where.path).toBe('externalBuffer[0].externalMemoryFeatures');
  });

  it('a measured profile must say which driver answered', () => {
    const { e } = broken((p) => { p.provenance = { kind: 'measured', driverVersion: '1.0', tool: 'hand' } as never; });
    expect(e.message).toBe('needs the member "driver"');
    expect(e.where.path).toBe('provenance');
  });

  it('an illustrative profile cannot carry measurement fields', () => {
    const { e } = broken((p) => { p.provenance = { kind: 'illustrative', basis: 'x', driver: 'y' } as never; });
    expect(e.message).toBe('unknown member (provenance has no member "driver")');
  });

  it('an unknown provenance kind', () => {
    const { e } = broken((p) => { p.provenance = { kind: 'guessed' } as never; });
    expect(e.message).toBe('must be one of "measured", "illustrative", got "guessed"');
    expect(e.where.path).toBe('provenance.kind');
  });

  it('a VK_SUCCESS image answer without its external properties', () => {
    const { e } = broken((p) => { delete p.externalImage[0].compatibleHandleTypes; });
    expect(e.message).toBe('answers VK_SUCCESS, so it needs compatibleHandleTypes');
    expect(e.where.path).toBe('externalImage[0]');
  });

  it('a failing image answer with external properties', () => {
    const { e } = broken((p) => { p.externalImage[1].externalMemoryFeatures = 4; });
    expect(e.message).toBe('is given, but the answer is VK_ERROR_FORMAT_NOT_SUPPORTED, which leaves the external properties unwritten');
    expect(e.where.path).toBe('externalImage[1].externalMemoryFeatures');
  });

  it('two answers to the same question', () => {
    const { e } = broken((p) => { p.externalBuffer.push({ ...p.externalBuffer[0] }); });
    expect(e.message).toBe('repeats the conditions of externalBuffer[0]; each question may have only one answer');
    expect(e.where.path).toBe('externalBuffer[2]');
  });

  it('the host-pointer alignment goes with VK_EXT_external_memory_host', () => {
    expect(broken((p) => { p.device.minImportedHostPointerAlignment = 4096; }).e.message).toBe('is given, but the profile does not offer VK_EXT_external_memory_host');
    expect(broken((p) => { p.extensions.push('VK_EXT_external_memory_host'); }).e.message).toBe('needs minImportedHostPointerAlignment: the profile offers VK_EXT_external_memory_host');
    expect(broken((p) => { p.extensions.push('VK_EXT_external_memory_host'); p.device.minImportedHostPointerAlignment = 3000; }).e.message).toBe('must be a power of two, got 3000');
  });

  it('an alignment that is not a power of two', () => {
    const { e } = broken((p) => { p.requirements.image[0].alignment = 96; });
    expect(e.message).toBe('must be a power of two, got 96');
    expect(e.where.path).toBe('requirements.image[0].alignment');
  });

  it('a dedicated rule that could never apply', () => {
    const { e } = broken((p) => { p.requirements.dedicated[0].handleTypes = []; });
    expect(e.message).toBe('is empty, so the rule could never apply');
  });

  it('a profile name that is not lower case with dashes', () => {
    const { e } = broken((p) => { p.profile = 'My Profile'; });
    expect(e.message).toBe('must be lower-case letters and digits separated by single dashes, got "My Profile"');
  });

  it('the same extension twice', () => {
    const { e } = broken((p) => { p.extensions.push('VK_KHR_external_memory'); });
    expect(e.message).toBe('"VK_KHR_external_memory" is listed twice (elements 0 and 2)');
    expect(e.where.path).toBe('extensions[2]');
  });

  it('objects that are not profiles at all', () => {
    expect(() => normalizeProfile([], 'x')).toThrow('must be an object, got []');
    expect(() => normalizeProfile(null, 'x')).toThrow(InputError);
  });
});

describe('loadProfile: normalisation', () => {
  const n = loadProfile(text(smallProfile()), FILE);

  it('ORs flag names into numbers', () => {
    expect(n.memory.types[1].propertyFlags).toBe(2 | 4);
    expect(n.memory.heaps).toEqual([{ size: 1073741824, flags: 1 }, { size: 2147483648, flags: 0 }]);
    expect(n.externalBuffer[0]).toEqual({
      handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT', usage: 1 | 2,
      externalMemoryFeatures: 2 | 4, exportFromImportedHandleTypes: 2, compatibleHandleTypes: 2 | 4,
    });
    expect(n.requirements.dedicated[0]).toEqual({ resource: 'image', handleTypes: 8, prefersDedicated: true, requiresDedicated: true });
    expect(n.externalImageNV[0]).toMatchObject({ handleTypes: 4, externalMemoryFeatures: 1 | 4, exportFromImportedHandleTypes: 0, compatibleHandleTypes: 4 });
  });

  it('keeps numbers that are valid masks', () => {
    expect(n.externalBuffer[1]).toEqual({ handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT', externalMemoryFeatures: 0, exportFromImportedHandleTypes: 0, compatibleHandleTypes: 0 });
  });

  it('leaves out what the file leaves out, and fills externalImageNV', () => {
    expect(n.externalImage[1]).toEqual({ handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT', result: 'VK_ERROR_FORMAT_NOT_SUPPORTED' });
    const p = smallProfile();
    delete p.externalImageNV;
    expect(loadProfile(text(p), FILE).externalImageNV).toEqual([]);
  });

  it('spells aliases one way, so answers compare by name', () => {
    const p = smallProfile();
    p.externalBuffer[0].handleType = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_KHR';
    expect(loadProfile(text(p), FILE).externalBuffer[0].handleType).toBe('VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT');
  });

  it('names flags and numbers the same way', () => {
    const p = smallProfile();
    p.externalBuffer[0].externalMemoryFeatures = 6;
    p.memory.types[1].propertyFlags = 6;
    const m = loadProfile(text(p), FILE);
    expect(m.externalBuffer[0].externalMemoryFeatures).toBe(n.externalBuffer[0].externalMemoryFeatures);
    expect(m.memory.types).toEqual(n.memory.types);
  });

  it('records where it came from and drops $schema', () => {
    const p = { $schema: '../schemas/profile.schema.json', ...smallProfile() };
    const m = loadProfile(text(p), 'somewhere/x.profile.json');
    expect(m.source).toBe('somewhere/x.profile.json');
    expect('$schema' in m).toBe(false);
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(loadProfile('\ufeff' + text(smallProfile()), FILE).profile).toBe('small');
  });
});

describe('loadProfile: the top bit', () => {
  it('memoryTypeBits with bit 31 names type 31', () => {
    const p = smallProfile();
    p.handleProperties[0].memoryTypeBits = 0x80000000;
    expect(() => loadProfile(text(p), FILE)).toThrow('0x80000000 names memory type 31, but the profile has 2 memory types (0..1)');
  });
});

describe('loadProfile: the NV query', () => {
  it('an NV answer names exactly one handle type', () => {
    const p = smallProfile();
    p.externalImageNV![0].handleTypes = ['VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_BIT_NV', 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV'];
    expect(() => loadProfile(text(p), FILE)).toThrow('must name exactly one NV handle type, as the query asks about one at a time; got VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV | VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_BIT_NV');
  });
});
