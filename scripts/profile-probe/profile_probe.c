/*
 * profile_probe.c - measures one Vulkan physical device and prints it as a
 * vk-extmem device profile (schemas/profile.schema.json) on stdout.
 *
 * What it records: identity (VkPhysicalDeviceIDProperties, driver properties,
 * the host-pointer alignment), memory types and heaps, the external-memory
 * device extensions offered, memory requirements of a plain buffer and of
 * RGBA8 images, dedicated requirements of resources created with each
 * supported handle type, the answers of the external buffer / image format
 * queries (KHR, and the NV query where the instance offers it) for every
 * handle type over a fixed set of usages, formats and tilings, and the
 * memoryTypeBits of handles the probe can make itself (host pointers,
 * dma-bufs).
 *
 * Usage: profile_probe [--device N] [--name NAME] [--title TEXT]
 * Exit status: 0 printed a profile, 1 the driver misbehaved, 2 usage or setup error.
 *
 * Build: gcc -std=c11 -Wall -Wextra -Werror -O1 profile_probe.c -lvulkan
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <vulkan/vulkan.h>

#define TOOL_NAME "scripts/profile-probe (vk-extmem)"
#define PROBE_BUFFER_SIZE 65536u
#define PROBE_IMAGE_DIM 64u

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------- */
/* enumerant names: the profile carries names, so it reads (and diffs) well   */

typedef struct {
    uint32_t bit;
    const char *name;
} BitName;

#define BIT(x) { (uint32_t)(x), #x }

/* Every KHR handle type the 1.3.239 headers define; each is asked about. */
static const BitName HANDLE_TYPES[] = {
    BIT(VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT),
    BIT(VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT),
    BIT(VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT),
    BIT(VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT),
    BIT(VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT),
    BIT(VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT),
    BIT(VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_RESOURCE_BIT),
    BIT(VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT),
    BIT(VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_MAPPED_FOREIGN_MEMORY_BIT_EXT),
    BIT(VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT),
    BIT(VK_EXTERNAL_MEMORY_HANDLE_TYPE_ANDROID_HARDWARE_BUFFER_BIT_ANDROID),
    BIT(VK_EXTERNAL_MEMORY_HANDLE_TYPE_ZIRCON_VMO_BIT_FUCHSIA),
    BIT(VK_EXTERNAL_MEMORY_HANDLE_TYPE_RDMA_ADDRESS_BIT_NV),
};

static const BitName HANDLE_TYPES_NV[] = {
    BIT(VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV),
    BIT(VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT_NV),
    BIT(VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_BIT_NV),
    BIT(VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_KMT_BIT_NV),
};

static const BitName FEATURES[] = {
    BIT(VK_EXTERNAL_MEMORY_FEATURE_DEDICATED_ONLY_BIT),
    BIT(VK_EXTERNAL_MEMORY_FEATURE_EXPORTABLE_BIT),
    BIT(VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT),
};

static const BitName FEATURES_NV[] = {
    BIT(VK_EXTERNAL_MEMORY_FEATURE_DEDICATED_ONLY_BIT_NV),
    BIT(VK_EXTERNAL_MEMORY_FEATURE_EXPORTABLE_BIT_NV),
    BIT(VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT_NV),
};

static const BitName MEMORY_PROPERTIES[] = {
    BIT(VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT),
    BIT(VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT),
    BIT(VK_MEMORY_PROPERTY_HOST_COHERENT_BIT),
    BIT(VK_MEMORY_PROPERTY_HOST_CACHED_BIT),
    BIT(VK_MEMORY_PROPERTY_LAZILY_ALLOCATED_BIT),
    BIT(VK_MEMORY_PROPERTY_PROTECTED_BIT),
    BIT(VK_MEMORY_PROPERTY_DEVICE_COHERENT_BIT_AMD),
    BIT(VK_MEMORY_PROPERTY_DEVICE_UNCACHED_BIT_AMD),
    BIT(VK_MEMORY_PROPERTY_RDMA_CAPABLE_BIT_NV),
};

static const BitName HEAP_FLAGS[] = {
    BIT(VK_MEMORY_HEAP_DEVICE_LOCAL_BIT),
    BIT(VK_MEMORY_HEAP_MULTI_INSTANCE_BIT),
};

static const BitName BUFFER_USAGES[] = {
    BIT(VK_BUFFER_USAGE_TRANSFER_SRC_BIT),
    BIT(VK_BUFFER_USAGE_TRANSFER_DST_BIT),
    BIT(VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT),
    BIT(VK_BUFFER_USAGE_STORAGE_TEXEL_BUFFER_BIT),
    BIT(VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT),
    BIT(VK_BUFFER_USAGE_STORAGE_BUFFER_BIT),
    BIT(VK_BUFFER_USAGE_INDEX_BUFFER_BIT),
    BIT(VK_BUFFER_USAGE_VERTEX_BUFFER_BIT),
    BIT(VK_BUFFER_USAGE_INDIRECT_BUFFER_BIT),
};

static const BitName IMAGE_USAGES[] = {
    BIT(VK_IMAGE_USAGE_TRANSFER_SRC_BIT),
    BIT(VK_IMAGE_USAGE_TRANSFER_DST_BIT),
    BIT(VK_IMAGE_USAGE_SAMPLED_BIT),
    BIT(VK_IMAGE_USAGE_STORAGE_BIT),
    BIT(VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT),
    BIT(VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT),
    BIT(VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT),
    BIT(VK_IMAGE_USAGE_INPUT_ATTACHMENT_BIT),
};

/* The fixed questions: buffer usages, and image (format, tiling, usage) combinations. */
static const VkBufferUsageFlags PROBE_BUFFER_USAGES[] = {
    VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
    VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT |
        VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
    VK_BUFFER_USAGE_VERTEX_BUFFER_BIT | VK_BUFFER_USAGE_INDEX_BUFFER_BIT |
        VK_BUFFER_USAGE_TRANSFER_DST_BIT,
};

typedef struct {
    VkFormat format;
    const char *name;
} FormatName;

static const FormatName PROBE_FORMATS[] = {
    { VK_FORMAT_R8G8B8A8_UNORM, "VK_FORMAT_R8G8B8A8_UNORM" },
    { VK_FORMAT_B8G8R8A8_UNORM, "VK_FORMAT_B8G8R8A8_UNORM" },
    { VK_FORMAT_R32_SFLOAT, "VK_FORMAT_R32_SFLOAT" },
};

static const VkImageTiling PROBE_TILINGS[] = { VK_IMAGE_TILING_OPTIMAL, VK_IMAGE_TILING_LINEAR };

static const VkImageUsageFlags PROBE_IMAGE_USAGES[] = {
    VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT,
    VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT |
        VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT,
};

/* Device extensions worth recording: everything that bears on sharing memory. */
static const char *const INTERESTING_EXTENSIONS[] = {
    "VK_KHR_external_memory",
    "VK_KHR_external_memory_fd",
    "VK_KHR_external_memory_win32",
    "VK_KHR_win32_keyed_mutex",
    "VK_KHR_dedicated_allocation",
    "VK_KHR_get_memory_requirements2",
    "VK_KHR_bind_memory2",
    "VK_EXT_external_memory_host",
    "VK_EXT_external_memory_dma_buf",
    "VK_EXT_image_drm_format_modifier",
    "VK_NV_external_memory",
    "VK_NV_external_memory_win32",
    "VK_NV_win32_keyed_mutex",
    "VK_NV_dedicated_allocation",
    "VK_NV_external_memory_rdma",
    "VK_ANDROID_external_memory_android_hardware_buffer",
    "VK_FUCHSIA_external_memory",
};

/* Of those, the ones the probe's own device enables (so it may create resources with their handle types). */
static const char *const ENABLED_EXTENSIONS[] = {
    "VK_KHR_external_memory",
    "VK_KHR_external_memory_fd",
    "VK_KHR_external_memory_win32",
    "VK_KHR_dedicated_allocation",
    "VK_KHR_get_memory_requirements2",
    "VK_KHR_bind_memory2",
    "VK_EXT_external_memory_host",
    "VK_EXT_external_memory_dma_buf",
};

static const char *result_name(VkResult r)
{
    switch (r) {
    case VK_SUCCESS: return "VK_SUCCESS";
    case VK_NOT_READY: return "VK_NOT_READY";
    case VK_INCOMPLETE: return "VK_INCOMPLETE";
    case VK_ERROR_OUT_OF_HOST_MEMORY: return "VK_ERROR_OUT_OF_HOST_MEMORY";
    case VK_ERROR_OUT_OF_DEVICE_MEMORY: return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
    case VK_ERROR_INITIALIZATION_FAILED: return "VK_ERROR_INITIALIZATION_FAILED";
    case VK_ERROR_EXTENSION_NOT_PRESENT: return "VK_ERROR_EXTENSION_NOT_PRESENT";
    case VK_ERROR_FEATURE_NOT_PRESENT: return "VK_ERROR_FEATURE_NOT_PRESENT";
    case VK_ERROR_INCOMPATIBLE_DRIVER: return "VK_ERROR_INCOMPATIBLE_DRIVER";
    case VK_ERROR_FORMAT_NOT_SUPPORTED: return "VK_ERROR_FORMAT_NOT_SUPPORTED";
    case VK_ERROR_INVALID_EXTERNAL_HANDLE: return "VK_ERROR_INVALID_EXTERNAL_HANDLE";
    case VK_ERROR_UNKNOWN: return "VK_ERROR_UNKNOWN";
    default: return NULL;
    }
}

static const char *tiling_name(VkImageTiling t)
{
    return t == VK_IMAGE_TILING_LINEAR ? "VK_IMAGE_TILING_LINEAR" : "VK_IMAGE_TILING_OPTIMAL";
}

static const char *device_type_name(VkPhysicalDeviceType t)
{
    switch (t) {
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU";
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU";
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU";
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return "VK_PHYSICAL_DEVICE_TYPE_CPU";
    default: return "VK_PHYSICAL_DEVICE_TYPE_OTHER";
    }
}

/* ------------------------------------------------------------------------- */
/* JSON output                                                                */

static void put_string(const char *s)
{
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p < 0x20)
            printf("\\u%04x", *p);
        else
            putchar(*p);
    }
    putchar('"');
}

/* A flag mask as a list of names; as a number when a bit has no name here, so nothing is lost. */
static void put_flags(const BitName *names, size_t n, uint32_t value)
{
    uint32_t named = 0;
    for (size_t i = 0; i < n; i++)
        if (value & names[i].bit)
            named |= names[i].bit;
    if (named != value) {
        printf("%u", value);
        return;
    }
    putchar('[');
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        if (value & names[i].bit) {
            printf(first ? "" : ", ");
            put_string(names[i].name);
            first = 0;
        }
    }
    putchar(']');
}

static void put_bytes(const uint8_t *b, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++)
        printf(i ? "-%u" : "%u", b[i]);
    putchar('"');
}

/* ------------------------------------------------------------------------- */
/* the device under test                                                      */

typedef struct {
    VkInstance instance;
    VkPhysicalDevice phys;
    VkDevice device;
    VkPhysicalDeviceProperties props;
    VkPhysicalDeviceIDProperties id;
    VkPhysicalDeviceDriverProperties driver;
    int has_driver_props;
    VkDeviceSize host_alignment; /* 0 when VK_EXT_external_memory_host is not offered */
    VkPhysicalDeviceMemoryProperties memory;
    VkExtensionProperties *extensions;
    uint32_t extension_count;
    PFN_vkGetPhysicalDeviceExternalImageFormatPropertiesNV nv_query; /* NULL without the NV instance extension */
    PFN_vkGetMemoryHostPointerPropertiesEXT host_pointer_props;
    PFN_vkGetMemoryFdKHR get_fd;
    PFN_vkGetMemoryFdPropertiesKHR fd_props;
} Probe;

static int offers(const Probe *p, const char *name)
{
    for (uint32_t i = 0; i < p->extension_count; i++)
        if (strcmp(p->extensions[i].extensionName, name) == 0)
            return 1;
    return 0;
}

static int instance_offers(const char *name)
{
    uint32_t n = 0;
    if (vkEnumerateInstanceExtensionProperties(NULL, &n, NULL) != VK_SUCCESS || n == 0)
        return 0;
    VkExtensionProperties *e = calloc(n, sizeof *e);
    if (e == NULL)
        return 0;
    int found = 0;
    if (vkEnumerateInstanceExtensionProperties(NULL, &n, e) == VK_SUCCESS)
        for (uint32_t i = 0; i < n && !found; i++)
            found = strcmp(e[i].extensionName, name) == 0;
    free(e);
    return found;
}

static int probe_open(Probe *p, uint32_t index)
{
    memset(p, 0, sizeof *p);
    /* The NV query lives in an instance extension; ask for it only where it is offered. */
    const char *nv_caps = "VK_NV_external_memory_capabilities";
    int want_nv = instance_offers(nv_caps);
    VkApplicationInfo app = {
        .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
        .pApplicationName = "vk-extmem profile_probe",
        .apiVersion = VK_API_VERSION_1_1,
    };
    VkInstanceCreateInfo ici = {
        .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
        .pApplicationInfo = &app,
        .enabledExtensionCount = want_nv ? 1 : 0,
        .ppEnabledExtensionNames = want_nv ? &nv_caps : NULL,
    };
    VkResult r = vkCreateInstance(&ici, NULL, &p->instance);
    if (r != VK_SUCCESS) {
        fprintf(stderr, "profile_probe: vkCreateInstance failed: %d\n", r);
        return 2;
    }
    if (want_nv)
        p->nv_query = (PFN_vkGetPhysicalDeviceExternalImageFormatPropertiesNV)vkGetInstanceProcAddr(
            p->instance, "vkGetPhysicalDeviceExternalImageFormatPropertiesNV");

    uint32_t count = 0;
    vkEnumeratePhysicalDevices(p->instance, &count, NULL);
    if (index >= count) {
        fprintf(stderr, "profile_probe: no physical device %u (the loader offers %u)\n", index, count);
        return 2;
    }
    VkPhysicalDevice *all = calloc(count, sizeof *all);
    if (all == NULL)
        return 2;
    vkEnumeratePhysicalDevices(p->instance, &count, all);
    p->phys = all[index];
    free(all);

    vkEnumerateDeviceExtensionProperties(p->phys, NULL, &p->extension_count, NULL);
    p->extensions = calloc(p->extension_count ? p->extension_count : 1, sizeof *p->extensions);
    if (p->extensions == NULL)
        return 2;
    vkEnumerateDeviceExtensionProperties(p->phys, NULL, &p->extension_count, p->extensions);

    vkGetPhysicalDeviceProperties(p->phys, &p->props);
    if (p->props.apiVersion < VK_API_VERSION_1_1) {
        fprintf(stderr, "profile_probe: %s offers Vulkan %u.%u; the probe needs 1.1\n", p->props.deviceName,
                VK_API_VERSION_MAJOR(p->props.apiVersion), VK_API_VERSION_MINOR(p->props.apiVersion));
        return 2;
    }
    /* Chain only the structures the device knows: driver properties are core in 1.2 or an extension. */
    VkPhysicalDeviceExternalMemoryHostPropertiesEXT host = {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_MEMORY_HOST_PROPERTIES_EXT,
    };
    p->driver.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES;
    p->id.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES;
    void **tail = &p->id.pNext;
    p->has_driver_props = p->props.apiVersion >= VK_API_VERSION_1_2 || offers(p, "VK_KHR_driver_properties");
    if (p->has_driver_props) {
        *tail = &p->driver;
        tail = &p->driver.pNext;
    }
    if (offers(p, "VK_EXT_external_memory_host"))
        *tail = &host;
    VkPhysicalDeviceProperties2 props2 = {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2,
        .pNext = &p->id,
    };
    vkGetPhysicalDeviceProperties2(p->phys, &props2);
    p->id.pNext = NULL;
    p->driver.pNext = NULL;
    p->host_alignment = offers(p, "VK_EXT_external_memory_host") ? host.minImportedHostPointerAlignment : 0;
    vkGetPhysicalDeviceMemoryProperties(p->phys, &p->memory);

    const char *enable[COUNT(ENABLED_EXTENSIONS)];
    uint32_t n_enable = 0;
    for (size_t i = 0; i < COUNT(ENABLED_EXTENSIONS); i++)
        if (offers(p, ENABLED_EXTENSIONS[i]))
            enable[n_enable++] = ENABLED_EXTENSIONS[i];
    const float priority = 1.0f;
    VkDeviceQueueCreateInfo qci = {
        .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
        .queueFamilyIndex = 0,
        .queueCount = 1,
        .pQueuePriorities = &priority,
    };
    VkDeviceCreateInfo dci = {
        .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
        .queueCreateInfoCount = 1,
        .pQueueCreateInfos = &qci,
        .enabledExtensionCount = n_enable,
        .ppEnabledExtensionNames = enable,
    };
    r = vkCreateDevice(p->phys, &dci, NULL, &p->device);
    if (r != VK_SUCCESS) {
        fprintf(stderr, "profile_probe: vkCreateDevice failed: %d\n", r);
        return 1;
    }
    if (offers(p, "VK_EXT_external_memory_host"))
        p->host_pointer_props = (PFN_vkGetMemoryHostPointerPropertiesEXT)vkGetDeviceProcAddr(
            p->device, "vkGetMemoryHostPointerPropertiesEXT");
    if (offers(p, "VK_KHR_external_memory_fd")) {
        p->get_fd = (PFN_vkGetMemoryFdKHR)vkGetDeviceProcAddr(p->device, "vkGetMemoryFdKHR");
        p->fd_props = (PFN_vkGetMemoryFdPropertiesKHR)vkGetDeviceProcAddr(p->device, "vkGetMemoryFdPropertiesKHR");
    }
    return 0;
}

static void probe_close(Probe *p)
{
    if (p->device != VK_NULL_HANDLE)
        vkDestroyDevice(p->device, NULL);
    if (p->instance != VK_NULL_HANDLE)
        vkDestroyInstance(p->instance, NULL);
    free(p->extensions);
}

/* ------------------------------------------------------------------------- */
/* queries                                                                    */

static VkExternalMemoryProperties buffer_answer(const Probe *p, uint32_t handle_type, VkBufferUsageFlags usage)
{
    VkPhysicalDeviceExternalBufferInfo info = {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_BUFFER_INFO,
        .usage = usage,
        .handleType = (VkExternalMemoryHandleTypeFlagBits)handle_type,
    };
    VkExternalBufferProperties out = { .sType = VK_STRUCTURE_TYPE_EXTERNAL_BUFFER_PROPERTIES };
    vkGetPhysicalDeviceExternalBufferProperties(p->phys, &info, &out);
    return out.externalMemoryProperties;
}

static VkResult image_answer(const Probe *p, uint32_t handle_type, VkFormat format, VkImageTiling tiling,
                             VkImageUsageFlags usage, VkExternalMemoryProperties *ext)
{
    VkPhysicalDeviceExternalImageFormatInfo ext_info = {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO,
        .handleType = (VkExternalMemoryHandleTypeFlagBits)handle_type,
    };
    VkPhysicalDeviceImageFormatInfo2 info = {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2,
        .pNext = &ext_info,
        .format = format,
        .type = VK_IMAGE_TYPE_2D,
        .tiling = tiling,
        .usage = usage,
    };
    VkExternalImageFormatProperties ext_out = { .sType = VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES };
    VkImageFormatProperties2 out = { .sType = VK_STRUCTURE_TYPE_IMAGE_FORMAT_PROPERTIES_2, .pNext = &ext_out };
    VkResult r = vkGetPhysicalDeviceImageFormatProperties2(p->phys, &info, &out);
    *ext = ext_out.externalMemoryProperties;
    return r;
}

/* Memory requirements of a buffer or image, with its dedicated requirements. */
typedef struct {
    int ok;
    VkMemoryRequirements reqs;
    VkBool32 prefers, requires;
} Measured;

static Measured measure_buffer(const Probe *p, uint32_t handle_types)
{
    Measured m = { 0 };
    VkExternalMemoryBufferCreateInfo ext = {
        .sType = VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO,
        .handleTypes = handle_types,
    };
    VkBufferCreateInfo bci = {
        .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
        .pNext = handle_types ? &ext : NULL,
        .size = PROBE_BUFFER_SIZE,
        .usage = PROBE_BUFFER_USAGES[0],
        .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
    };
    VkBuffer buf;
    if (vkCreateBuffer(p->device, &bci, NULL, &buf) != VK_SUCCESS)
        return m;
    VkMemoryDedicatedRequirements ded = { .sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS };
    VkMemoryRequirements2 reqs = { .sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2, .pNext = &ded };
    VkBufferMemoryRequirementsInfo2 info = { .sType = VK_STRUCTURE_TYPE_BUFFER_MEMORY_REQUIREMENTS_INFO_2, .buffer = buf };
    vkGetBufferMemoryRequirements2(p->device, &info, &reqs);
    vkDestroyBuffer(p->device, buf, NULL);
    m.ok = 1;
    m.reqs = reqs.memoryRequirements;
    m.prefers = ded.prefersDedicatedAllocation;
    m.requires = ded.requiresDedicatedAllocation;
    return m;
}

static Measured measure_image(const Probe *p, VkFormat format, VkImageTiling tiling, VkImageUsageFlags usage,
                              uint32_t handle_types)
{
    Measured m = { 0 };
    VkExternalMemoryImageCreateInfo ext = {
        .sType = VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO,
        .handleTypes = handle_types,
    };
    VkImageCreateInfo ici = {
        .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
        .pNext = handle_types ? &ext : NULL,
        .imageType = VK_IMAGE_TYPE_2D,
        .format = format,
        .extent = { PROBE_IMAGE_DIM, PROBE_IMAGE_DIM, 1 },
        .mipLevels = 1,
        .arrayLayers = 1,
        .samples = VK_SAMPLE_COUNT_1_BIT,
        .tiling = tiling,
        .usage = usage,
        .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
        .initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
    };
    VkImage img;
    if (vkCreateImage(p->device, &ici, NULL, &img) != VK_SUCCESS)
        return m;
    VkMemoryDedicatedRequirements ded = { .sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS };
    VkMemoryRequirements2 reqs = { .sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2, .pNext = &ded };
    VkImageMemoryRequirementsInfo2 info = { .sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_REQUIREMENTS_INFO_2, .image = img };
    vkGetImageMemoryRequirements2(p->device, &info, &reqs);
    vkDestroyImage(p->device, img, NULL);
    m.ok = 1;
    m.reqs = reqs.memoryRequirements;
    m.prefers = ded.prefersDedicatedAllocation;
    m.requires = ded.requiresDedicatedAllocation;
    return m;
}

static int lowest_type(uint32_t bits)
{
    for (int i = 0; i < 32; i++)
        if (bits & (1u << i))
            return i;
    return -1;
}

/* memoryTypeBits for a host pointer: one aligned page of our own. -1 when not measurable. */
static int64_t host_pointer_bits(const Probe *p)
{
    if (p->host_pointer_props == NULL || p->host_alignment == 0)
        return -1;
    void *page = aligned_alloc((size_t)p->host_alignment, (size_t)p->host_alignment);
    if (page == NULL)
        return -1;
    VkMemoryHostPointerPropertiesEXT props = { .sType = VK_STRUCTURE_TYPE_MEMORY_HOST_POINTER_PROPERTIES_EXT };
    VkResult r = p->host_pointer_props(p->device, VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT, page, &props);
    free(page);
    return r == VK_SUCCESS ? (int64_t)props.memoryTypeBits : -1;
}

/* memoryTypeBits for a dma-buf: export one from a buffer of our own and ask about it. -1 when not measurable. */
static int64_t dma_buf_bits(const Probe *p)
{
    const uint32_t type = VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT;
    if (p->get_fd == NULL || p->fd_props == NULL || !offers(p, "VK_EXT_external_memory_dma_buf"))
        return -1;
    if (!(buffer_answer(p, type, PROBE_BUFFER_USAGES[0]).externalMemoryFeatures & VK_EXTERNAL_MEMORY_FEATURE_EXPORTABLE_BIT))
        return -1;
    VkExternalMemoryBufferCreateInfo ext = { .sType = VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO, .handleTypes = type };
    VkBufferCreateInfo bci = {
        .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
        .pNext = &ext,
        .size = PROBE_BUFFER_SIZE,
        .usage = PROBE_BUFFER_USAGES[0],
        .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
    };
    VkBuffer buf;
    if (vkCreateBuffer(p->device, &bci, NULL, &buf) != VK_SUCCESS)
        return -1;
    int64_t bits = -1;
    Measured m = measure_buffer(p, type);
    int index = m.ok ? lowest_type(m.reqs.memoryTypeBits) : -1;
    if (index >= 0) {
        VkMemoryDedicatedAllocateInfo ded = { .sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO, .buffer = buf };
        VkExportMemoryAllocateInfo exp = {
            .sType = VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO,
            .pNext = m.requires ? &ded : NULL,
            .handleTypes = type,
        };
        VkMemoryAllocateInfo mai = {
            .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
            .pNext = &exp,
            .allocationSize = m.reqs.size,
            .memoryTypeIndex = (uint32_t)index,
        };
        VkDeviceMemory mem;
        if (vkAllocateMemory(p->device, &mai, NULL, &mem) == VK_SUCCESS) {
            VkMemoryGetFdInfoKHR gfi = { .sType = VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR, .memory = mem, .handleType = type };
            int fd = -1;
            if (p->get_fd(p->device, &gfi, &fd) == VK_SUCCESS && fd >= 0) {
                VkMemoryFdPropertiesKHR props = { .sType = VK_STRUCTURE_TYPE_MEMORY_FD_PROPERTIES_KHR };
                if (p->fd_props(p->device, type, fd, &props) == VK_SUCCESS)
                    bits = props.memoryTypeBits;
                close(fd);
            }
            vkFreeMemory(p->device, mem, NULL);
        }
    }
    vkDestroyBuffer(p->device, buf, NULL);
    return bits;
}

/* ------------------------------------------------------------------------- */
/* printing the profile                                                       */

static void put_external(const BitName *features, size_t n_features, const BitName *types, size_t n_types,
                        VkExternalMemoryFeatureFlags f, uint32_t exp, uint32_t compat)
{
    printf(", \"externalMemoryFeatures\": ");
    put_flags(features, n_features, f);
    printf(", \"exportFromImportedHandleTypes\": ");
    put_flags(types, n_types, exp);
    printf(", \"compatibleHandleTypes\": ");
    put_flags(types, n_types, compat);
}

static void put_result(VkResult r)
{
    const char *name = result_name(r);
    if (name == NULL) {
        /* The schema wants a name; an unknown code is a driver bug worth seeing, so stop. */
        fprintf(stderr, "profile_probe: the driver answered an unexpected VkResult %d\n", r);
        exit(1);
    }
    put_string(name);
}

static void put_version(const Probe *p, uint32_t v)
{
    /* Vendors pack driverVersion their own way; NVIDIA's and Intel's Windows driver's are well known,
     * Mesa and most others use Vulkan's packing. */
    VkDriverId id = p->has_driver_props ? p->driver.driverID : (VkDriverId)0;
    if (id == VK_DRIVER_ID_NVIDIA_PROPRIETARY || (!p->has_driver_props && p->props.vendorID == 0x10DE))
        printf("%u.%u.%u.%u", v >> 22, (v >> 14) & 0xff, (v >> 6) & 0xff, v & 0x3f);
    else if (id == VK_DRIVER_ID_INTEL_PROPRIETARY_WINDOWS)
        printf("%u.%u", v >> 14, v & 0x3fff);
    else
        printf("%u.%u.%u", VK_API_VERSION_MAJOR(v), VK_API_VERSION_MINOR(v), VK_API_VERSION_PATCH(v));
}

static void default_name(const Probe *p, char *out, size_t size)
{
    if (p->has_driver_props && p->driver.driverID == VK_DRIVER_ID_MESA_LLVMPIPE) {
        snprintf(out, size, "lavapipe");
        return;
    }
    const char *src = p->has_driver_props && p->driver.driverName[0] ? p->driver.driverName : p->props.deviceName;
    size_t j = 0;
    for (size_t i = 0; src[i] && j + 1 < size; i++) {
        unsigned char c = (unsigned char)src[i];
        if (isalnum(c))
            out[j++] = (char)tolower(c);
        else if (j > 0 && out[j - 1] != '-')
            out[j++] = '-';
    }
    while (j > 0 && out[j - 1] == '-')
        j--;
    out[j] = '\0';
    if (j == 0)
        snprintf(out, size, "device");
}

static void put_profile(const Probe *p, const char *name, const char *title)
{
    char driver[VK_MAX_DRIVER_NAME_SIZE + VK_MAX_DRIVER_INFO_SIZE + 4];
    /* Some drivers (SwiftShader) report an empty driverInfo: then the name alone. */
    if (p->has_driver_props && p->driver.driverInfo[0] != '\0')
        snprintf(driver, sizeof driver, "%s (%s)", p->driver.driverName, p->driver.driverInfo);
    else if (p->has_driver_props)
        snprintf(driver, sizeof driver, "%s", p->driver.driverName);
    else
        snprintf(driver, sizeof driver, "%s", p->props.deviceName);
    char default_title[VK_MAX_PHYSICAL_DEVICE_NAME_SIZE + sizeof driver + 16];
    if (title == NULL) {
        snprintf(default_title, sizeof default_title, "%s, %s", p->props.deviceName,
                 p->has_driver_props && p->driver.driverInfo[0] != '\0' ? p->driver.driverInfo : driver);
        title = default_title;
    }
    struct utsname un;
    char system[3 * sizeof un.sysname + 8] = "unknown";
    if (uname(&un) == 0)
        snprintf(system, sizeof system, "%.64s %.64s %.64s", un.sysname, un.release, un.machine);
    char date[16];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y-%m-%d", &tm);

    printf("{\n  \"$schema\": \"../schemas/profile.schema.json\",\n  \"profile\": ");
    put_string(name);
    printf(",\n  \"title\": ");
    put_string(title);
    printf(",\n  \"provenance\": {\n    \"kind\": \"measured\",\n    \"driver\": ");
    put_string(driver);
    printf(",\n    \"driverVersion\": \"");
    put_version(p, p->props.driverVersion);
    printf("\",\n    \"tool\": \"%s\",\n    \"system\": ", TOOL_NAME);
    put_string(system);
    printf(",\n    \"date\": \"%s\"\n  },\n", date);
#ifdef _WIN32
    printf("  \"platform\": \"windows\",\n");
#else
    printf("  \"platform\": \"linux\",\n");
#endif

    printf("  \"device\": {\n    \"deviceName\": ");
    put_string(p->props.deviceName);
    printf(",\n    \"vendorID\": %u,\n    \"deviceID\": %u,\n    \"deviceType\": \"%s\",\n", p->props.vendorID,
           p->props.deviceID, device_type_name(p->props.deviceType));
    printf("    \"apiVersion\": %u,\n    \"driverVersion\": %u,\n    \"deviceUUID\": ", p->props.apiVersion,
           p->props.driverVersion);
    put_bytes(p->id.deviceUUID, VK_UUID_SIZE);
    printf(",\n    \"driverUUID\": ");
    put_bytes(p->id.driverUUID, VK_UUID_SIZE);
    if (p->id.deviceLUIDValid) {
        printf(",\n    \"deviceLUID\": ");
        put_bytes(p->id.deviceLUID, VK_LUID_SIZE);
    }
    printf(",\n    \"deviceLUIDValid\": %s,\n    \"deviceNodeMask\": %u", p->id.deviceLUIDValid ? "true" : "false",
           p->id.deviceNodeMask);
    if (p->host_alignment)
        printf(",\n    \"minImportedHostPointerAlignment\": %llu", (unsigned long long)p->host_alignment);
    printf("\n  },\n");

    /* Extensions, sorted so that two measurements compare line by line. */
    printf("  \"extensions\": [");
    const char *found[COUNT(INTERESTING_EXTENSIONS)];
    size_t n_found = 0;
    for (size_t i = 0; i < COUNT(INTERESTING_EXTENSIONS); i++)
        if (offers(p, INTERESTING_EXTENSIONS[i]))
            found[n_found++] = INTERESTING_EXTENSIONS[i];
    for (size_t i = 1; i < n_found; i++)
        for (size_t j = i; j > 0 && strcmp(found[j - 1], found[j]) > 0; j--) {
            const char *t = found[j];
            found[j] = found[j - 1];
            found[j - 1] = t;
        }
    for (size_t i = 0; i < n_found; i++) {
        printf(i ? ",\n    " : "\n    ");
        put_string(found[i]);
    }
    printf(n_found ? "\n  ],\n" : "],\n");

    printf("  \"memory\": {\n    \"heaps\": [");
    for (uint32_t i = 0; i < p->memory.memoryHeapCount; i++) {
        printf("%s{ \"size\": %llu, \"flags\": ", i ? ",\n      " : "\n      ",
               (unsigned long long)p->memory.memoryHeaps[i].size);
        put_flags(HEAP_FLAGS, COUNT(HEAP_FLAGS), p->memory.memoryHeaps[i].flags);
        printf(" }");
    }
    printf("\n    ],\n    \"types\": [");
    for (uint32_t i = 0; i < p->memory.memoryTypeCount; i++) {
        printf("%s{ \"propertyFlags\": ", i ? ",\n      " : "\n      ");
        put_flags(MEMORY_PROPERTIES, COUNT(MEMORY_PROPERTIES), p->memory.memoryTypes[i].propertyFlags);
        printf(", \"heapIndex\": %u }", p->memory.memoryTypes[i].heapIndex);
    }
    printf("\n    ]\n  },\n");

    /* Requirements of plain resources: a buffer, and RGBA8 images per tiling. */
    Measured b = measure_buffer(p, 0);
    if (!b.ok) {
        fprintf(stderr, "profile_probe: could not create a plain buffer\n");
        exit(1);
    }
    printf("  \"requirements\": {\n    \"buffer\": { \"alignment\": %llu, \"memoryTypeBits\": %u },\n",
           (unsigned long long)b.reqs.alignment, b.reqs.memoryTypeBits);
    printf("    \"image\": [");
    int first = 1;
    for (size_t t = 0; t < COUNT(PROBE_TILINGS); t++) {
        Measured m = measure_image(p, VK_FORMAT_R8G8B8A8_UNORM, PROBE_TILINGS[t], PROBE_IMAGE_USAGES[0], 0);
        if (!m.ok)
            continue;
        printf("%s{ \"tiling\": \"%s\", \"format\": \"VK_FORMAT_R8G8B8A8_UNORM\", \"alignment\": %llu, \"memoryTypeBits\": %u }",
               first ? "\n      " : ",\n      ", tiling_name(PROBE_TILINGS[t]), (unsigned long long)m.reqs.alignment,
               m.reqs.memoryTypeBits);
        first = 0;
    }
    printf(first ? "],\n" : "\n    ],\n");

    /* Dedicated requirements of resources made with each handle type the driver supports for them. */
    printf("    \"dedicated\": [");
    first = 1;
    for (size_t h = 0; h < COUNT(HANDLE_TYPES); h++) {
        uint32_t type = HANDLE_TYPES[h].bit;
        if (buffer_answer(p, type, PROBE_BUFFER_USAGES[0]).externalMemoryFeatures == 0)
            continue;
        Measured m = measure_buffer(p, type);
        if (!m.ok)
            continue;
        printf("%s{ \"resource\": \"buffer\", \"handleTypes\": [\"%s\"], \"prefersDedicated\": %s, \"requiresDedicated\": %s }",
               first ? "\n      " : ",\n      ", HANDLE_TYPES[h].name, m.prefers ? "true" : "false",
               m.requires ? "true" : "false");
        first = 0;
    }
    for (size_t h = 0; h < COUNT(HANDLE_TYPES); h++) {
        uint32_t type = HANDLE_TYPES[h].bit;
        /* The first (format, tiling, usage) the driver accepts for this handle type. */
        Measured m = { 0 };
        for (size_t f = 0; f < COUNT(PROBE_FORMATS) && !m.ok; f++)
            for (size_t t = 0; t < COUNT(PROBE_TILINGS) && !m.ok; t++)
                for (size_t u = 0; u < COUNT(PROBE_IMAGE_USAGES) && !m.ok; u++) {
                    VkExternalMemoryProperties ext;
                    if (image_answer(p, type, PROBE_FORMATS[f].format, PROBE_TILINGS[t], PROBE_IMAGE_USAGES[u], &ext) ==
                            VK_SUCCESS &&
                        ext.externalMemoryFeatures != 0)
                        m = measure_image(p, PROBE_FORMATS[f].format, PROBE_TILINGS[t], PROBE_IMAGE_USAGES[u], type);
                }
        if (!m.ok)
            continue;
        printf("%s{ \"resource\": \"image\", \"handleTypes\": [\"%s\"], \"prefersDedicated\": %s, \"requiresDedicated\": %s }",
               first ? "\n      " : ",\n      ", HANDLE_TYPES[h].name, m.prefers ? "true" : "false",
               m.requires ? "true" : "false");
        first = 0;
    }
    printf(first ? "]\n  },\n" : "\n    ]\n  },\n");

    /* vkGetPhysicalDeviceExternalBufferProperties: every handle type x the fixed usages. */
    printf("  \"externalBuffer\": [");
    first = 1;
    for (size_t h = 0; h < COUNT(HANDLE_TYPES); h++)
        for (size_t u = 0; u < COUNT(PROBE_BUFFER_USAGES); u++) {
            VkExternalMemoryProperties e = buffer_answer(p, HANDLE_TYPES[h].bit, PROBE_BUFFER_USAGES[u]);
            printf("%s{ \"handleType\": \"%s\", \"usage\": ", first ? "\n    " : ",\n    ", HANDLE_TYPES[h].name);
            put_flags(BUFFER_USAGES, COUNT(BUFFER_USAGES), PROBE_BUFFER_USAGES[u]);
            printf(", \"flags\": []");
            put_external(FEATURES, COUNT(FEATURES), HANDLE_TYPES, COUNT(HANDLE_TYPES), e.externalMemoryFeatures,
                         e.exportFromImportedHandleTypes, e.compatibleHandleTypes);
            printf(" }");
            first = 0;
        }
    printf("\n  ],\n");

    /* vkGetPhysicalDeviceImageFormatProperties2 + external info: every handle type x the fixed combinations. */
    printf("  \"externalImage\": [");
    first = 1;
    for (size_t h = 0; h < COUNT(HANDLE_TYPES); h++)
        for (size_t f = 0; f < COUNT(PROBE_FORMATS); f++)
            for (size_t t = 0; t < COUNT(PROBE_TILINGS); t++)
                for (size_t u = 0; u < COUNT(PROBE_IMAGE_USAGES); u++) {
                    VkExternalMemoryProperties e;
                    VkResult r = image_answer(p, HANDLE_TYPES[h].bit, PROBE_FORMATS[f].format, PROBE_TILINGS[t],
                                              PROBE_IMAGE_USAGES[u], &e);
                    printf("%s{ \"handleType\": \"%s\", \"format\": \"%s\", \"type\": \"VK_IMAGE_TYPE_2D\", \"tiling\": \"%s\", \"usage\": ",
                           first ? "\n    " : ",\n    ", HANDLE_TYPES[h].name, PROBE_FORMATS[f].name,
                           tiling_name(PROBE_TILINGS[t]));
                    put_flags(IMAGE_USAGES, COUNT(IMAGE_USAGES), PROBE_IMAGE_USAGES[u]);
                    printf(", \"flags\": [], \"result\": ");
                    put_result(r);
                    if (r == VK_SUCCESS)
                        put_external(FEATURES, COUNT(FEATURES), HANDLE_TYPES, COUNT(HANDLE_TYPES),
                                     e.externalMemoryFeatures, e.exportFromImportedHandleTypes, e.compatibleHandleTypes);
                    printf(" }");
                    first = 0;
                }
    printf("\n  ],\n");

    /* vkGetPhysicalDeviceExternalImageFormatPropertiesNV, only where the instance offers it. */
    if (p->nv_query != NULL) {
        printf("  \"externalImageNV\": [");
        first = 1;
        for (size_t h = 0; h < COUNT(HANDLE_TYPES_NV); h++)
            for (size_t f = 0; f < COUNT(PROBE_FORMATS); f++)
                for (size_t t = 0; t < COUNT(PROBE_TILINGS); t++)
                    for (size_t u = 0; u < COUNT(PROBE_IMAGE_USAGES); u++) {
                        VkExternalImageFormatPropertiesNV e;
                        memset(&e, 0, sizeof e);
                        VkResult r = p->nv_query(p->phys, PROBE_FORMATS[f].format, VK_IMAGE_TYPE_2D, PROBE_TILINGS[t],
                                                 PROBE_IMAGE_USAGES[u], 0, HANDLE_TYPES_NV[h].bit, &e);
                        printf("%s{ \"handleTypes\": [\"%s\"], \"format\": \"%s\", \"type\": \"VK_IMAGE_TYPE_2D\", \"tiling\": \"%s\", \"usage\": ",
                               first ? "\n    " : ",\n    ", HANDLE_TYPES_NV[h].name, PROBE_FORMATS[f].name,
                               tiling_name(PROBE_TILINGS[t]));
                        put_flags(IMAGE_USAGES, COUNT(IMAGE_USAGES), PROBE_IMAGE_USAGES[u]);
                        printf(", \"flags\": [], \"result\": ");
                        put_result(r);
                        if (r == VK_SUCCESS)
                            put_external(FEATURES_NV, COUNT(FEATURES_NV), HANDLE_TYPES_NV, COUNT(HANDLE_TYPES_NV),
                                         e.externalMemoryFeatures, e.exportFromImportedHandleTypes,
                                         e.compatibleHandleTypes);
                        printf(" }");
                        first = 0;
                    }
        printf("\n  ],\n");
    }

    /* Handles made outside the device that the probe can make itself. */
    printf("  \"handleProperties\": [");
    first = 1;
    int64_t host = host_pointer_bits(p);
    if (host >= 0) {
        printf("\n    { \"handleType\": \"VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT\", \"memoryTypeBits\": %lld }",
               (long long)host);
        first = 0;
    }
    int64_t dma = dma_buf_bits(p);
    if (dma >= 0) {
        printf("%s{ \"handleType\": \"VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT\", \"memoryTypeBits\": %lld }",
               first ? "\n    " : ",\n    ", (long long)dma);
        first = 0;
    }
    printf(first ? "]\n}\n" : "\n  ]\n}\n");
}

/* ------------------------------------------------------------------------- */

static int usage(void)
{
    fprintf(stderr, "usage: profile_probe [--device N] [--name NAME] [--title TEXT]\n");
    return 2;
}

int main(int argc, char **argv)
{
    uint32_t index = 0;
    const char *name = NULL, *title = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--device") == 0 && i + 1 < argc) {
            char *end;
            unsigned long v = strtoul(argv[++i], &end, 10);
            if (*end != '\0' || v > 64)
                return usage();
            index = (uint32_t)v;
        } else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc) {
            name = argv[++i];
        } else if (strcmp(argv[i], "--title") == 0 && i + 1 < argc) {
            title = argv[++i];
        } else {
            return usage();
        }
    }
    Probe p;
    int rc = probe_open(&p, index);
    if (rc == 0) {
        char derived[64];
        if (name == NULL) {
            default_name(&p, derived, sizeof derived);
            name = derived;
        }
        put_profile(&p, name, title);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "profile_probe: could not write the profile\n");
            rc = 2;
        }
    }
    probe_close(&p);
    return rc;
}
