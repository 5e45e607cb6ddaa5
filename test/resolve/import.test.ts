// Import resolution for every way the model imports memory, and the property that makes it worth
// having: the vkAllocateMemory built from a resolution passes the validator (and so does binding the
// resource), while changing any one decision the resolution pinned to a checked VUID gets that VUID.
import { describe, it, expect, beforeAll } from 'vitest';
import { createValidator, type Finding } from '../../src/index.js';
import type { Validator } from '../../src/validator.js';
import { resolveImport, formatResolution, type ImportQuery, type Resolution } from '../../src/resolve/index.js';
import {
  prelude, buffer, image, allocate, exportInfo, dedicatedInfo, getWin32, getFd, vk, os, BIT,
  OPAQUE_FD, OPAQUE_WIN32, OPAQUE_WIN32_KMT, D3D11_TEXTURE, D3D11_TEXTURE_KMT, D3D12_HEAP, type Step,
  replayOn,
} from '../helpers/world.js';
import { UNFILLED } from '../helpers/messages.js';
import { flatten, rebuild, type Info } from '../helpers/chains.js';

const D3D12_RESOURCE_BIT = 64;
const NV_OPAQUE_WIN32 = 1;
const exportNV = (handleTypes: number) => ({ sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO_NV', handleTypes });
const exportWin32Info = (name: string | null) => ({ sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_WIN32_HANDLE_INFO_KHR', pAttributes: null, dwAccess: 0, name });
const getWin32NV = (memory: string, handleType: number, handle: string) => vk('vkGetMemoryWin32HandleNV', { device: 'dev0', memory, handleType, pHandle: handle });
const win32Props = (handleType: string, handle: string, bits: number) =>
  vk('vkGetMemoryWin32HandlePropertiesKHR', { device: 'dev0', handleType, handle, pMemoryWin32HandleProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_WIN32_HANDLE_PROPERTIES_KHR', pNext: null, memoryTypeBits: bits } });
const hostProps = (pointer: string, bits: number) =>
  vk('vkGetMemoryHostPointerPropertiesEXT', { device: 'dev0', handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT', pHostPointer: pointer, pMemoryHostPointerProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_HOST_POINTER_PROPERTIES_EXT', pNext: null, memoryTypeBits: bits } });
const inProcess = (process: string, steps: Step[]): Step[] => steps.map((s) => ({ ...s, process }));

let v: Validator;
beforeAll(async () => { v = await createValidator(); });

const replay = (steps: Step[]): Finding[][] => replayOn(v, steps);
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error').map((f) => f.vuid);

interface Case {
  name: string;
  world: () => Step[];
  query: ImportQuery;
  /** A resource on the importing device that is not created like the target (to dedicate to the wrong one). */
  other?: string;
  check: (r: Resolution) => void;
}

// ---------------------------------------------------------------------------------------------
// Worlds.

const win32Answers = { [BIT.OPAQUE_WIN32]: 6, [BIT.OPAQUE_WIN32_KMT]: 6, [BIT.OPAQUE_FD]: 6 };

/** OPAQUE_WIN32 memory dedicated to image imgA on dev0, exported (in `process`) as 0x100; identical imgB and a narrower imgOther on dev1. */
const win32Dedicated = (process?: string): Step[] => [
  ...prelude({ bufferAnswers: win32Answers, imageAnswers: win32Answers, secondDevice: true }),
  ...image('imgA', { handleTypes: BIT.OPAQUE_WIN32 }),
  ...inProcess(process ?? 'main', [allocate('memA', 16384, 2, [exportInfo(BIT.OPAQUE_WIN32), dedicatedInfo({ image: 'imgA' })]), getWin32('memA', OPAQUE_WIN32, '0x100')]),
  ...image('imgB', { device: 'dev1', handleTypes: BIT.OPAQUE_WIN32 }),
  ...image('imgOther', { device: 'dev1', handleTypes: BIT.OPAQUE_WIN32, width: 32 }),
];
/** OPAQUE_WIN32 memory (1024 bytes, type 0, not dedicated) exported as 0x100; buffer bufB on dev1. */
const win32Suballocated = (process?: string, extra: Record<string, unknown>[] = []): Step[] => [
  ...prelude({ bufferAnswers: win32Answers, secondDevice: true }),
  ...inProcess(process ?? 'main', [allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32), ...extra]), getWin32('memA', OPAQUE_WIN32, '0x100')]),
  ...buffer('bufB', { device: 'dev1', handleTypes: BIT.OPAQUE_WIN32 }),
];
const duplicateToB = os('DuplicateHandle', { hSourceProcessHandle: 'A', hSourceHandle: '0x100', hTargetProcessHandle: 'B', lpTargetHandle: '0x2f0', dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 2 });

/** A 64x64 D3D11 texture (16384 bytes) shared as NT handle 0x400 and KMT handle 0x40000b02, and an image for it. */
const d3d11 = (kmt: boolean): Step[] => {
  const bit = kmt ? BIT.D3D11_TEXTURE_KMT : BIT.D3D11_TEXTURE;
  return [
    ...prelude({ imageAnswers: { [bit]: 5 } }), // IMPORTABLE | DEDICATED_ONLY
    os('D3D11CreateTexture2D', { width: 64, height: 64, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags: 0x802, size: 16384, ppTexture2D: 'tex0' }),
    os('IDXGIResource1_CreateSharedHandle', { resource: 'tex0', pAttributes: null, dwAccess: 0, lpName: null, pHandle: '0x400' }),
    os('IDXGIResource_GetSharedHandle', { resource: 'tex0', pSharedHandle: '0x40000b02' }),
    kmt ? win32Props(D3D11_TEXTURE_KMT, '0x40000b02', 0x3) : win32Props(D3D11_TEXTURE, '0x400', 0x3),
    ...image('img', { handleTypes: bit, requiresDedicated: true }),
  ];
};
/** A 64 KiB D3D12 heap shared as 0x300 and by the name "SharedHeap", and a buffer for it. */
const d3d12Heap = (): Step[] => [
  ...prelude({ bufferAnswers: { [BIT.D3D12_HEAP]: 6 } }),
  os('D3D12CreateHeap', { sizeInBytes: 65536, flags: 0, ppHeap: 'heap0' }),
  os('ID3D12Device_CreateSharedHandle', { object: 'heap0', pAttributes: null, access: 0, name: 'SharedHeap', pHandle: '0x300' }),
  win32Props(D3D12_HEAP, '0x300', 0x1),
  ...buffer('buf', { handleTypes: BIT.D3D12_HEAP, size: 65536 }),
];
/** A D3D12 committed resource shared as 0x500, and an image for it. */
const d3d12Resource = (): Step[] => [
  ...prelude({ imageAnswers: { [D3D12_RESOURCE_BIT]: 4 } }),
  os('D3D12CreateCommittedResource', { width: 64, height: 64, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', heapFlags: 0, size: 16384, ppResource: 'res0' }),
  os('ID3D12Device_CreateSharedHandle', { object: 'res0', pAttributes: null, access: 0, name: null, pHandle: '0x500' }),
  win32Props('VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_RESOURCE_BIT', '0x500', 0x6),
  ...image('img', { handleTypes: D3D12_RESOURCE_BIT }),
];

// ---------------------------------------------------------------------------------------------
// The cases.

const cases: Case[] = [
  {
    name: 'OPAQUE_WIN32, dedicated export, imported on another device of the same process',
    world: () => win32Dedicated(),
    query: { device: 'dev1', handleType: 'OPAQUE_WIN32', handle: '0x100', resource: 'imgB' },
    other: 'imgOther',
    check: (r) => {
      expect(r.allocationSize).toMatchObject({ mode: 'EXACT', value: 16384, why: { vuid: 'VUID-VkMemoryAllocateInfo-allocationSize-01743', checked: true } });
      expect(r.memoryTypeIndex).toMatchObject({ candidates: [2], first: 2, complete: true });
      expect(r.dedicated).toMatchObject({ decision: 'REQUIRED', target: 'imgB', targetKind: 'image', why: { vuid: 'VUID-VkMemoryDedicatedAllocateInfo-image-01876' } });
      expect(r.chain.map((c) => c.struct)).toEqual(['VkMemoryAllocateInfo', 'VkImportMemoryWin32HandleInfoKHR', 'VkMemoryDedicatedAllocateInfo']);
    },
  },
  {
    name: 'OPAQUE_WIN32, dedicated export, imported in another process after DuplicateHandle',
    world: () => [...win32Dedicated('A'), { ...duplicateToB, process: 'A' }],
    query: { device: 'dev1', process: 'B', handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT', handle: '0x2f0', resource: 'imgB' },
    other: 'imgOther',
    check: (r) => {
      expect(r.source).toMatch(/0x2f0 .*refers to the payload of memory memA/);
      expect(r.allocationSize).toMatchObject({ mode: 'EXACT', value: 16384 });
      expect(r.dedicated).toMatchObject({ decision: 'REQUIRED', target: 'imgB' });
      expect(r.chain[1].fields).toMatchObject({ handle: '0x2f0', name: null });
    },
  },
  {
    name: 'OPAQUE_WIN32, suballocated export, imported for a buffer',
    world: () => win32Suballocated(),
    query: { device: 'dev1', handleType: 'OPAQUE_WIN32', handle: '0x100', resource: 'bufB' },
    check: (r) => {
      expect(r.allocationSize).toMatchObject({ mode: 'EXACT', value: 1024 });
      expect(r.memoryTypeIndex.candidates).toEqual([0]);
      expect(r.dedicated).toMatchObject({ decision: 'NOT_ALLOWED', why: { vuid: 'VUID-VkMemoryDedicatedAllocateInfo-buffer-01877', checked: true } });
      expect(r.chain.map((c) => c.struct)).toEqual(['VkMemoryAllocateInfo', 'VkImportMemoryWin32HandleInfoKHR']);
    },
  },
  {
    name: 'OPAQUE_WIN32, suballocated export, imported in another process after DuplicateHandle',
    world: () => [...win32Suballocated('A'), { ...duplicateToB, process: 'A' }],
    query: { device: 'dev1', process: 'B', handleType: 'OPAQUE_WIN32', handle: '0x2f0', resource: 'bufB' },
    check: (r) => {
      expect(r.allocationSize).toMatchObject({ mode: 'EXACT', value: 1024 });
      expect(r.dedicated.decision).toBe('NOT_ALLOWED');
    },
  },
  {
    name: 'OPAQUE_WIN32 exported with a device mask: the import repeats it',
    world: () => win32Suballocated(undefined, [{ sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_FLAGS_INFO', flags: 1, deviceMask: 3 }]),
    query: { device: 'dev1', handleType: 'OPAQUE_WIN32', handle: '0x100', resource: 'bufB' },
    check: (r) => {
      expect(r.chain.at(-1)).toMatchObject({ struct: 'VkMemoryAllocateFlagsInfo', fields: { deviceMask: 3 }, why: { vuid: 'VUID-VkMemoryAllocateInfo-None-00643' } });
    },
  },
  {
    name: 'OPAQUE_WIN32_KMT',
    world: () => [
      ...prelude({ bufferAnswers: win32Answers, secondDevice: true }),
      allocate('memA', 4096, 1, [exportInfo(BIT.OPAQUE_WIN32_KMT)]), getWin32('memA', OPAQUE_WIN32_KMT, '0x40000100'),
      ...buffer('bufB', { device: 'dev1', handleTypes: BIT.OPAQUE_WIN32_KMT }),
    ],
    query: { device: 'dev1', handleType: 'OPAQUE_WIN32_KMT', handle: '0x40000100', resource: 'bufB' },
    check: (r) => {
      expect(r.allocationSize).toMatchObject({ mode: 'EXACT', value: 4096 });
      expect(r.memoryTypeIndex.candidates).toEqual([1]);
      expect(r.chain[1].why?.message).toMatch(/KMT handle holds no reference/);
    },
  },
  {
    name: 'OPAQUE_FD, dedicated export',
    world: () => [
      ...prelude({ bufferAnswers: win32Answers, imageAnswers: win32Answers, secondDevice: true }),
      ...image('imgA', { handleTypes: BIT.OPAQUE_FD }),
      allocate('memA', 16384, 2, [exportInfo(BIT.OPAQUE_FD), dedicatedInfo({ image: 'imgA' })]), getFd('memA', OPAQUE_FD, 7),
      ...image('imgB', { device: 'dev1', handleTypes: BIT.OPAQUE_FD }),
      ...image('imgOther', { device: 'dev1', handleTypes: BIT.OPAQUE_FD, width: 32 }),
    ],
    query: { device: 'dev1', handleType: 'OPAQUE_FD', handle: 7, resource: 'imgB' },
    other: 'imgOther',
    check: (r) => {
      expect(r.allocationSize).toMatchObject({ mode: 'EXACT', value: 16384, why: { vuid: 'VUID-VkMemoryAllocateInfo-allocationSize-01742' } });
      expect(r.memoryTypeIndex.candidates).toEqual([2]);
      expect(r.dedicated).toMatchObject({ decision: 'REQUIRED', target: 'imgB', why: { vuid: 'VUID-VkMemoryDedicatedAllocateInfo-image-01878' } });
      expect(r.chain[1]).toMatchObject({ struct: 'VkImportMemoryFdInfoKHR', fields: { fd: 7, handleType: OPAQUE_FD } });
    },
  },
  {
    name: 'D3D11_TEXTURE by NT handle: dedicated only, size from the image',
    world: () => d3d11(false),
    query: { device: 'dev0', handleType: 'D3D11_TEXTURE', handle: '0x400', resource: 'img' },
    check: (r) => {
      expect(r.allocationSize).toMatchObject({ mode: 'RESOURCE_REQUIREMENT', value: 16384, why: { vuid: 'VUID-VkMemoryDedicatedAllocateInfo-image-02964' } });
      expect(r.allocationSize.constraints.map((c) => c.mode)).toContain('IGNORED');
      expect(r.memoryTypeIndex).toMatchObject({ candidates: [0, 1], why: { vuid: 'VUID-VkMemoryAllocateInfo-memoryTypeIndex-00645' } });
      expect(r.dedicated).toMatchObject({ decision: 'REQUIRED', target: 'img', why: { vuid: 'VUID-vkBindImageMemory-image-01445' } });
      expect(r.dedicated.parts.map((p) => p.why.rule)).toEqual(expect.arrayContaining(['vk-extmem:dedicated-only-type', 'vk-extmem:dedicated-only-answer']));
    },
  },
  {
    name: 'D3D11_TEXTURE_KMT by global share handle',
    world: () => d3d11(true),
    query: { device: 'dev0', handleType: 'D3D11_TEXTURE_KMT', handle: '0x40000b02', resource: 'img' },
    check: (r) => {
      expect(r.allocationSize).toMatchObject({ mode: 'RESOURCE_REQUIREMENT', value: 16384 });
      expect(r.dedicated).toMatchObject({ decision: 'REQUIRED', target: 'img' });
      expect(r.chain[1].fields).toMatchObject({ handleType: D3D11_TEXTURE_KMT, handle: '0x40000b02' });
    },
  },
  {
    name: 'D3D11_TEXTURE without naming the image: the implementation ignores the size, but 02964 still asks for at least the image\'s requirement, so it cannot be told yet',
    world: () => d3d11(false),
    query: { device: 'dev0', handleType: 'D3D11_TEXTURE', handle: '0x400' },
    check: (r) => {
      expect(r.allocationSize).toMatchObject({ mode: 'UNKNOWN', why: { vuid: 'VUID-VkMemoryDedicatedAllocateInfo-image-02964' } });
      expect(r.allocationSize.constraints.map((c) => c.mode)).toContain('IGNORED');
      expect(r.dedicated.decision).toBe('REQUIRED');
      expect(r.problems.map((p) => [p.severity, p.why.rule])).toEqual([['undecidable', 'vk-extmem:dedicated-needs-resource']]);
    },
  },
  {
    name: 'D3D12_HEAP: the size is the heap\'s',
    world: d3d12Heap,
    query: { device: 'dev0', handleType: 'D3D12_HEAP', handle: '0x300', resource: 'buf' },
    check: (r) => {
      expect(r.allocationSize).toMatchObject({ mode: 'EXACT', value: 65536, why: { vuid: 'VUID-VkMemoryAllocateInfo-allocationSize-00647' } });
      expect(r.memoryTypeIndex.candidates).toEqual([0]);
      expect(r.dedicated.decision).toBe('OPTIONAL');
    },
  },
  {
    name: 'D3D12_HEAP by name',
    world: d3d12Heap,
    query: { device: 'dev0', handleType: 'D3D12_HEAP', name: 'SharedHeap', resource: 'buf' },
    check: (r) => {
      expect(r.allocationSize).toMatchObject({ mode: 'EXACT', value: 65536 });
      // The name has no properties of its own; the answer for handle 0x300 to the same heap is used.
      expect(r.memoryTypeIndex).toMatchObject({ candidates: [0] });
      expect(r.memoryTypeIndex.components.find((c) => c.kind === 'handle')?.why.message).toMatch(/0x300, which refers to the same payload/);
      expect(r.chain[1].fields).toMatchObject({ handle: 0, name: 'SharedHeap' });
    },
  },
  {
    name: 'D3D12_RESOURCE: dedicated only, size ignored',
    world: d3d12Resource,
    query: { device: 'dev0', handleType: 'D3D12_RESOURCE', handle: '0x500', resource: 'img' },
    check: (r) => {
      expect(r.dedicated).toMatchObject({ decision: 'REQUIRED', target: 'img', why: { rule: 'vk-extmem:dedicated-only-type', checked: false } });
      expect(r.allocationSize).toMatchObject({ mode: 'RESOURCE_REQUIREMENT', value: 16384 });
      expect(r.memoryTypeIndex.candidates).toEqual([1, 2]);
    },
  },
  {
    name: 'OPAQUE_WIN32 by name',
    world: () => [...win32Suballocated(undefined, [exportWin32Info('SharedMem')])],
    query: { device: 'dev1', handleType: 'OPAQUE_WIN32', name: 'SharedMem', resource: 'bufB' },
    check: (r) => {
      expect(r.allocationSize).toMatchObject({ mode: 'EXACT', value: 1024, why: { vuid: 'VUID-VkMemoryAllocateInfo-allocationSize-01743' } });
      expect(r.chain[1].fields).toMatchObject({ handle: 0, name: 'SharedMem' });
    },
  },
  {
    name: 'host pointer: a multiple of the alignment, types from the pointer\'s properties, never dedicated',
    world: () => [
      ...prelude({ hostAlignment: 4096, bufferAnswers: { [BIT.HOST_ALLOCATION]: 4 } }),
      hostProps('0x10000', 0x2),
      ...buffer('buf', { handleTypes: BIT.HOST_ALLOCATION, size: 4096 }),
    ],
    query: { device: 'dev0', handleType: 'HOST_ALLOCATION_BIT_EXT', handle: '0x10000', resource: 'buf' },
    check: (r) => {
      expect(r.allocationSize).toMatchObject({ mode: 'ALIGNED', value: 4096, why: { vuid: 'VUID-VkMemoryAllocateInfo-allocationSize-01745' } });
      expect(r.memoryTypeIndex).toMatchObject({ candidates: [1], why: { vuid: 'VUID-VkMemoryAllocateInfo-memoryTypeIndex-01744' } });
      expect(r.dedicated).toMatchObject({ decision: 'NOT_ALLOWED', why: { vuid: 'VUID-VkMemoryAllocateInfo-pNext-02806' } });
      expect(r.chain[1].fields).toMatchObject({ pHostPointer: '0x10000' });
    },
  },
  {
    name: 'DMA_BUF from a DMA-BUF heap: types from the fd\'s properties, size up to the application',
    world: () => [
      ...prelude({ bufferAnswers: { 0x200: 6 } }),
      os('DmaHeapAlloc', { size: 65536, fd: 9 }),
      vk('vkGetMemoryFdPropertiesKHR', { device: 'dev0', handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT', fd: 9, pMemoryFdProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_FD_PROPERTIES_KHR', pNext: null, memoryTypeBits: 0x6 } }),
      ...buffer('buf', { handleTypes: 0x200, size: 65536 }),
    ],
    query: { device: 'dev0', handleType: 'DMA_BUF', handle: 9, resource: 'buf' },
    check: (r) => {
      expect(r.allocationSize).toMatchObject({ mode: 'ANY', value: 65536, why: { checked: false } });
      expect(r.memoryTypeIndex).toMatchObject({ candidates: [1, 2], first: 1, why: { vuid: 'VUID-VkMemoryAllocateInfo-memoryTypeIndex-00648' } });
      expect(r.chain[1].why?.message).toMatch(/hands the fd to the driver/);
    },
  },
  {
    name: 'VK_NV_external_memory_win32: OPAQUE_WIN32_NV',
    world: () => [
      ...prelude({ secondDevice: true }),
      allocate('memA', 1024, 0, [exportNV(NV_OPAQUE_WIN32)]), getWin32NV('memA', NV_OPAQUE_WIN32, '0x200'),
      ...buffer('bufB', { device: 'dev1', handleTypes: BIT.OPAQUE_WIN32 }),
    ],
    query: { device: 'dev1', handleType: 'OPAQUE_WIN32_NV', handle: '0x200', resource: 'bufB' },
    check: (r) => {
      // The NV extension has no size or type VUID; the exporter still decides, by a rule of ours.
      expect(r.allocationSize).toMatchObject({ mode: 'EXACT', value: 1024, why: { rule: 'vk-extmem:size-opaque-nv', checked: false } });
      expect(r.chain[1]).toMatchObject({ struct: 'VkImportMemoryWin32HandleInfoNV', fields: { handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV', handle: '0x200' } });
      expect(r.dedicatedNV).toMatchObject({ decision: 'NOT_ALLOWED', why: { vuid: 'VUID-VkDedicatedAllocationMemoryAllocateInfoNV-buffer-00655' } });
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Perturbing a chain.

const DEDICATED = 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO';
const DEDICATED_NV = 'VK_STRUCTURE_TYPE_DEDICATED_ALLOCATION_MEMORY_ALLOCATE_INFO_NV';
function dedicatedTo(sType: string, target: string, isImage: boolean): Info {
  return { sType, image: isImage ? target : 'VK_NULL_HANDLE', buffer: isImage ? 'VK_NULL_HANDLE' : target };
}

interface Attempt { label: string; info: Info; bind: boolean; expect?: string }

function attempts(c: Case, r: Resolution): Attempt[] {
  const info = r.allocateInfo;
  const chain = flatten(info);
  const out: Attempt[] = [{ label: 'as resolved', info, bind: true }];
  const s = r.allocationSize;
  if (s.why.checked && s.value !== undefined) {
    const wrong = s.mode === 'EXACT' ? s.value + 4096 : s.mode === 'RESOURCE_REQUIREMENT' ? s.value - 4096 : s.mode === 'ALIGNED' ? s.value + 1 : undefined;
    if (wrong !== undefined) out.push({ label: `allocationSize ${wrong}`, info: rebuild(info, chain, { allocationSize: wrong }), bind: false, expect: s.why.vuid });
  }
  const t = r.memoryTypeIndex;
  const outside = [0, 1, 2].find((i) => !t.candidates.includes(i));
  if (t.why.checked && outside !== undefined) out.push({ label: `memoryTypeIndex ${outside}`, info: rebuild(info, chain, { memoryTypeIndex: outside }), bind: false, expect: t.why.vuid });
  const d = r.dedicated;
  const resourceIsImage = r.dedicated.targetKind ? r.dedicated.targetKind === 'image' : /^img/.test(String(c.query.resource));
  if (d.decision === 'REQUIRED' && d.why.checked) {
    if (d.why.vuid!.includes('vkBind')) out.push({ label: 'without the dedicated structure, then bind', info: rebuild(info, chain.filter((x) => x.sType !== DEDICATED)), bind: true, expect: d.why.vuid });
    else if (c.other) out.push({ label: `dedicated to ${c.other}`, info: rebuild(info, chain.map((x) => (x.sType === DEDICATED ? dedicatedTo(DEDICATED, c.other!, true) : x))), bind: false, expect: d.why.vuid });
  }
  if (d.decision === 'NOT_ALLOWED' && d.why.checked && c.query.resource) {
    out.push({ label: 'with a dedicated structure', info: rebuild(info, [...chain, dedicatedTo(DEDICATED, String(c.query.resource), resourceIsImage)]), bind: false, expect: d.why.vuid });
  }
  const flags = r.chain.find((x) => x.struct === 'VkMemoryAllocateFlagsInfo');
  if (flags?.why?.checked) out.push({ label: 'without the device mask', info: rebuild(info, chain.filter((x) => x.sType !== flags.fields.sType)), bind: false, expect: flags.why.vuid });
  const nv = r.dedicatedNV;
  if (nv.decision === 'NOT_ALLOWED' && nv.why.checked && c.query.resource) {
    out.push({ label: 'with an NV dedicated structure', info: rebuild(info, [...chain, dedicatedTo(DEDICATED_NV, String(c.query.resource), resourceIsImage)]), bind: false, expect: nv.why.vuid });
  }
  return out;
}

/** Runs the world, then the import (and the bind); returns the findings of the import and of the bind. */
function tryImport(c: Case, a: Attempt): { allocate: Finding[]; bind: Finding[] } {
  const process = c.query.process;
  const steps: Step[] = [...c.world(), { ...vk('vkAllocateMemory', { device: c.query.device, pAllocateInfo: a.info, pAllocator: null, pMemory: 'memImported' }), process }];
  const res = c.query.resource;
  if (a.bind && res) {
    const isImage = /^img/.test(String(res));
    steps.push({ ...vk(isImage ? 'vkBindImageMemory' : 'vkBindBufferMemory', { device: c.query.device, [isImage ? 'image' : 'buffer']: res, memory: 'memImported', memoryOffset: 0 }), process });
  }
  const fs = replay(steps);
  const n = c.world().length;
  return { allocate: fs[n], bind: a.bind && res ? fs[n + 1] : [] };
}

function resolve(c: Case): Resolution {
  const worldFindings = replay(c.world()).flat();
  expect(errors(worldFindings), 'the world itself is valid').toEqual([]);
  return resolveImport(v, c.query);
}

describe('resolveImport', () => {
  for (const c of cases) {
    describe(c.name, () => {
      it('decides as the spec says', () => {
        const r = resolve(c);
        c.check(r);
        expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
        const text = formatResolution(r);
        expect(text).not.toMatch(UNFILLED);
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      });

      it('agrees with the validator: the resolved chain is clean, each change is reported under the cited rule', () => {
        const r = resolve(c);
        const all = attempts(c, r);
        for (const a of all) {
          const found = tryImport(c, a);
          if (!a.expect) {
            expect(errors(found.allocate), `${a.label}: vkAllocateMemory`).toEqual([]);
            expect(errors(found.bind), `${a.label}: bind`).toEqual([]);
          } else {
            expect([...errors(found.allocate), ...errors(found.bind)], a.label).toContain(a.expect);
          }
        }
      });
    });
  }

  it('perturbs every checked decision somewhere in the cases', () => {
    const labels = cases.flatMap((c) => attempts(c, resolve(c)).map((a) => a.expect)).filter(Boolean);
    for (const vuid of [
      'VUID-VkMemoryAllocateInfo-allocationSize-01742', 'VUID-VkMemoryAllocateInfo-allocationSize-01743', 'VUID-VkMemoryAllocateInfo-allocationSize-00647',
      'VUID-VkMemoryAllocateInfo-allocationSize-01745', 'VUID-VkMemoryDedicatedAllocateInfo-image-02964', 'VUID-VkMemoryAllocateInfo-memoryTypeIndex-00645',
      'VUID-VkMemoryAllocateInfo-memoryTypeIndex-01744', 'VUID-VkMemoryAllocateInfo-memoryTypeIndex-00648', 'VUID-VkMemoryDedicatedAllocateInfo-image-01876', 'VUID-VkMemoryDedicatedAllocateInfo-image-01878',
      'VUID-VkMemoryDedicatedAllocateInfo-buffer-01877', 'VUID-vkBindImageMemory-image-01445', 'VUID-VkMemoryAllocateInfo-pNext-02806',
      'VUID-VkDedicatedAllocationMemoryAllocateInfoNV-buffer-00655', 'VUID-VkMemoryAllocateInfo-None-00643',
    ]) expect(labels, vuid).toContain(vuid);
  });
});
