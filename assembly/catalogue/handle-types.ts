// What each external memory handle type is and how it behaves, as the specification defines it.
// One row per VkExternalMemoryHandleTypeFlagBits value and per VkExternalMemoryHandleTypeFlagBitsNV value.
import * as vk from '../generated/registry';

// Platform.
export const PLATFORM_WINDOWS: u8 = 1;
export const PLATFORM_POSIX: u8 = 2;
export const PLATFORM_LINUX: u8 = 3;
export const PLATFORM_ANY: u8 = 4;
export const PLATFORM_ANDROID: u8 = 5;
export const PLATFORM_FUCHSIA: u8 = 6;
export const PLATFORM_QNX: u8 = 7;
export const PLATFORM_APPLE: u8 = 8;
export const PLATFORM_OHOS: u8 = 9;

// What the handle is.
export const HANDLE_NT: u8 = 1;
export const HANDLE_KMT: u8 = 2;
export const HANDLE_FD: u8 = 3;
export const HANDLE_HOST_POINTER: u8 = 4;
export const HANDLE_OTHER: u8 = 5; // a platform object (AHardwareBuffer, zircon VMO, Metal object, address)

// How allocationSize is decided when importing.
export const SIZE_MATCH_EXPORT: u8 = 1; // equal to the exporting allocation (opaque types)
export const SIZE_MATCH_D3D12_HEAP: u8 = 2; // equal to the heap's size
export const SIZE_IGNORED: u8 = 3; // the implementation asks the OS
export const SIZE_HOST_ALIGNED: u8 = 4; // a multiple of minImportedHostPointerAlignment
export const SIZE_APP: u8 = 5; // chosen by the application within the payload

// Who owns the handle after a successful import.
export const OWN_DRIVER: u8 = 1; // ownership moves to the implementation (fd)
export const OWN_APP_CLOSES: u8 = 2; // the application still owns it and must close it (NT handle)
export const OWN_NO_REFERENCE: u8 = 3; // the handle holds no reference; nothing to close (KMT)
export const OWN_APP_KEEPS_MEMORY: u8 = 4; // the application keeps the host memory alive
export const OWN_APP_KEEPS_OBJECT: u8 = 5; // the import takes its own reference; the app keeps its own

// Which identity must match between exporter and importer.
export const UUID_BOTH: u8 = 3; // driverUUID and deviceUUID
export const UUID_NONE: u8 = 0;

export class HandleType {
  constructor(
    public bit: i64,
    public nv: bool,
    public platform: u8,
    public handle: u8,
    public opaque: bool,
    public byName: bool,
    public size: u8,
    public ownership: u8,
    /** 0: any number of exports per memory object; 1: one per (memory, type) (VUID …-00663). */
    public oneExportPerMemory: bool,
    public uuid: u8,
    /** The corresponding bit in the other family (NV <-> KHR), 0 if none. */
    public counterpart: i64,
    /** APIs that produce such a handle, separated by '|'. */
    public producers: string,
    /** Import is by pointer and the payload is the host's, never exported by Vulkan. */
    public importOnly: bool,
  ) {}
}

const T = new Array<HandleType>();
function row(bit: i64, nv: bool, platform: u8, handle: u8, opaque: bool, byName: bool, size: u8, ownership: u8, one: bool, uuid: u8, counterpart: i64, producers: string, importOnly: bool = false): void {
  T.push(new HandleType(bit, nv, platform, handle, opaque, byName, size, ownership, one, uuid, counterpart, producers, importOnly));
}

row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT, false, PLATFORM_POSIX, HANDLE_FD, true, false, SIZE_MATCH_EXPORT, OWN_DRIVER, false, UUID_BOTH, 0, 'vkGetMemoryFdKHR');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT, false, PLATFORM_WINDOWS, HANDLE_NT, true, true, SIZE_MATCH_EXPORT, OWN_APP_CLOSES, true, UUID_BOTH, vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV, 'vkGetMemoryWin32HandleKHR');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT, false, PLATFORM_WINDOWS, HANDLE_KMT, true, false, SIZE_MATCH_EXPORT, OWN_NO_REFERENCE, false, UUID_BOTH, vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT_NV, 'vkGetMemoryWin32HandleKHR');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT, false, PLATFORM_WINDOWS, HANDLE_NT, false, true, SIZE_IGNORED, OWN_APP_CLOSES, true, UUID_BOTH, vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_BIT_NV, 'IDXGIResource1::CreateSharedHandle|vkGetMemoryWin32HandleKHR');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT, false, PLATFORM_WINDOWS, HANDLE_KMT, false, false, SIZE_IGNORED, OWN_NO_REFERENCE, false, UUID_BOTH, vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_KMT_BIT_NV, 'IDXGIResource::GetSharedHandle|vkGetMemoryWin32HandleKHR');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT, false, PLATFORM_WINDOWS, HANDLE_NT, false, true, SIZE_MATCH_D3D12_HEAP, OWN_APP_CLOSES, true, UUID_BOTH, 0, 'ID3D12Device::CreateSharedHandle|vkGetMemoryWin32HandleKHR');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_RESOURCE_BIT, false, PLATFORM_WINDOWS, HANDLE_NT, false, true, SIZE_IGNORED, OWN_APP_CLOSES, true, UUID_BOTH, 0, 'ID3D12Device::CreateSharedHandle|vkGetMemoryWin32HandleKHR');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT, false, PLATFORM_ANY, HANDLE_HOST_POINTER, false, false, SIZE_HOST_ALIGNED, OWN_APP_KEEPS_MEMORY, false, UUID_NONE, 0, 'malloc|aligned_alloc|VirtualAlloc', true);
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_MAPPED_FOREIGN_MEMORY_BIT_EXT, false, PLATFORM_ANY, HANDLE_HOST_POINTER, false, false, SIZE_HOST_ALIGNED, OWN_APP_KEEPS_MEMORY, false, UUID_NONE, 0, 'mmap of a device or foreign mapping', true);
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT, false, PLATFORM_LINUX, HANDLE_FD, false, false, SIZE_APP, OWN_DRIVER, false, UUID_NONE, 0, 'vkGetMemoryFdKHR|DRM PRIME export|dma-heap allocation');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_ANDROID_HARDWARE_BUFFER_BIT_ANDROID, false, PLATFORM_ANDROID, HANDLE_OTHER, false, false, SIZE_IGNORED, OWN_APP_KEEPS_OBJECT, false, UUID_NONE, 0, 'AHardwareBuffer_allocate|vkGetMemoryAndroidHardwareBufferANDROID');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_ZIRCON_VMO_BIT_FUCHSIA, false, PLATFORM_FUCHSIA, HANDLE_OTHER, false, false, SIZE_APP, OWN_DRIVER, false, UUID_NONE, 0, 'vkGetMemoryZirconHandleFUCHSIA|zx_vmo_create');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_RDMA_ADDRESS_BIT_NV, false, PLATFORM_LINUX, HANDLE_OTHER, false, false, SIZE_APP, OWN_APP_KEEPS_OBJECT, false, UUID_NONE, 0, 'vkGetMemoryRemoteAddressNV');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_SCREEN_BUFFER_BIT_QNX, false, PLATFORM_QNX, HANDLE_OTHER, false, false, SIZE_IGNORED, OWN_APP_KEEPS_OBJECT, false, UUID_NONE, 0, 'screen_create_buffer');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OH_NATIVE_BUFFER_BIT_OHOS, false, PLATFORM_OHOS, HANDLE_OTHER, false, false, SIZE_IGNORED, OWN_APP_KEEPS_OBJECT, false, UUID_NONE, 0, 'OH_NativeBuffer_Alloc|vkGetMemoryNativeBufferOHOS');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_MTLBUFFER_BIT_EXT, false, PLATFORM_APPLE, HANDLE_OTHER, false, false, SIZE_APP, OWN_APP_KEEPS_OBJECT, false, UUID_NONE, 0, 'MTLDevice newBuffer|vkGetMemoryMetalHandleEXT');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_MTLTEXTURE_BIT_EXT, false, PLATFORM_APPLE, HANDLE_OTHER, false, false, SIZE_IGNORED, OWN_APP_KEEPS_OBJECT, false, UUID_NONE, 0, 'MTLDevice newTexture|vkGetMemoryMetalHandleEXT');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_MTLHEAP_BIT_EXT, false, PLATFORM_APPLE, HANDLE_OTHER, false, false, SIZE_APP, OWN_APP_KEEPS_OBJECT, false, UUID_NONE, 0, 'MTLDevice newHeap|vkGetMemoryMetalHandleEXT');
// VK_NV_external_memory_win32: the NV extension does not state a transfer of ownership on import,
// so the KHR rule applies: NT handles stay with the application, KMT handles hold no reference.
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV, true, PLATFORM_WINDOWS, HANDLE_NT, true, false, SIZE_MATCH_EXPORT, OWN_APP_CLOSES, false, UUID_BOTH, vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT, 'vkGetMemoryWin32HandleNV');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT_NV, true, PLATFORM_WINDOWS, HANDLE_KMT, true, false, SIZE_MATCH_EXPORT, OWN_NO_REFERENCE, false, UUID_BOTH, vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT, 'vkGetMemoryWin32HandleNV');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_BIT_NV, true, PLATFORM_WINDOWS, HANDLE_NT, false, false, SIZE_IGNORED, OWN_APP_CLOSES, false, UUID_BOTH, vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT, 'IDXGIResource1::CreateSharedHandle');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_KMT_BIT_NV, true, PLATFORM_WINDOWS, HANDLE_KMT, false, false, SIZE_IGNORED, OWN_NO_REFERENCE, false, UUID_BOTH, vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT, 'IDXGIResource::GetSharedHandle');

export function handleTypeCount(): i32 { return T.length; }
export function handleTypeAt(i: i32): HandleType { return T[i]; }

/** The KHR row for a single bit, or null. */
export function khr(bit: i64): HandleType | null {
  for (let i = 0; i < T.length; i++) { const t = T[i]; if (!t.nv && t.bit == bit) return t; }
  return null;
}
/** The NV row for a single bit, or null. */
export function nvType(bit: i64): HandleType | null {
  for (let i = 0; i < T.length; i++) { const t = T[i]; if (t.nv && t.bit == bit) return t; }
  return null;
}

export function isWin32(bit: i64): bool { const t = khr(bit); return t != null && t.platform == PLATFORM_WINDOWS; }
export function isNtHandle(bit: i64): bool { const t = khr(bit); return t != null && t.handle == HANDLE_NT; }
export function isKmtHandle(bit: i64): bool { const t = khr(bit); return t != null && t.handle == HANDLE_KMT; }
export function isOpaque(bit: i64): bool { const t = khr(bit); return t != null && t.opaque; }
export function isSingleBit(v: i64): bool { return v != 0 && (v & (v - 1)) == 0; }

/** Handle types vkGetMemoryWin32HandleKHR / VkImportMemoryWin32HandleInfoKHR accept (VUID 00660/00664). */
export const WIN32_KHR_TYPES: i64 = vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT | vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT
  | vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT | vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT
  | vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT | vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_RESOURCE_BIT;
/** Types that may be imported by name (VUID 01439). */
export const BY_NAME_TYPES: i64 = vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT | vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT
  | vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT | vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_RESOURCE_BIT;
export const FD_TYPES: i64 = vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT | vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT;
export const HOST_TYPES: i64 = vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT | vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_MAPPED_FOREIGN_MEMORY_BIT_EXT;
export const OPAQUE_WIN32_TYPES: i64 = vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT | vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT;
export const D3D11_TYPES: i64 = vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT | vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT;
export const NT_TYPES: i64 = vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT | vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT
  | vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT | vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_RESOURCE_BIT;
