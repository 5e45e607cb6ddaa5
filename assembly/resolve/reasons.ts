// The words of every decision resolveImport makes, in our own words. Each text is
// "key|anchor|message": a stable key of ours, the specification anchor that states the rule (a VUID or
// a section id, empty when none), and the message with {0}… operands. Where a VUID of the core's
// catalogue forces the decision, the entry carries that rule id too; the text explains the decision,
// the rule says which check would fail.
import { defReason } from '../core/catalogue';

function says(key: string, anchor: string, message: string): i32 { return defReason('resolve.' + key + '|' + anchor + '|' + message); }

// --- What the handle refers to.
export const SRC_VULKAN = says('source-vulkan', '', '{0} {1} (made at call {3}) refers to the payload of memory {2}: allocationSize {4}, memoryTypeIndex {5}');
export const SRC_VULKAN_FREED = says('source-vulkan-freed', '', '{0} {1} (made at call {2}) refers to a payload Vulkan allocated with allocationSize {3} and memoryTypeIndex {4}; the exporting memory object has been freed since');
export const SRC_D3D11 = says('source-d3d11', '', '{0} {1} refers to a D3D11 texture ({2} bytes), shared at call {3}');
export const SRC_D3D12_HEAP = says('source-d3d12-heap', '', '{0} {1} refers to a D3D12 heap of {2} bytes, shared at call {3}');
export const SRC_D3D12_RESOURCE = says('source-d3d12-resource', '', '{0} {1} refers to a D3D12 committed resource ({2} bytes), shared at call {3}');
export const SRC_OUTSIDE = says('source-outside', '', '{0} {1} refers to a payload made outside Vulkan ({2} bytes), at call {3}');
export const SRC_HOST = says('source-host', 'VkImportMemoryHostPointerInfoEXT', 'host pointer {0} of type {1}: the application keeps that host memory alive for as long as the imported memory exists');

// --- allocationSize.
export const SIZE_OPAQUE = says('size-opaque-exporter', '', 'an opaque {0} handle carries no size of its own: the import uses the exporting allocation\'s allocationSize, {1} bytes');
export const SIZE_OPAQUE_NV = says('size-opaque-nv', 'VkImportMemoryWin32HandleInfoNV', 'VK_NV_external_memory_win32 states no size rule, but an opaque {0} handle names the whole exporting allocation: import it with that allocation\'s size, {1} bytes');
export const SIZE_HEAP = says('size-d3d12-heap', '', 'a D3D12_HEAP import must use the size the heap was created with, {0} bytes');
export const SIZE_EXPORTED_PAYLOAD = says('size-exported-payload', '', 'this {0} handle was exported by Vulkan: the payload is the exporting allocation, {1} bytes');
export const SIZE_IGNORED = says('size-ignored', 'VkMemoryAllocateInfo', 'for {0} the implementation asks the OS for the size of the shared object and ignores allocationSize');
export const SIZE_DEDICATED = says('size-dedicated', '', 'the allocation is dedicated to {0}, whose memory requirements ask for {1} bytes; allocationSize must be at least that');
export const SIZE_NV_DEDICATED = says('size-nv-dedicated', '', 'an NV dedicated allocation for {0} must be exactly its memory requirement, {1} bytes');
export const SIZE_DEDICATED_TARGET_UNKNOWN = says('size-dedicated-target-unknown', 'VkMemoryDedicatedAllocateInfo', 'the allocation must be dedicated to an image or buffer not named here; allocationSize must be at least that resource\'s memory requirement (VUID-VkMemoryDedicatedAllocateInfo-image-02964 and buffer-02965 make no exception for handle types whose size the implementation takes from the OS)');
export const SIZE_REQUIREMENTS_UNKNOWN = says('size-requirements-unknown', 'vkGetImageMemoryRequirements2', 'the memory requirements of {0} were never queried, so the size its dedicated allocation needs is not known');
export const SIZE_HOST = says('size-host-aligned', '', 'a host-pointer import must be a multiple of minImportedHostPointerAlignment, {0} bytes, and may not reach past the host allocation behind the pointer; {0} bytes is the smallest such size');
export const SIZE_HOST_UNKNOWN = says('size-host-unknown', 'VkPhysicalDeviceExternalMemoryHostPropertiesEXT', 'minImportedHostPointerAlignment was never queried (VkPhysicalDeviceExternalMemoryHostPropertiesEXT), so the multiple the size must be is not known');
export const SIZE_APP = says('size-application', 'VkImportMemoryFdInfoKHR', 'for {0} the application chooses allocationSize within the payload; the whole payload is {1} bytes');
export const SIZE_UNKNOWN = says('size-unknown', '', 'the input does not show the size of the payload behind this handle');
export const SIZE_NO_RULE = says('size-none', '', 'no rule fixes allocationSize for this import');

// --- memoryTypeIndex.
export const TYPES_DECISION = says('types', '', 'memoryTypeIndex must be one of {0}: every mask below allows it');
export const TYPES_DECISION_PARTIAL = says('types-partial', '', 'memoryTypeIndex must be one of {0} as far as this input shows; a mask below is unknown and may narrow it');
export const TYPES_DEVICE = says('types-device', 'VUID-vkAllocateMemory-pAllocateInfo-01714', 'the importing device\'s physical device has {0} memory types');
export const TYPES_DEVICE_UNKNOWN = says('types-device-unknown', 'vkGetPhysicalDeviceMemoryProperties', 'the memory types of the importing device\'s physical device were never queried');
export const TYPES_IMAGE = says('types-image', 'VUID-vkBindImageMemory-memory-01047', 'image {0} binds only memory of a type its requirements allow: memoryTypeBits {1}');
export const TYPES_BUFFER = says('types-buffer', 'VUID-vkBindBufferMemory-memory-01035', 'buffer {0} binds only memory of a type its requirements allow: memoryTypeBits {1}');
export const TYPES_RESOURCE_UNKNOWN = says('types-resource-unknown', 'vkGetImageMemoryRequirements2', 'the memory requirements of {0} were never queried, so the types it accepts are not known');
export const TYPES_EXPORTER = says('types-exporter', '', 'an opaque {0} import uses the exporting allocation\'s memoryTypeIndex, {1}');
export const TYPES_EXPORTER_NV = says('types-exporter-nv', 'VkImportMemoryWin32HandleInfoNV', 'VK_NV_external_memory_win32 states no memory-type rule, but an opaque {0} payload lives in the exporting allocation\'s memory type, {1}');
export const TYPES_EXPORTER_OTHER = says('types-exporter-payload', '', 'this {0} handle was exported from Vulkan memory of type {1}; the payload lives in that type');
export const TYPES_WIN32 = says('types-win32-properties', '', 'vkGetMemoryWin32HandlePropertiesKHR reported memoryTypeBits {0} for {1} {2}');
export const TYPES_WIN32_OTHER_HANDLE = says('types-win32-properties-same-payload', 'VUID-VkMemoryAllocateInfo-memoryTypeIndex-00645', 'vkGetMemoryWin32HandlePropertiesKHR reported memoryTypeBits {0} for handle {1}, which refers to the same payload');
export const TYPES_FD = says('types-fd-properties', '', 'vkGetMemoryFdPropertiesKHR reported memoryTypeBits {0} for fd {1}');
export const TYPES_HOST = says('types-host-properties', '', 'vkGetMemoryHostPointerPropertiesEXT reported memoryTypeBits {0} for pointer {1}');
export const TYPES_PROPERTIES_UNKNOWN = says('types-properties-unknown', '', 'no handle-properties answer for {0} on this device: ask the properties query for it before importing, and use a type it reports');
export const TYPES_PROPERTIES_ADVISORY = says('types-properties-advisory', 'vkGetMemoryWin32HandlePropertiesKHR', 'the handle-properties query reported memoryTypeBits {0} for {1}');
export const TYPES_EMPTY = says('types-empty', '', 'no memory type is allowed by every mask: their intersection is empty');

// --- Dedicated allocation (VkMemoryDedicatedAllocateInfo).
export const DED_EXPORTER_IMAGE = says('dedicated-exporter-image', '', 'the exporting allocation was dedicated to an image, so the {0} payload is imported as a dedicated allocation of an image created exactly like it');
export const DED_EXPORTER_BUFFER = says('dedicated-exporter-buffer', '', 'the exporting allocation was dedicated to a buffer, so the {0} payload is imported as a dedicated allocation of a buffer created exactly like it');
export const DED_EXPORTER_NONE = says('dedicated-exporter-none', '', 'the exporting allocation was not dedicated, so this Vulkan-made {0} payload cannot be imported as a dedicated allocation');
export const DED_NOT_IDENTICAL = says('dedicated-not-identical', '', '{0} was not created exactly like the resource the exporting allocation was dedicated to; it cannot take this payload as a dedicated allocation');
export const DED_FOUND_IDENTICAL = says('dedicated-identical-found', '', '{0} on the importing device was created exactly like the resource the exporting allocation was dedicated to');
export const DED_NEED_RESOURCE = says('dedicated-needs-resource', 'VkMemoryDedicatedAllocateInfo', 'a dedicated allocation is required, but no image or buffer was named: name the resource the memory will be bound to');
export const DED_SPEC_ONLY = says('dedicated-only-type', 'VkExternalMemoryFeatureFlagBits', 'implementations must report {0} as DEDICATED_ONLY: like the D3D object it comes from, its memory belongs to exactly one image or buffer');
export const DED_ANSWER = says('dedicated-only-answer', 'VkExternalMemoryFeatureFlagBits', 'the capability query for {1}\'s parameters reported {0} with externalMemoryFeatures {2}, which includes DEDICATED_ONLY');
export const DED_ANSWER_ANY = says('dedicated-only-answer-any', 'VkExternalMemoryFeatureFlagBits', 'a capability query of this physical device reported {0} as DEDICATED_ONLY');
export const DED_REQUIRES = says('dedicated-requires', '', '{0} reported requiresDedicatedAllocation = VK_TRUE, so memory bound to it must be dedicated to it');
export const DED_PREFERS = says('dedicated-prefers', 'VkMemoryDedicatedRequirements', '{0} reported prefersDedicatedAllocation = VK_TRUE: a dedicated allocation may be faster, and no rule forbids one here');
export const DED_HOST = says('dedicated-host', '', 'a host-pointer import cannot be a dedicated allocation');
export const DED_OPTIONAL = says('dedicated-optional', 'VkMemoryDedicatedAllocateInfo', 'no rule asks for or forbids a dedicated allocation here');
export const DED_CONFLICT = says('dedicated-conflict', '', 'one rule requires a dedicated allocation of {0} and another forbids it: this payload cannot be bound to {0}');
export const DED_SPARSE = says('dedicated-sparse', '', '{0} was created with sparse flags {1}, so it cannot have the dedicated allocation this import needs');
export const DED_DISJOINT = says('dedicated-disjoint', '', '{0} was created DISJOINT, so it cannot have the dedicated allocation this import needs');
export const DED_LEGACY = says('dedicated-legacy', '', 'the device has neither Vulkan 1.1 nor VK_KHR_dedicated_allocation, so memory dedicated with VkMemoryDedicatedAllocateInfo binds only to NV-dedicated resources, and {0} is not one');
export const DED_WRONG_KIND = says('dedicated-wrong-kind', '', 'the exporting allocation was dedicated to another kind of resource than {0}; this payload cannot become its dedicated allocation');

// --- NV dedicated allocation (VkDedicatedAllocationMemoryAllocateInfoNV).
export const NV_RESOURCE = says('nv-dedicated-resource', '', '{0} was created with dedicatedAllocation = VK_TRUE (VK_NV_dedicated_allocation), so its memory must be an NV dedicated allocation for it');
export const NV_EXPORTER = says('nv-dedicated-exporter', '', 'the exporting allocation was an NV dedicated allocation, so the import must be one for an identically created {0}');
export const NV_EXPORTER_NONE = says('nv-dedicated-exporter-none', '', 'the exporting allocation was not an NV dedicated allocation, so the import cannot be one for {0}');
export const NV_NOT_MADE_FOR = says('nv-dedicated-not-made-for', '', '{0} was not created for NV dedicated allocations, but this payload needs one');
export const NV_NOT_APPLICABLE = says('nv-dedicated-not-applicable', 'VkDedicatedAllocationMemoryAllocateInfoNV', 'VkDedicatedAllocationMemoryAllocateInfoNV names only resources created with dedicatedAllocation = VK_TRUE; nothing here asks for it');
export const NV_HOST = says('nv-dedicated-host', '', 'a host-pointer import cannot be an NV dedicated allocation');

// --- The chain.
export const CH_WIN32 = says('chain-win32', 'VkImportMemoryWin32HandleInfoKHR', 'import {0} handle {1} with VkImportMemoryWin32HandleInfoKHR (name NULL); the import does not take an NT handle: close it when done');
export const CH_WIN32_KMT = says('chain-win32-kmt', 'VkImportMemoryWin32HandleInfoKHR', 'import {0} handle {1} with VkImportMemoryWin32HandleInfoKHR (name NULL); a KMT handle holds no reference and is never closed');
export const CH_WIN32_NAME = says('chain-win32-name', 'VkImportMemoryWin32HandleInfoKHR', 'import {0} by name {2} with VkImportMemoryWin32HandleInfoKHR (handle NULL)');
export const CH_WIN32_NV = says('chain-win32-nv', 'VkImportMemoryWin32HandleInfoNV', 'import {0} handle {1} with VkImportMemoryWin32HandleInfoNV');
export const CH_FD = says('chain-fd', 'VkImportMemoryFdInfoKHR', 'import {0} fd {1} with VkImportMemoryFdInfoKHR; a successful import hands the fd to the driver, so do not close or reuse it afterwards');
export const CH_HOST = says('chain-host', 'VkImportMemoryHostPointerInfoEXT', 'import {0} pointer {1} with VkImportMemoryHostPointerInfoEXT');
export const CH_DEDICATED = says('chain-dedicated', 'VkMemoryDedicatedAllocateInfo', 'dedicate the allocation to {2} with VkMemoryDedicatedAllocateInfo');
export const CH_DEDICATED_NV = says('chain-dedicated-nv', 'VkDedicatedAllocationMemoryAllocateInfoNV', 'dedicate the allocation to {2} with VkDedicatedAllocationMemoryAllocateInfoNV');
export const CH_DEVICE_MASK = says('chain-device-mask', '', 'the payload was allocated with device mask {1}; the import must use the same mask (VkMemoryAllocateFlagsInfo with DEVICE_MASK)');

// --- Problems.
export const P_DEVICE = says('problem-device', '', '{0} is not a device this input created');
export const P_TYPE = says('problem-handle-type', 'VkExternalMemoryHandleTypeFlagBits', '{0} is not one handle type that a Win32, fd or host-pointer import takes');
export const P_NV_TYPE = says('problem-nv-handle-type', '', '{0} is not one NV handle type; an NV import names exactly one');
export const P_BOTH = says('problem-handle-and-name', '', 'both handle {0} and name {1} were given; the chain imports by handle, since a Win32 import names one or the other');
export const P_NAME_TYPE = says('problem-name-type', '', '{0} cannot be imported by name; only OPAQUE_WIN32, D3D11_TEXTURE, D3D12_HEAP and D3D12_RESOURCE can');
export const P_NO_HANDLE = says('problem-no-handle', '', 'neither a handle nor a name was given');
export const P_WRONG_TYPE = says('problem-wrong-type', '', '{0} carries {1}, not {2}');
export const P_UNSEEN = says('problem-unseen', '', 'no call in this input made {0} in process {1}: it may come from outside the input, so nothing about it can be resolved');
export const P_CLOSED = says('problem-closed', '', '{0} was closed in process {1} at call {2}');
export const P_OTHER_PROCESS = says('problem-other-process', '', '{0} belongs to process {1}, not to the importing process {2}; DuplicateHandle it into the importing process first');
export const P_DEAD = says('problem-kmt-dead', '', 'global share handle {0} names memory that was freed at call {1}; a KMT handle holds no reference, so nothing is left to import');
export const P_TAKEN = says('problem-fd-taken', '', 'fd {0} was handed to the driver by a successful import at call {1}; dup it before the first import to import it again');
export const P_NEVER_MADE = says('problem-never-made', '', 'no call made {0} in process {1}, and every call of this world is known: it is not a handle of this process');
export const P_INVALID_HANDLE = says('problem-handle-invalid', '', '{0} is INVALID_HANDLE_VALUE, never a handle');
export const P_INVALID_FD = says('problem-fd-invalid', '', 'fd {0} is not a file descriptor');
export const P_SUPPORT = says('problem-not-importable', '', 'the capability queries of this physical device did not report {0} as importable');
export const P_SUPPORT_UNKNOWN = says('problem-support-unknown', 'vkGetPhysicalDeviceExternalBufferProperties', 'no capability query answer says whether {0} is importable on this physical device');
export const P_SAME_DEVICE = says('problem-other-device', '', 'the payload was made on a physical device with deviceUUID {0}; the importing device\'s is {1}');
export const P_LUID = says('problem-other-adapter', '', 'the D3D payload was made on the adapter with LUID {0}; the importing device\'s LUID is {1}');
export const P_UUID = says('problem-uuid', '', '{0} needs matching deviceUUID and driverUUID: the exporter has {1} and {2}, the importer {3} and {4}');
export const P_IDENTITY_UNKNOWN = says('problem-identity-unknown', 'VkPhysicalDeviceIDProperties', 'the deviceUUID/driverUUID of the exporting or importing physical device were never queried, so compatibility cannot be decided');
export const P_GROUP = says('problem-device-group', '', 'the payload was allocated on a device of {0} physical devices, the importing device has {1}');
export const P_POINTER_ALIGN = says('problem-pointer-alignment', '', 'pointer {0} is not a multiple of minImportedHostPointerAlignment ({1})');
export const P_POINTER_ALIGN_UNKNOWN = says('problem-pointer-alignment-unknown', 'VkPhysicalDeviceExternalMemoryHostPropertiesEXT', 'minImportedHostPointerAlignment was never queried, so whether pointer {0} is aligned cannot be decided');
export const P_RESOURCE = says('problem-resource', '', '{0} is not a live image or buffer');
export const P_RESOURCE_DEVICE = says('problem-resource-device', '', '{0} belongs to device {1}, not to the importing device {2}');
export const P_BIND_TYPES = says('problem-bind-types', '', '{0} was created for handle types {1}, which do not include {2}; memory imported as {2} cannot be bound to it');
export const P_SIZE_CONFLICT = says('problem-size-conflict', '', 'no allocationSize satisfies every rule: one asks for {0} bytes, another for {1}');
export const P_SIZE_TOO_SMALL = says('problem-size-too-small', '', 'the payload is {0} bytes, smaller than the {1} bytes {2} needs, so it cannot be its dedicated allocation');
export const P_NO_TYPE = says('problem-no-memory-type', '', 'no memory type satisfies every mask (intersection {0})');
