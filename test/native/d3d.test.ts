// The D3D operations on Linux: the addon's one operation entry answers each with the row's
// "unavailable" result (the missing runtime's E_INVALIDARG) without reading its arguments, still
// refuses an unknown operation or an `out` too small, and says why D3D is unavailable; the native
// backend has no D3D runtime here. (What they do on Windows is run under Wine: wine.test.ts.)
import { describe, expect, it } from 'vitest';
import { itNeeds } from '../helpers/system.js';
import { NativeBackend } from '../../src/backends/native/index.js';
import { BACKEND_OPERATIONS, OPERATIONS } from '../../src/generated/calls.js';
import { addonMissing, addonPath, hasAddon, hasLavapipe, lavapipeMissing, loadAddon, loadRawAddon, openLavapipe } from './addon.js';

const E_INVALIDARG = -2147024809;
const E_NOTIMPL = -2147467263;
const withAddon = itNeeds(hasAddon, addonMissing);

describe('native addon: D3D outside Windows', () => {
  withAddon('d3dAvailable says neither runtime exists, and why', () => {
    const raw = loadRawAddon();
    const why = 'D3D11 and D3D12 exist only on Windows; this addon was built for linux';
    expect(raw.d3dAvailable()).toEqual({ d3d11: false, d3d12: false, reason: why });
    expect(raw.d3dAvailable(new Uint8Array(8))).toEqual({ d3d11: false, d3d12: false, reason: why });
    expect(() => raw.d3dAvailable({} as never)).toThrow(new TypeError('d3dAvailable: adapterLUID must be a Uint8Array, got an object'));
  });

  withAddon('every operation the addon does not run here answers its row\'s unavailable result', () => {
    const raw = loadRawAddon();
    const out = new Float64Array(2);
    const notHere = BACKEND_OPERATIONS.filter((n) => !OPERATIONS[n].native.includes('linux'));
    expect(notHere).toContain('D3D11CreateTexture2D');
    for (const n of notHere) expect(raw.operation(n, { width: 'garbage' }, out), n).toBe(OPERATIONS[n].unavailable);
    expect(raw.operation('D3D12CreateHeap', {}, out)).toBe(E_INVALIDARG);
    expect(raw.operation('OpenSharedHandleByName', {}, out)).toBe(E_NOTIMPL);
    expect(raw.operation('DmaHeapAlloc', {}, out)).toBe(-1);
    expect(raw.operation('D3DRelease', {}, out)).toBeUndefined();
  });

  withAddon('the operation entry refuses a name that is no operation, args that are no object, and an out too small', () => {
    const raw = loadRawAddon();
    expect(() => raw.operation('Nope' as never, {}, new Float64Array(2))).toThrow(new RangeError('operation: no backend operation is named Nope'));
    expect(() => raw.operation('close', 3 as never, new Float64Array(2))).toThrow(TypeError);
    expect(() => raw.operation('D3D11CreateTexture2D', {}, new Float64Array(1))).toThrow(new RangeError('D3D11CreateTexture2D: out must have room for 2 values, it has 1'));
    expect(() => raw.operation('close', { fd: 'x' }, new Float64Array(1))).toThrow(new TypeError('close: fd must be a number, got a string'));
  });

  itNeeds(hasAddon && hasLavapipe, lavapipeMissing)('the native backend has no D3D on Linux, and its D3D operations answer E_INVALIDARG', () => {
    const a = loadAddon();
    const b = new NativeBackend(a, openLavapipe(a), addonPath);
    try {
      expect(b.runtimes.d3d).toBe(false);
      expect(b.d3dAvailability).toBeUndefined();
      expect(b.description).not.toContain('D3D');
      expect(b.operations.D3D12CreateHeap(0, { adapterLUID: undefined, sizeInBytes: 65536, flags: 1 })).toEqual({ result: E_INVALIDARG, ppHeap: 0 });
    } finally {
      b.dispose();
    }
  });

  itNeeds(hasAddon && hasLavapipe, lavapipeMissing)('a new native backend reports no event of what the addon did before it', () => {
    const a = loadAddon();
    openLavapipe(a);
    // An earlier session's allocation that the addon answered itself: a "not-passed" event in its log.
    const dev = a.createDevice(a.physicalDevices()[0].handle, ['VK_KHR_external_memory']).handle;
    a.allocate(dev, { allocationSize: 4096, memoryTypeIndex: 0, imports: [{ kind: 'win32', handleType: 2, handle: 4 }] });
    a.close();
    const b = new NativeBackend(a, openLavapipe(a), addonPath);
    try {
      const events: unknown[] = [];
      b.onEvent = (e) => events.push(e);
      expect(b.operations.close(0, { fd: 123456 })).toEqual({ result: -1 });
      expect(events).toEqual([]);
    } finally {
      b.dispose();
    }
  });
});
