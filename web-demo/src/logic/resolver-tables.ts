// What the import resolver view shows, computed from a Resolution and the importing device's profile:
// one row per memory type (its property flags, and which mask lets it through), the verdict, and how
// a rule is cited (the decisions in words are resolver-words.ts). No DOM here, so tests read the same
// values the page shows.
import type { Resolution, Why, TypeComponent } from '../../../src/resolve/types.js';
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
  /** The VUID, or our own rule key (vk-extmem:…): what the page keys the rule by. */
  rule: string;
  /** What the link reads: the VUID, else the specification section the rule is stated in, else that no VUID states it. */
  label: string;
  url?: string;
  checked: boolean;
  /** "the validator reports this" or "not checkable". */
  checkedText: string;
}

/** How a rule is cited: by its VUID, or (for a rule no VUID states) by the section of the specification that states it. */
export function citation(w: Why): Citation {
  const section = w.url && !w.vuid ? decodeURIComponent(w.url.slice(w.url.indexOf('#') + 1)) : '';
  return {
    rule: w.vuid ?? w.rule,
    label: w.vuid ?? (section ? `specification: ${section}` : 'stated by no VUID'),
    url: w.url || undefined,
    checked: w.checked,
    checkedText: w.checked ? 'the validator reports this' : 'not checkable by the validator',
  };
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
