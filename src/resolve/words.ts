// Turning the core's resolution operands and reason texts into words: operands are printed by the one
// operand printer findings use too (core/operands.ts), the texts are "key|anchor|message" with named
// operands (assembly/resolve/reasons.ts), filled the way finding templates are (core/templates.ts).
import { ENUMS } from '../generated/registry.js';
import { SPEC_URL } from '../core/findings.js';
import type { Names } from '../core/encode.js';
import { formatOperand } from '../core/operands.js';
import { compileTemplate, fillTemplate, operandNames } from '../core/templates.js';
import type { Why } from './types.js';

export { typesOf } from '../core/operands.js';

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

/** An operand of an entry by the name its reason declares (undefined when the entry has none of that name). */
export function operandNamed(declaration: string, ops: Operand[], name: string): Operand | undefined {
  const i = operandNames(declaration).indexOf(name);
  return i >= 0 ? ops[i] : undefined;
}

/**
 * Reads a reason text and fills it with the entry's operands, named as `declaration` says; `vuid` is
 * the rule the core checks, if the entry cites one.
 */
export function makeWhy(text: string | undefined, declaration: string, vuid: string | undefined, ops: Operand[], names: Names): Why {
  const [key, anchor, template] = splitReason(text);
  const ctx = { names };
  const message = fillTemplate(compileTemplate(template, declaration), ops.length, (i) => (i < ops.length ? formatOperand(ops[i][0], ops[i][1], ctx) : undefined), () => 'the member');
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
