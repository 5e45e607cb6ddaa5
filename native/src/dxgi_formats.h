// DXGI_FORMAT by name, for the D3D operations (scenarios name formats, D3D takes numbers).
#pragma once

#include <cstdint>
#include <string>

namespace vkx {

// The DXGI_FORMAT of a name with or without its DXGI_FORMAT_ prefix ("" is UNKNOWN, 0); -1 for none.
int32_t DxgiFormat(const std::string& name);

}  // namespace vkx
