// A small valid profile to break on purpose, and helpers to find where things are in its text.
import type { DeviceProfile } from '../../src/profiles/types.js';

export function smallProfile(): DeviceProfile {
  return {
    profile: 'small',
    title: 'A small profile for tests',
    provenance: { kind: 'illustrative', basis: 'made up for the tests; not measured' },
    platform: 'windows',
    device: {
      deviceName: 'Test GPU', vendorID: 0x1234, deviceID: 7, deviceType: 'VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU',
      apiVersion: 4206592, driverVersion: 1,
      deviceUUID: '1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16', driverUUID: '0-0-0-0-0-0-0-0-0-0-0-0-0-0-0-1',
      deviceLUID: '1-0-0-0-0-0-0-0', deviceLUIDValid: true, deviceNodeMask: 1,
    },
    extensions: ['VK_KHR_external_memory', 'VK_KHR_external_memory_win32'],
    memory: {
      heaps: [{ size: 1073741824, flags: ['VK_MEMORY_HEAP_DEVICE_LOCAL_BIT'] }, { size: 2147483648, flags: [] }],
      types: [
        { propertyFlags: ['VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT'], heapIndex: 0 },
        { propertyFlags: ['VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT', 'VK_MEMORY_PROPERTY_HOST_COHERENT_BIT'], heapIndex: 1 },
      ],
    },
    requirements: {
      buffer: { alignment: 256, memoryTypeBits: 3 },
      image: [{ tiling: 'VK_IMAGE_TILING_OPTIMAL', alignment: 4096, memoryTypeBits: 1 }],
      dedicated: [{ resource: 'image', handleTypes: ['VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT'], prefersDedicated: true, requiresDedicated: true }],
    },
    externalBuffer: [
      {
        handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT', usage: ['VK_BUFFER_USAGE_TRANSFER_SRC_BIT', 'VK_BUFFER_USAGE_TRANSFER_DST_BIT'],
        externalMemoryFeatures: ['VK_EXTERNAL_MEMORY_FEATURE_EXPORTABLE_BIT', 'VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT'],
        exportFromImportedHandleTypes: ['VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT'],
        compatibleHandleTypes: ['VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT', 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT'],
      },
      { handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT', externalMemoryFeatures: 0, exportFromImportedHandleTypes: 0, compatibleHandleTypes: 0 },
    ],
    externalImage: [
      {
        handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT', format: 'VK_FORMAT_B8G8R8A8_UNORM', tiling: 'VK_IMAGE_TILING_OPTIMAL', result: 'VK_SUCCESS',
        externalMemoryFeatures: ['VK_EXTERNAL_MEMORY_FEATURE_DEDICATED_ONLY_BIT', 'VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT'],
        exportFromImportedHandleTypes: [], compatibleHandleTypes: ['VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT'],
      },
      { handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT', result: 'VK_ERROR_FORMAT_NOT_SUPPORTED' },
    ],
    externalImageNV: [
      {
        handleTypes: ['VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_BIT_NV'], result: 'VK_SUCCESS',
        externalMemoryFeatures: ['VK_EXTERNAL_MEMORY_FEATURE_DEDICATED_ONLY_BIT_NV', 'VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT_NV'],
        exportFromImportedHandleTypes: 0, compatibleHandleTypes: ['VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_BIT_NV'],
      },
    ],
    handleProperties: [{ handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT', memoryTypeBits: 1 }],
  };
}

/** Pretty JSON, as a person would write the file. */
export function text(p: unknown): string {
  return JSON.stringify(p, null, 2) + '\n';
}

/** 1-based line of the first occurrence of `needle` (after the `after`-th occurrence of `anchor`, when given). */
export function lineOf(t: string, needle: string, anchor?: string): number {
  const from = anchor ? t.indexOf(anchor) : 0;
  const at = t.indexOf(needle, from);
  if (at < 0) throw new Error(`test bug: ${needle} not in the text`);
  return t.slice(0, at).split('\n').length;
}
