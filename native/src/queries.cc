// Capability queries: what a physical device says it can export and import, for buffers and images,
// through the KHR queries and NVIDIA's older one. An entry point the instance lacks gives zero features
// (and VK_ERROR_EXTENSION_NOT_PRESENT where the answer has a result), never a call through null.
// Every query writes VkExternalMemoryProperties as three values (features, exportFromImportedHandleTypes,
// compatibleHandleTypes) into the caller's Float64Array; the buffer query also comes batched, so a sweep
// over many queries crosses into the addon once.
#include "args.h"
#include "errors.h"
#include "exports.h"

namespace vkx {
namespace {

void Put(double* out, uint32_t features, uint32_t exportFrom, uint32_t compatible) {
  out[0] = features;
  out[1] = exportFrom;
  out[2] = compatible;
}

struct ImageQuery {
  uint32_t format, type, tiling, usage, flags, handleTypes;
};

// (pd, format, type, tiling, usage, flags, handleType(s), out)
ImageQuery ReadImageQuery(const Napi::CallbackInfo& info, std::string_view fn, const char* handleTypes) {
  const std::string p = std::string(fn) + ": q.";
  ImageQuery r{};
  r.format = Flags(info[1], p + "format");
  r.type = Flags(info[2], p + "type");
  r.tiling = Flags(info[3], p + "tiling");
  r.usage = Flags(info[4], p + "usage");
  r.flags = Flags(info[5], p + "flags");
  r.handleTypes = Flags(info[6], p + handleTypes);
  return r;
}

}  // namespace

// (pd, flags, usage, handleType, out[3]) -> undefined
Napi::Value ExternalBufferProperties(Session& s, const Napi::CallbackInfo& info) {
  uint64_t pdId = Size(info[0], "externalBufferProperties: pd");
  uint32_t flags = Flags(info[1], "externalBufferProperties: q.flags");
  uint32_t usage = Flags(info[2], "externalBufferProperties: q.usage");
  uint32_t handleType = Flags(info[3], "externalBufferProperties: q.handleType");
  double* out = Outputs(info[4], 3, "externalBufferProperties: out");

  PhysicalDevice& pd = s.FindPhysicalDevice(pdId);
  Put(out, 0, 0, 0);
  if (s.fn.externalBuffer == nullptr) return info.Env().Undefined();
  VkPhysicalDeviceExternalBufferInfo in{};
  in.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_BUFFER_INFO;
  in.flags = flags;
  in.usage = usage;
  in.handleType = static_cast<VkExternalMemoryHandleTypeFlagBits>(handleType);
  VkExternalBufferProperties props{};
  props.sType = VK_STRUCTURE_TYPE_EXTERNAL_BUFFER_PROPERTIES;
  s.fn.externalBuffer(pd.handle, &in, &props);
  const VkExternalMemoryProperties& p = props.externalMemoryProperties;
  Put(out, p.externalMemoryFeatures, p.exportFromImportedHandleTypes, p.compatibleHandleTypes);
  return info.Env().Undefined();
}

// (pd, queries, out) -> count. `queries` holds (flags, usage, handleType) triples and `out` receives
// (features, exportFrom, compatible) triples in the same places; both are Uint32Arrays and may be the
// same array (each triple is read whole before its answer is written).
Napi::Value ExternalBufferPropertiesBatch(Session& s, const Napi::CallbackInfo& info) {
  const char* fn = "externalBufferPropertiesBatch";
  uint64_t pdId = Size(info[0], std::string(fn) + ": pd");
  U32Span q = Uint32s(info[1], std::string(fn) + ": queries");
  U32Span out = Uint32s(info[2], std::string(fn) + ": out");
  if (q.length % 3 != 0)
    throw ArgRangeError(std::string(fn) + ": queries must hold (flags, usage, handleType) triples, its length " +
                        std::to_string(q.length) + " is not a multiple of 3");
  if (out.length < q.length)
    throw ArgRangeError(std::string(fn) + ": out has " + std::to_string(out.length) + " elements, " +
                        std::to_string(q.length) + " are needed");

  PhysicalDevice& pd = s.FindPhysicalDevice(pdId);
  const size_t n = q.length / 3;
  VkPhysicalDeviceExternalBufferInfo in{};
  in.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_BUFFER_INFO;
  VkExternalBufferProperties props{};
  props.sType = VK_STRUCTURE_TYPE_EXTERNAL_BUFFER_PROPERTIES;
  for (size_t i = 0; i < n; i++) {
    uint32_t* qi = q.data + 3 * i;
    uint32_t* oi = out.data + 3 * i;
    in.flags = qi[0];
    in.usage = qi[1];
    in.handleType = static_cast<VkExternalMemoryHandleTypeFlagBits>(qi[2]);
    props.externalMemoryProperties = {};
    if (s.fn.externalBuffer != nullptr) s.fn.externalBuffer(pd.handle, &in, &props);
    oi[0] = props.externalMemoryProperties.externalMemoryFeatures;
    oi[1] = props.externalMemoryProperties.exportFromImportedHandleTypes;
    oi[2] = props.externalMemoryProperties.compatibleHandleTypes;
  }
  return Napi::Number::New(info.Env(), static_cast<double>(n));
}

// (pd, format, type, tiling, usage, flags, handleType, out[3]) -> VkResult
Napi::Value ExternalImageFormatProperties(Session& s, const Napi::CallbackInfo& info) {
  const char* fn = "externalImageFormatProperties";
  uint64_t pdId = Size(info[0], std::string(fn) + ": pd");
  ImageQuery iq = ReadImageQuery(info, fn, "handleType");
  double* out = Outputs(info[7], 3, std::string(fn) + ": out");

  PhysicalDevice& pd = s.FindPhysicalDevice(pdId);
  Put(out, 0, 0, 0);
  Napi::Env env = info.Env();
  if (s.fn.imageFormat2 == nullptr) return Napi::Number::New(env, VK_ERROR_EXTENSION_NOT_PRESENT);
  VkPhysicalDeviceImageFormatInfo2 in{};
  in.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2;
  in.format = static_cast<VkFormat>(iq.format);
  in.type = static_cast<VkImageType>(iq.type);
  in.tiling = static_cast<VkImageTiling>(iq.tiling);
  in.usage = iq.usage;
  in.flags = iq.flags;
  VkPhysicalDeviceExternalImageFormatInfo ext{};
  ext.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO;
  ext.handleType = static_cast<VkExternalMemoryHandleTypeFlagBits>(iq.handleTypes);
  VkImageFormatProperties2 props{};
  props.sType = VK_STRUCTURE_TYPE_IMAGE_FORMAT_PROPERTIES_2;
  VkExternalImageFormatProperties extProps{};
  extProps.sType = VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES;
  // handleType 0 is the plain query: no external structure on either side.
  if (iq.handleTypes != 0) {
    in.pNext = &ext;
    props.pNext = &extProps;
  }
  VkResult r = s.fn.imageFormat2(pd.handle, &in, &props);
  const VkExternalMemoryProperties& p = extProps.externalMemoryProperties;
  Put(out, p.externalMemoryFeatures, p.exportFromImportedHandleTypes, p.compatibleHandleTypes);
  return Napi::Number::New(env, r);
}

// (pd, format, type, tiling, usage, flags, handleTypesNV, out[3]) -> VkResult
Napi::Value ExternalImageFormatPropertiesNV(Session& s, const Napi::CallbackInfo& info) {
  const char* fn = "externalImageFormatPropertiesNV";
  uint64_t pdId = Size(info[0], std::string(fn) + ": pd");
  ImageQuery iq = ReadImageQuery(info, fn, "handleTypes");
  double* out = Outputs(info[7], 3, std::string(fn) + ": out");

  PhysicalDevice& pd = s.FindPhysicalDevice(pdId);
  Put(out, 0, 0, 0);
  Napi::Env env = info.Env();
  if (s.fn.externalImageNV == nullptr) return Napi::Number::New(env, VK_ERROR_EXTENSION_NOT_PRESENT);
  VkExternalImageFormatPropertiesNV props{};
  VkResult r = s.fn.externalImageNV(pd.handle, static_cast<VkFormat>(iq.format), static_cast<VkImageType>(iq.type),
                                    static_cast<VkImageTiling>(iq.tiling), iq.usage, iq.flags, iq.handleTypes, &props);
  Put(out, props.externalMemoryFeatures, props.exportFromImportedHandleTypes, props.compatibleHandleTypes);
  return Napi::Number::New(env, r);
}

}  // namespace vkx
