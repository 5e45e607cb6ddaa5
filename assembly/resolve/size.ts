// allocationSize: every size constraint of the import (rules/import/size.ts) and of the dedicated
// target (rules/import/dedication.ts) becomes a part (exact, at least, a multiple of, ignored, the
// application's choice, unknown); the decision is the strongest part, and parts that cannot all hold
// are a problem.
import {
  O_SIZE, O_OBJECT, T_SIZE, T_SIZE_PART, SIZE_EXACT, SIZE_RESOURCE_REQUIREMENT, SIZE_ALIGNED, SIZE_IGNORED,
  SIZE_UNKNOWN, SIZE_ANY, SEV_UNDECIDABLE, DED_REQUIRED, F_IMAGE, F_BUFFER,
} from '../generated/contract';
import { DED_IMG_SIZE_02964 } from '../rules/allocate';
import { FAM_NV } from '../rules/import/request';
import {
  SizeConstraint, SZ_EXPORT, SZ_HEAP, SZ_EXPORTED_PAYLOAD, SZ_IGNORED, SZ_APP, SZ_PAYLOAD_UNKNOWN, SZ_HOST,
  SZ_HOST_UNKNOWN, SZ_DEDICATED, SZ_NV_DEDICATED, SZ_REQUIREMENTS_UNKNOWN,
} from '../rules/import/constraints';
import { nvDedicationTarget } from '../rules/import/dedication';
import { entry, arg, lastEntry, copyArgs } from './output';
import { Query } from './query';
import { problem } from './source';
import * as reasons from './reasons';

/** The strongest part of each kind seen so far (its value, rule, reason and entry index). */
class Parts {
  exact: i64 = -1; exactRule: i32 = -1; exactReason: i32 = -1; exactAt: i32 = -1;
  /** A second exact size that differs from the first (no allocationSize can be both). */
  other: i64 = -1; otherRule: i32 = -1;
  atLeast: i64 = -1; atLeastRule: i32 = -1; atLeastReason: i32 = -1; atLeastAt: i32 = -1; atLeastOf: i32 = 0;
  aligned: i64 = -1; alignedRule: i32 = -1; alignedAt: i32 = -1;
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
    } else if (mode == SIZE_ALIGNED) { this.aligned = value; this.alignedRule = rule; this.alignedAt = at; }
    else if (mode == SIZE_UNKNOWN) { if (this.unknownAt < 0) { this.unknownRule = rule; this.unknownReason = reason; this.unknownAt = at; } }
    else if (mode == SIZE_IGNORED) { this.ignored = value; this.ignoredAt = at; }
    else if (mode == SIZE_ANY) { this.any = value; this.anyAt = at; }
  }
}

/** The words of a size constraint, by its basis. */
function sizeReason(q: Query, b: i32): i32 {
  if (b == SZ_HOST) return reasons.SIZE_HOST;
  if (b == SZ_HOST_UNKNOWN) return reasons.SIZE_HOST_UNKNOWN;
  if (b == SZ_EXPORT) return q.req.family == FAM_NV ? reasons.SIZE_OPAQUE_NV : reasons.SIZE_OPAQUE;
  if (b == SZ_HEAP) return reasons.SIZE_HEAP;
  if (b == SZ_EXPORTED_PAYLOAD) return reasons.SIZE_EXPORTED_PAYLOAD;
  if (b == SZ_IGNORED) return reasons.SIZE_IGNORED;
  if (b == SZ_APP) return reasons.SIZE_APP;
  if (b == SZ_DEDICATED) return reasons.SIZE_DEDICATED;
  if (b == SZ_NV_DEDICATED) return reasons.SIZE_NV_DEDICATED;
  if (b == SZ_PAYLOAD_UNKNOWN) return reasons.SIZE_UNKNOWN;
  return reasons.SIZE_REQUIREMENTS_UNKNOWN;
}

/** One size constraint as a part: its mode, value and rule, and the operands its words name. */
function part(q: Query, s: Parts, c: SizeConstraint): void {
  const b = c.basis;
  const r = c.target;
  s.add(c.mode, c.value, c.rule, sizeReason(q, b), r == null ? 0 : (r.isImage ? F_IMAGE : F_BUFFER));
  if (r != null) arg(O_OBJECT, r.id);
  else if (b == SZ_EXPORT || b == SZ_EXPORTED_PAYLOAD || b == SZ_IGNORED || b == SZ_APP) q.typeArg();
  if (b != SZ_HOST_UNKNOWN && b != SZ_PAYLOAD_UNKNOWN && b != SZ_IGNORED && b != SZ_REQUIREMENTS_UNKNOWN) arg(O_SIZE, c.value);
  if (b == SZ_DEDICATED) s.atLeastOf = r!.id;
  // Without the requirements the validator cannot decide the NV size rule either.
  if (c.undecidedReason >= 0 && r != null) { problem(c.rule, reasons.SIZE_REQUIREMENTS_UNKNOWN, SEV_UNDECIDABLE); arg(O_OBJECT, r.id); }
}

export function decideSize(q: Query): i64 {
  const s = new Parts();
  const sizes = q.c().sizes;
  for (let i = 0; i < sizes.length; i++) part(q, s, sizes[i]);

  // What the dedicated allocation says (02964 / 02965 at least; 00652 / 00653 exactly). These apply
  // even to handle types whose size the implementation ignores (D3D11 textures, D3D12 resources): the
  // spec names only Android and QNX buffers as exceptions, so the validator checks them, and so does this.
  const keep = q.dedicatedKeep;
  if (q.dedicatedTarget == null && q.dedicated == DED_REQUIRED) s.add(SIZE_UNKNOWN, 0, DED_IMG_SIZE_02964, reasons.SIZE_DEDICATED_TARGET_UNKNOWN);
  if (keep != null && (q.dedicated == DED_REQUIRED || q.dedicatedPreferred)) part(q, s, keep.size);
  const nv = q.nvTarget;
  if (nv != null && q.nvDedicated == DED_REQUIRED) part(q, s, nvDedicationTarget(nv).size);

  // The decision: exact beats at-least (and must satisfy it), then alignment, unknown, ignored, free.
  if (s.exact >= 0) {
    if (s.other >= 0) { problem(s.otherRule, reasons.P_SIZE_CONFLICT); arg(O_SIZE, s.exact); arg(O_SIZE, s.other); }
    if (s.atLeast >= 0 && s.exact < s.atLeast) { problem(s.atLeastRule, reasons.P_SIZE_TOO_SMALL); arg(O_SIZE, s.exact); arg(O_SIZE, s.atLeast); arg(O_OBJECT, s.atLeastOf); }
    entry(T_SIZE, SIZE_EXACT, s.exact, s.exactRule, s.exactReason); copyArgs(s.exactAt);
    return s.exact;
  }
  if (s.atLeast >= 0) { entry(T_SIZE, SIZE_RESOURCE_REQUIREMENT, s.atLeast, s.atLeastRule, s.atLeastReason); copyArgs(s.atLeastAt); return s.atLeast; }
  if (s.aligned > 0) { entry(T_SIZE, SIZE_ALIGNED, s.aligned, s.alignedRule, reasons.SIZE_HOST); copyArgs(s.alignedAt); return s.aligned; }
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
