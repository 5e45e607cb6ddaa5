// VkResult names for messages ("vkCreateInstance failed: VK_ERROR_INCOMPATIBLE_DRIVER (-9)").
#pragma once

#include <string>

#include "vk.h"

namespace vkx {

std::string ResultName(VkResult r);

}  // namespace vkx
