// Numbers the mock answers with. Vulkan values come from the generated registry tables (never typed by
// hand); Win32 and POSIX values are the ones those APIs define.
import { ENUMS } from '../../generated/registry.js';
import { D3D_TYPES, HANDLE_TYPE_ROWS, NV_TO_KHR, OPAQUE_TYPES, SIZE_FROM_OBJECT_TYPES, type HandleKind, type SourceKind } from '../../generated/handle-types.js';

const R = ENUMS.VkResult.values;
export const VK_SUCCESS = R.VK_SUCCESS;
export const VK_ERROR_OUT_OF_HOST_MEMORY = R.VK_ERROR_OUT_OF_HOST_MEMORY;
export const VK_ERROR_OUT_OF_DEVICE_MEMORY = R.VK_ERROR_OUT_OF_DEVICE_MEMORY;
export const VK_ERROR_INITIALIZATION_FAILED = R.VK_ERROR_INITIALIZATION_FAILED;
export const VK_ERROR_MEMORY_MAP_FAILED = R.VK_ERROR_MEMORY_MAP_FAILED;
export const VK_ERROR_EXTENSION_NOT_PRESENT = R.VK_ERROR_EXTENSION_NOT_PRESENT;
export const VK_ERROR_TOO_MANY_OBJECTS = R.VK_ERROR_TOO_MANY_OBJECTS;
export const VK_ERROR_FORMAT_NOT_SUPPORTED = R.VK_ERROR_FORMAT_NOT_SUPPORTED;
export const VK_ERROR_UNKNOWN = R.VK_ERROR_UNKNOWN;
export const VK_ERROR_INVALID_EXTERNAL_HANDLE = R.VK_ERROR_INVALID_EXTERNAL_HANDLE;

// Handle types: what the mock's D3D and POSIX objects are shared as, and what it asks of a type, all
// read from the generated catalogue (src/generated/handle-types.ts).

/** The KHR handle type the catalogue says a source makes with this kind of handle (0: none). */
export function typeMadeBy(source: SourceKind, handle: HandleKind): number {
  return HANDLE_TYPE_ROWS.find((r) => !r.nv && r.source === source && r.handle === handle)?.bit ?? 0;
}

/** Whether `bit` is one handle type of `mask` (a mask of several bits names no single type). */
function oneOf(mask: number, bit: number): boolean {
  return bit > 0 && (bit & (bit - 1)) === 0 && (bit & mask) !== 0;
}

/**
 * The KHR bit that names the same kind of handle as an NV bit mask. A mask of several bits is not a
 * valid NV handle type; the mock, like a lenient driver, goes by the lowest bit it knows. 0: none.
 */
export function nvToKhr(nvBits: number): number {
  const m = nvBits >>> 0;
  for (let bit = 1; bit !== 0 && bit <= m; bit = (bit << 1) >>> 0) {
    if ((m & bit) !== 0 && NV_TO_KHR[bit] !== undefined) return NV_TO_KHR[bit];
  }
  return 0;
}

/** All KHR bits a mask of NV bits stands for (for dedicated-allocation rules written in KHR bits). */
export function nvMaskToKhr(nvBits: number): number {
  let out = 0;
  for (const [n, k] of Object.entries(NV_TO_KHR)) if ((nvBits & Number(n)) !== 0) out |= k;
  return out;
}

/** What kind of OS object a handle type is carried in. */
export const HandleClass = { None: 0, Nt: 1, Kmt: 2, Fd: 3, Host: 4 } as const;
export type HandleClass = (typeof HandleClass)[keyof typeof HandleClass];

const CLASS_OF_KIND: Record<HandleKind, HandleClass> = { NT: HandleClass.Nt, KMT: HandleClass.Kmt, fd: HandleClass.Fd, 'host pointer': HandleClass.Host, 'platform object': HandleClass.None };
const CLASS_OF_BIT = new Map(HANDLE_TYPE_ROWS.filter((r) => !r.nv).map((r) => [r.bit, CLASS_OF_KIND[r.handle]]));

/** The OS object a KHR handle type is carried in (None for several bits, or a platform the mock does not model). */
export function handleClass(bit: number): HandleClass {
  return CLASS_OF_BIT.get(bit) ?? HandleClass.None;
}

/** Opaque types may only be imported where deviceUUID and driverUUID equal the exporter's. */
export function isOpaque(bit: number): boolean {
  return oneOf(OPAQUE_TYPES, bit);
}

/** D3D types identify their adapter by LUID. */
export function isD3D(bit: number): boolean {
  return oneOf(D3D_TYPES, bit);
}

/** Types whose allocationSize is ignored on import: the memory is as big as the OS object. */
export function sizeFromObject(bit: number): boolean {
  return oneOf(SIZE_FROM_OBJECT_TYPES, bit);
}

const MP = ENUMS.VkMemoryPropertyFlagBits.values;
export const MEMORY_PROPERTY_HOST_VISIBLE = MP.VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;

// Win32.
export const HANDLE_BASE = 0x100; // first NT handle value a process gets
export const HANDLE_STEP = 4; // NT handle values are multiples of 4
export const KMT_BASE = 0x40000002; // first global share handle value
export const KMT_STEP = 4;
export const DUPLICATE_CLOSE_SOURCE = 0x1;
export const DUPLICATE_SAME_ACCESS = 0x2;
/** DXGI_SHARED_RESOURCE_READ | DXGI_SHARED_RESOURCE_WRITE: the access an export gets when none is given. */
export const DEFAULT_SHARED_ACCESS = 0x80000001;
/** Object names are UNICODE_STRINGs: at most 32767 UTF-16 units. */
export const MAX_OBJECT_NAME = 32767;

// HRESULTs, as the signed 32-bit numbers a caller sees.
const hr = (u: number): number => u | 0;
export const S_OK = 0;
export const E_INVALIDARG = hr(0x80070057);
export const E_OUTOFMEMORY = hr(0x8007000e);
export const E_FAIL = hr(0x80004005);
export const HRESULT_FILE_NOT_FOUND = hr(0x80070002); // HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)
export const DXGI_ERROR_NAME_ALREADY_EXISTS = hr(0x887a002c);

// D3D flags.
export const D3D11_RESOURCE_MISC_SHARED = 0x2;
export const D3D11_RESOURCE_MISC_SHARED_KEYEDMUTEX = 0x100;
export const D3D11_RESOURCE_MISC_SHARED_NTHANDLE = 0x800;
export const D3D12_HEAP_FLAG_SHARED = 0x1;

// POSIX.
export const FIRST_FD = 3; // 0, 1 and 2 are the standard streams, which the mock does not model
