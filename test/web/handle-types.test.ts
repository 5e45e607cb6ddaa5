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
  CATALOGUE_VUIDS, FAMILY_STRUCTURES, OWN_RULES_TITLE, allocationSizeText, coreReason, dedicatedText, filterParams, filterTypes, findType,
  groupRules, handleSemantics, importByNameText, importLinkParams, isImplicitVuid, platforms, readFilter, ruleText, rulesFor, structureFamily,
  typeKey, uuidText, vuidStructure,
} from '../../web-demo/src/logic/handle-type-facts.js';
import { FINDINGS } from '../../src/generated/contract.js';

let types: HandleTypeInfo[];
let validator: Validator;
let rules: RuleInfo[];
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
    expect(filterTypes(types, {})).toHaveLength(types.length);
    expect(filterTypes(types, { family: 'NV' }).map(typeKey)).toEqual(['OPAQUE_WIN32_NV', 'OPAQUE_WIN32_KMT_NV', 'D3D11_IMAGE_NV', 'D3D11_IMAGE_KMT_NV']);
    expect(filterTypes(types, { family: 'KHR', platform: 'Windows' }).map(typeKey)).toEqual(['OPAQUE_WIN32', 'OPAQUE_WIN32_KMT', 'D3D11_TEXTURE', 'D3D11_TEXTURE_KMT', 'D3D12_HEAP', 'D3D12_RESOURCE']);
    expect(filterTypes(types, { q: 'D3D12 createsharedhandle' }).map(typeKey)).toEqual(['D3D12_HEAP', 'D3D12_RESOURCE']);
    // What an engineer types: the call that frees a handle, or the kind of handle.
    expect(filterTypes(types, { q: 'CloseHandle' }).every((t) => t.handle === 'NT')).toBe(true);
    expect(filterTypes(types, { q: 'file descriptor' }).map(typeKey)).toEqual(['OPAQUE_FD', 'DMA_BUF']);
    expect(filterTypes(types, { q: 'nothing-like-this' })).toEqual([]);
    expect(platforms(types)).toEqual(expect.arrayContaining(['Windows', 'POSIX', 'Linux', 'any']));
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
