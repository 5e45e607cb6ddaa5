// What the addon owns outside Vulkan: fds, host allocations and Win32 handles. Only values in these
// tables are ever closed, duplicated, freed or handed to a driver, so a number from JavaScript can never
// close Node's own descriptors or make a driver read memory nobody allocated.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace vkx {

// What happened to an fd of the application that the application did not do, as the addon saw it:
// "closed" (it is no longer open), "replaced" (its number now names another file), "kept" (a successful
// import took it and it is still open), "consumed" (a successful import took it and closed it), "copied"
// (a new fd on the same file appeared during a call: `other`), "substituted" (the driver was shown
// `other` instead, because the number is not the application's). `during` names the call.
struct FdEvent {
  std::string what;
  int fd = -1;
  int other = -1;
  std::string during;
};

// fds made by vkGetMemoryFdKHR or dupFd. Drivers are seen to close an fd on a failed import (lavapipe
// and NVIDIA both do, though the spec transfers ownership only on success), and the number may then be
// reused by anyone, the driver included. So the table keeps the identity (device, inode) each fd had,
// forgets an fd the moment it is found closed or replaced, and says so in its event log: nothing the
// driver does to an fd is absorbed in silence, and a later closeFd or dupFd of a number that now names
// another file is refused.
class FdTable {
 public:
  void Add(int fd);
  bool Has(int fd) const { return fds_.count(fd) != 0; }
  // Still the same open file as when it was added? If not, forgets it and logs "closed" or "replaced"
  // (during `during`). With `payloadSize`, also the bytes behind the fd when the OS can tell (a memfd's
  // size, a dma-buf's length; 0 when it cannot), read from the same fstat.
  bool Verify(int fd, const std::string& during, uint64_t* payloadSize = nullptr);
  // A successful import took `fd`: it is the driver's now. Logs whether the driver kept it open.
  void Imported(int fd, const std::string& during);
  // "device:inode" of whatever `fd` is now (any fd: fstat changes nothing), or "" when it is not open.
  static std::string IdentityOf(int fd);
  std::vector<int> Fds() const;
  void Log(const std::string& what, int fd, int other, const std::string& during) { events_.push_back({what, fd, other, during}); }
  std::vector<FdEvent> TakeEvents();
  int Close(int fd);  // 0, or -1 when not ours
  int Dup(int fd);    // the new fd (ours too), or -1
  void CloseAll();

 private:
  struct Identity {
    uint64_t dev;
    uint64_t ino;
  };
  std::map<int, Identity> fds_;
  std::vector<FdEvent> events_;
};

// Blocks from hostAlloc, by base address. A block that memory still imports is freed only when the last
// such memory is freed (hostFree marks it released), so the driver never keeps a pointer into freed memory.
class HostTable {
 public:
  uintptr_t Alloc(uint64_t size, uint64_t alignment);  // 0 on failure
  bool Free(uintptr_t base);                           // false: not a live block of ours
  // The block that holds [p, p + size), when it is live; 0 if none does.
  uintptr_t Containing(uintptr_t p, uint64_t size) const;
  void AddImport(uintptr_t base);
  void ReleaseImport(uintptr_t base);
  void FreeAll();

 private:
  struct Block {
    uint64_t size;
    uint32_t imports;
    bool released;
  };
  void Destroy(uintptr_t base);
  std::map<uintptr_t, Block> blocks_;
};

// Win32 handles made in this session by vkGetMemoryWin32Handle{KHR,NV}, the D3D shared-handle calls
// (d3d_runtime.cc) or duplicateHandle. NT handles are closed and duplicated; KMT (global share) handles
// are neither (CloseHandle on one is an error).
class HandleTable {
 public:
  void Add(uint64_t handle, bool nt) { handles_[handle] = nt; }
  bool Has(uint64_t handle) const { return handles_.count(handle) != 0; }
  int Close(uint64_t handle);  // BOOL
  // DuplicateHandle within this process, of an NT handle of ours, with the caller's access, inheritance
  // and options (DUPLICATE_CLOSE_SOURCE, DUPLICATE_SAME_ACCESS); the copy is ours too. As Windows does,
  // DUPLICATE_CLOSE_SOURCE closes the source even when the duplicate fails. Returns the copy, or 0.
  uint64_t Duplicate(uint64_t handle, uint32_t access, bool inherit, uint32_t options);
  // DuplicateHandle from the process with id `sourcePid` into this one: the copy is made here, by us, so
  // it is ours whatever `handle` was there. Never with DUPLICATE_CLOSE_SOURCE: a handle of another
  // process is closed by that process. Returns the copy, or 0.
  uint64_t DuplicateFrom(uint32_t sourcePid, uint64_t handle, uint32_t access, bool inherit, uint32_t options);
  // A KMT value another process of the session made: a name in a global table, passed to a driver but
  // never closed or duplicated, so taking one cannot harm anything this process holds.
  void AddKmt(uint64_t value) { if (value != 0 && !Has(value)) Add(value, false); }
  // The NT handles the application still holds (what the OS closes when the process exits).
  size_t OpenNtHandles() const;
  void CloseAll();

 private:
  std::map<uint64_t, bool> handles_;  // value: is an NT handle
};

}  // namespace vkx
