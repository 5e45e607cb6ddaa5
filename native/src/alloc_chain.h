// What allocate() asks for, read from its JavaScript description, and the storage for every structure
// it may put in VkMemoryAllocateInfo::pNext. The description says which structures are in the chain and
// with which values, zero-valued ones included: the addon adds nothing and leaves nothing out, so what a
// case writes is what the driver receives. memory.cc builds the common part (export, dedicated);
// fd_host.cc and win32.cc add the imports of their own handle kinds and say what must happen to the fd,
// host block or handle once the driver has answered.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "session.h"

namespace vkx {

enum class ImportKind { Fd, Host, Win32, Win32NV };

// One import structure, as written (handleType 0 included).
struct ImportRequest {
  ImportKind kind = ImportKind::Fd;
  uint32_t handleType = 0;
  int32_t fd = -1;
  uint64_t pointer = 0;
  uint64_t handle = 0;
  bool hasName = false;
  std::u16string name;
};

// Import structures one allocate() may carry: more than any valid chain has (one), enough for a case that
// chains several on purpose.
constexpr size_t kMaxImports = 8;

struct AllocRequest {
  uint64_t allocationSize = 0;
  uint32_t memoryTypeIndex = 0;
  bool hasExport = false;  // VkExportMemoryAllocateInfo
  uint32_t exportTypes = 0;
  bool hasExportNV = false;  // VkExportMemoryAllocateInfoNV
  uint32_t exportTypesNV = 0;
  bool hasExportName = false;  // VkExportMemoryWin32HandleInfoKHR, with the next three
  std::u16string exportName;
  bool hasExportAccess = false;
  uint32_t exportAccess = 0;
  bool hasDedicated = false;  // VkMemoryDedicatedAllocateInfo
  uint64_t dedicatedImage = 0;
  uint64_t dedicatedBuffer = 0;
  bool hasDedicatedNV = false;  // VkDedicatedAllocationMemoryAllocateInfoNV
  uint64_t dedicatedImageNV = 0;
  uint64_t dedicatedBufferNV = 0;
  std::vector<ImportRequest> imports;
};

// An fd of the addon's table that an import structure carried to the driver.
struct FdPassed {
  int fd = -1;
  uint32_t handleType = 0;
};

struct AllocChain {
  VkExportMemoryAllocateInfo exportInfo{};
  VkExportMemoryAllocateInfoNV exportInfoNV{};
  VkMemoryDedicatedAllocateInfo dedicated{};
  VkDedicatedAllocationMemoryAllocateInfoNV dedicatedNV{};
  // Deques keep each structure where it is while more are added, so the links stay valid.
  std::deque<VkImportMemoryFdInfoKHR> importFds;
  std::deque<VkImportMemoryHostPointerInfoEXT> importHosts;
#ifdef _WIN32
  VkExportMemoryWin32HandleInfoKHR exportWin32{};
  std::deque<VkImportMemoryWin32HandleInfoKHR> importWin32;
  std::deque<VkImportMemoryWin32HandleInfoNV> importWin32NV;
  std::wstring exportName;
  std::deque<std::wstring> importNames;
#endif
  std::vector<VkBaseOutStructure*> links;

  // Nonzero: the addon answers the call itself with this result and nothing reaches the driver (an
  // import of a host pointer the addon did not allocate, a Win32 structure outside Windows); `refusal`
  // says why, for the backend's "not passed" event.
  VkResult refused = VK_SUCCESS;
  std::string refusal;
  // fds of ours the chain carries, and what the driver may do with each once it has answered.
  std::vector<FdPassed> fdsPassed;
  // The bytes behind the first imported fd, where the OS tells (a memfd's size), to bound write/read.
  uint64_t importedBytes = 0;
  // For the first host import with a nonzero handle type: the block the new memory keeps alive.
  uintptr_t hostBlock = 0;

  void Refuse(VkResult r, const std::string& why) {
    if (refused != VK_SUCCESS) return;
    refused = r;
    refusal = why;
  }
  template <typename T>
  void Link(T& s) {
    links.push_back(reinterpret_cast<VkBaseOutStructure*>(&s));
  }
  // Joins the linked structures in order and returns the head (null when none).
  const void* Head() {
    for (size_t i = 0; i + 1 < links.size(); i++) links[i]->pNext = links[i + 1];
    if (!links.empty()) links.back()->pNext = nullptr;
    return links.empty() ? nullptr : links.front();
  }
};

// fd_host.cc
void ChainFdImport(Session& s, const ImportRequest& r, AllocChain& c);
void ChainHostImport(Session& s, const AllocRequest& a, const ImportRequest& r, AllocChain& c);
// After the driver answered an allocation that carried fds: who holds each now (session events).
void AfterFdImports(Session& s, const AllocChain& c, VkResult result, bool madeMemory);
// Observing mode: the fds open on the files of the fds an allocation carries, before the call, so that
// ReportCopies can log those a driver made during it.
struct CopyWatch {
  int fd = -1;
  std::string identity;
  std::vector<int> open;
};
std::vector<CopyWatch> WatchCopies(Session& s, const AllocChain& c);
void ReportCopies(Session& s, const std::vector<CopyWatch>& watched);
// win32.cc: VkExportMemoryWin32HandleInfoKHR, and the two Win32 import structures.
void ChainWin32Export(Session& s, const Device& dev, const AllocRequest& a, AllocChain& c);
void ChainWin32Import(Session& s, const Device& dev, const ImportRequest& r, AllocChain& c);

}  // namespace vkx
