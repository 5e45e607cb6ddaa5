// operation(name, args, out): the one entry of the backend operations. The table of calls says which
// operations exist and which the addon runs on this platform (native/src/generated/operations.h); each
// of those is one function of vkx::op, and every other one answers its row's "unavailable" result here,
// after the same check of its name and `out`.
#include <string>

#include "args.h"
#include "errors.h"
#include "exports.h"
#include "generated/operations.h"

namespace vkx {
namespace {

struct OperationEntry {
  const char* name;
  bool returnsValue;
  double unavailable;
  size_t outputs;
  op::Fn run;  // null where the addon does not run it on this platform
};

#define VKX_RUN_HERE(operation) constexpr op::Fn kRun_##operation = op::operation;
VKX_NATIVE_OPERATIONS(VKX_RUN_HERE)
#undef VKX_RUN_HERE

#define VKX_ENTRY(operation, returnsValue, unavailable, outputs) {#operation, returnsValue != 0, unavailable, outputs, nullptr},
OperationEntry kOperations[] = {VKX_OPERATIONS(VKX_ENTRY)};
#undef VKX_ENTRY

// Fills in the functions of the operations the addon runs here (once, before the first call).
bool Bind() {
#define VKX_BIND(operation)            \
  for (OperationEntry& e : kOperations) \
    if (std::string(e.name) == #operation) e.run = kRun_##operation;
  VKX_NATIVE_OPERATIONS(VKX_BIND)
#undef VKX_BIND
  return true;
}

const OperationEntry* Find(const std::string& name) {
  static const bool bound = Bind();
  (void)bound;
  for (const OperationEntry& e : kOperations)
    if (name == e.name) return &e;
  return nullptr;
}

}  // namespace

Napi::Value Operation(Session& s, const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string name = String(info[0], "operation: name", 64);
  const OperationEntry* e = Find(name);
  if (e == nullptr) throw ArgRangeError("operation: no backend operation is named " + name);
  Napi::Object args = Object(info[1], "operation: " + name + " args");
  double* out = Outputs(info[2], e->outputs, name + ": out");
  if (e->run != nullptr) return e->run(s, args, out);
  return e->returnsValue ? Napi::Value(Napi::Number::New(env, e->unavailable)) : env.Undefined();
}

}  // namespace vkx
