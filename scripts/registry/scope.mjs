// What of the Vulkan registry the model decodes. Everything else in a call is read past, not modelled.

/** Commands the core understands. Aliases (…KHR, …EXT) are resolved through vk.xml. */
export const COMMANDS = [
  'vkCreateInstance', 'vkDestroyInstance', 'vkEnumeratePhysicalDevices',
  'vkGetPhysicalDeviceProperties', 'vkGetPhysicalDeviceProperties2',
  'vkGetPhysicalDeviceMemoryProperties', 'vkGetPhysicalDeviceMemoryProperties2',
  'vkGetPhysicalDeviceFeatures2',
  'vkCreateDevice', 'vkDestroyDevice', 'vkGetDeviceQueue',
  'vkCreateBuffer', 'vkDestroyBuffer', 'vkCreateImage', 'vkDestroyImage',
  'vkGetBufferMemoryRequirements', 'vkGetBufferMemoryRequirements2',
  'vkGetImageMemoryRequirements', 'vkGetImageMemoryRequirements2',
  'vkAllocateMemory', 'vkFreeMemory', 'vkMapMemory', 'vkUnmapMemory',
  'vkBindBufferMemory', 'vkBindImageMemory', 'vkBindBufferMemory2', 'vkBindImageMemory2',
  'vkGetMemoryWin32HandleKHR', 'vkGetMemoryWin32HandleNV', 'vkGetMemoryFdKHR',
  'vkGetMemoryWin32HandlePropertiesKHR', 'vkGetMemoryFdPropertiesKHR', 'vkGetMemoryHostPointerPropertiesEXT',
  'vkGetPhysicalDeviceExternalBufferProperties', 'vkGetPhysicalDeviceImageFormatProperties2',
  'vkGetPhysicalDeviceExternalImageFormatPropertiesNV',
  'vkQueueSubmit', 'vkGetDeviceQueue2', 'vkGetSwapchainImagesKHR',
];

/**
 * Handle types whose every creation the model sees. A handle of another type (a semaphore, a command
 * buffer) is made by calls the model reads past, so whether it is live cannot be told and is not judged.
 */
export const TRACKED_HANDLES = ['VkInstance', 'VkPhysicalDevice', 'VkDevice', 'VkQueue', 'VkBuffer', 'VkImage', 'VkDeviceMemory', 'ID3DObject'];

/** Structures reached through pNext that the rules read. Structures reached through parameters are added automatically. */
export const CHAINED_STRUCTS = [
  'VkExportMemoryAllocateInfo', 'VkExportMemoryAllocateInfoNV', 'VkExportMemoryWin32HandleInfoKHR',
  'VkExportMemoryWin32HandleInfoNV', 'VkImportMemoryWin32HandleInfoKHR', 'VkImportMemoryWin32HandleInfoNV',
  'VkImportMemoryFdInfoKHR', 'VkImportMemoryHostPointerInfoEXT', 'VkMemoryDedicatedAllocateInfo',
  'VkDedicatedAllocationMemoryAllocateInfoNV', 'VkMemoryOpaqueCaptureAddressAllocateInfo', 'VkMemoryAllocateFlagsInfo',
  'VkExternalMemoryBufferCreateInfo', 'VkDedicatedAllocationBufferCreateInfoNV', 'VkBufferUsageFlags2CreateInfo',
  'VkExternalMemoryImageCreateInfo', 'VkExternalMemoryImageCreateInfoNV', 'VkDedicatedAllocationImageCreateInfoNV',
  'VkImageAlignmentControlCreateInfoMESA',
  'VkPhysicalDeviceExternalImageFormatInfo', 'VkExternalImageFormatProperties',
  'VkMemoryDedicatedRequirements',
  'VkPhysicalDeviceIDProperties', 'VkPhysicalDeviceVulkan11Properties', 'VkPhysicalDeviceExternalMemoryHostPropertiesEXT',
  'VkPhysicalDeviceDedicatedAllocationImageAliasingFeaturesNV', 'VkPhysicalDeviceBufferDeviceAddressFeatures',
  'VkPhysicalDeviceVulkan12Features', 'VkDeviceGroupDeviceCreateInfo', 'VkPhysicalDeviceFeatures2',
  'VkWin32KeyedMutexAcquireReleaseInfoKHR', 'VkWin32KeyedMutexAcquireReleaseInfoNV',
];

/** Structures (by value or pointer) that are read past: nothing in them matters to a rule. */
export const OPAQUE_STRUCTS = new Set([
  'VkPhysicalDeviceLimits', 'VkPhysicalDeviceSparseProperties', 'VkPhysicalDeviceFeatures', 'VkAllocationCallbacks',
  'VkDeviceQueueCreateInfo', 'VkInstanceCreateInfo_', 'VkImageFormatProperties_',
]);

/** Extension names the core tracks as enabled on an instance or device (bit i of a 64-bit mask). */
export const EXTENSIONS = [
  'VK_KHR_external_memory', 'VK_KHR_external_memory_capabilities', 'VK_KHR_external_memory_win32',
  'VK_KHR_external_memory_fd', 'VK_NV_external_memory', 'VK_NV_external_memory_capabilities',
  'VK_NV_external_memory_win32', 'VK_KHR_dedicated_allocation', 'VK_NV_dedicated_allocation',
  'VK_NV_dedicated_allocation_image_aliasing', 'VK_EXT_external_memory_host', 'VK_EXT_external_memory_dma_buf',
  'VK_KHR_get_memory_requirements2', 'VK_KHR_bind_memory2', 'VK_KHR_get_physical_device_properties2',
  'VK_KHR_win32_keyed_mutex', 'VK_NV_win32_keyed_mutex', 'VK_KHR_device_group', 'VK_KHR_device_group_creation',
  'VK_KHR_buffer_device_address', 'VK_KHR_maintenance5', 'VK_MESA_image_alignment_control',
  'VK_ANDROID_external_memory_android_hardware_buffer', 'VK_KHR_sampler_ycbcr_conversion',
  'VK_EXT_image_drm_format_modifier', 'VK_KHR_external_semaphore_win32', 'VK_KHR_external_memory_metal',
  'VK_EXT_external_memory_metal', 'VK_ARM_tensors', 'VK_EXT_debug_utils',
];

/** Enum and flag types whose values the Wasm core names as constants. */
export const CORE_ENUMS = [
  'VkExternalMemoryHandleTypeFlagBits', 'VkExternalMemoryHandleTypeFlagBitsNV', 'VkExternalMemoryFeatureFlagBits',
  'VkExternalMemoryFeatureFlagBitsNV', 'VkBufferCreateFlagBits', 'VkImageCreateFlagBits', 'VkImageLayout',
  'VkImageTiling', 'VkMemoryPropertyFlagBits', 'VkResult', 'VkImageType', 'VkBufferUsageFlagBits',
];
