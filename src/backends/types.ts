// The backend interface: the few operations a Vulkan driver and an OS answer. The session checks every
// call with the core before it gets here, so backends never validate; they report only what nobody
// can predict (a driver's answer, a handle value, out of memory). Implemented by the mock
// (src/backends/mock) and the native addon (src/backends/native).
//
// Values: Vulkan objects are backend-chosen nonzero numbers; Win32 HANDLEs are numbers (per process
// for NT handles, global for KMT handles); fds are numbers per process; processes are numbers from
// `createProcess` (0 is the process the session starts in). Results are VkResult numbers (0 = VK_SUCCESS)
// for Vulkan calls and BOOL/HRESULT/int as Win32/POSIX define them for OS calls.

import type { Operations } from '../generated/calls.js';

export type { Operations, OperationInputs, OperationResults } from '../generated/calls.js';
export type VkResult = number;
export type ObjectHandle = number;
export type ProcessId = number;

export interface PhysicalDeviceInfo {
  /** Backend handle of the VkPhysicalDevice. */
  handle: ObjectHandle;
  deviceName: string;
  vendorID: number;
  deviceID: number;
  deviceType: number;
  apiVersion: number;
  driverVersion: number;
  /** VkPhysicalDeviceDriverProperties, where the driver reports them. */
  driverName?: string;
  driverInfo?: string;
  deviceUUID: Uint8Array; // 16
  driverUUID: Uint8Array; // 16
  deviceLUID: Uint8Array; // 8
  deviceLUIDValid: boolean;
  deviceNodeMask: number;
  memoryTypes: { propertyFlags: number; heapIndex: number }[];
  memoryHeaps: { size: number; flags: number }[];
  extensions: string[];
  /** Absent when VK_EXT_external_memory_host is not offered. */
  minImportedHostPointerAlignment?: number;
}

export interface ExternalMemoryProperties {
  externalMemoryFeatures: number;
  exportFromImportedHandleTypes: number;
  compatibleHandleTypes: number;
}

export interface ImageQuery { format: number; type: number; tiling: number; usage: number; flags: number }

/** VkImageFormatProperties: the limits an image with the queried parameters has (all 0 when unsupported). */
export interface ImageFormatLimits {
  maxExtent: { width: number; height: number; depth: number };
  maxMipLevels: number; maxArrayLayers: number; sampleCounts: number; maxResourceSize: number;
}
/** An image capability answer: the result, the limits, and the external memory properties (0s when not asked). */
export interface ImageFormatAnswer { result: VkResult; limits: ImageFormatLimits; external: ExternalMemoryProperties }

// Chained structures are written as optional members: absent means the structure is not in the chain; a
// value (0 included) means it is, with that value. What a case writes is what the driver receives.

export interface BufferDesc {
  size: number; usage: number; flags: number; sharingMode: number;
  /** VkExternalMemoryBufferCreateInfo::handleTypes; absent: no such structure. */
  externalHandleTypes?: number;
}
export interface ImageDesc {
  imageType: number; format: number; width: number; height: number; depth: number; mipLevels: number; arrayLayers: number;
  samples: number; tiling: number; usage: number; flags: number; sharingMode: number; initialLayout: number;
  /** VkExternalMemoryImageCreateInfo::handleTypes; absent: no such structure. */
  externalHandleTypes?: number;
  /** VkExternalMemoryImageCreateInfoNV::handleTypes; absent: no such structure. */
  externalHandleTypesNV?: number;
}

export interface MemoryRequirements {
  size: number; alignment: number; memoryTypeBits: number;
  prefersDedicatedAllocation: boolean; requiresDedicatedAllocation: boolean;
}

/**
 * vkAllocateMemory with its pNext chain, structure by structure, in this order: export (KHR, NV, Win32
 * name and access), dedicated (KHR, NV), then the imports as listed. Each member present is one
 * structure in the chain, zero-valued ones included; nothing is added or left out on the way to the
 * driver (`applicationChain` builds what an application would write). The session fills it from the
 * core's description of the call: of a structure written twice, the first, the one the core judged.
 */
export interface AllocateDesc {
  allocationSize: number;
  memoryTypeIndex: number;
  /** VkExportMemoryAllocateInfo::handleTypes. */
  exportTypes?: number;
  /** VkExportMemoryAllocateInfoNV::handleTypes. */
  exportTypesNV?: number;
  /** VkExportMemoryWin32HandleInfoKHR (chained when either is present): the name and access the NT handles will carry. */
  exportName?: string;
  exportAccess?: number;
  /** VkMemoryDedicatedAllocateInfo. */
  dedicated?: { image: ObjectHandle; buffer: ObjectHandle };
  /** VkDedicatedAllocationMemoryAllocateInfoNV. */
  dedicatedNV?: { image: ObjectHandle; buffer: ObjectHandle };
  /** Import structures, each as written (handleType 0 included). */
  imports?: ImportDesc[];
}

/** One import structure: VkImportMemoryWin32HandleInfoKHR, …InfoNV, VkImportMemoryFdInfoKHR or VkImportMemoryHostPointerInfoEXT. */
export type ImportDesc =
  | { kind: 'win32'; handleType: number; handle: number; name?: string }
  | { kind: 'win32-nv'; handleType: number; handle: number }
  | { kind: 'fd'; handleType: number; fd: number }
  | { kind: 'host'; handleType: number; pointer: number };

export interface Created { result: VkResult; handle: ObjectHandle }
export interface Exported { result: VkResult; value: number }
export interface TypeBitsAnswer { result: VkResult; memoryTypeBits: number }

export interface VulkanBackend {
  /**
   * The physical devices the backend offers, in enumeration order, to `process` (default 0): a backend
   * whose processes are real ones gives each its own objects.
   */
  physicalDevices(process?: ProcessId): PhysicalDeviceInfo[];
  externalBufferProperties(pd: ObjectHandle, q: { flags: number; usage: number; handleType: number }): ExternalMemoryProperties;
  /**
   * vkGetPhysicalDeviceImageFormatProperties2; with `handleType` present, VkPhysicalDeviceExternalImageFormatInfo
   * (and VkExternalImageFormatProperties) are chained with that value, 0 included.
   */
  externalImageFormatProperties(pd: ObjectHandle, q: ImageQuery & { handleType?: number }): ImageFormatAnswer;
  /** vkGetPhysicalDeviceExternalImageFormatPropertiesNV (externalHandleType as given, 0 included). */
  externalImageFormatPropertiesNV(pd: ObjectHandle, q: ImageQuery & { handleTypes: number }): ImageFormatAnswer;
  /** vkGetPhysicalDeviceImageFormatProperties (Vulkan 1.0): what the NV query must equal for handle type 0. */
  imageFormatProperties(pd: ObjectHandle, q: ImageQuery): ImageFormatAnswer;

  createDevice(pd: ObjectHandle, extensions: string[]): Created;
  destroyDevice(dev: ObjectHandle): void;
  createBuffer(dev: ObjectHandle, d: BufferDesc): Created;
  createImage(dev: ObjectHandle, d: ImageDesc): Created;
  destroyBuffer(dev: ObjectHandle, b: ObjectHandle): void;
  destroyImage(dev: ObjectHandle, i: ObjectHandle): void;
  bufferRequirements(dev: ObjectHandle, b: ObjectHandle): MemoryRequirements;
  imageRequirements(dev: ObjectHandle, i: ObjectHandle): MemoryRequirements;

  /** `process` matters for imports: NT handles and fds are looked up (and fds consumed) there. */
  allocate(process: ProcessId, dev: ObjectHandle, d: AllocateDesc): Created;
  free(dev: ObjectHandle, mem: ObjectHandle): void;
  bindBuffer(dev: ObjectHandle, b: ObjectHandle, mem: ObjectHandle, offset: number): VkResult;
  bindImage(dev: ObjectHandle, i: ObjectHandle, mem: ObjectHandle, offset: number): VkResult;
  map(dev: ObjectHandle, mem: ObjectHandle, offset: number, size: number): VkResult;
  unmap(dev: ObjectHandle, mem: ObjectHandle): void;
  /** Through the mapping: the bytes a host write puts there, the bytes a host read sees. */
  write(mem: ObjectHandle, offset: number, bytes: Uint8Array): void;
  read(mem: ObjectHandle, offset: number, size: number): Uint8Array;

  getWin32Handle(process: ProcessId, dev: ObjectHandle, mem: ObjectHandle, handleType: number): Exported;
  getWin32HandleNV(process: ProcessId, dev: ObjectHandle, mem: ObjectHandle, handleTypeNV: number): Exported;
  getFd(process: ProcessId, dev: ObjectHandle, mem: ObjectHandle, handleType: number): Exported;
  win32HandleProperties(process: ProcessId, dev: ObjectHandle, handleType: number, handle: number): TypeBitsAnswer;
  fdProperties(process: ProcessId, dev: ObjectHandle, handleType: number, fd: number): TypeBitsAnswer;
  hostPointerProperties(dev: ObjectHandle, handleType: number, pointer: number): TypeBitsAnswer;
}

/**
 * What a backend's OS side offers besides the table's operations: processes and host memory. (The
 * operations of scripts/registry/calls.mjs, CloseHandle to ExitProcess, are `Backend.operations`.)
 */
export interface OsBackend {
  /** A new process (scenarios name them; the native backend has only its own). */
  createProcess(name: string): ProcessId;
  /** A host allocation the app could import (VK_EXT_external_memory_host); 0 on failure. */
  hostAlloc(process: ProcessId, size: number, alignment: number): number;
  /** Bytes written and read through a host pointer inside a host allocation (false / undefined outside one). */
  hostWrite(process: ProcessId, pointer: number, bytes: Uint8Array): boolean;
  hostRead(process: ProcessId, pointer: number, size: number): Uint8Array | undefined;
}

/** The runtimes an operation may need (the row's `runtime`), and whether this backend has each. */
export interface Runtimes { d3d: boolean }

/**
 * What happened to the world during one call, for timelines: handles made, copied and closed, payloads
 * (the memory itself) born and freed, fds handed to the driver. Backends report what they can see.
 */
export type LifecycleEvent =
  | { kind: 'payload-born'; payload: number; size: number; origin: 'vulkan' | 'd3d11' | 'd3d12-heap' | 'd3d12-resource' | 'dma-buf' | 'host' }
  | { kind: 'payload-freed'; payload: number }
  | { kind: 'handle-created'; process: ProcessId; handle: number; handleKind: 'nt' | 'kmt' | 'fd'; payload: number }
  | { kind: 'handle-duplicated'; process: ProcessId; handle: number; fromProcess: ProcessId; from: number; payload: number }
  | { kind: 'handle-closed'; process: ProcessId; handle: number; handleKind: 'nt' | 'kmt' | 'fd' }
  | {
      kind: 'handle-imported'; process: ProcessId; handle: number; handleKind: 'nt' | 'kmt' | 'fd'; payload: number; memory: ObjectHandle; ownershipMoved: boolean;
      /** Observed right after the import (where the backend can see it): the handle is still open in the process. */
      stillOpen?: boolean;
    }
  | { kind: 'process-exited'; process: ProcessId; handlesClosed: number }
  // What the application did not do but saw happen to a handle it holds, and what a backend did not pass
  // as written. Reported by backends that observe (the native addon in observing mode, the mock).
  /** A handle the application owned was closed, or its number now names another object, during `during`. */
  | { kind: 'handle-lost'; process: ProcessId; handle: number; handleKind: 'fd' | 'nt'; how: 'closed' | 'replaced'; during: string }
  /** During `during`, the handle `handle` appeared in the process referring to the same object as `from`. */
  | { kind: 'handle-copied'; process: ProcessId; handle: number; from: number; handleKind: 'fd' | 'nt'; during: string }
  /** The backend passed `shown` instead of the value written (an fd that is not the application's, for example). */
  | { kind: 'value-substituted'; process: ProcessId; handle: number; handleKind: 'fd' | 'nt' | 'host'; shown: number; why: string }
  /** The backend answered the call itself and the driver never saw it (`why` says what it refused). */
  | { kind: 'not-passed'; process: ProcessId; why: string };

/** One handle the application holds, as observed now. */
export interface HandleState {
  process: ProcessId;
  handle: number;
  handleKind: 'fd' | 'nt';
  /** Still open in the process. */
  open: boolean;
  /** Still the object it referred to when the application got it (fd: the same device and inode). */
  same: boolean;
  /** What it refers to, comparable between handles (fd: "device:inode"), where the backend can tell. */
  identity?: string;
}

/** What a backend can observe about the handles an application holds (the conformance engine asks). */
export interface HandleObserver {
  /** The kinds of handle this backend can observe (an fd table, NT handle tables). */
  readonly kinds: ReadonlyArray<'fd' | 'nt'>;
  /** Re-checks every fd and NT handle the application holds; each lost one is also reported as a handle-lost event. */
  held(): HandleState[];
  /** What `handle` of `process` refers to now ("device:inode" for an fd), or undefined when it is not open. */
  identity(process: ProcessId, handle: number, handleKind: 'fd' | 'nt'): string | undefined;
}

export interface Backend {
  readonly kind: 'mock' | 'native';
  /** One line for reports: the profile or driver behind it, and whether its values are measured. */
  readonly description: string;
  readonly vulkan: VulkanBackend;
  readonly os: OsBackend;
  /**
   * The OS and D3D operations of the table of calls (scripts/registry/calls.mjs), one entry each, with
   * the inputs the session decoded and the outputs the row names (src/generated/calls.ts).
   */
  readonly operations: Operations;
  /** D3D is false where it does not exist (Linux, or the native backend without it): its operations then answer the row's `unavailable`. */
  readonly runtimes: Runtimes;
  /** Set by the session: receives the lifecycle events of each call as they happen. */
  onEvent?: (e: LifecycleEvent) => void;
  /** Where the backend can observe the application's handles (absent: it cannot). */
  readonly observer?: HandleObserver;
  /** Frees everything the backend holds (end of a scenario). */
  dispose(): void;
}
