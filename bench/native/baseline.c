/* The C baseline for the native-backend benchmark: the same Vulkan calls the benchmark makes through
 * the addon, made directly. Prints nanoseconds per call for each kind as JSON. Built and run by
 * bench/native.mjs with the same driver (VK_ICD_FILENAMES). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <vulkan/vulkan.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 100000;
    int m = argc > 2 ? atoi(argv[2]) : 2000;
    VkApplicationInfo app = { .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO, .apiVersion = VK_API_VERSION_1_1 };
    VkInstanceCreateInfo ici = { .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO, .pApplicationInfo = &app };
    VkInstance inst;
    if (vkCreateInstance(&ici, NULL, &inst) != VK_SUCCESS) { fprintf(stderr, "baseline: no instance\n"); return 1; }
    uint32_t count = 1;
    VkPhysicalDevice pd;
    vkEnumeratePhysicalDevices(inst, &count, &pd);
    if (count == 0) { fprintf(stderr, "baseline: no device\n"); return 1; }

    /* Capability query: vkGetPhysicalDeviceExternalBufferProperties for OPAQUE_FD. */
    VkPhysicalDeviceExternalBufferInfo bi = { .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_BUFFER_INFO,
        .usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT, .handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT };
    VkExternalBufferProperties bp = { .sType = VK_STRUCTURE_TYPE_EXTERNAL_BUFFER_PROPERTIES };
    double t0 = now();
    for (int i = 0; i < n; i++) vkGetPhysicalDeviceExternalBufferProperties(pd, &bi, &bp);
    double query = (now() - t0) / n;

    const char *ext[] = { "VK_KHR_external_memory_fd" };
    float prio = 1.0f;
    VkDeviceQueueCreateInfo q = { .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO, .queueCount = 1, .pQueuePriorities = &prio };
    VkDeviceCreateInfo dci = { .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO, .queueCreateInfoCount = 1, .pQueueCreateInfos = &q, .enabledExtensionCount = 1, .ppEnabledExtensionNames = ext };
    VkDevice dev;
    if (vkCreateDevice(pd, &dci, NULL, &dev) != VK_SUCCESS) { fprintf(stderr, "baseline: no device\n"); return 1; }
    PFN_vkGetMemoryFdKHR getFd = (PFN_vkGetMemoryFdKHR)vkGetDeviceProcAddr(dev, "vkGetMemoryFdKHR");

    /* Export then import: allocate exportable memory, vkGetMemoryFdKHR, import the fd, free both. */
    VkExportMemoryAllocateInfo exp = { .sType = VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO, .handleTypes = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT };
    VkMemoryAllocateInfo ai = { .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO, .pNext = &exp, .allocationSize = 65536, .memoryTypeIndex = 0 };
    t0 = now();
    for (int i = 0; i < m; i++) {
        VkDeviceMemory a, b;
        vkAllocateMemory(dev, &ai, NULL, &a);
        VkMemoryGetFdInfoKHR gi = { .sType = VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR, .memory = a, .handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT };
        int fd = -1;
        getFd(dev, &gi, &fd);
        VkImportMemoryFdInfoKHR imp = { .sType = VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR, .handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT, .fd = fd };
        VkMemoryAllocateInfo ii = { .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO, .pNext = &imp, .allocationSize = 65536, .memoryTypeIndex = 0 };
        if (vkAllocateMemory(dev, &ii, NULL, &b) == VK_SUCCESS) vkFreeMemory(dev, b, NULL);
        else close(fd);
        vkFreeMemory(dev, a, NULL);
    }
    double roundtrip = (now() - t0) / m;
    printf("{\"queryNs\": %.1f, \"exportImportNs\": %.1f}\n", query, roundtrip);
    vkDestroyDevice(dev, NULL);
    vkDestroyInstance(inst, NULL);
    return 0;
}
