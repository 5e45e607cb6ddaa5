// The generated tables match the registry they come from, the rule catalogue covers the in-scope
// VUIDs of the newest registry, and the scope list matches the shared one where it exists.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createValidator } from '../src/index.js';
import { computeCoverage, findRegistry } from '../src/rules/coverage.js';
import { SCOPE } from '../src/rules/scope.js';
import { itNeeds } from './helpers/system.js';
import { cli } from './helpers/cli.js';

const shared = '../shared';
const hasShared = existsSync(`${shared}/registry/vk.xml`);
const sharedIt = itNeeds(hasShared, '../shared (the project registry and VUID list) is not beside the checkout');
const systemIt = itNeeds(existsSync('/usr/share/vulkan/registry/validusage.json'), 'libvulkan-dev (the system registry) is not installed');

describe('generated registry tables', () => {
  sharedIt('are what scripts/gen-registry.mjs makes from the newest vk.xml', () => {
    execFileSync(process.execPath, ['scripts/gen-registry.mjs', '--check', '--registry', `${shared}/registry`], { stdio: 'pipe' });
  });
});

describe('rule coverage', () => {
  sharedIt('the specification version links name is the one the VUIDs came from (validusage.json), and links go to its version line', async () => {
    const { SPEC_VERSION, SPEC_VERSION_URL, versionedSpecUrl, latestSpecUrl } = await import('../src/core/spec-links.js');
    const vu = JSON.parse(readFileSync(`${shared}/registry/validusage.json`, 'utf8'));
    expect(SPEC_VERSION).toBe(vu['version info']['api version']);
    const [major, minor] = SPEC_VERSION.split('.');
    expect(SPEC_VERSION_URL).toBe(`https://registry.khronos.org/vulkan/specs/${major}.${minor}-extensions/html/vkspec.html`);
    expect(versionedSpecUrl('VUID-VkMemoryDedicatedAllocateInfo-image-02964')).toBe(`${SPEC_VERSION_URL}#VUID-VkMemoryDedicatedAllocateInfo-image-02964`);
    expect(latestSpecUrl('vkAllocateMemory')).toBe('https://registry.khronos.org/vulkan/specs/latest/html/vkspec.html#vkAllocateMemory');
  });

  sharedIt('nothing in scope is missing against the newest registry (1.4.360)', async () => {
    const v = await createValidator();
    const c = computeCoverage(v.rules, `${shared}/registry/validusage.json`);
    expect(c.registryVersion).toBe('1.4.360');
    expect(c.inScope).toBe(221);
    expect(c.missing).toEqual([]);
    expect(c.implemented + c.undecidable.length).toBe(221);
    for (const u of c.undecidable) expect(u.reason.length).toBeGreaterThan(40);
  });
  systemIt('nothing in scope is missing against the system registry (1.3.239), old ids through aliases', async () => {
    const v = await createValidator();
    const c = computeCoverage(v.rules, '/usr/share/vulkan/registry/validusage.json');
    expect(c.missing).toEqual([]);
    expect(c.viaAlias.length).toBeGreaterThan(5);
  });
  sharedIt('the scope list is the shared in-scope list', () => {
    const csv = readFileSync(`${shared}/reference/vuids-in-scope.csv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
    expect([...SCOPE].sort()).toEqual(csv.sort());
  });
  it('findRegistry refuses a path without validusage.json, naming it', () => {
    expect(() => findRegistry('/nonexistent/registry')).toThrow(/no validusage.json at \/nonexistent\/registry/);
  });
  sharedIt('the CLI prints the same numbers as JSON', () => {
    const r = cli(['rules', '--coverage', '--format', 'json', '--registry', `${shared}/registry/validusage.json`]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.inScope).toBe(221);
    expect(j.missing).toEqual([]);
    expect(j.implemented).toBe(217);
    expect(j.undecidable.map((u: { vuid: string }) => u.vuid)).toContain('VUID-VkImportMemoryHostPointerInfoEXT-handleType-01750');
  });
});

describe('structure names by sType (built at load time from the enumerants and a list of exceptions)', () => {
  it('names every modelled structure as vk.xml does, and more than a thousand in all', async () => {
    const { STRUCT_BY_STYPE, ENTRIES } = await import('../src/generated/registry.js');
    for (const e of ENTRIES.filter((x) => x.kind === 'struct' && x.sType >= 0)) expect(STRUCT_BY_STYPE[e.sType], e.name).toBe(e.name);
    expect(Object.keys(STRUCT_BY_STYPE).length).toBeGreaterThan(1000);
    expect(STRUCT_BY_STYPE[1000071004]).toBe('VkPhysicalDeviceIDProperties'); // an exception to the rule
    expect(STRUCT_BY_STYPE[1000074000]).toBe('VkImportMemoryFdInfoKHR');
  });
});
