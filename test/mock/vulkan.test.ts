// The Vulkan side of the mock: physical devices from profiles, capability answers with wildcard
// matching, memory and dedicated requirements, handle properties, out-of-memory and mapping.
import { describe, expect, it } from 'vitest';
import { F, H, LINUX, MiB, NV, WINDOWS } from './profiles.js';
import {
  LINEAR, OPTIMAL, R8G8B8A8_UNORM, VK_ERROR_EXTENSION_NOT_PRESENT, VK_ERROR_FORMAT_NOT_SUPPORTED, VK_ERROR_INVALID_EXTERNAL_HANDLE,
  VK_ERROR_MEMORY_MAP_FAILED, VK_ERROR_OUT_OF_DEVICE_MEMORY, VK_SUCCESS, allocInfo, bufferDesc, exportable, harness, imageDesc,
} from './harness.js';

const img = (o: Partial<{ format: number; type: number; tiling: number; usage: number; flags: number }> = {}) => ({ format: R8G8B8A8_UNORM, type: 1, tiling: OPTIMAL, usage: 7, flags: 0, ...o });

describe('mock: physical devices', () => {
  it('one per profile, identity bytes from the dash strings', () => {
    const h = harness([WINDOWS, LINUX]);
    const [w, l] = h.b.vulkan.physicalDevices();
    expect(w.handle).not.toBe(l.handle);
    expect(Array.from(w.deviceLUID)).toEqual([165, 42, 1, 0, 0, 0, 0, 0]);
    expect(w.deviceLUIDValid).toBe(true);
    expect(Array.from(w.deviceUUID.subarray(0, 4))).toEqual([16, 222, 92, 33]);
    expect(w.deviceType).toBe(2);
    expect(w.memoryHeaps[0].size).toBe(256 * MiB);
    expect(l.deviceLUIDValid).toBe(false);
    expect(l.minImportedHostPointerAlignment).toBe(4096);
    expect(w.minImportedHostPointerAlignment).toBeUndefined();
    expect(h.b.runtimes.d3d).toBe(true);
    expect(harness([LINUX]).b.runtimes.d3d).toBe(false);
    expect(h.b.description).toMatch(/Test Windows GPU \(illustrative/);
  });

  it('createDevice refuses an extension the profile does not offer', () => {
    const h = harness([LINUX]);
    expect(h.vk.createDevice(h.pd, ['VK_KHR_external_memory_win32']).result).toBe(VK_ERROR_EXTENSION_NOT_PRESENT);
    expect(h.vk.createDevice(h.pd, ['VK_KHR_external_memory_fd']).result).toBe(VK_SUCCESS);
  });
});

describe('mock: capability answers', () => {
  it('buffers: the first entry whose given fields match; left-out fields match anything', () => {
    const h = harness([WINDOWS]);
    expect(h.vk.externalBufferProperties(h.pd, { flags: 0, usage: 0x80, handleType: H.OPAQUE_WIN32 }).externalMemoryFeatures).toBe(F.IMPORTABLE);
    expect(h.vk.externalBufferProperties(h.pd, { flags: 0, usage: 0x3, handleType: H.OPAQUE_WIN32 })).toEqual({
      externalMemoryFeatures: F.EXPORTABLE | F.IMPORTABLE, exportFromImportedHandleTypes: H.OPAQUE_WIN32 | H.OPAQUE_WIN32_KMT, compatibleHandleTypes: H.OPAQUE_WIN32 | H.OPAQUE_WIN32_KMT,
    });
    expect(h.vk.externalBufferProperties(h.pd, { flags: 0, usage: 0x3, handleType: H.D3D12_RESOURCE }).externalMemoryFeatures).toBe(F.DEDICATED_ONLY | F.IMPORTABLE);
    expect(h.vk.externalBufferProperties(h.pd, { flags: 0, usage: 0x3, handleType: H.OPAQUE_FD })).toEqual({ externalMemoryFeatures: 0, exportFromImportedHandleTypes: 0, compatibleHandleTypes: 0 });
  });

  it('images: result and properties from the profile, VK_ERROR_FORMAT_NOT_SUPPORTED when nothing matches', () => {
    const h = harness([WINDOWS]);
    expect(h.vk.externalImageFormatProperties(h.pd, { ...img(), handleType: H.OPAQUE_WIN32 })).toMatchObject({ result: VK_SUCCESS, external: { externalMemoryFeatures: F.EXPORTABLE | F.IMPORTABLE } });
    expect(h.vk.externalImageFormatProperties(h.pd, { ...img({ tiling: LINEAR }), handleType: H.OPAQUE_WIN32 }).result).toBe(VK_ERROR_FORMAT_NOT_SUPPORTED);
    expect(h.vk.externalImageFormatProperties(h.pd, { ...img(), handleType: H.D3D11_TEXTURE })).toMatchObject({ result: VK_SUCCESS, external: { externalMemoryFeatures: F.DEDICATED_ONLY | F.IMPORTABLE } });
    const none = { externalMemoryFeatures: 0, exportFromImportedHandleTypes: 0, compatibleHandleTypes: 0 };
    const noLimits = { maxExtent: { width: 0, height: 0, depth: 0 }, maxMipLevels: 0, maxArrayLayers: 0, sampleCounts: 0, maxResourceSize: 0 };
    expect(h.vk.externalImageFormatProperties(h.pd, { ...img({ format: 44 }), handleType: H.D3D11_TEXTURE })).toEqual({ result: VK_ERROR_FORMAT_NOT_SUPPORTED, external: none, limits: noLimits });
    // Handle type 0 is the plain query (the spec: as if the external structure were absent), limits and all.
    const plain = h.vk.externalImageFormatProperties(h.pd, img());
    expect(plain).toMatchObject({ result: VK_SUCCESS, external: none });
    expect(plain.limits.maxExtent.width).toBeGreaterThan(0);
    expect(h.vk.externalImageFormatProperties(h.pd, { ...img(), handleType: 0 })).toEqual(plain);
    expect(h.vk.imageFormatProperties(h.pd, img())).toEqual(plain);
    // A supported external answer has the plain limits; an unsupported format has none.
    expect(h.vk.externalImageFormatProperties(h.pd, { ...img(), handleType: H.OPAQUE_WIN32 }).limits).toEqual(plain.limits);
    expect(h.vk.externalImageFormatProperties(h.pd, { ...img({ format: 0 }) })).toMatchObject({ result: VK_ERROR_FORMAT_NOT_SUPPORTED, limits: noLimits });
  });

  it('the NV query answers by NV mask', () => {
    const h = harness([WINDOWS]);
    expect(h.vk.externalImageFormatPropertiesNV(h.pd, { ...img(), handleTypes: NV.D3D11_IMAGE })).toMatchObject({ result: VK_SUCCESS, external: { externalMemoryFeatures: F.DEDICATED_ONLY | F.IMPORTABLE, compatibleHandleTypes: NV.D3D11_IMAGE } });
    expect(h.vk.externalImageFormatPropertiesNV(h.pd, { ...img(), handleTypes: NV.D3D11_IMAGE_KMT }).result).toBe(VK_ERROR_FORMAT_NOT_SUPPORTED);
    // externalHandleType 0: what vkGetPhysicalDeviceImageFormatProperties answers, every other member 0.
    expect(h.vk.externalImageFormatPropertiesNV(h.pd, { ...img(), handleTypes: 0 })).toEqual(h.vk.imageFormatProperties(h.pd, img()));
  });
});

describe('mock: requirements', () => {
  it('buffer size rounds up to the alignment; image size sums mip levels', () => {
    const h = harness([WINDOWS]);
    const b = h.vk.createBuffer(h.dev, bufferDesc({ size: 1000 })).handle;
    expect(h.vk.bufferRequirements(h.dev, b)).toEqual({ size: 1024, alignment: 256, memoryTypeBits: 0x7, prefersDedicatedAllocation: false, requiresDedicatedAllocation: false });
    const i = h.vk.createImage(h.dev, imageDesc({ width: 64, height: 64, mipLevels: 3 })).handle;
    // (64*64 + 32*32 + 16*16) * 4 = 21504 → 24576
    expect(h.vk.imageRequirements(h.dev, i)).toMatchObject({ size: 24576, alignment: 4096, memoryTypeBits: 0x7 });
    const lin = h.vk.createImage(h.dev, imageDesc({ tiling: LINEAR, format: 97 /* R16G16B16A16_SFLOAT: 8 bytes */, width: 16, height: 16 })).handle;
    expect(h.vk.imageRequirements(h.dev, lin)).toMatchObject({ size: 4096, memoryTypeBits: 0x6 });
  });

  it('dedicated requirements come from the rules that intersect the resource\'s handle types (NV bits too)', () => {
    const h = harness([WINDOWS]);
    const req = (d: Partial<Parameters<typeof imageDesc>[0]>) => h.vk.imageRequirements(h.dev, h.vk.createImage(h.dev, imageDesc(d)).handle);
    expect(req({ externalHandleTypes: H.D3D11_TEXTURE_KMT })).toMatchObject({ prefersDedicatedAllocation: true, requiresDedicatedAllocation: true });
    expect(req({ externalHandleTypes: H.OPAQUE_WIN32 })).toMatchObject({ prefersDedicatedAllocation: true, requiresDedicatedAllocation: false });
    expect(req({ externalHandleTypes: H.OPAQUE_WIN32_KMT })).toMatchObject({ prefersDedicatedAllocation: false, requiresDedicatedAllocation: false });
    expect(req({ externalHandleTypesNV: NV.D3D11_IMAGE })).toMatchObject({ requiresDedicatedAllocation: true });
    const buf = h.vk.createBuffer(h.dev, bufferDesc({ externalHandleTypes: H.D3D12_RESOURCE })).handle;
    expect(h.vk.bufferRequirements(h.dev, buf).requiresDedicatedAllocation).toBe(true);
  });
});

describe('mock: handle properties', () => {
  it('opaque types have none; unknown handles are invalid', () => {
    const h = harness([WINDOWS]);
    const mem = exportable(h, H.OPAQUE_WIN32);
    const ex = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32);
    expect(h.vk.win32HandleProperties(0, h.dev, H.OPAQUE_WIN32, ex.value).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    expect(h.vk.win32HandleProperties(0, h.dev, H.D3D11_TEXTURE, 0x1234).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
  });
});

describe('mock: allocation', () => {
  it('beyond the heap size is VK_ERROR_OUT_OF_DEVICE_MEMORY; freeing gives the space back', () => {
    const h = harness([WINDOWS]);
    // Type 1 lives in heap 1 (64 MiB).
    expect(h.vk.allocate(0, h.dev, allocInfo({ memoryTypeIndex: 1, allocationSize: 65 * MiB })).result).toBe(VK_ERROR_OUT_OF_DEVICE_MEMORY);
    const a = h.vk.allocate(0, h.dev, allocInfo({ memoryTypeIndex: 1, allocationSize: 40 * MiB }));
    expect(a.result).toBe(VK_SUCCESS);
    expect(h.vk.allocate(0, h.dev, allocInfo({ memoryTypeIndex: 1, allocationSize: 40 * MiB })).result).toBe(VK_ERROR_OUT_OF_DEVICE_MEMORY);
    // Imports share the payload and use no more of the heap.
    const ex = h.vk.getWin32Handle(0, h.dev, a.handle, H.OPAQUE_WIN32).value;
    expect(h.vk.allocate(0, h.dev, allocInfo({ memoryTypeIndex: 1, allocationSize: 40 * MiB, imports: [{ kind: 'win32', handleType: H.OPAQUE_WIN32, handle: ex }] })).result).toBe(VK_SUCCESS);
    h.op.CloseHandle(0, { hObject: ex });
    h.vk.free(h.dev, a.handle);
    // The import still holds the 40 MiB payload.
    expect(h.vk.allocate(0, h.dev, allocInfo({ memoryTypeIndex: 1, allocationSize: 30 * MiB })).result).toBe(VK_ERROR_OUT_OF_DEVICE_MEMORY);
    expect(h.vk.allocate(0, h.dev, allocInfo({ memoryTypeIndex: 2, allocationSize: 200 * MiB })).result).toBe(VK_SUCCESS);
  });

  it('only host-visible memory maps, and only once at a time', () => {
    const h = harness([WINDOWS]);
    const local = h.vk.allocate(0, h.dev, allocInfo({ memoryTypeIndex: 0 })).handle;
    const visible = h.vk.allocate(0, h.dev, allocInfo({ memoryTypeIndex: 1 })).handle;
    expect(h.vk.map(h.dev, local, 0, 1024)).toBe(VK_ERROR_MEMORY_MAP_FAILED);
    expect(h.vk.map(h.dev, visible, 0, 1024)).toBe(VK_SUCCESS);
    expect(h.vk.map(h.dev, visible, 0, 1024)).toBe(VK_ERROR_MEMORY_MAP_FAILED);
    h.vk.unmap(h.dev, visible);
    expect(h.vk.map(h.dev, visible, 0, 1024)).toBe(VK_SUCCESS);
    // Reads past the end are cut short; writes past the end are dropped.
    h.vk.write(visible, 1020, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(Array.from(h.vk.read(visible, 1020, 100))).toEqual([1, 2, 3, 4]);
  });
});
