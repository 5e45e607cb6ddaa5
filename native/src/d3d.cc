// The D3D exports: D3D11 textures and buffers, D3D12 heaps and committed resources, their shared
// handles (NT from CreateSharedHandle, KMT from GetSharedHandle) and their release. Each returns the
// HRESULT and writes the rest into `out`, like the Vulkan exports; outside Windows the creates answer
// E_NOTIMPL with id 0, and no D3D id ever exists there.
//
// Arguments are read in full before anything is looked up or created (the addon's rule: reading an
// argument may run JavaScript). Names in messages are those of the descriptions in
// src/backends/types.ts (D3DTextureDesc, ...), which the JavaScript side spreads into these positions.
#include "args.h"
#include "d3d.h"
#include "errors.h"
#include "exports.h"

namespace vkx {
namespace {

// UNICODE_STRING's limit (a name is a counted string of at most 32767 UTF-16 units).
constexpr size_t kMaxObjectName = 32767;

AdapterChoice ReadAdapter(const Napi::Value& v, const std::string& what) {
  AdapterChoice a;
  if (Absent(v)) return a;
  std::vector<uint8_t> bytes = Bytes(v, what);
  if (bytes.size() != sizeof a.luid)
    throw ArgRangeError(what + " must hold 8 bytes (a LUID), it has " + std::to_string(bytes.size()));
  a.hasLuid = true;
  for (size_t i = 0; i < bytes.size(); i++) a.luid[i] = bytes[i];
  return a;
}

// out[0]: the new object's id (0 on failure); out[1]: its size in bytes when the runtime says, else 0.
Napi::Value Created(Napi::Env env, double* out, const D3DMade& m) {
  out[0] = static_cast<double>(m.id);
  out[1] = static_cast<double>(m.size);
  return Napi::Number::New(env, m.hr);
}

Napi::Value Handle(Napi::Env env, double* out, int32_t hr, uint64_t handle) {
  out[0] = static_cast<double>(handle);
  return Napi::Number::New(env, hr);
}

}  // namespace

// d3d11CreateTexture2D(adapterLUID, width, height, format, bindFlags, miscFlags, out)
Napi::Value D3D11CreateTexture2D(Session& s, const Napi::CallbackInfo& info) {
  const std::string fn = "d3d11CreateTexture2D: ";
  D3DDesc d;
  d.kind = D3DKind::Texture2D;
  d.adapter = ReadAdapter(info[0], fn + "d.adapterLUID");
  d.width = U32(info[1], fn + "d.width");
  d.height = U32(info[2], fn + "d.height");
  d.format = U32(info[3], fn + "d.format");
  d.bindFlags = Flags(info[4], fn + "d.bindFlags");
  d.miscFlags = Flags(info[5], fn + "d.miscFlags");
  double* out = Outputs(info[6], 2, fn + "out");
  return Created(info.Env(), out, CreateD3DObject(s, d));
}

// d3d11CreateBuffer(adapterLUID, byteWidth, bindFlags, miscFlags, out)
Napi::Value D3D11CreateBuffer(Session& s, const Napi::CallbackInfo& info) {
  const std::string fn = "d3d11CreateBuffer: ";
  D3DDesc d;
  d.kind = D3DKind::Buffer;
  d.adapter = ReadAdapter(info[0], fn + "d.adapterLUID");
  d.width = U32(info[1], fn + "d.byteWidth");
  d.bindFlags = Flags(info[2], fn + "d.bindFlags");
  d.miscFlags = Flags(info[3], fn + "d.miscFlags");
  double* out = Outputs(info[4], 2, fn + "out");
  return Created(info.Env(), out, CreateD3DObject(s, d));
}

// d3d12CreateHeap(adapterLUID, sizeInBytes, flags, out)
Napi::Value D3D12CreateHeap(Session& s, const Napi::CallbackInfo& info) {
  const std::string fn = "d3d12CreateHeap: ";
  D3DDesc d;
  d.kind = D3DKind::Heap;
  d.adapter = ReadAdapter(info[0], fn + "d.adapterLUID");
  d.width = Size(info[1], fn + "d.sizeInBytes");
  d.miscFlags = Flags(info[2], fn + "d.flags");
  double* out = Outputs(info[3], 2, fn + "out");
  return Created(info.Env(), out, CreateD3DObject(s, d));
}

// d3d12CreateCommittedResource(adapterLUID, width, height, format, dimension, heapFlags, resourceFlags, out)
Napi::Value D3D12CreateCommittedResource(Session& s, const Napi::CallbackInfo& info) {
  const std::string fn = "d3d12CreateCommittedResource: ";
  D3DDesc d;
  d.kind = D3DKind::Resource;
  d.adapter = ReadAdapter(info[0], fn + "d.adapterLUID");
  d.width = Size(info[1], fn + "d.width");
  d.height = U32(info[2], fn + "d.height");
  d.format = U32(info[3], fn + "d.format");
  d.dimension = U32(info[4], fn + "d.dimension");
  // Only the two shapes an import can take; other dimensions would need members these calls lack.
  if (d.dimension != kDimensionBuffer && d.dimension != kDimensionTexture2D)
    throw ArgRangeError(fn + "d.dimension must be 1 (D3D12_RESOURCE_DIMENSION_BUFFER) or 3 (TEXTURE2D), got " +
                        std::to_string(d.dimension));
  d.miscFlags = Flags(info[5], fn + "d.heapFlags");
  d.resourceFlags = Flags(info[6], fn + "d.resourceFlags");
  double* out = Outputs(info[7], 2, fn + "out");
  return Created(info.Env(), out, CreateD3DObject(s, d));
}

// d3dCreateSharedHandle(object, access, name, inherit, out): `name` and `inherit` may be undefined
// (no name; no SECURITY_ATTRIBUTES).
Napi::Value D3DCreateSharedHandle(Session& s, const Napi::CallbackInfo& info) {
  const std::string fn = "d3dCreateSharedHandle: ";
  SharedHandleRequest r;
  r.id = Size(info[0], fn + "object");
  r.access = Flags(info[1], fn + "access");
  if (!Absent(info[2])) {
    r.hasName = true;
    r.name = String16(info[2], fn + "name", kMaxObjectName);
  }
  if (!Absent(info[3])) {
    r.hasAttributes = true;
    r.inherit = Bool(info[3], fn + "attributes.bInheritHandle");
  }
  double* out = Outputs(info[4], 1, fn + "out");
  uint64_t handle = 0;
  int32_t hr = CreateD3DSharedHandle(s, r, &handle);
  return Handle(info.Env(), out, hr, handle);
}

// d3dGetSharedHandle(object, out)
Napi::Value D3DGetSharedHandle(Session& s, const Napi::CallbackInfo& info) {
  uint64_t id = Size(info[0], "d3dGetSharedHandle: object");
  double* out = Outputs(info[1], 1, "d3dGetSharedHandle: out");
  uint64_t handle = 0;
  int32_t hr = GetD3DKmtHandle(s, id, &handle);
  return Handle(info.Env(), out, hr, handle);
}

// d3dRelease(object)
Napi::Value D3DRelease(Session& s, const Napi::CallbackInfo& info) {
  uint64_t id = Size(info[0], "d3dRelease: object");
  ReleaseD3DObject(s, id);
  return info.Env().Undefined();
}

// d3dAvailable(adapterLUID?) → {d3d11, d3d12, reason?, adapter?}
Napi::Value D3DAvailable(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  AdapterChoice adapter = ReadAdapter(info[0], "d3dAvailable: adapterLUID");
  D3DAvailability a = ProbeD3D(s, adapter);
  Napi::Object o = Napi::Object::New(env);
  o.Set("d3d11", a.d3d11);
  o.Set("d3d12", a.d3d12);
  if (!a.reason.empty()) o.Set("reason", a.reason);
  if (!a.adapter.empty()) o.Set("adapter", a.adapter);
  return o;
}

}  // namespace vkx
