// A synthetic gfxreconstruct-style trace mixing exports, imports, binds and capability queries,
// with state that stays valid (every handle is created before it is used and freed after).
export function* traceLines(calls) {
  let index = 1;
  const line = (name, args, ret = 'VK_SUCCESS') => JSON.stringify({ index: index++, vkFunc: ret === undefined ? { name, args } : { name, return: ret, args } });
  yield JSON.stringify({ header: { 'source-path': 'bench.gfxr', 'json-version': '0.8.0', 'gfxrecon-version': '0.9.18', 'vulkan-version': '1.3.239' } });
  yield line('vkCreateInstance', { pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO', pNext: null, flags: 0, pApplicationInfo: { sType: 'VK_STRUCTURE_TYPE_APPLICATION_INFO', pNext: null, apiVersion: 4198400 } }, pAllocator: null, pInstance: 1 });
  yield line('vkEnumeratePhysicalDevices', { instance: 1, pPhysicalDeviceCount: 1, pPhysicalDevices: [2] });
  yield line('vkGetPhysicalDeviceProperties2', { physicalDevice: 2, pProperties: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2', pNext: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES', pNext: null, deviceUUID: '1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16', driverUUID: '9-9-9-9-9-9-9-9-9-9-9-9-9-9-9-9', deviceLUID: '0-0-0-0-0-0-0-0', deviceNodeMask: 0, deviceLUIDValid: 0 }, properties: { apiVersion: 4206592 } } }, undefined);
  for (const d of [3, 4]) yield line('vkCreateDevice', { physicalDevice: 2, pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO', pNext: null, flags: 0, enabledExtensionCount: 2, ppEnabledExtensionNames: ['VK_KHR_external_memory_fd', 'VK_KHR_dedicated_allocation'] }, pAllocator: null, pDevice: d });
  let id = 100;
  let done = 5;
  while (done < calls) {
    const bufA = id++, memA = id++, bufB = id++, memB = id++;
    const ext = { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO', pNext: null, handleTypes: 1 };
    const lines = [
      line('vkGetPhysicalDeviceExternalBufferProperties', { physicalDevice: 2, pExternalBufferInfo: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_BUFFER_INFO', pNext: null, flags: 0, usage: 3, handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT' }, pExternalBufferProperties: { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_BUFFER_PROPERTIES', pNext: null, externalMemoryProperties: { externalMemoryFeatures: 6, exportFromImportedHandleTypes: 1, compatibleHandleTypes: 1 } } }, undefined),
      line('vkCreateBuffer', { device: 3, pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO', pNext: ext, flags: 0, size: 65536, usage: 3, sharingMode: 'VK_SHARING_MODE_EXCLUSIVE', queueFamilyIndexCount: 0, pQueueFamilyIndices: null }, pAllocator: null, pBuffer: bufA }),
      line('vkGetBufferMemoryRequirements', { device: 3, buffer: bufA, pMemoryRequirements: { size: 65536, alignment: 64, memoryTypeBits: 1 } }, undefined),
      line('vkAllocateMemory', { device: 3, pAllocateInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', pNext: { sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO', pNext: null, handleTypes: 1 }, allocationSize: 65536, memoryTypeIndex: 0 }, pAllocator: null, pMemory: memA }),
      line('vkBindBufferMemory', { device: 3, buffer: bufA, memory: memA, memoryOffset: 0 }),
      line('vkGetMemoryFdKHR', { device: 3, pGetFdInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR', pNext: null, memory: memA, handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT' }, pFd: 7 }),
      line('vkCreateBuffer', { device: 4, pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO', pNext: ext, flags: 0, size: 65536, usage: 3, sharingMode: 'VK_SHARING_MODE_EXCLUSIVE', queueFamilyIndexCount: 0, pQueueFamilyIndices: null }, pAllocator: null, pBuffer: bufB }),
      line('vkAllocateMemory', { device: 4, pAllocateInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', pNext: { sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR', pNext: null, handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT', fd: 7 }, allocationSize: 65536, memoryTypeIndex: 0 }, pAllocator: null, pMemory: memB }),
      line('vkBindBufferMemory', { device: 4, buffer: bufB, memory: memB, memoryOffset: 0 }),
      line('vkDestroyBuffer', { device: 4, buffer: bufB, pAllocator: null }, undefined),
      line('vkFreeMemory', { device: 4, memory: memB, pAllocator: null }, undefined),
      line('vkDestroyBuffer', { device: 3, buffer: bufA, pAllocator: null }, undefined),
      line('vkFreeMemory', { device: 3, memory: memA, pAllocator: null }, undefined),
    ];
    for (const l of lines) { if (done++ >= calls) return; yield l; }
  }
}
