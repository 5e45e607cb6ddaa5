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

// An image's numbers as JavaScript gave them. Kept as plain integers: a value such as 0xFFFFFFFF is no
// VkImageType, and reading it back from an enum-typed member is undefined behaviour (UBSan stops there).
struct ImageNumbers {
  uint32_t imageType, format, width, height, depth, mipLevels, arrayLayers, samples, tiling, usage, flags;
};

// Refuses an image whose extent, levels, layers or sample count the driver cannot have sized its own
// arrays for: lavapipe corrupts its heap when vkCreateImage gets mipLevels 0, or 32 for a 64x64 image
// (found by test/native/sanitized.test.ts), and the model's check does not cover image limits. The
// rules are the spec's: nothing zero, no more levels than the full mip chain, one sample-count bit,
// and within the limits the driver reports for this format, type, tiling, usage and flags (a
// combination it does not support at all is refused too).
void CheckImageLimits(Session& s, const Device& dev, const ImageNumbers& n) {
  const std::string fn = "createImage: d.";
  if (n.width == 0 || n.height == 0 || n.depth == 0) throw ArgRangeError(fn + "width, height and depth must not be 0");
  if (n.mipLevels == 0 || n.arrayLayers == 0) throw ArgRangeError(fn + "mipLevels and arrayLayers must not be 0");
  uint32_t chain = 1;
  for (uint32_t largest = std::max({n.width, n.height, n.depth}); largest > 1; largest >>= 1) chain++;
  if (n.mipLevels > chain)
    throw ArgRangeError(fn + "mipLevels " + std::to_string(n.mipLevels) + " is more than the " +
                        std::to_string(chain) + " levels of a full mip chain for this extent");
  if (n.samples == 0 || (n.samples & (n.samples - 1)) != 0)
    throw ArgRangeError(fn + "samples " + std::to_string(n.samples) + " is not a single sample-count bit");
  // A DRM-modifier image cannot be asked about without its modifier; the checks above are all it gets.
  if (s.fn.imageFormat2 == nullptr || n.tiling == VK_IMAGE_TILING_DRM_FORMAT_MODIFIER_EXT) return;
  VkPhysicalDeviceImageFormatInfo2 in{};
  in.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2;
  in.format = static_cast<VkFormat>(n.format);
  in.type = static_cast<VkImageType>(n.imageType);
  in.tiling = static_cast<VkImageTiling>(n.tiling);
  in.usage = n.usage;
  in.flags = n.flags;
  VkImageFormatProperties2 props{};
  props.sType = VK_STRUCTURE_TYPE_IMAGE_FORMAT_PROPERTIES_2;
  VkResult r = s.fn.imageFormat2(s.FindPhysicalDevice(dev.pd).handle, &in, &props);
  if (r != VK_SUCCESS)
    throw ArgRangeError(fn + "format, imageType, tiling, usage and flags: the driver makes no such image (" +
                        std::to_string(static_cast<int32_t>(r)) + " from vkGetPhysicalDeviceImageFormatProperties2)");
  const VkImageFormatProperties& p = props.imageFormatProperties;
  if (n.width > p.maxExtent.width || n.height > p.maxExtent.height || n.depth > p.maxExtent.depth)
    throw ArgRangeError(fn + "width, height or depth is beyond the driver's maxExtent for this format");
  if (n.mipLevels > p.maxMipLevels || n.arrayLayers > p.maxArrayLayers)
    throw ArgRangeError(fn + "mipLevels or arrayLayers is beyond the driver's limit for this format");
  if ((p.sampleCounts & n.samples) == 0) throw ArgRangeError(fn + "samples is not one the driver offers for this format");
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
  // VkExternalMemoryBufferCreateInfo is chained when the member is present, 0 included.
  Napi::Value ext0 = d.Get("externalHandleTypes");
  const bool hasExternal = !Absent(ext0);
  uint32_t external = hasExternal ? Flags(ext0, "createBuffer: d.externalHandleTypes") : 0;
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
  if (hasExternal) ci.pNext = &ext;
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
  ImageNumbers n{};
  n.imageType = Flags(d.Get("imageType"), fn + "imageType");
  n.format = Flags(d.Get("format"), fn + "format");
  n.width = U32(d.Get("width"), fn + "width");
  n.height = U32(d.Get("height"), fn + "height");
  n.depth = U32Or(d.Get("depth"), fn + "depth", 1);
  n.mipLevels = U32Or(d.Get("mipLevels"), fn + "mipLevels", 1);
  n.arrayLayers = U32Or(d.Get("arrayLayers"), fn + "arrayLayers", 1);
  n.samples = FlagsOr(d.Get("samples"), fn + "samples", VK_SAMPLE_COUNT_1_BIT);
  n.tiling = FlagsOr(d.Get("tiling"), fn + "tiling", 0);
  n.usage = Flags(d.Get("usage"), fn + "usage");
  n.flags = FlagsOr(d.Get("flags"), fn + "flags", 0);
  VkImageCreateInfo ci{};
  ci.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO;
  ci.imageType = static_cast<VkImageType>(n.imageType);
  ci.format = static_cast<VkFormat>(n.format);
  ci.extent = {n.width, n.height, n.depth};
  ci.mipLevels = n.mipLevels;
  ci.arrayLayers = n.arrayLayers;
  ci.samples = static_cast<VkSampleCountFlagBits>(n.samples);
  ci.tiling = static_cast<VkImageTiling>(n.tiling);
  ci.usage = n.usage;
  ci.flags = n.flags;
  ci.sharingMode = static_cast<VkSharingMode>(FlagsOr(d.Get("sharingMode"), fn + "sharingMode", 0));
  ci.initialLayout = static_cast<VkImageLayout>(FlagsOr(d.Get("initialLayout"), fn + "initialLayout", 0));
  // VkExternalMemoryImageCreateInfo(NV) are chained when their member is present, 0 included.
  Napi::Value ext0 = d.Get("externalHandleTypes"), extNV0 = d.Get("externalHandleTypesNV");
  const bool hasExternal = !Absent(ext0), hasExternalNV = !Absent(extNV0);
  uint32_t external = hasExternal ? Flags(ext0, fn + "externalHandleTypes") : 0;
  uint32_t externalNV = hasExternalNV ? Flags(extNV0, fn + "externalHandleTypesNV") : 0;
  double* out = Outputs(info[2], 1, "createImage: out");  // after the getters, which may run JavaScript

  Device& dev = s.FindDevice(devId);
  VkExternalMemoryImageCreateInfo ext{};
  ext.sType = VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO;
  ext.handleTypes = external;
  VkExternalMemoryImageCreateInfoNV extNV{};
  extNV.sType = VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO_NV;
  extNV.handleTypes = externalNV;
  const void** tail = &ci.pNext;
  if (hasExternal) {
    *tail = &ext;
    tail = &ext.pNext;
  }
  if (hasExternalNV) *tail = &extNV;
  CheckImageLimits(s, dev, n);
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
