// The scenario library on real drivers (lavapipe and SwiftShader) through the native backend, and the
// cross-check against the model loaded with each driver's measured profile. The known deviations of each
// driver are pinned here (and listed in the README), so a driver or model change is noticed.
import { describe, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { itNeeds } from '../helpers/system.js';

const addon = existsSync('native/build/Release/vkextmem.node');
const DRIVERS = [
  ['lavapipe', '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json', 'mesa-vulkan-drivers'],
  ['swiftshader', '/usr/lib/chromium/vk_swiftshader_icd.json', 'chromium'],
] as const;

/** Both drivers answer VK_SUCCESS with no features for image handle types they cannot use. */
const KNOWN_DEVIATIONS = [5, 6, 7, 8].map((call) => `image.info.handle_types_a_driver_may_lack call ${call}: image-unsupported-error`);
const requirementOf = (what: string) => /\(([\w-]+)\)$/.exec(what)?.[1] ?? what;

const cli = (args: string[], icd: string) => spawnSync(process.execPath, ['bin/vk-extmem.js', ...args], { encoding: 'utf8', env: { ...process.env, VK_ICD_FILENAMES: icd, NO_COLOR: '1' }, maxBuffer: 64 << 20 });

for (const [name, icd, pkg] of DRIVERS) {
  const ready = addon && existsSync(icd);
  const missing = [!addon && 'the native addon (npm run build:native)', !existsSync(icd) && `${name} (${pkg})`].filter(Boolean).join(', ');
  describe(`${name} through the native backend`, () => {
    itNeeds(ready, `needs ${missing || 'nothing'}`)('runs every scenario the driver supports with every expectation met', () => {
      const r = cli(['run', 'scenarios', '--backend', 'native', '--format', 'json'], icd);
      expect(r.status, r.stderr).toBe(0);
      const runs = JSON.parse(r.stdout).runs as Array<{ scenario: string; status: string }>;
      expect(runs.filter((x) => x.status === 'failed').map((x) => x.scenario)).toEqual([]);
      expect(runs.filter((x) => x.status === 'passed').length).toBeGreaterThanOrEqual(30);
    }, 300_000);
    itNeeds(ready, `needs ${missing || 'nothing'}`)('agrees with the model on every call; its only spec deviations are the known ones', () => {
      const r = cli(['crosscheck', '--format', 'json'], icd);
      expect([0, 1]).toContain(r.status);
      const results = JSON.parse(r.stdout).results as Array<{ scenario: string; status: string; disagreements: Array<{ call: number; kind: string; what: string; driver: string; model: string }> }>;
      const all = results.flatMap((x) => x.disagreements.map((d) => ({ ...d, scenario: x.scenario })));
      expect(all.filter((d) => d.kind !== 'spec').map((d) => `${d.scenario} call ${d.call} ${d.kind} ${d.what}: driver ${d.driver}, model ${d.model}`)).toEqual([]);
      expect(all.filter((d) => d.kind === 'spec').map((d) => `${d.scenario} call ${d.call}: ${requirementOf(d.what)}`)).toEqual(KNOWN_DEVIATIONS);
      expect(results.filter((x) => x.status === 'compared').length).toBeGreaterThanOrEqual(30);
    }, 300_000);
    itNeeds(ready, `needs ${missing || 'nothing'}`)('with --unsafe (invalid calls passed too) the spec deviations are still only the known ones', () => {
      // Invalid usage is never a deviation, and a call the addon did not pass as written (an fd the
      // process does not own, replaced) is not judged at all.
      const r = cli(['crosscheck', '--unsafe', '--format', 'json'], icd);
      expect([0, 1]).toContain(r.status);
      const results = JSON.parse(r.stdout).results as Array<{ scenario: string; disagreements: Array<{ call: number; kind: string; what: string }> }>;
      const spec = results.flatMap((x) => x.disagreements.filter((d) => d.kind === 'spec').map((d) => `${x.scenario} call ${d.call}: ${requirementOf(d.what)}`));
      expect(spec).toEqual(KNOWN_DEVIATIONS);
    }, 300_000);
  });
}
