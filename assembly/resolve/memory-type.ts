// memoryTypeIndex: the candidates are the intersection of every mask of the import's constraints
// (rules/import/memory-types.ts). Each mask is a part with its rule; an unknown mask leaves the answer
// partial, and one whose rule the validator cannot decide without it is a "cannot decide" problem.
import {
  O_BITS, O_INT, O_OBJECT, O_OSHANDLE, O_FD, O_HEX, T_TYPE, T_TYPE_PART, TYPES_COMPLETE, TYPES_PARTIAL, F_UNKNOWN,
  F_IMAGE, F_BUFFER, SEV_ERROR, SEV_UNDECIDABLE,
} from '../generated/contract';
import {
  TypeMask, M_DEVICE, M_RESOURCE, M_EXPORTER, M_EXPORTER_NV, M_EXPORTER_PAYLOAD, M_WIN32, M_WIN32_SAME_PAYLOAD, M_FD,
  M_HOST, M_ADVISORY,
} from '../rules/import/constraints';
import { entry, arg } from './output';
import { Query } from './query';
import { problem } from './source';
import * as reasons from './reasons';

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

export function decideMemoryType(q: Query): i64 {
  const m = new Mask();
  const masks = q.c().types;
  for (let i = 0; i < masks.length; i++) part(q, m, masks[i]);
  const mask = m.value & ALL_TYPES;
  entry(T_TYPE, m.partial ? TYPES_PARTIAL : TYPES_COMPLETE, mask, m.deciding, m.partial ? reasons.TYPES_DECISION_PARTIAL : reasons.TYPES_DECISION);
  arg(O_BITS, mask);
  if (mask == 0) { problem(-1, reasons.P_NO_TYPE, SEV_ERROR); arg(O_BITS, mask); }
  return mask;
}

/** One mask as a part, in the words its basis calls for. */
function part(q: Query, m: Mask, t: TypeMask): void {
  const b = t.basis;
  if (!t.known) {
    if (b == M_DEVICE) m.unknown(t.kind, t.rule, reasons.TYPES_DEVICE_UNKNOWN);
    else if (b == M_RESOURCE) { const r = q.req.resource!; m.unknown(t.kind, t.rule, reasons.TYPES_RESOURCE_UNKNOWN, r.isImage ? F_IMAGE : F_BUFFER); arg(O_OBJECT, r.id); }
    else if (b == M_EXPORTER || b == M_EXPORTER_NV) m.unknown(t.kind, t.rule, reasons.SIZE_UNKNOWN);
    else { m.unknown(t.kind, t.rule, reasons.TYPES_PROPERTIES_UNKNOWN); q.handleArg(); }
    // Without the answer the validator cannot decide the mask's rule either.
    if (t.undecidedReason >= 0) { problem(t.rule, reasons.TYPES_PROPERTIES_UNKNOWN, SEV_UNDECIDABLE); q.handleArg(); }
    return;
  }
  if (b == M_DEVICE) { m.known(t.kind, t.bits, t.rule, reasons.TYPES_DEVICE); arg(O_INT, t.a); }
  else if (b == M_RESOURCE) { const r = q.req.resource!; m.known(t.kind, t.bits, t.rule, r.isImage ? reasons.TYPES_IMAGE : reasons.TYPES_BUFFER, r.isImage ? F_IMAGE : F_BUFFER); arg(O_OBJECT, r.id); arg(O_BITS, t.bits); }
  else if (b == M_EXPORTER || b == M_EXPORTER_NV) { m.known(t.kind, t.bits, t.rule, b == M_EXPORTER_NV ? reasons.TYPES_EXPORTER_NV : reasons.TYPES_EXPORTER); q.typeArg(); arg(O_INT, t.a); }
  else if (b == M_EXPORTER_PAYLOAD) { m.known(t.kind, t.bits, t.rule, reasons.TYPES_EXPORTER_OTHER); q.typeArg(); arg(O_INT, t.a); }
  else if (b == M_WIN32) { m.known(t.kind, t.bits, t.rule, reasons.TYPES_WIN32); arg(O_BITS, t.bits); q.typeArg(); arg(O_OSHANDLE, q.req.handle); }
  else if (b == M_WIN32_SAME_PAYLOAD) { m.known(t.kind, t.bits, t.rule, reasons.TYPES_WIN32_OTHER_HANDLE); arg(O_BITS, t.bits); arg(O_OSHANDLE, t.a); }
  else if (b == M_FD) { m.known(t.kind, t.bits, t.rule, reasons.TYPES_FD); arg(O_BITS, t.bits); arg(O_FD, q.req.handle); }
  else if (b == M_HOST) { m.known(t.kind, t.bits, t.rule, reasons.TYPES_HOST); arg(O_BITS, t.bits); arg(O_HEX, q.req.handle); }
  else if (b == M_ADVISORY) { m.known(t.kind, t.bits, t.rule, reasons.TYPES_PROPERTIES_ADVISORY); arg(O_BITS, t.bits); arg(O_OSHANDLE, q.req.handle); }
}
