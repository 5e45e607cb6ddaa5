// D3D11 and D3D12 resources in the mock: shared NT handles (with names, across processes), KMT handles
// from GetSharedHandle, D3D12 heaps and committed resources, and their import into Vulkan.
import { describe, expect, it } from 'vitest';
import { H, WINDOWS, WINDOWS_OTHER } from './profiles.js';
import { E_INVALIDARG, S_OK, VK_ERROR_INVALID_EXTERNAL_HANDLE, VK_SUCCESS, allocInfo, eventsOf, harness, imageDesc, bufferDesc } from './harness.js';

const RGBA8 = 'DXGI_FORMAT_R8G8B8A8_UNORM';
const SHARED = 0x2, KEYEDMUTEX = 0x100, NTHANDLE = 0x800;
const RW = 0x80000001; // DXGI_SHARED_RESOURCE_READ | WRITE
const GENERIC_ALL = 0x10000000;
const win32 = (handleType: number, handle: number, name?: string) => ({ kind: 'win32' as const, handleType, handle, ...(name !== undefined ? { name } : {}) });

describe('mock: D3D11 textures', () => {
  it('NT handle with a name, opened by name in another process, imported as a dedicated image', () => {
    const h = harness([WINDOWS]);
    const b = h.os.createProcess('consumer');
    const tex = h.op.D3D11CreateTexture2D(0, { width: 64, height: 64, format: RGBA8, miscFlags: SHARED | NTHANDLE });
    expect(tex.result).toBe(S_OK);
    expect(eventsOf(h, 'payload-born')).toEqual([{ kind: 'payload-born', payload: 1, size: 16384, origin: 'd3d11' }]);
    const sh = h.op.IDXGIResource1_CreateSharedHandle(0, { resource: tex.ppTexture2D, dwAccess: RW, lpName: 'Local\\scene-color', pAttributes: { bInheritHandle: true } });
    expect(sh).toEqual({ result: S_OK, pHandle: 0x100 });
    expect(h.b.ntHandles(0)[0]).toMatchObject({ inherit: true, access: RW, handleType: H.D3D11_TEXTURE, name: 'scene-color' });

    const opened = h.op.OpenSharedHandleByName(b, { lpName: 'scene-color', dwAccess: RW });
    expect(opened).toEqual({ result: S_OK, pHandle: 0x100 });
    expect(h.vk.win32HandleProperties(b, h.dev, H.D3D11_TEXTURE, opened.pHandle)).toEqual({ result: VK_SUCCESS, memoryTypeBits: 0x1 });

    const img = h.vk.createImage(h.dev, imageDesc({ externalHandleTypes: H.D3D11_TEXTURE })).handle;
    const req = h.vk.imageRequirements(h.dev, img);
    expect(req).toMatchObject({ size: 16384, requiresDedicatedAllocation: true, prefersDedicatedAllocation: true });
    // allocationSize is ignored for D3D11 textures: the memory is as big as the texture.
    const imp = h.vk.allocate(b, h.dev, allocInfo({ allocationSize: 0, memoryTypeIndex: 0, dedicated: { image: img, buffer: 0 }, imports: [win32(H.D3D11_TEXTURE, opened.pHandle)] }));
    expect(imp.result).toBe(VK_SUCCESS);
    expect(h.b.memory(imp.handle)).toMatchObject({ size: 16384, dedicatedImage: img, importedAs: H.D3D11_TEXTURE, payload: 1 });
    expect(h.vk.bindImage(h.dev, img, imp.handle, 0)).toBe(VK_SUCCESS);

    expect(h.op.CloseHandle(0, { hObject: sh.pHandle }).result).toBe(1);
    expect(h.op.CloseHandle(b, { hObject: opened.pHandle }).result).toBe(1);
    h.op.D3DRelease(0, { object: tex.ppTexture2D });
    // The import still holds the texture's memory.
    expect(h.b.livePayloads()).toHaveLength(1);
    h.vk.free(h.dev, imp.handle);
    expect(h.b.livePayloads()).toEqual([]);
  });

  it('CreateSharedHandle needs SHARED_NTHANDLE; a name of another object is refused', () => {
    const h = harness([WINDOWS]);
    const plain = h.op.D3D11CreateTexture2D(0, { width: 16, height: 16, format: RGBA8, miscFlags: SHARED });
    expect(h.op.IDXGIResource1_CreateSharedHandle(0, { resource: plain.ppTexture2D, dwAccess: RW, lpName: undefined, pAttributes: undefined })).toEqual({ result: E_INVALIDARG, pHandle: 0 });
    const a = h.op.D3D11CreateTexture2D(0, { width: 16, height: 16, format: RGBA8, miscFlags: SHARED | NTHANDLE });
    const c = h.op.D3D11CreateTexture2D(0, { width: 16, height: 16, format: RGBA8, miscFlags: SHARED | NTHANDLE });
    expect(h.op.IDXGIResource1_CreateSharedHandle(0, { resource: a.ppTexture2D, dwAccess: RW, lpName: 'same', pAttributes: undefined }).result).toBe(S_OK);
    expect(h.op.IDXGIResource1_CreateSharedHandle(0, { resource: a.ppTexture2D, dwAccess: RW, lpName: 'same', pAttributes: undefined }).result).toBe(S_OK);
    expect(h.op.IDXGIResource1_CreateSharedHandle(0, { resource: c.ppTexture2D, dwAccess: RW, lpName: 'same', pAttributes: undefined }).result).toBe(-2005270484); // DXGI_ERROR_NAME_ALREADY_EXISTS
    expect(h.op.IDXGIResource1_CreateSharedHandle(0, { resource: c.ppTexture2D, dwAccess: RW, lpName: 'x'.repeat(40000), pAttributes: undefined }).result).toBe(E_INVALIDARG);
  });

  it('GetSharedHandle gives one KMT value for SHARED or KEYEDMUTEX textures, valid while the texture lives', () => {
    const h = harness([WINDOWS]);
    const b = h.os.createProcess('consumer');
    const tex = h.op.D3D11CreateTexture2D(0, { width: 64, height: 64, format: RGBA8, miscFlags: KEYEDMUTEX });
    const k = h.op.IDXGIResource_GetSharedHandle(0, { resource: tex.ppTexture2D });
    expect(k).toEqual({ result: S_OK, pSharedHandle: 0x40000002 });
    expect(h.op.IDXGIResource_GetSharedHandle(0, { resource: tex.ppTexture2D })).toEqual(k);
    expect(h.vk.win32HandleProperties(b, h.dev, H.D3D11_TEXTURE_KMT, k.pSharedHandle)).toEqual({ result: VK_SUCCESS, memoryTypeBits: 0x1 });
    // Declared as the NT type, the KMT value is not a valid handle.
    expect(h.vk.allocate(b, h.dev, allocInfo({ imports: [win32(H.D3D11_TEXTURE, k.pSharedHandle)] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    const imp = h.vk.allocate(b, h.dev, allocInfo({ imports: [win32(H.D3D11_TEXTURE_KMT, k.pSharedHandle)] }));
    expect(imp.result).toBe(VK_SUCCESS);
    h.op.D3DRelease(0, { object: tex.ppTexture2D });
    h.vk.free(h.dev, imp.handle);
    expect(h.vk.allocate(b, h.dev, allocInfo({ imports: [win32(H.D3D11_TEXTURE_KMT, k.pSharedHandle)] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    expect(h.vk.win32HandleProperties(b, h.dev, H.D3D11_TEXTURE_KMT, k.pSharedHandle).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
  });

  it('GetSharedHandle refuses unshared, NT-handle and D3D12 resources', () => {
    const h = harness([WINDOWS]);
    const none = h.op.D3D11CreateTexture2D(0, { width: 8, height: 8, format: RGBA8, miscFlags: 0 });
    const nt = h.op.D3D11CreateTexture2D(0, { width: 8, height: 8, format: RGBA8, miscFlags: SHARED | NTHANDLE });
    const heap = h.op.D3D12CreateHeap(0, { sizeInBytes: 65536, flags: 1 });
    for (const o of [none.ppTexture2D, nt.ppTexture2D, heap.ppHeap, 12345]) expect(h.op.IDXGIResource_GetSharedHandle(0, { resource: o })).toEqual({ result: E_INVALIDARG, pSharedHandle: 0 });
    expect(h.b.kmtHandles()).toEqual([]);
  });

  it('a D3D11 buffer shares a handle that no Vulkan handle type can import', () => {
    const h = harness([WINDOWS]);
    const buf = h.op.D3D11CreateBuffer(0, { byteWidth: 4096, miscFlags: SHARED | NTHANDLE });
    const sh = h.op.IDXGIResource1_CreateSharedHandle(0, { resource: buf.ppBuffer, dwAccess: RW, lpName: undefined, pAttributes: undefined });
    expect(sh.result).toBe(S_OK);
    expect(h.vk.allocate(0, h.dev, allocInfo({ imports: [win32(H.D3D11_TEXTURE, sh.pHandle)] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
  });

  it('objects belong to the process that created them', () => {
    const h = harness([WINDOWS]);
    const b = h.os.createProcess('b');
    const tex = h.op.D3D11CreateTexture2D(0, { width: 8, height: 8, format: RGBA8, miscFlags: SHARED | NTHANDLE });
    expect(h.op.IDXGIResource1_CreateSharedHandle(b, { resource: tex.ppTexture2D, dwAccess: RW, lpName: undefined, pAttributes: undefined }).result).toBe(E_INVALIDARG);
    h.op.D3DRelease(b, { object: tex.ppTexture2D });
    expect(h.b.counts().d3dObjects).toBe(1);
  });

  it('a texture on another adapter (LUID) does not import here', () => {
    const h = harness([WINDOWS, WINDOWS_OTHER]);
    const luid = h.b.vulkan.physicalDevices()[1].deviceLUID;
    const tex = h.op.D3D11CreateTexture2D(0, { adapterLUID: luid, width: 64, height: 64, format: RGBA8, miscFlags: SHARED | NTHANDLE });
    const sh = h.op.IDXGIResource1_CreateSharedHandle(0, { resource: tex.ppTexture2D, dwAccess: RW, lpName: undefined, pAttributes: undefined });
    expect(h.vk.win32HandleProperties(0, h.dev, H.D3D11_TEXTURE, sh.pHandle).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    expect(h.vk.allocate(0, h.dev, allocInfo({ imports: [win32(H.D3D11_TEXTURE, sh.pHandle)] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    const dev2 = h.vk.createDevice(h.b.vulkan.physicalDevices()[1].handle, []).handle;
    expect(h.vk.allocate(0, dev2, allocInfo({ imports: [win32(H.D3D11_TEXTURE, sh.pHandle)] })).result).toBe(VK_SUCCESS);
    // A LUID may also be given as dash-separated bytes, as scenarios write it.
    const t2 = h.op.D3D11CreateTexture2D(0, { adapterLUID: '7-7-0-0-0-0-0-0' as never, width: 8, height: 8, format: RGBA8, miscFlags: SHARED | NTHANDLE });
    const s2 = h.op.IDXGIResource1_CreateSharedHandle(0, { resource: t2.ppTexture2D, dwAccess: RW, lpName: undefined, pAttributes: undefined });
    expect(h.vk.win32HandleProperties(0, dev2, H.D3D11_TEXTURE, s2.pHandle).result).toBe(VK_SUCCESS);
    expect(h.vk.win32HandleProperties(0, h.dev, H.D3D11_TEXTURE, s2.pHandle).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
  });
});

describe('mock: D3D12', () => {
  it('a shared heap imports with allocationSize = heap size', () => {
    const h = harness([WINDOWS]);
    const heap = h.op.D3D12CreateHeap(0, { sizeInBytes: 65536, flags: 1 /* SHARED */ });
    expect(heap.result).toBe(S_OK);
    const sh = h.op.IDXGIResource1_CreateSharedHandle(0, { resource: heap.ppHeap, dwAccess: GENERIC_ALL, lpName: undefined, pAttributes: undefined });
    expect(sh).toEqual({ result: S_OK, pHandle: 0x100 });
    expect(h.vk.win32HandleProperties(0, h.dev, H.D3D12_HEAP, sh.pHandle)).toEqual({ result: VK_SUCCESS, memoryTypeBits: 0x5 });
    const imp = h.vk.allocate(0, h.dev, allocInfo({ allocationSize: 65536, imports: [win32(H.D3D12_HEAP, sh.pHandle)] }));
    expect(imp.result).toBe(VK_SUCCESS);
    expect(h.b.memory(imp.handle)!.size).toBe(65536);
    const buf = h.vk.createBuffer(h.dev, bufferDesc({ size: 65536, externalHandleTypes: H.D3D12_HEAP })).handle;
    expect(h.vk.bindBuffer(h.dev, buf, imp.handle, 0)).toBe(VK_SUCCESS);
    h.op.CloseHandle(0, { hObject: sh.pHandle });
    h.op.D3DRelease(0, { object: heap.ppHeap });
    h.vk.free(h.dev, imp.handle);
    expect(h.b.livePayloads()).toEqual([]);
    expect(eventsOf(h, 'payload-born')[0]).toMatchObject({ origin: 'd3d12-heap', size: 65536 });
  });

  it('a heap without D3D12_HEAP_FLAG_SHARED cannot be shared', () => {
    const h = harness([WINDOWS]);
    const heap = h.op.D3D12CreateHeap(0, { sizeInBytes: 65536, flags: 0 });
    expect(h.op.IDXGIResource1_CreateSharedHandle(0, { resource: heap.ppHeap, dwAccess: GENERIC_ALL, lpName: undefined, pAttributes: undefined }).result).toBe(E_INVALIDARG);
    expect(h.op.D3D12CreateHeap(0, { sizeInBytes: 0, flags: 1 }).result).toBe(E_INVALIDARG);
  });

  it('committed resources: a texture sized like the matching Vulkan image, a buffer by the buffer alignment', () => {
    const h = harness([WINDOWS]);
    const tex = h.op.D3D12CreateCommittedResource(0, { width: 64, height: 64, format: RGBA8, heapFlags: 1 });
    const buf = h.op.D3D12CreateCommittedResource(0, { width: 1000, height: 1, format: 'DXGI_FORMAT_UNKNOWN', heapFlags: 1 });
    expect(eventsOf(h, 'payload-born').map((e) => [e.origin, e.size])).toEqual([['d3d12-resource', 16384], ['d3d12-resource', 1024]]);
    const sh = h.op.IDXGIResource1_CreateSharedHandle(0, { resource: tex.ppResource, dwAccess: GENERIC_ALL, lpName: 'res', pAttributes: undefined });
    const img = h.vk.createImage(h.dev, imageDesc({ externalHandleTypes: H.D3D12_RESOURCE })).handle;
    expect(h.vk.imageRequirements(h.dev, img).requiresDedicatedAllocation).toBe(true);
    const imp = h.vk.allocate(0, h.dev, allocInfo({ allocationSize: 1, dedicated: { image: img, buffer: 0 }, imports: [win32(H.D3D12_RESOURCE, sh.pHandle)] }));
    expect(h.b.memory(imp.handle)!.size).toBe(16384);
    const byName = h.vk.allocate(0, h.dev, allocInfo({ dedicated: { image: img, buffer: 0 }, imports: [win32(H.D3D12_RESOURCE, 0, 'res')] }));
    expect(byName.result).toBe(VK_SUCCESS);
    // Declared as a heap, the resource's handle is the wrong kind.
    expect(h.vk.allocate(0, h.dev, allocInfo({ imports: [win32(H.D3D12_HEAP, sh.pHandle)] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    expect(h.op.IDXGIResource1_CreateSharedHandle(0, { resource: buf.ppResource, dwAccess: GENERIC_ALL, lpName: undefined, pAttributes: undefined }).result).toBe(S_OK);
  });
});
