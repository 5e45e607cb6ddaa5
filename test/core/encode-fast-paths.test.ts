// The encoder's shortcuts (the encoders generated per entry, remembered key orders in strict reading,
// the one-compare sType of nested structures, names found before the small-id pattern is tried) must
// write exactly what the general
// path writes: every record of the scenarios, of the captures and a set of awkward values is encoded
// by an encoder that looks every member name up and by one that uses the remembered orders (cold, then
// warm, then after objects of other shapes), and the words in the core's input buffer, the member
// paths and the error messages must agree.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { compileCoreFromDisk } from '../../src/core/load-node.js';
import { instantiateCore, type CoreExports } from '../../src/core/wasm.js';
import { Encoder, Names } from '../../src/core/encode.js';
import { ENTRY_TABLES, entryByName } from '../../src/core/entry-tables.js';
import { ObjectIds } from '../../src/core/interner.js';
import { COMMAND_ALIASES } from '../../src/generated/registry.js';
import { RECORD } from '../../src/generated/contract.js';
import { LIMITS } from '../../src/core/limits.js';
import { FAST_ENCODERS } from '../../src/generated/encoders.js';
import { parseScenario } from '../../src/input/scenario.js';
import { parseCaptureLine } from '../../src/input/gfxrecon.js';
import { membersMustBeKnown, type CallRecord } from '../../src/input/record.js';

const { headerWords, nodeWords, header, node } = RECORD;

/** Forgets every key order the encoder remembers, so a comparison starts cold. */
function forgetKeyOrders(): void {
  for (const t of ENTRY_TABLES) { t.keyOrder.length = 0; t.keyCodes.length = 0; }
}
const SLOT_START = headerWords + nodeWords * LIMITS.nodesPerCall;

let core: CoreExports;
beforeAll(async () => {
  core = await instantiateCore(await compileCoreFromDisk());
});

/** Header, node table and used slots of the record in the input buffer, as int32 halves. */
function recordWords(): number[] {
  const view = new Int32Array(core.memory.buffer, core.inputAddress());
  const nodes = view[header.nodeCount * 2];
  let end = SLOT_START;
  for (let n = 0; n < nodes; n++) {
    const at = (headerWords + n * nodeWords) * 2;
    end = Math.max(end, view[at + node.slotOffset * 2] + ENTRY_TABLES[view[at + node.entry * 2]].slotCount);
  }
  return [...view.slice(0, (headerWords + nodes * nodeWords) * 2), ...view.slice(SLOT_START * 2, end * 2)];
}

interface Outcome { words?: number[]; paths?: string[]; error?: string }

/** Encodes one record with `encoder`: the words it wrote and its nodes' paths, or the error it threw. */
function encodeWith(encoder: Encoder, rec: CallRecord, strict = membersMustBeKnown(rec)): Outcome {
  const entry = entryByName.get(COMMAND_ALIASES[rec.name] ?? rec.name);
  if (entry === undefined) return {};
  // What an earlier record left in the buffer must not show through: every word this one uses is
  // written (a slot the object does not give included), so the buffer is filled with a pattern first.
  new Int32Array(core.memory.buffer, core.inputAddress(), RECORD.inputWords * 2).fill(0x5a5a5a5a);
  try {
    encoder.encode(entry, rec.args, 0, rec.call, 0, strict);
  } catch (e) {
    return { error: `${(e as { where?: { path?: string } }).where?.path}: ${(e as Error).message}` };
  }
  const words = recordWords();
  const paths: string[] = [];
  for (let n = 0; encoder.entryOfNode(n) >= 0; n++) paths.push(encoder.label(n));
  return { words, paths };
}

/** The structures the generated encoders wrote in the last compare(), and all it wrote. */
let lastFastShare = { fast: 0, nodes: 0 };

/**
 * Both encoders over the records, each record twice on the one with shortcuts (cold, then warm); that
 * one also has the generated encoders unless `fast` is false.
 */
function compare(records: CallRecord[], strict?: boolean, fast = true): number {
  forgetKeyOrders();
  const general = new Encoder(core, new Names(), { shortcuts: false });
  const remembering = new Encoder(core, new Names(), { fast: fast ? FAST_ENCODERS : undefined });
  let compared = 0;
  let nodes = 0;
  for (const rec of records) {
    const want = encodeWith(general, rec, strict);
    for (let pass = 0; pass < 2; pass++) expect(encodeWith(remembering, rec, strict), `${rec.name} (call ${rec.call}), pass ${pass}`).toEqual(want);
    if (want.words) { compared++; nodes += 2 * (want.paths?.length ?? 0); }
  }
  lastFastShare = { fast: remembering.fastNodes, nodes };
  return compared;
}

const scenarioRecords = (): CallRecord[] => {
  const out: CallRecord[] = [];
  for (const dir of ['scenarios/examples', 'scenarios/misuse', 'scenarios/cts']) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.scenario.json')).sort()) {
      out.push(...parseScenario(readFileSync(join(dir, f), 'utf8'), f).steps.filter((s) => s.kind !== 'data'));
    }
  }
  return out;
};

const captureRecords = (): CallRecord[] => {
  const out: CallRecord[] = [];
  const dir = 'test/fixtures/third-party';
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl.gz')).sort()) {
    gunzipSync(readFileSync(join(dir, f))).toString('utf8').split('\n').forEach((text, i) => {
      const rec = text ? parseCaptureLine(text, i + 1, f) : null;
      if (rec && rec.args && Object.keys(rec.args).length) out.push(rec);
    });
  }
  return out;
};

const vk = (name: string, args: Record<string, unknown>): CallRecord => ({ kind: 'vk', name, args, call: 1 });
const createBuffer = (info: Record<string, unknown>) => vk('vkCreateBuffer', { device: 'dev', pCreateInfo: info, pAllocator: null, pBuffer: 'buf' });
const bufferInfo = { sType: 'VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO', pNext: null, flags: 0, size: 65536, usage: 3, sharingMode: 'VK_SHARING_MODE_EXCLUSIVE', queueFamilyIndexCount: 0, pQueueFamilyIndices: null };
const allocate = (info: Record<string, unknown>) => vk('vkAllocateMemory', { device: 'dev', pAllocateInfo: info, pAllocator: null, pMemory: 'mem' });

/** Values and shapes the shortcuts could get wrong. */
const awkward: CallRecord[] = [
  // The same structure with its members in other orders, one more, one fewer: the remembered order is
  // relearned where it stops matching.
  createBuffer(bufferInfo),
  createBuffer({ size: 65536, sType: 'VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO', usage: 3, flags: 0, sharingMode: 0, pNext: null }),
  createBuffer({ ...bufferInfo, pNext: { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO', pNext: null, handleTypes: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT|VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT' } }),
  createBuffer({ ...bufferInfo, flags: undefined }),
  createBuffer({ usage: 3 }),
  createBuffer(bufferInfo),
  // Big 64-bit values, VK_WHOLE_SIZE (2^64 − 1, which JSON rounds to 2^64), hexadecimal and decimal strings.
  createBuffer({ ...bufferInfo, size: 2 ** 53 + 2 }),
  createBuffer({ ...bufferInfo, size: 18446744073709551615 }),
  createBuffer({ ...bufferInfo, size: '0xffffffffffffffff' }),
  createBuffer({ ...bufferInfo, size: '18446744073709551615' }),
  createBuffer({ ...bufferInfo, size: '0x123456789abcdef0' }),
  createBuffer({ ...bufferInfo, size: -1 }),
  createBuffer({ ...bufferInfo, size: 4294967296 + 7 }),
  vk('vkMapMemory', { device: 'dev', memory: 'mem', offset: 0, size: 'VK_WHOLE_SIZE' }),
  vk('vkMapMemory', { device: 'dev', memory: 'mem', offset: 0, size: 18446744073709551615, flags: 0, ppData: null }),
  // sType by its usual name, by an alias, by number, wrong, or missing.
  vk('vkGetBufferMemoryRequirements2', { device: 'dev', pInfo: { sType: 'VK_STRUCTURE_TYPE_BUFFER_MEMORY_REQUIREMENTS_INFO_2', buffer: 'buf' }, pMemoryRequirements: { sType: 'VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2', pNext: { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS', prefersDedicatedAllocation: 'VK_TRUE', requiresDedicatedAllocation: false } } }),
  vk('vkGetBufferMemoryRequirements2', { device: 'dev', pInfo: { sType: 'VK_STRUCTURE_TYPE_BUFFER_MEMORY_REQUIREMENTS_INFO_2_KHR', buffer: 'buf' }, pMemoryRequirements: { sType: 1000146003 } }),
  vk('vkGetBufferMemoryRequirements2', { device: 'dev', pInfo: { sType: 'VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO', buffer: 'buf' } }),
  vk('vkGetBufferMemoryRequirements2', { device: 'dev', pInfo: { buffer: 'buf' } }),
  vk('vkGetBufferMemoryRequirements2', { device: 'dev', pInfo: { sType: 'VK_STRUCTURE_TYPE_NOT_ONE', buffer: 'buf' } }),
  // An sType member that is there but undefined (an object built in code) is not a missing one.
  vk('vkGetBufferMemoryRequirements2', { device: 'dev', pInfo: { sType: undefined, buffer: 'buf' } }),
  vk('vkGetBufferMemoryRequirements2', { device: 'dev', pInfo: { sType: 'VK_STRUCTURE_TYPE_BUFFER_MEMORY_REQUIREMENTS_INFO_2', buffer: 'buf' }, pMemoryRequirements: { sType: 'VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2', memoryRequirements: { sType: undefined, size: 1 } } }),
  // Enum names, flags as lists, numbers and "Unhandled"; null handles written every way.
  allocate({ sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', allocationSize: 65536, memoryTypeIndex: 0, pNext: { sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR', handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT', fd: 5, pNext: { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO', image: 'VK_NULL_HANDLE', buffer: null, pNext: { sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO', handleTypes: ['VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT', 2] } } } }),
  allocate({ sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', allocationSize: 65536, memoryTypeIndex: 0, pNext: { sType: 1000074000, handleType: 'Unhandled VkExternalMemoryHandleTypeFlagBits', fd: 5, pNext: { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO', image: 0, buffer: 'NULL' } } }),
  allocate({ sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', allocationSize: 65536, memoryTypeIndex: 0, pNext: { sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR', handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_NOT_ONE', fd: 5 } }),
  // Handles: small ids as numbers and strings, names, large numbers, and a name that reads like a number.
  vk('vkBindBufferMemory', { device: 7, buffer: '12', memory: 'mem', memoryOffset: 0 }),
  vk('vkBindBufferMemory', { device: 2 ** 31, buffer: '2147483648', memory: '012', memoryOffset: '0x40' }),
  vk('vkBindBufferMemory', { device: 'dev', buffer: 12, memory: 'mem', memoryOffset: 0 }),
  // Arrays of handles and numbers, a chained structure the model does not know, and one it does not model.
  vk('vkEnumeratePhysicalDevices', { instance: 'inst', pPhysicalDeviceCount: 3, pPhysicalDevices: ['pd0', 5, 'VK_NULL_HANDLE'] }),
  vk('vkEnumeratePhysicalDevices', { instance: 'inst', pPhysicalDeviceCount: 1, pPhysicalDevices: ['pd0', 1.5] }),
  allocate({ sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', allocationSize: 65536, memoryTypeIndex: 0, pNext: { sType: 'VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO', anything: 1, pNext: { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_FLAGS_INFO', flags: 0, deviceMask: 1 } } }),
  // Unknown members: refused in strict reading, read past in lenient reading.
  createBuffer({ ...bufferInfo, sizeInBytes: 64 }),
  createBuffer({ sizeInBytes: 64, ...bufferInfo }),
  vk('vkBindBufferMemory', { device: 'dev', buffer: 'buf', memory: 'mem', memoryOffset: 0, extra: { deep: true } }),
  vk('vkDestroyBuffer', { device: 'dev', buffer: 'buf', pAllocator: null, pNext: { sType: 'VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO' } }),
  // What the generated encoders hand to the general path: pNext after the members, $struct and sType
  // anywhere, members given as undefined, booleans, negative and fractional numbers, flags by list,
  // null and empty handles, a name that is no enumerant.
  createBuffer({ flags: 0, size: 65536, usage: 3, pNext: { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO', handleTypes: 1 }, sType: 'VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO' }),
  createBuffer({ size: 65536, $struct: 'VkBufferCreateInfo', usage: 3 }),
  createBuffer({ ...bufferInfo, size: undefined }),
  createBuffer({ ...bufferInfo, size: true, usage: 'VK_BUFFER_USAGE_TRANSFER_SRC_BIT' }),
  createBuffer({ ...bufferInfo, size: 1.5 }),
  createBuffer({ ...bufferInfo, usage: -3 }),
  createBuffer({ ...bufferInfo, usage: ' VK_BUFFER_USAGE_TRANSFER_SRC_BIT ' }),
  createBuffer({ ...bufferInfo, sharingMode: 'VK_SHARING_MODE_NOT_ONE' }),
  vk('vkBindBufferMemory', { device: 'dev', buffer: '', memory: 'VK_NULL_HANDLE', memoryOffset: 0 }),
  vk('vkBindBufferMemory', { device: 'dev', buffer: 0, memory: null, memoryOffset: null }),
  vk('vkBindBufferMemory', { device: 'x'.repeat(129), buffer: 'buf', memory: 'mem', memoryOffset: 0 }),
  vk('vkGetMemoryFdKHR', { device: 'dev', pGetFdInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR', pNext: null, memory: 'mem', handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT' }, pFd: -1 }),
];

describe('the encoder with its shortcuts writes what the general path writes', () => {
  it('for every step of the scenarios (strict reading), most structures by the generated encoders', () => {
    expect(compare(scenarioRecords())).toBeGreaterThan(500);
    // Scenarios list members in the registry's order: nearly every structure takes the generated path.
    expect(lastFastShare.fast).toBeGreaterThan(lastFastShare.nodes * 0.9);
    // And with the remembered key orders alone.
    expect(compare(scenarioRecords(), undefined, false)).toBeGreaterThan(500);
    expect(lastFastShare.fast).toBe(0);
  });

  it('for the third-party captures, read leniently as captures are, and strictly', () => {
    const records = captureRecords();
    expect(compare(records)).toBeGreaterThan(500);
    // Read leniently, a capture's structures are all written by the generated readers.
    expect(lastFastShare.fast).toBeGreaterThan(lastFastShare.nodes * 0.9);
    expect(compare(records, true)).toBeGreaterThan(100);
  });

  it('for big 64-bit values, VK_WHOLE_SIZE, sType and enum names, null handles and unknown members, strict and lenient', () => {
    for (const strict of [true, false]) {
      // Twice over: the second time every structure's order is remembered from the first.
      expect(compare([...awkward, ...awkward], strict)).toBeGreaterThan(30);
      expect(compare([...awkward].reverse(), strict)).toBeGreaterThan(15);
    }
    // Strict reading took the generated path for part of them and declined the rest.
    compare(awkward, true);
    expect(lastFastShare.fast).toBeGreaterThan(10);
    expect(lastFastShare.fast).toBeLessThan(lastFastShare.nodes);
  });

  it('refuses an unknown member wherever it stands in the object, the order remembered or not', () => {
    forgetKeyOrders();
    const e = new Encoder(core, new Names());
    const words = encodeWith(e, createBuffer(bufferInfo));
    expect(words.words).toBeDefined();
    expect(encodeWith(e, createBuffer({ ...bufferInfo, sizeInBytes: 64 }))).toEqual({ error: 'pCreateInfo.sizeInBytes: VkBufferCreateInfo has no member named "sizeInBytes"' });
    expect(encodeWith(e, createBuffer({ sizeInBytes: 64, ...bufferInfo }))).toEqual({ error: 'pCreateInfo.sizeInBytes: VkBufferCreateInfo has no member named "sizeInBytes"' });
    expect(encodeWith(e, createBuffer(bufferInfo))).toEqual(words);
  });
});

describe('object ids', () => {
  it('are the same whichever order names and numbers arrive in', () => {
    const values: (string | number)[] = ['12', 12, 'bufX', 2 ** 31, '2147483648', '012', 'mem', 1073741823, 1073741824, '1073741823', '1073741824', -3, '-3', 5.5, '5.5'];
    const answers = (order: (string | number)[]) => {
      const ids = new ObjectIds();
      const got = new Map(order.map((v) => [`${typeof v}:${v}`, ids.id(v)]));
      return values.map((v) => ids.name(got.get(`${typeof v}:${v}`)!));
    };
    const forward = answers(values);
    expect(answers([...values].reverse())).toEqual(forward);
    expect(answers([...values, ...values])).toEqual(forward);
    expect(forward.slice(0, 3)).toEqual(['12', '12', 'bufX']);
  });
});
