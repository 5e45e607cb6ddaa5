// Exporting handles, handle property queries and keyed mutexes (assembly/rules/export.ts,
// assembly/rules/properties.ts, assembly/rules/keyed-mutex.ts).
import { expect } from 'vitest';
import { ruleTests } from '../helpers/rule-tests.js';
import {
  prelude, allocate, exportInfo, importWin32, getWin32, getFd, vk, os, run, lastErrors, allErrors, BIT,
  OPAQUE_FD, OPAQUE_WIN32, OPAQUE_WIN32_KMT, D3D11_TEXTURE, HOST_ALLOCATION, type Step,
} from '../helpers/world.js';

// Each case is named by its query id (rules/export/<group>:NN), which npx vitest run -t selects.
const { describe, it } = ruleTests('export');

const DMA_BUF = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT';
const DMA_BUF_BIT = 0x200;
const ANSWERS = { bufferAnswers: { [BIT.OPAQUE_WIN32]: 6, [BIT.OPAQUE_WIN32_KMT]: 6, [BIT.OPAQUE_FD]: 6, [DMA_BUF_BIT]: 6 } };

/** A memory object exportable as `types`. */
const exportable = (id: string, types: number): Step[] => [allocate(id, 1024, 0, [exportInfo(types)])];

describe('VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00662', () => {
  const V = 'VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00662';
  it('exporting OPAQUE_WIN32_KMT from memory allocated for OPAQUE_WIN32 export reports 00662', async () => {
    expect(await lastErrors([...prelude(ANSWERS), ...exportable('mem', BIT.OPAQUE_WIN32), getWin32('mem', OPAQUE_WIN32_KMT, '0x100')])).toContain(V);
  });
  it('exporting OPAQUE_WIN32 from memory allocated without any export info reports 00662', async () => {
    expect(await lastErrors([...prelude(ANSWERS), allocate('mem', 1024, 0), getWin32('mem', OPAQUE_WIN32, '0x100')])).toContain(V);
  });
  it('exporting OPAQUE_WIN32 from memory allocated for OPAQUE_WIN32 export is valid', async () => {
    expect(await lastErrors([...prelude(ANSWERS), ...exportable('mem', BIT.OPAQUE_WIN32), getWin32('mem', OPAQUE_WIN32, '0x100')])).not.toContain(V);
  });
});

describe('VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663', () => {
  const V = 'VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663';
  it('a second OPAQUE_WIN32 (NT) export of the same memory reports 00663', async () => {
    const steps = [...prelude(ANSWERS), ...exportable('mem', BIT.OPAQUE_WIN32), getWin32('mem', OPAQUE_WIN32, '0x100'), getWin32('mem', OPAQUE_WIN32, '0x104')];
    expect(await lastErrors(steps)).toContain(V);
  });
  it('the first OPAQUE_WIN32 export does not report 00663', async () => {
    const steps = [...prelude(ANSWERS), ...exportable('mem', BIT.OPAQUE_WIN32), getWin32('mem', OPAQUE_WIN32, '0x100')];
    expect(await lastErrors(steps)).not.toContain(V);
  });
  it('exporting OPAQUE_WIN32_KMT (global share) twice is valid', async () => {
    const steps = [...prelude(ANSWERS), ...exportable('mem', BIT.OPAQUE_WIN32_KMT), getWin32('mem', OPAQUE_WIN32_KMT, '0x100'), getWin32('mem', OPAQUE_WIN32_KMT, '0x100')];
    expect(await allErrors(steps)).not.toContain(V);
  });
  it('one OPAQUE_WIN32 export from each of two memory objects is valid', async () => {
    const steps = [...prelude(ANSWERS), ...exportable('memA', BIT.OPAQUE_WIN32), ...exportable('memB', BIT.OPAQUE_WIN32),
      getWin32('memA', OPAQUE_WIN32, '0x100'), getWin32('memB', OPAQUE_WIN32, '0x104')];
    expect(await allErrors(steps)).not.toContain(V);
  });
});

describe('VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00664', () => {
  const V = 'VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00664';
  it('vkGetMemoryWin32HandleKHR with handleType OPAQUE_FD reports 00664', async () => {
    expect(await lastErrors([...prelude(ANSWERS), ...exportable('mem', BIT.OPAQUE_FD), getWin32('mem', OPAQUE_FD, '0x100')])).toContain(V);
  });
  it('vkGetMemoryWin32HandleKHR with handleType HOST_ALLOCATION reports 00664', async () => {
    expect(await lastErrors([...prelude(ANSWERS), ...exportable('mem', BIT.OPAQUE_WIN32), getWin32('mem', HOST_ALLOCATION, '0x100')])).toContain(V);
  });
  it('vkGetMemoryWin32HandleKHR with handleType OPAQUE_WIN32_KMT is valid', async () => {
    expect(await lastErrors([...prelude(ANSWERS), ...exportable('mem', BIT.OPAQUE_WIN32_KMT), getWin32('mem', OPAQUE_WIN32_KMT, '0x100')])).not.toContain(V);
  });
});

describe('VUID-vkGetMemoryWin32HandleNV-handleType-01326', () => {
  const V = 'VUID-vkGetMemoryWin32HandleNV-handleType-01326';
  const exportNV = (handleTypes: number) => allocate('mem', 1024, 0, [{ sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO_NV', handleTypes }]);
  const getNV = (handleType: number) => vk('vkGetMemoryWin32HandleNV', { device: 'dev0', memory: 'mem', handleType, pHandle: '0x200' });
  it('asking for OPAQUE_WIN32_KMT_NV from memory exported as OPAQUE_WIN32_NV reports 01326', async () => {
    expect(await lastErrors([...prelude(), exportNV(1), getNV(2)])).toContain(V);
  });
  it('asking for OPAQUE_WIN32_NV from memory allocated without VkExportMemoryAllocateInfoNV reports 01326', async () => {
    expect(await lastErrors([...prelude(), allocate('mem', 1024, 0), getNV(1)])).toContain(V);
  });
  it('asking for OPAQUE_WIN32_NV from memory exported as OPAQUE_WIN32_NV is valid', async () => {
    expect(await lastErrors([...prelude(), exportNV(1), getNV(1)])).not.toContain(V);
  });
});

describe('VUID-VkMemoryGetFdInfoKHR-handleType-00671', () => {
  const V = 'VUID-VkMemoryGetFdInfoKHR-handleType-00671';
  it('exporting OPAQUE_FD from memory allocated for DMA_BUF export reports 00671', async () => {
    expect(await lastErrors([...prelude(ANSWERS), ...exportable('mem', DMA_BUF_BIT), getFd('mem', OPAQUE_FD, 7)])).toContain(V);
  });
  it('exporting OPAQUE_FD from memory allocated without export info reports 00671', async () => {
    expect(await lastErrors([...prelude(ANSWERS), allocate('mem', 1024, 0), getFd('mem', OPAQUE_FD, 7)])).toContain(V);
  });
  it('exporting OPAQUE_FD from memory allocated for OPAQUE_FD export is valid', async () => {
    expect(await lastErrors([...prelude(ANSWERS), ...exportable('mem', BIT.OPAQUE_FD), getFd('mem', OPAQUE_FD, 7)])).not.toContain(V);
  });
});

describe('VUID-VkMemoryGetFdInfoKHR-handleType-00672', () => {
  const V = 'VUID-VkMemoryGetFdInfoKHR-handleType-00672';
  it('vkGetMemoryFdKHR with handleType OPAQUE_WIN32 reports 00672', async () => {
    expect(await lastErrors([...prelude(ANSWERS), ...exportable('mem', BIT.OPAQUE_WIN32), getFd('mem', OPAQUE_WIN32, 7)])).toContain(V);
  });
  it('vkGetMemoryFdKHR with handleType OPAQUE_FD is valid', async () => {
    expect(await lastErrors([...prelude(ANSWERS), ...exportable('mem', BIT.OPAQUE_FD), getFd('mem', OPAQUE_FD, 7)])).not.toContain(V);
  });
  it('vkGetMemoryFdKHR with handleType DMA_BUF is valid', async () => {
    expect(await lastErrors([...prelude(ANSWERS), ...exportable('mem', DMA_BUF_BIT), getFd('mem', DMA_BUF, 7)])).not.toContain(V);
  });
});

const win32Props = (handleType: string, handle: string | number) => vk('vkGetMemoryWin32HandlePropertiesKHR', {
  device: 'dev0', handleType, handle, pMemoryWin32HandleProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_WIN32_HANDLE_PROPERTIES_KHR', pNext: null, memoryTypeBits: 1 },
});
/** A D3D11 texture shared through an NT handle `handle` (what D3D11_TEXTURE imports take). */
const d3d11Texture = (handle: string, miscFlags = 0x802): Step[] => [
  os('D3D11CreateTexture2D', { adapterLUID: '3-3-3-3-3-3-3-3', width: 64, height: 64, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags, size: 16384, ppTexture2D: 'tex0' }),
  os('IDXGIResource1_CreateSharedHandle', { resource: 'tex0', pAttributes: null, dwAccess: 2147483649, lpName: null, pHandle: handle }),
];

describe('VUID-vkGetMemoryWin32HandlePropertiesKHR-handle-00665', () => {
  const V = 'VUID-vkGetMemoryWin32HandlePropertiesKHR-handle-00665';
  it('a NULL handle reports 00665', async () => {
    expect(await lastErrors([...prelude(), win32Props(D3D11_TEXTURE, 0)])).toContain(V);
  });
  it('the NT handle of a shared D3D11 texture is valid (neither an error nor undecidable)', async () => {
    const all = await run([...prelude(), ...d3d11Texture('0x3c4'), win32Props(D3D11_TEXTURE, '0x3c4')]);
    expect(all[all.length - 1].map((f) => f.vuid)).not.toContain(V);
  });
  it('a handle the input never showed is undecidable, not an error', async () => {
    const all = await run([...prelude(), win32Props(D3D11_TEXTURE, '0x3c4')]);
    const last = all[all.length - 1].filter((f) => f.vuid === V);
    expect(last.map((f) => f.severity)).toEqual(['undecidable']);
  });
});

describe('VUID-vkGetMemoryWin32HandlePropertiesKHR-handleType-00666', () => {
  const V = 'VUID-vkGetMemoryWin32HandlePropertiesKHR-handleType-00666';
  it('asking for the properties of an OPAQUE_WIN32 handle reports 00666', async () => {
    const steps = [...prelude(ANSWERS), ...exportable('mem', BIT.OPAQUE_WIN32), getWin32('mem', OPAQUE_WIN32, '0x100'), win32Props(OPAQUE_WIN32, '0x100')];
    expect(await lastErrors(steps)).toContain(V);
  });
  it('asking for the properties of an OPAQUE_WIN32_KMT handle reports 00666', async () => {
    const steps = [...prelude(ANSWERS), ...exportable('mem', BIT.OPAQUE_WIN32_KMT), getWin32('mem', OPAQUE_WIN32_KMT, '0x100'), win32Props(OPAQUE_WIN32_KMT, '0x100')];
    expect(await lastErrors(steps)).toContain(V);
  });
  it('asking for the properties of a D3D11_TEXTURE handle is valid', async () => {
    expect(await lastErrors([...prelude(), ...d3d11Texture('0x3c4'), win32Props(D3D11_TEXTURE, '0x3c4')])).not.toContain(V);
  });
});

const fdProps = (handleType: string, fd: number) => vk('vkGetMemoryFdPropertiesKHR', {
  device: 'dev0', handleType, fd, pMemoryFdProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_FD_PROPERTIES_KHR', pNext: null, memoryTypeBits: 1 },
});

describe('VUID-vkGetMemoryFdPropertiesKHR-fd-00673', () => {
  const V = 'VUID-vkGetMemoryFdPropertiesKHR-fd-00673';
  it('fd -1 reports 00673', async () => {
    expect(await lastErrors([...prelude(), fdProps(DMA_BUF, -1)])).toContain(V);
  });
  it('a DMA_BUF fd exported earlier in this process is valid (neither an error nor undecidable)', async () => {
    const all = await run([...prelude(ANSWERS), ...exportable('mem', DMA_BUF_BIT), getFd('mem', DMA_BUF, 7), fdProps(DMA_BUF, 7)]);
    expect(all[all.length - 1].map((f) => f.vuid)).not.toContain(V);
  });
  it('an fd the input never showed is undecidable, not an error', async () => {
    const all = await run([...prelude(), fdProps(DMA_BUF, 9)]);
    expect(all[all.length - 1].filter((f) => f.vuid === V).map((f) => f.severity)).toEqual(['undecidable']);
  });
});

describe('VUID-vkGetMemoryFdPropertiesKHR-handleType-00674', () => {
  const V = 'VUID-vkGetMemoryFdPropertiesKHR-handleType-00674';
  it('asking for the properties of an OPAQUE_FD fd reports 00674', async () => {
    const steps = [...prelude(ANSWERS), ...exportable('mem', BIT.OPAQUE_FD), getFd('mem', OPAQUE_FD, 7), fdProps(OPAQUE_FD, 7)];
    expect(await lastErrors(steps)).toContain(V);
  });
  it('asking for the properties of a DMA_BUF fd is valid', async () => {
    const steps = [...prelude(ANSWERS), ...exportable('mem', DMA_BUF_BIT), getFd('mem', DMA_BUF, 7), fdProps(DMA_BUF, 7)];
    expect(await lastErrors(steps)).not.toContain(V);
  });
});

const hostProps = (handleType: string, pHostPointer: string) => vk('vkGetMemoryHostPointerPropertiesEXT', {
  device: 'dev0', handleType, pHostPointer, pMemoryHostPointerProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_HOST_POINTER_PROPERTIES_EXT', pNext: null, memoryTypeBits: 3 },
});

describe('VUID-vkGetMemoryHostPointerPropertiesEXT-handleType-01752', () => {
  const V = 'VUID-vkGetMemoryHostPointerPropertiesEXT-handleType-01752';
  it('handleType OPAQUE_FD reports 01752', async () => {
    expect(await lastErrors([...prelude({ hostAlignment: 4096 }), hostProps(OPAQUE_FD, '0x10000')])).toContain(V);
  });
  it('handleType HOST_ALLOCATION is valid', async () => {
    expect(await lastErrors([...prelude({ hostAlignment: 4096 }), hostProps(HOST_ALLOCATION, '0x10000')])).not.toContain(V);
  });
  it('handleType HOST_MAPPED_FOREIGN_MEMORY is valid', async () => {
    expect(await lastErrors([...prelude({ hostAlignment: 4096 }), hostProps('VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_MAPPED_FOREIGN_MEMORY_BIT_EXT', '0x10000')])).not.toContain(V);
  });
});

describe('VUID-vkGetMemoryHostPointerPropertiesEXT-pHostPointer-01753', () => {
  const V = 'VUID-vkGetMemoryHostPointerPropertiesEXT-pHostPointer-01753';
  it('a pointer 16 bytes past a 4096-byte boundary reports 01753', async () => {
    expect(await lastErrors([...prelude({ hostAlignment: 4096 }), hostProps(HOST_ALLOCATION, '0x10010')])).toContain(V);
  });
  it('a 4096-aligned pointer is valid', async () => {
    expect(await lastErrors([...prelude({ hostAlignment: 4096 }), hostProps(HOST_ALLOCATION, '0x10000')])).not.toContain(V);
  });
  it('without a known minImportedHostPointerAlignment, 01753 is undecidable, not an error', async () => {
    const all = await run([...prelude(), hostProps(HOST_ALLOCATION, '0x10010')]);
    expect(all[all.length - 1].filter((f) => f.vuid === V).map((f) => f.severity)).toEqual(['undecidable']);
  });
});

describe('VUID-VkWin32KeyedMutexAcquireReleaseInfoKHR-pAcquireSyncs-00081', () => {
  const V = 'VUID-VkWin32KeyedMutexAcquireReleaseInfoKHR-pAcquireSyncs-00081';
  const submit = (o: { acquire?: string; release?: string }): Step[] => [
    vk('vkGetDeviceQueue', { device: 'dev0', queueFamilyIndex: 0, queueIndex: 0, pQueue: 'q0' }, undefined),
    vk('vkQueueSubmit', {
      queue: 'q0', submitCount: 1, fence: 'VK_NULL_HANDLE',
      pSubmits: [{
        sType: 'VK_STRUCTURE_TYPE_SUBMIT_INFO',
        pNext: {
          sType: 'VK_STRUCTURE_TYPE_WIN32_KEYED_MUTEX_ACQUIRE_RELEASE_INFO_KHR', pNext: null,
          acquireCount: o.acquire ? 1 : 0, pAcquireSyncs: o.acquire ? [o.acquire] : null, pAcquireKeys: o.acquire ? [0] : null, pAcquireTimeouts: o.acquire ? [100] : null,
          releaseCount: o.release ? 1 : 0, pReleaseSyncs: o.release ? [o.release] : null, pReleaseKeys: o.release ? [1] : null,
        },
        waitSemaphoreCount: 0, pWaitSemaphores: null, pWaitDstStageMask: null, commandBufferCount: 0, pCommandBuffers: null, signalSemaphoreCount: 0, pSignalSemaphores: null,
      }],
    }),
  ];
  /** memB: imported from an OPAQUE_WIN32 handle of memA. */
  const opaqueImport = (): Step[] => [...exportable('memA', BIT.OPAQUE_WIN32), getWin32('memA', OPAQUE_WIN32, '0x100'), allocate('memB', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100')])];
  /** memB: imported from a keyed-mutex D3D11 texture's NT handle. */
  const d3d11Import = (): Step[] => [...d3d11Texture('0x3c4', 0x900), allocate('memB', 16384, 0, [importWin32(D3D11_TEXTURE, '0x3c4')])];

  it('acquiring and releasing the keyed mutex of memory imported as OPAQUE_WIN32 reports 00081', async () => {
    expect(await lastErrors([...prelude(ANSWERS), ...opaqueImport(), ...submit({ acquire: 'memB', release: 'memB' })])).toContain(V);
  });
  it('only releasing the keyed mutex of memory imported as OPAQUE_WIN32 reports 00081', async () => {
    expect(await lastErrors([...prelude(ANSWERS), ...opaqueImport(), ...submit({ release: 'memB' })])).toContain(V);
  });
  it('acquiring the keyed mutex of memory that was not imported at all reports 00081', async () => {
    expect(await lastErrors([...prelude(), allocate('memB', 1024, 0), ...submit({ acquire: 'memB' })])).toContain(V);
  });
  it('acquiring and releasing the keyed mutex of memory imported as D3D11_TEXTURE is valid', async () => {
    expect(await lastErrors([...prelude(), ...d3d11Import(), ...submit({ acquire: 'memB', release: 'memB' })])).not.toContain(V);
  });
});
