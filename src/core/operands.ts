// The one way an operand of the core is written as text, for findings and for the resolver's words
// alike. The contract names the printer of each operand kind; this table has exactly one printer per
// name, so a kind added to the contract with a new printer fails the typecheck until it is written here.
import { ENTRIES, ENUMS, EXTENSIONS, STRUCT_BY_STYPE } from '../generated/registry.js';
import { OPERAND_PRINTERS, type OperandPrinter } from '../generated/contract.js';
import type { Names } from './encode.js';

/** An operand's value: a number, or a bigint where the 64-bit word does not fit a double exactly. */
export type OperandValue = number | bigint;

export interface OperandContext {
  names: Names;
  /** The enum type of the finding's own member (MEMBER operands are named by it). */
  memberEnum?: string;
  /** The C type of the finding's own member (an unsigned one prints as such). */
  memberType?: string;
}

/** C types whose 64-bit operand words are unsigned: all ones is 18446744073709551615, not -1. */
const UNSIGNED_TYPES = new Set(['VkDeviceSize', 'VkDeviceAddress', 'uint64_t', 'uint32_t', 'size_t', 'VkBool32']);
/** The word as an unsigned 64-bit number, exactly (the core stores every operand as a signed word). */
const unsigned = (exact: OperandValue) => BigInt.asUintN(64, BigInt(exact)).toString();

type Printer = (v: number, exact: OperandValue, ctx: OperandContext) => string;

const PRINTERS: { readonly [P in OperandPrinter]: Printer } = {
  // Exact: a bigint where the value does not fit a double (String of the rounded double would lie).
  decimal: (_, exact) => String(exact),
  unsigned: (_, exact) => unsigned(exact),
  hex: (_, exact) => `0x${BigInt.asUintN(64, BigInt(exact)).toString(16)}`,
  handleTypes: (v) => handleTypeNames(v),
  handleTypesNV: (v) => handleTypeNamesNV(v),
  handleTypesNVMarked: (v) => (v === 0 ? 'none' : `${handleTypeNamesNV(v)} (NV)`),
  object: (v, _, ctx) => (v === 0 ? 'VK_NULL_HANDLE' : ctx.names.objects.name(v)),
  quotedString: (v, _, ctx) => (v === 0 ? 'NULL' : JSON.stringify(ctx.names.strings.name(v))),
  memoryTypeBits: (v) => memoryTypeBits(v),
  call: (v) => (v < 0 ? 'unknown' : String(v)),
  // A FlagBits member holding one defined bit is named; other masks are shown in hex.
  member: (v, exact, ctx) => (ctx.memberEnum ? enumName(ctx.memberEnum, v) : UNSIGNED_TYPES.has(ctx.memberType ?? '') ? unsigned(exact) : String(exact)),
  structureType: (v) => STRUCT_BY_STYPE[v] ?? sTypeNameByValue.get(v) ?? `sType ${v}`,
  bool: (v) => (v ? 'VK_TRUE' : 'VK_FALSE'),
  vkResult: (v) => resultNameByValue.get(v) ?? String(v),
  extensions: (v) => EXTENSIONS.filter((_, i) => (BigInt(v) >> BigInt(i)) & 1n).join(', ') || 'none',
  osHandle: (v, _, ctx) => ctx.names.osHandleName(v),
  memoryFeatures: (v) => featureNames(v),
  entry: (v) => ENTRIES[v]?.name ?? String(v),
  process: (v, _, ctx) => (v === 0 ? 'main' : ctx.names.strings.name(v)),
  imageCreateFlags: (v) => imageFlagNames(v),
  bufferCreateFlags: (v) => bufferFlagNames(v),
  apiVersion: (v) => `${v >>> 22}.${(v >>> 12) & 0x3ff}.${v & 0xfff}`,
};

/** The printers by name (tests check that every operand kind of the contract has one). */
export const OPERAND_PRINTER_TABLE: Readonly<Record<string, Printer>> = PRINTERS;

/** An operand of kind `kind` as text. */
export function formatOperand(kind: number, value: OperandValue, ctx: OperandContext): string {
  const v = typeof value === 'bigint' ? Number(value) : value;
  const printer = OPERAND_PRINTERS[kind];
  return printer === undefined ? String(v) : PRINTERS[printer](v, value, ctx);
}

// Names of flag masks, remembered per value: a trace repeats the same few masks, and findings are
// formatted on the hot path of invalid calls.
function flagNames(enumType: string, strip: RegExp): (v: number) => string {
  const entries = Object.entries(ENUMS[enumType]?.values ?? {});
  const known = new Map<number, string>();
  return (v: number): string => {
    let s = known.get(v);
    if (s === undefined) {
      s = flagNamesOf(entries, strip, v);
      if (known.size < 4096) known.set(v, s);
    }
    return s;
  };
}

function flagNamesOf(entries: Array<[string, number]>, strip: RegExp, v: number): string {
  if (v === 0) return 'none';
  const out: string[] = [];
  let rest = BigInt.asUintN(64, BigInt(v));
  const seen = new Set<string>();
  for (const [name, bit] of entries) {
    const b = BigInt(bit);
    if (b !== 0n && (b & (b - 1n)) === 0n && (rest & b) === b) {
      const short = name.replace(strip, '');
      if (!seen.has(short)) out.push(short);
      seen.add(short);
      rest &= ~b;
    }
  }
  if (rest !== 0n) out.push(`0x${rest.toString(16)}`);
  return out.join('|');
}

const handleTypeNames = flagNames('VkExternalMemoryHandleTypeFlagBits', /^VK_EXTERNAL_MEMORY_HANDLE_TYPE_|_BIT(_[A-Z]+)?$/g);
const handleTypeNamesNV = flagNames('VkExternalMemoryHandleTypeFlagBitsNV', /^VK_EXTERNAL_MEMORY_HANDLE_TYPE_|_BIT_NV$/g);
const featureNames = flagNames('VkExternalMemoryFeatureFlagBits', /^VK_EXTERNAL_MEMORY_FEATURE_|_BIT(_KHR)?$/g);
const imageFlagNames = flagNames('VkImageCreateFlagBits', /^VK_IMAGE_CREATE_|_BIT$/g);
const bufferFlagNames = flagNames('VkBufferCreateFlagBits', /^VK_BUFFER_CREATE_|_BIT$/g);

/** The first name each VkStructureType value has (the registry lists the core name before its aliases). */
export const sTypeNameByValue = new Map<number, string>();
for (const [n, v] of Object.entries(ENUMS.VkStructureType.values)) if (!sTypeNameByValue.has(v)) sTypeNameByValue.set(v, n);
const resultNameByValue = new Map<number, string>();
for (const [n, v] of Object.entries(ENUMS.VkResult.values)) if (!resultNameByValue.has(v)) resultNameByValue.set(v, n);

/** Memory type indices of a mask. */
export function typesOf(mask: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < 32; i++) if ((mask >>> i) & 1) out.push(i);
  return out;
}

/** A memoryTypeBits mask as the memory type indices it allows: `0x5 (types 0, 2)`. */
function memoryTypeBits(v: number): string {
  const t = typesOf(v);
  return `0x${v.toString(16)} (${t.length === 0 ? 'no types' : t.length === 1 ? `type ${t[0]}` : `types ${t.join(', ')}`})`;
}

const enumNamesByValue = new Map<string, Map<number, string>>();
/** The enumerant of `enumType` with value v (the first name it has), or the number (hex for masks). */
export function enumName(enumType: string | undefined, v: number): string {
  if (!enumType) return String(v);
  const t = ENUMS[enumType];
  if (!t) return String(v);
  let byValue = enumNamesByValue.get(enumType);
  if (!byValue) {
    byValue = new Map();
    for (const [n, x] of Object.entries(t.values)) if (!byValue.has(x)) byValue.set(x, n);
    enumNamesByValue.set(enumType, byValue);
  }
  return byValue.get(v) ?? (t.bitmask ? `0x${v.toString(16)}` : String(v));
}
