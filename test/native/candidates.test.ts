// Where the native backend looks for the addon: VK_EXTMEM_ADDON first, a relative one taken from the
// working directory (as a user typing it expects), then the package's own build folders.
import { describe, it, expect, afterEach } from 'vitest';
import { isAbsolute, join } from 'node:path';
import { addonCandidates } from '../../src/backends/native/index.js';

const saved = process.env.VK_EXTMEM_ADDON;
afterEach(() => { if (saved === undefined) delete process.env.VK_EXTMEM_ADDON; else process.env.VK_EXTMEM_ADDON = saved; });

describe('addonCandidates', () => {
  it('puts VK_EXTMEM_ADDON first, resolved against the working directory', () => {
    process.env.VK_EXTMEM_ADDON = 'native/build/asan/Release/vkextmem.node';
    const c = addonCandidates();
    expect(c[0]).toBe(join(process.cwd(), 'native/build/asan/Release/vkextmem.node'));
    expect(c.every(isAbsolute)).toBe(true);
  });

  it('without it, looks only in the package build folders', () => {
    delete process.env.VK_EXTMEM_ADDON;
    expect(addonCandidates().every((p) => p.endsWith(join('build', 'Release', 'vkextmem.node')) || p.endsWith(join('build', 'win32', 'vkextmem.node')))).toBe(true);
  });
});
