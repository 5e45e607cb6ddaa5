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

// (pd, format, type, tiling, usage, flags, handleType(s), out); without a handle type (`none`) it is
// left at 0.
ImageQuery ReadImageQuery(const Napi::CallbackInfo& info, std::string_view fn, const char* handleTypes, bool none) {
  const std::string p = std::string(fn) + ": q.";
  ImageQuery r{};
  r.format = Flags(info[1], p + "format");
  r.type = Flags(info[2], p + "type");
  r.tiling = Flags(info[3], p + "tiling");
  r.usage = Flags(info[4], p + "usage");
  r.flags = Flags(info[5], p + "flags");
  r.handleTypes = none ? 0 : Flags(info[6], p + handleTypes);
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

namespace {

// ---- image queries
// Each writes 10 values into out: externalMemoryFeatures, exportFromImportedHandleTypes,
// compatibleHandleTypes, then VkImageFormatProperties (maxExtent.width, .height, .depth, maxMipLevels,
// maxArrayLayers, sampleCounts, maxResourceSize), and returns the VkResult. Four ways to ask:
enum ImageMode : uint32_t {
  kPlain2 = 0,     // vkGetPhysicalDeviceImageFormatProperties2 without VkPhysicalDeviceExternalImageFormatInfo
  kExternal2 = 1,  // the same with it (and VkExternalImageFormatProperties), handleType as given, 0 included
  kNV = 2,         // vkGetPhysicalDeviceExternalImageFormatPropertiesNV, externalHandleType as given
  kPlain1 = 3,     // vkGetPhysicalDeviceImageFormatProperties (Vulkan 1.0)
};
constexpr size_t kImageOut = 10;

void PutLimits(double* out, const VkImageFormatProperties& p) {
  out[3] = p.maxExtent.width;
  out[4] = p.maxExtent.height;
  out[5] = p.maxExtent.depth;
  out[6] = p.maxMipLevels;
  out[7] = p.maxArrayLayers;
  out[8] = p.sampleCounts;
  out[9] = static_cast<double>(p.maxResourceSize);
}

VkResult ImageQueryOnce(Session& s, VkPhysicalDevice pd, const ImageQuery& q, uint32_t mode, double* out) {
  for (size_t i = 0; i < kImageOut; i++) out[i] = 0;
  if (mode == kNV) {
    if (s.fn.externalImageNV == nullptr) return VK_ERROR_EXTENSION_NOT_PRESENT;
    VkExternalImageFormatPropertiesNV props{};
    VkResult r = s.fn.externalImageNV(pd, static_cast<VkFormat>(q.format), static_cast<VkImageType>(q.type),
                                      static_cast<VkImageTiling>(q.tiling), q.usage, q.flags, q.handleTypes, &props);
    Put(out, props.externalMemoryFeatures, props.exportFromImportedHandleTypes, props.compatibleHandleTypes);
    PutLimits(out, props.imageFormatProperties);
    return r;
  }
  if (mode == kPlain1) {
    if (s.fn.imageFormat == nullptr) return VK_ERROR_EXTENSION_NOT_PRESENT;
    VkImageFormatProperties props{};
    VkResult r = s.fn.imageFormat(pd, static_cast<VkFormat>(q.format), static_cast<VkImageType>(q.type),
                                  static_cast<VkImageTiling>(q.tiling), q.usage, q.flags, &props);
    PutLimits(out, props);
    return r;
  }
  if (s.fn.imageFormat2 == nullptr) return VK_ERROR_EXTENSION_NOT_PRESENT;
  VkPhysicalDeviceImageFormatInfo2 in{};
  in.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2;
  in.format = static_cast<VkFormat>(q.format);
  in.type = static_cast<VkImageType>(q.type);
  in.tiling = static_cast<VkImageTiling>(q.tiling);
  in.usage = q.usage;
  in.flags = q.flags;
  VkPhysicalDeviceExternalImageFormatInfo ext{};
  ext.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO;
  ext.handleType = static_cast<VkExternalMemoryHandleTypeFlagBits>(q.handleTypes);
  VkImageFormatProperties2 props{};
  props.sType = VK_STRUCTURE_TYPE_IMAGE_FORMAT_PROPERTIES_2;
  VkExternalImageFormatProperties extProps{};
  extProps.sType = VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES;
  if (mode == kExternal2) {
    in.pNext = &ext;
    props.pNext = &extProps;
  }
  VkResult r = s.fn.imageFormat2(pd, &in, &props);
  const VkExternalMemoryProperties& p = extProps.externalMemoryProperties;
  Put(out, p.externalMemoryFeatures, p.exportFromImportedHandleTypes, p.compatibleHandleTypes);
  PutLimits(out, props.imageFormatProperties);
  return r;
}

}  // namespace

// (pd, format, type, tiling, usage, flags, handleType, out[10]) -> VkResult; handleType undefined or
// null: the plain query, with no external structure on either side.
Napi::Value ExternalImageFormatProperties(Session& s, const Napi::CallbackInfo& info) {
  const char* fn = "externalImageFormatProperties";
  uint64_t pdId = Size(info[0], std::string(fn) + ": pd");
  const bool plain = Absent(info[6]);
  ImageQuery iq = ReadImageQuery(info, fn, "handleType", plain);
  double* out = Outputs(info[7], kImageOut, std::string(fn) + ": out");
  PhysicalDevice& pd = s.FindPhysicalDevice(pdId);
  return Napi::Number::New(info.Env(), ImageQueryOnce(s, pd.handle, iq, plain ? kPlain2 : kExternal2, out));
}

// (pd, format, type, tiling, usage, flags, handleTypesNV, out[10]) -> VkResult
Napi::Value ExternalImageFormatPropertiesNV(Session& s, const Napi::CallbackInfo& info) {
  const char* fn = "externalImageFormatPropertiesNV";
  uint64_t pdId = Size(info[0], std::string(fn) + ": pd");
  ImageQuery iq = ReadImageQuery(info, fn, "handleTypes", false);
  double* out = Outputs(info[7], kImageOut, std::string(fn) + ": out");
  PhysicalDevice& pd = s.FindPhysicalDevice(pdId);
  return Napi::Number::New(info.Env(), ImageQueryOnce(s, pd.handle, iq, kNV, out));
}

// (pd, format, type, tiling, usage, flags, out[10]) -> VkResult: vkGetPhysicalDeviceImageFormatProperties.
Napi::Value ImageFormatProperties(Session& s, const Napi::CallbackInfo& info) {
  const char* fn = "imageFormatProperties";
  uint64_t pdId = Size(info[0], std::string(fn) + ": pd");
  ImageQuery iq = ReadImageQuery(info, fn, "", true);
  double* out = Outputs(info[6], kImageOut, std::string(fn) + ": out");
  PhysicalDevice& pd = s.FindPhysicalDevice(pdId);
  return Napi::Number::New(info.Env(), ImageQueryOnce(s, pd.handle, iq, kPlain1, out));
}

// (pd, queries, out) -> count. `queries` (Uint32Array) holds 7-tuples (format, type, tiling, usage, flags,
// handleType, mode; mode as ImageMode above) and `out` (Float64Array) receives 11 values per query: the
// VkResult, then the 10 values above. A capability sweep crosses into the addon once per batch.
Napi::Value ImageFormatBatch(Session& s, const Napi::CallbackInfo& info) {
  const char* fn = "imageFormatBatch";
  uint64_t pdId = Size(info[0], std::string(fn) + ": pd");
  U32Span q = Uint32s(info[1], std::string(fn) + ": queries");
  if (q.length % 7 != 0)
    throw ArgRangeError(std::string(fn) + ": queries must hold 7-tuples, its length " + std::to_string(q.length) +
                        " is not a multiple of 7");
  const size_t n = q.length / 7;
  double* out = Outputs(info[2], n * (kImageOut + 1), std::string(fn) + ": out");
  PhysicalDevice& pd = s.FindPhysicalDevice(pdId);
  for (size_t i = 0; i < n; i++) {
    const uint32_t* qi = q.data + 7 * i;
    if (qi[6] > kPlain1)
      throw ArgRangeError(std::string(fn) + ": query " + std::to_string(i) + " has mode " + std::to_string(qi[6]) +
                          "; modes are 0 (plain), 1 (external), 2 (NV) and 3 (Vulkan 1.0)");
  }
  for (size_t i = 0; i < n; i++) {
    const uint32_t* qi = q.data + 7 * i;
    ImageQuery iq{qi[0], qi[1], qi[2], qi[3], qi[4], qi[5]};
    double* oi = out + (kImageOut + 1) * i;
    oi[0] = static_cast<int32_t>(ImageQueryOnce(s, pd.handle, iq, qi[6], oi + 1));
  }
  return Napi::Number::New(info.Env(), static_cast<double>(n));
}

}  // namespace vkx
