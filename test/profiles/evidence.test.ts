// An illustrative profile says what it is shaped after: its provenance lists public facts (id, the fact
// in our words, where it was stated, how sure it is), and each answer cites the ids it rests on. A
// citation of a fact the profile does not list is refused, naming the place; `profile show` prints the
// facts and each answer's citations. The Dozen profile is written this way, from its public source.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadProfile } from '../../src/profiles/load.js';
import { InputError } from '../../src/core/errors.js';

const FILE = 'profiles/illustrative-windows-dozen.profile.json';
const text = readFileSync(FILE, 'utf8');

describe('citations in an illustrative profile', () => {
  it('every answer of the Dozen profile cites facts it lists, each with a source address and a confidence', () => {
    const p = loadProfile(text, FILE);
    expect(p.provenance.kind).toBe('illustrative');
    const sources = p.provenance.kind === 'illustrative' ? p.provenance.sources ?? [] : [];
    expect(sources.length).toBeGreaterThanOrEqual(10);
    for (const s of sources) expect(s.url).toMatch(/^https:\/\//);
    const answers = [...p.externalBuffer, ...p.externalImage, ...p.requirements.dedicated, ...p.handleProperties];
    expect(answers.every((a) => (a.evidence ?? []).length > 0)).toBe(true);
    // What the facts say, as the profile answers it: no KMT at all, D3D11 textures dedicated-only, host pointers at 64 KiB.
    expect(p.externalImage.find((a) => a.handleType === 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT' && a.tiling === undefined)).toMatchObject({ result: 'VK_ERROR_FORMAT_NOT_SUPPORTED', evidence: ['B8', 'C4'] });
    expect(p.requirements.dedicated.find((r) => r.resource === 'image')).toMatchObject({ requiresDedicated: true, evidence: ['B4', 'B5'] });
    expect(p.device.minImportedHostPointerAlignment).toBe(65536);
    expect(p.extensions.some((e) => /keyed_mutex|_NV_/.test(e))).toBe(false);
  });

  it('a citation of a fact the profile does not list is refused, naming the place', () => {
    const doc = JSON.parse(text);
    doc.externalBuffer[2].evidence = ['B10', 'Z9'];
    let err: unknown;
    try { loadProfile(JSON.stringify(doc, null, 2), 'x.profile.json'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).where.path).toBe('externalBuffer[2].evidence[1]');
    expect((err as InputError).message).toMatch(/cites "Z9", which is not among provenance\.sources \(A2, B4, /);
  });

  it('two sources with one id are refused', () => {
    const doc = JSON.parse(text);
    doc.provenance.sources.push({ ...doc.provenance.sources[0] });
    expect(() => loadProfile(JSON.stringify(doc), 'x.profile.json')).toThrow(/"A2" is already the id of an earlier source/);
  });

  it('profile show lists the facts with their addresses, and each answer its citations', () => {
    const r = spawnSync(process.execPath, ['bin/vk-extmem.js', 'profile', 'show', 'illustrative-windows-dozen'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^shaped after these public facts \(not measured by us; entries cite them in brackets\)$/m);
    expect(r.stdout).toMatch(/^ {2}B8 +maintainer +An image with OPAQUE_WIN32_KMT or D3D11_TEXTURE_KMT is not handled/m);
    expect(r.stdout).toMatch(/^ +https:\/\/github\.com\/bminor\/mesa-mesa\/blob\/[0-9a-f]{40}\/src\/microsoft\/vulkan\/dzn_device\.c$/m);
    expect(r.stdout).toMatch(/image with D3D11_TEXTURE\|D3D12_RESOURCE: requires a dedicated allocation \[B4, B5\]/);
    expect(r.stdout).toMatch(/handle properties: memoryTypeBits 0x1 \(types 0\) \[D13\]/);
  });
});
