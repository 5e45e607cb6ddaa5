// `vk-extmem conform` as a user runs it: report shapes (text, JSON, JUnit), exit statuses, bad usage,
// pinning and recording. The mock backend stands in for a driver here (--backend mock), which the
// command itself offers; real drivers are judged in drivers.test.ts.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = (args: string[]) => spawnSync(process.execPath, ['bin/vk-extmem.js', 'conform', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 << 20 });
const tmp = () => mkdtempSync(join(tmpdir(), 'vkx-conform-'));
/** A conformant stand-in (the hand-written Windows profile), and one with lavapipe's measured answers. */
const CLEAN = ['--backend', 'mock', '--profile', 'illustrative-windows-discrete'];
const LAVAPIPE = ['--backend', 'mock', '--profile', 'lavapipe'];

interface Report {
  driver: Record<string, string>;
  assertions: Array<Record<string, string>>;
  summary: Record<string, Record<string, number>>;
}

describe('vk-extmem conform: reports and exit statuses', () => {
  it('--help names every class, outcome and option', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    for (const w of ['capability', 'ignored-when-zero', 'ownership', 'payload', 'error-path', 'deviation', 'hazard', 'not-applicable', '--device', '--class', '--format', '--output', '--pin', '--expect', '--record', '--replay']) expect(r.stdout).toContain(w);
  });

  it('JSON: the driver, every assertion with its citation, and counts per class and outcome; exit 0 with no deviation', () => {
    const r = cli([...CLEAN, '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Report;
    expect(j.driver).toMatchObject({ name: expect.any(String), version: expect.any(String), apiVersion: expect.stringMatching(/^1\.\d+\.\d+$/), deviceName: 'Illustrative discrete GPU (NVIDIA-like)' });
    expect(j.assertions.length).toBeGreaterThan(5000);
    for (const a of j.assertions.slice(0, 50)) {
      expect(Object.keys(a)).toEqual(expect.arrayContaining(['id', 'class', 'command', 'handleType', 'required', 'observed', 'outcome', 'rule', 'url']));
      expect(a.url).toMatch(/^https:\/\/registry\.khronos\.org\/vulkan\/specs\/latest\/html\/vkspec\.html#\w/);
    }
    expect(new Set(j.assertions.map((a) => a.id)).size).toBe(j.assertions.length);
    for (const c of ['capability', 'ignored-when-zero', 'ownership', 'payload', 'error-path']) {
      for (const o of ['pass', 'deviation', 'hazard', 'not-applicable']) expect(j.summary[c][o]).toBe(j.assertions.filter((a) => a.class === c && a.outcome === o).length);
      expect(j.summary[c].pass).toBeGreaterThan(0);
    }
    expect(j.assertions.filter((a) => a.outcome === 'deviation' || a.outcome === 'hazard')).toEqual([]);
  }, 60_000);

  it('a driver answering VK_SUCCESS with no feature for an unusable image handle type: exit 1, the deviation cited', () => {
    const r = cli([...LAVAPIPE, '--class', 'capability', '--format', 'json']);
    expect(r.status, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout) as Report;
    const dev = j.assertions.filter((a) => a.outcome === 'deviation');
    expect(dev.length).toBeGreaterThan(0);
    expect(dev.every((a) => a.rule === 'image-unsupported-error' && a.class === 'capability')).toBe(true);
    expect(dev[0]).toMatchObject({ command: 'vkGetPhysicalDeviceImageFormatProperties2', url: expect.stringMatching(/#VkPhysicalDeviceExternalImageFormatInfo$/), observed: expect.stringMatching(/VK_SUCCESS/) });
    expect(new Set(j.assertions.map((a) => a.class))).toEqual(new Set(['capability']));
  }, 60_000);

  it('text: deviations grouped by requirement and handle type, then a summary per class', () => {
    const r = cli([...LAVAPIPE, '--class', 'capability']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^driver: llvmpipe/);
    expect(r.stdout).toMatch(/^DEVIATION  capability\/image-unsupported-error\/D3D11_TEXTURE\/\* \(\d+: /m);
    expect(r.stdout).toMatch(/^ {4}see: https:\/\/registry\.khronos\.org\/.*#VkPhysicalDeviceExternalImageFormatInfo$/m);
    expect(r.stdout).toMatch(/^capability +\d+ +\d+ +\d+ +\d+ +\d+$/m);
    expect(r.stdout).toMatch(/^\d+ assertions in [\d.]+ s \([\d.]+ ms per assertion\): \d+ deviations/m);
    // Not a terminal: no progress bar on stderr.
    expect(r.stderr).toBe('');
  }, 60_000);

  it('JUnit: one test case per assertion, a failure per deviation, skipped for not-applicable', () => {
    const dir = tmp();
    const out = join(dir, 'conform.xml');
    const r = cli([...LAVAPIPE, '--class', 'capability,ownership', '--format', 'junit', '--output', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const xml = readFileSync(out, 'utf8');
    const j = JSON.parse(cli([...LAVAPIPE, '--class', 'capability,ownership', '--format', 'json']).stdout) as Report;
    expect(xml.match(/<testcase /g)!.length).toBe(j.assertions.length);
    expect(xml.match(/<failure /g)!.length).toBe(j.assertions.filter((a) => a.outcome === 'deviation').length);
    expect(xml.match(/<skipped /g)?.length ?? 0).toBe(j.assertions.filter((a) => a.outcome === 'not-applicable').length);
    expect(xml).toMatch(/<testsuite name="ownership" tests="\d+" failures="0"/);
  }, 60_000);
});

describe('vk-extmem conform: bad usage is exit 2 with a message naming the value', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--class', 'capabilty'], /--class must be one of capability, ignored-when-zero, ownership, payload, error-path, not "capabilty"/],
    [['--format', 'xml'], /--format.*"xml"/],
    [['--device=-1'], /--device must be a physical device index, not "-1"/],
    [['--device', 'gpu0'], /--device must be a physical device index, not "gpu0"/],
    [['--backend', 'mock'], /needs --profile P/],
    [[...LAVAPIPE, '--device', '1'], /--device is for the native backend/],
    [['--profile', 'lavapipe'], /--profile is for --backend mock/],
    [['--replay', '/nonexistent/run.rec.gz'], /cannot read \/nonexistent\/run\.rec\.gz/],
    [['--replay', 'package.json'], /package\.json is not a gzipped conformance recording/],
    [['--replay', 'x.rec.gz', '--device', '0'], /--replay judges a recording: it takes no --backend, --profile, --device or --record/],
    [[...CLEAN, '--expect', 'package.json'], /package\.json is not a pin written by vk-extmem conform --pin/],
    [['--bogus'], /--bogus/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), () => {
      const r = cli(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  }
});

describe('vk-extmem conform: no driver', () => {
  it('a loader that finds no driver is exit 2 with the reason, not a stack trace', () => {
    const r = spawnSync(process.execPath, ['bin/vk-extmem.js', 'conform'], { encoding: 'utf8', env: { ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json', VK_DRIVER_FILES: '/nonexistent/icd.json' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^vk-extmem conform: .+/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });
});

describe('vk-extmem conform: pins and recordings', () => {
  it('--pin then --expect: the same run is as pinned (exit 0); a pin that differs lists each difference (exit 1)', () => {
    const dir = tmp();
    const pinFile = join(dir, 'pin.json');
    const args = [...LAVAPIPE, '--class', 'capability', '--format', 'json', '--output', join(dir, 'r.json')];
    expect(cli([...args, '--pin', pinFile]).status).toBe(1);
    const same = cli([...args, '--expect', pinFile]);
    expect(same.status, same.stderr).toBe(0);
    expect(same.stderr).toMatch(/the run is as pinned in/);
    // A deviation the pin does not hold (the driver got worse) and a count that moved.
    const p = JSON.parse(readFileSync(pinFile, 'utf8'));
    const group = Object.keys(p.notable).find((g) => g.startsWith('capability/image-unsupported-error/') && p.notable[g].deviation?.length)!;
    const dropped = p.notable[group].deviation.pop();
    writeFileSync(pinFile, JSON.stringify(p));
    const worse = cli([...args, '--expect', pinFile]);
    expect(worse.status).toBe(1);
    expect(worse.stderr).toContain(`${group}/${dropped}: deviation now (not pinned)`);
    // One the pin holds that the run no longer shows (the driver got fixed).
    p.notable[group].deviation.push(dropped, 'R64G64B64A64_SFLOAT/OPTIMAL/2D/0x1/0x0-not-a-real-case');
    writeFileSync(pinFile, JSON.stringify(p));
    const fixed = cli([...args, '--expect', pinFile]);
    expect(fixed.status).toBe(1);
    expect(fixed.stderr).toContain(`${group}/R64G64B64A64_SFLOAT/OPTIMAL/2D/0x1/0x0-not-a-real-case: pinned as deviation, no longer asserted`);
  }, 120_000);

  it('--record then --replay judges the same assertions with no driver; a recording the engine does not match stops with exit 2', () => {
    const dir = tmp();
    const rec = join(dir, 'run.rec.gz');
    const args = ['--class', 'ownership,payload', '--format', 'json'];
    const live = cli(['--backend', 'mock', '--profile', 'lavapipe', ...args, '--record', rec]);
    expect(live.status, live.stderr).toBe(0);
    expect(live.stderr).toMatch(/recorded \d+ calls in \d+ backends to /);
    const replay = cli([...args, '--replay', rec]);
    expect(replay.status, replay.stderr).toBe(0);
    const a = JSON.parse(live.stdout) as Report, b = JSON.parse(replay.stdout) as Report;
    expect(b.assertions.map((x) => [x.id, x.outcome, x.observed])).toEqual(a.assertions.map((x) => [x.id, x.outcome, x.observed]));
    expect(b.driver.backend).toMatch(/^replay of /);
    // The engine asks other questions than were recorded: a class the recording lacks.
    const other = cli(['--class', 'ignored-when-zero', '--format', 'json', '--replay', rec]);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/vk-extmem conform: .*(the engine called|recording ends|recording holds)/);
    // A recording whose calls were changed.
    const r = JSON.parse(gunzipSync(readFileSync(rec)).toString('utf8'));
    r.sessions[0][3][0] = 'vulkan.somethingElse';
    writeFileSync(rec, gzipSync(JSON.stringify(r)));
    const tampered = cli([...args, '--replay', rec]);
    expect(tampered.status).toBe(2);
    expect(tampered.stderr).toMatch(/the recording has vulkan\.somethingElse/);
    // Arguments that differ: the first mismatch is the one reported, not the dispose() that follows it.
    r.sessions[0][3][0] = 'vulkan.physicalDevices';
    const at = r.sessions[0].findIndex((e: [string, unknown[]]) => e[0] === 'vulkan.physicalDevices');
    r.sessions[0][at][1] = [5];
    writeFileSync(rec, gzipSync(JSON.stringify(r)));
    const args5 = cli([...args, '--replay', rec]);
    expect(args5.status).toBe(2);
    expect(args5.stderr).toMatch(new RegExp(`backend 1, call ${at + 1}: vulkan\\.physicalDevices was called with \\[0\\], recorded with \\[5\\]`));
  }, 120_000);
});
