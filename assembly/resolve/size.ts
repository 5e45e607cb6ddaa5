// allocationSize: every rule that constrains it becomes a part (exact, at least, a multiple of, ignored,
// the application's choice, unknown); the decision is the strongest part, and parts that cannot all
// hold are a problem. Mirrors the size checks of rules/allocate-import.ts and rules/allocate.ts.
import * as registry from '../generated/registry';
import {
  O_SIZE, O_OBJECT, T_SIZE, T_SIZE_PART, SIZE_EXACT,
  SIZE_RESOURCE_REQUIREMENT, SIZE_ALIGNED, SIZE_IGNORED, SIZE_UNKNOWN, SIZE_ANY, SEV_UNDECIDABLE, DED_REQUIRED,
  F_IMAGE, F_BUFFER,
} from '../generated/contract';
import { ORIGIN_D3D12_HEAP } from '../state/objects';
import * as handleTypes from '../catalogue/handle-types';
import { entry, arg, lastEntry, copyArgs } from './output';
import { Query, FAM_WIN32, FAM_NV, FAM_FD, FAM_HOST } from './query';
import { problem, typeArg } from './source';
import * as reasons from './reasons';
import * as V from './rules';

/** The strongest part of each kind seen so far (its value, rule, reason and entry index). */
class Parts {
  exact: i64 = -1; exactRule: i32 = -1; exactReason: i32 = -1; exactAt: i32 = -1;
  /** A second exact size that differs from the first (no allocationSize can be both). */
  other: i64 = -1; otherRule: i32 = -1;
  atLeast: i64 = -1; atLeastRule: i32 = -1; atLeastReason: i32 = -1; atLeastAt: i32 = -1; atLeastOf: i32 = 0;
  aligned: i64 = -1; alignedAt: i32 = -1;
  unknownRule: i32 = -1; unknownReason: i32 = -1; unknownAt: i32 = -1;
  ignored: i64 = -1; ignoredAt: i32 = -1;
  any: i64 = -1; anyAt: i32 = -1;

  add(mode: i32, value: i64, rule: i32, reason: i32, flags: i64 = 0): void {
    entry(T_SIZE_PART, mode, value, rule, reason, flags);
    const at = lastEntry();
    if (mode == SIZE_EXACT) {
      if (this.exact < 0) { this.exact = value; this.exactRule = rule; this.exactReason = reason; this.exactAt = at; }
      else if (value != this.exact && this.other < 0) { this.other = value; this.otherRule = rule >= 0 ? rule : this.exactRule; }
    } else if (mode == SIZE_RESOURCE_REQUIREMENT) {
      if (value > this.atLeast) { this.atLeast = value; this.atLeastRule = rule; this.atLeastReason = reason; this.atLeastAt = at; }
    } else if (mode == SIZE_ALIGNED) { this.aligned = value; this.alignedAt = at; }
    else if (mode == SIZE_UNKNOWN) { if (this.unknownAt < 0) { this.unknownRule = rule; this.unknownReason = reason; this.unknownAt = at; } }
    else if (mode == SIZE_IGNORED) { this.ignored = value; this.ignoredAt = at; }
    else if (mode == SIZE_ANY) { this.any = value; this.anyAt = at; }
  }
}

export function decideSize(q: Query): i64 {
  const s = new Parts();
  const p = q.payload();
  const row = q.family == FAM_NV ? handleTypes.nvType(q.nvBit) : handleTypes.khr(q.t);
  const vulkanMade = q.vulkanMade();

  // What the handle type says (catalogue row), made concrete by the payload.
  if (q.family == FAM_HOST) {
    const align = q.dev!.physical.minImportedHostPointerAlignment;
    if (align > 0) { s.add(SIZE_ALIGNED, align, V.SIZE_HOST(), reasons.SIZE_HOST); arg(O_SIZE, align); }
    else s.add(SIZE_UNKNOWN, 0, V.SIZE_HOST(), reasons.SIZE_HOST_UNKNOWN);
  } else if (row != null && row.size == handleTypes.SIZE_MATCH_EXPORT) {
    if (p != null && vulkanMade && p.size >= 0) {
      if (q.family == FAM_NV) { s.add(SIZE_EXACT, p.size, -1, reasons.SIZE_OPAQUE_NV); typeArg(q); arg(O_SIZE, p.size); }
      else { s.add(SIZE_EXACT, p.size, q.family == FAM_FD ? V.SIZE_FD() : V.SIZE_W32(), reasons.SIZE_OPAQUE); typeArg(q); arg(O_SIZE, p.size); }
    } else s.add(SIZE_UNKNOWN, 0, -1, reasons.SIZE_UNKNOWN);
  } else if (q.t == registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT && q.family == FAM_WIN32) {
    if (p != null && p.origin == ORIGIN_D3D12_HEAP && p.size >= 0) { s.add(SIZE_EXACT, p.size, V.SIZE_HEAP(), reasons.SIZE_HEAP); arg(O_SIZE, p.size); }
    else if (p != null && vulkanMade && p.size >= 0) { s.add(SIZE_EXACT, p.size, -1, reasons.SIZE_EXPORTED_PAYLOAD); typeArg(q); arg(O_SIZE, p.size); }
    else s.add(SIZE_UNKNOWN, 0, V.SIZE_HEAP(), reasons.SIZE_UNKNOWN);
  } else if (row != null && row.size == handleTypes.SIZE_IGNORED) {
    s.add(SIZE_IGNORED, p != null ? p.size : -1, -1, reasons.SIZE_IGNORED); typeArg(q);
  } else if (row != null && row.size == handleTypes.SIZE_APP) {
    if (p != null && p.size >= 0) { s.add(SIZE_ANY, p.size, -1, reasons.SIZE_APP); typeArg(q); arg(O_SIZE, p.size); }
    else s.add(SIZE_UNKNOWN, 0, -1, reasons.SIZE_UNKNOWN);
  }

  // What the dedicated allocation says (02964 / 02965 at least; 00652 / 00653 exactly). These apply
  // even to handle types whose size the implementation ignores (D3D11 textures, D3D12 resources): the
  // spec names only Android and QNX buffers as exceptions, so the validator checks them, and so does this.
  const target = q.dedicatedTarget;
  if (target == null && q.dedicated == DED_REQUIRED) s.add(SIZE_UNKNOWN, 0, V.DED_IMG_SIZE(), reasons.SIZE_DEDICATED_TARGET_UNKNOWN);
  if (target != null && (q.dedicated == DED_REQUIRED || q.dedicatedPreferred)) {
    const flags = target.isImage ? F_IMAGE : F_BUFFER;
    if (target.reqSize >= 0) { s.add(SIZE_RESOURCE_REQUIREMENT, target.reqSize, target.isImage ? V.DED_IMG_SIZE() : V.DED_BUF_SIZE(), reasons.SIZE_DEDICATED, flags); arg(O_OBJECT, target.id); arg(O_SIZE, target.reqSize); s.atLeastOf = target.id; }
    else { s.add(SIZE_UNKNOWN, 0, -1, reasons.SIZE_REQUIREMENTS_UNKNOWN, flags); arg(O_OBJECT, target.id); }
  }
  const nv = q.nvTarget;
  if (nv != null && q.nvDedicated == DED_REQUIRED) {
    const flags = nv.isImage ? F_IMAGE : F_BUFFER;
    const rule = nv.isImage ? V.NV_IMG_SIZE() : V.NV_BUF_SIZE();
    if (nv.reqSize >= 0) { s.add(SIZE_EXACT, nv.reqSize, rule, reasons.SIZE_NV_DEDICATED, flags); arg(O_OBJECT, nv.id); arg(O_SIZE, nv.reqSize); }
    else { s.add(SIZE_UNKNOWN, 0, rule, reasons.SIZE_REQUIREMENTS_UNKNOWN, flags); arg(O_OBJECT, nv.id); problem(rule, reasons.SIZE_REQUIREMENTS_UNKNOWN, SEV_UNDECIDABLE); arg(O_OBJECT, nv.id); }
  }

  // The decision: exact beats at-least (and must satisfy it), then alignment, unknown, ignored, free.
  if (s.exact >= 0) {
    if (s.other >= 0) { problem(s.otherRule, reasons.P_SIZE_CONFLICT); arg(O_SIZE, s.exact); arg(O_SIZE, s.other); }
    if (s.atLeast >= 0 && s.exact < s.atLeast) { problem(s.atLeastRule, reasons.P_SIZE_TOO_SMALL); arg(O_SIZE, s.exact); arg(O_SIZE, s.atLeast); arg(O_OBJECT, s.atLeastOf); }
    entry(T_SIZE, SIZE_EXACT, s.exact, s.exactRule, s.exactReason); copyArgs(s.exactAt);
    return s.exact;
  }
  if (s.atLeast >= 0) { entry(T_SIZE, SIZE_RESOURCE_REQUIREMENT, s.atLeast, s.atLeastRule, s.atLeastReason); copyArgs(s.atLeastAt); return s.atLeast; }
  if (s.aligned > 0) { entry(T_SIZE, SIZE_ALIGNED, s.aligned, V.SIZE_HOST(), reasons.SIZE_HOST); copyArgs(s.alignedAt); return s.aligned; }
  if (s.unknownAt >= 0) { entry(T_SIZE, SIZE_UNKNOWN, 0, s.unknownRule, s.unknownReason); copyArgs(s.unknownAt); return 0; }
  if (s.ignoredAt >= 0) {
    // Any value does; the payload's own size (when known) reads best in a trace.
    const v: i64 = s.ignored > 0 ? s.ignored : 0;
    entry(T_SIZE, SIZE_IGNORED, v, -1, reasons.SIZE_IGNORED); copyArgs(s.ignoredAt);
    return v;
  }
  if (s.anyAt >= 0) { entry(T_SIZE, SIZE_ANY, s.any, -1, reasons.SIZE_APP); copyArgs(s.anyAt); return s.any; }
  entry(T_SIZE, SIZE_ANY, 0, -1, reasons.SIZE_NO_RULE);
  return 0;
}
