// The import's source and the devices on both sides: the state of the handle, fd or name, whether the
// payload comes from the importing physical device (or one compatible with it), the device group it
// was allocated on, and the host pointer's alignment.
import {
  W32_HANDLE_00661, W32_NAME_01440, W32_NAME_TYPE_01439, NV_HANDLE_01328, FD_VALID_00670, W32_SAME_DEVICE_00659,
  FD_SAME_DEVICE_00668, W32_COMPAT_01518, W32_NAME_COMPAT_01519, FD_COMPAT_01520, FD_COMPAT_01746, HOST_ALIGN_01749,
  GROUP_MASK_00643, GROUP_DEVICES_00644,
} from '../allocate-import';
import { W32_CLOSED, W32_OTHER, W32_DEAD, NV_CLOSED, NV_OTHER, NV_DEAD, FD_CLOSED, FD_TAKEN } from '../lifecycle';
import * as registry from '../../generated/registry';
import { Payload, ORIGIN_UNKNOWN, ORIGIN_HOST } from '../../state/objects';
import { closedWorld } from '../../state/world';
import * as handleTypes from '../../catalogue/handle-types';
import {
  win32Source, nameSource, fdSource, ImportSource, SRC_FOUND, SRC_WRONG_TYPE, SRC_INVALID, SRC_UNSEEN, SRC_CLOSED,
  SRC_OTHER_PROCESS, SRC_PAYLOAD_DEAD, SRC_TAKEN,
} from '../import-source';
import * as reasons from '../reasons';
import { ImportRequest, FAM_WIN32, FAM_NV, FAM_FD, FAM_HOST } from './request';
import {
  Constraints, Verdict, SRC_NO_HANDLE, ID_OTHER_DEVICE, ID_OTHER_ADAPTER, ID_UNKNOWN, COMPAT_DIFFERENT, ALIGN_OFF,
  ALIGN_UNKNOWN, GROUP_DIFFERENT,
} from './constraints';

/** Looks the source up and judges its state, the devices and the device group. */
export function judgeSource(c: Constraints): void {
  const req = c.req;
  if (req.family == FAM_HOST) { hostPointer(req, c.hostPointer); return; }
  if (req.family == FAM_WIN32 && req.name != 0 && (req.t & handleTypes.BY_NAME_TYPES) == 0) c.nameType.fail(W32_NAME_TYPE_01439, 0);
  const src = lookUp(req);
  c.source = src;
  sourceState(req, src, c.sourceState);
  if (src.state != SRC_FOUND) return;
  const p = src.payload()!;
  const byName = req.byName();
  if (req.family == FAM_WIN32) {
    sameDevice(req, W32_SAME_DEVICE_00659, p, c.sameDevice);
    compat(req, byName ? W32_NAME_COMPAT_01519 : W32_COMPAT_01518, p, c);
  } else if (req.family == FAM_FD) {
    sameDevice(req, FD_SAME_DEVICE_00668, p, c.sameDevice);
    if (req.t == registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT) { compat(req, FD_COMPAT_01520, p, c); compat(req, FD_COMPAT_01746, p, c); }
  }
  if (req.family != FAM_NV && c.vulkanMade()) groups(req, p, c);
}

function lookUp(req: ImportRequest): ImportSource {
  if (req.family == FAM_FD) return fdSource(req.process, req.handle, req.t);
  if (req.byName()) return nameSource(req.name, req.t);
  return win32Source(req.process, <i32>req.handle, req.t);
}

/**
 * 00661 / 01440 / 01328 / 00670: the handle must be one of the type it is imported as. A value the
 * input shows to be closed, foreign, freed or taken breaks the same VUID under a rule of its own
 * (rules/lifecycle.ts) that says so; a value no call made cannot be decided unless the world is closed.
 */
function sourceState(req: ImportRequest, src: ImportSource, v: Verdict): void {
  const s = src.state;
  if (req.byName()) {
    // With a handle as well (01441), which of the two the import uses is not defined: nothing to judge.
    if (req.handle != 0) return;
    if (s == SRC_WRONG_TYPE || (s == SRC_UNSEEN && closedWorld)) v.fail(W32_NAME_01440, s);
    else if (s == SRC_UNSEEN) v.unknown(W32_NAME_01440, s, reasons.R_NAME_UNSEEN);
    return;
  }
  const fd = req.family == FAM_FD;
  const rule = fd ? FD_VALID_00670 : (req.family == FAM_NV ? NV_HANDLE_01328 : W32_HANDLE_00661);
  if (!fd && req.handle == 0) { v.fail(rule, SRC_NO_HANDLE); return; }
  if (s == SRC_WRONG_TYPE || s == SRC_INVALID || (s == SRC_UNSEEN && closedWorld)) { v.fail(rule, s); return; }
  if (s == SRC_UNSEEN) { v.unknown(rule, s, fd ? reasons.R_FD_UNSEEN : reasons.R_HANDLE_UNSEEN); return; }
  const gone = goneRule(req.family, s);
  if (gone >= 0) v.fail(gone, s, src.since);
}

/** The lifecycle rule for a handle the input shows to be closed, foreign, freed or taken (-1: none applies). */
function goneRule(family: i32, state: i32): i32 {
  if (family == FAM_FD) return state == SRC_TAKEN ? FD_TAKEN : (state == SRC_CLOSED ? FD_CLOSED : -1);
  const nv = family == FAM_NV;
  if (state == SRC_CLOSED) return nv ? NV_CLOSED : W32_CLOSED;
  if (state == SRC_OTHER_PROCESS) return nv ? NV_OTHER : W32_OTHER;
  if (state == SRC_PAYLOAD_DEAD) return nv ? NV_DEAD : W32_DEAD;
  return -1;
}

/** 00659 / 00668: the payload must come from the importing device's physical device (or its adapter). */
function sameDevice(req: ImportRequest, rule: i32, p: Payload, v: Verdict): void {
  const dev = req.dev;
  if (dev == null) return;
  const pd = dev.physical;
  const src = p.physical;
  if (src == null) {
    if (p.origin != ORIGIN_UNKNOWN && p.origin != ORIGIN_HOST && p.adapterLUID != 0 && pd.luidValid && pd.deviceLUID != 0 && p.adapterLUID != pd.deviceLUID) {
      v.fail(rule, ID_OTHER_ADAPTER, p.adapterLUID, pd.deviceLUID);
    }
    return;
  }
  if (src.id == pd.id) return;
  if (src.identityKnown() && pd.identityKnown()) {
    if (src.deviceUUID != pd.deviceUUID) v.fail(rule, ID_OTHER_DEVICE, src.deviceUUID, pd.deviceUUID);
  } else v.unknown(rule, ID_UNKNOWN, reasons.R_IDENTITY_UNKNOWN);
}

/** 01518 / 01519 / 01520 / 01746: types that need both UUIDs to match. */
function compat(req: ImportRequest, rule: i32, p: Payload, c: Constraints): void {
  const dev = req.dev;
  const row = handleTypes.khr(req.t);
  if (dev == null || row == null || row.uuid == handleTypes.UUID_NONE) return;
  const pd = dev.physical;
  const src = p.physical;
  if (src == null || src.id == pd.id) return;
  const v = new Verdict();
  if (!src.identityKnown() || !pd.identityKnown()) v.unknown(rule, ID_UNKNOWN, reasons.R_IDENTITY_UNKNOWN);
  else if (src.deviceUUID != pd.deviceUUID || src.driverUUID != pd.driverUUID) v.fail(rule, COMPAT_DIFFERENT);
  else return;
  c.compat.push(v);
}

/** 00643 / 00644: a Vulkan-made payload is imported with its device mask, on a device of the same group size. */
function groups(req: ImportRequest, p: Payload, c: Constraints): void {
  const dev = req.dev;
  if (dev == null) return;
  // The mask is a constraint on the chain, whatever it is: a and b say whether the default one meets it.
  c.deviceMask.rule = GROUP_MASK_00643; c.deviceMask.a = p.deviceMask; c.deviceMask.b = defaultDeviceMask(dev.groupSize);
  if (dev.groupSize != p.groupSize) c.deviceCount.fail(GROUP_DEVICES_00644, GROUP_DIFFERENT, p.groupSize, dev.groupSize);
}

/** The mask an allocation uses without VkMemoryAllocateFlagsInfo's DEVICE_MASK: every device of the group. */
export function defaultDeviceMask(groupSize: i32): i64 { return groupSize >= 64 ? -1 : (((<i64>1) << groupSize) - 1); }

/** 01749: the host pointer must be a multiple of minImportedHostPointerAlignment. */
function hostPointer(req: ImportRequest, v: Verdict): void {
  const dev = req.dev;
  if (dev == null) return;
  const align = dev.physical.minImportedHostPointerAlignment;
  if (align > 0 && req.handle != -1 && req.handle % align != 0) v.fail(HOST_ALIGN_01749, ALIGN_OFF, req.handle, align);
  else if (align <= 0) v.unknown(HOST_ALIGN_01749, ALIGN_UNKNOWN, reasons.R_HOST_PROPS_UNKNOWN);
}
