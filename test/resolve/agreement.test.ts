// The resolver and the validator cannot disagree: both take an import's constraints from one place
// (assembly/rules/import-constraints.ts). This table builds worlds from every kind of source (Vulkan
// exports by NT, KMT, fd and name, device masks, NV, D3D11, D3D12 heaps and resources, DMA-BUF, host
// pointers, and handles that are closed, unseen, of the wrong type, freed, taken or another process's),
// each with every kind of resource the memory may be for and with and without capability answers, and
// checks for each world that
//   - a chain built from an answer without error problems draws no error from the validator (import and bind);
//   - whatever the validator reports on that chain, error or "cannot decide", is a rule the answer cited;
//   - every "cannot decide" the answer names under a checked rule, the validator says too;
//   - changing allocationSize, memoryTypeIndex, the dedicated structures or the device mask away from
//     the answer draws the rule the answer cited for it, and nothing the answer did not cite.
import { describe, it, expect, beforeAll } from 'vitest';
import { createValidator, type Finding } from '../../src/index.js';
import type { Validator } from '../../src/validator.js';
import { resolveImport, type ImportQuery, type Resolution, type Why } from '../../src/resolve/index.js';
import {
  prelude, buffer, image, allocate, exportInfo, dedicatedInfo, getWin32, getFd, importFd, vk, os, BIT,
  OPAQUE_FD, OPAQUE_WIN32, OPAQUE_WIN32_KMT, D3D11_TEXTURE, D3D11_TEXTURE_KMT, D3D12_HEAP, D3D12_RESOURCE, HOST_ALLOCATION,
  type Step, replayOn,
} from '../helpers/world.js';
import { flatten, rebuild, type Info } from '../helpers/chains.js';

const DMA_BUF_BIT = 0x200;
const NV_OPAQUE_WIN32 = 1;
const DEDICATED = 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO';
const DEDICATED_NV = 'VK_STRUCTURE_TYPE_DEDICATED_ALLOCATION_MEMORY_ALLOCATE_INFO_NV';
const FLAGS_INFO = 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_FLAGS_INFO';

const win32Props = (handleType: string, handle: string, bits: number, device = 'dev0') =>
  vk('vkGetMemoryWin32HandlePropertiesKHR', { device, handleType, handle, pMemoryWin32HandleProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_WIN32_HANDLE_PROPERTIES_KHR', pNext: null, memoryTypeBits: bits } });
const fdProps = (fd: number, bits: number) =>
  vk('vkGetMemoryFdPropertiesKHR', { device: 'dev0', handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT', fd, pMemoryFdProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_FD_PROPERTIES_KHR', pNext: null, memoryTypeBits: bits } });
const hostProps = (pointer: string, bits: number) =>
  vk('vkGetMemoryHostPointerPropertiesEXT', { device: 'dev0', handleType: HOST_ALLOCATION, pHostPointer: pointer, pMemoryHostPointerProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_HOST_POINTER_PROPERTIES_EXT', pNext: null, memoryTypeBits: bits } });
const inProcess = (process: string, steps: Step[]): Step[] => steps.map((s) => ({ ...s, process }));
const texture = os('D3D11CreateTexture2D', { width: 64, height: 64, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags: 0x802, size: 16384, ppTexture2D: 'tex0' });

/** Where the imported payload comes from: the calls that make it, and what the import names. */
interface Source {
  name: string;
  /** The handle type bit resources are created for (KHR; the NV source's KHR counterpart). */
  bit: number;
  /** Capability-answer features for `bit` when answers are given (0x1 dedicated only, 0x2 exportable, 0x4 importable). */
  features: number;
  hostAlignment?: number;
  /** The calls after the prelude (devices dev0 and dev1 exist), before the resources. */
  steps: Step[];
  query: Omit<ImportQuery, 'resource'>;
}

const vulkanExport = (dedicatedImage: boolean, bit: number, type: string, get: (m: string) => Step, extra: Record<string, unknown>[] = []): Step[] => [
  ...(dedicatedImage ? image('imgA', { handleTypes: bit }) : []),
  allocate('memA', dedicatedImage ? 16384 : 1024, dedicatedImage ? 2 : 0, [exportInfo(bit), ...(dedicatedImage ? [dedicatedInfo({ image: 'imgA' })] : []), ...extra]),
  get('memA'),
];

const sources: Source[] = [
  { name: 'OPAQUE_WIN32 of memory dedicated to an image', bit: BIT.OPAQUE_WIN32, features: 6, steps: vulkanExport(true, BIT.OPAQUE_WIN32, OPAQUE_WIN32, (m) => getWin32(m, OPAQUE_WIN32, '0x100')), query: { device: 'dev1', handleType: 'OPAQUE_WIN32', handle: '0x100' } },
  { name: 'OPAQUE_WIN32 of suballocated memory', bit: BIT.OPAQUE_WIN32, features: 6, steps: vulkanExport(false, BIT.OPAQUE_WIN32, OPAQUE_WIN32, (m) => getWin32(m, OPAQUE_WIN32, '0x100')), query: { device: 'dev1', handleType: 'OPAQUE_WIN32', handle: '0x100' } },
  { name: 'OPAQUE_WIN32 by name', bit: BIT.OPAQUE_WIN32, features: 6, steps: vulkanExport(false, BIT.OPAQUE_WIN32, OPAQUE_WIN32, (m) => getWin32(m, OPAQUE_WIN32, '0x100'), [{ sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_WIN32_HANDLE_INFO_KHR', pAttributes: null, dwAccess: 0, name: 'SharedMem' }]), query: { device: 'dev1', handleType: 'OPAQUE_WIN32', name: 'SharedMem' } },
  { name: 'OPAQUE_WIN32 of memory allocated with a device mask', bit: BIT.OPAQUE_WIN32, features: 6, steps: vulkanExport(false, BIT.OPAQUE_WIN32, OPAQUE_WIN32, (m) => getWin32(m, OPAQUE_WIN32, '0x100'), [{ sType: FLAGS_INFO, flags: 1, deviceMask: 3 }]), query: { device: 'dev1', handleType: 'OPAQUE_WIN32', handle: '0x100' } },
  { name: 'OPAQUE_WIN32_KMT', bit: BIT.OPAQUE_WIN32_KMT, features: 6, steps: vulkanExport(false, BIT.OPAQUE_WIN32_KMT, OPAQUE_WIN32_KMT, (m) => getWin32(m, OPAQUE_WIN32_KMT, '0x40000100')), query: { device: 'dev1', handleType: 'OPAQUE_WIN32_KMT', handle: '0x40000100' } },
  { name: 'OPAQUE_FD of memory dedicated to an image', bit: BIT.OPAQUE_FD, features: 6, steps: vulkanExport(true, BIT.OPAQUE_FD, OPAQUE_FD, (m) => getFd(m, OPAQUE_FD, 7)), query: { device: 'dev1', handleType: 'OPAQUE_FD', handle: 7 } },
  { name: 'OPAQUE_FD of suballocated memory', bit: BIT.OPAQUE_FD, features: 6, steps: vulkanExport(false, BIT.OPAQUE_FD, OPAQUE_FD, (m) => getFd(m, OPAQUE_FD, 7)), query: { device: 'dev1', handleType: 'OPAQUE_FD', handle: 7 } },
  {
    name: 'OPAQUE_WIN32_NV', bit: BIT.OPAQUE_WIN32, features: 6,
    steps: [allocate('memA', 1024, 0, [{ sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO_NV', handleTypes: NV_OPAQUE_WIN32 }]), vk('vkGetMemoryWin32HandleNV', { device: 'dev0', memory: 'memA', handleType: NV_OPAQUE_WIN32, pHandle: '0x200' })],
    query: { device: 'dev1', handleType: 'OPAQUE_WIN32_NV', handle: '0x200' },
  },
  {
    name: 'D3D11_TEXTURE with its properties asked', bit: BIT.D3D11_TEXTURE, features: 5,
    steps: [texture, os('IDXGIResource1_CreateSharedHandle', { resource: 'tex0', pAttributes: null, dwAccess: 0, lpName: null, pHandle: '0x400' }), win32Props(D3D11_TEXTURE, '0x400', 0x3, 'dev1')],
    query: { device: 'dev1', handleType: 'D3D11_TEXTURE', handle: '0x400' },
  },
  {
    name: 'D3D11_TEXTURE without its properties', bit: BIT.D3D11_TEXTURE, features: 5,
    steps: [texture, os('IDXGIResource1_CreateSharedHandle', { resource: 'tex0', pAttributes: null, dwAccess: 0, lpName: null, pHandle: '0x400' })],
    query: { device: 'dev1', handleType: 'D3D11_TEXTURE', handle: '0x400' },
  },
  {
    name: 'D3D11_TEXTURE_KMT', bit: BIT.D3D11_TEXTURE_KMT, features: 5,
    steps: [texture, os('IDXGIResource_GetSharedHandle', { resource: 'tex0', pSharedHandle: '0x40000b02' }), win32Props(D3D11_TEXTURE_KMT, '0x40000b02', 0x6, 'dev1')],
    query: { device: 'dev1', handleType: 'D3D11_TEXTURE_KMT', handle: '0x40000b02' },
  },
  {
    name: 'D3D12_HEAP by handle', bit: BIT.D3D12_HEAP, features: 6,
    steps: [os('D3D12CreateHeap', { sizeInBytes: 65536, flags: 0, ppHeap: 'heap0' }), os('ID3D12Device_CreateSharedHandle', { object: 'heap0', pAttributes: null, access: 0, name: 'SharedHeap', pHandle: '0x300' }), win32Props(D3D12_HEAP, '0x300', 0x1, 'dev1')],
    query: { device: 'dev1', handleType: 'D3D12_HEAP', handle: '0x300' },
  },
  {
    name: 'D3D12_HEAP by name', bit: BIT.D3D12_HEAP, features: 6,
    steps: [os('D3D12CreateHeap', { sizeInBytes: 65536, flags: 0, ppHeap: 'heap0' }), os('ID3D12Device_CreateSharedHandle', { object: 'heap0', pAttributes: null, access: 0, name: 'SharedHeap', pHandle: '0x300' }), win32Props(D3D12_HEAP, '0x300', 0x1, 'dev1')],
    query: { device: 'dev1', handleType: 'D3D12_HEAP', name: 'SharedHeap' },
  },
  {
    name: 'D3D12_RESOURCE', bit: BIT.D3D12_RESOURCE, features: 4,
    steps: [os('D3D12CreateCommittedResource', { width: 64, height: 64, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', heapFlags: 0, size: 16384, ppResource: 'res0' }), os('ID3D12Device_CreateSharedHandle', { object: 'res0', pAttributes: null, access: 0, name: null, pHandle: '0x500' }), win32Props(D3D12_RESOURCE, '0x500', 0x6, 'dev1')],
    query: { device: 'dev1', handleType: 'D3D12_RESOURCE', handle: '0x500' },
  },
  { name: 'DMA_BUF with its properties asked', bit: DMA_BUF_BIT, features: 6, steps: [os('DmaHeapAlloc', { size: 65536, fd: 9 }), fdProps(9, 0x6)], query: { device: 'dev0', handleType: 'DMA_BUF', handle: 9 } },
  { name: 'DMA_BUF without its properties', bit: DMA_BUF_BIT, features: 6, steps: [os('DmaHeapAlloc', { size: 65536, fd: 9 })], query: { device: 'dev0', handleType: 'DMA_BUF', handle: 9 } },
  { name: 'host pointer with its properties asked', bit: BIT.HOST_ALLOCATION, features: 4, hostAlignment: 4096, steps: [hostProps('0x10000', 0x2)], query: { device: 'dev0', handleType: 'HOST_ALLOCATION', handle: '0x10000' } },
  { name: 'host pointer, nothing asked', bit: BIT.HOST_ALLOCATION, features: 4, steps: [], query: { device: 'dev0', handleType: 'HOST_ALLOCATION', handle: '0x10000' } },
  { name: 'misaligned host pointer', bit: BIT.HOST_ALLOCATION, features: 4, hostAlignment: 4096, steps: [hostProps('0x10010', 0x2)], query: { device: 'dev0', handleType: 'HOST_ALLOCATION', handle: '0x10010' } },
  { name: 'a closed handle', bit: BIT.OPAQUE_WIN32, features: 6, steps: [...vulkanExport(false, BIT.OPAQUE_WIN32, OPAQUE_WIN32, (m) => getWin32(m, OPAQUE_WIN32, '0x100')), os('CloseHandle', { hObject: '0x100' })], query: { device: 'dev1', handleType: 'OPAQUE_WIN32', handle: '0x100' } },
  { name: 'a handle no call made', bit: BIT.OPAQUE_WIN32, features: 6, steps: [], query: { device: 'dev1', handleType: 'OPAQUE_WIN32', handle: '0x999' } },
  { name: 'a handle of another type', bit: BIT.D3D11_TEXTURE, features: 5, steps: [texture, os('IDXGIResource_GetSharedHandle', { resource: 'tex0', pSharedHandle: '0x40000b02' })], query: { device: 'dev1', handleType: 'D3D11_TEXTURE', handle: '0x40000b02' } },
  { name: 'a Vulkan handle of another type', bit: BIT.OPAQUE_WIN32_KMT, features: 6, steps: vulkanExport(true, BIT.OPAQUE_WIN32, OPAQUE_WIN32, (m) => getWin32(m, OPAQUE_WIN32, '0x100')), query: { device: 'dev1', handleType: 'OPAQUE_WIN32_KMT', handle: '0x100' } },
  { name: 'a KMT handle of freed memory', bit: BIT.OPAQUE_WIN32_KMT, features: 6, steps: [...vulkanExport(false, BIT.OPAQUE_WIN32_KMT, OPAQUE_WIN32_KMT, (m) => getWin32(m, OPAQUE_WIN32_KMT, '0x40000100')), vk('vkFreeMemory', { device: 'dev0', memory: 'memA', pAllocator: null })], query: { device: 'dev1', handleType: 'OPAQUE_WIN32_KMT', handle: '0x40000100' } },
  { name: 'an fd an import took', bit: BIT.OPAQUE_FD, features: 6, steps: [...vulkanExport(false, BIT.OPAQUE_FD, OPAQUE_FD, (m) => getFd(m, OPAQUE_FD, 7)), allocate('memB', 1024, 0, [importFd(OPAQUE_FD, 7)], 'dev1')], query: { device: 'dev1', handleType: 'OPAQUE_FD', handle: 7 } },
  { name: 'another process\'s handle', bit: BIT.OPAQUE_WIN32, features: 6, steps: inProcess('A', vulkanExport(false, BIT.OPAQUE_WIN32, OPAQUE_WIN32, (m) => getWin32(m, OPAQUE_WIN32, '0x100'))), query: { device: 'dev1', process: 'B', handleType: 'OPAQUE_WIN32', handle: '0x100' } },
];

/** What the memory is for, on the importing device: nothing, or one of these (and an unlike image to dedicate to wrongly). */
interface Target { name: string; id?: string; steps: (s: Source, device: string) => Step[] }
const targets: Target[] = [
  { name: 'no resource', steps: () => [] },
  { name: 'a buffer', id: 'bufT', steps: (s, device) => buffer('bufT', { device, handleTypes: s.bit }) },
  { name: 'an image', id: 'imgT', steps: (s, device) => image('imgT', { device, handleTypes: s.bit }) },
  { name: 'a buffer that requires a dedicated allocation', id: 'bufT', steps: (s, device) => buffer('bufT', { device, handleTypes: s.bit, requiresDedicated: true }) },
  { name: 'an image that requires a dedicated allocation', id: 'imgT', steps: (s, device) => image('imgT', { device, handleTypes: s.bit, requiresDedicated: true }) },
  { name: 'an NV-dedicated image', id: 'imgT', steps: (s, device) => image('imgT', { device, handleTypes: s.bit, nvDedicated: true }) },
  { name: 'a buffer created for no handle type', id: 'bufT', steps: (_s, device) => buffer('bufT', { device }) },
];

interface World { name: string; steps: Step[]; query: ImportQuery }
function worlds(): World[] {
  const out: World[] = [];
  for (const s of sources) {
    for (const answered of [true, false]) {
      for (const t of targets) {
        const device = String(s.query.device);
        const answers = answered ? { [s.bit]: s.features } : {};
        const steps = [
          ...prelude({ secondDevice: true, hostAlignment: s.hostAlignment, bufferAnswers: answers, imageAnswers: answers }),
          ...s.steps,
          ...inProcess(s.query.process ?? 'main', [...t.steps(s, device), ...image('imgOther', { device, handleTypes: s.bit, width: 32 })]),
        ];
        out.push({ name: `${s.name}, ${t.name}, ${answered ? 'capabilities answered' : 'no capability answer'}`, steps, query: { ...s.query, ...(t.id ? { resource: t.id } : {}) } });
      }
    }
  }
  return out;
}

let v: Validator;
beforeAll(async () => { v = await createValidator(); });

const cited = (r: Resolution): Set<string> => {
  const whys: Why[] = [
    r.allocationSize.why, ...r.allocationSize.constraints.map((c) => c.why), r.memoryTypeIndex.why, ...r.memoryTypeIndex.components.map((c) => c.why),
    r.dedicated.why, ...r.dedicated.parts.map((p) => p.why), r.dedicatedNV.why, ...r.dedicatedNV.parts.map((p) => p.why),
    ...r.chain.flatMap((c) => (c.why ? [c.why] : [])), ...r.problems.map((p) => p.why), ...r.notes,
  ];
  return new Set(whys.filter((w) => w.checked && w.vuid).map((w) => w.vuid!));
};

const dedicatedTo = (sType: string, target: string, isImage: boolean): Info => ({ sType, image: isImage ? target : 'VK_NULL_HANDLE', buffer: isImage ? 'VK_NULL_HANDLE' : target });

interface Outcome { errors: string[]; undecidable: string[] }
/** The world, then the import (and the bind of the resource, when `bind`); the findings of those last calls. */
function run(w: World, info: Info, bind: boolean): Outcome {
  const process = w.query.process ?? 'main';
  const steps: Step[] = [...w.steps, { ...vk('vkAllocateMemory', { device: w.query.device, pAllocateInfo: info, pAllocator: null, pMemory: 'memImported' }), process }];
  const res = w.query.resource;
  if (bind && res) {
    const isImage = String(res).startsWith('img');
    steps.push({ ...vk(isImage ? 'vkBindImageMemory' : 'vkBindBufferMemory', { device: w.query.device, [isImage ? 'image' : 'buffer']: res, memory: 'memImported', memoryOffset: 0 }), process });
  }
  const fs: Finding[] = replayOn(v, steps).slice(w.steps.length).flat();
  return { errors: fs.filter((f) => f.severity === 'error').map((f) => f.vuid), undecidable: fs.filter((f) => f.severity === 'undecidable').map((f) => f.vuid) };
}

interface Change {
  label: string; info: Info; bind: boolean; expect: string;
  /** The change touches a number or drops a structure: nothing but cited rules may break. (Naming a resource in a dedicated structure may break that resource's own rules too.) */
  onlyCited: boolean;
}
/** Each checked decision of the answer, changed away from it. */
function changes(w: World, r: Resolution): Change[] {
  const info = r.allocateInfo;
  const chain = flatten(info);
  const out: Change[] = [];
  const s = r.allocationSize;
  if (s.why.checked && s.value !== undefined) {
    const wrong = s.mode === 'EXACT' ? s.value + 4096 : s.mode === 'RESOURCE_REQUIREMENT' ? s.value - 4096 : s.mode === 'ALIGNED' ? s.value + 1 : undefined;
    if (wrong !== undefined) out.push({ label: `allocationSize ${wrong}`, info: rebuild(info, chain, { allocationSize: wrong }), bind: false, expect: s.why.vuid!, onlyCited: true });
  }
  const t = r.memoryTypeIndex;
  const outside = [0, 1, 2].find((i) => !t.candidates.includes(i));
  if (t.why.checked && outside !== undefined) out.push({ label: `memoryTypeIndex ${outside}`, info: rebuild(info, chain, { memoryTypeIndex: outside }), bind: false, expect: t.why.vuid!, onlyCited: true });
  const res = w.query.resource ? String(w.query.resource) : undefined;
  const isImage = res?.startsWith('img') ?? true;
  const d = r.dedicated;
  if (d.decision === 'REQUIRED' && d.why.checked && res && chain.some((x) => x.sType === DEDICATED)) {
    if (d.why.vuid!.includes('vkBind')) out.push({ label: 'without the dedicated structure, then bind', info: rebuild(info, chain.filter((x) => x.sType !== DEDICATED)), bind: true, expect: d.why.vuid!, onlyCited: true });
    else out.push({ label: 'dedicated to imgOther', info: rebuild(info, chain.map((x) => (x.sType === DEDICATED ? dedicatedTo(DEDICATED, 'imgOther', true) : x))), bind: false, expect: d.why.vuid!, onlyCited: false });
  }
  if (d.decision === 'NOT_ALLOWED' && d.why.checked && res) out.push({ label: 'with a dedicated structure', info: rebuild(info, [...chain, dedicatedTo(DEDICATED, res, isImage)]), bind: false, expect: d.why.vuid!, onlyCited: false });
  const nv = r.dedicatedNV;
  if (nv.decision === 'NOT_ALLOWED' && nv.why.checked && res) out.push({ label: 'with an NV dedicated structure', info: rebuild(info, [...chain, dedicatedTo(DEDICATED_NV, res, isImage)]), bind: false, expect: nv.why.vuid!, onlyCited: false });
  if (nv.decision === 'REQUIRED' && nv.why.checked && res && chain.some((x) => x.sType === DEDICATED_NV)) {
    out.push({ label: 'without the NV dedicated structure, then bind', info: rebuild(info, chain.filter((x) => x.sType !== DEDICATED_NV)), bind: true, expect: nv.why.vuid!, onlyCited: true });
  }
  const flags = r.chain.find((x) => x.struct === 'VkMemoryAllocateFlagsInfo');
  if (flags?.why?.checked) out.push({ label: 'without the device mask', info: rebuild(info, chain.filter((x) => x.sType !== FLAGS_INFO)), bind: false, expect: flags.why.vuid!, onlyCited: true });
  return out;
}

const all = worlds();

describe('resolver and validator agree on every import constraint', () => {
  for (const w of all) {
    it(w.name, () => {
      replayOn(v, w.steps);
      const r = resolveImport(v, w.query);
      const why = cited(r);
      const resolved = run(w, r.allocateInfo, true);
      if (r.ok) expect(resolved.errors, 'the resolved chain, imported and bound').toEqual([]);
      for (const vuid of resolved.errors) expect([...why], `the validator's error ${vuid} on the resolved chain is cited`).toContain(vuid);
      for (const vuid of resolved.undecidable) expect([...why], `the validator's "cannot decide" ${vuid} on the resolved chain is cited`).toContain(vuid);
      for (const p of r.problems) {
        if (p.severity === 'undecidable' && p.why.checked) expect([...resolved.undecidable, ...resolved.errors], `the answer cannot decide ${p.why.vuid}; nor can the validator`).toContain(p.why.vuid);
      }
      for (const c of changes(w, r)) {
        const found = run(w, c.info, c.bind);
        expect(found.errors, c.label).toContain(c.expect);
        if (c.onlyCited) for (const vuid of found.errors) expect([...why], `${c.label}: the validator's ${vuid} is cited`).toContain(vuid);
      }
    });
  }

  it('changes every kind of checked decision somewhere in the table', () => {
    const expected = new Set<string>();
    for (const w of all) {
      replayOn(v, w.steps);
      for (const c of changes(w, resolveImport(v, w.query))) expected.add(c.expect);
    }
    for (const vuid of [
      'VUID-VkMemoryAllocateInfo-allocationSize-01742', 'VUID-VkMemoryAllocateInfo-allocationSize-01743', 'VUID-VkMemoryAllocateInfo-allocationSize-00647',
      'VUID-VkMemoryAllocateInfo-allocationSize-01745', 'VUID-VkMemoryDedicatedAllocateInfo-image-02964', 'VUID-VkMemoryDedicatedAllocateInfo-buffer-02965',
      'VUID-VkMemoryAllocateInfo-memoryTypeIndex-00645', 'VUID-VkMemoryAllocateInfo-memoryTypeIndex-00648', 'VUID-VkMemoryAllocateInfo-memoryTypeIndex-01744',
      'VUID-VkMemoryDedicatedAllocateInfo-image-01876', 'VUID-VkMemoryDedicatedAllocateInfo-buffer-01877', 'VUID-VkMemoryDedicatedAllocateInfo-image-01878',
      'VUID-VkMemoryDedicatedAllocateInfo-buffer-01879', 'VUID-vkBindImageMemory-image-01445', 'VUID-vkBindBufferMemory-buffer-01444',
      'VUID-VkMemoryAllocateInfo-pNext-02806', 'VUID-VkMemoryAllocateInfo-pNext-02805', 'VUID-VkDedicatedAllocationMemoryAllocateInfoNV-image-00654',
      'VUID-VkDedicatedAllocationMemoryAllocateInfoNV-buffer-00655', 'VUID-vkBindImageMemory-image-01050', 'VUID-VkMemoryAllocateInfo-None-00643',
    ]) expect([...expected], vuid).toContain(vuid);
  });
});
