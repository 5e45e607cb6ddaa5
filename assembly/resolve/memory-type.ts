// memoryTypeIndex: the candidates are the intersection of every mask that constrains the index — the
// device's memory types, the resource's memoryTypeBits, and what the handle allows (the exporter's
// type for opaque handles, the handle-properties answer for handles made outside Vulkan and for host
// pointers). Each mask is a part with its rule; an unknown mask leaves the answer partial.
import {
  O_BITS, O_INT, O_OBJECT, O_OSHANDLE, O_FD, O_HEX, T_TYPE, T_TYPE_PART, TYPES_DEVICE, TYPES_RESOURCE,
  TYPES_EXPORTER, TYPES_HANDLE, TYPES_HOST, TYPES_COMPLETE, TYPES_PARTIAL, F_UNKNOWN, F_IMAGE, F_BUFFER, SEV_ERROR,
  SEV_UNDECIDABLE,
} from '../generated/contract';
import { handlePropertyAnswers, propertyKey, processHandles, kmtHandles } from '../state/world';
import { Payload } from '../state/objects';
import * as handleTypes from '../catalogue/handle-types';
import { entry, arg } from './output';
import { Query, FAM_WIN32, FAM_NV, FAM_FD, FAM_HOST } from './query';
import { problem, typeArg, handleArg } from './source';
import * as reasons from './reasons';
import * as V from './rules';

// Keys of the handle-properties answers (rules/properties.ts).
const PROPS_WIN32: i32 = 1;
const PROPS_FD: i32 = 2;
const PROPS_HOST: i32 = 3;
const ALL_TYPES: i64 = 0xffffffff;

class Mask {
  value: i64 = ALL_TYPES;
  partial: bool = false;
  deciding: i32 = -1; // the rule of the most specific known part
  known(kind: i32, bits: i64, rule: i32, reason: i32, flags: i64 = 0): void {
    entry(T_TYPE_PART, kind, bits, rule, reason, flags);
    this.value &= bits;
    if (rule >= 0) this.deciding = rule;
  }
  unknown(kind: i32, rule: i32, reason: i32, flags: i64 = 0): void {
    entry(T_TYPE_PART, kind, -1, rule, reason, flags | F_UNKNOWN);
    this.partial = true;
  }
}

function bit(index: i64): i64 { return index >= 0 && index < 32 ? (<i64>1) << index : 0; }

export function decideMemoryType(q: Query): i64 {
  const m = new Mask();
  const dev = q.dev!;
  const pd = dev.physical;

  if (pd.memoryTypeCount >= 0) {
    const count = pd.memoryTypeCount > 32 ? 32 : pd.memoryTypeCount;
    m.known(TYPES_DEVICE, count >= 32 ? ALL_TYPES : (((<i64>1) << count) - 1), -1, reasons.TYPES_DEVICE); arg(O_INT, count);
  } else m.unknown(TYPES_DEVICE, -1, reasons.TYPES_DEVICE_UNKNOWN);

  const r = q.res;
  if (r != null) {
    const flags = r.isImage ? F_IMAGE : F_BUFFER;
    if (r.reqSize >= 0) { m.known(TYPES_RESOURCE, r.reqBits, -1, r.isImage ? reasons.TYPES_IMAGE : reasons.TYPES_BUFFER, flags); arg(O_OBJECT, r.id); arg(O_BITS, r.reqBits); }
    else { m.unknown(TYPES_RESOURCE, -1, reasons.TYPES_RESOURCE_UNKNOWN, flags); arg(O_OBJECT, r.id); }
  }

  handleTypeMasks(q, m);

  const mask = m.value & ALL_TYPES;
  entry(T_TYPE, m.partial ? TYPES_PARTIAL : TYPES_COMPLETE, mask, m.deciding, m.partial ? reasons.TYPES_DECISION_PARTIAL : reasons.TYPES_DECISION);
  arg(O_BITS, mask);
  if (mask == 0) { problem(-1, reasons.P_NO_TYPE, SEV_ERROR); arg(O_BITS, mask); }
  return mask;
}

/** What the handle allows, by where its payload came from. */
function handleTypeMasks(q: Query, m: Mask): void {
  const dev = q.dev!;
  if (q.family == FAM_HOST) {
    const key = propertyKey(PROPS_HOST, dev.id, q.handle);
    if (handlePropertyAnswers.has(key)) { const b = handlePropertyAnswers.get(key); m.known(TYPES_HOST, b, V.TYPE_HOST(), reasons.TYPES_HOST); arg(O_BITS, b); arg(O_HEX, q.handle); }
    else { m.unknown(TYPES_HOST, V.TYPE_HOST(), reasons.TYPES_PROPERTIES_UNKNOWN); handleArg(q); propsUnknown(q, V.TYPE_HOST()); }
    return;
  }
  const p = q.payload();
  if (p == null) return; // the problems already say the handle is not usable or not known
  const row = q.family == FAM_NV ? handleTypes.nvType(q.nvBit) : handleTypes.khr(q.t);
  const opaque = row != null && row.opaque;
  if (q.vulkanMade()) {
    if (opaque) {
      // 01742 / 01743: the exporter's memoryTypeIndex, on this device the same index.
      const rule = q.family == FAM_NV ? -1 : (q.family == FAM_FD ? V.SIZE_FD() : V.SIZE_W32());
      if (p.memoryTypeIndex >= 0) { m.known(TYPES_EXPORTER, bit(p.memoryTypeIndex), rule, q.family == FAM_NV ? reasons.TYPES_EXPORTER_NV : reasons.TYPES_EXPORTER); typeArg(q); arg(O_INT, p.memoryTypeIndex); }
      else { m.unknown(TYPES_EXPORTER, rule, reasons.SIZE_UNKNOWN); }
    } else if (p.memoryTypeIndex >= 0) {
      // Non-opaque types exported by Vulkan: no VUID names the type, but the payload lives in it.
      m.known(TYPES_EXPORTER, bit(p.memoryTypeIndex), -1, reasons.TYPES_EXPORTER_OTHER); typeArg(q); arg(O_INT, p.memoryTypeIndex);
    }
    return;
  }
  if (q.family == FAM_WIN32) {
    if (!q.byName) {
      // 00645: handles made outside Vulkan use a type vkGetMemoryWin32HandlePropertiesKHR reported.
      const key = propertyKey(PROPS_WIN32, dev.id, q.handle);
      if (handlePropertyAnswers.has(key)) { const b = handlePropertyAnswers.get(key); m.known(TYPES_HANDLE, b, V.TYPE_W32(), reasons.TYPES_WIN32); arg(O_BITS, b); typeArg(q); arg(O_OSHANDLE, q.handle); }
      else { m.unknown(TYPES_HANDLE, V.TYPE_W32(), reasons.TYPES_PROPERTIES_UNKNOWN); handleArg(q); propsUnknown(q, V.TYPE_W32()); }
    } else sameSourceAnswer(q, m, p);
  } else if (q.family == FAM_FD) {
    // 00648: fds made outside Vulkan use a type vkGetMemoryFdPropertiesKHR reported.
    const key = propertyKey(PROPS_FD, dev.id, q.handle);
    if (handlePropertyAnswers.has(key)) { const b = handlePropertyAnswers.get(key); m.known(TYPES_HANDLE, b, V.TYPE_FD(), reasons.TYPES_FD); arg(O_BITS, b); arg(O_FD, q.handle); }
    else { m.unknown(TYPES_HANDLE, V.TYPE_FD(), reasons.TYPES_PROPERTIES_UNKNOWN); handleArg(q); propsUnknown(q, V.TYPE_FD()); }
  } else if (q.family == FAM_NV) {
    // The NV extension has no properties query of its own; a KHR answer for the same handle still tells.
    const key = propertyKey(PROPS_WIN32, dev.id, q.handle);
    if (handlePropertyAnswers.has(key)) { const b = handlePropertyAnswers.get(key); m.known(TYPES_HANDLE, b, -1, reasons.TYPES_PROPERTIES_ADVISORY); arg(O_BITS, b); arg(O_OSHANDLE, q.handle); }
    else { m.unknown(TYPES_HANDLE, -1, reasons.TYPES_PROPERTIES_UNKNOWN); handleArg(q); }
  }
}

function propsUnknown(q: Query, rule: i32): void { problem(rule, reasons.TYPES_PROPERTIES_UNKNOWN, SEV_UNDECIDABLE); handleArg(q); }

/**
 * An import by name has no handle value to query; an answer for any handle to the same payload tells
 * the same memory types. The validator cannot check this case, so no VUID is cited for it.
 */
function sameSourceAnswer(q: Query, m: Mask, p: Payload): void {
  const dev = q.dev!;
  const keys = processHandles.keys();
  for (let i = 0; i < keys.length; i++) {
    const h = processHandles.get(keys[i]);
    if (h.payload !== p) continue;
    const value = keys[i] & 0xffffffff;
    const key = propertyKey(PROPS_WIN32, dev.id, value);
    if (handlePropertyAnswers.has(key)) { const b = handlePropertyAnswers.get(key); m.known(TYPES_HANDLE, b, -1, reasons.TYPES_WIN32_OTHER_HANDLE); arg(O_BITS, b); arg(O_OSHANDLE, value); return; }
  }
  const kmts = kmtHandles.keys();
  for (let i = 0; i < kmts.length; i++) {
    if (kmtHandles.get(kmts[i]).payload !== p) continue;
    const key = propertyKey(PROPS_WIN32, dev.id, kmts[i]);
    if (handlePropertyAnswers.has(key)) { const b = handlePropertyAnswers.get(key); m.known(TYPES_HANDLE, b, -1, reasons.TYPES_WIN32_OTHER_HANDLE); arg(O_BITS, b); arg(O_OSHANDLE, kmts[i]); return; }
  }
  m.unknown(TYPES_HANDLE, -1, reasons.TYPES_PROPERTIES_UNKNOWN); handleArg(q);
}
