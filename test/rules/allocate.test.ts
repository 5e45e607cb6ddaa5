// vkAllocateMemory: the chain as a whole, exports, imports (Win32 KHR/NV, fd, host pointer), the
// size and memory type an import must use, device groups and opaque capture addresses.
import { expect } from 'vitest';
import { ruleTests } from '../helpers/rule-tests.js';
import type { Finding } from '../../src/index.js';
import {
  prelude, buffer, allocate, exportInfo, dedicatedInfo, importWin32, importFd, getWin32, getFd, vk, os, run, BIT,
  OPAQUE_FD, OPAQUE_WIN32, OPAQUE_WIN32_KMT, D3D11_TEXTURE, D3D11_TEXTURE_KMT, D3D12_HEAP, HOST_ALLOCATION, type Step,
} from '../helpers/world.js';

// Each case is named by its query id (rules/allocate/<group>:NN), which npx vitest run -t selects.
const { describe, it } = ruleTests('allocate');

const DMA_BUF = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT';
const DMA_BUF_BIT = 0x200;
const NV_OPAQUE_WIN32 = 1;
const NV_OPAQUE_WIN32_KMT = 2;

/** Every handle type the tests use, answered exportable and importable (0x6). */
const ALL = 6;
const answers = (over: Record<number, number> = {}) => ({
  [BIT.OPAQUE_FD]: ALL, [BIT.OPAQUE_WIN32]: ALL, [BIT.OPAQUE_WIN32_KMT]: ALL, [BIT.D3D11_TEXTURE]: ALL, [BIT.D3D11_TEXTURE_KMT]: ALL,
  [BIT.D3D12_HEAP]: ALL, [BIT.HOST_ALLOCATION]: ALL, [DMA_BUF_BIT]: ALL, ...over,
});
const world = (o: Parameters<typeof prelude>[0] = {}) => prelude({ bufferAnswers: answers(), secondDevice: true, ...o });

async function lastFindings(steps: Step[]): Promise<Finding[]> {
  const all = await run(steps);
  return all[all.length - 1];
}
async function severitiesOf(steps: Step[], vuid: string): Promise<string[]> {
  return (await lastFindings(steps)).filter((f) => f.vuid === vuid).map((f) => f.severity);
}
/** The last step reports `vuid` as an error. */
async function reports(steps: Step[], vuid: string): Promise<void> {
  expect(await severitiesOf(steps, vuid)).toContain('error');
}
/** The last step says nothing at all about `vuid`. */
async function silent(steps: Step[], vuid: string): Promise<void> {
  expect(await severitiesOf(steps, vuid)).toEqual([]);
}
/** The last step says it cannot decide `vuid` (and does not call it an error). */
async function undecided(steps: Step[], vuid: string): Promise<void> {
  expect(await severitiesOf(steps, vuid)).toEqual(['undecidable']);
}

// Chain pieces.
const exportNV = (handleTypes: number) => ({ sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO_NV', handleTypes });
const exportWin32Info = (name: string | null = null) => ({ sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_WIN32_HANDLE_INFO_KHR', pAttributes: null, dwAccess: 0, name });
const importNV = (handleType: number, handle: string | number) => ({ sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_NV', handleType, handle });
const importHost = (handleType: string, pHostPointer: string) => ({ sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_HOST_POINTER_INFO_EXT', handleType, pHostPointer });
const captureAddress = (opaqueCaptureAddress: number) => ({ sType: 'VK_STRUCTURE_TYPE_MEMORY_OPAQUE_CAPTURE_ADDRESS_ALLOCATE_INFO', opaqueCaptureAddress });
const deviceMask = (mask: number) => ({ sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_FLAGS_INFO', flags: 1, deviceMask: mask });
const nvDedicatedInfo = (o: { image?: string; buffer?: string }) => ({ sType: 'VK_STRUCTURE_TYPE_DEDICATED_ALLOCATION_MEMORY_ALLOCATE_INFO_NV', image: o.image ?? 'VK_NULL_HANDLE', buffer: o.buffer ?? 'VK_NULL_HANDLE' });
const getWin32NV = (memory: string, handleType: number, handle: string, device = 'dev0') =>
  vk('vkGetMemoryWin32HandleNV', { device, memory, handleType, pHandle: handle });
const hostProps = (pointer: string, bits: number, device = 'dev0') =>
  vk('vkGetMemoryHostPointerPropertiesEXT', { device, handleType: HOST_ALLOCATION, pHostPointer: pointer, pMemoryHostPointerProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_HOST_POINTER_PROPERTIES_EXT', pNext: null, memoryTypeBits: bits } });
const win32Props = (handleType: string, handle: string, bits: number, device = 'dev0') =>
  vk('vkGetMemoryWin32HandlePropertiesKHR', { device, handleType, handle, pMemoryWin32HandleProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_WIN32_HANDLE_PROPERTIES_KHR', pNext: null, memoryTypeBits: bits } });

/** OPAQUE_WIN32 memory "memA" (1024 bytes, type 0) on dev0, exported as handle 0x100. */
const win32Exported = (extra: Record<string, unknown>[] = []): Step[] => [
  allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32), ...extra]),
  getWin32('memA', OPAQUE_WIN32, '0x100'),
];
/** OPAQUE_FD memory "memA" (1024 bytes, type 0) on dev0, exported as fd 7. */
const fdExported = (extra: Record<string, unknown>[] = []): Step[] => [
  allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_FD), ...extra]),
  getFd('memA', OPAQUE_FD, 7),
];

/** A second physical device "pd2" with its own identity, and a device "devX" on it. */
function secondPhysical(deviceUUID: string, driverUUID: string): Step[] {
  return [
    vk('vkEnumeratePhysicalDevices', { instance: 'inst', pPhysicalDeviceCount: 2, pPhysicalDevices: ['pd', 'pd2'] }),
    vk('vkGetPhysicalDeviceProperties2', {
      physicalDevice: 'pd2',
      pProperties: {
        sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2',
        pNext: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES', pNext: null, deviceUUID, driverUUID, deviceLUID: '4-4-4-4-4-4-4-4', deviceNodeMask: 1, deviceLUIDValid: 1 },
        properties: { apiVersion: 4198400, deviceName: 'second device' },
      },
    }, undefined),
    vk('vkGetPhysicalDeviceMemoryProperties', { physicalDevice: 'pd2', pMemoryProperties: { memoryTypeCount: 3, memoryTypes: [{ propertyFlags: 1, heapIndex: 0 }, { propertyFlags: 6, heapIndex: 1 }, { propertyFlags: 7, heapIndex: 0 }], memoryHeapCount: 2, memoryHeaps: [{ size: 1 << 30, flags: 1 }, { size: 1 << 30, flags: 0 }] } }, undefined),
    vk('vkCreateDevice', { physicalDevice: 'pd2', pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO', pNext: null, flags: 0, queueCreateInfoCount: 0, enabledExtensionCount: 2, ppEnabledExtensionNames: ['VK_KHR_external_memory_win32', 'VK_KHR_external_memory_fd'] }, pAllocator: null, pDevice: 'devX' }),
  ];
}
const SAME_DEVICE_UUID = '1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1';
const SAME_DRIVER_UUID = '2-2-2-2-2-2-2-2-2-2-2-2-2-2-2-2';
const OTHER_DEVICE_UUID = '9-9-9-9-9-9-9-9-9-9-9-9-9-9-9-9';
const OTHER_DRIVER_UUID = '8-8-8-8-8-8-8-8-8-8-8-8-8-8-8-8';

/** A D3D11 texture "tex0" (16384 bytes) with an NT handle 0x400 and a KMT handle 0x40000b02. */
const d3d11Texture: Step[] = [
  os('D3D11CreateTexture2D', { width: 64, height: 64, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags: 0x802, size: 16384, ppTexture2D: 'tex0' }),
  os('IDXGIResource1_CreateSharedHandle', { resource: 'tex0', pAttributes: null, dwAccess: 0, lpName: null, pHandle: '0x400' }),
  os('IDXGIResource_GetSharedHandle', { resource: 'tex0', pSharedHandle: '0x40000b02' }),
];
/** A 64 KiB D3D12 heap "heap0" shared as NT handle 0x300 under the name "SharedHeap". */
const d3d12Heap: Step[] = [
  os('D3D12CreateHeap', { sizeInBytes: 65536, flags: 0, ppHeap: 'heap0' }),
  os('ID3D12Device_CreateSharedHandle', { object: 'heap0', pAttributes: null, access: 0, name: 'SharedHeap', pHandle: '0x300' }),
];

// ---------------------------------------------------------------------------------------------
// The chain as a whole.

describe('VUID-VkMemoryAllocateInfo-allocationSize-07897', () => {
  const V = 'VUID-VkMemoryAllocateInfo-allocationSize-07897';
  it('reports a zero-sized allocation that neither imports nor exports', async () => {
    await reports([...world(), allocate('m', 0, 0)], V);
  });
  it('is silent when the plain allocation has a size', async () => {
    await silent([...world(), allocate('m', 1024, 0)], V);
  });
  it('is silent when the zero-sized allocation exports', async () => {
    await silent([...world(), allocate('m', 0, 0, [exportInfo(BIT.OPAQUE_WIN32)])], V);
  });
});

describe('VUID-VkMemoryAllocateInfo-None-06657', () => {
  const V = 'VUID-VkMemoryAllocateInfo-None-06657';
  const host = importHost(HOST_ALLOCATION, '0x10000');
  it('reports an fd import and a host-pointer import in one allocation', async () => {
    await reports([...world({ hostAlignment: 4096 }), ...fdExported(), allocate('m', 1024, 0, [importFd(OPAQUE_FD, 7), host])], V);
  });
  it('reports a Win32 import and an fd import in one allocation', async () => {
    await reports([...world(), ...win32Exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100'), importFd(OPAQUE_FD, 7)])], V);
  });
  it('is silent for a single import', async () => {
    await silent([...world(), ...fdExported(), allocate('m', 1024, 0, [importFd(OPAQUE_FD, 7)])], V);
  });
  it('is silent when the second import structure has handleType 0 (it defines no import operation)', async () => {
    await silent([...world({ hostAlignment: 4096 }), ...fdExported(), allocate('m', 1024, 0, [importFd(OPAQUE_FD, 7), importHost(0 as unknown as string, '0x10000')])], V);
    await silent([...world(), ...fdExported(), allocate('m', 1024, 0, [importWin32(0 as unknown as string, '0x100'), importFd(OPAQUE_FD, 7)])], V);
  });
  it('leaves the KHR and NV Win32 pair to 00641 (the NV structure is not in the spec\'s list of import operations)', async () => {
    const steps = [...world(), ...win32Exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100'), importNV(NV_OPAQUE_WIN32, '0x100')])];
    await silent(steps, V);
    await reports(steps, 'VUID-VkMemoryAllocateInfo-pNext-00641');
  });
});

describe('VUID-vkAllocateMemory-pAllocateInfo-01714', () => {
  const V = 'VUID-vkAllocateMemory-pAllocateInfo-01714';
  it('reports a memoryTypeIndex at or past the reported memoryTypeCount (3)', async () => {
    await reports([...world(), allocate('m', 1024, 3)], V);
    await reports([...world(), allocate('m', 1024, 31)], V);
  });
  it('is silent for the last reported memory type', async () => {
    await silent([...world(), allocate('m', 1024, 2)], V);
  });
  it('cannot decide when the memory properties were never queried', async () => {
    const noProps = world().filter((s) => s.vkFunc?.name !== 'vkGetPhysicalDeviceMemoryProperties');
    await undecided([...noProps, allocate('m', 1024, 0)], V);
  });
  it('reads the count from vkGetPhysicalDeviceMemoryProperties2 too', async () => {
    const two = world().map((s) => s.vkFunc?.name !== 'vkGetPhysicalDeviceMemoryProperties' ? s
      : vk('vkGetPhysicalDeviceMemoryProperties2', { physicalDevice: 'pd', pMemoryProperties: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2', pNext: null, memoryProperties: (s.vkFunc!.args as { pMemoryProperties: unknown }).pMemoryProperties } }, undefined));
    await reports([...two, allocate('m', 1024, 3)], V);
    await silent([...two, allocate('m', 1024, 2)], V);
  });
});

describe('VUID-vkAllocateMemory-pAllocateInfo-01713', () => {
  const V = 'VUID-vkAllocateMemory-pAllocateInfo-01713';
  const GiB = 1 << 30;
  it('reports an allocation larger than the heap of its memory type (heap 1, 1 GiB)', async () => {
    await reports([...world(), allocate('m', GiB + 1, 1)], V);
  });
  it('is silent for an allocation the size of the heap', async () => {
    await silent([...world(), allocate('m', GiB, 1)], V);
  });
  it('judges by the heap of the type named, not by any heap', async () => {
    const steps = world().map((s) => s.vkFunc?.name !== 'vkGetPhysicalDeviceMemoryProperties' ? s
      : vk('vkGetPhysicalDeviceMemoryProperties', { physicalDevice: 'pd', pMemoryProperties: { memoryTypeCount: 2, memoryTypes: [{ propertyFlags: 1, heapIndex: 0 }, { propertyFlags: 6, heapIndex: 1 }], memoryHeapCount: 2, memoryHeaps: [{ size: 4 * GiB, flags: 1 }, { size: 65536, flags: 0 }] } }, undefined));
    await reports([...steps, allocate('m', 131072, 1)], V);
    await silent([...steps, allocate('m', 131072, 0)], V);
  });
  it('does not add a heap finding to a memory type that does not exist (01714 says it)', async () => {
    await silent([...world(), allocate('m', 4 * GiB, 7)], V);
  });
});

describe('VUID-VkMemoryAllocateInfo-pNext-00640', () => {
  const V = 'VUID-VkMemoryAllocateInfo-pNext-00640';
  it('reports VkExportMemoryAllocateInfo chained with VkExportMemoryAllocateInfoNV', async () => {
    await reports([...world(), allocate('m', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32), exportNV(NV_OPAQUE_WIN32)])], V);
  });
  it('is silent when only the KHR export structure is chained', async () => {
    await silent([...world(), allocate('m', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)])], V);
  });
  it('is silent when only the NV export structure is chained', async () => {
    await silent([...world(), allocate('m', 1024, 0, [exportNV(NV_OPAQUE_WIN32)])], V);
  });
});

describe('VUID-VkMemoryAllocateInfo-pNext-00641', () => {
  const V = 'VUID-VkMemoryAllocateInfo-pNext-00641';
  it('reports the KHR and NV Win32 import structures chained together', async () => {
    await reports([...world(), ...win32Exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100'), importNV(NV_OPAQUE_WIN32, '0x100')], 'dev1')], V);
  });
  it('is silent when only the KHR import structure is chained', async () => {
    await silent([...world(), ...win32Exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100')], 'dev1')], V);
  });
});

describe('VUID-VkExportMemoryWin32HandleInfoKHR-handleTypes-00657', () => {
  const V = 'VUID-VkExportMemoryWin32HandleInfoKHR-handleTypes-00657';
  it('reports VkExportMemoryWin32HandleInfoKHR when the export types lack OPAQUE_WIN32', async () => {
    await reports([...world(), allocate('m', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32_KMT), exportWin32Info()])], V);
  });
  it('is silent when the export types include OPAQUE_WIN32', async () => {
    await silent([...world(), allocate('m', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32 | BIT.OPAQUE_WIN32_KMT), exportWin32Info()])], V);
  });
});

describe('VUID-VkExportMemoryAllocateInfo-handleTypes-09860', () => {
  const V = 'VUID-VkExportMemoryAllocateInfo-handleTypes-09860';
  it('reports an export type the capability query did not call exportable', async () => {
    await reports([...prelude({ bufferAnswers: { [BIT.OPAQUE_WIN32]: 0x4 } }), allocate('m', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)])], V);
  });
  it('is silent when the capability query called it exportable', async () => {
    await silent([...prelude({ bufferAnswers: { [BIT.OPAQUE_WIN32]: 0x6 } }), allocate('m', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)])], V);
  });
  it('cannot decide when no capability query was made for the type', async () => {
    await undecided([...prelude(), allocate('m', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)])], V);
  });
});

describe('VUID-VkMemoryAllocateInfo-pNext-00639', () => {
  const V = 'VUID-VkMemoryAllocateInfo-pNext-00639';
  const pre = () => [...prelude({ bufferAnswers: { [BIT.OPAQUE_WIN32]: 0x7 } }), ...buffer('buf', { handleTypes: BIT.OPAQUE_WIN32 })];
  it('reports a DEDICATED_ONLY export type without a dedicated allocation', async () => {
    await reports([...pre(), allocate('m', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)])], V);
  });
  it('says which type and what is missing, naming no resource (the chain names none)', async () => {
    const f = (await lastFindings([...pre(), allocate('m', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)])])).find((x) => x.vuid === V);
    expect(f?.message).toMatch(/OPAQUE_WIN32 as DEDICATED_ONLY/);
    expect(f?.message).toMatch(/it has none/);
    expect(f?.message).not.toMatch(/ for 0\b/);
  });
  it('is silent when the allocation is dedicated to the buffer', async () => {
    await silent([...pre(), allocate('m', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32), dedicatedInfo({ buffer: 'buf' })])], V);
  });
  it('is silent when the type is not DEDICATED_ONLY', async () => {
    await silent([...prelude({ bufferAnswers: { [BIT.OPAQUE_WIN32]: 0x6 } }), allocate('m', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)])], V);
  });
});

// ---------------------------------------------------------------------------------------------
// VkImportMemoryWin32HandleInfoKHR.

describe('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00660', () => {
  const V = 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00660';
  it('reports a Win32 import of OPAQUE_FD', async () => {
    await reports([...world(), ...win32Exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_FD, '0x100')], 'dev1')], V);
  });
  it('is silent for a Win32 import of OPAQUE_WIN32', async () => {
    await silent([...world(), ...win32Exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100')], 'dev1')], V);
  });
});

describe('VUID-VkImportMemoryWin32HandleInfoKHR-handle-01441', () => {
  const V = 'VUID-VkImportMemoryWin32HandleInfoKHR-handle-01441';
  const exported = () => [...world(), ...win32Exported([exportWin32Info('SharedMem')])];
  it('reports an import that sets both handle and name', async () => {
    await reports([...exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100', 'SharedMem')], 'dev1')], V);
  });
  it('is silent for an import by handle only', async () => {
    await silent([...exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100')], 'dev1')], V);
  });
  it('is silent for an import by name only', async () => {
    await silent([...exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, null, 'SharedMem')], 'dev1')], V);
  });
});

describe('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01439', () => {
  const V = 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01439';
  const exported = () => [...world(), ...win32Exported([exportWin32Info('SharedMem')])];
  it('reports an import by name of OPAQUE_WIN32_KMT, which has no names', async () => {
    await reports([...exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32_KMT, null, 'SharedMem')], 'dev1')], V);
  });
  it('is silent for an import by name of OPAQUE_WIN32', async () => {
    await silent([...exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, null, 'SharedMem')], 'dev1')], V);
  });
});

describe('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661', () => {
  const V = 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661';
  it('reports a KMT handle from IDXGIResource::GetSharedHandle imported as D3D11_TEXTURE', async () => {
    await reports([...world(), ...d3d11Texture, allocate('m', 16384, 0, [importWin32(D3D11_TEXTURE, '0x40000b02')])], V);
  });
  it('is silent when that handle is imported as D3D11_TEXTURE_KMT', async () => {
    await silent([...world(), ...d3d11Texture, allocate('m', 16384, 0, [importWin32(D3D11_TEXTURE_KMT, '0x40000b02')])], V);
  });
  it('is silent when the NT handle from IDXGIResource1::CreateSharedHandle is imported as D3D11_TEXTURE', async () => {
    await silent([...world(), ...d3d11Texture, allocate('m', 16384, 0, [importWin32(D3D11_TEXTURE, '0x400')])], V);
  });
  it('reports an OPAQUE_WIN32 handle imported as D3D12_HEAP', async () => {
    await reports([...world(), ...win32Exported(), allocate('m', 1024, 0, [importWin32(D3D12_HEAP, '0x100')], 'dev1')], V);
  });
  it('cannot decide for a handle no call in the input made', async () => {
    await undecided([...world(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x999')])], V);
  });
});

describe('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01440', () => {
  const V = 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01440';
  it('reports a name that names an OPAQUE_WIN32 payload imported as D3D11_TEXTURE', async () => {
    await reports([...world(), ...win32Exported([exportWin32Info('SharedMem')]), allocate('m', 1024, 0, [importWin32(D3D11_TEXTURE, null, 'SharedMem')], 'dev1')], V);
  });
  it('is silent when the named OPAQUE_WIN32 payload is imported as OPAQUE_WIN32', async () => {
    await silent([...world(), ...win32Exported([exportWin32Info('SharedMem')]), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, null, 'SharedMem')], 'dev1')], V);
  });
  it('reports a name that names a D3D12 heap imported as D3D12_RESOURCE', async () => {
    await reports([...world(), ...d3d12Heap, allocate('m', 65536, 0, [importWin32('VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_RESOURCE_BIT', null, 'SharedHeap')])], V);
  });
  it('is silent when the named D3D12 heap is imported as D3D12_HEAP', async () => {
    await silent([...world(), ...d3d12Heap, allocate('m', 65536, 0, [importWin32(D3D12_HEAP, null, 'SharedHeap')])], V);
  });
});

describe('VUID-VkImportMemoryWin32HandleInfoKHR-handle-00659', () => {
  const V = 'VUID-VkImportMemoryWin32HandleInfoKHR-handle-00659';
  it('reports a handle whose payload was made on a physical device with another deviceUUID', async () => {
    await reports([...world(), ...secondPhysical(OTHER_DEVICE_UUID, OTHER_DRIVER_UUID), ...win32Exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100')], 'devX')], V);
  });
  it('is silent when the importing device is on the same physical device', async () => {
    await silent([...world(), ...secondPhysical(OTHER_DEVICE_UUID, OTHER_DRIVER_UUID), ...win32Exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100')], 'dev1')], V);
  });
});

describe('VUID-VkImportMemoryWin32HandleInfoKHR-handle-01518', () => {
  const V = 'VUID-VkImportMemoryWin32HandleInfoKHR-handle-01518';
  it('reports a handle from a physical device with another driverUUID', async () => {
    await reports([...world(), ...secondPhysical(SAME_DEVICE_UUID, OTHER_DRIVER_UUID), ...win32Exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100')], 'devX')], V);
  });
  it('reports a handle from a physical device with another deviceUUID', async () => {
    await reports([...world(), ...secondPhysical(OTHER_DEVICE_UUID, SAME_DRIVER_UUID), ...win32Exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100')], 'devX')], V);
  });
  it('is silent when both UUIDs match', async () => {
    await silent([...world(), ...secondPhysical(SAME_DEVICE_UUID, SAME_DRIVER_UUID), ...win32Exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100')], 'devX')], V);
  });
  it('is silent for an import by name (that is name-01519)', async () => {
    await silent([...world(), ...secondPhysical(OTHER_DEVICE_UUID, OTHER_DRIVER_UUID), ...win32Exported([exportWin32Info('SharedMem')]), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, null, 'SharedMem')], 'devX')], V);
  });
});

describe('VUID-VkImportMemoryWin32HandleInfoKHR-name-01519', () => {
  const V = 'VUID-VkImportMemoryWin32HandleInfoKHR-name-01519';
  it('reports a name whose payload was made on a physical device with other UUIDs', async () => {
    await reports([...world(), ...secondPhysical(OTHER_DEVICE_UUID, OTHER_DRIVER_UUID), ...win32Exported([exportWin32Info('SharedMem')]), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, null, 'SharedMem')], 'devX')], V);
  });
  it('is silent when the importing device is on the same physical device', async () => {
    await silent([...world(), ...secondPhysical(OTHER_DEVICE_UUID, OTHER_DRIVER_UUID), ...win32Exported([exportWin32Info('SharedMem')]), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, null, 'SharedMem')], 'dev1')], V);
  });
});

describe('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-09861', () => {
  const V = 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-09861';
  const steps = (features: number) => [
    ...prelude({ bufferAnswers: { [BIT.OPAQUE_WIN32]: features }, secondDevice: true }),
    ...win32Exported(),
    allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100')], 'dev1'),
  ];
  it('reports an import of a type the capability query did not call importable', async () => {
    await reports(steps(0x2), V);
  });
  it('is silent when the capability query called it importable', async () => {
    await silent(steps(0x6), V);
  });
});

// ---------------------------------------------------------------------------------------------
// VkImportMemoryWin32HandleInfoNV.

describe('VUID-VkImportMemoryWin32HandleInfoNV-handleType-01327', () => {
  const V = 'VUID-VkImportMemoryWin32HandleInfoNV-handleType-01327';
  const exported = () => [...world(), allocate('memA', 1024, 0, [exportNV(NV_OPAQUE_WIN32)]), getWin32NV('memA', NV_OPAQUE_WIN32, '0x200')];
  it('reports an NV import naming two handle types', async () => {
    await reports([...exported(), allocate('m', 1024, 0, [importNV(NV_OPAQUE_WIN32 | NV_OPAQUE_WIN32_KMT, '0x200')], 'dev1')], V);
  });
  it('is silent for an NV import naming one handle type', async () => {
    await silent([...exported(), allocate('m', 1024, 0, [importNV(NV_OPAQUE_WIN32, '0x200')], 'dev1')], V);
  });
});

describe('VUID-VkImportMemoryWin32HandleInfoNV-handle-01328', () => {
  const V = 'VUID-VkImportMemoryWin32HandleInfoNV-handle-01328';
  const exported = () => [
    ...world(),
    allocate('memA', 1024, 0, [exportNV(NV_OPAQUE_WIN32 | NV_OPAQUE_WIN32_KMT)]),
    getWin32NV('memA', NV_OPAQUE_WIN32, '0x200'),
    getWin32NV('memA', NV_OPAQUE_WIN32_KMT, '0x40000200'),
  ];
  it('reports a KMT handle imported as OPAQUE_WIN32_NV', async () => {
    await reports([...exported(), allocate('m', 1024, 0, [importNV(NV_OPAQUE_WIN32, '0x40000200')], 'dev1')], V);
  });
  it('is silent for the NT handle imported as OPAQUE_WIN32_NV', async () => {
    await silent([...exported(), allocate('m', 1024, 0, [importNV(NV_OPAQUE_WIN32, '0x200')], 'dev1')], V);
  });
  it('is silent for the KMT handle imported as OPAQUE_WIN32_KMT_NV', async () => {
    await silent([...exported(), allocate('m', 1024, 0, [importNV(NV_OPAQUE_WIN32_KMT, '0x40000200')], 'dev1')], V);
  });
});

// ---------------------------------------------------------------------------------------------
// VkImportMemoryFdInfoKHR.

describe('VUID-VkImportMemoryFdInfoKHR-handleType-00669', () => {
  const V = 'VUID-VkImportMemoryFdInfoKHR-handleType-00669';
  it('reports an fd import of OPAQUE_WIN32', async () => {
    await reports([...world(), ...fdExported(), allocate('m', 1024, 0, [importFd(OPAQUE_WIN32, 7)], 'dev1')], V);
  });
  it('is silent for an fd import of OPAQUE_FD', async () => {
    await silent([...world(), ...fdExported(), allocate('m', 1024, 0, [importFd(OPAQUE_FD, 7)], 'dev1')], V);
  });
});

describe('VUID-VkImportMemoryFdInfoKHR-handleType-00670', () => {
  const V = 'VUID-VkImportMemoryFdInfoKHR-handleType-00670';
  it('reports fd -1', async () => {
    await reports([...world(), allocate('m', 1024, 0, [importFd(OPAQUE_FD, -1)], 'dev1')], V);
  });
  it('reports a DMA_BUF fd imported as OPAQUE_FD', async () => {
    await reports([...world(), allocate('memA', 1024, 0, [exportInfo(DMA_BUF_BIT)]), getFd('memA', DMA_BUF, 9), allocate('m', 1024, 0, [importFd(OPAQUE_FD, 9)], 'dev1')], V);
  });
  it('is silent for an OPAQUE_FD fd imported as OPAQUE_FD', async () => {
    await silent([...world(), ...fdExported(), allocate('m', 1024, 0, [importFd(OPAQUE_FD, 7)], 'dev1')], V);
  });
  it('cannot decide for an fd no call in the input made', async () => {
    await undecided([...world(), allocate('m', 1024, 0, [importFd(OPAQUE_FD, 42)], 'dev1')], V);
  });
});

describe('VUID-VkImportMemoryFdInfoKHR-fd-00668', () => {
  const V = 'VUID-VkImportMemoryFdInfoKHR-fd-00668';
  it('reports an fd whose payload was made on a physical device with another deviceUUID', async () => {
    await reports([...world(), ...secondPhysical(OTHER_DEVICE_UUID, SAME_DRIVER_UUID), ...fdExported(), allocate('m', 1024, 0, [importFd(OPAQUE_FD, 7)], 'devX')], V);
  });
  it('is silent when the importing device is on the same physical device', async () => {
    await silent([...world(), ...secondPhysical(OTHER_DEVICE_UUID, SAME_DRIVER_UUID), ...fdExported(), allocate('m', 1024, 0, [importFd(OPAQUE_FD, 7)], 'dev1')], V);
  });
});

describe('VUID-VkImportMemoryFdInfoKHR-fd-01520', () => {
  const V = 'VUID-VkImportMemoryFdInfoKHR-fd-01520';
  it('reports an OPAQUE_FD fd from a physical device with another driverUUID', async () => {
    await reports([...world(), ...secondPhysical(SAME_DEVICE_UUID, OTHER_DRIVER_UUID), ...fdExported(), allocate('m', 1024, 0, [importFd(OPAQUE_FD, 7)], 'devX')], V);
  });
  it('is silent when both UUIDs match', async () => {
    await silent([...world(), ...secondPhysical(SAME_DEVICE_UUID, SAME_DRIVER_UUID), ...fdExported(), allocate('m', 1024, 0, [importFd(OPAQUE_FD, 7)], 'devX')], V);
  });
});

describe('VUID-VkImportMemoryFdInfoKHR-fd-01746', () => {
  const V = 'VUID-VkImportMemoryFdInfoKHR-fd-01746';
  it('reports an OPAQUE_FD fd from an incompatible physical device', async () => {
    await reports([...world(), ...secondPhysical(OTHER_DEVICE_UUID, OTHER_DRIVER_UUID), ...fdExported(), allocate('m', 1024, 0, [importFd(OPAQUE_FD, 7)], 'devX')], V);
  });
  it('is silent when the importing device is on the same physical device', async () => {
    await silent([...world(), ...secondPhysical(OTHER_DEVICE_UUID, OTHER_DRIVER_UUID), ...fdExported(), allocate('m', 1024, 0, [importFd(OPAQUE_FD, 7)], 'dev1')], V);
  });
});

describe('VUID-VkImportMemoryFdInfoKHR-handleType-09862', () => {
  const V = 'VUID-VkImportMemoryFdInfoKHR-handleType-09862';
  const steps = (features: number) => [
    ...prelude({ bufferAnswers: { [BIT.OPAQUE_FD]: features }, secondDevice: true }),
    ...fdExported(),
    allocate('m', 1024, 0, [importFd(OPAQUE_FD, 7)], 'dev1'),
  ];
  it('reports an fd import of a type the capability query did not call importable', async () => {
    await reports(steps(0x2), V);
  });
  it('is silent when the capability query called it importable', async () => {
    await silent(steps(0x6), V);
  });
});

// ---------------------------------------------------------------------------------------------
// VkImportMemoryHostPointerInfoEXT.

describe('VUID-VkImportMemoryHostPointerInfoEXT-handleType-01748', () => {
  const V = 'VUID-VkImportMemoryHostPointerInfoEXT-handleType-01748';
  it('reports a host-pointer import of OPAQUE_FD', async () => {
    await reports([...world({ hostAlignment: 4096 }), allocate('m', 4096, 0, [importHost(OPAQUE_FD, '0x10000')])], V);
  });
  it('is silent for a host-pointer import of HOST_ALLOCATION', async () => {
    await silent([...world({ hostAlignment: 4096 }), allocate('m', 4096, 0, [importHost(HOST_ALLOCATION, '0x10000')])], V);
  });
});

describe('VUID-VkImportMemoryHostPointerInfoEXT-handleType-01747', () => {
  const V = 'VUID-VkImportMemoryHostPointerInfoEXT-handleType-01747';
  const steps = (answers: Record<number, number>) => [...prelude({ hostAlignment: 4096, bufferAnswers: answers }), allocate('m', 4096, 0, [importHost(HOST_ALLOCATION, '0x10000')])];
  it('reports HOST_ALLOCATION when the capability query did not call it importable', async () => {
    await reports(steps({ [BIT.HOST_ALLOCATION]: 0x2 }), V);
  });
  it('is silent when the capability query called it importable', async () => {
    await silent(steps({ [BIT.HOST_ALLOCATION]: 0x4 }), V);
  });
  it('cannot decide when no capability query was made for the type', async () => {
    await undecided(steps({}), V);
  });
});

describe('VUID-VkImportMemoryHostPointerInfoEXT-pHostPointer-01749', () => {
  const V = 'VUID-VkImportMemoryHostPointerInfoEXT-pHostPointer-01749';
  it('reports a pointer that is not a multiple of minImportedHostPointerAlignment', async () => {
    await reports([...world({ hostAlignment: 4096 }), allocate('m', 4096, 0, [importHost(HOST_ALLOCATION, '0x10010')])], V);
  });
  it('is silent for an aligned pointer', async () => {
    await silent([...world({ hostAlignment: 4096 }), allocate('m', 4096, 0, [importHost(HOST_ALLOCATION, '0x10000')])], V);
  });
});

// ---------------------------------------------------------------------------------------------
// Size and memory type of an import.

describe('VUID-VkMemoryAllocateInfo-allocationSize-01742', () => {
  const V = 'VUID-VkMemoryAllocateInfo-allocationSize-01742';
  it('reports an OPAQUE_FD import whose allocationSize differs from the export', async () => {
    await reports([...world(), ...fdExported(), allocate('m', 2048, 0, [importFd(OPAQUE_FD, 7)], 'dev1')], V);
  });
  it('reports an OPAQUE_FD import whose memoryTypeIndex differs from the export', async () => {
    await reports([...world(), ...fdExported(), allocate('m', 1024, 2, [importFd(OPAQUE_FD, 7)], 'dev1')], V);
  });
  it('is silent when both match the export', async () => {
    await silent([...world(), ...fdExported(), allocate('m', 1024, 0, [importFd(OPAQUE_FD, 7)], 'dev1')], V);
  });
});

describe('VUID-VkMemoryAllocateInfo-allocationSize-01743', () => {
  const V = 'VUID-VkMemoryAllocateInfo-allocationSize-01743';
  it('reports an OPAQUE_WIN32 import whose allocationSize differs from the export', async () => {
    await reports([...world(), ...win32Exported(), allocate('m', 2048, 0, [importWin32(OPAQUE_WIN32, '0x100')], 'dev1')], V);
  });
  it('reports an OPAQUE_WIN32 import whose memoryTypeIndex differs from the export', async () => {
    await reports([...world(), ...win32Exported(), allocate('m', 1024, 1, [importWin32(OPAQUE_WIN32, '0x100')], 'dev1')], V);
  });
  it('reports an OPAQUE_WIN32_KMT import whose allocationSize differs from the export', async () => {
    await reports([...world(), allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32_KMT)]), getWin32('memA', OPAQUE_WIN32_KMT, '0x40000100'), allocate('m', 4096, 0, [importWin32(OPAQUE_WIN32_KMT, '0x40000100')], 'dev1')], V);
  });
  it('is silent when both match the export', async () => {
    await silent([...world(), ...win32Exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100')], 'dev1')], V);
  });
});

describe('VUID-VkMemoryAllocateInfo-allocationSize-00647', () => {
  const V = 'VUID-VkMemoryAllocateInfo-allocationSize-00647';
  it('reports a D3D12_HEAP import whose allocationSize differs from the heap size', async () => {
    await reports([...world(), ...d3d12Heap, allocate('m', 4096, 0, [importWin32(D3D12_HEAP, '0x300')])], V);
  });
  it('is silent when allocationSize equals the heap size', async () => {
    await silent([...world(), ...d3d12Heap, allocate('m', 65536, 0, [importWin32(D3D12_HEAP, '0x300')])], V);
  });
});

describe('VUID-VkMemoryAllocateInfo-memoryTypeIndex-00645', () => {
  const V = 'VUID-VkMemoryAllocateInfo-memoryTypeIndex-00645';
  const pre = () => [...world(), ...d3d11Texture, win32Props(D3D11_TEXTURE, '0x400', 0x2)];
  it('reports a D3D11 texture import with a memory type the properties query did not report', async () => {
    await reports([...pre(), allocate('m', 16384, 0, [importWin32(D3D11_TEXTURE, '0x400')])], V);
  });
  it('is silent (and the import clean) with a memory type the properties query reported', async () => {
    const fs = await lastFindings([...pre(), allocate('m', 16384, 1, [importWin32(D3D11_TEXTURE, '0x400')])]);
    expect(fs.filter((f) => f.severity !== 'info')).toEqual([]);
  });
  it('cannot decide without a properties query for the handle', async () => {
    await undecided([...world(), ...d3d11Texture, allocate('m', 16384, 1, [importWin32(D3D11_TEXTURE, '0x400')])], V);
  });
});

describe('VUID-VkMemoryAllocateInfo-memoryTypeIndex-00648', () => {
  const V = 'VUID-VkMemoryAllocateInfo-memoryTypeIndex-00648';
  it('is silent for an fd exported by Vulkan (the rule covers fds made outside Vulkan only)', async () => {
    await silent([...world(), ...fdExported(), allocate('m', 1024, 0, [importFd(OPAQUE_FD, 7)], 'dev1')], V);
  });
  // A DMA-BUF heap allocation (DmaHeapAlloc) is an fd made outside Vulkan.
  const dmaBuf = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT';
  const outside = (typeIndex: number) => [
    ...world(),
    os('DmaHeapAlloc', { size: 65536, fd: 9 }),
    vk('vkGetMemoryFdPropertiesKHR', { device: 'dev0', handleType: dmaBuf, fd: 9, pMemoryFdProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_FD_PROPERTIES_KHR', pNext: null, memoryTypeBits: 2 } }),
    allocate('m', 65536, typeIndex, [importFd(dmaBuf, 9)]),
  ];
  it('reports an fd made outside Vulkan imported with a memory type vkGetMemoryFdPropertiesKHR did not report', async () => {
    expect((await run(outside(0))).at(-1)!.filter((f) => f.severity === 'error').map((f) => f.vuid)).toContain(V);
  });
  it('is silent when the memory type is one the fd properties reported', async () => {
    await silent(outside(1), V);
  });
});

describe('VUID-VkMemoryAllocateInfo-memoryTypeIndex-01744', () => {
  const V = 'VUID-VkMemoryAllocateInfo-memoryTypeIndex-01744';
  const pre = () => [...world({ hostAlignment: 4096 }), hostProps('0x10000', 0x2)];
  it('reports a host-pointer import with a memory type the properties query did not report', async () => {
    await reports([...pre(), allocate('m', 4096, 0, [importHost(HOST_ALLOCATION, '0x10000')])], V);
  });
  it('is silent with a memory type the properties query reported', async () => {
    await silent([...pre(), allocate('m', 4096, 1, [importHost(HOST_ALLOCATION, '0x10000')])], V);
  });
  it('cannot decide without a properties query for the pointer', async () => {
    await undecided([...world({ hostAlignment: 4096 }), allocate('m', 4096, 1, [importHost(HOST_ALLOCATION, '0x10000')])], V);
  });
});

describe('VUID-VkMemoryAllocateInfo-allocationSize-01745', () => {
  const V = 'VUID-VkMemoryAllocateInfo-allocationSize-01745';
  it('reports a host-pointer import whose size is not a multiple of minImportedHostPointerAlignment', async () => {
    await reports([...world({ hostAlignment: 4096 }), allocate('m', 1000, 0, [importHost(HOST_ALLOCATION, '0x10000')])], V);
  });
  it('is silent for a multiple of the alignment', async () => {
    await silent([...world({ hostAlignment: 4096 }), allocate('m', 8192, 0, [importHost(HOST_ALLOCATION, '0x10000')])], V);
  });
});

// ---------------------------------------------------------------------------------------------
// Device groups.

describe('VUID-VkMemoryAllocateInfo-None-00643', () => {
  const V = 'VUID-VkMemoryAllocateInfo-None-00643';
  const exported = () => [...world(), ...win32Exported([deviceMask(1)])];
  it('reports an import whose device mask differs from the exporting allocation', async () => {
    await reports([...exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100'), deviceMask(3)], 'dev1')], V);
  });
  it('is silent when the device masks match', async () => {
    await silent([...exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100'), deviceMask(1)], 'dev1')], V);
  });
});

describe('VUID-VkMemoryAllocateInfo-None-00644', () => {
  const V = 'VUID-VkMemoryAllocateInfo-None-00644';
  const groupDevice = vk('vkCreateDevice', {
    physicalDevice: 'pd',
    pCreateInfo: {
      sType: 'VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO',
      pNext: { sType: 'VK_STRUCTURE_TYPE_DEVICE_GROUP_DEVICE_CREATE_INFO', pNext: null, physicalDeviceCount: 2, pPhysicalDevices: ['pd', 'pd'] },
      flags: 0, queueCreateInfoCount: 0, enabledExtensionCount: 1, ppEnabledExtensionNames: ['VK_KHR_external_memory_win32'],
    },
    pAllocator: null, pDevice: 'devG',
  });
  const exportedFromGroup = () => [...world(), groupDevice, allocate('memG', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)], 'devG'), getWin32('memG', OPAQUE_WIN32, '0x500', 'devG')];
  it('reports an import on a single device of a payload made by a two-device group', async () => {
    await reports([...exportedFromGroup(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x500')], 'dev0')], V);
  });
  it('is silent when both devices span the same number of physical devices', async () => {
    await silent([...world(), ...win32Exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100')], 'dev1')], V);
  });
});

// ---------------------------------------------------------------------------------------------
// Opaque capture addresses and host-pointer imports.

describe('VUID-VkMemoryAllocateInfo-opaqueCaptureAddress-03333', () => {
  const V = 'VUID-VkMemoryAllocateInfo-opaqueCaptureAddress-03333';
  it('reports an import with a non-zero opaqueCaptureAddress', async () => {
    await reports([...world(), ...win32Exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100'), captureAddress(0x1000)], 'dev1')], V);
  });
  it('is silent for an import with opaqueCaptureAddress 0', async () => {
    await silent([...world(), ...win32Exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100'), captureAddress(0)], 'dev1')], V);
  });
  it('is silent for a plain allocation with a non-zero opaqueCaptureAddress', async () => {
    await silent([...world(), allocate('m', 1024, 0, [captureAddress(0x1000)])], V);
  });
});

describe('VUID-VkMemoryAllocateInfo-pNext-02805', () => {
  const V = 'VUID-VkMemoryAllocateInfo-pNext-02805';
  const pre = () => [...world({ hostAlignment: 4096 }), ...buffer('buf', { size: 4096, nvDedicated: true })];
  it('reports a host-pointer import that is an NV dedicated allocation of a buffer', async () => {
    await reports([...pre(), allocate('m', 4096, 0, [importHost(HOST_ALLOCATION, '0x10000'), nvDedicatedInfo({ buffer: 'buf' })])], V);
  });
  it('is silent for the host-pointer import without the NV dedicated structure', async () => {
    await silent([...pre(), allocate('m', 4096, 0, [importHost(HOST_ALLOCATION, '0x10000')])], V);
  });
  it('is silent for the NV dedicated allocation without a host-pointer import', async () => {
    await silent([...pre(), allocate('m', 4096, 0, [nvDedicatedInfo({ buffer: 'buf' })])], V);
  });
});

describe('VUID-VkMemoryAllocateInfo-pNext-02806', () => {
  const V = 'VUID-VkMemoryAllocateInfo-pNext-02806';
  const pre = () => [...world({ hostAlignment: 4096 }), ...buffer('buf', { size: 4096 })];
  it('reports a host-pointer import that is a dedicated allocation of a buffer', async () => {
    await reports([...pre(), allocate('m', 4096, 0, [importHost(HOST_ALLOCATION, '0x10000'), dedicatedInfo({ buffer: 'buf' })])], V);
  });
  it('is silent for the host-pointer import without the dedicated structure', async () => {
    await silent([...pre(), allocate('m', 4096, 0, [importHost(HOST_ALLOCATION, '0x10000')])], V);
  });
  it('is silent for a host-pointer import whose dedicated structure names nothing', async () => {
    await silent([...pre(), allocate('m', 4096, 0, [importHost(HOST_ALLOCATION, '0x10000'), dedicatedInfo({})])], V);
  });
});

describe('VUID-VkMemoryAllocateInfo-pNext-03332', () => {
  const V = 'VUID-VkMemoryAllocateInfo-pNext-03332';
  it('reports a host-pointer import with a non-zero opaqueCaptureAddress', async () => {
    await reports([...world({ hostAlignment: 4096 }), allocate('m', 4096, 0, [importHost(HOST_ALLOCATION, '0x10000'), captureAddress(0x2000)])], V);
  });
  it('is silent for a host-pointer import with opaqueCaptureAddress 0', async () => {
    await silent([...world({ hostAlignment: 4096 }), allocate('m', 4096, 0, [importHost(HOST_ALLOCATION, '0x10000'), captureAddress(0)])], V);
  });
  it('is silent for a Win32 import with a non-zero opaqueCaptureAddress (that is 03333)', async () => {
    await silent([...world(), ...win32Exported(), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100'), captureAddress(0x2000)], 'dev1')], V);
  });
});
