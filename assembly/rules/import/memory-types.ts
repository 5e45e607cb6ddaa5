// memoryTypeIndex: every mask that constrains it — the device's memory types, the resource's
// memoryTypeBits, and what the handle allows (the exporter's type for opaque payloads Vulkan made, the
// handle-properties answer for handles made outside Vulkan and for host pointers).
import { TYPES_DEVICE, TYPES_RESOURCE, TYPES_EXPORTER, TYPES_HANDLE, TYPES_HOST } from '../../generated/contract';
import { TYPE_W32_00645, TYPE_FD_00648 } from '../allocate-import';
import { HOST_TYPE_01744 } from '../allocate';
import { handlePropertyAnswers, propertyKey, processHandles, kmtHandles } from '../../state/world';
import { Device, Payload } from '../../state/objects';
import * as handleTypes from '../../catalogue/handle-types';
import * as reasons from '../reasons';
import { ImportRequest, FAM_WIN32, FAM_NV, FAM_FD, FAM_HOST } from './request';
import {
  Constraints, TypeMask, M_DEVICE, M_RESOURCE, M_EXPORTER, M_EXPORTER_NV, M_EXPORTER_PAYLOAD, M_WIN32,
  M_WIN32_SAME_PAYLOAD, M_FD, M_HOST, M_ADVISORY,
} from './constraints';
import { exportMatchRule } from './size';

// Keys of the handle-properties answers (rules/properties.ts).
const PROPS_WIN32: i32 = 1;
const PROPS_FD: i32 = 2;
const PROPS_HOST: i32 = 3;
const ALL_TYPES: i64 = 0xffffffff;

function bit(index: i64): i64 { return index >= 0 && index < 32 ? (<i64>1) << index : 0; }

export function importTypeMasks(c: Constraints): void {
  const req = c.req;
  const dev = req.dev;
  if (dev != null) {
    const pd = dev.physical;
    const count = pd.memoryTypeCount > 32 ? 32 : pd.memoryTypeCount;
    const m = new TypeMask(TYPES_DEVICE, M_DEVICE, count >= 0, count >= 32 ? ALL_TYPES : (count >= 0 ? ((<i64>1) << count) - 1 : 0), -1);
    m.a = count;
    c.types.push(m);
    const r = req.resource;
    if (r != null) c.types.push(new TypeMask(TYPES_RESOURCE, M_RESOURCE, r.reqSize >= 0, r.reqBits, -1));
  }
  handleMask(c);
}

/** What the handle allows, by where its payload came from. */
function handleMask(c: Constraints): void {
  const req = c.req;
  const dev = req.dev;
  if (req.family == FAM_HOST) {
    if (dev != null) answer(c, TYPES_HOST, M_HOST, HOST_TYPE_01744, propertyKey(PROPS_HOST, dev.id, req.handle));
    return;
  }
  const p = c.payload();
  if (p == null) return; // the source verdict already says the handle is not usable or not known
  const row = req.family == FAM_NV ? handleTypes.nvType(req.nvBit) : handleTypes.khr(req.t);
  if (c.vulkanMade()) {
    if (row != null && row.opaque) {
      // 01742 / 01743: the exporter's memoryTypeIndex, on this device the same index.
      const m = new TypeMask(TYPES_EXPORTER, req.family == FAM_NV ? M_EXPORTER_NV : M_EXPORTER, p.memoryTypeIndex >= 0, bit(p.memoryTypeIndex), exportMatchRule(req.family, req.t));
      m.a = p.memoryTypeIndex;
      c.types.push(m);
    } else if (p.memoryTypeIndex >= 0) {
      // Non-opaque types exported by Vulkan: no VUID names the type, but the payload lives in it.
      const m = new TypeMask(TYPES_EXPORTER, M_EXPORTER_PAYLOAD, true, bit(p.memoryTypeIndex), -1);
      m.a = p.memoryTypeIndex;
      c.types.push(m);
    }
    return;
  }
  if (dev == null) return;
  if (req.family == FAM_WIN32) {
    // 00645: handles made outside Vulkan use a type vkGetMemoryWin32HandlePropertiesKHR reported.
    if (!req.byName()) answer(c, TYPES_HANDLE, M_WIN32, TYPE_W32_00645, propertyKey(PROPS_WIN32, dev.id, req.handle));
    else sameSourceAnswer(c, dev, p);
  } else if (req.family == FAM_FD) {
    // 00648: fds made outside Vulkan use a type vkGetMemoryFdPropertiesKHR reported.
    answer(c, TYPES_HANDLE, M_FD, TYPE_FD_00648, propertyKey(PROPS_FD, dev.id, req.handle));
  } else if (req.family == FAM_NV) {
    // The NV extension has no properties query of its own; a KHR answer for the same handle still tells.
    answer(c, TYPES_HANDLE, M_ADVISORY, -1, propertyKey(PROPS_WIN32, dev.id, req.handle));
  }
}

/** The handle-properties answer for `key`; unknown when none was seen (the validator cannot decide its rule then). */
function answer(c: Constraints, kind: i32, basis: i32, rule: i32, key: i64): void {
  const known = handlePropertyAnswers.has(key);
  const m = new TypeMask(kind, basis, known, known ? handlePropertyAnswers.get(key) : 0, rule);
  if (!known && rule >= 0) m.undecidedReason = reasons.R_HANDLE_PROPS_UNKNOWN;
  c.types.push(m);
}

/**
 * An import by name has no handle value to query; an answer for any handle to the same payload tells
 * the same memory types. No VUID states this case, so the mask carries no rule.
 */
function sameSourceAnswer(c: Constraints, dev: Device, p: Payload): void {
  const keys = processHandles.keys();
  for (let i = 0; i < keys.length; i++) {
    if (processHandles.get(keys[i]).payload !== p) continue;
    if (sameSource(c, propertyKey(PROPS_WIN32, dev.id, keys[i] & 0xffffffff), keys[i] & 0xffffffff)) return;
  }
  const kmts = kmtHandles.keys();
  for (let i = 0; i < kmts.length; i++) {
    if (kmtHandles.get(kmts[i]).payload !== p) continue;
    if (sameSource(c, propertyKey(PROPS_WIN32, dev.id, kmts[i]), kmts[i])) return;
  }
  c.types.push(new TypeMask(TYPES_HANDLE, M_WIN32_SAME_PAYLOAD, false, 0, -1));
}

function sameSource(c: Constraints, key: i64, handle: i64): bool {
  if (!handlePropertyAnswers.has(key)) return false;
  const m = new TypeMask(TYPES_HANDLE, M_WIN32_SAME_PAYLOAD, true, handlePropertyAnswers.get(key), -1);
  m.a = handle;
  c.types.push(m);
  return true;
}
