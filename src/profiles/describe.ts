// Naming a profile's values for people: flag masks as enumerant names, where a profile comes from,
// and a one-screen summary. The CLI and the explorer show `provenanceLine` wherever a profile is used,
// so an illustrative profile is never mistaken for a measurement.
import { ENUMS } from '../generated/registry.js';
import type { NormalizedProfile } from './types.js';

const canonical = new Map<string, Map<number, string>>();

/** value → the enumerant name to show: the shortest of its aliases (…_BIT over …_BIT_KHR). */
function namesOf(enumName: string): Map<number, string> {
  let m = canonical.get(enumName);
  if (!m) {
    m = new Map();
    for (const [name, value] of Object.entries(ENUMS[enumName]?.values ?? {})) {
      const had = m.get(value);
      if (had === undefined || name.length < had.length) m.set(value, name);
    }
    canonical.set(enumName, m);
  }
  return m;
}

/** The name shown and stored for an enumerant: the shortest alias of its value. */
export function canonicalName(enumName: string, name: string): string {
  const v = ENUMS[enumName]?.values[name];
  return v === undefined ? name : namesOf(enumName).get(v) ?? name;
}

const prefixes = new Map<string, string>();

/** The part every enumerant of a type starts with, e.g. VK_EXTERNAL_MEMORY_HANDLE_TYPE_. */
function prefixOf(enumName: string): string {
  let p = prefixes.get(enumName);
  if (p === undefined) {
    const names = Object.keys(ENUMS[enumName]?.values ?? {});
    p = names.reduce((acc, n) => { let k = 0; while (k < acc.length && acc[k] === n[k]) k++; return acc.slice(0, k); }, names[0] ?? '');
    p = p.slice(0, p.lastIndexOf('_') + 1);
    // VkResult's names share only "VK_"; VK_SUCCESS and VK_ERROR_… read better whole.
    if (p === 'VK_') p = '';
    prefixes.set(enumName, p);
  }
  return p;
}

/** OPAQUE_WIN32 for VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT, R8G8B8A8_UNORM for VK_FORMAT_R8G8B8A8_UNORM. */
export function shortName(enumName: string, name: string): string {
  const p = prefixOf(enumName);
  const rest = p && name.startsWith(p) ? name.slice(p.length) : name;
  return ENUMS[enumName]?.bitmask ? rest.replace(/_BIT(_[A-Z]+)?$/, '') : rest;
}

/** The full enumerant names of the bits in `value`; bits the type does not define come last, in hex. */
export function flagNames(enumName: string, value: number): string[] {
  const names = namesOf(enumName);
  const out: string[] = [];
  let left = value >>> 0;
  for (let bit = 0; bit < 32; bit++) {
    const v = 2 ** bit;
    if ((value >>> 0) & v) {
      const n = names.get(v);
      if (n) { out.push(n); left -= v; }
    }
  }
  if (left) out.push(`0x${left.toString(16)}`);
  return out;
}

/** `EXPORTABLE|IMPORTABLE`, or `none` for 0. */
export function flagText(enumName: string, value: number | undefined): string {
  if (value === undefined) return 'any';
  if (value === 0) return 'none';
  return flagNames(enumName, value).map((n) => (n.startsWith('0x') ? n : shortName(enumName, n))).join('|');
}

/** The memory type indices a memoryTypeBits mask allows, e.g. "0, 3". */
export function typeIndices(bits: number): string {
  const out: number[] = [];
  for (let i = 0; i < 32; i++) if ((bits >>> 0) & (2 ** i)) out.push(i);
  return out.length ? out.join(', ') : 'none';
}

export function isIllustrative(p: Pick<NormalizedProfile, 'provenance'>): boolean {
  return p.provenance.kind === 'illustrative';
}

/** One line saying where the values come from; illustrative profiles say so in capitals. */
export function provenanceLine(p: Pick<NormalizedProfile, 'provenance'>): string {
  const v = p.provenance;
  if (v.kind === 'illustrative') return `ILLUSTRATIVE — written by hand, not measured: ${v.basis}`;
  const when = [v.date, v.system].filter(Boolean).join(', ');
  return `measured on ${v.driver}, driver version ${v.driverVersion}, by ${v.tool}${when ? ` (${when})` : ''}`;
}

export interface ProfileSummary {
  profile: string;
  title: string;
  platform: string;
  deviceName: string;
  deviceType: string;
  provenance: 'measured' | 'illustrative';
  provenanceLine: string;
  source: string;
  /** Handle types (short KHR names) some buffer answer supports (features other than none). */
  bufferHandleTypes: string[];
  /** Handle types some image answer supports (VK_SUCCESS with features). */
  imageHandleTypes: string[];
  /** NV handle types some NV image answer supports. */
  nvHandleTypes: string[];
}

const HANDLE = 'VkExternalMemoryHandleTypeFlagBits';
const HANDLE_NV = 'VkExternalMemoryHandleTypeFlagBitsNV';

export function profileSummary(p: NormalizedProfile): ProfileSummary {
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    profile: p.profile,
    title: p.title,
    platform: p.platform,
    deviceName: p.device.deviceName,
    deviceType: shortName('VkPhysicalDeviceType', p.device.deviceType),
    provenance: p.provenance.kind,
    provenanceLine: provenanceLine(p),
    source: p.source,
    bufferHandleTypes: uniq(p.externalBuffer.filter((a) => a.externalMemoryFeatures).map((a) => shortName(HANDLE, a.handleType))),
    imageHandleTypes: uniq(p.externalImage.filter((a) => a.result === 'VK_SUCCESS' && a.externalMemoryFeatures).map((a) => shortName(HANDLE, a.handleType))),
    nvHandleTypes: uniq(p.externalImageNV.filter((a) => a.result === 'VK_SUCCESS' && a.externalMemoryFeatures).flatMap((a) => flagNames(HANDLE_NV, a.handleTypes).map((n) => shortName(HANDLE_NV, n)))),
  };
}
