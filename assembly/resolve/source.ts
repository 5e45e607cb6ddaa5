// What the import names and whether it can work at all: the handle type and the structure that carries
// it, the handle, name, fd or pointer and the payload behind it, the capability answers, and the
// identity of the devices on both sides. Each check mirrors the one in rules/allocate-import.ts that
// judges the finished vkAllocateMemory, through the same lookups (rules/import-source.ts).
import * as registry from '../generated/registry';
import {
  O_HANDLE_TYPES, O_HANDLE_TYPES_NV_MARKED, O_OSHANDLE, O_STRING, O_FD, O_HEX, O_SIZE, O_INT, O_CALL, O_OBJECT,
  O_PROCESS, T_PROBLEM, T_SOURCE, T_NOTE, SEV_ERROR, SEV_UNDECIDABLE,
} from '../generated/contract';
import { Payload, ORIGIN_UNKNOWN, ORIGIN_HOST, ORIGIN_D3D11, ORIGIN_D3D12_HEAP, ORIGIN_D3D12_RESOURCE } from '../state/objects';
import { memories, closedWorld } from '../state/world';
import * as handleTypes from '../catalogue/handle-types';
import { win32Source, nameSource, fdSource, ImportSource, SRC_FOUND, SRC_WRONG_TYPE, SRC_INVALID, SRC_UNSEEN, SRC_CLOSED, SRC_OTHER_PROCESS, SRC_PAYLOAD_DEAD, SRC_TAKEN } from '../rules/import-source';
import { importSupport, SUPPORT_NO, SUPPORT_UNKNOWN } from '../rules/support';
import { entry, arg } from './output';
import { Query, FAM_WIN32, FAM_NV, FAM_FD, FAM_HOST } from './query';
import * as reasons from './reasons';
import * as V from './rules';

export function problem(rule: i32, reason: i32, severity: i32 = SEV_ERROR): void { entry(T_PROBLEM, severity, 0, rule, reason); }

/** Picks the import structure for the handle type; false (with a problem) when none takes it. */
export function classify(q: Query, handleType: i64, nv: bool): bool {
  if (nv) {
    if (!handleTypes.isSingleBit(handleType)) { problem(V.NV_ONE_BIT(), reasons.P_NV_TYPE); arg(O_HANDLE_TYPES_NV_MARKED, handleType); return false; }
    const row = handleTypes.nvType(handleType);
    if (row == null || row.counterpart == 0) { problem(-1, reasons.P_NV_TYPE); arg(O_HANDLE_TYPES_NV_MARKED, handleType); return false; }
    q.family = FAM_NV; q.nvBit = handleType; q.t = row.counterpart;
    return true;
  }
  q.t = handleType;
  if (handleTypes.isSingleBit(handleType)) {
    if ((handleType & handleTypes.WIN32_KHR_TYPES) != 0) { q.family = FAM_WIN32; return true; }
    if ((handleType & handleTypes.FD_TYPES) != 0) { q.family = FAM_FD; return true; }
    if ((handleType & handleTypes.HOST_TYPES) != 0) { q.family = FAM_HOST; return true; }
  }
  problem(-1, reasons.P_TYPE); arg(O_HANDLE_TYPES, handleType);
  return false;
}

/** The type as the question named it, for messages (NV imports print their NV bit). */
export function typeArg(q: Query): void {
  if (q.family == FAM_NV) arg(O_HANDLE_TYPES_NV_MARKED, q.nvBit); else arg(O_HANDLE_TYPES, q.t);
}
/** The handle as the question named it, for messages. */
export function handleArg(q: Query): void {
  if (q.family == FAM_FD) arg(O_FD, q.handle);
  else if (q.family == FAM_HOST) arg(O_HEX, q.handle);
  else if (q.byName) arg(O_STRING, q.name);
  else arg(O_OSHANDLE, q.handle);
}

/** Finds what the import names and reports why it cannot be imported, if the state shows a reason. */
export function findSource(q: Query): void {
  const dev = q.dev!;
  if (q.family == FAM_WIN32) {
    if (q.handle != 0 && q.name != 0) { entry(T_NOTE, 0, 0, V.W32_BOTH(), reasons.P_BOTH); arg(O_OSHANDLE, q.handle); arg(O_STRING, q.name); }
    q.byName = q.handle == 0 && q.name != 0;
    if (q.byName && (q.t & handleTypes.BY_NAME_TYPES) == 0) { problem(V.W32_NAME_TYPE(), reasons.P_NAME_TYPE); arg(O_HANDLE_TYPES, q.t); }
    q.supportRule = V.W32_SUPPORT();
    if (q.handle == 0 && q.name == 0) { problem(V.W32_HANDLE(), reasons.P_NO_HANDLE); return; }
    const src = q.byName ? nameSource(q.name, q.t) : win32Source(q.process, <i32>q.handle, q.t);
    q.src = src;
    sourceState(q, src, q.byName ? V.W32_NAME() : V.W32_HANDLE());
    if (src.state != SRC_FOUND) return;
    const p = src.payload()!;
    sameDevice(q, V.W32_SAME_DEVICE(), p);
    compat(q, q.byName ? V.W32_NAME_COMPAT() : V.W32_COMPAT(), p);
    if (q.vulkanMade()) groups(q, p);
  } else if (q.family == FAM_NV) {
    if (q.handle == 0) { problem(V.NV_HANDLE(), reasons.P_NO_HANDLE); return; }
    const src = win32Source(q.process, <i32>q.handle, q.t);
    q.src = src;
    sourceState(q, src, V.NV_HANDLE());
  } else if (q.family == FAM_FD) {
    q.supportRule = V.FD_SUPPORT();
    const src = fdSource(q.process, q.handle, q.t);
    q.src = src;
    sourceState(q, src, V.FD_VALID());
    if (src.state != SRC_FOUND) return;
    const p = src.payload()!;
    sameDevice(q, V.FD_SAME_DEVICE(), p);
    if (q.t == registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT) { compat(q, V.FD_COMPAT(), p); compat(q, V.FD_COMPAT_DRIVER(), p); }
    if (q.vulkanMade()) groups(q, p);
  } else if (q.family == FAM_HOST) {
    q.supportRule = V.HOST_SUPPORT();
    const align = dev.physical.minImportedHostPointerAlignment;
    if (align > 0 && q.handle != -1 && q.handle % align != 0) { problem(V.HOST_ALIGN(), reasons.P_POINTER_ALIGN); arg(O_HEX, q.handle); arg(O_SIZE, align); }
    else if (align <= 0) { problem(V.HOST_ALIGN(), reasons.P_POINTER_ALIGN_UNKNOWN, SEV_UNDECIDABLE); arg(O_HEX, q.handle); }
    entry(T_SOURCE, ORIGIN_HOST, 0, -1, reasons.SRC_HOST); arg(O_HEX, q.handle); arg(O_HANDLE_TYPES, q.t);
  }
}

/** The validator's verdict on the handle itself: wrong type, unseen, closed, foreign, dead or taken. */
function sourceState(q: Query, src: ImportSource, rule: i32): void {
  const s = src.state;
  if (s == SRC_FOUND) { describe(q, src); return; }
  if (s == SRC_WRONG_TYPE) { problem(rule, reasons.P_WRONG_TYPE); handleArg(q); arg(O_HANDLE_TYPES, src.actualType); arg(O_HANDLE_TYPES, q.t); }
  else if (s == SRC_INVALID) { problem(rule, q.family == FAM_FD ? reasons.P_INVALID_FD : reasons.P_INVALID_HANDLE); handleArg(q); }
  else if (s == SRC_UNSEEN && closedWorld) { problem(rule, reasons.P_NEVER_MADE); handleArg(q); arg(O_PROCESS, q.process); }
  else if (s == SRC_UNSEEN) { problem(rule, reasons.P_UNSEEN, SEV_UNDECIDABLE); handleArg(q); arg(O_PROCESS, q.process); }
  else if (s == SRC_CLOSED) { problem(rule, reasons.P_CLOSED); handleArg(q); arg(O_PROCESS, q.process); arg(O_CALL, src.since); }
  else if (s == SRC_OTHER_PROCESS) { problem(rule, reasons.P_OTHER_PROCESS); handleArg(q); arg(O_PROCESS, src.since); arg(O_PROCESS, q.process); }
  else if (s == SRC_PAYLOAD_DEAD) { problem(rule, reasons.P_DEAD); handleArg(q); arg(O_CALL, src.since); }
  else if (s == SRC_TAKEN) { problem(rule, reasons.P_TAKEN); handleArg(q); arg(O_CALL, src.since); }
  else { problem(rule, reasons.P_UNSEEN, SEV_UNDECIDABLE); handleArg(q); arg(O_PROCESS, q.process); }
}

/** Says what the handle refers to: the exporting allocation or the D3D/OS object. */
function describe(q: Query, src: ImportSource): void {
  const h = src.handle!;
  const p = h.payload;
  if (h.sourceMemory != 0) {
    if (memories.has(h.sourceMemory)) {
      entry(T_SOURCE, p.origin, p.size, -1, reasons.SRC_VULKAN); typeArg(q); handleArg(q); arg(O_OBJECT, h.sourceMemory); arg(O_CALL, h.madeAt); arg(O_SIZE, p.size); arg(O_INT, p.memoryTypeIndex);
    } else {
      entry(T_SOURCE, p.origin, p.size, -1, reasons.SRC_VULKAN_FREED); typeArg(q); handleArg(q); arg(O_CALL, h.madeAt); arg(O_SIZE, p.size); arg(O_INT, p.memoryTypeIndex);
    }
    return;
  }
  const reason = p.origin == ORIGIN_D3D11 ? reasons.SRC_D3D11 : (p.origin == ORIGIN_D3D12_HEAP ? reasons.SRC_D3D12_HEAP : (p.origin == ORIGIN_D3D12_RESOURCE ? reasons.SRC_D3D12_RESOURCE : reasons.SRC_OUTSIDE));
  entry(T_SOURCE, p.origin, p.size, -1, reason); typeArg(q); handleArg(q); arg(O_SIZE, p.size); arg(O_CALL, h.madeAt);
}

/**
 * 09861 / 09862 / 01747: the capability answers must call the type importable. Judged once the
 * dedicated decision is made, with the answer the validator will use for the chain built: that of
 * the resource the memory is dedicated to, or any answer for memory dedicated to nothing.
 */
export function checkSupport(q: Query): void {
  const rule = q.supportRule;
  if (rule < 0) return;
  const s = importSupport(q.dev!.physical, q.t, q.dedicatedTarget);
  if (s == SUPPORT_NO) { problem(rule, reasons.P_SUPPORT); arg(O_HANDLE_TYPES, q.t); }
  else if (s == SUPPORT_UNKNOWN) { problem(rule, reasons.P_SUPPORT_UNKNOWN, SEV_UNDECIDABLE); arg(O_HANDLE_TYPES, q.t); }
}

/** 00659 / 00668: the payload must come from the importing device's physical device (or its adapter). */
function sameDevice(q: Query, rule: i32, p: Payload): void {
  const pd = q.dev!.physical;
  const src = p.physical;
  if (src == null) {
    if (p.origin != ORIGIN_UNKNOWN && p.origin != ORIGIN_HOST && p.adapterLUID != 0 && pd.luidValid && pd.deviceLUID != 0 && p.adapterLUID != pd.deviceLUID) {
      problem(rule, reasons.P_LUID); arg(O_STRING, p.adapterLUID); arg(O_STRING, pd.deviceLUID);
    }
    return;
  }
  if (src.id == pd.id) return;
  if (src.identityKnown() && pd.identityKnown()) {
    if (src.deviceUUID != pd.deviceUUID) { problem(rule, reasons.P_SAME_DEVICE); arg(O_STRING, src.deviceUUID); arg(O_STRING, pd.deviceUUID); }
  } else problem(rule, reasons.P_IDENTITY_UNKNOWN, SEV_UNDECIDABLE);
}

/** 01518 / 01519 / 01520 / 01746: types that need both UUIDs to match. */
function compat(q: Query, rule: i32, p: Payload): void {
  const row = handleTypes.khr(q.t);
  const pd = q.dev!.physical;
  if (row == null || row.uuid == handleTypes.UUID_NONE) return;
  const src = p.physical;
  if (src == null || src.id == pd.id) return;
  if (!src.identityKnown() || !pd.identityKnown()) { problem(rule, reasons.P_IDENTITY_UNKNOWN, SEV_UNDECIDABLE); return; }
  if (src.deviceUUID != pd.deviceUUID || src.driverUUID != pd.driverUUID) {
    problem(rule, reasons.P_UUID); arg(O_HANDLE_TYPES, q.t); arg(O_STRING, src.deviceUUID); arg(O_STRING, src.driverUUID); arg(O_STRING, pd.deviceUUID); arg(O_STRING, pd.driverUUID);
  }
}

/** 00643 / 00644: a Vulkan-made payload is imported with its device mask, on a device of the same group size. */
function groups(q: Query, p: Payload): void {
  const dev = q.dev!;
  const mask: i64 = dev.groupSize >= 64 ? -1 : (((<i64>1) << dev.groupSize) - 1);
  if (p.deviceMask != mask) q.deviceMask = p.deviceMask;
  if (dev.groupSize != p.groupSize) { problem(V.GROUP_DEVICES(), reasons.P_GROUP); arg(O_INT, p.groupSize); arg(O_INT, dev.groupSize); }
}
