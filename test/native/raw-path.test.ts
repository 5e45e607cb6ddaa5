// The raw path to the driver: what a call describes is what the driver receives (zero-valued structures
// included), and what the driver does to the application's fds is reported as an event, never absorbed.
// Shown on lavapipe 22.3.6 and SwiftShader, whose real behaviours make each point observable: a driver
// that consumes, closes or keeps an fd, and one that rejects a zero-valued structure (it could not, were
// the structure dropped on the way).
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { itNeeds } from '../helpers/system.js';
import type { NativeAddon } from '../../src/backends/native/addon-api.js';
import { exportableBuffer, hasAddon, hasLavapipe, lavapipeMissing, loadAddon, openLavapipe, FD_DEVICE_EXTENSIONS, OPAQUE_FD, VK_ERROR_INVALID_EXTERNAL_HANDLE } from './addon.js';

const DMA_BUF = 0x200;
const swiftshaderIcd = '/usr/lib/chromium/vk_swiftshader_icd.json';
const onLavapipe = itNeeds(hasAddon && hasLavapipe, lavapipeMissing);
const onSwiftShader = itNeeds(hasAddon && existsSync(swiftshaderIcd), hasAddon ? 'needs SwiftShader (apt-get install chromium)' : lavapipeMissing);

function devices(a: NativeAddon) {
  const pd = a.physicalDevices()[0].handle;
  return { pd, devA: a.createDevice(pd, FD_DEVICE_EXTENSIONS).handle, devB: a.createDevice(pd, FD_DEVICE_EXTENSIONS).handle };
}

describe('raw path on lavapipe (Debian 12)', () => {
  let a: NativeAddon;
  let d: ReturnType<typeof devices>;
  beforeAll(() => {
    if (!hasAddon || !hasLavapipe) return;
    a = loadAddon();
    openLavapipe(a);
    d = devices(a);
  });
  afterAll(() => a?.close());
  const exported = () => {
    const src = exportableBuffer(a, d.devA);
    a.takeHandleEvents();
    return { src, fd: a.getFd(d.devA, src.memory, OPAQUE_FD).value };
  };

  onLavapipe('an exported fd is held, with the identity of its file; a successful import that closes it is "consumed"', () => {
    const { src, fd } = exported();
    const id = a.fdIdentity(fd);
    expect(id).toMatch(/^\d+:\d+$/);
    expect(a.heldFds()).toContainEqual({ fd, identity: id });
    expect(a.allocate(d.devB, { allocationSize: src.size, memoryTypeIndex: 0, imports: [{ kind: 'fd', handleType: OPAQUE_FD, fd }] }).result).toBe(0);
    expect(a.takeHandleEvents()).toEqual([{ what: 'consumed', handle: fd, other: -1, during: 'allocate' }]);
    expect(a.fdIdentity(fd)).toBe('');
    expect(a.heldFds().map((h) => h.fd)).not.toContain(fd);
  });

  onLavapipe('a failed import (too large for its heap) that closes the fd anyway is reported "closed"', () => {
    const { fd } = exported();
    expect(a.allocate(d.devB, { allocationSize: 2 ** 31 + 4096, memoryTypeIndex: 0, imports: [{ kind: 'fd', handleType: OPAQUE_FD, fd }] }).result).toBe(-2);
    expect(a.takeHandleEvents()).toEqual([{ what: 'closed', handle: fd, other: -1, during: 'allocate' }]);
  });

  onLavapipe('an fd the process does not own reaches the driver as 2^31-1, and says so ("substituted")', () => {
    expect(a.allocate(d.devB, { allocationSize: 65536, memoryTypeIndex: 0, imports: [{ kind: 'fd', handleType: OPAQUE_FD, fd: 987_654 }] }).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    expect(a.takeHandleEvents()).toEqual([{ what: 'substituted', handle: 987_654, other: 2 ** 31 - 1, during: 'allocate' }]);
  });

  onLavapipe('VkImportMemoryFdInfoKHR with handleType 0 reaches the driver (lavapipe 22.3.6 imports and closes the fd)', () => {
    const { src, fd } = exported();
    expect(a.allocate(d.devB, { allocationSize: src.size, memoryTypeIndex: 0, imports: [{ kind: 'fd', handleType: 0, fd }] }).result).toBe(0);
    expect(a.takeHandleEvents()).toEqual([{ what: 'closed', handle: fd, other: -1, during: 'allocate' }]);
  });

  onLavapipe('image queries in a batch: plain, external with handleType 0, Vulkan 1.0 agree; an unusable type answers VK_SUCCESS with no feature', () => {
    // (format, type, tiling, usage, flags, handleType, mode): R8G8B8A8_UNORM, 2D, optimal, transfer src/dst + sampled.
    const q = new Uint32Array([37, 1, 0, 6, 0, 0, 0, 37, 1, 0, 6, 0, 0, 1, 37, 1, 0, 6, 0, 0, 3, 37, 1, 0, 6, 0, DMA_BUF, 1]);
    const out = new Float64Array(44);
    expect(a.imageFormatBatch(d.pd, q, out)).toBe(4);
    const row = (i: number) => Array.from(out.subarray(i * 11, i * 11 + 11));
    const limits = (r: number[]) => r.slice(4);
    expect(row(0)[0]).toBe(0);
    expect(limits(row(0))).toEqual([16384, 16384, 1, 15, 2048, 5, 2 ** 32 - 1]);
    expect(row(1)).toEqual(row(0));
    expect(row(2)).toEqual(row(0));
    expect(row(3).slice(0, 2)).toEqual([0, 0]); // VK_SUCCESS, externalMemoryFeatures 0: lavapipe's deviation
  });
});

describe('raw path on SwiftShader (Debian\'s chromium)', () => {
  let a: NativeAddon;
  let d: ReturnType<typeof devices>;
  beforeAll(() => {
    if (!hasAddon || !existsSync(swiftshaderIcd)) return;
    a = loadAddon();
    process.env.VK_ICD_FILENAMES = swiftshaderIcd;
    const r = a.open({});
    if (!r.ok) throw new Error(`open() on SwiftShader failed: ${r.error}`);
    d = devices(a);
  });
  afterAll(() => a?.close());

  onSwiftShader('a zero-valued VkExportMemoryAllocateInfo is passed: SwiftShader rejects it, and accepts the same allocation without it', () => {
    expect(a.allocate(d.devB, { allocationSize: 4096, memoryTypeIndex: 0, exportTypes: 0 }).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    expect(a.allocate(d.devB, { allocationSize: 4096, memoryTypeIndex: 0 }).result).toBe(0);
  });

  onSwiftShader('VkImportMemoryFdInfoKHR with handleType 0 is passed (rejected), and the fd stays the application\'s', () => {
    const src = exportableBuffer(a, d.devA);
    const fd = a.getFd(d.devA, src.memory, OPAQUE_FD).value;
    const id = a.fdIdentity(fd);
    a.takeHandleEvents();
    expect(a.allocate(d.devB, { allocationSize: src.size, memoryTypeIndex: 0, imports: [{ kind: 'fd', handleType: 0, fd }] }).result).toBe(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    expect(a.takeHandleEvents()).toEqual([]);
    expect(a.fdIdentity(fd)).toBe(id);
  });

  onSwiftShader('a successful import that leaves the fd open is reported "kept": still the same file', () => {
    const src = exportableBuffer(a, d.devA);
    const fd = a.getFd(d.devA, src.memory, OPAQUE_FD).value;
    const id = a.fdIdentity(fd);
    a.takeHandleEvents();
    expect(a.allocate(d.devB, { allocationSize: src.size, memoryTypeIndex: 0, imports: [{ kind: 'fd', handleType: OPAQUE_FD, fd }] }).result).toBe(0);
    expect(a.takeHandleEvents()).toEqual([{ what: 'kept', handle: fd, other: -1, during: 'allocate' }]);
    expect(a.fdIdentity(fd)).toBe(id);
  });
});
