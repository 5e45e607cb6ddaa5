// Turns the core's finding records (rule, severity, node, slot, reason, operands) into Findings
// with our message text, the member path and the specification link.
import { ENTRIES, ENUMS, STRUCT_BY_STYPE, EXTENSIONS } from '../generated/registry.js';
import type { Finding, Severity } from '../report/types.js';
import type { CoreExports } from './wasm.js';
import { readString } from './wasm.js';
import type { Encoder, Names } from './encode.js';

const FINDING_WORDS = 18;
const SEVERITIES: Severity[] = ['error', 'warning', 'info', 'undecidable'];
export const SPEC_URL = 'https://registry.khronos.org/vulkan/specs/latest/html/vkspec.html';

export interface RuleInfo {
  vuid: string;
  template: string;
  /** Set when no input can ever decide the rule; the text says why. */
  undecidableByDesign: boolean;
}

export function loadRules(core: CoreExports): { rules: RuleInfo[]; reasons: string[] } {
  const rules: RuleInfo[] = [];
  for (let i = 0, n = core.ruleCount(); i < n; i++) {
    rules.push({ vuid: readString(core.memory, core.ruleVuid(i)), template: readString(core.memory, core.ruleTemplate(i)), undecidableByDesign: core.ruleUndecidableByDesign(i) !== 0 });
  }
  const reasons: string[] = [];
  for (let i = 0, n = core.reasonCount(); i < n; i++) reasons.push(readString(core.memory, core.reasonText(i)));
  return { rules, reasons };
}

export function vuidUrl(vuid: string): string {
  return vuid.startsWith('VUID-') ? `${SPEC_URL}#${vuid}` : '';
}

// Names of flag masks, remembered per value: a trace repeats the same few masks, and findings are
// formatted on the hot path of invalid calls.
const flagNames = (enumType: string, strip: RegExp) => {
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
};
function flagNamesOf(entries: Array<[string, number]>, strip: RegExp, v: number): string {
  {
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
}
const handleTypeNames = flagNames('VkExternalMemoryHandleTypeFlagBits', /^VK_EXTERNAL_MEMORY_HANDLE_TYPE_|_BIT(_[A-Z]+)?$/g);
const handleTypeNamesNV = flagNames('VkExternalMemoryHandleTypeFlagBitsNV', /^VK_EXTERNAL_MEMORY_HANDLE_TYPE_|_BIT_NV$/g);
const featureNames = flagNames('VkExternalMemoryFeatureFlagBits', /^VK_EXTERNAL_MEMORY_FEATURE_|_BIT(_KHR)?$/g);
const imageFlagNames = flagNames('VkImageCreateFlagBits', /^VK_IMAGE_CREATE_|_BIT$/g);
const bufferFlagNames = flagNames('VkBufferCreateFlagBits', /^VK_BUFFER_CREATE_|_BIT$/g);
const sTypeNameByValue = new Map<number, string>();
for (const [n, v] of Object.entries(ENUMS.VkStructureType.values)) if (!sTypeNameByValue.has(v)) sTypeNameByValue.set(v, n);
const resultNameByValue = new Map<number, string>();
for (const [n, v] of Object.entries(ENUMS.VkResult.values)) if (!resultNameByValue.has(v)) resultNameByValue.set(v, n);

const enumNamesByValue = new Map<string, Map<number, string>>();
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

export class FindingDecoder {
  private view!: Int32Array;
  private base: number | undefined;
  constructor(private core: CoreExports, private rules: RuleInfo[], private reasons: string[], private names: Names) {}

  decode(count: number, encoder: Encoder, call: number, command: string): Finding[] {
    // A grown memory detaches the old buffer, and a view of it then has length 0.
    if (!this.view || this.view.length === 0) this.view = new Int32Array(this.core.memory.buffer);
    this.base ??= this.core.outputAddress() >>> 2;
    const view = this.view;
    const out: Finding[] = [];
    for (let f = 0; f < count; f++) {
      const at = this.base + f * FINDING_WORDS * 2;
      const w = (k: number) => view[at + 2 * k + 1] * 4294967296 + (view[at + 2 * k] >>> 0);
      const rule = this.rules[w(0)] ?? { vuid: 'VKX-unknown-rule', template: 'an unknown rule fired', undecidableByDesign: false };
      const severity = SEVERITIES[w(1)] ?? 'error';
      const node = w(2);
      const slot = w(3);
      const reason = w(4);
      const nops = Math.min(w(5), 6);
      const ops: Array<[number, number]> = [];
      for (let k = 0; k < nops; k++) ops.push([w(6 + 2 * k), w(7 + 2 * k)]);
      const meta = encoder.nodeMeta[node];
      const slotInfo = meta && slot >= 0 ? ENTRIES[meta.entry].slots[slot] : undefined;
      const path = meta ? (slotInfo ? encoder.memberPath(node, slot) : encoder.label(node)) : '';
      const fmt = (kind: number, v: number) => this.operand(kind, v, slotInfo?.enumType);
      let message: string;
      if (severity === 'undecidable' && reason >= 0) {
        const because = fill(this.reasons[reason] ?? 'the input does not show what the rule needs', ops, fmt, path, slotInfo);
        message = `cannot decide from this input: ${because}.${ruleClause(rule.template)}`;
      } else message = fill(rule.template, ops, fmt, path, slotInfo);
      out.push({ vuid: rule.vuid, severity, call, command, path, message, url: vuidUrl(rule.vuid) });
    }
    return out;
  }

  private operand(kind: number, v: number, enumType: string | undefined): string {
    switch (kind) {
      case 0: return String(v);
      case 1: return String(v);
      case 2: return `0x${BigInt.asUintN(64, BigInt(v)).toString(16)}`;
      case 3: return handleTypeNames(v);
      case 4: return handleTypeNamesNV(v);
      case 5: return v === 0 ? 'VK_NULL_HANDLE' : this.names.objects.name(v);
      case 6: return v === 0 ? 'NULL' : JSON.stringify(this.names.strings.name(v));
      case 7: return bits(v);
      case 8: return v < 0 ? 'unknown' : String(v);
      // A FlagBits member holding one defined bit is named; other masks are shown in hex.
      case 9: return enumType ? enumName(enumType, v) : String(v);
      case 10: return STRUCT_BY_STYPE[v] ?? sTypeNameByValue.get(v) ?? `sType ${v}`;
      case 11: return v ? 'VK_TRUE' : 'VK_FALSE';
      case 12: return resultNameByValue.get(v) ?? String(v);
      case 13: return EXTENSIONS.filter((_, i) => (BigInt(v) >> BigInt(i)) & 1n).join(', ') || 'none';
      case 14: return String(v);
      case 15: return this.names.osHandleName(v);
      case 16: return featureNames(v);
      case 17: return ENTRIES[v]?.name ?? String(v);
      case 18: return v === 0 ? 'main' : this.names.strings.name(v);
      case 19: return imageFlagNames(v);
      case 20: return bufferFlagNames(v);
      case 21: return `${v >>> 22}.${(v >>> 12) & 0x3ff}.${v & 0xfff}`;
      default: return String(v);
    }
  }
}

/** A memoryTypeBits mask as the memory type indices it allows: `0x5 (types 0, 2)`. */
function bits(v: number): string {
  const out: number[] = [];
  for (let i = 0; i < 32; i++) if ((v >>> i) & 1) out.push(i);
  return `0x${v.toString(16)} (${out.length === 0 ? 'no types' : out.length === 1 ? `type ${out[0]}` : `types ${out.join(', ')}`})`;
}

/**
 * What an undecidable finding adds about its rule: the rule's own message when it names no value (a
 * message with values would only show placeholders here, since the values are what is unknown);
 * otherwise nothing, the VUID's link says what the rule requires.
 */
function ruleClause(t: string): string {
  if (/\{\d+\}|\{value\}/.test(t)) return '';
  return ` (${t.replace(/\{(path|type)\}/g, 'the member').split('. ')[0].replace(/\.$/, '')})`;
}

// A template split once into text and placeholders (even indices text, odd ones the key), so a finding
// is formatted by joining pieces instead of running a regular expression over the template.
const compiled = new Map<string, string[]>();
function pieces(template: string): string[] {
  let p = compiled.get(template);
  if (!p) {
    p = template.split(/\{(\d+|path|value|type)\}/);
    compiled.set(template, p);
  }
  return p;
}

function fill(template: string, ops: Array<[number, number]>, fmt: (k: number, v: number) => string, path: string, slot: { type: string; enumType?: string } | undefined): string {
  const p = pieces(template);
  let out = p[0];
  for (let i = 1; i < p.length; i += 2) {
    const key = p[i];
    let text: string;
    if (key === 'path') text = path || 'the call';
    else if (key === 'type') text = slot?.enumType ?? slot?.type ?? 'this type';
    else if (key === 'value') {
      const member = ops.find(([k]) => k === 9);
      text = member ? fmt(9, member[1]) : '<missing operand>';
    } else {
      const op = ops[Number(key)];
      text = op ? fmt(op[0], op[1]) : '<missing operand>';
    }
    out += text + p[i + 1];
  }
  return out;
}
