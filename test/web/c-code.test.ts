// The chain as C: structures declared last first (each pNext points at one already declared), members
// with their enumerant and flag names, the world's objects and handles as variables, strings as wide
// literals, and the call itself. Checked line by line rather than as one snapshot.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainToC, cIdentifier, wideString, valueExpression } from '../../web-demo/src/logic/c-code.js';
import { structSpec, commandSpec } from '../../web-demo/src/logic/chain-form.js';
import { importToC, chainWithCNames } from '../../web-demo/src/logic/resolver-c-code.js';
import { thingsOf } from '../../web-demo/src/logic/resolver-words.js';
import { createValidator } from '../../src/index.js';
import { findProfile } from '../../src/profiles/builtin.js';
import { resolveRequest, type ResolveRequest } from '../../src/resolve/request.js';
import type { Validator } from '../../src/validator.js';
import { itNeeds } from '../helpers/system.js';

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

// The resolver's whole import as C, per family of handle type: who makes the resource, who asks the
// handle's properties, which structures are chained, and who closes what afterwards.
describe('the import resolver’s C code for the whole import', () => {
  let v: Validator;
  beforeAll(async () => { v = await createValidator(); });
  const WIN = 'illustrative-windows-discrete';
  const codeOf = (req: ResolveRequest) => {
    const res = resolveRequest(v, req, findProfile(req.profile));
    return importToC(res, thingsOf(res, req.source.kind));
  };
  /** The comments as one text, so a phrase can be found across the lines it was wrapped on. */
  const prose = (code: string) => code.split('\n').filter((l) => l.startsWith('//')).map((l) => l.replace(/^\/\/ ?/, '')).join(' ');
  const at = (code: string, text: string) => { const i = code.indexOf(text); expect(i, text).toBeGreaterThanOrEqual(0); return i; };
  /** No name of the model's world is left in the code: every object and handle is a variable the code declares or says it has. */
  const noModelNames = (code: string) => expect(code.match(/\b(hSrc|hDst|dstRes|srcRes|srcMem|dev_main|dev_B)\b/g)).toBeNull();

  it('an NT handle from a D3D11 texture: image, requirements, handle properties, dedicated import, then CloseHandle', () => {
    const c = codeOf({ profile: WIN, source: { kind: 'd3d11-texture', shared: 'nt' } });
    noModelNames(c);
    expect(c).toContain('//   HANDLE sharedHandle;  the NT handle to the shared D3D11 texture');
    const create = at(c, 'vkCreateImage(device, &imageInfo, NULL, &image);');
    expect(c).toContain('    .handleTypes = VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT,');
    const reqs = at(c, 'vkGetImageMemoryRequirements2(device, &requirementsInfo, &requirements);');
    const props = at(c, 'getMemoryWin32HandlePropertiesKHR(device, VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT, sharedHandle, &handleProperties);');
    expect(c).toContain('uint32_t allowedTypes = requirements.memoryRequirements.memoryTypeBits & handleProperties.memoryTypeBits;');
    expect(prose(c)).toContain('(on this profile type 0, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT)');
    const dedicated = at(c, 'VkMemoryDedicatedAllocateInfo dedicatedInfo = {');
    expect(c).toContain('    .image = image,');
    const importInfo = at(c, 'VkImportMemoryWin32HandleInfoKHR importInfo = {');
    expect(c).toContain('    .pNext = &dedicatedInfo,');
    expect(c).toContain('    .handle = sharedHandle,');
    expect(c).toContain('    .allocationSize = requirements.memoryRequirements.size /* 262144 on this profile */,');
    const allocate = at(c, 'VkResult result = vkAllocateMemory(device, &allocateInfo, NULL, &memory);');
    const close = at(c, 'CloseHandle(sharedHandle);');
    const bind = at(c, 'vkBindImageMemory(device, image, memory, 0);');
    expect([create, reqs, props, dedicated, importInfo, allocate, close, bind]).toEqual([...[create, reqs, props, dedicated, importInfo, allocate, close, bind]].sort((a, b) => a - b));
    // Who owns the handle is the catalogue's word for the type, and when closing is safe is said.
    expect(prose(c)).toMatch(/Who owns the NT handle after the import: the application: the import does not take the handle; call CloseHandle when done\. It is safe to close once vkAllocateMemory has returned/);
  });

  it('the same NT handle duplicated into another process: the duplicate is the one imported and closed', () => {
    const c = codeOf({ profile: WIN, source: { kind: 'd3d11-texture', shared: 'nt' }, process: 'other' });
    noModelNames(c);
    expect(c).toContain('//   HANDLE sharedHandle;  the NT handle to the shared D3D11 texture, duplicated into process B');
    expect(c).toContain('CloseHandle(sharedHandle);');
  });

  it('a KMT (global share) handle: nothing to close', () => {
    const c = codeOf({ profile: WIN, source: { kind: 'd3d11-texture', shared: 'kmt' } });
    noModelNames(c);
    expect(c).toContain('VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT');
    expect(c).toContain('getMemoryWin32HandlePropertiesKHR(device, VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT, sharedHandle, &handleProperties);');
    expect(c).not.toContain('CloseHandle');
    expect(prose(c)).toMatch(/Who owns the KMT \(global share\) handle after the import: nobody: a global share handle holds no reference and is never closed\. Nothing to close/);
  });

  it('an opaque fd: no properties query (opaque types have none), the exporter’s size and type, and the fd is the driver’s once imported', () => {
    const c = codeOf({ profile: 'lavapipe', source: { kind: 'vulkan', handleType: 'OPAQUE_FD' } });
    noModelNames(c);
    expect(c).toContain('//   int fd;  the fd exported from the Vulkan allocation');
    expect(c).not.toContain('PropertiesKHR');
    expect(c).toContain('const uint32_t exportedMemoryTypeIndex = 0;');
    expect(c).toContain('uint32_t allowedTypes = requirements.memoryRequirements.memoryTypeBits & (1u << exportedMemoryTypeIndex);');
    expect(c).toContain('const VkDeviceSize allocationSize = 65536;');
    expect(c).toContain('    .fd = fd,');
    expect(c).toContain('if (result != VK_SUCCESS) { close(fd); return result; }');
    expect(prose(c)).toMatch(/Who owns the fd after the import: the implementation: a successful import takes the fd; do not close it\./);
    expect(c).not.toContain('CloseHandle');
    expect(c).not.toContain('VkMemoryDedicatedAllocateInfo dedicatedInfo');
  });

  it('a dma-buf fd: asks vkGetMemoryFdPropertiesKHR', () => {
    const c = codeOf({ profile: 'lavapipe', source: { kind: 'dma-buf' } });
    expect(c).toContain('getMemoryFdPropertiesKHR(device, VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT, fd, &fdProperties);');
    expect(c).toContain('requirements.memoryRequirements.memoryTypeBits & fdProperties.memoryTypeBits');
  });

  it('a host pointer: the host-pointer properties, no dedicated allocation, and the memory kept alive by the application', () => {
    const c = codeOf({ profile: 'lavapipe', source: { kind: 'host-pointer' } });
    noModelNames(c);
    expect(c).toContain('//   void *hostPointer;  the host pointer to the host allocation');
    expect(c).toContain('getMemoryHostPointerPropertiesEXT(device, VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT, hostPointer, &hostProperties);');
    expect(c).toContain('    .pHostPointer = hostPointer,');
    expect(c).toContain('const VkDeviceSize allocationSize = 4096;');
    expect(prose(c)).toMatch(/keep the host memory alive and unchanged in place while the memory object exists\. Free the host allocation only after vkFreeMemory/);
    expect(c).not.toMatch(/CloseHandle|close\(fd\)|dedicatedInfo/);
  });

  it('by name: the name in the import structure, no handle, nothing to close', () => {
    const c = codeOf({ profile: WIN, source: { kind: 'd3d12-heap', size: 1048576, byName: true } });
    noModelNames(c);
    expect(c).toContain('    .handle = NULL,');
    expect(c).toContain('    .name = L"Local\\\\vk-extmem-resolve",');
    expect(c).not.toContain('CloseHandle(');
    expect(prose(c)).toMatch(/Imported by name, this process opened no handle, so there is nothing to close/);
  });

  it('an NV handle: the NV structures, no properties query, the handle closed', () => {
    const c = codeOf({ profile: WIN, source: { kind: 'vulkan', handleType: 'OPAQUE_WIN32_NV' } });
    noModelNames(c);
    expect(c).toContain('VkExternalMemoryImageCreateInfoNV externalInfo = {');
    expect(c).toContain('VkImportMemoryWin32HandleInfoNV importInfo = {');
    expect(c).toContain('    .handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV,');
    expect(c).not.toContain('PropertiesKHR');
    expect(c).toContain('CloseHandle(sharedHandle);');
  });

  it('the chain the page lists uses the same variables as the code', () => {
    const req: ResolveRequest = { profile: WIN, source: { kind: 'd3d11-texture', shared: 'nt' } };
    const res = resolveRequest(v, req, findProfile(WIN));
    const chain = chainWithCNames(res, thingsOf(res, 'd3d11-texture'));
    expect(chain.map((c) => c.fields)).toEqual([
      expect.objectContaining({ allocationSize: 262144, memoryTypeIndex: 0 }),
      expect.objectContaining({ handle: 'sharedHandle', name: null }),
      expect.objectContaining({ image: 'image', buffer: 'VK_NULL_HANDLE' }),
    ]);
  });

  // The code compiles: the real Vulkan headers, with the few Win32 types they need declared.
  const headers = existsSync('/usr/include/vulkan/vulkan_win32.h') && existsSync('/usr/bin/gcc');
  itNeeds(headers, 'gcc and the Vulkan headers (vulkan_win32.h)')('compiles for every family (gcc -fsyntax-only with the Vulkan headers)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vkx-c-'));
    try {
      const requests: ResolveRequest[] = [
        { profile: WIN, source: { kind: 'd3d11-texture', shared: 'nt' } },
        { profile: WIN, source: { kind: 'd3d11-texture', shared: 'kmt' }, process: 'other' },
        { profile: WIN, source: { kind: 'd3d12-heap', byName: true } },
        { profile: WIN, source: { kind: 'vulkan', handleType: 'OPAQUE_WIN32_NV' } },
        { profile: 'lavapipe', source: { kind: 'vulkan', handleType: 'OPAQUE_FD', dedicated: true } },
        { profile: 'lavapipe', source: { kind: 'dma-buf' } },
        { profile: 'lavapipe', source: { kind: 'host-pointer' } },
      ];
      const prelude = [
        'typedef void *HANDLE; typedef unsigned long DWORD; typedef const unsigned short *LPCWSTR; typedef struct SECURITY_ATTRIBUTES SECURITY_ATTRIBUTES;',
        'typedef void *HINSTANCE; typedef void *HWND; typedef void *HMONITOR; int CloseHandle(HANDLE); int close(int);',
        '#define VK_USE_PLATFORM_WIN32_KHR 1', '#include <vulkan/vulkan_core.h>', '#include <vulkan/vulkan_win32.h>',
      ].join('\n');
      const body = requests.map((req, i) => `VkResult import${i}(VkDevice device, HANDLE sharedHandle, int fd, void *hostPointer) {\n${codeOf(req)}return VK_SUCCESS;\n}`).join('\n');
      const file = join(dir, 'import.c');
      writeFileSync(file, `${prelude}\n${body}\n`);
      execFileSync('/usr/bin/gcc', ['-std=c11', '-fsyntax-only', '-Wall', '-Werror', '-Wno-unused-parameter', '-Wno-unused-variable', '-fshort-wchar', file], { stdio: 'pipe' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
