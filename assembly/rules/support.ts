// Whether the capability queries seen so far say a handle type can be imported or exported.
import { PhysicalDevice, ExternalProps } from '../state/objects';

export const SUPPORT_UNKNOWN: i32 = 0;
export const SUPPORT_YES: i32 = 1;
export const SUPPORT_NO: i32 = 2;

const FEATURE_EXPORTABLE: i64 = 0x2;
const FEATURE_IMPORTABLE: i64 = 0x4;

/** Handle types each physical device was asked about, and what any answer granted. */
class Summary { asked: i64 = 0; exportable: i64 = 0; importable: i64 = 0; compatible: i64 = 0; dedicatedOnly: i64 = 0; }
const summaries = new Map<i32, Summary>();

export function resetSupport(): void { summaries.clear(); }

export function noteAnswer(pd: PhysicalDevice, handleType: i64, p: ExternalProps): void {
  if (!summaries.has(pd.id)) summaries.set(pd.id, new Summary());
  const s = summaries.get(pd.id);
  s.asked |= handleType;
  if ((p.features & FEATURE_EXPORTABLE) != 0) s.exportable |= handleType;
  if ((p.features & FEATURE_IMPORTABLE) != 0) s.importable |= handleType;
  if ((p.features & 0x1) != 0) s.dedicatedOnly |= handleType;
  s.compatible |= p.compatible;
}

function feature(pd: PhysicalDevice, t: i64, exportable: bool): i32 {
  if (!summaries.has(pd.id)) return SUPPORT_UNKNOWN;
  const s = summaries.get(pd.id);
  if ((s.asked & t) == 0) return SUPPORT_UNKNOWN;
  return ((exportable ? s.exportable : s.importable) & t) != 0 ? SUPPORT_YES : SUPPORT_NO;
}
export function importSupport(pd: PhysicalDevice, t: i64): i32 { return feature(pd, t, false); }
export function exportSupport(pd: PhysicalDevice, t: i64): i32 { return feature(pd, t, true); }
/** Handle types any answer listed as compatible with each other (0 if nothing asked). */
export function compatibleUnion(pd: PhysicalDevice): i64 { return summaries.has(pd.id) ? summaries.get(pd.id).compatible : 0; }
/** Handle types some answer reported as DEDICATED_ONLY. */
export function dedicatedOnlyTypes(pd: PhysicalDevice): i64 { return summaries.has(pd.id) ? summaries.get(pd.id).dedicatedOnly : 0; }
