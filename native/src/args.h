// Reading JavaScript arguments into C++ values. Every reader checks the JavaScript type first (no
// coercion: valueOf and toString never run) and then the range, and names the argument in its message
// ("allocate: d.allocationSize must be ..."). Exported functions read all their arguments before they
// look anything up in the tables: a getter on an argument object may run JavaScript that calls back into
// the addon (even close()), and nothing found in a table may be held across that.
#pragma once

#include <napi.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vkx {

// The largest integer a JavaScript number holds exactly; sizes and ids above it are refused.
constexpr double kMaxSafe = 9007199254740991.0;  // 2^53 - 1
// VK_WHOLE_SIZE, spelled here so this header needs no Vulkan include.
constexpr uint64_t kWholeSize = ~0ull;

double Number(const Napi::Value& v, std::string_view what);
// Flags and enums: an integer from -2^31 (what `x | 0x80000000` gives in JavaScript) to 2^32-1.
uint32_t Flags(const Napi::Value& v, std::string_view what);
// Counts, indices, extents: an integer from 0 to 2^32-1.
uint32_t U32(const Napi::Value& v, std::string_view what);
// Sizes, offsets and ids: an integer from 0 to 2^53-1.
uint64_t Size(const Napi::Value& v, std::string_view what);
// Like Size, but 2^64 (what VK_WHOLE_SIZE, 0xffffffffffffffff, becomes as a double) means VK_WHOLE_SIZE.
uint64_t SizeOrWhole(const Napi::Value& v, std::string_view what);
// fds: an integer in the C int range.
int32_t Fd(const Napi::Value& v, std::string_view what);
bool Bool(const Napi::Value& v, std::string_view what);
bool OptionalBool(const Napi::Value& v, std::string_view what, bool otherwise);
std::string String(const Napi::Value& v, std::string_view what, size_t maxLength);
std::u16string String16(const Napi::Value& v, std::string_view what, size_t maxLength);
Napi::Object Object(const Napi::Value& v, std::string_view what);
std::vector<std::string> Strings(const Napi::Value& v, std::string_view what, size_t maxCount, size_t maxLength);
// The bytes of a Uint8Array (a Buffer is one), copied so no later JavaScript can change them.
std::vector<uint8_t> Bytes(const Napi::Value& v, std::string_view what);

bool Absent(const Napi::Value& v);  // undefined or null

// Where an export writes its outputs: the caller's Float64Array, with room for at least `count` values
// (a detached array has none, so it is refused like a short one). Exports return their VkResult (or
// nothing) and put everything else here: building a result object in C++ costs more than the call.
double* Outputs(const Napi::Value& v, size_t count, std::string_view what);

// The elements of a Uint32Array, for batched queries. The span stays valid until JavaScript runs again.
struct U32Span {
  uint32_t* data = nullptr;
  size_t length = 0;
};
U32Span Uint32s(const Napi::Value& v, std::string_view what);

}  // namespace vkx
