// The chain entries as scenario-JSON structures (the shape scenarios/*.json and captures use), and the
// VkMemoryAllocateInfo that holds them, ready to paste into a vkAllocateMemory step.
import type { Names } from '../core/encode.js';
import { CH, type Entry } from './entries.js';
import { handleTypeName, type Operand } from './words.js';

function num(o: Operand | undefined): number { return o ? Number(o[1]) : 0; }
function object(names: Names, o: Operand | undefined): string { const v = num(o); return v === 0 ? 'VK_NULL_HANDLE' : names.objects.name(v); }

/** One chained structure: its C name and its members (sType first). */
export function structOf(e: Entry, names: Names): { struct: string; fields: Record<string, unknown> } | undefined {
  const [a, b, c] = e.ops;
  switch (e.code) {
    case CH.IMPORT_WIN32:
      return { struct: 'VkImportMemoryWin32HandleInfoKHR', fields: { sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_KHR', handleType: handleTypeName(num(a), false), handle: num(b) === 0 ? 0 : names.osHandleName(num(b)), name: num(c) === 0 ? null : names.strings.name(num(c)) } };
    case CH.IMPORT_WIN32_NV:
      return { struct: 'VkImportMemoryWin32HandleInfoNV', fields: { sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_NV', handleType: handleTypeName(num(a), true), handle: num(b) === 0 ? 0 : names.osHandleName(num(b)) } };
    case CH.IMPORT_FD:
      return { struct: 'VkImportMemoryFdInfoKHR', fields: { sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR', handleType: handleTypeName(num(a), false), fd: num(b) } };
    case CH.IMPORT_HOST:
      return { struct: 'VkImportMemoryHostPointerInfoEXT', fields: { sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_HOST_POINTER_INFO_EXT', handleType: handleTypeName(num(a), false), pHostPointer: `0x${BigInt.asUintN(64, b ? b[1] : 0n).toString(16)}` } };
    case CH.DEDICATED:
      return { struct: 'VkMemoryDedicatedAllocateInfo', fields: { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO', image: object(names, a), buffer: object(names, b) } };
    case CH.DEDICATED_NV:
      return { struct: 'VkDedicatedAllocationMemoryAllocateInfoNV', fields: { sType: 'VK_STRUCTURE_TYPE_DEDICATED_ALLOCATION_MEMORY_ALLOCATE_INFO_NV', image: object(names, a), buffer: object(names, b) } };
    case CH.ALLOCATE_FLAGS:
      return { struct: 'VkMemoryAllocateFlagsInfo', fields: { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_FLAGS_INFO', flags: 'VK_MEMORY_ALLOCATE_DEVICE_MASK_BIT', deviceMask: num(b) } };
    default:
      return undefined;
  }
}

/** VkMemoryAllocateInfo with the structures linked through pNext, in chain order. */
export function allocateInfoOf(allocationSize: number, memoryTypeIndex: number, chained: Array<Record<string, unknown>>): Record<string, unknown> {
  let pNext: Record<string, unknown> | null = null;
  for (let i = chained.length - 1; i >= 0; i--) {
    const { sType, ...members } = chained[i];
    pNext = { sType, pNext, ...members };
  }
  return { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', pNext, allocationSize, memoryTypeIndex };
}
