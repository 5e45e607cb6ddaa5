// What the device under test offers, asked once before the cases are planned: its identity and memory,
// its extensions, and what the capability queries say of each handle type for an ordinary transfer
// buffer and image. Cases are derived from these answers, so every case runs on what the device claims.
import type { Backend, ExternalMemoryProperties, PhysicalDeviceInfo } from '../backends/types.js';
import { ENUMS, ENUM_EXTENSIONS } from '../generated/registry.js';
import type { HandleTypeInfo } from '../catalogue.js';
import type { ConformTarget } from './run.js';
import { driverVersionText } from '../profiles/capture.js';
import type { DriverInfo } from './types.js';

export const F_DEDICATED_ONLY = ENUMS.VkExternalMemoryFeatureFlagBits.values.VK_EXTERNAL_MEMORY_FEATURE_DEDICATED_ONLY_BIT;
export const F_EXPORTABLE = ENUMS.VkExternalMemoryFeatureFlagBits.values.VK_EXTERNAL_MEMORY_FEATURE_EXPORTABLE_BIT;
export const F_IMPORTABLE = ENUMS.VkExternalMemoryFeatureFlagBits.values.VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT;
export const HOST_VISIBLE = ENUMS.VkMemoryPropertyFlagBits.values.VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
export const VK_FORMAT_R8G8B8A8_UNORM = ENUMS.VkFormat.values.VK_FORMAT_R8G8B8A8_UNORM;
export const TILING_OPTIMAL = ENUMS.VkImageTiling.values.VK_IMAGE_TILING_OPTIMAL;
export const TILING_LINEAR = ENUMS.VkImageTiling.values.VK_IMAGE_TILING_LINEAR;
/** TRANSFER_SRC | TRANSFER_DST: the buffer every case makes. */
export const BUFFER_USAGE = 0x3;
/** TRANSFER_SRC | TRANSFER_DST | SAMPLED: the image every case makes. */
export const IMAGE_USAGE = 0x7;
/** Device extensions a case enables when the device offers them. */
const ENABLE = ['VK_KHR_external_memory', 'VK_KHR_external_memory_fd', 'VK_KHR_external_memory_win32', 'VK_KHR_dedicated_allocation', 'VK_KHR_get_memory_requirements2',
  'VK_KHR_bind_memory2', 'VK_EXT_external_memory_host', 'VK_EXT_external_memory_dma_buf', 'VK_NV_external_memory', 'VK_NV_external_memory_win32', 'VK_NV_dedicated_allocation'];

export interface TypeFacts {
  type: HandleTypeInfo;
  /** The short name used in assertion ids (OPAQUE_FD, D3D11_TEXTURE_KMT, …). */
  short: string;
  /** The extension that adds the type, when it is not core (using it without that extension is invalid). */
  extension?: string;
  /** The device offers what the type needs (its extension, or core). */
  offered: boolean;
  buffer: ExternalMemoryProperties;
  /** The answer for a 64x64 R8G8B8A8_UNORM 2D optimal transfer+sampled image (features 0 when unsupported). */
  image: ExternalMemoryProperties & { result: number };
}

export interface DeviceFacts {
  info: PhysicalDeviceInfo;
  driver: DriverInfo;
  extensions: Set<string>;
  /** The extensions cases enable (the ones of ENABLE the device offers). */
  enable: string[];
  types: TypeFacts[];
  /** Memory type indices that are HOST_VISIBLE. */
  hostVisible: number[];
}

export function shortName(t: HandleTypeInfo): string {
  return t.name.replace('VK_EXTERNAL_MEMORY_HANDLE_TYPE_', '').replace(/_BIT(_[A-Z]+)?$/, '').replace(/_BIT$/, '');
}

export function readFacts(target: ConformTarget, catalogue: HandleTypeInfo[], backendName: string): DeviceFacts {
  const b: Backend = target.open();
  try {
    const info = b.vulkan.physicalDevices()[0];
    if (!info) throw new NoDevice('the driver offers no physical device');
    const extensions = new Set(info.extensions);
    const types: TypeFacts[] = catalogue.filter((t) => t.family === 'KHR').map((t) => {
      const extension = ENUM_EXTENSIONS[t.name];
      const buffer = b.vulkan.externalBufferProperties(info.handle, { flags: 0, usage: BUFFER_USAGE, handleType: t.bit });
      const img = b.vulkan.externalImageFormatProperties(info.handle, { format: VK_FORMAT_R8G8B8A8_UNORM, type: 1, tiling: TILING_OPTIMAL, usage: IMAGE_USAGE, flags: 0, handleType: t.bit });
      return { type: t, short: shortName(t), ...(extension ? { extension } : {}), offered: !extension || extensions.has(extension), buffer, image: { ...img.external, result: img.result } };
    });
    const driver: DriverInfo = {
      name: info.driverName ?? info.deviceName,
      version: info.driverInfo ?? driverVersionText(info.vendorID, info.driverVersion),
      apiVersion: `${info.apiVersion >>> 22}.${(info.apiVersion >>> 12) & 0x3ff}.${info.apiVersion & 0xfff}`,
      deviceName: info.deviceName, vendorID: info.vendorID, deviceID: info.deviceID, backend: backendName,
    };
    return {
      info, driver, extensions, enable: ENABLE.filter((e) => extensions.has(e)), types,
      hostVisible: info.memoryTypes.flatMap((m, i) => ((m.propertyFlags & HOST_VISIBLE) !== 0 ? [i] : [])),
    };
  } finally {
    b.dispose();
  }
}

export class NoDevice extends Error {}

/** Types whose fds or pointers this platform can hold (fd and host-pointer types on POSIX; every type the device answers for). */
export const isFd = (t: TypeFacts) => t.type.handle === 'fd';
export const isHost = (t: TypeFacts) => t.type.handle === 'host pointer';
export const exportable = (p: ExternalMemoryProperties) => (p.externalMemoryFeatures & F_EXPORTABLE) !== 0;
export const importable = (p: ExternalMemoryProperties) => (p.externalMemoryFeatures & F_IMPORTABLE) !== 0;
