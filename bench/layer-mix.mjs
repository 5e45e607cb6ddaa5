// The fixed mix of external-memory calls that bench/layer.mjs runs through the Khronos validation layer
// (native backend on lavapipe) and through the model. Each call exists twice, from one definition: as
// a backend call (`run`, on the Backend interface, so the native and the mock backend both take it)
// and as the call records the model checks (`records`, built from the driver's answers).
//
// The world (a device; an external and a plain buffer; an external image; exportable memory bound to the
// external buffer, and one fd exported from it; plain memory) is made once per backend by `buildWorld`;
// `worldRecords` writes the same calls, with the answers the backend gave, for the model. The mix calls
// are then repeated many times, so each one leaves the world as it found it: valid calls undo what they
// make (a buffer made, bound and destroyed; an fd got and closed), and invalid calls change nothing in a
// driver whose layer skips them (the layer's callback returns VK_TRUE) nor in the model (their records
// carry the failure the application sees).
//
// Valid calls are ones that cost little in the driver, so the layer's added cost is not drowned by the
// driver's own work (an image format query, about 3 µs in lavapipe, is left out for that reason; the
// invalid one stays, as the layer stops it before the driver). Invalid calls break one rule each;
// `layer` names what Debian's 1.3.239 layer reports for them (null: that layer lets the call through),
// which the benchmark measures again and test/bench/layer-mix.test.ts pins.

export const OPAQUE_FD = 0x1;
export const OPAQUE_WIN32 = 0x2;
export const HOST_ALLOCATION = 0x80;
export const DEVICE_EXTENSIONS = ['VK_KHR_external_memory_fd', 'VK_EXT_external_memory_host'];
const API_1_1 = 4198400;
const BUFFER_USAGE = 3; // TRANSFER_SRC | TRANSFER_DST
const BUFFER_SIZE = 65536;
// A 64×64 R8G8B8A8_UNORM 2D image, optimal tiling, transfer and sampled usage.
const IMAGE_QUERY = { format: 37, type: 1, tiling: 0, usage: 7, flags: 0 };
const IMAGE = { imageType: 1, format: 37, width: 64, height: 64, depth: 1, mipLevels: 1, arrayLayers: 1, samples: 1, tiling: 0, usage: 7, flags: 0, sharingMode: 0, initialLayout: 0 };
/** The fd the world exports once (imports and fd queries use it) and the fd each export round gets. */
const WORLD_FD = 5;
const ROUND_FD = 6;
const VALIDATION_FAILED = 'VK_ERROR_VALIDATION_FAILED_EXT';

const plainAlloc = (allocationSize, memoryTypeIndex) =>
  ({ allocationSize, memoryTypeIndex });

function must(what, r) {
  const code = typeof r === 'number' ? r : r.result;
  if (code !== 0) throw new Error(`layer mix: ${what} failed with VkResult ${code}`);
  return r;
}

/**
 * Makes the world on a backend (native or mock) and returns its handles and the driver's answers.
 * Throws naming the call when the driver refuses one (a device without OPAQUE_FD export cannot run
 * the mix).
 */
export function buildWorld(b) {
  const api = b.vulkan;
  const device = api.physicalDevices()[0];
  if (!device) throw new Error('layer mix: the backend has no physical device');
  const pd = device.handle;
  const bufferAnswers = {};
  for (const t of [OPAQUE_FD, OPAQUE_WIN32]) bufferAnswers[t] = api.externalBufferProperties(pd, { flags: 0, usage: BUFFER_USAGE, handleType: t });
  if (!(bufferAnswers[OPAQUE_FD].externalMemoryFeatures & 0x6)) throw new Error('layer mix: the device cannot export and import OPAQUE_FD buffers');
  const imageAnswer = must('vkGetPhysicalDeviceImageFormatProperties2 (OPAQUE_FD)', api.externalImageFormatProperties(pd, { ...IMAGE_QUERY, handleType: OPAQUE_FD })).external;
  const dev = must('vkCreateDevice', api.createDevice(pd, DEVICE_EXTENSIONS)).handle;
  const bufX = must('vkCreateBuffer (external)', api.createBuffer(dev, { size: BUFFER_SIZE, usage: BUFFER_USAGE, flags: 0, sharingMode: 0, externalHandleTypes: OPAQUE_FD })).handle;
  const reqX = api.bufferRequirements(dev, bufX);
  const bufPlain = must('vkCreateBuffer (plain)', api.createBuffer(dev, { size: BUFFER_SIZE, usage: BUFFER_USAGE, flags: 0, sharingMode: 0 })).handle;
  const reqPlain = api.bufferRequirements(dev, bufPlain);
  const img = must('vkCreateImage (external)', api.createImage(dev, { ...IMAGE, externalHandleTypes: OPAQUE_FD })).handle;
  const reqImg = api.imageRequirements(dev, img);
  if (!reqX.memoryTypeBits) throw new Error('layer mix: the external buffer accepts no memory type');
  const memoryType = 31 - Math.clz32(reqX.memoryTypeBits & -reqX.memoryTypeBits); // the lowest type it accepts
  const memX = must('vkAllocateMemory (export OPAQUE_FD)', api.allocate(0, dev, { ...plainAlloc(reqX.size, memoryType), exportTypes: OPAQUE_FD })).handle;
  must('vkBindBufferMemory', api.bindBuffer(dev, bufX, memX, 0));
  const fd = must('vkGetMemoryFdKHR', api.getFd(0, dev, memX, OPAQUE_FD)).value;
  const memPlain = must('vkAllocateMemory (plain)', api.allocate(0, dev, plainAlloc(reqPlain.size, memoryType))).handle;
  return {
    handles: { pd, dev, bufX, bufPlain, img, memX, fd, memPlain },
    answers: { device, bufferAnswers, imageAnswer, reqX, reqPlain, reqImg, memoryType },
  };
}

// ---- call records, written as gfxreconstruct writes them (names for handles, answers filled in)

const vk = (name, args, result = 'VK_SUCCESS') => ({ kind: 'vk', name, args, result });
const bytes = (u8) => Array.from(u8).join('-');
const props = (p) => ({ externalMemoryFeatures: p.externalMemoryFeatures, exportFromImportedHandleTypes: p.exportFromImportedHandleTypes, compatibleHandleTypes: p.compatibleHandleTypes });
const requirements = (r) => ({
  sType: 'VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2',
  pNext: { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS', pNext: null, prefersDedicatedAllocation: r.prefersDedicatedAllocation ? 1 : 0, requiresDedicatedAllocation: r.requiresDedicatedAllocation ? 1 : 0 },
  memoryRequirements: { size: r.size, alignment: r.alignment, memoryTypeBits: r.memoryTypeBits },
});

function bufferQuery(handleType, answer, usage = BUFFER_USAGE) {
  return vk('vkGetPhysicalDeviceExternalBufferProperties', {
    physicalDevice: 'pd',
    pExternalBufferInfo: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_BUFFER_INFO', pNext: null, flags: 0, usage, handleType },
    pExternalBufferProperties: { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_BUFFER_PROPERTIES', pNext: null, externalMemoryProperties: props(answer) },
  }, undefined);
}

function imageQuery(handleType, answer, result = 'VK_SUCCESS') {
  return vk('vkGetPhysicalDeviceImageFormatProperties2', {
    physicalDevice: 'pd',
    pImageFormatInfo: {
      sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2',
      pNext: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO', pNext: null, handleType },
      format: IMAGE_QUERY.format, type: IMAGE_QUERY.type, tiling: IMAGE_QUERY.tiling, usage: IMAGE_QUERY.usage, flags: IMAGE_QUERY.flags,
    },
    pImageFormatProperties: {
      sType: 'VK_STRUCTURE_TYPE_IMAGE_FORMAT_PROPERTIES_2',
      pNext: { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES', pNext: null, externalMemoryProperties: props(answer) },
      imageFormatProperties: {},
    },
  }, result);
}

function createBuffer(id, handleTypes, result = 'VK_SUCCESS') {
  const pNext = handleTypes ? { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO', pNext: null, handleTypes } : null;
  return vk('vkCreateBuffer', {
    device: 'dev',
    pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO', pNext, flags: 0, size: BUFFER_SIZE, usage: BUFFER_USAGE, sharingMode: 'VK_SHARING_MODE_EXCLUSIVE', queueFamilyIndexCount: 0, pQueueFamilyIndices: null },
    pAllocator: null, pBuffer: result === 'VK_SUCCESS' ? id : 'VK_NULL_HANDLE',
  }, result);
}

const bufferRequirements = (buffer, r) => vk('vkGetBufferMemoryRequirements2', {
  device: 'dev', pInfo: { sType: 'VK_STRUCTURE_TYPE_BUFFER_MEMORY_REQUIREMENTS_INFO_2', pNext: null, buffer }, pMemoryRequirements: requirements(r),
}, undefined);

/** vkAllocateMemory with a pNext chain built from `chain` (outermost first). */
function allocate(id, size, type, chain, result = 'VK_SUCCESS') {
  let pNext = null;
  for (let i = chain.length - 1; i >= 0; i--) pNext = { ...chain[i], pNext };
  return vk('vkAllocateMemory', {
    device: 'dev', pAllocateInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', pNext, allocationSize: size, memoryTypeIndex: type },
    pAllocator: null, pMemory: result === 'VK_SUCCESS' ? id : 'VK_NULL_HANDLE',
  }, result);
}
const exportInfo = (handleTypes) => ({ sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO', handleTypes });
const importFd = (handleType, fd) => ({ sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR', handleType, fd });
const dedicated = (image, buffer) => ({ sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO', image, buffer });

const getFd = (memory, handleType, fd, result = 'VK_SUCCESS') => vk('vkGetMemoryFdKHR', {
  device: 'dev', pGetFdInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR', pNext: null, memory, handleType }, pFd: fd,
}, result);
const bind = (buffer, memory, result = 'VK_SUCCESS') => vk('vkBindBufferMemory', { device: 'dev', buffer, memory, memoryOffset: 0 }, result);

/** The world's calls as the model sees them, with the answers `buildWorld` got from the backend. */
export function worldRecords(a) {
  const d = a.device;
  return [
    vk('vkCreateInstance', { pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO', pNext: null, flags: 0, pApplicationInfo: { sType: 'VK_STRUCTURE_TYPE_APPLICATION_INFO', pNext: null, apiVersion: API_1_1 }, enabledLayerCount: 0, ppEnabledLayerNames: null, enabledExtensionCount: 0, ppEnabledExtensionNames: null }, pAllocator: null, pInstance: 'inst' }),
    vk('vkEnumeratePhysicalDevices', { instance: 'inst', pPhysicalDeviceCount: 1, pPhysicalDevices: ['pd'] }),
    vk('vkGetPhysicalDeviceProperties2', {
      physicalDevice: 'pd',
      pProperties: {
        sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2',
        pNext: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES', pNext: null, deviceUUID: bytes(d.deviceUUID), driverUUID: bytes(d.driverUUID), deviceLUID: bytes(d.deviceLUID), deviceNodeMask: d.deviceNodeMask, deviceLUIDValid: d.deviceLUIDValid ? 1 : 0 },
        properties: { apiVersion: d.apiVersion, driverVersion: d.driverVersion, vendorID: d.vendorID, deviceID: d.deviceID, deviceName: d.deviceName },
      },
    }, undefined),
    vk('vkGetPhysicalDeviceMemoryProperties', {
      physicalDevice: 'pd',
      pMemoryProperties: { memoryTypeCount: d.memoryTypes.length, memoryTypes: d.memoryTypes, memoryHeapCount: d.memoryHeaps.length, memoryHeaps: d.memoryHeaps },
    }, undefined),
    bufferQuery(OPAQUE_FD, a.bufferAnswers[OPAQUE_FD]),
    bufferQuery(OPAQUE_WIN32, a.bufferAnswers[OPAQUE_WIN32]),
    imageQuery(OPAQUE_FD, a.imageAnswer),
    vk('vkCreateDevice', {
      physicalDevice: 'pd',
      pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO', pNext: null, flags: 0, queueCreateInfoCount: 1, pQueueCreateInfos: [{ sType: 'VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO', pNext: null, flags: 0, queueFamilyIndex: 0, queueCount: 1, pQueuePriorities: [1] }], enabledLayerCount: 0, ppEnabledLayerNames: null, enabledExtensionCount: DEVICE_EXTENSIONS.length, ppEnabledExtensionNames: DEVICE_EXTENSIONS, pEnabledFeatures: null },
      pAllocator: null, pDevice: 'dev',
    }),
    createBuffer('bufX', OPAQUE_FD),
    bufferRequirements('bufX', a.reqX),
    createBuffer('bufPlain', 0),
    bufferRequirements('bufPlain', a.reqPlain),
    vk('vkCreateImage', {
      device: 'dev',
      pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO', pNext: { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO', pNext: null, handleTypes: OPAQUE_FD }, flags: 0, imageType: 'VK_IMAGE_TYPE_2D', format: 'VK_FORMAT_R8G8B8A8_UNORM', extent: { width: IMAGE.width, height: IMAGE.height, depth: 1 }, mipLevels: 1, arrayLayers: 1, samples: 'VK_SAMPLE_COUNT_1_BIT', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage: IMAGE.usage, sharingMode: 'VK_SHARING_MODE_EXCLUSIVE', queueFamilyIndexCount: 0, pQueueFamilyIndices: null, initialLayout: 'VK_IMAGE_LAYOUT_UNDEFINED' },
      pAllocator: null, pImage: 'img',
    }),
    vk('vkGetImageMemoryRequirements2', { device: 'dev', pInfo: { sType: 'VK_STRUCTURE_TYPE_IMAGE_MEMORY_REQUIREMENTS_INFO_2', pNext: null, image: 'img' }, pMemoryRequirements: requirements(a.reqImg) }, undefined),
    allocate('memX', a.reqX.size, a.memoryType, [exportInfo(OPAQUE_FD)]),
    bind('bufX', 'memX'),
    getFd('memX', OPAQUE_FD, WORLD_FD),
    allocate('memPlain', a.reqPlain.size, a.memoryType, []),
  ].map((r, i) => ({ ...r, call: i + 1 }));
}

// ---- the mix

/**
 * Each entry: `id`; `valid`; `what` (one line for reports); `records(answers)`, the call records of one
 * round (numbered by the caller); `run(backend, handles, answers)`, the same calls on a backend, returning the
 * VkResult of the checked call. Invalid entries name the rule the model must report (`model`) and what
 * Debian's 1.3.239 layer reports for the call (`layer`; null when it lets the call through).
 */
export const MIX = [
  {
    id: 'buffer-query', valid: true,
    what: 'vkGetPhysicalDeviceExternalBufferProperties, OPAQUE_FD, transfer usage',
    records: (a) => [bufferQuery(OPAQUE_FD, a.bufferAnswers[OPAQUE_FD])],
    run: (b, h) => { b.vulkan.externalBufferProperties(h.pd, { flags: 0, usage: BUFFER_USAGE, handleType: OPAQUE_FD }); return 0; },
  },
  {
    id: 'requirements', valid: true,
    what: 'vkGetBufferMemoryRequirements2 with VkMemoryDedicatedRequirements, external buffer',
    records: (a) => [bufferRequirements('bufX', a.reqX)],
    run: (b, h) => { b.vulkan.bufferRequirements(h.dev, h.bufX); return 0; },
  },
  {
    id: 'export-fd', valid: true,
    what: 'vkGetMemoryFdKHR (OPAQUE_FD) on exportable memory, then close(fd)',
    records: () => [getFd('memX', OPAQUE_FD, ROUND_FD), { kind: 'os', name: 'close', args: { fd: ROUND_FD } }],
    run: (b, h) => {
      const r = b.vulkan.getFd(0, h.dev, h.memX, OPAQUE_FD);
      if (r.result === 0) b.operations.close(0, { fd: r.value }).result;
      return r.result;
    },
  },
  {
    id: 'bind', valid: true,
    what: 'vkCreateBuffer with VkExternalMemoryBufferCreateInfo (OPAQUE_FD), vkBindBufferMemory to the exportable memory, vkDestroyBuffer',
    records: () => [createBuffer('bufT', OPAQUE_FD), bind('bufT', 'memX'), vk('vkDestroyBuffer', { device: 'dev', buffer: 'bufT', pAllocator: null }, undefined)],
    run: (b, h) => {
      const c = b.vulkan.createBuffer(h.dev, { size: BUFFER_SIZE, usage: BUFFER_USAGE, flags: 0, sharingMode: 0, externalHandleTypes: OPAQUE_FD });
      if (c.result !== 0) return c.result;
      const r = b.vulkan.bindBuffer(h.dev, c.handle, h.memX, 0);
      b.vulkan.destroyBuffer(h.dev, c.handle);
      return r;
    },
  },
  // Invalid calls Debian's 1.3.239 layer reports.
  {
    id: 'import-size-zero', valid: false,
    what: 'import of the exported fd (VkImportMemoryFdInfoKHR) with allocationSize 0',
    model: 'VUID-VkMemoryAllocateInfo-allocationSize-01742', layer: 'VUID-VkMemoryAllocateInfo-allocationSize-00638',
    records: (a) => [allocate('memI', 0, a.memoryType, [importFd(OPAQUE_FD, WORLD_FD)], VALIDATION_FAILED)],
    run: (b, h, a) => b.vulkan.allocate(0, h.dev, { ...plainAlloc(0, a.memoryType), imports: [{ kind: 'fd', handleType: OPAQUE_FD, fd: h.fd }] }).result,
  },
  {
    id: 'bind-plain-buffer', valid: false,
    what: 'vkBindBufferMemory of OPAQUE_FD-exportable memory to a buffer made without VkExternalMemoryBufferCreateInfo',
    model: 'VUID-vkBindBufferMemory-memory-02726', layer: 'VUID-vkBindBufferMemory-memory-02726',
    records: () => [bind('bufPlain', 'memX', VALIDATION_FAILED)],
    run: (b, h) => b.vulkan.bindBuffer(h.dev, h.bufPlain, h.memX, 0),
  },
  {
    id: 'buffer-query-two-types', valid: false,
    what: 'vkGetPhysicalDeviceExternalBufferProperties asking about two handle types at once',
    model: 'VUID-VkPhysicalDeviceExternalBufferInfo-handleType-parameter', layer: 'VUID-VkPhysicalDeviceExternalBufferInfo-handleType-parameter',
    records: () => [bufferQuery(OPAQUE_FD | OPAQUE_WIN32, { externalMemoryFeatures: 0, exportFromImportedHandleTypes: 0, compatibleHandleTypes: 0 })],
    run: (b, h) => { b.vulkan.externalBufferProperties(h.pd, { flags: 0, usage: BUFFER_USAGE, handleType: OPAQUE_FD | OPAQUE_WIN32 }); return 0; },
  },
  {
    id: 'buffer-query-no-usage', valid: false,
    what: 'vkGetPhysicalDeviceExternalBufferProperties with usage 0',
    model: 'VUID-VkPhysicalDeviceExternalBufferInfo-None-09500', layer: 'VUID-VkPhysicalDeviceExternalBufferInfo-usage-requiredbitmask',
    records: () => [bufferQuery(OPAQUE_FD, { externalMemoryFeatures: 0, exportFromImportedHandleTypes: 0, compatibleHandleTypes: 0 }, 0)],
    run: (b, h) => { b.vulkan.externalBufferProperties(h.pd, { flags: 0, usage: 0, handleType: OPAQUE_FD }); return 0; },
  },
  {
    id: 'image-query-two-types', valid: false,
    what: 'vkGetPhysicalDeviceImageFormatProperties2 with VkPhysicalDeviceExternalImageFormatInfo naming two handle types',
    model: 'VUID-VkPhysicalDeviceExternalImageFormatInfo-handleType-parameter', layer: 'VUID-VkPhysicalDeviceExternalImageFormatInfo-handleType-parameter',
    records: () => [imageQuery(OPAQUE_FD | OPAQUE_WIN32, { externalMemoryFeatures: 0, exportFromImportedHandleTypes: 0, compatibleHandleTypes: 0 }, VALIDATION_FAILED)],
    run: (b, h) => b.vulkan.externalImageFormatProperties(h.pd, { ...IMAGE_QUERY, handleType: OPAQUE_FD | OPAQUE_WIN32 }).result,
  },
  {
    id: 'dedicated-both', valid: false,
    what: 'exportable allocation with VkMemoryDedicatedAllocateInfo naming both an image and a buffer',
    model: 'VUID-VkMemoryDedicatedAllocateInfo-image-01432', layer: 'VUID-VkMemoryDedicatedAllocateInfo-image-01432',
    records: (a) => [allocate('memD', a.reqX.size, a.memoryType, [exportInfo(OPAQUE_FD), dedicated('img', 'bufX')], VALIDATION_FAILED)],
    run: (b, h, a) => b.vulkan.allocate(0, h.dev, { ...plainAlloc(a.reqX.size, a.memoryType), exportTypes: OPAQUE_FD, dedicated: { image: h.img, buffer: h.bufX } }).result,
  },
  // Invalid calls Debian's 1.3.239 layer lets through (newer layers catch some of them).
  {
    id: 'import-wrong-size', valid: false,
    what: 'import of the exported OPAQUE_FD with half the exporting allocation\'s size',
    model: 'VUID-VkMemoryAllocateInfo-allocationSize-01742', layer: null,
    records: (a) => [allocate('memI', a.reqX.size / 2, a.memoryType, [importFd(OPAQUE_FD, WORLD_FD)], VALIDATION_FAILED)],
    run: (b, h, a) => b.vulkan.allocate(0, h.dev, { ...plainAlloc(a.reqX.size / 2, a.memoryType), imports: [{ kind: 'fd', handleType: OPAQUE_FD, fd: h.fd }] }).result,
  },
  {
    id: 'import-host-type-as-fd', valid: false,
    what: 'VkImportMemoryFdInfoKHR with handleType HOST_ALLOCATION (not an fd type)',
    model: 'VUID-VkImportMemoryFdInfoKHR-handleType-00669', layer: null,
    records: (a) => [allocate('memI', a.reqX.size, a.memoryType, [importFd(HOST_ALLOCATION, WORLD_FD)], VALIDATION_FAILED)],
    run: (b, h, a) => b.vulkan.allocate(0, h.dev, { ...plainAlloc(a.reqX.size, a.memoryType), imports: [{ kind: 'fd', handleType: HOST_ALLOCATION, fd: h.fd }] }).result,
  },
  {
    id: 'fd-properties-opaque', valid: false,
    what: 'vkGetMemoryFdPropertiesKHR with handleType OPAQUE_FD',
    model: 'VUID-vkGetMemoryFdPropertiesKHR-handleType-00674', layer: null,
    records: () => [vk('vkGetMemoryFdPropertiesKHR', { device: 'dev', handleType: OPAQUE_FD, fd: WORLD_FD, pMemoryFdProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_FD_PROPERTIES_KHR', pNext: null, memoryTypeBits: 0 } }, VALIDATION_FAILED)],
    run: (b, h) => b.vulkan.fdProperties(0, h.dev, OPAQUE_FD, h.fd).result,
  },
  {
    id: 'get-fd-not-exportable', valid: false,
    what: 'vkGetMemoryFdKHR (OPAQUE_FD) on memory allocated without VkExportMemoryAllocateInfo',
    model: 'VUID-VkMemoryGetFdInfoKHR-handleType-00671', layer: null,
    records: () => [getFd('memPlain', OPAQUE_FD, -1, VALIDATION_FAILED)],
    run: (b, h) => b.vulkan.getFd(0, h.dev, h.memPlain, OPAQUE_FD).result,
  },
  {
    id: 'buffer-unsupported-type', valid: false,
    what: 'vkCreateBuffer for OPAQUE_WIN32, which the capability query did not report compatible',
    model: 'VUID-VkBufferCreateInfo-pNext-00920', layer: null,
    records: () => [createBuffer('bufW', OPAQUE_WIN32, VALIDATION_FAILED)],
    run: (b, h) => b.vulkan.createBuffer(h.dev, { size: BUFFER_SIZE, usage: BUFFER_USAGE, flags: 0, sharingMode: 0, externalHandleTypes: OPAQUE_WIN32 }).result,
  },
  {
    id: 'export-unsupported-type', valid: false,
    what: 'vkAllocateMemory exporting OPAQUE_WIN32, which the capability query did not report exportable',
    model: 'VUID-VkExportMemoryAllocateInfo-handleTypes-09860', layer: null,
    records: (a) => [allocate('memW', a.reqX.size, a.memoryType, [exportInfo(OPAQUE_WIN32)], VALIDATION_FAILED)],
    run: (b, h, a) => b.vulkan.allocate(0, h.dev, { ...plainAlloc(a.reqX.size, a.memoryType), exportTypes: OPAQUE_WIN32 }).result,
  },
];

/** The records of some mix entries, numbered on from `first`. */
export function mixRecords(entries, answers, first) {
  return entries.flatMap((e) => e.records(answers)).map((r, i) => ({ ...r, call: first + i }));
}
