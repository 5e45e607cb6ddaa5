// Reading the JSON shape of calls (scenario steps, capture records) as plain numbers, and writing
// answers back in the same shape. Enumerant names are unique across Vulkan, so one table serves all.
import { ENUMS } from '../generated/registry.js';
import { InputError, show } from '../core/errors.js';

const enumerants = new Map<string, number>();
for (const e of Object.values(ENUMS)) for (const [k, v] of Object.entries(e.values)) if (!enumerants.has(k)) enumerants.set(k, v);
const resultNames = new Map<number, string>();
for (const [k, v] of Object.entries(ENUMS.VkResult.values)) if (!resultNames.has(v)) resultNames.set(v, k);
const sTypeNames = new Map<number, string>();
for (const [k, v] of Object.entries(ENUMS.VkStructureType.values)) if (!sTypeNames.has(v)) sTypeNames.set(v, k);

export type Json = Record<string, unknown>;

/** A member as a number: integers, "0x…" strings, enumerant names and "A|B" masks. Missing is 0. */
export function num(v: unknown, path = ''): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return Number.isFinite(v) ? v : 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '' || s === 'VK_NULL_HANDLE' || s === 'NULL') return 0;
    if (/^-?(0x[0-9a-f]+|\d+)$/i.test(s)) return s.startsWith('-') ? -Number(s.slice(1)) : Number(s);
    let mask = 0;
    for (const part of s.split('|')) {
      const x = enumerants.get(part.trim());
      if (x === undefined) throw new InputError(`${show(part.trim())} is not a number or an enumerant`, { path: path || undefined });
      mask = mask + x - (mask & x); // OR without 32-bit truncation
    }
    return mask;
  }
  throw new InputError(`expected a number, got ${show(v)}`, { path: path || undefined });
}

export function resultName(r: number): string {
  return resultNames.get(r) ?? String(r);
}
export function enumName(enumType: string, v: number): string {
  const e = ENUMS[enumType];
  if (e) for (const [k, x] of Object.entries(e.values)) if (x === v) return k;
  return String(v);
}

export function sTypeName(v: unknown): string {
  return typeof v === 'number' ? sTypeNames.get(v) ?? String(v) : String(v);
}

export function obj(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

/** The structure with this sType in `s`'s pNext chain (or null). */
export function chained(s: unknown, sType: string): Json | null {
  let cur = obj(s).pNext;
  for (let depth = 0; cur && typeof cur === 'object' && depth < 256; depth++) {
    const c = cur as Json;
    if (sTypeName(c.sType) === sType) return c;
    cur = c.pNext;
  }
  return null;
}

/** Every structure in `s`'s pNext chain, in order (a chain that loops is cut at 256). */
export function chainOf(s: unknown): Json[] {
  const out: Json[] = [];
  let cur = obj(s).pNext;
  for (let depth = 0; cur && typeof cur === 'object' && depth < 256; depth++) {
    out.push(cur as Json);
    cur = (cur as Json).pNext;
  }
  return out;
}

export function uuidString(bytes: Uint8Array): string {
  return Array.from(bytes).join('-');
}

export function hexBytes(s: string, path: string): Uint8Array {
  const clean = s.replace(/^0x/i, '').replace(/[\s_-]/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(clean)) throw new InputError(`${show(s)} is not a string of hex bytes`, { path });
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}
export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
