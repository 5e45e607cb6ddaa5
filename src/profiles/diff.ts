// Comparing two profiles by what a driver would answer. Lists are matched by their question (handle
// type, usage, format, tiling…) rather than by position, so reordering a file is no difference; memory
// types and heaps are paired by their flags (memory-match.ts), and memoryTypeBits masks compare the
// types they name. Names, titles and provenance are reported beside the comparison but are not part of it.
import { ENUMS } from '../generated/registry.js';
import { flagNames, flagText, provenanceLine, shortName, typeIndices } from './describe.js';
import { dedicatedRequirements } from './lookup.js';
import { pairMemory, sameMemoryTypes } from './memory-match.js';
import type { NormalizedProfile } from './types.js';

export type DiffSection = 'identity' | 'memory' | 'requirements' | 'dedicated' | 'externalBuffer' | 'externalImage' | 'externalImageNV' | 'handleProperties';

export interface DiffEntry {
  section: DiffSection;
  /** Short handle-type name for answers and dedicated rules ("… (NV)" for externalImageNV). */
  handleType?: string;
  /**
   * Where, with lists named by their question rather than their position:
   * `externalBuffer[OPAQUE_FD, usage TRANSFER_SRC|TRANSFER_DST, flags none].externalMemoryFeatures`,
   * `dedicated[image, D3D11_TEXTURE].requiresDedicated` (the effect of every rule for that handle type).
   */
  path: string;
  /** The value in each profile; absent when that profile has no such entry. A whole entry is an object of its fields. */
  a?: unknown;
  b?: unknown;
  /** How to name the value: an enum name, "memoryTypeBits", "hex", "version", "uuid", "luid", "name" (as it is); "entry" for a whole entry. */
  kind?: string;
  /** For a whole entry: its fields as people read them. */
  summary?: string;
}

export interface ProfileRef { profile: string; source: string; provenance: 'measured' | 'illustrative'; provenanceLine: string }

export interface ProfileDiff {
  a: ProfileRef;
  b: ProfileRef;
  identical: boolean;
  extensions: { added: string[]; removed: string[] };
  differences: DiffEntry[];
}

/** One entry of a profile (the device, a heap, a memory type, an answer) compared with its namesake in the other. */
export type EntryStatus = 'same' | 'changed' | 'only-a' | 'only-b';

export interface FieldChange {
  /** The field's name; '' for an entry that is a single value (the platform). */
  field: string;
  a?: unknown;
  b?: unknown;
  kind?: string;
}

export interface ComparedEntry {
  section: DiffSection;
  handleType?: string;
  /** The entry's name, the same in both profiles (a DiffEntry's path is this, or this and a field). */
  label: string;
  status: EntryStatus;
  /** The fields that differ ('changed' only). */
  changes: FieldChange[];
  /** Each side's entry as people read it; absent on the side that lacks it. */
  a?: string;
  b?: string;
}

export interface ProfileComparison {
  /** Every entry of either profile, in A's order, then those only B has. */
  entries: ComparedEntry[];
  extensions: { added: string[]; removed: string[]; same: string[] };
}

interface Field { value: unknown; kind?: string }
interface Item { section: DiffSection; handleType?: string; label: string; fields: Record<string, Field> }
/** How one profile's heaps and memory types are named in this comparison (partners alike). */
interface MemoryNames { heaps: string[]; types: string[] }

const HT = 'VkExternalMemoryHandleTypeFlagBits';
const HT_NV = 'VkExternalMemoryHandleTypeFlagBitsNV';

function items(p: NormalizedProfile, memory: MemoryNames): Map<string, Item> {
  const out = new Map<string, Item>();
  const add = (it: Item) => out.set(it.label, it);
  const f = (value: unknown, kind?: string): Field => ({ value, kind });
  const opt = (name: string, v: string | undefined, e: string) => (v === undefined ? `any ${name}` : shortName(e, v));
  const mask = (name: string, v: number | undefined, e: string) => `${name} ${flagText(e, v)}`;

  add({ section: 'identity', label: 'platform', fields: { '': f(p.platform) } });
  const d = p.device;
  add({
    section: 'identity', label: 'device',
    fields: {
      deviceName: f(d.deviceName), vendorID: f(d.vendorID, 'hex'), deviceID: f(d.deviceID, 'hex'), deviceType: f(d.deviceType),
      apiVersion: f(d.apiVersion, 'version'), driverVersion: f(d.driverVersion, 'hex'), deviceUUID: f(d.deviceUUID, 'uuid'), driverUUID: f(d.driverUUID, 'uuid'),
      deviceLUID: f(d.deviceLUID, 'luid'), deviceLUIDValid: f(d.deviceLUIDValid), deviceNodeMask: f(d.deviceNodeMask),
      minImportedHostPointerAlignment: f(d.minImportedHostPointerAlignment),
    },
  });
  // Named by their flags (which partners share). A type names its heap the same way, so partners on
  // partner heaps agree however either file numbers its heaps, and a heap's size is said once, by the heap.
  p.memory.heaps.forEach((h, i) => add({ section: 'memory', label: `memory.heaps[${memory.heaps[i]}]`, fields: { size: f(h.size) } }));
  p.memory.types.forEach((t, i) => add({ section: 'memory', label: `memory.types[${memory.types[i]}]`, fields: { heap: f(memory.heaps[t.heapIndex] ?? `index ${t.heapIndex}`, 'name') } }));

  const rule = (r: { alignment: number; memoryTypeBits: number }) => ({ alignment: f(r.alignment), memoryTypeBits: f(r.memoryTypeBits, 'memoryTypeBits') });
  add({ section: 'requirements', label: 'requirements.buffer', fields: rule(p.requirements.buffer) });
  for (const r of p.requirements.image) add({ section: 'requirements', label: `requirements.image[${opt('tiling', r.tiling, 'VkImageTiling')}, ${opt('format', r.format, 'VkFormat')}]`, fields: rule(r) });
  // Dedicated rules compare by effect, per resource and single handle type, however a file groups them.
  for (const resource of ['buffer', 'image'] as const) {
    const mentioned = p.requirements.dedicated.filter((r) => r.resource === resource).reduce((m, r) => (m | r.handleTypes) >>> 0, 0);
    for (const name of flagNames(HT, mentioned)) {
      const ht = shortName(HT, name);
      const eff = dedicatedRequirements(p, resource, ENUMS[HT].values[name]);
      const narrowed = p.requirements.dedicated.filter((r) => r.resource === resource && (r.handleTypes & ENUMS[HT].values[name]) !== 0);
      const bits = narrowed.reduce((m, r) => (r.memoryTypeBits !== undefined ? (m & r.memoryTypeBits) >>> 0 : m), 0xffffffff);
      const align = narrowed.reduce((m, r) => Math.max(m, r.alignment ?? 1), 1);
      add({ section: 'dedicated', handleType: ht, label: `dedicated[${resource}, ${ht}]`, fields: { prefersDedicated: f(eff.prefersDedicated), requiresDedicated: f(eff.requiresDedicated), memoryTypeBits: f(bits === 0xffffffff ? undefined : bits, 'memoryTypeBits'), alignment: f(align) } });
    }
  }
  const external = (a: { externalMemoryFeatures?: number; exportFromImportedHandleTypes?: number; compatibleHandleTypes?: number }, features: string, handles: string) => ({
    externalMemoryFeatures: f(a.externalMemoryFeatures, features),
    exportFromImportedHandleTypes: f(a.exportFromImportedHandleTypes, handles),
    compatibleHandleTypes: f(a.compatibleHandleTypes, handles),
  });
  for (const a of p.externalBuffer) {
    const ht = shortName(HT, a.handleType);
    add({ section: 'externalBuffer', handleType: ht, label: `externalBuffer[${ht}, ${mask('usage', a.usage, 'VkBufferUsageFlagBits')}, ${mask('flags', a.flags, 'VkBufferCreateFlagBits')}]`, fields: external(a, 'VkExternalMemoryFeatureFlagBits', HT) });
  }
  const imageKey = (a: { format?: string; type?: string; tiling?: string; usage?: number; flags?: number }) =>
    `${opt('format', a.format, 'VkFormat')}, ${opt('type', a.type, 'VkImageType')}, ${opt('tiling', a.tiling, 'VkImageTiling')}, ${mask('usage', a.usage, 'VkImageUsageFlagBits')}, ${mask('flags', a.flags, 'VkImageCreateFlagBits')}`;
  for (const a of p.externalImage) {
    const ht = shortName(HT, a.handleType);
    add({ section: 'externalImage', handleType: ht, label: `externalImage[${ht}, ${imageKey(a)}]`, fields: { result: f(a.result), ...external(a, 'VkExternalMemoryFeatureFlagBits', HT) } });
  }
  for (const a of p.externalImageNV) {
    const ht = `${flagText(HT_NV, a.handleTypes)} (NV)`;
    add({ section: 'externalImageNV', handleType: ht, label: `externalImageNV[${ht}, ${imageKey(a)}]`, fields: { result: f(a.result), ...external(a, 'VkExternalMemoryFeatureFlagBitsNV', HT_NV) } });
  }
  for (const a of p.handleProperties) {
    const ht = shortName(HT, a.handleType);
    add({ section: 'handleProperties', handleType: ht, label: `handleProperties[${ht}]`, fields: { memoryTypeBits: f(a.memoryTypeBits, 'memoryTypeBits') } });
  }
  return out;
}

function ref(p: NormalizedProfile): ProfileRef {
  return { profile: p.profile, source: p.source, provenance: p.provenance.kind, provenanceLine: provenanceLine(p) };
}

function whole(it: Item): Record<string, unknown> {
  return Object.fromEntries(Object.entries(it.fields).filter(([, v]) => v.value !== undefined).map(([k, v]) => [k || 'value', v.value]));
}

function summarize(it: Item): string {
  return Object.entries(it.fields).filter(([, v]) => v.value !== undefined).map(([k, v]) => `${k ? k + ' ' : ''}${showValue(v.value, v.kind)}`).join(', ');
}

interface ItemPair { label: string; x?: Item; y?: Item; changes: FieldChange[] }

/** Both profiles' entries side by side, with the fields that differ. */
function pairItems(a: NormalizedProfile, b: NormalizedProfile): ItemPair[] {
  const m = pairMemory(a.memory, b.memory);
  const ia = items(a, { heaps: m.heapLabelsA, types: m.typeLabelsA });
  const ib = items(b, { heaps: m.heapLabelsB, types: m.typeLabelsB });
  // Equal masks may name different types (the same bit is another type in the other profile), and
  // different masks the same types: a mask is compared by the types it names.
  const same = (va: unknown, vb: unknown, kind?: string) =>
    kind === 'memoryTypeBits' && typeof va === 'number' && typeof vb === 'number' ? sameMemoryTypes(va, vb, m) : va === vb;
  const out: ItemPair[] = [];
  for (const [label, x] of ia) {
    const y = ib.get(label);
    const changes: FieldChange[] = [];
    if (y) {
      for (const field of new Set([...Object.keys(x.fields), ...Object.keys(y.fields)])) {
        const va = x.fields[field]?.value;
        const vb = y.fields[field]?.value;
        const kind = x.fields[field]?.kind ?? y.fields[field]?.kind;
        if (!same(va, vb, kind)) changes.push({ field, ...(va !== undefined && { a: va }), ...(vb !== undefined && { b: vb }), ...(kind && { kind }) });
      }
    }
    out.push({ label, x, y, changes });
  }
  for (const [label, y] of ib) if (!ia.has(label)) out.push({ label, y, changes: [] });
  return out;
}

function extensionLists(a: NormalizedProfile, b: NormalizedProfile): ProfileComparison['extensions'] {
  const ea = new Set(a.extensions);
  const eb = new Set(b.extensions);
  return { added: b.extensions.filter((e) => !ea.has(e)).sort(), removed: a.extensions.filter((e) => !eb.has(e)).sort(), same: a.extensions.filter((e) => eb.has(e)).sort() };
}

/** Every entry of two profiles, the same ones included: what a full side-by-side view lists. */
export function compareProfiles(a: NormalizedProfile, b: NormalizedProfile): ProfileComparison {
  const entries = pairItems(a, b).map(({ label, x, y, changes }): ComparedEntry => {
    const it = (x ?? y)!;
    const status: EntryStatus = !y ? 'only-a' : !x ? 'only-b' : changes.length ? 'changed' : 'same';
    return {
      section: it.section, ...(it.handleType !== undefined && { handleType: it.handleType }), label, status, changes,
      ...(x && { a: summarize(x) }), ...(y && { b: summarize(y) }),
    };
  });
  return { entries, extensions: extensionLists(a, b) };
}

export function diffProfiles(a: NormalizedProfile, b: NormalizedProfile): ProfileDiff {
  const differences: DiffEntry[] = [];
  const base = (it: Item) => ({ section: it.section, ...(it.handleType !== undefined && { handleType: it.handleType }) });
  for (const { label, x, y, changes } of pairItems(a, b)) {
    if (x && !y) differences.push({ ...base(x), path: label, a: whole(x), kind: 'entry', summary: summarize(x) });
    else if (y && !x) differences.push({ ...base(y), path: label, b: whole(y), kind: 'entry', summary: summarize(y) });
    else for (const { field, ...values } of changes) differences.push({ ...base(x!), path: field ? `${label}.${field}` : label, ...values });
  }
  const { added, removed } = extensionLists(a, b);
  return { a: ref(a), b: ref(b), identical: differences.length === 0 && added.length === 0 && removed.length === 0, extensions: { added, removed }, differences };
}

// ---------------------------------------------------------------------------------------------
// Text

/**
 * Dash-separated decimal bytes as a profile stores them ("109-101-115-…") in hex: a 16-byte UUID in the
 * 8-4-4-4-12 form tools print, anything else (the 8-byte LUID) as one run of hex digits.
 */
export function bytesHex(text: string): string {
  const bytes = text.split('-').map((x) => Number(x));
  if (!bytes.length || bytes.some((x) => !Number.isInteger(x) || x < 0 || x > 255)) return text;
  const hex = bytes.map((x) => x.toString(16).padStart(2, '0')).join('');
  if (bytes.length !== 16) return hex;
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}

/** A value as people read it: flag names, memory type lists, versions, UUIDs in hex. */
export function showValue(v: unknown, kind?: string): string {
  if (v === undefined) return '(absent)';
  if (typeof v === 'string' && (kind === 'uuid' || kind === 'luid')) return bytesHex(v);
  if (typeof v === 'string' && kind === 'name') return v;
  if (typeof v === 'number' && kind) {
    if (kind === 'memoryTypeBits') return `0x${v.toString(16)} (types ${typeIndices(v)})`;
    if (kind === 'hex') return `0x${v.toString(16)}`;
    if (kind === 'version') return `${v >>> 22}.${(v >>> 12) & 0x3ff}.${v & 0xfff}`;
    return flagText(kind, v);
  }
  if (typeof v === 'string') return /^VK_/.test(v) ? v : JSON.stringify(v);
  return String(v);
}

const SECTION_TITLES: Record<DiffSection, string> = {
  identity: 'identity', memory: 'memory types and heaps', requirements: 'memory requirements', dedicated: 'dedicated allocation rules',
  externalBuffer: 'external buffer answers', externalImage: 'external image answers', externalImageNV: 'NV external image answers', handleProperties: 'handle properties',
};

export function formatDiffText(d: ProfileDiff): string {
  const lines: string[] = [];
  lines.push(`a: ${d.a.profile}  (${d.a.source})`, `   ${d.a.provenanceLine}`, `b: ${d.b.profile}  (${d.b.source})`, `   ${d.b.provenanceLine}`, '');
  const sections = [...new Set(d.differences.map((x) => x.section))];
  const order: DiffSection[] = ['identity', 'memory', 'requirements', 'dedicated', 'externalBuffer', 'externalImage', 'externalImageNV', 'handleProperties'];
  const line = (e: DiffEntry) => {
    if (e.kind === 'entry') {
      const side = e.a !== undefined ? 'a' : 'b';
      return `  ${e.path}: only in ${side}: ${e.summary || 'no fields'}`;
    }
    return `  ${e.path}: ${showValue(e.a, e.kind)} → ${showValue(e.b, e.kind)}`;
  };
  for (const s of order.filter((x) => sections.includes(x) && (x === 'identity' || x === 'memory'))) {
    lines.push(SECTION_TITLES[s], ...d.differences.filter((x) => x.section === s).map(line));
  }
  if (d.extensions.added.length || d.extensions.removed.length) {
    lines.push('extensions', ...d.extensions.removed.map((e) => `  - ${e}  (only in a)`), ...d.extensions.added.map((e) => `  + ${e}  (only in b)`));
  }
  for (const s of order.filter((x) => sections.includes(x) && x === 'requirements')) {
    lines.push(SECTION_TITLES[s], ...d.differences.filter((x) => x.section === s).map(line));
  }
  // Dedicated rules and capability answers, grouped by handle type: what each profile lets you do with it.
  const answers = d.differences.filter((x) => x.handleType !== undefined);
  for (const ht of [...new Set(answers.map((x) => x.handleType!))]) {
    lines.push(`handle type ${ht}`);
    for (const s of order) for (const e of answers.filter((x) => x.handleType === ht && x.section === s)) lines.push(line(e));
  }
  const n = d.differences.length + d.extensions.added.length + d.extensions.removed.length;
  lines.push(n === 0 ? 'identical: the two profiles answer every question the same way (names, titles and provenance are not compared).' : `${n} difference${n === 1 ? '' : 's'} (names, titles and provenance are not compared).`);
  return lines.join('\n') + '\n';
}
