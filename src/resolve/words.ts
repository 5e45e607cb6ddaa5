// Turning the core's resolution operands and reason texts into words: the operand kinds are the ones
// findings use (assembly/core/findings.ts), the texts are "key|anchor|message" (assembly/resolve/reasons.ts).
import { ENUMS } from '../generated/registry.js';
import { SPEC_URL } from '../core/findings.js';
import type { Names } from '../core/encode.js';
import type { Why } from './types.js';

export type Operand = [kind: number, value: bigint];

const KHR_TYPES = 'VkExternalMemoryHandleTypeFlagBits';
const NV_TYPES = 'VkExternalMemoryHandleTypeFlagBitsNV';

/** The enumerant name of a single bit (the non-_KHR spelling when there are aliases). */
export function handleTypeName(bit: number, nv: boolean): string {
  const values = ENUMS[nv ? NV_TYPES : KHR_TYPES].values;
  const names = Object.entries(values).filter(([, v]) => v === bit).map(([n]) => n);
  return names.find((n) => !/_KHR$/.test(n)) ?? names[0] ?? `0x${bit.toString(16)}`;
}

/** VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT → OPAQUE_WIN32; …_BIT_NV → OPAQUE_WIN32_NV; …_BIT_EXT → DMA_BUF; a short name stays as it is. */
export function shortHandleTypeName(name: string): string {
  const rest = name.replace(/^VK_EXTERNAL_MEMORY_HANDLE_TYPE_/, '');
  if (/_BIT_NV$/.test(rest)) return rest.replace(/_BIT_NV$/, '_NV');
  return rest.replace(/_BIT(_[A-Z]+)?$/, '');
}

/** A handle type given by full or short name ("OPAQUE_WIN32", "OPAQUE_WIN32_NV"); `nv` tells which enum it belongs to. */
export function parseHandleType(name: string): { bit: number; nv: boolean } | undefined {
  const khr = ENUMS[KHR_TYPES].values;
  const nvv = ENUMS[NV_TYPES].values;
  const full = name.startsWith('VK_') ? name : `VK_EXTERNAL_MEMORY_HANDLE_TYPE_${name}`;
  if (khr[full] !== undefined) return { bit: khr[full], nv: false };
  if (nvv[full] !== undefined) return { bit: nvv[full], nv: true };
  if (full.endsWith('_NV')) {
    const n = `${full.slice(0, -3)}_BIT_NV`;
    return nvv[n] !== undefined ? { bit: nvv[n], nv: true } : undefined;
  }
  for (const n of [`${full}_BIT`, `${full}_BIT_EXT`, `${full}_BIT_KHR`]) if (khr[n] !== undefined) return { bit: khr[n], nv: false };
  return undefined;
}

function flagList(enumType: string, strip: RegExp, v: number): string {
  if (v === 0) return 'none';
  const out: string[] = [];
  let rest = BigInt.asUintN(64, BigInt(v));
  for (const [n, bit] of Object.entries(ENUMS[enumType]?.values ?? {})) {
    const b = BigInt(bit);
    if (b !== 0n && (b & (b - 1n)) === 0n && (rest & b) === b) { out.push(n.replace(strip, '')); rest &= ~b; }
  }
  if (rest !== 0n) out.push(`0x${rest.toString(16)}`);
  return out.join('|');
}

/** Memory type indices of a mask. */
export function typesOf(mask: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < 32; i++) if (Math.floor(mask / 2 ** i) % 2 === 1) out.push(i);
  return out;
}

export function operandText(kind: number, raw: bigint, names: Names): string {
  const v = Number(raw);
  switch (kind) {
    case 2: return `0x${BigInt.asUintN(64, raw).toString(16)}`;
    case 3: return v === 0 ? 'none' : flagList(KHR_TYPES, /^VK_EXTERNAL_MEMORY_HANDLE_TYPE_|_BIT(_KHR|_EXT)?$/g, v);
    case 4: return v === 0 ? 'none' : flagList(NV_TYPES, /^VK_EXTERNAL_MEMORY_HANDLE_TYPE_|_BIT_NV$/g, v) + ' (NV)';
    case 5: return v === 0 ? 'VK_NULL_HANDLE' : names.objects.name(v);
    case 6: return v === 0 ? 'NULL' : JSON.stringify(names.strings.name(v));
    case 7: { const t = typesOf(v); return `0x${v.toString(16)} (${t.length === 0 ? 'no types' : t.length === 1 ? `type ${t[0]}` : `types ${t.join(', ')}`})`; }
    case 8: return v < 0 ? 'unknown' : String(v);
    case 11: return v ? 'VK_TRUE' : 'VK_FALSE';
    case 15: return names.osHandleName(v);
    case 16: return flagList('VkExternalMemoryFeatureFlagBits', /^VK_EXTERNAL_MEMORY_FEATURE_|_BIT(_KHR)?$/g, v);
    case 18: return v === 0 ? 'main' : names.strings.name(v);
    case 19: return flagList('VkImageCreateFlagBits', /^VK_IMAGE_CREATE_|_BIT$/g, v);
    case 20: return flagList('VkBufferCreateFlagBits', /^VK_BUFFER_CREATE_|_BIT$/g, v);
    default: return String(v);
  }
}

/** Reads a reason text and fills it; `vuid` is the rule the core checks, if the entry cites one. */
export function makeWhy(text: string | undefined, vuid: string | undefined, ops: Operand[], names: Names): Why {
  const [key, anchor, template] = splitReason(text);
  const message = template.replace(/\{(\d+)\}/g, (_, k: string) => {
    const o = ops[Number(k)];
    return o ? operandText(o[0], o[1], names) : '<missing operand>';
  });
  const specVuid = anchor.startsWith('VUID-') ? anchor : undefined;
  const shown = vuid ?? specVuid;
  const link = shown ?? (anchor || undefined);
  return {
    ...(shown ? { vuid: shown } : {}),
    rule: shown ?? `vk-extmem:${key}`,
    checked: vuid !== undefined,
    message,
    ...(link ? { url: `${SPEC_URL}#${link}` } : {}),
  };
}

function splitReason(text: string | undefined): [string, string, string] {
  if (!text || !text.startsWith('resolve.')) return ['unknown', '', text ?? 'no reason given'];
  const a = text.indexOf('|');
  const b = text.indexOf('|', a + 1);
  return [text.slice('resolve.'.length, a), text.slice(a + 1, b), text.slice(b + 1)];
}
