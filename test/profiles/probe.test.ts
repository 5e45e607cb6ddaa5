// The built-in measured profiles are measurements, not copies: CI measures lavapipe and SwiftShader
// again through the native addon (vk-extmem profile capture) and compares, so a driver update that
// changes an answer is noticed. Only the date and the machine may differ.
import { describe, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itNeeds } from '../helpers/system.js';
import { loadProfile } from '../../src/profiles/load.js';
import { diffProfiles, formatDiffText } from '../../src/profiles/diff.js';
import type { NormalizedProfile } from '../../src/profiles/types.js';

const addon = existsSync('native/build/Release/vkextmem.node');

/**
 * What a re-measurement must reproduce: everything but when and where it ran. llvmpipe names the
 * CPU's vector width in its device name and sizes its heap from the machine's RAM, so those two are
 * checked for shape only: a CI machine is not this one.
 */
function comparable(p: NormalizedProfile): NormalizedProfile {
  const provenance = { ...p.provenance } as Record<string, unknown>;
  delete provenance.date;
  delete provenance.system;
  return {
    ...p, provenance: provenance as NormalizedProfile['provenance'], source: '',
    device: { ...p.device, deviceName: p.device.deviceName.replace(/\d+ bits/, 'N bits') },
    memory: { ...p.memory, heaps: p.memory.heaps.map((h) => ({ ...h, size: h.size > 0 ? 1 : 0 })) },
  };
}

for (const [name, icd, pkg] of [['lavapipe', '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json', 'mesa-vulkan-drivers'], ['swiftshader', '/usr/lib/chromium/vk_swiftshader_icd.json', 'chromium']] as const) {
  const ready = addon && existsSync(icd);
  const missing = [!addon && 'the native addon (npm run build:native)', !existsSync(icd) && `${name} (${pkg})`].filter(Boolean).join(', ');
  describe(`${name} profile`, () => {
    itNeeds(ready, `needs ${missing || 'nothing'}`)(`a fresh measurement equals profiles/${name}.profile.json (except date and system)`, () => {
      const out = join(mkdtempSync(join(tmpdir(), 'vkx-capture-')), `${name}.profile.json`);
      const committed = loadProfile(readFileSync(`profiles/${name}.profile.json`, 'utf8'), `profiles/${name}.profile.json`);
      const r = spawnSync(process.execPath, ['bin/vk-extmem.js', 'profile', 'capture', '--name', name, '--title', committed.title, '--out', out], { encoding: 'utf8', env: { ...process.env, VK_ICD_FILENAMES: icd } });
      expect(r.status, r.stderr).toBe(0);
      const fresh = loadProfile(readFileSync(out, 'utf8'), out);
      // The diff names what changed; to accept a driver change, run the command of profiles/README.md.
      const d = diffProfiles(comparable(committed), comparable(fresh));
      expect(d.identical, formatDiffText(d)).toBe(true);
      expect(comparable(fresh)).toEqual(comparable(committed));
      expect(fresh.provenance).toMatchObject({ kind: 'measured', tool: 'vk-extmem profile capture (native backend)' });
    }, 120_000);
  });
}
