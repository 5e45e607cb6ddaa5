// What vk.xml does not say about each external memory handle type: the one hand-kept table of
// handle-type facts. scripts/gen-registry.mjs joins it with vk.xml's VkExternalMemoryHandleTypeFlagBits
// and VkExternalMemoryHandleTypeFlagBitsNV (bit, family, extension) and writes the catalogue, and every
// mask derived from it, into assembly/generated/handle-types.ts and src/generated/handle-types.ts.
// A row per enumerant of vk.xml, no more and no fewer: the generator refuses anything else.

/**
 * The words each column may hold, in the order of their numeric codes in the core (code = index + 1).
 * `core` is the constant's name in assembly/generated/handle-types.ts.
 */
export const VOCABULARY = {
  platform: [
    { word: 'Windows', core: 'PLATFORM_WINDOWS' },
    { word: 'POSIX', core: 'PLATFORM_POSIX' },
    { word: 'Linux', core: 'PLATFORM_LINUX' },
    { word: 'any', core: 'PLATFORM_ANY' },
    { word: 'Android', core: 'PLATFORM_ANDROID' },
    { word: 'Fuchsia', core: 'PLATFORM_FUCHSIA' },
    { word: 'QNX', core: 'PLATFORM_QNX' },
    { word: 'Apple', core: 'PLATFORM_APPLE' },
    { word: 'OpenHarmony', core: 'PLATFORM_OHOS' },
  ],
  /** What the handle is. */
  handle: [
    { word: 'NT', core: 'HANDLE_NT' },
    { word: 'KMT', core: 'HANDLE_KMT' },
    { word: 'fd', core: 'HANDLE_FD' },
    { word: 'host pointer', core: 'HANDLE_HOST_POINTER' },
    // An AHardwareBuffer, a zircon VMO, a Metal object, an address…
    { word: 'platform object', core: 'HANDLE_OTHER' },
  ],
  /** How allocationSize is decided when importing. */
  size: [
    { word: 'match-export', core: 'SIZE_MATCH_EXPORT' }, // equal to the exporting allocation's (opaque types)
    { word: 'match-d3d12-heap', core: 'SIZE_MATCH_D3D12_HEAP' }, // equal to the heap's size
    { word: 'ignored', core: 'SIZE_IGNORED' }, // the implementation takes it from the OS object
    { word: 'host-aligned', core: 'SIZE_HOST_ALIGNED' }, // a multiple of minImportedHostPointerAlignment
    { word: 'application', core: 'SIZE_APP' }, // chosen by the application within the payload
  ],
  /** Who owns the handle after a successful import. */
  ownership: [
    { word: 'driver', core: 'OWN_DRIVER' }, // the import takes it (fd)
    { word: 'app-closes', core: 'OWN_APP_CLOSES' }, // the application still owns it and closes it (NT handle)
    { word: 'no-reference', core: 'OWN_NO_REFERENCE' }, // the handle holds no reference; nothing to close (KMT)
    { word: 'app-keeps-memory', core: 'OWN_APP_KEEPS_MEMORY' }, // the application keeps the host memory alive
    { word: 'app-keeps-object', core: 'OWN_APP_KEEPS_OBJECT' }, // the import takes its own reference
  ],
  /**
   * What the import resolver and the chain builder make a payload of this type from (request.ts's
   * source kinds, in the order forms list them); '' for types they do not build.
   */
  source: [
    { word: 'vulkan', core: 'SOURCE_VULKAN' },
    { word: 'd3d11-texture', core: 'SOURCE_D3D11_TEXTURE' },
    { word: 'd3d12-heap', core: 'SOURCE_D3D12_HEAP' },
    { word: 'd3d12-resource', core: 'SOURCE_D3D12_RESOURCE' },
    { word: 'dma-buf', core: 'SOURCE_DMA_BUF' },
    { word: 'host-pointer', core: 'SOURCE_HOST_POINTER' },
  ],
};

/**
 * Columns (every row states every one):
 * - platform, handle, size, ownership, source: words of VOCABULARY.
 * - opaque: only the driver that made the payload knows its layout.
 * - byName: the payload can be imported by the name it was given (VUID-…-01440).
 * - oneExportPerMemory: one vkGet…Handle export per memory object and type (VUID-…-00663).
 * - uuids: the exporting and importing devices must report the same driverUUID and deviceUUID.
 * - producers: the APIs that make such a handle.
 * - importOnly: imported by pointer from the host's memory, never exported by Vulkan.
 * - dedicatedOnly: every implementation reports the type DEDICATED_ONLY (an import is always dedicated).
 * - keyedMutex: memory imported as this type carries a keyed mutex (VK_KHR_win32_keyed_mutex).
 * - profiled: `profile capture` asks drivers about it (changing this changes every captured profile).
 * - counterpart (NV rows only): the KHR type of the same kind; the KHR side is derived from it.
 */
const BASE = { opaque: false, byName: false, oneExportPerMemory: false, uuids: false, importOnly: false, dedicatedOnly: false, keyedMutex: false, source: '', profiled: true };
const WINDOWS = { ...BASE, platform: 'Windows', uuids: true };
const NT = { ...WINDOWS, handle: 'NT', ownership: 'app-closes', oneExportPerMemory: true };
const KMT = { ...WINDOWS, handle: 'KMT', ownership: 'no-reference' };
const HOST = { ...BASE, platform: 'any', handle: 'host pointer', size: 'host-aligned', ownership: 'app-keeps-memory', importOnly: true };
const OTHER = { ...BASE, handle: 'platform object', ownership: 'app-keeps-object', profiled: false };

export const HANDLE_TYPE_FACTS = {
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT: { ...BASE, platform: 'POSIX', handle: 'fd', opaque: true, size: 'match-export', ownership: 'driver', uuids: true, producers: ['vkGetMemoryFdKHR'], source: 'vulkan' },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT: { ...NT, opaque: true, byName: true, size: 'match-export', producers: ['vkGetMemoryWin32HandleKHR'], source: 'vulkan' },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT: { ...KMT, opaque: true, size: 'match-export', producers: ['vkGetMemoryWin32HandleKHR'], source: 'vulkan' },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT: { ...NT, byName: true, size: 'ignored', dedicatedOnly: true, keyedMutex: true, producers: ['IDXGIResource1::CreateSharedHandle', 'vkGetMemoryWin32HandleKHR'], source: 'd3d11-texture' },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT: { ...KMT, size: 'ignored', dedicatedOnly: true, keyedMutex: true, producers: ['IDXGIResource::GetSharedHandle', 'vkGetMemoryWin32HandleKHR'], source: 'd3d11-texture' },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT: { ...NT, byName: true, size: 'match-d3d12-heap', producers: ['ID3D12Device::CreateSharedHandle', 'vkGetMemoryWin32HandleKHR'], source: 'd3d12-heap' },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_RESOURCE_BIT: { ...NT, byName: true, size: 'ignored', dedicatedOnly: true, producers: ['ID3D12Device::CreateSharedHandle', 'vkGetMemoryWin32HandleKHR'], source: 'd3d12-resource' },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT: { ...HOST, producers: ['malloc', 'aligned_alloc', 'VirtualAlloc'], source: 'host-pointer' },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_MAPPED_FOREIGN_MEMORY_BIT_EXT: { ...HOST, producers: ['mmap of a device or foreign mapping'] },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT: { ...BASE, platform: 'Linux', handle: 'fd', size: 'application', ownership: 'driver', producers: ['vkGetMemoryFdKHR', 'DRM PRIME export', 'dma-heap allocation'], source: 'dma-buf' },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_ANDROID_HARDWARE_BUFFER_BIT_ANDROID: { ...OTHER, platform: 'Android', size: 'ignored', producers: ['AHardwareBuffer_allocate', 'vkGetMemoryAndroidHardwareBufferANDROID'], profiled: true },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_ZIRCON_VMO_BIT_FUCHSIA: { ...OTHER, platform: 'Fuchsia', size: 'application', ownership: 'driver', producers: ['vkGetMemoryZirconHandleFUCHSIA', 'zx_vmo_create'], profiled: true },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_RDMA_ADDRESS_BIT_NV: { ...OTHER, platform: 'Linux', size: 'application', producers: ['vkGetMemoryRemoteAddressNV'], profiled: true },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_SCREEN_BUFFER_BIT_QNX: { ...OTHER, platform: 'QNX', size: 'ignored', producers: ['screen_create_buffer'] },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_OH_NATIVE_BUFFER_BIT_OHOS: { ...OTHER, platform: 'OpenHarmony', size: 'ignored', producers: ['OH_NativeBuffer_Alloc', 'vkGetMemoryNativeBufferOHOS'] },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_MTLBUFFER_BIT_EXT: { ...OTHER, platform: 'Apple', size: 'application', producers: ['MTLDevice newBuffer', 'vkGetMemoryMetalHandleEXT'] },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_MTLTEXTURE_BIT_EXT: { ...OTHER, platform: 'Apple', size: 'ignored', producers: ['MTLDevice newTexture', 'vkGetMemoryMetalHandleEXT'] },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_MTLHEAP_BIT_EXT: { ...OTHER, platform: 'Apple', size: 'application', producers: ['MTLDevice newHeap', 'vkGetMemoryMetalHandleEXT'] },
  // VK_NV_external_memory_win32 states no transfer of ownership on import, so the KHR rule applies: NT
  // handles stay with the application, KMT handles hold no reference. No import by name, and no limit
  // on exports per memory object.
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV: { ...NT, oneExportPerMemory: false, opaque: true, size: 'match-export', counterpart: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT', producers: ['vkGetMemoryWin32HandleNV'], source: 'vulkan' },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT_NV: { ...KMT, opaque: true, size: 'match-export', counterpart: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT', producers: ['vkGetMemoryWin32HandleNV'], source: 'vulkan' },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_BIT_NV: { ...NT, oneExportPerMemory: false, size: 'ignored', counterpart: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT', producers: ['IDXGIResource1::CreateSharedHandle'] },
  VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_KMT_BIT_NV: { ...KMT, size: 'ignored', counterpart: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT', producers: ['IDXGIResource::GetSharedHandle'] },
};

/**
 * Rules whose condition singles out some handle types: the rule's text names them, or it is on a
 * structure that carries several types and holds for only some of them. `when` is asked of each
 * catalogue row (its columns above, with `name` and `nv`); the rule concerns exactly the rows it
 * holds for. The explorer lists each type's rules from these, and from its family's structures.
 */
export const TYPE_VUIDS = [
  // A Vulkan-made opaque Win32 payload: the import uses the exporter's size and memory type.
  { vuids: ['VUID-VkMemoryAllocateInfo-allocationSize-01743'], when: (t) => !t.nv && t.opaque && t.platform === 'Windows' },
  // A dedicated import of a Win32 payload Vulkan made must match the exporter's dedication.
  { vuids: ['VUID-VkMemoryDedicatedAllocateInfo-image-01876', 'VUID-VkMemoryDedicatedAllocateInfo-buffer-01877'], when: (t) => !t.nv && (t.handle === 'NT' || t.handle === 'KMT') },
  // One export per memory object and type (NT handles; a KMT value can be fetched again).
  { vuids: ['VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663'], when: (t) => t.oneExportPerMemory },
  // The handle-properties query refuses opaque types; D3D types may (and should) ask it.
  { vuids: ['VUID-vkGetMemoryWin32HandlePropertiesKHR-handleType-00666'], when: (t) => !t.nv && t.opaque && t.platform === 'Windows' },
  // Import by name.
  { vuids: ['VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01440', 'VUID-VkImportMemoryWin32HandleInfoKHR-name-01519'], when: (t) => t.byName },
  // The properties query refuses it, and the importer must be the exporter's driver and device.
  { vuids: ['VUID-vkGetMemoryFdPropertiesKHR-handleType-00674', 'VUID-VkImportMemoryFdInfoKHR-fd-01520', 'VUID-VkImportMemoryFdInfoKHR-fd-01746'], when: (t) => !t.nv && t.opaque && t.handle === 'fd' },
  // Host pointers: ordinary host memory, and host-mapped foreign memory, each its own rules.
  { vuids: ['VUID-VkImportMemoryHostPointerInfoEXT-handleType-01750', 'VUID-vkGetMemoryHostPointerPropertiesEXT-handleType-01754'], when: (t) => t.name === 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT' },
  { vuids: ['VUID-VkImportMemoryHostPointerInfoEXT-handleType-01751', 'VUID-vkGetMemoryHostPointerPropertiesEXT-handleType-01755'], when: (t) => t.name === 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_MAPPED_FOREIGN_MEMORY_BIT_EXT' },
];
