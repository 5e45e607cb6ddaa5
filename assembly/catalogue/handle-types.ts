// What each external memory handle type is and how it behaves, as the specification defines it.
// One row per VkExternalMemoryHandleTypeFlagBits value and per VkExternalMemoryHandleTypeFlagBitsNV value.
import * as vk from '../generated/registry';

// The codes of each column (platform, what the handle is, how allocationSize is decided on import,
// who owns the handle after a successful import, which identity must match) are the contract's:
// TypeScript shows them with the words generated beside them (src/generated/contract.ts).
import {
  PLATFORM_WINDOWS, PLATFORM_POSIX, PLATFORM_LINUX, PLATFORM_ANY, PLATFORM_ANDROID, PLATFORM_FUCHSIA, PLATFORM_QNX,
  PLATFORM_APPLE, PLATFORM_OHOS, HANDLE_NT, HANDLE_KMT, HANDLE_FD, HANDLE_HOST_POINTER, HANDLE_OTHER,
  IMPORT_SIZE_MATCH_EXPORT, IMPORT_SIZE_MATCH_D3D12_HEAP, IMPORT_SIZE_IGNORED, IMPORT_SIZE_HOST_ALIGNED,
  IMPORT_SIZE_APP, OWN_DRIVER, OWN_APP_CLOSES, OWN_NO_REFERENCE, OWN_APP_KEEPS_MEMORY, OWN_APP_KEEPS_OBJECT,
  UUID_BOTH, UUID_NONE,
} from '../generated/contract';

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

row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT, false, PLATFORM_POSIX, HANDLE_FD, true, false, IMPORT_SIZE_MATCH_EXPORT, OWN_DRIVER, false, UUID_BOTH, 0, 'vkGetMemoryFdKHR');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT, false, PLATFORM_WINDOWS, HANDLE_NT, true, true, IMPORT_SIZE_MATCH_EXPORT, OWN_APP_CLOSES, true, UUID_BOTH, vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV, 'vkGetMemoryWin32HandleKHR');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT, false, PLATFORM_WINDOWS, HANDLE_KMT, true, false, IMPORT_SIZE_MATCH_EXPORT, OWN_NO_REFERENCE, false, UUID_BOTH, vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT_NV, 'vkGetMemoryWin32HandleKHR');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT, false, PLATFORM_WINDOWS, HANDLE_NT, false, true, IMPORT_SIZE_IGNORED, OWN_APP_CLOSES, true, UUID_BOTH, vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_BIT_NV, 'IDXGIResource1::CreateSharedHandle|vkGetMemoryWin32HandleKHR');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT, false, PLATFORM_WINDOWS, HANDLE_KMT, false, false, IMPORT_SIZE_IGNORED, OWN_NO_REFERENCE, false, UUID_BOTH, vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_KMT_BIT_NV, 'IDXGIResource::GetSharedHandle|vkGetMemoryWin32HandleKHR');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT, false, PLATFORM_WINDOWS, HANDLE_NT, false, true, IMPORT_SIZE_MATCH_D3D12_HEAP, OWN_APP_CLOSES, true, UUID_BOTH, 0, 'ID3D12Device::CreateSharedHandle|vkGetMemoryWin32HandleKHR');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_RESOURCE_BIT, false, PLATFORM_WINDOWS, HANDLE_NT, false, true, IMPORT_SIZE_IGNORED, OWN_APP_CLOSES, true, UUID_BOTH, 0, 'ID3D12Device::CreateSharedHandle|vkGetMemoryWin32HandleKHR');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT, false, PLATFORM_ANY, HANDLE_HOST_POINTER, false, false, IMPORT_SIZE_HOST_ALIGNED, OWN_APP_KEEPS_MEMORY, false, UUID_NONE, 0, 'malloc|aligned_alloc|VirtualAlloc', true);
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_MAPPED_FOREIGN_MEMORY_BIT_EXT, false, PLATFORM_ANY, HANDLE_HOST_POINTER, false, false, IMPORT_SIZE_HOST_ALIGNED, OWN_APP_KEEPS_MEMORY, false, UUID_NONE, 0, 'mmap of a device or foreign mapping', true);
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT, false, PLATFORM_LINUX, HANDLE_FD, false, false, IMPORT_SIZE_APP, OWN_DRIVER, false, UUID_NONE, 0, 'vkGetMemoryFdKHR|DRM PRIME export|dma-heap allocation');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_ANDROID_HARDWARE_BUFFER_BIT_ANDROID, false, PLATFORM_ANDROID, HANDLE_OTHER, false, false, IMPORT_SIZE_IGNORED, OWN_APP_KEEPS_OBJECT, false, UUID_NONE, 0, 'AHardwareBuffer_allocate|vkGetMemoryAndroidHardwareBufferANDROID');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_ZIRCON_VMO_BIT_FUCHSIA, false, PLATFORM_FUCHSIA, HANDLE_OTHER, false, false, IMPORT_SIZE_APP, OWN_DRIVER, false, UUID_NONE, 0, 'vkGetMemoryZirconHandleFUCHSIA|zx_vmo_create');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_RDMA_ADDRESS_BIT_NV, false, PLATFORM_LINUX, HANDLE_OTHER, false, false, IMPORT_SIZE_APP, OWN_APP_KEEPS_OBJECT, false, UUID_NONE, 0, 'vkGetMemoryRemoteAddressNV');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_SCREEN_BUFFER_BIT_QNX, false, PLATFORM_QNX, HANDLE_OTHER, false, false, IMPORT_SIZE_IGNORED, OWN_APP_KEEPS_OBJECT, false, UUID_NONE, 0, 'screen_create_buffer');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OH_NATIVE_BUFFER_BIT_OHOS, false, PLATFORM_OHOS, HANDLE_OTHER, false, false, IMPORT_SIZE_IGNORED, OWN_APP_KEEPS_OBJECT, false, UUID_NONE, 0, 'OH_NativeBuffer_Alloc|vkGetMemoryNativeBufferOHOS');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_MTLBUFFER_BIT_EXT, false, PLATFORM_APPLE, HANDLE_OTHER, false, false, IMPORT_SIZE_APP, OWN_APP_KEEPS_OBJECT, false, UUID_NONE, 0, 'MTLDevice newBuffer|vkGetMemoryMetalHandleEXT');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_MTLTEXTURE_BIT_EXT, false, PLATFORM_APPLE, HANDLE_OTHER, false, false, IMPORT_SIZE_IGNORED, OWN_APP_KEEPS_OBJECT, false, UUID_NONE, 0, 'MTLDevice newTexture|vkGetMemoryMetalHandleEXT');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_MTLHEAP_BIT_EXT, false, PLATFORM_APPLE, HANDLE_OTHER, false, false, IMPORT_SIZE_APP, OWN_APP_KEEPS_OBJECT, false, UUID_NONE, 0, 'MTLDevice newHeap|vkGetMemoryMetalHandleEXT');
// VK_NV_external_memory_win32: the NV extension does not state a transfer of ownership on import,
// so the KHR rule applies: NT handles stay with the application, KMT handles hold no reference.
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV, true, PLATFORM_WINDOWS, HANDLE_NT, true, false, IMPORT_SIZE_MATCH_EXPORT, OWN_APP_CLOSES, false, UUID_BOTH, vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT, 'vkGetMemoryWin32HandleNV');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT_NV, true, PLATFORM_WINDOWS, HANDLE_KMT, true, false, IMPORT_SIZE_MATCH_EXPORT, OWN_NO_REFERENCE, false, UUID_BOTH, vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT, 'vkGetMemoryWin32HandleNV');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_BIT_NV, true, PLATFORM_WINDOWS, HANDLE_NT, false, false, IMPORT_SIZE_IGNORED, OWN_APP_CLOSES, false, UUID_BOTH, vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT, 'IDXGIResource1::CreateSharedHandle');
row(vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_KMT_BIT_NV, true, PLATFORM_WINDOWS, HANDLE_KMT, false, false, IMPORT_SIZE_IGNORED, OWN_NO_REFERENCE, false, UUID_BOTH, vk.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT, 'IDXGIResource::GetSharedHandle');

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
