// Why a rule cannot be decided from an input: each names what the input would have to show.
import { defReason } from '../core/catalogue';

export const R_NO_BUFFER_QUERY = defReason('no vkGetPhysicalDeviceExternalBufferProperties answer for handle type {handleType} with this usage and flags appears before this call', 'handleType');
export const R_NO_IMAGE_QUERY = defReason('no vkGetPhysicalDeviceImageFormatProperties2 answer for handle type {handleType} with these image parameters appears before this call', 'handleType');
export const R_NO_NV_QUERY = defReason('no vkGetPhysicalDeviceExternalImageFormatPropertiesNV answer for these image parameters appears before this call');
export const R_HANDLE_UNSEEN = defReason('handle {handle} was not made by any call in this input (it may come from another process or API)', 'handle');
export const R_FD_UNSEEN = defReason('fd {fd} was not made by any call in this input', 'fd');
export const R_NAME_UNSEEN = defReason('no object named {name} was created in this input', 'name');
export const R_IDENTITY_UNKNOWN = defReason('the deviceUUID/driverUUID of the devices involved were never queried (VkPhysicalDeviceIDProperties or VkPhysicalDeviceVulkan11Properties)');
export const R_REQUIREMENTS_UNKNOWN = defReason('the memory requirements of {resource} were never queried', 'resource');
export const R_SIZE_UNKNOWN = defReason('the size of the imported payload is not shown in this input');
export const R_HOST_PROPS_UNKNOWN = defReason('minImportedHostPointerAlignment was never queried (VkPhysicalDeviceExternalMemoryHostPropertiesEXT)');
export const R_HANDLE_PROPS_UNKNOWN = defReason('no handle-properties query (vkGetMemoryWin32HandlePropertiesKHR, vkGetMemoryFdPropertiesKHR or vkGetMemoryHostPointerPropertiesEXT) answered for this handle before this call');
export const R_NO_SUPPORT_QUERY = defReason('no capability query answer says whether handle type {handleType} is importable for this resource', 'handleType');
export const R_NO_RESOURCE_QUERY = defReason('no capability query answer for handle type {handleType} with the parameters {resource} was created with (the memory is dedicated to it) appears before this call', 'handleType resource');
export const R_NO_EXPORT_QUERY = defReason('no capability query answer says whether handle type {handleType} is exportable for this memory', 'handleType');
export const R_MEMORY_PROPS_UNKNOWN = defReason('vkGetPhysicalDeviceMemoryProperties(2) was never answered for this physical device before this call');
