// Building blocks for rule tests: a prelude that sets up an instance, a physical device with known
// identity and memory types, a device, and capability answers; then steps written like scenario steps.
import { createValidator, type Finding, type CallRecord } from '../../src/index.js';
import type { Validator } from '../../src/validator.js';
import { UNFILLED } from './messages.js';

export type Step = { vkFunc?: { name: string; args: Record<string, unknown>; return?: unknown }; os?: { name: string; args: Record<string, unknown>; return?: unknown }; process?: string };

export const OPAQUE_FD = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT';
export const OPAQUE_WIN32 = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT';
export const OPAQUE_WIN32_KMT = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT';
export const D3D11_TEXTURE = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT';
export const D3D11_TEXTURE_KMT = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT';
export const D3D12_HEAP = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT';
export const D3D12_RESOURCE = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_RESOURCE_BIT';
export const HOST_ALLOCATION = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT';
export const BIT = { OPAQUE_FD: 1, OPAQUE_WIN32: 2, OPAQUE_WIN32_KMT: 4, D3D11_TEXTURE: 8, D3D11_TEXTURE_KMT: 16, D3D12_HEAP: 32, D3D12_RESOURCE: 64, HOST_ALLOCATION: 128 };

export const vk = (name: string, args: Record<string, unknown>, ret: unknown = 'VK_SUCCESS'): Step => ({ vkFunc: ret === undefined ? { name, args } : { name, args, return: ret } });
export const os = (name: string, args: Record<string, unknown>): Step => ({ os: { name, args } });

export interface PreludeOptions {
  apiVersion?: number;
  extensions?: string[];
  /** Capability answers to record: handle type bit -> externalMemoryFeatures (0x1 dedicated only, 0x2 exportable, 0x4 importable). */
  bufferAnswers?: Record<number, number>;
  imageAnswers?: Record<number, number>;
  hostAlignment?: number;
  /** A second device on the same physical device ("dev1"). */
  secondDevice?: boolean;
  features?: Record<string, unknown> | null;
}

export const BUFFER_USAGE = 3; // TRANSFER_SRC | TRANSFER_DST
export const IMAGE_USAGE = 7; // TRANSFER_SRC | TRANSFER_DST | SAMPLED

/** instance "inst", physical device "pd" (UUIDs known, 3 memory types), device "dev0" (and "dev1"). */
export function prelude(o: PreludeOptions = {}): Step[] {
  const api = o.apiVersion ?? 4198400;
  const steps: Step[] = [
    vk('vkCreateInstance', { pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO', pNext: null, flags: 0, pApplicationInfo: { sType: 'VK_STRUCTURE_TYPE_APPLICATION_INFO', pNext: null, apiVersion: api }, enabledExtensionCount: 0, ppEnabledExtensionNames: null }, pAllocator: null, pInstance: 'inst' }),
    vk('vkEnumeratePhysicalDevices', { instance: 'inst', pPhysicalDeviceCount: 1, pPhysicalDevices: ['pd'] }),
    vk('vkGetPhysicalDeviceProperties2', {
      physicalDevice: 'pd',
      pProperties: {
        sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2',
        pNext: {
          sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES', deviceUUID: '1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1', driverUUID: '2-2-2-2-2-2-2-2-2-2-2-2-2-2-2-2', deviceLUID: '3-3-3-3-3-3-3-3', deviceNodeMask: 1, deviceLUIDValid: 1,
          pNext: o.hostAlignment ? { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_MEMORY_HOST_PROPERTIES_EXT', pNext: null, minImportedHostPointerAlignment: o.hostAlignment } : null,
        },
        properties: { apiVersion: api, deviceName: 'test device' },
      },
    }, undefined),
    vk('vkGetPhysicalDeviceMemoryProperties', { physicalDevice: 'pd', pMemoryProperties: { memoryTypeCount: 3, memoryTypes: [{ propertyFlags: 1, heapIndex: 0 }, { propertyFlags: 6, heapIndex: 1 }, { propertyFlags: 7, heapIndex: 0 }], memoryHeapCount: 2, memoryHeaps: [{ size: 1 << 30, flags: 1 }, { size: 1 << 30, flags: 0 }] } }, undefined),
  ];
  for (const [bit, features] of Object.entries(o.bufferAnswers ?? {})) steps.push(bufferQuery(Number(bit), features));
  for (const [bit, features] of Object.entries(o.imageAnswers ?? {})) steps.push(imageQuery(Number(bit), features));
  // Every extension the rules speak of, unless a test names its own (a structure or handle type of an
  // extension the device did not enable is itself invalid usage).
  const exts = o.extensions ?? ['VK_KHR_external_memory', 'VK_KHR_external_memory_win32', 'VK_KHR_external_memory_fd', 'VK_KHR_dedicated_allocation', 'VK_EXT_external_memory_host',
    'VK_EXT_external_memory_dma_buf', 'VK_NV_external_memory', 'VK_NV_external_memory_win32', 'VK_NV_dedicated_allocation', 'VK_KHR_win32_keyed_mutex', 'VK_NV_win32_keyed_mutex'];
  const devices = o.secondDevice ? ['dev0', 'dev1'] : ['dev0'];
  for (const d of devices) {
    steps.push(vk('vkCreateDevice', { physicalDevice: 'pd', pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO', pNext: o.features ?? null, flags: 0, queueCreateInfoCount: 0, enabledExtensionCount: exts.length, ppEnabledExtensionNames: exts }, pAllocator: null, pDevice: d }));
  }
  return steps;
}

export function bufferQuery(bit: number, features: number, usage = BUFFER_USAGE, compatible = bit): Step {
  return vk('vkGetPhysicalDeviceExternalBufferProperties', {
    physicalDevice: 'pd',
    pExternalBufferInfo: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_BUFFER_INFO', pNext: null, flags: 0, usage, handleType: bit },
    pExternalBufferProperties: { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_BUFFER_PROPERTIES', pNext: null, externalMemoryProperties: { externalMemoryFeatures: features, exportFromImportedHandleTypes: bit, compatibleHandleTypes: compatible } },
  }, undefined);
}

export function imageQuery(bit: number, features: number, usage = IMAGE_USAGE, compatible = bit): Step {
  return vk('vkGetPhysicalDeviceImageFormatProperties2', {
    physicalDevice: 'pd',
    pImageFormatInfo: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2', pNext: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO', pNext: null, handleType: bit }, format: 'VK_FORMAT_R8G8B8A8_UNORM', type: 'VK_IMAGE_TYPE_2D', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage, flags: 0 },
    pImageFormatProperties: { sType: 'VK_STRUCTURE_TYPE_IMAGE_FORMAT_PROPERTIES_2', pNext: { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES', pNext: null, externalMemoryProperties: { externalMemoryFeatures: features, exportFromImportedHandleTypes: bit, compatibleHandleTypes: compatible } }, imageFormatProperties: {} },
  });
}

/** A buffer with optional external handle types (bits) and its memory requirements. */
export function buffer(id: string, opts: { device?: string; size?: number; handleTypes?: number; flags?: number; nvDedicated?: boolean; reqSize?: number; requiresDedicated?: boolean } = {}): Step[] {
  const device = opts.device ?? 'dev0';
  let pNext: Record<string, unknown> | null = null;
  if (opts.handleTypes !== undefined) pNext = { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO', pNext, handleTypes: opts.handleTypes };
  if (opts.nvDedicated) pNext = { sType: 'VK_STRUCTURE_TYPE_DEDICATED_ALLOCATION_BUFFER_CREATE_INFO_NV', pNext, dedicatedAllocation: 1 };
  const size = opts.size ?? 1024;
  return [
    vk('vkCreateBuffer', { device, pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO', pNext, flags: opts.flags ?? 0, size, usage: BUFFER_USAGE, sharingMode: 'VK_SHARING_MODE_EXCLUSIVE', queueFamilyIndexCount: 0, pQueueFamilyIndices: null }, pAllocator: null, pBuffer: id }),
    vk('vkGetBufferMemoryRequirements2', { device, pInfo: { sType: 'VK_STRUCTURE_TYPE_BUFFER_MEMORY_REQUIREMENTS_INFO_2', pNext: null, buffer: id }, pMemoryRequirements: { sType: 'VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2', pNext: { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS', pNext: null, prefersDedicatedAllocation: opts.requiresDedicated ? 1 : 0, requiresDedicatedAllocation: opts.requiresDedicated ? 1 : 0 }, memoryRequirements: { size: opts.reqSize ?? size, alignment: 256, memoryTypeBits: 7 } } }, undefined),
  ];
}

/** A 64x64 RGBA8 optimal image with optional external handle types and its memory requirements (16384 bytes). */
export function image(id: string, opts: { device?: string; handleTypes?: number; handleTypesNV?: number; flags?: number; nvDedicated?: boolean; initialLayout?: string; reqSize?: number; requiresDedicated?: boolean; width?: number } = {}): Step[] {
  const device = opts.device ?? 'dev0';
  let pNext: Record<string, unknown> | null = null;
  if (opts.handleTypes !== undefined) pNext = { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO', pNext, handleTypes: opts.handleTypes };
  if (opts.handleTypesNV !== undefined) pNext = { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO_NV', pNext, handleTypes: opts.handleTypesNV };
  if (opts.nvDedicated) pNext = { sType: 'VK_STRUCTURE_TYPE_DEDICATED_ALLOCATION_IMAGE_CREATE_INFO_NV', pNext, dedicatedAllocation: 1 };
  const w = opts.width ?? 64;
  return [
    vk('vkCreateImage', { device, pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO', pNext, flags: opts.flags ?? 0, imageType: 'VK_IMAGE_TYPE_2D', format: 'VK_FORMAT_R8G8B8A8_UNORM', extent: { width: w, height: 64, depth: 1 }, mipLevels: 1, arrayLayers: 1, samples: 'VK_SAMPLE_COUNT_1_BIT', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage: IMAGE_USAGE, sharingMode: 'VK_SHARING_MODE_EXCLUSIVE', queueFamilyIndexCount: 0, pQueueFamilyIndices: null, initialLayout: opts.initialLayout ?? 'VK_IMAGE_LAYOUT_UNDEFINED' }, pAllocator: null, pImage: id }),
    vk('vkGetImageMemoryRequirements2', { device, pInfo: { sType: 'VK_STRUCTURE_TYPE_IMAGE_MEMORY_REQUIREMENTS_INFO_2', pNext: null, image: id }, pMemoryRequirements: { sType: 'VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2', pNext: { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS', pNext: null, prefersDedicatedAllocation: opts.requiresDedicated ? 1 : 0, requiresDedicatedAllocation: opts.requiresDedicated ? 1 : 0 }, memoryRequirements: { size: opts.reqSize ?? 16384, alignment: 4096, memoryTypeBits: 7 } } }, undefined),
  ];
}

/** vkAllocateMemory with a pNext chain built from the given structures (outermost first). */
export function allocate(id: string, size: number, typeIndex: number, chain: Record<string, unknown>[] = [], device = 'dev0', ret: unknown = 'VK_SUCCESS'): Step {
  let pNext: Record<string, unknown> | null = null;
  for (let i = chain.length - 1; i >= 0; i--) pNext = { ...chain[i], pNext };
  return vk('vkAllocateMemory', { device, pAllocateInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', pNext, allocationSize: size, memoryTypeIndex: typeIndex }, pAllocator: null, pMemory: ret === 'VK_SUCCESS' ? id : 'VK_NULL_HANDLE' }, ret);
}

export const exportInfo = (handleTypes: number) => ({ sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO', handleTypes });
export const dedicatedInfo = (o: { image?: string; buffer?: string }) => ({ sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO', image: o.image ?? 'VK_NULL_HANDLE', buffer: o.buffer ?? 'VK_NULL_HANDLE' });
export const importWin32 = (handleType: string, handle: string | null, name: string | null = null) => ({ sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_KHR', handleType, handle: handle ?? 0, name });
export const importFd = (handleType: string, fd: number) => ({ sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR', handleType, fd });

export const getWin32 = (memory: string, handleType: string, handle: string, device = 'dev0') =>
  vk('vkGetMemoryWin32HandleKHR', { device, pGetWin32HandleInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_GET_WIN32_HANDLE_INFO_KHR', pNext: null, memory, handleType }, pHandle: handle });
export const getFd = (memory: string, handleType: string, fd: number, device = 'dev0') =>
  vk('vkGetMemoryFdKHR', { device, pGetFdInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR', pNext: null, memory, handleType }, pFd: fd });
export const bindBuffer = (buffer: string, memory: string, offset = 0, device = 'dev0') => vk('vkBindBufferMemory', { device, buffer, memory, memoryOffset: offset });
export const bindImage = (image: string, memory: string, offset = 0, device = 'dev0') => vk('vkBindImageMemory', { device, image, memory, memoryOffset: offset });

/** A step as the validator takes it (call = 1-based step number). */
export function toRecord(s: Step, call: number): CallRecord {
  const body = s.vkFunc ?? s.os!;
  return { kind: s.vkFunc ? 'vk' : 'os', name: body.name, args: body.args, result: body.return, call, process: s.process };
}

/** Runs the steps on `v` from a fresh state; returns the findings of each step (index = step index). */
export function replayOn(v: Validator, steps: Step[]): Finding[][] {
  v.reset();
  return steps.map((s, i) => v.check(toRecord(s, i + 1)));
}

let shared: Validator | undefined;
/** Runs the steps on a fresh state; returns the findings of each step (index = step index). */
export async function run(steps: Step[]): Promise<Finding[][]> {
  shared ??= await createValidator();
  const found = replayOn(shared, steps);
  // Every message must fill all its placeholders with the operands its rule declares and pushes: a
  // rule that pushes fewer or more would print a marker ('<missing operand …>').
  // An undecidable finding never shows its rule's message with '…' in place of the values it lacks.
  for (const f of found.flat()) if (UNFILLED.test(f.message) || f.message.includes('…')) throw new Error(`${f.vuid}: unfilled message: ${f.message}`);
  return found;
}

/** VUIDs reported as errors (not "cannot decide") by the last step. */
export async function lastErrors(steps: Step[]): Promise<string[]> {
  const all = await run(steps);
  return all[all.length - 1].filter((f) => f.severity === 'error').map((f) => f.vuid);
}
/** Every error VUID of every step. */
export async function allErrors(steps: Step[]): Promise<string[]> {
  return (await run(steps)).flat().filter((f) => f.severity === 'error').map((f) => f.vuid);
}
