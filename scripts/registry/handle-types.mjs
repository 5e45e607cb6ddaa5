// The handle-type catalogue: vk.xml's VkExternalMemoryHandleTypeFlagBits and …FlagBitsNV enumerants
// joined with the hand-kept facts (handle-type-facts.mjs), the masks derived from those facts, and the
// text of the two generated files (the core's columns, TypeScript's rows).
import { HANDLE_TYPE_FACTS, TYPE_VUIDS, VOCABULARY } from './handle-type-facts.mjs';

export const KHR_ENUM = 'VkExternalMemoryHandleTypeFlagBits';
export const NV_ENUM = 'VkExternalMemoryHandleTypeFlagBitsNV';
const FACTS_FILE = 'scripts/registry/handle-type-facts.mjs';

const BOOLEAN_COLUMNS = ['opaque', 'byName', 'oneExportPerMemory', 'uuids', 'importOnly', 'dedicatedOnly', 'keyedMutex', 'profiled'];
const WORD_COLUMNS = ['platform', 'handle', 'size', 'ownership'];
const COLUMNS = new Set([...BOOLEAN_COLUMNS, ...WORD_COLUMNS, 'source', 'producers', 'counterpart']);

/**
 * Masks of handle-type bits, each the OR of the rows (of one family) a fact holds for. Code anywhere
 * that asks "is this type an NT handle" tests against one of these instead of typing the bits.
 */
export const MASKS = [
  { name: 'NT_TYPES', doc: 'KHR types whose handle is an NT handle', when: (t) => t.handle === 'NT' },
  { name: 'KMT_TYPES', doc: 'KHR types whose handle is a global share (KMT) handle', when: (t) => t.handle === 'KMT' },
  { name: 'WIN32_KHR_TYPES', doc: 'KHR types carried in a Win32 HANDLE, NT or KMT, the ones vkGetMemoryWin32HandleKHR and VkImportMemoryWin32HandleInfoKHR take (VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00664, VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00660)', when: (t) => t.handle === 'NT' || t.handle === 'KMT' },
  { name: 'FD_TYPES', doc: 'KHR types whose handle is a file descriptor', when: (t) => t.handle === 'fd' },
  { name: 'HOST_TYPES', doc: 'KHR types imported from a host pointer', when: (t) => t.handle === 'host pointer' },
  { name: 'BY_NAME_TYPES', doc: 'KHR types that may be imported by name (VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01440)', when: (t) => t.byName },
  { name: 'OPAQUE_TYPES', doc: 'KHR types whose payload only the driver that made it understands', when: (t) => t.opaque },
  { name: 'OPAQUE_WIN32_TYPES', doc: 'Opaque KHR types of Windows', when: (t) => t.opaque && t.platform === 'Windows' },
  { name: 'D3D_TYPES', doc: 'KHR types of Windows that are not opaque, the D3D objects (they name their adapter by LUID)', when: (t) => !t.opaque && t.platform === 'Windows' },
  { name: 'DEDICATED_ONLY_TYPES', doc: 'KHR types every implementation must report DEDICATED_ONLY for', when: (t) => t.dedicatedOnly },
  { name: 'SIZE_FROM_OBJECT_TYPES', doc: 'KHR types whose allocationSize is ignored on import (the memory is as big as the OS object)', when: (t) => t.size === 'ignored' },
  { name: 'KEYED_MUTEX_TYPES', doc: 'KHR types whose imported memory carries a keyed mutex', when: (t) => t.keyedMutex },
  { name: 'NV_NT_TYPES', nv: true, doc: 'NV types whose handle is an NT handle', when: (t) => t.handle === 'NT' },
  { name: 'NV_KMT_TYPES', nv: true, doc: 'NV types whose handle is a global share (KMT) handle', when: (t) => t.handle === 'KMT' },
];

function refuse(name, what) {
  throw new Error(`gen-registry: ${FACTS_FILE}: ${name}: ${what}`);
}

/** The facts row of one enumerant, checked column by column. */
function checkedFacts(name, facts, nv, khrNames) {
  for (const k of Object.keys(facts)) if (!COLUMNS.has(k)) refuse(name, `unknown column "${k}" (the columns are ${[...COLUMNS].join(', ')})`);
  for (const k of BOOLEAN_COLUMNS) if (typeof facts[k] !== 'boolean') refuse(name, `column "${k}" must be true or false, not ${JSON.stringify(facts[k])}`);
  for (const k of WORD_COLUMNS) {
    const words = VOCABULARY[k].map((v) => v.word);
    if (!words.includes(facts[k])) refuse(name, `column "${k}" is ${JSON.stringify(facts[k])}; use one of ${words.map((w) => JSON.stringify(w)).join(', ')}`);
  }
  const sources = ['', ...VOCABULARY.source.map((v) => v.word)];
  if (!sources.includes(facts.source)) refuse(name, `column "source" is ${JSON.stringify(facts.source)}; use one of ${sources.map((w) => JSON.stringify(w)).join(', ')}`);
  if (!Array.isArray(facts.producers) || facts.producers.length === 0 || !facts.producers.every((p) => typeof p === 'string' && p && !p.includes('|'))) {
    refuse(name, 'column "producers" must list the APIs that make such a handle (non-empty names without "|")');
  }
  if (nv && !khrNames.has(facts.counterpart)) refuse(name, `an NV row names its KHR counterpart; ${JSON.stringify(facts.counterpart)} is not a ${KHR_ENUM} enumerant`);
  if (!nv && facts.counterpart !== undefined) refuse(name, 'only NV rows name a counterpart (the KHR side is derived from them)');
  return facts;
}

/**
 * The catalogue rows: every enumerant (aliases aside) of vk.xml's two handle-type enums, KHR then NV,
 * each by increasing bit, with its facts. Throws when the facts table and vk.xml disagree.
 */
export function buildHandleTypes(reg, factsTable = HANDLE_TYPE_FACTS) {
  const khr = reg.enums.get(KHR_ENUM);
  const nv = reg.enums.get(NV_ENUM);
  if (!khr || !nv) throw new Error(`gen-registry: vk.xml defines no ${khr ? NV_ENUM : KHR_ENUM}`);
  const khrNames = new Set(khr.values.keys());
  // First the two lists must match: a row per enumerant, and no row for anything else.
  const families = [[khr, false], [nv, true]];
  for (const [en] of families) for (const [name, value] of en.values) {
    if (!factsTable[name]) refuse(name, `vk.xml defines this ${en.name} enumerant (${value}) but the table has no row for it: add one`);
  }
  for (const name of Object.keys(factsTable)) {
    if (!khrNames.has(name) && !nv.values.has(name)) refuse(name, `this vk.xml defines no such ${KHR_ENUM} or ${NV_ENUM} enumerant: remove the row or use a newer vk.xml`);
  }
  const rows = [];
  for (const [en, isNV] of families) {
    const sorted = [...en.values].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, value] of sorted) {
      rows.push({ name, bit: Number(value), nv: isNV, extension: en.provider.get(name) ?? '', ...checkedFacts(name, factsTable[name], isNV, khrNames) });
    }
  }
  // Derived: the KHR side of each NV↔KHR pair, and the VUIDs that single a row out.
  const byName = new Map(rows.map((r) => [r.name, r]));
  for (const r of rows.filter((x) => x.nv)) {
    const k = byName.get(r.counterpart);
    if (k.counterpart) refuse(r.name, `${k.name} is already the counterpart of ${k.counterpart}`);
    k.counterpart = r.name;
  }
  for (const r of rows) r.vuids = TYPE_VUIDS.filter((v) => v.when(r)).flatMap((v) => v.vuids);
  return rows;
}

/** The value of each mask over the rows. */
export function maskValues(rows) {
  return MASKS.map((m) => {
    const members = rows.filter((r) => r.nv === !!m.nv && m.when(r));
    return { ...m, value: members.reduce((acc, r) => acc | r.bit, 0) >>> 0, members: members.map((r) => shortName(r.name)) };
  });
}

/** VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT → D3D12_HEAP; …_BIT_NV → …_NV (for comments). */
const shortName = (n) => n.replace(/^VK_EXTERNAL_MEMORY_HANDLE_TYPE_/, '').replace(/_BIT_NV$/, '_NV').replace(/_BIT(_[A-Z]+)?$/, '');

const maskDoc = (m) => `${m.doc}. Members: ${m.members.join(' | ') || 'none'}.`;
const hex = (v) => `0x${v.toString(16)}`;
const code = (column, word) => VOCABULARY[column].findIndex((v) => v.word === word) + 1;

/** assembly/generated/handle-types.ts: the vocabulary codes, one StaticArray per column, the masks. */
export function coreText(rows, banner) {
  let s = banner;
  // The source kinds are the TypeScript resolver's; the core has no use for them.
  for (const [column, words] of Object.entries(VOCABULARY).filter(([c]) => c !== 'source')) {
    s += `\n// ${column}\n` + words.map((v, i) => `export const ${v.core}: u8 = ${i + 1};`).join('\n') + '\n';
  }
  s += '\n// Which identity must match between exporter and importer.\nexport const UUID_NONE: u8 = 0;\nexport const UUID_BOTH: u8 = 3; // driverUUID and deviceUUID\n';
  const column = (type, name, doc, f) => `/** ${doc} */\nexport const HT_${name}: StaticArray<${type}> = [${rows.map(f).join(', ')}];\n`;
  const flag = (b) => (b ? 1 : 0);
  s += `\n// One entry per handle type, in this order: ${rows.map((r) => shortName(r.name)).join(', ')}.\n`;
  s += `export const HANDLE_TYPE_COUNT: i32 = ${rows.length};\n`;
  s += column('i64', 'BIT', 'The enumerant value.', (r) => hex(r.bit));
  s += column('u8', 'NV', '1 for VkExternalMemoryHandleTypeFlagBitsNV values.', (r) => flag(r.nv));
  s += column('u8', 'PLATFORM', 'PLATFORM_…', (r) => code('platform', r.platform));
  s += column('u8', 'HANDLE', 'HANDLE_…', (r) => code('handle', r.handle));
  s += column('u8', 'OPAQUE', '1: only the driver that made the payload understands it.', (r) => flag(r.opaque));
  s += column('u8', 'BY_NAME', '1: may be imported by name.', (r) => flag(r.byName));
  s += column('u8', 'SIZE', 'SIZE_…: how allocationSize is decided on import.', (r) => code('size', r.size));
  s += column('u8', 'OWNERSHIP', 'OWN_…: who owns the handle after a successful import.', (r) => code('ownership', r.ownership));
  s += column('u8', 'ONE_EXPORT', '1: one export per memory object and type (VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663).', (r) => flag(r.oneExportPerMemory));
  s += column('u8', 'UUID', 'UUID_…: the identity exporter and importer must share.', (r) => (r.uuids ? 3 : 0));
  s += column('i64', 'COUNTERPART', 'The bit of the same kind in the other family (NV <-> KHR), 0 if none.', (r) => hex(r.counterpart ? rows.find((x) => x.name === r.counterpart).bit : 0));
  s += column('u8', 'IMPORT_ONLY', '1: imported from host memory by pointer, never exported by Vulkan.', (r) => flag(r.importOnly));
  s += column('u8', 'DEDICATED_ONLY', '1: every implementation reports it DEDICATED_ONLY.', (r) => flag(r.dedicatedOnly));
  s += '\n// Masks derived from the rows above.\n';
  for (const m of maskValues(rows)) s += `/** ${maskDoc(m)} */\nexport const ${m.name}: i64 = ${hex(m.value)};\n`;
  return s;
}

/** src/generated/handle-types.ts: the rows as data, the masks, the NV↔KHR maps and the source kinds. */
export function tsText(rows, banner) {
  const union = (column) => VOCABULARY[column].map((v) => JSON.stringify(v.word)).join(' | ');
  let s = banner;
  s += `\nexport type HandleTypePlatform = ${union('platform')};\n`;
  s += `export type HandleKind = ${union('handle')};\n`;
  s += `export type ImportSize = ${union('size')};\n`;
  s += `export type ImportOwnership = ${union('ownership')};\n`;
  s += `/** What the import resolver and the chain builder make a payload from. */\nexport type SourceKind = ${union('source')};\n`;
  s += `/** The source kinds, in the order forms list them. */\nexport const SOURCE_KINDS: readonly SourceKind[] = ${JSON.stringify(VOCABULARY.source.map((v) => v.word))};\n`;
  s += `
/** One handle type: vk.xml's name, bit, family and extension, and the catalogue's facts (scripts/registry/handle-type-facts.mjs says what each means). */
export interface HandleTypeRow {
  name: string;
  bit: number;
  nv: boolean;
  /** The extension that adds the enumerant ('' for core). */
  extension: string;
  platform: HandleTypePlatform;
  handle: HandleKind;
  opaque: boolean;
  byName: boolean;
  size: ImportSize;
  ownership: ImportOwnership;
  oneExportPerMemory: boolean;
  /** The exporting and importing devices must report the same driverUUID and deviceUUID. */
  uuids: boolean;
  importOnly: boolean;
  dedicatedOnly: boolean;
  keyedMutex: boolean;
  /** What the import resolver makes a payload of this type from ('' when it does not). */
  source: SourceKind | '';
  /** Profile captures ask drivers about it. */
  profiled: boolean;
  producers: string[];
  /** The type of the same kind in the other family (NV <-> KHR). */
  counterpart?: string;
  /** Rules whose condition singles out this type among others (the catalogue's TYPE_VUIDS). */
  vuids: string[];
}
`;
  const order = ['name', 'bit', 'nv', 'extension', 'platform', 'handle', 'opaque', 'byName', 'size', 'ownership', 'oneExportPerMemory', 'uuids', 'importOnly', 'dedicatedOnly', 'keyedMutex', 'source', 'profiled', 'producers', 'counterpart', 'vuids'];
  const row = (r) => `  ${JSON.stringify(Object.fromEntries(order.filter((k) => r[k] !== undefined).map((k) => [k, r[k]])))},`;
  s += `\n/** Every VkExternalMemoryHandleTypeFlagBits value, then every VkExternalMemoryHandleTypeFlagBitsNV value, each by increasing bit. */\nexport const HANDLE_TYPE_ROWS: readonly HandleTypeRow[] = [\n${rows.map(row).join('\n')}\n];\n`;
  s += '\n// Masks derived from the rows.\n';
  for (const m of maskValues(rows)) s += `/** ${maskDoc(m)} */\nexport const ${m.name} = ${hex(m.value)};\n`;
  const pairs = rows.filter((r) => r.nv).map((r) => [r.bit, rows.find((x) => x.name === r.counterpart).bit]);
  s += `\n/** NV bit -> the KHR bit of the same kind. */\nexport const NV_TO_KHR: Readonly<Record<number, number>> = {${pairs.map(([n, k]) => ` ${n}: ${hex(k)}`).join(',')} };\n`;
  s += `/** KHR bit -> the NV bit of the same kind. */\nexport const KHR_TO_NV: Readonly<Record<number, number>> = {${pairs.map(([n, k]) => ` ${k}: ${hex(n)}`).join(',')} };\n`;
  return s;
}
