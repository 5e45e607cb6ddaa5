// D3D11 and D3D12 resources made so that Vulkan can import their shared handles. d3d.cc reads the
// JavaScript arguments into the structures below; d3d_runtime.cc talks to the D3D runtime (Windows) or
// answers E_NOTIMPL (everywhere else). Nothing here names a Windows type, so session.h and the Linux
// build need no Windows headers: the session holds the runtime's state as an opaque D3DState.
#pragma once

#include <cstdint>
#include <string>

#include "session.h"

namespace vkx {

// HRESULTs the addon answers itself, as the signed 32-bit numbers JavaScript sees.
constexpr int32_t kE_NOTIMPL = static_cast<int32_t>(0x80004001u);
constexpr int32_t kE_INVALIDARG = static_cast<int32_t>(0x80070057u);
constexpr int32_t kDXGI_ERROR_NOT_FOUND = static_cast<int32_t>(0x887A0002u);

// D3D12_RESOURCE_DIMENSION values a committed resource may have here.
constexpr uint32_t kDimensionBuffer = 1;
constexpr uint32_t kDimensionTexture2D = 3;

enum class D3DKind { Texture2D, Buffer, Heap, Resource };

// The adapter a call asks for: an explicit LUID, or none (then the LUID of the session's first Vulkan
// physical device when the driver reports a valid one, else DXGI's default adapter).
struct AdapterChoice {
  bool hasLuid = false;
  uint8_t luid[8] = {};
};

// One create call. `width` is the texture width, a buffer's ByteWidth, a heap's SizeInBytes or a
// committed resource's Width; `miscFlags` is D3D11 MiscFlags or D3D12 heap flags.
struct D3DDesc {
  D3DKind kind = D3DKind::Texture2D;
  AdapterChoice adapter;
  uint64_t width = 0;
  uint32_t height = 1;
  uint32_t format = 0;  // DXGI_FORMAT
  uint32_t bindFlags = 0;
  uint32_t miscFlags = 0;
  uint32_t dimension = 0;
  uint32_t resourceFlags = 0;
};

struct D3DMade {
  int32_t hr = kE_NOTIMPL;
  uint64_t id = 0;
  uint64_t size = 0;  // bytes the object occupies where the runtime says (D3D12), else 0
};

struct SharedHandleRequest {
  uint64_t id = 0;
  uint32_t access = 0;
  bool hasName = false;
  std::u16string name;
  bool hasAttributes = false;  // a SECURITY_ATTRIBUTES is passed (with bInheritHandle = inherit)
  bool inherit = false;
};

struct D3DAvailability {
  bool d3d11 = false;
  bool d3d12 = false;
  std::string reason;   // why either is missing; empty when both work
  std::string adapter;  // the DXGI adapter's description, when one was found
};

D3DMade CreateD3DObject(Session& s, const D3DDesc& d);
// These throw ArgRangeError for an id that names no live D3D object of this session.
int32_t CreateD3DSharedHandle(Session& s, const SharedHandleRequest& r, uint64_t* handle);
int32_t GetD3DKmtHandle(Session& s, uint64_t id, uint64_t* handle);
void ReleaseD3DObject(Session& s, uint64_t id);
// Loads the runtimes and makes (or reuses) the devices on the chosen adapter.
D3DAvailability ProbeD3D(Session& s, const AdapterChoice& adapter);

}  // namespace vkx
