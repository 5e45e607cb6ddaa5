// The logic behind the "Handle types" view (web-demo/src/logic/handle-type-facts.ts): names and
// filters, the rules each type involves (computed from the core's rule list), and the links into the
// import resolver, which must describe requests the resolver can build.
import { describe, it, expect, beforeAll } from 'vitest';
import { createValidator, handleTypes, findProfile } from '../../src/index.js';
import type { HandleTypeInfo } from '../../src/catalogue.js';
import type { RuleInfo } from '../../src/core/findings.js';
import type { Validator } from '../../src/validator.js';
import { vuidUrl } from '../../src/core/findings.js';
import { resolveRequest, type ResolveRequest } from '../../src/resolve/request.js';
import {
  CATALOGUE_VUIDS, FAMILY_STRUCTURES, OWN_RULES_TITLE, allocationSizeText, coreReason, dedicatedText, extensionText, filterParams, findType,
  groupRules, handleSemantics, importByNameText, importLinkParams, isImplicitVuid, keyedMutexText, platforms, readFilter, ruleText, rulesFor,
  structureFamily, typeKey, typeSheet, uuidText, vuidStructure, type TypeSheet,
} from '../../web-demo/src/logic/handle-type-facts.js';
import { EXAMPLE_QUERIES, excerpt, filterTypes, parseQuery, searchTypes, type FactHit, type TypeMatch } from '../../web-demo/src/logic/handle-type-search.js';
import { COLUMNS, ariaSort, nextSort, orderText, readSort, sortParams, sortTypes, typeComparator } from '../../web-demo/src/logic/handle-type-sort.js';
import { oftenCompared, compareSheets, pairParam, readPair, rulesText, togglePick } from '../../web-demo/src/logic/handle-type-compare.js';
import { FINDINGS } from '../../src/generated/contract.js';

let types: HandleTypeInfo[];
let validator: Validator;
let rules: RuleInfo[];
let sheets: TypeSheet[];
const sheet = (key: string) => sheets.find((s) => s.key === key)!;
const type = (key: string) => {
  const t = findType(types, key);
  if (!t) throw new Error(`no handle type ${key}`);
  return t;
};
const vuidsOf = (key: string) => rulesFor(type(key), rules).map((r) => r.vuid);

beforeAll(async () => {
  types = await handleTypes();
  validator = await createValidator();
  rules = validator.rules;
  sheets = types.map((t) => typeSheet(t, validator.reasons, rules));
});

describe('names and filters', () => {
  it('gives every row a distinct short key, NV rows with _NV, and finds rows by it', () => {
    const keys = types.map(typeKey);
    expect(new Set(keys).size).toBe(types.length);
    expect(keys).toContain('D3D12_HEAP');
    expect(keys).toContain('HOST_ALLOCATION');
    expect(keys.filter((k) => k.startsWith('OPAQUE_WIN32'))).toEqual(['OPAQUE_WIN32', 'OPAQUE_WIN32_KMT', 'OPAQUE_WIN32_NV', 'OPAQUE_WIN32_KMT_NV']);
    for (const t of types) expect(findType(types, typeKey(t))).toBe(t);
    expect(findType(types, 'NOT_A_TYPE')).toBeUndefined();
    expect(findType(types, undefined)).toBeUndefined();
  });

  it('reads a filter from the URL, dropping values the catalogue does not know', () => {
    expect(readFilter({ family: 'NV', platform: 'Windows', q: 'kmt' }, types)).toEqual({ family: 'NV', platform: 'Windows', q: 'kmt' });
    expect(readFilter({ family: 'AMD', platform: '<b>', open: 'x' }, types)).toEqual({});
    expect(readFilter({ q: 'x'.repeat(500) }, types).q).toHaveLength(200);
    expect(filterParams({ family: 'KHR', q: '  ' }, 'D3D12_HEAP')).toEqual({ family: 'KHR', platform: undefined, q: undefined, open: 'D3D12_HEAP' });
  });

  it('filters by family, platform and every word of the search', () => {
    expect(filterTypes(sheets, {})).toEqual(types);
    expect(filterTypes(sheets, { family: 'NV' }).map(typeKey)).toEqual(['OPAQUE_WIN32_NV', 'OPAQUE_WIN32_KMT_NV', 'D3D11_IMAGE_NV', 'D3D11_IMAGE_KMT_NV']);
    expect(filterTypes(sheets, { family: 'KHR', platform: 'Windows' }).map(typeKey)).toEqual(['OPAQUE_WIN32', 'OPAQUE_WIN32_KMT', 'D3D11_TEXTURE', 'D3D11_TEXTURE_KMT', 'D3D12_HEAP', 'D3D12_RESOURCE']);
    expect(filterTypes(sheets, { q: 'D3D12 createsharedhandle' }).map(typeKey)).toEqual(['D3D12_HEAP', 'D3D12_RESOURCE']);
    expect(filterTypes(sheets, { q: 'file descriptor' }).map(typeKey)).toEqual(['OPAQUE_FD', 'DMA_BUF']);
    expect(filterTypes(sheets, { q: 'nothing-like-this' })).toEqual([]);
    expect(platforms(types)).toEqual(expect.arrayContaining(['Windows', 'POSIX', 'Linux', 'any']));
  });
});

/** The types a query finds, by short name. */
const found = (q: string, f: Record<string, string> = {}) => searchTypes(sheets, { ...f, q }).map((m) => m.sheet.key);
/** A row's first explanation as text, the marked words in [brackets]. */
const shownHit = (hit: FactHit) => `${hit.label}: ${hit.parts.map((p) => (p.mark ? `[${p.text}]` : p.text)).join('')}`;
const shown = (m: TypeMatch | undefined) => (m?.hits[0] ? shownHit(m.hits[0]) : '');
const matchOf = (q: string, key: string) => searchTypes(sheets, { q }).find((m) => m.sheet.key === key);

describe('search over every fact', () => {
  it('"by name" finds exactly the types the catalogue lets import by name, and says so', () => {
    const expected = types.filter((t) => t.importByName).map(typeKey);
    expect(expected).toEqual(['OPAQUE_WIN32', 'D3D11_TEXTURE', 'D3D12_HEAP', 'D3D12_RESOURCE']);
    for (const q of ['by name', 'By Name', 'import by name', 'named']) expect(found(q), q).toEqual(expected);
    // Not the KMT types, whose facts say "import it by its value" and "has no name".
    expect(shown(matchOf('by name', 'OPAQUE_WIN32'))).toMatch(/^Import by name: Yes\. The exporter \[gives the payload a name\]/);
  });

  it('"dedicated" finds the types whose facts require or mention a dedicated allocation', () => {
    const hits = found('dedicated');
    for (const t of types.filter((x) => x.dedicatedOnly)) expect(hits).toContain(typeKey(t));
    expect(hits).toEqual(expect.arrayContaining(['OPAQUE_FD', 'HOST_ALLOCATION', 'OPAQUE_WIN32_NV']));
    // Platforms the model does not simulate say nothing about it.
    expect(hits.filter((k) => type(k).handle === 'platform object')).toEqual([]);
    expect(shown(matchOf('dedicated', 'D3D12_RESOURCE'))).toMatch(/^Dedicated allocation: Always \[dedicated\]/);
    expect(shown(matchOf('dedicated', 'HOST_ALLOCATION'))).toContain('cannot be a [dedicated] allocation');
    // Those that always need one, by the phrases people use.
    for (const q of ['dedicated only', 'requires dedicated', 'always dedicated']) expect(found(q), q).toEqual(['D3D11_TEXTURE', 'D3D11_TEXTURE_KMT', 'D3D12_RESOURCE']);
  });

  it('"kmt" and "global share" find the global share handles; "nt" and "fd" their kinds, not their letters', () => {
    const kmt = types.filter((t) => t.handle === 'KMT').map(typeKey);
    expect(kmt).toEqual(['OPAQUE_WIN32_KMT', 'D3D11_TEXTURE_KMT', 'OPAQUE_WIN32_KMT_NV', 'D3D11_IMAGE_KMT_NV']);
    expect(found('kmt')).toEqual(kmt);
    expect(found('KMT', { family: 'NV' })).toEqual(['OPAQUE_WIN32_KMT_NV', 'D3D11_IMAGE_KMT_NV']);
    // The name says KMT: nothing to explain.
    expect(matchOf('kmt', 'OPAQUE_WIN32_KMT')!.hits).toEqual([]);
    expect(found('global share')).toEqual(kmt);
    expect(shown(matchOf('global share', 'OPAQUE_WIN32_KMT'))).toContain('A [global share] (KMT) handle');
    expect(found('nt')).toEqual(types.filter((t) => t.handle === 'NT').map(typeKey));
    expect(found('fd')).toEqual(['OPAQUE_FD', 'DMA_BUF']);
    expect(shown(matchOf('fd', 'DMA_BUF'))).toMatch(/^What the handle is: \[File descriptor\]/);
  });

  it('matches every word of a query, each in any fact, case-insensitive', () => {
    expect(found('by name d3d12')).toEqual(['D3D12_HEAP', 'D3D12_RESOURCE']);
    expect(found('opaque KMT')).toEqual(['OPAQUE_WIN32_KMT', 'OPAQUE_WIN32_KMT_NV']);
    expect(found('WINDOWS keyed mutex')).toEqual(['D3D11_TEXTURE', 'D3D11_TEXTURE_KMT']);
    // Two words found in two facts: both are shown.
    expect(found('linux prime')).toEqual(['DMA_BUF']);
    expect(matchOf('linux prime', 'DMA_BUF')!.hits.map(shownHit)).toEqual(['Platform: [Linux]', 'Made by: vkGetMemoryFdKHR, DRM [PRIME] export, dma-heap allocation']);
    // The call that frees a handle: every NT type; the KMT types too, where a fact says CloseHandle on them is a mistake.
    const close = searchTypes(sheets, { q: 'closehandle' });
    expect(close.map((x) => x.sheet.type.handle).sort()).toEqual([...Array(6).fill('NT'), ...Array(4).fill('KMT')].sort());
    expect(shown(close.find((x) => x.sheet.key === 'OPAQUE_WIN32_KMT'))).toContain('never closed ([CloseHandle] on it is a mistake)');
  });

  it('searches the extension, the platform and the VUIDs', () => {
    expect(found('VK_EXT_external_memory_host')).toEqual(['HOST_ALLOCATION', 'HOST_MAPPED_FOREIGN_MEMORY']);
    expect(shown(matchOf('external_memory_dma_buf', 'DMA_BUF'))).toBe('Defined by: VK_EXT_[external_memory_dma_buf]');
    expect(found('QNX')).toEqual(['SCREEN_BUFFER']);
    expect(found('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01440')).toEqual(types.filter((t) => t.importByName).map(typeKey));
    expect(shown(matchOf('01440', 'D3D12_HEAP'))).toContain('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-[01440]');
  });

  it('finds nothing for a query no fact holds, and every example query finds something', () => {
    expect(found('zzz-no-such-fact')).toEqual([]);
    expect(found('by name linux')).toEqual([]);
    for (const q of EXAMPLE_QUERIES) expect(found(q).length, q).toBeGreaterThan(0);
  });

  it('reads phrases before words, the longest first', () => {
    expect(parseQuery('  Import  by name d3d12 ').map((t) => ('word' in t ? t.word : `<${t.phrase}>`))).toEqual(['<import by name>', 'd3d12']);
    expect(parseQuery('kmt handle fd').map((t) => ('word' in t ? t.word : `<${t.phrase}>`))).toEqual(['<kmt handle>', '<fd>']);
    expect(parseQuery(undefined)).toEqual([]);
  });

  it('cuts an excerpt at whole words around the first match, with ellipses where it cut', () => {
    const text = `${'lorem ipsum '.repeat(10)}the needle is here ${'dolor sit '.repeat(30)}`;
    const parts = excerpt(text, parseQuery('needle'));
    expect(parts[0]).toEqual({ text: '…', mark: false });
    expect(parts.at(-1)).toEqual({ text: '…', mark: false });
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['needle']);
    expect(parts[1].text.startsWith('ipsum') || parts[1].text.startsWith('lorem')).toBe(true);
    expect(parts.map((p) => p.text).join('').length).toBeLessThan(200);
    expect(excerpt('short', parseQuery('short'))).toEqual([{ text: 'short', mark: true }]);
  });
});

describe('facts and their order in the table', () => {
  it('states every fact for every type, from the catalogue', () => {
    for (const s of sheets) {
      expect(s.facts.map((f) => f.id)).toEqual(sheets[0].facts.map((f) => f.id));
      for (const f of s.facts.filter((x) => x.id !== 'rules')) expect(f.text, `${s.key} ${f.id}`).not.toBe('');
      expect(s.vuids).toEqual(rulesFor(s.type, rules).map((r) => r.vuid));
    }
    expect(extensionText(type('DMA_BUF'))).toBe('VK_EXT_external_memory_dma_buf');
    expect(extensionText(type('OPAQUE_WIN32'))).toBe('Vulkan 1.1 core');
    expect(keyedMutexText(type('D3D11_TEXTURE_KMT'))).toMatch(/^Yes/);
    expect(keyedMutexText(type('D3D12_RESOURCE'))).toBe('No.');
    expect(sheet('OPAQUE_WIN32').facts.find((f) => f.id === 'ownership')!.text).toBe(type('OPAQUE_WIN32').ownershipAfterImport);
  });

  it('sorts by a column, keeping catalogue order among equal values in both directions', () => {
    const byPlatform = sortTypes(types, { column: 'platform', descending: false }, (t) => t);
    expect(byPlatform.map((t) => t.platform)).toEqual([...types.map((t) => t.platform)].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    const windows = types.filter((t) => t.platform === 'Windows').map(typeKey);
    expect(byPlatform.filter((t) => t.platform === 'Windows').map(typeKey)).toEqual(windows);
    const down = sortTypes(types, { column: 'platform', descending: true }, (t) => t);
    expect(down[0].platform).toBe('Windows');
    expect(down.filter((t) => t.platform === 'Windows').map(typeKey)).toEqual(windows);
    expect(sortTypes(types, { column: 'name', descending: false }, (t) => t).map(typeKey).slice(0, 3)).toEqual(['ANDROID_HARDWARE_BUFFER', 'D3D11_IMAGE_KMT_NV', 'D3D11_IMAGE_NV']);
    // No order: the catalogue's, in a new array.
    const same = sortTypes(types, undefined, (t) => t);
    expect(same).toEqual(types);
    expect(same).not.toBe(types);
    // The comparator itself: by value, then by position.
    const position = (t: HandleTypeInfo) => types.indexOf(t);
    const cmp = typeComparator({ column: 'byName', descending: false }, position);
    expect(cmp(type('OPAQUE_FD'), type('OPAQUE_WIN32'))).toBeLessThan(0);
    expect(cmp(type('OPAQUE_WIN32'), type('D3D12_HEAP'))).toBeLessThan(0);
    expect(typeComparator({ column: 'byName', descending: true }, position)(type('OPAQUE_WIN32'), type('D3D12_HEAP'))).toBeLessThan(0);
    expect(cmp(type('D3D12_HEAP'), type('D3D12_HEAP'))).toBe(0);
  });

  it('toggles a column between ascending and descending, and keeps the order in the URL', () => {
    expect(nextSort(undefined, 'platform')).toEqual({ column: 'platform', descending: false });
    expect(nextSort({ column: 'platform', descending: false }, 'platform')).toEqual({ column: 'platform', descending: true });
    expect(nextSort({ column: 'platform', descending: true }, 'platform')).toEqual({ column: 'platform', descending: false });
    expect(nextSort({ column: 'platform', descending: true }, 'family')).toEqual({ column: 'family', descending: false });
    expect(readSort({ sort: 'handle', dir: 'desc' })).toEqual({ column: 'handle', descending: true });
    expect(readSort({ sort: 'handle' })).toEqual({ column: 'handle', descending: false });
    expect(readSort({ sort: '<b>' })).toBeUndefined();
    expect(sortParams({ column: 'handle', descending: true })).toEqual({ sort: 'handle', dir: 'desc' });
    expect(sortParams({ column: 'handle', descending: false })).toEqual({ sort: 'handle', dir: undefined });
    expect(ariaSort({ column: 'handle', descending: true }, 'handle')).toBe('descending');
    expect(ariaSort({ column: 'handle', descending: true }, 'platform')).toBeUndefined();
    expect(COLUMNS.map((c) => c.label)).toEqual(['Handle type', 'Family', 'Platform', 'Handle', 'Opaque', 'By name', 'allocationSize on import']);
    expect(orderText(undefined)).toMatch(/^In catalogue order/);
    expect(orderText({ column: 'byName', descending: true })).toMatch(/^Sorted by By name, descending/);
  });
});

describe('comparing two types', () => {
  it('reads the pair from the URL, dropping names the catalogue does not know', () => {
    expect(readPair('OPAQUE_WIN32,OPAQUE_WIN32_KMT', types)).toEqual(['OPAQUE_WIN32', 'OPAQUE_WIN32_KMT']);
    expect(readPair('OPAQUE_WIN32,<b>,OPAQUE_WIN32,DMA_BUF,OPAQUE_FD', types)).toEqual(['OPAQUE_WIN32', 'DMA_BUF']);
    expect(readPair(undefined, types)).toEqual([]);
    expect(pairParam(['A', 'B'])).toBe('A,B');
    expect(pairParam([])).toBeUndefined();
    expect(togglePick([], 'A')).toEqual(['A']);
    expect(togglePick(['A'], 'B')).toEqual(['A', 'B']);
    expect(togglePick(['A', 'B'], 'C')).toEqual(['B', 'C']);
    expect(togglePick(['A', 'B'], 'A')).toEqual(['B']);
    const pairs = oftenCompared(types);
    // The most asked pair first; each pair names two types the catalogue knows.
    expect(pairs[0]).toEqual(['OPAQUE_WIN32', 'OPAQUE_WIN32_KMT']);
    expect(pairs).toEqual(expect.arrayContaining([['D3D11_TEXTURE', 'D3D11_TEXTURE_KMT'], ['OPAQUE_FD', 'DMA_BUF'], ['OPAQUE_WIN32', 'OPAQUE_WIN32_NV']]));
    for (const pair of pairs) expect(readPair(pair.join(','), types)).toEqual([...pair]);
  });

  it('OPAQUE_WIN32 against OPAQUE_WIN32_KMT: ownership, the kind of handle, exports, import by name and the rules differ', () => {
    const c = compareSheets(sheet('OPAQUE_WIN32'), sheet('OPAQUE_WIN32_KMT'));
    expect(c.facts.filter((f) => !f.same).map((f) => f.id)).toEqual(['enumerant', 'handle', 'exports', 'ownership', 'byName', 'counterpart']);
    expect(c.facts.filter((f) => f.same).map((f) => f.id)).toEqual(['extension', 'platform', 'opaque', 'producedBy', 'allocationSize', 'dedicated', 'keyedMutex', 'identity']);
    const owner = c.facts.find((f) => f.id === 'ownership')!;
    expect(owner.a).toBe(type('OPAQUE_WIN32').ownershipAfterImport);
    expect(owner.a).toContain('CloseHandle');
    expect(owner.b).toBe(type('OPAQUE_WIN32_KMT').ownershipAfterImport);
    expect(owner.b).toContain('holds no reference and is never closed');
    expect(c.facts.find((f) => f.id === 'handle')!.a).toContain('holds a reference on the memory');
    // The rules: NT handle lifetime and import by name on one side, the KMT close rule on the other.
    expect(c.rules.same).toBe(false);
    expect(c.rules.onlyA).toEqual(expect.arrayContaining(['VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01440', 'VKX-nt-handle-leaked']));
    expect(c.rules.onlyB).toEqual(['VKX-kmt-handle-closed']);
    expect(c.rows).toBe(c.facts.length + 1);
    expect(c.differ).toBe(7);
    expect(rulesText(c.rules.b, c.rules.onlyB, 'OPAQUE_WIN32')).toBe(`${c.rules.b} rules; 1 of them not for OPAQUE_WIN32:`);
    expect(rulesText(1, [], 'X')).toBe('1 rule, none that X lacks.');
  });

  it('a fact that names the type itself is the same when only the name differs', () => {
    const c = compareSheets(sheet('D3D11_TEXTURE'), sheet('D3D11_TEXTURE_KMT'));
    const dedicated = c.facts.find((f) => f.id === 'dedicated')!;
    expect(dedicated.a).toContain('D3D11_TEXTURE as');
    expect(dedicated.b).toContain('D3D11_TEXTURE_KMT as');
    expect(dedicated.same).toBe(true);
    const self = compareSheets(sheet('DMA_BUF'), sheet('DMA_BUF'));
    expect(self.differ).toBe(0);
  });
});

describe('the rules that involve a handle type', () => {
  it('D3D12_HEAP: the heap size rule, the one-NT-export rule, the Win32 import rules and NT handle lifetime; no fd or host rules', () => {
    const v = vuidsOf('D3D12_HEAP');
    expect(v).toEqual(expect.arrayContaining([
      'VUID-VkMemoryAllocateInfo-allocationSize-00647',
      'VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663',
      'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661',
      'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01440',
      'VUID-VkMemoryAllocateInfo-memoryTypeIndex-00645',
      'VUID-VkMemoryDedicatedAllocateInfo-image-01876',
      'VKX-nt-handle-leaked',
    ]));
    expect(v.filter((x) => /FdInfo|FdProperties|HostPointer|-01742$|VKX-(fd|kmt)-/.test(x))).toEqual([]);
    // Not dedicated-only, not an opaque type: 00639 and the opaque-only rules stay out.
    expect(v).not.toContain('VUID-VkMemoryAllocateInfo-pNext-00639');
    expect(v).not.toContain('VUID-vkGetMemoryWin32HandlePropertiesKHR-handleType-00666');
    expect(v).not.toContain('VUID-VkMemoryAllocateInfo-allocationSize-01743');
  });

  it('one line per VUID, never an implicit one, each with its spec link', () => {
    for (const t of types) {
      const lines = rulesFor(t, rules);
      expect(new Set(lines.map((l) => l.vuid)).size).toBe(lines.length);
      for (const l of lines) {
        expect(isImplicitVuid(l.vuid)).toBe(false);
        expect(l.url).toBe(l.vuid.startsWith('VUID-') ? vuidUrl(l.vuid) : '');
        expect(l.text).not.toMatch(/\{[^}]*\}/);
      }
    }
    // 00661 is written for several situations; they come as one line with the others under it.
    const w = rulesFor(type('D3D12_HEAP'), rules).find((l) => l.vuid === 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661')!;
    expect(w.more.length).toBe(rules.filter((r) => r.vuid === w.vuid).length - 1);
    expect([w.text, ...w.more].some((x) => x.includes('DuplicateHandle'))).toBe(true);
  });

  it('KMT: no one-export rule and no import by name, but the KMT close rule', () => {
    const v = vuidsOf('OPAQUE_WIN32_KMT');
    expect(v).not.toContain('VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663');
    expect(v).not.toContain('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01440');
    expect(v).toContain('VKX-kmt-handle-closed');
    expect(v.some((x) => x.startsWith('VKX-nt-'))).toBe(false);
    expect(v).toContain('VUID-VkMemoryAllocateInfo-allocationSize-01743');
    expect(v).toContain('VUID-vkGetMemoryWin32HandlePropertiesKHR-handleType-00666');
  });

  it('D3D11 textures: dedicated-only and keyed mutex rules', () => {
    for (const key of ['D3D11_TEXTURE', 'D3D11_TEXTURE_KMT']) {
      expect(vuidsOf(key)).toEqual(expect.arrayContaining(['VUID-VkMemoryAllocateInfo-pNext-00639', 'VUID-VkWin32KeyedMutexAcquireReleaseInfoKHR-pAcquireSyncs-00081']));
    }
    expect(vuidsOf('D3D12_RESOURCE')).toContain('VUID-VkMemoryAllocateInfo-pNext-00639');
    expect(vuidsOf('D3D12_RESOURCE')).not.toContain('VUID-VkWin32KeyedMutexAcquireReleaseInfoKHR-pAcquireSyncs-00081');
  });

  it('fd types: OPAQUE_FD has the exporter-size and dedicated rules, DMA_BUF the properties rule', () => {
    const fd = vuidsOf('OPAQUE_FD');
    expect(fd).toEqual(expect.arrayContaining([
      'VUID-VkMemoryAllocateInfo-allocationSize-01742', 'VUID-VkMemoryDedicatedAllocateInfo-image-01878', 'VUID-VkMemoryDedicatedAllocateInfo-buffer-01879',
      'VUID-vkGetMemoryFdPropertiesKHR-handleType-00674', 'VUID-VkImportMemoryFdInfoKHR-fd-01520', 'VKX-fd-closed-after-import',
    ]));
    const dma = vuidsOf('DMA_BUF');
    expect(dma).toEqual(expect.arrayContaining(['VUID-VkMemoryAllocateInfo-memoryTypeIndex-00648', 'VUID-VkImportMemoryFdInfoKHR-handleType-00670', 'VKX-fd-leaked']));
    for (const only of ['VUID-VkMemoryAllocateInfo-allocationSize-01742', 'VUID-vkGetMemoryFdPropertiesKHR-handleType-00674', 'VUID-VkImportMemoryFdInfoKHR-fd-01520', 'VUID-VkImportMemoryFdInfoKHR-fd-01746']) {
      expect(dma).not.toContain(only);
    }
    expect(dma.some((x) => x.includes('Win32'))).toBe(false);
  });

  it('host pointers: alignment and no dedicated allocation; each kind of host memory its own undecidable rule', () => {
    const host = vuidsOf('HOST_ALLOCATION');
    expect(host).toEqual(expect.arrayContaining([
      'VUID-VkMemoryAllocateInfo-allocationSize-01745', 'VUID-VkMemoryAllocateInfo-pNext-02806', 'VUID-VkMemoryAllocateInfo-pNext-02805',
      'VUID-VkImportMemoryHostPointerInfoEXT-pHostPointer-01749', 'VUID-VkImportMemoryHostPointerInfoEXT-handleType-01750',
    ]));
    expect(host).not.toContain('VUID-VkImportMemoryHostPointerInfoEXT-handleType-01751');
    expect(vuidsOf('HOST_MAPPED_FOREIGN_MEMORY')).toContain('VUID-VkImportMemoryHostPointerInfoEXT-handleType-01751');
    expect(rulesFor(type('HOST_ALLOCATION'), rules).find((l) => l.vuid.endsWith('-01750'))!.undecidableByDesign).toBe(true);
  });

  it('NV types: the NV structures and the KHR/NV mixing rules, not the KHR import structure', () => {
    const nv = vuidsOf('OPAQUE_WIN32_NV');
    expect(nv).toEqual(expect.arrayContaining([
      'VUID-VkImportMemoryWin32HandleInfoNV-handleType-01327', 'VUID-vkGetMemoryWin32HandleNV-handleType-01326',
      'VUID-VkMemoryAllocateInfo-pNext-00640', 'VUID-VkMemoryAllocateInfo-pNext-00641', 'VKX-nt-handle-of-other-process',
    ]));
    expect(nv.some((x) => x.includes('VkImportMemoryWin32HandleInfoKHR') || x.includes('VkMemoryGetWin32HandleInfoKHR'))).toBe(false);
    expect(vuidsOf('D3D11_IMAGE_KMT_NV').some((x) => x.startsWith('VKX-nt-'))).toBe(false);
  });

  it('platform objects the model does not simulate have no rules', () => {
    for (const key of ['ANDROID_HARDWARE_BUFFER', 'ZIRCON_VMO', 'MTLHEAP', 'SCREEN_BUFFER']) expect(vuidsOf(key)).toEqual([]);
  });

  it('every rule on a family structure is shown for some type, and the catalogue names only rules the core has', () => {
    const ids = new Set(rules.map((r) => r.vuid));
    for (const v of CATALOGUE_VUIDS) expect(ids.has(v), v).toBe(true);
    const shown = new Set(types.flatMap((t) => rulesFor(t, rules).map((l) => l.vuid)));
    const onFamilies = rules.filter((r) => !isImplicitVuid(r.vuid) && Object.values(FAMILY_STRUCTURES).flat().includes(vuidStructure(r.vuid)));
    expect(onFamilies.length).toBeGreaterThan(20);
    for (const r of onFamilies) expect(shown.has(r.vuid), r.vuid).toBe(true);
    // Our own lifetime rules too (the note that counts a call's unrecorded findings is about no handle type).
    for (const r of rules.filter((x) => x.vuid.startsWith('VKX-') && x.vuid !== FINDINGS.notRecordedRule)) expect(shown.has(r.vuid), r.vuid).toBe(true);
  });

  it('groups rules by structure, the type\'s own structures first and our own rules last', () => {
    const groups = groupRules(type('D3D12_HEAP'), rulesFor(type('D3D12_HEAP'), rules));
    expect(groups[0].title).toBe('VkImportMemoryWin32HandleInfoKHR');
    expect(groups.at(-1)!.title).toBe(OWN_RULES_TITLE);
    expect(groups.map((g) => g.title)).toContain('VkMemoryAllocateInfo');
    expect(groups.reduce((n, g) => n + g.rules.length, 0)).toBe(rulesFor(type('D3D12_HEAP'), rules).length);
  });

  it('turns placeholders into words', () => {
    expect(ruleText('importing a D3D12 heap: allocationSize {allocationSize} must equal the heap\'s size, {heapSize} bytes. ')).toBe('importing a D3D12 heap: allocationSize … must equal the heap\'s size, … bytes.');
    expect(ruleText('{path} is {value}, which is not a value of {type}.')).toBe('the member is its value, which is not a value of its type.');
  });
});

describe('explanations', () => {
  it('says how each kind of handle lives, in its own terms', () => {
    expect(handleSemantics(type('OPAQUE_WIN32'))).toMatch(/DuplicateHandle.*CloseHandle/s);
    expect(handleSemantics(type('OPAQUE_WIN32_KMT'))).toMatch(/never closed/);
    expect(handleSemantics(type('OPAQUE_FD'))).toMatch(/gives it to the driver/);
    expect(handleSemantics(type('HOST_ALLOCATION'))).toMatch(/keeps it allocated/);
    expect(structureFamily(type('D3D11_IMAGE_NV'))).toBe('win32-nv');
  });

  it('names the members of an import by name, and says no where there is none', () => {
    expect(importByNameText(type('D3D12_RESOURCE'))).toMatch(/VkImportMemoryWin32HandleInfoKHR::name.*VkExportMemoryWin32HandleInfoKHR::name|VkExportMemoryWin32HandleInfoKHR::name.*VkImportMemoryWin32HandleInfoKHR::name/s);
    expect(importByNameText(type('OPAQUE_WIN32_NV'))).toMatch(/^No\. VkImportMemoryWin32HandleInfoNV has no name/);
    expect(importByNameText(type('D3D11_TEXTURE_KMT'))).toMatch(/^No\. A global share/);
  });

  it('states allocationSize, dedicated and UUID rules from the catalogue and the core', () => {
    expect(allocationSizeText(type('D3D12_HEAP'))).toBe('Must equal the size the D3D12 heap was created with.');
    expect(allocationSizeText(type('D3D11_TEXTURE'))).toMatch(/^Ignored/);
    const reason = coreReason(validator.reasons, 'resolve.dedicated-only-type');
    expect(reason).toMatch(/DEDICATED_ONLY/);
    expect(dedicatedText(type('D3D12_RESOURCE'), validator.reasons)).toContain(reason!.replace('{handleType}', 'D3D12_RESOURCE'));
    expect(dedicatedText(type('D3D12_RESOURCE'), validator.reasons)).toContain('VUID-VkMemoryAllocateInfo-pNext-00639');
    expect(dedicatedText(type('HOST_ALLOCATION'), validator.reasons)).toMatch(/^Never/);
    expect(dedicatedText(type('D3D12_HEAP'), validator.reasons)).toMatch(/^Only when/);
    expect(uuidText(type('OPAQUE_FD'))).toContain('driverUUID and deviceUUID');
    expect(uuidText(type('DMA_BUF'))).toMatch(/^No UUID rule/);
  });
});

describe('links into the resolver and the chain builder', () => {
  const names = ['lavapipe', 'illustrative-windows-discrete'];

  it('uses the agreed parameters, and only for sources the resolver builds', () => {
    expect(importLinkParams(type('D3D12_HEAP'), names)).toEqual({ source: 'd3d12-heap', type: 'D3D12_HEAP', profile: 'illustrative-windows-discrete' });
    expect(importLinkParams(type('D3D11_TEXTURE_KMT'), names)).toEqual({ source: 'd3d11-texture', type: 'D3D11_TEXTURE_KMT', profile: 'illustrative-windows-discrete' });
    expect(importLinkParams(type('OPAQUE_FD'), names)).toEqual({ source: 'vulkan', type: 'OPAQUE_FD', profile: 'lavapipe' });
    expect(importLinkParams(type('OPAQUE_FD'), [])).toEqual({ source: 'vulkan', type: 'OPAQUE_FD' });
    for (const key of ['HOST_MAPPED_FOREIGN_MEMORY', 'ANDROID_HARDWARE_BUFFER', 'D3D11_IMAGE_NV']) expect(importLinkParams(type(key), names)).toBeUndefined();
  });

  it('every link describes an import the resolver resolves on the profile it names (DMA_BUF: refused, and it says why)', () => {
    const linked = types.map((t) => importLinkParams(t, names)).filter((x) => x !== undefined);
    expect(linked.length).toBe(11);
    for (const l of linked) {
      // The request the resolver view makes of these parameters (its simple link form).
      const source: ResolveRequest['source'] = l.source === 'vulkan' ? { kind: 'vulkan', handleType: l.type }
        : l.source === 'd3d11-texture' ? { kind: 'd3d11-texture', shared: l.type.endsWith('_KMT') ? 'kmt' : 'nt' }
          : { kind: l.source as ResolveRequest['source']['kind'] };
      const { resolution } = resolveRequest(validator, { profile: l.profile!, source }, findProfile(l.profile!));
      const errors = resolution.problems.filter((p) => p.severity === 'error').map((p) => p.why.rule);
      // No built-in profile imports dma-bufs: the resolver shows the capability answer that refuses it.
      if (l.type === 'DMA_BUF') expect(errors).toEqual(['VUID-VkImportMemoryFdInfoKHR-handleType-09862']);
      else expect(errors, `${l.type} on ${l.profile}`).toEqual([]);
    }
  });
});
