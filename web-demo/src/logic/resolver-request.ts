// The import resolver's form as a ResolveRequest (src/resolve/request.ts): read from the URL (the full
// `r=` form, or the short `source=…&type=…&profile=…` links other views write), cleaned so that only
// the members the chosen source uses travel, and turned into the chain builder's state.
import { checkRequest, type ResolveRequest, type SourceKind } from '../../../src/resolve/request.js';
import { sharesByNtOrKmt, sourceTypeName, sourceTypeNames } from '../../../src/resolve/sources.js';
import type { Resolution } from '../../../src/resolve/types.js';
import type { HandleTypeInfo } from '../../../src/catalogue.js';
import { InputError } from '../../../src/core/errors.js';
import { decodeState } from './url-state.js';
import type { ChainState } from './chain-state.js';

export type Source = ResolveRequest['source'];

export const SOURCE_KINDS: ReadonlyArray<{ kind: SourceKind; label: string; hint: string }> = [
  { kind: 'vulkan', label: 'Vulkan memory export', hint: 'another Vulkan device allocates exportable memory and gets a handle or fd for it' },
  { kind: 'd3d11-texture', label: 'D3D11 texture', hint: 'a shared D3D11 texture, by NT handle (CreateSharedHandle) or KMT handle (GetSharedHandle)' },
  { kind: 'd3d12-heap', label: 'D3D12 heap', hint: 'a shared D3D12 heap of a given size' },
  { kind: 'd3d12-resource', label: 'D3D12 committed resource', hint: 'a shared committed D3D12 resource (a texture)' },
  { kind: 'dma-buf', label: 'dma-buf fd', hint: 'a Linux dma-buf from a DMA heap' },
  { kind: 'host-pointer', label: 'Host pointer', hint: 'ordinary host memory imported with VK_EXT_external_memory_host' },
];

/** The sources that carry a size in bytes (the others take it from the resource or the export). */
export const SIZED_KINDS: ReadonlySet<SourceKind> = new Set(['d3d12-heap', 'dma-buf', 'host-pointer']);
/** The size a sized source starts with (the library's own default). */
export const DEFAULT_SIZE = 65536;
/** Image formats the D3D sources can be made in (src/resolve/request.ts maps them to DXGI). */
export const IMAGE_FORMATS = ['VK_FORMAT_R8G8B8A8_UNORM', 'VK_FORMAT_B8G8R8A8_UNORM', 'VK_FORMAT_R16G16B16A16_SFLOAT', 'VK_FORMAT_R32_SFLOAT'] as const;

// The short handle-type names used in links and forms are the catalogue's keys (handle-type-facts.ts).
import { shortHandleType } from './handle-type-facts.js';
export { shortHandleType };

/** Handle types a Vulkan export can produce in the model: NT and KMT handles and fds (host pointers and other platforms' objects are import-only or not modelled). */
export function exportableTypes(catalogue: HandleTypeInfo[]): HandleTypeInfo[] {
  return catalogue.filter((t) => (t.handle === 'NT' || t.handle === 'KMT' || t.handle === 'fd') && t.exportsPerMemory !== 'none (import only)');
}

/** The handle type a Vulkan export makes when the request names none. */
export const DEFAULT_EXPORT_TYPE = 'OPAQUE_WIN32';

/** The handle type (short name) the import of this source uses: the one named, or the one the catalogue says the source makes. */
export function importedType(src: Source): string {
  return src.kind === 'vulkan' ? shortHandleType(String(src.handleType ?? DEFAULT_EXPORT_TYPE)) : sourceTypeName(src) ?? '';
}

/** Whether the imported type can be imported by name (the catalogue says which). */
export function byNameAllowed(src: Source, catalogue: HandleTypeInfo[]): boolean {
  const t = importedType(src);
  return catalogue.some((c) => shortHandleType(c.name) === t && c.importByName);
}

export function defaultRequest(profile: string): ResolveRequest {
  return { profile, source: { kind: 'vulkan', handleType: DEFAULT_EXPORT_TYPE }, process: 'same' };
}

/** Keeps only what the chosen source and resource use, so links stay short and mean one thing. */
export function cleanRequest(r: ResolveRequest, catalogue: HandleTypeInfo[]): ResolveRequest {
  const s = r.source;
  const source: Source = { kind: s.kind };
  if (s.kind === 'vulkan') {
    source.handleType = shortHandleType(String(s.handleType ?? DEFAULT_EXPORT_TYPE));
    if (s.dedicated) source.dedicated = true;
  }
  if (sharesByNtOrKmt(s.kind)) source.shared = s.shared === 'kmt' ? 'kmt' : 'nt';
  if (SIZED_KINDS.has(s.kind)) source.size = s.size ?? DEFAULT_SIZE;
  if (s.byName && byNameAllowed(source, catalogue)) source.byName = true;
  const out: ResolveRequest = { profile: r.profile, source, process: r.process === 'other' ? 'other' : 'same' };
  if (r.resource?.image) out.resource = { image: { ...r.resource.image } };
  else if (r.resource?.buffer) out.resource = { buffer: { ...r.resource.buffer } };
  return out;
}

export interface ParamsRead {
  request: ResolveRequest;
  /** Why the link's request was not taken as it is (shown above the form); undefined when it was. */
  problem?: string;
}

/**
 * The request a URL describes. `r` is the encoded request; else `source`, `type` and `profile` (the
 * short form); else the default. Never throws: a bad link shows the default with the reason.
 */
export function requestFromParams(params: Record<string, string>, profiles: string[], catalogue: HandleTypeInfo[], fallbackProfile: string): ParamsRead {
  const known = (p: unknown) => typeof p === 'string' && profiles.includes(p);
  let read: ParamsRead;
  if (params.r !== undefined) {
    const decoded = decodeState(params.r);
    if (decoded === undefined) return { request: defaultRequest(fallbackProfile), problem: 'The link’s request (r=…) could not be decoded; showing the default request.' };
    try {
      read = { request: checkRequest(decoded) };
    } catch (e) {
      const why = e instanceof InputError ? e.describe() : String(e);
      return { request: defaultRequest(fallbackProfile), problem: `The link’s request is not one the resolver takes (${why}); showing the default request.` };
    }
  } else if (params.source !== undefined || params.type !== undefined) {
    read = shortForm(params.source, params.type, params.profile ?? fallbackProfile);
  } else {
    read = { request: defaultRequest(params.profile ?? fallbackProfile) };
  }
  if (!known(read.request.profile)) {
    const problem = `There is no profile named ${JSON.stringify(read.request.profile)} here; using ${fallbackProfile}.`;
    read = { request: { ...read.request, profile: fallbackProfile }, problem: read.problem ? `${read.problem} ${problem}` : problem };
  }
  return { ...read, request: cleanRequest(read.request, catalogue) };
}

const KINDS = SOURCE_KINDS.map((k) => k.kind);

/** `source=vulkan&type=OPAQUE_WIN32_NV`, `source=d3d11-texture&type=D3D11_TEXTURE_KMT`, … */
export function shortForm(kind: string | undefined, type: string | undefined, profile: string): ParamsRead {
  const k = (kind ?? 'vulkan') as SourceKind;
  if (!KINDS.includes(k)) return { request: defaultRequest(profile), problem: `${JSON.stringify(kind)} is not a source; the sources are ${KINDS.join(', ')}. Showing the default request.` };
  const source: Source = { kind: k };
  let problem: string | undefined;
  const t = type ? shortHandleType(type) : undefined;
  if (k === 'vulkan') {
    source.handleType = t ?? DEFAULT_EXPORT_TYPE;
    try {
      checkRequest({ profile, source });
    } catch (e) {
      problem = `${e instanceof InputError ? e.describe() : String(e)}; using ${DEFAULT_EXPORT_TYPE}.`;
      source.handleType = DEFAULT_EXPORT_TYPE;
    }
  } else if (sharesByNtOrKmt(k)) {
    // A source that shares by NT or KMT handle: the type says which.
    source.shared = t === sourceTypeName({ kind: k, shared: 'kmt' }) ? 'kmt' : 'nt';
    const types = sourceTypeNames(k);
    if (t && !types.includes(t)) problem = `a ${SOURCE_KINDS.find((x) => x.kind === k)!.label} is imported as ${types.join(' or ')}, not ${t}; using ${importedType({ kind: k })}.`;
  } else if (t && t !== importedType(source)) {
    problem = `a ${k} source is imported as ${importedType(source)}; the type ${t} in the link is not used.`;
  }
  return { request: { profile, source, process: 'same' }, problem };
}

/** The chain builder's state for the vkAllocateMemory this resolution built (`#/chain?s=…`). */
export function chainStateFor(request: ResolveRequest, resolution: Resolution): ChainState {
  return {
    v: 1,
    profile: request.profile,
    command: 'vkAllocateMemory',
    source: request.source,
    process: request.process,
    args: { device: resolution.query.device, pAllocateInfo: resolution.allocateInfo, pAllocator: null, pMemory: 'importedMemory' },
  };
}
