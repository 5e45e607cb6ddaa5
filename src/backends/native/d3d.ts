// The native backend's D3D half (Windows only): the backend's D3D descriptions turned into the addon's
// calls. What the descriptions leave out is chosen here as an application that shares them typically
// would: textures bind as shader resource and render target, buffers as shader resource, D3D12 objects
// go in a default heap with no resource flags. Driver answers come back as
// HRESULTs; nothing here throws for them.
import type { D3DBackend, LifecycleEvent, ProcessId } from '../types.js';
import type { NativeAddon } from './addon-api.js';
import { dxgiFormat } from './dxgi-formats.js';

const E_INVALIDARG = -2147024809;
const S_OK = 0;
const D3D11_BIND_SHADER_RESOURCE = 0x8;
const D3D11_BIND_RENDER_TARGET = 0x20;
const DIMENSION_BUFFER = 1;
const DIMENSION_TEXTURE2D = 3;

/**
 * `adapterLUID`: the LUID of the Vulkan device the backend runs on, when valid; a description's own
 * adapterLUID comes first. `only` refuses other processes, as the rest of the backend does.
 */
export function nativeD3D(a: NativeAddon, adapterLUID: Uint8Array | undefined, only: (p: ProcessId) => void, emit: (e: LifecycleEvent) => void): D3DBackend {
  const failed = { hr: E_INVALIDARG, object: 0 };
  const noHandle = { hr: E_INVALIDARG, handle: 0 };
  // The addon throws for what a runtime would answer E_INVALIDARG to (a size that is not a number, an
  // object never made or already released): so does this backend, as the mock does.
  const guard = <R>(fn: () => R, fallback: R): R => {
    try { return fn(); } catch (e) { if (e instanceof RangeError || e instanceof TypeError) return fallback; throw e; }
  };
  const luid = (d: { adapterLUID?: Uint8Array }) => d.adapterLUID ?? adapterLUID;
  const format = (name: unknown) => dxgiFormat(typeof name === 'string' ? name : '');

  return {
    createTexture2D(p, d) {
      only(p);
      const f = format(d.format);
      if (f < 0) return failed;
      return guard(() => a.d3d11CreateTexture2D({
        adapterLUID: luid(d), width: d.width, height: d.height, format: f,
        bindFlags: D3D11_BIND_SHADER_RESOURCE | D3D11_BIND_RENDER_TARGET, miscFlags: d.miscFlags,
      }), failed);
    },
    createBuffer(p, d) {
      only(p);
      return guard(() => a.d3d11CreateBuffer({ adapterLUID: luid(d), byteWidth: d.byteWidth, bindFlags: D3D11_BIND_SHADER_RESOURCE, miscFlags: d.miscFlags }), failed);
    },
    createHeap(p, d) {
      only(p);
      return guard(() => a.d3d12CreateHeap({ adapterLUID: luid(d), sizeInBytes: d.sizeInBytes, flags: d.flags }), failed);
    },
    createCommittedResource(p, d) {
      only(p);
      // No format (or UNKNOWN) makes a buffer, as in the mock.
      const f = format(d.format);
      if (f < 0) return failed;
      return guard(() => a.d3d12CreateCommittedResource({
        adapterLUID: luid(d), width: d.width, height: d.height, format: f, dimension: f === 0 ? DIMENSION_BUFFER : DIMENSION_TEXTURE2D,
        heapFlags: d.heapFlags, resourceFlags: 0,
      }), failed);
    },
    createSharedHandle(p, object, access, name, attributes) {
      only(p);
      const r = guard(() => a.d3dCreateSharedHandle(object, access, name, attributes), noHandle);
      if (r.hr === S_OK && r.handle !== 0) emit({ kind: 'handle-created', process: 0, handle: r.handle, handleKind: 'nt', payload: 0 });
      return r;
    },
    getSharedHandle(p, object) {
      only(p);
      const r = guard(() => a.d3dGetSharedHandle(object), noHandle);
      if (r.hr === S_OK && r.handle !== 0) emit({ kind: 'handle-created', process: 0, handle: r.handle, handleKind: 'kmt', payload: 0 });
      return r;
    },
    release(p, object) {
      only(p);
      guard(() => a.d3dRelease(object), undefined);
    },
  };
}
