// D3D11 and D3D12 objects that produce shared handles. Each object owns a payload (one reference, until
// Release) on an adapter found by LUID, by default the first Windows device of the profiles. Sizes
// follow the adapter's own rules, so an image created on the Vulkan side with the same description
// reports the same size as the D3D object it imports.
//
// CreateSharedHandle gives an NT handle in the calling process (the resource must have been created
// shareable by NT handle); GetSharedHandle gives the resource's one global KMT value (D3D11 resources
// created SHARED or SHARED_KEYEDMUTEX without SHARED_NTHANDLE, which replaces the KMT handle).
// The operations of the table of calls are methods named after them, taking the row's inputs.
import type { OperationInputs as In, OperationResults as Out, ProcessId } from '../types.js';
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
/** A D3D object made: the HRESULT, the object, and the bytes it occupies. */
interface Made { hr: number; object: number; size?: number }
const fail = (hr = E_INVALIDARG): Made => ({ hr, object: 0 });

/** A positive size from an untrusted number, else NaN. */
function positive(x: unknown): number {
  const v = nonNegative(x);
  return v > 0 && v <= MAX_SIZE ? v : NaN;
}

export class MockD3D {
  constructor(private readonly w: World) {}

  private make(process: unknown, luid: unknown, kind: D3DKind, origin: Origin, size: (pd: number) => number, objFlags: number, format: string): Made {
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

  D3D11CreateTexture2D(process: ProcessId, d: In['D3D11CreateTexture2D']): Out['D3D11CreateTexture2D'] {
    if (typeof d !== 'object' || d === null) return made(fail(), 'ppTexture2D');
    const format = typeof d.format === 'string' ? d.format : '';
    return made(this.make(process, d.adapterLUID, 'texture2d', 'd3d11', (pd) => this.textureSize(pd, d.width, d.height, format), flags(d.miscFlags), format), 'ppTexture2D');
  }

  D3D11CreateBuffer(process: ProcessId, d: In['D3D11CreateBuffer']): Out['D3D11CreateBuffer'] {
    if (typeof d !== 'object' || d === null) return { result: E_INVALIDARG, ppBuffer: 0 };
    const m = this.make(process, d.adapterLUID, 'buffer', 'd3d11', () => positive(d.byteWidth), flags(d.miscFlags), '');
    return { result: m.hr, ppBuffer: m.object };
  }

  D3D12CreateHeap(process: ProcessId, d: In['D3D12CreateHeap']): Out['D3D12CreateHeap'] {
    if (typeof d !== 'object' || d === null) return { result: E_INVALIDARG, ppHeap: 0 };
    const m = this.make(process, d.adapterLUID, 'heap', 'd3d12-heap', () => positive(d.sizeInBytes), flags(d.flags), '');
    return { result: m.hr, ppHeap: m.object };
  }

  D3D12CreateCommittedResource(process: ProcessId, d: In['D3D12CreateCommittedResource']): Out['D3D12CreateCommittedResource'] {
    if (typeof d !== 'object' || d === null) return made(fail(), 'ppResource');
    const format = typeof d.format === 'string' ? d.format : '';
    const isBuffer = format === '' || format === 'DXGI_FORMAT_UNKNOWN';
    const size = (pd: number): number => {
      if (!isBuffer) return this.textureSize(pd, d.width, d.height, format);
      const wd = positive(d.width);
      return pd < 0 ? wd : roundUp(wd, this.w.pds[pd].bufferAlignment);
    };
    return made(this.make(process, d.adapterLUID, 'resource', 'd3d12-resource', size, flags(d.heapFlags), format), 'ppResource');
  }

  private owned(process: unknown, object: unknown) {
    const proc = this.w.processes.get(process);
    const o = typeof object === 'number' ? this.w.d3d.get(object) : undefined;
    return proc !== undefined && o !== undefined && o.process === proc.id ? { proc, o } : undefined;
  }

  IDXGIResource1_CreateSharedHandle(process: ProcessId, a: In['IDXGIResource1_CreateSharedHandle']): Out['IDXGIResource1_CreateSharedHandle'] {
    return this.createSharedHandle(process, a.resource, a.dwAccess, a.lpName, a.pAttributes);
  }

  ID3D12Device_CreateSharedHandle(process: ProcessId, a: In['ID3D12Device_CreateSharedHandle']): Out['ID3D12Device_CreateSharedHandle'] {
    return this.createSharedHandle(process, a.object, a.access, a.name, a.pAttributes);
  }

  /** IDXGIResource1::CreateSharedHandle (D3D11) and ID3D12Device::CreateSharedHandle: an NT handle in the calling process. */
  private createSharedHandle(process: ProcessId, object: unknown, access: unknown, name: string | undefined, attributes: { bInheritHandle: boolean } | undefined): { result: number; pHandle: number } {
    const w = this.w;
    const x = this.owned(process, object);
    if (x === undefined) return { result: E_INVALIDARG, pHandle: 0 };
    const { proc, o } = x;
    const shareable = o.kind === 'heap' || o.kind === 'resource' ? (o.flags & D3D12_HEAP_FLAG_SHARED) !== 0 : (o.flags & D3D11_RESOURCE_MISC_SHARED_NTHANDLE) !== 0;
    if (!shareable) return { result: E_INVALIDARG, pHandle: 0 };
    const hasName = name !== undefined && name !== null;
    if (hasName && Namespace.key(name) === undefined) return { result: E_INVALIDARG, pHandle: 0 };
    if (proc.nt.full()) return { result: E_OUTOFMEMORY, pHandle: 0 };
    // A D3D11 buffer's handle is real, but no Vulkan handle type names it (type 0: not importable).
    const type = sharedAs(o.kind, 'NT');
    const k = w.kobjs.share(o.payload, type, hasName ? name : undefined);
    if (k < 0) return { result: DXGI_ERROR_NAME_ALREADY_EXISTS, pHandle: 0 };
    const inherit = typeof attributes === 'object' && attributes !== null && attributes.bInheritHandle === true;
    return { result: S_OK, pHandle: w.processes.ntOpen(proc, k, flags(access), type, inherit) };
  }

  /** IDXGIResource::GetSharedHandle: the resource's one global KMT value. */
  IDXGIResource_GetSharedHandle(process: ProcessId, a: In['IDXGIResource_GetSharedHandle']): Out['IDXGIResource_GetSharedHandle'] {
    const x = this.owned(process, a.resource);
    if (x === undefined) return { result: E_INVALIDARG, pSharedHandle: 0 };
    const { proc, o } = x;
    const legacyShared = (o.flags & (D3D11_RESOURCE_MISC_SHARED | D3D11_RESOURCE_MISC_SHARED_KEYEDMUTEX)) !== 0 && (o.flags & D3D11_RESOURCE_MISC_SHARED_NTHANDLE) === 0;
    if ((o.kind !== 'texture2d' && o.kind !== 'buffer') || !legacyShared) return { result: E_INVALIDARG, pSharedHandle: 0 };
    return { result: S_OK, pSharedHandle: kmtValue(this.w, proc, o.payload, sharedAs(o.kind, 'KMT')) };
  }

  D3DRelease(process: ProcessId, a: In['D3DRelease']): Out['D3DRelease'] {
    const x = this.owned(process, a.object);
    if (x !== undefined) this.w.releaseD3D(x.o);
    return { result: undefined };
  }
}

/** A texture or resource made, as the operation answers it: its object under `out`, and its size when made. */
function made<K extends 'ppTexture2D' | 'ppResource'>(m: Made, out: K): { result: number; size?: number } & Record<K, number> {
  const r = { result: m.hr, [out]: m.object } as { result: number; size?: number } & Record<K, number>;
  if (m.size !== undefined) r.size = m.size;
  return r;
}
