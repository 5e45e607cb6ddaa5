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

// allocate(dev, d, out): d is AllocateDesc (src/backends/types.ts), whose member names the messages use.
// A member that is absent (undefined or null) is a structure not in the chain; any other value, zero
// included, is that structure with that value.
ImportRequest ReadImport(const Napi::Value& v, size_t i) {
  const std::string at = "allocate: d.imports[" + std::to_string(i) + "].";
  Napi::Object o = Object(v, at.substr(0, at.size() - 1));
  ImportRequest r;
  std::string kind = String(o.Get("kind"), at + "kind", 16);
  r.handleType = Flags(o.Get("handleType"), at + "handleType");
  if (kind == "fd") {
    r.kind = ImportKind::Fd;
    r.fd = Fd(o.Get("fd"), at + "fd");
  } else if (kind == "host") {
    r.kind = ImportKind::Host;
    r.pointer = Size(o.Get("pointer"), at + "pointer");
  } else if (kind == "win32" || kind == "win32-nv") {
    r.kind = kind == "win32" ? ImportKind::Win32 : ImportKind::Win32NV;
    r.handle = Size(o.Get("handle"), at + "handle");
    Napi::Value name = o.Get("name");
    if (kind == "win32" && !Absent(name)) {
      r.hasName = true;
      r.name = String16(name, at + "name", 1024);
    }
  } else {
    throw ArgRangeError(at + "kind must be \"fd\", \"host\", \"win32\" or \"win32-nv\", got \"" + kind + "\"");
  }
  return r;
}

void ReadDedicated(const Napi::Value& v, const std::string& at, bool& has, uint64_t& image, uint64_t& buffer) {
  if (Absent(v)) return;
  Napi::Object o = Object(v, at);
  has = true;
  Napi::Value i = o.Get("image"), b = o.Get("buffer");
  image = Absent(i) ? 0 : Size(i, at + ".image");
  buffer = Absent(b) ? 0 : Size(b, at + ".buffer");
}

AllocRequest ReadAllocRequest(const Napi::Value& v) {
  Napi::Object d = Object(v, "allocate: d");
  AllocRequest r;
  r.allocationSize = Size(d.Get("allocationSize"), "allocate: d.allocationSize");
  r.memoryTypeIndex = U32(d.Get("memoryTypeIndex"), "allocate: d.memoryTypeIndex");
  Napi::Value x = d.Get("exportTypes");
  if (!Absent(x)) { r.hasExport = true; r.exportTypes = Flags(x, "allocate: d.exportTypes"); }
  x = d.Get("exportTypesNV");
  if (!Absent(x)) { r.hasExportNV = true; r.exportTypesNV = Flags(x, "allocate: d.exportTypesNV"); }
  x = d.Get("exportName");
  if (!Absent(x)) { r.hasExportName = true; r.exportName = String16(x, "allocate: d.exportName", 1024); }
  x = d.Get("exportAccess");
  if (!Absent(x)) { r.hasExportAccess = true; r.exportAccess = Flags(x, "allocate: d.exportAccess"); }
  ReadDedicated(d.Get("dedicated"), "allocate: d.dedicated", r.hasDedicated, r.dedicatedImage, r.dedicatedBuffer);
  ReadDedicated(d.Get("dedicatedNV"), "allocate: d.dedicatedNV", r.hasDedicatedNV, r.dedicatedImageNV, r.dedicatedBufferNV);
  x = d.Get("imports");
  if (!Absent(x)) {
    if (!x.IsArray()) throw ArgTypeError("allocate: d.imports must be an array");
    Napi::Array a = x.As<Napi::Array>();
    if (a.Length() > kMaxImports)
      throw ArgRangeError("allocate: d.imports holds " + std::to_string(a.Length()) + " structures, more than the " +
                          std::to_string(kMaxImports) + " the addon chains");
    for (uint32_t i = 0; i < a.Length(); i++) r.imports.push_back(ReadImport(a.Get(i), i));
  }
  return r;
}

VkImage ImageOr0(Session& s, uint64_t dev, uint64_t id) { return id != 0 ? s.FindImage(dev, id).handle : VK_NULL_HANDLE; }
VkBuffer BufferOr0(Session& s, uint64_t dev, uint64_t id) { return id != 0 ? s.FindBuffer(dev, id).handle : VK_NULL_HANDLE; }

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
    // The driver's answer, not the addon's fault: the caller sees a refused access, as for memory that
    // is not host-visible, and the process goes on.
    throw ArgRangeError(fn + ": vkMapMemory of memory " + std::to_string(id) + " failed with " + ResultName(r));
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
  AllocRequest r = ReadAllocRequest(info[1]);  // before any lookup: its getters may run JavaScript
  double* out = Outputs(info[2], 1, "allocate: out");

  Device& dev = s.FindDevice(devId);
  PhysicalDevice& pd = s.FindPhysicalDevice(dev.pd);
  // Drivers index their memory-type arrays with this without checking: out of range is refused here.
  if (r.memoryTypeIndex >= pd.memory.memoryTypeCount)
    throw ArgRangeError("allocate: d.memoryTypeIndex " + std::to_string(r.memoryTypeIndex) +
                        " is not below the device's memoryTypeCount " + std::to_string(pd.memory.memoryTypeCount));

  AllocChain c;
  if (r.hasExport) {
    c.exportInfo.sType = VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO;
    c.exportInfo.handleTypes = r.exportTypes;
    c.Link(c.exportInfo);
  }
  if (r.hasExportNV) {
    c.exportInfoNV.sType = VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO_NV;
    c.exportInfoNV.handleTypes = r.exportTypesNV;
    c.Link(c.exportInfoNV);
  }
  ChainWin32Export(s, dev, r, c);
  if (r.hasDedicated) {
    c.dedicated.sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO;
    c.dedicated.image = ImageOr0(s, devId, r.dedicatedImage);
    c.dedicated.buffer = BufferOr0(s, devId, r.dedicatedBuffer);
    c.Link(c.dedicated);
  }
  if (r.hasDedicatedNV) {
    c.dedicatedNV.sType = VK_STRUCTURE_TYPE_DEDICATED_ALLOCATION_MEMORY_ALLOCATE_INFO_NV;
    c.dedicatedNV.image = ImageOr0(s, devId, r.dedicatedImageNV);
    c.dedicatedNV.buffer = BufferOr0(s, devId, r.dedicatedBufferNV);
    c.Link(c.dedicatedNV);
  }
  for (const ImportRequest& imp : r.imports) {
    switch (imp.kind) {
      case ImportKind::Fd: ChainFdImport(s, imp, c); break;
      case ImportKind::Host: ChainHostImport(s, r, imp, c); break;
      case ImportKind::Win32:
      case ImportKind::Win32NV: ChainWin32Import(s, dev, imp, c); break;
    }
  }
  if (c.refused != VK_SUCCESS) {
    s.fds.Log("not-passed", -1, -1, c.refusal);
    return Answer(env, out, c.refused, 0);
  }

  VkMemoryAllocateInfo ai{};
  ai.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  ai.pNext = c.Head();
  ai.allocationSize = r.allocationSize;
  ai.memoryTypeIndex = r.memoryTypeIndex;
  std::vector<CopyWatch> watched = WatchCopies(s, c);
  VkDeviceMemory handle = VK_NULL_HANDLE;
  VkResult result = dev.fn.allocateMemory(dev.handle, &ai, nullptr, &handle);
  // Who holds each fd the driver was shown, at once (before this thread can open anything that reuses
  // a number). Some drivers answer allocationSize 0 with success and no object (lavapipe does):
  // nothing was imported then, and handle 0 is what the driver gave.
  AfterFdImports(s, c, result, handle != VK_NULL_HANDLE);
  ReportCopies(s, watched);
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
