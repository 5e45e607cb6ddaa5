// Everything one Node environment's addon holds: the loader, the instance, and a table per kind of
// object, keyed by small ids that the addon hands out (never reused within the environment, so an id
// from a freed object or an earlier session is simply not found). One Session lives per environment as
// Node-API instance data: worker threads each get their own, and nothing is global.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "debug_messages.h"
#include "loader.h"
#include "owned.h"

namespace vkx {

// The D3D runtime's state (d3d_runtime.cc): loaded DLLs, devices and the objects they made. Opaque here
// so that this header, and the Linux build, need no Windows headers.
struct D3DState;

struct PhysicalDevice {
  VkPhysicalDevice handle = VK_NULL_HANDLE;
  VkPhysicalDeviceProperties props{};
  bool hasIdProps = false;
  VkPhysicalDeviceIDProperties idProps{};
  /** VkPhysicalDeviceDriverProperties, where the driver reports them (empty otherwise). */
  std::string driverName;
  std::string driverInfo;
  VkPhysicalDeviceMemoryProperties memory{};
  std::vector<std::string> extensions;
  bool hasHostPointer = false;  // VK_EXT_external_memory_host is offered
  uint64_t minImportedHostPointerAlignment = 0;
};

struct Device {
  uint64_t pd = 0;
  VkDevice handle = VK_NULL_HANDLE;
  uint32_t apiVersion = 0;
  std::set<std::string> enabled;
  DeviceFns fn;
};

struct Buffer {
  uint64_t device = 0;
  VkBuffer handle = VK_NULL_HANDLE;
};

struct Image {
  uint64_t device = 0;
  VkImage handle = VK_NULL_HANDLE;
};

struct Memory {
  uint64_t device = 0;
  VkDeviceMemory handle = VK_NULL_HANDLE;
  // The bytes write/read may touch: allocationSize, or less when an imported fd is smaller than that.
  uint64_t size = 0;
  uint32_t typeIndex = 0;
  VkMemoryPropertyFlags typeFlags = 0;
  bool mapped = false;
  uint64_t mapOffset = 0;
  uint64_t mapSize = 0;  // clipped to the memory's size
  uint8_t* mapPtr = nullptr;
  uintptr_t hostBlock = 0;  // the hostAlloc block this memory imports, if any
};

// An id-keyed table. std::map keeps creation order, so teardown can go newest first.
template <typename T>
class Table {
 public:
  T* Find(uint64_t id) {
    auto it = items_.find(id);
    return it == items_.end() ? nullptr : it->second.get();
  }
  T& Add(uint64_t id, std::unique_ptr<T> item) { return *(items_[id] = std::move(item)); }
  void Erase(uint64_t id) { items_.erase(id); }
  std::vector<uint64_t> Ids() const {
    std::vector<uint64_t> ids;
    for (const auto& kv : items_) ids.push_back(kv.first);
    return ids;
  }
  size_t Size() const { return items_.size(); }
  void Clear() { items_.clear(); }

 private:
  std::map<uint64_t, std::unique_ptr<T>> items_;
};

struct Session {
  Library loader;
  GlobalFns global;
  VkInstance instance = VK_NULL_HANDLE;
  uint32_t instanceApiVersion = 0;
  InstanceFns fn;
  VkDebugUtilsMessengerEXT messenger = VK_NULL_HANDLE;
  LayerLog layer;

  uint64_t nextId = 1;
  std::vector<uint64_t> pdOrder;  // enumeration order
  Table<PhysicalDevice> pds;
  Table<Device> devices;
  Table<Buffer> buffers;
  Table<Image> images;
  Table<Memory> memories;
  FdTable fds;
  HostTable hosts;
  HandleTable handles;
  D3DState* d3d = nullptr;  // made at the first D3D call, freed by Close()
  // Observing mode (setObserving): extra system calls to see what a driver does with fds (copies).
  bool observing = false;

  Session() = default;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session() { Close(); }

  bool IsOpen() const { return instance != VK_NULL_HANDLE; }
  uint64_t NewId() { return nextId++; }

  // Lookups throw ArgRangeError naming the kind and id ("no such buffer 17 on device 3").
  PhysicalDevice& FindPhysicalDevice(uint64_t id);
  Device& FindDevice(uint64_t id);
  Buffer& FindBuffer(uint64_t device, uint64_t id);
  Image& FindImage(uint64_t device, uint64_t id);
  Memory& FindMemory(uint64_t device, uint64_t id);
  Memory& FindMemory(uint64_t id);  // on whichever device (write/read name no device)

  void DestroyBuffer(uint64_t id);
  void DestroyImage(uint64_t id);
  void FreeMemory(uint64_t id);
  // Children first (buffers, images, memory), then the device.
  void DestroyDevice(uint64_t id);
  // Devices (and their children), the messenger and the instance.
  void CloseInstance();
  // Everything: CloseInstance(), the D3D objects and devices, then the fds, host blocks and handles the
  // addon owns.
  void Close();
};

// Releases every D3D object and device of the session and frees its D3DState (d3d_runtime.cc).
void CloseD3D(Session& s);

}  // namespace vkx
