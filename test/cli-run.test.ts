// vk-extmem run: timelines, formats, profiles, exit codes.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { cli, tempFile } from './helpers/cli.js';

const CROSS = 'scenarios/cts/opaque_win32.cross_process.scenario.json';
const FD = 'scenarios/cts/opaque_fd.suballocated.device_only.import_twice.scenario.json';

describe('vk-extmem run', () => {
  it('prints a timeline with lanes per process and passes', () => {
    const r = cli(['run', CROSS]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/opaque_win32\.cross_process {2}on mock · profile illustrative-windows-discrete/);
    expect(r.stdout).toMatch(/ILLUSTRATIVE/);
    expect(r.stdout).toMatch(/DuplicateHandle\s+TRUE\s+NT handle 0x2f0 duplicated from A:0x1a4/);
    expect(r.stdout).toMatch(/^ {4}B {8}15 calls, 1 handles made, 1 closed, 1 imported/m);
    expect(r.stdout).toMatch(/expectations: 12 passed, 0 failed → PASSED/);
  });
  it('--profile all runs on every built-in profile and reports the ones that cannot run it', () => {
    const r = cli(['run', FD, '--profile', 'all', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/NOT SUPPORTED not supported by this profile: profile illustrative-windows-discrete does not offer VK_KHR_external_memory_fd/);
    expect(r.stdout).toMatch(/7 runs: 3 passed, 0 failed, 4 not supported by their profile/);
  });
  it('--format json gives the whole timeline; junit one case per scenario with unsupported ones skipped', () => {
    const j = JSON.parse(cli(['run', CROSS, '--format', 'json']).stdout);
    expect(j.runs[0]).toMatchObject({ scenario: 'opaque_win32.cross_process', backend: 'mock', profile: 'illustrative-windows-discrete', status: 'passed' });
    expect(j.runs[0].steps.find((s: { name: string }) => s.name === 'DuplicateHandle').events[0].kind).toBe('handle-duplicated');
    const x = cli(['run', FD, '--profile', 'all', '--format', 'junit']).stdout;
    expect(x).toMatch(/<testsuites name="vk-extmem run" tests="7" failures="0" skipped="4">/);
    expect((x.match(/<skipped message="not supported by this profile/g) ?? []).length).toBe(4);
  });
  it('a failed expectation exits 1 and says which; --backend none validates as written', () => {
    const doc = JSON.parse(readFileSync(CROSS, 'utf8'));
    doc.steps[20].expect = { report: ['VUID-VkMemoryAllocateInfo-allocationSize-01743'] };
    const file = tempFile(JSON.stringify(doc, null, 2), '.scenario.json');
    const r = cli(['run', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/EXPECTATION FAILED: VUID-VkMemoryAllocateInfo-allocationSize-01743 reported/);
    expect(cli(['run', CROSS, '--backend', 'none']).stdout).toMatch(/as written \(no backend\)/);
  });
  it('bad usage and input exit 2 with a clear message', () => {
    expect(cli(['run']).code).toBe(2);
    const p = cli(['run', CROSS, '--profile', 'no-such']);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/no-such/);
    expect(cli(['run', 'missing.scenario.json']).stderr).toMatch(/no such file or directory: missing\.scenario\.json/);
    const bad = cli(['run', tempFile('{"scenario": "x", "steps": [{"vkFunc": {"name": "vkAllocateMemory", "args": {"pAllocateInfo": {"allocationSize": "$size(nothing)"}}}}]}', '.scenario.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/\.scenario\.json:1: vkFunc\.args\.pAllocateInfo\.allocationSize: "\$size\(nothing\)": no memory requirements/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
