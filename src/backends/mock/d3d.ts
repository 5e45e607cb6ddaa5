// D3D11 and D3D12 objects that produce shared handles. Each object owns a payload (one reference, until
// Release) on an adapter found by LUID, by default the first Windows device of the profiles. Sizes
// follow the adapter's own rules, so an image created on the Vulkan side with the same description
// reports the same size as the D3D object it imports.
//
// CreateSharedHandle gives an NT handle in the calling process (the resource must have been created
// shareable by NT handle); GetSharedHandle gives the resource's one global KMT value (D3D11 resources
// created SHARED or SHARED_KEYEDMUTEX without SHARED_NTHANDLE, which replaces the KMT handle).
import type { D3D12HeapDesc, D3D12ResourceDesc, D3DBackend, D3DBufferDesc, D3DCreated, D3DTextureDesc, ObjectHandle, ProcessId, SecurityAttributes } from '../types.js';
import {
  D3D11_RESOURCE_MISC_SHARED, D3D11_RESOURCE_MISC_SHARED_KEYEDMUTEX, D3D11_RESOURCE_MISC_SHARED_NTHANDLE, D3D12_HEAP_FLAG_SHARED,
  DXGI_ERROR_NAME_ALREADY_EXISTS, E_INVALIDARG, E_OUTOFMEMORY, S_OK, typeMadeBy,
} from './constants.js';
import { texelBytesOfName, vkFormatOfDxgi } from './formats.js';
import { Namespace } from './names.js';
import type { Origin } from './payloads.js';
import { ENUMS } from '../../generated/registry.js';
import { flags, nonNegative, roundUp } from './util.js';
import { kmtValue } from './vulkan.js';
import type { D3DKind, World } from './world.js';
import type { SourceKind } from '../../generated/handle-types.js';

const TILING_OPTIMAL = ENUMS.VkImageTiling.values.VK_IMAGE_TILING_OPTIMAL;
/** Each D3D object as a source of shared memory; a D3D11 buffer is none (no Vulkan handle type names it). */
const SOURCE_OF: Record<D3DKind, SourceKind | undefined> = { texture2d: 'd3d11-texture', heap: 'd3d12-heap', resource: 'd3d12-resource', buffer: undefined };
/** The handle type a D3D object's shared handle of this kind is imported as (0: not importable). */
const sharedAs = (kind: D3DKind, handle: 'NT' | 'KMT'): number => { const s = SOURCE_OF[kind]; return s ? typeMadeBy(s, handle) : 0; };
const MAX_SIZE = 2 ** 48;
const fail = (hr = E_INVALIDARG) => ({ hr, object: 0 });

/** A positive size from an untrusted number, else NaN. */
function positive(x: unknown): number {
  const v = nonNegative(x);
  return v > 0 && v <= MAX_SIZE ? v : NaN;
}

export class MockD3D implements D3DBackend {
  constructor(private readonly w: World) {}

  private make(process: unknown, luid: unknown, kind: D3DKind, origin: Origin, size: (pd: number) => number, objFlags: number, format: string): D3DCreated {
    const w = this.w;
    const proc = w.processes.get(process);
    if (proc === undefined) return fail();
    const pd = w.adapterIndex(luid);
    const bytes = size(pd);
    if (!(bytes > 0) || bytes > MAX_SIZE) return fail();
    const p = w.payloads.born(origin, bytes, pd, -1, -1);
    w.payloads.addRef(p);
    const handle = w.newObject();
    w.d3d.set(handle, { handle, process: proc.id, kind, payload: p, flags: objFlags, format });
    return { hr: S_OK, object: handle, size: bytes };
  }

  /** A 2D texture's bytes on adapter `pd`: as the adapter sizes an optimal-tiling image of that format. */
  private textureSize(pd: number, width: unknown, height: unknown, format: string): number {
    const wd = positive(width), ht = height === undefined ? 1 : positive(height);
    if (Number.isNaN(wd) || Number.isNaN(ht)) return NaN;
    const texel = texelBytesOfName(format);
    if (pd < 0) return wd * ht * texel;
    const model = this.w.pds[pd];
    return model.imageSize({ format: vkFormatOfDxgi(format), width: wd, height: ht, depth: 1, mipLevels: 1, arrayLayers: 1, samples: 1, tiling: TILING_OPTIMAL }, texel);
  }

  createTexture2D(process: ProcessId, d: D3DTextureDesc): D3DCreated {
    if (typeof d !== 'object' || d === null) return fail();
    const format = typeof d.format === 'string' ? d.format : '';
    return this.make(process, d.adapterLUID, 'texture2d', 'd3d11', (pd) => this.textureSize(pd, d.width, d.height, format), flags(d.miscFlags), format);
  }

  createBuffer(process: ProcessId, d: D3DBufferDesc): D3DCreated {
    if (typeof d !== 'object' || d === null) return fail();
    return this.make(process, d.adapterLUID, 'buffer', 'd3d11', () => positive(d.byteWidth), flags(d.miscFlags), '');
  }

  createHeap(process: ProcessId, d: D3D12HeapDesc): D3DCreated {
    if (typeof d !== 'object' || d === null) return fail();
    return this.make(process, d.adapterLUID, 'heap', 'd3d12-heap', () => positive(d.sizeInBytes), flags(d.flags), '');
  }

  createCommittedResource(process: ProcessId, d: D3D12ResourceDesc): D3DCreated {
    if (typeof d !== 'object' || d === null) return fail();
    const format = typeof d.format === 'string' ? d.format : '';
    const isBuffer = format === '' || format === 'DXGI_FORMAT_UNKNOWN';
    const size = (pd: number): number => {
      if (!isBuffer) return this.textureSize(pd, d.width, d.height, format);
      const wd = positive(d.width);
      return pd < 0 ? wd : roundUp(wd, this.w.pds[pd].bufferAlignment);
    };
    return this.make(process, d.adapterLUID, 'resource', 'd3d12-resource', size, flags(d.heapFlags), format);
  }

  private owned(process: unknown, object: unknown) {
    const proc = this.w.processes.get(process);
    const o = typeof object === 'number' ? this.w.d3d.get(object) : undefined;
    return proc !== undefined && o !== undefined && o.process === proc.id ? { proc, o } : undefined;
  }

  createSharedHandle(process: ProcessId, object: ObjectHandle, access: number, name: string | undefined, attributes: SecurityAttributes | undefined): { hr: number; handle: number } {
    const w = this.w;
    const x = this.owned(process, object);
    if (x === undefined) return { hr: E_INVALIDARG, handle: 0 };
    const { proc, o } = x;
    const shareable = o.kind === 'heap' || o.kind === 'resource' ? (o.flags & D3D12_HEAP_FLAG_SHARED) !== 0 : (o.flags & D3D11_RESOURCE_MISC_SHARED_NTHANDLE) !== 0;
    if (!shareable) return { hr: E_INVALIDARG, handle: 0 };
    const hasName = name !== undefined && name !== null;
    if (hasName && Namespace.key(name) === undefined) return { hr: E_INVALIDARG, handle: 0 };
    if (proc.nt.full()) return { hr: E_OUTOFMEMORY, handle: 0 };
    // A D3D11 buffer's handle is real, but no Vulkan handle type names it (type 0: not importable).
    const type = sharedAs(o.kind, 'NT');
    const k = w.kobjs.share(o.payload, type, hasName ? name : undefined);
    if (k < 0) return { hr: DXGI_ERROR_NAME_ALREADY_EXISTS, handle: 0 };
    const inherit = typeof attributes === 'object' && attributes !== null && attributes.bInheritHandle === true;
    return { hr: S_OK, handle: w.processes.ntOpen(proc, k, flags(access), type, inherit) };
  }

  getSharedHandle(process: ProcessId, object: ObjectHandle): { hr: number; handle: number } {
    const x = this.owned(process, object);
    if (x === undefined) return { hr: E_INVALIDARG, handle: 0 };
    const { proc, o } = x;
    const legacyShared = (o.flags & (D3D11_RESOURCE_MISC_SHARED | D3D11_RESOURCE_MISC_SHARED_KEYEDMUTEX)) !== 0 && (o.flags & D3D11_RESOURCE_MISC_SHARED_NTHANDLE) === 0;
    if ((o.kind !== 'texture2d' && o.kind !== 'buffer') || !legacyShared) return { hr: E_INVALIDARG, handle: 0 };
    return { hr: S_OK, handle: kmtValue(this.w, proc, o.payload, sharedAs(o.kind, 'KMT')) };
  }

  release(process: ProcessId, object: ObjectHandle): void {
    const x = this.owned(process, object);
    if (x !== undefined) this.w.releaseD3D(x.o);
  }
}
