// Must the import be a dedicated allocation, may it be, or must it not be? Each reason is written as a
// part (required / optional / not allowed) with the rule behind it; the decision is the strongest part,
// and a required part that meets a forbidding one is a problem: no chain satisfies both.
// KHR (VkMemoryDedicatedAllocateInfo) and NV (VkDedicatedAllocationMemoryAllocateInfoNV) are decided
// apart, because their rules are apart (allocate.ts checkDedicated / checkDedicatedNV).
import * as registry from '../generated/registry';
import {
  O_HANDLE_TYPES, O_OBJECT, O_FEATURES, O_IMAGE_CREATE_FLAGS, O_BUFFER_CREATE_FLAGS, T_DEDICATED, T_DEDICATED_PART,
  T_NV_DEDICATED, T_NV_DEDICATED_PART, T_NOTE, SEV_UNDECIDABLE, DED_REQUIRED, DED_OPTIONAL, DED_NOT_ALLOWED,
  DED_NOT_APPLICABLE, F_IMAGE, F_BUFFER,
} from '../generated/contract';
import { Resource, Payload, ExternalProps } from '../state/objects';
import { resources } from '../state/world';
import * as handleTypes from '../catalogue/handle-types';
import { dedicatedOnlyTypes } from '../rules/support';
import { bufferKey, imageKey } from '../rules/keys';
import { VK_API_1_1 } from '../rules/context';
import { entry, arg, lastEntry, copyArgs } from './output';
import { Query, FAM_HOST, FAM_NV } from './query';
import { problem, typeArg } from './source';
import * as reasons from './reasons';
import * as V from './rules';

const FEATURE_DEDICATED_ONLY: i64 = 0x1;
const SPARSE_FLAGS: i64 = 0x7;
const DISJOINT: i64 = 0x200;

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
  const r = q.res;
  const t = new Tally();
  let target: Resource | null = r;
  if (q.family == FAM_HOST) {
    t.forbid(T_DEDICATED_PART, V.HOST_DEDICATED(), reasons.DED_HOST, 0);
  } else {
    const p = q.payload();
    // 01876-01879: a Vulkan-made Win32 or OPAQUE_FD payload keeps the dedication it was allocated with.
    const win32 = (q.t & handleTypes.WIN32_KHR_TYPES) != 0;
    if (p != null && q.vulkanPayload() && (win32 || q.t == registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT)) {
      target = exporterDedication(q, t, p, win32);
    }
    if (q.family != FAM_NV) {
      if ((q.t & handleTypes.DEDICATED_ONLY_TYPES) != 0) { t.need(T_DEDICATED_PART, -1, reasons.DED_SPEC_ONLY, rid(r)); arg(O_HANDLE_TYPES, q.t); }
      capability(q, t, r);
    }
    if (r != null && r.requiresDedicated == 1) {
      t.need(T_DEDICATED_PART, r.isImage ? V.BIND_IMG_REQUIRES() : V.BIND_BUF_REQUIRES(), reasons.DED_REQUIRES, r.id); arg(O_OBJECT, r.id);
    }
    if (r != null && r.prefersDedicated == 1 && !t.required) {
      entry(T_DEDICATED_PART, DED_OPTIONAL, r.id, -1, reasons.DED_PREFERS); arg(O_OBJECT, r.id);
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
function exporterDedication(q: Query, t: Tally, p: Payload, win32: bool): Resource | null {
  const r = q.res;
  const imgRule = win32 ? V.DED_IMG_W32() : V.DED_IMG_FD();
  const bufRule = win32 ? V.DED_BUF_W32() : V.DED_BUF_FD();
  const wantImage = p.dedicatedImage != 0;
  const fp = wantImage ? p.dedicatedImage : p.dedicatedBuffer;
  if (fp == 0) {
    // Suballocated at the exporter: naming any resource in VkMemoryDedicatedAllocateInfo would differ.
    t.forbid(T_DEDICATED_PART, r != null && !r.isImage ? bufRule : imgRule, reasons.DED_EXPORTER_NONE, rid(r)); typeArg(q);
    return null;
  }
  const rule = wantImage ? imgRule : bufRule;
  t.need(T_DEDICATED_PART, rule, wantImage ? reasons.DED_EXPORTER_IMAGE : reasons.DED_EXPORTER_BUFFER, rid(r)); typeArg(q);
  if (r != null) {
    if (r.isImage != wantImage) { problem(r.isImage ? imgRule : bufRule, reasons.DED_WRONG_KIND); arg(O_OBJECT, r.id); return null; }
    if (r.fingerprint() != fp) { problem(rule, reasons.DED_NOT_IDENTICAL); arg(O_OBJECT, r.id); return null; }
    return r;
  }
  // No resource named: offer one on the importing device that was created exactly like the exporter's.
  const all = resources.values();
  for (let i = 0; i < all.length; i++) {
    const c = all[i];
    if (c.device == q.device && c.isImage == wantImage && c.fingerprint() == fp) {
      entry(T_NOTE, 0, c.id, rule, reasons.DED_FOUND_IDENTICAL, kindFlag(c)); arg(O_OBJECT, c.id);
      return c;
    }
  }
  return null;
}

/** The capability answer for the resource's own parameters, when the input has one. */
function answerFor(q: Query, r: Resource | null): ExternalProps | null {
  if (r == null) return null;
  const pd = q.dev!.physical;
  if (r.isImage) {
    const k = imageKey(q.t, r.format, r.imageType, r.tiling, r.usage, r.flags);
    return pd.imageAnswers.has(k) ? pd.imageAnswers.get(k) : null;
  }
  const k = bufferKey(q.t, r.usage, r.flags);
  return pd.bufferAnswers.has(k) ? pd.bufferAnswers.get(k) : null;
}

/** DEDICATED_ONLY in the capability answers: the resource's own, else any answer for the type. */
function capability(q: Query, t: Tally, r: Resource | null): void {
  const a = answerFor(q, r);
  if (a != null) {
    if ((a.features & FEATURE_DEDICATED_ONLY) != 0) { t.need(T_DEDICATED_PART, -1, reasons.DED_ANSWER, rid(r)); arg(O_HANDLE_TYPES, q.t); arg(O_OBJECT, rid(r)); arg(O_FEATURES, a.features); }
    return;
  }
  if ((dedicatedOnlyTypes(q.dev!.physical) & q.t) != 0) { t.need(T_DEDICATED_PART, -1, reasons.DED_ANSWER_ANY, rid(r)); arg(O_HANDLE_TYPES, q.t); }
}

/** Resources that cannot have a dedicated allocation (01434, 01436, 01797), and old devices (07920/07921). */
function dedicatable(q: Query, r: Resource): void {
  if ((r.flags & SPARSE_FLAGS) != 0) {
    problem(r.isImage ? V.DED_IMG_SPARSE() : V.DED_BUF_SPARSE(), reasons.DED_SPARSE); arg(O_OBJECT, r.id);
    arg(r.isImage ? O_IMAGE_CREATE_FLAGS : O_BUFFER_CREATE_FLAGS, r.flags & SPARSE_FLAGS);
  }
  if (r.isImage && (r.flags & DISJOINT) != 0) { problem(V.DED_DISJOINT(), reasons.DED_DISJOINT); arg(O_OBJECT, r.id); }
  const dev = q.dev!;
  if (dev.apiVersion != 0 && dev.apiVersion < VK_API_1_1 && !dev.has(registry.EXT_KHR_dedicated_allocation) && !r.nvDedicated) {
    problem(r.isImage ? V.BIND_IMG_LEGACY() : V.BIND_BUF_LEGACY(), reasons.DED_LEGACY); arg(O_OBJECT, r.id);
  }
}

/** VkDedicatedAllocationMemoryAllocateInfoNV. */
export function decideNvDedicated(q: Query): void {
  const r = q.res;
  const t = new Tally();
  if (q.family == FAM_HOST) {
    t.forbid(T_NV_DEDICATED_PART, V.HOST_NV_DEDICATED(), reasons.NV_HOST, 0);
  } else {
    if (r != null && r.nvDedicated) { t.need(T_NV_DEDICATED_PART, r.isImage ? V.BIND_IMG_NV() : V.BIND_BUF_NV(), reasons.NV_RESOURCE, r.id); arg(O_OBJECT, r.id); }
    const p = q.payload();
    // 00654 / 00655: a Vulkan-made payload keeps its NV dedication, whatever the handle type.
    if (p != null && q.vulkanPayload()) {
      const wantImage = p.nvDedicatedImage != 0;
      const fp = wantImage ? p.nvDedicatedImage : p.nvDedicatedBuffer;
      if (fp == 0) {
        if (r != null) { t.forbid(T_NV_DEDICATED_PART, r.isImage ? V.NV_IMG_IMPORT() : V.NV_BUF_IMPORT(), reasons.NV_EXPORTER_NONE, r.id); arg(O_OBJECT, r.id); }
      } else {
        const rule = wantImage ? V.NV_IMG_IMPORT() : V.NV_BUF_IMPORT();
        t.need(T_NV_DEDICATED_PART, rule, reasons.NV_EXPORTER, rid(r)); arg(O_OBJECT, rid(r));
        if (r != null && (r.isImage != wantImage || r.fingerprint() != fp)) { problem(rule, reasons.DED_NOT_IDENTICAL); arg(O_OBJECT, r.id); }
      }
    }
    if (q.family == FAM_NV && r != null && r.isImage) {
      const pd = q.dev!.physical;
      const k = imageKey(q.nvBit, r.format, r.imageType, r.tiling, r.usage, r.flags);
      if (pd.nvImageAnswers.has(k) && (pd.nvImageAnswers.get(k).features & FEATURE_DEDICATED_ONLY) != 0) {
        t.need(T_NV_DEDICATED_PART, -1, reasons.DED_ANSWER, r.id); typeArg(q); arg(O_OBJECT, r.id); arg(O_FEATURES, pd.nvImageAnswers.get(k).features);
      }
    }
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
    else if (!r.nvDedicated) { problem(r.isImage ? V.NV_IMG_FLAG() : V.NV_BUF_FLAG(), reasons.NV_NOT_MADE_FOR); arg(O_OBJECT, r.id); }
    else q.nvTarget = r;
    entry(T_NV_DEDICATED, DED_REQUIRED, rid(q.nvTarget), t.requiredRule, t.requiredReason, kindFlag(q.nvTarget)); copyArgs(t.requiredAt);
    return;
  }
  q.nvDedicated = DED_NOT_APPLICABLE;
  entry(T_NV_DEDICATED, DED_NOT_APPLICABLE, 0, -1, reasons.NV_NOT_APPLICABLE);
}
