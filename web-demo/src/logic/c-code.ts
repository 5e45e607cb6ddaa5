// The chain builder's call as C, ready to paste: one declaration per structure, the last in the chain
// first so each pNext can point at one already declared, members with their enumerant and flag names,
// objects and handles as the variables the rest of the program made, and the call itself.
import { commandSpec, enumName, enumNumber, flagNames, flagsNumber, structSpec, type FieldSpec } from './chain-form.js';
import { chainOf, isObject, isTrue, structNameOf, type Json } from './chain-args.js';

const INDENT = '    ';

// Short variable names for the structures people write most; the rest get one made from the type name.
const VARIABLE_NAMES: Record<string, string> = {
  VkMemoryAllocateInfo: 'allocInfo',
  VkMemoryDedicatedAllocateInfo: 'dedicatedInfo',
  VkDedicatedAllocationMemoryAllocateInfoNV: 'dedicatedInfoNV',
  VkImportMemoryWin32HandleInfoKHR: 'importInfo',
  VkImportMemoryWin32HandleInfoNV: 'importInfoNV',
  VkImportMemoryFdInfoKHR: 'importFdInfo',
  VkImportMemoryHostPointerInfoEXT: 'importHostInfo',
  VkExportMemoryAllocateInfo: 'exportInfo',
  VkExportMemoryAllocateInfoNV: 'exportInfoNV',
  VkExportMemoryWin32HandleInfoKHR: 'exportWin32Info',
  VkExportMemoryWin32HandleInfoNV: 'exportWin32InfoNV',
  VkMemoryAllocateFlagsInfo: 'flagsInfo',
  VkMemoryGetWin32HandleInfoKHR: 'getHandleInfo',
  VkMemoryGetFdInfoKHR: 'getFdInfo',
  VkMemoryWin32HandlePropertiesKHR: 'handleProperties',
  VkImageCreateInfo: 'imageInfo',
  VkBufferCreateInfo: 'bufferInfo',
  VkExternalMemoryImageCreateInfo: 'externalImageInfo',
  VkExternalMemoryBufferCreateInfo: 'externalBufferInfo',
};

/** A C identifier for a name from the world or the user (anything else becomes '_'). */
export function cIdentifier(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_]/g, '_');
  return id === '' ? '_' : /^[0-9]/.test(id) ? `_${id}` : id;
}

/** Text safe inside a C block comment, on one line. */
function commentText(v: unknown): string {
  let s: string;
  try { s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v); } catch { s = String(v); }
  return (s.length > 60 ? `${s.slice(0, 57)}...` : s).replace(/\*\//g, '*\\/');
}

/** A wide string literal (LPCWSTR): quotes, backslashes and anything unprintable escaped. */
export function wideString(s: string): string {
  let out = 'L"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c === 0x0a) out += '\\n';
    else if (c <= 0xffff) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

const isNullHandle = (v: unknown) => v === null || v === undefined || v === 0 || v === '0' || v === 'VK_NULL_HANDLE' || v === 'NULL' || v === '0x0';
const hexText = (v: unknown) => (typeof v === 'number' ? `0x${v.toString(16)}` : String(v));

/** Collects what the code uses from elsewhere (the world's objects and handles), by C type. */
class Uses {
  readonly byType = new Map<string, Set<string>>();
  add(type: string, id: string): void {
    let s = this.byType.get(type);
    if (!s) { s = new Set(); this.byType.set(type, s); }
    s.add(id);
  }
}

/** One member's value as a C expression. */
export function valueExpression(field: FieldSpec, v: unknown, uses?: Pick<Uses, 'add'>): string {
  if (typeof v === 'string' && v.startsWith('$')) return `0 /* ${commentText(v)}: filled in from the world when the call runs */`;
  switch (field.kind) {
    case 'integer': case 'fd':
      return typeof v === 'number' || (typeof v === 'string' && /^(-?\d+|0x[0-9a-f]+)$/i.test(v)) ? String(v) : `0 /* not a number: ${commentText(v)} */`;
    case 'size':
      if (typeof v === 'number') return field.type === 'DWORD' ? `0x${v.toString(16)}` : String(v);
      return typeof v === 'string' && /^(\d+|0x[0-9a-f]+)$/i.test(v) ? v : `0 /* not a number: ${commentText(v)} */`;
    case 'bool':
      return isTrue(v) ? 'VK_TRUE' : 'VK_FALSE';
    case 'enum': {
      const n = enumNumber(field.enumType, v);
      if (n === undefined) return `0 /* not a ${field.enumType} value: ${commentText(v)} */`;
      return typeof v === 'string' ? v : enumName(field.enumType, n) ?? String(n);
    }
    case 'flags': {
      const n = flagsNumber(field.enumType, v);
      if (n === undefined) return `0 /* not ${field.enumType} bits: ${commentText(v)} */`;
      if (n === 0) return '0';
      const { names, rest } = flagNames(field.enumType, n);
      return [...names, ...(rest ? [`0x${rest.toString(16)}`] : [])].join(' | ');
    }
    case 'handle': {
      if (isNullHandle(v)) return 'VK_NULL_HANDLE';
      if (typeof v === 'number') return `(${field.type})0x${v.toString(16)}`;
      const id = cIdentifier(String(v));
      uses?.add(field.type, id);
      return id;
    }
    case 'oshandle': {
      if (isNullHandle(v)) return 'NULL';
      if (typeof v === 'number' || /^0x[0-9a-f]+$/i.test(String(v))) return `(HANDLE)${hexText(v)}`;
      const id = cIdentifier(String(v));
      uses?.add('HANDLE', id);
      return id;
    }
    case 'string':
      return typeof v === 'string' ? wideString(v) : 'NULL';
    case 'pointer':
      return v === null || v === undefined || v === 0 ? 'NULL' : `(void *)${hexText(v)}`;
    case 'array':
      return Array.isArray(v) ? `(const ${field.type}[]){ ${v.map((x) => (typeof x === 'number' ? String(x) : '0')).join(', ')} }` : 'NULL';
    case 'struct': {
      const spec = structSpec(field.struct!);
      if (!spec || !isObject(v)) return '{ 0 }';
      const members = spec.fields.filter((f) => v[f.name] !== undefined).map((f) => `.${f.name} = ${valueExpression(f, v[f.name], uses)}`);
      return `{ ${members.join(', ')} }`;
    }
    default:
      return 'NULL';
  }
}

/** Names variables uniquely (allocInfo, allocInfo2, …). */
class Namer {
  private taken = new Set<string>();
  constructor(reserved: Iterable<string>) { for (const r of reserved) this.taken.add(r); }
  name(base: string): string {
    let n = base;
    for (let i = 2; this.taken.has(n); i++) n = `${base}${i}`;
    this.taken.add(n);
    return n;
  }
}

function variableBase(struct: string): string {
  const plain = struct.replace(/^Vk/, '').replace(/(KHR|NV|EXT|MESA)$/, '');
  return VARIABLE_NAMES[struct] ?? plain.charAt(0).toLowerCase() + plain.slice(1);
}

/** Declares a structure and its pNext chain (last first); returns the root's variable name. */
function declareChain(struct: string, root: Json, namer: Namer, uses: Uses, lines: string[]): string {
  const items = [{ name: struct, obj: root }, ...chainOf(root).map((obj) => ({ name: structNameOf(obj), obj }))];
  const vars = items.map((it) => (it.name ? namer.name(variableBase(it.name)) : ''));
  let next = 'NULL';
  for (let i = items.length - 1; i >= 0; i--) {
    const { name, obj } = items[i];
    const spec = name ? structSpec(name) : undefined;
    if (!spec) {
      lines.push(`/* Left out: a structure the model does not know (sType ${commentText(obj.sType)}). */`);
      continue;
    }
    lines.push(`${spec.name} ${vars[i]} = {`);
    if (spec.sType) lines.push(`${INDENT}.sType = ${spec.sType},`);
    if (spec.hasPNext) lines.push(`${INDENT}.pNext = ${next === 'NULL' ? 'NULL' : `&${next}`},`);
    for (const f of spec.fields) if (obj[f.name] !== undefined) lines.push(`${INDENT}.${f.name} = ${valueExpression(f, obj[f.name], uses)},`);
    lines.push('};');
    next = vars[i];
  }
  return vars[0];
}

/** The whole call as C: the world's objects it uses (as a comment), the declarations, the call. */
export function chainToC(command: string, args: Json): string {
  const spec = commandSpec(command);
  const uses = new Uses();
  const body: string[] = [];
  const callArgs: string[] = [];
  // Output variables are named by the user; structures must not take those names.
  const outputs = spec.params.filter((p) => p.out && p.kind !== 'struct').map((p) => outputName(p, args[p.name]));
  const namer = new Namer(outputs);
  for (const p of spec.params) {
    const v = args[p.name];
    if (p.kind === 'fixed') { callArgs.push('NULL'); continue; }
    if (p.kind === 'struct' && p.out) {
      const name = namer.name(variableBase(p.struct!));
      const s = structSpec(p.struct!)!;
      body.push(`${s.name} ${name} = { .sType = ${s.sType}, .pNext = NULL };`);
      callArgs.push(`&${name}`);
    } else if (p.kind === 'struct') {
      callArgs.push(`&${declareChain(p.struct!, isObject(v) ? v : {}, namer, uses, body)}`);
    } else if (p.out) {
      const name = outputName(p, v);
      body.push(p.kind === 'handle' ? `${p.type} ${name} = VK_NULL_HANDLE;` : p.kind === 'oshandle' ? `HANDLE ${name} = NULL;` : `int ${name} = -1;`);
      callArgs.push(`&${name}`);
    } else {
      callArgs.push(valueExpression(p, v, uses));
    }
  }
  const made = [...uses.byType].map(([type, ids]) => `${type} ${[...ids].join(', ')};`);
  const head = made.length ? [`// Made earlier in this world: ${made.join(' ')}`] : [];
  const call = `${spec.returns === 'void' ? '' : `${spec.returns} res = `}${spec.name}(${callArgs.join(', ')});`;
  return [...head, ...body, call].join('\n') + '\n';
}

function outputName(p: FieldSpec, v: unknown): string {
  if (p.kind === 'fd') return typeof v === 'string' && !/^\d+$/.test(v) ? cIdentifier(v) : 'fd';
  return typeof v === 'string' && v !== '' ? cIdentifier(v) : p.kind === 'oshandle' ? 'handle' : p.type.replace(/^Vk/, '').toLowerCase();
}
