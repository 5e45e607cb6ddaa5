// The Vulkan loader is opened at run time so that the addon builds and loads on a machine without
// Vulkan: only open() then reports which library it looked for.
#include "loader.h"

#include <cstdlib>
#include <iterator>
#include <vector>

#ifndef _WIN32
#include <dlfcn.h>
#endif

namespace vkx {
namespace {

// Casting between function pointer types goes through the generic PFN_vkVoidFunction shape, which
// compilers accept for any function type (a direct cast between unrelated types is warned about).
template <typename F>
F As(PFN_vkVoidFunction p) {
  return reinterpret_cast<F>(p);
}

#ifdef _WIN32
const char* const kLoaderNames[] = {"vulkan-1.dll"};

std::string LastErrorText() {
  DWORD code = GetLastError();
  char buf[256] = {0};
  DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr, code, 0, buf,
                           sizeof buf, nullptr);
  while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' ')) buf[--n] = 0;
  return "error " + std::to_string(code) + (n > 0 ? std::string(": ") + buf : std::string());
}
#elif defined(__APPLE__)
const char* const kLoaderNames[] = {"libvulkan.1.dylib", "libvulkan.dylib", "libMoltenVK.dylib"};
#else
const char* const kLoaderNames[] = {"libvulkan.so.1", "libvulkan.so"};
#endif

}  // namespace

bool OpenLoader(Library& lib, std::string& error) {
  if (lib.handle != nullptr) return true;
  // VKX_VULKAN_LOADER names one loader to use instead of the system's (a loader unpacked somewhere
  // ldconfig does not know, or a deliberately missing one in tests).
  std::vector<std::string> names;
  const char* chosen = std::getenv("VKX_VULKAN_LOADER");
  if (chosen != nullptr && *chosen != 0)
    names.push_back(chosen);
  else
    names.assign(std::begin(kLoaderNames), std::end(kLoaderNames));
  std::string tried;
  for (const std::string& n : names) {
    const char* name = n.c_str();
#ifdef _WIN32
    HMODULE h = LoadLibraryA(name);
    std::string why = h == nullptr ? LastErrorText() : std::string();
    // FARPROC is another function type; void (*)(void) is the shape every function pointer may pass through.
    PFN_vkVoidFunction entry =
        h == nullptr ? nullptr
                     : reinterpret_cast<PFN_vkVoidFunction>(
                           reinterpret_cast<void (*)(void)>(GetProcAddress(h, "vkGetInstanceProcAddr")));
    if (h != nullptr && entry == nullptr) {
      why = "it has no vkGetInstanceProcAddr";
      FreeLibrary(h);
      h = nullptr;
    }
    void* handle = reinterpret_cast<void*>(h);
#else
    void* handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    const char* err = handle == nullptr ? dlerror() : nullptr;
    std::string why = err != nullptr ? err : "";
    PFN_vkVoidFunction entry = nullptr;
    if (handle != nullptr) {
      void* sym = dlsym(handle, "vkGetInstanceProcAddr");
      entry = reinterpret_cast<PFN_vkVoidFunction>(sym);
      if (entry == nullptr) {
        why = "it has no vkGetInstanceProcAddr";
        dlclose(handle);
        handle = nullptr;
      }
    }
#endif
    if (handle != nullptr) {
      lib.handle = handle;
      lib.name = name;
      lib.getInstanceProcAddr = As<PFN_vkGetInstanceProcAddr>(entry);
      return true;
    }
    if (!tried.empty()) tried += "; ";
    tried += std::string(name) + " (" + (why.empty() ? "not found" : why) + ")";
  }
  error = "no Vulkan loader: tried " + tried;
  return false;
}

void LoadGlobalFns(const Library& lib, GlobalFns& fn) {
  auto get = [&](const char* name) { return lib.getInstanceProcAddr(VK_NULL_HANDLE, name); };
  fn.enumerateInstanceVersion = As<PFN_vkEnumerateInstanceVersion>(get("vkEnumerateInstanceVersion"));
  fn.enumerateInstanceExtensions =
      As<PFN_vkEnumerateInstanceExtensionProperties>(get("vkEnumerateInstanceExtensionProperties"));
  fn.enumerateInstanceLayers = As<PFN_vkEnumerateInstanceLayerProperties>(get("vkEnumerateInstanceLayerProperties"));
  fn.createInstance = As<PFN_vkCreateInstance>(get("vkCreateInstance"));
}

void LoadInstanceFns(const Library& lib, VkInstance instance, uint32_t apiVersion,
                     const std::set<std::string>& enabled, InstanceFns& fn) {
  auto get = [&](const char* name) { return lib.getInstanceProcAddr(instance, name); };
  // A 1.0 instance must use the KHR names even where the loader would hand out the core ones.
  const bool core11 = VK_API_VERSION_MAJOR(apiVersion) > 1 || VK_API_VERSION_MINOR(apiVersion) >= 1;
  auto pick = [&](const char* core, const char* khr, const char* ext) {
    PFN_vkVoidFunction p = core11 ? get(core) : nullptr;
    if (p == nullptr && enabled.count(ext) != 0) p = get(khr);
    return p;
  };
  fn.destroyInstance = As<PFN_vkDestroyInstance>(get("vkDestroyInstance"));
  fn.enumeratePhysicalDevices = As<PFN_vkEnumeratePhysicalDevices>(get("vkEnumeratePhysicalDevices"));
  fn.properties = As<PFN_vkGetPhysicalDeviceProperties>(get("vkGetPhysicalDeviceProperties"));
  fn.imageFormat = As<PFN_vkGetPhysicalDeviceImageFormatProperties>(get("vkGetPhysicalDeviceImageFormatProperties"));
  fn.memoryProperties = As<PFN_vkGetPhysicalDeviceMemoryProperties>(get("vkGetPhysicalDeviceMemoryProperties"));
  fn.queueFamilies =
      As<PFN_vkGetPhysicalDeviceQueueFamilyProperties>(get("vkGetPhysicalDeviceQueueFamilyProperties"));
  fn.enumerateDeviceExtensions =
      As<PFN_vkEnumerateDeviceExtensionProperties>(get("vkEnumerateDeviceExtensionProperties"));
  fn.createDevice = As<PFN_vkCreateDevice>(get("vkCreateDevice"));
  fn.getDeviceProcAddr = As<PFN_vkGetDeviceProcAddr>(get("vkGetDeviceProcAddr"));
  fn.properties2 = As<PFN_vkGetPhysicalDeviceProperties2>(pick(
      "vkGetPhysicalDeviceProperties2", "vkGetPhysicalDeviceProperties2KHR", "VK_KHR_get_physical_device_properties2"));
  fn.imageFormat2 = As<PFN_vkGetPhysicalDeviceImageFormatProperties2>(
      pick("vkGetPhysicalDeviceImageFormatProperties2", "vkGetPhysicalDeviceImageFormatProperties2KHR",
           "VK_KHR_get_physical_device_properties2"));
  fn.externalBuffer = As<PFN_vkGetPhysicalDeviceExternalBufferProperties>(
      pick("vkGetPhysicalDeviceExternalBufferProperties", "vkGetPhysicalDeviceExternalBufferPropertiesKHR",
           "VK_KHR_external_memory_capabilities"));
  if (enabled.count("VK_NV_external_memory_capabilities") != 0)
    fn.externalImageNV = As<PFN_vkGetPhysicalDeviceExternalImageFormatPropertiesNV>(
        get("vkGetPhysicalDeviceExternalImageFormatPropertiesNV"));
  if (enabled.count("VK_EXT_debug_utils") != 0) {
    fn.createMessenger = As<PFN_vkCreateDebugUtilsMessengerEXT>(get("vkCreateDebugUtilsMessengerEXT"));
    fn.destroyMessenger = As<PFN_vkDestroyDebugUtilsMessengerEXT>(get("vkDestroyDebugUtilsMessengerEXT"));
  }
}

void LoadDeviceFns(PFN_vkGetDeviceProcAddr getDeviceProcAddr, VkDevice device, uint32_t apiVersion,
                   const std::set<std::string>& enabled, DeviceFns& fn) {
  auto get = [&](const char* name) { return getDeviceProcAddr(device, name); };
  const bool core11 = VK_API_VERSION_MAJOR(apiVersion) > 1 || VK_API_VERSION_MINOR(apiVersion) >= 1;
  // Extension entry points are fetched only when the device enabled the extension, so "not enabled"
  // has one meaning on every loader (some return a stub for a disabled extension, some null).
  auto ext = [&](const char* extension, const char* name) {
    return enabled.count(extension) != 0 ? get(name) : nullptr;
  };
  fn.destroyDevice = As<PFN_vkDestroyDevice>(get("vkDestroyDevice"));
  fn.createBuffer = As<PFN_vkCreateBuffer>(get("vkCreateBuffer"));
  fn.destroyBuffer = As<PFN_vkDestroyBuffer>(get("vkDestroyBuffer"));
  fn.createImage = As<PFN_vkCreateImage>(get("vkCreateImage"));
  fn.destroyImage = As<PFN_vkDestroyImage>(get("vkDestroyImage"));
  fn.bufferRequirements = As<PFN_vkGetBufferMemoryRequirements>(get("vkGetBufferMemoryRequirements"));
  fn.imageRequirements = As<PFN_vkGetImageMemoryRequirements>(get("vkGetImageMemoryRequirements"));
  fn.allocateMemory = As<PFN_vkAllocateMemory>(get("vkAllocateMemory"));
  fn.freeMemory = As<PFN_vkFreeMemory>(get("vkFreeMemory"));
  fn.bindBufferMemory = As<PFN_vkBindBufferMemory>(get("vkBindBufferMemory"));
  fn.bindImageMemory = As<PFN_vkBindImageMemory>(get("vkBindImageMemory"));
  fn.mapMemory = As<PFN_vkMapMemory>(get("vkMapMemory"));
  fn.unmapMemory = As<PFN_vkUnmapMemory>(get("vkUnmapMemory"));
  fn.flushRanges = As<PFN_vkFlushMappedMemoryRanges>(get("vkFlushMappedMemoryRanges"));
  fn.invalidateRanges = As<PFN_vkInvalidateMappedMemoryRanges>(get("vkInvalidateMappedMemoryRanges"));
  // The dedicated-requirements query needs the *2 entry points: core in 1.1, else the KHR extension.
  PFN_vkVoidFunction b2 = core11 ? get("vkGetBufferMemoryRequirements2") : nullptr;
  PFN_vkVoidFunction i2 = core11 ? get("vkGetImageMemoryRequirements2") : nullptr;
  if (b2 == nullptr) b2 = ext("VK_KHR_get_memory_requirements2", "vkGetBufferMemoryRequirements2KHR");
  if (i2 == nullptr) i2 = ext("VK_KHR_get_memory_requirements2", "vkGetImageMemoryRequirements2KHR");
  fn.bufferRequirements2 = As<PFN_vkGetBufferMemoryRequirements2>(b2);
  fn.imageRequirements2 = As<PFN_vkGetImageMemoryRequirements2>(i2);
  fn.getMemoryFd = As<PFN_vkGetMemoryFdKHR>(ext("VK_KHR_external_memory_fd", "vkGetMemoryFdKHR"));
  fn.getMemoryFdProperties =
      As<PFN_vkGetMemoryFdPropertiesKHR>(ext("VK_KHR_external_memory_fd", "vkGetMemoryFdPropertiesKHR"));
  fn.getHostPointerProperties = As<PFN_vkGetMemoryHostPointerPropertiesEXT>(
      ext("VK_EXT_external_memory_host", "vkGetMemoryHostPointerPropertiesEXT"));
#ifdef _WIN32
  fn.getMemoryWin32Handle =
      As<PFN_vkGetMemoryWin32HandleKHR>(ext("VK_KHR_external_memory_win32", "vkGetMemoryWin32HandleKHR"));
  fn.getMemoryWin32HandleProperties = As<PFN_vkGetMemoryWin32HandlePropertiesKHR>(
      ext("VK_KHR_external_memory_win32", "vkGetMemoryWin32HandlePropertiesKHR"));
  fn.getMemoryWin32HandleNV =
      As<PFN_vkGetMemoryWin32HandleNV>(ext("VK_NV_external_memory_win32", "vkGetMemoryWin32HandleNV"));
#endif
}

}  // namespace vkx
