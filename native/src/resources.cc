// Devices, buffers and images, and their memory requirements with the dedicated-allocation answer.
#include <algorithm>

#include "args.h"
#include "errors.h"
#include "exports.h"

namespace vkx {
namespace {

uint32_t FlagsOr(const Napi::Value& v, const std::string& what, uint32_t otherwise) {
  return v.IsUndefined() ? otherwise : Flags(v, what);
}

uint32_t U32Or(const Napi::Value& v, const std::string& what, uint32_t otherwise) {
  return v.IsUndefined() ? otherwise : U32(v, what);
}

// out: size, alignment, memoryTypeBits, prefersDedicatedAllocation (0/1), requiresDedicatedAllocation (0/1).
void PutRequirements(double* out, const VkMemoryRequirements& m, const VkMemoryDedicatedRequirements& d) {
  out[0] = static_cast<double>(m.size);
  out[1] = static_cast<double>(m.alignment);
  out[2] = m.memoryTypeBits;
  out[3] = d.prefersDedicatedAllocation == VK_TRUE ? 1 : 0;
  out[4] = d.requiresDedicatedAllocation == VK_TRUE ? 1 : 0;
}

}  // namespace

Napi::Value Answer(Napi::Env env, double* out, VkResult result, double value) {
  out[0] = value;
  return Napi::Number::New(env, static_cast<int32_t>(result));
}

Napi::Value CreateDevice(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint64_t pdId = Size(info[0], "createDevice: pd");
  std::vector<std::string> requested = Strings(info[1], "createDevice: extensions", 512, 256);
  double* out = Outputs(info[2], 1, "createDevice: out");  // last: reading the list may run JavaScript

  PhysicalDevice& pd = s.FindPhysicalDevice(pdId);
  std::set<std::string> enabled;
  std::vector<const char*> names;
  for (const std::string& e : requested) {
    if (std::find(pd.extensions.begin(), pd.extensions.end(), e) == pd.extensions.end())
      return Answer(env, out, VK_ERROR_EXTENSION_NOT_PRESENT, 0);
    if (enabled.insert(e).second) names.push_back(enabled.find(e)->c_str());
  }
  // One queue of family 0: external memory needs no work submitted, only a device to own the objects.
  float priority = 1.0f;
  VkDeviceQueueCreateInfo queue{};
  queue.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
  queue.queueFamilyIndex = 0;
  queue.queueCount = 1;
  queue.pQueuePriorities = &priority;
  VkDeviceCreateInfo ci{};
  ci.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
  ci.queueCreateInfoCount = 1;
  ci.pQueueCreateInfos = &queue;
  ci.enabledExtensionCount = static_cast<uint32_t>(names.size());
  ci.ppEnabledExtensionNames = names.data();
  VkDevice handle = VK_NULL_HANDLE;
  VkResult r = s.fn.createDevice(pd.handle, &ci, nullptr, &handle);
  if (r != VK_SUCCESS) return Answer(env, out, r, 0);

  auto dev = std::make_unique<Device>();
  dev->pd = pdId;
  dev->handle = handle;
  dev->apiVersion = std::min(s.instanceApiVersion, pd.props.apiVersion);
  dev->enabled = enabled;
  LoadDeviceFns(s.fn.getDeviceProcAddr, handle, dev->apiVersion, dev->enabled, dev->fn);
  uint64_t id = s.NewId();
  s.devices.Add(id, std::move(dev));
  return Answer(env, out, VK_SUCCESS, id);
}

Napi::Value DestroyDevice(Session& s, const Napi::CallbackInfo& info) {
  uint64_t dev = Size(info[0], "destroyDevice: dev");
  s.FindDevice(dev);
  s.DestroyDevice(dev);
  return info.Env().Undefined();
}

Napi::Value CreateBuffer(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint64_t devId = Size(info[0], "createBuffer: dev");
  Napi::Object d = Object(info[1], "createBuffer: d");
  uint64_t size = Size(d.Get("size"), "createBuffer: d.size");
  uint32_t usage = Flags(d.Get("usage"), "createBuffer: d.usage");
  uint32_t flags = FlagsOr(d.Get("flags"), "createBuffer: d.flags", 0);
  uint32_t sharing = FlagsOr(d.Get("sharingMode"), "createBuffer: d.sharingMode", 0);
  uint32_t external = FlagsOr(d.Get("externalHandleTypes"), "createBuffer: d.externalHandleTypes", 0);
  double* out = Outputs(info[2], 1, "createBuffer: out");  // after the getters, which may run JavaScript

  Device& dev = s.FindDevice(devId);
  VkBufferCreateInfo ci{};
  ci.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
  ci.size = size;
  ci.usage = usage;
  ci.flags = flags;
  ci.sharingMode = static_cast<VkSharingMode>(sharing);
  VkExternalMemoryBufferCreateInfo ext{};
  ext.sType = VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO;
  ext.handleTypes = external;
  if (external != 0) ci.pNext = &ext;
  VkBuffer handle = VK_NULL_HANDLE;
  VkResult r = dev.fn.createBuffer(dev.handle, &ci, nullptr, &handle);
  if (r != VK_SUCCESS) return Answer(env, out, r, 0);
  auto b = std::make_unique<Buffer>();
  b->device = devId;
  b->handle = handle;
  uint64_t id = s.NewId();
  s.buffers.Add(id, std::move(b));
  return Answer(env, out, VK_SUCCESS, id);
}

Napi::Value CreateImage(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string fn = "createImage: d.";
  uint64_t devId = Size(info[0], "createImage: dev");
  Napi::Object d = Object(info[1], "createImage: d");
  VkImageCreateInfo ci{};
  ci.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO;
  ci.imageType = static_cast<VkImageType>(Flags(d.Get("imageType"), fn + "imageType"));
  ci.format = static_cast<VkFormat>(Flags(d.Get("format"), fn + "format"));
  ci.extent.width = U32(d.Get("width"), fn + "width");
  ci.extent.height = U32(d.Get("height"), fn + "height");
  ci.extent.depth = U32Or(d.Get("depth"), fn + "depth", 1);
  ci.mipLevels = U32Or(d.Get("mipLevels"), fn + "mipLevels", 1);
  ci.arrayLayers = U32Or(d.Get("arrayLayers"), fn + "arrayLayers", 1);
  ci.samples = static_cast<VkSampleCountFlagBits>(FlagsOr(d.Get("samples"), fn + "samples", VK_SAMPLE_COUNT_1_BIT));
  ci.tiling = static_cast<VkImageTiling>(FlagsOr(d.Get("tiling"), fn + "tiling", 0));
  ci.usage = Flags(d.Get("usage"), fn + "usage");
  ci.flags = FlagsOr(d.Get("flags"), fn + "flags", 0);
  ci.sharingMode = static_cast<VkSharingMode>(FlagsOr(d.Get("sharingMode"), fn + "sharingMode", 0));
  ci.initialLayout = static_cast<VkImageLayout>(FlagsOr(d.Get("initialLayout"), fn + "initialLayout", 0));
  uint32_t external = FlagsOr(d.Get("externalHandleTypes"), fn + "externalHandleTypes", 0);
  uint32_t externalNV = FlagsOr(d.Get("externalHandleTypesNV"), fn + "externalHandleTypesNV", 0);
  double* out = Outputs(info[2], 1, "createImage: out");  // after the getters, which may run JavaScript

  Device& dev = s.FindDevice(devId);
  VkExternalMemoryImageCreateInfo ext{};
  ext.sType = VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO;
  ext.handleTypes = external;
  VkExternalMemoryImageCreateInfoNV extNV{};
  extNV.sType = VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO_NV;
  extNV.handleTypes = externalNV;
  const void** tail = &ci.pNext;
  if (external != 0) {
    *tail = &ext;
    tail = &ext.pNext;
  }
  if (externalNV != 0) *tail = &extNV;
  VkImage handle = VK_NULL_HANDLE;
  VkResult r = dev.fn.createImage(dev.handle, &ci, nullptr, &handle);
  if (r != VK_SUCCESS) return Answer(env, out, r, 0);
  auto i = std::make_unique<Image>();
  i->device = devId;
  i->handle = handle;
  uint64_t id = s.NewId();
  s.images.Add(id, std::move(i));
  return Answer(env, out, VK_SUCCESS, id);
}

Napi::Value DestroyBuffer(Session& s, const Napi::CallbackInfo& info) {
  uint64_t dev = Size(info[0], "destroyBuffer: dev");
  uint64_t b = Size(info[1], "destroyBuffer: b");
  s.FindBuffer(dev, b);
  s.DestroyBuffer(b);
  return info.Env().Undefined();
}

Napi::Value DestroyImage(Session& s, const Napi::CallbackInfo& info) {
  uint64_t dev = Size(info[0], "destroyImage: dev");
  uint64_t i = Size(info[1], "destroyImage: i");
  s.FindImage(dev, i);
  s.DestroyImage(i);
  return info.Env().Undefined();
}

Napi::Value BufferRequirements(Session& s, const Napi::CallbackInfo& info) {
  uint64_t devId = Size(info[0], "bufferRequirements: dev");
  uint64_t b = Size(info[1], "bufferRequirements: b");
  double* out = Outputs(info[2], 5, "bufferRequirements: out");
  Buffer& buffer = s.FindBuffer(devId, b);
  Device& dev = s.FindDevice(devId);
  VkMemoryDedicatedRequirements ded{};
  ded.sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS;
  VkMemoryRequirements req{};
  if (dev.fn.bufferRequirements2 != nullptr) {
    VkBufferMemoryRequirementsInfo2 in{};
    in.sType = VK_STRUCTURE_TYPE_BUFFER_MEMORY_REQUIREMENTS_INFO_2;
    in.buffer = buffer.handle;
    VkMemoryRequirements2 out{};
    out.sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2;
    out.pNext = &ded;
    dev.fn.bufferRequirements2(dev.handle, &in, &out);
    req = out.memoryRequirements;
  } else {
    // A 1.0 device without VK_KHR_get_memory_requirements2 cannot say; both answers stay false.
    dev.fn.bufferRequirements(dev.handle, buffer.handle, &req);
  }
  PutRequirements(out, req, ded);
  return info.Env().Undefined();
}

Napi::Value ImageRequirements(Session& s, const Napi::CallbackInfo& info) {
  uint64_t devId = Size(info[0], "imageRequirements: dev");
  uint64_t i = Size(info[1], "imageRequirements: i");
  double* out = Outputs(info[2], 5, "imageRequirements: out");
  Image& image = s.FindImage(devId, i);
  Device& dev = s.FindDevice(devId);
  VkMemoryDedicatedRequirements ded{};
  ded.sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS;
  VkMemoryRequirements req{};
  if (dev.fn.imageRequirements2 != nullptr) {
    VkImageMemoryRequirementsInfo2 in{};
    in.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_REQUIREMENTS_INFO_2;
    in.image = image.handle;
    VkMemoryRequirements2 out{};
    out.sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2;
    out.pNext = &ded;
    dev.fn.imageRequirements2(dev.handle, &in, &out);
    req = out.memoryRequirements;
  } else {
    dev.fn.imageRequirements(dev.handle, image.handle, &req);
  }
  PutRequirements(out, req, ded);
  return info.Env().Undefined();
}

}  // namespace vkx
