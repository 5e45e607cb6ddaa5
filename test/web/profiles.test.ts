// The logic behind the "Profiles" view (web-demo/src/logic/profile-view.ts): the list with loaded
// files, a profile's summary, the comparison grouped by section with its "same in both" counts, and
// the refusal of a bad file naming the place.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProfile } from '../../src/index.js';
import { loadProfile } from '../../src/profiles/load.js';
import { isIllustrative, provenanceLine } from '../../src/profiles/describe.js';
import type { NormalizedProfile } from '../../src/profiles/types.js';
import type { ProfileEntry } from '../../web-demo/src/app/library.js';
import {
  bytesText, diffModel, loadErrorText, missingProfileText, optionLabel, profileList, readState, summarizeProfile, SECTION_ORDER,
} from '../../web-demo/src/logic/profile-view.js';

const BUILT_IN = ['lavapipe', 'nvidia-h200-linux', 'swiftshader', 'illustrative-windows-discrete', 'illustrative-windows-integrated'];
/** The library index entries, as scripts/build-web.mjs writes them. */
const index: ProfileEntry[] = BUILT_IN.map((n) => {
  const p = findProfile(n);
  return { name: p.profile, title: p.title, provenance: isIllustrative(p) ? 'illustrative' : 'measured', line: provenanceLine(p), file: `profiles/${n}.profile.json`, bytes: 0, platform: p.platform };
});
const LAVAPIPE_TEXT = readFileSync(join(process.cwd(), 'profiles', 'lavapipe.profile.json'), 'utf8');

/** lavapipe's file, changed by `edit`, loaded as the explorer loads a dropped file. */
function editedLavapipe(edit: (p: Record<string, any>) => void, file = 'edited.profile.json'): NormalizedProfile {
  const p = JSON.parse(LAVAPIPE_TEXT);
  p.profile = 'lavapipe-edited';
  edit(p);
  return loadProfile(JSON.stringify(p, null, 2), file);
}
const withoutHostCached = (p: Record<string, any>) => {
  p.memory.types[0].propertyFlags = p.memory.types[0].propertyFlags.filter((f: string) => f !== 'VK_MEMORY_PROPERTY_HOST_CACHED_BIT');
};

describe('the list', () => {
  it('lists built-in profiles, then loaded files; a loaded file with a built-in name takes its place', () => {
    const edited = editedLavapipe(() => {});
    const shadow = loadProfile(LAVAPIPE_TEXT.replace('"title": "llvmpipe', '"title": "my llvmpipe'), 'mine.json');
    const list = profileList(index, new Map([[edited.profile, edited], [shadow.profile, shadow]]));
    expect(list.map((x) => x.name)).toEqual([...BUILT_IN, 'lavapipe-edited']);
    expect(list[0]).toMatchObject({ name: 'lavapipe', title: 'my llvmpipe (LLVM 15.0.6, 256 bits), Mesa 22.3.6 (LLVM 15.0.6)', loaded: true, shadowsBuiltIn: true });
    expect(list[5]).toMatchObject({ loaded: true, shadowsBuiltIn: false, provenance: 'measured', platform: 'linux' });
    expect(list.filter((x) => x.provenance === 'illustrative').map((x) => x.name)).toEqual(['illustrative-windows-discrete', 'illustrative-windows-integrated']);
    expect(list[3].line).toMatch(/^ILLUSTRATIVE — written by hand, not measured: /);
  });

  it('names provenance in select labels, and what to do about a profile a link names but the page lacks', () => {
    const [lav, , , win] = profileList(index, new Map());
    expect(optionLabel(lav)).toBe('lavapipe (measured)');
    expect(optionLabel(win)).toBe('illustrative-windows-discrete (ILLUSTRATIVE)');
    expect(missingProfileText('my-gpu')).toContain('load the file my-gpu to see it');
    expect(readState({ show: 'lavapipe', a: 'x', b: 'y'.repeat(300), other: 'z' })).toEqual({ show: 'lavapipe', a: 'x', b: undefined });
  });
});

describe('one profile', () => {
  it('summarizes the illustrative discrete Windows GPU', () => {
    const s = summarizeProfile(findProfile('illustrative-windows-discrete'));
    const facts = Object.fromEntries(s.facts);
    expect(facts.Device).toBe('Illustrative discrete GPU (NVIDIA-like)');
    expect(facts.Type).toBe('DISCRETE_GPU');
    expect(facts['Vulkan version']).toBe('1.3.280');
    expect(facts.deviceLUID).toMatch(/^171-205-1-0-0-0-0-0 \(node mask 0x1\)$/);
    expect(facts.minImportedHostPointerAlignment).toBe('no VK_EXT_external_memory_host');
    expect(s.heaps.map((h) => [h.sizeText, h.flags])).toEqual([['8 GiB', 'DEVICE_LOCAL'], ['16 GiB', 'none']]);
    expect(s.types[3]).toEqual({ index: 3, heapIndex: 0, flags: ['DEVICE_LOCAL', 'HOST_VISIBLE', 'HOST_COHERENT'] });
    const by = Object.fromEntries(s.handleTypes.map((h) => [h.type, h]));
    expect(Object.keys(by)).toEqual(['OPAQUE_WIN32', 'OPAQUE_WIN32_KMT', 'D3D11_TEXTURE', 'D3D11_TEXTURE_KMT', 'D3D12_HEAP', 'D3D12_RESOURCE']);
    expect(by.OPAQUE_WIN32).toEqual({ type: 'OPAQUE_WIN32', buffer: ['export', 'import'], image: ['export', 'import'] });
    expect(by.D3D11_TEXTURE).toEqual({ type: 'D3D11_TEXTURE', buffer: [], image: ['import', 'dedicated only'] });
    expect(s.nvHandleTypes.map((x) => x.type)).toEqual(['OPAQUE_WIN32 (NV)', 'OPAQUE_WIN32_KMT (NV)', 'D3D11_IMAGE (NV)', 'D3D11_IMAGE_KMT (NV)']);
    expect(s.handleProperties).toContainEqual({ type: 'D3D12_HEAP', bits: '0x9 (types 0, 3)' });
    expect(s.dedicated).toContainEqual({ resource: 'buffer', types: 'D3D12_RESOURCE', requires: true, prefers: true });
    expect(s.extensions).toContain('VK_NV_external_memory_win32');
  });

  it('summarizes lavapipe: one memory type, OPAQUE_FD and host allocations, no NV', () => {
    const s = summarizeProfile(findProfile('lavapipe'));
    expect(s.types).toEqual([{ index: 0, heapIndex: 0, flags: ['DEVICE_LOCAL', 'HOST_VISIBLE', 'HOST_COHERENT', 'HOST_CACHED'] }]);
    expect(s.handleTypes.map((h) => h.type)).toEqual(['OPAQUE_FD', 'HOST_ALLOCATION']);
    expect(s.nvHandleTypes).toEqual([]);
    expect(Object.fromEntries(s.facts).minImportedHostPointerAlignment).toBe('4096 bytes');
  });

  it('writes sizes people read', () => {
    expect(bytesText(512)).toBe('512 bytes');
    expect(bytesText(2147483648)).toBe('2 GiB');
    expect(bytesText(1536)).toBe('1.5 KiB');
  });
});

describe('two profiles', () => {
  it('finds the one changed memory type flag of an edited lavapipe, and counts what is the same', () => {
    const m = diffModel(editedLavapipe(withoutHostCached), findProfile('lavapipe'));
    expect(m.sections.map((s) => s.id)).toEqual(SECTION_ORDER);
    expect(m.differences).toBe(1);
    expect(m.identical).toBe(false);
    const memory = m.sections.find((s) => s.id === 'memory')!;
    expect(memory.rows).toEqual([{ path: 'memory.types[0].propertyFlags', a: 'DEVICE_LOCAL|HOST_VISIBLE|HOST_COHERENT', b: 'DEVICE_LOCAL|HOST_VISIBLE|HOST_COHERENT|HOST_CACHED', change: 'changed' }]);
    // The heap is the same; the changed type is not counted as same.
    expect(memory.same).toBe(1);
    expect(m.sections.find((s) => s.id === 'identity')!.same).toBe(2);
    expect(m.sections.find((s) => s.id === 'extensions')!.same).toBe(6);
    const lavapipe = findProfile('lavapipe');
    expect(m.sections.find((s) => s.id === 'externalBuffer')!.same).toBe(lavapipe.externalBuffer.length);
    expect(m.same).toBe(m.sections.reduce((n, s) => n + s.same, 0));
  });

  it('a profile compared with itself is identical, every entry the same', () => {
    const p = findProfile('illustrative-windows-discrete');
    const m = diffModel(p, p);
    expect(m.identical).toBe(true);
    expect(m.differences).toBe(0);
    expect(m.sections.every((s) => s.rows.length === 0)).toBe(true);
    expect(m.sections.find((s) => s.id === 'memory')!.same).toBe(p.memory.heaps.length + p.memory.types.length);
    expect(m.sections.find((s) => s.id === 'externalImageNV')!.same).toBe(p.externalImageNV.length);
  });

  it('shows entries only one side has, and extensions added or removed', () => {
    const m = diffModel(findProfile('illustrative-windows-discrete'), findProfile('lavapipe'));
    const ext = m.sections.find((s) => s.id === 'extensions')!;
    expect(ext.rows).toContainEqual({ path: 'VK_NV_external_memory_win32', a: 'offered', b: '(absent)', change: 'only-a' });
    expect(ext.rows).toContainEqual({ path: 'VK_KHR_external_memory_fd', a: '(absent)', b: 'offered', change: 'only-b' });
    const heap = m.sections.find((s) => s.id === 'memory')!.rows.find((r) => r.path === 'memory.heaps[1]')!;
    expect(heap).toEqual({ path: 'memory.heaps[1]', a: 'size 17179869184, flags none', b: '(absent)', change: 'only-a' });
    const align = m.sections.find((s) => s.id === 'identity')!.rows.find((r) => r.path === 'device.minImportedHostPointerAlignment')!;
    expect(align).toEqual({ path: 'device.minImportedHostPointerAlignment', a: '(absent)', b: '4096', change: 'only-b' });
    expect(m.sections.find((s) => s.id === 'externalImageNV')!.rows.every((r) => r.change === 'only-a')).toBe(true);
  });

  it('an answer added to a file is one "only in B" row', () => {
    const b = editedLavapipe((p) => { p.handleProperties.push({ handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT', memoryTypeBits: 1 }); });
    const rows = diffModel(findProfile('lavapipe'), b).sections.find((s) => s.id === 'handleProperties')!.rows;
    expect(rows).toEqual([{ path: 'handleProperties[DMA_BUF]', a: '(absent)', b: 'memoryTypeBits 0x1 (types 0)', change: 'only-b' }]);
  });
});

describe('refusing a file', () => {
  const refusal = (text: string, file: string) => {
    try {
      loadProfile(text, file);
    } catch (e) {
      return loadErrorText(e, file);
    }
    throw new Error('the file was accepted');
  };

  it('names the line of malformed JSON', () => {
    expect(refusal('{\n  "profile": "x",\n  "title": "x"\n  "platform": "linux"\n}\n', 'broken.json')).toMatch(/^broken\.json, line 4: not valid JSON \(column \d+\)/);
  });

  it('names the line and the member of a wrong value', () => {
    const p = JSON.parse(LAVAPIPE_TEXT);
    p.memory.types[0].heapIndex = 7;
    const text = JSON.stringify(p, null, 2);
    const message = refusal(text, 'heap.json');
    const line = text.split('\n').findIndex((l) => l.includes('"heapIndex": 7')) + 1;
    expect(message).toMatch(new RegExp(`^heap\\.json, line ${line}, at memory\\.types\\[0\\]\\.heapIndex: `));
  });

  it('keeps other errors short: the file is named once', () => {
    expect(loadErrorText(new Error('big.json is 5,000,000 bytes; the explorer takes profile files of at most 4,194,304 bytes'), 'big.json')).toBe('big.json is 5,000,000 bytes; the explorer takes profile files of at most 4,194,304 bytes');
    expect(loadErrorText(new Error('cannot read'), 'x.json')).toBe('x.json: cannot read');
  });
});
