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
export interface HandleEventRecord { what: 'closed' | 'replaced' | 'kept' | 'consumed' | 'copied' | 'substituted' | 'not-passed'; handle: number; other: number; during: string }

/**
 * What d3dAvailable() found: whether d3d11.dll / d3d12.dll load and make a device on the adapter, why
 * not when they do not (always said outside Windows), and the DXGI adapter's description.
 */
export interface D3DAvailability { d3d11: boolean; d3d12: boolean; reason?: string; adapter?: string }

/**
 * D3D descriptions as the addon takes them: `format` is a DXGI_FORMAT number, and the members the
 * backend's descriptions leave implicit (bind flags, resource dimension and flags) are explicit.
 * `adapterLUID` (8 bytes) picks the DXGI adapter; without it, that of the first Vulkan physical device
 * when its LUID is valid, else DXGI's default adapter.
 */
export interface D3D11TextureParams { adapterLUID?: Uint8Array; width: number; height: number; format: number; bindFlags: number; miscFlags: number }
export interface D3D11BufferParams { adapterLUID?: Uint8Array; byteWidth: number; bindFlags: number; miscFlags: number }
export interface D3D12HeapParams { adapterLUID?: Uint8Array; sizeInBytes: number; flags: number }
/** `dimension`: 1 (D3D12_RESOURCE_DIMENSION_BUFFER; height and format are then ignored) or 3 (TEXTURE2D). */
export interface D3D12ResourceParams { adapterLUID?: Uint8Array; width: number; height: number; format: number; dimension: number; heapFlags: number; resourceFlags: number }
/** An HRESULT and the new object's id (0 on failure); `size` in bytes where the runtime says (D3D12). */
export interface D3DMade { hr: number; object: number; size?: number }

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
  /** fds and host allocations the addon made or received in this session; others are refused (-1 / 0). */
  closeFd(fd: number): number;
  dupFd(fd: number): number;
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
  /** Win32 only (returns 0 elsewhere): handles the addon made in this session. */
  closeHandle(handle: number): number;
  duplicateHandle(handle: number): number;
  /** The validation layer's messages since the last call. */
  takeLayerMessages(): LayerMessage[];
  /**
   * D3D11/D3D12 (Windows; elsewhere every create answers E_NOTIMPL). Devices are made on first use, one
   * per runtime and adapter; objects live until d3dRelease or close(). Shared handles join the Win32
   * handle table: NT ones for closeHandle/duplicateHandle, KMT ones (never closed) for imports.
   */
  d3dAvailable(adapterLUID?: Uint8Array): D3DAvailability;
  d3d11CreateTexture2D(d: D3D11TextureParams): D3DMade;
  d3d11CreateBuffer(d: D3D11BufferParams): D3DMade;
  d3d12CreateHeap(d: D3D12HeapParams): D3DMade;
  d3d12CreateCommittedResource(d: D3D12ResourceParams): D3DMade;
  /** IDXGIResource1::CreateSharedHandle (D3D11 objects) or ID3D12Device::CreateSharedHandle (D3D12). */
  d3dCreateSharedHandle(object: number, access: number, name?: string, attributes?: { bInheritHandle: boolean }): { hr: number; handle: number };
  /** IDXGIResource::GetSharedHandle (D3D11 objects; E_INVALIDARG for D3D12 ones). */
  d3dGetSharedHandle(object: number): { hr: number; handle: number };
  d3dRelease(object: number): void;
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
  closeFd: NativeAddon['closeFd'];
  dupFd: NativeAddon['dupFd'];
  hostAlloc: NativeAddon['hostAlloc'];
  hostFree: NativeAddon['hostFree'];
  hostWrite: NativeAddon['hostWrite'];
  hostRead: NativeAddon['hostRead'];
  heldFds: NativeAddon['heldFds'];
  fdIdentity: NativeAddon['fdIdentity'];
  takeHandleEvents: NativeAddon['takeHandleEvents'];
  setObserving: NativeAddon['setObserving'];
  closeHandle: NativeAddon['closeHandle'];
  duplicateHandle: NativeAddon['duplicateHandle'];
  takeLayerMessages: NativeAddon['takeLayerMessages'];
  d3dAvailable: NativeAddon['d3dAvailable'];
  /** These return the HRESULT and put the new object's id in out[0] and its size (0: not known) in out[1]. */
  d3d11CreateTexture2D(adapterLUID: Uint8Array | undefined, width: number, height: number, format: number, bindFlags: number, miscFlags: number, out: Float64Array): number;
  d3d11CreateBuffer(adapterLUID: Uint8Array | undefined, byteWidth: number, bindFlags: number, miscFlags: number, out: Float64Array): number;
  d3d12CreateHeap(adapterLUID: Uint8Array | undefined, sizeInBytes: number, flags: number, out: Float64Array): number;
  d3d12CreateCommittedResource(adapterLUID: Uint8Array | undefined, width: number, height: number, format: number, dimension: number,
    heapFlags: number, resourceFlags: number, out: Float64Array): number;
  /** These return the HRESULT and put the handle in out[0]; `inherit` undefined passes no SECURITY_ATTRIBUTES. */
  d3dCreateSharedHandle(object: number, access: number, name: string | undefined, inherit: boolean | undefined, out: Float64Array): number;
  d3dGetSharedHandle(object: number, out: Float64Array): number;
  d3dRelease: NativeAddon['d3dRelease'];
}
