// The core reads each record's structure once (assembly/core/chain-index.ts) and every rule finds
// chained structures and array elements there: in chain order, with how many times a structure
// appears, under nested structures and array elements alike, and never what an earlier record held.
import { expect } from 'vitest';
import { ruleTests } from '../helpers/rule-tests.js';
import type { Finding } from '../../src/index.js';
import {
  prelude, buffer, allocate, exportInfo, dedicatedInfo, importWin32, importFd, getWin32, getFd, vk, run, lastErrors, BIT,
  OPAQUE_FD, OPAQUE_WIN32, type Step,
} from '../helpers/world.js';

const ST = (s: string) => `VK_STRUCTURE_TYPE_${s}`;
const ONE_IMPORT = 'VUID-VkMemoryAllocateInfo-None-06657';
const UNIQUE = 'VUID-VkMemoryAllocateInfo-sType-unique';
const W32_TYPE = 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00660';


const { describe, it } = ruleTests('chain-index');
/** OPAQUE_WIN32 and OPAQUE_FD answered exportable and importable for buffers. */
const world = () => prelude({ bufferAnswers: { [BIT.OPAQUE_WIN32]: 6, [BIT.OPAQUE_FD]: 6 } });
/** "memA" exported as Win32 handle 0x100 and "memF" as fd 7. */
const exported: Step[] = [
  allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)]), getWin32('memA', OPAQUE_WIN32, '0x100'),
  allocate('memF', 1024, 0, [exportInfo(BIT.OPAQUE_FD)]), getFd('memF', OPAQUE_FD, 7),
];
const deviceMask = { sType: ST('MEMORY_ALLOCATE_FLAGS_INFO'), flags: 0, deviceMask: 0 };
/** A structure VkMemoryAllocateInfo may chain that the model does not know (it keeps only its sType). */
const priority = { sType: ST('MEMORY_PRIORITY_ALLOCATE_INFO_EXT'), priority: 0.5 };

async function lastFindings(steps: Step[]): Promise<Finding[]> {
  const all = await run(steps);
  return all[all.length - 1];
}
const about = (found: Finding[], vuid: string) => found.filter((f) => f.vuid === vuid);

describe('a chain holding the same structure more than once', () => {
  it('two fd imports are two import operations (06657) and a repeated structure', async () => {
    const found = await lastFindings([...world(), ...exported, allocate('m', 1024, 0, [importFd(OPAQUE_FD, 7), importFd(OPAQUE_FD, 7)])]);
    expect(about(found, ONE_IMPORT).map((f) => f.message)).toEqual([expect.stringContaining('defines 2 import operations')]);
    expect(about(found, UNIQUE).map((f) => f.message)).toEqual([expect.stringContaining('appears 2 times')]);
  });
  it('two Win32 imports are two import operations (06657) and a repeated structure', async () => {
    const found = await lastFindings([...world(), ...exported, allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100'), importWin32(OPAQUE_WIN32, '0x100')])]);
    expect(about(found, ONE_IMPORT).map((f) => f.severity)).toEqual(['error']);
    expect(about(found, UNIQUE).map((f) => f.path)).toEqual(['pAllocateInfo.pNext[VkImportMemoryWin32HandleInfoKHR]']);
  });
  it('a repeated import structure whose copies leave handleType 0 defines no import operation', async () => {
    const found = await lastFindings([...world(), ...exported, allocate('m', 1024, 0, [importFd(OPAQUE_FD, 7), importWin32(0 as unknown as string, '0x100'), importWin32(0 as unknown as string, '0x100')])]);
    expect(about(found, ONE_IMPORT)).toEqual([]);
    expect(about(found, UNIQUE)).toHaveLength(1);
  });
  it('the rules judge the first copy in chain order', async () => {
    // OPAQUE_FD is no Win32 handle type: 00660 when that copy comes first, not when it comes second.
    const wrongFirst = allocate('m', 1024, 0, [importWin32(OPAQUE_FD, '0x100'), importWin32(OPAQUE_WIN32, '0x100')]);
    const rightFirst = allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100'), importWin32(OPAQUE_FD, '0x100')]);
    expect(await lastErrors([...world(), ...exported, wrongFirst])).toContain(W32_TYPE);
    expect(await lastErrors([...world(), ...exported, rightFirst])).not.toContain(W32_TYPE);
  });
  it('three copies are counted as three, the finding named once', async () => {
    const found = await lastFindings([...world(), allocate('m', 1024, 0, [deviceMask, exportInfo(BIT.OPAQUE_WIN32), deviceMask, deviceMask])]);
    expect(about(found, UNIQUE).map((f) => f.message)).toEqual([expect.stringContaining('appears 3 times')]);
  });
});

describe('a long chain', () => {
  // 256 structures, the longest chain an input may hold: 254 copies of one structure, one the model
  // does not know, and the import last.
  const long = (last: Record<string, unknown>) => [...Array(254).fill(deviceMask), priority, last];
  it('finds the import at the end of the chain and counts every copy', async () => {
    const found = await lastFindings([...world(), ...exported, allocate('m', 1024, 0, long(importWin32(OPAQUE_FD, '0x100')))]);
    expect(about(found, W32_TYPE).map((f) => f.path)).toEqual(['pAllocateInfo.pNext[VkImportMemoryWin32HandleInfoKHR].handleType']);
    expect(about(found, UNIQUE).map((f) => f.message)).toEqual([expect.stringContaining('appears 254 times')]);
    expect(about(found, 'VUID-VkMemoryAllocateInfo-pNext-pNext')).toEqual([]);
  });
  it('counts an import at either end of it', async () => {
    const steps = [...world(), ...exported, allocate('m', 1024, 0, [importFd(OPAQUE_FD, 7), ...long(importWin32(OPAQUE_WIN32, '0x100')).slice(1)])];
    expect(await lastErrors(steps)).toContain(ONE_IMPORT);
  });
});

describe('structures chained under array elements and nested structures', () => {
  const bufferInfo = (b: string, memory: string, pNext: unknown = null) => ({ sType: ST('BIND_BUFFER_MEMORY_INFO'), pNext, buffer: b, memory, memoryOffset: 0 });
  const deviceGroup = (next: unknown = null) => ({ sType: ST('BIND_BUFFER_MEMORY_DEVICE_GROUP_INFO'), pNext: next, deviceIndexCount: 0, pDeviceIndices: null });
  const bindWorld = [...world(), ...buffer('b0'), ...buffer('b1'), ...buffer('b2'), allocate('m0', 1024, 0), allocate('mD', 1024, 0, [dedicatedInfo({ buffer: 'b0' })])];
  it('vkBindBufferMemory2: each pBindInfos[i] is judged with its own chain and members', async () => {
    const bind = vk('vkBindBufferMemory2', {
      device: 'dev0', bindInfoCount: 3,
      pBindInfos: [
        bufferInfo('b0', 'mD'),
        bufferInfo('b1', 'm0', { ...exportInfo(BIT.OPAQUE_WIN32), pNext: null }),
        bufferInfo('b2', 'mD', deviceGroup(deviceGroup())),
      ],
    });
    const found = (await lastFindings([...bindWorld, bind])).map((f) => `${f.vuid} ${f.path}`);
    expect(found.sort()).toEqual([
      'VUID-VkBindBufferMemoryInfo-memory-01508 pBindInfos[2].memory',
      'VUID-VkBindBufferMemoryInfo-pNext-pNext pBindInfos[1].pNext[VkExportMemoryAllocateInfo]',
      'VUID-VkBindBufferMemoryInfo-sType-unique pBindInfos[2].pNext[VkBindBufferMemoryDeviceGroupInfo]',
    ]);
  });
  it('vkQueueSubmit: the keyed mutex of pSubmits[1] is found, and its arrays under it', async () => {
    const submitInfo = (pNext: unknown) => ({ sType: ST('SUBMIT_INFO'), pNext, waitSemaphoreCount: 0, pWaitSemaphores: null, pWaitDstStageMask: null, commandBufferCount: 0, pCommandBuffers: null, signalSemaphoreCount: 0, pSignalSemaphores: null });
    const keyed = {
      sType: ST('WIN32_KEYED_MUTEX_ACQUIRE_RELEASE_INFO_KHR'), pNext: null,
      acquireCount: 2, pAcquireSyncs: ['m0', 'm1'], pAcquireKeys: [0, 0], pAcquireTimeouts: [100, 100],
      releaseCount: 0, pReleaseSyncs: null, pReleaseKeys: null,
    };
    const steps = [...world(), allocate('m0', 1024, 0), allocate('m1', 1024, 0),
      vk('vkGetDeviceQueue', { device: 'dev0', queueFamilyIndex: 0, queueIndex: 0, pQueue: 'q0' }, undefined),
      vk('vkQueueSubmit', { queue: 'q0', submitCount: 2, fence: 'VK_NULL_HANDLE', pSubmits: [submitInfo(null), submitInfo(keyed)] })];
    const found = about(await lastFindings(steps), 'VUID-VkWin32KeyedMutexAcquireReleaseInfoKHR-pAcquireSyncs-00081');
    expect(found.map((f) => f.path)).toEqual(Array(2).fill('pSubmits[1].pNext[VkWin32KeyedMutexAcquireReleaseInfoKHR].pAcquireSyncs'));
    expect(found.map((f) => f.message)).toEqual([expect.stringContaining('memory m0'), expect.stringContaining('memory m1')]);
  });
  it('vkQueueSubmit with 300 chained submits (more chains than the index keeps rows for): the last one is found', async () => {
    const submitInfo = (syncs: string[]) => ({
      sType: ST('SUBMIT_INFO'), waitSemaphoreCount: 0, pWaitSemaphores: null, pWaitDstStageMask: null, commandBufferCount: 0, pCommandBuffers: null, signalSemaphoreCount: 0, pSignalSemaphores: null,
      pNext: {
        sType: ST('WIN32_KEYED_MUTEX_ACQUIRE_RELEASE_INFO_KHR'), pNext: null,
        acquireCount: syncs.length, pAcquireSyncs: syncs.length ? syncs : null, pAcquireKeys: syncs.length ? [0] : null, pAcquireTimeouts: syncs.length ? [100] : null,
        releaseCount: 0, pReleaseSyncs: null, pReleaseKeys: null,
      },
    });
    const submits = [...Array(299).fill(submitInfo([])), submitInfo(['m0'])];
    const steps = [...world(), allocate('m0', 1024, 0),
      vk('vkGetDeviceQueue', { device: 'dev0', queueFamilyIndex: 0, queueIndex: 0, pQueue: 'q0' }, undefined),
      vk('vkQueueSubmit', { queue: 'q0', submitCount: submits.length, fence: 'VK_NULL_HANDLE', pSubmits: submits })];
    const found = await lastFindings(steps);
    expect(found.map((f) => `${f.vuid} ${f.path}`)).toEqual(['VUID-VkWin32KeyedMutexAcquireReleaseInfoKHR-pAcquireSyncs-00081 pSubmits[299].pNext[VkWin32KeyedMutexAcquireReleaseInfoKHR].pAcquireSyncs']);
  });
  it('a structure is looked for in the chain of the structure that holds it, not a sibling\'s', async () => {
    const external = { sType: ST('EXTERNAL_IMAGE_FORMAT_PROPERTIES'), pNext: null, externalMemoryProperties: { externalMemoryFeatures: 6, exportFromImportedHandleTypes: 2, compatibleHandleTypes: 2 } };
    const query = vk('vkGetPhysicalDeviceImageFormatProperties2', {
      physicalDevice: 'pd',
      pImageFormatInfo: { sType: ST('PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2'), pNext: { sType: ST('PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO'), pNext: external, handleType: BIT.OPAQUE_WIN32 }, format: 'VK_FORMAT_R8G8B8A8_UNORM', type: 'VK_IMAGE_TYPE_2D', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage: 7, flags: 0 },
      pImageFormatProperties: { sType: ST('IMAGE_FORMAT_PROPERTIES_2'), pNext: null, imageFormatProperties: {} },
    }, undefined);
    const found = (await lastFindings([...world(), query])).map((f) => `${f.vuid} ${f.path}`);
    expect(found).toEqual(['VUID-VkPhysicalDeviceImageFormatInfo2-pNext-pNext pImageFormatInfo.pNext[VkExternalImageFormatProperties]']);
  });
});

describe('a record after a record', () => {
  it('an allocation without an import is not judged by the import of the allocation before it', async () => {
    const steps = [...world(), ...exported, allocate('m1', 1024, 0, [importWin32(OPAQUE_FD, '0x100')]), allocate('m2', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)])];
    const all = await run(steps);
    expect(all[all.length - 2].map((f) => f.vuid)).toContain(W32_TYPE);
    expect(all[all.length - 1]).toEqual([]);
  });
  it('the copies of an earlier chain are not counted again', async () => {
    const steps = [...world(), ...exported, allocate('m1', 1024, 0, [importFd(OPAQUE_FD, 7), importFd(OPAQUE_FD, 7)]), allocate('m2', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100')])];
    const all = await run(steps);
    expect(all[all.length - 2].map((f) => f.vuid)).toContain(ONE_IMPORT);
    expect(all[all.length - 1].filter((f) => f.severity === 'error')).toEqual([]);
  });
  it('a shorter array is not read past its end into the longer one before it', async () => {
    const bind = (n: number) => vk('vkBindBufferMemory2', {
      device: 'dev0', bindInfoCount: n,
      pBindInfos: [{ sType: ST('BIND_BUFFER_MEMORY_INFO'), pNext: null, buffer: 'b0', memory: 'm0', memoryOffset: 0 }, ...Array(n - 1).fill({ sType: ST('BIND_BUFFER_MEMORY_INFO'), pNext: null, buffer: 'b1', memory: 'mD', memoryOffset: 0 })],
    });
    const all = await run([...world(), ...buffer('b0'), ...buffer('b1'), allocate('m0', 1024, 0), allocate('mD', 1024, 0, [dedicatedInfo({ buffer: 'b0' })]), bind(3), bind(1)]);
    expect(all[all.length - 2].map((f) => f.vuid)).toContain('VUID-VkBindBufferMemoryInfo-memory-01508');
    expect(all[all.length - 1]).toEqual([]);
  });
});
