// An import as written: which structure carries it, the handle type, the handle, fd, pointer or name,
// the importing device and process, and the image or buffer the memory is meant for. The validator
// reads one from a vkAllocateMemory chain (rules/allocate-import.ts), the resolver from its question
// (resolve/resolve.ts); both then ask import-constraints.ts what the import must satisfy.
import { Device, Resource } from '../../state/objects';
import * as handleTypes from '../../catalogue/handle-types';

// Which import structure carries the handle.
export const FAM_NONE: i32 = 0;
export const FAM_WIN32: i32 = 1; // VkImportMemoryWin32HandleInfoKHR
export const FAM_NV: i32 = 2; // VkImportMemoryWin32HandleInfoNV
export const FAM_FD: i32 = 3; // VkImportMemoryFdInfoKHR
export const FAM_HOST: i32 = 4; // VkImportMemoryHostPointerInfoEXT

export class ImportRequest {
  family: i32 = FAM_NONE;
  /** The importing device; null when the input never created it (only the source can be judged then). */
  dev: Device | null = null;
  process: i32 = 0;
  /** The KHR handle type (for an NV import, its KHR counterpart, 0 when it has none). */
  t: i64 = 0;
  /** The NV bit of an NV import, else 0. */
  nvBit: i64 = 0;
  /** The HANDLE value (interned), the fd or the host pointer. */
  handle: i64 = 0;
  /** The interned name of a Win32 import by name, 0 when none. */
  name: i32 = 0;
  /** The image or buffer the memory is for, when one is named (its capability answer and requirements count). */
  resource: Resource | null = null;

  /** A Win32 import that names its payload: the name decides the source, as the validator reads it. */
  byName(): bool { return this.family == FAM_WIN32 && this.name != 0; }
}

/**
 * The structure that takes a single handle type: a KHR bit of one of the three import families, or an
 * NV bit that has a KHR counterpart. FAM_NONE when no structure takes it.
 */
export function familyOf(handleType: i64, nv: bool): i32 {
  if (!handleTypes.isSingleBit(handleType)) return FAM_NONE;
  if (nv) {
    const row = handleTypes.nvType(handleType);
    return row == null || row.counterpart == 0 ? FAM_NONE : FAM_NV;
  }
  if ((handleType & handleTypes.WIN32_KHR_TYPES) != 0) return FAM_WIN32;
  if ((handleType & handleTypes.FD_TYPES) != 0) return FAM_FD;
  if ((handleType & handleTypes.HOST_TYPES) != 0) return FAM_HOST;
  return FAM_NONE;
}
