// Resource use of the mock: memory per live NT handle. A resource test, not a timing test: it measures
// how much the heap and array buffers grow while 10^5 handles are open, and asserts a bound per handle.
// The invariants are checked once at the end here (a full recount after each of 10^5 steps would be
// quadratic); the flow tests check them after every step.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createMockBackend } from '../../src/backends/mock/index.js';
import { H, WINDOWS } from './profiles.js';

// A GC to call between measurements, so garbage from earlier work does not count as growth.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function used(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  // Typed-array storage lives outside the JS heap: count it too.
  return m.heapUsed + m.arrayBuffers;
}

describe('mock: memory per live NT handle', () => {
  it('stays under 256 bytes at 10^5 live handles (export, then DuplicateHandle into another process)', () => {
    const N = 100_000;
    const b = createMockBackend([WINDOWS]);
    const other = b.os.createProcess('consumer');
    const pd = b.vulkan.physicalDevices()[0].handle;
    const dev = b.vulkan.createDevice(pd, []).handle;
    const mem = b.vulkan.allocate(0, dev, { allocationSize: 4096, memoryTypeIndex: 0, exportTypes: H.OPAQUE_WIN32 }).handle;
    const before = used();
    for (let i = 0; i < N / 2; i++) {
      const ex = b.vulkan.getWin32Handle(0, dev, mem, H.OPAQUE_WIN32);
      b.operations.DuplicateHandle(0, { hSourceProcessHandle: 0, hSourceHandle: ex.value, hTargetProcessHandle: other, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 2 });
    }
    const after = used();
    expect(b.ntHandleCount(0) + b.ntHandleCount(other)).toBe(N);
    const perHandle = (after - before) / N;
    console.log(`mock: ${perHandle.toFixed(1)} bytes per live NT handle at ${N} handles`);
    expect(perHandle).toBeLessThan(256);
    expect(b.checkInvariants()).toEqual([]);
    // The last close frees the payload.
    for (const p of [0, other]) for (const h of b.ntHandles(p)) b.operations.CloseHandle(p, { hObject: h.handle }).result;
    b.vulkan.free(dev, mem);
    expect(b.livePayloads()).toEqual([]);
    expect(b.checkInvariants()).toEqual([]);
  });

  it('stays under 256 bytes at 10^5 live handles that each have their own memory object, payload and kernel object', () => {
    const N = 100_000;
    const b = createMockBackend([WINDOWS]);
    const pd = b.vulkan.physicalDevices()[0].handle;
    const dev = b.vulkan.createDevice(pd, []).handle;
    const desc = { allocationSize: 64, memoryTypeIndex: 0, exportTypes: H.OPAQUE_WIN32 };
    const before = used();
    for (let i = 0; i < N; i++) b.vulkan.getWin32Handle(0, dev, b.vulkan.allocate(0, dev, desc).handle, H.OPAQUE_WIN32);
    const after = used();
    expect(b.counts()).toMatchObject({ ntHandles: N, memoryObjects: N, payloads: N, kernelObjects: N });
    const perHandle = (after - before) / N;
    console.log(`mock: ${perHandle.toFixed(1)} bytes per live NT handle with its own memory, payload and kernel object, at ${N}`);
    expect(perHandle).toBeLessThan(256);
    expect(b.checkInvariants()).toEqual([]);
  });
});
