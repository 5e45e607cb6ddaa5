// Must the import be a dedicated allocation, may it be, or must it not be? Each dedication part of the
// import's constraints (rules/import/dedication.ts) is written as a part (required / optional / not
// allowed) with its rule; the decision is the strongest part, and a required part that meets a
// forbidding one is a problem: no chain satisfies both. KHR (VkMemoryDedicatedAllocateInfo) and NV
// (VkDedicatedAllocationMemoryAllocateInfoNV) are decided apart, because their rules are apart.
import {
  O_HANDLE_TYPES, O_OBJECT, O_FEATURES, O_IMAGE_CREATE_FLAGS, O_BUFFER_CREATE_FLAGS, T_DEDICATED, T_DEDICATED_PART,
  T_NV_DEDICATED, T_NV_DEDICATED_PART, T_NOTE, SEV_UNDECIDABLE, DED_REQUIRED, DED_OPTIONAL, DED_NOT_ALLOWED,
  DED_NOT_APPLICABLE, F_IMAGE, F_BUFFER,
} from '../generated/contract';
import { Resource } from '../state/objects';
import { resources } from '../state/world';
import {
  DedicationPart, D_HOST, D_EXPORTER, D_SPEC_ONLY, D_ANSWER, D_ANSWER_ANY, D_REQUIRES, D_PREFERS, D_NV_RESOURCE,
} from '../rules/import/constraints';
import { dedicationTarget, nvDedicationTarget } from '../rules/import/dedication';
import { entry, arg, lastEntry, copyArgs } from './output';
import { Query } from './query';
import { problem } from './source';
import * as reasons from './reasons';

/** Tally of the parts of one decision: the first required and first forbidding part, by rule. */
class Tally {
  required: bool = false;
  forbidden: bool = false;
  preferred: bool = false;
  requiredRule: i32 = -1;
  requiredReason: i32 = -1;
  requiredAt: i32 = -1;
  forbiddenRule: i32 = -1;
  forbiddenReason: i32 = -1;
  forbiddenAt: i32 = -1;
  need(topic: i32, rule: i32, reason: i32, target: i32): void {
    entry(topic, DED_REQUIRED, target, rule, reason);
    // The first part decides, unless a later one names a rule the validator checks and it does not.
    if (!this.required || (this.requiredRule < 0 && rule >= 0)) { this.required = true; this.requiredRule = rule; this.requiredReason = reason; this.requiredAt = lastEntry(); }
  }
  forbid(topic: i32, rule: i32, reason: i32, target: i32): void {
    entry(topic, DED_NOT_ALLOWED, target, rule, reason);
    if (!this.forbidden || (this.forbiddenRule < 0 && rule >= 0)) { this.forbidden = true; this.forbiddenRule = rule; this.forbiddenReason = reason; this.forbiddenAt = lastEntry(); }
  }
}

function kindFlag(r: Resource | null): i64 { return r == null ? 0 : (r.isImage ? F_IMAGE : F_BUFFER); }
function rid(r: Resource | null): i32 { return r == null ? 0 : r.id; }

/** VkMemoryDedicatedAllocateInfo. */
export function decideDedicated(q: Query): void {
  const r = q.req.resource;
  const t = new Tally();
  let target: Resource | null = r;
  const parts = q.c().dedication;
  for (let i = 0; i < parts.length; i++) {
    const d = parts[i];
    if (d.basis == D_HOST) t.forbid(T_DEDICATED_PART, d.rule, reasons.DED_HOST, 0);
    else if (d.basis == D_EXPORTER) target = exporterDedication(q, t, d);
    else if (d.basis == D_SPEC_ONLY) { t.need(T_DEDICATED_PART, d.rule, reasons.DED_SPEC_ONLY, rid(r)); arg(O_HANDLE_TYPES, q.req.t); }
    else if (d.basis == D_ANSWER) { t.need(T_DEDICATED_PART, d.rule, reasons.DED_ANSWER, rid(r)); arg(O_HANDLE_TYPES, q.req.t); arg(O_OBJECT, rid(r)); arg(O_FEATURES, d.a); }
    else if (d.basis == D_ANSWER_ANY) { t.need(T_DEDICATED_PART, d.rule, reasons.DED_ANSWER_ANY, rid(r)); arg(O_HANDLE_TYPES, q.req.t); }
    else if (d.basis == D_REQUIRES) { t.need(T_DEDICATED_PART, d.rule, reasons.DED_REQUIRES, rid(r)); arg(O_OBJECT, rid(r)); }
    else if (d.basis == D_PREFERS && !t.required) {
      entry(T_DEDICATED_PART, DED_OPTIONAL, rid(r), d.rule, reasons.DED_PREFERS); arg(O_OBJECT, rid(r));
      t.preferred = true;
    }
  }

  if (t.forbidden) {
    q.dedicated = DED_NOT_ALLOWED; q.dedicatedRule = t.forbiddenRule;
    entry(T_DEDICATED, DED_NOT_ALLOWED, 0, t.forbiddenRule, t.forbiddenReason); copyArgs(t.forbiddenAt);
    if (t.required && r != null) { problem(t.requiredRule, reasons.DED_CONFLICT); arg(O_OBJECT, r.id); }
    return;
  }
  if (t.required) {
    q.dedicated = DED_REQUIRED; q.dedicatedRule = t.requiredRule; q.dedicatedTarget = target;
    entry(T_DEDICATED, DED_REQUIRED, rid(target), t.requiredRule, t.requiredReason, kindFlag(target)); copyArgs(t.requiredAt);
    // A named resource that cannot be the target already has its problem; only a missing one is asked for.
    if (target == null) { if (r == null) problem(-1, reasons.DED_NEED_RESOURCE, SEV_UNDECIDABLE); }
    else dedicatable(q, target);
    return;
  }
  q.dedicated = DED_OPTIONAL;
  if (t.preferred && r != null) { q.dedicatedPreferred = true; q.dedicatedTarget = r; dedicatable(q, r); }
  entry(T_DEDICATED, DED_OPTIONAL, t.preferred ? rid(r) : 0, -1, t.preferred ? reasons.DED_PREFERS : reasons.DED_OPTIONAL, t.preferred ? kindFlag(r) : 0);
  if (t.preferred) arg(O_OBJECT, rid(r));
}

/** The exporter's dedication decides; returns the resource the import can be dedicated to, if any. */
function exporterDedication(q: Query, t: Tally, d: DedicationPart): Resource | null {
  const r = q.req.resource;
  if (!d.required()) {
    // Suballocated at the exporter: naming any resource in VkMemoryDedicatedAllocateInfo would differ.
    t.forbid(T_DEDICATED_PART, d.rule, reasons.DED_EXPORTER_NONE, rid(r)); q.typeArg();
    return null;
  }
  const wantImage = d.wantsImage();
  t.need(T_DEDICATED_PART, d.rule, wantImage ? reasons.DED_EXPORTER_IMAGE : reasons.DED_EXPORTER_BUFFER, rid(r)); q.typeArg();
  if (r != null) {
    if (!d.refuses(r)) return r;
    problem(d.ruleFor(r), r.isImage != wantImage ? reasons.DED_WRONG_KIND : reasons.DED_NOT_IDENTICAL); arg(O_OBJECT, r.id);
    return null;
  }
  // No resource named: offer one on the importing device that was created exactly like the exporter's.
  const all = resources.values();
  for (let i = 0; i < all.length; i++) {
    const c = all[i];
    if (c.device == q.req.dev!.id && c.isImage == wantImage && !d.refuses(c)) {
      entry(T_NOTE, 0, c.id, d.rule, reasons.DED_FOUND_IDENTICAL, kindFlag(c)); arg(O_OBJECT, c.id);
      return c;
    }
  }
  return null;
}

/** What dedicating to `r` asks of it: not sparse, not disjoint, and a device that binds it (01434, 01436, 01797, 07920 / 07921). */
function dedicatable(q: Query, r: Resource): void {
  const k = dedicationTarget(q.req.dev, r);
  q.dedicatedKeep = k;
  if (k.sparse.broken()) { problem(k.sparse.rule, reasons.DED_SPARSE); arg(O_OBJECT, r.id); arg(r.isImage ? O_IMAGE_CREATE_FLAGS : O_BUFFER_CREATE_FLAGS, k.sparse.a); }
  if (k.disjoint.broken()) { problem(k.disjoint.rule, reasons.DED_DISJOINT); arg(O_OBJECT, r.id); }
  if (k.legacy.broken()) { problem(k.legacy.rule, reasons.DED_LEGACY); arg(O_OBJECT, r.id); }
}

/** VkDedicatedAllocationMemoryAllocateInfoNV. */
export function decideNvDedicated(q: Query): void {
  const r = q.req.resource;
  const t = new Tally();
  const parts = q.c().nvDedication;
  for (let i = 0; i < parts.length; i++) {
    const d = parts[i];
    if (d.basis == D_HOST) t.forbid(T_NV_DEDICATED_PART, d.rule, reasons.NV_HOST, 0);
    else if (d.basis == D_NV_RESOURCE) { t.need(T_NV_DEDICATED_PART, d.rule, reasons.NV_RESOURCE, rid(r)); arg(O_OBJECT, rid(r)); }
    else if (d.basis == D_EXPORTER) {
      if (!d.required()) {
        if (r != null) { t.forbid(T_NV_DEDICATED_PART, d.rule, reasons.NV_EXPORTER_NONE, r.id); arg(O_OBJECT, r.id); }
      } else {
        t.need(T_NV_DEDICATED_PART, d.rule, reasons.NV_EXPORTER, rid(r)); arg(O_OBJECT, rid(r));
        if (r != null && d.refuses(r)) { problem(d.rule, reasons.DED_NOT_IDENTICAL); arg(O_OBJECT, r.id); }
      }
    } else if (d.basis == D_ANSWER) { t.need(T_NV_DEDICATED_PART, d.rule, reasons.DED_ANSWER, rid(r)); q.typeArg(); arg(O_OBJECT, rid(r)); arg(O_FEATURES, d.a); }
  }
  if (t.forbidden) {
    q.nvDedicated = DED_NOT_ALLOWED; q.nvRule = t.forbiddenRule;
    entry(T_NV_DEDICATED, DED_NOT_ALLOWED, 0, t.forbiddenRule, t.forbiddenReason); copyArgs(t.forbiddenAt);
    if (t.required && r != null) { problem(t.requiredRule, reasons.DED_CONFLICT); arg(O_OBJECT, r.id); }
    return;
  }
  if (t.required) {
    q.nvDedicated = DED_REQUIRED; q.nvRule = t.requiredRule;
    if (r == null) problem(-1, reasons.DED_NEED_RESOURCE, SEV_UNDECIDABLE);
    else {
      const flag = nvDedicationTarget(r).nvFlag;
      if (flag.broken()) { problem(flag.rule, reasons.NV_NOT_MADE_FOR); arg(O_OBJECT, r.id); }
      else q.nvTarget = r;
    }
    entry(T_NV_DEDICATED, DED_REQUIRED, rid(q.nvTarget), t.requiredRule, t.requiredReason, kindFlag(q.nvTarget)); copyArgs(t.requiredAt);
    return;
  }
  q.nvDedicated = DED_NOT_APPLICABLE;
  entry(T_NV_DEDICATED, DED_NOT_APPLICABLE, 0, -1, reasons.NV_NOT_APPLICABLE);
}
