// The logic behind the "Profiles" view (web-demo/src/logic/profile-view.ts, profile-compare.ts): the
// list with loaded files, a profile's summary, the comparison (the matrix of what each handle type
// allows, the entries by kind with their "same in both" counts, the filters), and the refusal of a bad
// file naming the place.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProfile } from '../../src/index.js';
import { loadProfile } from '../../src/profiles/load.js';
import { isIllustrative, provenanceLine } from '../../src/profiles/describe.js';
import type { NormalizedProfile } from '../../src/profiles/types.js';
import type { ProfileEntry } from '../../web-demo/src/app/library.js';
import {
  bytesText, loadErrorText, missingProfileText, optionLabel, profileList, readState, summarizeProfile,
} from '../../web-demo/src/logic/profile-view.js';
import {
  compareModel, filterParams, MEMORY_MATCHING_NOTE, readFilters, ROWS_PER_SECTION, SECTION_ORDER, visibleDetails, type CompareFilters,
} from '../../web-demo/src/logic/profile-compare.js';

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
    // Byte arrays in hex: the LUID as one run, UUIDs in the 8-4-4-4-12 form.
    expect(facts.deviceLUID).toBe('abcd010000000000 (node mask 0x1)');
    expect(facts.deviceUUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
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

const NO_FILTER: CompareFilters = { hideEqual: true };
const H200_TEXT = readFileSync(join(process.cwd(), 'profiles', 'nvidia-h200-linux.profile.json'), 'utf8');

describe('two profiles', () => {
  it('an edited lavapipe: the memory type whose flags changed is only in A, its new form only in B', () => {
    const m = compareModel(editedLavapipe(withoutHostCached), findProfile('lavapipe'));
    expect(m.differing).toBe(2);
    const memory = m.rows.filter((r) => r.section === 'memory');
    expect(memory).toEqual([
      { section: 'memory', label: 'memory.heaps[DEVICE_LOCAL]', status: 'same', a: ['size 2147483648'], b: ['size 2147483648'] },
      { section: 'memory', label: 'memory.types[DEVICE_LOCAL|HOST_VISIBLE|HOST_COHERENT]', status: 'only-a', a: ['heap DEVICE_LOCAL'], b: ['(absent)'] },
      { section: 'memory', label: 'memory.types[DEVICE_LOCAL|HOST_VISIBLE|HOST_COHERENT|HOST_CACHED]', status: 'only-b', a: ['(absent)'], b: ['heap DEVICE_LOCAL'] },
    ]);
    const d = visibleDetails(m, NO_FILTER);
    expect(d.sections.map((s) => s.id)).toEqual(['memory']);
    expect(d.sections[0]).toMatchObject({ differing: 2, same: 1, note: MEMORY_MATCHING_NOTE });
    expect(d.sections[0].rows.map((r) => r.status)).toEqual(['only-a', 'only-b']);
    expect(d.allSame.map((x) => x.id)).toEqual(SECTION_ORDER.filter((s) => s !== 'memory' && s !== 'externalImageNV'));
    expect(d.allSame.find((x) => x.id === 'extensions')!.same).toBe(6);
  });

  it('memory types in another order are matched by their flags: no memory-type difference', () => {
    const p = JSON.parse(H200_TEXT);
    const order = [3, 0, 4, 2, 1];
    p.memory.types = order.map((i) => p.memory.types[i]);
    const shuffled = loadProfile(JSON.stringify(p), 'shuffled.profile.json');
    const m = compareModel(findProfile('nvidia-h200-linux'), shuffled);
    expect(m.rows.filter((r) => r.section === 'memory').every((r) => r.status === 'same')).toBe(true);
    const d = visibleDetails(m, NO_FILTER);
    expect(d.sections.map((s) => s.id)).not.toContain('memory');
    expect(d.allSame).toContainEqual({ id: 'memory', title: 'Memory heaps and types', same: 7 });
    // With equal entries shown, the memory kind lists every pair and says how they were paired.
    const all = visibleDetails(m, { kind: 'memory', hideEqual: false });
    expect(all.sections[0].rows).toHaveLength(7);
    expect(all.sections[0].note).toMatch(/^Memory types are paired by their property flags/);
  });

  it('a profile compared with itself: identical, every kind the same', () => {
    const p = findProfile('illustrative-windows-discrete');
    const m = compareModel(p, p);
    expect(m.differing).toBe(0);
    expect(m.differingValues).toBe(0);
    expect(m.matrix.every((r) => r.differing === 0 && r.cells.every((c) => !c.differs))).toBe(true);
    const d = visibleDetails(m, NO_FILTER);
    expect(d.sections).toEqual([]);
    expect(d.shown).toBe(0);
    expect(d.allSame.find((x) => x.id === 'memory')!.same).toBe(p.memory.heaps.length + p.memory.types.length);
    expect(d.allSame.find((x) => x.id === 'externalImageNV')!.same).toBe(p.externalImageNV.length);
  });

  it('shows entries only one side has, and extensions added or removed', () => {
    const m = compareModel(findProfile('illustrative-windows-discrete'), findProfile('lavapipe'));
    const rows = (id: string) => m.rows.filter((r) => r.section === id);
    expect(rows('extensions')).toContainEqual({ section: 'extensions', label: 'VK_NV_external_memory_win32', status: 'only-a', a: ['offered'], b: ['(absent)'] });
    expect(rows('extensions')).toContainEqual({ section: 'extensions', label: 'VK_KHR_external_memory_fd', status: 'only-b', a: ['(absent)'], b: ['offered'] });
    expect(rows('memory').find((r) => r.label === 'memory.heaps[none]')).toEqual({ section: 'memory', label: 'memory.heaps[none]', status: 'only-a', a: ['size 17179869184'], b: ['(absent)'] });
    const device = rows('identity').find((r) => r.label === 'device')!;
    expect(device.a).toContain('minImportedHostPointerAlignment (absent)');
    expect(device.b).toContain('minImportedHostPointerAlignment 4096');
    expect(device.b).toContain('deviceUUID 6d657361-3232-2e33-2e36-000000000000');
    expect(rows('externalImageNV').every((r) => r.status === 'only-a')).toBe(true);
  });

  it('an answer added to a file is one "only in B" row', () => {
    const b = editedLavapipe((p) => { p.handleProperties.push({ handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT', memoryTypeBits: 1 }); });
    const m = compareModel(findProfile('lavapipe'), b);
    expect(m.rows.filter((r) => r.section === 'handleProperties' && r.status !== 'same')).toEqual([
      { section: 'handleProperties', handleType: 'DMA_BUF', label: 'handleProperties[DMA_BUF]', status: 'only-b', a: ['(absent)'], b: ['memoryTypeBits 0x1 (types 0)'] },
    ]);
    // DMA_BUF has a row in the matrix though no capability answer changed.
    expect(m.matrix.find((r) => r.handleType === 'DMA_BUF')!.differing).toBe(1);
  });
});

describe('lavapipe against SwiftShader', () => {
  const m = compareModel(findProfile('lavapipe'), findProfile('swiftshader'));

  it('leads with a matrix of 13 handle types, the four differing cells marked in words', () => {
    expect(m.matrix).toHaveLength(13);
    expect(m.handleTypes[0]).toBe('OPAQUE_FD');
    const fd = m.matrix[0];
    expect(fd.cells.map((c) => `${c.resource} ${c.feature}: ${c.a} | ${c.b}`)).toEqual([
      'buffer export: yes 13/13 | yes 13/13', 'buffer import: yes 13/13 | yes 13/13', 'buffer dedicatedOnly: no 0/13 | no 0/13',
      'image export: yes 43/43 | some 34/43', 'image import: yes 43/43 | some 34/43', 'image dedicatedOnly: no 0/43 | no 0/43',
    ]);
    const marked = m.matrix.flatMap((r) => r.cells.filter((c) => c.differs).map((c) => [r.handleType, c.kind, c.name]));
    expect(marked).toEqual([
      ['OPAQUE_FD', 'externalImage', 'OPAQUE_FD, image export: differs. A (lavapipe) yes, 43 of 43 answers; B (swiftshader) some, 34 of 43 answers. Show these differences'],
      ['OPAQUE_FD', 'externalImage', expect.stringMatching(/^OPAQUE_FD, image import: differs\./)],
      ['HOST_ALLOCATION', 'externalBuffer', expect.stringMatching(/^HOST_ALLOCATION, buffer import: differs\. A \(lavapipe\) yes, 13 of 13 answers; B \(swiftshader\) no, 0 of 13 answers/)],
      ['HOST_ALLOCATION', 'externalImage', expect.stringMatching(/^HOST_ALLOCATION, image import: differs\./)],
    ]);
    expect(fd.cells[0].name).toBe('OPAQUE_FD, buffer export: the same in both, yes, 13 of 13 answers');
  });

  it('counts entries, not fields: 169 entries differ where 573 values do', () => {
    expect(m.differing).toBe(169);
    expect(m.differingValues).toBe(573);
    expect(m.same).toBe(577);
  });

  it('shows a few rows per kind by default, and everything a filter asks for', () => {
    const d = visibleDetails(m, NO_FILTER);
    expect(d.sections.map((s) => [s.id, s.rows.length, s.matching])).toEqual([
      ['identity', 1, 1], ['requirements', 1, 1], ['dedicated', 3, 3], ['externalBuffer', ROWS_PER_SECTION, 13], ['externalImage', ROWS_PER_SECTION, 151],
    ]);
    expect(d.shown).toBe(5 + 2 * ROWS_PER_SECTION);
    expect(d.allSame.map((x) => x.id)).toEqual(['memory', 'extensions', 'handleProperties']);

    const fdImages = visibleDetails(m, { ht: 'OPAQUE_FD', kind: 'externalImage', hideEqual: true });
    expect(fdImages.sections).toHaveLength(1);
    expect(fdImages.sections[0].rows).toHaveLength(9);
    expect(fdImages.sections[0].rows.every((r) => r.handleType === 'OPAQUE_FD' && r.status === 'changed')).toBe(true);
    expect(fdImages.sections[0].rows[0].a).toEqual(['result VK_SUCCESS', 'externalMemoryFeatures EXPORTABLE|IMPORTABLE', 'exportFromImportedHandleTypes OPAQUE_FD', 'compatibleHandleTypes OPAQUE_FD']);
    expect(fdImages.sections[0].rows[0].b).toEqual(['result VK_ERROR_FORMAT_NOT_SUPPORTED', 'externalMemoryFeatures (absent)', 'exportFromImportedHandleTypes (absent)', 'compatibleHandleTypes (absent)']);
    expect(visibleDetails(m, { ht: 'OPAQUE_FD', kind: 'externalImage', hideEqual: false }).sections[0].rows).toHaveLength(43);
    // A handle type alone keeps only the kinds about handle types.
    const fd = visibleDetails(m, { ht: 'OPAQUE_FD', hideEqual: true });
    expect(fd.sections.map((s) => [s.id, s.matching])).toEqual([['dedicated', 1], ['externalImage', 9]]);
    expect(fd.allSame.map((x) => x.id)).toEqual(['externalBuffer']);
  });

  it('keeps the filters in the URL, defaults left out', () => {
    expect(readFilters({})).toEqual({ ht: undefined, kind: undefined, hideEqual: true });
    expect(readFilters({ ht: 'OPAQUE_FD', kind: 'externalImage', equal: 'show' })).toEqual({ ht: 'OPAQUE_FD', kind: 'externalImage', hideEqual: false });
    expect(readFilters({ kind: 'nonsense', ht: 'x'.repeat(200) })).toEqual({ ht: undefined, kind: undefined, hideEqual: true });
    expect(filterParams({ hideEqual: true })).toEqual({ ht: undefined, kind: undefined, equal: undefined });
    expect(filterParams({ ht: 'DMA_BUF', kind: 'handleProperties', hideEqual: false })).toEqual({ ht: 'DMA_BUF', kind: 'handleProperties', equal: 'show' });
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
