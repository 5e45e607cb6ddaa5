// Writes the boundary contract (contract.mjs) as AssemblyScript constants for the core and as TypeScript
// constants and types for the host. Both texts come from the one table; the digest of the table is in
// both, so a core built from another table is refused when it is loaded (src/core/wasm.ts).
import { CONTRACT, RECORD, FINDINGS, DESCRIBE, SEVERITIES, OPERAND_KINDS, TEMPLATES, RETURN_KINDS, SUCCESS_PREDICATES, RESOLVE, CONFORM } from './contract.mjs';

/** parentSlot -> PARENT_SLOT, sType -> STYPE, ignored-when-zero -> IGNORED_WHEN_ZERO. */
export function upperSnake(name) {
  return name.replace(/sType/g, 'Stype').replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toUpperCase();
}

/** FNV-1a (32 bits) of the table's JSON text. */
export function contractDigest() {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(CONTRACT)) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Core types of the markers that are compared with 64-bit words. */
const MARKER_TYPES = { resultUnknown: 'i64', noSType: 'i64', notPointer: 'i64', invalidHandle: 'i64' };

const hex = (n) => `0x${n.toString(16).padStart(8, '0')}`;
const findingWords = FINDINGS.fields.length + 2 * FINDINGS.maxOperands;
const resolveWords = RESOLVE.fields.length + 2 * RESOLVE.maxOperands;
const describeWords = DESCRIBE.fields.length + DESCRIBE.maxValues;
/** A description kind's values as [name, type] pairs. */
const describeValues = (kind) => kind.slice(1).map((v) => v.split(':'));
/** How TypeScript holds a value of each type: numbers, or the scenario's name of an interned value. */
const DESCRIBE_TS_TYPES = { unsigned: 'number', signed: 'number', object: 'string', osHandle: 'string', string: 'string | undefined' };
const fromOne = (list) => list.map((x, i) => [i + 1, x]);
const union = (values) => values.map((v) => JSON.stringify(v)).join(' | ');

function check() {
  if (RECORD.header.length > RECORD.headerWords) throw new Error('contract: RECORD.header has more fields than headerWords');
  if (RECORD.node.length !== RECORD.nodeWords) throw new Error('contract: RECORD.node must list every node word');
  const names = OPERAND_KINDS.map((k) => k.name);
  if (new Set(names).size !== names.length) throw new Error('contract: an operand kind is listed twice');
  for (const [name, ...values] of DESCRIBE.kinds) {
    if (values.length > DESCRIBE.maxValues) throw new Error(`contract: description kind ${name} has more than maxValues values`);
    for (const v of values) if (!DESCRIBE.valueTypes.includes(v.split(':')[1])) throw new Error(`contract: description kind ${name} names an unknown value type in ${v}`);
  }
  for (const t of DESCRIBE.valueTypes) if (!(t in DESCRIBE_TS_TYPES)) throw new Error(`contract: description value type ${t} has no TypeScript type`);
  for (const r of RETURN_KINDS) if (!SUCCESS_PREDICATES.includes(r.success)) throw new Error(`contract: return kind ${r.name} names an unknown success predicate ${r.success}`);
}

function asText(banner) {
  check();
  const lines = [banner];
  const c = (name, type, value, doc) => { if (doc) lines.push(`/** ${doc} */`); lines.push(`export const ${name}: ${type} = ${value};`); };
  c('CONTRACT_DIGEST', 'u32', hex(contractDigest()), 'Digest of the contract table; TypeScript refuses a core built from another one.');

  lines.push('', '// Call records: header words, node words, markers.');
  c('REC_INPUT_WORDS', 'i32', RECORD.inputWords);
  c('REC_HEADER_WORDS', 'i32', RECORD.headerWords);
  c('REC_NODE_WORDS', 'i32', RECORD.nodeWords);
  RECORD.header.forEach((f, i) => c(`REC_${upperSnake(f)}`, 'i32', i));
  RECORD.node.forEach((f, i) => c(`NODE_${upperSnake(f)}`, 'i32', i));
  for (const [k, v] of Object.entries(RECORD.markers)) c(upperSnake(k), MARKER_TYPES[k] ?? 'i32', v);

  lines.push('', '// Findings: fields, then (kind, value) operand pairs.');
  c('MAX_FINDINGS', 'i32', FINDINGS.maxFindings);
  c('MAX_OPERANDS', 'i32', FINDINGS.maxOperands);
  c('FINDING_WORDS', 'i32', findingWords);
  FINDINGS.fields.forEach((f, i) => c(`FINDING_${upperSnake(f)}`, 'i32', i));
  c('FINDING_OPERANDS', 'i32', FINDINGS.fields.length, 'Word of the first operand pair.');
  for (const [k, v] of Object.entries(FINDINGS.markers)) c(upperSnake(k), 'i32', v);
  c('NOT_RECORDED_RULE', 'string', `'${FINDINGS.notRecordedRule}'`);
  c('NOT_RECORDED_COUNT', 'string', `'${FINDINGS.notRecordedCount}'`);

  lines.push('', '// Call descriptions: items of fields, then values; item kinds from 1.');
  c('DESCRIBE_MAX_ITEMS', 'i32', DESCRIBE.maxItems);
  c('DESCRIBE_ITEM_WORDS', 'i32', describeWords);
  DESCRIBE.fields.forEach((f, i) => c(`DESCRIBE_${upperSnake(f)}`, 'i32', i));
  c('DESCRIBE_VALUES', 'i32', DESCRIBE.fields.length, 'Word of the first value.');
  for (const [code, [k, ...values]] of fromOne(DESCRIBE.kinds)) c(`D_${k}`, 'i32', code, values.join(', '));

  lines.push('', '// Severities.');
  SEVERITIES.forEach((s, i) => c(`SEV_${upperSnake(s)}`, 'i32', i));

  lines.push('', '// Operand kinds: how TypeScript prints a value.');
  OPERAND_KINDS.forEach((k, i) => c(`O_${k.name}`, 'i32', i, k.about));

  lines.push('', '// Return kinds and the success predicate of each.');
  RETURN_KINDS.forEach((r, i) => c(`RET_${r.name.toUpperCase()}`, 'u8', i));
  SUCCESS_PREDICATES.forEach((p, i) => c(`SUCCESS_${upperSnake(p)}`, 'u8', i));
  c('RETURN_SUCCESS', 'StaticArray<u8>', `[${RETURN_KINDS.map((r) => SUCCESS_PREDICATES.indexOf(r.success)).join(', ')}]`, 'Per return kind, its success predicate.');


  lines.push('', '// Import resolution entries.');
  c('RESOLVE_MAX_ENTRIES', 'i32', RESOLVE.maxEntries);
  c('RESOLVE_MAX_OPERANDS', 'i32', RESOLVE.maxOperands);
  c('RESOLVE_ENTRY_WORDS', 'i32', resolveWords);
  RESOLVE.fields.forEach((f, i) => c(`RESOLVE_${upperSnake(f)}`, 'i32', i));
  c('RESOLVE_OPERANDS', 'i32', RESOLVE.fields.length, 'Word of the first operand pair.');
  for (const [code, t] of fromOne(RESOLVE.topics)) c(`T_${t}`, 'i32', code);
  for (const [code, m] of fromOne(RESOLVE.sizeModes)) c(`SIZE_${m}`, 'i32', code);
  for (const [code, [k]] of fromOne(RESOLVE.typeKinds)) c(`TYPES_${k}`, 'i32', code);
  RESOLVE.typeCompleteness.forEach((k, i) => c(`TYPES_${k}`, 'i32', i));
  for (const [code, d] of fromOne(RESOLVE.dedicated)) c(`DED_${d}`, 'i32', code);
  for (const [code, s] of fromOne(RESOLVE.chain)) c(`CH_${s}`, 'i32', code);
  for (const [f, bit] of RESOLVE.flags) c(`F_${f}`, 'i64', bit);

  lines.push('', '// Conformance.');
  CONFORM.classes.forEach((k, i) => c(`CLASS_${upperSnake(k)}`, 'u8', i));
  CONFORM.outcomes.forEach((k, i) => c(`OUTCOME_${upperSnake(k)}`, 'i32', i));
  return lines.join('\n') + '\n';
}

function tsText(banner) {
  check();
  const out = [banner];
  // Values are numbers, strings, or { raw } for text written as it is (bigint literals).
  const obj = (entries) => `{ ${entries.map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${typeof v === 'string' ? JSON.stringify(v) : typeof v === 'object' ? v.raw : v}`).join(', ')} }`;
  const e = (text) => out.push(text);
  e(`/** Digest of the contract table; a core built from another table is refused when loaded. */\nexport const CONTRACT_DIGEST = ${hex(contractDigest())};`);

  e('\n/** Call records: header words, node words (each a 64-bit word index), markers. */');
  e(`export const RECORD = { inputWords: ${RECORD.inputWords}, headerWords: ${RECORD.headerWords}, nodeWords: ${RECORD.nodeWords}, header: ${obj(RECORD.header.map((f, i) => [f, i]))}, node: ${obj(RECORD.node.map((f, i) => [f, i]))}, markers: ${obj(Object.entries(RECORD.markers))} } as const;`);

  e('\n/** Findings: fields, then operand pairs from `field.operands`; the buffer holds maxFindings findings and the note. */');
  e(`export const FINDINGS = { maxFindings: ${FINDINGS.maxFindings}, maxOperands: ${FINDINGS.maxOperands}, words: ${findingWords}, field: ${obj([...FINDINGS.fields.map((f, i) => [f, i]), ['operands', FINDINGS.fields.length]])}, markers: ${obj(Object.entries(FINDINGS.markers))}, notRecordedRule: ${JSON.stringify(FINDINGS.notRecordedRule)}, notRecordedCount: ${JSON.stringify(FINDINGS.notRecordedCount)} } as const;`);

  e('\n/** Call descriptions: fields, then values from `field.values`; each kind (by code) with its values as [name, type]. */');
  e(`export const DESCRIBE = { maxItems: ${DESCRIBE.maxItems}, maxValues: ${DESCRIBE.maxValues}, words: ${describeWords}, field: ${obj([...DESCRIBE.fields.map((f, i) => [f, i]), ['values', DESCRIBE.fields.length]])} } as const;`);
  e(`export type DescribeValueType = ${union(DESCRIBE.valueTypes)};`);
  e(`export type DescribedKind = ${union(DESCRIBE.kinds.map(([k]) => k))};`);
  // Written as the table writes it (kind, then name:type per value) and split when loaded: the explorer's
  // first load carries this table, and the text is a third of the object literal's size.
  e(`export const DESCRIBED_KINDS: Readonly<Record<number, { kind: DescribedKind; values: readonly (readonly [string, DescribeValueType])[] }>> = Object.fromEntries(${JSON.stringify(DESCRIBE.kinds.map((k) => k.join(' ')))}.map((text, i) => { const [kind, ...values] = text.split(' '); return [i + 1, { kind: kind as DescribedKind, values: values.map((v) => v.split(':') as [string, DescribeValueType]) }]; }));`);
  e('/** One item as TypeScript reads it: numbers, and the names the input gave interned values (undefined: no string given). */');
  e(`export type DescribedItem =\n${DESCRIBE.kinds.map((kind) => `  | { kind: ${JSON.stringify(kind[0])}; node: number; ${describeValues(kind).map(([n, t]) => `${n}: ${DESCRIBE_TS_TYPES[t]}`).join('; ')} }`).join('\n')};`);

  e('\n/** Severities by code. */');
  e(`export const SEVERITIES = ${JSON.stringify(SEVERITIES)} as const;\nexport type Severity = (typeof SEVERITIES)[number];`);

  e('\n/** Operand kinds by name, and by code the printer each is shown with. */');
  e(`export const OPERAND_KIND = ${obj(OPERAND_KINDS.map((k, i) => [k.name, i]))} as const;`);
  e(`export type OperandKindName = keyof typeof OPERAND_KIND;`);
  e(`export type OperandPrinter = ${union([...new Set(OPERAND_KINDS.map((k) => k.printer))])};`);
  e(`export const OPERAND_PRINTERS: readonly OperandPrinter[] = ${JSON.stringify(OPERAND_KINDS.map((k) => k.printer))};`);

  e('\n/** Message templates: the placeholder pattern (name in group 1) and the names filled from the finding itself. */');
  e(`export const TEMPLATE_PLACEHOLDER = ${JSON.stringify(TEMPLATES.placeholder)};\nexport const TEMPLATE_BUILT_INS = ${JSON.stringify(TEMPLATES.builtIns)} as const;`);

  e('\n/** Return kinds and how each says it succeeded. */');
  e(`export type ReturnKind = ${union(RETURN_KINDS.map((r) => r.name))};\nexport type SuccessPredicate = ${union(SUCCESS_PREDICATES)};`);
  e(`export const RETURN_KINDS: readonly ReturnKind[] = ${JSON.stringify(RETURN_KINDS.map((r) => r.name))};`);
  e(`export const RETURN_SUCCESS: Readonly<Record<ReturnKind, SuccessPredicate>> = ${obj(RETURN_KINDS.map((r) => [r.name, r.success]))};`);


  e('\n/** Import resolution entries: fields, then operand pairs from `field.operands`; topics, modes and flags. */');
  e(`export const RESOLVE = { maxEntries: ${RESOLVE.maxEntries}, maxOperands: ${RESOLVE.maxOperands}, words: ${resolveWords}, field: ${obj([...RESOLVE.fields.map((f, i) => [f, i]), ['operands', RESOLVE.fields.length]])} } as const;`);
  e(`export const RESOLVE_TOPIC = ${obj(fromOne(RESOLVE.topics).map(([c, t]) => [t, c]))} as const;`);
  e(`export type SizeMode = ${union(RESOLVE.sizeModes)};`);
  e(`export const SIZE_MODE_NAMES: Readonly<Record<number, SizeMode>> = ${obj(fromOne(RESOLVE.sizeModes).map(([c, m]) => [String(c), m]))};`);
  e(`export type TypeComponentKind = ${union(RESOLVE.typeKinds.map(([, n]) => n))};`);
  e(`export const TYPE_KIND_NAMES: Readonly<Record<number, TypeComponentKind>> = ${obj(fromOne(RESOLVE.typeKinds).map(([c, [, n]]) => [String(c), n]))};`);
  e(`export const TYPE_COMPLETENESS = ${obj(RESOLVE.typeCompleteness.map((k, i) => [k, i]))} as const;`);
  e(`export type DedicatedDecision = ${union(RESOLVE.dedicated)};`);
  e(`export const DEDICATED_NAMES: Readonly<Record<number, DedicatedDecision>> = ${obj(fromOne(RESOLVE.dedicated).map(([c, d]) => [String(c), d]))};`);
  e(`export const CHAIN_STRUCTURE = ${obj(fromOne(RESOLVE.chain).map(([c, s]) => [s, c]))} as const;`);
  e(`export const RESOLVE_FLAG = ${obj(RESOLVE.flags.map(([f, bit]) => [f, { raw: `${bit}n` }]))} as const;`);

  e('\n/** Conformance: requirement classes and outcomes, by code. */');
  e(`export const CONFORM_CLASSES = ${JSON.stringify(CONFORM.classes)} as const;\nexport type ConformClass = (typeof CONFORM_CLASSES)[number];`);
  e(`export const OUTCOMES = ${JSON.stringify(CONFORM.outcomes)} as const;\nexport type Outcome = (typeof OUTCOMES)[number];`);
  return out.join('\n') + '\n';
}

const BANNER = (what) => `// GENERATED by scripts/gen-registry.mjs from scripts/registry/contract.mjs. Do not edit.\n// ${what}\n`;

/** The two generated files' texts. */
export function contractSources() {
  return {
    as: asText(BANNER('The boundary with TypeScript, as the core sees it: record and finding layouts, codes and markers.')),
    ts: tsText(BANNER('The boundary with the core, as TypeScript sees it: record and finding layouts, codes and markers.')),
  };
}
