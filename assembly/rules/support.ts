// Whether the capability queries seen so far say a handle type can be imported or exported, and with
// which other types. The answer that applies is the one for the resource involved: memory dedicated
// to an image or buffer is judged by the answer for that resource's own parameters; memory bound to
// nothing yet by what any answer for that handle type granted.
//
// Answers are the physical device's, and those of any other VkPhysicalDevice with the same deviceUUID
// and driverUUID (the same device and driver seen through another instance, as when a GL driver built
// on Vulkan and the application each enumerate the GPU): both report the same capabilities.
import { PhysicalDevice, ExternalProps, Resource } from '../state/objects';
import { physicalDevices, identityEpoch } from '../state/world';
import { bufferKey, imageKey } from './keys';

export const SUPPORT_UNKNOWN: i32 = 0;
export const SUPPORT_YES: i32 = 1;
export const SUPPORT_NO: i32 = 2;

const FEATURE_DEDICATED_ONLY: i64 = 0x1;
const FEATURE_EXPORTABLE: i64 = 0x2;
const FEATURE_IMPORTABLE: i64 = 0x4;

/** What the answers for one physical device granted, per handle type. */
class Summary {
  asked: i64 = 0;
  exportable: i64 = 0;
  importable: i64 = 0;
  dedicatedOnly: i64 = 0;
  /** Per handle type (its bit), the types its own answers called compatible with it. */
  compatible: Map<i64, i64> = new Map();
}
const summaries = new Map<i32, Summary>();

export function resetSupport(): void { summaries.clear(); }

export function noteAnswer(pd: PhysicalDevice, handleType: i64, p: ExternalProps): void {
  if (!summaries.has(pd.id)) summaries.set(pd.id, new Summary());
  const s = summaries.get(pd.id);
  s.asked |= handleType;
  if ((p.features & FEATURE_EXPORTABLE) != 0) s.exportable |= handleType;
  if ((p.features & FEATURE_IMPORTABLE) != 0) s.importable |= handleType;
  if ((p.features & FEATURE_DEDICATED_ONLY) != 0) s.dedicatedOnly |= handleType;
  const before = s.compatible.has(handleType) ? s.compatible.get(handleType) : 0;
  s.compatible.set(handleType, before | p.compatible);
}

/**
 * The physical device and every other one known to be the same device and driver (kept until a device
 * or an identity changes: an import asks several times; callers only read the list).
 */
export function peers(pd: PhysicalDevice): PhysicalDevice[] {
  const kept = pd.peers;
  if (kept != null && pd.peersEpoch == identityEpoch) return kept;
  const found = findPeers(pd);
  pd.peers = found;
  pd.peersEpoch = identityEpoch;
  return found;
}

function findPeers(pd: PhysicalDevice): PhysicalDevice[] {
  const out: PhysicalDevice[] = [pd];
  if (!pd.identityKnown()) return out;
  const all = physicalDevices.values();
  for (let i = 0; i < all.length; i++) {
    const o = all[i];
    if (o.id != pd.id && o.identityKnown() && o.deviceUUID == pd.deviceUUID && o.driverUUID == pd.driverUUID) out.push(o);
  }
  return out;
}

/** The answer for `t` with the parameters `r` was created with, or null when no query asked it. */
export function resourceAnswer(pd: PhysicalDevice, r: Resource, t: i64): ExternalProps | null {
  const key = r.isImage ? imageKey(t, r.format, r.imageType, r.tiling, r.usage, r.flags) : bufferKey(t, r.usage, r.flags);
  const ps = peers(pd);
  for (let i = 0; i < ps.length; i++) {
    const m = r.isImage ? ps[i].imageAnswers : ps[i].bufferAnswers;
    if (m.has(key)) return m.get(key);
  }
  return null;
}

function feature(pd: PhysicalDevice, t: i64, bit: i64, dedicatedTo: Resource | null): i32 {
  if (dedicatedTo != null) {
    const a = resourceAnswer(pd, dedicatedTo, t);
    if (a == null) return SUPPORT_UNKNOWN;
    return (a.features & bit) != 0 ? SUPPORT_YES : SUPPORT_NO;
  }
  let asked = false;
  const ps = peers(pd);
  for (let i = 0; i < ps.length; i++) {
    if (!summaries.has(ps[i].id)) continue;
    const s = summaries.get(ps[i].id);
    if ((s.asked & t) == 0) continue;
    asked = true;
    if (((bit == FEATURE_EXPORTABLE ? s.exportable : s.importable) & t) != 0) return SUPPORT_YES;
  }
  return asked ? SUPPORT_NO : SUPPORT_UNKNOWN;
}

/** Whether `t` can be imported: into memory dedicated to `dedicatedTo` by that resource's answer, else by any answer. */
export function importSupport(pd: PhysicalDevice, t: i64, dedicatedTo: Resource | null): i32 { return feature(pd, t, FEATURE_IMPORTABLE, dedicatedTo); }
export function exportSupport(pd: PhysicalDevice, t: i64, dedicatedTo: Resource | null): i32 { return feature(pd, t, FEATURE_EXPORTABLE, dedicatedTo); }

/** The handle types `t`'s own answers call compatible with it (for `dedicatedTo`, that resource's answer); 0 if none was seen. */
export function compatibleWith(pd: PhysicalDevice, t: i64, dedicatedTo: Resource | null): i64 {
  if (dedicatedTo != null) {
    const a = resourceAnswer(pd, dedicatedTo, t);
    return a == null ? 0 : a.compatible;
  }
  let c: i64 = 0;
  const ps = peers(pd);
  for (let i = 0; i < ps.length; i++) {
    if (!summaries.has(ps[i].id)) continue;
    const s = summaries.get(ps[i].id);
    if (s.compatible.has(t)) c |= s.compatible.get(t);
  }
  return c;
}

/** Handle types some answer reported as DEDICATED_ONLY. */
export function dedicatedOnlyTypes(pd: PhysicalDevice): i64 {
  let d: i64 = 0;
  const ps = peers(pd);
  for (let i = 0; i < ps.length; i++) if (summaries.has(ps[i].id)) d |= summaries.get(ps[i].id).dedicatedOnly;
  return d;
}
