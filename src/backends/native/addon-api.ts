// The JavaScript face of the native addon (native/): what the C++ exports, and nothing more. The addon
// keeps every Vulkan object, fd, host allocation and Win32 handle in its own tables and hands out small
// numbers, so nothing JavaScript passes (a wrong type, a freed object, a huge number, another process's
// handle) can reach the driver as a dangling pointer: such calls throw a TypeError or RangeError, or
// return an error code. src/backends/native/index.ts wraps this into the Backend interface.
import type { AllocateDesc, BufferDesc, ExternalMemoryProperties, ImageDesc, ImageQuery, MemoryRequirements, PhysicalDeviceInfo } from '../types.js';

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
  externalImageFormatProperties(pd: number, q: ImageQuery & { handleType: number }): { result: number; external: ExternalMemoryProperties };
  externalImageFormatPropertiesNV(pd: number, q: ImageQuery & { handleTypes: number }): { result: number; external: ExternalMemoryProperties };
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
  /** Win32 only (returns 0 elsewhere): handles the addon made in this session. */
  closeHandle(handle: number): number;
  duplicateHandle(handle: number): number;
  /** The validation layer's messages since the last call. */
  takeLayerMessages(): LayerMessage[];
}
