// The validation layer's messages, collected through a VK_EXT_debug_utils messenger and handed to
// JavaScript by takeLayerMessages(). The callback runs inside whatever Vulkan call the layer is checking,
// so it only copies the message into a list: it never calls JavaScript and never throws.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#include "vk.h"

namespace vkx {

struct LayerMessage {
  const char* severity;  // "error" | "warning" | "info" | "verbose"
  std::string vuid;
  std::string message;
};

class LayerLog {
 public:
  // With skipReported the callback answers VK_TRUE, which tells the layer to skip the call it reported
  // (the call then returns VK_ERROR_VALIDATION_FAILED_EXT and the driver never sees it).
  void SetSkipReported(bool skip) { skipReported_ = skip; }
  // The messenger description, both for VkInstanceCreateInfo::pNext (messages from vkCreateInstance and
  // vkDestroyInstance) and for vkCreateDebugUtilsMessengerEXT (everything in between).
  VkDebugUtilsMessengerCreateInfoEXT CreateInfo();
  std::vector<LayerMessage> Take();
  void Clear();

  // The VUID of a message: pMessageIdName when it is one (VUID-... or the layer's UNASSIGNED-...), else
  // the "VUID-..." written inside pMessage (the 1.3.239 layer writes "[ VUID-... ]" there), else "".
  static std::string FindVuid(const char* idName, const char* message);

 private:
  static VKAPI_ATTR VkBool32 VKAPI_CALL Callback(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                 VkDebugUtilsMessageTypeFlagsEXT types,
                                                 const VkDebugUtilsMessengerCallbackDataEXT* data, void* user);
  void Push(VkDebugUtilsMessageSeverityFlagBitsEXT severity, const VkDebugUtilsMessengerCallbackDataEXT* data);

  // A runaway loop of invalid calls must not grow the list without end: past this, messages are counted
  // and one summary message says how many were dropped.
  static constexpr size_t kMaxKept = 100000;
  std::mutex mutex_;
  std::vector<LayerMessage> items_;
  size_t dropped_ = 0;
  bool skipReported_ = false;
};

}  // namespace vkx
