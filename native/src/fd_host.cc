// POSIX fds and host pointers: the addon's tables of what it owns (owned.h), the exports that make,
// query, duplicate and close them, and the two imports (VkImportMemoryFdInfoKHR,
// VkImportMemoryHostPointerInfoEXT).
//
// Ownership follows the spec: a successful fd import hands the fd to the driver (it leaves our table);
// a failed one leaves it with us (unless the driver closed it: see FdTable). An fd number that is not in
// our table is never handed to a driver: the import and the properties query see 2^31-1 instead, a
// number no process can have open (the kernel caps fd numbers below it), so the driver gives its own
// answer to an invalid fd while Node's descriptors stay out of its reach. Negative numbers go through as
// they are: they name no file either. A host pointer must lie in a block from hostAlloc, or the addon
// answers VK_ERROR_INVALID_EXTERNAL_HANDLE itself.
#include <cstdlib>
#include <cstring>

#include "alloc_chain.h"
#include "args.h"
#include "errors.h"
#include "exports.h"

#ifndef _WIN32
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

bool FdTable::Verify(int fd, uint64_t* payloadSize) {
  auto it = fds_.find(fd);
  if (it == fds_.end()) return false;
  struct stat st;
  if (fstat(fd, &st) == 0 && static_cast<uint64_t>(st.st_dev) == it->second.dev &&
      static_cast<uint64_t>(st.st_ino) == it->second.ino) {
    if (payloadSize != nullptr) *payloadSize = PayloadSize(fd, st);
    return true;
  }
  fds_.erase(it);
  return false;
}

void FdTable::AfterImport(int fd, bool imported) {
  // Checked at once, before anything else in this thread can open a file that reuses the number.
  if (imported || fcntl(fd, F_GETFD) == -1) fds_.erase(fd);
}

int FdTable::Close(int fd) {
  if (!Verify(fd)) return -1;
  fds_.erase(fd);
  // The descriptor is released even when close reports an error (Linux semantics), so it is gone either way.
  return close(fd) == 0 ? 0 : -1;
}

int FdTable::Dup(int fd) {
  if (!Verify(fd)) return -1;
  int copy = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (copy >= 0) Add(copy);
  return copy;
}

void FdTable::CloseAll() {
  while (!fds_.empty()) Close(fds_.begin()->first);
}
#else
// Windows has no memory fds: the table stays empty and every fd is "not ours".
void FdTable::Add(int) {}
void FdTable::AfterImport(int, bool) {}
bool FdTable::Verify(int, uint64_t*) { return false; }
int FdTable::Close(int) { return -1; }
int FdTable::Dup(int) { return -1; }
void FdTable::CloseAll() { fds_.clear(); }
#endif

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

// What the driver may be shown for an fd number JavaScript passed.
int Shown(Session& s, int fd) { return fd < 0 || s.fds.Verify(fd) ? fd : kNoSuchFd; }

}  // namespace

void ChainFdImport(Session& s, const AllocRequest& r, AllocChain& c) {
  uint64_t bytes = 0;
  const bool ours = r.importFd >= 0 && s.fds.Verify(r.importFd, &bytes);
  c.importFd.sType = VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR;
  c.importFd.handleType = static_cast<VkExternalMemoryHandleTypeFlagBits>(r.importHandleType);
  c.importFd.fd = r.importFd < 0 || ours ? r.importFd : kNoSuchFd;
  c.Link(c.importFd);
  if (!ours) return;
  c.fdGivenToDriver = r.importFd;
  c.importedBytes = bytes;
}

void ChainHostImport(Session& s, const AllocRequest& r, AllocChain& c) {
  // The block must hold every byte the new memory object will cover (at least one byte for size 0).
  uint64_t bytes = r.allocationSize > 0 ? r.allocationSize : 1;
  uintptr_t block = s.hosts.Containing(static_cast<uintptr_t>(r.importPointer), bytes);
  if (block == 0) {
    c.refused = VK_ERROR_INVALID_EXTERNAL_HANDLE;
    return;
  }
  c.importHost.sType = VK_STRUCTURE_TYPE_IMPORT_MEMORY_HOST_POINTER_INFO_EXT;
  c.importHost.handleType = static_cast<VkExternalMemoryHandleTypeFlagBits>(r.importHandleType);
  c.importHost.pHostPointer = reinterpret_cast<void*>(static_cast<uintptr_t>(r.importPointer));
  c.Link(c.importHost);
  c.hostBlock = block;
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
  VkResult r = dev.fn.getMemoryFdProperties(dev.handle, static_cast<VkExternalMemoryHandleTypeFlagBits>(handleType),
                                            Shown(s, fd), &props);
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

Napi::Value CloseFd(Session& s, const Napi::CallbackInfo& info) {
  int32_t fd = Fd(info[0], "closeFd: fd");
  return Napi::Number::New(info.Env(), s.fds.Close(fd));
}

Napi::Value DupFd(Session& s, const Napi::CallbackInfo& info) {
  int32_t fd = Fd(info[0], "dupFd: fd");
  return Napi::Number::New(info.Env(), s.fds.Dup(fd));
}

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

Napi::Value HostFree(Session& s, const Napi::CallbackInfo& info) {
  uint64_t pointer = Size(info[0], "hostFree: pointer");
  if (!s.hosts.Free(static_cast<uintptr_t>(pointer)))
    throw ArgRangeError("hostFree: no such host allocation " + std::to_string(pointer) +
                        " (not from hostAlloc, or already freed)");
  return info.Env().Undefined();
}

}  // namespace vkx
