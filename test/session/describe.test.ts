// The backend's description of a call comes from the core's one decoding of the record (core/describe.ts):
// what the core judged is what the backend is asked, however the chain is written (an alias sType, a
// structure named by "$struct", a duplicated or zero-valued one); a call is encoded once per step; what a
// scenario needs from a profile is read from the same description.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createValidator } from '../../src/index.js';
import { parseScenario, type Scenario } from '../../src/input/scenario.js';
import { Session } from '../../src/session/session.js';
import { Bindings } from '../../src/session/bindings.js';
import { resolvePlaceholders } from '../../src/session/placeholders.js';
import { fillsOutputs } from '../../src/session/vulkan-calls.js';
import { scenarioNeeds } from '../../src/session/support.js';
import { pickProfile } from '../../src/cli/run.js';
import { listScenarios } from '../../src/cli/demo.js';
import { createMockBackend } from '../../src/backends/mock/index.js';
import { builtinProfiles } from '../../src/profiles/builtin.js';
import { ENTRIES, ENUMS, COMMAND_ALIASES } from '../../src/generated/registry.js';
import type { AllocateDesc, ImportDesc } from '../../src/backends/types.js';
import type { CallRecord } from '../../src/input/record.js';
import type { DescribedItem } from '../../src/generated/contract.js';
import type { Validator } from '../../src/validator.js';
import { prelude, image, allocate, vk, BIT, OPAQUE_WIN32, OPAQUE_FD, toRecord, type Step } from '../helpers/world.js';

const files = listScenarios(fileURLToPath(new URL('../../scenarios', import.meta.url)));
const WIN = builtinProfiles().find((p) => p.profile === 'illustrative-windows-discrete')!;
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

describe('the backend is asked what the core judged', () => {
  it('a chain with an alias sType, a duplicated export and a zero-valued import reaches the mock as the core read it', () => {
    const backend = createMockBackend([WIN]);
    const asked: AllocateDesc[] = [];
    const allocateOnMock = backend.vulkan.allocate.bind(backend.vulkan);
    backend.vulkan.allocate = (process, dev, d) => { asked.push(structuredClone(d)); return allocateOnMock(process, dev, d); };
    const session = new Session(v, backend);
    const steps = [...prelude({ extensions: WIN_EXTS }), ...image('img', { handleTypes: BIT.OPAQUE_WIN32 }), allocate('mem', 4096, 0, trickyChain.slice(1, 5))];
    steps.forEach((s, i) => session.step(toRecord(s, i + 1)));
    expect(asked).toEqual([{
      allocationSize: 4096, memoryTypeIndex: 0, exportTypes: BIT.OPAQUE_WIN32,
      dedicated: { image: session.bind.object('img'), buffer: 0 },
      imports: [{ kind: 'fd', handleType: 0, fd: expect.any(Number) }], // fd 5 was never bound: a value no backend uses
    }]);
    expect(session.bind.object('img')).not.toBe(0);
  });

  it('for every vkAllocateMemory of every library scenario (mock backend)', async () => {
    const reader = await createValidator();
    const seen = { allocations: 0, imports: 0, exports: 0, dedicated: 0 };
    for (const file of files) {
      const sc = parseScenario(readFileSync(file, 'utf8'), file);
      const profile = pickProfile(sc, v);
      const backend = createMockBackend([profile]);
      const asked: AllocateDesc[] = [];
      const allocateOnMock = backend.vulkan.allocate.bind(backend.vulkan);
      backend.vulkan.allocate = (process, dev, d) => { asked.push(structuredClone(d)); return allocateOnMock(process, dev, d); };
      const session = new Session(v, backend, { keepOutputs: true });
      for (const step of sc.steps) {
        const out = session.step(step);
        if (step.name !== 'vkAllocateMemory' || out.refused) continue;
        // The core's view: a decoding of the arguments the session ran the call with, by another core.
        reader.prepare({ ...step, args: out.after! });
        const want = backendView(reader.describe(), session.bind, session.processOf(step.process));
        expect(asked.shift(), `${file} call ${step.call}`).toEqual(want);
        seen.allocations++;
        if (want.imports) seen.imports++;
        if (want.exportTypes !== undefined) seen.exports++;
        if (want.dedicated) seen.dedicated++;
      }
      expect(asked, `${file}: allocations the test did not see`).toEqual([]);
    }
    expect(seen.allocations).toBeGreaterThan(150);
    expect(Math.min(seen.imports, seen.exports, seen.dedicated)).toBeGreaterThan(10);
  });
});

/** What a backend should be asked for an allocation the core described, in the backend's values. */
function backendView(items: DescribedItem[], bind: Bindings, process: number): AllocateDesc {
  const d: AllocateDesc = { allocationSize: 0, memoryTypeIndex: 0 };
  const imports: ImportDesc[] = [];
  const noNewRegion = (): number => { throw new Error('the session did not map this host pointer'); };
  for (const x of items) {
    if (x.kind === 'ALLOCATION') Object.assign(d, { allocationSize: x.allocationSize, memoryTypeIndex: x.memoryTypeIndex });
    else if (x.kind === 'EXPORT') d.exportTypes = x.handleTypes;
    else if (x.kind === 'EXPORT_NV') d.exportTypesNV = x.handleTypes;
    else if (x.kind === 'EXPORT_WIN32') Object.assign(d, x.name === undefined ? {} : { exportName: x.name }, { exportAccess: x.dwAccess });
    else if (x.kind === 'DEDICATED') d.dedicated = { image: bind.object(x.image), buffer: bind.object(x.buffer) };
    else if (x.kind === 'DEDICATED_NV') d.dedicatedNV = { image: bind.object(x.image), buffer: bind.object(x.buffer) };
    else if (x.kind === 'IMPORT_WIN32') imports.push({ kind: 'win32', handleType: x.handleType, handle: bind.handle(process, x.handle), ...(x.name === undefined ? {} : { name: x.name }) });
    else if (x.kind === 'IMPORT_WIN32_NV') imports.push({ kind: 'win32-nv', handleType: x.handleType, handle: bind.handle(process, x.handle) });
    else if (x.kind === 'IMPORT_FD') imports.push({ kind: 'fd', handleType: x.handleType, fd: bind.fd(process, x.fd) });
    else if (x.kind === 'IMPORT_HOST') imports.push({ kind: 'host', handleType: x.handleType, pointer: bind.hostPointer(process, x.pointer, noNewRegion) });
  }
  if (imports.length) d.imports = imports;
  return d;
}

describe('one encoding per call', () => {
  it('a call judged from the record encoded before the backend ran: the backend wrote nothing into its arguments', () => {
    let judgedOnce = 0;
    for (const file of files) {
      const sc = parseScenario(readFileSync(file, 'utf8'), file);
      const profile = pickProfile(sc, v);
      const byCall = new Map(sc.steps.map((s) => [s.call, s]));
      let session: Session | undefined = undefined;
      session = new Session(v, createMockBackend([profile]), {
        keepOutputs: true,
        afterStep: (o) => {
          const step = byCall.get(o.call);
          if (!step || step.kind !== 'vk' || o.refused || fillsOutputs(entryOf(step))) return;
          judgedOnce++;
          expect(o.after, `${file} call ${o.call} ${o.name}`).toEqual(resolvePlaceholders(step.args, session!.seen, ''));
        },
      });
      for (const step of sc.steps) session.step(step);
    }
    expect(judgedOnce).toBeGreaterThan(1000);
  });
});

function entryOf(rec: CallRecord): number {
  const name = COMMAND_ALIASES[rec.name] ?? rec.name;
  return ENTRIES.findIndex((e) => e.name === name);
}

describe('what a scenario needs, from the core’s description', () => {
  it('is what the library scenarios’ allocation chains show', () => {
    let inferred = 0;
    for (const file of files) {
      const sc = parseScenario(readFileSync(file, 'utf8'), file);
      const needs = scenarioNeeds(sc, v);
      const written = typesAsWritten(sc);
      if (!sc.requires?.handleTypes) {
        expect({ khr: needs.handleTypes, nv: needs.handleTypesNV }, file).toEqual(written);
        if (written.khr || written.nv) inferred++;
      }
    }
    expect(inferred).toBeGreaterThan(60);
  });

  it('reads a structure under an alias sType, which a walk comparing sType names missed', () => {
    const sc: Scenario = { name: 'alias', steps: [toRecord(allocate('mem', 4096, 0, [{ sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO_KHR', handleTypes: BIT.OPAQUE_WIN32 }]), 1)] };
    const needs = scenarioNeeds(sc, v);
    expect(needs.handleTypes).toBe(BIT.OPAQUE_WIN32);
    expect(needs.platform).toBe('windows');
  });
});

/**
 * The handle types the allocation chains write, read straight from the JSON by structure name: the
 * reference the description must agree with on the library (whose chains use the plain sType names).
 */
function typesAsWritten(sc: Scenario): { khr: number; nv: number } {
  const t = { khr: 0, nv: 0 };
  const flags = (v: unknown, enumType: 'VkExternalMemoryHandleTypeFlagBits' | 'VkExternalMemoryHandleTypeFlagBitsNV') =>
    typeof v === 'number' ? v : String(v ?? '').split('|').reduce((m, n) => m | (ENUMS[enumType].values[n.trim()] ?? 0), 0);
  for (const s of sc.steps) {
    if (s.name !== 'vkAllocateMemory') continue;
    for (let x = (s.args.pAllocateInfo as Record<string, unknown>)?.pNext as Record<string, unknown> | null; x; x = x.pNext as Record<string, unknown> | null) {
      const st = String(x.sType);
      if (st === 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO') t.khr |= flags(x.handleTypes, 'VkExternalMemoryHandleTypeFlagBits');
      else if (/^VK_STRUCTURE_TYPE_IMPORT_MEMORY_(WIN32_HANDLE_INFO_KHR|FD_INFO_KHR|HOST_POINTER_INFO_EXT)$/.test(st)) t.khr |= flags(x.handleType, 'VkExternalMemoryHandleTypeFlagBits');
      else if (st === 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO_NV') t.nv |= flags(x.handleTypes, 'VkExternalMemoryHandleTypeFlagBitsNV');
      else if (st === 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_NV') t.nv |= flags(x.handleType, 'VkExternalMemoryHandleTypeFlagBitsNV');
    }
  }
  return t;
}

describe('bindings of HANDLE names', () => {
  it('find a handle by the core’s spelling of its name ("0x1A4" bound, "0x1a4" and 420 found)', () => {
    const b = new Bindings();
    b.bindHandle(0, '0x1A4', 77, false);
    expect(b.handle(0, '0x1a4')).toBe(77);
    expect(b.handle(0, 420)).toBe(77);
    expect(b.handleName(0, 77)).toBe('0x1a4');
  });
});
