// Lookups and teardown. Teardown is the one place that knows the order Vulkan needs: what a device
// made goes before the device, devices before the instance, and a host block outlives every memory
// object that imports it.
#include "session.h"

#include "errors.h"
#include "exports.h"

namespace vkx {
namespace {

[[noreturn]] void NoSuch(const char* kind, uint64_t id, uint64_t device = 0) {
  std::string m = std::string("no such ") + kind + " " + std::to_string(id);
  if (device != 0) m += " on device " + std::to_string(device);
  throw ArgRangeError(m);
}

}  // namespace

PhysicalDevice& Session::FindPhysicalDevice(uint64_t id) {
  PhysicalDevice* p = pds.Find(id);
  if (p == nullptr) NoSuch("physical device", id);
  return *p;
}

Device& Session::FindDevice(uint64_t id) {
  Device* d = devices.Find(id);
  if (d == nullptr) NoSuch("device", id);
  return *d;
}

// An object is found only through the device that made it: handing a driver another device's buffer
// is undefined behaviour the addon cannot let through.
Buffer& Session::FindBuffer(uint64_t device, uint64_t id) {
  FindDevice(device);
  Buffer* b = buffers.Find(id);
  if (b == nullptr || b->device != device) NoSuch("buffer", id, device);
  return *b;
}

Image& Session::FindImage(uint64_t device, uint64_t id) {
  FindDevice(device);
  Image* i = images.Find(id);
  if (i == nullptr || i->device != device) NoSuch("image", id, device);
  return *i;
}

Memory& Session::FindMemory(uint64_t device, uint64_t id) {
  FindDevice(device);
  Memory* m = memories.Find(id);
  if (m == nullptr || m->device != device) NoSuch("memory", id, device);
  return *m;
}

Memory& Session::FindMemory(uint64_t id) {
  Memory* m = memories.Find(id);
  if (m == nullptr) NoSuch("memory", id);
  return *m;
}

void Session::DestroyBuffer(uint64_t id) {
  Buffer* b = buffers.Find(id);
  if (b == nullptr) return;
  Device* d = devices.Find(b->device);
  if (d != nullptr && d->fn.destroyBuffer != nullptr) d->fn.destroyBuffer(d->handle, b->handle, nullptr);
  buffers.Erase(id);
}

void Session::DestroyImage(uint64_t id) {
  Image* i = images.Find(id);
  if (i == nullptr) return;
  Device* d = devices.Find(i->device);
  if (d != nullptr && d->fn.destroyImage != nullptr) d->fn.destroyImage(d->handle, i->handle, nullptr);
  images.Erase(id);
}

void Session::FreeMemory(uint64_t id) {
  Memory* m = memories.Find(id);
  if (m == nullptr) return;
  Device* d = devices.Find(m->device);
  // vkFreeMemory unmaps implicitly; the host block is released only after the driver let go of it.
  if (d != nullptr && d->fn.freeMemory != nullptr) d->fn.freeMemory(d->handle, m->handle, nullptr);
  uintptr_t block = m->hostBlock;
  memories.Erase(id);
  if (block != 0) hosts.ReleaseImport(block);
}

void Session::DestroyDevice(uint64_t id) {
  Device* d = devices.Find(id);
  if (d == nullptr) return;
  std::vector<uint64_t> ids = buffers.Ids();
  for (auto it = ids.rbegin(); it != ids.rend(); ++it)
    if (buffers.Find(*it)->device == id) DestroyBuffer(*it);
  ids = images.Ids();
  for (auto it = ids.rbegin(); it != ids.rend(); ++it)
    if (images.Find(*it)->device == id) DestroyImage(*it);
  ids = memories.Ids();
  for (auto it = ids.rbegin(); it != ids.rend(); ++it)
    if (memories.Find(*it)->device == id) FreeMemory(*it);
  if (d->fn.destroyDevice != nullptr) d->fn.destroyDevice(d->handle, nullptr);
  devices.Erase(id);
}

void Session::Close() {
  // Vulkan memory that imported a D3D resource goes first, then the resource. The shared handles stay
  // in `handles` until the end: they are kernel objects of their own, valid without the resource.
  CloseInstance();
  CloseD3D(*this);
  fds.CloseAll();
  hosts.FreeAll();
  handles.CloseAll();
}

void Session::CloseInstance() {
  std::vector<uint64_t> ids = devices.Ids();
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) DestroyDevice(*it);
  if (messenger != VK_NULL_HANDLE && fn.destroyMessenger != nullptr) fn.destroyMessenger(instance, messenger, nullptr);
  messenger = VK_NULL_HANDLE;
  if (instance != VK_NULL_HANDLE && fn.destroyInstance != nullptr) fn.destroyInstance(instance, nullptr);
  instance = VK_NULL_HANDLE;
  fn = InstanceFns{};
  pds.Clear();
  pdOrder.clear();
  // The loader library stays loaded: open() after close() reuses it, and unloading it buys nothing.
}

// ExitProcess: what the OS does to the application's handles when its process ends. Every NT handle
// and fd it still holds is closed and counted (the leaks a process exit hides); the count goes to the
// event log as "exited". Vulkan objects stay until close(): in a process the backend started for a
// scenario, the process itself ends next.
namespace op {
Napi::Value ExitProcess(Session& s, const Napi::Object& args, double*) {
  size_t held = s.handles.OpenNtHandles();
  for (int fd : s.fds.Fds()) held += s.fds.Verify(fd, "ExitProcess") ? 1 : 0;  // one the driver closed is not ours
  s.handles.CloseAll();
  s.fds.CloseAll();
  s.fds.Log("exited", static_cast<int>(held), 0, "ExitProcess");
  return args.Env().Undefined();
}
}  // namespace op

}  // namespace vkx
