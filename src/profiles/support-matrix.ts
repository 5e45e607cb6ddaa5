// What two profiles let you do with each external handle type, at a glance: for buffers and for images,
// whether memory can be exported, imported, or only as a dedicated allocation. A profile records one
// capability answer per question (usage, format, tiling, flags…); a cell counts, over the answers for
// that handle type, how many allow the feature, so "some" says the answer depends on the resource.
import { ENUMS } from '../generated/registry.js';
import { flagNames, shortName } from './describe.js';
import type { NormalizedProfile } from './types.js';

const HT = 'VkExternalMemoryHandleTypeFlagBits';
const HT_NV = 'VkExternalMemoryHandleTypeFlagBitsNV';

/** VkExternalMemoryFeatureFlagBits (the NV bits have the same values). */
export const FEATURE_BITS = { export: 0x2, import: 0x4, dedicatedOnly: 0x1 } as const;
export type Feature = keyof typeof FEATURE_BITS;
export const FEATURES: Feature[] = ['export', 'import', 'dedicatedOnly'];
export type Resource = 'buffer' | 'image';

/** How many of a handle type's answers allow a feature, out of how many the profile records. */
export interface SupportCount { allowed: number; answers: number }

export interface MatrixCell {
  resource: Resource;
  feature: Feature;
  a: SupportCount;
  b: SupportCount;
  /** The two profiles' summaries differ (in word or in count). */
  differs: boolean;
}

export interface MatrixRow {
  /** Short handle-type name, as diff entries name it ("… (NV)" for the NV image query). */
  handleType: string;
  /** The NV query (VK_NV_external_memory_capabilities), which asks about images only. */
  nv: boolean;
  /** Buffer export, import, dedicated only; then image export, import, dedicated only. */
  cells: MatrixCell[];
}

type Counts = Record<Resource, Record<Feature, SupportCount>>;

const fresh = (): Counts => ({
  buffer: { export: { allowed: 0, answers: 0 }, import: { allowed: 0, answers: 0 }, dedicatedOnly: { allowed: 0, answers: 0 } },
  image: { export: { allowed: 0, answers: 0 }, import: { allowed: 0, answers: 0 }, dedicatedOnly: { allowed: 0, answers: 0 } },
});

/** Handle types with the order they sort in (the enum's bit, NV after KHR). */
interface Key { name: string; order: number; nv: boolean }

function count(into: Map<string, Counts & Key>, key: Key, resource: Resource, features: number): void {
  let c = into.get(key.name);
  if (!c) into.set(key.name, (c = { ...fresh(), ...key }));
  for (const f of FEATURES) {
    c[resource][f].answers++;
    if (features & FEATURE_BITS[f]) c[resource][f].allowed++;
  }
}

/** A profile's counts per handle type; an image answer that fails (format not supported) allows nothing. */
export function supportCounts(p: NormalizedProfile): Map<string, Counts & Key> {
  const out = new Map<string, Counts & Key>();
  const khr = (name: string): Key => ({ name: shortName(HT, name), order: ENUMS[HT].values[name] ?? 2 ** 32, nv: false });
  for (const a of p.externalBuffer) count(out, khr(a.handleType), 'buffer', a.externalMemoryFeatures ?? 0);
  for (const a of p.externalImage) count(out, khr(a.handleType), 'image', a.result === 'VK_SUCCESS' ? a.externalMemoryFeatures ?? 0 : 0);
  // An NV answer about several handle types at once counts for each of them.
  for (const a of p.externalImageNV) {
    for (const name of flagNames(HT_NV, a.handleTypes)) {
      if (name.startsWith('0x')) continue;
      const key = { name: `${shortName(HT_NV, name)} (NV)`, order: 2 ** 33 + (ENUMS[HT_NV].values[name] ?? 0), nv: true };
      count(out, key, 'image', a.result === 'VK_SUCCESS' ? a.externalMemoryFeatures ?? 0 : 0);
    }
  }
  return out;
}

/** "yes" (every answer allows it), "no" (none does), "some", or "not asked" (no answer recorded). */
export function supportWord(c: SupportCount): 'yes' | 'no' | 'some' | 'not asked' {
  if (c.answers === 0) return 'not asked';
  return c.allowed === c.answers ? 'yes' : c.allowed === 0 ? 'no' : 'some';
}

/**
 * One row per handle type either profile answers about (other handle types, named only by dedicated
 * rules or handle properties, are passed in `alsoNamed` so they get a row of "not asked").
 */
export function supportMatrix(a: NormalizedProfile, b: NormalizedProfile, alsoNamed: string[] = []): MatrixRow[] {
  const ca = supportCounts(a);
  const cb = supportCounts(b);
  const keys = new Map<string, Key>();
  for (const c of [...ca.values(), ...cb.values()]) keys.set(c.name, c);
  for (const name of alsoNamed) {
    if (keys.has(name)) continue;
    const nv = name.endsWith(' (NV)');
    const full = Object.keys(ENUMS[nv ? HT_NV : HT].values).find((n) => shortName(nv ? HT_NV : HT, n) === name.replace(/ \(NV\)$/, ''));
    keys.set(name, { name, order: (nv ? 2 ** 33 : 0) + (full ? ENUMS[nv ? HT_NV : HT].values[full] : 2 ** 32), nv });
  }
  const none = fresh();
  return [...keys.values()].sort((x, y) => x.order - y.order).map((k) => {
    const xa = ca.get(k.name) ?? none;
    const xb = cb.get(k.name) ?? none;
    const cells = (['buffer', 'image'] as const).flatMap((resource) => FEATURES.map((feature): MatrixCell => {
      const va = xa[resource][feature];
      const vb = xb[resource][feature];
      return { resource, feature, a: va, b: vb, differs: va.allowed !== vb.allowed || va.answers !== vb.answers };
    }));
    return { handleType: k.name, nv: k.nv, cells };
  });
}
