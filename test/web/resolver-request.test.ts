// The import resolver's URL state: the full `r=` form, the short `source=&type=&profile=` links other
// views write, bad links (never a crash: the default with the reason), and the chain builder's state.
import { describe, it, expect, beforeAll } from 'vitest';
import { createValidator, handleTypes, type HandleTypeInfo } from '../../src/index.js';
import { findProfile } from '../../src/profiles/builtin.js';
import { resolveRequest, checkRequest, type ResolveRequest } from '../../src/resolve/request.js';
import { encodeState, decodeState } from '../../web-demo/src/logic/url-state.js';
import {
  requestFromParams, shortForm, cleanRequest, shortHandleType, exportableTypes, importedType, byNameAllowed, chainStateFor, defaultRequest, DEFAULT_SIZE,
} from '../../web-demo/src/logic/resolver-request.js';

const PROFILES = ['lavapipe', 'illustrative-windows-discrete', 'illustrative-windows-integrated'];
const FALLBACK = 'illustrative-windows-discrete';
let catalogue: HandleTypeInfo[];
beforeAll(async () => { catalogue = await handleTypes(); });

describe('handle type names', () => {
  it('shortens KHR, EXT and NV enumerant names the way parseHandleType reads them back', () => {
    expect(shortHandleType('VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT')).toBe('OPAQUE_WIN32');
    expect(shortHandleType('VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT')).toBe('DMA_BUF');
    expect(shortHandleType('VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT_NV')).toBe('OPAQUE_WIN32_KMT_NV');
    expect(shortHandleType('D3D11_TEXTURE_KMT')).toBe('D3D11_TEXTURE_KMT');
    // Every exportable type's short name is one checkRequest accepts.
    for (const t of exportableTypes(catalogue)) expect(() => checkRequest({ profile: 'x', source: { kind: 'vulkan', handleType: shortHandleType(t.name) } })).not.toThrow();
  });

  it('offers Vulkan exports of NT, KMT and fd types of both families, and no import-only host pointers', () => {
    const names = exportableTypes(catalogue).map((t) => shortHandleType(t.name));
    expect(names).toEqual(expect.arrayContaining(['OPAQUE_WIN32', 'OPAQUE_WIN32_KMT', 'OPAQUE_FD', 'DMA_BUF', 'OPAQUE_WIN32_NV', 'OPAQUE_WIN32_KMT_NV']));
    expect(names).not.toContain('HOST_ALLOCATION');
    expect(names).not.toContain('ANDROID_HARDWARE_BUFFER');
  });

  it('knows which imports may go by name (NT types) and which not', () => {
    expect(byNameAllowed({ kind: 'vulkan', handleType: 'OPAQUE_WIN32' }, catalogue)).toBe(true);
    expect(byNameAllowed({ kind: 'vulkan', handleType: 'OPAQUE_WIN32_KMT' }, catalogue)).toBe(false);
    expect(byNameAllowed({ kind: 'd3d11-texture', shared: 'nt' }, catalogue)).toBe(true);
    expect(byNameAllowed({ kind: 'd3d11-texture', shared: 'kmt' }, catalogue)).toBe(false);
    expect(byNameAllowed({ kind: 'd3d12-heap' }, catalogue)).toBe(true);
    expect(byNameAllowed({ kind: 'dma-buf' }, catalogue)).toBe(false);
    expect(importedType({ kind: 'host-pointer' })).toBe('HOST_ALLOCATION');
  });
});

describe('reading a request from the URL', () => {
  it('takes the full form and keeps only what the source uses', () => {
    const req: ResolveRequest = { profile: 'lavapipe', source: { kind: 'd3d12-heap', size: 1048576, handleType: 'OPAQUE_FD', shared: 'kmt' }, process: 'other' };
    const read = requestFromParams({ r: encodeState(req) }, PROFILES, catalogue, FALLBACK);
    expect(read.problem).toBeUndefined();
    expect(read.request).toEqual({ profile: 'lavapipe', source: { kind: 'd3d12-heap', size: 1048576 }, process: 'other' });
  });

  it('falls back to the default, with the reason, on garbage, on a request checkRequest refuses, and on an unknown profile', () => {
    const garbage = requestFromParams({ r: '%%%not-base64' }, PROFILES, catalogue, FALLBACK);
    expect(garbage.request).toEqual(cleanRequest(defaultRequest(FALLBACK), catalogue));
    expect(garbage.problem).toMatch(/could not be decoded/);

    const bad = requestFromParams({ r: encodeState({ profile: 'lavapipe', source: { kind: 'floppy' } }) }, PROFILES, catalogue, FALLBACK);
    expect(bad.request.profile).toBe(FALLBACK);
    expect(bad.problem).toContain('source.kind');
    expect(bad.problem).toContain('"floppy"');

    const size = requestFromParams({ r: encodeState({ profile: 'lavapipe', source: { kind: 'dma-buf', size: -4 } }) }, PROFILES, catalogue, FALLBACK);
    expect(size.problem).toContain('source.size');

    const nobody = requestFromParams({ r: encodeState({ profile: 'my-gpu', source: { kind: 'dma-buf', size: 4096 } }) }, PROFILES, catalogue, FALLBACK);
    expect(nobody.request).toMatchObject({ profile: FALLBACK, source: { kind: 'dma-buf', size: 4096 } });
    expect(nobody.problem).toContain('"my-gpu"');
  });

  it('reads the short form the handle-types view links with', () => {
    expect(requestFromParams({ source: 'vulkan', type: 'OPAQUE_WIN32_NV', profile: 'illustrative-windows-integrated' }, PROFILES, catalogue, FALLBACK))
      .toEqual({ request: { profile: 'illustrative-windows-integrated', source: { kind: 'vulkan', handleType: 'OPAQUE_WIN32_NV' }, process: 'same' } });
    expect(requestFromParams({ source: 'd3d11-texture', type: 'D3D11_TEXTURE_KMT' }, PROFILES, catalogue, FALLBACK).request.source).toEqual({ kind: 'd3d11-texture', shared: 'kmt' });
    expect(requestFromParams({ source: 'd3d11-texture', type: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT' }, PROFILES, catalogue, FALLBACK).request.source).toEqual({ kind: 'd3d11-texture', shared: 'nt' });
    expect(requestFromParams({ source: 'd3d12-heap' }, PROFILES, catalogue, FALLBACK).request.source).toEqual({ kind: 'd3d12-heap', size: DEFAULT_SIZE });
  });

  it('says what it did with a short form it cannot take as it is', () => {
    const unknownType = shortForm('vulkan', 'FLOPPY_DISK', 'lavapipe');
    expect(unknownType.request.source.handleType).toBe('OPAQUE_WIN32');
    expect(unknownType.problem).toContain('"FLOPPY_DISK"');
    expect(shortForm('dma-buf', 'OPAQUE_WIN32', 'lavapipe').problem).toMatch(/imported as DMA_BUF/);
    expect(shortForm('floppy', undefined, 'lavapipe').problem).toMatch(/not a source/);
    expect(shortForm('d3d11-texture', 'D3D12_HEAP', 'lavapipe').problem).toMatch(/D3D11_TEXTURE/);
  });

  it('drops by-name where the type cannot be imported by name, and the resource the user switched off', () => {
    const kmt = cleanRequest({ profile: 'p', source: { kind: 'd3d11-texture', shared: 'kmt', byName: true } }, catalogue);
    expect(kmt.source.byName).toBeUndefined();
    const nt = cleanRequest({ profile: 'p', source: { kind: 'd3d11-texture', shared: 'nt', byName: true }, resource: { image: { width: 64 }, buffer: { size: 4 } } }, catalogue);
    expect(nt.source.byName).toBe(true);
    expect(nt.resource).toEqual({ image: { width: 64 } });
  });
});

describe('opening the chain builder', () => {
  it('carries the request’s world and the resolved vkAllocateMemory, and survives the URL round trip', async () => {
    const v = await createValidator();
    const req: ResolveRequest = { profile: 'illustrative-windows-discrete', source: { kind: 'd3d12-heap', size: 1048576 }, process: 'other' };
    const res = resolveRequest(v, req, findProfile(req.profile));
    const state = chainStateFor(req, res.resolution);
    expect(state).toMatchObject({ v: 1, profile: 'illustrative-windows-discrete', command: 'vkAllocateMemory', source: req.source, process: 'other' });
    expect(state.args).toEqual({ device: 'dev_B', pAllocateInfo: res.resolution.allocateInfo, pAllocator: null, pMemory: 'importedMemory' });
    expect((state.args.pAllocateInfo as { allocationSize: number }).allocationSize).toBe(1048576);
    expect(decodeState(encodeState(state))).toEqual(state);
  });
});

describe('what the library’s result carries for the page to explain it', () => {
  let v: Awaited<ReturnType<typeof createValidator>>;
  beforeAll(async () => { v = await createValidator(); });
  const run = (req: ResolveRequest) => resolveRequest(v, req, findProfile(req.profile));

  it('the names the world gave the device, the handle (before and after DuplicateHandle) and the resource', () => {
    expect(run({ profile: FALLBACK, source: { kind: 'd3d11-texture', shared: 'nt' } }).names).toMatchObject({ device: 'dev_main', handle: 'hSrc', sourceHandle: 'hSrc', resource: 'dstRes', resourceKind: 'image', handleType: 'D3D11_TEXTURE' });
    const other = run({ profile: FALLBACK, source: { kind: 'd3d11-texture', shared: 'nt' }, process: 'other' }).names;
    expect(other).toMatchObject({ device: 'dev_B', process: 'B', sourceDevice: 'dev_main', handle: 'hDst', sourceHandle: 'hSrc' });
    expect(run({ profile: FALLBACK, source: { kind: 'vulkan', handleType: 'OPAQUE_WIN32' } }).names).toMatchObject({ sourceMemory: 'srcMem', sourceResource: 'srcRes', resourceKind: 'buffer' });
  });

  it('the extensions the resolved vkAllocateMemory needs that the profile does not offer, each with the rule that names it', () => {
    const win32 = run({ profile: 'lavapipe', source: { kind: 'd3d11-texture', shared: 'nt' } }).missingExtensions;
    expect(win32.map((m) => m.extension)).toEqual(['VK_KHR_external_memory_win32']);
    expect(win32[0]).toMatchObject({ vuid: 'VUID-VkMemoryAllocateInfo-pNext-pNext', url: expect.stringContaining('#VUID-VkMemoryAllocateInfo-pNext-pNext') });
    expect(win32[0].message).toContain('VkImportMemoryWin32HandleInfoKHR');
    expect(run({ profile: 'lavapipe', source: { kind: 'vulkan', handleType: 'OPAQUE_WIN32_NV' } }).missingExtensions.map((m) => m.extension)).toEqual(['VK_NV_external_memory_win32']);
    expect(run({ profile: FALLBACK, source: { kind: 'dma-buf' } }).missingExtensions.map((m) => m.extension).sort()).toEqual(['VK_EXT_external_memory_dma_buf', 'VK_KHR_external_memory_fd']);
    // Nothing is missing where the profile offers it.
    expect(run({ profile: FALLBACK, source: { kind: 'd3d11-texture', shared: 'kmt' }, process: 'other' }).missingExtensions).toEqual([]);
    expect(run({ profile: 'lavapipe', source: { kind: 'vulkan', handleType: 'OPAQUE_FD' } }).missingExtensions).toEqual([]);
    expect(run({ profile: 'lavapipe', source: { kind: 'host-pointer' } }).missingExtensions).toEqual([]);
  });
});
