// Editing the call's arguments: the pNext chain (add, move, remove), new structures with values that fit
// the world, text typed into controls turned into member values (or refused, saying why), and member
// paths that lead a finding to its control.
import { describe, it, expect } from 'vitest';
import {
  addToChain, chainOf, fieldText, getAt, moveInChain, newStruct, parseField, parseInteger, removeFromChain, setAt, setChain, structNameOf, type Json,
} from '../../web-demo/src/logic/chain-args.js';
import { structSpec, type FieldSpec } from '../../web-demo/src/logic/chain-form.js';
import { chainPath, memberPath, parentPath, targetOf } from '../../web-demo/src/logic/chain-paths.js';

const field = (struct: string, name: string): FieldSpec => structSpec(struct)!.fields.find((f) => f.name === name)!;
const names = (root: Json) => chainOf(root).map(structNameOf);
const hints = { device: 'dev_main', resource: 'dstRes', resourceKind: 'image' as const, handle: 'hSrc', bit: 8, nv: false };

describe('the pNext chain', () => {
  it('adds at the end, moves and removes, relinking pNext each time (sType and pNext first)', () => {
    const root = newStruct('VkMemoryAllocateInfo', hints);
    expect(root).toEqual({ sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', pNext: null, allocationSize: 0, memoryTypeIndex: 0 });
    addToChain(root, 'VkImportMemoryWin32HandleInfoKHR', hints);
    addToChain(root, 'VkMemoryDedicatedAllocateInfo', hints);
    expect(names(root)).toEqual(['VkImportMemoryWin32HandleInfoKHR', 'VkMemoryDedicatedAllocateInfo']);
    expect(moveInChain(root, 1, -1)).toBe(true);
    expect(names(root)).toEqual(['VkMemoryDedicatedAllocateInfo', 'VkImportMemoryWin32HandleInfoKHR']);
    expect(Object.keys(chainOf(root)[0]).slice(0, 2)).toEqual(['sType', 'pNext']);
    expect(chainOf(root)[1].pNext).toBeNull();
    expect(moveInChain(root, 0, -1)).toBe(false);
    expect(moveInChain(root, 1, 1)).toBe(false);
    removeFromChain(root, 0);
    expect(names(root)).toEqual(['VkImportMemoryWin32HandleInfoKHR']);
    removeFromChain(root, 0);
    expect(root.pNext).toBeNull();
  });

  it('a chain that loops back on itself is read up to where it closes', () => {
    const a: Json = { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO', pNext: null };
    const root: Json = { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', pNext: a };
    a.pNext = a;
    expect(chainOf(root)).toHaveLength(1);
    setChain(root, [a]);
    expect(a.pNext).toBeNull();
  });

  it('knows a chained structure by its sType (either spelling) or by $struct', () => {
    expect(structNameOf({ sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO_KHR' })).toBe('VkMemoryDedicatedAllocateInfo');
    expect(structNameOf({ $struct: 'VkExportMemoryAllocateInfo', sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO' })).toBe('VkExportMemoryAllocateInfo');
    expect(structNameOf({ sType: 12345 })).toBeUndefined();
  });
});

describe('new structures fit the world', () => {
  it('a dedicated allocation names the world\'s image; an import carries its handle type and handle', () => {
    expect(newStruct('VkMemoryDedicatedAllocateInfo', hints)).toMatchObject({ image: 'dstRes', buffer: 'VK_NULL_HANDLE' });
    expect(newStruct('VkMemoryDedicatedAllocateInfo', { ...hints, resourceKind: 'buffer' })).toMatchObject({ image: 'VK_NULL_HANDLE', buffer: 'dstRes' });
    expect(newStruct('VkImportMemoryWin32HandleInfoKHR', hints)).toEqual({
      sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_KHR', pNext: null, handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT', handle: 'hSrc', name: null,
    });
    // By name: the name, and no handle.
    expect(newStruct('VkImportMemoryWin32HandleInfoKHR', { ...hints, handle: undefined, name: 'Local\\tex' })).toMatchObject({ handle: 0, name: 'Local\\tex' });
  });

  it('export and create-info structures take the world\'s handle type; without one, sensible zeros', () => {
    expect(newStruct('VkExportMemoryAllocateInfo', { bit: 4, nv: false }).handleTypes).toBe(4);
    expect(newStruct('VkExportMemoryAllocateInfo', {}).handleTypes).toBe(2);
    expect(newStruct('VkExportMemoryWin32HandleInfoKHR', {})).toMatchObject({ pAttributes: null, dwAccess: 0x80000001, name: null });
    expect(newStruct('VkExternalMemoryImageCreateInfoNV', { bit: 2, nv: true }).handleTypes).toBe(2);
    expect(newStruct('VkImageCreateInfo', {})).toMatchObject({ extent: { width: 0, height: 0, depth: 0 }, pQueueFamilyIndices: null, flags: 0 });
    expect(() => newStruct('VkNothing', {})).toThrow(/not a structure/);
  });
});

describe('typed text to member values', () => {
  it('integers in decimal or hex, range-checked for their C type; big sizes stay exact', () => {
    expect(parseInteger('262144', 'VkDeviceSize')).toEqual({ ok: true, value: 262144 });
    expect(parseInteger(' 0x40000 ', 'VkDeviceSize')).toEqual({ ok: true, value: 262144 });
    expect(parseInteger('18446744073709551615', 'VkDeviceSize')).toEqual({ ok: true, value: '18446744073709551615' });
    expect(parseInteger('4294967296', 'uint32_t')).toEqual({ ok: false, message: '4294967296 does not fit in uint32_t (0 … 4294967295)' });
    expect(parseInteger('-1', 'VkDeviceSize').ok).toBe(false);
    expect(parseInteger('-1', 'int')).toEqual({ ok: true, value: -1 });
    expect(parseInteger('12x', 'uint32_t')).toEqual({ ok: false, message: '"12x" is not a whole number (write it in decimal, or in hex as 0x…)' });
    expect(parseInteger('', 'uint32_t').ok).toBe(false);
  });

  it('handles, HANDLEs, strings, pointers and arrays: empty means NULL', () => {
    expect(parseField(field('VkMemoryDedicatedAllocateInfo', 'image'), '')).toEqual({ ok: true, value: 'VK_NULL_HANDLE' });
    expect(parseField(field('VkMemoryDedicatedAllocateInfo', 'image'), ' dstRes ')).toEqual({ ok: true, value: 'dstRes' });
    expect(parseField(field('VkImportMemoryWin32HandleInfoKHR', 'handle'), '')).toEqual({ ok: true, value: 0 });
    expect(parseField(field('VkImportMemoryWin32HandleInfoKHR', 'name'), '')).toEqual({ ok: true, value: null });
    expect(parseField(field('VkImportMemoryWin32HandleInfoKHR', 'name'), ' Local\\x ')).toEqual({ ok: true, value: ' Local\\x ' });
    expect(parseField(field('VkImportMemoryHostPointerInfoEXT', 'pHostPointer'), '0x10000')).toEqual({ ok: true, value: '0x10000' });
    expect(parseField(field('VkImportMemoryHostPointerInfoEXT', 'pHostPointer'), 'here').ok).toBe(false);
    expect(parseField(field('VkImageCreateInfo', 'pQueueFamilyIndices'), '0, 1 2')).toEqual({ ok: true, value: [0, 1, 2] });
    expect(parseField(field('VkImageCreateInfo', 'pQueueFamilyIndices'), '0, x').ok).toBe(false);
    expect(parseField(field('VkMemoryDedicatedAllocateInfo', 'image'), 'x'.repeat(129)).ok).toBe(false);
  });

  it('shows values back as the controls hold them', () => {
    expect(fieldText(field('VkExportMemoryWin32HandleInfoKHR', 'dwAccess'), 0x80000001)).toBe('0x80000001');
    expect(fieldText(field('VkImportMemoryWin32HandleInfoKHR', 'handle'), 0)).toBe('');
    expect(fieldText(field('VkImportMemoryWin32HandleInfoKHR', 'handle'), 0x1a4)).toBe('0x1a4');
    expect(fieldText(field('VkMemoryDedicatedAllocateInfo', 'buffer'), null)).toBe('VK_NULL_HANDLE');
    expect(fieldText(field('VkImageCreateInfo', 'pQueueFamilyIndices'), [0, 1])).toBe('0, 1');
  });

  it('reads and writes by key path, making objects on the way', () => {
    const args: Json = {};
    setAt(args, ['pAllocateInfo', 'pNext', 'handle'], 'hSrc');
    expect(args).toEqual({ pAllocateInfo: { pNext: { handle: 'hSrc' } } });
    expect(getAt(args, ['pAllocateInfo', 'pNext', 'handle'])).toBe('hSrc');
    expect(getAt(args, ['pAllocateInfo', 'nothing', 'here'])).toBeUndefined();
  });
});

describe('member paths', () => {
  it('are written as findings write them, and climb to what the form shows', () => {
    const base = 'pAllocateInfo';
    const imp = chainPath(base, 'VkImportMemoryWin32HandleInfoKHR');
    expect(memberPath(imp, 'handle')).toBe('pAllocateInfo.pNext[VkImportMemoryWin32HandleInfoKHR].handle');
    expect(memberPath('', 'device')).toBe('device');
    expect(parentPath('pAllocateInfo.pNext[VkImportMemoryWin32HandleInfoKHR].handle')).toBe(imp);
    expect(parentPath(imp)).toBe('pAllocateInfo.pNext');
    expect(parentPath('device')).toBe('');
    const shown = new Set(['pAllocateInfo', imp, `${imp}.handle`, 'pCreateInfo.extent']);
    expect(targetOf(`${imp}.handle`, shown)).toBe(`${imp}.handle`);
    expect(targetOf(`${imp}.sType`, shown)).toBe(imp);
    expect(targetOf('pAllocateInfo.pNext[VkMemoryDedicatedAllocateInfo].image', shown)).toBe('pAllocateInfo');
    expect(targetOf('pCreateInfo.extent.width', shown)).toBe('pCreateInfo.extent');
    expect(targetOf('', shown)).toBeUndefined();
    expect(targetOf('pMemory', shown)).toBeUndefined();
  });
});
