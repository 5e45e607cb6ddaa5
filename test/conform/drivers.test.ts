// Every driver of test/fixtures/drivers/conformance-drivers.json judged by `vk-extmem conform` and
// compared with its pin (test/fixtures/drivers/<slug>/conformance.json): a driver that got fixed and a
// new deviation both fail here, with the difference listed. Drivers present here run live; the NVIDIA
// GPU's run is replayed from its recording. The README's "Known driver deviations" must be the one the
// pins generate (scripts/pin-conformance.mjs writes both).
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { itNeeds } from '../helpers/system.js';
import { knownDeviationsMarkdown } from '../../src/index.js';

interface DriverEntry { slug: string; title: string; how: string; icd?: string; libraryPath?: string; needs?: string; recording?: string }
const FIXTURES = 'test/fixtures/drivers';
const { drivers } = JSON.parse(readFileSync(join(FIXTURES, 'conformance-drivers.json'), 'utf8')) as { drivers: DriverEntry[] };
const addon = existsSync('native/build/Release/vkextmem.node');

function conform(d: DriverEntry) {
  const pin = join(FIXTURES, d.slug, 'conformance.json');
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  const args = ['bin/vk-extmem.js', 'conform', '--expect', pin, '--format', 'json'];
  if (d.recording) args.push('--replay', join(FIXTURES, d.slug, d.recording));
  else {
    env.VK_ICD_FILENAMES = d.icd;
    if (d.libraryPath) env.LD_LIBRARY_PATH = [d.libraryPath, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  }
  return spawnSync(process.execPath, args, { encoding: 'utf8', env, maxBuffer: 256 << 20 });
}

describe('real drivers against their pinned conformance', () => {
  it('the list names at least the four drivers the project pins, each with its pin', () => {
    expect(drivers.map((d) => d.slug)).toEqual(expect.arrayContaining(['lavapipe-22.3.6', 'swiftshader-chromium-156', 'lavapipe-25.0.7', expect.stringMatching(/^nvidia-/)]));
    for (const d of drivers) expect(existsSync(join(FIXTURES, d.slug, 'conformance.json')), d.slug).toBe(true);
  });

  for (const d of drivers) {
    const live = !d.recording;
    const ready = live ? addon && existsSync(d.icd!) : existsSync(join(FIXTURES, d.slug, d.recording!));
    const why = live ? `needs ${[!addon && 'the native addon (npm run build:native)', !existsSync(d.icd!) && `${d.title} (${d.needs})`].filter(Boolean).join(', ')}` : `needs the recording ${d.recording}`;
    itNeeds(ready, why)(`${d.title}: the run is as pinned, and its assertions cover every class`, () => {
      const r = conform(d);
      expect(r.stderr).toMatch(/the run is as pinned in/);
      expect(r.status, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as { driver: { deviceName: string }; assertions: Array<{ class: string; outcome: string }> };
      const pinned = JSON.parse(readFileSync(join(FIXTURES, d.slug, 'conformance.json'), 'utf8'));
      expect(report.driver.deviceName).toBe(pinned.driver.deviceName);
      for (const c of ['capability', 'ignored-when-zero', 'ownership', 'payload', 'error-path']) {
        expect(report.assertions.filter((a) => a.class === c && a.outcome !== 'not-applicable').length, c).toBeGreaterThan(0);
      }
    }, 300_000);
  }

  it('the README\'s Known driver deviations is the one the pins generate', async () => {
    const pins = drivers.map((d) => ({ title: d.title, how: d.how, pinned: JSON.parse(readFileSync(join(FIXTURES, d.slug, 'conformance.json'), 'utf8')) }));
    const readme = readFileSync('README.md', 'utf8');
    const start = '<!-- known-driver-deviations:start -->', end = '<!-- known-driver-deviations:end -->';
    const section = readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end));
    expect(section.trim()).toBe((await knownDeviationsMarkdown(pins)).trim());
    for (const d of drivers) expect(section).toContain(`**${d.title}**`);
  });
});
