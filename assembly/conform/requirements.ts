// What the specification requires of an implementation (a driver), as opposed to the Valid Usage rules
// an application must follow (assembly/rules). Each requirement has a stable id, the conformance class
// it belongs to, the command it concerns, the spec anchor that states it, our paraphrase of it, and
// whether the spec mandates it (a violation on valid usage is a deviation) or is silent (a violation is
// a hazard: worth knowing, never a deviation). judge.ts holds each requirement's predicate.
// The classes' codes are the contract's (TypeScript names them from the same table).
import {
  CLASS_CAPABILITY, CLASS_IGNORED_WHEN_ZERO, CLASS_OWNERSHIP, CLASS_PAYLOAD, CLASS_ERROR_PATH,
} from '../generated/contract';

/** The spec says "must" (or states the outcome): a violation on valid usage is a deviation. */
export const MANDATED: u8 = 1;
/** The spec does not require it: a violation is a hazard, with the reasoning in the text. */
export const SILENT: u8 = 0;

class Requirement {
  constructor(public id: string, public klass: u8, public command: string, public anchor: string, public text: string, public strength: u8) {}
}

const all = new Array<Requirement>();

function def(id: string, klass: u8, command: string, anchor: string, strength: u8, text: string): i32 {
  all.push(new Requirement(id, klass, command, anchor, text, strength));
  return all.length - 1;
}

export function requirementCount(): i32 { return all.length; }
export function requirementAt(i: i32): Requirement { return all[i]; }

// ---- capability: what the capability queries claim, each answer on its own and against the others.
export const R_IMAGE_UNSUPPORTED_ERROR = def('image-unsupported-error', CLASS_CAPABILITY, 'vkGetPhysicalDeviceImageFormatProperties2',
  'VkPhysicalDeviceExternalImageFormatInfo', MANDATED,
  'a handle type that cannot be used with the image parameters makes the query return VK_ERROR_FORMAT_NOT_SUPPORTED; an answer of VK_SUCCESS names at least one external memory feature');
export const R_UNSUPPORTED_LIMITS_ZERO = def('unsupported-limits-zero', CLASS_CAPABILITY, 'vkGetPhysicalDeviceImageFormatProperties2',
  'VkImageFormatProperties2', MANDATED,
  'when the query answers VK_ERROR_FORMAT_NOT_SUPPORTED, every member of VkImageFormatProperties is 0');
export const R_COMPATIBLE_INCLUDES_SELF = def('compatible-includes-self', CLASS_CAPABILITY, 'vkGetPhysicalDeviceExternalBufferProperties',
  'VkExternalMemoryProperties', MANDATED,
  'compatibleHandleTypes includes the handle type that was asked about (checked on answers that name a feature)');
export const R_IMAGE_COMPATIBLE_INCLUDES_SELF = def('image-compatible-includes-self', CLASS_CAPABILITY, 'vkGetPhysicalDeviceImageFormatProperties2',
  'VkExternalMemoryProperties', MANDATED,
  'compatibleHandleTypes includes the handle type that was asked about (checked on answers that name a feature)');
export const R_NV_COMPATIBLE_INCLUDES_SELF = def('nv-compatible-includes-self', CLASS_CAPABILITY, 'vkGetPhysicalDeviceExternalImageFormatPropertiesNV',
  'VkExternalImageFormatPropertiesNV', SILENT,
  'compatibleHandleTypes lists the types usable together with the one asked about; the NV text does not say it includes that type, but an answer that leaves it out contradicts itself');
export const R_DEDICATED_ONLY_D3D = def('dedicated-only-d3d', CLASS_CAPABILITY, 'vkGetPhysicalDeviceImageFormatProperties2',
  'VkExternalMemoryFeatureFlagBits', MANDATED,
  'every implementation reports DEDICATED_ONLY for D3D11_TEXTURE, D3D11_TEXTURE_KMT and D3D12_RESOURCE whenever it can export or import them');
export const R_EXPORT_FROM_SELF = def('export-from-self', CLASS_CAPABILITY, 'vkGetPhysicalDeviceExternalBufferProperties',
  'VkExternalMemoryProperties', SILENT,
  'a type that is both exportable and importable is usually exportable again from memory imported as that type (exportFromImportedHandleTypes names it); the spec does not require it, so memory imported this way cannot be passed on');
export const R_EXTERNAL_WITHIN_PLAIN = def('external-within-plain', CLASS_CAPABILITY, 'vkGetPhysicalDeviceImageFormatProperties2',
  'VkPhysicalDeviceExternalImageFormatInfo', SILENT,
  'an image usable with an external handle type is an image usable without it: the answer with the external structure claims no format the plain query refuses and no limit beyond the plain one (the spec has no sentence for it; an application trusting the larger answer gets an image vkCreateImage may not accept)');
export const R_REQUIRES_IMPLIES_PREFERS = def('requires-implies-prefers', CLASS_CAPABILITY, 'vkGetBufferMemoryRequirements2',
  'VkMemoryDedicatedRequirements', MANDATED,
  'when requiresDedicatedAllocation is VK_TRUE, prefersDedicatedAllocation is VK_TRUE too');
export const R_REQUIRES_ONLY_FOR_DEDICATED_TYPES = def('requires-only-for-dedicated-types', CLASS_CAPABILITY, 'vkGetBufferMemoryRequirements2',
  'VkMemoryDedicatedRequirements', MANDATED,
  'requiresDedicatedAllocation is VK_TRUE only for a resource created with a handle type the capability query reported DEDICATED_ONLY (for the optimal and linear images asked about here); otherwise it is VK_FALSE');
export const R_DEDICATED_ONLY_REQUIRES = def('dedicated-only-requires', CLASS_CAPABILITY, 'vkGetBufferMemoryRequirements2',
  'VkMemoryDedicatedRequirements', SILENT,
  'a resource created with a handle type reported DEDICATED_ONLY needs a dedicated allocation, so requiresDedicatedAllocation is expected to say so; the spec only says it "may" be VK_TRUE, so an application reading VK_FALSE here suballocates memory it must not');

// ---- ignored-when-zero: a structure whose handle type is 0 changes nothing.
export const R_IMAGE_QUERY_ZERO = def('image-query-zero-handle-type', CLASS_IGNORED_WHEN_ZERO, 'vkGetPhysicalDeviceImageFormatProperties2',
  'VkPhysicalDeviceExternalImageFormatInfo', MANDATED,
  'with handleType 0 the query behaves as if VkPhysicalDeviceExternalImageFormatInfo were not in the chain: the same result and the same VkImageFormatProperties');
export const R_NV_QUERY_ZERO = def('nv-query-zero-handle-type', CLASS_IGNORED_WHEN_ZERO, 'vkGetPhysicalDeviceExternalImageFormatPropertiesNV',
  'vkGetPhysicalDeviceExternalImageFormatPropertiesNV', MANDATED,
  'with externalHandleType 0 the NV query returns what vkGetPhysicalDeviceImageFormatProperties returns, and 0 in every other member');
export const R_FD_IMPORT_ZERO = def('fd-import-zero-handle-type', CLASS_IGNORED_WHEN_ZERO, 'vkAllocateMemory',
  'VkImportMemoryFdInfoKHR', MANDATED,
  'VkImportMemoryFdInfoKHR with handleType 0 defines no import operation: the allocation is the plain one (same result, memory that does not alias the fd\'s payload), and the fd stays open and the application\'s');
export const R_HOST_IMPORT_ZERO = def('host-import-zero-handle-type', CLASS_IGNORED_WHEN_ZERO, 'vkAllocateMemory',
  'VkImportMemoryHostPointerInfoEXT', MANDATED,
  'VkImportMemoryHostPointerInfoEXT with handleType 0 defines no import operation, so the allocation is the plain one and its memory does not alias the host allocation (handleType 0 is itself invalid usage in this structure, whose handleType is not optional: what a driver does with it is a hazard at most)');
export const R_WIN32_IMPORT_ZERO = def('win32-import-zero-handle-type', CLASS_IGNORED_WHEN_ZERO, 'vkAllocateMemory',
  'VkImportMemoryWin32HandleInfoKHR', MANDATED,
  'VkImportMemoryWin32HandleInfoKHR with handleType 0 defines no import operation: the allocation is the plain one, and the handle is untouched');
export const R_WIN32_NV_IMPORT_ZERO = def('win32-nv-import-zero-handle-type', CLASS_IGNORED_WHEN_ZERO, 'vkAllocateMemory',
  'VkImportMemoryWin32HandleInfoNV', MANDATED,
  'VkImportMemoryWin32HandleInfoNV with handleType 0 is ignored: the allocation is the plain one');
export const R_EXPORT_ZERO = def('export-zero-handle-types', CLASS_IGNORED_WHEN_ZERO, 'vkAllocateMemory',
  'VkExportMemoryAllocateInfo', SILENT,
  'VkExportMemoryAllocateInfo with handleTypes 0 asks to export nothing, so the allocation is expected to behave as the plain one; the spec does not say so in words');
export const R_BUFFER_EXTERNAL_ZERO = def('buffer-external-zero-handle-types', CLASS_IGNORED_WHEN_ZERO, 'vkCreateBuffer',
  'VkExternalMemoryBufferCreateInfo', SILENT,
  'a buffer created with VkExternalMemoryBufferCreateInfo::handleTypes 0 is not an external buffer, so it is expected to get the plain buffer\'s result and memory requirements; the spec does not say so in words');
export const R_IMAGE_EXTERNAL_ZERO = def('image-external-zero-handle-types', CLASS_IGNORED_WHEN_ZERO, 'vkCreateImage',
  'VkExternalMemoryImageCreateInfo', SILENT,
  'an image created with VkExternalMemoryImageCreateInfo::handleTypes 0 is not an external image, so it is expected to get the plain image\'s result and memory requirements; the spec does not say so in words');

// ---- ownership: who holds each fd and handle after each call.
export const R_EXPORT_NEW_FD = def('export-new-fd', CLASS_OWNERSHIP, 'vkGetMemoryFdKHR',
  'vkGetMemoryFdKHR', MANDATED,
  'each successful call creates a new file descriptor, owned by the application: open, and distinct from every fd the application already holds');
export const R_FAILED_IMPORT_KEEPS_FD = def('failed-import-keeps-fd', CLASS_OWNERSHIP, 'vkAllocateMemory',
  'VkImportMemoryFdInfoKHR', MANDATED,
  'only a successful import transfers the fd to the implementation: after a failed import the fd is still open, the same file, and the application\'s');
export const R_CALL_KEEPS_OTHER_FDS = def('call-keeps-other-fds', CLASS_OWNERSHIP, 'vkAllocateMemory',
  'VkImportMemoryFdInfoKHR', MANDATED,
  'a call takes no fd it was not given: every other fd the application holds stays open and the same file');
export const R_PROPERTIES_KEEPS_FD = def('properties-keeps-fd', CLASS_OWNERSHIP, 'vkGetMemoryFdPropertiesKHR',
  'vkGetMemoryFdPropertiesKHR', MANDATED,
  'a handle-properties query transfers nothing: the fd stays open, the same file, and the application\'s');
export const R_EXPORT_NEW_NT_HANDLE = def('export-new-nt-handle', CLASS_OWNERSHIP, 'vkGetMemoryWin32HandleKHR',
  'vkGetMemoryWin32HandleKHR', MANDATED,
  'an export of an NT handle type returns a handle the application owns (and closes with CloseHandle): a new one, open, distinct from every handle the application already holds');
export const R_NT_IMPORT_KEEPS_HANDLE = def('nt-import-keeps-handle', CLASS_OWNERSHIP, 'vkAllocateMemory',
  'VkImportMemoryWin32HandleInfoKHR', MANDATED,
  'importing from a Windows handle does not transfer ownership: the NT handle stays valid, the same object, and the application closes it');

// ---- payload: the memory itself.
export const R_IMPORT_ALIASES = def('import-aliases-export', CLASS_PAYLOAD, 'vkAllocateMemory',
  'memory-external-handle-types', MANDATED,
  'memory imported from an exported handle refers to the exporter\'s payload: bytes written through either mapping are read through the other');
export const R_HOST_IMPORT_ALIASES = def('host-import-aliases', CLASS_PAYLOAD, 'vkAllocateMemory',
  'VkImportMemoryHostPointerInfoEXT', MANDATED,
  'memory imported from a host pointer shares that host memory: bytes written through the pointer are read through the mapping, and the other way round');

// ---- error-path: return codes the spec mandates for calls that are valid usage.
export const R_RESULT_LISTED = def('result-listed', CLASS_ERROR_PATH, '',
  'fundamentals-errorcodes', MANDATED,
  'a command returns one of its own success codes or one of the error codes listed for it');
export const R_HOST_IMPORT_FAILURE_CODE = def('host-import-failure-code', CLASS_ERROR_PATH, 'vkAllocateMemory',
  'VkImportMemoryHostPointerInfoEXT', MANDATED,
  'a host-pointer import the platform does not allow fails with VK_ERROR_INVALID_EXTERNAL_HANDLE (running out of memory aside)');
