// The session's one path (core check → backend → core apply) on the mock: placeholders, data through
// imported memory, bindings of names to backend values, refusal of invalid calls, bad input.
import { describe, it, expect, beforeAll } from 'vitest';
import { createValidator } from '../../src/index.js';
import { runScenario } from '../../src/session/run-scenario.js';
import { Session } from '../../src/session/session.js';
import { createMockBackend } from '../../src/backends/mock/index.js';
import { builtinProfiles } from '../../src/profiles/builtin.js';
import { InputError } from '../../src/core/errors.js';
import type { Scenario } from '../../src/input/scenario.js';
import type { CallRecord } from '../../src/input/record.js';
import type { Validator } from '../../src/validator.js';
import { prelude, allocate, exportInfo, importWin32, importFd, getWin32, getFd, vk, os, buffer, image, imageQuery, type Step, OPAQUE_WIN32, OPAQUE_FD, BIT } from '../helpers/world.js';

let v: Validator;
beforeAll(async () => { v = await createValidator(); });
const profile = (name: string) => builtinProfiles().find((p) => p.profile === name)!;
const WIN = 'illustrative-windows-discrete';
const WIN_EXTS = ['VK_KHR_external_memory', 'VK_KHR_external_memory_win32', 'VK_KHR_dedicated_allocation'];
const LINUX_EXTS = ['VK_KHR_external_memory', 'VK_KHR_external_memory_fd', 'VK_KHR_dedicated_allocation'];

function records(steps: (Step & { data?: Record<string, unknown>; expect?: CallRecord['expect'] })[]): CallRecord[] {
  return steps.map((s, i) => {
    if (s.data) return { kind: 'data', name: 'write' in s.data ? 'write' : 'read', args: { memory: s.data.memory, offset: 0, ...('write' in s.data ? { bytes: s.data.write } : { expect: s.data.read }) }, call: i + 1, process: s.process };
    const body = s.vkFunc ?? s.os!;
    return { kind: s.vkFunc ? 'vk' : 'os', name: body.name, args: body.args, result: body.return, call: i + 1, process: s.process, expect: s.expect };
  });
}
const scenario = (steps: Parameters<typeof records>[0]): Scenario => ({ name: 'test', steps: records(steps) });
function runMock(steps: Parameters<typeof records>[0], name = WIN, refuseInvalid = false) {
  const p = profile(name);
  const backend = createMockBackend([p]);
  const broken: string[] = [];
  const run = runScenario(v, scenario(steps), 'test', backend, { profile: p, refuseInvalid, afterStep: () => broken.push(...backend.checkInvariants()) });
  expect(broken).toEqual([]);
  return { run, backend };
}
const bufferFor = (id: string, handleTypes: number): Step[] => [
  vk('vkCreateBuffer', { device: 'dev0', pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO', pNext: { sType: 'VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO', pNext: null, handleTypes }, flags: 0, size: 1024, usage: 3, sharingMode: 'VK_SHARING_MODE_EXCLUSIVE' }, pAllocator: null, pBuffer: id }),
  vk('vkGetBufferMemoryRequirements', { device: 'dev0', buffer: id, pMemoryRequirements: { size: 0, alignment: 0, memoryTypeBits: 0 } }, undefined),
];
const map = (memory: string) => vk('vkMapMemory', { device: 'dev0', memory, offset: 0, size: 1024, flags: 0, ppData: '0x1000' });

describe('session on the mock', () => {
  it('fills outputs from the backend: the core sees the profile\'s answers, not the ones written', () => {
    const { run } = runMock([...prelude({ extensions: WIN_EXTS }), ...bufferFor('buf', BIT.OPAQUE_WIN32)]);
    const p = profile(WIN);
    expect(run.status).toBe('passed');
    // The prelude writes 3 memory types; the discrete profile has its own count.
    const session = new Session(v, createMockBackend([p]));
    for (const r of records([...prelude({ extensions: WIN_EXTS }), ...bufferFor('buf', BIT.OPAQUE_WIN32)])) session.step(r);
    expect(session.seen.memoryTypes.length).toBe(p.memory.types.length);
    // A buffer made with an external handle type gets the plain buffer's types as the profile's rules for
    // that type narrow them (the discrete profile keeps its types without property flags from external ones).
    const narrowed = p.requirements.dedicated
      .filter((r) => r.resource === 'buffer' && (r.handleTypes & BIT.OPAQUE_WIN32) !== 0 && r.memoryTypeBits !== undefined)
      .reduce((bits, r) => bits & r.memoryTypeBits!, p.requirements.buffer.memoryTypeBits);
    expect(session.seen.requirements.get('buf')!.memoryTypeBits).toBe(narrowed);
  });

  it('host-visible data written through the exporter is read through the importer; plain memory does not share it', () => {
    const steps = [...prelude({ extensions: WIN_EXTS }), ...bufferFor('buf', BIT.OPAQUE_WIN32),
      allocate('memA', '$size(buf)' as unknown as number, '$type(buf, host)' as unknown as number, [exportInfo(BIT.OPAQUE_WIN32)]), map('memA'),
      { data: { memory: 'memA', write: 'c0ffee0012345678' } } as never,
      getWin32('memA', OPAQUE_WIN32, 'h'),
      allocate('memB', '$size(buf)' as unknown as number, '$type(buf, host)' as unknown as number, [importWin32(OPAQUE_WIN32, 'h')]), map('memB'),
      { data: { memory: 'memB', read: 'c0ffee0012345678' } } as never,
      allocate('memC', '$size(buf)' as unknown as number, '$type(buf, host)' as unknown as number), map('memC'),
      { data: { memory: 'memC', read: 'c0ffee0012345678' } } as never,
      os('CloseHandle', { hObject: 'h' })];
    const { run } = runMock(steps);
    const data = run.expectations.filter((e) => e.kind === 'data');
    expect(data.map((e) => [e.vuid, e.passed])).toEqual([['memB', true], ['memC', false]]);
    expect(run.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a placeholder no memory type satisfies makes the scenario unsupported on that profile', () => {
    const steps = [...prelude({ extensions: LINUX_EXTS }), ...bufferFor('buf', BIT.OPAQUE_FD), allocate('m', 1024, '$type(buf, 0x999)' as unknown as number)];
    // 0x999 is no handle whose properties were asked: that is a mistake in the scenario, with its place.
    const p = profile('lavapipe');
    expect(() => runScenario(v, scenario(steps), 'test', createMockBackend([p]), { profile: p })).toThrow(/neither host, device, a buffer or image/);
    const unsatisfiable = [...prelude({ extensions: LINUX_EXTS }), ...bufferFor('buf', BIT.OPAQUE_FD), allocate('m', 1024, '$type(buf, device, host)' as unknown as number)];
    const flags = p.memory.types.map((t) => t.propertyFlags);
    const r = runScenario(v, scenario(unsatisfiable), 'test', createMockBackend([p]), { profile: p });
    if (flags.some((f) => (f & 3) === 3)) expect(r.status).toBe('passed');
    else expect(r.status).toBe('unsupported');
  });

  it('an fd import hands the fd to the driver: importing it again fails on the mock and is reported by the core', () => {
    const steps = [...prelude({ extensions: LINUX_EXTS }), ...bufferFor('buf', BIT.OPAQUE_FD),
      allocate('memA', '$size(buf)' as unknown as number, '$type(buf)' as unknown as number, [exportInfo(BIT.OPAQUE_FD)]), getFd('memA', OPAQUE_FD, 7),
      allocate('memB', '$size(buf)' as unknown as number, '$type(buf)' as unknown as number, [importFd(OPAQUE_FD, 7)]),
      { ...allocate('memC', '$size(buf)' as unknown as number, '$type(buf)' as unknown as number, [importFd(OPAQUE_FD, 7)]), expect: { report: ['VUID-VkImportMemoryFdInfoKHR-handleType-00670'], return: 'VK_ERROR_INVALID_EXTERNAL_HANDLE' } }];
    const { run } = runMock(steps, 'lavapipe');
    expect(run.expectations.filter((e) => !e.passed)).toEqual([]);
    expect(run.steps.at(-3)!.events.map((e) => e.text).join()).toMatch(/fd 7 imported as memB .*the driver now owns the fd/);
  });

  it('a handle used in another process without DuplicateHandle: the mock passes that process\'s value and fails, the core names the owner', () => {
    const steps = [...prelude({ extensions: WIN_EXTS }), ...bufferFor('buf', BIT.OPAQUE_WIN32),
      allocate('memA', '$size(buf)' as unknown as number, '$type(buf)' as unknown as number, [exportInfo(BIT.OPAQUE_WIN32)]), getWin32('memA', OPAQUE_WIN32, 'h'),
      { ...allocate('memB', '$size(buf)' as unknown as number, '$type(buf)' as unknown as number, [importWin32(OPAQUE_WIN32, 'h')]), process: 'B', expect: { report: ['VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661'], return: 'VK_ERROR_INVALID_EXTERNAL_HANDLE' } }];
    const { run } = runMock(steps);
    expect(run.expectations.filter((e) => !e.passed)).toEqual([]);
    expect(run.findings.map((f) => f.message).join('\n')).toMatch(/belongs to process main/);
    // h was never closed: the end of the scenario reports the leak.
    expect(run.findings.filter((f) => f.vuid === 'VKX-nt-handle-leaked')).toHaveLength(1);
  });

  it('refuseInvalid keeps an invalid call away from the backend (the safe mode of native backends)', () => {
    const steps = [...prelude({ extensions: WIN_EXTS }), ...bufferFor('buf', BIT.OPAQUE_WIN32), allocate('memA', 0, 0)];
    const refused = runMock(steps, WIN, true);
    expect(refused.run.steps.at(-2)!.refused).toBe(true);
    expect(refused.backend.counts().memoryObjects).toBe(0);
    const executed = runMock(steps, WIN, false);
    expect(executed.run.steps.at(-2)!.refused).toBeUndefined();
  });

  it('bad input names its place: an unknown placeholder, a size asked of a resource never queried', () => {
    const at = (steps: Step[]) => { try { runMock(steps); } catch (e) { return e as InputError; } throw new Error('no error'); };
    const e1 = at([...prelude({ extensions: WIN_EXTS }), allocate('m', '$sizeof(buf)' as unknown as number, 0)]);
    expect(e1).toBeInstanceOf(InputError);
    expect(e1.describe()).toMatch(/vkFunc\.args\.pAllocateInfo\.allocationSize: "\$sizeof\(buf\)" is not a placeholder/);
    const e2 = at([...prelude({ extensions: WIN_EXTS }), allocate('m', '$size(nothing)' as unknown as number, 0)]);
    expect(e2.describe()).toMatch(/no memory requirements of "nothing" were asked for/);
  });
});

describe('the session passes every structure a call carries', () => {
  // A spy on the mock's Vulkan facade records the descriptions the session hands to the backend. Before,
  // the session dropped a zero-valued import structure, so no driver could ever be seen ignoring one.
  it('zero-valued structures reach the backend as written; absent ones stay absent', () => {
    const p = profile('lavapipe');
    const backend = createMockBackend([p]);
    const seen: Record<string, unknown[]> = { allocate: [], createBuffer: [], createImage: [], image: [] };
    const vkf = backend.vulkan;
    const spy = <K extends 'allocate' | 'createBuffer' | 'createImage' | 'externalImageFormatProperties'>(k: K, as: string) => {
      const original = vkf[k].bind(vkf) as (...a: unknown[]) => unknown;
      // The description is the last argument (allocate takes the process first).
      (vkf as unknown as Record<string, unknown>)[k] = (...a: unknown[]) => { seen[as].push(structuredClone(a[a.length - 1])); return original(...a); };
    };
    spy('allocate', 'allocate');
    spy('createBuffer', 'createBuffer');
    spy('createImage', 'createImage');
    spy('externalImageFormatProperties', 'image');
    const steps = [
      ...prelude({ extensions: LINUX_EXTS }),
      imageQuery(0, 0),
      ...buffer('zeroBuf', { handleTypes: 0 }),
      ...buffer('plainBuf'),
      ...image('zeroImg', { handleTypes: 0 }),
      allocate('zeroExport', 1024, 0, [exportInfo(0)]),
      allocate('zeroImport', 1024, 0, [importFd(0 as never, 7)]),
      allocate('plain', 1024, 0),
    ];
    const run = runScenario(v, scenario(steps), 'test', backend, { profile: p });
    expect(run.steps.filter((s) => s.refused)).toEqual([]);
    expect(seen.image).toEqual([expect.objectContaining({ handleType: 0 })]);
    const [zeroBuf, plainBuf] = seen.createBuffer as Array<Record<string, unknown>>;
    expect(zeroBuf).toHaveProperty('externalHandleTypes', 0);
    expect(plainBuf).not.toHaveProperty('externalHandleTypes');
    expect(seen.createImage).toEqual([expect.objectContaining({ externalHandleTypes: 0 })]);
    const [zeroExport, zeroImport, plain] = seen.allocate as Array<Record<string, unknown>>;
    expect(zeroExport).toHaveProperty('exportTypes', 0);
    expect(zeroImport.imports).toEqual([expect.objectContaining({ kind: 'fd', handleType: 0 })]);
    expect(plain).not.toHaveProperty('exportTypes');
    expect(plain.imports ?? []).toEqual([]);
  });
});
