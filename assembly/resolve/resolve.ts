// resolveImport: "what allocationSize, memoryTypeIndex, dedicated allocation and pNext chain must this
// import use, and why". It reads the same state and the same lookups the validator judges the finished
// vkAllocateMemory with, so a chain built from the answer passes, and any one change to it is reported
// under the rule the answer cited. Nothing here changes the state.
import { O_OBJECT, O_HANDLE_TYPES } from '../generated/contract';
import { devices, resources } from '../state/world';
import { clearEntries, entryCount, arg } from './output';
import { Query } from './query';
import { classify, findSource, checkSupport, problem } from './source';
import { decideDedicated, decideNvDedicated } from './dedicated';
import { decideSize } from './size';
import { decideMemoryType } from './memory-type';
import { buildChain } from './chain';
import * as reasons from './reasons';
import * as V from './rules';

/**
 * Resolves one import. `handleType` is a KHR bit, or an NV bit with `nv`; `handle` is the interned
 * HANDLE value, the fd or the host pointer; `name` the interned name (0: none); `resource` the image or
 * buffer the memory will be bound to (0: none). Returns the number of entries in the output buffer.
 */
export function resolveImport(device: i32, process: i32, handleType: i64, nv: bool, handle: i64, name: i32, resource: i32): i32 {
  clearEntries();
  const q = new Query();
  q.device = device; q.process = process; q.handle = handle; q.name = name; q.resource = resource;
  if (!devices.has(device)) { problem(-1, reasons.P_DEVICE); arg(O_OBJECT, device); return entryCount(); }
  q.dev = devices.get(device);
  if (!classify(q, handleType, nv)) return entryCount();

  if (resource != 0) {
    if (!resources.has(resource)) { problem(-1, reasons.P_RESOURCE); arg(O_OBJECT, resource); }
    else {
      const r = resources.get(resource);
      q.res = r;
      if (r.device != device) { problem(-1, reasons.P_RESOURCE_DEVICE); arg(O_OBJECT, resource); arg(O_OBJECT, r.device); arg(O_OBJECT, device); }
      // 02985 / 02989: memory imported as type T binds only to resources created for T (for an NV
      // import, a resource made for the NV path with the NV bit counts, as the bind rules accept).
      const nvOk = q.nvBit != 0 && (r.externalTypesNV & q.nvBit) != 0;
      if ((r.externalTypes & q.t) == 0 && !nvOk) {
        problem(r.isImage ? V.BIND_IMG_IMPORT_TYPE() : V.BIND_BUF_IMPORT_TYPE(), reasons.P_BIND_TYPES);
        arg(O_OBJECT, r.id); arg(O_HANDLE_TYPES, r.externalTypes); arg(O_HANDLE_TYPES, q.t);
      }
    }
  }

  findSource(q);
  decideDedicated(q);
  checkSupport(q);
  decideNvDedicated(q);
  decideSize(q);
  decideMemoryType(q);
  buildChain(q);
  return entryCount();
}
