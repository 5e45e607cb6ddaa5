// open(), close(), physicalDevices() and takeLayerMessages(): the session's lifetime. open() never
// throws for a missing loader or driver; it answers {ok:false, error} with the reason in words, because
// "no Vulkan here" is an ordinary situation for a library that also runs without a GPU.
#include <cstring>
#include <cstdlib>

#include "args.h"
#include "errors.h"
#include "exports.h"
#include "results.h"

namespace vkx {
namespace {

std::set<std::string> InstanceExtensions(const GlobalFns& g, const char* layer) {
  std::set<std::string> names;
  if (g.enumerateInstanceExtensions == nullptr) return names;
  std::vector<VkExtensionProperties> props;
  uint32_t n = 0;
  VkResult r;
  do {
    if (g.enumerateInstanceExtensions(layer, &n, nullptr) != VK_SUCCESS) return names;
    props.resize(n);
    r = g.enumerateInstanceExtensions(layer, &n, props.data());
  } while (r == VK_INCOMPLETE);
  if (r != VK_SUCCESS) return names;
  for (uint32_t i = 0; i < n; i++) names.insert(props[i].extensionName);
  return names;
}

bool HasLayer(const GlobalFns& g, const char* name) {
  if (g.enumerateInstanceLayers == nullptr) return false;
  std::vector<VkLayerProperties> props;
  uint32_t n = 0;
  VkResult r;
  do {
    if (g.enumerateInstanceLayers(&n, nullptr) != VK_SUCCESS) return false;
    props.resize(n);
    r = g.enumerateInstanceLayers(&n, props.data());
  } while (r == VK_INCOMPLETE);
  if (r != VK_SUCCESS) return false;
  for (uint32_t i = 0; i < n; i++)
    if (std::string(props[i].layerName) == name) return true;
  return false;
}

// The driver-selection variables in effect, for messages: which ICD the loader was told to use is
// usually the whole story behind "no driver".
std::string DriverEnvironment() {
  std::string out;
  for (const char* name : {"VK_DRIVER_FILES", "VK_ICD_FILENAMES", "VK_ADD_DRIVER_FILES"}) {
    const char* v = std::getenv(name);
    if (v != nullptr && *v != 0) out += std::string(out.empty() ? " (" : ", ") + name + "=" + v;
  }
  return out.empty() ? " (no VK_DRIVER_FILES or VK_ICD_FILENAMES set: the loader searched its default places)"
                     : out + ")";
}

std::vector<std::string> DeviceExtensions(const InstanceFns& fn, VkPhysicalDevice pd) {
  std::vector<std::string> names;
  std::vector<VkExtensionProperties> props;
  uint32_t n = 0;
  VkResult r;
  do {
    if (fn.enumerateDeviceExtensions(pd, nullptr, &n, nullptr) != VK_SUCCESS) return names;
    props.resize(n);
    r = fn.enumerateDeviceExtensions(pd, nullptr, &n, props.data());
  } while (r == VK_INCOMPLETE);
  if (r != VK_SUCCESS) return names;
  for (uint32_t i = 0; i < n; i++) names.push_back(props[i].extensionName);
  return names;
}

bool AtLeast11(uint32_t v) { return VK_API_VERSION_MAJOR(v) > 1 || VK_API_VERSION_MINOR(v) >= 1; }

void Describe(Session& s, VkPhysicalDevice handle, const std::set<std::string>& instanceExts, PhysicalDevice& pd) {
  pd.handle = handle;
  s.fn.properties(handle, &pd.props);
  s.fn.memoryProperties(handle, &pd.memory);
  pd.extensions = DeviceExtensions(s.fn, handle);
  for (const std::string& e : pd.extensions)
    if (e == "VK_EXT_external_memory_host") pd.hasHostPointer = true;
  if (s.fn.properties2 == nullptr) return;
  // Identity (UUIDs, LUID) needs 1.1 on both sides or VK_KHR_external_memory_capabilities.
  bool idProps = (AtLeast11(s.instanceApiVersion) && AtLeast11(pd.props.apiVersion)) ||
                 instanceExts.count("VK_KHR_external_memory_capabilities") != 0;
  VkPhysicalDeviceProperties2 p2{};
  p2.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2;
  VkPhysicalDeviceIDProperties id{};
  id.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES;
  VkPhysicalDeviceExternalMemoryHostPropertiesEXT host{};
  host.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_MEMORY_HOST_PROPERTIES_EXT;
  // The driver's own name and version text (1.2 core, or VK_KHR_driver_properties): profiles name it.
  bool driverProps = pd.props.apiVersion >= VK_API_VERSION_1_2 && s.instanceApiVersion >= VK_API_VERSION_1_2;
  for (const std::string& e : pd.extensions)
    if (e == "VK_KHR_driver_properties") driverProps = true;
  VkPhysicalDeviceDriverProperties drv{};
  drv.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES;
  void** tail = &p2.pNext;
  if (driverProps) {
    *tail = &drv;
    tail = &drv.pNext;
  }
  if (idProps) {
    *tail = &id;
    tail = &id.pNext;
  }
  if (pd.hasHostPointer) {
    *tail = &host;
    tail = &host.pNext;
  }
  s.fn.properties2(handle, &p2);
  if (idProps) {
    pd.hasIdProps = true;
    pd.idProps = id;
    pd.idProps.pNext = nullptr;
  }
  if (pd.hasHostPointer) pd.minImportedHostPointerAlignment = host.minImportedHostPointerAlignment;
  if (driverProps) {
    pd.driverName = std::string(drv.driverName, strnlen(drv.driverName, VK_MAX_DRIVER_NAME_SIZE));
    pd.driverInfo = std::string(drv.driverInfo, strnlen(drv.driverInfo, VK_MAX_DRIVER_INFO_SIZE));
  }
}

// The loader unloads a driver when its last instance goes, and some drivers (NVIDIA's 580 series, seen
// here) cannot be started again in the same process after that: the next vkCreateInstance finds no
// driver. One plain instance made at the first open and never destroyed keeps them loaded, so close()
// and open() may alternate freely. It holds no devices and no memory.
void KeepDriversLoaded(Session& s) {
  static bool made = false;
  if (made) return;
  made = true;
  VkApplicationInfo app{};
  app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
  app.pApplicationName = "vk-extmem (keeps drivers loaded)";
  app.apiVersion = VK_API_VERSION_1_0;
  VkInstanceCreateInfo ci{};
  ci.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
  ci.pApplicationInfo = &app;
  VkInstance anchor = VK_NULL_HANDLE;
  (void)s.global.createInstance(&ci, nullptr, &anchor);
}

Napi::Uint8Array Bytes(Napi::Env env, const uint8_t* p, size_t n) {
  Napi::Uint8Array a = Napi::Uint8Array::New(env, n);
  for (size_t i = 0; i < n; i++) a[i] = p[i];
  return a;
}

}  // namespace

Napi::Value Open(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint32_t apiVersion = VK_API_VERSION_1_1;
  bool validation = false;
  bool skipReported = false;
  if (!Absent(info[0])) {
    Napi::Object o = Object(info[0], "open: o");
    Napi::Value api = o.Get("apiVersion");
    if (!api.IsUndefined()) apiVersion = U32(api, "open: o.apiVersion");
    validation = OptionalBool(o.Get("validation"), "open: o.validation", false);
    skipReported = OptionalBool(o.Get("skipReported"), "open: o.skipReported", false);
  }

  Napi::Object out = Napi::Object::New(env);
  auto fail = [&](const std::string& why) {
    out.Set("ok", false);
    out.Set("error", why);
    if (!s.loader.name.empty()) out.Set("loader", s.loader.name);
    return out;
  };
  if (s.IsOpen()) return fail("already open: call close() first");

  std::string error;
  if (!OpenLoader(s.loader, error)) return fail(error);
  LoadGlobalFns(s.loader, s.global);
  if (s.global.createInstance == nullptr)
    return fail("the Vulkan loader " + s.loader.name + " offers no vkCreateInstance");
  // A 1.0 loader refuses any other apiVersion outright; ask it for what it can give.
  if (s.global.enumerateInstanceVersion == nullptr) apiVersion = VK_API_VERSION_1_0;
  KeepDriversLoaded(s);

  std::set<std::string> available = InstanceExtensions(s.global, nullptr);
  const char* kValidation = "VK_LAYER_KHRONOS_validation";
  bool layer = validation && HasLayer(s.global, kValidation);
  if (layer)
    for (const std::string& e : InstanceExtensions(s.global, kValidation)) available.insert(e);

  std::set<std::string> enabled;
  for (const char* e : {"VK_KHR_get_physical_device_properties2", "VK_KHR_external_memory_capabilities",
                        "VK_NV_external_memory_capabilities"})
    if (available.count(e) != 0) enabled.insert(e);
  bool debugUtils = validation && available.count("VK_EXT_debug_utils") != 0;
  if (debugUtils) enabled.insert("VK_EXT_debug_utils");
  std::vector<const char*> extNames;
  for (const std::string& e : enabled) extNames.push_back(e.c_str());
  std::vector<const char*> layerNames;
  if (layer) layerNames.push_back(kValidation);

  VkApplicationInfo app{};
  app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
  app.pApplicationName = "vk-extmem";
  app.pEngineName = "vk-extmem";
  app.apiVersion = apiVersion;
  VkInstanceCreateInfo ci{};
  ci.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
  ci.pApplicationInfo = &app;
  ci.enabledExtensionCount = static_cast<uint32_t>(extNames.size());
  ci.ppEnabledExtensionNames = extNames.data();
  ci.enabledLayerCount = static_cast<uint32_t>(layerNames.size());
  ci.ppEnabledLayerNames = layerNames.data();
  s.layer.Clear();
  s.layer.SetSkipReported(skipReported);
  VkDebugUtilsMessengerCreateInfoEXT messengerInfo = s.layer.CreateInfo();
  if (debugUtils) ci.pNext = &messengerInfo;

  VkInstance instance = VK_NULL_HANDLE;
  VkResult r = s.global.createInstance(&ci, nullptr, &instance);
  if (r == VK_ERROR_INCOMPATIBLE_DRIVER)
    return fail("no Vulkan driver (ICD): vkCreateInstance failed with " + ResultName(r) + " from " + s.loader.name +
                DriverEnvironment());
  if (r != VK_SUCCESS) return fail("vkCreateInstance failed with " + ResultName(r) + " from " + s.loader.name);
  s.instance = instance;
  s.instanceApiVersion = apiVersion;
  LoadInstanceFns(s.loader, instance, apiVersion, enabled, s.fn);
  if (debugUtils && s.fn.createMessenger != nullptr) {
    if (s.fn.createMessenger(instance, &messengerInfo, nullptr, &s.messenger) != VK_SUCCESS)
      s.messenger = VK_NULL_HANDLE;
  }

  uint32_t n = 0;
  r = s.fn.enumeratePhysicalDevices(instance, &n, nullptr);
  std::vector<VkPhysicalDevice> handles(n);
  if (r == VK_SUCCESS && n > 0) r = s.fn.enumeratePhysicalDevices(instance, &n, handles.data());
  if (r != VK_SUCCESS && r != VK_INCOMPLETE) {
    s.CloseInstance();
    return fail("vkEnumeratePhysicalDevices failed with " + ResultName(r));
  }
  handles.resize(n);
  if (n == 0) {
    s.CloseInstance();
    return fail("no physical device: the loader " + s.loader.name + " found no Vulkan driver (ICD) with a device" +
                DriverEnvironment());
  }
  for (VkPhysicalDevice h : handles) {
    auto pd = std::make_unique<PhysicalDevice>();
    Describe(s, h, enabled, *pd);
    uint64_t id = s.NewId();
    s.pds.Add(id, std::move(pd));
    s.pdOrder.push_back(id);
  }

  out.Set("ok", true);
  out.Set("loader", s.loader.name);
  out.Set("validation", layer);
  return out;
}

Napi::Value Close(Session& s, const Napi::CallbackInfo& info) {
  s.Close();
  return info.Env().Undefined();
}

Napi::Value PhysicalDevices(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Array list = Napi::Array::New(env, s.pdOrder.size());
  uint32_t k = 0;
  for (uint64_t id : s.pdOrder) {
    const PhysicalDevice& pd = *s.pds.Find(id);
    Napi::Object o = Napi::Object::New(env);
    o.Set("handle", static_cast<double>(id));
    o.Set("deviceName", std::string(pd.props.deviceName));
    o.Set("vendorID", pd.props.vendorID);
    o.Set("deviceID", pd.props.deviceID);
    o.Set("deviceType", static_cast<uint32_t>(pd.props.deviceType));
    o.Set("apiVersion", pd.props.apiVersion);
    o.Set("driverVersion", pd.props.driverVersion);
    if (!pd.driverName.empty()) o.Set("driverName", pd.driverName);
    if (!pd.driverInfo.empty()) o.Set("driverInfo", pd.driverInfo);
    o.Set("deviceUUID", Bytes(env, pd.idProps.deviceUUID, VK_UUID_SIZE));
    o.Set("driverUUID", Bytes(env, pd.idProps.driverUUID, VK_UUID_SIZE));
    o.Set("deviceLUID", Bytes(env, pd.idProps.deviceLUID, VK_LUID_SIZE));
    o.Set("deviceLUIDValid", pd.idProps.deviceLUIDValid == VK_TRUE);
    o.Set("deviceNodeMask", pd.idProps.deviceNodeMask);
    Napi::Array types = Napi::Array::New(env, pd.memory.memoryTypeCount);
    for (uint32_t i = 0; i < pd.memory.memoryTypeCount && i < VK_MAX_MEMORY_TYPES; i++) {
      Napi::Object t = Napi::Object::New(env);
      t.Set("propertyFlags", pd.memory.memoryTypes[i].propertyFlags);
      t.Set("heapIndex", pd.memory.memoryTypes[i].heapIndex);
      types[i] = t;
    }
    o.Set("memoryTypes", types);
    Napi::Array heaps = Napi::Array::New(env, pd.memory.memoryHeapCount);
    for (uint32_t i = 0; i < pd.memory.memoryHeapCount && i < VK_MAX_MEMORY_HEAPS; i++) {
      Napi::Object h = Napi::Object::New(env);
      h.Set("size", static_cast<double>(pd.memory.memoryHeaps[i].size));
      h.Set("flags", pd.memory.memoryHeaps[i].flags);
      heaps[i] = h;
    }
    o.Set("memoryHeaps", heaps);
    Napi::Array exts = Napi::Array::New(env, pd.extensions.size());
    for (size_t i = 0; i < pd.extensions.size(); i++) exts[static_cast<uint32_t>(i)] = pd.extensions[i];
    o.Set("extensions", exts);
    if (pd.hasHostPointer) o.Set("minImportedHostPointerAlignment", static_cast<double>(pd.minImportedHostPointerAlignment));
    list[k++] = o;
  }
  return list;
}

Napi::Value TakeLayerMessages(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<LayerMessage> messages = s.layer.Take();
  Napi::Array list = Napi::Array::New(env, messages.size());
  for (size_t i = 0; i < messages.size(); i++) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("severity", messages[i].severity);
    o.Set("vuid", messages[i].vuid);
    o.Set("message", messages[i].message);
    list[static_cast<uint32_t>(i)] = o;
  }
  return list;
}

}  // namespace vkx
