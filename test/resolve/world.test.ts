// buildWorld: the calls a request's world is made of, stage by stage, and one more call run in it
// (the explorer's chain builder checks its call this way).
import { describe, it, expect, beforeAll } from 'vitest';
import { createValidator, type Validator } from '../../src/index.js';
import { buildWorld } from '../../src/resolve/request.js';
import { findProfile } from '../../src/profiles/builtin.js';

const windows = findProfile('illustrative-windows-discrete');
let v: Validator;
beforeAll(async () => { v = await createValidator(); });

describe('buildWorld', () => {
  it('without a source makes the device and a plain resource, nothing exported', () => {
    const w = buildWorld(v, { profile: windows.profile, source: null }, windows);
    expect(w.steps.map((s) => s.name)).not.toContain('vkAllocateMemory');
    expect(w.steps.at(-1)!.name).toBe('vkGetBufferMemoryRequirements2');
    expect(w.names).toMatchObject({ device: 'dev_main', resource: 'dstRes', resourceKind: 'buffer' });
    expect(w.names.handleType).toBeUndefined();
  });

  it('stage "allocation" stops after the exportable allocation, before any export', () => {
    const w = buildWorld(v, { profile: windows.profile, source: { kind: 'vulkan', handleType: 'OPAQUE_WIN32' } }, windows, 'allocation');
    expect(w.steps.at(-1)!.name).toBe('vkAllocateMemory');
    expect(w.names).toMatchObject({ sourceMemory: 'srcMem', handleType: 'OPAQUE_WIN32', bit: 2 });
    // The first export from this memory is the caller's: valid.
    const out = w.step({ kind: 'vk', name: 'vkGetMemoryWin32HandleKHR', args: { device: 'dev_main', pGetWin32HandleInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_GET_WIN32_HANDLE_INFO_KHR', pNext: null, memory: 'srcMem', handleType: 2 }, pHandle: 'h' } });
    expect(out.findings).toEqual([]);
    expect(out.result).toBe('VK_SUCCESS');
  });

  it('stage "handle" in another process ends with the duplicated handle there, no properties asked yet', () => {
    const w = buildWorld(v, { profile: windows.profile, source: { kind: 'd3d12-heap', size: 1 << 20 }, process: 'other' }, windows, 'handle');
    expect(w.names).toMatchObject({ device: 'dev_B', process: 'B', handle: 'hDst', handleType: 'D3D12_HEAP' });
    expect(w.steps.map((s) => s.name)).toContain('DuplicateHandle');
    expect(w.steps.map((s) => s.name)).not.toContain('vkGetMemoryWin32HandlePropertiesKHR');
    // A wrong handle type for the handle is caught in the world the request built.
    const out = w.step({ kind: 'vk', name: 'vkGetMemoryWin32HandlePropertiesKHR', process: 'B', args: { device: 'dev_B', handleType: 0x2, handle: 'hDst', pMemoryWin32HandleProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_WIN32_HANDLE_PROPERTIES_KHR', pNext: null, memoryTypeBits: 0 } } });
    expect(out.findings.map((f) => f.vuid)).toContain('VUID-vkGetMemoryWin32HandlePropertiesKHR-handleType-00666');
  });

  it('stage "resource" is what resolve uses: an image for a texture, bound in the importing process', () => {
    const w = buildWorld(v, { profile: windows.profile, source: { kind: 'd3d11-texture', shared: 'kmt' }, process: 'other' }, windows);
    expect(w.names).toMatchObject({ device: 'dev_B', handle: 'hSrc', handleType: 'D3D11_TEXTURE_KMT', resource: 'dstRes', resourceKind: 'image' });
    expect(w.steps.at(-1)!.name).toBe('vkGetImageMemoryRequirements2');
  });
});
