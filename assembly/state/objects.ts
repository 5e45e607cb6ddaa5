// What the core remembers about the objects a sequence of calls creates.

export class PhysicalDevice {
  id: i32;
  apiVersion: u32 = 0;
  /** Interned identity bytes; 0 while no VkPhysicalDeviceIDProperties was seen. */
  deviceUUID: i32 = 0;
  driverUUID: i32 = 0;
  deviceLUID: i32 = 0;
  luidValid: bool = false;
  memoryTypeCount: i32 = -1; // -1: never queried
  memoryTypeFlags: StaticArray<i64> = new StaticArray<i64>(32);
  /** The heap each memory type lives in (-1 where the answer left it out). */
  memoryTypeHeap: StaticArray<i32> = new StaticArray<i32>(32);
  memoryHeapCount: i32 = -1; // -1: never queried
  memoryHeapSize: StaticArray<i64> = new StaticArray<i64>(16);
  minImportedHostPointerAlignment: i64 = 0; // 0: never queried
  /** Answers of capability queries: key -> properties. */
  bufferAnswers: Map<i64, ExternalProps> = new Map();
  imageAnswers: Map<i64, ExternalProps> = new Map();
  nvImageAnswers: Map<i64, ExternalProps> = new Map();
  /** rules/support.ts's peers of this device, while identityEpoch is peersEpoch (-1: none kept). */
  peers: PhysicalDevice[] | null = null;
  peersEpoch: i32 = -1;
  constructor(id: i32) { this.id = id; }
  identityKnown(): bool { return this.deviceUUID != 0 && this.driverUUID != 0; }
}

export class ExternalProps {
  constructor(public features: i64, public exportFrom: i64, public compatible: i64, public result: i64) {}
}

export class Device {
  id: i32;
  physical: PhysicalDevice;
  extensions: i64 = 0;
  apiVersion: u32 = 0;
  aliasingFeature: bool = false;
  captureReplay: bool = false;
  /** Physical devices of a device group (ids); empty for a single device. */
  groupSize: i32 = 1;
  constructor(id: i32, physical: PhysicalDevice) { this.id = id; this.physical = physical; }
  has(ext: i64): bool { return (this.extensions & ext) != 0; }
  atLeast(version: u32): bool { return this.apiVersion >= version; }
}

/** Parameters that decide whether two images or buffers are "identically created". */
export class Resource {
  id: i32;
  device: i32;
  isImage: bool;
  flags: i64 = 0;
  usage: i64 = 0;
  size: i64 = 0; // buffers
  imageType: i64 = 0;
  format: i64 = 0;
  width: i64 = 0;
  height: i64 = 0;
  depth: i64 = 0;
  mipLevels: i64 = 0;
  arrayLayers: i64 = 0;
  samples: i64 = 0;
  tiling: i64 = 0;
  sharingMode: i64 = 0;
  initialLayout: i64 = 0;
  externalTypes: i64 = 0;
  hasExternalInfo: bool = false;
  externalTypesNV: i64 = 0;
  hasExternalInfoNV: bool = false;
  nvDedicated: bool = false;
  /** Memory requirements as the driver answered (-1 while never queried). */
  reqSize: i64 = -1;
  reqBits: i64 = 0;
  requiresDedicated: i8 = -1; // -1 unknown
  prefersDedicated: i8 = -1;
  constructor(id: i32, device: i32, isImage: bool) { this.id = id; this.device = device; this.isImage = isImage; }

  /** A fingerprint of everything identical creation compares (size aside for images with aliasing). */
  fingerprint(): i64 {
    let h: i64 = this.isImage ? 0x51ed27 : 0x2b7e15;
    h = mix(h, this.flags); h = mix(h, this.usage); h = mix(h, this.size); h = mix(h, this.imageType);
    h = mix(h, this.format); h = mix(h, this.width); h = mix(h, this.height); h = mix(h, this.depth);
    h = mix(h, this.mipLevels); h = mix(h, this.arrayLayers); h = mix(h, this.samples); h = mix(h, this.tiling);
    h = mix(h, this.sharingMode); h = mix(h, this.externalTypes); h = mix(h, this.externalTypesNV);
    return h;
  }
}

@inline function mix(h: i64, v: i64): i64 { return (h ^ v) * 0x100000001b3 + 0x9e3779b9; }

// Where a payload came from.
export const ORIGIN_UNKNOWN: u8 = 0; // made outside the input
export const ORIGIN_VULKAN: u8 = 1;
export const ORIGIN_D3D11: u8 = 2;
export const ORIGIN_D3D12_HEAP: u8 = 3;
export const ORIGIN_D3D12_RESOURCE: u8 = 4;
export const ORIGIN_HOST: u8 = 5;

/** The memory itself, shared by every memory object and handle that refers to it. */
export class Payload {
  id: i32;
  origin: u8 = ORIGIN_UNKNOWN;
  size: i64 = -1; // -1 unknown
  memoryTypeIndex: i64 = -1;
  physical: PhysicalDevice | null = null;
  /** D3D adapter identity (interned LUID bytes) when made by D3D. */
  adapterLUID: i32 = 0;
  /** Fingerprint of the resource the payload was dedicated to at allocation, 0 if none. */
  dedicatedImage: i64 = 0;
  dedicatedBuffer: i64 = 0;
  nvDedicatedImage: i64 = 0;
  nvDedicatedBuffer: i64 = 0;
  deviceMask: i64 = 0;
  groupSize: i32 = 1;
  /** Memory objects, NT handles, fds and D3D objects that keep it alive. KMT handles do not count. */
  refs: i32 = 0;
  /** The call after which nothing referenced it any more, -1 while alive. */
  diedAt: i64 = -1;
  constructor(id: i32) { this.id = id; }
  ref(): void { this.refs++; }
  unref(call: i64): void {
    if (this.refs > 0) this.refs--;
    if (this.refs == 0 && this.diedAt < 0) this.diedAt = call;
  }
  alive(): bool { return this.diedAt < 0; }
}

export class Memory {
  id: i32;
  device: i32;
  size: i64;
  typeIndex: i64;
  exportTypes: i64 = 0;
  exportTypesNV: i64 = 0;
  dedicatedImage: i32 = 0;
  dedicatedBuffer: i32 = 0;
  nvDedicatedImage: i32 = 0;
  nvDedicatedBuffer: i32 = 0;
  /** Handle type it was imported with (KHR bit, or NV bit when importedNV), 0 if not imported. */
  importType: i64 = 0;
  importedNV: bool = false;
  /** Name given in VkExportMemoryWin32HandleInfoKHR (interned), 0 if none. */
  exportName: i32 = 0;
  payload: Payload;
  /** NT handle types already exported from this memory (VUID 00663), and the call of the first export. */
  ntExported: i64 = 0;
  firstNtExportCall: i64 = -1;
  constructor(id: i32, device: i32, size: i64, typeIndex: i64, payload: Payload) {
    this.id = id; this.device = device; this.size = size; this.typeIndex = typeIndex; this.payload = payload;
  }
}

// What kind of OS handle.
export const OS_NT: u8 = 1;
export const OS_KMT: u8 = 2;
export const OS_FD: u8 = 3;

export class OsHandle {
  constructor(
    public kind: u8,
    /** The handle type it carries (KHR bit; NV bits are mapped to their KHR counterpart). */
    public handleType: i64,
    public payload: Payload,
    public process: i32,
    /** Where it came from: the call that made it. */
    public madeAt: i64,
  ) {}
  /** The memory object it was exported from, 0 if made outside Vulkan. */
  sourceMemory: i32 = 0;
  name: i32 = 0;
}

/** A D3D11 texture or buffer, a D3D12 heap or resource. */
export class D3DObject {
  constructor(public id: i32, public origin: u8, public payload: Payload, public miscFlags: i64) {}
}
