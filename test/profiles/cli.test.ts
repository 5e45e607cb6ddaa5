// vk-extmem profile list|show|diff: output, exit status, and ILLUSTRATIVE wherever an illustrative profile appears.
import { describe, it, expect } from 'vitest';
import { cli, tempFile } from '../helpers/cli.js';
import { smallProfile, text } from './fixture.js';

const noStack = /\n\s+at .+:\d+:\d+/;

describe('profile list', () => {
  it('lists the built-ins with platform, device, provenance and title', () => {
    const r = cli(['profile', 'list']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^name\s+platform\s+device\s+provenance\s+title$/);
    expect(r.stdout).toMatch(/^lavapipe\s+linux\s+llvmpipe .*\s+measured\s+/m);
    expect(r.stdout).toMatch(/^illustrative-windows-discrete\s+windows\s+Illustrative discrete GPU \(NVIDIA-like\)\s+ILLUSTRATIVE\s+/m);
    expect(r.stdout).toMatch(/^illustrative-windows-integrated\s+windows\s+.*\s+ILLUSTRATIVE\s+/m);
    expect(r.stdout).toMatch(/7 built-in profiles\. ILLUSTRATIVE profiles are written by hand, not measured/);
  });

  it('--format json gives summaries with the provenance line', () => {
    const r = cli(['profile', 'list', '--format', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Array<{ profile: string; provenance: string; provenanceLine: string }>;
    expect(list.map((x) => [x.profile, x.provenance])).toEqual([['lavapipe', 'measured'], ['swiftshader', 'measured'], ['nvidia-h200-linux', 'measured'], ['illustrative-windows-discrete', 'illustrative'], ['illustrative-windows-integrated', 'illustrative'], ['illustrative-windows-amd', 'illustrative'], ['illustrative-windows-dozen', 'illustrative']]);
    expect(list[3].provenanceLine).toMatch(/^ILLUSTRATIVE — written by hand, not measured: /);
  });
});

describe('profile show', () => {
  it('prints identity, provenance, memory, extensions, requirements, dedicated rules and answers per handle type', () => {
    const r = cli(['profile', 'show', 'illustrative-windows-discrete']);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout;
    expect(out.split('\n')[0]).toBe('illustrative-windows-discrete: Illustrative NVIDIA-style discrete GPU on Windows (written by hand, not measured)');
    expect(out.split('\n')[1]).toMatch(/^ {2}ILLUSTRATIVE — written by hand, not measured: Shaped after/);
    // UUIDs and the LUID in hex, as tools print them (the file keeps dash-separated decimal bytes).
    expect(out).toMatch(/^ {2}deviceLUID\s+abcd010000000000 \(valid\)$/m);
    expect(out).toMatch(/^ {2}deviceUUID\s+[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/m);
    expect(out).toMatch(/^ {2}type 3 +heap 0 {2}DEVICE_LOCAL\|HOST_VISIBLE\|HOST_COHERENT$/m);
    expect(out).toMatch(/^ {2}VK_NV_external_memory_win32$/m);
    expect(out).toMatch(/^ {2}image with D3D11_TEXTURE\|D3D11_TEXTURE_KMT\|D3D12_RESOURCE: requires a dedicated allocation \[D1, D2\]$/m);
    expect(out).toMatch(/^ {4}image {3}R8G8B8A8_UNORM, 2D, OPTIMAL, usage any, flags none: VK_SUCCESS, DEDICATED_ONLY\|IMPORTABLE; compatible D3D11_TEXTURE; export from imported none \[D1, D2, H1\]$/m);
    expect(out).toMatch(/^ {4}handle properties: memoryTypeBits 0x9 \(types 0, 3\) \[D8\]$/m);
    // The flagless types NVIDIA lists: plain resources may use them, external ones may not (a rule that narrows).
    expect(out).toMatch(/^ {2}type 4 +heap 1 {2}none$/m);
    expect(out).toMatch(/^ {2}image with OPAQUE_WIN32\|.*\|D3D12_RESOURCE: neither prefers nor requires a dedicated allocation; memoryTypeBits 0xf \(types 0, 1, 2, 3\) \[D8\]$/m);
    expect(out).toMatch(/^NV handle types/m);
    expect(out.trimEnd().split('\n').at(-1)).toBe('illustrative-windows-discrete is ILLUSTRATIVE: written by hand, not measured on any driver.');
  });

  it('a measured profile shows its measurement and folds handle types with no support into one line', () => {
    const r = cli(['profile', 'show', 'lavapipe']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}measured on llvmpipe .* by vk-extmem profile capture \(native backend\)/m);
    expect(r.stdout).not.toMatch(/ILLUSTRATIVE/);
    expect(r.stdout).toMatch(/^ {2}every answer says not supported: OPAQUE_WIN32, OPAQUE_WIN32_KMT, D3D11_TEXTURE, /m);
    expect(r.stdout).toMatch(/^ {2}OPAQUE_FD$/m);
  });

  it('--format json is the normalized profile, flags as numbers', () => {
    const r = cli(['profile', 'show', 'illustrative-windows-integrated', '--format', 'json']);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.provenance.kind).toBe('illustrative');
    expect(p.memory.types[1]).toEqual({ propertyFlags: 7, heapIndex: 0 });
    expect(typeof p.externalBuffer[0].externalMemoryFeatures).toBe('number');
  });

  it('reads a profile file by path', () => {
    const path = tempFile(text(smallProfile()), '.profile.json');
    const r = cli(['profile', 'show', path]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`source: ${path}\n`);
    expect(r.stdout).toMatch(/ILLUSTRATIVE — written by hand, not measured: made up for the tests/);
  });

  it('an unknown name: exit 2 and the built-in names', () => {
    const r = cli(['profile', 'show', 'rtx-9090']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('vk-extmem profile: error: unknown profile "rtx-9090": the built-in profiles are lavapipe, swiftshader, nvidia-h200-linux, illustrative-windows-discrete, illustrative-windows-integrated, illustrative-windows-amd, illustrative-windows-dozen; or give the path of a .profile.json file\n');
  });

  it('a broken file: exit 2 naming file, line, member and value, no stack trace', () => {
    const bad = text(smallProfile()).replace('"VK_MEMORY_HEAP_DEVICE_LOCAL_BIT"', '"VK_MEMORY_HEAP_DEVICE_LOCAL"');
    const path = tempFile(bad, '.profile.json');
    const r = cli(['profile', 'show', path]);
    expect(r.code).toBe(2);
    const line = bad.slice(0, bad.indexOf('VK_MEMORY_HEAP_DEVICE_LOCAL"')).split('\n').length;
    expect(r.stderr).toBe(`vk-extmem profile: error: ${path}:${line}: memory.heaps[0].flags[0]: "VK_MEMORY_HEAP_DEVICE_LOCAL" is not a VkMemoryHeapFlagBits value\n`);
    expect(r.stderr).not.toMatch(noStack);
  });

  it('a file that is not JSON, and a file that is missing', () => {
    const path = tempFile('{ "profile": nope }\n', '.profile.json');
    expect(cli(['profile', 'show', path]).stderr).toBe(`vk-extmem profile: error: ${path}:1: not valid JSON (column 14): expected a value (an object, array, string, number, true, false or null)\n`);
    const r = cli(['profile', 'show', 'missing/dir/x.profile.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('vk-extmem profile: error: missing/dir/x.profile.json: cannot read the profile: no such file\n');
  });
});

describe('profile diff', () => {
  it('identical profiles: exit 0', () => {
    const r = cli(['profile', 'diff', 'lavapipe', 'lavapipe']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^identical: the two profiles answer every question the same way/m);
  });

  it('different profiles: exit 1, differences by path and per handle type, provenance of both', () => {
    const r = cli(['profile', 'diff', 'illustrative-windows-discrete', 'illustrative-windows-integrated']);
    expect(r.code).toBe(1);
    const out = r.stdout;
    expect(out).toMatch(/^a: illustrative-windows-discrete/m);
    expect(out.match(/^ {3}ILLUSTRATIVE — written by hand, not measured/gm)).toHaveLength(2);
    expect(out).toMatch(/^ {2}device\.deviceType: VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU → VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU$/m);
    // Memory types are named by their flags and paired with the other profile's type of the same flags.
    expect(out).toMatch(/^ {2}memory\.types\[HOST_VISIBLE\|HOST_COHERENT\]: only in a: heap none$/m);
    expect(out).not.toMatch(/memory\.types\[DEVICE_LOCAL\|HOST_VISIBLE\|HOST_COHERENT\]/);
    // UUIDs and LUIDs in hex.
    expect(out).toMatch(/^ {2}device\.deviceUUID: 6578746d-656d-2d64-6973-637265746500 → 6578746d-656d-2d75-6d61-2d6967707500$/m);
    expect(out).toMatch(/^ {2}device\.deviceLUID: abcd010000000000 → cdab020000000000$/m);
    expect(out).toMatch(/^ {2}- VK_NV_external_memory_win32 {2}\(only in a\)$/m);
    expect(out).toMatch(/^ {2}\+ VK_EXT_external_memory_host {2}\(only in b\)$/m);
    expect(out).toMatch(/^ {2}memory\.types\[none #2\]: only in a: heap none$/m);
    expect(out).toMatch(/^handle type OPAQUE_WIN32\n {2}dedicated\[buffer, OPAQUE_WIN32\]\.memoryTypeBits: 0xf \(types 0, 1, 2, 3\) → \(absent\)$/m);
    expect(out).toMatch(/^ {2}externalBuffer\[OPAQUE_WIN32, usage any, flags none\]\.exportFromImportedHandleTypes: OPAQUE_WIN32\|OPAQUE_WIN32_KMT → OPAQUE_WIN32$/m);
    expect(out).toMatch(/^ {2}handleProperties\[D3D11_TEXTURE\]\.memoryTypeBits: 0x1 \(types 0\) → 0x7 \(types 0, 1, 2\)$/m);
    expect(out).toMatch(/^handle type D3D11_IMAGE \(NV\)$/m);
    expect(out).toMatch(/^\d+ differences \(names, titles and provenance are not compared\)\.$/m);
  });

  it('--format json: entries with section, handle type, path and both values', () => {
    const r = cli(['profile', 'diff', 'illustrative-windows-discrete', 'illustrative-windows-integrated', '--format', 'json']);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout);
    expect(d.identical).toBe(false);
    expect(d.a).toMatchObject({ profile: 'illustrative-windows-discrete', provenance: 'illustrative' });
    expect(d.extensions.removed).toContain('VK_NV_external_memory');
    expect(d.differences).toContainEqual({ section: 'dedicated', handleType: 'OPAQUE_WIN32', path: 'dedicated[image, OPAQUE_WIN32].prefersDedicated', a: true, b: false });
    expect(d.differences).toContainEqual({ section: 'memory', path: 'memory.types[none]', a: { heap: 'none' }, kind: 'entry', summary: 'heap none' });
  });

  it('a changed answer in a copy of a profile is found', () => {
    const p = smallProfile();
    const q = smallProfile();
    q.externalBuffer[0].externalMemoryFeatures = ['VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT'];
    q.externalBuffer.reverse(); // order does not matter
    const r = cli(['profile', 'diff', tempFile(text(p), '.profile.json'), tempFile(text(q), '.profile.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^handle type OPAQUE_WIN32\n {2}externalBuffer\[OPAQUE_WIN32, usage TRANSFER_SRC\|TRANSFER_DST, flags any\]\.externalMemoryFeatures: EXPORTABLE\|IMPORTABLE → IMPORTABLE\n1 difference /m);
  });

  it('usage errors: exit 2', () => {
    expect(cli(['profile', 'diff', 'lavapipe']).stderr).toBe('vk-extmem profile: profile diff needs two profile names or files (see vk-extmem profile --help)\n');
    expect(cli(['profile', 'diff', 'lavapipe']).code).toBe(2);
    expect(cli(['profile']).code).toBe(2);
    expect(cli(['profile', 'frobnicate']).stderr).toBe('vk-extmem profile: unknown profile subcommand "frobnicate": use list, show, diff or capture\n');
    expect(cli(['profile', 'list', '--format', 'xml']).stderr).toBe('vk-extmem profile: --format must be one of text, json, not "xml"\n');
    expect(cli(['profile', 'diff', 'lavapipe', 'nope']).code).toBe(2);
  });

  it('--help and help profile', () => {
    const r = cli(['profile', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: vk-extmem profile list/);
    expect(cli(['help', 'profile']).stdout).toBe(r.stdout);
    expect(cli(['--help']).stdout).toMatch(/^ {2}profile {12}list, show, compare and capture device profiles/m);
  });
});
