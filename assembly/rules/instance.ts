// Instances, physical devices, devices and queues: nothing to judge here, but the identity, memory
// types, extensions and API versions they reveal are what later rules compare.
import * as registry from '../generated/registry';
import { get, has, child } from '../core/record';
import { chained, element } from '../core/chain-index';
import { physical, devices, setInstanceApiVersion, getInstanceApiVersion, objectKinds, objectParents, identitiesChanged } from '../state/world';
import { Device, PhysicalDevice } from '../state/objects';
import { succeeded } from './context';

export function applyInstance(cmd: i32, result: i64): void {
  if (!succeeded(result)) return;
  if (cmd == registry.C_vkCreateInstance) {
    const ci = child(0, registry.M_vkCreateInstance_pCreateInfo);
    const app = child(ci, registry.M_VkInstanceCreateInfo_pApplicationInfo);
    setInstanceApiVersion(app >= 0 && has(app, registry.M_VkApplicationInfo_apiVersion) ? <u32>get(app, registry.M_VkApplicationInfo_apiVersion) : (1 << 22));
  } else if (cmd == registry.C_vkGetPhysicalDeviceProperties || cmd == registry.C_vkGetPhysicalDeviceProperties2) {
    const pd = physical(<i32>get(0, 0));
    let props = -1;
    if (cmd == registry.C_vkGetPhysicalDeviceProperties) props = child(0, registry.M_vkGetPhysicalDeviceProperties_pProperties);
    else {
      const p2 = child(0, registry.M_vkGetPhysicalDeviceProperties2_pProperties);
      props = child(p2, registry.M_VkPhysicalDeviceProperties2_properties);
      // The device's identity comes through VkPhysicalDeviceIDProperties or, since Vulkan 1.2, the
      // same members of VkPhysicalDeviceVulkan11Properties: an application may ask either.
      learnIdentity(pd, chained(p2, registry.S_VkPhysicalDeviceIDProperties), registry.M_VkPhysicalDeviceIDProperties_deviceUUID,
        registry.M_VkPhysicalDeviceIDProperties_driverUUID, registry.M_VkPhysicalDeviceIDProperties_deviceLUID, registry.M_VkPhysicalDeviceIDProperties_deviceLUIDValid);
      learnIdentity(pd, chained(p2, registry.S_VkPhysicalDeviceVulkan11Properties), registry.M_VkPhysicalDeviceVulkan11Properties_deviceUUID,
        registry.M_VkPhysicalDeviceVulkan11Properties_driverUUID, registry.M_VkPhysicalDeviceVulkan11Properties_deviceLUID, registry.M_VkPhysicalDeviceVulkan11Properties_deviceLUIDValid);
      const host = chained(p2, registry.S_VkPhysicalDeviceExternalMemoryHostPropertiesEXT);
      if (host >= 0) pd.minImportedHostPointerAlignment = get(host, registry.M_VkPhysicalDeviceExternalMemoryHostPropertiesEXT_minImportedHostPointerAlignment);
    }
    if (props >= 0 && has(props, registry.M_VkPhysicalDeviceProperties_apiVersion)) pd.apiVersion = <u32>get(props, registry.M_VkPhysicalDeviceProperties_apiVersion);
  } else if (cmd == registry.C_vkGetPhysicalDeviceMemoryProperties || cmd == registry.C_vkGetPhysicalDeviceMemoryProperties2) {
    const pd = physical(<i32>get(0, 0));
    let mp = child(0, 1);
    if (cmd == registry.C_vkGetPhysicalDeviceMemoryProperties2) mp = child(mp, registry.M_VkPhysicalDeviceMemoryProperties2_memoryProperties);
    if (mp < 0) return;
    const n = <i32>get(mp, registry.M_VkPhysicalDeviceMemoryProperties_memoryTypeCount);
    pd.memoryTypeCount = n < 0 ? 0 : (n > 32 ? 32 : n);
    for (let i = 0; i < pd.memoryTypeCount; i++) {
      const t = element(mp, registry.M_VkPhysicalDeviceMemoryProperties_memoryTypes, i);
      pd.memoryTypeFlags[i] = t >= 0 ? get(t, registry.M_VkMemoryType_propertyFlags) : 0;
      pd.memoryTypeHeap[i] = t >= 0 && has(t, registry.M_VkMemoryType_heapIndex) ? <i32>get(t, registry.M_VkMemoryType_heapIndex) : -1;
    }
    const heaps = has(mp, registry.M_VkPhysicalDeviceMemoryProperties_memoryHeapCount) ? <i32>get(mp, registry.M_VkPhysicalDeviceMemoryProperties_memoryHeapCount) : -1;
    pd.memoryHeapCount = heaps < 0 ? -1 : (heaps > 16 ? 16 : heaps);
    for (let i = 0; i < pd.memoryHeapCount; i++) {
      const h = element(mp, registry.M_VkPhysicalDeviceMemoryProperties_memoryHeaps, i);
      pd.memoryHeapSize[i] = h >= 0 && has(h, registry.M_VkMemoryHeap_size) ? get(h, registry.M_VkMemoryHeap_size) : -1;
    }
  } else if (cmd == registry.C_vkCreateDevice) {
    const pdId = <i32>get(0, registry.M_vkCreateDevice_physicalDevice);
    const id = <i32>get(0, registry.M_vkCreateDevice_pDevice);
    if (id == 0) return;
    const pd = physical(pdId);
    const dev = new Device(id, pd);
    const ci = child(0, registry.M_vkCreateDevice_pCreateInfo);
    dev.extensions = get(ci, registry.M_VkDeviceCreateInfo_ppEnabledExtensionNames);
    const inst = getInstanceApiVersion();
    const phys = pd.apiVersion;
    dev.apiVersion = phys == 0 ? inst : (inst == 0 ? phys : (inst < phys ? inst : phys));
    const alias = chained(ci, registry.S_VkPhysicalDeviceDedicatedAllocationImageAliasingFeaturesNV);
    if (alias >= 0) dev.aliasingFeature = get(alias, registry.M_VkPhysicalDeviceDedicatedAllocationImageAliasingFeaturesNV_dedicatedAllocationImageAliasing) != 0;
    const bda = chained(ci, registry.S_VkPhysicalDeviceBufferDeviceAddressFeatures);
    if (bda >= 0) dev.captureReplay = get(bda, registry.M_VkPhysicalDeviceBufferDeviceAddressFeatures_bufferDeviceAddressCaptureReplay) != 0;
    const v12 = chained(ci, registry.S_VkPhysicalDeviceVulkan12Features);
    if (v12 >= 0 && get(v12, registry.M_VkPhysicalDeviceVulkan12Features_bufferDeviceAddressCaptureReplay) != 0) dev.captureReplay = true;
    const grp = chained(ci, registry.S_VkDeviceGroupDeviceCreateInfo);
    if (grp >= 0) dev.groupSize = <i32>get(grp, registry.M_VkDeviceGroupDeviceCreateInfo_physicalDeviceCount);
    devices.set(id, dev);
  } else if (cmd == registry.C_vkDestroyDevice) {
    const id = <i32>get(0, 0);
    devices.delete(id);
    objectKinds.delete(id);
    objectParents.delete(id);
  }
}

/** The identity members of structure `n` (absent: -1), at the given slots. */
function learnIdentity(pd: PhysicalDevice, n: i32, deviceUUID: i32, driverUUID: i32, deviceLUID: i32, luidValid: i32): void {
  if (n < 0) return;
  pd.deviceUUID = <i32>get(n, deviceUUID);
  pd.driverUUID = <i32>get(n, driverUUID);
  identitiesChanged();
  pd.deviceLUID = <i32>get(n, deviceLUID);
  pd.luidValid = get(n, luidValid) != 0;
}
