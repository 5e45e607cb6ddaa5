// The two ways a call is refused before anything reaches the driver. They are plain C++ exceptions so
// that helpers need no Napi::Env; module.cc turns them into a JavaScript TypeError or RangeError.
//   ArgTypeError:  an argument is not the JavaScript type the contract says (a string for a number, ...).
//   ArgRangeError: a number outside its range (negative, fractional, NaN, above 2^53-1 for sizes, above
//                  2^32-1 for flags), or an id that names no live object ("no such buffer 17 on device 3"),
//                  which is also what a freed id, a double free and a double destroy get.
#pragma once

#include <stdexcept>
#include <string>

namespace vkx {

struct ArgTypeError : std::runtime_error {
  explicit ArgTypeError(const std::string& m) : std::runtime_error(m) {}
};

struct ArgRangeError : std::runtime_error {
  explicit ArgRangeError(const std::string& m) : std::runtime_error(m) {}
};

}  // namespace vkx
