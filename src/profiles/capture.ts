// Measuring a device profile through a backend: the same fixed questions for every driver (each handle
// type × a few buffer usages and image format/tiling/usage combinations, the NV query, requirements of
// plain and external resources, handle properties of a host allocation), written in the profile format.
// On the native backend this measures a real driver (`vk-extmem profile capture`); on the mock it must
// give back the profile the mock was made from, which the tests use to check both.
import type { Backend, PhysicalDeviceInfo } from '../backends/types.js';
import type { DeviceProfile, FlagsInput, Provenance } from './types.js';
import { ENUMS } from '../generated/registry.js';
import { HANDLE_TYPE_ROWS } from '../generated/handle-types.js';

const KHR = ENUMS.VkExternalMemoryHandleTypeFlagBits.values;
const NV = ENUMS.VkExternalMemoryHandleTypeFlagBitsNV.values;
// The handle types asked about: the catalogue's `profiled` rows, in its order (bit order).
const HANDLE_TYPES = HANDLE_TYPE_ROWS.filter((r) => !r.nv && r.profiled).map((r) => r.name);
const NV_TYPES = HANDLE_TYPE_ROWS.filter((r) => r.nv && r.profiled).map((r) => r.name);
// Combined usages as applications use them, then every usage bit alone (what the CTS info cases ask).
const BUFFER_USAGES = [0x1 | 0x2, 0x20 | 0x10 | 0x1 | 0x2, 0x80 | 0x40 | 0x2, 0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100];
const FORMATS = ['VK_FORMAT_R8G8B8A8_UNORM', 'VK_FORMAT_B8G8R8A8_UNORM', 'VK_FORMAT_R32_SFLOAT'];
const TILINGS = ['VK_IMAGE_TILING_OPTIMAL', 'VK_IMAGE_TILING_LINEAR'];
const IMAGE_USAGES = [0x4 | 0x1 | 0x2, 0x10 | 0x4 | 0x1 | 0x2, 0x1, 0x2, 0x4, 0x8, 0x10];
// Questions the CTS info cases ask beyond the grid: a sparse buffer, a depth image.
const BUFFER_EXTRA = [{ usage: 0x2, flags: 0x1 }];
const IMAGE_EXTRA = [{ format: 'VK_FORMAT_D16_UNORM', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage: 0x20 }];
/** Device extensions that bear on sharing memory: the ones a profile records. */
export const PROFILE_EXTENSIONS = ['VK_KHR_external_memory', 'VK_KHR_external_memory_fd', 'VK_KHR_external_memory_win32', 'VK_KHR_win32_keyed_mutex', 'VK_KHR_dedicated_allocation', 'VK_KHR_get_memory_requirements2', 'VK_KHR_bind_memory2', 'VK_EXT_external_memory_host', 'VK_EXT_external_memory_dma_buf', 'VK_EXT_image_drm_format_modifier', 'VK_NV_external_memory', 'VK_NV_external_memory_win32', 'VK_NV_win32_keyed_mutex', 'VK_NV_dedicated_allocation', 'VK_NV_external_memory_rdma', 'VK_ANDROID_external_memory_android_hardware_buffer', 'VK_FUCHSIA_external_memory'];
const ENABLE = ['VK_KHR_external_memory', 'VK_KHR_external_memory_fd', 'VK_KHR_external_memory_win32', 'VK_KHR_dedicated_allocation', 'VK_KHR_get_memory_requirements2', 'VK_KHR_bind_memory2', 'VK_EXT_external_memory_host', 'VK_EXT_external_memory_dma_buf', 'VK_NV_external_memory', 'VK_NV_external_memory_win32'];

const enumValue = (type: string, name: string) => ENUMS[type].values[name];
/** Flags as enumerant names when every bit has one (readable files), else the number. */
function flags(type: string, value: number): FlagsInput {
  const names: string[] = [];
  let left = value >>> 0;
  for (const [n, v] of Object.entries(ENUMS[type].values)) {
    if (v && (v & (v - 1)) === 0 && (left & v) && !/_KHR$|_EXT$|_NV$/.test(n.replace(/_BIT_(EXT|NV|KHR)$/, '_BIT'))) { names.push(n); left &= ~v; }
  }
  for (const [n, v] of Object.entries(ENUMS[type].values)) if (v && (v & (v - 1)) === 0 && (left & v)) { names.push(n); left &= ~v; }
  return left ? value >>> 0 : names;
}
const bytes = (b: Uint8Array) => Array.from(b).join('-');

export interface CaptureOptions { device?: number; name?: string; title?: string; provenance: Provenance; platform: 'windows' | 'linux' }

export function captureProfile(b: Backend, o: CaptureOptions): DeviceProfile {
  const all = b.vulkan.physicalDevices();
  const pd: PhysicalDeviceInfo | undefined = all[o.device ?? 0];
  if (!pd) throw new Error(`no physical device ${o.device ?? 0}: the backend offers ${all.length}`);
  const offered = new Set(pd.extensions);
  const dev = b.vulkan.createDevice(pd.handle, ENABLE.filter((e) => offered.has(e)));
  if (dev.result !== 0) throw new Error(`vkCreateDevice failed (${dev.result})`);
  const d = dev.handle;
  const external = (e: { externalMemoryFeatures: number; exportFromImportedHandleTypes: number; compatibleHandleTypes: number }) => ({
    externalMemoryFeatures: flags('VkExternalMemoryFeatureFlagBits', e.externalMemoryFeatures),
    exportFromImportedHandleTypes: flags('VkExternalMemoryHandleTypeFlagBits', e.exportFromImportedHandleTypes),
    compatibleHandleTypes: flags('VkExternalMemoryHandleTypeFlagBits', e.compatibleHandleTypes),
  });
  const imageDesc = (format: string, tiling: string, usage: number, handleTypes: number) => ({
    imageType: 1, format: enumValue('VkFormat', format), width: 64, height: 64, depth: 1, mipLevels: 1, arrayLayers: 1, samples: 1,
    tiling: enumValue('VkImageTiling', tiling), usage, flags: 0, sharingMode: 0, initialLayout: 0,
    // As an application writes it: the external structure only for an external image.
    ...(handleTypes ? { externalHandleTypes: handleTypes } : {}),
  });
  const measureBuffer = (handleTypes: number) => {
    const r = b.vulkan.createBuffer(d, { size: 65536, usage: BUFFER_USAGES[0], flags: 0, sharingMode: 0, ...(handleTypes ? { externalHandleTypes: handleTypes } : {}) });
    if (r.result !== 0) return undefined;
    const q = b.vulkan.bufferRequirements(d, r.handle);
    b.vulkan.destroyBuffer(d, r.handle);
    return q;
  };
  const measureImage = (format: string, tiling: string, usage: number, handleTypes: number) => {
    const r = b.vulkan.createImage(d, imageDesc(format, tiling, usage, handleTypes));
    if (r.result !== 0) return undefined;
    const q = b.vulkan.imageRequirements(d, r.handle);
    b.vulkan.destroyImage(d, r.handle);
    return q;
  };
  const imageAnswer = (t: string, format: string, tiling: string, usage: number): { result: number; external: { externalMemoryFeatures: number; exportFromImportedHandleTypes: number; compatibleHandleTypes: number } } =>
    b.vulkan.externalImageFormatProperties(pd.handle, { format: enumValue('VkFormat', format), type: 1, tiling: enumValue('VkImageTiling', tiling), usage, flags: 0, handleType: KHR[t] });

  const plain = measureBuffer(0);
  if (!plain) throw new Error('could not create a plain buffer');
  const dedicated: DeviceProfile['requirements']['dedicated'] = [];
  for (const t of HANDLE_TYPES) {
    if (b.vulkan.externalBufferProperties(pd.handle, { flags: 0, usage: BUFFER_USAGES[0], handleType: KHR[t] }).externalMemoryFeatures === 0) continue;
    const m = measureBuffer(KHR[t]);
    if (m) dedicated.push({ resource: 'buffer', handleTypes: [t], prefersDedicated: m.prefersDedicatedAllocation, requiresDedicated: m.requiresDedicatedAllocation, memoryTypeBits: m.memoryTypeBits, alignment: m.alignment });
  }
  for (const t of HANDLE_TYPES) {
    let m;
    for (const f of FORMATS) for (const tl of TILINGS) for (const u of IMAGE_USAGES) {
      if (m) continue;
      const a = imageAnswer(t, f, tl, u);
      if (a.result === 0 && a.external.externalMemoryFeatures !== 0) m = measureImage(f, tl, u, KHR[t]);
    }
    if (m) dedicated.push({ resource: 'image', handleTypes: [t], prefersDedicated: m.prefersDedicatedAllocation, requiresDedicated: m.requiresDedicatedAllocation, memoryTypeBits: m.memoryTypeBits, alignment: m.alignment });
  }
  const handleProperties: DeviceProfile['handleProperties'] = [];
  if (pd.minImportedHostPointerAlignment && offered.has('VK_EXT_external_memory_host')) {
    const ptr = b.os.hostAlloc(0, pd.minImportedHostPointerAlignment, pd.minImportedHostPointerAlignment);
    if (ptr) {
      const r = b.vulkan.hostPointerProperties(d, KHR.VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT, ptr);
      if (r.result === 0) handleProperties.push({ handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT', memoryTypeBits: r.memoryTypeBits });
    }
  }
  const profile: DeviceProfile = {
    $schema: '../schemas/profile.schema.json',
    profile: o.name ?? 'captured',
    title: o.title ?? pd.deviceName,
    provenance: o.provenance,
    platform: o.platform,
    device: {
      deviceName: pd.deviceName, vendorID: pd.vendorID, deviceID: pd.deviceID, deviceType: enumNameOf('VkPhysicalDeviceType', pd.deviceType),
      apiVersion: pd.apiVersion, driverVersion: pd.driverVersion, deviceUUID: bytes(pd.deviceUUID), driverUUID: bytes(pd.driverUUID),
      ...(pd.deviceLUIDValid ? { deviceLUID: bytes(pd.deviceLUID) } : {}), deviceLUIDValid: pd.deviceLUIDValid, deviceNodeMask: pd.deviceNodeMask,
      ...(pd.minImportedHostPointerAlignment && offered.has('VK_EXT_external_memory_host') ? { minImportedHostPointerAlignment: pd.minImportedHostPointerAlignment } : {}),
    },
    extensions: PROFILE_EXTENSIONS.filter((e) => offered.has(e)).sort(),
    memory: {
      heaps: pd.memoryHeaps.map((h) => ({ size: h.size, flags: flags('VkMemoryHeapFlagBits', h.flags) })),
      types: pd.memoryTypes.map((t) => ({ propertyFlags: flags('VkMemoryPropertyFlagBits', t.propertyFlags), heapIndex: t.heapIndex })),
    } as unknown as DeviceProfile['memory'],
    requirements: {
      buffer: { alignment: plain.alignment, memoryTypeBits: plain.memoryTypeBits },
      image: TILINGS.flatMap((tiling) => { const m = measureImage(FORMATS[0], tiling, IMAGE_USAGES[0], 0); return m ? [{ tiling, format: FORMATS[0], alignment: m.alignment, memoryTypeBits: m.memoryTypeBits }] : []; }),
      dedicated,
    },
    externalBuffer: HANDLE_TYPES.flatMap((t) => [...BUFFER_USAGES.map((usage) => ({ usage, flags: 0 })), ...BUFFER_EXTRA].map((q) => ({
      handleType: t, usage: flags('VkBufferUsageFlagBits', q.usage), flags: flags('VkBufferCreateFlagBits', q.flags), ...external(b.vulkan.externalBufferProperties(pd.handle, { flags: q.flags, usage: q.usage, handleType: KHR[t] })),
    }))),
    externalImage: HANDLE_TYPES.flatMap((t) => [...FORMATS.flatMap((format) => TILINGS.flatMap((tiling) => IMAGE_USAGES.map((usage) => ({ format, tiling, usage })))), ...IMAGE_EXTRA].map(({ format, tiling, usage }) => {
      const a = imageAnswer(t, format, tiling, usage);
      return { handleType: t, format, type: 'VK_IMAGE_TYPE_2D', tiling, usage: flags('VkImageUsageFlagBits', usage), flags: [], result: enumNameOf('VkResult', a.result), ...(a.result === 0 ? external(a.external) : {}) };
    })),
    handleProperties,
  };
  if (offered.has('VK_NV_external_memory_capabilities') || offered.has('VK_NV_external_memory')) {
    profile.externalImageNV = NV_TYPES.flatMap((t) => FORMATS.flatMap((format) => TILINGS.flatMap((tiling) => IMAGE_USAGES.map((usage) => {
      const a = b.vulkan.externalImageFormatPropertiesNV(pd.handle, { format: enumValue('VkFormat', format), type: 1, tiling: enumValue('VkImageTiling', tiling), usage, flags: 0, handleTypes: NV[t] });
      return {
        handleTypes: [t], format, type: 'VK_IMAGE_TYPE_2D', tiling, usage: flags('VkImageUsageFlagBits', usage), flags: [], result: enumNameOf('VkResult', a.result),
        ...(a.result === 0 ? { externalMemoryFeatures: flags('VkExternalMemoryFeatureFlagBitsNV', a.external.externalMemoryFeatures), exportFromImportedHandleTypes: flags('VkExternalMemoryHandleTypeFlagBitsNV', a.external.exportFromImportedHandleTypes), compatibleHandleTypes: flags('VkExternalMemoryHandleTypeFlagBitsNV', a.external.compatibleHandleTypes) } : {}),
      };
    }))));
  }
  b.vulkan.destroyDevice(d);
  return profile;
}

function enumNameOf(type: string, v: number): string {
  for (const [k, x] of Object.entries(ENUMS[type].values)) if (x === v) return k;
  return String(v);
}

/** A profile as a file people read and diff: sections indented, each answer on one line. */
export function formatProfileJson(p: DeviceProfile): string {
  const one = (v: unknown) => JSON.stringify(v).replace(/":/g, '": ').replace(/,"/g, ', "').replace(/^\{/, '{ ').replace(/\}$/, ' }');
  const value = (v: unknown, indent: string): string => {
    if (Array.isArray(v) && v.some((x) => x && typeof x === 'object')) return `[\n${v.map((x) => `${indent}  ${one(x)}`).join(',\n')}\n${indent}]`;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const entries = Object.entries(v);
      return `{\n${entries.map(([k, x]) => `${indent}  ${JSON.stringify(k)}: ${value(x, indent + '  ')}`).join(',\n')}\n${indent}}`;
    }
    return JSON.stringify(v);
  };
  return value(p, '') + '\n';
}

/** Driver versions as vendors number them (NVIDIA packs 10.8.8.6 bits; most use the Vulkan version layout). */
export function driverVersionText(vendor: number, v: number): string {
  if (vendor === 0x10de) return `${v >>> 22}.${(v >>> 14) & 0xff}.${(v >>> 6) & 0xff}.${v & 0x3f}`;
  return `${v >>> 22}.${(v >>> 12) & 0x3ff}.${v & 0xfff}`;
}
