// What the import resolver view shows, computed from a Resolution and the importing device's profile:
// one row per memory type (its property flags, and which mask lets it through), the wording of each
// decision, and how a rule is cited. No DOM here, so tests read the same values the page shows.
import type { Resolution, Why, TypeComponent, SizeMode, Dedicated } from '../../../src/resolve/types.js';
import type { NormalizedProfile } from '../../../src/profiles/types.js';
import { flagText } from '../../../src/profiles/describe.js';

/** What each mask that narrows memoryTypeIndex stands for. */
export const COMPONENT_LABELS: Record<TypeComponent['kind'], string> = {
  device: 'device',
  resource: 'resource',
  exporter: 'exporter',
  handle: 'handle',
  host: 'host pointer',
};
export const COMPONENT_HINTS: Record<TypeComponent['kind'], string> = {
  device: 'the memory types the importing physical device has',
  resource: 'the memoryTypeBits of the image or buffer the memory will be bound to',
  exporter: 'the memory type the exporting allocation used (an opaque import must use a compatible one)',
  handle: 'the memoryTypeBits the handle-properties query reported for this handle',
  host: 'the memoryTypeBits vkGetMemoryHostPointerPropertiesEXT reported for this pointer',
};

export interface MemoryTypeRow {
  index: number;
  /** DEVICE_LOCAL|HOST_VISIBLE…, or "none". */
  flags: string;
  heap: number;
  heapFlags: string;
  /** Per component (in the resolution's order): whether its mask lets this type through; undefined when the mask is unknown. */
  allowedBy: Array<{ kind: TypeComponent['kind']; allowed: boolean | undefined }>;
  candidate: boolean;
  /** The one the built chain uses. */
  chosen: boolean;
}

/** One row per memory type of the importing device. */
export function memoryTypeRows(r: Resolution, profile: NormalizedProfile): MemoryTypeRow[] {
  const t = r.memoryTypeIndex;
  return profile.memory.types.map((mt, index) => ({
    index,
    flags: flagText('VkMemoryPropertyFlagBits', mt.propertyFlags),
    heap: mt.heapIndex,
    heapFlags: flagText('VkMemoryHeapFlagBits', profile.memory.heaps[mt.heapIndex]?.flags ?? 0),
    allowedBy: t.components.map((c) => ({ kind: c.kind, allowed: c.types ? c.types.includes(index) : undefined })),
    candidate: t.candidates.includes(index),
    chosen: t.first === index,
  }));
}

export interface Citation {
  /** The VUID, or our own rule key (vk-extmem:…). */
  rule: string;
  url?: string;
  checked: boolean;
  /** "the validator reports this" or "not checkable". */
  checkedText: string;
}

export function citation(w: Why): Citation {
  return {
    rule: w.vuid ?? w.rule,
    url: w.url || undefined,
    checked: w.checked,
    checkedText: w.checked ? 'the validator reports this' : 'not checkable by the validator',
  };
}

const SIZE_WORDS: Record<SizeMode, string> = {
  EXACT: 'exactly',
  RESOURCE_REQUIREMENT: 'at least the resource’s requirement,',
  AT_LEAST: 'at least',
  ALIGNED: 'a multiple of',
  IGNORED: 'ignored by the implementation',
  UNKNOWN: 'not known from what the model saw',
  ANY: 'any size',
};

/** "EXACT 1048576" for the heading; the words for the sentence. */
export function sizeText(s: { mode: SizeMode; value?: number }): { code: string; words: string } {
  const value = s.value !== undefined ? s.value.toLocaleString('en') : '';
  return { code: s.value !== undefined ? `${s.mode} ${s.value}` : s.mode, words: `${SIZE_WORDS[s.mode]}${value ? ` ${value} bytes` : ''}` };
}

const DEDICATED_WORDS: Record<Dedicated['decision'], string> = {
  REQUIRED: 'required',
  OPTIONAL: 'optional',
  NOT_ALLOWED: 'not allowed',
  NOT_APPLICABLE: 'not applicable',
};

export function dedicatedText(d: Dedicated): string {
  const target = d.target ? ` (to ${d.targetKind ?? 'resource'} ${d.target})` : '';
  return `${DEDICATED_WORDS[d.decision]}${target}`;
}

/** The verdict line: can the import work, and is something left that the model cannot decide. */
export function verdictOf(r: Resolution): { tone: 'ok' | 'warn' | 'bad'; text: string } {
  const undecided = r.problems.filter((p) => p.severity === 'undecidable').length;
  if (!r.ok) return { tone: 'bad', text: 'This import cannot work as asked: see the problems below.' };
  if (undecided) return { tone: 'warn', text: `This import can work with the chain below, but ${undecided === 1 ? 'one thing' : `${undecided} things`} cannot be decided from this world.` };
  return { tone: 'ok', text: 'This import can work with the chain below.' };
}

/** Whether the NV dedicated decision is worth a row (NV imports, or resources made for it). */
export function showsNvDedicated(r: Resolution): boolean {
  return r.dedicatedNV.required || /_NV$/.test(r.query.handleType) || r.dedicatedNV.decision !== 'NOT_APPLICABLE';
}
