// Lifecycles across the whole mock: process exit, the events a flow produces, determinism, and calls
// with nonsensical arguments (which must answer with error codes, never throw or corrupt a count).
import { describe, expect, it } from 'vitest';
import type { LifecycleEvent, OsBackend, VulkanBackend } from '../../src/backends/types.js';
import { BACKEND_OPERATIONS, OPERATIONS } from '../../src/generated/calls.js';
import { H, LINUX, WINDOWS } from './profiles.js';
import { S_OK, VK_SUCCESS, allocInfo, eventsOf, exportable, harness, imageDesc, bufferDesc, type Harness } from './harness.js';

describe('mock: process exit', () => {
  it('closes every handle and fd the process holds, frees its memory, and reports it', () => {
    const h = harness([WINDOWS]);
    const b = h.os.createProcess('child');
    const mem = exportable(h, H.OPAQUE_WIN32 | H.OPAQUE_FD);
    const ex = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32);
    const d1 = h.op.DuplicateHandle(0, { hSourceProcessHandle: 0, hSourceHandle: ex.value, hTargetProcessHandle: b, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 2 });
    const d2 = h.op.DuplicateHandle(0, { hSourceProcessHandle: 0, hSourceHandle: ex.value, hTargetProcessHandle: b, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 2 });
    expect([d1.lpTargetHandle, d2.lpTargetHandle]).toEqual([0x100, 0x104]);
    const imp = h.vk.allocate(b, h.dev, allocInfo({ imports: [{ kind: 'win32', handleType: H.OPAQUE_WIN32, handle: d1.lpTargetHandle }] }));
    const fd = h.vk.getFd(b, h.dev, mem, H.OPAQUE_FD).value;
    expect(fd).toBe(3);
    const tex = h.op.D3D11CreateTexture2D(b, { width: 8, height: 8, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags: 0x802 });
    const texHandle = h.op.IDXGIResource1_CreateSharedHandle(b, { resource: tex.ppTexture2D, dwAccess: 0x80000001, lpName: 'child-tex', pAttributes: undefined }).pHandle;
    const before = h.events.length;

    h.op.ExitProcess(0, { process: b });
    const after = h.events.slice(before);
    expect(after.filter((e) => e.kind === 'handle-closed')).toEqual([
      { kind: 'handle-closed', process: b, handle: 0x100, handleKind: 'nt' },
      { kind: 'handle-closed', process: b, handle: 0x104, handleKind: 'nt' },
      { kind: 'handle-closed', process: b, handle: texHandle, handleKind: 'nt' },
      { kind: 'handle-closed', process: b, handle: fd, handleKind: 'fd' },
    ]);
    expect(after.at(-1)).toEqual({ kind: 'process-exited', process: b, handlesClosed: 4 });
    // The texture's payload had nothing else: it died. The exported memory lives on in main.
    expect(eventsOf(h, 'payload-freed', before)).toEqual([{ kind: 'payload-freed', payload: 2 }]);
    expect(h.b.memory(imp.handle)).toBeUndefined();
    expect(h.b.livePayloads().map((p) => [p.id, p.refs])).toEqual([[1, 2]]);
    expect(h.b.counts().names).toBe(0);

    // An exited process has no handles, takes no new ones, and exits only once.
    expect(h.op.CloseHandle(b, { hObject: 0x100 }).result).toBe(0);
    expect(h.op.DuplicateHandle(0, { hSourceProcessHandle: 0, hSourceHandle: ex.value, hTargetProcessHandle: b, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 2 }).result).toBe(0);
    expect(h.vk.getWin32Handle(b, h.dev, mem, H.OPAQUE_WIN32).result).not.toBe(VK_SUCCESS);
    h.op.ExitProcess(0, { process: b });
    expect(eventsOf(h, 'process-exited')).toHaveLength(1);
    expect(h.os.createProcess('next')).toBe(2);
    expect(h.b.processes().map((p) => [p.name, p.alive])).toEqual([['main', true], ['child', false], ['next', true]]);

    h.op.CloseHandle(0, { hObject: ex.value });
    h.vk.free(h.dev, mem);
    expect(h.b.livePayloads()).toEqual([]);
  });

  it('dispose frees everything without events', () => {
    const h = harness([WINDOWS]);
    exportable(h, H.OPAQUE_WIN32);
    const n = h.events.length;
    h.b.dispose();
    expect(h.events.length).toBe(n);
    expect(h.b.counts()).toMatchObject({ payloads: 0, memoryObjects: 0, ntHandles: 0 });
    expect(h.b.checkInvariants()).toEqual([]);
  });
});

/** A flow touching every kind of handle; returns every result and event, for comparing runs. */
function flow(h: Harness): unknown[] {
  const out: unknown[] = [];
  const b = h.os.createProcess('b');
  const mem = exportable(h, H.OPAQUE_WIN32 | H.OPAQUE_WIN32_KMT | H.OPAQUE_FD, { memoryTypeIndex: 1 });
  const nt = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32);
  const kmt = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32_KMT);
  const fd = h.vk.getFd(0, h.dev, mem, H.OPAQUE_FD);
  const dup = h.op.DuplicateHandle(0, { hSourceProcessHandle: 0, hSourceHandle: nt.value, hTargetProcessHandle: b, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 2 });
  const imp = h.vk.allocate(b, h.dev, allocInfo({ memoryTypeIndex: 1, imports: [{ kind: 'win32', handleType: H.OPAQUE_WIN32, handle: dup.lpTargetHandle }] }));
  const imp2 = h.vk.allocate(0, h.dev, allocInfo({ memoryTypeIndex: 1, imports: [{ kind: 'fd', handleType: H.OPAQUE_FD, fd: fd.value }] }));
  const tex = h.op.D3D11CreateTexture2D(0, { width: 32, height: 32, format: 'DXGI_FORMAT_B8G8R8A8_UNORM', miscFlags: 0x2 });
  const tk = h.op.IDXGIResource_GetSharedHandle(0, { resource: tex.ppTexture2D });
  const img = h.vk.createImage(h.dev, imageDesc({ externalHandleTypes: H.D3D11_TEXTURE_KMT }));
  const timp = h.vk.allocate(b, h.dev, allocInfo({ dedicated: { image: img.handle, buffer: 0 }, imports: [{ kind: 'win32', handleType: H.D3D11_TEXTURE_KMT, handle: tk.pSharedHandle }] }));
  const buf = h.vk.createBuffer(h.dev, bufferDesc());
  out.push(b, mem, nt, kmt, fd, dup, imp, imp2, tex, tk, img, timp, buf, h.vk.bufferRequirements(h.dev, buf.handle));
  h.op.CloseHandle(0, { hObject: nt.value });
  h.vk.free(h.dev, mem);
  h.op.ExitProcess(0, { process: b });
  h.op.D3DRelease(0, { object: tex.ppTexture2D });
  h.vk.free(h.dev, imp2.handle);
  out.push(h.b.counts(), h.b.kmtHandles(), h.events);
  return out;
}

describe('mock: determinism', () => {
  it('the same flow on fresh backends gives the same handle values and events', () => {
    const a = flow(harness([WINDOWS]));
    const b = flow(harness([WINDOWS]));
    expect(b).toEqual(a);
    const events = a.at(-1) as LifecycleEvent[];
    expect(events.length).toBeGreaterThan(10);
    expect(events.filter((e) => e.kind === 'payload-born').length).toBe(events.filter((e) => e.kind === 'payload-freed').length);
  });
});

// Every method of the interfaces; as records, so the type checker notices a method the interface gains.
const VULKAN_METHODS = Object.keys({
  physicalDevices: 1, externalBufferProperties: 1, externalImageFormatProperties: 1, externalImageFormatPropertiesNV: 1, createDevice: 1,
  destroyDevice: 1, createBuffer: 1, createImage: 1, destroyBuffer: 1, destroyImage: 1, bufferRequirements: 1, imageRequirements: 1, allocate: 1,
  free: 1, bindBuffer: 1, bindImage: 1, map: 1, unmap: 1, write: 1, read: 1, getWin32Handle: 1, getWin32HandleNV: 1, getFd: 1,
  win32HandleProperties: 1, fdProperties: 1, hostPointerProperties: 1,
} satisfies Record<keyof VulkanBackend, 1>);
const OS_METHODS = Object.keys({
  createProcess: 1, hostAlloc: 1, hostWrite: 1, hostRead: 1,
} satisfies Record<keyof OsBackend, 1>);

/** A small seeded generator (mulberry32): the same numbers every run. rand(n) is in [0, n). */
function prng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296 * n) | 0;
  };
}

describe('mock: random flows', () => {
  it('keep every invariant, with stale and foreign handles mixed in', () => {
    const h = harness([WINDOWS, LINUX]);
    const devs = [h.dev, h.vk.createDevice(h.b.vulkan.physicalDevices()[1].handle, []).handle];
    const rand = prng(777);
    const pick = <T,>(xs: T[]): T | undefined => (xs.length === 0 ? undefined : xs[rand(xs.length)]);
    // What the flow has seen; entries stay after they are closed or freed, so stale values get used too.
    const procs = [0];
    const mems: number[] = [];
    const nts: [number, number][] = []; // [process, handle]
    const kmts: number[] = [];
    const fds: [number, number][] = [];
    const objs: [number, number][] = []; // D3D [process, object]
    const names = ['a', 'b', 'Local\\a'];
    const types = [H.OPAQUE_WIN32, H.OPAQUE_WIN32_KMT, H.OPAQUE_FD, H.D3D11_TEXTURE, H.D3D11_TEXTURE_KMT, H.D3D12_HEAP, H.D3D12_RESOURCE, H.DMA_BUF];
    let successes = 0;
    for (let i = 0; i < 5000; i++) {
      // Half the calls run in main, which stays alive; the others in any process, exited ones too.
      const p = rand(2) === 0 ? 0 : pick(procs)!;
      const dev = rand(5) === 0 ? devs[1] : devs[0];
      switch (rand(16)) {
        case 0: case 1: {
          const r = h.vk.allocate(p, dev, allocInfo({ memoryTypeIndex: rand(3), allocationSize: 1 + rand(1 << 20), exportTypes: pick(types)!, exportName: rand(4) === 0 ? pick(names) : undefined }));
          if (r.result === VK_SUCCESS) mems.push(r.handle);
          break;
        }
        case 2: case 3: {
          const t = pick(types)!;
          const r = t === H.OPAQUE_FD || t === H.DMA_BUF ? h.vk.getFd(p, dev, pick(mems) ?? 0, t) : h.vk.getWin32Handle(p, dev, pick(mems) ?? 0, t);
          if (r.result === VK_SUCCESS) (t === H.OPAQUE_FD || t === H.DMA_BUF ? fds : t === H.OPAQUE_WIN32_KMT || t === H.D3D11_TEXTURE_KMT ? null : nts)?.push([p, r.value]);
          if (r.result === VK_SUCCESS && (t === H.OPAQUE_WIN32_KMT || t === H.D3D11_TEXTURE_KMT)) kmts.push(r.value);
          break;
        }
        case 4: {
          const [src, hv] = pick(nts) ?? [0, 0];
          const dst = pick(procs)!;
          const r = h.op.DuplicateHandle(p, { hSourceProcessHandle: src, hSourceHandle: hv, hTargetProcessHandle: dst, dwDesiredAccess: rand(2), bInheritHandle: Number(rand(2) === 0), dwOptions: rand(4) });
          if (r.result) nts.push([dst, r.lpTargetHandle]);
          break;
        }
        case 5: case 6: {
          // Usually the right process and type for the handle picked, sometimes not.
          const kind = rand(4);
          const t = pick(types)!;
          const [q, nt] = pick(nts) ?? [0, 0];
          const [r2, fd] = pick(fds) ?? [0, 0];
          const imp = kind === 0 ? { kind: 'win32' as const, handleType: rand(2) === 0 ? H.OPAQUE_WIN32 : t, handle: nt }
            : kind === 1 ? { kind: 'win32' as const, handleType: rand(2) === 0 ? H.OPAQUE_WIN32_KMT : t, handle: pick(kmts) ?? 0 }
            : kind === 2 ? { kind: 'win32' as const, handleType: t, handle: 0, name: pick(names) }
            : { kind: 'fd' as const, handleType: rand(2) === 0 ? H.OPAQUE_FD : t, fd };
          const where = rand(3) === 0 ? p : kind === 0 ? q : kind === 3 ? r2 : p;
          const r = h.vk.allocate(where, dev, allocInfo({ memoryTypeIndex: rand(3), imports: [imp] }));
          if (r.result === VK_SUCCESS) { mems.push(r.handle); successes++; }
          break;
        }
        case 7: { const [q, hv] = pick(nts) ?? [0, 0]; h.op.CloseHandle(rand(2) === 0 ? q : p, { hObject: hv }); break; }
        case 8: { const [q, fd] = pick(fds) ?? [0, 0]; if (rand(2) === 0) h.op.close(q, { fd }); else { const n = h.op.dup(q, { oldfd: fd }).result; if (n >= 0) fds.push([q, n]); } break; }
        case 9: case 10: h.vk.free(dev, pick(mems) ?? 0); break;
        case 11: if (rand(3) === 0 && p !== 0) h.op.ExitProcess(0, { process: p }); else if (procs.length < 40) procs.push(h.os.createProcess('p')); break;
        case 12: {
          const r = rand(2) === 0
            ? h.op.D3D11CreateTexture2D(p, { adapterLUID: undefined, width: 1 + rand(64), height: 1 + rand(64), format: 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags: pick([0x2, 0x802, 0x100, 0]) ?? 0, size: undefined }).ppTexture2D
            : h.op.D3D12CreateHeap(p, { adapterLUID: undefined, sizeInBytes: 65536, flags: rand(2) }).ppHeap;
          if (r !== 0) objs.push([p, r]);
          break;
        }
        case 13: {
          const [q, o] = pick(objs) ?? [0, 0];
          if (rand(2) === 0) { const r = h.op.IDXGIResource1_CreateSharedHandle(q, { resource: o, dwAccess: 0x80000001, lpName: rand(3) === 0 ? pick(names) : undefined, pAttributes: undefined }); if (r.result === S_OK) nts.push([q, r.pHandle]); }
          else { const r = h.op.IDXGIResource_GetSharedHandle(q, { resource: o }); if (r.result === S_OK) kmts.push(r.pSharedHandle); }
          break;
        }
        case 14: { const [q, o] = pick(objs) ?? [0, 0]; h.op.D3DRelease(q, { object: o }); break; }
        case 15: { const m = pick(mems) ?? 0; h.vk.map(dev, m, 0, 64); h.vk.write(m, rand(128), new Uint8Array([1, 2, 3])); h.vk.read(m, 0, 8); break; }
      }
    }
    // The flow must have done real work, not only failed calls.
    expect(successes).toBeGreaterThan(40);
    expect(eventsOf(h, 'handle-imported').some((e) => e.ownershipMoved)).toBe(true);
    expect(eventsOf(h, 'process-exited').length).toBeGreaterThan(5);
  });
});

describe('mock: nonsensical arguments', () => {
  it('never throw, never break an invariant', () => {
    for (const profiles of [[WINDOWS], [LINUX], [WINDOWS, LINUX], []]) {
      const h = harness(profiles);
      const mem = profiles.length > 0 ? exportable(h, H.OPAQUE_WIN32 | H.OPAQUE_FD, { memoryTypeIndex: profiles[0] === LINUX ? 1 : 1 }) : 0;
      const nt = h.vk.getWin32Handle(0, h.dev, mem, H.OPAQUE_WIN32).value;
      const garbage: unknown[] = [
        NaN, -1, -0, 0, 1, 2, 3, 4, 0x100, 0x104, 0x40000002, 0x7fffffff, 2 ** 31, 2 ** 32 + 0x100, 2 ** 53, 2 ** 64, 1e308, -1e308,
        Infinity, -Infinity, 0.5, undefined, null, '', 'x', 'Local\\', '0x100', true, false, [], [1, 2], {}, new Uint8Array(3),
        h.dev, h.pd, mem, nt, { bInheritHandle: true },
        allocInfo({ allocationSize: NaN, memoryTypeIndex: NaN }),
        allocInfo({ allocationSize: -5, memoryTypeIndex: 99 }),
        allocInfo({ allocationSize: 2 ** 60, memoryTypeIndex: 0 }),
        allocInfo({ imports: [{ kind: 'win32', handleType: NaN, handle: NaN }] }),
        allocInfo({ imports: [{ kind: 'win32', handleType: H.OPAQUE_WIN32, handle: nt, name: 'n' }] }),
        allocInfo({ imports: [{ kind: 'win32-nv', handleType: 0xffffffff, handle: nt }] }),
        allocInfo({ imports: [{ kind: 'fd', handleType: -1, fd: 3 }] }),
        allocInfo({ imports: [{ kind: 'host', handleType: H.HOST_ALLOCATION, pointer: -4096 }] }),
        allocInfo({ imports: [{ kind: 'bogus' } as never] }),
        allocInfo({ imports: null as never, exportName: 7 as never, exportAccess: NaN, dedicated: { image: NaN, buffer: 0 } }),
        allocInfo({ exportTypes: H.OPAQUE_WIN32, exportName: '', memoryTypeIndex: 1 }),
        allocInfo({ exportTypes: H.OPAQUE_WIN32, exportName: 'Local\\Local\\x', memoryTypeIndex: 1 }),
        allocInfo({ exportTypes: H.OPAQUE_WIN32, exportName: 'x', memoryTypeIndex: 1 }),
        'Local\\Local\\x', H.OPAQUE_WIN32, H.OPAQUE_WIN32_KMT, H.D3D11_TEXTURE, H.OPAQUE_FD,
        { width: NaN, height: -1, format: 5, miscFlags: 'x', byteWidth: 2 ** 70, sizeInBytes: -0, adapterLUID: new Uint8Array(1) },
        { width: 4, height: 4, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags: 0xffffffff, sizeInBytes: 65536, flags: 1, heapFlags: 1, byteWidth: 64 },
        { width: 4, height: 4, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags: 0x2, sizeInBytes: 65536, flags: 1, heapFlags: 1, byteWidth: 64, adapterLUID: '165-42-1-0-0-0-0-0' },
        imageDesc({ width: 2 ** 40, height: 2 ** 40, mipLevels: 1e9, arrayLayers: NaN, format: -3, samples: 0 }),
        bufferDesc({ size: NaN, externalHandleTypes: -1 }),
        { format: NaN, type: {}, tiling: null, usage: 'x', flags: [], handleType: 2 ** 40, handleTypes: -1 },
      ];
      const rand = prng(12345);
      const targets: [object, readonly string[]][] = [[h.vk, VULKAN_METHODS], [h.os, OS_METHODS], [h.op, BACKEND_OPERATIONS]];
      for (let i = 0; i < 3000; i++) {
        const [target, names] = targets[rand(targets.length)];
        const name = names[rand(names.length)];
        const fn = (target as Record<string, (...a: unknown[]) => unknown>)[name];
        // An operation takes the process and one object of its row's inputs, each member garbage here.
        const row = (OPERATIONS as Record<string, { params: readonly { name: string }[] } | undefined>)[name];
        const args = row && target === h.op
          ? [garbage[rand(garbage.length)], Object.fromEntries(row.params.map((q) => [q.name, garbage[rand(garbage.length)]]))]
          : Array.from({ length: 7 }, () => garbage[rand(garbage.length)]);
        // The harness checks the invariants after each call.
        expect(() => fn(...args), `${name}(${args.map((a) => String(a)).join(', ')})`).not.toThrow();
      }
      h.b.dispose();
      h.check();
    }
  });

  it('unknown objects give error codes', () => {
    const h = harness([WINDOWS]);
    expect(h.vk.allocate(0, 999, allocInfo({})).result).not.toBe(VK_SUCCESS);
    expect(h.vk.getWin32Handle(0, h.dev, 999, H.OPAQUE_WIN32).result).not.toBe(VK_SUCCESS);
    expect(h.vk.getFd(0, h.dev, 999, H.OPAQUE_FD).result).not.toBe(VK_SUCCESS);
    expect(h.vk.bindBuffer(h.dev, 999, 998, 0)).not.toBe(VK_SUCCESS);
    expect(h.vk.read(999, 0, 16)).toEqual(new Uint8Array(0));
    expect(h.op.CloseHandle(7, { hObject: 0x100 }).result).toBe(0);
    expect(h.op.OpenSharedHandleByName(0, { lpName: 'nothing', dwAccess: 0 }).result).not.toBe(S_OK);
    expect(h.op.IDXGIResource1_CreateSharedHandle(0, { resource: 999, dwAccess: 0, lpName: undefined, pAttributes: undefined }).result).not.toBe(S_OK);
    h.vk.free(h.dev, 999);
    h.vk.destroyDevice(999);
  });
});
