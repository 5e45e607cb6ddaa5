// Handle lifecycles across calls (assembly/rules/lifecycle.ts): closed, foreign, dead and taken handles,
// double closes, and handles still open when a process ends.
import { expect } from 'vitest';
import { ruleTests } from '../helpers/rule-tests.js';
import { prelude, allocate, exportInfo, importWin32, importFd, getWin32, getFd, vk, os, run, lastErrors, BIT, OPAQUE_FD, OPAQUE_WIN32, OPAQUE_WIN32_KMT, type Step } from '../helpers/world.js';

// Each case is named by its query id (rules/lifecycle/<group>:NN), which npx vitest run -t selects.
const { describe, it } = ruleTests('lifecycle');

const ANSWERS = { bufferAnswers: { [BIT.OPAQUE_WIN32]: 6, [BIT.OPAQUE_WIN32_KMT]: 6, [BIT.OPAQUE_FD]: 6 } };
const W32 = 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661';
const FD = 'VUID-VkImportMemoryFdInfoKHR-handleType-00670';
const exported = (type: string, bit: number, handle: string): Step[] => [...prelude(ANSWERS), allocate('memA', 1024, 0, [exportInfo(bit)]), getWin32('memA', type, handle)];
const importW = (id: string, type: string, handle: string, process?: string): Step => ({ ...allocate(id, 1024, 0, [importWin32(type, handle)]), process });
const warnings = async (steps: Step[]) => (await run(steps)).at(-1)!.filter((f) => f.severity === 'warning').map((f) => f.vuid);
const messages = async (steps: Step[]) => (await run(steps)).at(-1)!.map((f) => f.message);

describe('imports of handles the input shows are gone', () => {
  it('importing an NT handle after CloseHandle reports 00661 with the closing call', async () => {
    const steps = [...exported(OPAQUE_WIN32, BIT.OPAQUE_WIN32, '0x100'), os('CloseHandle', { hObject: '0x100' }), importW('memB', OPAQUE_WIN32, '0x100')];
    expect(await lastErrors(steps)).toContain(W32);
    expect((await messages(steps)).join('\n')).toMatch(/closed in this process at call 11/);
  });
  it('importing the open handle is valid', async () => {
    expect(await lastErrors([...exported(OPAQUE_WIN32, BIT.OPAQUE_WIN32, '0x100'), importW('memB', OPAQUE_WIN32, '0x100')])).not.toContain(W32);
  });
  it('importing a handle value that lives in another process reports 00661 naming that process', async () => {
    const steps = [...exported(OPAQUE_WIN32, BIT.OPAQUE_WIN32, '0x100'), importW('memB', OPAQUE_WIN32, '0x100', 'B')];
    expect(await lastErrors(steps)).toContain(W32);
    expect((await messages(steps)).join('\n')).toMatch(/belongs to process main/);
  });
  it('after DuplicateHandle into the other process, importing the copy there is valid', async () => {
    const steps = [...exported(OPAQUE_WIN32, BIT.OPAQUE_WIN32, '0x100'), os('DuplicateHandle', { hSourceProcessHandle: 'main', hSourceHandle: '0x100', hTargetProcessHandle: 'B', lpTargetHandle: '0x200', dwOptions: 2 }), importW('memB', OPAQUE_WIN32, '0x200', 'B')];
    expect(await lastErrors(steps)).not.toContain(W32);
  });
  it('a KMT handle whose memory was freed reports 00661; an NT handle keeps the memory alive', async () => {
    const kmt = [...exported(OPAQUE_WIN32_KMT, BIT.OPAQUE_WIN32_KMT, '0x40000002'), vk('vkFreeMemory', { device: 'dev0', memory: 'memA', pAllocator: null }, undefined), importW('memB', OPAQUE_WIN32_KMT, '0x40000002')];
    expect(await lastErrors(kmt)).toContain(W32);
    expect((await messages(kmt)).join('\n')).toMatch(/freed at call 11/);
    const nt = [...exported(OPAQUE_WIN32, BIT.OPAQUE_WIN32, '0x100'), vk('vkFreeMemory', { device: 'dev0', memory: 'memA', pAllocator: null }, undefined), importW('memB', OPAQUE_WIN32, '0x100')];
    expect(await lastErrors(nt)).not.toContain(W32);
  });
  it('a KMT handle stays valid while an NT handle still holds the memory', async () => {
    const steps = [...prelude(ANSWERS), allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32 | BIT.OPAQUE_WIN32_KMT)]), getWin32('memA', OPAQUE_WIN32, '0x100'), getWin32('memA', OPAQUE_WIN32_KMT, '0x40000002'),
      vk('vkFreeMemory', { device: 'dev0', memory: 'memA', pAllocator: null }, undefined), importW('memB', OPAQUE_WIN32_KMT, '0x40000002')];
    expect(await lastErrors(steps)).not.toContain(W32);
  });
  it('importing an fd a successful import already handed to the driver reports 00670', async () => {
    const base = [...prelude(ANSWERS), allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_FD)]), getFd('memA', OPAQUE_FD, 7), allocate('memB', 1024, 0, [importFd(OPAQUE_FD, 7)])];
    const steps = [...base, allocate('memC', 1024, 0, [importFd(OPAQUE_FD, 7)])];
    expect(await lastErrors(steps)).toContain(FD);
    expect((await messages(steps)).join('\n')).toMatch(/handed to the driver by the successful import at call 11/);
    expect(await lastErrors(base)).not.toContain(FD);
  });
});

describe('OS-level handle mistakes (VKX-…)', () => {
  it('CloseHandle twice reports VKX-nt-handle-closed-twice; once is fine', async () => {
    const once = [...exported(OPAQUE_WIN32, BIT.OPAQUE_WIN32, '0x100'), os('CloseHandle', { hObject: '0x100' })];
    expect(await lastErrors(once)).toEqual([]);
    expect(await lastErrors([...once, os('CloseHandle', { hObject: '0x100' })])).toContain('VKX-nt-handle-closed-twice');
  });
  it('a handle reused after close is a new handle: closing it is fine', async () => {
    const steps = [...exported(OPAQUE_WIN32, BIT.OPAQUE_WIN32, '0x100'), os('CloseHandle', { hObject: '0x100' }), allocate('memC', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)]), getWin32('memC', OPAQUE_WIN32, '0x100'), os('CloseHandle', { hObject: '0x100' })];
    expect(await lastErrors(steps)).toEqual([]);
  });
  it('CloseHandle of another process\'s handle reports VKX-nt-handle-of-other-process', async () => {
    const steps = [...exported(OPAQUE_WIN32, BIT.OPAQUE_WIN32, '0x100'), { ...os('CloseHandle', { hObject: '0x100' }), process: 'B' }];
    expect(await lastErrors(steps)).toContain('VKX-nt-handle-of-other-process');
  });
  it('CloseHandle of a KMT handle warns VKX-kmt-handle-closed', async () => {
    expect(await warnings([...exported(OPAQUE_WIN32_KMT, BIT.OPAQUE_WIN32_KMT, '0x40000002'), os('CloseHandle', { hObject: '0x40000002' })])).toContain('VKX-kmt-handle-closed');
  });
  it('DuplicateHandle of a closed handle reports VKX-nt-handle-used-after-close', async () => {
    const steps = [...exported(OPAQUE_WIN32, BIT.OPAQUE_WIN32, '0x100'), os('CloseHandle', { hObject: '0x100' }), os('DuplicateHandle', { hSourceProcessHandle: 'main', hSourceHandle: '0x100', hTargetProcessHandle: 'B', lpTargetHandle: '0x200', dwOptions: 2 })];
    expect(await lastErrors(steps)).toContain('VKX-nt-handle-used-after-close');
  });
  it('close() of an fd the driver took reports VKX-fd-closed-after-import; closing an unimported fd is fine', async () => {
    const base = [...prelude(ANSWERS), allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_FD)]), getFd('memA', OPAQUE_FD, 7)];
    expect(await lastErrors([...base, os('close', { fd: 7 })])).toEqual([]);
    expect(await lastErrors([...base, allocate('memB', 1024, 0, [importFd(OPAQUE_FD, 7)]), os('close', { fd: 7 })])).toContain('VKX-fd-closed-after-import');
    expect(await lastErrors([...base, os('close', { fd: 7 }), os('close', { fd: 7 })])).toContain('VKX-fd-closed-twice');
  });
  it('handles still open at ExitProcess are reported as leaks, closed ones are not', async () => {
    const open = [...exported(OPAQUE_WIN32, BIT.OPAQUE_WIN32, '0x100'), os('ExitProcess', {})];
    expect(await warnings(open)).toContain('VKX-nt-handle-leaked');
    expect((await messages(open)).join('\n')).toMatch(/NT handle 0x100, made at call 10, was still open when process main ended/);
    expect(await warnings([...exported(OPAQUE_WIN32, BIT.OPAQUE_WIN32, '0x100'), os('CloseHandle', { hObject: '0x100' }), os('ExitProcess', {})])).toEqual([]);
  });
  it('process exit closes its handles: a KMT handle of memory held only by that NT handle dies with it', async () => {
    const steps = [...prelude(ANSWERS), allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32 | BIT.OPAQUE_WIN32_KMT)]), getWin32('memA', OPAQUE_WIN32, '0x100'), getWin32('memA', OPAQUE_WIN32_KMT, '0x40000002'),
      vk('vkFreeMemory', { device: 'dev0', memory: 'memA', pAllocator: null }, undefined), os('ExitProcess', {}), importW('memB', OPAQUE_WIN32_KMT, '0x40000002', 'B')];
    expect(await lastErrors(steps)).toContain(W32);
  });
});
