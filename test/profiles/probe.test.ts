// The built-in lavapipe profile is a measurement, not a copy: CI rebuilds the probe, measures lavapipe
// again and compares, so a driver update that changes an answer is noticed. Only the date and the machine
// may differ.
import { describe, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itNeeds } from '../helpers/system.js';
import { loadProfile } from '../../src/profiles/load.js';
import { diffProfiles, formatDiffText } from '../../src/profiles/diff.js';
import type { NormalizedProfile } from '../../src/profiles/types.js';

const icdDir = '/usr/share/vulkan/icd.d';
const hasLavapipe = existsSync(icdDir) && readdirSync(icdDir).some((f) => /^lvp_icd\..*\.json$/.test(f));
const hasGcc = spawnSync('gcc', ['--version']).status === 0;
const hasHeaders = existsSync('/usr/include/vulkan/vulkan.h');
const ready = hasLavapipe && hasGcc && hasHeaders;
const missing = [!hasGcc && 'gcc', !hasHeaders && 'libvulkan-dev (vulkan.h)', !hasLavapipe && 'lavapipe (mesa-vulkan-drivers)'].filter(Boolean).join(', ');

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

describe('lavapipe profile', () => {
  itNeeds(ready, `needs ${missing || 'nothing'}`)('a fresh measurement equals profiles/lavapipe.profile.json (except date and system)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'vkx-probe-')), 'lavapipe.profile.json');
    const r = spawnSync('scripts/measure-profile.sh', ['--lavapipe', '--out', out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const fresh = loadProfile(readFileSync(out, 'utf8'), out);
    const committed = loadProfile(readFileSync('profiles/lavapipe.profile.json', 'utf8'), 'profiles/lavapipe.profile.json');
    const d = diffProfiles(comparable(committed), comparable(fresh));
    // The diff names what changed; re-measure with scripts/measure-profile.sh --lavapipe --out profiles/lavapipe.profile.json.
    expect(d.identical, formatDiffText(d)).toBe(true);
    expect(comparable(fresh)).toEqual(comparable(committed));
    expect(fresh.provenance).toMatchObject({ kind: 'measured', tool: 'scripts/profile-probe (vk-extmem)' });
  }, 120_000);
});

// SwiftShader, the second CPU driver, ships in Debian's chromium package.
const swiftshaderIcd = '/usr/lib/chromium/vk_swiftshader_icd.json';
const swiftReady = existsSync(swiftshaderIcd) && hasGcc && hasHeaders;

describe('swiftshader profile', () => {
  itNeeds(swiftReady, `needs ${[!existsSync(swiftshaderIcd) && 'chromium (SwiftShader)', !hasGcc && 'gcc', !hasHeaders && 'libvulkan-dev'].filter(Boolean).join(', ') || 'nothing'}`)('a fresh measurement equals profiles/swiftshader.profile.json (except date and system)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'vkx-probe-')), 'swiftshader.profile.json');
    const committed = loadProfile(readFileSync('profiles/swiftshader.profile.json', 'utf8'), 'profiles/swiftshader.profile.json');
    const r = spawnSync('scripts/measure-profile.sh', ['--name', 'swiftshader', '--title', committed.title, '--out', out], { encoding: 'utf8', env: { ...process.env, VK_ICD_FILENAMES: swiftshaderIcd } });
    expect(r.status, r.stderr).toBe(0);
    const fresh = loadProfile(readFileSync(out, 'utf8'), out);
    const d = diffProfiles(comparable(committed), comparable(fresh));
    expect(d.identical, formatDiffText(d)).toBe(true);
    expect(comparable(fresh)).toEqual(comparable(committed));
  }, 120_000);
});
