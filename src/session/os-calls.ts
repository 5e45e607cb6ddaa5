// OS and D3D operations of scenarios run on a backend. Handle outputs keep the scenario's names; a
// handle made in another process (DuplicateHandle) is bound in that process's table.
import type { CallContext, Executor } from './vulkan-calls.js';
import { num, type Json } from './values.js';
import type { BackendOperation } from '../generated/calls.js';

const TRUE = 1;
const FALSE = 0;
const S_OK = 0;
const E_INVALIDARG = -2147024809;

function luid(v: unknown): Uint8Array | undefined {
  if (typeof v !== 'string' || !/^\d+(-\d+){7}$/.test(v)) return undefined;
  return Uint8Array.from(v.split('-').map(Number));
}

function d3d(c: CallContext) { return c.backend.d3d; }

/** A D3D call on a backend without D3D (Linux, or a native backend without it) fails like a missing runtime. */
const noD3D = E_INVALIDARG;

/** An executor per OS and D3D operation of the table of calls; the type makes a missing or extra one a compile error. */
const OS_CALLS: Record<BackendOperation, Executor> = {
  CloseHandle(c, a) { return c.backend.os.closeHandle(c.process, c.bind.handle(c.process, a.hObject)) ? TRUE : FALSE; },
  DuplicateHandle(c, a) {
    const src = a.hSourceProcessHandle === undefined ? c.process : c.processOf(a.hSourceProcessHandle);
    const dst = a.hTargetProcessHandle === undefined ? c.process : c.processOf(a.hTargetProcessHandle);
    const r = c.backend.os.duplicateHandle(c.process, src, c.bind.handle(src, a.hSourceHandle), dst, num(a.dwDesiredAccess), !!num(a.bInheritHandle), num(a.dwOptions));
    if (r.ok) c.bind.bindHandle(dst, a.lpTargetHandle, r.handle, false);
    return r.ok ? TRUE : FALSE;
  },
  OpenSharedHandleByName(c, a) {
    const r = c.backend.os.openSharedHandleByName(c.process, String(a.lpName ?? ''), num(a.dwAccess));
    if (r.hr === S_OK) c.bind.bindHandle(c.process, a.pHandle, r.handle, false);
    return r.hr;
  },
  close(c, a) { return c.backend.os.close(c.process, c.bind.fd(c.process, a.fd)); },
  dup(c, a) {
    const fd = c.backend.os.dup(c.process, c.bind.fd(c.process, a.oldfd));
    if (fd >= 0) c.bind.bindFd(c.process, a.newfd, fd);
    return fd;
  },
  DmaHeapAlloc(c, a) {
    const fd = c.backend.os.dmaHeapAlloc(c.process, num(a.size));
    if (fd >= 0) c.bind.bindFd(c.process, a.fd, fd);
    return fd;
  },
  D3D11CreateTexture2D(c, a) {
    const r = d3d(c)?.createTexture2D(c.process, { adapterLUID: luid(a.adapterLUID), width: num(a.width), height: num(a.height), format: String(a.format ?? ''), miscFlags: num(a.miscFlags) });
    sizeOut(a, r);
    return bindD3D(c, a.ppTexture2D, r);
  },
  D3D11CreateBuffer(c, a) {
    const r = d3d(c)?.createBuffer(c.process, { adapterLUID: luid(a.adapterLUID), byteWidth: num(a.byteWidth), miscFlags: num(a.miscFlags) });
    return bindD3D(c, a.ppBuffer, r);
  },
  D3D12CreateHeap(c, a) {
    const r = d3d(c)?.createHeap(c.process, { adapterLUID: luid(a.adapterLUID), sizeInBytes: num(a.sizeInBytes), flags: num(a.flags) });
    return bindD3D(c, a.ppHeap, r);
  },
  D3D12CreateCommittedResource(c, a) {
    const r = d3d(c)?.createCommittedResource(c.process, { adapterLUID: luid(a.adapterLUID), width: num(a.width), height: num(a.height) || 1, format: String(a.format ?? ''), heapFlags: num(a.heapFlags) });
    sizeOut(a, r);
    return bindD3D(c, a.ppResource, r);
  },
  IDXGIResource1_CreateSharedHandle(c, a) { return sharedHandle(c, a.resource, num(a.dwAccess), a.lpName, a.pAttributes, a.pHandle); },
  ID3D12Device_CreateSharedHandle(c, a) { return sharedHandle(c, a.object, num(a.access), a.name, a.pAttributes, a.pHandle); },
  IDXGIResource_GetSharedHandle(c, a) {
    const r = d3d(c)?.getSharedHandle(c.process, c.bind.object(a.resource));
    if (!r) return noD3D;
    if (r.hr === S_OK) c.bind.bindHandle(c.process, a.pSharedHandle, r.handle, true);
    return r.hr;
  },
  D3DRelease(c, a) { d3d(c)?.release(c.process, c.bind.object(a.object)); return undefined; },
  ExitProcess(c, a) { c.backend.os.exitProcess(a.process === undefined || a.process === null ? c.process : c.processOf(a.process)); return undefined; },
};

/** The bytes the backend gave a texture or resource, for the core's size rules (unless the step says). */
function sizeOut(a: Json, r: { hr: number; size?: number } | undefined): void {
  if (r && r.hr === S_OK && r.size !== undefined && a.size === undefined) a.size = r.size;
}

function bindD3D(c: CallContext, name: unknown, r: { hr: number; object: number } | undefined): number {
  if (!r) return noD3D;
  if (r.hr === S_OK) c.bind.bindObject(name, r.object);
  return r.hr;
}

function sharedHandle(c: CallContext, object: unknown, access: number, name: unknown, attributes: unknown, out: unknown): number {
  const attrs = attributes && typeof attributes === 'object' ? { bInheritHandle: !!num((attributes as Json).bInheritHandle) } : undefined;
  const r = d3d(c)?.createSharedHandle(c.process, c.bind.object(object), access, typeof name === 'string' && name ? name : undefined, attrs);
  if (!r) return noD3D;
  if (r.hr === S_OK) c.bind.bindHandle(c.process, out, r.handle, false);
  return r.hr;
}

/** The executor of an OS or D3D operation; undefined for a name that is none. */
export function osExecutor(name: string): Executor | undefined {
  return Object.hasOwn(OS_CALLS, name) ? OS_CALLS[name as BackendOperation] : undefined;
}
