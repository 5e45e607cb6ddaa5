// What the "Profiles" view shows, as plain data: the list of profiles (built-in and loaded from files)
// and one profile's summary (the comparison of two is profile-compare.ts). No DOM: unit-tested in Node.
import type { NormalizedProfile } from '../../../src/profiles/types.js';
import { flagNames, flagText, provenanceLine, shortName, typeIndices } from '../../../src/profiles/describe.js';
import { bytesHex } from '../../../src/profiles/diff.js';
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
    ['deviceUUID', bytesHex(d.deviceUUID)],
    ['driverUUID', bytesHex(d.driverUUID)],
    ['deviceLUID', d.deviceLUIDValid && d.deviceLUID ? `${bytesHex(d.deviceLUID)} (node mask 0x${d.deviceNodeMask.toString(16)})` : 'not valid on this device'],
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
