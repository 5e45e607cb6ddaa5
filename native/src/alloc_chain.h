// What allocate() asks for, read from its JavaScript description, and the storage for every structure
// it may put in VkMemoryAllocateInfo::pNext. memory.cc builds the common part (export, dedicated);
// fd_host.cc and win32.cc add the imports of their own handle kinds and say what must happen to the fd,
// host block or handle once the driver has answered.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "session.h"

namespace vkx {

enum class ImportKind { None, Fd, Host, Win32, Win32NV };

struct AllocRequest {
  uint64_t allocationSize = 0;
  uint32_t memoryTypeIndex = 0;
  uint32_t exportTypes = 0;
  uint32_t exportTypesNV = 0;
  bool hasExportName = false;
  std::u16string exportName;
  bool hasExportAccess = false;
  uint32_t exportAccess = 0;
  uint64_t dedicatedImage = 0;
  uint64_t dedicatedBuffer = 0;

  ImportKind importKind = ImportKind::None;
  uint32_t importHandleType = 0;
  int32_t importFd = -1;
  uint64_t importPointer = 0;
  uint64_t importHandle = 0;
  bool hasImportName = false;
  std::u16string importName;
};

struct AllocChain {
  VkExportMemoryAllocateInfo exportInfo{};
  VkExportMemoryAllocateInfoNV exportInfoNV{};
  VkMemoryDedicatedAllocateInfo dedicated{};
  VkDedicatedAllocationMemoryAllocateInfoNV dedicatedNV{};
  VkImportMemoryFdInfoKHR importFd{};
  VkImportMemoryHostPointerInfoEXT importHost{};
#ifdef _WIN32
  VkExportMemoryWin32HandleInfoKHR exportWin32{};
  VkImportMemoryWin32HandleInfoKHR importWin32{};
  VkImportMemoryWin32HandleInfoNV importWin32NV{};
  std::wstring exportName;
  std::wstring importName;
#endif
  std::vector<VkBaseOutStructure*> links;

  // Nonzero: the addon answers the call itself with this result and nothing reaches the driver (an
  // import of a host pointer the addon did not allocate, a Win32 structure outside Windows).
  VkResult refused = VK_SUCCESS;
  // For the fd import: the fd to forget once the driver owns it, and the bytes behind it if known.
  int fdGivenToDriver = -1;
  uint64_t importedBytes = 0;
  // For the host import: the block the new memory keeps alive.
  uintptr_t hostBlock = 0;

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
void ChainFdImport(Session& s, const AllocRequest& r, AllocChain& c);
void ChainHostImport(Session& s, const AllocRequest& r, AllocChain& c);
// win32.cc: VkExportMemoryWin32HandleInfoKHR and the two Win32 imports.
void ChainWin32(Session& s, const Device& dev, const AllocRequest& r, AllocChain& c);

}  // namespace vkx
