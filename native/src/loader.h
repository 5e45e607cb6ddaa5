// Opening the Vulkan loader at run time and fetching the entry points the addon uses. Every function
// pointer may be null: an instance-level one when neither the core version nor the extension offers it,
// a device-level one when the device was not created with its extension. Callers check before calling,
// so a missing entry point becomes VK_ERROR_EXTENSION_NOT_PRESENT instead of a jump to address 0.
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "vk.h"

namespace vkx {

struct Library {
  void* handle = nullptr;
  std::string name;  // the name that opened, e.g. "libvulkan.so.1"
  PFN_vkGetInstanceProcAddr getInstanceProcAddr = nullptr;
};

// Opens the first loader name this platform knows. On failure `error` names every library tried and
// why each failed (the dlerror / GetLastError text), so "no loader" is never a guess.
bool OpenLoader(Library& lib, std::string& error);

// Global (no instance) entry points.
struct GlobalFns {
  PFN_vkEnumerateInstanceVersion enumerateInstanceVersion = nullptr;
  PFN_vkEnumerateInstanceExtensionProperties enumerateInstanceExtensions = nullptr;
  PFN_vkEnumerateInstanceLayerProperties enumerateInstanceLayers = nullptr;
  PFN_vkCreateInstance createInstance = nullptr;
};
void LoadGlobalFns(const Library& lib, GlobalFns& fn);

struct InstanceFns {
  PFN_vkDestroyInstance destroyInstance = nullptr;
  PFN_vkEnumeratePhysicalDevices enumeratePhysicalDevices = nullptr;
  PFN_vkGetPhysicalDeviceProperties properties = nullptr;
  PFN_vkGetPhysicalDeviceProperties2 properties2 = nullptr;
  PFN_vkGetPhysicalDeviceMemoryProperties memoryProperties = nullptr;
  PFN_vkGetPhysicalDeviceQueueFamilyProperties queueFamilies = nullptr;
  PFN_vkEnumerateDeviceExtensionProperties enumerateDeviceExtensions = nullptr;
  PFN_vkGetPhysicalDeviceExternalBufferProperties externalBuffer = nullptr;
  PFN_vkGetPhysicalDeviceImageFormatProperties imageFormat = nullptr;
  PFN_vkGetPhysicalDeviceImageFormatProperties2 imageFormat2 = nullptr;
  PFN_vkGetPhysicalDeviceExternalImageFormatPropertiesNV externalImageNV = nullptr;
  PFN_vkCreateDevice createDevice = nullptr;
  PFN_vkGetDeviceProcAddr getDeviceProcAddr = nullptr;
  PFN_vkCreateDebugUtilsMessengerEXT createMessenger = nullptr;
  PFN_vkDestroyDebugUtilsMessengerEXT destroyMessenger = nullptr;
};

// `apiVersion` is the instance's; `enabled` its extensions. Core 1.1 names are used from 1.1 on, the
// KHR names before that (and as a fallback), the NV and debug-utils ones only when enabled.
void LoadInstanceFns(const Library& lib, VkInstance instance, uint32_t apiVersion,
                     const std::set<std::string>& enabled, InstanceFns& fn);

struct DeviceFns {
  PFN_vkDestroyDevice destroyDevice = nullptr;
  PFN_vkCreateBuffer createBuffer = nullptr;
  PFN_vkDestroyBuffer destroyBuffer = nullptr;
  PFN_vkCreateImage createImage = nullptr;
  PFN_vkDestroyImage destroyImage = nullptr;
  PFN_vkGetBufferMemoryRequirements bufferRequirements = nullptr;
  PFN_vkGetImageMemoryRequirements imageRequirements = nullptr;
  PFN_vkGetBufferMemoryRequirements2 bufferRequirements2 = nullptr;
  PFN_vkGetImageMemoryRequirements2 imageRequirements2 = nullptr;
  PFN_vkAllocateMemory allocateMemory = nullptr;
  PFN_vkFreeMemory freeMemory = nullptr;
  PFN_vkBindBufferMemory bindBufferMemory = nullptr;
  PFN_vkBindImageMemory bindImageMemory = nullptr;
  PFN_vkMapMemory mapMemory = nullptr;
  PFN_vkUnmapMemory unmapMemory = nullptr;
  PFN_vkFlushMappedMemoryRanges flushRanges = nullptr;
  PFN_vkInvalidateMappedMemoryRanges invalidateRanges = nullptr;
  PFN_vkGetMemoryFdKHR getMemoryFd = nullptr;
  PFN_vkGetMemoryFdPropertiesKHR getMemoryFdProperties = nullptr;
  PFN_vkGetMemoryHostPointerPropertiesEXT getHostPointerProperties = nullptr;
#ifdef _WIN32
  PFN_vkGetMemoryWin32HandleKHR getMemoryWin32Handle = nullptr;
  PFN_vkGetMemoryWin32HandlePropertiesKHR getMemoryWin32HandleProperties = nullptr;
  PFN_vkGetMemoryWin32HandleNV getMemoryWin32HandleNV = nullptr;
#endif
};

// `apiVersion` is the lower of the instance's and the physical device's: the version the device's
// core entry points follow.
void LoadDeviceFns(PFN_vkGetDeviceProcAddr getDeviceProcAddr, VkDevice device, uint32_t apiVersion,
                   const std::set<std::string>& enabled, DeviceFns& fn);

}  // namespace vkx
