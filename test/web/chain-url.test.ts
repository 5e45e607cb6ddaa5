// Links to the chain builder: the whole state in `s` comes back as it was; the simple form names a
// world; anything unreadable opens the default chain with a note saying why (never an exception).
import { describe, it, expect } from 'vitest';
import { checkChainState, sourceFromLink, startFromParams } from '../../web-demo/src/logic/chain-url.js';
import { encodeState } from '../../web-demo/src/logic/url-state.js';
import type { ChainState } from '../../web-demo/src/logic/chain-state.js';

const PROFILES = ['lavapipe', 'illustrative-windows-discrete', 'illustrative-windows-integrated'];
const STATE: ChainState = {
  v: 1, profile: 'illustrative-windows-integrated', command: 'vkAllocateMemory', source: { kind: 'd3d11-texture', shared: 'kmt' }, process: 'other',
  args: { device: 'dev_B', pAllocateInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', pNext: null, allocationSize: 4096, memoryTypeIndex: 1 }, pAllocator: null, pMemory: 'mem' },
};

describe('a whole chain in s=', () => {
  it('comes back as it was written (no prefill)', () => {
    const start = startFromParams({ s: encodeState(STATE) }, PROFILES);
    expect(start.notes).toEqual([]);
    expect(start.state).toEqual(STATE);
    expect(start.choice).toEqual({ profile: STATE.profile, command: STATE.command, source: STATE.source, process: 'other' });
  });

  it('a link cut short or mangled: the default chain and a note', () => {
    for (const s of [encodeState(STATE).slice(0, 30), '%%%', '']) {
      const start = startFromParams({ s }, PROFILES);
      expect(start.state).toBeUndefined();
      expect(start.choice).toMatchObject({ profile: 'illustrative-windows-discrete', command: 'vkAllocateMemory', source: { kind: 'd3d11-texture', shared: 'nt' } });
      expect(start.notes).toEqual(['The chain in this link could not be read (it may have been cut short when it was copied); showing the default chain instead.']);
    }
  });

  it('JSON that is not a chain: the note names the member', () => {
    const bad = (x: unknown) => startFromParams({ s: encodeState(x) }, PROFILES).notes[0];
    expect(bad({ ...STATE, command: 'vkDestroyDevice' })).toMatch(/^The chain in this link is not one the builder can show \(command: "vkDestroyDevice" is not a call the builder makes/);
    expect(bad({ ...STATE, v: 2 })).toContain('v: unknown format version 2');
    expect(bad({ ...STATE, source: { kind: 'usb-stick' } })).toContain('source.kind: "usb-stick" is not a source kind');
    expect(bad({ ...STATE, args: [1] })).toContain('args: expected the call\'s arguments as an object');
    expect(bad([1, 2])).toContain('the chain is not a JSON object');
  });

  it('a profile this page does not have: the default profile, the chain kept, a note quoting the name', () => {
    const start = startFromParams({ s: encodeState({ ...STATE, profile: 'my-gpu' }) }, PROFILES);
    expect(start.state?.profile).toBe('illustrative-windows-discrete');
    expect(start.state?.args).toEqual(STATE.args);
    expect(start.notes[0]).toMatch(/^This link names the profile "my-gpu", which this page does not have/);
  });

  it('checkChainState returns a clean object (unknown members dropped)', () => {
    expect(checkChainState({ ...STATE, extra: '<script>' })).toEqual(STATE);
    expect(() => checkChainState({ ...STATE, process: 'elsewhere' })).toThrow('"elsewhere" must be "same" or "other"');
  });
});

describe('the simple link form', () => {
  it('profile, source and handle type name a world; the call is prefilled later', () => {
    const start = startFromParams({ profile: 'illustrative-windows-integrated', source: 'd3d11-texture', type: 'D3D11_TEXTURE_KMT' }, PROFILES);
    expect(start).toEqual({ choice: { profile: 'illustrative-windows-integrated', command: 'vkAllocateMemory', source: { kind: 'd3d11-texture', shared: 'kmt' }, process: 'same' }, notes: [] });
  });

  it('a handle type alone finds its source; an opaque one is Vulkan memory', () => {
    expect(sourceFromLink(undefined, 'D3D12_HEAP')).toEqual({ kind: 'd3d12-heap' });
    expect(sourceFromLink(undefined, 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT')).toEqual({ kind: 'd3d11-texture', shared: 'kmt' });
    expect(sourceFromLink(undefined, 'OPAQUE_WIN32_KMT_NV')).toEqual({ kind: 'vulkan', handleType: 'OPAQUE_WIN32_KMT_NV' });
    expect(sourceFromLink('vulkan', undefined)).toEqual({ kind: 'vulkan', handleType: 'OPAQUE_WIN32' });
    expect(sourceFromLink('none', 'OPAQUE_WIN32')).toBeNull();
    expect(() => sourceFromLink('floppy', undefined)).toThrow(/"floppy" is not a source kind/);
    expect(() => sourceFromLink(undefined, 'SHINY')).toThrow(/"SHINY" is not a handle type name/);
  });

  it('a command whose source does not fit gets the source it needs', () => {
    const start = startFromParams({ command: 'vkGetMemoryWin32HandleNV' }, PROFILES);
    expect(start.choice).toMatchObject({ command: 'vkGetMemoryWin32HandleNV', source: { kind: 'vulkan', handleType: 'OPAQUE_WIN32_NV' } });
    expect(startFromParams({ command: 'vkGetMemoryWin32HandleKHR', source: 'vulkan', type: 'OPAQUE_WIN32_KMT' }, PROFILES).choice.source).toEqual({ kind: 'vulkan', handleType: 'OPAQUE_WIN32_KMT' });
  });

  it('unknown values: notes quoting them, and defaults', () => {
    const start = startFromParams({ profile: '<img src=x>', command: 'vkQueueSubmit', type: 'SHINY', process: 'other' }, PROFILES);
    expect(start.choice).toEqual({ profile: 'illustrative-windows-discrete', command: 'vkAllocateMemory', source: { kind: 'd3d11-texture', shared: 'nt' }, process: 'other' });
    expect(start.notes).toHaveLength(3);
    expect(start.notes[0]).toContain('"<img src=x>"');
    expect(start.notes[1]).toContain('"vkQueueSubmit" is not a call the builder makes');
    expect(start.notes[2]).toContain('"SHINY" is not a handle type name');
  });

  it('no parameters: the default world', () => {
    expect(startFromParams({}, PROFILES)).toEqual({ choice: { profile: 'illustrative-windows-discrete', command: 'vkAllocateMemory', source: { kind: 'd3d11-texture', shared: 'nt' }, process: 'same' }, notes: [] });
  });
});
