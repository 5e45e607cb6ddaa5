// The core's description of a call (core/describe.ts): what a backend is to be asked, read from the one
// decoding of the record the rules read, however the chain is written (an alias sType, a structure named
// by "$struct", a duplicated or zero-valued one).
import { describe, it, expect, beforeAll } from 'vitest';
import { createValidator } from '../../src/index.js';
import { ENUMS } from '../../src/generated/registry.js';
import type { Validator } from '../../src/validator.js';
import { prelude, image, allocate, vk, BIT, OPAQUE_WIN32, OPAQUE_FD, toRecord, type Step } from '../helpers/world.js';

const WIN_EXTS = ['VK_KHR_external_memory', 'VK_KHR_external_memory_win32', 'VK_KHR_dedicated_allocation'];
let v: Validator;
beforeAll(async () => { v = await createValidator(); });

/** A chain that two readings of JSON could read differently. */
const trickyChain = [
  { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_FLAGS_INFO', flags: 0, deviceMask: 0 }, // known, asks a backend nothing
  { sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO', handleTypes: BIT.OPAQUE_WIN32 },
  { sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO', handleTypes: BIT.OPAQUE_WIN32_KMT }, // a second export: the core reads the first
  { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO_KHR', image: 'img', buffer: 'VK_NULL_HANDLE' }, // the alias sType
  { sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR', handleType: 0, fd: 5 }, // zero-valued
  { sType: ENUMS.VkStructureType.values.VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_KHR, handleType: OPAQUE_WIN32, handle: '0x1A4', name: null }, // a number sType
  { $struct: 'VkImportMemoryFdInfoKHR', sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR', handleType: OPAQUE_FD, fd: 6 }, // named, and a second fd import
];

describe('the core’s description of a call', () => {
  it('reads vkAllocateMemory as the rules do: the first export and dedicated structure, every import in chain order', () => {
    const call = v.prepare(toRecord(allocate('mem', 4096, 1, trickyChain), 1))!;
    expect(call).toBeDefined();
    expect(v.describe().map(({ node: _node, ...x }) => x)).toEqual([
      { kind: 'ALLOCATION', allocationSize: 4096, memoryTypeIndex: 1 },
      { kind: 'EXPORT', handleTypes: BIT.OPAQUE_WIN32 },
      { kind: 'DEDICATED', image: 'img', buffer: '' },
      { kind: 'IMPORT_FD', handleType: 0, fd: 5 },
      { kind: 'IMPORT_WIN32', handleType: BIT.OPAQUE_WIN32, handle: '0x1a4', name: undefined },
      { kind: 'IMPORT_FD', handleType: BIT.OPAQUE_FD, fd: 6 },
    ]);
  });

  it('reads sizes as unsigned 64-bit values and an fd as a signed one', () => {
    v.prepare(toRecord(allocate('mem', 2 ** 64 - 1, 0, [{ sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR', handleType: OPAQUE_FD, fd: -1 }]), 1));
    expect(v.describe().map(({ node: _node, ...x }) => x)).toEqual([
      { kind: 'ALLOCATION', allocationSize: 2 ** 64, memoryTypeIndex: 0 },
      { kind: 'IMPORT_FD', handleType: BIT.OPAQUE_FD, fd: -1 },
    ]);
  });

  it('describes exports, handle queries, external resources and image queries; nothing for other calls', () => {
    const described = (s: Step) => { v.prepare(toRecord(s, 1)); return v.describe().map(({ node: _node, ...x }) => x); };
    expect(described(vk('vkGetMemoryWin32HandleKHR', { device: 'dev0', pGetWin32HandleInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_GET_WIN32_HANDLE_INFO_KHR', memory: 'mem', handleType: OPAQUE_WIN32 }, pHandle: 'h' })))
      .toEqual([{ kind: 'GET_WIN32_HANDLE', memory: 'mem', handleType: BIT.OPAQUE_WIN32 }]);
    expect(described(vk('vkGetMemoryFdPropertiesKHR', { device: 'dev0', handleType: OPAQUE_FD, fd: 7, pMemoryFdProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_FD_PROPERTIES_KHR', memoryTypeBits: 0 } })))
      .toEqual([{ kind: 'FD_PROPERTIES', handleType: BIT.OPAQUE_FD, fd: 7 }]);
    expect(described(image('img', { handleTypes: BIT.OPAQUE_WIN32, handleTypesNV: 1 })[0]))
      .toEqual([{ kind: 'EXTERNAL_MEMORY_IMAGE', handleTypes: BIT.OPAQUE_WIN32 }, { kind: 'EXTERNAL_MEMORY_IMAGE_NV', handleTypes: 1 }]);
    expect(described(vk('vkFreeMemory', { device: 'dev0', memory: 'mem', pAllocator: null }))).toEqual([]);
  });

  it('a prepared call is judged as check() judges it, and encoded again when another call came in between', async () => {
    const steps = [...prelude({ extensions: WIN_EXTS }), allocate('mem', 0, 99, [])];
    const records = steps.map((s, i) => toRecord(s, i + 1));
    const expected = await createValidator();
    for (const r of records.slice(0, -1)) { expected.check(r); v.check(r); }
    const want = expected.check(records.at(-1)!).map((f) => f.vuid);
    expect(want.length).toBeGreaterThan(0);
    v.reset();
    for (const r of records.slice(0, -1)) v.check(r);
    const call = v.prepare(records.at(-1)!)!;
    v.prepare(records[0]); // another record in the buffer now
    expect(v.judgePrepared(call, 'VK_SUCCESS').map((f) => f.vuid)).toEqual(want);
  });
});
