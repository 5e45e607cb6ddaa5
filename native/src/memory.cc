// allocate() with every structure its description can ask for, free, bind, map/unmap, and the bytes
// read and written through a mapping. write/read never touch a byte outside both the memory object
// and the mapping: that, and not the driver, is what keeps a bad offset from crashing Node.
#include <algorithm>
#include <cstring>

#include "alloc_chain.h"
#include "args.h"
#include "errors.h"
#include "exports.h"
#include "results.h"

namespace vkx {
namespace {

bool IsCore11(uint32_t v) { return VK_API_VERSION_MAJOR(v) > 1 || VK_API_VERSION_MINOR(v) >= 1; }

uint32_t FlagsOr(const Napi::Value& v, std::string_view what, uint32_t otherwise) {
  return Absent(v) ? otherwise : Flags(v, what);
}

uint64_t IdOr0(const Napi::Value& v, std::string_view what) { return Absent(v) ? 0 : Size(v, what); }

// allocate(dev, allocationSize, memoryTypeIndex, exportTypes, exportTypesNV, dedicatedImage,
//          dedicatedBuffer, exportName, exportAccess, importKind, importHandleType, importValue,
//          importName, out)
// Names in messages are those of AllocateDesc (src/backends/types.ts), which the JavaScript side spreads
// into these positions. Absent optional values are undefined or null.
AllocRequest ReadAllocRequest(const Napi::CallbackInfo& info) {
  AllocRequest r;
  r.allocationSize = Size(info[1], "allocate: d.allocationSize");
  r.memoryTypeIndex = U32(info[2], "allocate: d.memoryTypeIndex");
  r.exportTypes = FlagsOr(info[3], "allocate: d.exportTypes", 0);
  r.exportTypesNV = FlagsOr(info[4], "allocate: d.exportTypesNV", 0);
  r.dedicatedImage = IdOr0(info[5], "allocate: d.dedicatedImage");
  r.dedicatedBuffer = IdOr0(info[6], "allocate: d.dedicatedBuffer");
  if (!Absent(info[7])) {
    r.hasExportName = true;
    r.exportName = String16(info[7], "allocate: d.exportName", 1024);
  }
  if (!Absent(info[8])) {
    r.hasExportAccess = true;
    r.exportAccess = Flags(info[8], "allocate: d.exportAccess");
  }
  if (Absent(info[9])) return r;
  std::string kind = String(info[9], "allocate: d.import.kind", 16);
  r.importHandleType = Flags(info[10], "allocate: d.import.handleType");
  if (kind == "fd") {
    r.importKind = ImportKind::Fd;
    r.importFd = Fd(info[11], "allocate: d.import.fd");
  } else if (kind == "host") {
    r.importKind = ImportKind::Host;
    r.importPointer = Size(info[11], "allocate: d.import.pointer");
  } else if (kind == "win32" || kind == "win32-nv") {
    r.importKind = kind == "win32" ? ImportKind::Win32 : ImportKind::Win32NV;
    r.importHandle = Size(info[11], "allocate: d.import.handle");
    if (kind == "win32" && !Absent(info[12])) {
      r.hasImportName = true;
      r.importName = String16(info[12], "allocate: d.import.name", 1024);
    }
  } else {
    throw ArgRangeError("allocate: d.import.kind must be \"fd\", \"host\", \"win32\" or \"win32-nv\", got \"" + kind + "\"");
  }
  return r;
}

// The Vulkan map/unmap pair around one host access when the application has not mapped the memory.
struct Access {
  uint8_t* bytes = nullptr;  // the memory's byte `offset`
  bool mappedHere = false;
};

Access Reach(Session& s, Memory& m, uint64_t offset, uint64_t length, const std::string& fn, uint64_t id) {
  if (offset > m.size || length > m.size - offset)
    throw ArgRangeError(fn + ": bytes " + std::to_string(offset) + ".." + std::to_string(offset + length) +
                        " are past the end of memory " + std::to_string(id) + " (" + std::to_string(m.size) +
                        " bytes)");
  Access a;
  if (m.mapped) {
    if (offset < m.mapOffset || offset + length > m.mapOffset + m.mapSize)
      throw ArgRangeError(fn + ": bytes " + std::to_string(offset) + ".." + std::to_string(offset + length) +
                          " are outside memory " + std::to_string(id) + "'s mapping (" +
                          std::to_string(m.mapOffset) + ".." + std::to_string(m.mapOffset + m.mapSize) + ")");
    a.bytes = m.mapPtr + (offset - m.mapOffset);
    return a;
  }
  if ((m.typeFlags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT) == 0)
    throw ArgRangeError(fn + ": memory " + std::to_string(id) + " is not host-visible");
  Device& d = s.FindDevice(m.device);
  void* p = nullptr;
  VkResult r = d.fn.mapMemory(d.handle, m.handle, 0, VK_WHOLE_SIZE, 0, &p);
  if (r != VK_SUCCESS || p == nullptr)
    throw std::runtime_error(fn + ": vkMapMemory of memory " + std::to_string(id) + " failed with " + ResultName(r));
  a.bytes = static_cast<uint8_t*>(p) + offset;
  a.mappedHere = true;
  return a;
}

// Non-coherent memory needs its mapped range flushed after a host write and invalidated before a host
// read. The whole mapping is used: its offset is where the application mapped (normally 0).
void Sync(Session& s, Memory& m, bool afterWrite) {
  if ((m.typeFlags & VK_MEMORY_PROPERTY_HOST_COHERENT_BIT) != 0) return;
  Device& d = s.FindDevice(m.device);
  VkMappedMemoryRange range{};
  range.sType = VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE;
  range.memory = m.handle;
  range.offset = m.mapped ? m.mapOffset : 0;
  range.size = VK_WHOLE_SIZE;
  auto f = afterWrite ? d.fn.flushRanges : d.fn.invalidateRanges;
  if (f != nullptr) f(d.handle, 1, &range);
}

void Release(Session& s, Memory& m, const Access& a) {
  if (!a.mappedHere) return;
  Device& d = s.FindDevice(m.device);
  d.fn.unmapMemory(d.handle, m.handle);
}

}  // namespace

Napi::Value Allocate(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint64_t devId = Size(info[0], "allocate: dev");
  AllocRequest r = ReadAllocRequest(info);
  double* out = Outputs(info[13], 1, "allocate: out");

  Device& dev = s.FindDevice(devId);
  PhysicalDevice& pd = s.FindPhysicalDevice(dev.pd);
  // Drivers index their memory-type arrays with this without checking: out of range is refused here.
  if (r.memoryTypeIndex >= pd.memory.memoryTypeCount)
    throw ArgRangeError("allocate: d.memoryTypeIndex " + std::to_string(r.memoryTypeIndex) +
                        " is not below the device's memoryTypeCount " + std::to_string(pd.memory.memoryTypeCount));
  VkImage dedicatedImage = r.dedicatedImage != 0 ? s.FindImage(devId, r.dedicatedImage).handle : VK_NULL_HANDLE;
  VkBuffer dedicatedBuffer = r.dedicatedBuffer != 0 ? s.FindBuffer(devId, r.dedicatedBuffer).handle : VK_NULL_HANDLE;

  AllocChain c;
  if (r.exportTypes != 0) {
    c.exportInfo.sType = VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO;
    c.exportInfo.handleTypes = r.exportTypes;
    c.Link(c.exportInfo);
  }
  if (r.exportTypesNV != 0) {
    c.exportInfoNV.sType = VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO_NV;
    c.exportInfoNV.handleTypes = r.exportTypesNV;
    c.Link(c.exportInfoNV);
  }
  if (dedicatedImage != VK_NULL_HANDLE || dedicatedBuffer != VK_NULL_HANDLE) {
    // The KHR structure where the device knows it (1.1, or the extension); NVIDIA's older one only on a
    // device that has that extension and not the KHR one.
    bool khr = IsCore11(dev.apiVersion) || dev.enabled.count("VK_KHR_dedicated_allocation") != 0 ||
               dev.enabled.count("VK_NV_dedicated_allocation") == 0;
    if (khr) {
      c.dedicated.sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO;
      c.dedicated.image = dedicatedImage;
      c.dedicated.buffer = dedicatedBuffer;
      c.Link(c.dedicated);
    } else {
      c.dedicatedNV.sType = VK_STRUCTURE_TYPE_DEDICATED_ALLOCATION_MEMORY_ALLOCATE_INFO_NV;
      c.dedicatedNV.image = dedicatedImage;
      c.dedicatedNV.buffer = dedicatedBuffer;
      c.Link(c.dedicatedNV);
    }
  }
  switch (r.importKind) {
    case ImportKind::Fd: ChainFdImport(s, r, c); break;
    case ImportKind::Host: ChainHostImport(s, r, c); break;
    default: break;
  }
  ChainWin32(s, dev, r, c);
  if (c.refused != VK_SUCCESS) return Answer(env, out, c.refused, 0);

  VkMemoryAllocateInfo ai{};
  ai.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  ai.pNext = c.Head();
  ai.allocationSize = r.allocationSize;
  ai.memoryTypeIndex = r.memoryTypeIndex;
  VkDeviceMemory handle = VK_NULL_HANDLE;
  VkResult result = dev.fn.allocateMemory(dev.handle, &ai, nullptr, &handle);
  // The driver owns an imported fd after a successful import. A failed one, or handleType 0 (which
  // imports nothing), leaves it with the application, unless the driver closed it anyway.
  // Some drivers answer allocationSize 0 with success and no object (lavapipe does): nothing was
  // imported then, and handle 0 is what the driver gave.
  if (c.fdGivenToDriver >= 0)
    s.fds.AfterImport(c.fdGivenToDriver, result == VK_SUCCESS && handle != VK_NULL_HANDLE && r.importHandleType != 0);
  if (result != VK_SUCCESS) return Answer(env, out, result, 0);
  if (handle == VK_NULL_HANDLE) return Answer(env, out, VK_SUCCESS, 0);
  auto m = std::make_unique<Memory>();
  m->device = devId;
  m->handle = handle;
  m->size = r.allocationSize;
  if (c.importedBytes != 0) m->size = std::min(m->size, c.importedBytes);
  m->typeIndex = r.memoryTypeIndex;
  m->typeFlags = pd.memory.memoryTypes[r.memoryTypeIndex].propertyFlags;
  m->hostBlock = c.hostBlock;
  if (c.hostBlock != 0) s.hosts.AddImport(c.hostBlock);
  uint64_t id = s.NewId();
  s.memories.Add(id, std::move(m));
  return Answer(env, out, VK_SUCCESS, id);
}

Napi::Value Free(Session& s, const Napi::CallbackInfo& info) {
  uint64_t dev = Size(info[0], "free: dev");
  uint64_t mem = Size(info[1], "free: mem");
  s.FindMemory(dev, mem);
  s.FreeMemory(mem);
  return info.Env().Undefined();
}

Napi::Value BindBuffer(Session& s, const Napi::CallbackInfo& info) {
  uint64_t devId = Size(info[0], "bindBuffer: dev");
  uint64_t b = Size(info[1], "bindBuffer: b");
  uint64_t mem = Size(info[2], "bindBuffer: mem");
  uint64_t offset = Size(info[3], "bindBuffer: offset");
  Buffer& buffer = s.FindBuffer(devId, b);
  Memory& m = s.FindMemory(devId, mem);
  Device& dev = s.FindDevice(devId);
  return Napi::Number::New(info.Env(), dev.fn.bindBufferMemory(dev.handle, buffer.handle, m.handle, offset));
}

Napi::Value BindImage(Session& s, const Napi::CallbackInfo& info) {
  uint64_t devId = Size(info[0], "bindImage: dev");
  uint64_t i = Size(info[1], "bindImage: i");
  uint64_t mem = Size(info[2], "bindImage: mem");
  uint64_t offset = Size(info[3], "bindImage: offset");
  Image& image = s.FindImage(devId, i);
  Memory& m = s.FindMemory(devId, mem);
  Device& dev = s.FindDevice(devId);
  return Napi::Number::New(info.Env(), dev.fn.bindImageMemory(dev.handle, image.handle, m.handle, offset));
}

Napi::Value Map(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint64_t devId = Size(info[0], "map: dev");
  uint64_t mem = Size(info[1], "map: mem");
  uint64_t offset = Size(info[2], "map: offset");
  uint64_t size = SizeOrWhole(info[3], "map: size");
  Memory& m = s.FindMemory(devId, mem);
  Device& dev = s.FindDevice(devId);
  // Mapping memory that is not host-visible, or mapping twice, is undefined behaviour some drivers
  // crash on; the addon answers VK_ERROR_MEMORY_MAP_FAILED itself instead of passing it down.
  if ((m.typeFlags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT) == 0 || m.mapped)
    return Napi::Number::New(env, VK_ERROR_MEMORY_MAP_FAILED);
  void* p = nullptr;
  VkResult r = dev.fn.mapMemory(dev.handle, m.handle, offset, size, 0, &p);
  if (r != VK_SUCCESS) return Napi::Number::New(env, r);
  m.mapped = p != nullptr;
  m.mapPtr = static_cast<uint8_t*>(p);
  m.mapOffset = offset;
  // What write/read may reach: the mapped range, never past the memory's end.
  uint64_t rest = offset < m.size ? m.size - offset : 0;
  m.mapSize = size == VK_WHOLE_SIZE ? rest : std::min(size, rest);
  return Napi::Number::New(env, r);
}

Napi::Value Unmap(Session& s, const Napi::CallbackInfo& info) {
  uint64_t devId = Size(info[0], "unmap: dev");
  uint64_t mem = Size(info[1], "unmap: mem");
  Memory& m = s.FindMemory(devId, mem);
  Device& dev = s.FindDevice(devId);
  // Unmapping memory that is not mapped is undefined behaviour: nothing is passed down then.
  if (m.mapped) dev.fn.unmapMemory(dev.handle, m.handle);
  m.mapped = false;
  m.mapPtr = nullptr;
  m.mapOffset = m.mapSize = 0;
  return info.Env().Undefined();
}

Napi::Value Write(Session& s, const Napi::CallbackInfo& info) {
  uint64_t mem = Size(info[0], "write: mem");
  uint64_t offset = Size(info[1], "write: offset");
  std::vector<uint8_t> bytes = Bytes(info[2], "write: bytes");
  Memory& m = s.FindMemory(mem);
  Access a = Reach(s, m, offset, bytes.size(), "write", mem);
  if (!bytes.empty()) std::memcpy(a.bytes, bytes.data(), bytes.size());
  Sync(s, m, true);
  Release(s, m, a);
  return info.Env().Undefined();
}

Napi::Value Read(Session& s, const Napi::CallbackInfo& info) {
  uint64_t mem = Size(info[0], "read: mem");
  uint64_t offset = Size(info[1], "read: offset");
  uint64_t size = Size(info[2], "read: size");
  Memory& m = s.FindMemory(mem);
  Access a = Reach(s, m, offset, size, "read", mem);
  Sync(s, m, false);
  std::vector<uint8_t> bytes(a.bytes, a.bytes + size);
  Release(s, m, a);
  // The JavaScript array is made last, after the tables are no longer needed.
  Napi::Uint8Array out = Napi::Uint8Array::New(info.Env(), bytes.size());
  if (!bytes.empty()) std::memcpy(out.Data(), bytes.data(), bytes.size());
  return out;
}

}  // namespace vkx
