// The pNext chain of VkMemoryAllocateInfo that carries out the decisions: the import structure, the
// dedicated-allocation structures and the device mask, each with the rule that puts it there.
// Operands come in a fixed order per structure, which src/resolve/chain.ts reads back:
//   CH_IMPORT_WIN32    handleType, handle, name
//   CH_IMPORT_WIN32_NV handleType (NV bits), handle
//   CH_IMPORT_FD       handleType, fd
//   CH_IMPORT_HOST     handleType, pHostPointer
//   CH_DEDICATED(_NV)  image, buffer, the target again (for the message)
//   CH_ALLOCATE_FLAGS  flags, deviceMask
import {
  O_HANDLE_TYPES, O_HANDLE_TYPES_NV_MARKED, O_OSHANDLE, O_STRING, O_FD, O_HEX, O_OBJECT, T_CHAIN, CH_IMPORT_WIN32,
  CH_IMPORT_WIN32_NV, CH_IMPORT_FD, CH_IMPORT_HOST, CH_DEDICATED, CH_DEDICATED_NV, CH_ALLOCATE_FLAGS, DED_REQUIRED,
  F_IMAGE, F_BUFFER,
} from '../generated/contract';
import * as handleTypes from '../catalogue/handle-types';
import { FAM_WIN32, FAM_NV, FAM_FD, FAM_HOST } from '../rules/import/request';
import { entry, arg } from './output';
import { Query } from './query';
import * as reasons from './reasons';

const DEVICE_MASK_BIT: i64 = 0x1; // VK_MEMORY_ALLOCATE_DEVICE_MASK_BIT

export function buildChain(q: Query): void {
  const req = q.req;
  const byName = req.byName();
  if (req.family == FAM_WIN32) {
    const reason = byName ? reasons.CH_WIN32_NAME : (handleTypes.isKmtHandle(req.t) ? reasons.CH_WIN32_KMT : reasons.CH_WIN32);
    entry(T_CHAIN, CH_IMPORT_WIN32, req.t, -1, reason);
    arg(O_HANDLE_TYPES, req.t); arg(O_OSHANDLE, byName ? 0 : req.handle); arg(O_STRING, byName ? req.name : 0);
  } else if (req.family == FAM_NV) {
    entry(T_CHAIN, CH_IMPORT_WIN32_NV, req.nvBit, -1, reasons.CH_WIN32_NV);
    arg(O_HANDLE_TYPES_NV_MARKED, req.nvBit); arg(O_OSHANDLE, req.handle);
  } else if (req.family == FAM_FD) {
    entry(T_CHAIN, CH_IMPORT_FD, req.t, -1, reasons.CH_FD);
    arg(O_HANDLE_TYPES, req.t); arg(O_FD, req.handle);
  } else if (req.family == FAM_HOST) {
    entry(T_CHAIN, CH_IMPORT_HOST, req.t, -1, reasons.CH_HOST);
    arg(O_HANDLE_TYPES, req.t); arg(O_HEX, req.handle);
  }
  const d = q.dedicatedTarget;
  if (d != null && (q.dedicated == DED_REQUIRED || q.dedicatedPreferred)) {
    entry(T_CHAIN, CH_DEDICATED, d.id, q.dedicatedRule, reasons.CH_DEDICATED, d.isImage ? F_IMAGE : F_BUFFER);
    arg(O_OBJECT, d.isImage ? d.id : 0); arg(O_OBJECT, d.isImage ? 0 : d.id); arg(O_OBJECT, d.id);
  }
  const n = q.nvTarget;
  if (n != null && q.nvDedicated == DED_REQUIRED) {
    entry(T_CHAIN, CH_DEDICATED_NV, n.id, q.nvRule, reasons.CH_DEDICATED_NV, n.isImage ? F_IMAGE : F_BUFFER);
    arg(O_OBJECT, n.isImage ? n.id : 0); arg(O_OBJECT, n.isImage ? 0 : n.id); arg(O_OBJECT, n.id);
  }
  if (q.deviceMask != -1) {
    entry(T_CHAIN, CH_ALLOCATE_FLAGS, q.deviceMask, q.c().deviceMask.rule, reasons.CH_DEVICE_MASK);
    arg(O_HEX, DEVICE_MASK_BIT); arg(O_HEX, q.deviceMask);
  }
}
