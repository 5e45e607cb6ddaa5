/*
 * vk-extmem's Windows test driver: a test double for a Windows Vulkan driver, never a measured device.
 *
 * A small Vulkan implementation in one DLL that the native addon loads in place of vulkan-1.dll
 * (VKX_VULKAN_LOADER names it), so the addon's Win32 paths run against real Win32 kernel objects under
 * Wine: every VkDeviceMemory is a pagefile-backed section (CreateFileMappingW), named when
 * VkExportMemoryWin32HandleInfoKHR names it; vkMapMemory maps a view of it; an NT export is a new handle
 * to the section (DuplicateHandle, with the access and inheritance the application asked for), which the
 * application closes; an import by handle or by name (OpenFileMappingW) takes its own reference, so the
 * application's handle stays the application's. What it answers about the device (identity, memory,
 * extensions, capability queries, requirements, handle properties) comes from a device profile, through
 * the tables scripts/build-win32-driver.mjs generates from the mock's reading of it (profile.h), so the
 * mock and this driver answer the same questions the same way.
 *
 * Global share (KMT) handles have no user-mode equivalent under Wine: this driver simulates them. A KMT
 * export gives a small value (0x40000000 + 4n) that names slot n of a table shared by every process of
 * the wineserver (a named section); the slot holds the name of the memory's section, which the driver
 * names for that purpose when the application did not. A KMT import opens the section by that name. The
 * value is not a handle in the process's table: CloseHandle on it fails, as it should on Windows.
 *
 * It checks no valid usage (that is the model's job), and never trusts a pointer it was not given.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#define VK_USE_PLATFORM_WIN32_KHR
#define VK_NO_PROTOTYPES
#include <vulkan/vulkan.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "profile.h"

#define EXPORT __declspec(dllexport)
#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- objects (dispatchable ones are pointers to these; the addon loads this DLL as its loader, so no
 * loader dispatch word is needed) */

typedef struct td_instance { int unused; } td_instance;
typedef struct td_physical { int unused; } td_physical;
typedef struct td_device { int unused; } td_device;

static td_physical the_physical_device;

typedef struct td_buffer { VkDeviceSize size; uint32_t externalTypes; } td_buffer;
typedef struct td_image {
  VkFormat format; VkImageTiling tiling; VkExtent3D extent; uint32_t mipLevels, arrayLayers, samples;
  uint32_t externalTypes, externalTypesNV;
} td_image;

typedef struct td_memory {
  HANDLE section;          /* this driver's own reference to the section */
  VkDeviceSize size;       /* the section's size */
  uint32_t typeIndex;
  void *view;              /* the whole section mapped, while vkMapMemory holds it */
  uint32_t exportTypes;    /* KHR handle types it may be exported as (VkExportMemoryAllocateInfo) */
  uint32_t exportTypesNV;  /* NV handle types (VkExportMemoryAllocateInfoNV) */
  DWORD exportAccess;      /* VkExportMemoryWin32HandleInfoKHR::dwAccess (0: all access) */
  BOOL exportInherit;      /* its SECURITY_ATTRIBUTES::bInheritHandle */
  WCHAR name[96];          /* the section's name ("" for none) */
  int kmtSlot;             /* the simulated KMT table slot it is registered in, -1 for none */
} td_memory;

/* ---- the simulated KMT table: slots of section names, shared by the wineserver's processes */

#define KMT_SLOTS 256
#define KMT_BASE 0x40000000u
typedef struct { LONG used; WCHAR name[96]; } kmt_slot;
static kmt_slot *kmt_table(void) {
  static kmt_slot *table;
  if (table) return table;
  HANDLE h = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, sizeof(kmt_slot) * KMT_SLOTS, L"Local\\vkx-test-driver-kmt-table");
  if (!h) return NULL;
  /* The table lives as long as some process maps it; this one keeps its handle for good. */
  table = (kmt_slot *)MapViewOfFile(h, FILE_MAP_ALL_ACCESS, 0, 0, 0);
  return table;
}

static HANDLE kmt_value(int slot) { return (HANDLE)(uintptr_t)(KMT_BASE + 4u * (uint32_t)(slot + 1)); }
static int kmt_slot_of(HANDLE h) {
  uintptr_t v = (uintptr_t)h;
  if (v < KMT_BASE + 4 || (v - KMT_BASE) % 4 != 0) return -1;
  uintptr_t slot = (v - KMT_BASE) / 4 - 1;
  return slot < KMT_SLOTS ? (int)slot : -1;
}

/* ---- helpers */

static int has_extension(const char *name) {
  for (uint32_t i = 0; i < TD_EXTENSION_COUNT; i++) if (strcmp(td_extensions[i], name) == 0) return 1;
  return 0;
}

static const VkBaseInStructure *find_in_chain(const void *chain, VkStructureType sType) {
  for (const VkBaseInStructure *p = (const VkBaseInStructure *)chain; p; p = p->pNext) if (p->sType == sType) return p;
  return NULL;
}
static VkBaseOutStructure *find_out_chain(void *chain, VkStructureType sType) {
  for (VkBaseOutStructure *p = (VkBaseOutStructure *)chain; p; p = p->pNext) if (p->sType == sType) return p;
  return NULL;
}

/* The profile's matching rule (src/profiles/lookup.ts): fields an answer leaves out (-1) match anything;
 * the question's usage and flags must lie within the answer's. */
static int within(uint32_t asked, int64_t answer) { return answer < 0 || (asked & ~(uint32_t)answer) == 0; }
static int same(int64_t asked, int64_t answer) { return answer < 0 || asked == answer; }

static const td_answer *match_image(const td_answer *list, uint32_t n, uint32_t handleType, VkFormat format, VkImageType type,
                                    VkImageTiling tiling, VkImageUsageFlags usage, VkImageCreateFlags flags) {
  for (uint32_t i = 0; i < n; i++) {
    const td_answer *a = &list[i];
    if (a->handleType != handleType) continue;
    if (!same(format, a->format) || !same(type, a->type) || !same(tiling, a->tiling)) continue;
    if (!within(usage, a->usage) || !within(flags, a->flags)) continue;
    return a;
  }
  return NULL;
}

static uint64_t round_up(uint64_t x, uint64_t a) { return a <= 1 ? x : (x + a - 1) / a * a; }
static uint64_t count_of(uint64_t x, uint64_t max) { return x < 1 ? 1 : (x > max ? max : x); }

static int known_format(VkFormat f) {
  if (f == 0) return 0;
  for (uint32_t i = 0; i < TD_FORMAT_COUNT; i++) if (td_formats[i].format == (int32_t)f) return 1;
  return 0;
}
static uint32_t texel_bytes(VkFormat f) {
  for (uint32_t i = 0; i < TD_FORMAT_COUNT; i++) if (td_formats[i].format == (int32_t)f) return td_formats[i].texelBytes;
  return 4;
}

/* ---- instance level */

static VKAPI_ATTR VkResult VKAPI_CALL td_EnumerateInstanceVersion(uint32_t *pApiVersion) {
  *pApiVersion = VK_API_VERSION_1_3;
  return VK_SUCCESS;
}

static const char *const instance_extensions[] = {
  "VK_KHR_get_physical_device_properties2", "VK_KHR_external_memory_capabilities", "VK_NV_external_memory_capabilities",
};

static VkResult copy_extensions(const char *const *names, uint32_t n, uint32_t *pCount, VkExtensionProperties *out) {
  if (!out) { *pCount = n; return VK_SUCCESS; }
  uint32_t k = *pCount < n ? *pCount : n;
  for (uint32_t i = 0; i < k; i++) {
    memset(&out[i], 0, sizeof out[i]);
    strncpy(out[i].extensionName, names[i], VK_MAX_EXTENSION_NAME_SIZE - 1);
    out[i].specVersion = 1;
  }
  *pCount = k;
  return k < n ? VK_INCOMPLETE : VK_SUCCESS;
}

static VKAPI_ATTR VkResult VKAPI_CALL td_EnumerateInstanceExtensionProperties(const char *layer, uint32_t *pCount, VkExtensionProperties *out) {
  if (layer) { *pCount = 0; return VK_ERROR_LAYER_NOT_PRESENT; }
  return copy_extensions(instance_extensions, COUNT_OF(instance_extensions), pCount, out);
}

static VKAPI_ATTR VkResult VKAPI_CALL td_EnumerateInstanceLayerProperties(uint32_t *pCount, VkLayerProperties *out) {
  (void)out;
  *pCount = 0;
  return VK_SUCCESS;
}

static VKAPI_ATTR VkResult VKAPI_CALL td_CreateInstance(const VkInstanceCreateInfo *ci, const VkAllocationCallbacks *a, VkInstance *pInstance) {
  (void)a;
  if (ci->enabledLayerCount) return VK_ERROR_LAYER_NOT_PRESENT;
  for (uint32_t i = 0; i < ci->enabledExtensionCount; i++) {
    int found = 0;
    for (uint32_t k = 0; k < COUNT_OF(instance_extensions); k++) if (strcmp(ci->ppEnabledExtensionNames[i], instance_extensions[k]) == 0) found = 1;
    if (!found) return VK_ERROR_EXTENSION_NOT_PRESENT;
  }
  td_instance *inst = (td_instance *)calloc(1, sizeof *inst);
  if (!inst) return VK_ERROR_OUT_OF_HOST_MEMORY;
  *pInstance = (VkInstance)inst;
  return VK_SUCCESS;
}

static VKAPI_ATTR void VKAPI_CALL td_DestroyInstance(VkInstance instance, const VkAllocationCallbacks *a) {
  (void)a;
  free(instance);
}

static VKAPI_ATTR VkResult VKAPI_CALL td_EnumeratePhysicalDevices(VkInstance instance, uint32_t *pCount, VkPhysicalDevice *out) {
  (void)instance;
  if (!out) { *pCount = 1; return VK_SUCCESS; }
  if (*pCount < 1) return VK_INCOMPLETE;
  out[0] = (VkPhysicalDevice)&the_physical_device;
  *pCount = 1;
  return VK_SUCCESS;
}

static VKAPI_ATTR void VKAPI_CALL td_GetPhysicalDeviceProperties(VkPhysicalDevice pd, VkPhysicalDeviceProperties *p) {
  (void)pd;
  memset(p, 0, sizeof *p);
  p->apiVersion = TD_API_VERSION;
  p->driverVersion = TD_DRIVER_VERSION;
  p->vendorID = TD_VENDOR_ID;
  p->deviceID = TD_DEVICE_ID;
  p->deviceType = (VkPhysicalDeviceType)TD_DEVICE_TYPE;
  strncpy(p->deviceName, TD_DEVICE_NAME, VK_MAX_PHYSICAL_DEVICE_NAME_SIZE - 1);
  memcpy(p->pipelineCacheUUID, td_device_uuid, VK_UUID_SIZE);
  p->limits.maxMemoryAllocationCount = 4096;
  p->limits.nonCoherentAtomSize = 64;
  p->limits.minMemoryMapAlignment = 64;
}

static VKAPI_ATTR void VKAPI_CALL td_GetPhysicalDeviceProperties2(VkPhysicalDevice pd, VkPhysicalDeviceProperties2 *p) {
  td_GetPhysicalDeviceProperties(pd, &p->properties);
  VkPhysicalDeviceIDProperties *id = (VkPhysicalDeviceIDProperties *)find_out_chain(p->pNext, VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES);
  if (id) {
    memcpy(id->deviceUUID, td_device_uuid, VK_UUID_SIZE);
    memcpy(id->driverUUID, td_driver_uuid, VK_UUID_SIZE);
    memcpy(id->deviceLUID, td_device_luid, VK_LUID_SIZE);
    id->deviceLUIDValid = TD_LUID_VALID ? VK_TRUE : VK_FALSE;
    id->deviceNodeMask = TD_NODE_MASK;
  }
  VkPhysicalDeviceExternalMemoryHostPropertiesEXT *host =
    (VkPhysicalDeviceExternalMemoryHostPropertiesEXT *)find_out_chain(p->pNext, VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_MEMORY_HOST_PROPERTIES_EXT);
  if (host) host->minImportedHostPointerAlignment = TD_MIN_HOST_ALIGNMENT;
}

static VKAPI_ATTR void VKAPI_CALL td_GetPhysicalDeviceMemoryProperties(VkPhysicalDevice pd, VkPhysicalDeviceMemoryProperties *m) {
  (void)pd;
  memset(m, 0, sizeof *m);
  m->memoryTypeCount = TD_TYPE_COUNT < VK_MAX_MEMORY_TYPES ? TD_TYPE_COUNT : VK_MAX_MEMORY_TYPES;
  for (uint32_t i = 0; i < m->memoryTypeCount; i++) {
    m->memoryTypes[i].propertyFlags = td_types[i].propertyFlags;
    m->memoryTypes[i].heapIndex = td_types[i].heapIndex;
  }
  m->memoryHeapCount = TD_HEAP_COUNT < VK_MAX_MEMORY_HEAPS ? TD_HEAP_COUNT : VK_MAX_MEMORY_HEAPS;
  for (uint32_t i = 0; i < m->memoryHeapCount; i++) {
    m->memoryHeaps[i].size = td_heaps[i].size;
    m->memoryHeaps[i].flags = td_heaps[i].flags;
  }
}

static VKAPI_ATTR void VKAPI_CALL td_GetPhysicalDeviceQueueFamilyProperties(VkPhysicalDevice pd, uint32_t *pCount, VkQueueFamilyProperties *out) {
  (void)pd;
  if (!out) { *pCount = 1; return; }
  if (*pCount < 1) return;
  memset(&out[0], 0, sizeof out[0]);
  out[0].queueFlags = VK_QUEUE_GRAPHICS_BIT | VK_QUEUE_COMPUTE_BIT | VK_QUEUE_TRANSFER_BIT;
  out[0].queueCount = 1;
  *pCount = 1;
}

static VKAPI_ATTR VkResult VKAPI_CALL td_EnumerateDeviceExtensionProperties(VkPhysicalDevice pd, const char *layer, uint32_t *pCount, VkExtensionProperties *out) {
  (void)pd;
  if (layer) { *pCount = 0; return VK_ERROR_LAYER_NOT_PRESENT; }
  return copy_extensions(td_extensions, TD_EXTENSION_COUNT, pCount, out);
}

static void set_props(VkExternalMemoryProperties *p, const td_answer *a) {
  p->externalMemoryFeatures = a ? a->features : 0;
  p->exportFromImportedHandleTypes = a ? a->exportFrom : 0;
  p->compatibleHandleTypes = a ? a->compatible : 0;
}

static VKAPI_ATTR void VKAPI_CALL td_GetPhysicalDeviceExternalBufferProperties(VkPhysicalDevice pd, const VkPhysicalDeviceExternalBufferInfo *q, VkExternalBufferProperties *out) {
  (void)pd;
  const td_answer *found = NULL;
  for (uint32_t i = 0; i < TD_BUFFERS_COUNT && !found; i++) {
    const td_answer *a = &td_buffers[i];
    if (a->handleType == (uint32_t)q->handleType && within(q->usage, a->usage) && within(q->flags, a->flags)) found = a;
  }
  set_props(&out->externalMemoryProperties, found);
}

/* The plain format query, which a profile does not record: as the mock answers it. */
static VkResult plain_image(VkFormat format, VkImageType type, VkImageTiling tiling, VkImageFormatProperties *p) {
  memset(p, 0, sizeof *p);
  if (!known_format(format) || (unsigned)type > 2 || (unsigned)tiling > 1) return VK_ERROR_FORMAT_NOT_SUPPORTED;
  int three = type == VK_IMAGE_TYPE_3D;
  p->maxExtent.width = 16384;
  p->maxExtent.height = type == VK_IMAGE_TYPE_1D ? 1 : 16384;
  p->maxExtent.depth = three ? 2048 : 1;
  p->maxMipLevels = 15;
  p->maxArrayLayers = three ? 1 : 2048;
  p->sampleCounts = VK_SAMPLE_COUNT_1_BIT;
  p->maxResourceSize = 1ull << 31;
  return VK_SUCCESS;
}

static VKAPI_ATTR VkResult VKAPI_CALL td_GetPhysicalDeviceImageFormatProperties(VkPhysicalDevice pd, VkFormat format, VkImageType type, VkImageTiling tiling,
                                                                                 VkImageUsageFlags usage, VkImageCreateFlags flags, VkImageFormatProperties *p) {
  (void)pd; (void)usage; (void)flags;
  return plain_image(format, type, tiling, p);
}

static VKAPI_ATTR VkResult VKAPI_CALL td_GetPhysicalDeviceImageFormatProperties2(VkPhysicalDevice pd, const VkPhysicalDeviceImageFormatInfo2 *q, VkImageFormatProperties2 *out) {
  (void)pd;
  VkResult r = plain_image(q->format, q->type, q->tiling, &out->imageFormatProperties);
  const VkPhysicalDeviceExternalImageFormatInfo *ext =
    (const VkPhysicalDeviceExternalImageFormatInfo *)find_in_chain(q->pNext, VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO);
  VkExternalImageFormatProperties *eout = (VkExternalImageFormatProperties *)find_out_chain(out->pNext, VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES);
  if (eout) set_props(&eout->externalMemoryProperties, NULL);
  /* Without a handle type (absent, or 0) the query is the plain one. */
  if (!ext || ext->handleType == 0) return r;
  const td_answer *a = match_image(td_images, TD_IMAGES_COUNT, ext->handleType, q->format, q->type, q->tiling, q->usage, q->flags);
  VkResult result = a ? (VkResult)a->result : VK_ERROR_FORMAT_NOT_SUPPORTED;
  if (result == VK_SUCCESS) result = r;
  if (result != VK_SUCCESS) { memset(&out->imageFormatProperties, 0, sizeof out->imageFormatProperties); return result; }
  if (eout) set_props(&eout->externalMemoryProperties, a);
  return VK_SUCCESS;
}

static VKAPI_ATTR VkResult VKAPI_CALL td_GetPhysicalDeviceExternalImageFormatPropertiesNV(
  VkPhysicalDevice pd, VkFormat format, VkImageType type, VkImageTiling tiling, VkImageUsageFlags usage, VkImageCreateFlags flags,
  VkExternalMemoryHandleTypeFlagsNV handleTypes, VkExternalImageFormatPropertiesNV *out) {
  (void)pd;
  memset(out, 0, sizeof *out);
  VkResult r = plain_image(format, type, tiling, &out->imageFormatProperties);
  if (handleTypes == 0) return r;
  const td_answer *a = match_image(td_images_nv, TD_IMAGES_NV_COUNT, handleTypes, format, type, tiling, usage, flags);
  VkResult result = a ? (VkResult)a->result : VK_ERROR_FORMAT_NOT_SUPPORTED;
  if (result == VK_SUCCESS) result = r;
  if (result != VK_SUCCESS) { memset(out, 0, sizeof *out); return result; }
  out->externalMemoryFeatures = a->features;
  out->exportFromImportedHandleTypes = a->exportFrom;
  out->compatibleHandleTypes = a->compatible;
  return VK_SUCCESS;
}

/* ---- device level */

static VKAPI_ATTR VkResult VKAPI_CALL td_CreateDevice(VkPhysicalDevice pd, const VkDeviceCreateInfo *ci, const VkAllocationCallbacks *a, VkDevice *pDevice) {
  (void)pd; (void)a;
  for (uint32_t i = 0; i < ci->enabledExtensionCount; i++) if (!has_extension(ci->ppEnabledExtensionNames[i])) return VK_ERROR_EXTENSION_NOT_PRESENT;
  td_device *d = (td_device *)calloc(1, sizeof *d);
  if (!d) return VK_ERROR_OUT_OF_HOST_MEMORY;
  *pDevice = (VkDevice)d;
  return VK_SUCCESS;
}

static VKAPI_ATTR void VKAPI_CALL td_DestroyDevice(VkDevice device, const VkAllocationCallbacks *a) {
  (void)a;
  free(device);
}

static VKAPI_ATTR VkResult VKAPI_CALL td_CreateBuffer(VkDevice device, const VkBufferCreateInfo *ci, const VkAllocationCallbacks *a, VkBuffer *pBuffer) {
  (void)device; (void)a;
  td_buffer *b = (td_buffer *)calloc(1, sizeof *b);
  if (!b) return VK_ERROR_OUT_OF_HOST_MEMORY;
  b->size = ci->size;
  const VkExternalMemoryBufferCreateInfo *ext = (const VkExternalMemoryBufferCreateInfo *)find_in_chain(ci->pNext, VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO);
  b->externalTypes = ext ? ext->handleTypes : 0;
  *pBuffer = (VkBuffer)(uintptr_t)b;
  return VK_SUCCESS;
}

static VKAPI_ATTR void VKAPI_CALL td_DestroyBuffer(VkDevice device, VkBuffer buffer, const VkAllocationCallbacks *a) {
  (void)device; (void)a;
  free((void *)(uintptr_t)buffer);
}

static VKAPI_ATTR VkResult VKAPI_CALL td_CreateImage(VkDevice device, const VkImageCreateInfo *ci, const VkAllocationCallbacks *a, VkImage *pImage) {
  (void)device; (void)a;
  td_image *im = (td_image *)calloc(1, sizeof *im);
  if (!im) return VK_ERROR_OUT_OF_HOST_MEMORY;
  im->format = ci->format; im->tiling = ci->tiling; im->extent = ci->extent;
  im->mipLevels = ci->mipLevels; im->arrayLayers = ci->arrayLayers; im->samples = (uint32_t)ci->samples;
  const VkExternalMemoryImageCreateInfo *ext = (const VkExternalMemoryImageCreateInfo *)find_in_chain(ci->pNext, VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO);
  const VkExternalMemoryImageCreateInfoNV *nv = (const VkExternalMemoryImageCreateInfoNV *)find_in_chain(ci->pNext, VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO_NV);
  im->externalTypes = ext ? ext->handleTypes : 0;
  im->externalTypesNV = nv ? nv->handleTypes : 0;
  *pImage = (VkImage)(uintptr_t)im;
  return VK_SUCCESS;
}

static VKAPI_ATTR void VKAPI_CALL td_DestroyImage(VkDevice device, VkImage image, const VkAllocationCallbacks *a) {
  (void)device; (void)a;
  free((void *)(uintptr_t)image);
}

/* Every external-resource rule for this kind of resource whose handle types meet the resource's. */
typedef struct { int prefers, requires; uint32_t bits; uint64_t alignment; } dedicated_for;
static dedicated_for dedicated_rules(int image, uint32_t types) {
  dedicated_for d = {0, 0, 0xffffffffu, 1};
  for (uint32_t i = 0; i < TD_DEDICATED_COUNT; i++) {
    const td_dedicated_rule *r = &td_dedicated[i];
    if (r->image != image || (r->handleTypes & types) == 0) continue;
    d.prefers = d.prefers || r->prefers;
    d.requires = d.requires || r->requires;
    if (r->memoryTypeBits >= 0) d.bits &= (uint32_t)r->memoryTypeBits;
    if (r->alignment >= 0 && (uint64_t)r->alignment > d.alignment) d.alignment = (uint64_t)r->alignment;
  }
  return d;
}

/* The NV handle bits' KHR counterparts (for the dedicated rules, written in KHR bits). */
static uint32_t nv_to_khr(uint32_t nv) {
  uint32_t k = 0;
  if (nv & VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV) k |= VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT;
  if (nv & VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT_NV) k |= VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT;
  if (nv & VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_BIT_NV) k |= VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT;
  if (nv & VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_KMT_BIT_NV) k |= VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT;
  return k;
}

static void set_dedicated(void *chain, const dedicated_for *d) {
  VkMemoryDedicatedRequirements *ded = (VkMemoryDedicatedRequirements *)find_out_chain(chain, VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS);
  if (!ded) return;
  ded->prefersDedicatedAllocation = d->prefers || d->requires ? VK_TRUE : VK_FALSE;
  ded->requiresDedicatedAllocation = d->requires ? VK_TRUE : VK_FALSE;
}

static void buffer_requirements(const td_buffer *b, VkMemoryRequirements *m, dedicated_for *d) {
  *d = dedicated_rules(0, b->externalTypes);
  uint64_t alignment = TD_BUFFER_ALIGNMENT > d->alignment ? TD_BUFFER_ALIGNMENT : d->alignment;
  m->size = round_up(b->size, alignment);
  m->alignment = alignment;
  m->memoryTypeBits = TD_BUFFER_TYPE_BITS & d->bits;
}

static void image_rule(const td_image *im, uint64_t *alignment, uint32_t *bits) {
  for (uint32_t i = 0; i < TD_IMAGE_RULE_COUNT; i++) {
    const td_image_rule *r = &td_image_rules[i];
    if (!same(im->tiling, r->tiling) || !same(im->format, r->format)) continue;
    *alignment = r->alignment; *bits = r->memoryTypeBits;
    return;
  }
  *alignment = TD_BUFFER_ALIGNMENT; *bits = TD_BUFFER_TYPE_BITS;
}

static void image_requirements(const td_image *im, VkMemoryRequirements *m, dedicated_for *d) {
  uint64_t ruleAlignment; uint32_t bits;
  image_rule(im, &ruleAlignment, &bits);
  *d = dedicated_rules(1, im->externalTypes | nv_to_khr(im->externalTypesNV));
  uint64_t w = count_of(im->extent.width, UINT64_MAX), h = count_of(im->extent.height, UINT64_MAX), z = count_of(im->extent.depth, UINT64_MAX);
  uint64_t levels = count_of(im->mipLevels, 32), bytes = 0;
  for (uint64_t l = 0; l < levels; l++) {
    uint64_t f = 1ull << l;
    uint64_t lw = w / f ? w / f : 1, lh = h / f ? h / f : 1, lz = z / f ? z / f : 1;
    bytes += lw * lh * lz;
  }
  bytes *= count_of(im->arrayLayers, UINT64_MAX) * count_of(im->samples, 64) * texel_bytes(im->format);
  bytes = round_up(bytes, ruleAlignment);
  uint64_t alignment = ruleAlignment > d->alignment ? ruleAlignment : d->alignment;
  m->size = round_up(bytes, alignment);
  m->alignment = alignment;
  m->memoryTypeBits = bits & d->bits;
}

static VKAPI_ATTR void VKAPI_CALL td_GetBufferMemoryRequirements(VkDevice device, VkBuffer buffer, VkMemoryRequirements *m) {
  (void)device;
  dedicated_for d;
  buffer_requirements((const td_buffer *)(uintptr_t)buffer, m, &d);
}
static VKAPI_ATTR void VKAPI_CALL td_GetBufferMemoryRequirements2(VkDevice device, const VkBufferMemoryRequirementsInfo2 *info, VkMemoryRequirements2 *m) {
  (void)device;
  dedicated_for d;
  buffer_requirements((const td_buffer *)(uintptr_t)info->buffer, &m->memoryRequirements, &d);
  set_dedicated(m->pNext, &d);
}
static VKAPI_ATTR void VKAPI_CALL td_GetImageMemoryRequirements(VkDevice device, VkImage image, VkMemoryRequirements *m) {
  (void)device;
  dedicated_for d;
  image_requirements((const td_image *)(uintptr_t)image, m, &d);
}
static VKAPI_ATTR void VKAPI_CALL td_GetImageMemoryRequirements2(VkDevice device, const VkImageMemoryRequirementsInfo2 *info, VkMemoryRequirements2 *m) {
  (void)device;
  dedicated_for d;
  image_requirements((const td_image *)(uintptr_t)info->image, &m->memoryRequirements, &d);
  set_dedicated(m->pNext, &d);
}

/* ---- memory: sections */

static int is_kmt_type(uint32_t t) {
  return t == VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT || t == VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT;
}
static const uint32_t KMT_TYPES = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT | VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT;
static const uint32_t KMT_TYPES_NV = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT_NV | VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_KMT_BIT_NV;

/* The size of the section behind `h`, 0 when it is none (a view of it cannot be mapped). */
static VkDeviceSize section_size(HANDLE h) {
  void *v = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0);
  if (!v) return 0;
  MEMORY_BASIC_INFORMATION mbi;
  VkDeviceSize size = VirtualQuery(v, &mbi, sizeof mbi) ? (VkDeviceSize)mbi.RegionSize : 0;
  UnmapViewOfFile(v);
  return size;
}

/* A reference of this driver's own to the section an NT handle names (the application keeps its handle). */
static HANDLE own_reference(HANDLE h) {
  HANDLE own = NULL;
  if (!h || h == INVALID_HANDLE_VALUE) return NULL;
  if (!DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &own, 0, FALSE, DUPLICATE_SAME_ACCESS)) return NULL;
  if (section_size(own) == 0) { CloseHandle(own); return NULL; }
  return own;
}

static HANDLE open_kmt(HANDLE value) {
  int slot = kmt_slot_of(value);
  kmt_slot *table = kmt_table();
  if (slot < 0 || !table || !table[slot].used) return NULL;
  return OpenFileMappingW(FILE_MAP_ALL_ACCESS, FALSE, table[slot].name);
}

static VKAPI_ATTR VkResult VKAPI_CALL td_AllocateMemory(VkDevice device, const VkMemoryAllocateInfo *ai, const VkAllocationCallbacks *a, VkDeviceMemory *pMemory) {
  (void)device; (void)a;
  if (ai->memoryTypeIndex >= TD_TYPE_COUNT) return VK_ERROR_OUT_OF_DEVICE_MEMORY;
  const VkExportMemoryAllocateInfo *exp = (const VkExportMemoryAllocateInfo *)find_in_chain(ai->pNext, VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO);
  const VkExportMemoryAllocateInfoNV *expNV = (const VkExportMemoryAllocateInfoNV *)find_in_chain(ai->pNext, VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO_NV);
  const VkExportMemoryWin32HandleInfoKHR *expW = (const VkExportMemoryWin32HandleInfoKHR *)find_in_chain(ai->pNext, VK_STRUCTURE_TYPE_EXPORT_MEMORY_WIN32_HANDLE_INFO_KHR);
  const VkExportMemoryWin32HandleInfoNV *expWNV = (const VkExportMemoryWin32HandleInfoNV *)find_in_chain(ai->pNext, VK_STRUCTURE_TYPE_EXPORT_MEMORY_WIN32_HANDLE_INFO_NV);
  const VkImportMemoryWin32HandleInfoKHR *imp = (const VkImportMemoryWin32HandleInfoKHR *)find_in_chain(ai->pNext, VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_KHR);
  const VkImportMemoryWin32HandleInfoNV *impNV = (const VkImportMemoryWin32HandleInfoNV *)find_in_chain(ai->pNext, VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_NV);

  td_memory *m = (td_memory *)calloc(1, sizeof *m);
  if (!m) return VK_ERROR_OUT_OF_HOST_MEMORY;
  m->typeIndex = ai->memoryTypeIndex;
  m->kmtSlot = -1;
  m->exportTypes = exp ? exp->handleTypes : 0;
  m->exportTypesNV = expNV ? expNV->handleTypes : 0;
  if (expW) {
    m->exportAccess = expW->dwAccess;
    m->exportInherit = expW->pAttributes ? expW->pAttributes->bInheritHandle : FALSE;
    if (expW->name) wcsncpy(m->name, expW->name, COUNT_OF(m->name) - 1);
  } else if (expWNV) {
    m->exportAccess = expWNV->dwAccess;
    m->exportInherit = expWNV->pAttributes ? expWNV->pAttributes->bInheritHandle : FALSE;
  }

  if (imp && imp->handleType) {
    /* By name when the structure names one and no handle; by handle otherwise. */
    if (!imp->handle && imp->name) m->section = OpenFileMappingW(FILE_MAP_ALL_ACCESS, FALSE, imp->name);
    else if (is_kmt_type(imp->handleType)) m->section = open_kmt(imp->handle);
    else m->section = own_reference(imp->handle);
  } else if (impNV && impNV->handleType) {
    if (impNV->handleType & KMT_TYPES_NV) m->section = open_kmt(impNV->handle);
    else m->section = own_reference(impNV->handle);
  }
  if ((imp && imp->handleType) || (impNV && impNV->handleType)) {
    m->size = m->section ? section_size(m->section) : 0;
    if (!m->section || m->size == 0) {
      if (m->section) CloseHandle(m->section);
      free(m);
      return VK_ERROR_INVALID_EXTERNAL_HANDLE;
    }
    *pMemory = (VkDeviceMemory)(uintptr_t)m;
    return VK_SUCCESS;
  }

  if (ai->allocationSize == 0) { free(m); return VK_ERROR_OUT_OF_DEVICE_MEMORY; }
  /* Memory a KMT handle may be exported from is named, so another process can open it (see the top). */
  if (!m->name[0] && ((m->exportTypes & KMT_TYPES) || (m->exportTypesNV & KMT_TYPES_NV))) {
    static LONG counter;
    swprintf(m->name, COUNT_OF(m->name), L"Local\\vkx-test-driver-%lu-%ld", (unsigned long)GetCurrentProcessId(), InterlockedIncrement(&counter));
  }
  SECURITY_ATTRIBUTES *sa = expW ? (SECURITY_ATTRIBUTES *)expW->pAttributes : (expWNV ? (SECURITY_ATTRIBUTES *)expWNV->pAttributes : NULL);
  m->section = CreateFileMappingW(INVALID_HANDLE_VALUE, sa, PAGE_READWRITE, (DWORD)(ai->allocationSize >> 32), (DWORD)ai->allocationSize,
                                  m->name[0] ? m->name : NULL);
  DWORD err = GetLastError();
  if (m->section && m->name[0] && err == ERROR_ALREADY_EXISTS) {
    /* A name already taken: a driver refuses to alias another object. */
    CloseHandle(m->section);
    free(m);
    return VK_ERROR_INVALID_EXTERNAL_HANDLE;
  }
  if (!m->section) { free(m); return VK_ERROR_OUT_OF_DEVICE_MEMORY; }
  m->size = ai->allocationSize;
  *pMemory = (VkDeviceMemory)(uintptr_t)m;
  return VK_SUCCESS;
}

static VKAPI_ATTR void VKAPI_CALL td_FreeMemory(VkDevice device, VkDeviceMemory memory, const VkAllocationCallbacks *a) {
  (void)device; (void)a;
  td_memory *m = (td_memory *)(uintptr_t)memory;
  if (!m) return;
  if (m->view) UnmapViewOfFile(m->view);
  if (m->kmtSlot >= 0) {
    kmt_slot *table = kmt_table();
    if (table) InterlockedExchange(&table[m->kmtSlot].used, 0);
  }
  CloseHandle(m->section);
  free(m);
}

static VKAPI_ATTR VkResult VKAPI_CALL td_MapMemory(VkDevice device, VkDeviceMemory memory, VkDeviceSize offset, VkDeviceSize size, VkMemoryMapFlags flags, void **ppData) {
  (void)device; (void)size; (void)flags;
  td_memory *m = (td_memory *)(uintptr_t)memory;
  if (!(td_types[m->typeIndex].propertyFlags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT)) return VK_ERROR_MEMORY_MAP_FAILED;
  if (offset > m->size) return VK_ERROR_MEMORY_MAP_FAILED;
  /* A section imported through a handle without write access cannot be mapped for writing: the map
   * fails, as it would for the application (a read-only view would let a host write fault). */
  if (!m->view) m->view = MapViewOfFile(m->section, FILE_MAP_ALL_ACCESS, 0, 0, 0);
  if (!m->view) return VK_ERROR_MEMORY_MAP_FAILED;
  *ppData = (char *)m->view + offset;
  return VK_SUCCESS;
}

static VKAPI_ATTR void VKAPI_CALL td_UnmapMemory(VkDevice device, VkDeviceMemory memory) {
  (void)device;
  td_memory *m = (td_memory *)(uintptr_t)memory;
  if (m->view) { UnmapViewOfFile(m->view); m->view = NULL; }
}

static VKAPI_ATTR VkResult VKAPI_CALL td_FlushMappedMemoryRanges(VkDevice device, uint32_t n, const VkMappedMemoryRange *r) {
  (void)device; (void)n; (void)r;
  return VK_SUCCESS; /* sections are coherent */
}

static VKAPI_ATTR VkResult VKAPI_CALL td_BindBufferMemory(VkDevice device, VkBuffer buffer, VkDeviceMemory memory, VkDeviceSize offset) {
  (void)device; (void)buffer; (void)memory; (void)offset;
  return VK_SUCCESS;
}
static VKAPI_ATTR VkResult VKAPI_CALL td_BindImageMemory(VkDevice device, VkImage image, VkDeviceMemory memory, VkDeviceSize offset) {
  (void)device; (void)image; (void)memory; (void)offset;
  return VK_SUCCESS;
}

/*
 * The section rights a handle gets for VkExportMemoryWin32HandleInfoKHR::dwAccess. Applications pass
 * DXGI_SHARED_RESOURCE_READ (0x80000000) and DXGI_SHARED_RESOURCE_WRITE (1), or GENERIC_ALL: on a
 * section they mean mapping for reading, for writing, or everything. 0 (not given): everything.
 */
static DWORD section_access(DWORD dw) {
  if (dw == 0 || (dw & GENERIC_ALL)) return SECTION_ALL_ACCESS;
  DWORD a = SECTION_QUERY;
  if (dw & (GENERIC_READ | FILE_MAP_READ)) a |= SECTION_MAP_READ;
  if (dw & (1u /* DXGI_SHARED_RESOURCE_WRITE */ | GENERIC_WRITE | FILE_MAP_WRITE)) a |= SECTION_MAP_READ | SECTION_MAP_WRITE;
  return a;
}

/* A new NT handle to the memory's section in this process, with the access and inheritance asked at allocation. */
static VkResult export_nt(td_memory *m, HANDLE *out) {
  DWORD access = section_access(m->exportAccess);
  DWORD options = 0;
  if (!DuplicateHandle(GetCurrentProcess(), m->section, GetCurrentProcess(), out, access, m->exportInherit, options)) return VK_ERROR_TOO_MANY_OBJECTS;
  return VK_SUCCESS;
}

/* The simulated global share handle of the memory: the same value for every export of it. */
static VkResult export_kmt(td_memory *m, HANDLE *out) {
  kmt_slot *table = kmt_table();
  if (!table || !m->name[0]) return VK_ERROR_TOO_MANY_OBJECTS;
  if (m->kmtSlot < 0) {
    for (int i = 0; i < KMT_SLOTS && m->kmtSlot < 0; i++) {
      if (InterlockedCompareExchange(&table[i].used, 1, 0) == 0) {
        wcsncpy(table[i].name, m->name, COUNT_OF(table[i].name) - 1);
        m->kmtSlot = i;
      }
    }
    if (m->kmtSlot < 0) return VK_ERROR_TOO_MANY_OBJECTS;
  }
  *out = kmt_value(m->kmtSlot);
  return VK_SUCCESS;
}

static VKAPI_ATTR VkResult VKAPI_CALL td_GetMemoryWin32HandleKHR(VkDevice device, const VkMemoryGetWin32HandleInfoKHR *info, HANDLE *pHandle) {
  (void)device;
  td_memory *m = (td_memory *)(uintptr_t)info->memory;
  if ((m->exportTypes & info->handleType) == 0) return VK_ERROR_INVALID_EXTERNAL_HANDLE;
  return is_kmt_type(info->handleType) ? export_kmt(m, pHandle) : export_nt(m, pHandle);
}

static VKAPI_ATTR VkResult VKAPI_CALL td_GetMemoryWin32HandleNV(VkDevice device, VkDeviceMemory memory, VkExternalMemoryHandleTypeFlagsNV handleType, HANDLE *pHandle) {
  (void)device;
  td_memory *m = (td_memory *)(uintptr_t)memory;
  if ((m->exportTypesNV & handleType) == 0) return VK_ERROR_INVALID_EXTERNAL_HANDLE;
  return (handleType & KMT_TYPES_NV) ? export_kmt(m, pHandle) : export_nt(m, pHandle);
}

static VKAPI_ATTR VkResult VKAPI_CALL td_GetMemoryWin32HandlePropertiesKHR(VkDevice device, VkExternalMemoryHandleTypeFlagBits handleType, HANDLE handle,
                                                                            VkMemoryWin32HandlePropertiesKHR *p) {
  (void)device; (void)handle;
  p->memoryTypeBits = 0;
  for (uint32_t i = 0; i < TD_HANDLE_PROPS_COUNT; i++) {
    if (td_handle_props[i].handleType == (uint32_t)handleType) { p->memoryTypeBits = td_handle_props[i].memoryTypeBits; return VK_SUCCESS; }
  }
  return VK_ERROR_INVALID_EXTERNAL_HANDLE;
}

/* ---- entry points by name */

typedef struct { const char *name; PFN_vkVoidFunction fn; } entry;
#define E(n, f) {n, (PFN_vkVoidFunction)(void *)f}
static const entry entries[] = {
  E("vkEnumerateInstanceVersion", td_EnumerateInstanceVersion),
  E("vkEnumerateInstanceExtensionProperties", td_EnumerateInstanceExtensionProperties),
  E("vkEnumerateInstanceLayerProperties", td_EnumerateInstanceLayerProperties),
  E("vkCreateInstance", td_CreateInstance),
  E("vkDestroyInstance", td_DestroyInstance),
  E("vkEnumeratePhysicalDevices", td_EnumeratePhysicalDevices),
  E("vkGetPhysicalDeviceProperties", td_GetPhysicalDeviceProperties),
  E("vkGetPhysicalDeviceProperties2", td_GetPhysicalDeviceProperties2),
  E("vkGetPhysicalDeviceProperties2KHR", td_GetPhysicalDeviceProperties2),
  E("vkGetPhysicalDeviceMemoryProperties", td_GetPhysicalDeviceMemoryProperties),
  E("vkGetPhysicalDeviceQueueFamilyProperties", td_GetPhysicalDeviceQueueFamilyProperties),
  E("vkEnumerateDeviceExtensionProperties", td_EnumerateDeviceExtensionProperties),
  E("vkGetPhysicalDeviceExternalBufferProperties", td_GetPhysicalDeviceExternalBufferProperties),
  E("vkGetPhysicalDeviceExternalBufferPropertiesKHR", td_GetPhysicalDeviceExternalBufferProperties),
  E("vkGetPhysicalDeviceImageFormatProperties", td_GetPhysicalDeviceImageFormatProperties),
  E("vkGetPhysicalDeviceImageFormatProperties2", td_GetPhysicalDeviceImageFormatProperties2),
  E("vkGetPhysicalDeviceImageFormatProperties2KHR", td_GetPhysicalDeviceImageFormatProperties2),
  E("vkGetPhysicalDeviceExternalImageFormatPropertiesNV", td_GetPhysicalDeviceExternalImageFormatPropertiesNV),
  E("vkCreateDevice", td_CreateDevice),
  E("vkDestroyDevice", td_DestroyDevice),
  E("vkCreateBuffer", td_CreateBuffer),
  E("vkDestroyBuffer", td_DestroyBuffer),
  E("vkCreateImage", td_CreateImage),
  E("vkDestroyImage", td_DestroyImage),
  E("vkGetBufferMemoryRequirements", td_GetBufferMemoryRequirements),
  E("vkGetBufferMemoryRequirements2", td_GetBufferMemoryRequirements2),
  E("vkGetBufferMemoryRequirements2KHR", td_GetBufferMemoryRequirements2),
  E("vkGetImageMemoryRequirements", td_GetImageMemoryRequirements),
  E("vkGetImageMemoryRequirements2", td_GetImageMemoryRequirements2),
  E("vkGetImageMemoryRequirements2KHR", td_GetImageMemoryRequirements2),
  E("vkAllocateMemory", td_AllocateMemory),
  E("vkFreeMemory", td_FreeMemory),
  E("vkMapMemory", td_MapMemory),
  E("vkUnmapMemory", td_UnmapMemory),
  E("vkFlushMappedMemoryRanges", td_FlushMappedMemoryRanges),
  E("vkInvalidateMappedMemoryRanges", td_FlushMappedMemoryRanges),
  E("vkBindBufferMemory", td_BindBufferMemory),
  E("vkBindImageMemory", td_BindImageMemory),
  E("vkGetMemoryWin32HandleKHR", td_GetMemoryWin32HandleKHR),
  E("vkGetMemoryWin32HandleNV", td_GetMemoryWin32HandleNV),
  E("vkGetMemoryWin32HandlePropertiesKHR", td_GetMemoryWin32HandlePropertiesKHR),
};

static PFN_vkVoidFunction lookup(const char *name) {
  if (!name) return NULL;
  for (size_t i = 0; i < COUNT_OF(entries); i++) if (strcmp(entries[i].name, name) == 0) return entries[i].fn;
  return NULL;
}

static VKAPI_ATTR PFN_vkVoidFunction VKAPI_CALL td_GetDeviceProcAddr(VkDevice device, const char *name) {
  (void)device;
  if (name && strcmp(name, "vkGetDeviceProcAddr") == 0) return (PFN_vkVoidFunction)(void *)td_GetDeviceProcAddr;
  return lookup(name);
}

EXPORT VKAPI_ATTR PFN_vkVoidFunction VKAPI_CALL vkGetInstanceProcAddr(VkInstance instance, const char *name) {
  (void)instance;
  if (name && strcmp(name, "vkGetInstanceProcAddr") == 0) return (PFN_vkVoidFunction)(void *)vkGetInstanceProcAddr;
  if (name && strcmp(name, "vkGetDeviceProcAddr") == 0) return (PFN_vkVoidFunction)(void *)td_GetDeviceProcAddr;
  return lookup(name);
}

/* Which profile the driver plays: for reports and tests. */
EXPORT const char *vkxTestDriverProfile(void) { return TD_PROFILE; }
