// Judging with the capability answer that applies: each exported type's own compatibleHandleTypes
// (not the union of every answer on the device), the answer for the resource memory is dedicated to
// (not any answer), and the answers of another VkPhysicalDevice that is the same device and driver
// (same deviceUUID and driverUUID, learned from VkPhysicalDeviceIDProperties or
// VkPhysicalDeviceVulkan11Properties).
import { expect } from 'vitest';
import { ruleTests } from '../helpers/rule-tests.js';
import { prelude, vk, allocate, exportInfo, importFd, getFd, run, BIT, type Step } from '../helpers/world.js';

// Each case is named by its query id (rules/capability-answers/<group>:NN), which npx vitest run -t selects.
const { describe, it } = ruleTests('capability-answers');

const EXPORTABLE = 0x2, IMPORTABLE = 0x4;
const IMAGE_USAGE = 7;

/** A buffer query answer for handle type `bit` with the given features and compatible types. */
function bufferAnswer(bit: number, features: number, compatible: number): Step {
  return vk('vkGetPhysicalDeviceExternalBufferProperties', {
    physicalDevice: 'pd',
    pExternalBufferInfo: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_BUFFER_INFO', pNext: null, flags: 0, usage: 3, handleType: bit },
    pExternalBufferProperties: { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_BUFFER_PROPERTIES', pNext: null, externalMemoryProperties: { externalMemoryFeatures: features, exportFromImportedHandleTypes: bit, compatibleHandleTypes: compatible } },
  }, undefined);
}
/** An image query for OPAQUE_FD, R8G8B8A8_UNORM 2D optimal, with `usage`, answered with `features`. */
function imageAnswer(usage: number, features: number, physicalDevice = 'pd'): Step {
  return vk('vkGetPhysicalDeviceImageFormatProperties2', {
    physicalDevice,
    pImageFormatInfo: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2', pNext: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO', pNext: null, handleType: BIT.OPAQUE_FD }, format: 'VK_FORMAT_R8G8B8A8_UNORM', type: 'VK_IMAGE_TYPE_2D', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage, flags: 0 },
    pImageFormatProperties: { sType: 'VK_STRUCTURE_TYPE_IMAGE_FORMAT_PROPERTIES_2', pNext: { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES', pNext: null, externalMemoryProperties: { externalMemoryFeatures: features, exportFromImportedHandleTypes: BIT.OPAQUE_FD, compatibleHandleTypes: BIT.OPAQUE_FD } }, imageFormatProperties: {} },
  });
}
function image(id: string, usage: number, device = 'dev0'): Step {
  return vk('vkCreateImage', { device, pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO', pNext: { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO', pNext: null, handleTypes: BIT.OPAQUE_FD }, flags: 0, imageType: 'VK_IMAGE_TYPE_2D', format: 'VK_FORMAT_R8G8B8A8_UNORM', extent: { width: 64, height: 64, depth: 1 }, mipLevels: 1, arrayLayers: 1, samples: 'VK_SAMPLE_COUNT_1_BIT', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage, sharingMode: 'VK_SHARING_MODE_EXCLUSIVE', queueFamilyIndexCount: 0, pQueueFamilyIndices: null, initialLayout: 'VK_IMAGE_LAYOUT_UNDEFINED' }, pAllocator: null, pImage: id });
}
const dedicatedTo = (img: string) => ({ sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO', image: img, buffer: 'VK_NULL_HANDLE' });
const verdicts = (found: Awaited<ReturnType<typeof run>>, vuid: string) => found.flat().filter((f) => f.vuid === vuid).map((f) => f.severity);

describe('export: each type by its own compatibleHandleTypes', () => {
  it('two exportable types that are each compatible only with themselves cannot be exported together, though the union of all answers names both', async () => {
    const steps = [...prelude(), bufferAnswer(BIT.OPAQUE_WIN32, EXPORTABLE | IMPORTABLE, BIT.OPAQUE_WIN32 | BIT.OPAQUE_WIN32_KMT), bufferAnswer(BIT.D3D12_HEAP, EXPORTABLE | IMPORTABLE, BIT.D3D12_HEAP),
      allocate('mem', 65536, 0, [exportInfo(BIT.OPAQUE_WIN32 | BIT.D3D12_HEAP)])];
    expect(verdicts(await run(steps), 'VUID-VkExportMemoryAllocateInfo-handleTypes-09860')).toEqual(['error']);
    // Types each answer calls compatible are fine together.
    const ok = [...prelude(), bufferAnswer(BIT.OPAQUE_WIN32, EXPORTABLE, BIT.OPAQUE_WIN32 | BIT.OPAQUE_WIN32_KMT), bufferAnswer(BIT.OPAQUE_WIN32_KMT, EXPORTABLE, BIT.OPAQUE_WIN32 | BIT.OPAQUE_WIN32_KMT),
      allocate('mem', 65536, 0, [exportInfo(BIT.OPAQUE_WIN32 | BIT.OPAQUE_WIN32_KMT)])];
    expect(verdicts(await run(ok), 'VUID-VkExportMemoryAllocateInfo-handleTypes-09860')).toEqual([]);
  });
});

describe('memory dedicated to a resource: that resource\'s answer', () => {
  const base = (...more: Step[]) => [...prelude({ secondDevice: true }), imageAnswer(IMAGE_USAGE, EXPORTABLE | IMPORTABLE), imageAnswer(1, 0), ...more];
  it('an export dedicated to an image whose parameters the answers call not exportable is an error, though another answer grants it', async () => {
    const found = await run(base(image('img', 1), allocate('mem', 16384, 0, [exportInfo(BIT.OPAQUE_FD), dedicatedTo('img')])));
    expect(verdicts(found, 'VUID-VkExportMemoryAllocateInfo-handleTypes-09860')).toEqual(['error']);
  });
  it('an import dedicated to an image whose parameters the answers call not importable is an error; one whose parameters no query asked is undecidable', async () => {
    const exporter = [image('src', IMAGE_USAGE), allocate('srcMem', 16384, 0, [exportInfo(BIT.OPAQUE_FD), dedicatedTo('src')]), getFd('srcMem', 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT', 20)];
    const notImportable = await run(base(...exporter, image('dst', 1, 'dev1'), allocate('dstMem', 16384, 0, [importFd('VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT', 20), dedicatedTo('dst')], 'dev1')));
    expect(verdicts(notImportable, 'VUID-VkImportMemoryFdInfoKHR-handleType-09862')).toEqual(['error']);
    const unasked = await run(base(...exporter, image('dst', 3, 'dev1'), allocate('dstMem', 16384, 0, [importFd('VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT', 20), dedicatedTo('dst')], 'dev1')));
    expect(verdicts(unasked, 'VUID-VkImportMemoryFdInfoKHR-handleType-09862')).toEqual(['undecidable']);
    const asked = await run(base(...exporter, image('dst', IMAGE_USAGE, 'dev1'), allocate('dstMem', 16384, 0, [importFd('VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT', 20), dedicatedTo('dst')], 'dev1')));
    expect(verdicts(asked, 'VUID-VkImportMemoryFdInfoKHR-handleType-09862')).toEqual([]);
  });
});

describe('another VkPhysicalDevice of the same device and driver', () => {
  /** A second instance enumerating the same GPU as "pd2", its identity from VkPhysicalDeviceVulkan11Properties. */
  const secondInstance = (uuid = '1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1'): Step[] => [
    vk('vkCreateInstance', { pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO', pNext: null, flags: 0, pApplicationInfo: { sType: 'VK_STRUCTURE_TYPE_APPLICATION_INFO', pNext: null, apiVersion: 4206592 }, enabledExtensionCount: 0, ppEnabledExtensionNames: null }, pAllocator: null, pInstance: 'inst2' }),
    vk('vkEnumeratePhysicalDevices', { instance: 'inst2', pPhysicalDeviceCount: 1, pPhysicalDevices: ['pd2'] }),
    vk('vkGetPhysicalDeviceProperties2KHR', { physicalDevice: 'pd2', pProperties: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2', pNext: { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_PROPERTIES', pNext: null, deviceUUID: uuid, driverUUID: '2-2-2-2-2-2-2-2-2-2-2-2-2-2-2-2', deviceLUID: '3-3-3-3-3-3-3-3', deviceNodeMask: 1, deviceLUIDValid: 1 }, properties: { apiVersion: 4206592, deviceName: 'test device' } } }, undefined),
    vk('vkCreateDevice', { physicalDevice: 'pd2', pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO', pNext: null, flags: 0, queueCreateInfoCount: 0, enabledExtensionCount: 1, ppEnabledExtensionNames: ['VK_KHR_external_memory_fd'] }, pAllocator: null, pDevice: 'devB' }),
  ];
  const exportThenImport = (uuid?: string): Step[] => [
    ...prelude(), imageAnswer(IMAGE_USAGE, EXPORTABLE | IMPORTABLE),
    allocate('srcMem', 65536, 0, [exportInfo(BIT.OPAQUE_FD)]), getFd('srcMem', 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT', 20),
    ...secondInstance(uuid),
    allocate('dstMem', 65536, 0, [importFd('VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT', 20)], 'devB'),
  ];
  it('its identity, learned from VkPhysicalDeviceVulkan11Properties through the KHR alias, decides the same-device rules', async () => {
    const found = await run(exportThenImport());
    for (const vuid of ['VUID-VkImportMemoryFdInfoKHR-fd-00668', 'VUID-VkImportMemoryFdInfoKHR-fd-01520', 'VUID-VkImportMemoryFdInfoKHR-fd-01746']) expect(verdicts(found, vuid), vuid).toEqual([]);
    const other = await run(exportThenImport('9-9-9-9-9-9-9-9-9-9-9-9-9-9-9-9'));
    expect(verdicts(other, 'VUID-VkImportMemoryFdInfoKHR-fd-00668')).toEqual(['error']);
  });
  it('the answers the first instance got count for the second: the import is known to be supported', async () => {
    expect(verdicts(await run(exportThenImport()), 'VUID-VkImportMemoryFdInfoKHR-handleType-09862')).toEqual([]);
    // A different device: its own (absent) answers decide, so it cannot be told.
    expect(verdicts(await run(exportThenImport('9-9-9-9-9-9-9-9-9-9-9-9-9-9-9-9')), 'VUID-VkImportMemoryFdInfoKHR-handleType-09862')).toEqual(['undecidable']);
  });
});
