// Device profiles for the mock backend's tests, written here (not loaded) so the tests do not depend on
// the built-in profile files. Flags are numbers; enumerants are names, as NormalizedProfile has them.
import type { NormalizedProfile } from '../../src/profiles/types.js';

export const MiB = 1024 * 1024;

/** Handle-type bits (VkExternalMemoryHandleTypeFlagBits). */
export const H = {
  OPAQUE_FD: 0x1, OPAQUE_WIN32: 0x2, OPAQUE_WIN32_KMT: 0x4, D3D11_TEXTURE: 0x8, D3D11_TEXTURE_KMT: 0x10,
  D3D12_HEAP: 0x20, D3D12_RESOURCE: 0x40, HOST_ALLOCATION: 0x80, DMA_BUF: 0x200,
} as const;
/** VkExternalMemoryHandleTypeFlagBitsNV. */
export const NV = { OPAQUE_WIN32: 0x1, OPAQUE_WIN32_KMT: 0x2, D3D11_IMAGE: 0x4, D3D11_IMAGE_KMT: 0x8 } as const;
/** VkExternalMemoryFeatureFlagBits. */
export const F = { DEDICATED_ONLY: 0x1, EXPORTABLE: 0x2, IMPORTABLE: 0x4 } as const;

const name = (bit: string) => `VK_EXTERNAL_MEMORY_HANDLE_TYPE_${bit}`;

export const WINDOWS: NormalizedProfile = {
  profile: 'test-windows',
  title: 'Test Windows GPU',
  provenance: { kind: 'illustrative', basis: 'written for the mock backend tests' },
  platform: 'windows',
  source: 'test/mock/profiles.ts',
  device: {
    deviceName: 'Test Windows GPU', vendorID: 0x10de, deviceID: 0x2684, deviceType: 'VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU',
    apiVersion: 4206831, driverVersion: 1,
    deviceUUID: '16-222-92-33-7-0-0-0-1-0-0-0-0-0-0-0', driverUUID: '52-55-49-46-49-50-0-0-0-0-0-0-0-0-0-0',
    deviceLUID: '165-42-1-0-0-0-0-0', deviceLUIDValid: true, deviceNodeMask: 1,
  },
  extensions: ['VK_KHR_external_memory', 'VK_KHR_external_memory_win32', 'VK_KHR_dedicated_allocation', 'VK_NV_external_memory', 'VK_NV_external_memory_win32', 'VK_KHR_win32_keyed_mutex'],
  memory: {
    heaps: [{ size: 256 * MiB, flags: 1 }, { size: 64 * MiB, flags: 0 }],
    types: [{ propertyFlags: 0x1, heapIndex: 0 }, { propertyFlags: 0x6, heapIndex: 1 }, { propertyFlags: 0x7, heapIndex: 0 }],
  },
  requirements: {
    buffer: { alignment: 256, memoryTypeBits: 0x7 },
    image: [
      { tiling: 'VK_IMAGE_TILING_LINEAR', alignment: 4096, memoryTypeBits: 0x6 },
      { alignment: 4096, memoryTypeBits: 0x7 },
    ],
    dedicated: [
      { resource: 'image', handleTypes: H.D3D11_TEXTURE | H.D3D11_TEXTURE_KMT | H.D3D12_RESOURCE, prefersDedicated: true, requiresDedicated: true },
      { resource: 'image', handleTypes: H.OPAQUE_WIN32, prefersDedicated: true, requiresDedicated: false },
      { resource: 'buffer', handleTypes: H.D3D12_RESOURCE, prefersDedicated: true, requiresDedicated: true },
    ],
  },
  externalBuffer: [
    // A usage-specific answer listed before the wildcard one for the same type.
    { handleType: name('OPAQUE_WIN32_BIT'), usage: 0x80, externalMemoryFeatures: F.IMPORTABLE, exportFromImportedHandleTypes: 0, compatibleHandleTypes: H.OPAQUE_WIN32 },
    { handleType: name('OPAQUE_WIN32_BIT'), externalMemoryFeatures: F.EXPORTABLE | F.IMPORTABLE, exportFromImportedHandleTypes: H.OPAQUE_WIN32 | H.OPAQUE_WIN32_KMT, compatibleHandleTypes: H.OPAQUE_WIN32 | H.OPAQUE_WIN32_KMT },
    { handleType: name('OPAQUE_WIN32_KMT_BIT'), externalMemoryFeatures: F.EXPORTABLE | F.IMPORTABLE, exportFromImportedHandleTypes: H.OPAQUE_WIN32 | H.OPAQUE_WIN32_KMT, compatibleHandleTypes: H.OPAQUE_WIN32 | H.OPAQUE_WIN32_KMT },
    { handleType: name('D3D12_HEAP_BIT'), externalMemoryFeatures: F.IMPORTABLE, exportFromImportedHandleTypes: 0, compatibleHandleTypes: H.D3D12_HEAP },
    { handleType: name('D3D12_RESOURCE_BIT'), externalMemoryFeatures: F.DEDICATED_ONLY | F.IMPORTABLE, exportFromImportedHandleTypes: 0, compatibleHandleTypes: H.D3D12_RESOURCE },
  ],
  externalImage: [
    { handleType: name('OPAQUE_WIN32_BIT'), tiling: 'VK_IMAGE_TILING_LINEAR', result: 'VK_ERROR_FORMAT_NOT_SUPPORTED' },
    { handleType: name('OPAQUE_WIN32_BIT'), result: 'VK_SUCCESS', externalMemoryFeatures: F.EXPORTABLE | F.IMPORTABLE, exportFromImportedHandleTypes: H.OPAQUE_WIN32, compatibleHandleTypes: H.OPAQUE_WIN32 | H.OPAQUE_WIN32_KMT },
    { handleType: name('OPAQUE_WIN32_KMT_BIT'), result: 'VK_SUCCESS', externalMemoryFeatures: F.EXPORTABLE | F.IMPORTABLE, exportFromImportedHandleTypes: H.OPAQUE_WIN32_KMT, compatibleHandleTypes: H.OPAQUE_WIN32 | H.OPAQUE_WIN32_KMT },
    { handleType: name('D3D11_TEXTURE_BIT'), format: 'VK_FORMAT_R8G8B8A8_UNORM', tiling: 'VK_IMAGE_TILING_OPTIMAL', result: 'VK_SUCCESS', externalMemoryFeatures: F.DEDICATED_ONLY | F.IMPORTABLE, exportFromImportedHandleTypes: 0, compatibleHandleTypes: H.D3D11_TEXTURE },
    { handleType: name('D3D11_TEXTURE_KMT_BIT'), format: 'VK_FORMAT_R8G8B8A8_UNORM', tiling: 'VK_IMAGE_TILING_OPTIMAL', result: 'VK_SUCCESS', externalMemoryFeatures: F.DEDICATED_ONLY | F.IMPORTABLE, exportFromImportedHandleTypes: 0, compatibleHandleTypes: H.D3D11_TEXTURE_KMT },
    { handleType: name('D3D12_RESOURCE_BIT'), tiling: 'VK_IMAGE_TILING_OPTIMAL', result: 'VK_SUCCESS', externalMemoryFeatures: F.DEDICATED_ONLY | F.IMPORTABLE, exportFromImportedHandleTypes: 0, compatibleHandleTypes: H.D3D12_RESOURCE },
  ],
  externalImageNV: [
    { handleTypes: NV.OPAQUE_WIN32, format: 'VK_FORMAT_R8G8B8A8_UNORM', result: 'VK_SUCCESS', externalMemoryFeatures: F.EXPORTABLE | F.IMPORTABLE, exportFromImportedHandleTypes: NV.OPAQUE_WIN32, compatibleHandleTypes: NV.OPAQUE_WIN32 | NV.OPAQUE_WIN32_KMT },
    { handleTypes: NV.D3D11_IMAGE, format: 'VK_FORMAT_R8G8B8A8_UNORM', result: 'VK_SUCCESS', externalMemoryFeatures: F.DEDICATED_ONLY | F.IMPORTABLE, exportFromImportedHandleTypes: 0, compatibleHandleTypes: NV.D3D11_IMAGE },
  ],
  handleProperties: [
    { handleType: name('D3D11_TEXTURE_BIT'), memoryTypeBits: 0x1 },
    { handleType: name('D3D11_TEXTURE_KMT_BIT'), memoryTypeBits: 0x1 },
    { handleType: name('D3D12_HEAP_BIT'), memoryTypeBits: 0x5 },
    { handleType: name('D3D12_RESOURCE_BIT'), memoryTypeBits: 0x1 },
  ],
};

/** A second Windows adapter: other UUIDs and LUID, so imports from the first one must fail on it. */
export const WINDOWS_OTHER: NormalizedProfile = {
  ...WINDOWS,
  profile: 'test-windows-other',
  title: 'Test Windows GPU (second adapter)',
  device: { ...WINDOWS.device, deviceName: 'Test Windows GPU 2', deviceUUID: '9-9-9-9-0-0-0-0-0-0-0-0-0-0-0-2', deviceLUID: '7-7-0-0-0-0-0-0' },
};

export const LINUX: NormalizedProfile = {
  profile: 'test-linux',
  title: 'Test Linux GPU',
  provenance: { kind: 'illustrative', basis: 'written for the mock backend tests' },
  platform: 'linux',
  source: 'test/mock/profiles.ts',
  device: {
    deviceName: 'Test Linux GPU', vendorID: 0x10005, deviceID: 0, deviceType: 'VK_PHYSICAL_DEVICE_TYPE_CPU',
    apiVersion: 4206831, driverVersion: 1,
    deviceUUID: '1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16', driverUUID: '16-15-14-13-12-11-10-9-8-7-6-5-4-3-2-1',
    deviceLUIDValid: false, deviceNodeMask: 0, minImportedHostPointerAlignment: 4096,
  },
  extensions: ['VK_KHR_external_memory', 'VK_KHR_external_memory_fd', 'VK_EXT_external_memory_dma_buf', 'VK_EXT_external_memory_host', 'VK_KHR_dedicated_allocation'],
  memory: { heaps: [{ size: 1024 * MiB, flags: 1 }], types: [{ propertyFlags: 0x1, heapIndex: 0 }, { propertyFlags: 0x7, heapIndex: 0 }] },
  requirements: {
    buffer: { alignment: 64, memoryTypeBits: 0x3 },
    image: [{ alignment: 4096, memoryTypeBits: 0x3 }],
    dedicated: [],
  },
  externalBuffer: [
    { handleType: name('OPAQUE_FD_BIT'), externalMemoryFeatures: F.EXPORTABLE | F.IMPORTABLE, exportFromImportedHandleTypes: H.OPAQUE_FD | H.DMA_BUF, compatibleHandleTypes: H.OPAQUE_FD | H.DMA_BUF },
    { handleType: name('DMA_BUF_BIT_EXT'), externalMemoryFeatures: F.EXPORTABLE | F.IMPORTABLE, exportFromImportedHandleTypes: H.OPAQUE_FD | H.DMA_BUF, compatibleHandleTypes: H.OPAQUE_FD | H.DMA_BUF },
    { handleType: name('HOST_ALLOCATION_BIT_EXT'), externalMemoryFeatures: F.IMPORTABLE, exportFromImportedHandleTypes: 0, compatibleHandleTypes: H.HOST_ALLOCATION },
  ],
  externalImage: [
    { handleType: name('OPAQUE_FD_BIT'), result: 'VK_SUCCESS', externalMemoryFeatures: F.EXPORTABLE | F.IMPORTABLE, exportFromImportedHandleTypes: H.OPAQUE_FD, compatibleHandleTypes: H.OPAQUE_FD | H.DMA_BUF },
    { handleType: name('DMA_BUF_BIT_EXT'), tiling: 'VK_IMAGE_TILING_LINEAR', result: 'VK_SUCCESS', externalMemoryFeatures: F.EXPORTABLE | F.IMPORTABLE, exportFromImportedHandleTypes: H.DMA_BUF, compatibleHandleTypes: H.OPAQUE_FD | H.DMA_BUF },
  ],
  externalImageNV: [],
  handleProperties: [
    { handleType: name('DMA_BUF_BIT_EXT'), memoryTypeBits: 0x3 },
    { handleType: name('HOST_ALLOCATION_BIT_EXT'), memoryTypeBits: 0x2 },
  ],
};
