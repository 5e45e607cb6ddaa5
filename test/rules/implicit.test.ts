// Implicit valid usage (sType, pNext, -parameter, -requiredbitmask, -parent, -commonparent): one input
// that must report each in-scope VUID and a nearby valid input that must not. The checks themselves
// are derived from vk.xml by scripts/gen-registry.mjs; the last block proves the VUIDs come from there.
import { expect } from 'vitest';
import { ruleTests } from '../helpers/rule-tests.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMPLICIT_VUIDS } from '../../src/generated/registry.js';
import {
  prelude, buffer, image, allocate, exportInfo, dedicatedInfo, importWin32, getWin32, getFd, bindImage, bufferQuery, imageQuery,
  vk, os, allErrors, BIT, OPAQUE_FD, OPAQUE_WIN32, D3D11_TEXTURE, HOST_ALLOCATION, type Step,
} from '../helpers/world.js';

// Each case is named by its query id (rules/implicit/<group>:NN), which npx vitest run -t selects.
const { describe, it } = ruleTests('implicit');

// ---------------------------------------------------------------------------------------------
// Building blocks

/** Not a VkExternalMemoryHandleTypeFlagBits value or bit (bit 20). */
const UNDEF_HANDLE_BIT = 0x100000;
/** Not a VkExternalMemoryHandleTypeFlagBitsNV bit (the NV bits are 0x1..0x8). */
const UNDEF_NV_BIT = 0x10;
/** Bit 28: defined neither for VkImageUsageFlagBits, VkImageCreateFlagBits nor VkBufferCreateFlagBits. */
const UNDEF_HIGH_BIT = 0x10000000;
/** A value that is not a pointer: the encoder passes it to the core as -1. */
const NOT_A_POINTER = 'not-a-pointer';

const EXTS = ['VK_KHR_external_memory', 'VK_KHR_external_memory_win32', 'VK_KHR_external_memory_fd', 'VK_KHR_dedicated_allocation', 'VK_EXT_external_memory_host'];
const NV_EXTS = [...EXTS, 'VK_NV_external_memory', 'VK_NV_external_memory_win32', 'VK_NV_dedicated_allocation'];
const DMA_BUF = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT';
const ST = (s: string) => `VK_STRUCTURE_TYPE_${s}`;

/** Deep-merges `patch` into `base`: objects merge member by member; anything else (null, arrays) replaces. */
function merge(base: unknown, patch: unknown): unknown {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(base) || !isObj(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = merge(out[k], v);
  return out;
}
/** The same Vulkan call with some arguments changed. */
const tweak = (s: Step, args: Record<string, unknown>): Step => ({ ...s, vkFunc: { ...s.vkFunc!, args: merge(s.vkFunc!.args, args) as Record<string, unknown> } });
/** Changes the first call of a builder's steps (vkCreateBuffer / vkCreateImage), keeping the rest. */
const tweakFirst = (steps: Step[], args: Record<string, unknown>): Step[] => [tweak(steps[0], args), ...steps.slice(1)];

const freeMemory = (memory: string, device = 'dev0') => vk('vkFreeMemory', { device, memory, pAllocator: null }, undefined);

// -- Win32 (KHR) export: buffer + exportable memory, then vkGetMemoryWin32HandleKHR.
const win32World = [...prelude({ bufferAnswers: { [BIT.OPAQUE_WIN32]: 6 } }), ...buffer('buf0', { handleTypes: BIT.OPAQUE_WIN32 }), allocate('mem0', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)])];
const getW = getWin32('mem0', OPAQUE_WIN32, '0x100');

// -- POSIX fd export, then vkGetMemoryFdKHR.
const fdWorld = [...prelude({ bufferAnswers: { [BIT.OPAQUE_FD]: 6 }, secondDevice: true }), ...buffer('buf0', { handleTypes: BIT.OPAQUE_FD }), allocate('mem0', 1024, 0, [exportInfo(BIT.OPAQUE_FD)])];
const getF = getFd('mem0', OPAQUE_FD, 7);
const importFdInfo = (handleType: unknown) => ({ sType: ST('IMPORT_MEMORY_FD_INFO_KHR'), handleType, fd: 7 });

// -- A D3D11 texture shared through an NT handle (with a keyed mutex), for handle properties and keyed mutexes.
const d3d11World = (o: { secondDevice?: boolean } = {}) => [
  ...prelude({ imageAnswers: { [BIT.D3D11_TEXTURE]: 5 }, extensions: [...EXTS, 'VK_KHR_win32_keyed_mutex', 'VK_NV_win32_keyed_mutex'], secondDevice: o.secondDevice }),
  os('D3D11CreateTexture2D', { adapterLUID: '3-3-3-3-3-3-3-3', width: 64, height: 64, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags: 0x900, size: 16384, ppTexture2D: 'tex0' }),
  os('IDXGIResource1_CreateSharedHandle', { resource: 'tex0', pAttributes: null, dwAccess: 0x80000001, lpName: null, pHandle: '0x3c4' }),
];
const win32Props = vk('vkGetMemoryWin32HandlePropertiesKHR', {
  device: 'dev0', handleType: D3D11_TEXTURE, handle: '0x3c4',
  pMemoryWin32HandleProperties: { sType: ST('MEMORY_WIN32_HANDLE_PROPERTIES_KHR'), pNext: null, memoryTypeBits: 1 },
});

/** The D3D11 texture imported (dedicated) on dev0 as memK and, with two devices, on dev1 as memK1; queue0 on dev0. */
const keyedWorld = [
  ...d3d11World({ secondDevice: true }),
  ...image('imgK', { handleTypes: BIT.D3D11_TEXTURE, requiresDedicated: true }),
  allocate('memK', 16384, 0, [importWin32(D3D11_TEXTURE, '0x3c4'), dedicatedInfo({ image: 'imgK' })]),
  bindImage('imgK', 'memK'),
  ...image('imgK1', { device: 'dev1', handleTypes: BIT.D3D11_TEXTURE, requiresDedicated: true }),
  allocate('memK1', 16384, 0, [importWin32(D3D11_TEXTURE, '0x3c4'), dedicatedInfo({ image: 'imgK1' })], 'dev1'),
  bindImage('imgK1', 'memK1', 0, 'dev1'),
  vk('vkGetDeviceQueue', { device: 'dev0', queueFamilyIndex: 0, queueIndex: 0, pQueue: 'queue0' }, undefined),
];
type Flavor = 'KHR' | 'NV';
const timeouts = (f: Flavor) => (f === 'KHR' ? 'pAcquireTimeouts' : 'pAcquireTimeoutMilliseconds');
/** vkQueueSubmit with one VkSubmitInfo whose pNext is a keyed-mutex acquire/release of memK (members overridable). */
function keyedSubmit(f: Flavor, members: Record<string, unknown> = {}): Step {
  const km = {
    sType: ST(`WIN32_KEYED_MUTEX_ACQUIRE_RELEASE_INFO_${f}`), pNext: null,
    acquireCount: 1, pAcquireSyncs: ['memK'], pAcquireKeys: [0], [timeouts(f)]: [1000],
    releaseCount: 1, pReleaseSyncs: ['memK'], pReleaseKeys: [1],
    ...members,
  };
  return vk('vkQueueSubmit', {
    queue: 'queue0', submitCount: 1,
    pSubmits: [{ sType: ST('SUBMIT_INFO'), pNext: km, waitSemaphoreCount: 0, pWaitSemaphores: null, pWaitDstStageMask: null, commandBufferCount: 0, pCommandBuffers: null, signalSemaphoreCount: 0, pSignalSemaphores: null }],
    fence: 'VK_NULL_HANDLE',
  });
}

// -- Host pointers.
const hostWorld = [...prelude({ hostAlignment: 4096, bufferAnswers: { [BIT.HOST_ALLOCATION]: 4 } })];
const hostProps = vk('vkGetMemoryHostPointerPropertiesEXT', {
  device: 'dev0', handleType: HOST_ALLOCATION, pHostPointer: '0x10000',
  pMemoryHostPointerProperties: { sType: ST('MEMORY_HOST_POINTER_PROPERTIES_EXT'), pNext: null, memoryTypeBits: 6 },
});
const hostImportInfo = (o: { handleType?: unknown; pHostPointer?: unknown } = {}) => ({ sType: ST('IMPORT_MEMORY_HOST_POINTER_INFO_EXT'), handleType: HOST_ALLOCATION, pHostPointer: '0x10000', ...o });
const hostImport = (o: { handleType?: unknown; pHostPointer?: unknown } = {}) => [...hostWorld, hostProps, ...buffer('bufH', { size: 4096, handleTypes: BIT.HOST_ALLOCATION }), allocate('memH', 4096, 1, [hostImportInfo(o)])];

// -- dma-buf fd properties.
const fdPropsWorld = prelude({ extensions: [...EXTS, 'VK_EXT_external_memory_dma_buf'] });
const fdProps = vk('vkGetMemoryFdPropertiesKHR', {
  device: 'dev0', handleType: DMA_BUF, fd: 9,
  pMemoryFdProperties: { sType: ST('MEMORY_FD_PROPERTIES_KHR'), pNext: null, memoryTypeBits: 7 },
});

// -- vkGetPhysicalDeviceExternalBufferProperties.
const bufQuery = bufferQuery(BIT.OPAQUE_FD, 6);
const usage2 = (usage = 3) => ({ sType: ST('BUFFER_USAGE_FLAGS_2_CREATE_INFO'), pNext: null, usage });

// -- NV external memory: capability query, exportable image memory, vkGetMemoryWin32HandleNV.
const nvQuery = vk('vkGetPhysicalDeviceExternalImageFormatPropertiesNV', {
  physicalDevice: 'pd', format: 'VK_FORMAT_R8G8B8A8_UNORM', type: 'VK_IMAGE_TYPE_2D', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage: 7, flags: 0, externalHandleType: 1,
  pExternalImageFormatProperties: {
    imageFormatProperties: { maxExtent: { width: 16384, height: 16384, depth: 1 }, maxMipLevels: 15, maxArrayLayers: 2048, sampleCounts: 15, maxResourceSize: 4294967295 },
    externalMemoryFeatures: 6, exportFromImportedHandleTypes: 1, compatibleHandleTypes: 1,
  },
});
const exportNV = (handleTypes: number) => ({ sType: ST('EXPORT_MEMORY_ALLOCATE_INFO_NV'), handleTypes });
const nvWorld = [...prelude({ extensions: NV_EXTS, secondDevice: true }), nvQuery, ...image('imgA', { handleTypesNV: 1 }), allocate('memA', 16384, 0, [exportNV(1)])];
const getNV = vk('vkGetMemoryWin32HandleNV', { device: 'dev0', memory: 'memA', handleType: 1, pHandle: '0x1a4' });
const importNV = (handleType: number) => ({ sType: ST('IMPORT_MEMORY_WIN32_HANDLE_INFO_NV'), handleType, handle: '0x1a4' });
/** memB on dev1, for the -parent rule. */
const nvTwoDevices = [...nvWorld, ...image('imgB', { device: 'dev1', handleTypesNV: 1 }), allocate('memB', 16384, 0, [exportNV(1)], 'dev1')];

// -- Dedicated allocations: resources on dev0 (img0, buf0) and dev1 (img1, buf1).
const dedicatedWorld = (nv: boolean) => [
  ...prelude({ extensions: NV_EXTS, secondDevice: true }),
  ...image('img0', { nvDedicated: nv }), ...buffer('buf0', { nvDedicated: nv }),
  ...image('img1', { device: 'dev1', nvDedicated: nv }), ...buffer('buf1', { device: 'dev1', nvDedicated: nv }),
];
const nvDedicated = (o: { image?: string; buffer?: string }) => ({ sType: ST('DEDICATED_ALLOCATION_MEMORY_ALLOCATE_INFO_NV'), image: o.image ?? 'VK_NULL_HANDLE', buffer: o.buffer ?? 'VK_NULL_HANDLE' });

// ---------------------------------------------------------------------------------------------
// The cases: `bad` must report `vuid` as an error, `good` must not report it at all.

interface Case { vuid: string; why: string; bad: Step[]; good: Step[] }
/** A VUID that no input can violate, and why. */
interface Unreachable { vuid: string; why: string; good: Step[] }

const V = (s: string) => `VUID-${s}`;
const cases: Case[] = [];
const add = (vuid: string, why: string, good: Step[], bad: Step[]) => cases.push({ vuid: V(vuid), why, good, bad });

// vkGetMemoryWin32HandleKHR and VkMemoryGetWin32HandleInfoKHR
add('vkGetMemoryWin32HandleKHR-device-parameter', 'device is VK_NULL_HANDLE', [...win32World, getW], [...win32World, tweak(getW, { device: 'VK_NULL_HANDLE' })]);
add('vkGetMemoryWin32HandleKHR-pGetWin32HandleInfo-parameter', 'pGetWin32HandleInfo is NULL', [...win32World, getW], [...win32World, tweak(getW, { pGetWin32HandleInfo: null })]);
add('vkGetMemoryWin32HandleKHR-pHandle-parameter', 'pHandle is NULL', [...win32World, getW], [...win32World, tweak(getW, { pHandle: null })]);
add('VkMemoryGetWin32HandleInfoKHR-sType-sType', 'sType is MEMORY_GET_FD_INFO_KHR', [...win32World, getW], [...win32World, tweak(getW, { pGetWin32HandleInfo: { sType: ST('MEMORY_GET_FD_INFO_KHR') } })]);
add('VkMemoryGetWin32HandleInfoKHR-pNext-pNext', 'pNext holds a VkExportMemoryAllocateInfo', [...win32World, getW],
  [...win32World, tweak(getW, { pGetWin32HandleInfo: { pNext: { ...exportInfo(BIT.OPAQUE_WIN32), pNext: null } } })]);
add('VkMemoryGetWin32HandleInfoKHR-memory-parameter', 'memory was never created', [...win32World, getW], [...win32World, tweak(getW, { pGetWin32HandleInfo: { memory: 'ghostMemory' } })]);
add('VkMemoryGetWin32HandleInfoKHR-memory-parameter', 'memory is VK_NULL_HANDLE', [...win32World, getW], [...win32World, tweak(getW, { pGetWin32HandleInfo: { memory: 'VK_NULL_HANDLE' } })]);
add('VkMemoryGetWin32HandleInfoKHR-memory-parameter', 'memory is a VkBuffer', [...win32World, getW], [...win32World, tweak(getW, { pGetWin32HandleInfo: { memory: 'buf0' } })]);
add('VkMemoryGetWin32HandleInfoKHR-memory-parameter', 'memory was freed', [...win32World, getW], [...win32World, freeMemory('mem0'), getW]);
add('VkMemoryGetWin32HandleInfoKHR-handleType-parameter', 'handleType is an undefined bit', [...win32World, getW], [...win32World, tweak(getW, { pGetWin32HandleInfo: { handleType: UNDEF_HANDLE_BIT } })]);

// vkGetMemoryFdKHR and VkMemoryGetFdInfoKHR
add('vkGetMemoryFdKHR-device-parameter', 'device was never created', [...fdWorld, getF], [...fdWorld, tweak(getF, { device: 'ghostDevice' })]);
add('vkGetMemoryFdKHR-pGetFdInfo-parameter', 'pGetFdInfo is NULL', [...fdWorld, getF], [...fdWorld, tweak(getF, { pGetFdInfo: null })]);
add('vkGetMemoryFdKHR-pFd-parameter', 'pFd is NULL', [...fdWorld, getF], [...fdWorld, tweak(getF, { pFd: null })]);
add('VkMemoryGetFdInfoKHR-sType-sType', 'sType is MEMORY_GET_WIN32_HANDLE_INFO_KHR', [...fdWorld, getF], [...fdWorld, tweak(getF, { pGetFdInfo: { sType: ST('MEMORY_GET_WIN32_HANDLE_INFO_KHR') } })]);
add('VkMemoryGetFdInfoKHR-pNext-pNext', 'pNext holds a VkImportMemoryFdInfoKHR', [...fdWorld, getF], [...fdWorld, tweak(getF, { pGetFdInfo: { pNext: { ...importFdInfo(OPAQUE_FD), pNext: null } } })]);
add('VkMemoryGetFdInfoKHR-memory-parameter', 'memory was never created', [...fdWorld, getF], [...fdWorld, tweak(getF, { pGetFdInfo: { memory: 'ghostMemory' } })]);
add('VkMemoryGetFdInfoKHR-memory-parameter', 'memory was freed', [...fdWorld, getF], [...fdWorld, freeMemory('mem0'), getF]);
add('VkMemoryGetFdInfoKHR-handleType-parameter', 'handleType is an undefined bit', [...fdWorld, getF], [...fdWorld, tweak(getF, { pGetFdInfo: { handleType: UNDEF_HANDLE_BIT } })]);

// vkGetMemoryWin32HandlePropertiesKHR and VkMemoryWin32HandlePropertiesKHR (an output structure)
add('vkGetMemoryWin32HandlePropertiesKHR-device-parameter', 'device was never created', [...d3d11World(), win32Props], [...d3d11World(), tweak(win32Props, { device: 'ghostDevice' })]);
add('vkGetMemoryWin32HandlePropertiesKHR-handleType-parameter', 'handleType is an undefined bit', [...d3d11World(), win32Props], [...d3d11World(), tweak(win32Props, { handleType: UNDEF_HANDLE_BIT })]);
add('vkGetMemoryWin32HandlePropertiesKHR-handleType-parameter', 'handleType is two bits at once', [...d3d11World(), win32Props], [...d3d11World(), tweak(win32Props, { handleType: BIT.OPAQUE_WIN32 | BIT.D3D11_TEXTURE })]);
add('vkGetMemoryWin32HandlePropertiesKHR-pMemoryWin32HandleProperties-parameter', 'pMemoryWin32HandleProperties is NULL', [...d3d11World(), win32Props], [...d3d11World(), tweak(win32Props, { pMemoryWin32HandleProperties: null })]);
add('VkMemoryWin32HandlePropertiesKHR-sType-sType', 'sType is MEMORY_FD_PROPERTIES_KHR', [...d3d11World(), win32Props], [...d3d11World(), tweak(win32Props, { pMemoryWin32HandleProperties: { sType: ST('MEMORY_FD_PROPERTIES_KHR') } })]);
add('VkMemoryWin32HandlePropertiesKHR-pNext-pNext', 'pNext is not NULL', [...d3d11World(), win32Props],
  [...d3d11World(), tweak(win32Props, { pMemoryWin32HandleProperties: { pNext: { sType: ST('MEMORY_DEDICATED_REQUIREMENTS'), pNext: null, prefersDedicatedAllocation: 0, requiresDedicatedAllocation: 0 } } })]);

// vkGetMemoryFdPropertiesKHR and VkMemoryFdPropertiesKHR
add('vkGetMemoryFdPropertiesKHR-device-parameter', 'device is VK_NULL_HANDLE', [...fdPropsWorld, fdProps], [...fdPropsWorld, tweak(fdProps, { device: 'VK_NULL_HANDLE' })]);
add('vkGetMemoryFdPropertiesKHR-handleType-parameter', 'handleType is an undefined bit', [...fdPropsWorld, fdProps], [...fdPropsWorld, tweak(fdProps, { handleType: UNDEF_HANDLE_BIT })]);
add('vkGetMemoryFdPropertiesKHR-pMemoryFdProperties-parameter', 'pMemoryFdProperties is NULL', [...fdPropsWorld, fdProps], [...fdPropsWorld, tweak(fdProps, { pMemoryFdProperties: null })]);
add('VkMemoryFdPropertiesKHR-sType-sType', 'sType is MEMORY_WIN32_HANDLE_PROPERTIES_KHR', [...fdPropsWorld, fdProps], [...fdPropsWorld, tweak(fdProps, { pMemoryFdProperties: { sType: ST('MEMORY_WIN32_HANDLE_PROPERTIES_KHR') } })]);
add('VkMemoryFdPropertiesKHR-pNext-pNext', 'pNext is not NULL', [...fdPropsWorld, fdProps],
  [...fdPropsWorld, tweak(fdProps, { pMemoryFdProperties: { pNext: { sType: ST('MEMORY_DEDICATED_REQUIREMENTS'), pNext: null, prefersDedicatedAllocation: 0, requiresDedicatedAllocation: 0 } } })]);

// vkGetMemoryHostPointerPropertiesEXT and VkMemoryHostPointerPropertiesEXT
add('vkGetMemoryHostPointerPropertiesEXT-device-parameter', 'device was never created', [...hostWorld, hostProps], [...hostWorld, tweak(hostProps, { device: 'ghostDevice' })]);
add('vkGetMemoryHostPointerPropertiesEXT-handleType-parameter', 'handleType is an undefined bit', [...hostWorld, hostProps], [...hostWorld, tweak(hostProps, { handleType: UNDEF_HANDLE_BIT })]);
add('vkGetMemoryHostPointerPropertiesEXT-pHostPointer-parameter', 'pHostPointer is not a pointer value', [...hostWorld, hostProps], [...hostWorld, tweak(hostProps, { pHostPointer: NOT_A_POINTER })]);
add('vkGetMemoryHostPointerPropertiesEXT-pMemoryHostPointerProperties-parameter', 'pMemoryHostPointerProperties is NULL', [...hostWorld, hostProps], [...hostWorld, tweak(hostProps, { pMemoryHostPointerProperties: null })]);
add('VkMemoryHostPointerPropertiesEXT-sType-sType', 'sType is MEMORY_FD_PROPERTIES_KHR', [...hostWorld, hostProps], [...hostWorld, tweak(hostProps, { pMemoryHostPointerProperties: { sType: ST('MEMORY_FD_PROPERTIES_KHR') } })]);
add('VkMemoryHostPointerPropertiesEXT-pNext-pNext', 'pNext is not NULL', [...hostWorld, hostProps],
  [...hostWorld, tweak(hostProps, { pMemoryHostPointerProperties: { pNext: { sType: ST('MEMORY_DEDICATED_REQUIREMENTS'), pNext: null, prefersDedicatedAllocation: 0, requiresDedicatedAllocation: 0 } } })]);

// VkImportMemoryHostPointerInfoEXT
add('VkImportMemoryHostPointerInfoEXT-handleType-parameter', 'handleType is an undefined bit', hostImport(), hostImport({ handleType: UNDEF_HANDLE_BIT }));
add('VkImportMemoryHostPointerInfoEXT-handleType-parameter', 'handleType is 0 (the member is not optional)', hostImport(), hostImport({ handleType: 0 }));
add('VkImportMemoryHostPointerInfoEXT-pHostPointer-parameter', 'pHostPointer is not a pointer value', hostImport(), hostImport({ pHostPointer: NOT_A_POINTER }));

// vkGetPhysicalDeviceExternalBufferProperties and VkPhysicalDeviceExternalBufferInfo
const pre = prelude();
add('vkGetPhysicalDeviceExternalBufferProperties-physicalDevice-parameter', 'physicalDevice was never enumerated', [...pre, bufQuery], [...pre, tweak(bufQuery, { physicalDevice: 'ghostPhysicalDevice' })]);
add('vkGetPhysicalDeviceExternalBufferProperties-pExternalBufferInfo-parameter', 'pExternalBufferInfo is NULL', [...pre, bufQuery], [...pre, tweak(bufQuery, { pExternalBufferInfo: null })]);
add('vkGetPhysicalDeviceExternalBufferProperties-pExternalBufferProperties-parameter', 'pExternalBufferProperties is NULL', [...pre, bufQuery], [...pre, tweak(bufQuery, { pExternalBufferProperties: null })]);
add('VkPhysicalDeviceExternalBufferInfo-sType-sType', 'sType is PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO', [...pre, bufQuery], [...pre, tweak(bufQuery, { pExternalBufferInfo: { sType: ST('PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO') } })]);
add('VkPhysicalDeviceExternalBufferInfo-pNext-pNext', 'pNext holds a VkExternalMemoryBufferCreateInfo', [...pre, tweak(bufQuery, { pExternalBufferInfo: { pNext: usage2() } })],
  [...pre, tweak(bufQuery, { pExternalBufferInfo: { pNext: { sType: ST('EXTERNAL_MEMORY_BUFFER_CREATE_INFO'), pNext: null, handleTypes: BIT.OPAQUE_FD } } })]);
add('VkPhysicalDeviceExternalBufferInfo-sType-unique', 'two VkBufferUsageFlags2CreateInfo in the chain', [...pre, tweak(bufQuery, { pExternalBufferInfo: { pNext: usage2() } })],
  [...pre, tweak(bufQuery, { pExternalBufferInfo: { pNext: { ...usage2(), pNext: usage2() } } })]);
add('VkPhysicalDeviceExternalBufferInfo-flags-parameter', 'flags has an undefined bit', [...pre, bufQuery], [...pre, tweak(bufQuery, { pExternalBufferInfo: { flags: UNDEF_HIGH_BIT } })]);
add('VkPhysicalDeviceExternalBufferInfo-handleType-parameter', 'handleType is an undefined bit', [...pre, bufQuery], [...pre, bufferQuery(UNDEF_HANDLE_BIT, 6)]);
add('VkPhysicalDeviceExternalBufferInfo-handleType-parameter', 'handleType is 0 (the member is not optional)', [...pre, bufQuery], [...pre, tweak(bufQuery, { pExternalBufferInfo: { handleType: 0 } })]);

// VkPhysicalDeviceExternalImageFormatInfo (in vkGetPhysicalDeviceImageFormatProperties2's chain)
add('VkPhysicalDeviceExternalImageFormatInfo-handleType-parameter', 'handleType is an undefined bit', [...pre, imageQuery(BIT.OPAQUE_FD, 6)], [...pre, imageQuery(UNDEF_HANDLE_BIT, 6)]);

// vkGetPhysicalDeviceExternalImageFormatPropertiesNV
const preNV = prelude({ extensions: NV_EXTS });
add('vkGetPhysicalDeviceExternalImageFormatPropertiesNV-physicalDevice-parameter', 'physicalDevice is VK_NULL_HANDLE', [...preNV, nvQuery], [...preNV, tweak(nvQuery, { physicalDevice: 'VK_NULL_HANDLE' })]);
add('vkGetPhysicalDeviceExternalImageFormatPropertiesNV-format-parameter', 'format 5000 is not a VkFormat', [...preNV, nvQuery], [...preNV, tweak(nvQuery, { format: 5000 })]);
add('vkGetPhysicalDeviceExternalImageFormatPropertiesNV-type-parameter', 'type 7 is not a VkImageType', [...preNV, nvQuery], [...preNV, tweak(nvQuery, { type: 7 })]);
add('vkGetPhysicalDeviceExternalImageFormatPropertiesNV-tiling-parameter', 'tiling 7 is not a VkImageTiling', [...preNV, nvQuery], [...preNV, tweak(nvQuery, { tiling: 7 })]);
add('vkGetPhysicalDeviceExternalImageFormatPropertiesNV-usage-parameter', 'usage has an undefined bit', [...preNV, nvQuery], [...preNV, tweak(nvQuery, { usage: 7 | UNDEF_HIGH_BIT })]);
add('vkGetPhysicalDeviceExternalImageFormatPropertiesNV-usage-requiredbitmask', 'usage is 0', [...preNV, nvQuery], [...preNV, tweak(nvQuery, { usage: 0 })]);
add('vkGetPhysicalDeviceExternalImageFormatPropertiesNV-flags-parameter', 'flags has an undefined bit', [...preNV, nvQuery], [...preNV, tweak(nvQuery, { flags: UNDEF_HIGH_BIT })]);
add('vkGetPhysicalDeviceExternalImageFormatPropertiesNV-externalHandleType-parameter', 'externalHandleType has an undefined NV bit', [...preNV, nvQuery], [...preNV, tweak(nvQuery, { externalHandleType: UNDEF_NV_BIT })]);
add('vkGetPhysicalDeviceExternalImageFormatPropertiesNV-pExternalImageFormatProperties-parameter', 'pExternalImageFormatProperties is NULL', [...preNV, nvQuery], [...preNV, tweak(nvQuery, { pExternalImageFormatProperties: null })]);

// vkGetMemoryWin32HandleNV
add('vkGetMemoryWin32HandleNV-device-parameter', 'device was never created', [...nvWorld, getNV], [...nvWorld, tweak(getNV, { device: 'ghostDevice' })]);
add('vkGetMemoryWin32HandleNV-memory-parameter', 'memory was never created', [...nvWorld, getNV], [...nvWorld, tweak(getNV, { memory: 'ghostMemory' })]);
add('vkGetMemoryWin32HandleNV-memory-parameter', 'memory is VK_NULL_HANDLE', [...nvWorld, getNV], [...nvWorld, tweak(getNV, { memory: 'VK_NULL_HANDLE' })]);
add('vkGetMemoryWin32HandleNV-handleType-parameter', 'handleType has an undefined NV bit', [...nvWorld, getNV], [...nvWorld, tweak(getNV, { handleType: 1 | UNDEF_NV_BIT })]);
add('vkGetMemoryWin32HandleNV-handleType-requiredbitmask', 'handleType is 0', [...nvWorld, getNV], [...nvWorld, tweak(getNV, { handleType: 0 })]);
add('vkGetMemoryWin32HandleNV-pHandle-parameter', 'pHandle is NULL', [...nvWorld, getNV], [...nvWorld, tweak(getNV, { pHandle: null })]);
add('vkGetMemoryWin32HandleNV-memory-parent', 'memory was allocated on dev1, the call names dev0', [...nvTwoDevices, tweak(getNV, { device: 'dev1', memory: 'memB' })], [...nvTwoDevices, tweak(getNV, { device: 'dev0', memory: 'memB' })]);

// NV export / import structures
add('VkExportMemoryAllocateInfoNV-handleTypes-parameter', 'handleTypes has an undefined NV bit', nvWorld, [...nvWorld.slice(0, -1), allocate('memA', 16384, 0, [exportNV(1 | UNDEF_NV_BIT)])]);
const exportWin32NV = (pAttributes: unknown) => ({ sType: ST('EXPORT_MEMORY_WIN32_HANDLE_INFO_NV'), pAttributes, dwAccess: 0 });
add('VkExportMemoryWin32HandleInfoNV-pAttributes-parameter', 'pAttributes is not a pointer value',
  [...nvWorld.slice(0, -1), allocate('memA', 16384, 0, [exportNV(1), exportWin32NV('0x7ffd1000')])],
  [...nvWorld.slice(0, -1), allocate('memA', 16384, 0, [exportNV(1), exportWin32NV(NOT_A_POINTER)])]);
const nvImport = (handleType: number) => [...nvWorld, getNV, ...image('imgC', { handleTypesNV: 1 }), allocate('memC', 16384, 0, [importNV(handleType)])];
add('VkImportMemoryWin32HandleInfoNV-handleType-parameter', 'handleType has an undefined NV bit', nvImport(1), nvImport(1 | UNDEF_NV_BIT));
add('VkExternalMemoryImageCreateInfoNV-handleTypes-parameter', 'handleTypes has an undefined NV bit', [...preNV, ...image('imgA', { handleTypesNV: 1 })], [...preNV, ...image('imgA', { handleTypesNV: 1 | UNDEF_NV_BIT })]);

// KHR export / import structures and VkMemoryAllocateInfo's chain
add('VkExportMemoryAllocateInfo-handleTypes-parameter', 'handleTypes has an undefined bit', win32World,
  [...win32World.slice(0, -1), allocate('mem0', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32 | UNDEF_HANDLE_BIT)])]);
const exportWin32 = (pAttributes: unknown) => ({ sType: ST('EXPORT_MEMORY_WIN32_HANDLE_INFO_KHR'), pAttributes, dwAccess: 0x80000001, name: null });
add('VkExportMemoryWin32HandleInfoKHR-pAttributes-parameter', 'pAttributes is not a pointer value',
  [...win32World.slice(0, -1), allocate('mem0', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32), exportWin32('0x7ffd1000')])],
  [...win32World.slice(0, -1), allocate('mem0', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32), exportWin32(NOT_A_POINTER)])]);
add('VkMemoryAllocateInfo-pNext-pNext', 'the chain holds a VkExternalMemoryBufferCreateInfo', win32World,
  [...win32World.slice(0, -1), allocate('mem0', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32), { sType: ST('EXTERNAL_MEMORY_BUFFER_CREATE_INFO'), handleTypes: BIT.OPAQUE_WIN32 }])]);
add('VkMemoryAllocateInfo-sType-unique', 'VkExportMemoryAllocateInfo appears twice', win32World,
  [...win32World.slice(0, -1), allocate('mem0', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32), exportInfo(BIT.OPAQUE_WIN32)])]);
const win32Import = (handleType: unknown) => [...win32World, getW, ...buffer('bufI', { handleTypes: BIT.OPAQUE_WIN32 }), allocate('memI', 1024, 0, [{ ...importWin32(OPAQUE_WIN32, '0x100'), handleType }])];
add('VkImportMemoryWin32HandleInfoKHR-handleType-parameter', 'handleType is an undefined bit', win32Import(OPAQUE_WIN32), win32Import(UNDEF_HANDLE_BIT));
const fdImport = (handleType: unknown) => [...fdWorld, getF, ...buffer('bufI', { device: 'dev1', handleTypes: BIT.OPAQUE_FD }), allocate('memI', 1024, 0, [importFdInfo(handleType)], 'dev1')];
add('VkImportMemoryFdInfoKHR-handleType-parameter', 'handleType is an undefined bit', fdImport(OPAQUE_FD), fdImport(UNDEF_HANDLE_BIT));

// Buffer and image creation
add('VkExternalMemoryBufferCreateInfo-handleTypes-parameter', 'handleTypes has an undefined bit', [...pre, ...buffer('b', { handleTypes: BIT.OPAQUE_FD })], [...pre, ...buffer('b', { handleTypes: BIT.OPAQUE_FD | UNDEF_HANDLE_BIT })]);
add('VkExternalMemoryImageCreateInfo-handleTypes-parameter', 'handleTypes has an undefined bit', [...pre, ...image('i', { handleTypes: BIT.OPAQUE_FD })], [...pre, ...image('i', { handleTypes: BIT.OPAQUE_FD | UNDEF_HANDLE_BIT })]);
add('VkBufferCreateInfo-pNext-pNext', 'the chain holds a VkExternalMemoryImageCreateInfo', [...pre, ...buffer('b', { handleTypes: BIT.OPAQUE_FD })],
  [...pre, ...tweakFirst(buffer('b'), { pCreateInfo: { pNext: { sType: ST('EXTERNAL_MEMORY_IMAGE_CREATE_INFO'), pNext: null, handleTypes: BIT.OPAQUE_FD } } })]);
add('VkImageCreateInfo-pNext-pNext', 'the chain holds a VkExternalMemoryBufferCreateInfo', [...pre, ...image('i', { handleTypes: BIT.OPAQUE_FD })],
  [...pre, ...tweakFirst(image('i'), { pCreateInfo: { pNext: { sType: ST('EXTERNAL_MEMORY_BUFFER_CREATE_INFO'), pNext: null, handleTypes: BIT.OPAQUE_FD } } })]);
const extImage = (next: unknown) => ({ sType: ST('EXTERNAL_MEMORY_IMAGE_CREATE_INFO'), pNext: next, handleTypes: BIT.OPAQUE_FD });
add('VkImageCreateInfo-sType-unique', 'VkExternalMemoryImageCreateInfo appears twice', [...pre, ...image('i', { handleTypes: BIT.OPAQUE_FD })],
  [...pre, ...tweakFirst(image('i'), { pCreateInfo: { pNext: extImage(extImage(null)) } })]);

// Dedicated allocations (KHR and NV)
const dedKHR = dedicatedWorld(false);
add('VkMemoryDedicatedAllocateInfo-image-parameter', 'image was never created', [...dedKHR, allocate('m', 16384, 0, [dedicatedInfo({ image: 'img0' })])], [...dedKHR, allocate('m', 16384, 0, [dedicatedInfo({ image: 'ghostImage' })])]);
add('VkMemoryDedicatedAllocateInfo-image-parameter', 'image is a VkBuffer', [...dedKHR, allocate('m', 16384, 0, [dedicatedInfo({ image: 'img0' })])], [...dedKHR, allocate('m', 16384, 0, [dedicatedInfo({ image: 'buf0' })])]);
add('VkMemoryDedicatedAllocateInfo-buffer-parameter', 'buffer was never created', [...dedKHR, allocate('m', 1024, 0, [dedicatedInfo({ buffer: 'buf0' })])], [...dedKHR, allocate('m', 1024, 0, [dedicatedInfo({ buffer: 'ghostBuffer' })])]);
add('VkMemoryDedicatedAllocateInfo-commonparent', 'image from dev0, buffer from dev1 (the good input takes both from dev0)',
  [...dedKHR, allocate('m', 16384, 0, [dedicatedInfo({ image: 'img0', buffer: 'buf0' })])], [...dedKHR, allocate('m', 16384, 0, [dedicatedInfo({ image: 'img0', buffer: 'buf1' })])]);
const dedNV = dedicatedWorld(true);
add('VkDedicatedAllocationMemoryAllocateInfoNV-image-parameter', 'image was never created', [...dedNV, allocate('m', 16384, 0, [nvDedicated({ image: 'img0' })])], [...dedNV, allocate('m', 16384, 0, [nvDedicated({ image: 'ghostImage' })])]);
add('VkDedicatedAllocationMemoryAllocateInfoNV-buffer-parameter', 'buffer was never created', [...dedNV, allocate('m', 1024, 0, [nvDedicated({ buffer: 'buf0' })])], [...dedNV, allocate('m', 1024, 0, [nvDedicated({ buffer: 'ghostBuffer' })])]);
add('VkDedicatedAllocationMemoryAllocateInfoNV-buffer-parameter', 'buffer is a VkImage', [...dedNV, allocate('m', 1024, 0, [nvDedicated({ buffer: 'buf0' })])], [...dedNV, allocate('m', 1024, 0, [nvDedicated({ buffer: 'img0' })])]);
add('VkDedicatedAllocationMemoryAllocateInfoNV-commonparent', 'image from dev0, buffer from dev1 (the good input takes both from dev0)',
  [...dedNV, allocate('m', 16384, 0, [nvDedicated({ image: 'img0', buffer: 'buf0' })])], [...dedNV, allocate('m', 16384, 0, [nvDedicated({ image: 'img0', buffer: 'buf1' })])]);

// Keyed mutexes on vkQueueSubmit (KHR and NV)
for (const f of ['KHR', 'NV'] as const) {
  const S = `VkWin32KeyedMutexAcquireReleaseInfo${f}`;
  const good = [...keyedWorld, keyedSubmit(f)];
  const bad = (m: Record<string, unknown>) => [...keyedWorld, keyedSubmit(f, m)];
  add(`${S}-pAcquireSyncs-parameter`, 'pAcquireSyncs[0] was never allocated', good, bad({ pAcquireSyncs: ['ghostMemory'] }));
  add(`${S}-pAcquireSyncs-parameter`, 'pAcquireSyncs[0] was freed', good, [...keyedWorld, freeMemory('memK'), keyedSubmit(f)]);
  add(`${S}-pAcquireSyncs-parameter`, 'pAcquireSyncs is NULL although acquireCount is 1', good, bad({ pAcquireSyncs: null }));
  add(`${S}-pAcquireKeys-parameter`, 'pAcquireKeys is NULL although acquireCount is 1', good, bad({ pAcquireKeys: null }));
  add(`${S}-${timeouts(f)}-parameter`, `${timeouts(f)} is NULL although acquireCount is 1`, good, bad({ [timeouts(f)]: null }));
  add(`${S}-pReleaseSyncs-parameter`, 'pReleaseSyncs[0] is VK_NULL_HANDLE', good, bad({ pReleaseSyncs: ['VK_NULL_HANDLE'] }));
  add(`${S}-pReleaseSyncs-parameter`, 'pReleaseSyncs is NULL although releaseCount is 1', good, bad({ pReleaseSyncs: null }));
  add(`${S}-pReleaseKeys-parameter`, 'pReleaseKeys is NULL although releaseCount is 1', good, bad({ pReleaseKeys: null }));
  add(`${S}-commonparent`, 'acquires memory of dev0 and releases memory of dev1', good, bad({ pReleaseSyncs: ['memK1'] }));
}

// sType-sType of structures that only ever travel in a pNext chain. The input names such a structure
// by its sType (there is no other way to say which structure a chain entry is), so a "wrong" sType
// makes it another structure: no input can violate these. The valid inputs still must not report them.
const exportChain = [...win32World.slice(0, -1), allocate('mem0', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32), exportWin32(null)])];
const unreachable: Unreachable[] = [
  ['VkExportMemoryAllocateInfo', exportChain],
  ['VkExportMemoryWin32HandleInfoKHR', exportChain],
  ['VkExportMemoryAllocateInfoNV', [...nvWorld.slice(0, -1), allocate('memA', 16384, 0, [exportNV(1), exportWin32NV(null)])]],
  ['VkExportMemoryWin32HandleInfoNV', [...nvWorld.slice(0, -1), allocate('memA', 16384, 0, [exportNV(1), exportWin32NV(null)])]],
  ['VkExternalMemoryBufferCreateInfo', [...pre, ...buffer('b', { handleTypes: BIT.OPAQUE_FD })]],
  ['VkExternalMemoryImageCreateInfo', [...pre, ...image('i', { handleTypes: BIT.OPAQUE_FD })]],
  ['VkExternalMemoryImageCreateInfoNV', [...preNV, ...image('i', { handleTypesNV: 1 })]],
  ['VkImportMemoryFdInfoKHR', fdImport(OPAQUE_FD)],
  ['VkImportMemoryHostPointerInfoEXT', hostImport()],
  ['VkImportMemoryWin32HandleInfoKHR', win32Import(OPAQUE_WIN32)],
  ['VkImportMemoryWin32HandleInfoNV', nvImport(1)],
  ['VkMemoryDedicatedAllocateInfo', [...dedKHR, allocate('m', 16384, 0, [dedicatedInfo({ image: 'img0' })])]],
  ['VkDedicatedAllocationMemoryAllocateInfoNV', [...dedNV, allocate('m', 16384, 0, [nvDedicated({ image: 'img0' })])]],
  ['VkPhysicalDeviceExternalImageFormatInfo', [...pre, imageQuery(BIT.OPAQUE_FD, 6)]],
  ['VkWin32KeyedMutexAcquireReleaseInfoKHR', [...keyedWorld, keyedSubmit('KHR')]],
  ['VkWin32KeyedMutexAcquireReleaseInfoNV', [...keyedWorld, keyedSubmit('NV')]],
].map(([s, good]) => ({ vuid: V(`${s as string}-sType-sType`), why: 'a pNext entry is identified by its sType unless the scenario names its structure', good: good as Step[] }));

/** The steps with the first pNext entry of `struct` re-labelled: "$struct" names it, its sType is another one. */
function misnamed(steps: Step[], struct: string): Step[] {
  const wanted = 'VK_STRUCTURE_TYPE_' + struct.replace(/^Vk/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/(KHR|NV|EXT)$/, '_$1').replace(/__/g, '_').toUpperCase();
  let done = false;
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(visit);
    if (v && typeof v === 'object') {
      const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x)])) as Record<string, unknown>;
      if (!done && typeof o.sType === 'string' && o.sType.replace(/_/g, '') === wanted.replace(/_/g, '')) {
        done = true;
        return { ...o, $struct: struct, sType: 'VK_STRUCTURE_TYPE_APPLICATION_INFO' };
      }
      return o;
    }
    return v;
  };
  const out = steps.map((st) => visit(st) as Step);
  if (!done) throw new Error(`no ${struct} (${wanted}) in the steps`);
  return out;
}

// ---------------------------------------------------------------------------------------------

// Implicit valid usage: each VUID reported on a bad input, not on a nearby valid one. One describe block
// per VUID, so each case's id names its VUID (rules/implicit/<VUID>:NN).
const casesByVuid = new Map<string, Case[]>();
for (const c of cases) casesByVuid.set(c.vuid, [...(casesByVuid.get(c.vuid) ?? []), c]);
for (const [vuid, list] of casesByVuid) {
  describe(vuid, () => {
    for (const c of list) {
      it(`${c.vuid} is reported: ${c.why}`, async () => {
        expect(await allErrors(c.bad)).toContain(c.vuid);
      });
      it(`${c.vuid} is not reported on the valid input (${c.why})`, async () => {
        expect(await allErrors(c.good)).not.toContain(c.vuid);
      });
    }
  });
}
for (const u of unreachable) {
  describe(u.vuid, () => {
    it(`${u.vuid} is reported when a scenario names the structure ($struct) but gives another sType`, async () => {
      const struct = u.vuid.replace(/^VUID-/, '').replace(/-sType-sType$/, '');
      expect(await allErrors(misnamed(u.good, struct))).toContain(u.vuid);
    });
    it(`${u.vuid} is not reported on a valid chain`, async () => {
      expect(await allErrors(u.good)).not.toContain(u.vuid);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The in-scope implicit VUIDs come from the generator, and every one of them is covered above.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CSV = resolve(root, '../shared/reference/vuids-in-scope.csv');

/** Rows of a CSV file with a header line (quoted fields may hold commas and doubled quotes). */
function readCsv(path: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const text = readFileSync(path, 'utf8');
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((x) => x !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

describe('implicit VUIDs come from vk.xml through the generator', () => {
  const hasCsv = existsSync(CSV);
  const inScope = () => readCsv(CSV).filter((r) => r.kind === 'implicit' && r.in_1_4_360 === 'yes').map((r) => r.vuid);

  it.skipIf(!hasCsv)(`every in-scope implicit VUID is in the generated IMPLICIT_VUIDS${hasCsv ? '' : ` (skipped: ${CSV} is not there)`}`, () => {
    const list = inScope();
    expect(list.length).toBeGreaterThan(0);
    const generated = new Set(IMPLICIT_VUIDS);
    expect(list.filter((v) => !generated.has(v))).toEqual([]);
  });

  it.skipIf(!hasCsv)(`every in-scope implicit VUID has a case in this file${hasCsv ? '' : ` (skipped: ${CSV} is not there)`}`, () => {
    const covered = new Set([...cases.map((c) => c.vuid), ...unreachable.map((u) => u.vuid)]);
    expect(inScope().filter((v) => !covered.has(v))).toEqual([]);
  });

  it('every case names a VUID the generator derived', () => {
    const generated = new Set(IMPLICIT_VUIDS);
    expect([...cases, ...unreachable].map((c) => c.vuid).filter((v) => !generated.has(v))).toEqual([]);
  });
});
