// The D3D exports on Linux: they exist, check their arguments like every other export, answer every
// create with E_NOTIMPL (and id 0), know no D3D object, and say why D3D is unavailable; the native
// backend has no D3D half here. (What they do on Windows is run under Wine: wine.test.ts.)
import { describe, expect, it } from 'vitest';
import { itNeeds } from '../helpers/system.js';
import { NativeBackend } from '../../src/backends/native/index.js';
import { dxgiFormat } from '../../src/backends/native/dxgi-formats.js';
import { addonMissing, addonPath, hasAddon, hasLavapipe, lavapipeMissing, loadAddon, loadRawAddon, openLavapipe } from './addon.js';

const E_NOTIMPL = -2147467263;
const withAddon = itNeeds(hasAddon, addonMissing);

describe('native addon: D3D outside Windows', () => {
  withAddon('d3dAvailable says neither runtime exists, and why', () => {
    const raw = loadRawAddon();
    const why = 'D3D11 and D3D12 exist only on Windows; this addon was built for linux';
    expect(raw.d3dAvailable()).toEqual({ d3d11: false, d3d12: false, reason: why });
    expect(raw.d3dAvailable(new Uint8Array(8))).toEqual({ d3d11: false, d3d12: false, reason: why });
  });

  withAddon('every create answers E_NOTIMPL with id 0 and size 0', () => {
    const raw = loadRawAddon();
    const out = new Float64Array([7, 7, 7]);
    expect(raw.d3d11CreateTexture2D(undefined, 64, 64, 28, 0x28, 0x802, out)).toBe(E_NOTIMPL);
    expect(Array.from(out)).toEqual([0, 0, 7]);
    out.fill(7);
    expect(raw.d3d11CreateBuffer(new Uint8Array(8), 4096, 8, 2, out)).toBe(E_NOTIMPL);
    expect(Array.from(out)).toEqual([0, 0, 7]);
    out.fill(7);
    expect(raw.d3d12CreateHeap(null as never, 65536, 1, out)).toBe(E_NOTIMPL);
    expect(Array.from(out)).toEqual([0, 0, 7]);
    out.fill(7);
    expect(raw.d3d12CreateCommittedResource(undefined, 65536, 1, 0, 1, 1, 0, out)).toBe(E_NOTIMPL);
    expect(Array.from(out)).toEqual([0, 0, 7]);
    const a = loadAddon();
    expect(a.d3d11CreateTexture2D({ width: 4, height: 4, format: 28, bindFlags: 0, miscFlags: 0 })).toEqual({ hr: E_NOTIMPL, object: 0 });
    expect(a.d3d12CreateCommittedResource({ width: 4, height: 4, format: 28, dimension: 3, heapFlags: 1, resourceFlags: 0 })).toEqual({ hr: E_NOTIMPL, object: 0 });
  });

  withAddon('no D3D object exists: handles and release are refused with RangeError', () => {
    const raw = loadRawAddon();
    const out = new Float64Array(2);
    expect(() => raw.d3dCreateSharedHandle(5, 0x80000001, undefined, undefined, out)).toThrow(new RangeError('no such D3D object 5'));
    expect(() => raw.d3dCreateSharedHandle(5, 0x10000000, 'Local\\name', true, out)).toThrow(new RangeError('no such D3D object 5'));
    expect(() => raw.d3dGetSharedHandle(6, out)).toThrow(new RangeError('no such D3D object 6'));
    expect(() => raw.d3dRelease(7)).toThrow(new RangeError('no such D3D object 7'));
  });

  withAddon('bad arguments: TypeError or RangeError naming them, before anything else', () => {
    const raw = loadRawAddon();
    const out = new Float64Array(2);
    const t = (f: () => unknown, e: Error) => expect(f).toThrow(e);
    t(() => raw.d3d11CreateTexture2D(undefined, '64' as never, 64, 28, 0, 0, out), new TypeError('d3d11CreateTexture2D: d.width must be a number, got a string'));
    t(() => raw.d3d11CreateTexture2D(undefined, 64, -1, 28, 0, 0, out), new RangeError('d3d11CreateTexture2D: d.height must be an integer from 0 to 2^32-1, got -1'));
    t(() => raw.d3d11CreateTexture2D(undefined, 64, 64, 1.5, 0, 0, out), new RangeError('d3d11CreateTexture2D: d.format must be an integer from 0 to 2^32-1, got 1.5'));
    t(() => raw.d3d11CreateTexture2D(undefined, 64, 64, 28, 2 ** 32, 0, out), new RangeError('d3d11CreateTexture2D: d.bindFlags must be an integer from -2^31 to 2^32-1, got 4294967296'));
    t(() => raw.d3d11CreateTexture2D(undefined, 64, 64, 28, 0, NaN, out), new RangeError('d3d11CreateTexture2D: d.miscFlags must be an integer from -2^31 to 2^32-1, got NaN'));
    t(() => raw.d3d11CreateTexture2D(undefined, 64, 64, 28, 0, 0, new Float64Array(1)), new RangeError('d3d11CreateTexture2D: out must have room for 2 values, it has 1'));
    t(() => raw.d3d11CreateTexture2D(undefined, 64, 64, 28, 0, 0, new Uint32Array(2) as never), new TypeError('d3d11CreateTexture2D: out must be a Float64Array, got an object'));
    t(() => raw.d3d11CreateTexture2D(new Uint8Array(7), 64, 64, 28, 0, 0, out), new RangeError('d3d11CreateTexture2D: d.adapterLUID must hold 8 bytes (a LUID), it has 7'));
    t(() => raw.d3d11CreateTexture2D([0, 0, 0, 0, 0, 0, 0, 0] as never, 64, 64, 28, 0, 0, out), new TypeError('d3d11CreateTexture2D: d.adapterLUID must be a Uint8Array, got an array'));
    t(() => raw.d3d11CreateBuffer(undefined, 2 ** 32, 0, 0, out), new RangeError('d3d11CreateBuffer: d.byteWidth must be an integer from 0 to 2^32-1, got 4294967296'));
    t(() => raw.d3d12CreateHeap(undefined, 2 ** 53, 1, out), new RangeError('d3d12CreateHeap: d.sizeInBytes must be an integer from 0 to 2^53-1, got 9007199254740992'));
    t(() => raw.d3d12CreateHeap(undefined, 65536, 'SHARED' as never, out), new TypeError('d3d12CreateHeap: d.flags must be a number, got a string'));
    t(() => raw.d3d12CreateCommittedResource(undefined, 64, 64, 28, 2, 1, 0, out),
      new RangeError('d3d12CreateCommittedResource: d.dimension must be 1 (D3D12_RESOURCE_DIMENSION_BUFFER) or 3 (TEXTURE2D), got 2'));
    t(() => raw.d3d12CreateCommittedResource(undefined, 64, 64, 28, 3, 1, undefined as never, out), new TypeError('d3d12CreateCommittedResource: d.resourceFlags must be a number, got undefined'));
    t(() => raw.d3dCreateSharedHandle(5, 1, 7 as never, undefined, out), new TypeError('d3dCreateSharedHandle: name must be a string, got a number'));
    t(() => raw.d3dCreateSharedHandle(5, 1, 'a\0b', undefined, out), new RangeError('d3dCreateSharedHandle: name must not contain a NUL character'));
    t(() => raw.d3dCreateSharedHandle(5, 1, 'x'.repeat(32768), undefined, out), new RangeError('d3dCreateSharedHandle: name is longer than 32767 characters'));
    t(() => raw.d3dCreateSharedHandle(5, 1, undefined, 1 as never, out), new TypeError('d3dCreateSharedHandle: attributes.bInheritHandle must be a boolean, got a number'));
    t(() => raw.d3dCreateSharedHandle(-5, 1, undefined, undefined, out), new RangeError('d3dCreateSharedHandle: object must be an integer from 0 to 2^53-1, got -5'));
    // The output array is checked before the (unknown) id is looked up.
    t(() => raw.d3dGetSharedHandle(5, new Float64Array(0)), new RangeError('d3dGetSharedHandle: out must have room for 1 values, it has 0'));
    t(() => raw.d3dRelease('5' as never), new TypeError('d3dRelease: object must be a number, got a string'));
    t(() => raw.d3dAvailable({} as never), new TypeError('d3dAvailable: adapterLUID must be a Uint8Array, got an object'));
  });

  itNeeds(hasAddon && hasLavapipe, lavapipeMissing)('the native backend has no D3D on Linux', () => {
    const a = loadAddon();
    const b = new NativeBackend(a, openLavapipe(a), addonPath);
    try {
      expect(b.d3d).toBeNull();
      expect(b.d3dAvailability).toBeUndefined();
      expect(b.description).not.toContain('D3D');
    } finally {
      b.dispose();
    }
  });
});

describe('DXGI format names', () => {
  it('map to DXGI_FORMAT values, with or without the prefix', () => {
    expect(dxgiFormat('DXGI_FORMAT_R8G8B8A8_UNORM')).toBe(28);
    expect(dxgiFormat('B8G8R8A8_UNORM')).toBe(87);
    expect(dxgiFormat('DXGI_FORMAT_R16G16B16A16_FLOAT')).toBe(10);
    expect(dxgiFormat('DXGI_FORMAT_R32_FLOAT')).toBe(41);
    expect(dxgiFormat('DXGI_FORMAT_B4G4R4A4_UNORM')).toBe(115);
    expect(dxgiFormat('DXGI_FORMAT_P208')).toBe(130);
    expect(dxgiFormat('DXGI_FORMAT_UNKNOWN')).toBe(0);
    expect(dxgiFormat('')).toBe(0);
    expect(dxgiFormat('DXGI_FORMAT_R8G8B8A8_UNROM')).toBe(-1);
  });
});
