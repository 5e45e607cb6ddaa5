// POSIX fds and host pointers: the addon's tables of what it owns (owned.h), the exports that make,
// query, duplicate and close them, and the two imports (VkImportMemoryFdInfoKHR,
// VkImportMemoryHostPointerInfoEXT).
//
// Ownership follows the spec: a successful import (a nonzero handle type) hands the fd to the driver
// (it leaves our table); a failed one, or one with handle type 0 (which imports nothing), leaves it with
// the application. What the driver really did with each fd it was shown is observed right after the
// call and logged (FdTable's events): kept, closed, closed although it was still the application's, or
// copied. An fd number that is not in our table is never handed to a driver: the import and the
// properties query see 2^31-1 instead, a number no process can have open (the kernel caps fd numbers
// below it), so the driver gives its own answer to an invalid fd while Node's descriptors stay out of
// its reach; that substitution is logged too. Negative numbers go through as they are: they name no
// file either. A host pointer must lie in a block from hostAlloc, or the addon answers
// VK_ERROR_INVALID_EXTERNAL_HANDLE itself and says so.
#include <cstdlib>
#include <cstring>

#include "alloc_chain.h"
#include "args.h"
#include "errors.h"
#include "exports.h"
#include "generated/operations.h"

#ifndef _WIN32
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#else
#include <malloc.h>
#endif

namespace vkx {

// ---- FdTable

#ifndef _WIN32
void FdTable::Add(int fd) {
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) return;
  fds_[fd] = {static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino)};
}

namespace {

uint64_t PayloadSize(int fd, const struct stat& st) {
  if (S_ISREG(st.st_mode)) return st.st_size > 0 ? static_cast<uint64_t>(st.st_size) : 0;
  // A device node (NVIDIA's opaque fds are /dev/nvidiactl) says nothing about the payload, and seeking
  // one is not ours to do. A dma-buf reports its length through lseek.
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) return 0;
  off_t end = lseek(fd, 0, SEEK_END);
  if (end <= 0) return 0;
  lseek(fd, 0, SEEK_SET);
  return static_cast<uint64_t>(end);
}

}  // namespace

bool FdTable::Verify(int fd, const std::string& during, uint64_t* payloadSize) {
  auto it = fds_.find(fd);
  if (it == fds_.end()) return false;
  struct stat st;
  if (fstat(fd, &st) == 0 && static_cast<uint64_t>(st.st_dev) == it->second.dev &&
      static_cast<uint64_t>(st.st_ino) == it->second.ino) {
    if (payloadSize != nullptr) *payloadSize = PayloadSize(fd, st);
    return true;
  }
  // Checked at once, before anything else in this thread can open a file that reuses the number.
  Log(fcntl(fd, F_GETFD) == -1 ? "closed" : "replaced", fd, -1, during);
  fds_.erase(it);
  return false;
}

void FdTable::Imported(int fd, const std::string& during) {
  auto it = fds_.find(fd);
  if (it == fds_.end()) return;
  struct stat st;
  const bool same = fstat(fd, &st) == 0 && static_cast<uint64_t>(st.st_dev) == it->second.dev &&
                    static_cast<uint64_t>(st.st_ino) == it->second.ino;
  Log(same ? "kept" : "consumed", fd, -1, during);
  fds_.erase(it);
}

std::string FdTable::IdentityOf(int fd) {
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) return "";
  return std::to_string(static_cast<uint64_t>(st.st_dev)) + ":" + std::to_string(static_cast<uint64_t>(st.st_ino));
}

int FdTable::Close(int fd) {
  if (!Verify(fd, "before closeFd")) return -1;
  fds_.erase(fd);
  // The descriptor is released even when close reports an error (Linux semantics), so it is gone either way.
  return close(fd) == 0 ? 0 : -1;
}

int FdTable::Dup(int fd) {
  if (!Verify(fd, "before dupFd")) return -1;
  int copy = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (copy >= 0) Add(copy);
  return copy;
}

void FdTable::CloseAll() {
  while (!fds_.empty()) {
    int fd = fds_.begin()->first;
    if (Verify(fd, "before close")) {
      fds_.erase(fd);
      close(fd);
    }
  }
}
#else
// Windows has no memory fds: the table stays empty and every fd is "not ours".
void FdTable::Add(int) {}
bool FdTable::Verify(int, const std::string&, uint64_t*) { return false; }
void FdTable::Imported(int, const std::string&) {}
std::string FdTable::IdentityOf(int) { return ""; }
int FdTable::Close(int) { return -1; }
int FdTable::Dup(int) { return -1; }
void FdTable::CloseAll() { fds_.clear(); }
#endif

std::vector<int> FdTable::Fds() const {
  std::vector<int> out;
  for (const auto& kv : fds_) out.push_back(kv.first);
  return out;
}

std::vector<FdEvent> FdTable::TakeEvents() {
  std::vector<FdEvent> out;
  out.swap(events_);
  return out;
}

// ---- HostTable

uintptr_t HostTable::Alloc(uint64_t size, uint64_t alignment) {
  if (alignment < sizeof(void*)) alignment = sizeof(void*);
  // aligned_alloc wants a size that is a multiple of the alignment; the whole rounded block is ours.
  uint64_t rounded = (size + alignment - 1) / alignment * alignment;
#ifdef _WIN32
  void* p = _aligned_malloc(static_cast<size_t>(rounded), static_cast<size_t>(alignment));
#else
  void* p = aligned_alloc(static_cast<size_t>(alignment), static_cast<size_t>(rounded));
#endif
  if (p == nullptr) return 0;
  // Zeroed, so a read of imported memory before any write shows the same bytes everywhere.
  std::memset(p, 0, static_cast<size_t>(rounded));
  uintptr_t base = reinterpret_cast<uintptr_t>(p);
  blocks_[base] = {rounded, 0, false};
  return base;
}

void HostTable::Destroy(uintptr_t base) {
#ifdef _WIN32
  _aligned_free(reinterpret_cast<void*>(base));
#else
  std::free(reinterpret_cast<void*>(base));
#endif
  blocks_.erase(base);
}

bool HostTable::Free(uintptr_t base) {
  auto it = blocks_.find(base);
  if (it == blocks_.end() || it->second.released) return false;
  if (it->second.imports > 0)
    it->second.released = true;  // freed with the last memory object that imports it
  else
    Destroy(base);
  return true;
}

uintptr_t HostTable::Containing(uintptr_t p, uint64_t size) const {
  auto it = blocks_.upper_bound(p);
  if (it == blocks_.begin()) return 0;
  --it;
  const uint64_t start = p - it->first;  // p >= base here
  if (it->second.released || start >= it->second.size || size > it->second.size - start) return 0;
  return it->first;
}

void HostTable::AddImport(uintptr_t base) {
  auto it = blocks_.find(base);
  if (it != blocks_.end()) it->second.imports++;
}

void HostTable::ReleaseImport(uintptr_t base) {
  auto it = blocks_.find(base);
  if (it == blocks_.end()) return;
  if (it->second.imports > 0) it->second.imports--;
  if (it->second.imports == 0 && it->second.released) Destroy(base);
}

void HostTable::FreeAll() {
  while (!blocks_.empty()) Destroy(blocks_.begin()->first);
}

// ---- imports

namespace {

constexpr int kNoSuchFd = 2147483647;

// What the driver may be shown for an fd number JavaScript passed (logged when it is not that number).
int Shown(Session& s, int fd, const std::string& during, uint64_t* bytes = nullptr) {
  if (fd < 0 || s.fds.Verify(fd, during, bytes)) return fd;
  s.fds.Log("substituted", fd, kNoSuchFd, during);
  return kNoSuchFd;
}

#ifndef _WIN32
// fds of this process open on the file `identity` ("device:inode"), from /proc/self/fd.
std::vector<int> OpenOn(const std::string& identity) {
  std::vector<int> out;
  DIR* d = opendir("/proc/self/fd");
  if (d == nullptr) return out;
  while (dirent* e = readdir(d)) {
    char* end = nullptr;
    long fd = std::strtol(e->d_name, &end, 10);
    if (end == e->d_name || *end != '\0' || fd == dirfd(d)) continue;
    if (FdTable::IdentityOf(static_cast<int>(fd)) == identity) out.push_back(static_cast<int>(fd));
  }
  closedir(d);
  return out;
}
#endif

}  // namespace

void ChainFdImport(Session& s, const ImportRequest& r, AllocChain& c) {
  uint64_t bytes = 0;
  const int shown = Shown(s, r.fd, "allocate", &bytes);
  c.importFds.emplace_back();
  VkImportMemoryFdInfoKHR& st = c.importFds.back();
  st.sType = VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR;
  st.handleType = static_cast<VkExternalMemoryHandleTypeFlagBits>(r.handleType);
  st.fd = shown;
  c.Link(st);
  if (shown != r.fd || r.fd < 0) return;
  c.fdsPassed.push_back({r.fd, r.handleType});
  if (r.handleType != 0 && c.importedBytes == 0) c.importedBytes = bytes;
}

void AfterFdImports(Session& s, const AllocChain& c, VkResult result, bool madeMemory) {
  for (const FdPassed& p : c.fdsPassed) {
    // A successful import with a nonzero handle type took the fd; otherwise it is still the application's.
    if (result == VK_SUCCESS && madeMemory && p.handleType != 0)
      s.fds.Imported(p.fd, "allocate");
    else
      s.fds.Verify(p.fd, "allocate");
  }
}

void ChainHostImport(Session& s, const AllocRequest& a, const ImportRequest& r, AllocChain& c) {
  // The block must hold every byte the new memory object will cover (at least one byte for size 0).
  uint64_t bytes = a.allocationSize > 0 ? a.allocationSize : 1;
  uintptr_t block = s.hosts.Containing(static_cast<uintptr_t>(r.pointer), bytes);
  if (block == 0) {
    c.Refuse(VK_ERROR_INVALID_EXTERNAL_HANDLE, "pHostPointer " + std::to_string(r.pointer) + " (with " +
                                                   std::to_string(bytes) + " bytes) is not inside a block from hostAlloc");
    return;
  }
  c.importHosts.emplace_back();
  VkImportMemoryHostPointerInfoEXT& st = c.importHosts.back();
  st.sType = VK_STRUCTURE_TYPE_IMPORT_MEMORY_HOST_POINTER_INFO_EXT;
  st.handleType = static_cast<VkExternalMemoryHandleTypeFlagBits>(r.handleType);
  st.pHostPointer = reinterpret_cast<void*>(static_cast<uintptr_t>(r.pointer));
  c.Link(st);
  if (r.handleType != 0 && c.hostBlock == 0) c.hostBlock = block;
}

// ---- exports

Napi::Value GetFd(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint64_t devId = Size(info[0], "getFd: dev");
  uint64_t mem = Size(info[1], "getFd: mem");
  uint32_t handleType = Flags(info[2], "getFd: handleType");
  double* out = Outputs(info[3], 1, "getFd: out");
  Memory& m = s.FindMemory(devId, mem);
  Device& dev = s.FindDevice(devId);
  if (dev.fn.getMemoryFd == nullptr) return Answer(env, out, VK_ERROR_EXTENSION_NOT_PRESENT, -1);
  VkMemoryGetFdInfoKHR gi{};
  gi.sType = VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR;
  gi.memory = m.handle;
  gi.handleType = static_cast<VkExternalMemoryHandleTypeFlagBits>(handleType);
  int fd = -1;
  VkResult r = dev.fn.getMemoryFd(dev.handle, &gi, &fd);
  if (r != VK_SUCCESS) return Answer(env, out, r, -1);
  s.fds.Add(fd);
  return Answer(env, out, r, fd);
}

Napi::Value FdProperties(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint64_t devId = Size(info[0], "fdProperties: dev");
  uint32_t handleType = Flags(info[1], "fdProperties: handleType");
  int32_t fd = Fd(info[2], "fdProperties: fd");
  double* out = Outputs(info[3], 1, "fdProperties: out");
  Device& dev = s.FindDevice(devId);
  if (dev.fn.getMemoryFdProperties == nullptr) return Answer(env, out, VK_ERROR_EXTENSION_NOT_PRESENT, 0);
  VkMemoryFdPropertiesKHR props{};
  props.sType = VK_STRUCTURE_TYPE_MEMORY_FD_PROPERTIES_KHR;
  const int shown = Shown(s, fd, "fdProperties");
  VkResult r = dev.fn.getMemoryFdProperties(dev.handle, static_cast<VkExternalMemoryHandleTypeFlagBits>(handleType),
                                            shown, &props);
  // A properties query takes nothing from the application: the fd must still be its own.
  if (shown == fd && fd >= 0) s.fds.Verify(fd, "fdProperties");
  return Answer(env, out, r, r == VK_SUCCESS ? props.memoryTypeBits : 0);
}

Napi::Value HostPointerProperties(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint64_t devId = Size(info[0], "hostPointerProperties: dev");
  uint32_t handleType = Flags(info[1], "hostPointerProperties: handleType");
  uint64_t pointer = Size(info[2], "hostPointerProperties: pointer");
  double* out = Outputs(info[3], 1, "hostPointerProperties: out");
  Device& dev = s.FindDevice(devId);
  if (dev.fn.getHostPointerProperties == nullptr) return Answer(env, out, VK_ERROR_EXTENSION_NOT_PRESENT, 0);
  if (s.hosts.Containing(static_cast<uintptr_t>(pointer), 1) == 0)
    return Answer(env, out, VK_ERROR_INVALID_EXTERNAL_HANDLE, 0);
  VkMemoryHostPointerPropertiesEXT props{};
  props.sType = VK_STRUCTURE_TYPE_MEMORY_HOST_POINTER_PROPERTIES_EXT;
  VkResult r = dev.fn.getHostPointerProperties(dev.handle, static_cast<VkExternalMemoryHandleTypeFlagBits>(handleType),
                                               reinterpret_cast<const void*>(static_cast<uintptr_t>(pointer)), &props);
  return Answer(env, out, r, r == VK_SUCCESS ? props.memoryTypeBits : 0);
}

// The close and dup operations (Linux only: elsewhere the operation entry answers the rows' -1).
namespace op {

Napi::Value close(Session& s, const Napi::Object& args, double*) {
  int32_t fd = Fd(args.Get("fd"), "close: fd");
  const int r = s.fds.Close(fd);
  if (r == 0) s.fds.Log("closed-fd", fd, 0, "close");
  return Napi::Number::New(args.Env(), r);
}

Napi::Value dup(Session& s, const Napi::Object& args, double* out) {
  int32_t fd = Fd(args.Get("oldfd"), "dup: oldfd");
  const int copy = s.fds.Dup(fd);
  out[out::dup::newfd] = copy;
  return Napi::Number::New(args.Env(), copy);
}

}  // namespace op

// Above this, hostAlloc answers 0 (failure) rather than zeroing gigabytes for a test.
constexpr uint64_t kMaxHostAlloc = 1ull << 30;

Napi::Value HostAlloc(Session& s, const Napi::CallbackInfo& info) {
  uint64_t size = Size(info[0], "hostAlloc: size");
  uint64_t alignment = Size(info[1], "hostAlloc: alignment");
  if (alignment == 0 || (alignment & (alignment - 1)) != 0 || alignment > (1ull << 30))
    throw ArgRangeError("hostAlloc: alignment must be a power of two from 1 to 2^30, got " + std::to_string(alignment));
  if (size == 0 || size > kMaxHostAlloc) return Napi::Number::New(info.Env(), 0);
  return Napi::Number::New(info.Env(), static_cast<double>(s.hosts.Alloc(size, alignment)));
}

// hostWrite(pointer, bytes) -> bool and hostRead(pointer, size) -> Uint8Array | undefined: bytes through a
// host pointer, only inside a live block from hostAlloc (anything else answers false / undefined).
Napi::Value HostWrite(Session& s, const Napi::CallbackInfo& info) {
  uint64_t pointer = Size(info[0], "hostWrite: pointer");
  std::vector<uint8_t> bytes = Bytes(info[1], "hostWrite: bytes");
  if (s.hosts.Containing(static_cast<uintptr_t>(pointer), bytes.empty() ? 1 : bytes.size()) == 0)
    return Napi::Boolean::New(info.Env(), false);
  if (!bytes.empty()) std::memcpy(reinterpret_cast<void*>(static_cast<uintptr_t>(pointer)), bytes.data(), bytes.size());
  return Napi::Boolean::New(info.Env(), true);
}

Napi::Value HostRead(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint64_t pointer = Size(info[0], "hostRead: pointer");
  uint64_t size = Size(info[1], "hostRead: size");
  if (size > kMaxHostAlloc || s.hosts.Containing(static_cast<uintptr_t>(pointer), size == 0 ? 1 : size) == 0) return env.Undefined();
  Napi::Uint8Array out = Napi::Uint8Array::New(env, static_cast<size_t>(size));
  if (size != 0) std::memcpy(out.Data(), reinterpret_cast<const void*>(static_cast<uintptr_t>(pointer)), static_cast<size_t>(size));
  return out;
}

Napi::Value HostFree(Session& s, const Napi::CallbackInfo& info) {
  uint64_t pointer = Size(info[0], "hostFree: pointer");
  if (!s.hosts.Free(static_cast<uintptr_t>(pointer)))
    throw ArgRangeError("hostFree: no such host allocation " + std::to_string(pointer) +
                        " (not from hostAlloc, or already freed)");
  return info.Env().Undefined();
}

// ---- observation

// heldFds() -> [{fd, identity}]: every fd the application holds, each checked now (one found closed or
// replaced is forgotten and logged, so it shows in takeHandleEvents()).
Napi::Value HeldFds(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Array out = Napi::Array::New(env);
  uint32_t n = 0;
  for (int fd : s.fds.Fds()) {
    if (!s.fds.Verify(fd, "the last call")) continue;
    Napi::Object o = Napi::Object::New(env);
    o.Set("fd", fd);
    o.Set("identity", FdTable::IdentityOf(fd));
    out.Set(n++, o);
  }
  return out;
}

// setObserving(on): observing mode makes extra system calls to see what a driver does with fds (copies).
Napi::Value SetObserving(Session& s, const Napi::CallbackInfo& info) {
  s.observing = Bool(info[0], "setObserving: on");
  return info.Env().Undefined();
}

// fdIdentity(fd) -> "device:inode" of what the fd refers to now, or "" when it is not open.
Napi::Value FdIdentity(Session& s, const Napi::CallbackInfo& info) {
  (void)s;
  int32_t fd = Fd(info[0], "fdIdentity: fd");
  return Napi::String::New(info.Env(), FdTable::IdentityOf(fd));
}

// takeHandleEvents() -> [{what, handle, other, during}] since the last call (see FdEvent).
Napi::Value TakeHandleEvents(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<FdEvent> events = s.fds.TakeEvents();
  Napi::Array out = Napi::Array::New(env, events.size());
  for (size_t i = 0; i < events.size(); i++) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("what", events[i].what);
    o.Set("handle", events[i].fd);
    o.Set("other", events[i].other);
    o.Set("during", events[i].during);
    out.Set(static_cast<uint32_t>(i), o);
  }
  return out;
}

// With observing on, an allocate() that carries fds also looks for new fds on the same files in
// /proc/self/fd, to see a driver that keeps a copy of an fd it was shown.
std::vector<CopyWatch> WatchCopies(Session& s, const AllocChain& c) {
  std::vector<CopyWatch> w;
#ifndef _WIN32
  if (!s.observing) return w;
  for (const FdPassed& p : c.fdsPassed) {
    std::string id = FdTable::IdentityOf(p.fd);
    if (!id.empty()) w.push_back({p.fd, id, OpenOn(id)});
  }
#else
  (void)s, (void)c;
#endif
  return w;
}

void ReportCopies(Session& s, const std::vector<CopyWatch>& watched) {
#ifndef _WIN32
  for (const CopyWatch& w : watched) {
    for (int fd : OpenOn(w.identity)) {
      bool old = fd == w.fd;
      for (int b : w.open) old = old || b == fd;
      if (!old) s.fds.Log("copied", w.fd, fd, "allocate");
    }
  }
#else
  (void)s, (void)watched;
#endif
}

}  // namespace vkx
