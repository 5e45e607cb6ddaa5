// How every source file sees the Vulkan headers. No prototypes: the addon has no link-time Vulkan
// dependency and fetches each entry point from the loader it opens at run time (loader.cc). The Win32
// structures and entry points exist only in the Windows build, where windows.h provides their types.
#pragma once

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#ifndef VK_USE_PLATFORM_WIN32_KHR
#define VK_USE_PLATFORM_WIN32_KHR
#endif
#endif

#ifndef VK_NO_PROTOTYPES
#define VK_NO_PROTOTYPES
#endif
#include <vulkan/vulkan.h>
