// One notion of success per kind of call (assembly/core/success.ts, src/core/success.ts, both from the
// registry's return types): a call that failed changes no state. A BOOL of FALSE, a negative HRESULT,
// a negative int or VkResult is a failure; S_FALSE and VK_INCOMPLETE are not.
import { expect } from 'vitest';
import { ruleTests } from '../helpers/rule-tests.js';
import { prelude, allocate, exportInfo, importWin32, getWin32, os, vk, run, lastErrors, BIT, OPAQUE_WIN32, type Step } from '../helpers/world.js';
import { callSucceeded } from '../../src/core/success.js';

// Each case is named by its query id (rules/call-success/<group>:NN), which npx vitest run -t selects.
const { describe, it } = ruleTests('call-success');

const ANSWERS = { bufferAnswers: { [BIT.OPAQUE_WIN32]: 6 } };
const W32 = 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661';
const exported: Step[] = [...prelude(ANSWERS), allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)]), getWin32('memA', OPAQUE_WIN32, '0x100')];
const importW = (handle: string, process?: string): Step => ({ ...allocate('memB', 1024, 0, [importWin32(OPAQUE_WIN32, handle)]), process });
const returning = (s: Step, ret: string): Step => ({ ...s, os: { ...s.os!, return: ret } });
const dup = (options: number) => os('DuplicateHandle', { hSourceProcessHandle: 'main', hSourceHandle: '0x100', hTargetProcessHandle: 'B', lpTargetHandle: '0x200', dwOptions: options });
const verdicts = async (steps: Step[], vuid: string) => (await run(steps)).at(-1)!.filter((f) => f.vuid === vuid).map((f) => f.severity);

describe('a failed call changes no state', () => {
  it('DuplicateHandle that returned FALSE made no handle: importing its target is not the valid import a successful one makes', async () => {
    expect(await verdicts([...exported, dup(2), importW('0x200', 'B')], W32)).toEqual([]);
    expect(await verdicts([...exported, returning(dup(2), 'FALSE'), importW('0x200', 'B')], W32)).toEqual(['undecidable']);
  });
  it('CloseHandle that returned FALSE closed nothing: the handle still imports', async () => {
    expect(await lastErrors([...exported, os('CloseHandle', { hObject: '0x100' }), importW('0x100')])).toContain(W32);
    expect(await lastErrors([...exported, returning(os('CloseHandle', { hObject: '0x100' }), 'FALSE'), importW('0x100')])).not.toContain(W32);
  });
  it('DuplicateHandle with DUPLICATE_CLOSE_SOURCE closes its source even when it fails', async () => {
    expect(await lastErrors([...exported, returning(dup(1), 'FALSE'), importW('0x100')])).toContain(W32);
  });
  it('a failed export made no handle', async () => {
    const failed: Step = { ...getWin32('memA', OPAQUE_WIN32, '0x300'), vkFunc: { ...getWin32('memA', OPAQUE_WIN32, '0x300').vkFunc!, return: 'VK_ERROR_OUT_OF_HOST_MEMORY' } };
    expect(await verdicts([...exported, failed, importW('0x300')], W32)).toEqual(['undecidable']);
  });
});

describe('the success rule per return kind', () => {
  it.each([
    ['vkAllocateMemory', 0, true], ['vkAllocateMemory', -2, false], ['vkEnumeratePhysicalDevices', 5, true], ['vkCmdDraw', undefined, true],
    ['DuplicateHandle', 1, true], ['DuplicateHandle', 0, false], ['CloseHandle', 0, false],
    ['D3D11CreateTexture2D', 0, true], ['D3D11CreateTexture2D', 1, true], ['D3D11CreateTexture2D', -2147024809, false],
    ['close', 0, true], ['close', -1, false], ['dup', 7, true], ['dup', -1, false], ['ExitProcess', 0, true],
  ] as const)('%s returning %s: %s', (name, code, ok) => {
    expect(callSucceeded(name, code)).toBe(ok);
  });
});

describe('a failed capability query is an answer', () => {
  it('VK_ERROR_FORMAT_NOT_SUPPORTED for an image\'s parameters: an export dedicated to that image is known not to be supported', async () => {
    const query: Step = {
      vkFunc: {
        name: 'vkGetPhysicalDeviceImageFormatProperties2', return: 'VK_ERROR_FORMAT_NOT_SUPPORTED',
        args: { physicalDevice: 'pd', pImageFormatInfo: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2', pNext: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO', pNext: null, handleType: BIT.OPAQUE_WIN32 }, format: 'VK_FORMAT_R8G8B8A8_UNORM', type: 'VK_IMAGE_TYPE_2D', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage: 7, flags: 0 }, pImageFormatProperties: null },
      },
    };
    const image = vk('vkCreateImage', { device: 'dev0', pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO', pNext: null, flags: 0, imageType: 'VK_IMAGE_TYPE_2D', format: 'VK_FORMAT_R8G8B8A8_UNORM', extent: { width: 64, height: 64, depth: 1 }, mipLevels: 1, arrayLayers: 1, samples: 'VK_SAMPLE_COUNT_1_BIT', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage: 7, sharingMode: 'VK_SHARING_MODE_EXCLUSIVE', queueFamilyIndexCount: 0, pQueueFamilyIndices: null, initialLayout: 'VK_IMAGE_LAYOUT_UNDEFINED' }, pAllocator: null, pImage: 'img' });
    const found = await run([...prelude(ANSWERS), query, image, allocate('mem', 16384, 0, [exportInfo(BIT.OPAQUE_WIN32), { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO', image: 'img', buffer: 'VK_NULL_HANDLE' }])]);
    expect(found.at(-1)!.filter((f) => f.vuid === 'VUID-VkExportMemoryAllocateInfo-handleTypes-09860').map((f) => f.severity)).toEqual(['error']);
  });
});
