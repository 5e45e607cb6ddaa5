// The chain entries as scenario-JSON structures (the shape scenarios/*.json and captures use), and the
// VkMemoryAllocateInfo that holds them, ready to paste into a vkAllocateMemory step. A chain entry's
// operands are the structure's members, read by the names its reason declares (assembly/resolve/reasons.ts).
import type { Names } from '../core/encode.js';
import { CHAIN_STRUCTURE as CH } from '../generated/contract.js';
import type { Entry } from './entries.js';
import { handleTypeName, operandNamed, type Operand } from './words.js';

function num(o: Operand | undefined): number { return o ? Number(o[1]) : 0; }
function object(names: Names, o: Operand | undefined): string { const v = num(o); return v === 0 ? 'VK_NULL_HANDLE' : names.objects.name(v); }

/** One chained structure: its C name and its members (sType first); `declaration`: the operands its reason declares. */
export function structOf(e: Entry, declaration: string, names: Names): { struct: string; fields: Record<string, unknown> } | undefined {
  const op = (name: string) => operandNamed(declaration, e.ops, name);
  const handleType = op('handleType');
  switch (e.code) {
    case CH.IMPORT_WIN32:
      return { struct: 'VkImportMemoryWin32HandleInfoKHR', fields: { sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_KHR', handleType: handleTypeName(num(handleType), false), handle: num(op('handle')) === 0 ? 0 : names.osHandleName(num(op('handle'))), name: num(op('name')) === 0 ? null : names.strings.name(num(op('name'))) } };
    case CH.IMPORT_WIN32_NV:
      return { struct: 'VkImportMemoryWin32HandleInfoNV', fields: { sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_NV', handleType: handleTypeName(num(handleType), true), handle: num(op('handle')) === 0 ? 0 : names.osHandleName(num(op('handle'))) } };
    case CH.IMPORT_FD:
      return { struct: 'VkImportMemoryFdInfoKHR', fields: { sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR', handleType: handleTypeName(num(handleType), false), fd: num(op('fd')) } };
    case CH.IMPORT_HOST: {
      const pointer = op('hostPointer');
      return { struct: 'VkImportMemoryHostPointerInfoEXT', fields: { sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_HOST_POINTER_INFO_EXT', handleType: handleTypeName(num(handleType), false), pHostPointer: `0x${BigInt.asUintN(64, pointer ? pointer[1] : 0n).toString(16)}` } };
    }
    case CH.DEDICATED:
      return { struct: 'VkMemoryDedicatedAllocateInfo', fields: { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO', image: object(names, op('image')), buffer: object(names, op('buffer')) } };
    case CH.DEDICATED_NV:
      return { struct: 'VkDedicatedAllocationMemoryAllocateInfoNV', fields: { sType: 'VK_STRUCTURE_TYPE_DEDICATED_ALLOCATION_MEMORY_ALLOCATE_INFO_NV', image: object(names, op('image')), buffer: object(names, op('buffer')) } };
    case CH.ALLOCATE_FLAGS:
      return { struct: 'VkMemoryAllocateFlagsInfo', fields: { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_FLAGS_INFO', flags: 'VK_MEMORY_ALLOCATE_DEVICE_MASK_BIT', deviceMask: num(op('deviceMask')) } };
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
