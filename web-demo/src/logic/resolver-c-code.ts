// The resolver's whole import as C: create the image or buffer for the handle type, ask what it needs,
// ask which memory types the handle allows (where the handle type has a properties query), pick the
// memory type, allocate with the resolved pNext chain, bind, and release what the application still
// owns. The resource's parameters come from the world's own calls, the chain and the values from the
// Resolution, who owns the handle from the handle-type catalogue: nothing is decided here.
// Resolver-only (the chain builder's C code is c-code.ts, which this reuses for member values).
import type { ResolveResult } from '../../../src/resolve/request.js';
import { readCatalogue } from '../../../src/catalogue.js';
import { structSpec, structOfSType, type FieldSpec } from './chain-form.js';
import { valueExpression, wideString } from './c-code.js';
import { handleVariable, humanize, importedRow, propertyFlagsText, type Thing } from './resolver-words.js';

const INDENT = '    ';
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

// Variable names for the structures the import declares; others get one made from the type name.
const VARIABLE_NAMES: Record<string, string> = {
  VkImageCreateInfo: 'imageInfo',
  VkBufferCreateInfo: 'bufferInfo',
  VkExternalMemoryImageCreateInfo: 'externalInfo',
  VkExternalMemoryImageCreateInfoNV: 'externalInfo',
  VkExternalMemoryBufferCreateInfo: 'externalInfo',
  VkImportMemoryWin32HandleInfoKHR: 'importInfo',
  VkImportMemoryWin32HandleInfoNV: 'importInfo',
  VkImportMemoryFdInfoKHR: 'importInfo',
  VkImportMemoryHostPointerInfoEXT: 'importInfo',
  VkMemoryDedicatedAllocateInfo: 'dedicatedInfo',
  VkDedicatedAllocationMemoryAllocateInfoNV: 'dedicatedInfoNV',
  VkMemoryAllocateFlagsInfo: 'flagsInfo',
};
const variableOf = (struct: string) => VARIABLE_NAMES[struct] ?? struct.replace(/^Vk/, '').replace(/(KHR|NV|EXT)$/, '').replace(/^./, (c) => c.toLowerCase());

/** A comment on one or more lines, safe whatever the text holds. */
function comment(text: string, width = 100): string[] {
  const words = text.replace(/\*\//g, '*\\/').split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = '//';
  for (const w of words) {
    if (line.length + 1 + w.length > width && line !== '//') { out.push(line); line = '//'; }
    line += ` ${w}`;
  }
  if (line !== '//') out.push(line);
  return out;
}

// Members whose value names a thing of the world (an object, a handle, an fd, a pointer).
const NAMING_KINDS = new Set<FieldSpec['kind']>(['handle', 'oshandle', 'fd', 'pointer']);

/** One member's C expression: a world name becomes the identifier the code declares; anything else as the chain builder writes it. */
function memberExpression(f: FieldSpec, v: unknown, things: Thing[]): string {
  if (NAMING_KINDS.has(f.kind) && (typeof v === 'string' || typeof v === 'number')) {
    const t = things.find((x) => x.c && x.model === String(v));
    if (t) return t.c!;
  }
  if (f.kind === 'string' && typeof v === 'string') return wideString(v);
  return valueExpression(f, v);
}

/**
 * Declares a structure and the structures chained to it, the last first so that each pNext points at
 * one already declared; returns the lines and the root's variable name.
 */
function declareChain(struct: string, root: Json, things: Thing[], taken: Set<string>, why?: (obj: Json) => string | undefined): { lines: string[]; name: string } {
  const items: Array<{ struct: string; obj: Json }> = [{ struct, obj: root }];
  for (let cur = root.pNext; isObject(cur) && items.length < 16; cur = cur.pNext) {
    const s = structOfSType(cur.sType);
    if (s) items.push({ struct: s, obj: cur });
  }
  const names = items.map((it) => {
    let n = variableOf(it.struct);
    for (let i = 2; taken.has(n); i++) n = `${variableOf(it.struct)}${i}`;
    taken.add(n);
    return n;
  });
  const lines: string[] = [];
  let next: string | undefined;
  for (let i = items.length - 1; i >= 0; i--) {
    const { struct: s, obj } = items[i];
    const spec = structSpec(s);
    const note = why?.(obj);
    if (note) lines.push(...comment(note));
    lines.push(`${s} ${names[i]} = {`);
    if (spec?.sType) lines.push(`${INDENT}.sType = ${spec.sType},`);
    if (spec?.hasPNext) lines.push(`${INDENT}.pNext = ${next ? `&${next}` : 'NULL'},`);
    for (const f of spec?.fields ?? []) if (obj[f.name] !== undefined) lines.push(`${INDENT}.${f.name} = ${memberExpression(f, obj[f.name], things)},`);
    lines.push('};');
    next = names[i];
  }
  return { lines, name: names[0] };
}

/** The resolved chain (after VkMemoryAllocateInfo) as linked objects, each remembering the reason the library gave for it. */
function chainObjects(res: ResolveResult, things: Thing[]): { root: Json | null; reasons: Map<Json, string> } {
  const reasons = new Map<Json, string>();
  let root: Json | null = null;
  const chained = res.resolution.chain.slice(1);
  for (let i = chained.length - 1; i >= 0; i--) {
    const c = chained[i];
    const obj: Json = { ...c.fields, pNext: root };
    if (c.why) reasons.set(obj, humanize(c.why.message, things));
    root = obj;
  }
  return { root, reasons };
}

/** The properties query of the handle type: its function, the structure it fills, and that structure's variable. */
function propertiesQuery(handle: string | undefined, host: boolean): { fn: string; struct: string; variable: string } {
  if (host) return { fn: 'vkGetMemoryHostPointerPropertiesEXT', struct: 'VkMemoryHostPointerPropertiesEXT', variable: 'hostProperties' };
  if (handle === 'fd') return { fn: 'vkGetMemoryFdPropertiesKHR', struct: 'VkMemoryFdPropertiesKHR', variable: 'fdProperties' };
  return { fn: 'vkGetMemoryWin32HandlePropertiesKHR', struct: 'VkMemoryWin32HandlePropertiesKHR', variable: 'handleProperties' };
}

/** The whole import as C, from the resource's creation to releasing what the application owns. */
export function importToC(res: ResolveResult, things: Thing[]): string {
  const r = res.resolution;
  const n = res.names;
  const row = importedRow(res);
  const handle = handleVariable(row);
  const kind = n.resourceKind ?? 'buffer';
  const Kind = kind === 'image' ? 'Image' : 'Buffer';
  const handleType = r.chain[1]?.fields.handleType;
  const byName = n.name !== undefined;
  const taken = new Set<string>(['device', kind, 'requirements', 'dedicatedRequirements', 'requirementsInfo', 'allocateInfo', 'memory', 'result', 'allowedTypes', 'memoryTypeIndex', handle.c]);
  const out: string[] = [];
  const blank = () => out.push('');
  let step = 0;
  const heading = (text: string) => out.push(...comment(`${++step}. ${text}`));

  out.push(...comment(`The whole import on ${res.profile.profile} (${res.profile.device.deviceName}), inside a function that returns VkResult.`));
  if (!r.ok) out.push(...comment('This import cannot work as asked on this profile (see the problems above): the code shows what it would take.'));
  out.push('// Made earlier in the program:');
  out.push(`//   VkDevice device;  ${things.find((t) => t.c === 'device')?.role ?? 'the importing device'}`);
  const h = things.find((t) => t.c === handle.c);
  if (h && !byName) out.push(`//   ${handle.cType === 'void *' ? 'void *' : `${handle.cType} `}${handle.c};  ${h.role}`);
  const byHandle = r.memoryTypeIndex.components.find((c) => c.kind === 'handle' || c.kind === 'host');
  if (byName) {
    out.push(`//   imported by name (${JSON.stringify(n.name)}): the import itself takes no handle`);
    if (byHandle || (row && !row.opaque)) out.push(`//   ${handle.cType} ${handle.c};  a handle to the same payload: the properties query takes a handle, not a name`);
  }
  blank();

  // 1. The resource, created exactly as the world created it (with the external-memory structure).
  const created = [...res.steps].reverse().find((s) => (s.name === 'vkCreateImage' || s.name === 'vkCreateBuffer') && (s.args.pImage ?? s.args.pBuffer) === n.resource);
  heading(`The ${kind} the memory will be bound to, created for the handle type it is imported as.`);
  if (created && isObject(created.args.pCreateInfo)) {
    const decl = declareChain(`Vk${Kind}CreateInfo`, created.args.pCreateInfo, things, taken);
    out.push(...decl.lines);
    out.push(`Vk${Kind} ${kind} = VK_NULL_HANDLE;`);
    out.push(`vkCreate${Kind}(device, &${decl.name}, NULL, &${kind});`);
  } else {
    out.push(`Vk${Kind} ${kind}; // created for the handle type earlier`);
  }
  blank();

  // 2. Its requirements.
  heading(`What the ${kind} needs: its size, the memory types it accepts, and whether it needs memory of its own.`);
  out.push('VkMemoryDedicatedRequirements dedicatedRequirements = { .sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS };');
  out.push('VkMemoryRequirements2 requirements = { .sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2, .pNext = &dedicatedRequirements };');
  out.push(`Vk${Kind}MemoryRequirementsInfo2 requirementsInfo = { .sType = VK_STRUCTURE_TYPE_${kind.toUpperCase()}_MEMORY_REQUIREMENTS_INFO_2, .${kind} = ${kind} };`);
  out.push(`vkGet${Kind}MemoryRequirements2(device, &requirementsInfo, &requirements);`);
  blank();

  // 3. The handle's properties, where the resolution narrows the types by them.
  const masks = ['requirements.memoryRequirements.memoryTypeBits'];
  // The query belongs to every non-opaque KHR handle type (the catalogue says which are opaque), even
  // where this world could not ask it (the handle could not be made on this profile).
  if (byHandle || (row && !row.nv && !row.opaque && row.handle !== 'platform object')) {
    const q = propertiesQuery(row?.handle, byHandle?.kind === 'host' || row?.handle === 'host pointer');
    const pfn = `PFN_${q.fn}`;
    heading(`The memory types the handle can be imported into: ${q.fn} (an extension command, so its address comes from vkGetDeviceProcAddr).`);
    out.push(`${pfn} get${q.fn.replace(/^vkGet/, '')} = (${pfn})vkGetDeviceProcAddr(device, "${q.fn}");`);
    out.push(`${q.struct} ${q.variable} = { .sType = ${structSpec(q.struct)?.sType ?? 'VK_STRUCTURE_TYPE_MAX_ENUM'} };`);
    out.push(`get${q.fn.replace(/^vkGet/, '')}(device, ${typeof handleType === 'string' ? handleType : '0'}, ${handle.c}, &${q.variable});`);
    masks.push(`${q.variable}.memoryTypeBits`);
    blank();
  }
  const exporter = r.memoryTypeIndex.components.find((c) => c.kind === 'exporter');
  if (exporter) {
    heading(`The exporting allocation's memoryTypeIndex, which the exporter sends along with the handle: ${humanize(exporter.why.message, things)}.`);
    out.push(`const uint32_t exportedMemoryTypeIndex = ${exporter.types?.[0] ?? 0};`);
    masks.push('(1u << exportedMemoryTypeIndex)');
    blank();
  }

  // 4. The memory type.
  const first = r.memoryTypeIndex.first;
  const flags = first !== undefined ? res.profile.memory.types[first]?.propertyFlags : undefined;
  heading(`The memory type: any index every mask allows; the lowest is taken${first !== undefined ? ` (on this profile type ${first}, ${flags !== undefined ? propertyFlagsText(flags) : 'flags unknown'})` : ' (on this profile none is allowed)'}.`);
  out.push(`uint32_t allowedTypes = ${masks.join(' & ')};`);
  out.push('uint32_t memoryTypeIndex = 0;');
  out.push('while (memoryTypeIndex < 32 && !(allowedTypes & (1u << memoryTypeIndex))) memoryTypeIndex++;');
  out.push('if (memoryTypeIndex == 32) return VK_ERROR_INVALID_EXTERNAL_HANDLE; // no memory type can hold this payload');
  blank();

  // 5. The allocation.
  heading(`Allocate the memory with the import structure${r.chain.some((c) => /Dedicated/.test(c.struct)) ? ' and the dedicated-allocation structure' : ''}.`);
  const s = r.allocationSize;
  let size: string;
  if (s.mode === 'RESOURCE_REQUIREMENT') size = `requirements.memoryRequirements.size${s.value !== undefined ? ` /* ${s.value} on this profile */` : ''}`;
  else if (s.value !== undefined) {
    out.push(...comment(`allocationSize: ${humanize(s.why.message, things)}.`));
    out.push(`const VkDeviceSize allocationSize = ${s.value};`);
    size = 'allocationSize';
  } else size = '0 /* not known from this world */';
  const { root, reasons } = chainObjects(res, things);
  let pNext = 'NULL';
  if (root) {
    const structName = structOfSType(root.sType) ?? 'VkBaseInStructure';
    const decl = declareChain(structName, root, things, taken, (o) => reasons.get(o));
    out.push(...decl.lines);
    pNext = `&${decl.name}`;
  }
  out.push('VkMemoryAllocateInfo allocateInfo = {', `${INDENT}.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,`, `${INDENT}.pNext = ${pNext},`, `${INDENT}.allocationSize = ${size},`, `${INDENT}.memoryTypeIndex = memoryTypeIndex,`, '};');
  out.push('VkDeviceMemory memory = VK_NULL_HANDLE;');
  out.push('VkResult result = vkAllocateMemory(device, &allocateInfo, NULL, &memory);');
  blank();

  // Who owns the handle now (the catalogue's fact for the type), then the bind.
  heading(`Release what the application still owns, then bind the memory to the ${kind}.`);
  const info = row && readCatalogue().find((t) => t.name === row.name && t.family === (row.nv ? 'NV' : 'KHR'));
  const owner = info ? `Who owns the ${handle.noun} after the import: ${info.ownershipAfterImport}.` : '';
  switch (row?.ownership) {
    case 'app-closes':
      if (byName) out.push(...comment(`${owner} Imported by name, this process opened no handle, so there is nothing to close.`));
      else {
        out.push(...comment(`${owner} It is safe to close once vkAllocateMemory has returned, whether it succeeded or not: the memory object holds its own reference to the payload.`));
        out.push(`CloseHandle(${handle.c});`);
      }
      out.push('if (result != VK_SUCCESS) return result;');
      break;
    case 'driver':
      out.push(...comment(`${owner} If the import failed, the fd is still the application's: close it then.`));
      out.push('if (result != VK_SUCCESS) { close(fd); return result; }');
      break;
    case 'no-reference':
      out.push(...comment(`${owner} Nothing to close; the exporter must keep the shared object alive until this import has been made.`));
      out.push('if (result != VK_SUCCESS) return result;');
      break;
    case 'app-keeps-memory':
      out.push(...comment(`${owner} Free the host allocation only after vkFreeMemory(device, memory, NULL).`));
      out.push('if (result != VK_SUCCESS) return result;');
      break;
    default:
      if (owner) out.push(...comment(owner));
      out.push('if (result != VK_SUCCESS) return result;');
  }
  out.push(`vkBind${Kind}Memory(device, ${kind}, memory, 0);`);
  return out.join('\n') + '\n';
}

/** The resolved chain as the page lists it: members that name a thing of the world show the identifier the C code declares for it. */
export function chainWithCNames(res: ResolveResult, things: Thing[]): ResolveResult['resolution']['chain'] {
  return res.resolution.chain.map((c) => {
    const spec = structSpec(c.struct);
    const fields: Json = {};
    for (const [k, v] of Object.entries(c.fields)) {
      const f = spec?.fields.find((x) => x.name === k);
      const t = f && NAMING_KINDS.has(f.kind) && (typeof v === 'string' || typeof v === 'number') ? things.find((x) => x.c && x.model === String(v)) : undefined;
      fields[k] = t ? t.c : v;
    }
    return { ...c, fields };
  });
}
