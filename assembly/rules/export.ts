// Exporting handles: vkGetMemoryWin32HandleKHR, vkGetMemoryWin32HandleNV and vkGetMemoryFdKHR.
import * as registry from '../generated/registry';
import { defRule } from '../core/catalogue';
import { report, op } from '../core/findings';
import { O_HANDLE_TYPES, O_HANDLE_TYPES_NV, O_CALL } from '../generated/contract';
import { get, child, recProcess, recCall } from '../core/record';
import { memories, addWin32Handle, addFd, names } from '../state/world';
import { OsHandle, Memory, OS_NT, OS_KMT, OS_FD } from '../state/objects';
import * as handleTypes from '../catalogue/handle-types';
import { succeeded } from './context';

const W32_REQUESTED_00662 = defRule('VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00662',
  'handleType {handleType} was not requested when the memory was allocated (VkExportMemoryAllocateInfo::handleTypes was {exportTypes}).', 'handleType exportTypes');
const W32_ONCE_00663 = defRule('VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663',
  '{handleType} is an NT handle type and was already exported from this memory (first at call {firstExport}); each memory object gives at most one NT handle per type.', 'handleType firstExport');
const W32_KIND_00664 = defRule('VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00664',
  'handleType is {handleType}; vkGetMemoryWin32HandleKHR exports NT or global share (KMT) handle types only.', 'handleType');
const NV_REQUESTED_01326 = defRule('VUID-vkGetMemoryWin32HandleNV-handleType-01326',
  'handleType {handleType} was not among VkExportMemoryAllocateInfoNV::handleTypes ({exportTypes}) when the memory was allocated.', 'handleType exportTypes');
const FD_REQUESTED_00671 = defRule('VUID-VkMemoryGetFdInfoKHR-handleType-00671',
  'handleType {handleType} was not requested when the memory was allocated (VkExportMemoryAllocateInfo::handleTypes was {exportTypes}).', 'handleType exportTypes');
const FD_KIND_00672 = defRule('VUID-VkMemoryGetFdInfoKHR-handleType-00672',
  'handleType is {handleType}; vkGetMemoryFdKHR exports OPAQUE_FD or DMA_BUF only.', 'handleType');

export function checkExport(cmd: i32): void {
  if (cmd == registry.C_vkGetMemoryWin32HandleKHR) {
    const info = child(0, registry.M_vkGetMemoryWin32HandleKHR_pGetWin32HandleInfo);
    const m = memoryOf(info, registry.M_VkMemoryGetWin32HandleInfoKHR_memory);
    const t = get(info, registry.M_VkMemoryGetWin32HandleInfoKHR_handleType);
    if (info < 0) return;
    if ((t & ~handleTypes.WIN32_KHR_TYPES) != 0 || !handleTypes.isSingleBit(t)) { report(W32_KIND_00664, info, registry.M_VkMemoryGetWin32HandleInfoKHR_handleType); op(O_HANDLE_TYPES, t); }
    if (m == null) return;
    if ((m.exportTypes & t) != t || t == 0) { report(W32_REQUESTED_00662, info, registry.M_VkMemoryGetWin32HandleInfoKHR_handleType); op(O_HANDLE_TYPES, t); op(O_HANDLE_TYPES, m.exportTypes); }
    if (handleTypes.isNtHandle(t) && (m.ntExported & t) != 0) {
      report(W32_ONCE_00663, info, registry.M_VkMemoryGetWin32HandleInfoKHR_handleType); op(O_HANDLE_TYPES, t); op(O_CALL, m.firstNtExportCall);
    }
  } else if (cmd == registry.C_vkGetMemoryWin32HandleNV) {
    const m = memoryOf(0, registry.M_vkGetMemoryWin32HandleNV_memory);
    const t = get(0, registry.M_vkGetMemoryWin32HandleNV_handleType);
    if (m != null && ((m.exportTypesNV & t) != t || t == 0)) { report(NV_REQUESTED_01326, 0, registry.M_vkGetMemoryWin32HandleNV_handleType); op(O_HANDLE_TYPES_NV, t); op(O_HANDLE_TYPES_NV, m.exportTypesNV); }
  } else if (cmd == registry.C_vkGetMemoryFdKHR) {
    const info = child(0, registry.M_vkGetMemoryFdKHR_pGetFdInfo);
    if (info < 0) return;
    const m = memoryOf(info, registry.M_VkMemoryGetFdInfoKHR_memory);
    const t = get(info, registry.M_VkMemoryGetFdInfoKHR_handleType);
    if ((t & ~handleTypes.FD_TYPES) != 0 || !handleTypes.isSingleBit(t)) { report(FD_KIND_00672, info, registry.M_VkMemoryGetFdInfoKHR_handleType); op(O_HANDLE_TYPES, t); }
    if (m != null && ((m.exportTypes & t) != t || t == 0)) { report(FD_REQUESTED_00671, info, registry.M_VkMemoryGetFdInfoKHR_handleType); op(O_HANDLE_TYPES, t); op(O_HANDLE_TYPES, m.exportTypes); }
  }
}

function memoryOf(n: i32, slot: i32): Memory | null {
  if (n < 0) return null;
  const id = <i32>get(n, slot);
  return memories.has(id) ? memories.get(id) : null;
}

/** A successful export makes a handle in the calling process (NT, fd) or system-wide (KMT). */
export function applyExport(cmd: i32, result: i64): void {
  if (!succeeded(result)) return;
  const process = recProcess();
  if (cmd == registry.C_vkGetMemoryWin32HandleKHR) {
    const info = child(0, registry.M_vkGetMemoryWin32HandleKHR_pGetWin32HandleInfo);
    const m = memoryOf(info, registry.M_VkMemoryGetWin32HandleInfoKHR_memory);
    const t = get(info, registry.M_VkMemoryGetWin32HandleInfoKHR_handleType);
    const value = <i32>get(0, registry.M_vkGetMemoryWin32HandleKHR_pHandle);
    if (m == null || value == 0 || !handleTypes.isSingleBit(t)) return;
    if (handleTypes.isNtHandle(t) && (m.ntExported & t) == 0) { if (m.ntExported == 0) m.firstNtExportCall = recCall(); m.ntExported |= t; }
    const h = new OsHandle(handleTypes.isKmtHandle(t) ? OS_KMT : OS_NT, t, m.payload, process, recCall());
    h.sourceMemory = m.id;
    addWin32Handle(h, value);
    if (m.exportName != 0 && handleTypes.isNtHandle(t)) { h.name = m.exportName; names.set(m.exportName, h); }
  } else if (cmd == registry.C_vkGetMemoryWin32HandleNV) {
    const m = memoryOf(0, registry.M_vkGetMemoryWin32HandleNV_memory);
    const tn = get(0, registry.M_vkGetMemoryWin32HandleNV_handleType);
    const value = <i32>get(0, registry.M_vkGetMemoryWin32HandleNV_pHandle);
    const row = handleTypes.nvType(tn);
    if (m == null || value == 0 || row == null) return;
    const t = row.counterpart;
    const h = new OsHandle(handleTypes.isKmtHandle(t) ? OS_KMT : OS_NT, t, m.payload, process, recCall());
    h.sourceMemory = m.id;
    addWin32Handle(h, value);
  } else if (cmd == registry.C_vkGetMemoryFdKHR) {
    const info = child(0, registry.M_vkGetMemoryFdKHR_pGetFdInfo);
    const m = memoryOf(info, registry.M_VkMemoryGetFdInfoKHR_memory);
    const fd = get(0, registry.M_vkGetMemoryFdKHR_pFd);
    if (m == null || fd < 0) return;
    const h = new OsHandle(OS_FD, get(info, registry.M_VkMemoryGetFdInfoKHR_handleType), m.payload, process, recCall());
    h.sourceMemory = m.id;
    addFd(process, fd, h);
  }
}
