// Imports that cannot work, or cannot be decided: resolution names the reason with its rule, and the
// validator, given the chain the resolution still builds, reports the same VUID.
import { describe, it, expect, beforeAll } from 'vitest';
import { createValidator, InputError, type Finding } from '../../src/index.js';
import type { Validator } from '../../src/validator.js';
import { resolveImport, formatResolution, type ImportQuery, type Resolution } from '../../src/resolve/index.js';
import {
  prelude, buffer, image, allocate, exportInfo, dedicatedInfo, getWin32, getFd, importFd, vk, os, BIT,
  OPAQUE_FD, OPAQUE_WIN32, OPAQUE_WIN32_KMT, D3D11_TEXTURE, type Step,
  replayOn,
} from '../helpers/world.js';

const win32Props = (handleType: string, handle: string, bits: number) =>
  vk('vkGetMemoryWin32HandlePropertiesKHR', { device: 'dev0', handleType, handle, pMemoryWin32HandleProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_WIN32_HANDLE_PROPERTIES_KHR', pNext: null, memoryTypeBits: bits } });
const answers = { [BIT.OPAQUE_WIN32]: 6, [BIT.OPAQUE_WIN32_KMT]: 6, [BIT.OPAQUE_FD]: 6, [BIT.D3D11_TEXTURE]: 5, [BIT.D3D11_TEXTURE_KMT]: 5 };

let v: Validator;
beforeAll(async () => { v = await createValidator(); });

const replay = (steps: Step[]): Finding[][] => replayOn(v, steps);
function resolveAfter(steps: Step[], q: ImportQuery): Resolution {
  replay(steps);
  return resolveImport(v, q);
}
const errorRules = (r: Resolution) => r.problems.filter((p) => p.severity === 'error').map((p) => p.why.rule);
const undecidedRules = (r: Resolution) => r.problems.filter((p) => p.severity === 'undecidable').map((p) => p.why.rule);

/** Runs the import the resolution built anyway (and the bind); returns findings of both, by severity. */
function validateResolved(steps: Step[], q: ImportQuery, r: Resolution): { errors: string[]; undecidable: string[] } {
  const tail: Step[] = [{ ...vk('vkAllocateMemory', { device: q.device, pAllocateInfo: r.allocateInfo, pAllocator: null, pMemory: 'memImported' }), process: q.process }];
  if (q.resource) {
    const isImage = /^img/.test(String(q.resource));
    tail.push({ ...vk(isImage ? 'vkBindImageMemory' : 'vkBindBufferMemory', { device: q.device, [isImage ? 'image' : 'buffer']: q.resource, memory: 'memImported', memoryOffset: 0 }), process: q.process });
  }
  const fs = replay([...steps, ...tail]).slice(steps.length).flat();
  return { errors: fs.filter((f) => f.severity === 'error').map((f) => f.vuid), undecidable: fs.filter((f) => f.severity === 'undecidable').map((f) => f.vuid) };
}

/** Every checked error the resolution names is one the validator reports for its chain. */
function agrees(steps: Step[], q: ImportQuery, r: Resolution): void {
  const found = validateResolved(steps, q, r);
  for (const p of r.problems) {
    if (!p.why.checked) continue;
    if (p.severity === 'error') expect(found.errors, p.why.message).toContain(p.why.vuid);
    else expect([...found.errors, ...found.undecidable], p.why.message).toContain(p.why.vuid);
  }
}

const win32World = (): Step[] => [
  ...prelude({ bufferAnswers: answers, secondDevice: true }),
  allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)]), getWin32('memA', OPAQUE_WIN32, '0x100'),
  ...buffer('bufB', { device: 'dev1', handleTypes: BIT.OPAQUE_WIN32 }),
];
const W32 = 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661';

describe('resolveImport: imports that cannot work', () => {
  it('a closed handle', () => {
    const steps = [...win32World(), os('CloseHandle', { hObject: '0x100' })];
    const q = { device: 'dev1', handleType: 'OPAQUE_WIN32', handle: '0x100', resource: 'bufB' };
    const r = resolveAfter(steps, q);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ severity: 'error', why: expect.objectContaining({ vuid: W32, message: expect.stringMatching(/0x100 was closed in process main at call \d+/) }) })]);
    expect(r.allocationSize.mode).toBe('UNKNOWN');
    agrees(steps, q, r);
  });

  it('a handle no call made: cannot decide', () => {
    const steps = win32World();
    const q = { device: 'dev1', handleType: 'OPAQUE_WIN32', handle: '0x999' };
    const r = resolveAfter(steps, q);
    expect(r.ok).toBe(true); // nothing shows it cannot work; nothing shows it can
    expect(undecidedRules(r)).toEqual([W32]);
    expect(r.allocationSize).toMatchObject({ mode: 'UNKNOWN', why: { rule: 'vk-extmem:size-unknown' } });
    agrees(steps, q, r);
  });

  it('another process\'s handle, not duplicated', () => {
    const steps = [
      ...prelude({ bufferAnswers: answers, secondDevice: true }),
      { ...allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)]), process: 'A' }, { ...getWin32('memA', OPAQUE_WIN32, '0x100'), process: 'A' },
    ];
    const q = { device: 'dev1', process: 'B', handleType: 'OPAQUE_WIN32', handle: '0x100' };
    const r = resolveAfter(steps, q);
    expect(r.problems[0].why.message).toMatch(/belongs to process A, not to the importing process B; DuplicateHandle it/);
    agrees(steps, q, r);
  });

  it('a KMT handle whose memory was freed', () => {
    const steps = [
      ...prelude({ bufferAnswers: answers, secondDevice: true }),
      allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32_KMT)]), getWin32('memA', OPAQUE_WIN32_KMT, '0x40000100'),
      vk('vkFreeMemory', { device: 'dev0', memory: 'memA', pAllocator: null }),
    ];
    const q = { device: 'dev1', handleType: 'OPAQUE_WIN32_KMT', handle: '0x40000100' };
    const r = resolveAfter(steps, q);
    expect(errorRules(r)).toEqual([W32]);
    expect(r.problems[0].why.message).toMatch(/freed at call \d+; a KMT handle holds no reference/);
    agrees(steps, q, r);
  });

  it('an fd a previous import handed to the driver', () => {
    const steps = [
      ...prelude({ bufferAnswers: answers, secondDevice: true }),
      allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_FD)]), getFd('memA', OPAQUE_FD, 7),
      allocate('memB', 1024, 0, [importFd(OPAQUE_FD, 7)], 'dev1'),
    ];
    const q = { device: 'dev1', handleType: 'OPAQUE_FD', handle: 7 };
    const r = resolveAfter(steps, q);
    expect(errorRules(r)).toEqual(['VUID-VkImportMemoryFdInfoKHR-handleType-00670']);
    expect(r.problems[0].why.message).toMatch(/handed to the driver .* dup it before the first import/);
    agrees(steps, q, r);
  });

  it('a handle of another type', () => {
    const steps = [
      ...prelude({ imageAnswers: answers }),
      os('D3D11CreateTexture2D', { width: 64, height: 64, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags: 0x802, size: 16384, ppTexture2D: 'tex0' }),
      os('IDXGIResource_GetSharedHandle', { resource: 'tex0', pSharedHandle: '0x40000b02' }),
    ];
    const q = { device: 'dev0', handleType: 'D3D11_TEXTURE', handle: '0x40000b02' };
    const r = resolveAfter(steps, q);
    expect(r.problems.map((p) => p.why.message)).toContain('0x40000b02 carries D3D11_TEXTURE_KMT, not D3D11_TEXTURE');
    agrees(steps, q, r);
  });

  it('no memory type is allowed by every mask', () => {
    const steps = [
      ...prelude({ imageAnswers: answers }),
      os('D3D11CreateTexture2D', { width: 64, height: 64, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags: 0x802, size: 16384, ppTexture2D: 'tex0' }),
      os('IDXGIResource1_CreateSharedHandle', { resource: 'tex0', pAttributes: null, dwAccess: 0, lpName: null, pHandle: '0x400' }),
      win32Props(D3D11_TEXTURE, '0x400', 0x8), // type 3, which this device does not have
      ...image('img', { handleTypes: BIT.D3D11_TEXTURE }),
    ];
    const q = { device: 'dev0', handleType: 'D3D11_TEXTURE', handle: '0x400', resource: 'img' };
    const r = resolveAfter(steps, q);
    expect(r.memoryTypeIndex).toMatchObject({ candidates: [], complete: true });
    expect(errorRules(r)).toEqual(['vk-extmem:problem-no-memory-type']);
    // The resolution still builds the chain with type 0; the validator rejects it with the properties rule.
    expect(validateResolved(steps, q, r).errors).toContain('VUID-VkMemoryAllocateInfo-memoryTypeIndex-00645');
  });

  it('devices whose UUIDs differ from the exporter\'s', () => {
    const steps = [
      ...win32World(),
      vk('vkEnumeratePhysicalDevices', { instance: 'inst', pPhysicalDeviceCount: 2, pPhysicalDevices: ['pd', 'pd2'] }),
      vk('vkGetPhysicalDeviceProperties2', {
        physicalDevice: 'pd2',
        pProperties: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2', pNext: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES', pNext: null, deviceUUID: '9-9-9-9-9-9-9-9-9-9-9-9-9-9-9-9', driverUUID: '8-8-8-8-8-8-8-8-8-8-8-8-8-8-8-8', deviceLUID: '4-4-4-4-4-4-4-4', deviceNodeMask: 1, deviceLUIDValid: 1 }, properties: { apiVersion: 4198400, deviceName: 'other' } },
      }, undefined),
      vk('vkCreateDevice', { physicalDevice: 'pd2', pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO', pNext: null, flags: 0, queueCreateInfoCount: 0, enabledExtensionCount: 1, ppEnabledExtensionNames: ['VK_KHR_external_memory_win32'] }, pAllocator: null, pDevice: 'devX' }),
    ];
    const q = { device: 'devX', handleType: 'OPAQUE_WIN32', handle: '0x100' };
    const r = resolveAfter(steps, q);
    expect(errorRules(r)).toEqual(expect.arrayContaining(['VUID-VkImportMemoryWin32HandleInfoKHR-handle-00659', 'VUID-VkImportMemoryWin32HandleInfoKHR-handle-01518']));
    expect(r.problems.find((p) => p.why.vuid?.endsWith('01518'))!.why.message).toMatch(/exporter has "1-1-1.*" and "2-2-2.*", the importer "9-9-9.*" and "8-8-8.*"/);
    agrees(steps, q, r);
  });

  it('a handle type the capability queries did not call importable', () => {
    const steps = [
      ...prelude({ bufferAnswers: { [BIT.OPAQUE_WIN32]: 0x2 }, secondDevice: true }),
      allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)]), getWin32('memA', OPAQUE_WIN32, '0x100'),
    ];
    const q = { device: 'dev1', handleType: 'OPAQUE_WIN32', handle: '0x100' };
    const r = resolveAfter(steps, q);
    expect(errorRules(r)).toEqual(['VUID-VkImportMemoryWin32HandleInfoKHR-handleType-09861']);
    agrees(steps, q, r);
  });

  it('a resource created for other handle types', () => {
    const steps = [...win32World(), ...buffer('bufPlain', { device: 'dev1' })];
    const q = { device: 'dev1', handleType: 'OPAQUE_WIN32', handle: '0x100', resource: 'bufPlain' };
    const r = resolveAfter(steps, q);
    expect(errorRules(r)).toEqual(['VUID-vkBindBufferMemory-memory-02985']);
    agrees(steps, q, r);
  });

  it('a dedicated export imported for an image not created like the exporter\'s', () => {
    const steps = [
      ...prelude({ imageAnswers: answers, secondDevice: true }),
      ...image('imgA', { handleTypes: BIT.OPAQUE_WIN32 }),
      allocate('memA', 16384, 0, [exportInfo(BIT.OPAQUE_WIN32), dedicatedInfo({ image: 'imgA' })]), getWin32('memA', OPAQUE_WIN32, '0x100'),
      ...image('imgWide', { device: 'dev1', handleTypes: BIT.OPAQUE_WIN32, width: 128 }),
    ];
    const q = { device: 'dev1', handleType: 'OPAQUE_WIN32', handle: '0x100', resource: 'imgWide' };
    const r = resolveAfter(steps, q);
    expect(r.dedicated.decision).toBe('REQUIRED');
    expect(errorRules(r)).toEqual(['VUID-VkMemoryDedicatedAllocateInfo-image-01876']);
    // The chain leaves the dedicated structure out (no valid target); naming imgWide would be the error.
    expect(r.chain.map((c) => c.struct)).not.toContain('VkMemoryDedicatedAllocateInfo');
  });

  it('a dedicated export, no resource named: an identical image on the device is offered', () => {
    const steps = [
      ...prelude({ imageAnswers: answers, secondDevice: true }),
      ...image('imgA', { handleTypes: BIT.OPAQUE_WIN32 }),
      allocate('memA', 16384, 0, [exportInfo(BIT.OPAQUE_WIN32), dedicatedInfo({ image: 'imgA' })]), getWin32('memA', OPAQUE_WIN32, '0x100'),
      ...image('imgWide', { device: 'dev1', handleTypes: BIT.OPAQUE_WIN32, width: 128 }),
      ...image('imgSame', { device: 'dev1', handleTypes: BIT.OPAQUE_WIN32 }),
    ];
    const r = resolveAfter(steps, { device: 'dev1', handleType: 'OPAQUE_WIN32', handle: '0x100' });
    expect(r.dedicated).toMatchObject({ decision: 'REQUIRED', target: 'imgSame', targetKind: 'image' });
    expect(r.notes.map((n) => n.message)).toContain('imgSame on the importing device was created exactly like the resource the exporting allocation was dedicated to');
    expect(validateResolved(steps, { device: 'dev1', handleType: 'OPAQUE_WIN32', handle: '0x100', resource: 'imgSame' }, r).errors).toEqual([]);
  });

  it('a resource that requires a dedicated allocation, and a suballocated export', () => {
    const steps = [...win32World(), ...buffer('bufDed', { device: 'dev1', handleTypes: BIT.OPAQUE_WIN32, requiresDedicated: true })];
    const q = { device: 'dev1', handleType: 'OPAQUE_WIN32', handle: '0x100', resource: 'bufDed' };
    const r = resolveAfter(steps, q);
    expect(r.dedicated.decision).toBe('NOT_ALLOWED');
    expect(errorRules(r)).toEqual(['VUID-vkBindBufferMemory-buffer-01444']);
    expect(r.problems[0].why.message).toMatch(/one rule requires a dedicated allocation of bufDed and another forbids it/);
    agrees(steps, q, r);
  });

  it('a misaligned host pointer', () => {
    const steps = [...prelude({ hostAlignment: 4096, bufferAnswers: { [BIT.HOST_ALLOCATION]: 4 } })];
    const q = { device: 'dev0', handleType: 'HOST_ALLOCATION', handle: '0x10010' };
    const r = resolveAfter(steps, q);
    expect(errorRules(r)).toEqual(['VUID-VkImportMemoryHostPointerInfoEXT-pHostPointer-01749']);
    agrees(steps, q, r);
  });

  it('a device the input never created', () => {
    const r = resolveAfter(win32World(), { device: 'devNope', handleType: 'OPAQUE_WIN32', handle: '0x100' });
    expect(errorRules(r)).toEqual(['vk-extmem:problem-device']);
    expect(r.chain.map((c) => c.struct)).toEqual(['VkMemoryAllocateInfo']);
    expect(formatResolution(r)).toMatch(/devNope is not a device this input created/);
  });

  it('refuses a name that is not a handle type', () => {
    replay(win32World());
    expect(() => resolveImport(v, { device: 'dev1', handleType: 'OPAQUE_WINDOWS', handle: '0x100' })).toThrow(InputError);
  });
});

describe('formatResolution', () => {
  it('writes one line per decision with its VUID and link, then the chain', () => {
    const steps = win32World();
    const r = resolveAfter(steps, { device: 'dev1', handleType: 'OPAQUE_WIN32', handle: '0x100', resource: 'bufB' });
    const text = formatResolution(r);
    const line = (label: string) => text.split('\n').find((l) => l.startsWith(label + ':'))!;
    expect(line('allocationSize')).toMatch(/^allocationSize: +EXACT 1024 — .*\[VUID-VkMemoryAllocateInfo-allocationSize-01743\] +https:\/\/registry\.khronos\.org\/vulkan\/specs\/latest\/html\/vkspec\.html#VUID-VkMemoryAllocateInfo-allocationSize-01743$/);
    expect(line('memoryTypeIndex')).toMatch(/^memoryTypeIndex: 0 \(candidates 0\) — /);
    expect(line('dedicated')).toMatch(/^dedicated: +NOT_ALLOWED — .*VUID-VkMemoryDedicatedAllocateInfo-buffer-01877/);
    expect(text).toMatch(/chain:\n {2}VkMemoryAllocateInfo \{"sType":"VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO","allocationSize":1024,"memoryTypeIndex":0\}\n {2}VkImportMemoryWin32HandleInfoKHR /);
    expect(text).toMatch(/this import can work with the chain above/);
  });
});
