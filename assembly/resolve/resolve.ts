// resolveImport: "what allocationSize, memoryTypeIndex, dedicated allocation and pNext chain must this
// import use, and why". It asks for the import's constraints exactly as the validator does for a
// finished vkAllocateMemory (rules/import-constraints.ts) and writes each as a part of its decisions,
// so a chain built from the answer passes, and any one change to it is reported under the rule the
// answer cited. Nothing here changes the state.
import { O_OBJECT, O_OSHANDLE, O_STRING, O_HANDLE_TYPES, O_HANDLE_TYPES_NV_MARKED, T_NOTE } from '../generated/contract';
import { devices, resources } from '../state/world';
import * as handleTypes from '../catalogue/handle-types';
import { NV_ONE_BIT_01327, W32_BOTH_01441 } from '../rules/allocate-import';
import { importConstraints } from '../rules/import-constraints';
import { familyOf, FAM_NONE, FAM_WIN32, FAM_NV } from '../rules/import/request';
import { clearEntries, entryCount, entry, arg } from './output';
import { Query } from './query';
import { problem, showSource, showSupport } from './source';
import { decideDedicated, decideNvDedicated } from './dedicated';
import { decideSize } from './size';
import { decideMemoryType } from './memory-type';
import { buildChain } from './chain';
import * as reasons from './reasons';

/**
 * Resolves one import. `handleType` is a KHR bit, or an NV bit with `nv`; `handle` is the interned
 * HANDLE value, the fd or the host pointer; `name` the interned name (0: none); `resource` the image or
 * buffer the memory will be bound to (0: none). Returns the number of entries in the output buffer.
 */
export function resolveImport(device: i32, process: i32, handleType: i64, nv: bool, handle: i64, name: i32, resource: i32): i32 {
  clearEntries();
  const q = new Query();
  const req = q.req;
  req.process = process; req.handle = handle; req.name = name;
  if (!devices.has(device)) { problem(-1, reasons.P_DEVICE); arg(O_OBJECT, device); return entryCount(); }
  req.dev = devices.get(device);
  if (!classify(q, handleType, nv)) return entryCount();

  if (resource != 0) {
    if (!resources.has(resource)) { problem(-1, reasons.P_RESOURCE); arg(O_OBJECT, resource); }
    else {
      const r = resources.get(resource);
      req.resource = r;
      if (r.device != device) { problem(-1, reasons.P_RESOURCE_DEVICE); arg(O_OBJECT, resource); arg(O_OBJECT, r.device); arg(O_OBJECT, device); }
    }
  }
  if (req.family == FAM_WIN32 && handle != 0 && name != 0) {
    // A Win32 import names a handle or a name (01441): the chain imports by handle.
    entry(T_NOTE, 0, 0, W32_BOTH_01441, reasons.P_BOTH); arg(O_OSHANDLE, handle); arg(O_STRING, name);
    req.name = 0;
  }
  const c = importConstraints(req);
  q.constraints = c;
  const b = c.bindTypes;
  if (b.broken()) { problem(b.rule, reasons.P_BIND_TYPES); arg(O_OBJECT, req.resource!.id); arg(O_HANDLE_TYPES, b.a); arg(O_HANDLE_TYPES, b.b); }

  showSource(q);
  decideDedicated(q);
  decideNvDedicated(q);
  showSupport(q);
  decideSize(q);
  decideMemoryType(q);
  buildChain(q);
  return entryCount();
}

/** Picks the import structure for the handle type; false (with a problem) when none takes it. */
function classify(q: Query, handleType: i64, nv: bool): bool {
  const family = familyOf(handleType, nv);
  if (family == FAM_NONE) {
    if (nv) { problem(handleTypes.isSingleBit(handleType) ? -1 : NV_ONE_BIT_01327, reasons.P_NV_TYPE); arg(O_HANDLE_TYPES_NV_MARKED, handleType); }
    else { problem(-1, reasons.P_TYPE); arg(O_HANDLE_TYPES, handleType); }
    return false;
  }
  q.req.family = family;
  if (family == FAM_NV) { q.req.nvBit = handleType; q.req.t = handleTypes.nvType(handleType)!.counterpart; }
  else q.req.t = handleType;
  return true;
}
