// Comparing two profiles (src/profiles/diff.ts): memory types and heaps paired by their flags rather
// than their index, memoryTypeBits compared by the types they name, UUIDs in hex; and the support
// matrix (src/profiles/support-matrix.ts) that summarizes what each handle type allows.
import { describe, it, expect } from 'vitest';
import { findProfile } from '../../src/index.js';
import { loadProfile } from '../../src/profiles/load.js';
import { bytesHex, compareProfiles, diffProfiles, showValue } from '../../src/profiles/diff.js';
import { pairMemory, sameMemoryTypes } from '../../src/profiles/memory-match.js';
import { supportMatrix, supportWord } from '../../src/profiles/support-matrix.js';
import type { NormalizedProfile } from '../../src/profiles/types.js';
import { smallProfile, text } from './fixture.js';

const load = (p: unknown) => loadProfile(text(p), 'test.profile.json');

/** `p` with its memory types put in the order `order` (old indices) and its heaps in `heapOrder`; masks follow when `remap`. */
function reordered(p: NormalizedProfile, order: number[], heapOrder: number[], remap: boolean): NormalizedProfile {
  const newHeap = (i: number) => heapOrder.indexOf(i);
  const mask = (m: number) => order.reduce((out, old, i) => ((m >>> 0) & (2 ** old) ? (out | (2 ** i)) >>> 0 : out), 0);
  const bits = <T extends { memoryTypeBits?: number }>(x: T): T => (remap && x.memoryTypeBits !== undefined ? { ...x, memoryTypeBits: mask(x.memoryTypeBits) } : x);
  return {
    ...p,
    memory: { heaps: heapOrder.map((i) => p.memory.heaps[i]), types: order.map((i) => ({ ...p.memory.types[i], heapIndex: newHeap(p.memory.types[i].heapIndex) })) },
    requirements: { buffer: bits(p.requirements.buffer), image: p.requirements.image.map(bits), dedicated: p.requirements.dedicated.map(bits) },
    handleProperties: p.handleProperties.map(bits),
  };
}

describe('memory types and heaps are paired by their flags', () => {
  const h200 = findProfile('nvidia-h200-linux');

  it('the same types in another order (heaps too) are no memory difference', () => {
    const shuffled = reordered(h200, [4, 2, 0, 3, 1], [1, 0], false);
    const d = diffProfiles(h200, shuffled);
    expect(d.differences.filter((e) => e.section === 'memory')).toEqual([]);
    const memory = compareProfiles(h200, shuffled).entries.filter((e) => e.section === 'memory');
    expect(memory.map((e) => [e.label, e.status])).toEqual([
      ['memory.heaps[DEVICE_LOCAL]', 'same'], ['memory.heaps[none]', 'same'],
      ['memory.types[none]', 'same'], ['memory.types[DEVICE_LOCAL]', 'same'], ['memory.types[HOST_VISIBLE|HOST_COHERENT]', 'same'],
      ['memory.types[HOST_VISIBLE|HOST_COHERENT|HOST_CACHED]', 'same'], ['memory.types[DEVICE_LOCAL|HOST_VISIBLE|HOST_COHERENT]', 'same'],
    ]);
    // The masks were left as they were, so they now name other types: that is a difference.
    expect(d.differences.some((e) => e.path === 'requirements.buffer.memoryTypeBits' || e.section === 'handleProperties' || e.section === 'dedicated')).toBe(true);
  });

  it('with the masks renumbered alike, the reordered profile is identical', () => {
    const d = diffProfiles(h200, reordered(h200, [4, 2, 0, 3, 1], [1, 0], true));
    expect(d.differences).toEqual([]);
    expect(d.identical).toBe(true);
  });

  it('a type whose flags changed is one type only in A and one only in B', () => {
    const edited = { ...h200, memory: { ...h200.memory, types: h200.memory.types.map((t, i) => (i === 3 ? { ...t, propertyFlags: 0x6 } : t)) } };
    const memory = diffProfiles(h200, edited).differences.filter((e) => e.section === 'memory');
    expect(memory).toEqual([
      { section: 'memory', path: 'memory.types[HOST_VISIBLE|HOST_COHERENT|HOST_CACHED]', a: { heap: 'none' }, kind: 'entry', summary: 'heap none' },
      { section: 'memory', path: 'memory.types[HOST_VISIBLE|HOST_COHERENT #2]', b: { heap: 'none' }, kind: 'entry', summary: 'heap none' },
    ]);
  });

  it('types of the same flags pair by their heap; a type on another heap says which', () => {
    const p = smallProfile();
    p.memory.types = [{ propertyFlags: [], heapIndex: 0 }, { propertyFlags: [], heapIndex: 1 }];
    for (const r of [p.requirements.buffer, ...p.requirements.image]) r.memoryTypeBits = 1;
    p.handleProperties[0].memoryTypeBits = 1;
    const a = load(p);
    const swapped = load({ ...p, memory: { ...p.memory, types: [p.memory.types[1], p.memory.types[0]] } });
    const m = pairMemory(a.memory, swapped.memory);
    expect(m.typeOfA).toEqual([1, 0]);
    expect(m.typeLabelsA).toEqual(['none', 'none #2']);
    expect(m.typeLabelsB).toEqual(['none #2', 'none']);
    expect(diffProfiles(a, swapped).differences.filter((e) => e.section === 'memory')).toEqual([]);
    // Both flagless types now on the device-local heap: the second pairs by flags alone and names its heap.
    const moved = load({ ...p, memory: { ...p.memory, types: [p.memory.types[0], { propertyFlags: [], heapIndex: 0 }] } });
    expect(diffProfiles(a, moved).differences.filter((e) => e.section === 'memory')).toEqual([
      { section: 'memory', path: 'memory.types[none #2].heap', a: 'none', b: 'DEVICE_LOCAL', kind: 'name' },
    ]);
  });

  it('memoryTypeBits compare the types they name', () => {
    const reversed = { typeOfA: [2, 1, 0], typeOfB: [2, 1, 0] };
    expect(sameMemoryTypes(0b011, 0b110, reversed)).toBe(true);
    expect(sameMemoryTypes(0b011, 0b011, reversed)).toBe(false);
    // A type without a partner stands for B's type at its index if that has none either (edited in place)…
    expect(sameMemoryTypes(0b001, 0b001, { typeOfA: [-1], typeOfB: [-1] })).toBe(true);
    // …but not for one that has a partner elsewhere.
    expect(sameMemoryTypes(0b001, 0b001, { typeOfA: [-1, 0], typeOfB: [1] })).toBe(false);
  });

  it('an edited type is reported once, not again by every mask that names it', () => {
    const lavapipe = findProfile('lavapipe');
    const edited = { ...lavapipe, memory: { ...lavapipe.memory, types: [{ ...lavapipe.memory.types[0], propertyFlags: 0x7 }] } };
    expect(diffProfiles(lavapipe, edited).differences.map((e) => e.path)).toEqual([
      'memory.types[DEVICE_LOCAL|HOST_VISIBLE|HOST_COHERENT|HOST_CACHED]', 'memory.types[DEVICE_LOCAL|HOST_VISIBLE|HOST_COHERENT]',
    ]);
  });
});

describe('values as people read them', () => {
  it('UUIDs in the 8-4-4-4-12 hex form, the LUID as plain hex', () => {
    expect(bytesHex('1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16')).toBe('01020304-0506-0708-090a-0b0c0d0e0f10');
    expect(bytesHex('171-205-1-0-0-0-0-0')).toBe('abcd010000000000');
    expect(bytesHex('not bytes')).toBe('not bytes');
    const d = diffProfiles(findProfile('lavapipe'), findProfile('swiftshader'));
    const uuid = d.differences.find((e) => e.path === 'device.deviceUUID')!;
    expect(showValue(uuid.a, uuid.kind)).toBe('6d657361-3232-2e33-2e36-000000000000');
    expect(showValue(uuid.b, uuid.kind)).toBe('53776966-7453-6861-6465-725555494400');
  });
});

describe('the support matrix', () => {
  it('counts, per handle type, the answers that allow export, import and dedicated only', () => {
    const p = smallProfile();
    const q = smallProfile();
    // B's second image answer succeeds too, but only for import.
    q.externalImage[1] = { ...q.externalImage[0], format: 'VK_FORMAT_R8G8B8A8_UNORM', externalMemoryFeatures: ['VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT'] };
    const rows = supportMatrix(load(p), load(q));
    expect(rows.map((r) => r.handleType)).toEqual(['OPAQUE_WIN32', 'D3D11_TEXTURE', 'D3D11_IMAGE (NV)']);
    const d3d = rows[1].cells;
    const cell = (resource: string, feature: string) => d3d.find((c) => c.resource === resource && c.feature === feature)!;
    expect(cell('buffer', 'import')).toMatchObject({ a: { allowed: 0, answers: 1 }, b: { allowed: 0, answers: 1 }, differs: false });
    expect(cell('image', 'import')).toMatchObject({ a: { allowed: 1, answers: 2 }, b: { allowed: 2, answers: 2 }, differs: true });
    expect(cell('image', 'dedicatedOnly')).toMatchObject({ a: { allowed: 1, answers: 2 }, b: { allowed: 1, answers: 2 }, differs: false });
    expect(supportWord(cell('image', 'import').a)).toBe('some');
    expect(supportWord(cell('image', 'import').b)).toBe('yes');
    expect(supportWord(cell('buffer', 'export').a)).toBe('no');
    // The NV query asks about images only.
    expect(supportWord(rows[2].cells[0].a)).toBe('not asked');
    expect(rows[2].nv).toBe(true);
  });

  it('lavapipe against SwiftShader: host allocations import only in lavapipe; SwiftShader refuses 9 of 43 images', () => {
    const rows = supportMatrix(findProfile('lavapipe'), findProfile('swiftshader'));
    expect(rows).toHaveLength(13);
    const differing = rows.flatMap((r) => r.cells.filter((c) => c.differs).map((c) => `${r.handleType} ${c.resource} ${c.feature}`));
    expect(differing).toEqual(['OPAQUE_FD image export', 'OPAQUE_FD image import', 'HOST_ALLOCATION buffer import', 'HOST_ALLOCATION image import']);
    const fdImageExport = rows[0].cells.find((c) => c.resource === 'image' && c.feature === 'export')!;
    expect([fdImageExport.a, fdImageExport.b]).toEqual([{ allowed: 43, answers: 43 }, { allowed: 34, answers: 43 }]);
  });
});
