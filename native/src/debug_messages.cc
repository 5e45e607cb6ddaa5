#include "debug_messages.h"

#include <cctype>
#include <cstring>

namespace vkx {
namespace {

const char* SeverityName(VkDebugUtilsMessageSeverityFlagBitsEXT s) {
  if (s & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) return "error";
  if (s & VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) return "warning";
  if (s & VK_DEBUG_UTILS_MESSAGE_SEVERITY_INFO_BIT_EXT) return "info";
  return "verbose";
}

bool StartsWith(const char* s, const char* prefix) { return std::strncmp(s, prefix, std::strlen(prefix)) == 0; }

}  // namespace

std::string LayerLog::FindVuid(const char* idName, const char* message) {
  if (idName != nullptr && (StartsWith(idName, "VUID-") || StartsWith(idName, "UNASSIGNED-"))) return idName;
  if (message != nullptr) {
    const char* at = std::strstr(message, "VUID-");
    if (at != nullptr) {
      size_t n = 0;
      // A VUID is letters, digits, '-' and '_'; it ends at the space before "]" or at any other character.
      while (at[n] != 0 && (std::isalnum(static_cast<unsigned char>(at[n])) || at[n] == '-' || at[n] == '_')) n++;
      return std::string(at, n);
    }
  }
  // Not a rule: a driver's own note (Mesa names its source line here) or a layer's unnamed message.
  return "";
}

VkDebugUtilsMessengerCreateInfoEXT LayerLog::CreateInfo() {
  VkDebugUtilsMessengerCreateInfoEXT ci{};
  ci.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT;
  // Errors and warnings only: info and verbose are the loader's and layer's chatter about themselves.
  ci.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT;
  ci.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                   VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  ci.pfnUserCallback = &LayerLog::Callback;
  ci.pUserData = this;
  return ci;
}

VKAPI_ATTR VkBool32 VKAPI_CALL LayerLog::Callback(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                  VkDebugUtilsMessageTypeFlagsEXT types,
                                                  const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  LayerLog* log = static_cast<LayerLog*>(user);
  if (log == nullptr || data == nullptr) return VK_FALSE;
  try {
    log->Push(severity, data);
  } catch (...) {
    // Out of memory while copying a message: lose the message, never unwind through the layer.
  }
  // Only a validation message may ask for its call to be skipped.
  return log->skipReported_ && (types & VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT) ? VK_TRUE : VK_FALSE;
}

void LayerLog::Push(VkDebugUtilsMessageSeverityFlagBitsEXT severity, const VkDebugUtilsMessengerCallbackDataEXT* data) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (items_.size() >= kMaxKept) {
    dropped_++;
    return;
  }
  items_.push_back({SeverityName(severity), FindVuid(data->pMessageIdName, data->pMessage),
                    data->pMessage != nullptr ? data->pMessage : ""});
}

std::vector<LayerMessage> LayerLog::Take() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<LayerMessage> out;
  out.swap(items_);
  if (dropped_ > 0) {
    out.push_back({"warning", "", "vk-extmem: " + std::to_string(dropped_) + " more layer messages were dropped"});
    dropped_ = 0;
  }
  return out;
}

void LayerLog::Clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  items_.clear();
  dropped_ = 0;
}

}  // namespace vkx
