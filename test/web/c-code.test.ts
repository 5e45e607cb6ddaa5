// The chain as C: structures declared last first (each pNext points at one already declared), members
// with their enumerant and flag names, the world's objects and handles as variables, strings as wide
// literals, and the call itself. Checked line by line rather than as one snapshot.
import { describe, it, expect } from 'vitest';
import { chainToC, cIdentifier, wideString, valueExpression } from '../../web-demo/src/logic/c-code.js';
import { structSpec, commandSpec } from '../../web-demo/src/logic/chain-form.js';

const lines = (c: string) => c.split('\n');
const field = (struct: string, name: string) => structSpec(struct)!.fields.find((f) => f.name === name)!;

const IMPORT_ARGS = {
  device: 'dev_main', pAllocator: null, pMemory: 'memory',
  pAllocateInfo: {
    sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', allocationSize: 262144, memoryTypeIndex: 0,
    pNext: {
      sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_KHR', handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT', handle: 'hSrc', name: null,
      pNext: { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO', pNext: null, image: 'dstRes', buffer: 'VK_NULL_HANDLE' },
    },
  },
};

describe('vkAllocateMemory with an import chain', () => {
  const c = chainToC('vkAllocateMemory', IMPORT_ARGS);
  const l = lines(c);

  it('declares the structures last first, each pNext pointing at the next one', () => {
    const decl = l.filter((x) => / = \{$/.test(x));
    expect(decl).toEqual(['VkMemoryDedicatedAllocateInfo dedicatedInfo = {', 'VkImportMemoryWin32HandleInfoKHR importInfo = {', 'VkMemoryAllocateInfo allocInfo = {']);
    const block = (name: string) => l.slice(l.findIndex((x) => x.includes(` ${name} = {`)), l.length).slice(0, l.slice(l.findIndex((x) => x.includes(` ${name} = {`))).indexOf('};') + 1);
    expect(block('dedicatedInfo')).toEqual([
      'VkMemoryDedicatedAllocateInfo dedicatedInfo = {',
      '    .sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO,',
      '    .pNext = NULL,',
      '    .image = dstRes,',
      '    .buffer = VK_NULL_HANDLE,',
      '};',
    ]);
    expect(block('importInfo')).toContain('    .pNext = &dedicatedInfo,');
    expect(block('importInfo')).toContain('    .handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT,');
    expect(block('importInfo')).toContain('    .handle = hSrc,');
    expect(block('importInfo')).toContain('    .name = NULL,');
    expect(block('allocInfo')).toContain('    .pNext = &importInfo,');
    expect(block('allocInfo')).toContain('    .allocationSize = 262144,');
  });

  it('ends with the output variable and the call', () => {
    expect(l.slice(-3)).toEqual(['VkDeviceMemory memory = VK_NULL_HANDLE;', 'VkResult res = vkAllocateMemory(dev_main, &allocInfo, NULL, &memory);', '']);
  });

  it('says which objects and handles come from the world', () => {
    expect(l[0]).toBe('// Made earlier in this world: VkDevice dev_main; VkImage dstRes; HANDLE hSrc;');
  });

  it('the same structure twice gets two variables', () => {
    const twice = structuredClone(IMPORT_ARGS);
    twice.pAllocateInfo.pNext.pNext.pNext = { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO', pNext: null, image: 'VK_NULL_HANDLE', buffer: 'buf' } as never;
    const out = chainToC('vkAllocateMemory', twice);
    expect(out).toContain('VkMemoryDedicatedAllocateInfo dedicatedInfo2 = {');
    expect(out).toContain('    .pNext = &dedicatedInfo2,');
    expect(out.indexOf('dedicatedInfo2 = {')).toBeLessThan(out.indexOf('dedicatedInfo = {'));
  });

  it('an unknown structure in the chain is left out with a comment', () => {
    const odd = structuredClone(IMPORT_ARGS);
    odd.pAllocateInfo.pNext.pNext.pNext = { sType: 999999, pNext: null } as never;
    expect(chainToC('vkAllocateMemory', odd)).toContain('/* Left out: a structure the model does not know (sType 999999). */');
  });
});

describe('the other calls', () => {
  it('vkGetMemoryWin32HandleKHR: the get-handle info and a HANDLE to receive', () => {
    const c = chainToC('vkGetMemoryWin32HandleKHR', { device: 'dev_main', pGetWin32HandleInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_GET_WIN32_HANDLE_INFO_KHR', pNext: null, memory: 'srcMem', handleType: 2 }, pHandle: 'hExport' });
    expect(lines(c)).toContain('    .handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT,');
    expect(lines(c)).toContain('HANDLE hExport = NULL;');
    expect(lines(c)).toContain('VkResult res = vkGetMemoryWin32HandleKHR(dev_main, &getHandleInfo, &hExport);');
  });

  it('vkGetMemoryWin32HandleNV: the NV flag by name, straight in the call', () => {
    const c = chainToC('vkGetMemoryWin32HandleNV', { device: 'dev_main', memory: 'srcMem', handleType: 1, pHandle: 'hExport' });
    expect(lines(c)).toContain('VkResult res = vkGetMemoryWin32HandleNV(dev_main, srcMem, VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV, &hExport);');
  });

  it('vkGetMemoryWin32HandlePropertiesKHR: the output structure with sType set, a HANDLE by value', () => {
    const c = chainToC('vkGetMemoryWin32HandlePropertiesKHR', { device: 'dev_B', handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT', handle: 0x1a4, pMemoryWin32HandleProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_WIN32_HANDLE_PROPERTIES_KHR', pNext: null, memoryTypeBits: 0 } });
    expect(lines(c)).toContain('VkMemoryWin32HandlePropertiesKHR handleProperties = { .sType = VK_STRUCTURE_TYPE_MEMORY_WIN32_HANDLE_PROPERTIES_KHR, .pNext = NULL };');
    expect(lines(c)).toContain('VkResult res = vkGetMemoryWin32HandlePropertiesKHR(dev_B, VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT, (HANDLE)0x1a4, &handleProperties);');
  });

  it('vkGetMemoryFdKHR: an int to receive the fd', () => {
    const c = chainToC('vkGetMemoryFdKHR', { device: 'dev_main', pGetFdInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR', pNext: null, memory: 'srcMem', handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT' }, pFd: 200 });
    expect(lines(c).slice(-3, -1)).toEqual(['int fd = -1;', 'VkResult res = vkGetMemoryFdKHR(dev_main, &getFdInfo, &fd);']);
  });

  it('vkCreateImage: a nested extent, flag names joined, an external-memory structure in the chain', () => {
    const c = chainToC('vkCreateImage', {
      device: 'dev_main', pAllocator: null, pImage: 'image',
      pCreateInfo: {
        sType: 'VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO', pNext: { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO', pNext: null, handleTypes: 0x8 | 0x40 },
        flags: 0, imageType: 'VK_IMAGE_TYPE_2D', format: 'VK_FORMAT_R8G8B8A8_UNORM', extent: { width: 256, height: 128, depth: 1 }, mipLevels: 1, arrayLayers: 1,
        samples: 'VK_SAMPLE_COUNT_1_BIT', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage: 0x7, sharingMode: 'VK_SHARING_MODE_EXCLUSIVE', queueFamilyIndexCount: 2, pQueueFamilyIndices: [0, 1], initialLayout: 'VK_IMAGE_LAYOUT_UNDEFINED',
      },
    });
    const l = lines(c);
    expect(l).toContain('    .handleTypes = VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT | VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_RESOURCE_BIT,');
    expect(l).toContain('    .extent = { .width = 256, .height = 128, .depth = 1 },');
    expect(l).toContain('    .usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_SAMPLED_BIT,');
    expect(l).toContain('    .flags = 0,');
    expect(l).toContain('    .pQueueFamilyIndices = (const uint32_t[]){ 0, 1 },');
    expect(l).toContain('    .pNext = &externalImageInfo,');
    expect(l).toContain('VkResult res = vkCreateImage(dev_main, &imageInfo, NULL, &image);');
  });
});

describe('values', () => {
  it('DWORD masks in hex, sizes in decimal, placeholders as a comment', () => {
    expect(valueExpression(field('VkExportMemoryWin32HandleInfoKHR', 'dwAccess'), 0x80000001)).toBe('0x80000001');
    expect(valueExpression(field('VkMemoryAllocateInfo', 'allocationSize'), '18446744073709551615')).toBe('18446744073709551615');
    expect(valueExpression(field('VkMemoryAllocateInfo', 'allocationSize'), '$size(dstRes)')).toBe('0 /* "$size(dstRes)": filled in from the world when the call runs */');
  });

  it('enums by name (as written, or named from a number); unknown ones say so in a comment that cannot end early', () => {
    const ht = field('VkImportMemoryWin32HandleInfoKHR', 'handleType');
    expect(valueExpression(ht, 8)).toBe('VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT');
    expect(valueExpression(ht, 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT_KHR')).toBe('VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT_KHR');
    expect(valueExpression(ht, 'nope */ evil();')).toBe('0 /* not a VkExternalMemoryHandleTypeFlagBits value: "nope *\\/ evil();" */');
    expect(valueExpression(field('VkExportMemoryAllocateInfo', 'handleTypes'), 0x2 | 0x400000)).toBe('VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT | 0x400000');
    expect(valueExpression(field('VkDedicatedAllocationImageCreateInfoNV', 'dedicatedAllocation'), 1)).toBe('VK_TRUE');
  });

  it('handles: VK_NULL_HANDLE and NULL for none, names as identifiers, numbers cast', () => {
    const img = field('VkMemoryDedicatedAllocateInfo', 'image');
    expect(valueExpression(img, 'VK_NULL_HANDLE')).toBe('VK_NULL_HANDLE');
    expect(valueExpression(img, 'my-image.0')).toBe('my_image_0');
    expect(valueExpression(img, 42)).toBe('(VkImage)0x2a');
    const h = field('VkImportMemoryWin32HandleInfoKHR', 'handle');
    expect(valueExpression(h, 0)).toBe('NULL');
    expect(valueExpression(h, '0x1A4')).toBe('(HANDLE)0x1A4');
    expect(valueExpression(field('VkImportMemoryHostPointerInfoEXT', 'pHostPointer'), '0x10000')).toBe('(void *)0x10000');
    expect(cIdentifier('9lives')).toBe('_9lives');
    expect(cIdentifier('')).toBe('_');
  });

  it('strings as wide literals, with quotes, backslashes and non-ASCII escaped (markup stays inert text)', () => {
    expect(wideString('Local\\vk-extmem')).toBe('L"Local\\\\vk-extmem"');
    expect(wideString('<img src=x onerror="a()">')).toBe('L"<img src=x onerror=\\"a()\\">"');
    expect(wideString('é\n😀')).toBe('L"\\u00e9\\n\\U0001f600"');
    expect(valueExpression(field('VkImportMemoryWin32HandleInfoKHR', 'name'), null)).toBe('NULL');
  });

  it('every command\'s call line has one argument per parameter', () => {
    for (const name of ['vkAllocateMemory', 'vkGetMemoryWin32HandleKHR', 'vkGetMemoryWin32HandlePropertiesKHR', 'vkGetMemoryWin32HandleNV', 'vkGetMemoryFdKHR', 'vkCreateImage', 'vkCreateBuffer']) {
      const call = lines(chainToC(name, {})).at(-2)!;
      expect(call.startsWith(`VkResult res = ${name}(`)).toBe(true);
      expect(call.slice(call.indexOf('(') + 1, -2).split(', ')).toHaveLength(commandSpec(name).params.length);
    }
  });
});
