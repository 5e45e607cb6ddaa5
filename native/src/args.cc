#include "args.h"

#include <cmath>
#include <cstdio>

#include "errors.h"

namespace vkx {
namespace {

std::string TypeName(const Napi::Value& v) {
  switch (v.Type()) {
    case napi_undefined: return "undefined";
    case napi_null: return "null";
    case napi_boolean: return "a boolean";
    case napi_number: return "a number";
    case napi_string: return "a string";
    case napi_symbol: return "a symbol";
    case napi_object: return v.IsArray() ? "an array" : "an object";
    case napi_function: return "a function";
    case napi_external: return "an external";
    case napi_bigint: return "a bigint";
  }
  return "an unknown value";
}

std::string Show(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  snprintf(buf, sizeof buf, "%.17g", d);
  return buf;
}

double Integer(const Napi::Value& v, std::string_view what, double lo, double hi, const char* range) {
  double d = Number(v, what);
  if (!(d >= lo && d <= hi) || std::trunc(d) != d)
    throw ArgRangeError(std::string(what) + " must be an integer from " + range + ", got " + Show(d));
  return d;
}

}  // namespace

bool Absent(const Napi::Value& v) { return v.IsUndefined() || v.IsNull(); }

double Number(const Napi::Value& v, std::string_view what) {
  if (!v.IsNumber()) throw ArgTypeError(std::string(what) + " must be a number, got " + TypeName(v));
  return v.As<Napi::Number>().DoubleValue();
}

uint32_t Flags(const Napi::Value& v, std::string_view what) {
  double d = Integer(v, what, -2147483648.0, 4294967295.0, "-2^31 to 2^32-1");
  return d < 0 ? static_cast<uint32_t>(static_cast<int32_t>(d)) : static_cast<uint32_t>(d);
}

uint32_t U32(const Napi::Value& v, std::string_view what) {
  return static_cast<uint32_t>(Integer(v, what, 0, 4294967295.0, "0 to 2^32-1"));
}

uint64_t Size(const Napi::Value& v, std::string_view what) {
  return static_cast<uint64_t>(Integer(v, what, 0, kMaxSafe, "0 to 2^53-1"));
}

uint64_t SizeOrWhole(const Napi::Value& v, std::string_view what) {
  if (v.IsNumber() && v.As<Napi::Number>().DoubleValue() == 18446744073709551616.0) return kWholeSize;
  return static_cast<uint64_t>(Integer(v, what, 0, kMaxSafe, "0 to 2^53-1 (or VK_WHOLE_SIZE)"));
}

int32_t Fd(const Napi::Value& v, std::string_view what) {
  return static_cast<int32_t>(Integer(v, what, -2147483648.0, 2147483647.0, "-2^31 to 2^31-1"));
}

bool Bool(const Napi::Value& v, std::string_view what) {
  if (!v.IsBoolean()) throw ArgTypeError(std::string(what) + " must be a boolean, got " + TypeName(v));
  return v.As<Napi::Boolean>().Value();
}

bool OptionalBool(const Napi::Value& v, std::string_view what, bool otherwise) {
  return v.IsUndefined() ? otherwise : Bool(v, what);
}

std::string String(const Napi::Value& v, std::string_view what, size_t maxLength) {
  if (!v.IsString()) throw ArgTypeError(std::string(what) + " must be a string, got " + TypeName(v));
  std::string s = v.As<Napi::String>().Utf8Value();
  if (s.size() > maxLength) throw ArgRangeError(std::string(what) + " is longer than " + std::to_string(maxLength) + " bytes");
  if (s.find('\0') != std::string::npos) throw ArgRangeError(std::string(what) + " must not contain a NUL character");
  return s;
}

std::u16string String16(const Napi::Value& v, std::string_view what, size_t maxLength) {
  if (!v.IsString()) throw ArgTypeError(std::string(what) + " must be a string, got " + TypeName(v));
  std::u16string s = v.As<Napi::String>().Utf16Value();
  if (s.size() > maxLength)
    throw ArgRangeError(std::string(what) + " is longer than " + std::to_string(maxLength) + " characters");
  if (s.find(u'\0') != std::u16string::npos) throw ArgRangeError(std::string(what) + " must not contain a NUL character");
  return s;
}

Napi::Object Object(const Napi::Value& v, std::string_view what) {
  if (!v.IsObject() || v.IsArray() || v.IsFunction())
    throw ArgTypeError(std::string(what) + " must be an object, got " + TypeName(v));
  return v.As<Napi::Object>();
}

std::vector<std::string> Strings(const Napi::Value& v, std::string_view what, size_t maxCount, size_t maxLength) {
  if (!v.IsArray()) throw ArgTypeError(std::string(what) + " must be an array of strings, got " + TypeName(v));
  Napi::Array a = v.As<Napi::Array>();
  uint32_t n = a.Length();
  if (n > maxCount) throw ArgRangeError(std::string(what) + " has more than " + std::to_string(maxCount) + " entries");
  std::vector<std::string> out;
  out.reserve(n);
  for (uint32_t i = 0; i < n; i++) out.push_back(String(a.Get(i), std::string(what) + "[" + std::to_string(i) + "]", maxLength));
  return out;
}

std::vector<uint8_t> Bytes(const Napi::Value& v, std::string_view what) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    throw ArgTypeError(std::string(what) + " must be a Uint8Array, got " + TypeName(v));
  Napi::Uint8Array a = v.As<Napi::Uint8Array>();
  const uint8_t* p = a.Data();
  size_t n = a.ElementLength();
  return std::vector<uint8_t>(p, p + n);
}

namespace {

// One napi_get_typedarray_info call gives the type, length and data of a typed array; anything else
// (including a plain ArrayBuffer or a DataView) is refused.
bool TypedArrayInfo(const Napi::Value& v, napi_typedarray_type want, void** data, size_t* length) {
  bool is = false;
  if (napi_is_typedarray(v.Env(), v, &is) != napi_ok || !is) return false;
  napi_typedarray_type type;
  if (napi_get_typedarray_info(v.Env(), v, &type, length, data, nullptr, nullptr) != napi_ok) return false;
  return type == want;
}

}  // namespace

double* Outputs(const Napi::Value& v, size_t count, std::string_view what) {
  void* data = nullptr;
  size_t length = 0;
  if (!TypedArrayInfo(v, napi_float64_array, &data, &length))
    throw ArgTypeError(std::string(what) + " must be a Float64Array, got " + TypeName(v));
  if (length < count || data == nullptr)
    throw ArgRangeError(std::string(what) + " must have room for " + std::to_string(count) + " values, it has " +
                        std::to_string(length));
  return static_cast<double*>(data);
}

U32Span Uint32s(const Napi::Value& v, std::string_view what) {
  U32Span s;
  void* data = nullptr;
  if (!TypedArrayInfo(v, napi_uint32_array, &data, &s.length))
    throw ArgTypeError(std::string(what) + " must be a Uint32Array, got " + TypeName(v));
  s.data = static_cast<uint32_t*>(data);
  if (s.data == nullptr) s.length = 0;
  return s;
}

}  // namespace vkx
