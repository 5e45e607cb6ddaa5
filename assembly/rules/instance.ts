// Instances, physical devices, devices and queues: nothing to judge here, but the identity, memory
// types, extensions and API versions they reveal are what later rules compare.
import * as g from '../generated/registry';
import { get, has, child } from '../core/record';
import { chained, element } from '../core/chain-index';
import { physical, devices, setInstanceApiVersion, getInstanceApiVersion, objectKinds, objectParents } from '../state/world';
import { Device, PhysicalDevice } from '../state/objects';
import { succeeded } from './context';

export function applyInstance(cmd: i32, result: i64): void {
  if (!succeeded(result)) return;
  if (cmd == g.C_vkCreateInstance) {
    const ci = child(0, g.M_vkCreateInstance_pCreateInfo);
    const app = child(ci, g.M_VkInstanceCreateInfo_pApplicationInfo);
    setInstanceApiVersion(app >= 0 && has(app, g.M_VkApplicationInfo_apiVersion) ? <u32>get(app, g.M_VkApplicationInfo_apiVersion) : (1 << 22));
  } else if (cmd == g.C_vkGetPhysicalDeviceProperties || cmd == g.C_vkGetPhysicalDeviceProperties2) {
    const pd = physical(<i32>get(0, 0));
    let props = -1;
    if (cmd == g.C_vkGetPhysicalDeviceProperties) props = child(0, g.M_vkGetPhysicalDeviceProperties_pProperties);
    else {
      const p2 = child(0, g.M_vkGetPhysicalDeviceProperties2_pProperties);
      props = child(p2, g.M_VkPhysicalDeviceProperties2_properties);
      // The device's identity comes through VkPhysicalDeviceIDProperties or, since Vulkan 1.2, the
      // same members of VkPhysicalDeviceVulkan11Properties: an application may ask either.
      learnIdentity(pd, chained(p2, g.S_VkPhysicalDeviceIDProperties), g.M_VkPhysicalDeviceIDProperties_deviceUUID,
        g.M_VkPhysicalDeviceIDProperties_driverUUID, g.M_VkPhysicalDeviceIDProperties_deviceLUID, g.M_VkPhysicalDeviceIDProperties_deviceLUIDValid);
      learnIdentity(pd, chained(p2, g.S_VkPhysicalDeviceVulkan11Properties), g.M_VkPhysicalDeviceVulkan11Properties_deviceUUID,
        g.M_VkPhysicalDeviceVulkan11Properties_driverUUID, g.M_VkPhysicalDeviceVulkan11Properties_deviceLUID, g.M_VkPhysicalDeviceVulkan11Properties_deviceLUIDValid);
      const host = chained(p2, g.S_VkPhysicalDeviceExternalMemoryHostPropertiesEXT);
      if (host >= 0) pd.minImportedHostPointerAlignment = get(host, g.M_VkPhysicalDeviceExternalMemoryHostPropertiesEXT_minImportedHostPointerAlignment);
    }
    if (props >= 0 && has(props, g.M_VkPhysicalDeviceProperties_apiVersion)) pd.apiVersion = <u32>get(props, g.M_VkPhysicalDeviceProperties_apiVersion);
  } else if (cmd == g.C_vkGetPhysicalDeviceMemoryProperties || cmd == g.C_vkGetPhysicalDeviceMemoryProperties2) {
    const pd = physical(<i32>get(0, 0));
    let mp = child(0, 1);
    if (cmd == g.C_vkGetPhysicalDeviceMemoryProperties2) mp = child(mp, g.M_VkPhysicalDeviceMemoryProperties2_memoryProperties);
    if (mp < 0) return;
    const n = <i32>get(mp, g.M_VkPhysicalDeviceMemoryProperties_memoryTypeCount);
    pd.memoryTypeCount = n < 0 ? 0 : (n > 32 ? 32 : n);
    for (let i = 0; i < pd.memoryTypeCount; i++) {
      const t = element(mp, g.M_VkPhysicalDeviceMemoryProperties_memoryTypes, i);
      pd.memoryTypeFlags[i] = t >= 0 ? get(t, g.M_VkMemoryType_propertyFlags) : 0;
      pd.memoryTypeHeap[i] = t >= 0 && has(t, g.M_VkMemoryType_heapIndex) ? <i32>get(t, g.M_VkMemoryType_heapIndex) : -1;
    }
    const heaps = has(mp, g.M_VkPhysicalDeviceMemoryProperties_memoryHeapCount) ? <i32>get(mp, g.M_VkPhysicalDeviceMemoryProperties_memoryHeapCount) : -1;
    pd.memoryHeapCount = heaps < 0 ? -1 : (heaps > 16 ? 16 : heaps);
    for (let i = 0; i < pd.memoryHeapCount; i++) {
      const h = element(mp, g.M_VkPhysicalDeviceMemoryProperties_memoryHeaps, i);
      pd.memoryHeapSize[i] = h >= 0 && has(h, g.M_VkMemoryHeap_size) ? get(h, g.M_VkMemoryHeap_size) : -1;
    }
  } else if (cmd == g.C_vkCreateDevice) {
    const pdId = <i32>get(0, g.M_vkCreateDevice_physicalDevice);
    const id = <i32>get(0, g.M_vkCreateDevice_pDevice);
    if (id == 0) return;
    const pd = physical(pdId);
    const dev = new Device(id, pd);
    const ci = child(0, g.M_vkCreateDevice_pCreateInfo);
    dev.extensions = get(ci, g.M_VkDeviceCreateInfo_ppEnabledExtensionNames);
    const inst = getInstanceApiVersion();
    const phys = pd.apiVersion;
    dev.apiVersion = phys == 0 ? inst : (inst == 0 ? phys : (inst < phys ? inst : phys));
    const alias = chained(ci, g.S_VkPhysicalDeviceDedicatedAllocationImageAliasingFeaturesNV);
    if (alias >= 0) dev.aliasingFeature = get(alias, g.M_VkPhysicalDeviceDedicatedAllocationImageAliasingFeaturesNV_dedicatedAllocationImageAliasing) != 0;
    const bda = chained(ci, g.S_VkPhysicalDeviceBufferDeviceAddressFeatures);
    if (bda >= 0) dev.captureReplay = get(bda, g.M_VkPhysicalDeviceBufferDeviceAddressFeatures_bufferDeviceAddressCaptureReplay) != 0;
    const v12 = chained(ci, g.S_VkPhysicalDeviceVulkan12Features);
    if (v12 >= 0 && get(v12, g.M_VkPhysicalDeviceVulkan12Features_bufferDeviceAddressCaptureReplay) != 0) dev.captureReplay = true;
    const grp = chained(ci, g.S_VkDeviceGroupDeviceCreateInfo);
    if (grp >= 0) dev.groupSize = <i32>get(grp, g.M_VkDeviceGroupDeviceCreateInfo_physicalDeviceCount);
    devices.set(id, dev);
  } else if (cmd == g.C_vkDestroyDevice) {
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
  pd.deviceLUID = <i32>get(n, deviceLUID);
  pd.luidValid = get(n, luidValid) != 0;
}
