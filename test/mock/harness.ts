// A mock backend whose every Vulkan, OS and D3D call is followed by checkInvariants(), expected to be
// empty: flows written with `vk`, `os` and `op` check the whole world after each step by construction.
import { expect } from 'vitest';
import { createMockBackend, type MockBackend, type MockOptions } from '../../src/backends/mock/index.js';
import type { AllocateDesc, BufferDesc, ImageDesc, LifecycleEvent, Operations, OsBackend, VulkanBackend } from '../../src/backends/types.js';
import type { NormalizedProfile } from '../../src/profiles/types.js';

export const VK_SUCCESS = 0;
export const VK_ERROR_OUT_OF_DEVICE_MEMORY = -2;
export const VK_ERROR_MEMORY_MAP_FAILED = -5;
export const VK_ERROR_EXTENSION_NOT_PRESENT = -7;
export const VK_ERROR_FORMAT_NOT_SUPPORTED = -11;
export const VK_ERROR_UNKNOWN = -13;
export const VK_ERROR_INVALID_EXTERNAL_HANDLE = -1000072003;
export const S_OK = 0;
export const E_INVALIDARG = -2147024809;
export const R8G8B8A8_UNORM = 37;
export const OPTIMAL = 0;
export const LINEAR = 1;

export interface Harness {
  b: MockBackend;
  vk: VulkanBackend;
  os: OsBackend;
  /** The table's operations (CloseHandle … ExitProcess), each followed by the invariant check. */
  op: Operations;
  events: LifecycleEvent[];
  check(): void;
  /** The first physical device and a device on it. */
  pd: number;
  dev: number;
}

function checked<T extends object>(target: T, check: () => void): T {
  return new Proxy(target, {
    get(t, key, r) {
      const v = Reflect.get(t, key, r);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const out = (v as (...a: unknown[]) => unknown).apply(t, args);
        check();
        return out;
      };
    },
  });
}

export function harness(profiles: NormalizedProfile[], options?: MockOptions): Harness {
  const b = createMockBackend(profiles, options);
  const events: LifecycleEvent[] = [];
  b.onEvent = (e) => events.push(e);
  const check = (): void => expect(b.checkInvariants()).toEqual([]);
  check();
  const vk = checked(b.vulkan, check);
  const pd = b.vulkan.physicalDevices()[0]?.handle ?? 0;
  const created = vk.createDevice(pd, []);
  return { b, vk, os: checked(b.os, check), op: checked(b.operations, check), events, check, pd, dev: created.handle };
}

export function allocInfo(d: Partial<AllocateDesc>): AllocateDesc {
  return { allocationSize: 1024, memoryTypeIndex: 0, ...d };
}

export function bufferDesc(d: Partial<BufferDesc> = {}): BufferDesc {
  return { size: 1000, usage: 3, flags: 0, sharingMode: 0, ...d };
}

export function imageDesc(d: Partial<ImageDesc> = {}): ImageDesc {
  return {
    imageType: 1, format: R8G8B8A8_UNORM, width: 64, height: 64, depth: 1, mipLevels: 1, arrayLayers: 1, samples: 1, tiling: OPTIMAL,
    usage: 7, flags: 0, sharingMode: 0, initialLayout: 0, ...d,
  };
}

/** Allocates exportable memory and returns its handle (expecting success). */
export function exportable(h: Harness, exportTypes: number, extra: Partial<AllocateDesc> = {}, process = 0): number {
  const r = h.vk.allocate(process, h.dev, allocInfo({ exportTypes, ...extra }));
  expect(r.result).toBe(VK_SUCCESS);
  return r.handle;
}

/** The events of a kind since index `from`. */
export function eventsOf<K extends LifecycleEvent['kind']>(h: Harness, kind: K, from = 0): Extract<LifecycleEvent, { kind: K }>[] {
  return h.events.slice(from).filter((e): e is Extract<LifecycleEvent, { kind: K }> => e.kind === kind);
}
