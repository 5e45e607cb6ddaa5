// Win32 handles: export (KHR and NV), handle properties, the CloseHandle and DuplicateHandle operations,
// and the allocate() structures that name handles (VkExportMemoryWin32HandleInfoKHR, VkImportMemory-
// Win32HandleInfoKHR/NV). Outside Windows the same exports exist and answer VK_ERROR_EXTENSION_NOT_PRESENT
// with value 0, after the same argument checks.
//
// Only handles this session made (vkGetMemoryWin32Handle*, DuplicateHandle) are closed, duplicated or
// handed to a driver; any other number reaches the driver as NULL. NT handles stay with the application
// after an import (the spec's rule for them), so an import never removes one from the table.
#include "alloc_chain.h"
#include "args.h"
#include "errors.h"
#include "exports.h"
#include "generated/operations.h"

namespace vkx {
namespace {

// DuplicateHandle's DUPLICATE_CLOSE_SOURCE (winnt.h), read from the arguments on every platform.
constexpr uint32_t DUPLICATE_CLOSE_SOURCE_OPTION = 0x1;

#ifdef _WIN32
// KMT (global share) handles are names, not references: they are never closed.
bool IsNtKhr(uint32_t t) {
  return t == VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT || t == VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT ||
         t == VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT || t == VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_RESOURCE_BIT;
}

bool IsNtNV(uint32_t t) {
  return t == VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV || t == VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_BIT_NV;
}

HANDLE ToHandle(uint64_t v) { return reinterpret_cast<HANDLE>(static_cast<uintptr_t>(v)); }
double FromHandle(HANDLE h) { return static_cast<double>(reinterpret_cast<uintptr_t>(h)); }

std::wstring Wide(const std::u16string& s) { return std::wstring(s.begin(), s.end()); }
#endif

}  // namespace

// ---- HandleTable

#ifdef _WIN32
int HandleTable::Close(uint64_t handle) {
  auto it = handles_.find(handle);
  if (it == handles_.end() || !it->second) return 0;
  handles_.erase(it);
  return ::CloseHandle(ToHandle(handle)) ? 1 : 0;
}

uint64_t HandleTable::Duplicate(uint64_t handle, uint32_t access, bool inherit, uint32_t options) {
  auto it = handles_.find(handle);
  if (it == handles_.end() || !it->second) return 0;
  HANDLE self = GetCurrentProcess();
  HANDLE copy = nullptr;
  const DWORD known = options & (DUPLICATE_CLOSE_SOURCE | DUPLICATE_SAME_ACCESS);
  const BOOL ok = ::DuplicateHandle(self, ToHandle(handle), self, &copy, access, inherit ? TRUE : FALSE, known);
  if (known & DUPLICATE_CLOSE_SOURCE) handles_.erase(handle);  // closed by DuplicateHandle, success or not
  if (!ok) return 0;
  uint64_t v = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(copy));
  Add(v, true);
  return v;
}

uint64_t HandleTable::DuplicateFrom(uint32_t sourcePid, uint64_t handle, uint32_t access, bool inherit, uint32_t options) {
  HANDLE source = ::OpenProcess(PROCESS_DUP_HANDLE, FALSE, sourcePid);
  if (source == nullptr) return 0;
  HANDLE copy = nullptr;
  const BOOL ok = ::DuplicateHandle(source, ToHandle(handle), GetCurrentProcess(), &copy, access, inherit ? TRUE : FALSE, options & DUPLICATE_SAME_ACCESS);
  ::CloseHandle(source);
  if (!ok) return 0;
  uint64_t v = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(copy));
  Add(v, true);
  return v;
}

size_t HandleTable::OpenNtHandles() const {
  size_t n = 0;
  for (const auto& kv : handles_) n += kv.second ? 1 : 0;
  return n;
}

void HandleTable::CloseAll() {
  for (const auto& kv : handles_)
    if (kv.second) ::CloseHandle(ToHandle(kv.first));
  handles_.clear();
}
#else
int HandleTable::Close(uint64_t) { return 0; }
uint64_t HandleTable::Duplicate(uint64_t, uint32_t, bool, uint32_t) { return 0; }
uint64_t HandleTable::DuplicateFrom(uint32_t, uint64_t, uint32_t, bool, uint32_t) { return 0; }
size_t HandleTable::OpenNtHandles() const { return 0; }
void HandleTable::CloseAll() { handles_.clear(); }
#endif

// ---- allocate() structures

// A structure of an extension the device did not enable is invalid usage a driver may simply ignore (an
// "import" that allocates fresh memory) or crash on: the addon answers such a call itself, and says so.
void ChainWin32Export(Session& s, const Device& dev, const AllocRequest& r, AllocChain& c) {
  if (!r.hasExportName && !r.hasExportAccess) return;
#ifdef _WIN32
  (void)s;
  if (dev.enabled.count("VK_KHR_external_memory_win32") == 0) {
    c.Refuse(VK_ERROR_EXTENSION_NOT_PRESENT, "VkExportMemoryWin32HandleInfoKHR on a device without VK_KHR_external_memory_win32");
    return;
  }
  c.exportWin32.sType = VK_STRUCTURE_TYPE_EXPORT_MEMORY_WIN32_HANDLE_INFO_KHR;
  c.exportWin32.pAttributes = nullptr;
  c.exportWin32.dwAccess = r.exportAccess;
  if (r.hasExportName) {
    c.exportName = Wide(r.exportName);
    c.exportWin32.name = c.exportName.c_str();
  }
  c.Link(c.exportWin32);
#else
  (void)s, (void)dev;
  c.Refuse(VK_ERROR_EXTENSION_NOT_PRESENT, "VkExportMemoryWin32HandleInfoKHR outside Windows");
#endif
}

void ChainWin32Import(Session& s, const Device& dev, const ImportRequest& r, AllocChain& c) {
#ifdef _WIN32
  const bool nv = r.kind == ImportKind::Win32NV;
  if (dev.enabled.count(nv ? "VK_NV_external_memory_win32" : "VK_KHR_external_memory_win32") == 0) {
    c.Refuse(VK_ERROR_EXTENSION_NOT_PRESENT, std::string(nv ? "VkImportMemoryWin32HandleInfoNV on a device without VK_NV_external_memory_win32"
                                                               : "VkImportMemoryWin32HandleInfoKHR on a device without VK_KHR_external_memory_win32"));
    return;
  }
  // Only handles of ours reach the driver; any other number is shown as NULL.
  const HANDLE handle = s.handles.Has(r.handle) ? ToHandle(r.handle) : nullptr;
  if (r.handle != 0 && handle == nullptr) s.fds.Log("substituted", static_cast<int>(r.handle), 0, "allocate");
  if (!nv) {
    c.importWin32.emplace_back();
    VkImportMemoryWin32HandleInfoKHR& st = c.importWin32.back();
    st.sType = VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_KHR;
    st.handleType = static_cast<VkExternalMemoryHandleTypeFlagBits>(r.handleType);
    st.handle = handle;
    if (r.hasName) {
      c.importNames.push_back(Wide(r.name));
      st.name = c.importNames.back().c_str();
    }
    c.Link(st);
  } else {
    c.importWin32NV.emplace_back();
    VkImportMemoryWin32HandleInfoNV& st = c.importWin32NV.back();
    st.sType = VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_NV;
    st.handleType = r.handleType;
    st.handle = handle;
    c.Link(st);
  }
#else
  (void)s, (void)dev, (void)r;
  c.Refuse(VK_ERROR_EXTENSION_NOT_PRESENT, "a Win32 import structure outside Windows");
#endif
}

// ---- exports

Napi::Value GetWin32Handle(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint64_t devId = Size(info[0], "getWin32Handle: dev");
  uint64_t mem = Size(info[1], "getWin32Handle: mem");
  uint32_t handleType = Flags(info[2], "getWin32Handle: handleType");
  double* out = Outputs(info[3], 1, "getWin32Handle: out");
  Memory& m = s.FindMemory(devId, mem);
  Device& dev = s.FindDevice(devId);
#ifdef _WIN32
  if (dev.fn.getMemoryWin32Handle == nullptr) return Answer(env, out, VK_ERROR_EXTENSION_NOT_PRESENT, 0);
  VkMemoryGetWin32HandleInfoKHR gi{};
  gi.sType = VK_STRUCTURE_TYPE_MEMORY_GET_WIN32_HANDLE_INFO_KHR;
  gi.memory = m.handle;
  gi.handleType = static_cast<VkExternalMemoryHandleTypeFlagBits>(handleType);
  HANDLE h = nullptr;
  VkResult r = dev.fn.getMemoryWin32Handle(dev.handle, &gi, &h);
  if (r != VK_SUCCESS) return Answer(env, out, r, 0);
  s.handles.Add(static_cast<uint64_t>(reinterpret_cast<uintptr_t>(h)), IsNtKhr(handleType));
  return Answer(env, out, r, FromHandle(h));
#else
  (void)m, (void)dev, (void)handleType;
  return Answer(env, out, VK_ERROR_EXTENSION_NOT_PRESENT, 0);
#endif
}

Napi::Value GetWin32HandleNV(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint64_t devId = Size(info[0], "getWin32HandleNV: dev");
  uint64_t mem = Size(info[1], "getWin32HandleNV: mem");
  uint32_t handleType = Flags(info[2], "getWin32HandleNV: handleTypeNV");
  double* out = Outputs(info[3], 1, "getWin32HandleNV: out");
  Memory& m = s.FindMemory(devId, mem);
  Device& dev = s.FindDevice(devId);
#ifdef _WIN32
  if (dev.fn.getMemoryWin32HandleNV == nullptr) return Answer(env, out, VK_ERROR_EXTENSION_NOT_PRESENT, 0);
  HANDLE h = nullptr;
  VkResult r = dev.fn.getMemoryWin32HandleNV(dev.handle, m.handle, handleType, &h);
  if (r != VK_SUCCESS) return Answer(env, out, r, 0);
  s.handles.Add(static_cast<uint64_t>(reinterpret_cast<uintptr_t>(h)), IsNtNV(handleType));
  return Answer(env, out, r, FromHandle(h));
#else
  (void)m, (void)dev, (void)handleType;
  return Answer(env, out, VK_ERROR_EXTENSION_NOT_PRESENT, 0);
#endif
}

Napi::Value Win32HandleProperties(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint64_t devId = Size(info[0], "win32HandleProperties: dev");
  uint32_t handleType = Flags(info[1], "win32HandleProperties: handleType");
  uint64_t handle = Size(info[2], "win32HandleProperties: handle");
  double* out = Outputs(info[3], 1, "win32HandleProperties: out");
  Device& dev = s.FindDevice(devId);
#ifdef _WIN32
  if (dev.fn.getMemoryWin32HandleProperties == nullptr) return Answer(env, out, VK_ERROR_EXTENSION_NOT_PRESENT, 0);
  VkMemoryWin32HandlePropertiesKHR props{};
  props.sType = VK_STRUCTURE_TYPE_MEMORY_WIN32_HANDLE_PROPERTIES_KHR;
  VkResult r = dev.fn.getMemoryWin32HandleProperties(
      dev.handle, static_cast<VkExternalMemoryHandleTypeFlagBits>(handleType),
      s.handles.Has(handle) ? ToHandle(handle) : nullptr, &props);
  return Answer(env, out, r, r == VK_SUCCESS ? props.memoryTypeBits : 0);
#else
  (void)dev, (void)handleType, (void)handle;
  return Answer(env, out, VK_ERROR_EXTENSION_NOT_PRESENT, 0);
#endif
}

// adoptKmt(value): a KMT value another process of the session made may be passed to this process's
// driver (see HandleTable::AddKmt). The backend calls it before such an import or properties query.
Napi::Value AdoptKmt(Session& s, const Napi::CallbackInfo& info) {
  s.handles.AddKmt(Size(info[0], "adoptKmt: value"));
  return info.Env().Undefined();
}

// ---- operations (Windows only: elsewhere the operation entry answers the rows' "unavailable" FALSE)

namespace op {

Napi::Value CloseHandle(Session& s, const Napi::Object& args, double*) {
  uint64_t handle = Size(args.Get("hObject"), "CloseHandle: hObject");
  const int closed = s.handles.Close(handle);
  if (closed) s.fds.Log("closed-nt", static_cast<int>(handle), 0, "CloseHandle");
  return Napi::Number::New(args.Env(), closed);
}

// The copy is made in the process that runs the call (hTargetProcessHandle 0: the backend runs it in
// the target process), so every handle in the table is one the addon made. From this process
// (hSourceProcessHandle 0) the source must be ours; from another (its process id) the copy is made
// from whatever it names there, without DUPLICATE_CLOSE_SOURCE, which is that process's to do. The
// access, inheritance and options are the call's own.
Napi::Value DuplicateHandle(Session& s, const Napi::Object& args, double* out) {
  const uint32_t source = U32(args.Get("hSourceProcessHandle"), "DuplicateHandle: hSourceProcessHandle");
  const uint64_t handle = Size(args.Get("hSourceHandle"), "DuplicateHandle: hSourceHandle");
  const uint32_t target = U32(args.Get("hTargetProcessHandle"), "DuplicateHandle: hTargetProcessHandle");
  if (target != 0) throw ArgRangeError("DuplicateHandle: hTargetProcessHandle must be this process (0): the copy is made where the call runs");
  const auto optional = [&](const char* name) {
    const Napi::Value v = args.Get(name);
    return Absent(v) ? 0u : U32(v, std::string("DuplicateHandle: ") + name);
  };
  const uint32_t access = optional("dwDesiredAccess");
  const uint32_t inherit = optional("bInheritHandle");
  const uint32_t options = optional("dwOptions");
  uint64_t copy = 0;
  if (source == 0) {
    const bool closesSource = (options & DUPLICATE_CLOSE_SOURCE_OPTION) != 0 && s.handles.Has(handle);
    copy = s.handles.Duplicate(handle, access, inherit != 0, options);
    if (closesSource) s.fds.Log("closed-nt", static_cast<int>(handle), 0, "DuplicateHandle");
  } else {
    if (options & DUPLICATE_CLOSE_SOURCE_OPTION)
      throw ArgRangeError("DuplicateHandle: DUPLICATE_CLOSE_SOURCE of another process's handle: that process closes it");
    copy = s.handles.DuplicateFrom(source, handle, access, inherit != 0, options);
  }
  out[out::DuplicateHandle::lpTargetHandle] = static_cast<double>(copy);
  return Napi::Number::New(args.Env(), copy != 0 ? 1 : 0);
}

}  // namespace op

}  // namespace vkx
