// Capability queries: what a physical device says it can export and import, for buffers and images,
// through the KHR queries and NVIDIA's older one. An entry point the instance lacks gives zero features
// (and VK_ERROR_EXTENSION_NOT_PRESENT where the answer has a result), never a call through null.
#include "args.h"
#include "exports.h"

namespace vkx {
namespace {

Napi::Object Props(Napi::Env env, uint32_t features, uint32_t exportFrom, uint32_t compatible) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("externalMemoryFeatures", features);
  o.Set("exportFromImportedHandleTypes", exportFrom);
  o.Set("compatibleHandleTypes", compatible);
  return o;
}

Napi::Object Props(Napi::Env env, const VkExternalMemoryProperties& p) {
  return Props(env, p.externalMemoryFeatures, p.exportFromImportedHandleTypes, p.compatibleHandleTypes);
}

Napi::Object ResultExternal(Napi::Env env, VkResult r, Napi::Object external) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("result", static_cast<int32_t>(r));
  o.Set("external", external);
  return o;
}

struct ImageQuery {
  uint32_t format, type, tiling, usage, flags;
};

ImageQuery ReadImageQuery(const Napi::Object& q, const std::string& fn) {
  ImageQuery r{};
  r.format = Flags(q.Get("format"), fn + ": q.format");
  r.type = Flags(q.Get("type"), fn + ": q.type");
  r.tiling = Flags(q.Get("tiling"), fn + ": q.tiling");
  r.usage = Flags(q.Get("usage"), fn + ": q.usage");
  r.flags = Flags(q.Get("flags"), fn + ": q.flags");
  return r;
}

}  // namespace

Napi::Value ExternalBufferProperties(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint64_t pdId = Size(info[0], "externalBufferProperties: pd");
  Napi::Object q = Object(info[1], "externalBufferProperties: q");
  uint32_t flags = Flags(q.Get("flags"), "externalBufferProperties: q.flags");
  uint32_t usage = Flags(q.Get("usage"), "externalBufferProperties: q.usage");
  uint32_t handleType = Flags(q.Get("handleType"), "externalBufferProperties: q.handleType");

  PhysicalDevice& pd = s.FindPhysicalDevice(pdId);
  if (s.fn.externalBuffer == nullptr) return Props(env, 0, 0, 0);
  VkPhysicalDeviceExternalBufferInfo in{};
  in.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_BUFFER_INFO;
  in.flags = flags;
  in.usage = usage;
  in.handleType = static_cast<VkExternalMemoryHandleTypeFlagBits>(handleType);
  VkExternalBufferProperties out{};
  out.sType = VK_STRUCTURE_TYPE_EXTERNAL_BUFFER_PROPERTIES;
  s.fn.externalBuffer(pd.handle, &in, &out);
  return Props(env, out.externalMemoryProperties);
}

Napi::Value ExternalImageFormatProperties(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string fn = "externalImageFormatProperties";
  uint64_t pdId = Size(info[0], fn + ": pd");
  Napi::Object q = Object(info[1], fn + ": q");
  ImageQuery iq = ReadImageQuery(q, fn);
  uint32_t handleType = Flags(q.Get("handleType"), fn + ": q.handleType");

  PhysicalDevice& pd = s.FindPhysicalDevice(pdId);
  if (s.fn.imageFormat2 == nullptr)
    return ResultExternal(env, VK_ERROR_EXTENSION_NOT_PRESENT, Props(env, 0, 0, 0));
  VkPhysicalDeviceImageFormatInfo2 in{};
  in.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2;
  in.format = static_cast<VkFormat>(iq.format);
  in.type = static_cast<VkImageType>(iq.type);
  in.tiling = static_cast<VkImageTiling>(iq.tiling);
  in.usage = iq.usage;
  in.flags = iq.flags;
  VkPhysicalDeviceExternalImageFormatInfo ext{};
  ext.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO;
  ext.handleType = static_cast<VkExternalMemoryHandleTypeFlagBits>(handleType);
  VkImageFormatProperties2 out{};
  out.sType = VK_STRUCTURE_TYPE_IMAGE_FORMAT_PROPERTIES_2;
  VkExternalImageFormatProperties extOut{};
  extOut.sType = VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES;
  // handleType 0 is the plain query: no external structure on either side.
  if (handleType != 0) {
    in.pNext = &ext;
    out.pNext = &extOut;
  }
  VkResult r = s.fn.imageFormat2(pd.handle, &in, &out);
  return ResultExternal(env, r, Props(env, extOut.externalMemoryProperties));
}

Napi::Value ExternalImageFormatPropertiesNV(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string fn = "externalImageFormatPropertiesNV";
  uint64_t pdId = Size(info[0], fn + ": pd");
  Napi::Object q = Object(info[1], fn + ": q");
  ImageQuery iq = ReadImageQuery(q, fn);
  uint32_t handleTypes = Flags(q.Get("handleTypes"), fn + ": q.handleTypes");

  PhysicalDevice& pd = s.FindPhysicalDevice(pdId);
  if (s.fn.externalImageNV == nullptr)
    return ResultExternal(env, VK_ERROR_EXTENSION_NOT_PRESENT, Props(env, 0, 0, 0));
  VkExternalImageFormatPropertiesNV out{};
  VkResult r = s.fn.externalImageNV(pd.handle, static_cast<VkFormat>(iq.format), static_cast<VkImageType>(iq.type),
                                    static_cast<VkImageTiling>(iq.tiling), iq.usage, iq.flags, handleTypes, &out);
  return ResultExternal(env, r, Props(env, out.externalMemoryFeatures, out.exportFromImportedHandleTypes,
                                      out.compatibleHandleTypes));
}

}  // namespace vkx
