// Module initialisation: one Session per Node environment (instance data, freed with the environment,
// which closes everything it still holds), and every export wrapped so that the addon's own refusals
// become TypeError / RangeError and no C++ exception ever unwinds into Node.
#include <napi.h>

#include <new>

#include "errors.h"
#include "exports.h"

namespace vkx {
namespace {

template <Export F>
Napi::Value Bound(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Session* s = env.GetInstanceData<Session>();
  try {
    if (s == nullptr) throw std::runtime_error("vk-extmem native: the addon has no session (initialisation failed)");
    return F(*s, info);
  } catch (const Napi::Error&) {
    throw;  // a JavaScript exception already (a getter on an argument threw): pass it on as it is
  } catch (const ArgTypeError& e) {
    throw Napi::TypeError::New(env, e.what());
  } catch (const ArgRangeError& e) {
    throw Napi::RangeError::New(env, e.what());
  } catch (const std::bad_alloc&) {
    throw Napi::Error::New(env, "vk-extmem native: out of memory");
  } catch (const std::exception& e) {
    throw Napi::Error::New(env, e.what());
  } catch (...) {
    throw Napi::Error::New(env, "vk-extmem native: unexpected C++ exception");
  }
}

template <Export F>
void Add(Napi::Env env, Napi::Object exports, const char* name) {
  exports.Set(name, Napi::Function::New(env, Bound<F>, name));
}

}  // namespace
}  // namespace vkx

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  using namespace vkx;
  env.SetInstanceData(new Session());
#if defined(_WIN32)
  exports.Set("platform", "win32");
#elif defined(__APPLE__)
  exports.Set("platform", "darwin");
#else
  exports.Set("platform", "linux");
#endif
  Add<Open>(env, exports, "open");
  Add<Close>(env, exports, "close");
  Add<PhysicalDevices>(env, exports, "physicalDevices");
  Add<ExternalBufferProperties>(env, exports, "externalBufferProperties");
  Add<ExternalBufferPropertiesBatch>(env, exports, "externalBufferPropertiesBatch");
  Add<ExternalImageFormatProperties>(env, exports, "externalImageFormatProperties");
  Add<ExternalImageFormatPropertiesNV>(env, exports, "externalImageFormatPropertiesNV");
  Add<ImageFormatProperties>(env, exports, "imageFormatProperties");
  Add<ImageFormatBatch>(env, exports, "imageFormatBatch");
  Add<CreateDevice>(env, exports, "createDevice");
  Add<DestroyDevice>(env, exports, "destroyDevice");
  Add<CreateBuffer>(env, exports, "createBuffer");
  Add<CreateImage>(env, exports, "createImage");
  Add<DestroyBuffer>(env, exports, "destroyBuffer");
  Add<DestroyImage>(env, exports, "destroyImage");
  Add<BufferRequirements>(env, exports, "bufferRequirements");
  Add<ImageRequirements>(env, exports, "imageRequirements");
  Add<Allocate>(env, exports, "allocate");
  Add<Free>(env, exports, "free");
  Add<BindBuffer>(env, exports, "bindBuffer");
  Add<BindImage>(env, exports, "bindImage");
  Add<Map>(env, exports, "map");
  Add<Unmap>(env, exports, "unmap");
  Add<Write>(env, exports, "write");
  Add<Read>(env, exports, "read");
  Add<GetFd>(env, exports, "getFd");
  Add<GetWin32Handle>(env, exports, "getWin32Handle");
  Add<GetWin32HandleNV>(env, exports, "getWin32HandleNV");
  Add<FdProperties>(env, exports, "fdProperties");
  Add<Win32HandleProperties>(env, exports, "win32HandleProperties");
  Add<AdoptKmt>(env, exports, "adoptKmt");
  Add<HostPointerProperties>(env, exports, "hostPointerProperties");
  Add<HostAlloc>(env, exports, "hostAlloc");
  Add<HostFree>(env, exports, "hostFree");
  Add<HostWrite>(env, exports, "hostWrite");
  Add<HostRead>(env, exports, "hostRead");
  Add<HeldFds>(env, exports, "heldFds");
  Add<FdIdentity>(env, exports, "fdIdentity");
  Add<TakeHandleEvents>(env, exports, "takeHandleEvents");
  Add<SetObserving>(env, exports, "setObserving");
  Add<TakeLayerMessages>(env, exports, "takeLayerMessages");
  Add<D3DAvailable>(env, exports, "d3dAvailable");
  Add<Operation>(env, exports, "operation");
  return exports;
}

NODE_API_MODULE(vkextmem, Init)
