// What a backend is asked to do for the record in the input buffer, written from the same decoding the
// rules read (core/chain-index.ts): the session hands the backend these values and never reads the
// call's JSON a second time, so what runs and what was judged cannot disagree (a structure reached
// through an alias sType or named by "$struct", a duplicated or zero-valued one). The items and their
// values are the contract's (generated/contract.ts, D_…); src/core/describe.ts reads them.
import * as registry from '../generated/registry';
import {
  DESCRIBE_MAX_ITEMS, DESCRIBE_ITEM_WORDS, DESCRIBE_KIND, DESCRIBE_NODE, DESCRIBE_VALUES,
  D_ALLOCATION, D_EXPORT, D_EXPORT_NV, D_EXPORT_WIN32, D_DEDICATED, D_DEDICATED_NV, D_IMPORT_WIN32, D_IMPORT_WIN32_NV,
  D_IMPORT_FD, D_IMPORT_HOST, D_GET_WIN32_HANDLE, D_GET_WIN32_HANDLE_NV, D_GET_FD, D_WIN32_HANDLE_PROPERTIES,
  D_FD_PROPERTIES, D_HOST_POINTER_PROPERTIES, D_EXTERNAL_MEMORY_BUFFER, D_EXTERNAL_MEMORY_IMAGE,
  D_EXTERNAL_MEMORY_IMAGE_NV, D_EXTERNAL_IMAGE_FORMAT,
} from '../generated/contract';
import { recEntry, get, has, isNull, child, nodeEntry } from './record';
import { buildChainIndex, chained, chainOf, listLength, listNode } from './chain-index';

/** The items of the current description. */
export const described = new StaticArray<i64>(DESCRIBE_MAX_ITEMS * DESCRIBE_ITEM_WORDS);
let count: i32 = 0;

function item(kind: i32, node: i32, a: i64 = 0, b: i64 = 0, c: i64 = 0): void {
  if (count >= DESCRIBE_MAX_ITEMS) return; // a chain of more imports than this is refused long before a backend
  const at = count++ * DESCRIBE_ITEM_WORDS;
  unchecked(described[at + DESCRIBE_KIND] = kind);
  unchecked(described[at + DESCRIBE_NODE] = node);
  unchecked(described[at + DESCRIBE_VALUES] = a);
  unchecked(described[at + DESCRIBE_VALUES + 1] = b);
  unchecked(described[at + DESCRIBE_VALUES + 2] = c);
}

/** A string member as the description gives it: its interned id, or 0 when absent or NULL. */
function text(n: i32, slot: i32): i64 {
  return has(n, slot) && !isNull(n, slot) ? get(n, slot) : 0;
}

/** Describes the record in the input buffer; returns the number of items. */
export function describeRecord(): i32 {
  buildChainIndex();
  count = 0;
  const cmd = recEntry();
  if (cmd == registry.C_vkAllocateMemory) describeAllocate(child(0, registry.M_vkAllocateMemory_pAllocateInfo));
  else if (cmd == registry.C_vkGetMemoryWin32HandleKHR) {
    const i = child(0, registry.M_vkGetMemoryWin32HandleKHR_pGetWin32HandleInfo);
    if (i >= 0) item(D_GET_WIN32_HANDLE, i, get(i, registry.M_VkMemoryGetWin32HandleInfoKHR_memory), get(i, registry.M_VkMemoryGetWin32HandleInfoKHR_handleType));
  } else if (cmd == registry.C_vkGetMemoryWin32HandleNV) {
    item(D_GET_WIN32_HANDLE_NV, 0, get(0, registry.M_vkGetMemoryWin32HandleNV_memory), get(0, registry.M_vkGetMemoryWin32HandleNV_handleType));
  } else if (cmd == registry.C_vkGetMemoryFdKHR) {
    const i = child(0, registry.M_vkGetMemoryFdKHR_pGetFdInfo);
    if (i >= 0) item(D_GET_FD, i, get(i, registry.M_VkMemoryGetFdInfoKHR_memory), get(i, registry.M_VkMemoryGetFdInfoKHR_handleType));
  } else if (cmd == registry.C_vkGetMemoryWin32HandlePropertiesKHR) {
    item(D_WIN32_HANDLE_PROPERTIES, 0, get(0, registry.M_vkGetMemoryWin32HandlePropertiesKHR_handleType), get(0, registry.M_vkGetMemoryWin32HandlePropertiesKHR_handle));
  } else if (cmd == registry.C_vkGetMemoryFdPropertiesKHR) {
    item(D_FD_PROPERTIES, 0, get(0, registry.M_vkGetMemoryFdPropertiesKHR_handleType), get(0, registry.M_vkGetMemoryFdPropertiesKHR_fd));
  } else if (cmd == registry.C_vkGetMemoryHostPointerPropertiesEXT) {
    item(D_HOST_POINTER_PROPERTIES, 0, get(0, registry.M_vkGetMemoryHostPointerPropertiesEXT_handleType), get(0, registry.M_vkGetMemoryHostPointerPropertiesEXT_pHostPointer));
  } else if (cmd == registry.C_vkCreateBuffer) {
    const ci = child(0, registry.M_vkCreateBuffer_pCreateInfo);
    handleTypesOf(D_EXTERNAL_MEMORY_BUFFER, chained(ci, registry.S_VkExternalMemoryBufferCreateInfo), registry.M_VkExternalMemoryBufferCreateInfo_handleTypes);
  } else if (cmd == registry.C_vkCreateImage) {
    const ci = child(0, registry.M_vkCreateImage_pCreateInfo);
    handleTypesOf(D_EXTERNAL_MEMORY_IMAGE, chained(ci, registry.S_VkExternalMemoryImageCreateInfo), registry.M_VkExternalMemoryImageCreateInfo_handleTypes);
    handleTypesOf(D_EXTERNAL_MEMORY_IMAGE_NV, chained(ci, registry.S_VkExternalMemoryImageCreateInfoNV), registry.M_VkExternalMemoryImageCreateInfoNV_handleTypes);
  } else if (cmd == registry.C_vkGetPhysicalDeviceImageFormatProperties2) {
    const info = child(0, registry.M_vkGetPhysicalDeviceImageFormatProperties2_pImageFormatInfo);
    handleTypesOf(D_EXTERNAL_IMAGE_FORMAT, chained(info, registry.S_VkPhysicalDeviceExternalImageFormatInfo), registry.M_VkPhysicalDeviceExternalImageFormatInfo_handleType);
  }
  return count;
}

function handleTypesOf(kind: i32, n: i32, slot: i32): void {
  if (n >= 0) item(kind, n, get(n, slot));
}

/**
 * vkAllocateMemory: the allocation; the first export and dedicated structure of each kind, as the rules
 * read them and the state takes them in; then every import structure in chain order, zero-valued ones
 * included (the rules count each; a backend is asked with each as written).
 */
function describeAllocate(ai: i32): void {
  if (ai < 0) return;
  item(D_ALLOCATION, ai, get(ai, registry.M_VkMemoryAllocateInfo_allocationSize), get(ai, registry.M_VkMemoryAllocateInfo_memoryTypeIndex));
  let n = chained(ai, registry.S_VkExportMemoryAllocateInfo);
  if (n >= 0) item(D_EXPORT, n, get(n, registry.M_VkExportMemoryAllocateInfo_handleTypes));
  n = chained(ai, registry.S_VkExportMemoryAllocateInfoNV);
  if (n >= 0) item(D_EXPORT_NV, n, get(n, registry.M_VkExportMemoryAllocateInfoNV_handleTypes));
  n = chained(ai, registry.S_VkExportMemoryWin32HandleInfoKHR);
  if (n >= 0) item(D_EXPORT_WIN32, n, text(n, registry.M_VkExportMemoryWin32HandleInfoKHR_name), get(n, registry.M_VkExportMemoryWin32HandleInfoKHR_dwAccess));
  n = chained(ai, registry.S_VkMemoryDedicatedAllocateInfo);
  if (n >= 0) item(D_DEDICATED, n, get(n, registry.M_VkMemoryDedicatedAllocateInfo_image), get(n, registry.M_VkMemoryDedicatedAllocateInfo_buffer));
  n = chained(ai, registry.S_VkDedicatedAllocationMemoryAllocateInfoNV);
  if (n >= 0) item(D_DEDICATED_NV, n, get(n, registry.M_VkDedicatedAllocationMemoryAllocateInfoNV_image), get(n, registry.M_VkDedicatedAllocationMemoryAllocateInfoNV_buffer));
  const chain = chainOf(ai);
  for (let k = 0; k < listLength(chain); k++) {
    const s = listNode(chain, k);
    const entry = nodeEntry(s);
    if (entry == registry.S_VkImportMemoryWin32HandleInfoKHR) {
      item(D_IMPORT_WIN32, s, get(s, registry.M_VkImportMemoryWin32HandleInfoKHR_handleType), get(s, registry.M_VkImportMemoryWin32HandleInfoKHR_handle), text(s, registry.M_VkImportMemoryWin32HandleInfoKHR_name));
    } else if (entry == registry.S_VkImportMemoryWin32HandleInfoNV) {
      item(D_IMPORT_WIN32_NV, s, get(s, registry.M_VkImportMemoryWin32HandleInfoNV_handleType), get(s, registry.M_VkImportMemoryWin32HandleInfoNV_handle));
    } else if (entry == registry.S_VkImportMemoryFdInfoKHR) {
      item(D_IMPORT_FD, s, get(s, registry.M_VkImportMemoryFdInfoKHR_handleType), get(s, registry.M_VkImportMemoryFdInfoKHR_fd));
    } else if (entry == registry.S_VkImportMemoryHostPointerInfoEXT) {
      item(D_IMPORT_HOST, s, get(s, registry.M_VkImportMemoryHostPointerInfoEXT_handleType), get(s, registry.M_VkImportMemoryHostPointerInfoEXT_pHostPointer));
    }
  }
}
