// Win32 handles in the mock: NT handles (per process, counted, closed, duplicated), global KMT handles,
// names, and the NV export/import path. Every call goes through the harness, which checks the
// invariants after it.
import { describe, expect, it } from 'vitest';
import { H, NV, WINDOWS, WINDOWS_OTHER } from './profiles.js';
import {
  E_INVALIDARG, S_OK, VK_ERROR_INVALID_EXTERNAL_HANDLE, VK_SUCCESS, allocInfo, eventsOf, exportable, harness,
} from './harness.js';

const win32 = (handleType: number, handle: number, name?: string) => ({ kind: 'win32' as const, handleType, handle, ...(name !== undefined ? { name } : {}) });

describe('mock: OPAQUE_WIN32 NT handles', () => {
  it('export then import in the same process shares the payload; the import does not consume the handle', () => {
    const h = harness([WINDOWS]);
    const mem = exportable(h, H.OPAQUE_WIN32);
    const ex = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32);
    expect(ex).toEqual({ result: VK_SUCCESS, value: 0x100 });
    const imp = h.vk.allocate(0, h.dev, allocInfo({ imports: [win32(H.OPAQUE_WIN32, ex.value)] }));
    expect(imp.result).toBe(VK_SUCCESS);
    expect(h.b.memory(imp.handle)!.payload).toBe(h.b.memory(mem)!.payload);
    expect(h.b.ntHandles(0).map((x) => x.handle)).toEqual([0x100]);
    // memory + import + kernel object
    expect(h.b.livePayloads()[0].refs).toBe(3);
    expect(h.op.CloseHandle(0, { hObject: ex.value }).result).toBe(1);
    expect(h.b.livePayloads()[0].refs).toBe(2);
    h.vk.free(h.dev, imp.handle);
    h.vk.free(h.dev, mem);
    expect(h.b.livePayloads()).toEqual([]);
  });

  it('DuplicateHandle into another process: the copy imports there, each process closes its own', () => {
    const h = harness([WINDOWS]);
    const b = h.os.createProcess('consumer');
    expect(b).toBe(1);
    const mem = exportable(h, H.OPAQUE_WIN32);
    const ex = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32);
    const dup = h.op.DuplicateHandle(0, { hSourceProcessHandle: 0, hSourceHandle: ex.value, hTargetProcessHandle: b, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 2 /* SAME_ACCESS */ });
    expect(dup).toEqual({ result: 1, lpTargetHandle: 0x100 });
    expect(h.b.ntHandles(b)[0].access).toBe(h.b.ntHandles(0)[0].access);
    // The handle value means nothing in the first process's... it is process 1's own table entry.
    const imp = h.vk.allocate(b, h.dev, allocInfo({ imports: [win32(H.OPAQUE_WIN32, dup.lpTargetHandle)] }));
    expect(imp.result).toBe(VK_SUCCESS);
    expect(eventsOf(h, 'handle-duplicated')).toEqual([{ kind: 'handle-duplicated', process: 1, handle: 0x100, fromProcess: 0, from: 0x100, payload: 1 }]);
    expect(eventsOf(h, 'handle-imported')[0]).toMatchObject({ process: 1, handle: 0x100, handleKind: 'nt', ownershipMoved: false, memory: imp.handle });
    expect(h.op.CloseHandle(0, { hObject: ex.value }).result).toBe(1);
    expect(h.op.CloseHandle(b, { hObject: dup.lpTargetHandle }).result).toBe(1);
    h.vk.free(h.dev, mem);
    h.vk.free(h.dev, imp.handle);
    expect(h.b.counts()).toMatchObject({ ntHandles: 0, kernelObjects: 0, payloads: 0 });
  });

  it('DUPLICATE_CLOSE_SOURCE moves the handle; a new access mask applies without SAME_ACCESS', () => {
    const h = harness([WINDOWS]);
    const b = h.os.createProcess('b');
    const mem = exportable(h, H.OPAQUE_WIN32, { exportAccess: 0x80000001 });
    const ex = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32);
    const moved = h.op.DuplicateHandle(0, { hSourceProcessHandle: 0, hSourceHandle: ex.value, hTargetProcessHandle: b, dwDesiredAccess: 0x1, bInheritHandle: 0, dwOptions: 1 /* CLOSE_SOURCE */ });
    expect(moved.result).toBe(1);
    expect(h.b.ntHandles(0)).toEqual([]);
    expect(h.b.ntHandles(b)[0].access).toBe(0x1);
    expect(h.op.CloseHandle(0, { hObject: ex.value }).result).toBe(0);
  });

  it('a handle closed before the import is invalid', () => {
    const h = harness([WINDOWS]);
    const mem = exportable(h, H.OPAQUE_WIN32);
    const ex = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32);
    expect(h.op.CloseHandle(0, { hObject: ex.value }).result).toBe(1);
    expect(h.vk.allocate(0, h.dev, allocInfo({ imports: [win32(H.OPAQUE_WIN32, ex.value)] }))).toEqual({ result: VK_ERROR_INVALID_EXTERNAL_HANDLE, handle: 0 });
  });

  it('a second CloseHandle of the same value returns FALSE', () => {
    const h = harness([WINDOWS]);
    const mem = exportable(h, H.OPAQUE_WIN32);
    const ex = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32);
    expect(h.op.CloseHandle(0, { hObject: ex.value }).result).toBe(1);
    expect(h.op.CloseHandle(0, { hObject: ex.value }).result).toBe(0);
    expect(eventsOf(h, 'handle-closed')).toHaveLength(1);
  });

  it('a handle of another process is not valid in this one', () => {
    const h = harness([WINDOWS]);
    const b = h.os.createProcess('b');
    const mem = exportable(h, H.OPAQUE_WIN32);
    const ex = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32);
    expect(h.vk.allocate(b, h.dev, allocInfo({ imports: [win32(H.OPAQUE_WIN32, ex.value)] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    expect(h.op.CloseHandle(b, { hObject: ex.value }).result).toBe(0);
    expect(h.op.DuplicateHandle(b, { hSourceProcessHandle: b, hSourceHandle: ex.value, hTargetProcessHandle: 0, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 2 })).toEqual({ result: 0, lpTargetHandle: 0 });
  });

  it('an NT handle keeps the payload alive after vkFreeMemory; the last CloseHandle frees it', () => {
    const h = harness([WINDOWS]);
    const mem = exportable(h, H.OPAQUE_WIN32);
    h.vk.map(h.dev, mem, 0, 1024);
    const ex = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32);
    h.vk.free(h.dev, mem);
    expect(h.b.livePayloads()).toHaveLength(1);
    expect(eventsOf(h, 'payload-freed')).toEqual([]);
    const imp = h.vk.allocate(0, h.dev, allocInfo({ imports: [win32(H.OPAQUE_WIN32, ex.value)] }));
    expect(imp.result).toBe(VK_SUCCESS);
    h.vk.free(h.dev, imp.handle);
    expect(h.b.livePayloads()).toHaveLength(1);
    h.op.CloseHandle(0, { hObject: ex.value });
    expect(h.b.livePayloads()).toEqual([]);
    expect(eventsOf(h, 'payload-freed')).toEqual([{ kind: 'payload-freed', payload: 1 }]);
  });

  it('handle values: multiples of 4 from 0x100, lowest free value reused after close', () => {
    const h = harness([WINDOWS]);
    const mems = [0, 1, 2, 3].map(() => exportable(h, H.OPAQUE_WIN32));
    const hs = mems.map((m) => h.vk.getWin32Handle(0, h.dev, m, H.OPAQUE_WIN32).value);
    expect(hs).toEqual([0x100, 0x104, 0x108, 0x10c]);
    h.op.CloseHandle(0, { hObject: 0x108 });
    h.op.CloseHandle(0, { hObject: 0x104 }).result;
    expect(h.vk.getWin32Handle(0, h.dev, mems[0], H.OPAQUE_WIN32).value).toBe(0x104);
    expect(h.vk.getWin32Handle(0, h.dev, mems[0], H.OPAQUE_WIN32).value).toBe(0x108);
    expect(h.vk.getWin32Handle(0, h.dev, mems[0], H.OPAQUE_WIN32).value).toBe(0x110);
    // Each export opens one more handle to its memory's kernel object; closing the last handle of
    // mems[1] and mems[2] ended theirs.
    expect(h.b.counts()).toMatchObject({ kernelObjects: 2, ntHandles: 5 });
  });

  it('importing an NT handle declared as another type, or as a KMT type, fails', () => {
    const h = harness([WINDOWS]);
    const mem = exportable(h, H.OPAQUE_WIN32);
    const ex = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32);
    expect(h.vk.allocate(0, h.dev, allocInfo({ imports: [win32(H.OPAQUE_WIN32_KMT, ex.value)] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    expect(h.vk.allocate(0, h.dev, allocInfo({ imports: [win32(H.D3D11_TEXTURE, ex.value)] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    expect(h.vk.allocate(0, h.dev, allocInfo({ imports: [{ kind: 'fd', handleType: H.OPAQUE_FD, fd: ex.value }] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
  });

  it('opaque handles import only on a device with the same UUIDs', () => {
    const h = harness([WINDOWS, WINDOWS_OTHER]);
    const other = h.vk.createDevice(h.b.vulkan.physicalDevices()[1].handle, []).handle;
    const mem = exportable(h, H.OPAQUE_WIN32);
    const ex = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32);
    expect(h.vk.allocate(0, other, allocInfo({ imports: [win32(H.OPAQUE_WIN32, ex.value)] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    const dev2 = h.vk.createDevice(h.pd, []).handle;
    expect(h.vk.allocate(0, dev2, allocInfo({ imports: [win32(H.OPAQUE_WIN32, ex.value)] })).result).toBe(VK_SUCCESS);
  });

  it('a named export is found by name in another process; the name goes with the last handle', () => {
    const h = harness([WINDOWS]);
    const b = h.os.createProcess('b');
    const mem = exportable(h, H.OPAQUE_WIN32, { exportName: 'Local\\vk-extmem-test', exportAccess: 0x10000000 });
    const ex = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32);
    expect(h.b.ntHandles(0)[0]).toMatchObject({ name: 'vk-extmem-test', access: 0x10000000 });
    const byName = h.vk.allocate(b, h.dev, allocInfo({ imports: [win32(H.OPAQUE_WIN32, 0, 'vk-extmem-test')] }));
    expect(byName.result).toBe(VK_SUCCESS);
    expect(eventsOf(h, 'handle-imported')[0]).toMatchObject({ process: b, handle: 0, handleKind: 'nt' });
    const opened = h.op.OpenSharedHandleByName(b, { lpName: 'Local\\vk-extmem-test', dwAccess: 0x10000000 });
    expect(opened).toEqual({ result: S_OK, pHandle: 0x100 });
    h.op.CloseHandle(0, { hObject: ex.value });
    h.op.CloseHandle(b, { hObject: opened.pHandle }).result;
    expect(h.b.counts().names).toBe(0);
    expect(h.vk.allocate(b, h.dev, allocInfo({ imports: [win32(H.OPAQUE_WIN32, 0, 'vk-extmem-test')] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    expect(h.op.OpenSharedHandleByName(b, { lpName: 'vk-extmem-test', dwAccess: 0 }).result).not.toBe(S_OK);
    expect(h.op.OpenSharedHandleByName(b, { lpName: '', dwAccess: 0 }).result).toBe(E_INVALIDARG);
  });

  it('a name already taken by another payload makes the export fail', () => {
    const h = harness([WINDOWS]);
    const a = exportable(h, H.OPAQUE_WIN32, { exportName: 'shared' });
    const c = exportable(h, H.OPAQUE_WIN32, { exportName: 'shared' });
    expect(h.vk.getWin32Handle(0, h.dev, a, H.OPAQUE_WIN32).result).toBe(VK_SUCCESS);
    expect(h.vk.getWin32Handle(0, h.dev, c, H.OPAQUE_WIN32).result).not.toBe(VK_SUCCESS);
  });
});

describe('mock: KMT handles', () => {
  it('one global value per payload, valid in every process while the memory lives, dead after', () => {
    const h = harness([WINDOWS]);
    const b = h.os.createProcess('b');
    const mem = exportable(h, H.OPAQUE_WIN32_KMT);
    const k1 = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32_KMT);
    const k2 = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32_KMT);
    expect(k1).toEqual({ result: VK_SUCCESS, value: 0x40000002 });
    expect(k2.value).toBe(k1.value);
    expect(eventsOf(h, 'handle-created').filter((e) => e.handleKind === 'kmt')).toHaveLength(1);
    // The KMT holds no reference.
    expect(h.b.livePayloads()[0].refs).toBe(1);
    const imp = h.vk.allocate(b, h.dev, allocInfo({ imports: [win32(H.OPAQUE_WIN32_KMT, k1.value)] }));
    expect(imp.result).toBe(VK_SUCCESS);
    // CloseHandle does not apply to KMT values.
    expect(h.op.CloseHandle(0, { hObject: k1.value }).result).toBe(0);
    h.vk.free(h.dev, mem);
    // Still alive through the import.
    const again = h.vk.allocate(0, h.dev, allocInfo({ imports: [win32(H.OPAQUE_WIN32_KMT, k1.value)] }));
    expect(again.result).toBe(VK_SUCCESS);
    h.vk.free(h.dev, imp.handle);
    h.vk.free(h.dev, again.handle);
    expect(h.b.livePayloads()).toEqual([]);
    expect(h.b.kmtHandles()).toEqual([{ handle: 0x40000002, payload: 1, handleType: H.OPAQUE_WIN32_KMT, alive: false }]);
    expect(h.vk.allocate(0, h.dev, allocInfo({ imports: [win32(H.OPAQUE_WIN32_KMT, k1.value)] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    // New payloads get new values: a dead value is never reused.
    const mem2 = exportable(h, H.OPAQUE_WIN32_KMT);
    expect(h.vk.getWin32Handle(0, h.dev, mem2, H.OPAQUE_WIN32_KMT).value).toBe(0x40000006);
  });

  it('a KMT value cannot be imported by name or as an NT type', () => {
    const h = harness([WINDOWS]);
    const mem = exportable(h, H.OPAQUE_WIN32_KMT);
    const k = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32_KMT).value;
    expect(h.vk.allocate(0, h.dev, allocInfo({ imports: [win32(H.OPAQUE_WIN32, k)] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    expect(h.vk.allocate(0, h.dev, allocInfo({ imports: [win32(H.OPAQUE_WIN32_KMT, 0, 'x')] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    expect(h.vk.allocate(0, h.dev, allocInfo({ imports: [win32(H.OPAQUE_WIN32_KMT, k + 4)] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
  });
});

describe('mock: VK_NV_external_memory_win32', () => {
  it('exports an NT handle and a KMT value by NV bits and imports them through the NV structure', () => {
    const h = harness([WINDOWS]);
    const mem = exportable(h, 0, { exportTypesNV: NV.OPAQUE_WIN32 | NV.OPAQUE_WIN32_KMT });
    const nt = h.vk.getWin32HandleNV(0, h.dev, mem, NV.OPAQUE_WIN32);
    expect(nt).toEqual({ result: VK_SUCCESS, value: 0x100 });
    const kmt = h.vk.getWin32HandleNV(0, h.dev, mem, NV.OPAQUE_WIN32_KMT);
    expect(kmt).toEqual({ result: VK_SUCCESS, value: 0x40000002 });
    const a = h.vk.allocate(0, h.dev, allocInfo({ imports: [{ kind: 'win32-nv', handleType: NV.OPAQUE_WIN32, handle: nt.value }] }));
    const c = h.vk.allocate(0, h.dev, allocInfo({ imports: [{ kind: 'win32-nv', handleType: NV.OPAQUE_WIN32_KMT, handle: kmt.value }] }));
    expect([a.result, c.result]).toEqual([VK_SUCCESS, VK_SUCCESS]);
    expect(h.b.memory(a.handle)!.importedAs).toBe(H.OPAQUE_WIN32);
    // A KHR import of the NV export works as well: the handles are the same kind.
    expect(h.vk.allocate(0, h.dev, allocInfo({ imports: [win32(H.OPAQUE_WIN32, nt.value)] })).result).toBe(VK_SUCCESS);
    expect(h.vk.getWin32HandleNV(0, h.dev, mem, 0).result).not.toBe(VK_SUCCESS);
  });

  it('writes through the exporter\'s mapping are read through the importer\'s', () => {
    const h = harness([WINDOWS]);
    const b = h.os.createProcess('reader');
    const mem = exportable(h, H.OPAQUE_WIN32, { memoryTypeIndex: 1, allocationSize: 8192 });
    expect(h.vk.map(h.dev, mem, 0, 8192)).toBe(VK_SUCCESS);
    h.vk.write(mem, 4090, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const ex = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32);
    const dup = h.op.DuplicateHandle(0, { hSourceProcessHandle: 0, hSourceHandle: ex.value, hTargetProcessHandle: b, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 2 });
    const imp = h.vk.allocate(b, h.dev, allocInfo({ memoryTypeIndex: 1, allocationSize: 8192, imports: [win32(H.OPAQUE_WIN32, dup.lpTargetHandle)] }));
    expect(h.vk.map(h.dev, imp.handle, 0, 8192)).toBe(VK_SUCCESS);
    expect(Array.from(h.vk.read(imp.handle, 4088, 14))).toEqual([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 0]);
    h.vk.write(imp.handle, 0, new Uint8Array([42]));
    expect(h.vk.read(mem, 0, 1)[0]).toBe(42);
    // Two pages written, nothing else stored.
    expect(h.b.livePayloads()[0].storedBytes).toBe(8192);
  });
});
