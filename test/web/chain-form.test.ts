// The chain builder's form model, read from the registry: the members each command and structure gets,
// the control each member gets, and which structures may be chained where.
import { describe, it, expect } from 'vitest';
import {
  commandSpec, structSpec, mayExtend, sTypeName, structOfSType, enumOptions, flagBits, enumNumber, flagsNumber, flagNames, shortFlagName,
} from '../../web-demo/src/logic/chain-form.js';
import { CHAIN_COMMANDS } from '../../web-demo/src/logic/chain-state.js';

const kinds = (name: string) => Object.fromEntries(structSpec(name)!.fields.map((f) => [f.name, f.kind]));

describe('commands', () => {
  it('vkAllocateMemory: the device, the allocate info, pAllocator (not modelled) and the new memory', () => {
    const c = commandSpec('vkAllocateMemory');
    expect(c.returns).toBe('VkResult');
    expect(c.params.map((p) => [p.name, p.kind, p.out])).toEqual([
      ['device', 'handle', false], ['pAllocateInfo', 'struct', false], ['pAllocator', 'fixed', false], ['pMemory', 'handle', true],
    ]);
    expect(c.params[1].struct).toBe('VkMemoryAllocateInfo');
  });

  it('vkGetMemoryWin32HandleNV takes its handle type as NV flags; the properties query writes a structure', () => {
    const nv = commandSpec('vkGetMemoryWin32HandleNV').params;
    expect(nv.find((p) => p.name === 'handleType')).toMatchObject({ kind: 'flags', enumType: 'VkExternalMemoryHandleTypeFlagBitsNV' });
    expect(nv.find((p) => p.name === 'pHandle')).toMatchObject({ kind: 'oshandle', out: true });
    const props = commandSpec('vkGetMemoryWin32HandlePropertiesKHR').params;
    expect(props.map((p) => p.name)).toEqual(['device', 'handleType', 'handle', 'pMemoryWin32HandleProperties']);
    expect(props[3]).toMatchObject({ kind: 'struct', out: true, struct: 'VkMemoryWin32HandlePropertiesKHR' });
    expect(commandSpec('vkGetMemoryFdKHR').params.at(-1)).toMatchObject({ name: 'pFd', kind: 'fd', out: true });
  });

  it('refuses a name that is not a command', () => {
    expect(() => commandSpec('VkMemoryAllocateInfo')).toThrow(/not a command/);
  });

  it('every member of every structure the builder reaches gets a real control (only pAllocator is fixed)', () => {
    const seen = new Set<string>();
    const walk = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      const s = structSpec(name)!;
      for (const f of s.fields) {
        expect(f.kind, `${name}.${f.name}`).not.toBe('fixed');
        if (f.kind === 'struct') walk(f.struct!);
      }
      for (const e of s.extenders) walk(e);
    };
    for (const c of CHAIN_COMMANDS) {
      for (const p of commandSpec(c).params) {
        if (p.kind === 'fixed') expect(p.name).toBe('pAllocator');
        if (p.kind === 'struct') walk(p.struct!);
      }
    }
    // The import, export, dedicated and create-info structures are all among them.
    for (const s of ['VkImportMemoryWin32HandleInfoKHR', 'VkImportMemoryWin32HandleInfoNV', 'VkExportMemoryWin32HandleInfoKHR', 'VkMemoryDedicatedAllocateInfo', 'VkExternalMemoryImageCreateInfo', 'VkExternalMemoryBufferCreateInfo', 'VkExtent3D']) expect(seen).toContain(s);
  });
});

describe('structures', () => {
  it('VkMemoryAllocateInfo: sizes as 64-bit text, the type index as a number, the import and export structures chainable', () => {
    const s = structSpec('VkMemoryAllocateInfo')!;
    expect(s.sType).toBe('VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO');
    expect(s.hasPNext).toBe(true);
    expect(kinds('VkMemoryAllocateInfo')).toEqual({ allocationSize: 'size', memoryTypeIndex: 'integer' });
    expect(s.extenders).toEqual(expect.arrayContaining(['VkImportMemoryWin32HandleInfoKHR', 'VkImportMemoryWin32HandleInfoNV', 'VkExportMemoryAllocateInfo', 'VkMemoryDedicatedAllocateInfo', 'VkImportMemoryFdInfoKHR', 'VkImportMemoryHostPointerInfoEXT']));
    expect(s.extenders).not.toContain('VkExternalMemoryImageCreateInfo');
  });

  it('the Win32 import: an enum, a HANDLE and a string; the export: a pointer, a DWORD and a string', () => {
    expect(kinds('VkImportMemoryWin32HandleInfoKHR')).toEqual({ handleType: 'enum', handle: 'oshandle', name: 'string' });
    expect(kinds('VkExportMemoryWin32HandleInfoKHR')).toEqual({ pAttributes: 'pointer', dwAccess: 'size', name: 'string' });
    expect(kinds('VkMemoryDedicatedAllocateInfo')).toEqual({ image: 'handle', buffer: 'handle' });
    expect(kinds('VkDedicatedAllocationImageCreateInfoNV')).toEqual({ dedicatedAllocation: 'bool' });
  });

  it('VkImageCreateInfo: enums, flags, a nested extent and an index array; its chain takes the external-memory structures', () => {
    const k = kinds('VkImageCreateInfo');
    expect(k).toMatchObject({ flags: 'flags', imageType: 'enum', format: 'enum', extent: 'struct', usage: 'flags', pQueueFamilyIndices: 'array' });
    expect(structSpec('VkExtent3D')!.sType).toBeUndefined();
    expect(mayExtend('VkImageCreateInfo', 'VkExternalMemoryImageCreateInfo')).toBe(true);
    expect(mayExtend('VkImageCreateInfo', 'VkExternalMemoryImageCreateInfoKHR')).toBe(true); // the alias
    expect(mayExtend('VkImageCreateInfo', 'VkImportMemoryWin32HandleInfoKHR')).toBe(false);
    expect(mayExtend('VkBufferCreateInfo', 'VkExternalMemoryBufferCreateInfo')).toBe(true);
  });

  it('sType names: the promoted spelling, and back from either spelling', () => {
    expect(structSpec('VkMemoryDedicatedAllocateInfo')!.sType).toBe('VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO');
    expect(sTypeName(5)).toBe('VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO');
    expect(structOfSType('VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO_KHR')).toBe('VkMemoryDedicatedAllocateInfo');
    expect(structOfSType(1000073000)).toBe('VkImportMemoryWin32HandleInfoKHR');
    expect(structOfSType('VK_STRUCTURE_TYPE_NOT_A_THING')).toBeUndefined();
    expect(structSpec('VkNotAStructure')).toBeUndefined();
  });
});

describe('enums and flags', () => {
  it('a select offers each value once, under its promoted name', () => {
    const names = enumOptions('VkExternalMemoryHandleTypeFlagBits').map((o) => o.name);
    expect(names).toContain('VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT');
    expect(names.filter((n) => n.endsWith('_KHR'))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('checkboxes: single bits, lowest first, with short labels', () => {
    const bits = flagBits('VkImageUsageFlagBits');
    expect(bits[0]).toEqual({ name: 'VK_IMAGE_USAGE_TRANSFER_SRC_BIT', value: 1 });
    expect(bits.every((b, i) => i === 0 || b.value > bits[i - 1].value)).toBe(true);
    expect(shortFlagName('VK_IMAGE_USAGE_SAMPLED_BIT', 'VkImageUsageFlagBits')).toBe('SAMPLED');
    expect(shortFlagName('VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT', 'VkExternalMemoryHandleTypeFlagBits')).toBe('OPAQUE_WIN32_KMT');
    expect(shortFlagName('VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_IMAGE_BIT_NV', 'VkExternalMemoryHandleTypeFlagBitsNV')).toBe('D3D11_IMAGE_NV');
    expect(shortFlagName('VK_BUFFER_USAGE_2_TRANSFER_SRC_BIT', 'VkBufferUsageFlagBits2')).toBe('TRANSFER_SRC');
    expect(shortFlagName('VK_MEMORY_ALLOCATE_DEVICE_MASK_BIT', 'VkMemoryAllocateFlagBits')).toBe('DEVICE_MASK');
    // Every checkbox the builder shows gets a short label.
    for (const e of ['VkImageCreateFlagBits', 'VkImageUsageFlagBits', 'VkBufferCreateFlagBits', 'VkBufferUsageFlagBits', 'VkBufferUsageFlagBits2', 'VkMemoryAllocateFlagBits', 'VkExternalMemoryHandleTypeFlagBits', 'VkExternalMemoryHandleTypeFlagBitsNV']) {
      for (const b of flagBits(e)) expect(shortFlagName(b.name, e), `${e} ${b.name}`).not.toMatch(/^VK_/);
    }
  });

  it('reads enum and flag values in every form a scenario writes them', () => {
    expect(enumNumber('VkExternalMemoryHandleTypeFlagBits', 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT_KHR')).toBe(8);
    expect(enumNumber('VkExternalMemoryHandleTypeFlagBits', 8)).toBe(8);
    expect(enumNumber('VkExternalMemoryHandleTypeFlagBits', 'D3D11')).toBeUndefined();
    const T = 'VkExternalMemoryHandleTypeFlagBits';
    expect(flagsNumber(T, 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT | VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT')).toBe(10);
    expect(flagsNumber(T, ['VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT', 4])).toBe(5);
    expect(flagsNumber(T, null)).toBe(0);
    expect(flagsNumber(T, 'VK_NOT_A_BIT')).toBeUndefined();
    expect(flagNames(T, 10 | 0x100000)).toEqual({ names: ['VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT', 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT'], rest: 0x100000n });
  });
});
