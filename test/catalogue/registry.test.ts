// The handle-type catalogue is vk.xml's handle-type enumerants, every one and nothing else, joined
// with the hand-kept facts; the generator refuses a table that disagrees with vk.xml; every mask is
// the OR of the rows its fact holds for, and the core's generated copy has the same values.
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { parseVkXml } from '../../scripts/registry/vkxml.mjs';
import { buildHandleTypes, KHR_ENUM, NV_ENUM } from '../../scripts/registry/handle-types.mjs';
import { HANDLE_TYPE_FACTS } from '../../scripts/registry/handle-type-facts.mjs';
import * as TS from '../../src/generated/handle-types.js';
import { ENUMS } from '../../src/generated/registry.js';
import { itNeeds } from '../helpers/system.js';

// ../shared beside the checkout, or beside the folder that holds it (a worktree of the checkout).
const NEWEST = ['../shared/registry/vk.xml', '../../shared/registry/vk.xml'].find((p) => existsSync(p)) ?? '../shared/registry/vk.xml';
const SYSTEM = '/usr/share/vulkan/registry/vk.xml';
const newestIt = itNeeds(existsSync(NEWEST), '../shared (the newest registry) is not beside the checkout');
const systemIt = itNeeds(existsSync(SYSTEM), 'libvulkan-dev (the system registry) is not installed');
const { HANDLE_TYPE_ROWS } = TS;

/** The handle-type enumerants (aliases aside) of a vk.xml, as "KHR|NV name=bit". */
function enumerants(xml: string): Set<string> {
  const reg = parseVkXml(xml);
  const out = new Set<string>();
  for (const [family, en] of [['KHR', KHR_ENUM], ['NV', NV_ENUM]]) for (const [n, v] of reg.enums.get(en).values) out.add(`${family} ${n}=${v}`);
  return out;
}
const rows = new Set(HANDLE_TYPE_ROWS.map((r) => `${r.nv ? 'NV' : 'KHR'} ${r.name}=${r.bit}`));

describe('the catalogue and vk.xml', () => {
  newestIt('has every handle-type bit of the newest vk.xml, and nothing else', () => {
    expect(rows).toEqual(enumerants(readFileSync(NEWEST, 'utf8')));
  });
  systemIt('has every handle-type bit of the system vk.xml (1.3.239) under the same name', () => {
    const old = enumerants(readFileSync(SYSTEM, 'utf8'));
    expect(old.size).toBeGreaterThan(12);
    for (const e of old) expect(rows.has(e), e).toBe(true);
  });
  it('agrees with the generated enum tables: one row per bit of each family, named by its non-alias enumerant', () => {
    for (const [family, en] of [['KHR', ENUMS.VkExternalMemoryHandleTypeFlagBits], ['NV', ENUMS.VkExternalMemoryHandleTypeFlagBitsNV]] as const) {
      const mine = HANDLE_TYPE_ROWS.filter((r) => r.nv === (family === 'NV'));
      expect(new Set(mine.map((r) => r.bit))).toEqual(new Set(Object.values(en.values)));
      expect(mine.map((r) => r.bit)).toEqual([...mine.map((r) => r.bit)].sort((a, b) => a - b));
      for (const r of mine) expect(en.values[r.name], r.name).toBe(r.bit);
    }
  });
});

describe('the generator refuses a facts table that disagrees with vk.xml', () => {
  /** A registry with the given enumerants (name -> bit) for each family. */
  const registry = (khr: Record<string, number>, nv: Record<string, number>) => ({
    enums: new Map([
      [KHR_ENUM, { name: KHR_ENUM, values: new Map(Object.entries(khr).map(([n, v]) => [n, BigInt(v)])), provider: new Map() }],
      [NV_ENUM, { name: NV_ENUM, values: new Map(Object.entries(nv).map(([n, v]) => [n, BigInt(v)])), provider: new Map() }],
    ]),
  });
  const OPAQUE_FD = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT';
  const OPAQUE_WIN32 = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT';
  const NV_WIN32 = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV';
  const facts = { [OPAQUE_FD]: HANDLE_TYPE_FACTS[OPAQUE_FD], [OPAQUE_WIN32]: HANDLE_TYPE_FACTS[OPAQUE_WIN32], [NV_WIN32]: HANDLE_TYPE_FACTS[NV_WIN32] };
  const reg = registry({ [OPAQUE_FD]: 1, [OPAQUE_WIN32]: 2 }, { [NV_WIN32]: 1 });

  it('builds rows, derives the KHR counterpart and the VUIDs, when they agree', () => {
    const built = buildHandleTypes(reg, facts);
    expect(built.map((r: { name: string }) => r.name)).toEqual([OPAQUE_FD, OPAQUE_WIN32, NV_WIN32]);
    expect(built[1].counterpart).toBe(NV_WIN32);
    expect(built[1].vuids).toContain('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01440');
  });
  it('names an enumerant of vk.xml that has no row', () => {
    expect(() => buildHandleTypes(registry({ [OPAQUE_FD]: 1, [OPAQUE_WIN32]: 2, VK_EXTERNAL_MEMORY_HANDLE_TYPE_NEW_BIT_EXT: 0x80000 }, { [NV_WIN32]: 1 }), facts))
      .toThrow(/VK_EXTERNAL_MEMORY_HANDLE_TYPE_NEW_BIT_EXT: vk\.xml defines this VkExternalMemoryHandleTypeFlagBits enumerant \(524288\) but the table has no row for it/);
  });
  it('names a row vk.xml does not define', () => {
    expect(() => buildHandleTypes(registry({ [OPAQUE_FD]: 1 }, { [NV_WIN32]: 1 }), facts)).toThrow(/OPAQUE_WIN32_BIT: this vk\.xml defines no such/);
  });
  it('names the row and the column of a word outside the vocabulary, a missing column, or a bad counterpart', () => {
    expect(() => buildHandleTypes(reg, { ...facts, [OPAQUE_FD]: { ...facts[OPAQUE_FD], size: 'huge' } })).toThrow(/OPAQUE_FD_BIT: column "size" is "huge"; use one of "match-export"/);
    const { opaque: _opaque, ...noOpaque } = facts[OPAQUE_FD];
    expect(() => buildHandleTypes(reg, { ...facts, [OPAQUE_FD]: noOpaque })).toThrow(/OPAQUE_FD_BIT: column "opaque" must be true or false/);
    expect(() => buildHandleTypes(reg, { ...facts, [NV_WIN32]: { ...facts[NV_WIN32], counterpart: NV_WIN32 } })).toThrow(/OPAQUE_WIN32_BIT_NV: an NV row names its KHR counterpart/);
    expect(() => buildHandleTypes(reg, { ...facts, [OPAQUE_FD]: { ...facts[OPAQUE_FD], colour: 'blue' } })).toThrow(/OPAQUE_FD_BIT: unknown column "colour"/);
  });
});

describe('the derived masks', () => {
  const or = (nv: boolean, when: (r: TS.HandleTypeRow) => boolean) => HANDLE_TYPE_ROWS.filter((r) => r.nv === nv && when(r)).reduce((m, r) => m | r.bit, 0);
  it('are the OR of the rows their fact holds for', () => {
    expect(TS.NT_TYPES).toBe(or(false, (r) => r.handle === 'NT'));
    expect(TS.KMT_TYPES).toBe(or(false, (r) => r.handle === 'KMT'));
    expect(TS.WIN32_KHR_TYPES).toBe(TS.NT_TYPES | TS.KMT_TYPES);
    expect(TS.FD_TYPES).toBe(or(false, (r) => r.handle === 'fd'));
    expect(TS.HOST_TYPES).toBe(or(false, (r) => r.handle === 'host pointer'));
    expect(TS.BY_NAME_TYPES).toBe(or(false, (r) => r.byName));
    expect(TS.DEDICATED_ONLY_TYPES).toBe(or(false, (r) => r.dedicatedOnly));
    expect(TS.KEYED_MUTEX_TYPES).toBe(or(false, (r) => r.keyedMutex));
    expect(TS.NV_KMT_TYPES).toBe(or(true, (r) => r.handle === 'KMT'));
    for (const r of HANDLE_TYPE_ROWS.filter((x) => x.nv)) expect(TS.KHR_TO_NV[TS.NV_TO_KHR[r.bit]]).toBe(r.bit);
  });
  it('have the same values in the core\'s generated copy', () => {
    const core = readFileSync('assembly/generated/handle-types.ts', 'utf8');
    const masks = [...core.matchAll(/^export const (\w+_TYPES): i64 = (0x[0-9a-f]+);$/gm)];
    expect(masks.length).toBeGreaterThan(10);
    for (const [, name, value] of masks) expect((TS as unknown as Record<string, number>)[name], name).toBe(Number(value));
  });
});
