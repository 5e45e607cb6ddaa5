// A device profile: everything the mock needs to answer for one physical device as a driver would.
// Files live in profiles/*.profile.json (schema: schemas/profile.schema.json). Flags may be written as a
// number or as a list of enumerant names; `loadProfile` turns them into numbers (NormalizedProfile).

/** Where a profile's values come from. */
export type Provenance =
  | {
      kind: 'measured';
      /** The driver that answered, e.g. "llvmpipe (Mesa 22.3.6)". */
      driver: string;
      driverVersion: string;
      /** The program that asked, e.g. "vk-extmem profile capture (native backend)". */
      tool: string;
      /** The machine / OS it ran on. */
      system?: string;
      date?: string;
    }
  | {
      kind: 'illustrative';
      /** What it is shaped after (the spec sections, public driver material). Shown wherever it is used. */
      basis: string;
      /** The public facts it is shaped after; entries cite them by id (`evidence`). */
      sources?: Source[];
    };

/** One publicly reported fact an illustrative profile is shaped after. */
export interface Source {
  /** How entries cite it, e.g. "B4". */
  id: string;
  /** The fact, in our words, with the values. */
  fact: string;
  url: string;
  confidence: 'measured' | 'maintainer' | 'inferred';
}

/** Ids of provenance.sources an entry rests on. */
export interface Cited { evidence?: string[] }

export type FlagsInput = number | string[];

export interface ProfileDevice {
  deviceName: string;
  vendorID: number;
  deviceID: number;
  deviceType: string; // VkPhysicalDeviceType enumerant
  apiVersion: number; // VK_MAKE_API_VERSION value
  driverVersion: number;
  /** Dash-separated bytes, as in scenarios: 16 for UUIDs, 8 for the LUID. */
  deviceUUID: string;
  driverUUID: string;
  deviceLUID?: string;
  deviceLUIDValid: boolean;
  deviceNodeMask: number;
  /** VkPhysicalDeviceExternalMemoryHostPropertiesEXT; absent when VK_EXT_external_memory_host is not offered. */
  minImportedHostPointerAlignment?: number;
}

export interface MemoryTypeInfo { propertyFlags: number; heapIndex: number }
export interface MemoryHeapInfo { size: number; flags: number }
/** As written in a file, where the flags may be enumerant names (VkMemoryPropertyFlagBits, VkMemoryHeapFlagBits). */
export interface MemoryTypeInput { propertyFlags: FlagsInput; heapIndex: number }
export interface MemoryHeapInput { size: number; flags: FlagsInput }

/** How the driver answers vkGet*MemoryRequirements for resources of one class. */
export interface RequirementRule extends Cited {
  /** For images: which tiling this rule covers; absent = any. */
  tiling?: string;
  /** For images: which format; absent = any. */
  format?: string;
  alignment: number;
  memoryTypeBits: number;
}

/**
 * Requirements of resources created with these external handle types: VkMemoryDedicatedRequirements,
 * and (where measured) the memoryTypeBits and alignment the driver gives them, which may be narrower
 * than a plain resource's.
 */
export interface DedicatedRule extends Cited {
  resource: 'buffer' | 'image';
  /** Matches when the resource's VkExternalMemory*CreateInfo::handleTypes intersects this mask. */
  handleTypes: FlagsInput;
  prefersDedicated: boolean;
  requiresDedicated: boolean;
  memoryTypeBits?: number;
  alignment?: number;
}

/** One answer of vkGetPhysicalDeviceExternalBufferProperties; fields left out match anything. */
export interface ExternalBufferAnswer extends Cited {
  handleType: string;
  usage?: FlagsInput;
  flags?: FlagsInput;
  externalMemoryFeatures: FlagsInput;
  exportFromImportedHandleTypes: FlagsInput;
  compatibleHandleTypes: FlagsInput;
}

/** What the KHR and NV image answers share: the image asked about, the result and the features. */
interface ImageFormatAnswerFields extends Cited {
  format?: string;
  type?: string;
  tiling?: string;
  usage?: FlagsInput;
  flags?: FlagsInput;
  /** VK_SUCCESS or VK_ERROR_FORMAT_NOT_SUPPORTED. */
  result: string;
  externalMemoryFeatures?: FlagsInput;
  exportFromImportedHandleTypes?: FlagsInput;
  compatibleHandleTypes?: FlagsInput;
}

/** One answer of vkGetPhysicalDeviceImageFormatProperties2 with VkPhysicalDeviceExternalImageFormatInfo. */
export interface ExternalImageAnswer extends ImageFormatAnswerFields {
  handleType: string;
}

/** One answer of vkGetPhysicalDeviceExternalImageFormatPropertiesNV. */
export interface ExternalImageNVAnswer extends ImageFormatAnswerFields {
  /** The externalHandleType mask asked about (NV bits). */
  handleTypes: FlagsInput;
}

/**
 * memoryTypeBits the driver reports for a handle made outside this device (D3D resources, dma-buf,
 * host pointers): vkGetMemoryWin32HandlePropertiesKHR / FdPropertiesKHR / HostPointerPropertiesEXT.
 */
export interface HandlePropertiesAnswer extends Cited { handleType: string; memoryTypeBits: number }

export interface DeviceProfile {
  $schema?: string;
  /** Short id, the file name without .profile.json. */
  profile: string;
  title: string;
  provenance: Provenance;
  platform: 'windows' | 'linux';
  device: ProfileDevice;
  /** Device extensions the driver offers. */
  extensions: string[];
  memory: { heaps: MemoryHeapInput[]; types: MemoryTypeInput[] };
  requirements: { buffer: RequirementRule; image: RequirementRule[]; dedicated: DedicatedRule[] };
  externalBuffer: ExternalBufferAnswer[];
  externalImage: ExternalImageAnswer[];
  externalImageNV?: ExternalImageNVAnswer[];
  handleProperties: HandlePropertiesAnswer[];
  /** Evidence for the device and its extensions. */
  evidence?: string[];
}

// The same, with every flag a number and every enumerant a number: what the mock reads.
type N<T> = { [K in keyof T]: K extends 'evidence' ? T[K] : T[K] extends FlagsInput | undefined ? (undefined extends T[K] ? number | undefined : number) : T[K] };
export interface NormalizedProfile extends Omit<DeviceProfile, 'memory' | 'requirements' | 'externalBuffer' | 'externalImage' | 'externalImageNV'> {
  memory: { heaps: MemoryHeapInfo[]; types: MemoryTypeInfo[] };
  requirements: { buffer: RequirementRule; image: RequirementRule[]; dedicated: N<DedicatedRule>[] };
  externalBuffer: N<ExternalBufferAnswer>[];
  externalImage: N<ExternalImageAnswer>[];
  externalImageNV: N<ExternalImageNVAnswer>[];
  /** Where it was loaded from (a built-in name or a file path). */
  source: string;
}
