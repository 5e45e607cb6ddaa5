// The calls a conformance case makes, written as call records (the shape scenario steps have), so each
// goes through the session like any scenario step: the core judges whether it is valid usage, the
// backend runs it exactly as written, and the core applies what really happened. Names ("memA", "fdA")
// are bound to the backend's values by the session. Every structure a case writes reaches the driver.
import type { CallRecord } from '../input/record.js';

type Args = Record<string, unknown>;
type Struct = Record<string, unknown>;

export const INSTANCE = 'inst';
export const PHYSICAL = 'pd';
export const DEVICE = 'dev';

const vk = (name: string, args: Args): CallRecord => ({ kind: 'vk', name, args, call: 0 });
const os = (name: string, args: Args): CallRecord => ({ kind: 'os', name, args, call: 0 });

/** A pNext chain of the structures given, outermost first. */
export function chain(structs: Struct[]): Struct | null {
  let next: Struct | null = null;
  for (let i = structs.length - 1; i >= 0; i--) next = { ...structs[i], pNext: next };
  return next;
}

export function createInstance(apiVersion: number): CallRecord {
  return vk('vkCreateInstance', {
    pCreateInfo: {
      sType: 'VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO', pNext: null, flags: 0,
      pApplicationInfo: { sType: 'VK_STRUCTURE_TYPE_APPLICATION_INFO', pNext: null, pApplicationName: 'vk-extmem conform', applicationVersion: 1, pEngineName: 'none', engineVersion: 0, apiVersion },
      enabledLayerCount: 0, ppEnabledLayerNames: null, enabledExtensionCount: 0, ppEnabledExtensionNames: null,
    },
    pAllocator: null, pInstance: INSTANCE,
  });
}

export function enumeratePhysicalDevices(): CallRecord {
  return vk('vkEnumeratePhysicalDevices', { instance: INSTANCE, pPhysicalDeviceCount: 1, pPhysicalDevices: [PHYSICAL] });
}

/** Properties with the identity (VkPhysicalDeviceIDProperties) and, where offered, the host-pointer alignment. */
export function physicalDeviceProperties(hostPointers: boolean): CallRecord {
  const host = hostPointers ? [{ sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_MEMORY_HOST_PROPERTIES_EXT', minImportedHostPointerAlignment: 0 }] : [];
  return vk('vkGetPhysicalDeviceProperties2', {
    physicalDevice: PHYSICAL,
    pProperties: {
      sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2',
      pNext: chain([{ sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES', deviceUUID: '', driverUUID: '', deviceLUID: '', deviceNodeMask: 0, deviceLUIDValid: 0 }, ...host]),
      properties: {},
    },
  });
}

export function memoryProperties(): CallRecord {
  return vk('vkGetPhysicalDeviceMemoryProperties', { physicalDevice: PHYSICAL, pMemoryProperties: {} });
}

export function bufferQuery(handleType: number, usage: number, flags = 0): CallRecord {
  return vk('vkGetPhysicalDeviceExternalBufferProperties', {
    physicalDevice: PHYSICAL,
    pExternalBufferInfo: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_BUFFER_INFO', pNext: null, flags, usage, handleType },
    pExternalBufferProperties: { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_BUFFER_PROPERTIES', pNext: null, externalMemoryProperties: {} },
  });
}

export interface ImageParams { format: number; type: number; tiling: number; usage: number; flags: number }

/** vkGetPhysicalDeviceImageFormatProperties2; `handleType` undefined: the plain query, no external structure. */
export function imageQuery(p: ImageParams, handleType?: number): CallRecord {
  const ext = handleType === undefined ? null : { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO', pNext: null, handleType };
  const out = handleType === undefined ? null : { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES', pNext: null, externalMemoryProperties: {} };
  return vk('vkGetPhysicalDeviceImageFormatProperties2', {
    physicalDevice: PHYSICAL,
    pImageFormatInfo: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2', pNext: ext, ...p },
    pImageFormatProperties: { sType: 'VK_STRUCTURE_TYPE_IMAGE_FORMAT_PROPERTIES_2', pNext: out, imageFormatProperties: {} },
  });
}

export function nvImageQuery(p: ImageParams, handleTypesNV: number): CallRecord {
  return vk('vkGetPhysicalDeviceExternalImageFormatPropertiesNV', {
    physicalDevice: PHYSICAL, format: p.format, type: p.type, tiling: p.tiling, usage: p.usage, flags: p.flags,
    externalHandleType: handleTypesNV, pExternalImageFormatProperties: {},
  });
}

export function createDevice(extensions: string[]): CallRecord {
  return vk('vkCreateDevice', {
    physicalDevice: PHYSICAL,
    pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO', pNext: null, flags: 0, queueCreateInfoCount: 0, enabledExtensionCount: extensions.length, ppEnabledExtensionNames: extensions },
    pAllocator: null, pDevice: DEVICE,
  });
}

/** A buffer; `handleTypes` present chains VkExternalMemoryBufferCreateInfo with it (0 included). */
export function createBuffer(name: string, size: number, usage: number, handleTypes?: number): CallRecord {
  const ext = handleTypes === undefined ? null : { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO', pNext: null, handleTypes };
  return vk('vkCreateBuffer', {
    device: DEVICE,
    pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO', pNext: ext, flags: 0, size, usage, sharingMode: 'VK_SHARING_MODE_EXCLUSIVE', queueFamilyIndexCount: 0, pQueueFamilyIndices: null },
    pAllocator: null, pBuffer: name,
  });
}

/** A 2D image of 64x64 with one level and layer; `handleTypes` present chains VkExternalMemoryImageCreateInfo. */
export function createImage(name: string, format: number, tiling: number, usage: number, handleTypes?: number): CallRecord {
  const ext = handleTypes === undefined ? null : { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO', pNext: null, handleTypes };
  return vk('vkCreateImage', {
    device: DEVICE,
    pCreateInfo: {
      sType: 'VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO', pNext: ext, flags: 0, imageType: 'VK_IMAGE_TYPE_2D', format, extent: { width: 64, height: 64, depth: 1 },
      mipLevels: 1, arrayLayers: 1, samples: 'VK_SAMPLE_COUNT_1_BIT', tiling, usage, sharingMode: 'VK_SHARING_MODE_EXCLUSIVE', queueFamilyIndexCount: 0, pQueueFamilyIndices: null, initialLayout: 'VK_IMAGE_LAYOUT_UNDEFINED',
    },
    pAllocator: null, pImage: name,
  });
}

const requirementsOut = () => ({
  sType: 'VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2',
  pNext: { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS', pNext: null, prefersDedicatedAllocation: 0, requiresDedicatedAllocation: 0 },
  memoryRequirements: {},
});

export function bufferRequirements(buffer: string): CallRecord {
  return vk('vkGetBufferMemoryRequirements2', { device: DEVICE, pInfo: { sType: 'VK_STRUCTURE_TYPE_BUFFER_MEMORY_REQUIREMENTS_INFO_2', pNext: null, buffer }, pMemoryRequirements: requirementsOut() });
}

export function imageRequirements(image: string): CallRecord {
  return vk('vkGetImageMemoryRequirements2', { device: DEVICE, pInfo: { sType: 'VK_STRUCTURE_TYPE_IMAGE_MEMORY_REQUIREMENTS_INFO_2', pNext: null, image }, pMemoryRequirements: requirementsOut() });
}

export function destroyBuffer(buffer: string): CallRecord { return vk('vkDestroyBuffer', { device: DEVICE, buffer, pAllocator: null }); }
export function destroyImage(image: string): CallRecord { return vk('vkDestroyImage', { device: DEVICE, image, pAllocator: null }); }

// Structures of vkAllocateMemory's chain.
export const exportInfo = (handleTypes: number): Struct => ({ sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO', handleTypes });
export const dedicatedInfo = (o: { image?: string; buffer?: string }): Struct => ({ sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO', image: o.image ?? 'VK_NULL_HANDLE', buffer: o.buffer ?? 'VK_NULL_HANDLE' });
export const importFd = (handleType: number, fd: number): Struct => ({ sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR', handleType, fd });
export const importHost = (handleType: number, pointer: number): Struct => ({ sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_HOST_POINTER_INFO_EXT', handleType, pHostPointer: pointer });

export function allocate(name: string, allocationSize: number, memoryTypeIndex: number, structs: Struct[] = []): CallRecord {
  return vk('vkAllocateMemory', {
    device: DEVICE,
    pAllocateInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', pNext: chain(structs), allocationSize, memoryTypeIndex },
    pAllocator: null, pMemory: name,
  });
}

export function free(memory: string): CallRecord { return vk('vkFreeMemory', { device: DEVICE, memory, pAllocator: null }); }
export function map(memory: string, size: number): CallRecord { return vk('vkMapMemory', { device: DEVICE, memory, offset: 0, size, flags: 0, ppData: '0x10000' }); }
export function unmap(memory: string): CallRecord { return vk('vkUnmapMemory', { device: DEVICE, memory }); }

export function bindBuffer(buffer: string, memory: string): CallRecord { return vk('vkBindBufferMemory', { device: DEVICE, buffer, memory, memoryOffset: 0 }); }
export function bindImage(image: string, memory: string): CallRecord { return vk('vkBindImageMemory', { device: DEVICE, image, memory, memoryOffset: 0 }); }

/** `fd` is the number the case calls the new fd by (the session binds it to the real one). */
export function getFd(memory: string, handleType: number, fd: number): CallRecord {
  return vk('vkGetMemoryFdKHR', { device: DEVICE, pGetFdInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR', pNext: null, memory, handleType }, pFd: fd });
}

export function fdProperties(handleType: number, fd: number): CallRecord {
  return vk('vkGetMemoryFdPropertiesKHR', { device: DEVICE, handleType, fd, pMemoryFdProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_FD_PROPERTIES_KHR', pNext: null, memoryTypeBits: 0 } });
}

export function hostPointerProperties(handleType: number, pointer: number): CallRecord {
  return vk('vkGetMemoryHostPointerPropertiesEXT', { device: DEVICE, handleType, pHostPointer: pointer, pMemoryHostPointerProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_HOST_POINTER_PROPERTIES_EXT', pNext: null, memoryTypeBits: 0 } });
}

export function closeFd(fd: number): CallRecord { return os('close', { fd }); }
export function dupFd(fd: number, copy: number): CallRecord { return os('dup', { oldfd: fd, newfd: copy }); }

// Win32 handles (names like "h1" are bound to the handle values the backend hands out).
export const exportWin32Info = (name: string | null, dwAccess = 0x80000000 | 0x40000000): Struct => ({ sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_WIN32_HANDLE_INFO_KHR', pAttributes: null, dwAccess, name });
export const exportInfoNV = (handleTypes: number): Struct => ({ sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO_NV', handleTypes });
export const importWin32 = (handleType: number, handle: string | 0, name: string | null = null): Struct => ({ sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_KHR', handleType, handle, name });
export const importWin32NV = (handleType: number, handle: string | 0): Struct => ({ sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_NV', handleType, handle });

export function getWin32(memory: string, handleType: number, handle: string): CallRecord {
  return vk('vkGetMemoryWin32HandleKHR', { device: DEVICE, pGetWin32HandleInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_GET_WIN32_HANDLE_INFO_KHR', pNext: null, memory, handleType }, pHandle: handle });
}

export function getWin32NV(memory: string, handleTypeNV: number, handle: string): CallRecord {
  return vk('vkGetMemoryWin32HandleNV', { device: DEVICE, memory, handleType: handleTypeNV, pHandle: handle });
}

export function closeHandle(handle: string): CallRecord { return os('CloseHandle', { hObject: handle }); }
