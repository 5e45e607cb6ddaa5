// `vk-extmem resolve` and the explorer ask "what must this import use" about a situation, not about a
// trace: a source (memory exported by Vulkan, a D3D11 texture by NT or KMT handle, a D3D12 heap or
// resource, a dma-buf fd, a host allocation, a named object) and an importing device from a profile.
// The request is turned into the calls that make that world, run through the session on the mock, and
// the core resolves the import against the state those calls built.
import type { CallRecord } from '../input/record.js';
import type { NormalizedProfile } from '../profiles/types.js';
import type { Validator } from '../validator.js';
import { InputError, show } from '../core/errors.js';
import { Session } from '../session/session.js';
import { createMockBackend } from '../backends/mock/index.js';
import { parseHandleType } from './words.js';
import { resolveImport } from './index.js';
import type { Resolution } from './types.js';
import { SOURCE_KINDS, sourceTypeName, type SourceKind } from './sources.js';
import { FD_TYPES, HOST_TYPES, KMT_TYPES, NV_KMT_TYPES, NV_TO_KHR } from '../generated/handle-types.js';
import { EXTENSIONS } from '../generated/registry.js';

export type { SourceKind };
export interface ResolveRequest {
  /** The importing device's profile (a built-in name; the CLI also takes a file). */
  profile: string;
  source: {
    kind: SourceKind;
    /** vulkan: the handle type exported (KHR or NV name, short or full); d3d11-texture: "nt" or "kmt" via `shared`. */
    handleType?: string;
    shared?: 'nt' | 'kmt';
    /** Import by the name given when the NT handle was made (OPAQUE_WIN32, D3D11_TEXTURE, D3D12_*). */
    byName?: boolean;
    /** vulkan: export from memory dedicated to the exporter's resource. */
    dedicated?: boolean;
    /** Bytes, for heaps, dma-bufs and host allocations. */
    size?: number;
  };
  /** "other": import in a second process, after DuplicateHandle (NT handles) or by the global value (KMT). */
  process?: 'same' | 'other';
  /** What the imported memory will be bound to. Default: an image for textures and resources, else a buffer. */
  resource?: { image?: { width?: number; height?: number; format?: string; tiling?: string; usage?: number }; buffer?: { size?: number; usage?: number } };
}

export interface ResolveResult {
  resolution: Resolution;
  profile: NormalizedProfile;
  steps: CallRecord[];
  /** What the world's calls named each thing (the device, the handle, the resource…), so a reader can be told what `dstRes` or `hSrc` is. */
  names: World['names'];
  /** Extensions the resolved vkAllocateMemory needs that the importing device was not created with (its profile does not offer them). */
  missingExtensions: MissingExtension[];
}

/** An extension the import needs and the device lacks, as the validator's check of the resolved vkAllocateMemory names it. */
export interface MissingExtension {
  extension: string;
  /** The rule that names it (a pNext structure or an enumerant of an extension not enabled). */
  vuid: string;
  url: string;
  /** The validator's message. */
  message: string;
}

const DXGI: Record<string, string> = { VK_FORMAT_R8G8B8A8_UNORM: 'DXGI_FORMAT_R8G8B8A8_UNORM', VK_FORMAT_B8G8R8A8_UNORM: 'DXGI_FORMAT_B8G8R8A8_UNORM', VK_FORMAT_R16G16B16A16_SFLOAT: 'DXGI_FORMAT_R16G16B16A16_FLOAT', VK_FORMAT_R32_SFLOAT: 'DXGI_FORMAT_R32_FLOAT' };

/** Checks a request read from JSON; errors name the member. */
export function checkRequest(x: unknown): ResolveRequest {
  const r = x as ResolveRequest;
  if (!r || typeof r !== 'object') throw new InputError('a resolve request is a JSON object with "profile" and "source"', {});
  if (typeof r.profile !== 'string') throw new InputError(`expected a profile name, got ${show(r.profile)}`, { path: 'profile' });
  if (!r.source || typeof r.source !== 'object') throw new InputError('needs a "source" object', { path: 'source' });
  if (!SOURCE_KINDS.includes(r.source.kind)) throw new InputError(`${show(r.source.kind)} is not a source kind; use one of ${SOURCE_KINDS.join(', ')}`, { path: 'source.kind' });
  if (r.source.kind === 'vulkan' && !parseHandleType(String(r.source.handleType ?? ''))) throw new InputError(`${show(r.source.handleType)} is not a handle type name (e.g. "OPAQUE_WIN32", "OPAQUE_FD", "OPAQUE_WIN32_NV")`, { path: 'source.handleType' });
  if (r.source.shared !== undefined && r.source.shared !== 'nt' && r.source.shared !== 'kmt') throw new InputError(`${show(r.source.shared)} must be "nt" or "kmt"`, { path: 'source.shared' });
  if (r.source.size !== undefined && !(Number.isInteger(r.source.size) && r.source.size > 0 && r.source.size <= 2 ** 40)) throw new InputError(`${show(r.source.size)} is not a size in bytes (1 … 2^40)`, { path: 'source.size' });
  if (r.process !== undefined && r.process !== 'same' && r.process !== 'other') throw new InputError(`${show(r.process)} must be "same" or "other"`, { path: 'process' });
  for (const [k, v] of Object.entries(r.resource?.image ?? {})) if (k !== 'format' && k !== 'tiling' && !(Number.isInteger(v) && (v as number) > 0 && (v as number) <= 65536)) throw new InputError(`${show(v)} is out of range`, { path: `resource.image.${k}` });
  const bs = r.resource?.buffer?.size;
  if (bs !== undefined && !(Number.isInteger(bs) && bs > 0 && bs <= 2 ** 40)) throw new InputError(`${show(bs)} is not a size in bytes`, { path: 'resource.buffer.size' });
  return r;
}

/** How far `buildWorld` goes: the source's allocation (vulkan, before any export), the handle in the importing process, or everything an import needs (handle properties and the resource). */
export type WorldStage = 'allocation' | 'handle' | 'resource';

/** The world a request describes, built on the mock: the session (its validator holds the state), the calls made, and the names they used. */
export interface World {
  session: Session;
  backend: ReturnType<typeof createMockBackend>;
  steps: CallRecord[];
  /** Runs one more call in this world (numbered after the others) and returns what it did. */
  step(rec: Omit<CallRecord, 'call'>): ReturnType<Session['step']>;
  names: {
    /** The importing device, and its process (undefined: main). */
    device: string; process?: string;
    /** The exporting side's device, memory (vulkan sources) and resource. */
    sourceDevice: string; sourceMemory?: string; sourceResource?: string;
    /** The handle (value name, fd number or host pointer) in the importing process, or the name to import by. */
    handle?: string | number; name?: string;
    /** The handle as the source made it, in the exporting process (differs from `handle` after DuplicateHandle). */
    sourceHandle?: string | number;
    /** The handle type, as the request named it; its bit and family. */
    handleType?: string; bit?: number; nv?: boolean;
    /** The importing side's resource (stage "resource"), image or buffer. */
    resource?: string; resourceKind?: 'image' | 'buffer';
  };
}

export function resolveRequest(v: Validator, req: ResolveRequest, profile: NormalizedProfile): ResolveResult {
  const world = buildWorld(v, req, profile, 'resource');
  const { device, process, handleType, handle, name, resource } = world.names;
  const resolution = resolveImport(v, { device, process, handleType: handleType!, ...(name ? { name } : { handle }), resource });
  const missingExtensions = extensionsMissing(v, world, resolution, profile);
  world.backend.dispose();
  return { resolution, profile, steps: world.steps, names: world.names, missingExtensions };
}

/**
 * The extensions the resolved vkAllocateMemory uses that the device lacks: the validator checks the call
 * (without applying it) and names, in its findings, the extension of each structure or enumerant that
 * is not enabled; those the profile does not offer are the ones missing.
 */
function extensionsMissing(v: Validator, world: World, resolution: Resolution, profile: NormalizedProfile): MissingExtension[] {
  const { device, process } = world.names;
  const findings = v.check({ kind: 'vk', name: 'vkAllocateMemory', call: world.steps.length + 1, ...(process ? { process } : {}), args: { device, pAllocateInfo: resolution.allocateInfo, pAllocator: null, pMemory: 'importedMemory' } }, false);
  const out: MissingExtension[] = [];
  for (const f of findings) {
    for (const extension of f.message.match(/\bVK_[A-Z0-9]+_\w+/g) ?? []) {
      if (!EXTENSIONS.includes(extension) || profile.extensions.includes(extension) || out.some((m) => m.extension === extension)) continue;
      out.push({ extension, vuid: f.vuid, url: f.url, message: f.message });
    }
  }
  return out;
}

/**
 * Makes the calls that build the request's world on the mock: the devices, the source and its handle,
 * and (stage "resource") the handle's properties and the resource the import will be bound to. With
 * `source: null` it makes only the importing device and (stage "resource") a resource.
 */
export function buildWorld(v: Validator, req: Omit<ResolveRequest, 'source'> & { source: ResolveRequest['source'] | null }, profile: NormalizedProfile, stage: WorldStage = 'resource'): World {
  // Without a source, nothing is exported or imported: the handle-type dependent calls are left out.
  const src = req.source ?? { kind: 'none' as const };
  const typeName = src.kind === 'none' ? undefined : src.kind === 'vulkan' ? String(src.handleType) : sourceTypeName(src);
  const type = (typeName && parseHandleType(typeName)) || { bit: 0, nv: false };
  const kmt = (type.bit & (type.nv ? NV_KMT_TYPES : KMT_TYPES)) !== 0;
  const fd = !type.nv && (type.bit & FD_TYPES) !== 0;
  const host = !type.nv && (type.bit & HOST_TYPES) !== 0;
  const khrBit = type.nv ? NV_TO_KHR[type.bit] : type.bit;
  const wantsImage = req.resource?.image !== undefined || (req.resource?.buffer === undefined && (src.kind === 'd3d11-texture' || src.kind === 'd3d12-resource' || type.nv));
  const img = { width: 256, height: 256, format: 'VK_FORMAT_R8G8B8A8_UNORM', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage: 0x7, ...req.resource?.image };
  const size = ('size' in src ? src.size : undefined) ?? 65536;
  const buf = { size, usage: 0x3, ...req.resource?.buffer };

  const backend = createMockBackend([profile]);
  const session = new Session(v, backend);
  const steps: CallRecord[] = [];
  const run = (kind: 'vk' | 'os', name: string, args: Record<string, unknown>, process?: string) => {
    const rec: CallRecord = { kind, name, args, call: steps.length + 1, process };
    steps.push(rec);
    return session.step(rec);
  };
  const other = req.process === 'other' ? 'B' : undefined;

  const external = (image: boolean) => !typeName ? null : type.nv
    ? { sType: image ? 'VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO_NV' : 'VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO', pNext: null, handleTypes: image ? type.bit : khrBit }
    : { sType: image ? 'VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO' : 'VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO', pNext: null, handleTypes: type.bit };
  const prelude = (p: string | undefined) => {
    const s = p ?? 'main';
    run('vk', 'vkCreateInstance', { pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO', pNext: null, flags: 0, pApplicationInfo: { sType: 'VK_STRUCTURE_TYPE_APPLICATION_INFO', pNext: null, apiVersion: 4206592 }, enabledExtensionCount: 0, ppEnabledExtensionNames: null }, pAllocator: null, pInstance: `inst_${s}` }, p);
    run('vk', 'vkEnumeratePhysicalDevices', { instance: `inst_${s}`, pPhysicalDeviceCount: 1, pPhysicalDevices: [`pd_${s}`] }, p);
    const hostProps = profile.device.minImportedHostPointerAlignment ? { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_MEMORY_HOST_PROPERTIES_EXT', pNext: null, minImportedHostPointerAlignment: 0 } : null;
    run('vk', 'vkGetPhysicalDeviceProperties2', { physicalDevice: `pd_${s}`, pProperties: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2', pNext: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES', pNext: hostProps, deviceUUID: '0-0-0-0-0-0-0-0-0-0-0-0-0-0-0-0', driverUUID: '0-0-0-0-0-0-0-0-0-0-0-0-0-0-0-0', deviceLUID: '0-0-0-0-0-0-0-0', deviceNodeMask: 0, deviceLUIDValid: 0 }, properties: { apiVersion: 0, deviceName: '' } } }, p);
    run('vk', 'vkGetPhysicalDeviceMemoryProperties', { physicalDevice: `pd_${s}`, pMemoryProperties: { memoryTypeCount: 0, memoryTypes: [], memoryHeapCount: 0, memoryHeaps: [] } }, p);
    const emp = { externalMemoryFeatures: 0, exportFromImportedHandleTypes: 0, compatibleHandleTypes: 0 };
    if (!typeName) { /* nothing to ask about */ } else if (type.nv) run('vk', 'vkGetPhysicalDeviceExternalImageFormatPropertiesNV', { physicalDevice: `pd_${s}`, format: img.format, type: 'VK_IMAGE_TYPE_2D', tiling: img.tiling, usage: img.usage, flags: 0, externalHandleType: type.bit, pExternalImageFormatProperties: { imageFormatProperties: {}, ...emp } }, p);
    else if (wantsImage) run('vk', 'vkGetPhysicalDeviceImageFormatProperties2', { physicalDevice: `pd_${s}`, pImageFormatInfo: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2', pNext: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO', pNext: null, handleType: type.bit }, format: img.format, type: 'VK_IMAGE_TYPE_2D', tiling: img.tiling, usage: img.usage, flags: 0 }, pImageFormatProperties: { sType: 'VK_STRUCTURE_TYPE_IMAGE_FORMAT_PROPERTIES_2', pNext: { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES', pNext: null, externalMemoryProperties: emp }, imageFormatProperties: {} } }, p);
    else run('vk', 'vkGetPhysicalDeviceExternalBufferProperties', { physicalDevice: `pd_${s}`, pExternalBufferInfo: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_BUFFER_INFO', pNext: null, flags: 0, usage: buf.usage, handleType: type.bit }, pExternalBufferProperties: { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_BUFFER_PROPERTIES', pNext: null, externalMemoryProperties: emp } }, p);
    run('vk', 'vkCreateDevice', { physicalDevice: `pd_${s}`, pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO', pNext: null, flags: 0, queueCreateInfoCount: 0, enabledExtensionCount: profile.extensions.length, ppEnabledExtensionNames: [...profile.extensions] }, pAllocator: null, pDevice: `dev_${s}` }, p);
  };
  const resource = (name: string, p: string | undefined) => {
    const dev = `dev_${p ?? 'main'}`;
    if (wantsImage) {
      run('vk', 'vkCreateImage', { device: dev, pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO', pNext: external(true), flags: 0, imageType: 'VK_IMAGE_TYPE_2D', format: img.format, extent: { width: img.width, height: img.height, depth: 1 }, mipLevels: 1, arrayLayers: 1, samples: 'VK_SAMPLE_COUNT_1_BIT', tiling: img.tiling, usage: img.usage, sharingMode: 'VK_SHARING_MODE_EXCLUSIVE', queueFamilyIndexCount: 0, pQueueFamilyIndices: null, initialLayout: 'VK_IMAGE_LAYOUT_UNDEFINED' }, pAllocator: null, pImage: name }, p);
      run('vk', 'vkGetImageMemoryRequirements2', { device: dev, pInfo: { sType: 'VK_STRUCTURE_TYPE_IMAGE_MEMORY_REQUIREMENTS_INFO_2', pNext: null, image: name }, pMemoryRequirements: { sType: 'VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2', pNext: { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS', pNext: null, prefersDedicatedAllocation: 0, requiresDedicatedAllocation: 0 }, memoryRequirements: { size: 0, alignment: 0, memoryTypeBits: 0 } } }, p);
    } else {
      run('vk', 'vkCreateBuffer', { device: dev, pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO', pNext: external(false), flags: 0, size: buf.size, usage: buf.usage, sharingMode: 'VK_SHARING_MODE_EXCLUSIVE', queueFamilyIndexCount: 0, pQueueFamilyIndices: null }, pAllocator: null, pBuffer: name }, p);
      run('vk', 'vkGetBufferMemoryRequirements2', { device: dev, pInfo: { sType: 'VK_STRUCTURE_TYPE_BUFFER_MEMORY_REQUIREMENTS_INFO_2', pNext: null, buffer: name }, pMemoryRequirements: { sType: 'VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2', pNext: { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS', pNext: null, prefersDedicatedAllocation: 0, requiresDedicatedAllocation: 0 }, memoryRequirements: { size: 0, alignment: 0, memoryTypeBits: 0 } } }, p);
    }
  };
  const properties = (handle: string | number, p: string | undefined) => {
    const dev = `dev_${p ?? 'main'}`;
    if (host) run('vk', 'vkGetMemoryHostPointerPropertiesEXT', { device: dev, handleType: type.bit, pHostPointer: handle, pMemoryHostPointerProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_HOST_POINTER_PROPERTIES_EXT', pNext: null, memoryTypeBits: 0 } }, p);
    else if (fd) run('vk', 'vkGetMemoryFdPropertiesKHR', { device: dev, handleType: type.bit, fd: handle, pMemoryFdProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_FD_PROPERTIES_KHR', pNext: null, memoryTypeBits: 0 } }, p);
    else run('vk', 'vkGetMemoryWin32HandlePropertiesKHR', { device: dev, handleType: type.bit, handle, pMemoryWin32HandleProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_WIN32_HANDLE_PROPERTIES_KHR', pNext: null, memoryTypeBits: 0 } }, p);
  };

  const name = src.kind !== 'none' && src.byName ? 'Local\\vk-extmem-resolve' : null;
  let sourceHandle: string | number | undefined;
  const world = (device: string, process: string | undefined, handle: string | number | undefined, resource?: string): World => ({
    session, backend, steps,
    step: (rec) => run(rec.kind as 'vk' | 'os', rec.name, rec.args, rec.process),
    names: {
      device, process, sourceDevice: 'dev_main', sourceMemory: src.kind === 'vulkan' ? 'srcMem' : undefined, sourceResource: src.kind === 'vulkan' ? 'srcRes' : undefined,
      handle: name ? undefined : handle, name: name ?? undefined, ...(sourceHandle !== undefined ? { sourceHandle } : {}), handleType: typeName, bit: typeName ? type.bit : undefined, nv: typeName ? type.nv : undefined,
      resource, resourceKind: resource ? (wantsImage ? 'image' : 'buffer') : undefined,
    },
  });

  prelude(undefined);
  if (src.kind === 'none') {
    if (stage === 'resource') resource('dstRes', undefined);
    return world('dev_main', undefined, undefined, stage === 'resource' ? 'dstRes' : undefined);
  }
  let handle: string | number = fd ? 100 : 'hSrc';
  if (src.kind === 'vulkan') {
    resource('srcRes', undefined);
    const reqs = wantsImage ? backend.vulkan.imageRequirements(session.bind.object('dev_main'), session.bind.object('srcRes')) : backend.vulkan.bufferRequirements(session.bind.object('dev_main'), session.bind.object('srcRes'));
    const dedicated = src.dedicated || reqs.requiresDedicatedAllocation;
    const chain: Record<string, unknown>[] = [type.nv ? { sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO_NV', handleTypes: type.bit } : { sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO', handleTypes: type.bit }];
    if (name) chain.push({ sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_WIN32_HANDLE_INFO_KHR', pAttributes: null, dwAccess: 0x80000001, name });
    if (dedicated) chain.push(type.nv ? { sType: 'VK_STRUCTURE_TYPE_DEDICATED_ALLOCATION_MEMORY_ALLOCATE_INFO_NV', image: wantsImage ? 'srcRes' : 'VK_NULL_HANDLE', buffer: wantsImage ? 'VK_NULL_HANDLE' : 'srcRes' } : { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO', image: wantsImage ? 'srcRes' : 'VK_NULL_HANDLE', buffer: wantsImage ? 'VK_NULL_HANDLE' : 'srcRes' });
    let pNext: unknown = null;
    for (const c of chain.reverse()) pNext = { ...c, pNext };
    run('vk', 'vkAllocateMemory', { device: 'dev_main', pAllocateInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', pNext, allocationSize: '$size(srcRes)', memoryTypeIndex: '$type(srcRes)' }, pAllocator: null, pMemory: 'srcMem' });
    if (stage === 'allocation') return world('dev_main', undefined, undefined);
    if (type.nv) run('vk', 'vkGetMemoryWin32HandleNV', { device: 'dev_main', memory: 'srcMem', handleType: type.bit, pHandle: 'hSrc' });
    else if (fd) run('vk', 'vkGetMemoryFdKHR', { device: 'dev_main', pGetFdInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR', pNext: null, memory: 'srcMem', handleType: type.bit }, pFd: 100 });
    else run('vk', 'vkGetMemoryWin32HandleKHR', { device: 'dev_main', pGetWin32HandleInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_GET_WIN32_HANDLE_INFO_KHR', pNext: null, memory: 'srcMem', handleType: type.bit }, pHandle: 'hSrc' });
  } else if (src.kind === 'd3d11-texture') {
    run('os', 'D3D11CreateTexture2D', { adapterLUID: '$luid', width: img.width, height: img.height, format: DXGI[img.format] ?? 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags: kmt ? 0x2 : 0x802, ppTexture2D: 'texture' });
    if (kmt) run('os', 'IDXGIResource_GetSharedHandle', { resource: 'texture', pSharedHandle: 'hSrc' });
    else run('os', 'IDXGIResource1_CreateSharedHandle', { resource: 'texture', pAttributes: null, dwAccess: 0x80000001, lpName: name, pHandle: 'hSrc' });
  } else if (src.kind === 'd3d12-heap' || src.kind === 'd3d12-resource') {
    if (src.kind === 'd3d12-heap') run('os', 'D3D12CreateHeap', { adapterLUID: '$luid', sizeInBytes: size, flags: 0x1, ppHeap: 'd3dObject' });
    else run('os', 'D3D12CreateCommittedResource', { adapterLUID: '$luid', width: img.width, height: img.height, format: DXGI[img.format] ?? 'DXGI_FORMAT_R8G8B8A8_UNORM', heapFlags: 0x1, ppResource: 'd3dObject' });
    run('os', 'ID3D12Device_CreateSharedHandle', { object: 'd3dObject', pAttributes: null, access: 0x10000000, name, pHandle: 'hSrc' });
  } else if (src.kind === 'dma-buf') {
    run('os', 'DmaHeapAlloc', { size, fd: 100 });
  } else if (src.kind === 'host-pointer') {
    handle = `0x${backend.os.hostAlloc(0, size, profile.device.minImportedHostPointerAlignment ?? 4096).toString(16)}`;
  }
  sourceHandle = handle;

  let process: string | undefined;
  if (other) {
    process = other;
    if (!kmt && !fd && !host && !name) {
      run('os', 'DuplicateHandle', { hSourceProcessHandle: 'main', hSourceHandle: 'hSrc', hTargetProcessHandle: other, lpTargetHandle: 'hDst', dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 2 });
      handle = 'hDst';
    }
    prelude(other);
  }
  if (stage !== 'resource') return world(`dev_${process ?? 'main'}`, process, handle);
  const opaque = src.kind === 'vulkan';
  // Non-opaque imports take their memory types from a handle-properties answer (by name: ask about the
  // handle the name belongs to, in the process that holds it).
  if (!opaque) properties(name && other ? 'hSrc' : handle, name && other ? undefined : process);
  resource('dstRes', process);
  return world(`dev_${process ?? 'main'}`, process, handle, 'dstRes');
}
