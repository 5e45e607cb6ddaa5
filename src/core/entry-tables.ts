// What the encoder needs of each registry entry, laid out once from the generated tables as arrays
// indexed by entry and slot, so encoding a member costs array reads instead of lookups by name.
import { ENTRIES, ENUMS, KIND, STRUCT_BY_STYPE, STRUCT_ALIASES, type EntryInfo, type SlotInfo } from '../generated/registry.js';
import { sTypeNameByValue } from './operands.js';

/** How the strict reader treats a member name (a slot index when it is one of the entry's members). */
export const MEMBER_UNKNOWN = -1;
/** `sType` and `$struct`: the structure's identity, read apart from its members. */
export const MEMBER_IDENTITY = -2;
export const MEMBER_PNEXT = -3;
/** Past this many members a structure's key order is not remembered (none of the registry's comes near). */
const KEY_ORDER_LIMIT = 64;

/**
 * One member slot as the encoder reads it. The generated SlotInfo objects come in many shapes (each
 * optional field present or not), which makes every read of them a slow polymorphic one; these are all
 * made by slotPlan, so they have one shape.
 */
export interface SlotPlan {
  name: string;
  kind: number;
  type: string;
  enumType: string | undefined;
  /** The enumerant name -> value map of its enum type. */
  enumValues: Map<string, number> | undefined;
  /** The entry of a STRUCT or STRUCT_ARRAY member's structure (-1 for other kinds). */
  child: number;
  /** An ARRAY member's element kind (-1 for other kinds) and type. */
  elemKind: number;
  elemType: string;
}

const slotPlan = (s: SlotInfo): SlotPlan => ({
  name: s.name, kind: s.kind, type: s.type, enumType: s.enumType, enumValues: s.enumType ? enumMaps.get(s.enumType) : undefined,
  child: s.child ?? -1, elemKind: s.elemKind ?? -1, elemType: s.elemType ?? '',
});

export interface EntryTable {
  info: EntryInfo;
  slots: SlotPlan[];
  slotCount: number;
  /** Whether a pNext member is read as a chain (structures with one, and unmodelled ones). */
  readsChain: boolean;
  /** Member name -> slot. */
  slotOf: Map<string, number>;
  /** Slots worth reading by name on the lenient path (not SKIP). */
  live: number[];
  /** The VkStructureType name this structure's sType is usually written with, for a cheap first compare. */
  sTypeName: string | undefined;
  /**
   * The member names of the last object read strictly, in the order for…in gave them, and what each
   * is (memberCode): objects of one structure almost always list the same names in the same order,
   * so the next one is matched by comparing names in turn, and only a name out of place is looked up.
   */
  keyOrder: string[];
  keyCodes: number[];
}

const enumMaps = new Map(Object.entries(ENUMS).map(([t, e]) => [t, new Map(Object.entries(e.values))]));
/** VkStructureType names -> values. */
export const sTypeValues = new Map(Object.entries(ENUMS.VkStructureType.values));

export const entryByName = new Map<string, number>(ENTRIES.map((e, i) => [e.name, i]));

export const ENTRY_TABLES: EntryTable[] = ENTRIES.map((info) => {
  const slots = info.slots;
  return {
    info,
    slots: slots.map(slotPlan),
    slotCount: slots.length,
    readsChain: info.hasPNext || info.kind === 'other',
    slotOf: new Map(slots.map((s, i) => [s.name, i])),
    live: slots.map((s, i) => (s.kind === KIND.SKIP ? -1 : i)).filter((i) => i >= 0),
    sTypeName: info.sType >= 0 ? sTypeNameByValue.get(info.sType) : undefined,
    keyOrder: [],
    keyCodes: [],
  };
});

/** What a member name is to the strict reader of `t` (a slot, or one of the MEMBER_ codes). */
export function memberCode(t: EntryTable, key: string): number {
  if (key === 'sType' || key === '$struct') return MEMBER_IDENTITY;
  if (key === 'pNext') return MEMBER_PNEXT;
  return t.slotOf.get(key) ?? MEMBER_UNKNOWN;
}

/** Remembers that the k-th name of an object of `t` was `key`; the names after it are forgotten. */
export function learnMember(t: EntryTable, k: number, key: string, code: number): void {
  if (k >= KEY_ORDER_LIMIT) return;
  t.keyOrder.length = k;
  t.keyCodes.length = k;
  t.keyOrder.push(key);
  t.keyCodes.push(code);
}

/** The entry a pNext structure with this sType value is (0, unmodelled, when the model has none). */
const chainEntryOfSType = new Map<number, number>();
for (const [v, name] of Object.entries(STRUCT_BY_STYPE)) {
  const entry = entryByName.get(STRUCT_ALIASES[name] ?? name);
  if (entry !== undefined) chainEntryOfSType.set(Number(v), entry);
}
export function chainEntry(sType: number): number {
  return chainEntryOfSType.get(sType) ?? 0;
}

/**
 * A modelled structure's sType names -> its value and entry, so a chained structure the model reads costs
 * one lookup (any other sType is looked up by value, as before).
 */
export const chainOfSTypeName = new Map<string, { sType: number; entry: number }>();
for (const [name, sType] of sTypeValues) {
  const entry = chainEntry(sType);
  if (entry !== 0) chainOfSTypeName.set(name, { sType, entry });
}
