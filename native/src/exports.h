// Every function the addon exports, one C++ function each, grouped by the file that implements it.
// Each reads its JavaScript arguments first (args.h), then looks ids up (session.h), then calls Vulkan.
// module.cc registers them and turns ArgTypeError / ArgRangeError into TypeError / RangeError.
// The calling convention (src/backends/native/addon-api.ts spells it out for JavaScript): arguments are
// plain numbers and strings where a call is frequent, and a call that answers more than one number
// returns its VkResult and writes the rest into a Float64Array passed last ("out").
#pragma once

#include <napi.h>

#include "generated/operations.h"
#include "session.h"

namespace vkx {

using Export = Napi::Value (*)(Session&, const Napi::CallbackInfo&);

// instance.cc: the session's lifetime and what it found.
Napi::Value Open(Session& s, const Napi::CallbackInfo& info);
Napi::Value Close(Session& s, const Napi::CallbackInfo& info);
Napi::Value PhysicalDevices(Session& s, const Napi::CallbackInfo& info);
Napi::Value TakeLayerMessages(Session& s, const Napi::CallbackInfo& info);

// queries.cc: capability queries on a physical device.
Napi::Value ExternalBufferProperties(Session& s, const Napi::CallbackInfo& info);
Napi::Value ExternalBufferPropertiesBatch(Session& s, const Napi::CallbackInfo& info);
Napi::Value ExternalImageFormatProperties(Session& s, const Napi::CallbackInfo& info);
Napi::Value ExternalImageFormatPropertiesNV(Session& s, const Napi::CallbackInfo& info);
Napi::Value ImageFormatProperties(Session& s, const Napi::CallbackInfo& info);
Napi::Value ImageFormatBatch(Session& s, const Napi::CallbackInfo& info);

// resources.cc: devices, buffers, images and their memory requirements.
Napi::Value CreateDevice(Session& s, const Napi::CallbackInfo& info);
Napi::Value DestroyDevice(Session& s, const Napi::CallbackInfo& info);
Napi::Value CreateBuffer(Session& s, const Napi::CallbackInfo& info);
Napi::Value CreateImage(Session& s, const Napi::CallbackInfo& info);
Napi::Value DestroyBuffer(Session& s, const Napi::CallbackInfo& info);
Napi::Value DestroyImage(Session& s, const Napi::CallbackInfo& info);
Napi::Value BufferRequirements(Session& s, const Napi::CallbackInfo& info);
Napi::Value ImageRequirements(Session& s, const Napi::CallbackInfo& info);

// memory.cc: allocation (with every export/import/dedicated struct), binding, mapping, bytes.
Napi::Value Allocate(Session& s, const Napi::CallbackInfo& info);
Napi::Value Free(Session& s, const Napi::CallbackInfo& info);
Napi::Value BindBuffer(Session& s, const Napi::CallbackInfo& info);
Napi::Value BindImage(Session& s, const Napi::CallbackInfo& info);
Napi::Value Map(Session& s, const Napi::CallbackInfo& info);
Napi::Value Unmap(Session& s, const Napi::CallbackInfo& info);
Napi::Value Write(Session& s, const Napi::CallbackInfo& info);
Napi::Value Read(Session& s, const Napi::CallbackInfo& info);

// fd_host.cc: POSIX fds and host pointers.
Napi::Value GetFd(Session& s, const Napi::CallbackInfo& info);
Napi::Value FdProperties(Session& s, const Napi::CallbackInfo& info);
Napi::Value HostPointerProperties(Session& s, const Napi::CallbackInfo& info);
Napi::Value HostAlloc(Session& s, const Napi::CallbackInfo& info);
Napi::Value HostFree(Session& s, const Napi::CallbackInfo& info);
Napi::Value HostWrite(Session& s, const Napi::CallbackInfo& info);
Napi::Value HostRead(Session& s, const Napi::CallbackInfo& info);
// What the driver did to the application's fds: a check of every fd held, an fd's identity, the event log.
Napi::Value HeldFds(Session& s, const Napi::CallbackInfo& info);
Napi::Value FdIdentity(Session& s, const Napi::CallbackInfo& info);
Napi::Value TakeHandleEvents(Session& s, const Napi::CallbackInfo& info);
Napi::Value SetObserving(Session& s, const Napi::CallbackInfo& info);

// win32.cc: Win32 handles (VK_ERROR_EXTENSION_NOT_PRESENT / 0 outside Windows).
Napi::Value GetWin32Handle(Session& s, const Napi::CallbackInfo& info);
Napi::Value GetWin32HandleNV(Session& s, const Napi::CallbackInfo& info);
Napi::Value Win32HandleProperties(Session& s, const Napi::CallbackInfo& info);
Napi::Value AdoptKmt(Session& s, const Napi::CallbackInfo& info);

// d3d.cc: whether D3D11/D3D12 make a device on an adapter.
Napi::Value D3DAvailable(Session& s, const Napi::CallbackInfo& info);

// operations.cc: operation(name, args, out), the one entry of every backend operation of the table of
// calls (native/src/generated/operations.h): the row's inputs in `args`, the result returned, the outputs
// written into `out` where the header says.
Napi::Value Operation(Session& s, const Napi::CallbackInfo& info);

// One function per operation the addon runs on this platform, in the .cc file of its concern
// (win32.cc, fd_host.cc, d3d.cc). A row marked native with no function here fails the link.
namespace op {
using Fn = Napi::Value (*)(Session& s, const Napi::Object& args, double* out);
#define VKX_DECLARE_OPERATION(operation) Napi::Value operation(Session& s, const Napi::Object& args, double* out);
VKX_NATIVE_OPERATIONS(VKX_DECLARE_OPERATION)
#undef VKX_DECLARE_OPERATION
}  // namespace op

// The common answer: `value` (a new object's id, an fd or handle, memoryTypeBits) in out[0], the VkResult
// as the return value.
Napi::Value Answer(Napi::Env env, double* out, VkResult result, double value);

}  // namespace vkx
