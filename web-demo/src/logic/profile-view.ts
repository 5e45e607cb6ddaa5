// What the "Profiles" view shows, as plain data: the list of profiles (built-in and loaded from files),
// one profile's summary, and the comparison of two, grouped by section. No DOM: unit-tested in Node.
import type { NormalizedProfile } from '../../../src/profiles/types.js';
import { flagNames, flagText, provenanceLine, shortName, typeIndices } from '../../../src/profiles/describe.js';
import { diffProfiles, showValue, type DiffEntry, type DiffSection } from '../../../src/profiles/diff.js';
import { InputError } from '../../../src/core/errors.js';
import { ENUMS } from '../../../src/generated/registry.js';
import type { ProfileEntry } from '../app/library.js';

const HT = 'VkExternalMemoryHandleTypeFlagBits';
const HT_NV = 'VkExternalMemoryHandleTypeFlagBitsNV';
const FEATURE_DEDICATED_ONLY = 0x1;
const FEATURE_EXPORTABLE = 0x2;
const FEATURE_IMPORTABLE = 0x4;

// ---------------------------------------------------------------------------------------------
// The list

export interface ProfileListItem {
  name: string;
  title: string;
  provenance: 'measured' | 'illustrative';
  /** Where its values come from, in one line (ILLUSTRATIVE ones say so). */
  line: string;
  platform: string;
  /** Loaded from a file in this page (it cannot travel in a link). */
  loaded: boolean;
  /** A loaded file that took the name of a built-in profile. */
  shadowsBuiltIn: boolean;
}

/** Built-in profiles (measured first, as the index lists them), then the files loaded in this page. */
export function profileList(builtIn: ProfileEntry[], loaded: Map<string, NormalizedProfile>): ProfileListItem[] {
  const out: ProfileListItem[] = builtIn.map((e) => {
    const own = loaded.get(e.name);
    return own ? loadedItem(own, true) : { name: e.name, title: e.title, provenance: e.provenance, line: e.line, platform: e.platform, loaded: false, shadowsBuiltIn: false };
  });
  for (const p of loaded.values()) if (!builtIn.some((e) => e.name === p.profile)) out.push(loadedItem(p, false));
  return out;
}

function loadedItem(p: NormalizedProfile, shadows: boolean): ProfileListItem {
  return { name: p.profile, title: p.title, provenance: p.provenance.kind, line: provenanceLine(p), platform: p.platform, loaded: true, shadowsBuiltIn: shadows };
}

/** The label of a profile in a select (no badges there, so the provenance is in words). */
export function optionLabel(item: ProfileListItem): string {
  return `${item.name}${item.provenance === 'illustrative' ? ' (ILLUSTRATIVE)' : ' (measured)'}${item.loaded ? ', loaded file' : ''}`;
}

/** What the page says when a link names a profile it does not have. */
export function missingProfileText(name: string): string {
  return `There is no profile named "${name}" in this page. A profile loaded from a file stays in the page that loaded it and cannot travel in a link: load the file ${name} to see it.`;
}

// ---------------------------------------------------------------------------------------------
// URL state

export interface ProfilesState {
  /** The profile whose summary is open. */
  show?: string;
  /** The two profiles compared. */
  a?: string;
  b?: string;
}

/** Profile names as a link gives them (anything else is dropped; the page then says what is missing). */
export function readState(params: Record<string, string>): ProfilesState {
  const pick = (v: string | undefined) => (v && v.length <= 200 ? v : undefined);
  return { show: pick(params.show), a: pick(params.a), b: pick(params.b) };
}

// ---------------------------------------------------------------------------------------------
// One profile

export interface MemoryHeapRow { index: number; size: number; sizeText: string; flags: string }
export interface MemoryTypeRow { index: number; heapIndex: number; flags: string[] }
export interface HandleSupport {
  /** Short handle-type name. */
  type: string;
  /** 'export', 'import', 'dedicated only' for buffers and images; empty when no answer supports it. */
  buffer: string[];
  image: string[];
}
export interface ProfileSummaryModel {
  facts: Array<[label: string, value: string]>;
  heaps: MemoryHeapRow[];
  types: MemoryTypeRow[];
  extensions: string[];
  handleTypes: HandleSupport[];
  /** NV handle types the NV image query supports. */
  nvHandleTypes: Array<{ type: string; image: string[] }>;
  /** memoryTypeBits of handle-properties answers. */
  handleProperties: Array<{ type: string; bits: string }>;
  /** Dedicated-allocation answers per resource and handle type. */
  dedicated: Array<{ resource: string; types: string; requires: boolean; prefers: boolean }>;
}

/** 2147483648 → "2 GiB"; sizes that are not a whole number of units keep one decimal. */
export function bytesText(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return u === 0 ? `${n} bytes` : `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[u]}`;
}

function version(v: number): string {
  return `${v >>> 22}.${(v >>> 12) & 0x3ff}.${v & 0xfff}`;
}

function featureWords(features: number): string[] {
  const out: string[] = [];
  if (features & FEATURE_EXPORTABLE) out.push('export');
  if (features & FEATURE_IMPORTABLE) out.push('import');
  if (features & FEATURE_DEDICATED_ONLY) out.push('dedicated only');
  return out;
}

/** Everything the summary panel shows about a profile. */
export function summarizeProfile(p: NormalizedProfile): ProfileSummaryModel {
  const d = p.device;
  const facts: Array<[string, string]> = [
    ['Device', d.deviceName],
    ['Type', shortName('VkPhysicalDeviceType', d.deviceType)],
    ['Platform', p.platform],
    ['Vulkan version', version(d.apiVersion)],
    ['Driver version', `0x${d.driverVersion.toString(16)} (as the driver encodes it)`],
    ['Vendor / device ID', `0x${d.vendorID.toString(16)} / 0x${d.deviceID.toString(16)}`],
    ['deviceUUID', d.deviceUUID],
    ['driverUUID', d.driverUUID],
    ['deviceLUID', d.deviceLUIDValid && d.deviceLUID ? `${d.deviceLUID} (node mask 0x${d.deviceNodeMask.toString(16)})` : 'not valid on this device'],
    ['minImportedHostPointerAlignment', d.minImportedHostPointerAlignment === undefined ? 'no VK_EXT_external_memory_host' : `${d.minImportedHostPointerAlignment} bytes`],
  ];

  // Features are gathered over every answer for a type: "export" means some usage/format allows it.
  const support = new Map<number, { buffer: number; image: number }>();
  const at = (bit: number) => support.get(bit) ?? support.set(bit, { buffer: 0, image: 0 }).get(bit)!;
  const bitOf = (name: string) => ENUMS[HT].values[name] ?? 0;
  for (const a of p.externalBuffer) if (a.externalMemoryFeatures) at(bitOf(a.handleType)).buffer |= a.externalMemoryFeatures;
  for (const a of p.externalImage) if (a.result === 'VK_SUCCESS' && a.externalMemoryFeatures) at(bitOf(a.handleType)).image |= a.externalMemoryFeatures;
  const handleTypes = [...support].sort(([x], [y]) => x - y).map(([bit, s]) => ({ type: flagText(HT, bit), buffer: featureWords(s.buffer), image: featureWords(s.image) }));

  const nv = new Map<number, number>();
  for (const a of p.externalImageNV) {
    if (a.result !== 'VK_SUCCESS' || !a.externalMemoryFeatures) continue;
    for (let bit = 1; bit <= 8; bit *= 2) if (a.handleTypes & bit) nv.set(bit, (nv.get(bit) ?? 0) | a.externalMemoryFeatures);
  }
  const nvHandleTypes = [...nv].sort(([x], [y]) => x - y).map(([bit, f]) => ({ type: `${flagText(HT_NV, bit)} (NV)`, image: featureWords(f) }));

  return {
    facts,
    heaps: p.memory.heaps.map((h, i) => ({ index: i, size: h.size, sizeText: bytesText(h.size), flags: flagText('VkMemoryHeapFlagBits', h.flags) })),
    types: p.memory.types.map((t, i) => ({ index: i, heapIndex: t.heapIndex, flags: flagNames('VkMemoryPropertyFlagBits', t.propertyFlags).map((n) => (n.startsWith('0x') ? n : shortName('VkMemoryPropertyFlagBits', n))) })),
    extensions: [...p.extensions].sort(),
    handleTypes,
    nvHandleTypes,
    handleProperties: p.handleProperties.map((h) => ({ type: shortName(HT, h.handleType), bits: `0x${h.memoryTypeBits.toString(16)} (types ${typeIndices(h.memoryTypeBits)})` })),
    dedicated: p.requirements.dedicated.map((r) => ({ resource: r.resource, types: flagText(HT, r.handleTypes), requires: r.requiresDedicated, prefers: r.prefersDedicated })),
  };
}

// ---------------------------------------------------------------------------------------------
// Two profiles

export interface DiffRow {
  /** Where, lists named by their question (see src/profiles/diff.ts). */
  path: string;
  a: string;
  b: string;
  change: 'changed' | 'only-a' | 'only-b';
}

export interface DiffSectionModel {
  id: DiffSection | 'extensions';
  title: string;
  rows: DiffRow[];
  /** Entries (list items, or the device and platform) present in both and answered alike. */
  same: number;
}

export interface DiffModel {
  sections: DiffSectionModel[];
  differences: number;
  same: number;
  identical: boolean;
}

export const SECTION_ORDER: Array<DiffSection | 'extensions'> = ['identity', 'memory', 'extensions', 'requirements', 'dedicated', 'externalBuffer', 'externalImage', 'externalImageNV', 'handleProperties'];
const TITLES: Record<DiffSection | 'extensions', string> = {
  identity: 'Device identity',
  memory: 'Memory heaps and types',
  extensions: 'Extensions',
  requirements: 'Memory requirements',
  dedicated: 'Dedicated allocation',
  externalBuffer: 'External buffer capabilities',
  externalImage: 'External image capabilities',
  externalImageNV: 'NV external image capabilities',
  handleProperties: 'Handle properties (memoryTypeBits)',
};

function row(e: DiffEntry): DiffRow {
  if (e.kind === 'entry') {
    const onlyA = e.a !== undefined;
    const text = e.summary || 'an entry with no fields';
    return { path: e.path, a: onlyA ? text : '(absent)', b: onlyA ? '(absent)' : text, change: onlyA ? 'only-a' : 'only-b' };
  }
  return { path: e.path, a: showValue(e.a, e.kind), b: showValue(e.b, e.kind), change: e.a === undefined ? 'only-b' : e.b === undefined ? 'only-a' : 'changed' };
}

/**
 * The entries each section compares, by label. diffProfiles names every entry of a profile that the
 * other lacks, so comparing a profile with an empty copy of itself lists its entries.
 */
function entryLabels(p: NormalizedProfile): Map<string, DiffSection> {
  const empty: NormalizedProfile = {
    ...p,
    memory: { heaps: [], types: [] },
    requirements: { ...p.requirements, image: [], dedicated: [] },
    externalBuffer: [], externalImage: [], externalImageNV: [], handleProperties: [], extensions: [],
  };
  const labels = new Map<string, DiffSection>([['platform', 'identity'], ['device', 'identity'], ['requirements.buffer', 'requirements']]);
  for (const e of diffProfiles(p, empty).differences) if (e.kind === 'entry') labels.set(e.path, e.section);
  return labels;
}

/** The comparison of `a` and `b`: every difference by section, with how many entries are the same in both. */
export function diffModel(a: NormalizedProfile, b: NormalizedProfile): DiffModel {
  const d = diffProfiles(a, b);
  const la = entryLabels(a);
  const lb = entryLabels(b);
  // A difference's path is an entry's label, or the label and one field name (which has no dot).
  const differing = new Set(d.differences.map((e) => (la.has(e.path) || lb.has(e.path) ? e.path : e.path.slice(0, e.path.lastIndexOf('.')))));
  const sameIn = (s: DiffSection) => [...la].filter(([label, sec]) => sec === s && lb.has(label) && !differing.has(label)).length;

  const sections: DiffSectionModel[] = SECTION_ORDER.map((id) => {
    if (id === 'extensions') {
      const rows: DiffRow[] = [
        ...d.extensions.removed.map((x) => ({ path: x, a: 'offered', b: '(absent)', change: 'only-a' as const })),
        ...d.extensions.added.map((x) => ({ path: x, a: '(absent)', b: 'offered', change: 'only-b' as const })),
      ];
      return { id, title: TITLES[id], rows, same: a.extensions.filter((x) => b.extensions.includes(x)).length };
    }
    return { id, title: TITLES[id], rows: d.differences.filter((e) => e.section === id).map(row), same: sameIn(id) };
  });
  const differences = sections.reduce((n, s) => n + s.rows.length, 0);
  return { sections, differences, same: sections.reduce((n, s) => n + s.same, 0), identical: d.identical };
}

// ---------------------------------------------------------------------------------------------
// Errors

/** A refusal of a profile file, naming the file, the line and the member: never a stack trace. */
export function loadErrorText(e: unknown, fileName: string): string {
  if (e instanceof InputError) {
    const where = [e.where.line !== undefined ? `line ${e.where.line}` : '', e.where.path ? `at ${e.where.path}` : ''].filter(Boolean).join(', ');
    return `${e.where.file ?? fileName}${where ? `, ${where}` : ''}: ${e.message}`;
  }
  const message = e instanceof Error ? e.message : String(e);
  return message.includes(fileName) ? message : `${fileName}: ${message}`;
}
