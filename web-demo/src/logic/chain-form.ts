// The chain builder's form model, read from the generated registry: which members each command and
// structure has, what kind of control each member gets, and which structures may be chained where.
// Nothing here is written by hand per structure, so a structure the model learns shows up in the form.
import { ENTRIES, ENUMS, KIND, STRUCT_ALIASES, STRUCT_BY_STYPE, STRUCT_EXTENDERS, type SlotInfo } from '../../../src/generated/registry.js';

/** How a member is edited. */
export type FieldKind =
  | 'integer' //   32-bit numbers: a number input
  | 'size' //      64-bit sizes, addresses and DWORD masks: text checked as an integer (decimal or 0x…)
  | 'bool' //      VkBool32: a checkbox
  | 'enum' //      a select of the enumerants
  | 'flags' //     a checkbox per bit, plus the raw value
  | 'handle' //    a Vulkan object by name (the world's names offered)
  | 'oshandle' //  a Win32 HANDLE by name or value
  | 'fd' //        a file descriptor number
  | 'string' //    text, or NULL when empty
  | 'pointer' //   an address ("0x…"), or NULL when empty
  | 'struct' //    a nested structure (its own members)
  | 'array' //     a list of numbers, or NULL when empty
  | 'fixed'; //    not modelled (pAllocator): always NULL

export interface FieldSpec {
  name: string;
  /** The C type (VkDeviceSize, VkImage, HANDLE, …). */
  type: string;
  kind: FieldKind;
  /** The enum whose values the select or the checkboxes offer. */
  enumType?: string;
  /** The registry marks it optional (may be zero / NULL). */
  optional: boolean;
  /** Written by the call (pMemory, pHandle, pFd, an output structure). */
  out: boolean;
  /** For kind "struct": the structure's name. */
  struct?: string;
}

export interface StructSpec {
  name: string;
  /** The VK_STRUCTURE_TYPE_… name; undefined for structures without sType (VkExtent3D). */
  sType?: string;
  hasPNext: boolean;
  fields: FieldSpec[];
  /** The modelled structures allowed in its pNext chain. */
  extenders: string[];
}

export interface CommandSpec {
  name: string;
  returns: string;
  params: FieldSpec[];
}

const entryIndex = new Map(ENTRIES.map((e, i) => [e.name, i]));
// C types whose values do not fit a 32-bit number input, or that read better in hex.
const WIDE_TYPES = new Set(['VkDeviceSize', 'uint64_t', 'VkDeviceAddress', 'size_t', 'DWORD']);

function fieldOf(slot: SlotInfo): FieldSpec {
  const base = { name: slot.name, type: slot.type, optional: slot.optional, out: slot.out === true };
  switch (slot.kind) {
    case KIND.SCALAR:
      if (slot.type === 'VkBool32') return { ...base, kind: 'bool' };
      return { ...base, kind: WIDE_TYPES.has(slot.type) ? 'size' : 'integer' };
    case KIND.ENUM: return { ...base, kind: 'enum', enumType: slot.enumType };
    case KIND.FLAGS: return { ...base, kind: 'flags', enumType: slot.enumType };
    case KIND.HANDLE: return { ...base, kind: 'handle' };
    case KIND.OSHANDLE: return { ...base, kind: 'oshandle' };
    case KIND.FD: return { ...base, kind: 'fd' };
    case KIND.STRING: return { ...base, kind: 'string' };
    case KIND.PTR: return { ...base, kind: 'pointer' };
    case KIND.STRUCT: return { ...base, kind: 'struct', struct: ENTRIES[slot.child!].name };
    case KIND.ARRAY: return { ...base, kind: 'array' };
    default: return { ...base, kind: 'fixed' };
  }
}

function entry(name: string) {
  const i = entryIndex.get(STRUCT_ALIASES[name] ?? name);
  return i === undefined ? undefined : ENTRIES[i];
}

/** The parameters of a command, in C order. */
export function commandSpec(name: string): CommandSpec {
  const e = entry(name);
  if (!e || e.kind !== 'command') throw new Error(`${name} is not a command the model knows`);
  return { name: e.name, returns: e.returns ?? 'void', params: e.slots.map(fieldOf) };
}

/** A structure's members (sType and pNext left out: the form handles them) and its chain. */
export function structSpec(name: string): StructSpec | undefined {
  const e = entry(name);
  if (!e || (e.kind !== 'struct' && e.kind !== 'model')) return undefined;
  return { name: e.name, sType: e.sType >= 0 ? sTypeName(e.sType) : undefined, hasPNext: e.hasPNext, fields: e.slots.map(fieldOf), extenders: STRUCT_EXTENDERS[e.name] ?? [] };
}

/** Whether `ext` may appear in the pNext chain of `root` (as the registry's structextends says). */
export function mayExtend(root: string, ext: string): boolean {
  return (STRUCT_EXTENDERS[root] ?? []).includes(STRUCT_ALIASES[ext] ?? ext);
}

// One name per value: aliases ending in _KHR give way to the promoted name.
function preferredNames(enumType: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const [n, v] of Object.entries(ENUMS[enumType]?.values ?? {})) {
    const had = out.get(v);
    if (had === undefined || (/_KHR$/.test(had) && !/_KHR$/.test(n))) out.set(v, n);
  }
  return out;
}
const preferredCache = new Map<string, Map<number, string>>();
function preferred(enumType: string): Map<number, string> {
  let m = preferredCache.get(enumType);
  if (!m) { m = preferredNames(enumType); preferredCache.set(enumType, m); }
  return m;
}

/** The VK_STRUCTURE_TYPE_… name of an sType value (the promoted spelling). */
export function sTypeName(value: number): string | undefined {
  return preferred('VkStructureType').get(value);
}

/** The structure an sType (name or number) stands for; undefined when the model does not know it. */
export function structOfSType(sType: unknown): string | undefined {
  const value = typeof sType === 'number' ? sType : typeof sType === 'string' ? ENUMS.VkStructureType.values[sType] : undefined;
  if (value === undefined) return undefined;
  const name = STRUCT_BY_STYPE[value];
  return name === undefined ? undefined : STRUCT_ALIASES[name] ?? name;
}

/** The enumerants a select offers: one name per value, in the registry's order. */
export function enumOptions(enumType: string): Array<{ name: string; value: number }> {
  return [...preferred(enumType)].map(([value, name]) => ({ name, value }));
}

/** The single-bit values of a flags enum, each once, lowest bit first. */
export function flagBits(enumType: string): Array<{ name: string; value: number }> {
  return enumOptions(enumType).filter((o) => o.value > 0 && Number.isInteger(Math.log2(o.value))).sort((a, b) => a.value - b.value);
}

/** An enum member's value as a number: a name (any alias) or a number; undefined when neither. */
export function enumNumber(enumType: string | undefined, v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && enumType) return ENUMS[enumType]?.values[v];
  return undefined;
}

/** The preferred name of an enum value, if it has one. */
export function enumName(enumType: string | undefined, value: number): string | undefined {
  return enumType ? preferred(enumType).get(value) : undefined;
}

/** A flags member as a number: a number, "A|B", or an array of names/numbers; undefined if a name is unknown. */
export function flagsNumber(enumType: string | undefined, v: unknown): number | undefined {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? v : undefined;
  const parts = typeof v === 'string' ? v.split('|').map((x) => x.trim()).filter(Boolean) : Array.isArray(v) ? v : undefined;
  if (!parts) return undefined;
  let mask = 0n;
  for (const p of parts) {
    if (typeof p === 'number' && Number.isInteger(p) && p >= 0) { mask |= BigInt(p); continue; }
    if (typeof p !== 'string') return undefined;
    if (/^(0x[0-9a-f]+|\d+)$/i.test(p)) { mask |= BigInt(p); continue; }
    const bit = enumType ? ENUMS[enumType]?.values[p] : undefined;
    if (bit === undefined) return undefined;
    mask |= BigInt(bit);
  }
  return Number(mask);
}

/** The names of the bits set in a flags value; bits without a name come back as one hex remainder. */
export function flagNames(enumType: string | undefined, value: number): { names: string[]; rest: bigint } {
  let rest = BigInt(value);
  const names: string[] = [];
  for (const b of enumType ? flagBits(enumType) : []) {
    const bit = BigInt(b.value);
    if ((rest & bit) === bit) { names.push(b.name); rest &= ~bit; }
  }
  return { names, rest };
}

/** The short form of a flag bit for its checkbox (`VK_IMAGE_USAGE_SAMPLED_BIT` → `SAMPLED`); the full name goes in its title. */
export function shortFlagName(name: string, enumType: string): string {
  const m = /^Vk(\w+?)FlagBits(2?)(NV|KHR|EXT)?$/.exec(enumType);
  if (!m) return name;
  // VkBufferUsageFlagBits2 → BUFFER_USAGE_2 (its bits are VK_BUFFER_USAGE_2_…).
  const stem = m[1].replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase() + (m[2] ? '_2' : '');
  return name.replace(new RegExp(`^VK_${stem}S?_`), '').replace(/_BIT(_NV|_KHR|_EXT)?$/, '$1') || name;
}
