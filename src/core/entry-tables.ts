// What the encoder needs of each registry entry, laid out once from the generated tables as arrays
// indexed by entry and slot, so encoding a member costs array reads instead of lookups by name.
import { ENTRIES, ENUMS, KIND, STRUCT_BY_STYPE, STRUCT_ALIASES, type EntryInfo } from '../generated/registry.js';

/** How the strict reader treats a member name (a slot index when it is one of the entry's members). */
export const MEMBER_UNKNOWN = -1;
/** `sType` and `$struct`: the structure's identity, read apart from its members. */
export const MEMBER_IDENTITY = -2;
export const MEMBER_PNEXT = -3;
/** Past this many members a structure's key order is not remembered (none of the registry's comes near). */
const KEY_ORDER_LIMIT = 64;

/**
 * One member slot as the encoder reads it. The generated SlotInfo objects come in many shapes (each
 * optional field present or not), which makes every read of them a slow polymorphic one; these all
 * have one shape.
 */
export class SlotPlan {
  constructor(
    readonly name: string,
    readonly kind: number,
    readonly type: string,
    readonly enumType: string | undefined,
    /** The enumerant name -> value map of its enum type. */
    readonly enumValues: Map<string, number> | undefined,
    /** The entry of a STRUCT or STRUCT_ARRAY member's structure (-1 for other kinds). */
    readonly child: number,
    /** An ARRAY member's element kind (-1 for other kinds) and type. */
    readonly elemKind: number,
    readonly elemType: string,
  ) {}
}

export interface EntryTable {
  info: EntryInfo;
  slots: SlotPlan[];
  slotCount: number;
  /** Whether a pNext member is read as a chain (structures with one, and unmodelled ones). */
  readsChain: boolean;
  /** Unknown members are an error here in strict mode ('other' entries take anything). */
  refusesUnknown: boolean;
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
/** The first name each VkStructureType value has (the registry lists the core name before its aliases). */
const sTypeNameOf = new Map<number, string>();
for (const [name, value] of sTypeValues) if (!sTypeNameOf.has(value)) sTypeNameOf.set(value, name);

export const entryByName = new Map<string, number>(ENTRIES.map((e, i) => [e.name, i]));

export const ENTRY_TABLES: EntryTable[] = ENTRIES.map((info) => {
  const slots = info.slots;
  return {
    info,
    slots: slots.map((s) => new SlotPlan(s.name, s.kind, s.type, s.enumType, s.enumType ? enumMaps.get(s.enumType) : undefined, s.child ?? -1, s.elemKind ?? -1, s.elemType ?? '')),
    slotCount: slots.length,
    readsChain: info.hasPNext || info.kind === 'other',
    refusesUnknown: info.kind !== 'other',
    slotOf: new Map(slots.map((s, i) => [s.name, i])),
    live: slots.map((s, i) => (s.kind === KIND.SKIP ? -1 : i)).filter((i) => i >= 0),
    sTypeName: info.sType >= 0 ? sTypeNameOf.get(info.sType) : undefined,
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

/** Forgets every remembered key order (tests compare encoding with and without them). */
export function forgetKeyOrders(): void {
  for (const t of ENTRY_TABLES) { t.keyOrder.length = 0; t.keyCodes.length = 0; }
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
