// The VUIDs resolution cites are the very rules the validator checks: we look them up in the core's
// rule catalogue by name rather than defining them again, so a resolution and a finding about the same
// condition carry the same rule id. Looked up on first use, after every rule file has registered.
import { ruleCount, ruleVuid } from '../core/catalogue';

const cache = new Map<string, i32>();

/** The catalogue's first rule with this VUID, or -1 when the core does not check it. */
export function rule(vuid: string): i32 {
  if (cache.has(vuid)) return cache.get(vuid);
  let found = -1;
  const n = ruleCount();
  for (let i = 0; i < n; i++) if (ruleVuid(i) == vuid) { found = i; break; }
  cache.set(vuid, found);
  return found;
}

// Import sources.
export function W32_HANDLE(): i32 { return rule('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661'); }
export function W32_NAME(): i32 { return rule('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01440'); }
export function W32_BOTH(): i32 { return rule('VUID-VkImportMemoryWin32HandleInfoKHR-handle-01441'); }
export function W32_NAME_TYPE(): i32 { return rule('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01439'); }
export function W32_SAME_DEVICE(): i32 { return rule('VUID-VkImportMemoryWin32HandleInfoKHR-handle-00659'); }
export function W32_COMPAT(): i32 { return rule('VUID-VkImportMemoryWin32HandleInfoKHR-handle-01518'); }
export function W32_NAME_COMPAT(): i32 { return rule('VUID-VkImportMemoryWin32HandleInfoKHR-name-01519'); }
export function W32_SUPPORT(): i32 { return rule('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-09861'); }
export function NV_ONE_BIT(): i32 { return rule('VUID-VkImportMemoryWin32HandleInfoNV-handleType-01327'); }
export function NV_HANDLE(): i32 { return rule('VUID-VkImportMemoryWin32HandleInfoNV-handle-01328'); }
export function FD_VALID(): i32 { return rule('VUID-VkImportMemoryFdInfoKHR-handleType-00670'); }
export function FD_SAME_DEVICE(): i32 { return rule('VUID-VkImportMemoryFdInfoKHR-fd-00668'); }
export function FD_COMPAT(): i32 { return rule('VUID-VkImportMemoryFdInfoKHR-fd-01520'); }
export function FD_COMPAT_DRIVER(): i32 { return rule('VUID-VkImportMemoryFdInfoKHR-fd-01746'); }
export function FD_SUPPORT(): i32 { return rule('VUID-VkImportMemoryFdInfoKHR-handleType-09862'); }
export function HOST_SUPPORT(): i32 { return rule('VUID-VkImportMemoryHostPointerInfoEXT-handleType-01747'); }
export function HOST_ALIGN(): i32 { return rule('VUID-VkImportMemoryHostPointerInfoEXT-pHostPointer-01749'); }

// Size and memory type.
export function SIZE_FD(): i32 { return rule('VUID-VkMemoryAllocateInfo-allocationSize-01742'); }
export function SIZE_W32(): i32 { return rule('VUID-VkMemoryAllocateInfo-allocationSize-01743'); }
export function SIZE_HEAP(): i32 { return rule('VUID-VkMemoryAllocateInfo-allocationSize-00647'); }
export function SIZE_HOST(): i32 { return rule('VUID-VkMemoryAllocateInfo-allocationSize-01745'); }
export function TYPE_W32(): i32 { return rule('VUID-VkMemoryAllocateInfo-memoryTypeIndex-00645'); }
export function TYPE_FD(): i32 { return rule('VUID-VkMemoryAllocateInfo-memoryTypeIndex-00648'); }
export function TYPE_HOST(): i32 { return rule('VUID-VkMemoryAllocateInfo-memoryTypeIndex-01744'); }
export function GROUP_MASK(): i32 { return rule('VUID-VkMemoryAllocateInfo-None-00643'); }
export function GROUP_DEVICES(): i32 { return rule('VUID-VkMemoryAllocateInfo-None-00644'); }

// Dedicated allocations.
export function HOST_DEDICATED(): i32 { return rule('VUID-VkMemoryAllocateInfo-pNext-02806'); }
export function HOST_NV_DEDICATED(): i32 { return rule('VUID-VkMemoryAllocateInfo-pNext-02805'); }
export function DED_IMG_SIZE(): i32 { return rule('VUID-VkMemoryDedicatedAllocateInfo-image-02964'); }
export function DED_BUF_SIZE(): i32 { return rule('VUID-VkMemoryDedicatedAllocateInfo-buffer-02965'); }
export function DED_IMG_SPARSE(): i32 { return rule('VUID-VkMemoryDedicatedAllocateInfo-image-01434'); }
export function DED_BUF_SPARSE(): i32 { return rule('VUID-VkMemoryDedicatedAllocateInfo-buffer-01436'); }
export function DED_DISJOINT(): i32 { return rule('VUID-VkMemoryDedicatedAllocateInfo-image-01797'); }
export function DED_IMG_W32(): i32 { return rule('VUID-VkMemoryDedicatedAllocateInfo-image-01876'); }
export function DED_BUF_W32(): i32 { return rule('VUID-VkMemoryDedicatedAllocateInfo-buffer-01877'); }
export function DED_IMG_FD(): i32 { return rule('VUID-VkMemoryDedicatedAllocateInfo-image-01878'); }
export function DED_BUF_FD(): i32 { return rule('VUID-VkMemoryDedicatedAllocateInfo-buffer-01879'); }
export function NV_IMG_FLAG(): i32 { return rule('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-image-00650'); }
export function NV_BUF_FLAG(): i32 { return rule('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-buffer-00651'); }
export function NV_IMG_SIZE(): i32 { return rule('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-image-00652'); }
export function NV_BUF_SIZE(): i32 { return rule('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-buffer-00653'); }
export function NV_IMG_IMPORT(): i32 { return rule('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-image-00654'); }
export function NV_BUF_IMPORT(): i32 { return rule('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-buffer-00655'); }

// Binding the imported memory afterwards.
export function BIND_IMG_REQUIRES(): i32 { return rule('VUID-vkBindImageMemory-image-01445'); }
export function BIND_BUF_REQUIRES(): i32 { return rule('VUID-vkBindBufferMemory-buffer-01444'); }
export function BIND_IMG_NV(): i32 { return rule('VUID-vkBindImageMemory-image-01050'); }
export function BIND_BUF_NV(): i32 { return rule('VUID-vkBindBufferMemory-buffer-01038'); }
export function BIND_IMG_LEGACY(): i32 { return rule('VUID-vkBindImageMemory-apiVersion-07921'); }
export function BIND_BUF_LEGACY(): i32 { return rule('VUID-vkBindBufferMemory-apiVersion-07920'); }
export function BIND_IMG_IMPORT_TYPE(): i32 { return rule('VUID-vkBindImageMemory-memory-02989'); }
export function BIND_BUF_IMPORT_TYPE(): i32 { return rule('VUID-vkBindBufferMemory-memory-02985'); }
