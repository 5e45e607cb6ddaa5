#!/usr/bin/env node
// Generates the registry tables of the core (assembly/generated/) and of the TypeScript side
// (src/generated/) from vk.xml, and the implicit valid-usage checks from vk.xml's member attributes,
// keeping only VUIDs that validusage.json knows; and the boundary contract between the two sides
// (contract.ts on each side) from scripts/registry/contract.mjs, which needs no registry.
// Usage: node scripts/gen-registry.mjs [--registry DIR] [--check]
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseVkXml } from './registry/vkxml.mjs';
import { COMMANDS, CHAINED_STRUCTS, OPAQUE_STRUCTS, EXTENSIONS, CORE_ENUMS, TRACKED_HANDLES } from './registry/scope.mjs';
import { KIND, classify, implicitChecks } from './registry/classify.mjs';
import { CALLS, CHECKS, APPLIES, ON_FAILURE, MODEL_CALLS, checkCallTable } from './registry/calls.mjs';
import { operationsTs, operationsHeader } from './registry/emit-operations.mjs';
import { buildHandleTypes, coreText as handleTypesCoreText, tsText as handleTypesTsText } from './registry/handle-types.mjs';
import { RETURN_KINDS as RETURNS } from './registry/contract.mjs';
import { contractSources } from './registry/emit-contract.mjs';
import { encodersText } from './registry/emit-encoders.mjs';
import { implicitChecksText } from './registry/emit-implicit.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const regArg = args.indexOf('--registry') >= 0 ? args[args.indexOf('--registry') + 1] : undefined;
const candidates = [regArg, join(root, '../shared/registry'), '/usr/share/vulkan/registry'].filter(Boolean);

/** Writes `text` to `file`, or with --check says whether the file already holds it; returns 1 when stale. */
function emit(file, text) {
  const cur = existsSync(file) ? readFileSync(file, 'utf8') : '';
  // An unchanged file is left as it is: its time stamp then still says the native addon built from it
  // (native/src/generated) is current.
  if (cur === text) return 0;
  if (check) {
    console.error(`gen-registry: ${file} is out of date; run npm run gen`);
    return 1;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return 0;
}

// The contract comes from its own table: it is written even where no registry is installed.
const contract = contractSources();
let stale = emit(join(root, 'assembly/generated/contract.ts'), contract.as) + emit(join(root, 'src/generated/contract.ts'), contract.ts);

const regDir = candidates.find((d) => existsSync(join(d, 'vk.xml')));
if (!regDir) {
  console.error(`gen-registry: no vk.xml found in ${candidates.join(', ')}; the committed registry files are used as they are.`);
  process.exit(check ? 1 : stale ? 1 : 0);
}
const vkXml = readFileSync(join(regDir, 'vk.xml'), 'utf8');
const reg = parseVkXml(vkXml);
const vuJson = join(regDir, 'validusage.json');
const knownVuids = new Set();
// The specification version the VUIDs (and so the rules) were taken from: validusage.json's own.
let validusageVersion;
if (existsSync(vuJson)) {
  const parsed = JSON.parse(readFileSync(vuJson, 'utf8'));
  validusageVersion = parsed['version info']?.['api version'];
  const vu = parsed.validation;
  for (const byCond of Object.values(vu)) for (const list of Object.values(byCond)) for (const e of list) knownVuids.add(e.vuid);
}
const headerVersion = /VK_HEADER_VERSION<\/name> (\d+)/.exec(vkXml)?.[1];
const headerComplete = /VK_HEADER_VERSION_COMPLETE<\/name> <type>VK_MAKE_API_VERSION<\/type>\(0, (\d+), (\d+), VK_HEADER_VERSION\)/.exec(vkXml);

// ---- choose structures: parameters of the commands, their members (transitively), and chained ones.
const resolveStruct = (n) => reg.structAliases.get(n) ?? n;
const modelled = new Map(); // name -> {name, members, extends, kind:'struct'|'command', ...}
const order = [];
function addStruct(name) {
  name = resolveStruct(name);
  if (modelled.has(name) || OPAQUE_STRUCTS.has(name)) return;
  const s = reg.structs.get(name);
  if (!s) throw new Error(`unknown struct ${name}`);
  modelled.set(name, { ...s, kind: 'struct' });
  order.push(name);
  for (const m of s.members) if (reg.structs.has(m.type) || reg.structAliases.has(m.type)) addStruct(m.type);
}
const commandList = [];
for (const c of COMMANDS) {
  const cmd = reg.commands.get(c);
  if (!cmd) throw new Error(`unknown command ${c}`);
  commandList.push({ ...cmd, kind: 'command' });
  for (const p of cmd.params) if (reg.structs.has(p.type)) addStruct(p.type);
}
for (const s of CHAINED_STRUCTS) addStruct(s);
for (const mc of MODEL_CALLS) commandList.push({ ...mc, kind: 'model' });

// Ids: 0 = a structure we do not model (kept by its sType), 1 = an array element, then commands, then structs.
const entries = [
  { name: '(unmodelled)', kind: 'other', members: [] },
  { name: '(element)', kind: 'element', members: [{ name: 'value', type: 'uint64_t', ptr: 0, attrs: {} }] },
  ...commandList.map((c) => ({ ...c, members: c.params })),
  ...order.map((n) => modelled.get(n)),
];
const idOf = new Map(entries.map((e, i) => [e.name, i]));

// sType values and pNext allow-lists.
const sTypeEnum = reg.enums.get('VkStructureType');
const sTypeValue = (s) => {
  const st = s.members.find((m) => m.name === 'sType')?.attrs.values;
  return st ? Number(sTypeEnum.values.get(st) ?? sTypeEnum.values.get(sTypeEnum.aliases.get(st))) : -1;
};
const extendersOf = new Map();
for (const s of reg.structs.values()) for (const base of s.extends) {
  if (!extendersOf.has(base)) extendersOf.set(base, []);
  extendersOf.get(base).push(s.name);
}

// ---- member layout.
const layouts = entries.map((e) => {
  const slots = [];
  for (const m of e.members) {
    if (m.name === 'sType' || m.name === 'pNext') continue;
    const c = classify(reg, m, modelled, e);
    // An output: a non-const pointer parameter of a command (pMemory, pFd), or a model call's `out`.
    const out = e.kind === 'model' ? !!m.out : e.kind === 'command' && m.ptr === 1 && !m.isConst;
    slots.push({ name: m.name, type: m.type, ...c, out, optional: (m.attrs.optional ?? '').startsWith('true'), len: m.attrs.len ?? '' });
  }
  if (slots.length > 64) throw new Error(`${e.name} has ${slots.length} members; the presence mask holds 64`);
  return slots;
});

// ---- implicit checks, kept only when validusage.json knows the VUID.
const implicit = [];
entries.forEach((e, id) => {
  if (e.kind === 'other' || e.kind === 'element' || e.kind === 'model') return;
  for (const chk of implicitChecks(reg, e, layouts[id], extendersOf)) {
    if (knownVuids.size && !knownVuids.has(chk.vuid)) continue;
    implicit.push({ ...chk, entry: id });
  }
});

// ---- enums the TS side needs to decode names, and the core needs as constants.
const enumTypesUsed = new Set(['VkStructureType', 'VkResult', ...CORE_ENUMS]);
for (const slots of layouts) for (const s of slots) if (s.enumType) enumTypesUsed.add(s.enumType);
const enumTables = {};
for (const t of [...enumTypesUsed].sort()) {
  const en = reg.enums.get(t);
  if (!en) continue;
  const values = {};
  for (const [n, v] of en.values) values[n] = Number(v);
  for (const [n, a] of en.aliases) if (en.values.has(a)) values[n] = Number(en.values.get(a));
  enumTables[t] = { bitmask: en.kind === 'bitmask', values };
}

const banner = (tool) => `// GENERATED by scripts/gen-registry.mjs from vk.xml (header version ${headerVersion ?? '?'}). Do not edit.\n// ${tool}\n`;
const ident = (s) => s.replace(/[^A-Za-z0-9_]/g, '_');

// ---- AssemblyScript output.
let as = banner('Structure and member ids, sType values, pNext allow-lists and implicit checks for the core.');
as += `\nexport const KIND_SKIP: i32 = ${KIND.SKIP};\n` + Object.entries(KIND).map(([k, v]) => `export const K_${k}: i32 = ${v};`).join('\n') + '\n\n';
entries.forEach((e, i) => { as += `export const ${e.kind === 'struct' ? 'S' : 'C'}_${ident(e.name)}: i32 = ${i};\n`; });
as += `export const ENTRY_COUNT: i32 = ${entries.length};\n\n`;
entries.forEach((e, i) => layouts[i].forEach((s, slot) => { as += `export const M_${ident(e.name)}_${s.name}: i32 = ${slot};\n`; }));
as += `\n/** Number of member slots of each entry. */\nexport const SLOT_COUNT: StaticArray<i32> = [${layouts.map((l) => l.length).join(', ')}];\n`;
as += `/** The sType each structure must carry (-1: none). */\nexport const STYPE_OF: StaticArray<i32> = [${entries.map((e) => (e.kind === 'struct' ? sTypeValue(e) : -1)).join(', ')}];\n`;
as += `/** Member kinds per entry, flattened; SLOT_BASE[i] is where entry i starts. */\n`;
let base = 0; const bases = []; const kinds = [];
layouts.forEach((l) => { bases.push(base); base += l.length; for (const s of l) kinds.push(s.kind); });
as += `export const SLOT_BASE: StaticArray<i32> = [${bases.join(', ')}];\nexport const SLOT_KIND: StaticArray<u8> = [${kinds.join(', ')}];\n`;
// Handle types of HANDLE slots (and of ARRAY elements), numbered from 1 in HANDLE_TYPES order.
const handleTypeNames = [...new Set(layouts.flat().filter((s) => s.kind === KIND.HANDLE || (s.kind === KIND.ARRAY && s.elemKind === KIND.HANDLE)).map((s) => s.type))].sort();
as += `/** Handle type of each HANDLE or handle-ARRAY slot (index into HANDLE_TYPE_NAMES + 1; 0 for others). */\n`;
/** A slot's handle type: of a HANDLE member or a handle ARRAY's elements, numbered from 1; 0 for others. */
const handleTypeOf = (s) => (s.kind === KIND.HANDLE || (s.kind === KIND.ARRAY && s.elemKind === KIND.HANDLE) ? handleTypeNames.indexOf(s.type) + 1 : 0);
as += `export const SLOT_HTYPE: StaticArray<u8> = [${layouts.flat().map(handleTypeOf).join(', ')}];\n`;
as += `/** 1 for output parameters (what the call returned). */\nexport const SLOT_OUT: StaticArray<u8> = [${layouts.flat().map((s) => (s.out ? 1 : 0)).join(', ')}];\n`;
as += handleTypeNames.map((n, i) => `export const H_${ident(n)}: u8 = ${i + 1};`).join('\n') + '\n';
as += `/** 1 for handle types whose creation the model always sees (liveness is judged only for those). */\nexport const HANDLE_TRACKED: StaticArray<u8> = [0, ${handleTypeNames.map((n) => (TRACKED_HANDLES.includes(n) ? 1 : 0)).join(', ')}];\n`;
const allowed = entries.map((e) => (e.kind === 'struct' && e.members.some((m) => m.name === 'pNext') ? (extendersOf.get(e.name) ?? []).map((x) => sTypeValue(reg.structs.get(x))).filter((v) => v >= 0) : []));
const allowBase = []; let ab = 0; const allowFlat = [];
allowed.forEach((l) => { allowBase.push(ab); ab += l.length; allowFlat.push(...l); });
allowBase.push(ab);
as += `/** sType values allowed in each structure's pNext chain: PNEXT_ALLOWED[PNEXT_BASE[i] .. PNEXT_BASE[i+1]). */\n`;
as += `export const PNEXT_BASE: StaticArray<i32> = [${allowBase.join(', ')}];\nexport const PNEXT_ALLOWED: StaticArray<i32> = [${allowFlat.join(', ')}];\n`;
as += `/** For each entry, 1 if it has a pNext member. */\nexport const HAS_PNEXT: StaticArray<u8> = [${entries.map((e) => (e.members.some((m) => m.name === 'pNext') ? 1 : 0)).join(', ')}];\n\n`;
// What must be enabled to use each structure: the tracked extensions that define it (any one will
// do) and the core version that includes it (0: none). A structure defined only by extensions this
// project does not track gets no requirement (mask 0, version 0): it is not judged.
const extBit = new Map(EXTENSIONS.map((x, i) => [x, 1n << BigInt(i)]));
const apiVersion = (v) => { const [maj, min] = v.split('.').map(Number); return (maj << 22) | (min << 12); };
const requirementOf = (name) => {
  const names = [name, ...[...reg.structAliases].filter(([, t]) => t === name).map(([a]) => a)];
  let mask = 0n, version = 0;
  for (const n of names) {
    for (const x of reg.typeProviders.get(n) ?? []) {
      // Another extension this project does not track also defines it: enabling that one would do.
      if (!extBit.has(x)) return [0n, 0];
      mask |= extBit.get(x);
    }
    const v = reg.typeVersions.get(n);
    if (v && (version === 0 || apiVersion(v) < version)) version = apiVersion(v);
  }
  return mask === 0n ? [0n, 0] : [mask, version];
};
const entryNeeds = entries.map((e) => (e.kind === 'struct' ? requirementOf(e.name) : [0n, 0]));
as += `/** Per entry (structures): the tracked extensions that define it (any one enables it; 0: not judged) and the core version that includes it (0: none). */\n`;
as += `export const ENTRY_EXTENSIONS: StaticArray<i64> = [${entryNeeds.map(([m]) => m.toString()).join(', ')}];\nexport const ENTRY_VERSION: StaticArray<u32> = [${entryNeeds.map(([, v]) => v).join(', ')}];\n`;
// The handle types an extension adds (bit position -> the tracked extension that adds it; 0: core).
{
  const en = reg.enums.get('VkExternalMemoryHandleTypeFlagBits');
  const byBit = new Array(32).fill(0n);
  for (const [n, x] of en.provider) { const v = en.values.get(n); if (v !== undefined && extBit.has(x)) byBit[Number(BigInt.asUintN(64, v)).toString(2).length - 1] = extBit.get(x); }
  as += `/** Per VkExternalMemoryHandleTypeFlagBits bit position: the tracked extension that adds the handle type (0: core). */\nexport const HANDLE_TYPE_EXTENSION: StaticArray<i64> = [${byBit.map(String).join(', ')}];\n\n`;
}
as += `// Extensions tracked as enabled (bit i of the mask).\n` + EXTENSIONS.map((x, i) => `export const EXT_${x.replace(/^VK_/, '')}: i64 = ${1n << BigInt(i)};`).join('\n') + '\n\n';
for (const t of CORE_ENUMS) {
  const tbl = enumTables[t]; if (!tbl) continue;
  as += `// ${t}\n`;
  for (const [n, v] of Object.entries(tbl.values)) as += `export const ${n}: i64 = ${v};\n`;
  if (tbl.bitmask) as += `export const MASK_${t}: i64 = ${Object.values(tbl.values).reduce((m, v) => m | BigInt(v), 0n)};\n`;
}
// Valid masks and enum value lists for -parameter checks.
const enumIds = [...new Set(implicit.filter((c) => c.enumType).map((c) => c.enumType))].sort();
as += `\n// Enum and flag types checked by implicit rules: ENUM_VALUES[ENUM_BASE[i] .. ENUM_BASE[i+1]), ENUM_MASK[i] for bitmasks.\n`;
const evBase = []; const evFlat = []; const evMask = [];
for (const t of enumIds) {
  evBase.push(evFlat.length);
  const tbl = enumTables[t] ?? { values: {}, bitmask: true };
  const vals = [...new Set(Object.values(tbl.values))].sort((a, b) => a - b);
  evFlat.push(...vals);
  evMask.push(tbl.bitmask ? vals.reduce((m, v) => m | BigInt(v), 0n) : 0n);
}
evBase.push(evFlat.length);
as += enumIds.map((t, i) => `export const ENUM_IDX_${t}: i32 = ${i};`).join('\n') + '\n';
as += `export const ENUM_BASE: StaticArray<i32> = [${evBase.join(', ')}];\nexport const ENUM_VALUES: StaticArray<i64> = [${evFlat.join(', ')}];\nexport const ENUM_MASK: StaticArray<i64> = [${evMask.join(', ')}];\nexport const ENUM_IS_BITMASK: StaticArray<u8> = [${enumIds.map((t) => (enumTables[t]?.bitmask ? 1 : 0)).join(', ')}];\n`;
// Return codes each command may give (vk.xml successcodes, then errorcodes), as VkResult values.
const resultValue = (n) => enumTables.VkResult?.values[n];
const codesOf = entries.map((e) => {
  const c = e.kind === 'command' ? reg.commands.get(e.name) : undefined;
  if (!c || c.returns !== 'VkResult') return { success: [], errors: [] };
  return { success: c.successcodes.filter((n) => resultValue(n) !== undefined), errors: c.errorcodes.filter((n) => resultValue(n) !== undefined) };
});
const rcBase = []; const rcFlat = []; const rcSuccess = [];
codesOf.forEach((c) => { rcBase.push(rcFlat.length); rcSuccess.push(c.success.length); rcFlat.push(...c.success.map(resultValue), ...c.errors.map(resultValue)); });
rcBase.push(rcFlat.length);
// How each call says it succeeded, from its return type: the return kinds and their success
// predicates are the contract's (contract.ts, RET_… and RETURN_SUCCESS); the core and TypeScript read them.
const RETURN_KINDS = RETURNS.map((r) => r.name);
for (const e of entries) if (e.returns && !RETURN_KINDS.includes(e.returns)) throw new Error(`gen-registry: ${e.name} returns ${e.returns}, which has no success rule`);
as += `\n/** Per entry, its return kind (contract.ts RET_…; RET_VOID for structures). */\nexport const ENTRY_RETURNS: StaticArray<u8> = [${entries.map((e) => Math.max(0, RETURN_KINDS.indexOf(e.returns ?? 'void'))).join(', ')}];\n`;
as += `\n/** Results each command may return: RESULT_CODES[RESULT_BASE[i] .. RESULT_BASE[i+1]) for entry i, its success codes first (RESULT_SUCCESS_COUNT[i] of them), then its error codes (vk.xml successcodes, errorcodes). */\n`;
as += `export const RESULT_BASE: StaticArray<i32> = [${rcBase.join(', ')}];\nexport const RESULT_CODES: StaticArray<i32> = [${rcFlat.join(', ')}];\nexport const RESULT_SUCCESS_COUNT: StaticArray<u8> = [${rcSuccess.join(', ')}];\n`;
as += `\n// Implicit checks: kind, enum index (-1 if none) and VUID, by check index (which checks run on which\n// structure, with which member, is written out in implicit-checks.ts).\n`;
const IK = { stype: 1, pnext: 2, unique: 3, enum: 4, flags: 5, requiredbitmask: 6, handle: 7, pointer: 8, array: 9, parent: 10, commonparent: 11, ptrvalue: 12 };
as += Object.entries(IK).map(([k, v]) => `export const IMPLICIT_${k.toUpperCase()}: i32 = ${v};`).join('\n') + '\n';
as += `export const IMPLICIT_COUNT: i32 = ${implicit.length};\n`;
as += `export const IMPLICIT_KIND: StaticArray<u8> = [${implicit.map((c) => IK[c.kind]).join(', ')}];\n`;
as += `export const IMPLICIT_ENUM_OF: StaticArray<i32> = [${implicit.map((c) => (c.enumType ? enumIds.indexOf(c.enumType) : -1)).join(', ')}];\n`;
as += `export const IMPLICIT_VUID: StaticArray<string> = [\n${implicit.map((c) => `  '${c.vuid}',`).join('\n')}\n];\n`;

// ---- TypeScript output.
let ts = banner('Registry tables for decoding call records and naming values.');
// The big lookup tables are JSON text handed to JSON.parse: engines read JSON far faster than the same
// data as an object literal, which is most of the explorer's script start-up. ENTRIES stays a literal:
// the encoder reads its slot objects on every call, and literal objects there measured a few per cent
// faster in trace replay.
const json = (v) => `JSON.parse(${JSON.stringify(JSON.stringify(v))})`;
ts += `\nexport const KIND = ${JSON.stringify(KIND)} as const;\n`;
ts += `\nexport interface SlotInfo { name: string; type: string; kind: number; out?: boolean; enumType?: string; child?: number; elemKind?: number; elemType?: string; optional: boolean; len: string; fixed?: string }\n`;
ts += `export interface EntryInfo { name: string; kind: 'other' | 'element' | 'command' | 'model' | 'struct'; sType: number; hasPNext: boolean; returns?: string; slots: SlotInfo[] }\n`;
ts += `\nexport const ENTRIES: EntryInfo[] = ${JSON.stringify(entries.map((e, i) => ({
  name: e.name, kind: e.kind, sType: e.kind === 'struct' ? sTypeValue(e) : -1,
  hasPNext: e.members.some((m) => m.name === 'pNext'), ...(e.returns ? { returns: e.returns } : {}),
  slots: layouts[i].map((s) => ({ name: s.name, type: s.type, kind: s.kind, ...(s.out ? { out: true } : {}), ...(s.enumType ? { enumType: s.enumType } : {}), ...(s.child !== undefined ? { child: idOf.get(s.child) } : {}), ...(s.elemKind !== undefined ? { elemKind: s.elemKind, elemType: s.elemType } : {}), optional: s.optional, len: s.len, ...(s.fixed ? { fixed: s.fixed } : {}) })),
})))};\n`;
const cmdAliases = {};
for (const [a, t] of reg.commandAliases) if (idOf.has(t) && entries[idOf.get(t)].kind === 'command') cmdAliases[a] = t;
ts += `\n/** Command aliases (…KHR, …EXT) to the name the core knows. */\nexport const COMMAND_ALIASES: Record<string, string> = ${JSON.stringify(cmdAliases)};\n`;
const structAliases = {};
for (const [a, t] of reg.structAliases) if (idOf.has(t)) structAliases[a] = t;
ts += `export const STRUCT_ALIASES: Record<string, string> = ${JSON.stringify(structAliases)};\n`;
ts += `\n/** Enumerants by type: name -> value (aliases included). */\nexport const ENUMS: Record<string, { bitmask: boolean; values: Record<string, number> }> = ${json(enumTables)};\n`;
// sType of every structure in the registry, so an unmodelled struct in a chain is still named.
function structNameFromSType(enumerant) {
  let out = 'Vk';
  for (const w of enumerant.slice(18).split('_')) out += reg.tags.includes(w) || /^\d/.test(w) ? w : w[0] + w.slice(1).toLowerCase();
  return out;
}
const sTypeToStruct = {};
for (const s of reg.structs.values()) { const v = sTypeValue(s); if (v >= 0 && !(v in sTypeToStruct)) sTypeToStruct[v] = s.name; }
// Most structure names follow from their sType's enumerant (VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR
// -> VkImportMemoryFdInfoKHR); only the others are written out, and the table is built at load time
// (the explorer ships this file: the full table would be 12 kB of its gzipped bundle).
const firstEnumerant = new Map();
for (const [n, v] of Object.entries(enumTables.VkStructureType.values)) if (!firstEnumerant.has(v)) firstEnumerant.set(v, n);
const sTypeExceptions = {};
for (const [v, n] of firstEnumerant) {
  const actual = sTypeToStruct[v];
  if (actual === undefined) sTypeExceptions[v] = '';
  else if (structNameFromSType(n) !== actual) sTypeExceptions[v] = actual;
}
ts += `\n/** Vendor suffixes kept upper-case in structure names. */\nconst VENDOR_TAGS = new Set(${JSON.stringify(reg.tags.slice().sort())});\n`;
ts += `/** The structure name an sType enumerant implies: VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR -> VkImportMemoryFdInfoKHR. */\n`;
ts += `function structNameFromSType(enumerant: string): string {\n  let out = 'Vk';\n  for (const w of enumerant.slice(18).split('_')) out += VENDOR_TAGS.has(w) || /^\\d/.test(w) ? w : w[0] + w.slice(1).toLowerCase();\n  return out;\n}\n`;
ts += `/** Every structure's sType value -> structure name. */\nexport const STRUCT_BY_STYPE: Record<number, string> = ((exceptions: Record<string, string>) => {\n  const out: Record<number, string> = {};\n  for (const [n, v] of Object.entries(ENUMS.VkStructureType.values)) {\n    if (v in out) continue;\n    const name = v in exceptions ? exceptions[v] : structNameFromSType(n);\n    out[v] = name;\n  }\n  for (const v of Object.keys(out)) if (!out[Number(v)]) delete out[Number(v)];\n  return out;\n})(${json(sTypeExceptions)});\n`;
ts += `\nexport const EXTENSIONS: string[] = ${JSON.stringify(EXTENSIONS)};\n`;
ts += `/** VUIDs the generator derived from vk.xml (implicit valid usage). */\nexport const IMPLICIT_VUIDS: string[] = ${json(implicit.map((c) => c.vuid))};\n`;
ts += `/** Every command vk.xml defines (a capture may hold any of them; the core models only some). */\nexport const ALL_COMMANDS: string[] = ${json([...reg.commands.keys(), ...reg.commandAliases.keys()].sort())};\n`;
ts += `/** Handle type names in the core's numbering (H_… = index + 1). */\nexport const HANDLE_TYPE_NAMES: string[] = ${JSON.stringify(handleTypeNames)};\n`;
// The modelled structures each modelled structure's pNext chain may hold (vk.xml's structextends), for
// forms that build chains (the explorer's chain builder).
const chainable = {};
for (const e of entries) if (e.kind === 'struct' && e.members.some((m) => m.name === 'pNext')) {
  const list = (extendersOf.get(e.name) ?? []).filter((x) => modelled.has(x));
  if (list.length) chainable[e.name] = list;
}
ts += `/** Modelled structures -> the modelled structures allowed in their pNext chain. */\nexport const STRUCT_EXTENDERS: Record<string, string[]> = ${JSON.stringify(chainable)};\n`;
const commandResults = {};
entries.forEach((e, i) => { if (e.kind === 'command' && (codesOf[i].success.length || codesOf[i].errors.length)) commandResults[e.name] = codesOf[i]; });
ts += `/** Results each modelled command may return (vk.xml successcodes and errorcodes). */\nexport const COMMAND_RESULTS: Record<string, { success: string[]; errors: string[] }> = ${JSON.stringify(commandResults)};\n`;
// The extension that adds each enumerant of the enums the conformance engine sweeps (the rest come
// with their type): using one on a device without that extension is not valid usage.
const enumExtensions = {};
for (const t of ['VkExternalMemoryHandleTypeFlagBits', 'VkExternalMemoryHandleTypeFlagBitsNV']) {
  const en = reg.enums.get(t);
  if (en) for (const [n, x] of en.provider) enumExtensions[n] = x;
}
ts += `/** Enumerants of the external memory handle-type enums added by an extension -> that extension. */\nexport const ENUM_EXTENSIONS: Record<string, string> = ${JSON.stringify(enumExtensions)};\n`;
ts += `export const REGISTRY_HEADER_VERSION = ${JSON.stringify(headerVersion ?? '')};\n`;
ts += `/** The specification version the VUIDs in scope come from (validusage.json's api version; vk.xml's when absent). */\nexport const SPEC_VERSION = ${JSON.stringify(validusageVersion ?? (headerComplete && headerVersion ? `${headerComplete[1]}.${headerComplete[2]}.${headerVersion}` : ''))};\n`;

// ---- the table of calls (scripts/registry/calls.mjs): the core's dispatcher, the session and the
// capture reader read it; per entry id in the core, by name in TypeScript.
checkCallTable(COMMANDS, MODEL_CALLS.map((m) => m.name));
const code = (list, v) => (v === undefined ? 0 : list.indexOf(v) + 1);
const constName = (prefix, v) => `${prefix}_${v.toUpperCase().replace(/-/g, '_')}`;
const callRow = (e) => (e.kind === 'command' || e.kind === 'model' ? CALLS[e.name] : undefined);
let asCalls = banner('What the core does with each call (scripts/registry/calls.mjs), per entry id.');
for (const [prefix, list] of [['CHECK', CHECKS], ['APPLY', APPLIES], ['ON_FAILURE', ON_FAILURE]]) {
  asCalls += `\nexport const ${prefix}_NONE: u8 = 0;\n${list.map((v, i) => `export const ${constName(prefix, v)}: u8 = ${i + 1};`).join('\n')}\n`;
}
asCalls += `\n/** Per entry, the rules that judge it before it runs (CHECK_…). */\nexport const CALL_CHECK: StaticArray<u8> = [${entries.map((e) => code(CHECKS, callRow(e)?.check)).join(', ')}];\n`;
asCalls += `/** Per entry, the module that takes in what it did when it succeeded (APPLY_…). */\nexport const CALL_APPLY: StaticArray<u8> = [${entries.map((e) => code(APPLIES, callRow(e)?.apply)).join(', ')}];\n`;
asCalls += `/** Per entry, what it still does when it failed (ON_FAILURE_…). */\nexport const CALL_ON_FAILURE: StaticArray<u8> = [${entries.map((e) => code(ON_FAILURE, callRow(e)?.onFailure)).join(', ')}];\n`;
let tsCalls = banner('Who runs each modelled call in a session, and what a capture reader needs of it (scripts/registry/calls.mjs).');
const namesWhere = (kind, run) => entries.filter((e) => e.kind === kind && CALLS[e.name].run === run).map((e) => e.name);
const union = (names) => names.map((n) => `'${n}'`).join(' | ') || 'never';
tsCalls += `\n/** Vulkan commands a backend runs (an executor in src/session/vulkan-calls.ts). */\nexport type BackendCommand = ${union(namesWhere('command', 'backend'))};\n`;
tsCalls += `/** Vulkan commands the session answers itself from what the backend set up: nothing reaches a driver. */\nexport type SessionCommand = ${union(namesWhere('command', 'session'))};\n`;
tsCalls += `/** OS and D3D operations a backend runs (an executor in src/session/os-calls.ts). */\nexport type BackendOperation = ${union(namesWhere('model', 'backend'))};\n`;
tsCalls += `\nexport const SESSION_COMMANDS: readonly SessionCommand[] = ${JSON.stringify(namesWhere('command', 'session'))};\n`;
tsCalls += operationsTs(namesWhere('model', 'backend'));
const readOnlyWith = Object.fromEntries(Object.entries(CALLS).filter(([, r]) => r.readOnlyWith).map(([n, r]) => [n, r.readOnlyWith]));
tsCalls += `/** Commands a capture reader reads only when their line holds this text (their every rule is about that structure). */\nexport const READ_ONLY_WITH: Readonly<Record<string, string>> = ${JSON.stringify(readOnlyWith)};\n`;
// ---- the handle-type catalogue: vk.xml's enumerants joined with the hand-kept facts.
const handleTypeRows = buildHandleTypes(reg);
const catalogueBanner = (tool) => `// GENERATED by scripts/gen-registry.mjs from vk.xml (header version ${headerVersion ?? '?'}) and scripts/registry/handle-type-facts.mjs. Do not edit.\n// ${tool}\n`;

const outputs = [
  [join(root, 'assembly/generated/registry.ts'), as],
  [join(root, 'src/generated/registry.ts'), ts],
  [join(root, 'assembly/generated/calls.ts'), asCalls],
  [join(root, 'src/generated/calls.ts'), tsCalls],
  [join(root, 'native/src/generated/operations.h'), operationsHeader(namesWhere('model', 'backend'), headerVersion)],
  [join(root, 'assembly/generated/handle-types.ts'), handleTypesCoreText(handleTypeRows, catalogueBanner('The handle-type catalogue for the core: one array per column, one entry per handle type, and the masks derived from it.'))],
  [join(root, 'src/generated/handle-types.ts'), handleTypesTsText(handleTypeRows, catalogueBanner('The handle-type catalogue: one row per handle type, and the masks derived from the rows.'))],
  [join(root, 'assembly/generated/implicit-checks.ts'), implicitChecksText(implicit, entries, layouts, handleTypeOf,
    (t) => { const m = evMask[enumIds.indexOf(t)]; if (m >= 2n ** 63n) throw new Error(`gen-registry: the valid-bits mask of ${t} needs bit 63`); return m.toString(); },
    (t) => enumIds.indexOf(t),
    banner('The implicit checks of each entry, written out (scripts/registry/emit-implicit.mjs).'))],
  [join(root, 'src/generated/encoders.ts'), encodersText(
    entries.map((e, i) => ({ name: e.name, kind: e.kind, hasPNext: e.members.some((m) => m.name === 'pNext'), slots: layouts[i].map((s) => ({ ...s, child: s.child !== undefined ? idOf.get(s.child) : undefined })) })),
    banner('Encoders specialised per registry entry (scripts/registry/emit-encoders.mjs), for Node; the browser uses the general encoder.'),
  )],
];
for (const [file, text] of outputs) stale += emit(file, text);
if (!check) console.log(`gen-registry: ${entries.length} entries, ${implicit.length} implicit checks from ${regDir}`);
process.exit(stale ? 1 : 0);
