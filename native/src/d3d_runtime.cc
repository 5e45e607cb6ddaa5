// The D3D runtime behind the D3D exports. On Windows: d3d11.dll, d3d12.dll and dxgi.dll are loaded at
// the first D3D call (the addon links against none of them, so it still loads where they are missing,
// and imports only what every Windows has), one device per runtime is made per adapter when first
// needed, and each object made is kept by id until d3dRelease or close(). Elsewhere every create is
// answered E_NOTIMPL and no D3D object ever exists.
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <vector>

#include "d3d.h"
#include "errors.h"

#ifdef _WIN32
// ID3D12Device::GetResourceAllocationInfo returns a structure; with this the header declares the form
// whose calling convention matches the runtime's (GCC and MSVC return aggregates from methods differently).
#define WIDL_EXPLICIT_AGGREGATE_RETURNS
#include <d3d11.h>
#include <d3d12.h>
#include <dxgi1_2.h>
#endif

namespace vkx {
namespace {

[[noreturn]] void NoSuchObject(uint64_t id) { throw ArgRangeError("no such D3D object " + std::to_string(id)); }

}  // namespace

#ifdef _WIN32

namespace {

using CreateFactoryFn = HRESULT(WINAPI*)(REFIID, void**);

// One adapter the session has used: found by LUID, or DXGI's first (default) adapter.
struct Adapter {
  bool byLuid = false;
  uint8_t luid[8] = {};
  IDXGIAdapter1* dxgi = nullptr;  // null when DXGI could not enumerate: the runtimes then pick their default
  ID3D11Device* d3d11 = nullptr;
  ID3D12Device* d3d12 = nullptr;
  std::string description;
};

struct D3DObject {
  D3DKind kind = D3DKind::Texture2D;
  Adapter* adapter = nullptr;
  ID3D11Resource* d3d11 = nullptr;     // textures and buffers
  ID3D12DeviceChild* d3d12 = nullptr;  // heaps and committed resources
};

}  // namespace

struct D3DState {
  // The DLLs are never unloaded: a D3D runtime keeps threads of its own, and unloading code they may
  // still run is not safe. Loading them again after close() only counts one more reference.
  HMODULE d3d11Dll = nullptr;
  HMODULE d3d12Dll = nullptr;
  HMODULE dxgiDll = nullptr;
  std::string d3d11Missing, d3d12Missing, dxgiMissing;  // why each runtime is unusable, if it is
  PFN_D3D11_CREATE_DEVICE createD3D11 = nullptr;
  PFN_D3D12_CREATE_DEVICE createD3D12 = nullptr;
  CreateFactoryFn createFactory = nullptr;
  IDXGIFactory1* factory = nullptr;
  std::vector<std::unique_ptr<Adapter>> adapters;  // stable addresses: objects point at theirs
  std::map<uint64_t, D3DObject> objects;           // by id, so teardown can go newest first
};

namespace {

std::string Hex(HRESULT hr) {
  char buf[16];
  snprintf(buf, sizeof buf, "0x%08X", static_cast<unsigned>(hr));
  return buf;
}

std::string Utf8(const wchar_t* w) {
  int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, nullptr, 0, nullptr, nullptr);
  if (n <= 1) return std::string();
  std::string s(static_cast<size_t>(n), '\0');
  WideCharToMultiByte(CP_UTF8, 0, w, -1, &s[0], n, nullptr, nullptr);
  s.resize(static_cast<size_t>(n - 1));
  return s;
}

// GetProcAddress answers FARPROC; void (*)(void) is the shape any function pointer may pass through
// without a cast warning.
template <typename F>
F Entry(HMODULE m, const char* name) {
  if (m == nullptr) return nullptr;
  return reinterpret_cast<F>(reinterpret_cast<void (*)(void)>(GetProcAddress(m, name)));
}

HMODULE Open(const wchar_t* dll, const char* name, std::string& why) {
  HMODULE m = LoadLibraryW(dll);
  if (m == nullptr) why = std::string(name) + " does not load (error " + std::to_string(GetLastError()) + ")";
  return m;
}

void Load(D3DState& st) {
  st.d3d11Dll = Open(L"d3d11.dll", "d3d11.dll", st.d3d11Missing);
  st.d3d12Dll = Open(L"d3d12.dll", "d3d12.dll", st.d3d12Missing);
  st.dxgiDll = Open(L"dxgi.dll", "dxgi.dll", st.dxgiMissing);
  st.createD3D11 = Entry<PFN_D3D11_CREATE_DEVICE>(st.d3d11Dll, "D3D11CreateDevice");
  st.createD3D12 = Entry<PFN_D3D12_CREATE_DEVICE>(st.d3d12Dll, "D3D12CreateDevice");
  st.createFactory = Entry<CreateFactoryFn>(st.dxgiDll, "CreateDXGIFactory1");
  if (st.d3d11Dll != nullptr && st.createD3D11 == nullptr) st.d3d11Missing = "d3d11.dll has no D3D11CreateDevice";
  if (st.d3d12Dll != nullptr && st.createD3D12 == nullptr) st.d3d12Missing = "d3d12.dll has no D3D12CreateDevice";
  if (st.dxgiDll != nullptr && st.createFactory == nullptr) st.dxgiMissing = "dxgi.dll has no CreateDXGIFactory1";
}

D3DState& State(Session& s) {
  if (s.d3d == nullptr) {
    s.d3d = new D3DState();
    Load(*s.d3d);
  }
  return *s.d3d;
}

// With no LUID asked for, the adapter of the session's first Vulkan device when the driver names one:
// an import only works on the adapter that made the resource.
AdapterChoice Wanted(Session& s, const AdapterChoice& asked) {
  if (asked.hasLuid || s.pdOrder.empty()) return asked;
  const PhysicalDevice* pd = s.pds.Find(s.pdOrder.front());
  AdapterChoice c;
  if (pd == nullptr || !pd->hasIdProps || pd->idProps.deviceLUIDValid != VK_TRUE) return c;
  c.hasLuid = true;
  std::memcpy(c.luid, pd->idProps.deviceLUID, sizeof c.luid);
  return c;
}

HRESULT FindAdapter(Session& s, D3DState& st, const AdapterChoice& asked, Adapter** out) {
  const AdapterChoice want = Wanted(s, asked);
  for (const auto& a : st.adapters) {
    if (a->byLuid == want.hasLuid && (!want.hasLuid || std::memcmp(a->luid, want.luid, sizeof a->luid) == 0)) {
      *out = a.get();
      return S_OK;
    }
  }
  if (st.factory == nullptr && st.createFactory != nullptr &&
      FAILED(st.createFactory(__uuidof(IDXGIFactory1), reinterpret_cast<void**>(&st.factory))))
    st.factory = nullptr;
  auto a = std::make_unique<Adapter>();
  a->byLuid = want.hasLuid;
  std::memcpy(a->luid, want.luid, sizeof a->luid);
  for (UINT i = 0; st.factory != nullptr; i++) {
    IDXGIAdapter1* candidate = nullptr;
    if (FAILED(st.factory->EnumAdapters1(i, &candidate))) break;  // DXGI_ERROR_NOT_FOUND past the last
    DXGI_ADAPTER_DESC1 desc{};
    const bool described = SUCCEEDED(candidate->GetDesc1(&desc));
    static_assert(sizeof desc.AdapterLuid == sizeof a->luid, "a LUID is 8 bytes, as VkPhysicalDeviceIDProperties has it");
    if (described && (!want.hasLuid || std::memcmp(&desc.AdapterLuid, want.luid, sizeof a->luid) == 0)) {
      a->dxgi = candidate;
      a->description = Utf8(desc.Description);
      break;
    }
    candidate->Release();
  }
  if (want.hasLuid && a->dxgi == nullptr) return kDXGI_ERROR_NOT_FOUND;
  *out = a.get();
  st.adapters.push_back(std::move(a));
  return S_OK;
}

HRESULT D3D11Device(const D3DState& st, Adapter& a) {
  if (a.d3d11 != nullptr) return S_OK;
  if (st.createD3D11 == nullptr) return kE_NOTIMPL;
  const D3D_FEATURE_LEVEL levels[] = {D3D_FEATURE_LEVEL_11_1, D3D_FEATURE_LEVEL_11_0, D3D_FEATURE_LEVEL_10_1,
                                      D3D_FEATURE_LEVEL_10_0};
  // A named adapter needs the "unknown" driver type; without one, the hardware default.
  const D3D_DRIVER_TYPE type = a.dxgi != nullptr ? D3D_DRIVER_TYPE_UNKNOWN : D3D_DRIVER_TYPE_HARDWARE;
  HRESULT hr = st.createD3D11(a.dxgi, type, nullptr, 0, levels, 4, D3D11_SDK_VERSION, &a.d3d11, nullptr, nullptr);
  // A runtime from before D3D 11.1 refuses any list that names 11_1.
  if (hr == E_INVALIDARG)
    hr = st.createD3D11(a.dxgi, type, nullptr, 0, levels + 1, 3, D3D11_SDK_VERSION, &a.d3d11, nullptr, nullptr);
  if (FAILED(hr) || a.d3d11 == nullptr) {
    a.d3d11 = nullptr;
    return FAILED(hr) ? hr : E_FAIL;
  }
  return S_OK;
}

HRESULT D3D12Device(const D3DState& st, Adapter& a) {
  if (a.d3d12 != nullptr) return S_OK;
  if (st.createD3D12 == nullptr) return kE_NOTIMPL;
  HRESULT hr = st.createD3D12(a.dxgi, D3D_FEATURE_LEVEL_11_0, __uuidof(ID3D12Device), reinterpret_cast<void**>(&a.d3d12));
  if (FAILED(hr) || a.d3d12 == nullptr) {
    a.d3d12 = nullptr;
    return FAILED(hr) ? hr : E_FAIL;
  }
  return S_OK;
}

HRESULT MakeD3D11(const D3DDesc& d, ID3D11Device* dev, D3DObject& o) {
  if (d.kind == D3DKind::Texture2D) {
    D3D11_TEXTURE2D_DESC td{};
    td.Width = static_cast<UINT>(d.width);
    td.Height = d.height;
    td.MipLevels = 1;
    td.ArraySize = 1;
    td.Format = static_cast<DXGI_FORMAT>(d.format);
    td.SampleDesc.Count = 1;
    td.Usage = D3D11_USAGE_DEFAULT;
    td.BindFlags = d.bindFlags;
    td.MiscFlags = d.miscFlags;
    ID3D11Texture2D* t = nullptr;
    HRESULT hr = dev->CreateTexture2D(&td, nullptr, &t);
    o.d3d11 = t;
    return hr;
  }
  D3D11_BUFFER_DESC bd{};
  bd.ByteWidth = static_cast<UINT>(d.width);
  bd.Usage = D3D11_USAGE_DEFAULT;
  bd.BindFlags = d.bindFlags;
  bd.MiscFlags = d.miscFlags;
  ID3D11Buffer* b = nullptr;
  HRESULT hr = dev->CreateBuffer(&bd, nullptr, &b);
  o.d3d11 = b;
  return hr;
}

HRESULT MakeD3D12(const D3DDesc& d, ID3D12Device* dev, D3DObject& o, uint64_t* size) {
  D3D12_HEAP_PROPERTIES props{};
  props.Type = D3D12_HEAP_TYPE_DEFAULT;
  if (d.kind == D3DKind::Heap) {
    D3D12_HEAP_DESC hd{};
    hd.SizeInBytes = d.width;
    hd.Properties = props;
    hd.Flags = static_cast<D3D12_HEAP_FLAGS>(d.miscFlags);
    ID3D12Heap* h = nullptr;
    HRESULT hr = dev->CreateHeap(&hd, __uuidof(ID3D12Heap), reinterpret_cast<void**>(&h));
    o.d3d12 = h;
    *size = d.width;
    return hr;
  }
  const bool buffer = d.dimension == kDimensionBuffer;
  D3D12_RESOURCE_DESC rd{};
  rd.Dimension = static_cast<D3D12_RESOURCE_DIMENSION>(d.dimension);
  rd.Width = d.width;
  rd.Height = buffer ? 1 : d.height;
  rd.DepthOrArraySize = 1;
  rd.MipLevels = 1;
  rd.Format = buffer ? DXGI_FORMAT_UNKNOWN : static_cast<DXGI_FORMAT>(d.format);
  rd.SampleDesc.Count = 1;
  rd.Layout = buffer ? D3D12_TEXTURE_LAYOUT_ROW_MAJOR : D3D12_TEXTURE_LAYOUT_UNKNOWN;
  rd.Flags = static_cast<D3D12_RESOURCE_FLAGS>(d.resourceFlags);
  ID3D12Resource* r = nullptr;
  HRESULT hr = dev->CreateCommittedResource(&props, static_cast<D3D12_HEAP_FLAGS>(d.miscFlags), &rd,
                                            D3D12_RESOURCE_STATE_COMMON, nullptr, __uuidof(ID3D12Resource),
                                            reinterpret_cast<void**>(&r));
  o.d3d12 = r;
  if (SUCCEEDED(hr) && r != nullptr) {
    D3D12_RESOURCE_ALLOCATION_INFO info = dev->GetResourceAllocationInfo(0, 1, &rd);
    *size = info.SizeInBytes == UINT64_MAX ? 0 : info.SizeInBytes;  // UINT64_MAX: the runtime could not say
  }
  return hr;
}

void Release(D3DObject& o) {
  if (o.d3d11 != nullptr) o.d3d11->Release();
  if (o.d3d12 != nullptr) o.d3d12->Release();
  o.d3d11 = nullptr;
  o.d3d12 = nullptr;
}

D3DObject& Find(Session& s, uint64_t id) {
  if (s.d3d != nullptr) {
    auto it = s.d3d->objects.find(id);
    if (it != s.d3d->objects.end()) return it->second;
  }
  NoSuchObject(id);
}

uint64_t Value(HANDLE h) { return static_cast<uint64_t>(reinterpret_cast<uintptr_t>(h)); }

}  // namespace

D3DMade CreateD3DObject(Session& s, const D3DDesc& d) {
  D3DState& st = State(s);
  D3DMade m;
  Adapter* a = nullptr;
  m.hr = FindAdapter(s, st, d.adapter, &a);
  if (FAILED(m.hr)) return m;
  const bool is11 = d.kind == D3DKind::Texture2D || d.kind == D3DKind::Buffer;
  m.hr = is11 ? D3D11Device(st, *a) : D3D12Device(st, *a);
  if (FAILED(m.hr)) return m;
  D3DObject o;
  o.kind = d.kind;
  o.adapter = a;
  uint64_t size = 0;
  m.hr = is11 ? MakeD3D11(d, a->d3d11, o) : MakeD3D12(d, a->d3d12, o, &size);
  if (FAILED(m.hr) || (o.d3d11 == nullptr && o.d3d12 == nullptr)) {
    Release(o);
    return m;
  }
  m.id = s.NewId();
  m.size = size;
  st.objects[m.id] = o;
  return m;
}

int32_t CreateD3DSharedHandle(Session& s, const SharedHandleRequest& r, uint64_t* handle) {
  D3DObject& o = Find(s, r.id);
  *handle = 0;
  SECURITY_ATTRIBUTES sa{};
  sa.nLength = sizeof sa;
  sa.bInheritHandle = r.inherit ? TRUE : FALSE;
  const SECURITY_ATTRIBUTES* attributes = r.hasAttributes ? &sa : nullptr;
  const std::wstring name(r.name.begin(), r.name.end());  // wchar_t is UTF-16 on Windows
  const wchar_t* lpName = r.hasName ? name.c_str() : nullptr;
  HANDLE h = nullptr;
  HRESULT hr;
  if (o.d3d11 != nullptr) {
    IDXGIResource1* res = nullptr;
    hr = o.d3d11->QueryInterface(__uuidof(IDXGIResource1), reinterpret_cast<void**>(&res));
    if (SUCCEEDED(hr)) {
      hr = res->CreateSharedHandle(attributes, r.access, lpName, &h);
      res->Release();
    }
  } else {
    hr = o.adapter->d3d12->CreateSharedHandle(o.d3d12, attributes, r.access, lpName, &h);
  }
  if (FAILED(hr) || h == nullptr) return hr;
  *handle = Value(h);
  s.handles.Add(*handle, true);
  return hr;
}

int32_t GetD3DKmtHandle(Session& s, uint64_t id, uint64_t* handle) {
  D3DObject& o = Find(s, id);
  *handle = 0;
  // D3D12 objects have no IDXGIResource, hence no global handle: answered as the mock does.
  if (o.d3d11 == nullptr) return kE_INVALIDARG;
  IDXGIResource* res = nullptr;
  HANDLE h = nullptr;
  HRESULT hr = o.d3d11->QueryInterface(__uuidof(IDXGIResource), reinterpret_cast<void**>(&res));
  if (SUCCEEDED(hr)) {
    hr = res->GetSharedHandle(&h);
    res->Release();
  }
  if (FAILED(hr) || h == nullptr) return hr;
  *handle = Value(h);
  s.handles.Add(*handle, false);  // a name for the resource, not a reference: never closed
  return hr;
}

void ReleaseD3DObject(Session& s, uint64_t id) {
  Release(Find(s, id));
  s.d3d->objects.erase(id);
}

D3DAvailability ProbeD3D(Session& s, const AdapterChoice& adapter) {
  D3DState& st = State(s);
  D3DAvailability r;
  Adapter* a = nullptr;
  HRESULT hr = FindAdapter(s, st, adapter, &a);
  if (FAILED(hr)) {
    r.reason = "no DXGI adapter has the LUID asked for (" + Hex(hr) + ")";
    return r;
  }
  r.adapter = a->description;
  std::string why;
  auto note = [&](const std::string& w) { why += (why.empty() ? "" : "; ") + w; };
  if (st.createD3D11 == nullptr) note(st.d3d11Missing);
  else if (FAILED(hr = D3D11Device(st, *a))) note("D3D11CreateDevice failed with " + Hex(hr));
  else r.d3d11 = true;
  if (st.createD3D12 == nullptr) note(st.d3d12Missing);
  else if (FAILED(hr = D3D12Device(st, *a))) note("D3D12CreateDevice failed with " + Hex(hr));
  else r.d3d12 = true;
  if (st.createFactory == nullptr) note(st.dxgiMissing + " (the runtimes' default adapter is used)");
  r.reason = why;
  return r;
}

void CloseD3D(Session& s) {
  D3DState* st = s.d3d;
  if (st == nullptr) return;
  s.d3d = nullptr;
  for (auto it = st->objects.rbegin(); it != st->objects.rend(); ++it) Release(it->second);
  for (auto it = st->adapters.rbegin(); it != st->adapters.rend(); ++it) {
    Adapter& a = **it;
    if (a.d3d12 != nullptr) a.d3d12->Release();
    if (a.d3d11 != nullptr) {
      // D3D11 destroys released objects lazily, at the context's next flush: flush now, so their memory
      // goes with the session and not at some later moment.
      ID3D11DeviceContext* context = nullptr;
      a.d3d11->GetImmediateContext(&context);
      if (context != nullptr) {
        context->ClearState();
        context->Flush();
        context->Release();
      }
      a.d3d11->Release();
    }
    if (a.dxgi != nullptr) a.dxgi->Release();
  }
  if (st->factory != nullptr) st->factory->Release();
  delete st;
}

#else  // not Windows: no D3D runtime exists

struct D3DState {};

D3DMade CreateD3DObject(Session&, const D3DDesc&) { return D3DMade{}; }

int32_t CreateD3DSharedHandle(Session&, const SharedHandleRequest& r, uint64_t*) { NoSuchObject(r.id); }

int32_t GetD3DKmtHandle(Session&, uint64_t id, uint64_t*) { NoSuchObject(id); }

void ReleaseD3DObject(Session&, uint64_t id) { NoSuchObject(id); }

D3DAvailability ProbeD3D(Session&, const AdapterChoice&) {
  D3DAvailability r;
#ifdef __APPLE__
  r.reason = "D3D11 and D3D12 exist only on Windows; this addon was built for darwin";
#else
  r.reason = "D3D11 and D3D12 exist only on Windows; this addon was built for linux";
#endif
  return r;
}

void CloseD3D(Session& s) { s.d3d = nullptr; }

#endif

}  // namespace vkx
