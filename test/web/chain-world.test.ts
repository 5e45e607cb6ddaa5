// The world a chain runs in and the run: which stage of buildWorld each call needs, which sources fit
// which call, the state → call record conversion, the names the world offers, and the verdicts and
// driver answers a run brings back (run in Node on the same core as the page).
import { describe, it, expect, beforeAll } from 'vitest';
import { createValidator, type Validator } from '../../src/index.js';
import { findProfile } from '../../src/profiles/builtin.js';
import { buildWorld } from '../../src/resolve/request.js';
import { callRecordOf, defaultSource, hintsOf, parseSourceSize, runChain, sourceFits, worldObjects, worldStage } from '../../web-demo/src/logic/chain-world.js';
import { prefill, defaultChoice } from '../../web-demo/src/logic/chain-defaults.js';
import { setAt, type Json } from '../../web-demo/src/logic/chain-args.js';
import type { ChainState } from '../../web-demo/src/logic/chain-state.js';

const windows = findProfile('illustrative-windows-discrete');
let v: Validator;
beforeAll(async () => { v = await createValidator(); });

const d3d11 = { kind: 'd3d11-texture' as const, shared: 'nt' as const };
const importState = (): ChainState => prefill(v, defaultChoice(), windows);
const vuidsOf = (s: ChainState) => runChain(v, s, windows).findings.map((f) => [f.vuid, f.severity, f.path]);

describe('the world a call runs in', () => {
  it('imports get the whole world, exports stop before the export, queries and create infos at the handle', () => {
    expect(worldStage('vkAllocateMemory', d3d11)).toBe('resource');
    expect(worldStage('vkGetMemoryWin32HandleKHR', { kind: 'vulkan', handleType: 'OPAQUE_WIN32' })).toBe('allocation');
    expect(worldStage('vkGetMemoryWin32HandlePropertiesKHR', d3d11)).toBe('handle');
    expect(worldStage('vkCreateImage', d3d11)).toBe('handle');
    expect(worldStage('vkCreateBuffer', null)).toBe('resource');
  });

  it('an export needs Vulkan memory of its family; a handle query needs a D3D handle (not a name)', () => {
    expect(sourceFits('vkGetMemoryWin32HandleKHR', { kind: 'vulkan', handleType: 'OPAQUE_WIN32_KMT' })).toBe(true);
    expect(sourceFits('vkGetMemoryWin32HandleKHR', { kind: 'vulkan', handleType: 'OPAQUE_WIN32_NV' })).toBe(false);
    expect(sourceFits('vkGetMemoryWin32HandleKHR', d3d11)).toBe(false);
    expect(sourceFits('vkGetMemoryWin32HandleNV', { kind: 'vulkan', handleType: 'OPAQUE_WIN32_KMT_NV' })).toBe(true);
    expect(sourceFits('vkGetMemoryFdKHR', { kind: 'vulkan', handleType: 'OPAQUE_FD' })).toBe(true);
    expect(sourceFits('vkGetMemoryWin32HandlePropertiesKHR', d3d11)).toBe(true);
    expect(sourceFits('vkGetMemoryWin32HandlePropertiesKHR', { ...d3d11, byName: true })).toBe(false);
    expect(sourceFits('vkGetMemoryWin32HandlePropertiesKHR', { kind: 'vulkan', handleType: 'OPAQUE_WIN32' })).toBe(false);
    expect(sourceFits('vkAllocateMemory', null)).toBe(true);
    expect(defaultSource('vkGetMemoryWin32HandleNV')).toEqual({ kind: 'vulkan', handleType: 'OPAQUE_WIN32_NV' });
    expect(defaultSource('vkCreateImage')).toBeNull();
  });

  it('offers the names the world made, by type', () => {
    const w = buildWorld(v, { profile: windows.profile, source: d3d11, process: 'other' }, windows, 'resource');
    const objects = worldObjects(w.steps);
    expect(objects.VkDevice).toEqual(['dev_main', 'dev_B']);
    expect(objects.VkImage).toEqual(['dstRes']);
    expect(objects.HANDLE).toEqual(['hSrc', 'hDst']);
    expect(hintsOf(w)).toMatchObject({ device: 'dev_B', resource: 'dstRes', resourceKind: 'image', handle: 'hDst', bit: 8, nv: false });
    w.backend.dispose();
  });

  it('the call record: the state\'s call and arguments (a copy), in the importing process', () => {
    const state = prefill(v, { ...defaultChoice(), process: 'other' }, windows);
    const rec = callRecordOf(state, { names: { device: 'dev_B', process: 'B', sourceDevice: 'dev_main' } });
    expect(rec).toMatchObject({ kind: 'vk', name: 'vkAllocateMemory', process: 'B' });
    expect(rec.args).toEqual(state.args);
    (rec.args.pAllocateInfo as Json).allocationSize = 1;
    expect((state.args.pAllocateInfo as Json).allocationSize).not.toBe(1);
    expect(state.args.device).toBe('dev_B');
  });
});

describe('a run', () => {
  it('the default D3D11 import is valid; the driver made the memory', () => {
    const run = runChain(v, importState(), windows);
    expect(run.problem).toBeUndefined();
    expect(run.findings).toEqual([]);
    expect(run.result).toBe('VK_SUCCESS');
    expect(run.outputs).toEqual([{ name: 'pMemory', value: expect.stringMatching(/^memory = 0x[0-9a-f]+ \(the mock's VkDeviceMemory\)$/) }]);
    expect(run.steps.map((s) => s.name)).toContain('IDXGIResource1_CreateSharedHandle');
    expect(run.names).toMatchObject({ device: 'dev_main', handle: 'hSrc', resource: 'dstRes' });
  });

  it('too small for the dedicated image: VUID-…-image-02964 at allocationSize, with both sizes', () => {
    const s = importState();
    setAt(s.args, ['pAllocateInfo', 'allocationSize'], 4096);
    const run = runChain(v, s, windows);
    expect(run.findings.map((f) => [f.vuid, f.severity, f.path])).toEqual([['VUID-VkMemoryDedicatedAllocateInfo-image-02964', 'error', 'pAllocateInfo.allocationSize']]);
    expect(run.findings[0].message).toMatch(/4096.*dstRes.*262144/);
    expect(run.findings[0].url).toBe('https://registry.khronos.org/vulkan/specs/latest/html/vkspec.html#VUID-VkMemoryDedicatedAllocateInfo-image-02964');
  });

  it('a KMT handle type for an NT handle: VUID-…-handleType-00661 at the handle', () => {
    const s = importState();
    setAt(s.args, ['pAllocateInfo', 'pNext', 'handleType'], 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT');
    expect(vuidsOf(s)).toContainEqual(['VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661', 'error', 'pAllocateInfo.pNext[VkImportMemoryWin32HandleInfoKHR].handle']);
  });

  it('an export of a type the memory was not allocated for: VUID-…-handleType-00662', () => {
    const s = prefill(v, { ...defaultChoice(), command: 'vkGetMemoryWin32HandleKHR', source: { kind: 'vulkan', handleType: 'OPAQUE_WIN32' } }, windows);
    const ok = runChain(v, s, windows);
    expect(ok.findings).toEqual([]);
    expect(ok.outputs[0].value).toMatch(/^hExport = 0x[0-9a-f]+ \(a HANDLE in process main\)$/);
    setAt(s.args, ['pGetWin32HandleInfo', 'handleType'], 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT');
    expect(vuidsOf(s)).toEqual([['VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00662', 'error', 'pGetWin32HandleInfo.handleType']]);
  });

  it('a handle query answers the memory types of the handle', () => {
    const s = prefill(v, { ...defaultChoice(), command: 'vkGetMemoryWin32HandlePropertiesKHR' }, windows);
    const run = runChain(v, s, windows);
    expect(run.findings).toEqual([]);
    expect(run.outputs).toEqual([{ name: 'pMemoryWin32HandleProperties->memoryTypeBits', value: '0x1 (memory type 0)' }]);
  });

  it('input the encoder refuses becomes a problem naming the member, not an exception', () => {
    const s = importState();
    setAt(s.args, ['pAllocateInfo', 'bogus'], 1);
    const run = runChain(v, s, windows);
    expect(run.problem).toEqual({ message: 'VkMemoryAllocateInfo has no member named "bogus"', path: 'pAllocateInfo.bogus' });
    expect(run.findings).toEqual([]);
  });

  it('a world the profile cannot build becomes a problem too', () => {
    const s = { ...importState(), source: { kind: 'vulkan' as const, handleType: 'NOT_A_TYPE' } };
    const run = runChain(v, s, windows);
    expect(run.problem?.message).toMatch(/^this world cannot be built on illustrative-windows-discrete/);
  });
});

describe('the size of a source, as typed in the world panel', () => {
  const heap = { profile: windows.profile, source: { kind: 'd3d12-heap' as const }, process: 'same' as const };

  it('takes a whole number of bytes in decimal or hex', () => {
    expect(parseSourceSize('131072', heap)).toEqual({ ok: true, value: 131072 });
    expect(parseSourceSize(' 0x20000 ', heap)).toEqual({ ok: true, value: 131072 });
    expect(parseSourceSize(String(2 ** 40), heap)).toEqual({ ok: true, value: 2 ** 40 });
  });

  it('refuses every other text, saying why with the value (the range is the library\'s request check)', () => {
    expect(parseSourceSize('0', heap)).toEqual({ ok: false, message: '0 is not a size in bytes (1 … 2^40)' });
    expect(parseSourceSize('-4096', heap)).toEqual({ ok: false, message: '-4096 is not a size in bytes (1 … 2^40)' });
    expect(parseSourceSize(String(2 ** 40 + 1), heap)).toEqual({ ok: false, message: '1099511627777 is not a size in bytes (1 … 2^40)' });
    expect(parseSourceSize('18446744073709551615', heap)).toEqual({ ok: false, message: '"18446744073709551615" is not a size in bytes (1 … 2^40)' });
    expect(parseSourceSize('18446744073709551616', heap)).toEqual({ ok: false, message: '18446744073709551616 does not fit in VkDeviceSize (0 … 18446744073709551615)' });
    expect(parseSourceSize('64k', heap)).toEqual({ ok: false, message: '"64k" is not a whole number (write it in decimal, or in hex as 0x…)' });
    expect(parseSourceSize('1.5', heap).ok).toBe(false);
    expect(parseSourceSize('', heap)).toEqual({ ok: false, message: 'empty: enter a whole number' });
  });
});
