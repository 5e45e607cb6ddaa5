// How each structure member or command parameter is carried across the boundary (its "kind"), and
// which implicit valid-usage checks vk.xml's member attributes imply for it.

/** Member kinds, shared by the TypeScript encoder and the Wasm core. */
export const KIND = {
  SKIP: 0,        // read past: not modelled
  SCALAR: 1,      // integers, sizes, booleans, counts
  ENUM: 2,        // a single enumerant (also a single FlagBits value)
  FLAGS: 3,       // a bitmask
  HANDLE: 4,      // a Vulkan or D3D object: interned id, 0 = null
  OSHANDLE: 5,    // a Win32 HANDLE value: interned id, 0 = NULL
  FD: 6,          // a POSIX file descriptor: its integer value
  STRING: 7,      // a name or process: interned id, 0 = NULL
  PTR: 8,         // an address: its value, 0 = NULL, -1 = not a pointer value
  STRUCT: 9,      // one nested structure: node index + 1, 0 = NULL
  STRUCT_ARRAY: 10, // child nodes, slot holds the element count
  BYTES: 11,      // a fixed byte array (UUID, LUID): interned id of its hex text
  ARRAY: 12,      // an array of scalars or handles: element child nodes, slot holds the count
  EXTNAMES: 13,   // extension name list: mask over the tracked extensions
};

const SCALARS = new Set(['uint32_t', 'int32_t', 'uint64_t', 'int64_t', 'size_t', 'VkDeviceSize', 'VkDeviceAddress', 'VkBool32', 'DWORD', 'BOOL', 'float', 'uint8_t', 'uint16_t', 'VkSampleMask']);

export function classify(reg, m, modelled, owner) {
  const t = m.type;
  const isStruct = reg.structs.has(t) || reg.structAliases.has(t);
  const structName = reg.structAliases.get(t) ?? t;
  const enumType = (() => {
    if (reg.enums.has(t)) return t;
    const bm = reg.bitmasks.get(t);
    if (bm) return reg.bitmasks.get(bm.alias)?.bits ?? bm.bits ?? undefined;
    return undefined;
  })();
  const isFlags = reg.bitmasks.has(t);
  const isHandle = reg.handles.has(t) || t === 'ID3DObject';
  // Model calls mark their outputs with `out`; their types are our own.
  if (owner.kind === 'model') {
    if (t === 'HANDLE') return { kind: KIND.OSHANDLE };
    if (t === 'int') return { kind: KIND.FD };
    if (t === 'LPCWSTR' || t === 'PROCESS') return { kind: KIND.STRING };
    if (t === 'ID3DObject') return { kind: KIND.HANDLE };
    if (t === 'LUID') return { kind: KIND.BYTES };
    if (t === 'SECURITY_ATTRIBUTES') return { kind: KIND.PTR };
    return { kind: KIND.SCALAR };
  }
  if (m.fixedLen) {
    if (t === 'uint8_t') return { kind: KIND.BYTES, fixed: m.fixedLen };
    if (isStruct) return modelled.has(structName) ? { kind: KIND.STRUCT_ARRAY, child: structName, fixed: m.fixedLen } : { kind: KIND.SKIP };
    if (t === 'char') return { kind: KIND.STRING };
    return { kind: KIND.SKIP };
  }
  if (m.name === 'ppEnabledExtensionNames') return { kind: KIND.EXTNAMES };
  if (m.ptr >= 2) return { kind: KIND.SKIP };
  if (isStruct) {
    if (!modelled.has(structName)) return { kind: KIND.SKIP };
    if (m.attrs.len && m.ptr === 1) return { kind: KIND.STRUCT_ARRAY, child: structName };
    return { kind: KIND.STRUCT, child: structName };
  }
  if (m.ptr === 1 && m.attrs.len && !m.attrs.len.includes('null-terminated')) {
    const elem = isHandle ? KIND.HANDLE : enumType ? (isFlags ? KIND.FLAGS : KIND.ENUM) : SCALARS.has(t) ? KIND.SCALAR : undefined;
    if (elem === undefined) return { kind: KIND.SKIP };
    return { kind: KIND.ARRAY, elemKind: elem, elemType: t };
  }
  if (t === 'HANDLE') return { kind: KIND.OSHANDLE };
  if (t === 'LPCWSTR' || (t === 'char' && m.ptr === 1)) return { kind: KIND.STRING };
  if (t === 'int' && (m.name === 'fd' || m.name === 'pFd')) return { kind: KIND.FD };
  if (m.ptr === 1 && (t === 'void' || t === 'SECURITY_ATTRIBUTES')) return { kind: KIND.PTR };
  if (m.ptr === 1 && SCALARS.has(t)) return { kind: KIND.SCALAR }; // an output count or value
  if (m.ptr === 1 && isHandle) return { kind: KIND.HANDLE }; // an output handle (pMemory, pBuffer)
  if (m.ptr === 1) return { kind: KIND.SKIP };
  if (isHandle) return { kind: KIND.HANDLE };
  if (enumType && reg.enums.has(enumType)) return { kind: isFlags ? KIND.FLAGS : KIND.ENUM, enumType };
  if (isFlags) return { kind: KIND.FLAGS }; // reserved flags type with no bits defined
  if (SCALARS.has(t) || reg.basetypes.has(t) || t === 'int') return { kind: KIND.SCALAR };
  return { kind: KIND.SKIP };
}

/**
 * The implicit checks vk.xml implies for one structure or command. The VUID names follow the
 * specification's generated "Valid Usage (Implicit)" naming; the generator drops any that the
 * registry's validusage.json does not list.
 */
export function implicitChecks(reg, entry, slots, extendersOf) {
  const out = [];
  const S = entry.name;
  const isCmd = entry.kind === 'command';
  if (!isCmd) {
    if (entry.members.some((m) => m.name === 'sType')) out.push({ kind: 'stype', slot: -1, vuid: `VUID-${S}-sType-sType` });
    if (entry.members.some((m) => m.name === 'pNext')) {
      out.push({ kind: 'pnext', slot: -1, vuid: `VUID-${S}-pNext-pNext` });
      if ((extendersOf.get(S) ?? []).length) out.push({ kind: 'unique', slot: -1, vuid: `VUID-${S}-sType-unique` });
    }
  }
  const members = entry.members.filter((m) => m.name !== 'sType' && m.name !== 'pNext');
  members.forEach((m, slot) => {
    const s = slots[slot];
    if (m.attrs.noautovalidity === 'true') return;
    const optional = (m.attrs.optional ?? '').startsWith('true');
    const v = `VUID-${S}-${m.name}-parameter`;
    if (s.kind === KIND.ENUM) out.push({ kind: 'enum', slot, enumType: s.enumType, optional, vuid: v });
    else if (s.kind === KIND.FLAGS) {
      if (s.enumType) out.push({ kind: 'flags', slot, enumType: s.enumType, optional, vuid: v });
      if (!optional) out.push({ kind: 'requiredbitmask', slot, optional, vuid: `VUID-${S}-${m.name}-requiredbitmask` });
    } else if (s.kind === KIND.HANDLE && m.ptr === 0) out.push({ kind: 'handle', slot, optional, vuid: v });
    else if (s.kind === KIND.ARRAY) {
      // "If <count> is not 0, <array> must be a valid pointer to <count> valid values": the count member decides.
      const countSlot = members.findIndex((x) => x.name === (m.attrs.len ?? '').split(',')[0]);
      out.push({ kind: 'array', slot, optional, countSlot, vuid: v });
    } else if (m.ptr === 1 && m.type === 'void') out.push({ kind: 'ptrvalue', slot, optional: true, vuid: v });
    else if (m.ptr === 1 && (s.kind === KIND.STRUCT || s.kind === KIND.PTR || s.kind === KIND.SCALAR || s.kind === KIND.FD || s.kind === KIND.OSHANDLE || s.kind === KIND.HANDLE || (s.kind === KIND.SKIP && isCmd))) {
      out.push({ kind: 'pointer', slot, optional, vuid: v });
    }
  });
  // Parent relations: in commands, a handle parameter after the first must belong to the first; in
  // structures (and commands with several such handles), all non-dispatchable handles share one device.
  const handleSlots = members.map((m, slot) => ({ m, slot })).filter(({ m }) => reg.handles.has(m.type) && m.ptr === 0);
  if (isCmd && handleSlots.length >= 2) {
    for (const { m, slot } of handleSlots.slice(1)) out.push({ kind: 'parent', slot, vuid: `VUID-${S}-${m.name}-parent` });
  }
  const handleArrays = isCmd ? [] : members.filter((m) => reg.handles.has(m.type) && m.ptr === 1 && m.attrs.len);
  const nonFirst = isCmd ? handleSlots.slice(1) : [...handleSlots, ...handleArrays];
  if (nonFirst.length >= 2 || (!isCmd && nonFirst.length >= 1)) out.push({ kind: 'commonparent', slot: -1, vuid: `VUID-${S}-commonparent` });
  return out;
}
