// The JavaScript face of the native addon (native/): what the C++ exports, and nothing more. The addon
// keeps every Vulkan object, fd, host allocation and Win32 handle in its own tables and hands out small
// numbers, so nothing JavaScript passes (a wrong type, a freed object, a huge number, another process's
// handle) can reach the driver as a dangling pointer: such calls throw a TypeError or RangeError, or
// return an error code. Two faces:
//  - RawAddon is what the C++ exports. Frequent calls take plain numbers, and a call that answers more
//    than one number returns its VkResult and writes the rest into a Float64Array passed last (`out`):
//    building result objects and reading argument objects in C++ costs more than the driver call.
//  - NativeAddon is the same with objects in and out (addon-calls.ts binds one to the other), and
//    src/backends/native/index.ts wraps that into the Backend interface.
import type { AllocateDesc, BufferDesc, ExternalMemoryProperties, ImageDesc, ImageFormatAnswer, ImageQuery, MemoryRequirements, PhysicalDeviceInfo } from '../types.js';
import type { BackendOperation, OperationInputs, OperationResults } from '../../generated/calls.js';

export interface OpenOptions {
  /** VK_MAKE_API_VERSION value for VkApplicationInfo (default 1.1). */
  apiVersion?: number;
  /** Enable VK_LAYER_KHRONOS_validation and collect its messages through VK_EXT_debug_utils. */
  validation?: boolean;
  /** With validation: the messenger callback returns VK_TRUE, so the layer skips the calls it reports. */
  skipReported?: boolean;
}

export interface OpenResult {
  ok: boolean;
  /** Why the addon cannot talk to a driver: no loader, no ICD, instance creation failed (with the VkResult). */
  error?: string;
  /** The loader library that was opened (libvulkan.so.1, vulkan-1.dll). */
  loader?: string;
  /** Whether the validation layer was found and enabled. */
  validation?: boolean;
}

export interface LayerMessage { severity: 'error' | 'warning' | 'info' | 'verbose'; vuid: string; message: string }

/**
 * What the addon saw happen to an fd (or handle) of the application that the application did not do,
 * and what it did not pass as written: "closed" and "replaced" (the fd is no longer the file it was),
 * "kept" and "consumed" (a successful import took it: still open, or closed by the driver), "copied"
 * (a new fd `other` on the same file appeared during the call; observing mode), "substituted" (the driver
 * was shown `other` instead), "not-passed" (the addon answered the call itself; `during` says why).
 */
export interface HandleEventRecord { what: 'closed' | 'replaced' | 'kept' | 'consumed' | 'copied' | 'substituted' | 'not-passed' | OperationEventKind; handle: number; other: number; during: string }
/**
 * What an operation of the table did to the application's handles, as its C++ function logs it: an NT
 * or KMT handle made (CreateSharedHandle, GetSharedHandle), an NT handle or fd the application closed,
 * and ExitProcess ("exited": `handle` is how many NT handles and fds the application still held, all
 * closed then, as the OS closes them when a process ends).
 */
export type OperationEventKind = 'created-nt' | 'created-kmt' | 'closed-nt' | 'closed-fd' | 'exited';

/**
 * What d3dAvailable() found: whether d3d11.dll / d3d12.dll load and make a device on the adapter, why
 * not when they do not (always said outside Windows), and the DXGI adapter's description.
 */
export interface D3DAvailability { d3d11: boolean; d3d12: boolean; reason?: string; adapter?: string }

/** Everything the addon exports. Handles are addon ids (nonzero numbers); 0 is VK_NULL_HANDLE. */
export interface NativeAddon {
  /** The platform the addon was built for. */
  readonly platform: 'linux' | 'win32' | 'darwin';
  /** Loads the Vulkan loader at run time and creates an instance. Safe to call again after close(). */
  open(o?: OpenOptions): OpenResult;
  /** Destroys everything the session made (devices, memory, fds and handles it owns) and the instance. */
  close(): void;
  physicalDevices(): PhysicalDeviceInfo[];
  externalBufferProperties(pd: number, q: { flags: number; usage: number; handleType: number }): ExternalMemoryProperties;
  /**
   * Many buffer queries in one call: `queries` holds (flags, usage, handleType) triples, and `out` (at
   * least as long; it may be `queries` itself) receives (externalMemoryFeatures,
   * exportFromImportedHandleTypes, compatibleHandleTypes) triples. Returns the number of queries.
   */
  externalBufferPropertiesBatch(pd: number, queries: Uint32Array, out: Uint32Array): number;
  /** Without `handleType`, the plain query: no external structure on either side. */
  externalImageFormatProperties(pd: number, q: ImageQuery & { handleType?: number }): ImageFormatAnswer;
  externalImageFormatPropertiesNV(pd: number, q: ImageQuery & { handleTypes: number }): ImageFormatAnswer;
  /** vkGetPhysicalDeviceImageFormatProperties (Vulkan 1.0). */
  imageFormatProperties(pd: number, q: ImageQuery): ImageFormatAnswer;
  /**
   * Many image queries in one call: `queries` holds 7-tuples (format, type, tiling, usage, flags,
   * handleType, mode; mode 0 plain, 1 with the external structure, 2 NV, 3 Vulkan 1.0) and `out` receives
   * 11 numbers per query (VkResult, features, exportFrom, compatible, maxExtent width/height/depth,
   * maxMipLevels, maxArrayLayers, sampleCounts, maxResourceSize). Returns the number of queries.
   */
  imageFormatBatch(pd: number, queries: Uint32Array, out: Float64Array): number;
  createDevice(pd: number, extensions: string[]): { result: number; handle: number };
  destroyDevice(dev: number): void;
  createBuffer(dev: number, d: BufferDesc): { result: number; handle: number };
  createImage(dev: number, d: ImageDesc): { result: number; handle: number };
  destroyBuffer(dev: number, b: number): void;
  destroyImage(dev: number, i: number): void;
  bufferRequirements(dev: number, b: number): MemoryRequirements;
  imageRequirements(dev: number, i: number): MemoryRequirements;
  /** Imports take an fd from the addon's table (handed to the driver only if the import succeeds). */
  allocate(dev: number, d: AllocateDesc): { result: number; handle: number };
  free(dev: number, mem: number): void;
  bindBuffer(dev: number, b: number, mem: number, offset: number): number;
  bindImage(dev: number, i: number, mem: number, offset: number): number;
  map(dev: number, mem: number, offset: number, size: number): number;
  unmap(dev: number, mem: number): void;
  write(mem: number, offset: number, bytes: Uint8Array): void;
  read(mem: number, offset: number, size: number): Uint8Array;
  getFd(dev: number, mem: number, handleType: number): { result: number; value: number };
  getWin32Handle(dev: number, mem: number, handleType: number): { result: number; value: number };
  getWin32HandleNV(dev: number, mem: number, handleTypeNV: number): { result: number; value: number };
  fdProperties(dev: number, handleType: number, fd: number): { result: number; memoryTypeBits: number };
  win32HandleProperties(dev: number, handleType: number, handle: number): { result: number; memoryTypeBits: number };
  hostPointerProperties(dev: number, handleType: number, pointer: number): { result: number; memoryTypeBits: number };
  /** Host allocations the addon made in this session; others are refused (0). */
  hostAlloc(size: number, alignment: number): number;
  hostFree(pointer: number): void;
  /** Bytes through a host pointer inside a block from hostAlloc (false / undefined outside one). */
  hostWrite(pointer: number, bytes: Uint8Array): boolean;
  hostRead(pointer: number, size: number): Uint8Array | undefined;
  /** Every fd the application holds, checked now (one found closed or replaced shows in takeHandleEvents). */
  heldFds(): Array<{ fd: number; identity: string }>;
  /** "device:inode" of what `fd` refers to now, "" when it is not open. */
  fdIdentity(fd: number): string;
  /** The events since the last call (see HandleEventRecord). */
  takeHandleEvents(): HandleEventRecord[];
  /** Observing mode: extra system calls to see a driver keep a copy of an fd it was shown. */
  setObserving(on: boolean): void;
  /** The validation layer's messages since the last call. */
  takeLayerMessages(): LayerMessage[];
  /**
   * Lets this process pass on a KMT value another process of the session made (a name in a global table,
   * never closed or duplicated by the addon, so taking any number harms nothing). NT handles are never
   * taken this way: a copy into this process is made by this process's own DuplicateHandle.
   */
  adoptKmt(value: number): void;
  /**
   * Whether D3D11/D3D12 make a device on the adapter (Windows; elsewhere both false, with the reason).
   * Devices are made on first use, one per runtime and adapter; objects live until D3DRelease or close().
   */
  d3dAvailable(adapterLUID?: Uint8Array): D3DAvailability;
  /**
   * A backend operation of the table of calls, with the row's inputs: the addon's function for it where
   * it runs one on this platform, else the row's "unavailable" result. Handles, fds and objects are the
   * ones this session made (others are refused: 0 / -1 / E_INVALIDARG).
   */
  operation<K extends BackendOperation>(name: K, args: OperationInputs[K]): OperationResults[K];
}

/** What the C++ exports: NativeAddon's calls in the addon's own calling convention (see the top). */
export interface RawAddon {
  readonly platform: NativeAddon['platform'];
  open: NativeAddon['open'];
  close: NativeAddon['close'];
  physicalDevices: NativeAddon['physicalDevices'];
  /** out: features, exportFromImportedHandleTypes, compatibleHandleTypes. */
  externalBufferProperties(pd: number, flags: number, usage: number, handleType: number, out: Float64Array): void;
  externalBufferPropertiesBatch: NativeAddon['externalBufferPropertiesBatch'];
  /** Return the VkResult; out: features, exportFrom, compatible, then the 7 VkImageFormatProperties numbers (see imageFormatBatch). */
  externalImageFormatProperties(pd: number, format: number, type: number, tiling: number, usage: number, flags: number, handleType: number | undefined, out: Float64Array): number;
  externalImageFormatPropertiesNV(pd: number, format: number, type: number, tiling: number, usage: number, flags: number, handleTypesNV: number, out: Float64Array): number;
  imageFormatProperties(pd: number, format: number, type: number, tiling: number, usage: number, flags: number, out: Float64Array): number;
  imageFormatBatch: NativeAddon['imageFormatBatch'];
  /** These return the VkResult and put the new object's id in out[0]. */
  createDevice(pd: number, extensions: string[], out: Float64Array): number;
  createBuffer(dev: number, d: BufferDesc, out: Float64Array): number;
  createImage(dev: number, d: ImageDesc, out: Float64Array): number;
  allocate(dev: number, d: AllocateDesc, out: Float64Array): number;
  destroyDevice: NativeAddon['destroyDevice'];
  destroyBuffer: NativeAddon['destroyBuffer'];
  destroyImage: NativeAddon['destroyImage'];
  /** out: size, alignment, memoryTypeBits, prefersDedicatedAllocation (0/1), requiresDedicatedAllocation (0/1). */
  bufferRequirements(dev: number, b: number, out: Float64Array): void;
  imageRequirements(dev: number, i: number, out: Float64Array): void;
  free: NativeAddon['free'];
  bindBuffer: NativeAddon['bindBuffer'];
  bindImage: NativeAddon['bindImage'];
  map: NativeAddon['map'];
  unmap: NativeAddon['unmap'];
  write: NativeAddon['write'];
  read: NativeAddon['read'];
  /** These return the VkResult and put the fd, handle or memoryTypeBits in out[0]. */
  getFd(dev: number, mem: number, handleType: number, out: Float64Array): number;
  getWin32Handle(dev: number, mem: number, handleType: number, out: Float64Array): number;
  getWin32HandleNV(dev: number, mem: number, handleTypeNV: number, out: Float64Array): number;
  fdProperties(dev: number, handleType: number, fd: number, out: Float64Array): number;
  win32HandleProperties(dev: number, handleType: number, handle: number, out: Float64Array): number;
  hostPointerProperties(dev: number, handleType: number, pointer: number, out: Float64Array): number;
  hostAlloc: NativeAddon['hostAlloc'];
  hostFree: NativeAddon['hostFree'];
  hostWrite: NativeAddon['hostWrite'];
  hostRead: NativeAddon['hostRead'];
  heldFds: NativeAddon['heldFds'];
  fdIdentity: NativeAddon['fdIdentity'];
  takeHandleEvents: NativeAddon['takeHandleEvents'];
  setObserving: NativeAddon['setObserving'];
  takeLayerMessages: NativeAddon['takeLayerMessages'];
  d3dAvailable: NativeAddon['d3dAvailable'];
  adoptKmt: NativeAddon['adoptKmt'];
  /** Returns the operation's result and writes its outputs into `out` (native/src/generated/operations.h says where). */
  operation(name: BackendOperation, args: object, out: Float64Array): number | undefined;
}
