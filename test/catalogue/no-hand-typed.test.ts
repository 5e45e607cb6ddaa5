// Handle-type facts live in the generated catalogue only: no mask of handle-type bits, table keyed by
// them, list of handle-type names or test of a type by its name is typed anywhere else. The scanner
// (test/helpers/hand-typed.ts) is shown catching each shape the old hand-typed tables had, and leaving
// other numbers and single names alone; then the whole tree must give it nothing.
import { describe, it, expect } from 'vitest';
import { findHandTyped, scanTree } from '../helpers/hand-typed.js';

const found = (src: string, names = true) => findHandTyped('x.ts', src, names).map((h) => h.what);

describe('the hand-typed handle-type scanner', () => {
  it('catches masks, tables and single types written as numbers', () => {
    for (const src of [
      'const KMT_TYPES = 0x4 | 0x10;',
      'const FD_BITS: number = 1 | 512;',
      "emit({ handleKind: (t & 0x14) ? 'kmt' : 'nt' });",
      'const fd = !type.nv && (type.bit & 0x201) !== 0;',
      'const host = !type.nv && type.bit === 0x80;',
      'const khrBit = type.nv ? ({ 1: 0x2, 2: 0x4, 4: 0x8, 8: 0x10 } as Record<number, number>)[type.bit] : type.bit;',
      "const byBit = { 0x8: { kind: 'd3d11-texture', shared: 'nt' }, 0x10: { kind: 'd3d11-texture', shared: 'kmt' } };",
      "case 'VkExportMemoryAllocateInfo.handleTypes': return h.bit && !h.nv ? h.bit : 0x2;",
      'return parseHandleType(name)?.bit === 0x2;',
    ]) expect(found(src), src).not.toEqual([]);
    // The core too: its rules are written against the catalogue's masks.
    expect(found('if (khr == 0x2) return 0x1;', false)).toEqual(['a handle-type value tested against a number']);
  });

  it('catches lists of handle-type names, masks of enumerants and tests of a type by name', () => {
    expect(found("const VULKAN_TYPES = ['OPAQUE_WIN32', 'OPAQUE_WIN32_KMT', 'OPAQUE_FD'];")[0]).toMatch(/^handle types listed by hand \(OPAQUE_WIN32, OPAQUE_WIN32_KMT, OPAQUE_FD\)/);
    expect(found("const NV_TYPES = [\n  'OPAQUE_WIN32_BIT_NV',\n  'D3D11_IMAGE_BIT_NV',\n];")).toHaveLength(1);
    expect(found('switch (bit) {\n  case HT_OPAQUE_WIN32_KMT:\n  case HT_D3D11_TEXTURE_KMT: return HandleClass.Kmt;\n}')).toHaveLength(1);
    expect(found("const SOURCES = { D3D12_HEAP: 'd3d12-heap', DMA_BUF: 'dma-buf' };")).toHaveLength(1);
    expect(found("'VUID-vkGetMemoryFdPropertiesKHR-handleType-00674': (t) => typeKey(t) === 'OPAQUE_FD',")).toEqual(['a value tested against the handle-type name OPAQUE_FD']);
    const mask = 'const WIN32 = KHR.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT | KHR.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT;';
    expect(found(mask)).toHaveLength(1);
    expect(found(mask, false)).toEqual(['a mask of handle types listed by hand (OPAQUE_WIN32, OPAQUE_WIN32_KMT)']);
  });

  it('leaves other numbers, single names, prose, comments and import lists alone', () => {
    for (const src of [
      "const buf = { size, usage: 0x3 }; run('os', 'X', { dwAccess: 0x80000001, heapFlags: 0x1 });",
      'const EXPORT_IMPORT = FEATURES.VK_EXTERNAL_MEMORY_FEATURE_EXPORTABLE_BIT | FEATURES.VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT;',
      'const all = bits === 0xffffffff ? undefined : bits;',
      'for (let i = 0; i < count; i++) if (bit & (1 << i)) return i;',
      "import { HT_D3D11_TEXTURE, HT_D3D12_HEAP } from './constants.js';",
      'const KMT = KMT_TYPES; // OPAQUE_WIN32_KMT | D3D11_TEXTURE_KMT',
      "return { kind: 'vulkan', handleType: 'OPAQUE_WIN32' };",
      "problem = 'a D3D11 texture is imported as D3D11_TEXTURE or D3D11_TEXTURE_KMT';",
      'const n = core.resolveImport(device, BigInt(type.bit), type.nv ? 1 : 0);',
      "const shortName = (n) => n.replace(/_BIT('|\")?$/, '');",
    ]) expect(found(src), src).toEqual([]);
    expect(found('if (q.t == g.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT) report(FD_OPAQUE_00674, 0, slot);', false)).toEqual([]);
  });
});

describe('the tree', () => {
  it('types no handle-type mask, table or name list outside the generated catalogue (src/, web-demo/src/, assembly/)', () => {
    expect(scanTree('.')).toEqual([]);
  });
});
