// The call's arguments as the chain builder keeps them: scenario-step JSON (members by name, pNext
// chains as nested objects), the same shape the session runs and the URL carries. These functions read
// and change that JSON (in place) and turn what the user typed into member values, with messages that
// name the value when it is not one.
import { enumName, enumOptions, structOfSType, structSpec, type FieldSpec } from './chain-form.js';
import { ENUMS } from '../../../src/generated/registry.js';

export type Json = Record<string, unknown>;
/** Where a value sits in the arguments: member names, one "pNext" per step down the chain. */
export type KeyPath = string[];

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function getAt(root: unknown, keys: KeyPath): unknown {
  let cur = root;
  for (const k of keys) {
    if (!isObject(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** Sets a value, making the objects on the way when they are missing. */
export function setAt(root: Json, keys: KeyPath, value: unknown): void {
  let cur = root;
  for (const k of keys.slice(0, -1)) {
    if (!isObject(cur[k])) cur[k] = {};
    cur = cur[k] as Json;
  }
  cur[keys[keys.length - 1]] = value;
}

/** The structure a chained object is: its `$struct` if it names one, else what its sType says. */
export function structNameOf(obj: Json): string | undefined {
  if (typeof obj.$struct === 'string' && structSpec(obj.$struct)) return structSpec(obj.$struct)!.name;
  return structOfSType(obj.sType);
}

/** The structures linked to `struct` through pNext, in order (a loop is cut where it closes). */
export function chainOf(struct: unknown): Json[] {
  const out: Json[] = [];
  let cur = isObject(struct) ? struct.pNext : undefined;
  while (isObject(cur) && !out.includes(cur) && out.length < 64) {
    out.push(cur);
    cur = cur.pNext;
  }
  return out;
}

/** Links `list` behind `struct` in this order (the last one's pNext becomes null). */
export function setChain(struct: Json, list: Json[]): void {
  let next: Json | null = null;
  for (let i = list.length - 1; i >= 0; i--) {
    // Keep sType and pNext first, as the C declaration and scenario files write them.
    const { sType, pNext: _old, ...members } = list[i];
    const relinked: Json = { sType, pNext: next, ...members };
    for (const k of Object.keys(list[i])) delete list[i][k];
    Object.assign(list[i], relinked);
    next = list[i];
  }
  struct.pNext = next;
}

export function addToChain(struct: Json, name: string, hints: WorldHints): Json {
  const added = newStruct(name, hints);
  setChain(struct, [...chainOf(struct), added]);
  return added;
}

export function removeFromChain(struct: Json, index: number): void {
  const list = chainOf(struct);
  list.splice(index, 1);
  setChain(struct, list);
}

/** Moves the index-th chained structure by `delta` places; false when it would leave the chain. */
export function moveInChain(struct: Json, index: number, delta: number): boolean {
  const list = chainOf(struct);
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return false;
  const [moved] = list.splice(index, 1);
  list.splice(to, 0, moved);
  setChain(struct, list);
  return true;
}

/** What the world offers for default member values: its names and the handle type in play. */
export interface WorldHints {
  device?: string;
  /** The resource an import is bound to (or the one a plain call may use). */
  resource?: string;
  resourceKind?: 'image' | 'buffer';
  /** Memory the world allocated (an exporter's). */
  memory?: string;
  /** The handle (name, fd number or pointer) or the name to import by. */
  handle?: string | number;
  name?: string;
  bit?: number;
  nv?: boolean;
}

const KHR_TYPES = 'VkExternalMemoryHandleTypeFlagBits';
const NV_TYPES = 'VkExternalMemoryHandleTypeFlagBitsNV';
/** DXGI_SHARED_RESOURCE_READ | DXGI_SHARED_RESOURCE_WRITE: what the D3D side usually asks for an NT handle. */
const SHARED_READ_WRITE = 0x80000001;

function khrType(h: WorldHints, fallback: string): string {
  return (h.bit && !h.nv ? enumName(KHR_TYPES, h.bit) : undefined) ?? fallback;
}

/** A member's starting value when the user adds its structure: what fits the world, else zero/NULL. */
export function defaultValue(struct: string, field: FieldSpec, h: WorldHints): unknown {
  const dedicatedTo = (kind: 'image' | 'buffer') => (h.resourceKind === kind && h.resource ? h.resource : 'VK_NULL_HANDLE');
  switch (`${struct}.${field.name}`) {
    case 'VkMemoryDedicatedAllocateInfo.image':
    case 'VkDedicatedAllocationMemoryAllocateInfoNV.image': return dedicatedTo('image');
    case 'VkMemoryDedicatedAllocateInfo.buffer':
    case 'VkDedicatedAllocationMemoryAllocateInfoNV.buffer': return dedicatedTo('buffer');
    case 'VkImportMemoryWin32HandleInfoKHR.handleType': return khrType(h, 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT');
    case 'VkImportMemoryWin32HandleInfoKHR.handle': return h.name ? 0 : typeof h.handle === 'string' ? h.handle : 0;
    case 'VkImportMemoryWin32HandleInfoKHR.name': return h.name ?? null;
    case 'VkImportMemoryWin32HandleInfoNV.handleType': return (h.bit && h.nv ? enumName(NV_TYPES, h.bit) : undefined) ?? 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV';
    case 'VkImportMemoryWin32HandleInfoNV.handle': return typeof h.handle === 'string' ? h.handle : 0;
    case 'VkImportMemoryFdInfoKHR.handleType': return khrType(h, 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT');
    case 'VkImportMemoryFdInfoKHR.fd': return typeof h.handle === 'number' ? h.handle : -1;
    case 'VkImportMemoryHostPointerInfoEXT.handleType': return 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT';
    case 'VkImportMemoryHostPointerInfoEXT.pHostPointer': return typeof h.handle === 'string' && /^0x/i.test(h.handle) ? h.handle : null;
    case 'VkExportMemoryAllocateInfo.handleTypes': return h.bit && !h.nv ? h.bit : ENUMS[KHR_TYPES].values.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT;
    case 'VkExportMemoryAllocateInfoNV.handleTypes': return h.bit && h.nv ? h.bit : ENUMS[NV_TYPES].values.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV;
    case 'VkExportMemoryWin32HandleInfoKHR.dwAccess':
    case 'VkExportMemoryWin32HandleInfoNV.dwAccess': return SHARED_READ_WRITE;
    case 'VkExternalMemoryImageCreateInfo.handleTypes':
    case 'VkExternalMemoryBufferCreateInfo.handleTypes': return h.bit && !h.nv ? h.bit : 0;
    case 'VkExternalMemoryImageCreateInfoNV.handleTypes': return h.bit && h.nv ? h.bit : 0;
    case 'VkDedicatedAllocationImageCreateInfoNV.dedicatedAllocation':
    case 'VkDedicatedAllocationBufferCreateInfoNV.dedicatedAllocation': return 1;
  }
  return zeroValue(field, h);
}

function zeroValue(field: FieldSpec, h: WorldHints): unknown {
  switch (field.kind) {
    case 'integer': case 'size': case 'bool': case 'flags': case 'oshandle': return 0;
    case 'fd': return -1;
    case 'enum': return enumOptions(field.enumType ?? '')[0]?.name ?? 0;
    case 'handle': return field.type === 'VkDevice' && h.device ? h.device : 'VK_NULL_HANDLE';
    case 'struct': return newStruct(field.struct!, h);
    default: return null; // strings, pointers, arrays, pAllocator
  }
}

/** A structure with sType, a null pNext and every member at its starting value. */
export function newStruct(name: string, hints: WorldHints): Json {
  const spec = structSpec(name);
  if (!spec) throw new Error(`${name} is not a structure the model knows`);
  const out: Json = {};
  if (spec.sType) out.sType = spec.sType;
  if (spec.hasPNext) out.pNext = null;
  for (const f of spec.fields) out[f.name] = defaultValue(spec.name, f, hints);
  return out;
}

/** What the user typed, as a member value, or why it is not one. */
export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

const RANGES: Record<string, [bigint, bigint]> = {
  uint32_t: [0n, 0xffffffffn],
  DWORD: [0n, 0xffffffffn],
  int: [-0x80000000n, 0x7fffffffn],
  int32_t: [-0x80000000n, 0x7fffffffn],
  VkDeviceSize: [0n, 0xffffffffffffffffn],
  uint64_t: [0n, 0xffffffffffffffffn],
  VkDeviceAddress: [0n, 0xffffffffffffffffn],
  size_t: [0n, 0xffffffffffffffffn],
};

/** An integer written in decimal or 0x-hex, range-checked for its C type; big ones stay exact (as text). */
export function parseInteger(text: string, type: string): Parsed {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'empty: enter a whole number' };
  if (!/^(-?\d{1,20}|0x[0-9a-f]{1,16})$/i.test(t)) return { ok: false, message: `${JSON.stringify(t)} is not a whole number (write it in decimal, or in hex as 0x…)` };
  const n = BigInt(t);
  const [lo, hi] = RANGES[type] ?? RANGES.uint32_t;
  if (n < lo || n > hi) return { ok: false, message: `${t} does not fit in ${type} (${lo} … ${hi})` };
  return { ok: true, value: n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString() };
}

const MAX_NAME = 128;

/** Parses a text control's content for the member it edits. */
export function parseField(field: FieldSpec, text: string): Parsed {
  const t = text.trim();
  switch (field.kind) {
    case 'integer': case 'size': case 'fd':
      return parseInteger(t, field.kind === 'fd' ? 'int' : field.type);
    case 'handle':
      if (t === '' || t === '0') return { ok: true, value: 'VK_NULL_HANDLE' };
      return t.length > MAX_NAME ? { ok: false, message: `a handle name is at most ${MAX_NAME} characters` } : { ok: true, value: t };
    case 'oshandle':
      if (t === '' || t === '0' || t === 'NULL') return { ok: true, value: 0 };
      return t.length > MAX_NAME ? { ok: false, message: `a HANDLE name is at most ${MAX_NAME} characters` } : { ok: true, value: t };
    case 'string':
      if (text === '') return { ok: true, value: null };
      return text.length > 1024 ? { ok: false, message: 'at most 1024 characters' } : { ok: true, value: text };
    case 'pointer':
      if (t === '' || t === 'NULL') return { ok: true, value: null };
      if (!/^(0x[0-9a-f]{1,16}|\d{1,20})$/i.test(t)) return { ok: false, message: `${JSON.stringify(t)} is not an address (write 0x… or leave it empty for NULL)` };
      return { ok: true, value: `0x${BigInt(t).toString(16)}` };
    case 'array': {
      if (t === '' || t === 'NULL') return { ok: true, value: null };
      const items = t.split(/[\s,]+/).filter(Boolean);
      if (items.length > 64) return { ok: false, message: 'at most 64 elements' };
      const out: unknown[] = [];
      for (const item of items) {
        const p = parseInteger(item, 'uint32_t');
        if (!p.ok) return p;
        out.push(p.value);
      }
      return { ok: true, value: out };
    }
    default:
      return { ok: false, message: `${field.name} is not edited as text` };
  }
}

/** The text a control shows for a member's value (the inverse of parseField). */
export function fieldText(field: FieldSpec, v: unknown): string {
  if (v === undefined || v === null) return field.kind === 'handle' ? 'VK_NULL_HANDLE' : '';
  switch (field.kind) {
    case 'size':
      return field.type === 'DWORD' && typeof v === 'number' ? `0x${v.toString(16)}` : String(v);
    case 'oshandle':
      if (v === 0 || v === '0' || v === 'NULL' || v === '0x0') return '';
      return typeof v === 'number' ? `0x${v.toString(16)}` : String(v);
    case 'handle':
      return v === 0 ? 'VK_NULL_HANDLE' : String(v);
    case 'array':
      return Array.isArray(v) ? v.join(', ') : String(v);
    default:
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

/** Whether a VkBool32 member is true (1, true or "VK_TRUE"). */
export function isTrue(v: unknown): boolean {
  return v === 1 || v === true || v === 'VK_TRUE';
}
