// The D3D operations: D3D11 textures and buffers, D3D12 heaps and committed resources, their shared
// handles (NT from CreateSharedHandle, KMT from GetSharedHandle) and their release, and the probe of
// which runtimes exist. Each operation returns the HRESULT and writes the rest into `out` where
// native/src/generated/operations.h says; the addon runs them on Windows only (elsewhere the operation
// entry answers the row's "unavailable" result).
//
// Arguments are read in full before anything is looked up or created (the addon's rule: reading an
// argument may run JavaScript). Names in messages are the rows' parameter names.
#include "args.h"
#include "d3d.h"
#include "dxgi_formats.h"
#include "errors.h"
#include "exports.h"
#include "generated/operations.h"

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

constexpr uint32_t kD3D11BindShaderResource = 0x8;
constexpr uint32_t kD3D11BindRenderTarget = 0x20;

// A description D3D cannot take (a format name no DXGI_FORMAT has): the runtime's answer to it.
D3DMade Refused() {
  D3DMade m;
  m.hr = kE_INVALIDARG;
  return m;
}

// The new object's id (0 on failure) at `object`; its size in bytes at `size` when the runtime says
// (left NaN otherwise: the member is not filled in).
Napi::Value Created(Napi::Env env, const D3DMade& m, double* out, int object, int size) {
  out[object] = static_cast<double>(m.id);
  if (size >= 0 && m.size > 0) out[size] = static_cast<double>(m.size);
  return Napi::Number::New(env, m.hr);
}

// `name` and `pAttributes` may be absent (no name; no SECURITY_ATTRIBUTES).
SharedHandleRequest ReadSharedHandleRequest(const Napi::Object& args, const std::string& fn, const char* object, const char* access, const char* name) {
  SharedHandleRequest r;
  r.id = Size(args.Get(object), fn + object);
  r.access = Flags(args.Get(access), fn + access);
  const Napi::Value n = args.Get(name);
  if (!Absent(n)) {
    r.hasName = true;
    r.name = String16(n, fn + name, kMaxObjectName);
  }
  const Napi::Value attributes = args.Get("pAttributes");
  if (!Absent(attributes)) {
    r.hasAttributes = true;
    r.inherit = Bool(Object(attributes, fn + "pAttributes").Get("bInheritHandle"), fn + "pAttributes.bInheritHandle");
  }
  return r;
}

// An NT handle made in this process: written at `at`, and logged for the timeline.
Napi::Value SharedHandle(Session& s, Napi::Env env, const SharedHandleRequest& r, double* out, int at) {
  uint64_t handle = 0;
  int32_t hr = CreateD3DSharedHandle(s, r, &handle);
  if (hr == 0 && handle != 0) s.fds.Log("created-nt", static_cast<int>(handle), 0, "CreateSharedHandle");
  out[at] = static_cast<double>(handle);
  return Napi::Number::New(env, hr);
}

}  // namespace

// The operations take the rows' inputs (scripts/registry/calls.mjs). What the rows leave out is chosen
// here as an application that shares these resources typically would: textures bind as shader resource
// and render target, buffers as shader resource, D3D12 objects go in a default heap with no resource
// flags, and a committed resource without a format is a buffer.
namespace op {

Napi::Value D3D11CreateTexture2D(Session& s, const Napi::Object& args, double* out) {
  const std::string fn = "D3D11CreateTexture2D: ";
  D3DDesc d;
  d.kind = D3DKind::Texture2D;
  d.adapter = ReadAdapter(args.Get("adapterLUID"), fn + "adapterLUID");
  d.width = U32(args.Get("width"), fn + "width");
  d.height = U32(args.Get("height"), fn + "height");
  const int32_t format = DxgiFormat(String(args.Get("format"), fn + "format", kMaxObjectName));
  d.bindFlags = kD3D11BindShaderResource | kD3D11BindRenderTarget;
  d.miscFlags = Flags(args.Get("miscFlags"), fn + "miscFlags");
  d.format = format < 0 ? 0 : static_cast<uint32_t>(format);
  const D3DMade m = format < 0 ? Refused() : CreateD3DObject(s, d);
  return Created(args.Env(), m, out, out::D3D11CreateTexture2D::ppTexture2D, out::D3D11CreateTexture2D::size);
}

Napi::Value D3D11CreateBuffer(Session& s, const Napi::Object& args, double* out) {
  const std::string fn = "D3D11CreateBuffer: ";
  D3DDesc d;
  d.kind = D3DKind::Buffer;
  d.adapter = ReadAdapter(args.Get("adapterLUID"), fn + "adapterLUID");
  d.width = U32(args.Get("byteWidth"), fn + "byteWidth");
  d.bindFlags = kD3D11BindShaderResource;
  d.miscFlags = Flags(args.Get("miscFlags"), fn + "miscFlags");
  return Created(args.Env(), CreateD3DObject(s, d), out, out::D3D11CreateBuffer::ppBuffer, -1);
}

Napi::Value D3D12CreateHeap(Session& s, const Napi::Object& args, double* out) {
  const std::string fn = "D3D12CreateHeap: ";
  D3DDesc d;
  d.kind = D3DKind::Heap;
  d.adapter = ReadAdapter(args.Get("adapterLUID"), fn + "adapterLUID");
  d.width = Size(args.Get("sizeInBytes"), fn + "sizeInBytes");
  d.miscFlags = Flags(args.Get("flags"), fn + "flags");
  return Created(args.Env(), CreateD3DObject(s, d), out, out::D3D12CreateHeap::ppHeap, -1);
}

Napi::Value D3D12CreateCommittedResource(Session& s, const Napi::Object& args, double* out) {
  const std::string fn = "D3D12CreateCommittedResource: ";
  D3DDesc d;
  d.kind = D3DKind::Resource;
  d.adapter = ReadAdapter(args.Get("adapterLUID"), fn + "adapterLUID");
  d.width = Size(args.Get("width"), fn + "width");
  d.height = U32(args.Get("height"), fn + "height");
  const Napi::Value name = args.Get("format");
  const int32_t format = Absent(name) ? 0 : DxgiFormat(String(name, fn + "format", kMaxObjectName));
  d.miscFlags = Flags(args.Get("heapFlags"), fn + "heapFlags");
  d.resourceFlags = 0;
  d.format = format < 0 ? 0 : static_cast<uint32_t>(format);
  d.dimension = d.format == 0 ? kDimensionBuffer : kDimensionTexture2D;
  const D3DMade m = format < 0 ? Refused() : CreateD3DObject(s, d);
  return Created(args.Env(), m, out, out::D3D12CreateCommittedResource::ppResource, out::D3D12CreateCommittedResource::size);
}

Napi::Value IDXGIResource1_CreateSharedHandle(Session& s, const Napi::Object& args, double* out) {
  SharedHandleRequest r = ReadSharedHandleRequest(args, "IDXGIResource1_CreateSharedHandle: ", "resource", "dwAccess", "lpName");
  return SharedHandle(s, args.Env(), r, out, out::IDXGIResource1_CreateSharedHandle::pHandle);
}

Napi::Value ID3D12Device_CreateSharedHandle(Session& s, const Napi::Object& args, double* out) {
  SharedHandleRequest r = ReadSharedHandleRequest(args, "ID3D12Device_CreateSharedHandle: ", "object", "access", "name");
  return SharedHandle(s, args.Env(), r, out, out::ID3D12Device_CreateSharedHandle::pHandle);
}

Napi::Value IDXGIResource_GetSharedHandle(Session& s, const Napi::Object& args, double* out) {
  uint64_t id = Size(args.Get("resource"), "IDXGIResource_GetSharedHandle: resource");
  uint64_t handle = 0;
  int32_t hr = GetD3DKmtHandle(s, id, &handle);
  if (hr == 0 && handle != 0) s.fds.Log("created-kmt", static_cast<int>(handle), 0, "IDXGIResource_GetSharedHandle");
  out[out::IDXGIResource_GetSharedHandle::pSharedHandle] = static_cast<double>(handle);
  return Napi::Number::New(args.Env(), hr);
}

Napi::Value D3DRelease(Session& s, const Napi::Object& args, double*) {
  uint64_t id = Size(args.Get("object"), "D3DRelease: object");
  ReleaseD3DObject(s, id);
  return args.Env().Undefined();
}

}  // namespace op

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
