// POSIX fds and host memory in the mock: fd values, ownership on import, dup/close, DMA-BUF heap
// allocations and host-pointer imports.
import { describe, expect, it } from 'vitest';
import { H, LINUX } from './profiles.js';
import { VK_ERROR_INVALID_EXTERNAL_HANDLE, VK_ERROR_OUT_OF_DEVICE_MEMORY, VK_SUCCESS, allocInfo, eventsOf, exportable, harness } from './harness.js';

const fdImport = (fd: number, handleType: number = H.OPAQUE_FD) => ({ kind: 'fd' as const, handleType, fd });

describe('mock: fds', () => {
  it('each vkGetMemoryFdKHR gives a new fd, lowest free first from 3', () => {
    const h = harness([LINUX]);
    const mem = exportable(h, H.OPAQUE_FD);
    const a = h.vk.getFd(0, h.dev, mem, H.OPAQUE_FD);
    const b = h.vk.getFd(0, h.dev, mem, H.OPAQUE_FD);
    expect([a, b]).toEqual([{ result: VK_SUCCESS, value: 3 }, { result: VK_SUCCESS, value: 4 }]);
    // memory + two fds
    expect(h.b.livePayloads()[0].refs).toBe(3);
    expect(h.op.close(0, { fd: 3 }).result).toBe(0);
    expect(h.vk.getFd(0, h.dev, mem, H.OPAQUE_FD).value).toBe(3);
    expect(h.vk.getFd(0, h.dev, mem, H.OPAQUE_FD).value).toBe(5);
  });

  it('a successful import consumes the fd; it stays closed for the app', () => {
    const h = harness([LINUX]);
    const mem = exportable(h, H.OPAQUE_FD);
    const fd = h.vk.getFd(0, h.dev, mem, H.OPAQUE_FD).value;
    const imp = h.vk.allocate(0, h.dev, allocInfo({ imports: [fdImport(fd)] }));
    expect(imp.result).toBe(VK_SUCCESS);
    expect(h.b.fds(0)).toEqual([]);
    expect(eventsOf(h, 'handle-imported')).toEqual([{ kind: 'handle-imported', process: 0, handle: fd, handleKind: 'fd', payload: 1, memory: imp.handle, ownershipMoved: true }]);
    expect(h.op.close(0, { fd }).result).toBe(-1);
    expect(h.vk.allocate(0, h.dev, allocInfo({ imports: [fdImport(fd)] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    h.vk.free(h.dev, mem);
    h.vk.free(h.dev, imp.handle);
    expect(h.b.livePayloads()).toEqual([]);
  });

  it('a failed import leaves the fd with the app', () => {
    const h = harness([LINUX]);
    const mem = exportable(h, H.OPAQUE_FD);
    const fd = h.vk.getFd(0, h.dev, mem, H.OPAQUE_FD).value;
    // Declared as DMA-BUF: the wrong kind of fd.
    expect(h.vk.allocate(0, h.dev, allocInfo({ imports: [fdImport(fd, H.DMA_BUF)] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    expect(h.b.fds(0)).toEqual([{ fd, payload: 1, handleType: H.OPAQUE_FD }]);
    expect(h.op.close(0, { fd }).result).toBe(0);
  });

  it('an import structure with handleType 0 imports nothing: a plain allocation, a payload of its own, the fd untouched', () => {
    const h = harness([LINUX]);
    const mem = exportable(h, H.OPAQUE_FD);
    const fd = h.vk.getFd(0, h.dev, mem, H.OPAQUE_FD).value;
    const before = h.b.livePayloads().length;
    const zero = h.vk.allocate(0, h.dev, allocInfo({ imports: [fdImport(fd, 0)] }));
    expect(zero.result).toBe(VK_SUCCESS);
    expect(eventsOf(h, 'handle-imported')).toEqual([]);
    expect(h.b.livePayloads()).toHaveLength(before + 1);
    expect(h.b.fds(0)).toEqual([{ fd, payload: 1, handleType: H.OPAQUE_FD }]);
    // An fd that is not open at all is no different: nothing is imported, so nothing is checked.
    expect(h.vk.allocate(0, h.dev, allocInfo({ imports: [fdImport(-1, 0)] })).result).toBe(VK_SUCCESS);
    expect(h.op.close(0, { fd }).result).toBe(0);
  });

  it('an import larger than the exported object, or than its heap, fails and leaves the fd with the app', () => {
    const h = harness([LINUX]);
    const mem = exportable(h, H.OPAQUE_FD); // 1024 bytes
    const fd = h.vk.getFd(0, h.dev, mem, H.OPAQUE_FD).value;
    expect(h.vk.allocate(0, h.dev, allocInfo({ allocationSize: 2048, imports: [fdImport(fd)] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    expect(h.vk.allocate(0, h.dev, allocInfo({ allocationSize: 2 ** 40, imports: [fdImport(fd)] })).result).toBe(VK_ERROR_OUT_OF_DEVICE_MEMORY);
    expect(eventsOf(h, 'handle-imported')).toEqual([]);
    expect(h.b.fds(0)).toEqual([{ fd, payload: 1, handleType: H.OPAQUE_FD }]);
    // Smaller than the object is memory over part of it (invalid usage for OPAQUE_FD, which a lenient driver takes).
    expect(h.vk.allocate(0, h.dev, allocInfo({ allocationSize: 512, imports: [fdImport(fd)] })).result).toBe(VK_SUCCESS);
  });

  it('an fd keeps the payload alive after vkFreeMemory', () => {
    const h = harness([LINUX]);
    const mem = exportable(h, H.OPAQUE_FD);
    const fd = h.vk.getFd(0, h.dev, mem, H.OPAQUE_FD).value;
    h.vk.free(h.dev, mem);
    expect(h.b.livePayloads()).toHaveLength(1);
    const imp = h.vk.allocate(0, h.dev, allocInfo({ imports: [fdImport(fd)] }));
    expect(imp.result).toBe(VK_SUCCESS);
    h.vk.free(h.dev, imp.handle);
    expect(h.b.livePayloads()).toEqual([]);
  });

  it('dup gives the lowest free fd on the same payload; each copy imports once', () => {
    const h = harness([LINUX]);
    const b = h.os.createProcess('other');
    const mem = exportable(h, H.OPAQUE_FD);
    const fd = h.vk.getFd(0, h.dev, mem, H.OPAQUE_FD).value;
    const copy = h.op.dup(0, { oldfd: fd }).result;
    expect(copy).toBe(4);
    expect(eventsOf(h, 'handle-duplicated')).toEqual([{ kind: 'handle-duplicated', process: 0, handle: 4, fromProcess: 0, from: 3, payload: 1 }]);
    expect(h.op.dup(0, { oldfd: 99 }).result).toBe(-1);
    expect(h.op.dup(b, { oldfd: fd }).result).toBe(-1);
    expect(h.vk.allocate(b, h.dev, allocInfo({ imports: [fdImport(fd)] })).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    const i1 = h.vk.allocate(0, h.dev, allocInfo({ imports: [fdImport(fd)] }));
    const i2 = h.vk.allocate(0, h.dev, allocInfo({ imports: [fdImport(copy)] }));
    expect([i1.result, i2.result]).toEqual([VK_SUCCESS, VK_SUCCESS]);
    expect(h.b.fds(0)).toEqual([]);
    expect(h.op.close(0, { fd: 0 }).result).toBe(-1);
  });

  it('a DMA-BUF heap allocation gives an fd that imports as DMA_BUF, with properties from the profile', () => {
    const h = harness([LINUX]);
    const fd = h.op.DmaHeapAlloc(0, { size: 1 << 20 }).result;
    expect(fd).toBe(3);
    expect(eventsOf(h, 'payload-born')[0]).toMatchObject({ origin: 'dma-buf', size: 1 << 20 });
    expect(h.vk.fdProperties(0, h.dev, H.DMA_BUF, fd)).toEqual({ result: VK_SUCCESS, memoryTypeBits: 0x3 });
    expect(h.vk.fdProperties(0, h.dev, H.OPAQUE_FD, fd).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    expect(h.vk.fdProperties(0, h.dev, H.DMA_BUF, 77).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    expect(h.vk.allocate(0, h.dev, allocInfo({ allocationSize: 1 << 20, imports: [fdImport(fd, H.DMA_BUF)] })).result).toBe(VK_SUCCESS);
    expect(h.op.DmaHeapAlloc(0, { size: -5 }).result).toBe(-1);
  });
});

describe('mock: host pointers', () => {
  it('a pointer inside a host allocation shares its payload at the right offset', () => {
    const h = harness([LINUX]);
    const ptr = h.os.hostAlloc(0, 65536, 4096);
    expect(ptr % 4096).toBe(0);
    expect(h.vk.hostPointerProperties(h.dev, H.HOST_ALLOCATION, ptr)).toEqual({ result: VK_SUCCESS, memoryTypeBits: 0x2 });
    expect(h.vk.hostPointerProperties(h.dev, H.HOST_ALLOCATION, 0).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    const whole = h.vk.allocate(0, h.dev, allocInfo({ allocationSize: 65536, memoryTypeIndex: 1, imports: [{ kind: 'host', handleType: H.HOST_ALLOCATION, pointer: ptr }] }));
    const tail = h.vk.allocate(0, h.dev, allocInfo({ allocationSize: 4096, memoryTypeIndex: 1, imports: [{ kind: 'host', handleType: H.HOST_ALLOCATION, pointer: ptr + 8192 }] }));
    expect([whole.result, tail.result]).toEqual([VK_SUCCESS, VK_SUCCESS]);
    h.vk.write(tail.handle, 0, new Uint8Array([9, 8, 7]));
    expect(Array.from(h.vk.read(whole.handle, 8192, 3))).toEqual([9, 8, 7]);
    expect(h.b.livePayloads()).toHaveLength(1);
  });

  it('a pointer the mock was not told about gets a payload of its own', () => {
    const h = harness([LINUX]);
    const r = h.vk.allocate(0, h.dev, allocInfo({ allocationSize: 4096, imports: [{ kind: 'host', handleType: H.HOST_ALLOCATION, pointer: 0x7f0000000000 }] }));
    expect(r.result).toBe(VK_SUCCESS);
    h.vk.free(h.dev, r.handle);
    expect(h.b.livePayloads()).toEqual([]);
    expect(eventsOf(h, 'payload-born')[0]).toMatchObject({ origin: 'host', size: 4096 });
  });
});
