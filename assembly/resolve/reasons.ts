// The words of every decision resolveImport makes, in our own words. Each text is
// "key|anchor|message": a stable key of ours, the specification anchor that states the rule (a VUID or
// a section id, empty when none), and the message with named operands, declared after it in the order
// the entry pushes them (core/catalogue.ts); a name in brackets is a chain structure's member that
// src/resolve/chain.ts reads and the message does not show. Where a VUID of the core's catalogue forces
// the decision, the entry carries that rule id too; the text explains the decision, the rule says which
// check would fail.
import { defReason } from '../core/catalogue';

function says(key: string, anchor: string, message: string, operands: string = ''): i32 { return defReason('resolve.' + key + '|' + anchor + '|' + message, operands); }

// --- What the handle refers to.
export const SRC_VULKAN = says('source-vulkan', '', '{handleType} {handle} (made at call {madeAt}) refers to the payload of memory {memory}: allocationSize {allocationSize}, memoryTypeIndex {memoryTypeIndex}', 'handleType handle memory madeAt allocationSize memoryTypeIndex');
export const SRC_VULKAN_FREED = says('source-vulkan-freed', '', '{handleType} {handle} (made at call {madeAt}) refers to a payload Vulkan allocated with allocationSize {allocationSize} and memoryTypeIndex {memoryTypeIndex}; the exporting memory object has been freed since', 'handleType handle madeAt allocationSize memoryTypeIndex');
export const SRC_D3D11 = says('source-d3d11', '', '{handleType} {handle} refers to a D3D11 texture ({size} bytes), shared at call {sharedAt}', 'handleType handle size sharedAt');
export const SRC_D3D12_HEAP = says('source-d3d12-heap', '', '{handleType} {handle} refers to a D3D12 heap of {size} bytes, shared at call {sharedAt}', 'handleType handle size sharedAt');
export const SRC_D3D12_RESOURCE = says('source-d3d12-resource', '', '{handleType} {handle} refers to a D3D12 committed resource ({size} bytes), shared at call {sharedAt}', 'handleType handle size sharedAt');
export const SRC_OUTSIDE = says('source-outside', '', '{handleType} {handle} refers to a payload made outside Vulkan ({size} bytes), at call {madeAt}', 'handleType handle size madeAt');
export const SRC_HOST = says('source-host', 'VkImportMemoryHostPointerInfoEXT', 'host pointer {hostPointer} of type {handleType}: the application keeps that host memory alive for as long as the imported memory exists', 'hostPointer handleType');

// --- allocationSize.
export const SIZE_OPAQUE = says('size-opaque-exporter', '', 'an opaque {handleType} handle carries no size of its own: the import uses the exporting allocation\'s allocationSize, {exportSize} bytes', 'handleType exportSize');
export const SIZE_OPAQUE_NV = says('size-opaque-nv', 'VkImportMemoryWin32HandleInfoNV', 'VK_NV_external_memory_win32 states no size rule, but an opaque {handleType} handle names the whole exporting allocation: import it with that allocation\'s size, {exportSize} bytes', 'handleType exportSize');
export const SIZE_HEAP = says('size-d3d12-heap', '', 'a D3D12_HEAP import must use the size the heap was created with, {heapSize} bytes', 'heapSize');
export const SIZE_EXPORTED_PAYLOAD = says('size-exported-payload', '', 'this {handleType} handle was exported by Vulkan: the payload is the exporting allocation, {payloadSize} bytes', 'handleType payloadSize');
export const SIZE_IGNORED = says('size-ignored', 'VkMemoryAllocateInfo', 'for {handleType} the implementation asks the OS for the size of the shared object and ignores allocationSize', 'handleType');
export const SIZE_DEDICATED = says('size-dedicated', '', 'the allocation is dedicated to {resource}, whose memory requirements ask for {requiredSize} bytes; allocationSize must be at least that', 'resource requiredSize');
export const SIZE_NV_DEDICATED = says('size-nv-dedicated', '', 'an NV dedicated allocation for {resource} must be exactly its memory requirement, {requiredSize} bytes', 'resource requiredSize');
export const SIZE_DEDICATED_TARGET_UNKNOWN = says('size-dedicated-target-unknown', 'VkMemoryDedicatedAllocateInfo', 'the allocation must be dedicated to an image or buffer not named here; allocationSize must be at least that resource\'s memory requirement (VUID-VkMemoryDedicatedAllocateInfo-image-02964 and buffer-02965 make no exception for handle types whose size the implementation takes from the OS)');
export const SIZE_REQUIREMENTS_UNKNOWN = says('size-requirements-unknown', 'vkGetImageMemoryRequirements2', 'the memory requirements of {resource} were never queried, so the size its dedicated allocation needs is not known', 'resource');
export const SIZE_HOST = says('size-host-aligned', '', 'a host-pointer import must be a multiple of minImportedHostPointerAlignment, {alignment} bytes, and may not reach past the host allocation behind the pointer; {alignment} bytes is the smallest such size', 'alignment');
export const SIZE_HOST_UNKNOWN = says('size-host-unknown', 'VkPhysicalDeviceExternalMemoryHostPropertiesEXT', 'minImportedHostPointerAlignment was never queried (VkPhysicalDeviceExternalMemoryHostPropertiesEXT), so the multiple the size must be is not known');
export const SIZE_APP = says('size-application', 'VkImportMemoryFdInfoKHR', 'for {handleType} the application chooses allocationSize within the payload; the whole payload is {payloadSize} bytes', 'handleType payloadSize');
export const SIZE_UNKNOWN = says('size-unknown', '', 'the input does not show the size of the payload behind this handle');
export const SIZE_NO_RULE = says('size-none', '', 'no rule fixes allocationSize for this import');

// --- memoryTypeIndex.
export const TYPES_DECISION = says('types', '', 'memoryTypeIndex must be one of {memoryTypeBits}: every mask below allows it', 'memoryTypeBits');
export const TYPES_DECISION_PARTIAL = says('types-partial', '', 'memoryTypeIndex must be one of {memoryTypeBits} as far as this input shows; a mask below is unknown and may narrow it', 'memoryTypeBits');
export const TYPES_DEVICE = says('types-device', 'VUID-vkAllocateMemory-pAllocateInfo-01714', 'the importing device\'s physical device has {memoryTypeCount} memory types', 'memoryTypeCount');
export const TYPES_DEVICE_UNKNOWN = says('types-device-unknown', 'vkGetPhysicalDeviceMemoryProperties', 'the memory types of the importing device\'s physical device were never queried');
export const TYPES_IMAGE = says('types-image', 'VUID-vkBindImageMemory-memory-01047', 'image {image} binds only memory of a type its requirements allow: memoryTypeBits {memoryTypeBits}', 'image memoryTypeBits');
export const TYPES_BUFFER = says('types-buffer', 'VUID-vkBindBufferMemory-memory-01035', 'buffer {buffer} binds only memory of a type its requirements allow: memoryTypeBits {memoryTypeBits}', 'buffer memoryTypeBits');
export const TYPES_RESOURCE_UNKNOWN = says('types-resource-unknown', 'vkGetImageMemoryRequirements2', 'the memory requirements of {resource} were never queried, so the types it accepts are not known', 'resource');
export const TYPES_EXPORTER = says('types-exporter', '', 'an opaque {handleType} import uses the exporting allocation\'s memoryTypeIndex, {memoryTypeIndex}', 'handleType memoryTypeIndex');
export const TYPES_EXPORTER_NV = says('types-exporter-nv', 'VkImportMemoryWin32HandleInfoNV', 'VK_NV_external_memory_win32 states no memory-type rule, but an opaque {handleType} payload lives in the exporting allocation\'s memory type, {memoryTypeIndex}', 'handleType memoryTypeIndex');
export const TYPES_EXPORTER_OTHER = says('types-exporter-payload', '', 'this {handleType} handle was exported from Vulkan memory of type {memoryTypeIndex}; the payload lives in that type', 'handleType memoryTypeIndex');
export const TYPES_WIN32 = says('types-win32-properties', '', 'vkGetMemoryWin32HandlePropertiesKHR reported memoryTypeBits {memoryTypeBits} for {handleType} {handle}', 'memoryTypeBits handleType handle');
export const TYPES_WIN32_OTHER_HANDLE = says('types-win32-properties-same-payload', 'VUID-VkMemoryAllocateInfo-memoryTypeIndex-00645', 'vkGetMemoryWin32HandlePropertiesKHR reported memoryTypeBits {memoryTypeBits} for handle {handle}, which refers to the same payload', 'memoryTypeBits handle');
export const TYPES_FD = says('types-fd-properties', '', 'vkGetMemoryFdPropertiesKHR reported memoryTypeBits {memoryTypeBits} for fd {fd}', 'memoryTypeBits fd');
export const TYPES_HOST = says('types-host-properties', '', 'vkGetMemoryHostPointerPropertiesEXT reported memoryTypeBits {memoryTypeBits} for pointer {hostPointer}', 'memoryTypeBits hostPointer');
export const TYPES_PROPERTIES_UNKNOWN = says('types-properties-unknown', '', 'no handle-properties answer for {handle} on this device: ask the properties query for it before importing, and use a type it reports', 'handle');
export const TYPES_PROPERTIES_ADVISORY = says('types-properties-advisory', 'vkGetMemoryWin32HandlePropertiesKHR', 'the handle-properties query reported memoryTypeBits {memoryTypeBits} for {handle}', 'memoryTypeBits handle');

// --- Dedicated allocation (VkMemoryDedicatedAllocateInfo).
export const DED_EXPORTER_IMAGE = says('dedicated-exporter-image', '', 'the exporting allocation was dedicated to an image, so the {handleType} payload is imported as a dedicated allocation of an image created exactly like it', 'handleType');
export const DED_EXPORTER_BUFFER = says('dedicated-exporter-buffer', '', 'the exporting allocation was dedicated to a buffer, so the {handleType} payload is imported as a dedicated allocation of a buffer created exactly like it', 'handleType');
export const DED_EXPORTER_NONE = says('dedicated-exporter-none', '', 'the exporting allocation was not dedicated, so this Vulkan-made {handleType} payload cannot be imported as a dedicated allocation', 'handleType');
export const DED_NOT_IDENTICAL = says('dedicated-not-identical', '', '{resource} was not created exactly like the resource the exporting allocation was dedicated to; it cannot take this payload as a dedicated allocation', 'resource');
export const DED_FOUND_IDENTICAL = says('dedicated-identical-found', '', '{resource} on the importing device was created exactly like the resource the exporting allocation was dedicated to', 'resource');
export const DED_NEED_RESOURCE = says('dedicated-needs-resource', 'VkMemoryDedicatedAllocateInfo', 'a dedicated allocation is required, but no image or buffer was named: name the resource the memory will be bound to');
export const DED_SPEC_ONLY = says('dedicated-only-type', 'VkExternalMemoryFeatureFlagBits', 'implementations must report {handleType} as DEDICATED_ONLY: like the D3D object it comes from, its memory belongs to exactly one image or buffer', 'handleType');
export const DED_ANSWER = says('dedicated-only-answer', 'VkExternalMemoryFeatureFlagBits', 'the capability query for {resource}\'s parameters reported {handleType} with externalMemoryFeatures {features}, which includes DEDICATED_ONLY', 'handleType resource features');
export const DED_ANSWER_ANY = says('dedicated-only-answer-any', 'VkExternalMemoryFeatureFlagBits', 'a capability query of this physical device reported {handleType} as DEDICATED_ONLY', 'handleType');
export const DED_REQUIRES = says('dedicated-requires', '', '{resource} reported requiresDedicatedAllocation = VK_TRUE, so memory bound to it must be dedicated to it', 'resource');
export const DED_PREFERS = says('dedicated-prefers', 'VkMemoryDedicatedRequirements', '{resource} reported prefersDedicatedAllocation = VK_TRUE: a dedicated allocation may be faster, and no rule forbids one here', 'resource');
export const DED_HOST = says('dedicated-host', '', 'a host-pointer import cannot be a dedicated allocation');
export const DED_OPTIONAL = says('dedicated-optional', 'VkMemoryDedicatedAllocateInfo', 'no rule asks for or forbids a dedicated allocation here');
export const DED_CONFLICT = says('dedicated-conflict', '', 'one rule requires a dedicated allocation of {resource} and another forbids it: this payload cannot be bound to {resource}', 'resource');
export const DED_SPARSE = says('dedicated-sparse', '', '{resource} was created with sparse flags {sparseFlags}, so it cannot have the dedicated allocation this import needs', 'resource sparseFlags');
export const DED_DISJOINT = says('dedicated-disjoint', '', '{resource} was created DISJOINT, so it cannot have the dedicated allocation this import needs', 'resource');
export const DED_LEGACY = says('dedicated-legacy', '', 'the device has neither Vulkan 1.1 nor VK_KHR_dedicated_allocation, so memory dedicated with VkMemoryDedicatedAllocateInfo binds only to NV-dedicated resources, and {resource} is not one', 'resource');
export const DED_WRONG_KIND = says('dedicated-wrong-kind', '', 'the exporting allocation was dedicated to another kind of resource than {resource}; this payload cannot become its dedicated allocation', 'resource');

// --- NV dedicated allocation (VkDedicatedAllocationMemoryAllocateInfoNV).
export const NV_RESOURCE = says('nv-dedicated-resource', '', '{resource} was created with dedicatedAllocation = VK_TRUE (VK_NV_dedicated_allocation), so its memory must be an NV dedicated allocation for it', 'resource');
export const NV_EXPORTER = says('nv-dedicated-exporter', '', 'the exporting allocation was an NV dedicated allocation, so the import must be one for an identically created {resource}', 'resource');
export const NV_EXPORTER_NONE = says('nv-dedicated-exporter-none', '', 'the exporting allocation was not an NV dedicated allocation, so the import cannot be one for {resource}', 'resource');
export const NV_NOT_MADE_FOR = says('nv-dedicated-not-made-for', '', '{resource} was not created for NV dedicated allocations, but this payload needs one', 'resource');
export const NV_NOT_APPLICABLE = says('nv-dedicated-not-applicable', 'VkDedicatedAllocationMemoryAllocateInfoNV', 'VkDedicatedAllocationMemoryAllocateInfoNV names only resources created with dedicatedAllocation = VK_TRUE; nothing here asks for it');
export const NV_HOST = says('nv-dedicated-host', '', 'a host-pointer import cannot be an NV dedicated allocation');

// --- The chain.
export const CH_WIN32 = says('chain-win32', 'VkImportMemoryWin32HandleInfoKHR', 'import {handleType} handle {handle} with VkImportMemoryWin32HandleInfoKHR (name NULL); the import does not take an NT handle: close it when done', 'handleType handle [name]');
export const CH_WIN32_KMT = says('chain-win32-kmt', 'VkImportMemoryWin32HandleInfoKHR', 'import {handleType} handle {handle} with VkImportMemoryWin32HandleInfoKHR (name NULL); a KMT handle holds no reference and is never closed', 'handleType handle [name]');
export const CH_WIN32_NAME = says('chain-win32-name', 'VkImportMemoryWin32HandleInfoKHR', 'import {handleType} by name {name} with VkImportMemoryWin32HandleInfoKHR (handle NULL)', 'handleType [handle] name');
export const CH_WIN32_NV = says('chain-win32-nv', 'VkImportMemoryWin32HandleInfoNV', 'import {handleType} handle {handle} with VkImportMemoryWin32HandleInfoNV', 'handleType handle');
export const CH_FD = says('chain-fd', 'VkImportMemoryFdInfoKHR', 'import {handleType} fd {fd} with VkImportMemoryFdInfoKHR; a successful import hands the fd to the driver, so do not close or reuse it afterwards', 'handleType fd');
export const CH_HOST = says('chain-host', 'VkImportMemoryHostPointerInfoEXT', 'import {handleType} pointer {hostPointer} with VkImportMemoryHostPointerInfoEXT', 'handleType hostPointer');
export const CH_DEDICATED = says('chain-dedicated', 'VkMemoryDedicatedAllocateInfo', 'dedicate the allocation to {resource} with VkMemoryDedicatedAllocateInfo', '[image] [buffer] resource');
export const CH_DEDICATED_NV = says('chain-dedicated-nv', 'VkDedicatedAllocationMemoryAllocateInfoNV', 'dedicate the allocation to {resource} with VkDedicatedAllocationMemoryAllocateInfoNV', '[image] [buffer] resource');
export const CH_DEVICE_MASK = says('chain-device-mask', '', 'the payload was allocated with device mask {deviceMask}; the import must use the same mask (VkMemoryAllocateFlagsInfo with DEVICE_MASK)', '[flags] deviceMask');

// --- Problems.
export const P_DEVICE = says('problem-device', '', '{device} is not a device this input created', 'device');
export const P_TYPE = says('problem-handle-type', 'VkExternalMemoryHandleTypeFlagBits', '{handleType} is not one handle type that a Win32, fd or host-pointer import takes', 'handleType');
export const P_NV_TYPE = says('problem-nv-handle-type', '', '{handleType} is not one NV handle type; an NV import names exactly one', 'handleType');
export const P_BOTH = says('problem-handle-and-name', '', 'both handle {handle} and name {name} were given; the chain imports by handle, since a Win32 import names one or the other', 'handle name');
export const P_NAME_TYPE = says('problem-name-type', '', '{handleType} cannot be imported by name; only OPAQUE_WIN32, D3D11_TEXTURE, D3D12_HEAP and D3D12_RESOURCE can', 'handleType');
export const P_NO_HANDLE = says('problem-no-handle', '', 'neither a handle nor a name was given');
export const P_WRONG_TYPE = says('problem-wrong-type', '', '{handle} carries {carriedType}, not {handleType}', 'handle carriedType handleType');
export const P_UNSEEN = says('problem-unseen', '', 'no call in this input made {handle} in process {process}: it may come from outside the input, so nothing about it can be resolved', 'handle process');
export const P_CLOSED = says('problem-closed', '', '{handle} was closed in process {process} at call {closedAt}', 'handle process closedAt');
export const P_OTHER_PROCESS = says('problem-other-process', '', '{handle} belongs to process {owner}, not to the importing process {process}; DuplicateHandle it into the importing process first', 'handle owner process');
export const P_DEAD = says('problem-kmt-dead', '', 'global share handle {handle} names memory that was freed at call {freedAt}; a KMT handle holds no reference, so nothing is left to import', 'handle freedAt');
export const P_TAKEN = says('problem-fd-taken', '', 'fd {fd} was handed to the driver by a successful import at call {importedAt}; dup it before the first import to import it again', 'fd importedAt');
export const P_NEVER_MADE = says('problem-never-made', '', 'no call made {handle} in process {process}, and every call of this world is known: it is not a handle of this process', 'handle process');
export const P_INVALID_HANDLE = says('problem-handle-invalid', '', '{handle} is INVALID_HANDLE_VALUE, never a handle', 'handle');
export const P_INVALID_FD = says('problem-fd-invalid', '', 'fd {fd} is not a file descriptor', 'fd');
export const P_SUPPORT = says('problem-not-importable', '', 'the capability queries of this physical device did not report {handleType} as importable', 'handleType');
export const P_SUPPORT_UNKNOWN = says('problem-support-unknown', 'vkGetPhysicalDeviceExternalBufferProperties', 'no capability query answer says whether {handleType} is importable on this physical device', 'handleType');
export const P_SAME_DEVICE = says('problem-other-device', '', 'the payload was made on a physical device with deviceUUID {payloadDevice}; the importing device\'s is {importingDevice}', 'payloadDevice importingDevice');
export const P_LUID = says('problem-other-adapter', '', 'the D3D payload was made on the adapter with LUID {payloadLuid}; the importing device\'s LUID is {importingLuid}', 'payloadLuid importingLuid');
export const P_UUID = says('problem-uuid', '', '{handleType} needs matching deviceUUID and driverUUID: the exporter has {exporterDeviceUuid} and {exporterDriverUuid}, the importer {importerDeviceUuid} and {importerDriverUuid}', 'handleType exporterDeviceUuid exporterDriverUuid importerDeviceUuid importerDriverUuid');
export const P_IDENTITY_UNKNOWN = says('problem-identity-unknown', 'VkPhysicalDeviceIDProperties', 'the deviceUUID/driverUUID of the exporting or importing physical device were never queried, so compatibility cannot be decided');
export const P_GROUP = says('problem-device-group', '', 'the payload was allocated on a device of {payloadDeviceCount} physical devices, the importing device has {deviceCount}', 'payloadDeviceCount deviceCount');
export const P_POINTER_ALIGN = says('problem-pointer-alignment', '', 'pointer {hostPointer} is not a multiple of minImportedHostPointerAlignment ({alignment})', 'hostPointer alignment');
export const P_POINTER_ALIGN_UNKNOWN = says('problem-pointer-alignment-unknown', 'VkPhysicalDeviceExternalMemoryHostPropertiesEXT', 'minImportedHostPointerAlignment was never queried, so whether pointer {hostPointer} is aligned cannot be decided', 'hostPointer');
export const P_RESOURCE = says('problem-resource', '', '{resource} is not a live image or buffer', 'resource');
export const P_RESOURCE_DEVICE = says('problem-resource-device', '', '{resource} belongs to device {resourceDevice}, not to the importing device {device}', 'resource resourceDevice device');
export const P_BIND_TYPES = says('problem-bind-types', '', '{resource} was created for handle types {createdTypes}, which do not include {handleType}; memory imported as {handleType} cannot be bound to it', 'resource createdTypes handleType');
export const P_SIZE_CONFLICT = says('problem-size-conflict', '', 'no allocationSize satisfies every rule: one asks for {size} bytes, another for {otherSize}', 'size otherSize');
export const P_SIZE_TOO_SMALL = says('problem-size-too-small', '', 'the payload is {payloadSize} bytes, smaller than the {requiredSize} bytes {resource} needs, so it cannot be its dedicated allocation', 'payloadSize requiredSize resource');
export const P_NO_TYPE = says('problem-no-memory-type', '', 'no memory type satisfies every mask (intersection {memoryTypeBits})', 'memoryTypeBits');
