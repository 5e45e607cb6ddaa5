import { describe, it, expect } from 'vitest';
import { prelude, buffer, allocate, exportInfo, getWin32, importWin32, bindBuffer, run, allErrors, lastErrors, BIT, OPAQUE_WIN32, bufferQuery } from './helpers/world.js';

describe('test world', () => {
  it('a valid OPAQUE_WIN32 export and import is clean', async () => {
    const steps = [
      ...prelude({ bufferAnswers: { [BIT.OPAQUE_WIN32]: 6 }, secondDevice: true }),
      ...buffer('bufA', { handleTypes: BIT.OPAQUE_WIN32 }),
      allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)]),
      bindBuffer('bufA', 'memA'),
      getWin32('memA', OPAQUE_WIN32, '0x100'),
      ...buffer('bufB', { device: 'dev1', handleTypes: BIT.OPAQUE_WIN32 }),
      allocate('memB', 1024, 0, [importWin32(OPAQUE_WIN32, '0x100')], 'dev1'),
      bindBuffer('bufB', 'memB', 0, 'dev1'),
    ];
    const all = await run(steps);
    expect(all.flat().filter((f) => f.severity !== 'info')).toEqual([]);
  });
  it('a wrong allocationSize on import reports 01743', async () => {
    const steps = [
      ...prelude({ bufferAnswers: { [BIT.OPAQUE_WIN32]: 6 }, secondDevice: true }),
      allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)]),
      getWin32('memA', OPAQUE_WIN32, '0x100'),
      allocate('memB', 2048, 0, [importWin32(OPAQUE_WIN32, '0x100')], 'dev1'),
    ];
    expect(await lastErrors(steps)).toContain('VUID-VkMemoryAllocateInfo-allocationSize-01743');
    void allErrors; void bufferQuery;
  });
});

describe('handles made by calls the model reads past', () => {
  it('are not judged: a submit waiting on a semaphore and running a command buffer is clean', async () => {
    const { vk } = await import('./helpers/world.js');
    const steps = [
      ...prelude(),
      vk('vkGetDeviceQueue2', { device: 'dev0', pQueueInfo: { sType: 'VK_STRUCTURE_TYPE_DEVICE_QUEUE_INFO_2', pNext: null, flags: 0, queueFamilyIndex: 0, queueIndex: 0 }, pQueue: 'q0' }, undefined),
      vk('vkQueueSubmit', { queue: 'q0', submitCount: 1, pSubmits: [{ sType: 'VK_STRUCTURE_TYPE_SUBMIT_INFO', pNext: null, waitSemaphoreCount: 1, pWaitSemaphores: ['sem0'], pWaitDstStageMask: [1], commandBufferCount: 1, pCommandBuffers: ['cb0'], signalSemaphoreCount: 0, pSignalSemaphores: null }], fence: 'fence0' }),
    ];
    expect((await run(steps)).flat().filter((f) => f.severity === 'error')).toEqual([]);
  });
  it('a queue never obtained is still reported', async () => {
    const { vk } = await import('./helpers/world.js');
    const steps = [...prelude(), vk('vkQueueSubmit', { queue: 'qX', submitCount: 0, pSubmits: null, fence: 'VK_NULL_HANDLE' })];
    expect(await lastErrors(steps)).toContain('VUID-vkQueueSubmit-queue-parameter');
  });
});
