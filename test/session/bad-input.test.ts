// Bad scenarios on the mock: unknown processes and handles, handles of the wrong kind, names over the
// Win32 limit, sizes out of range, and seeded random damage to library scenarios. Each gives a finding
// or a clear InputError; the simulation never throws anything else and its invariants always hold.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createValidator } from '../../src/index.js';
import { parseScenario } from '../../src/input/scenario.js';
import { runScenario } from '../../src/session/run-scenario.js';
import { createMockBackend } from '../../src/backends/mock/index.js';
import { builtinProfiles } from '../../src/profiles/builtin.js';
import { InputError } from '../../src/core/errors.js';
import { listScenarios } from '../../src/cli/demo.js';
import type { Validator } from '../../src/validator.js';

let v: Validator;
beforeAll(async () => { v = await createValidator(); });
const files = listScenarios(fileURLToPath(new URL('../../scenarios', import.meta.url)));

/** Runs scenario text on every built-in profile; returns 'ran' or the InputError text. */
function attempt(text: string): string[] {
  return builtinProfiles().map((profile) => {
    const backend = createMockBackend([profile]);
    const broken: string[] = [];
    try {
      const sc = parseScenario(text, 'bad.scenario.json');
      runScenario(v, sc, 'bad.scenario.json', backend, { profile, afterStep: () => broken.push(...backend.checkInvariants()) });
      return 'ran';
    } catch (e) {
      if (e instanceof InputError) return `input error: ${e.describe()}`;
      throw new Error(`${profile.profile}: not an InputError: ${(e as Error).stack}`);
    } finally {
      expect(broken, `${profile.profile}: mock invariants`).toEqual([]);
    }
  });
}

function mutate(doc: unknown, rnd: () => number): unknown {
  const nasty = [-1, 0, 2 ** 53, 1e300, -(2 ** 31), 'VK_NULL_HANDLE', 'nobody', 'x'.repeat(40000), '0xffffffffffffffff', null, [], {}, true, 'proc-zzz'];
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(x)) o[k] = k !== 'sType' && k !== 'name' && rnd() < 0.04 ? nasty[Math.floor(rnd() * nasty.length)] : walk(val);
      return o;
    }
    return x;
  };
  return walk(doc);
}

describe('bad scenarios on the mock', () => {
  const base = JSON.parse(readFileSync(files.find((f) => f.includes('opaque_win32.cross_process'))!, 'utf8'));
  const step = (s: Record<string, unknown>) => ({ ...base, steps: [...base.steps.slice(0, 12), s] });
  it('a name over the Win32 limit, an unknown process, a handle of the wrong kind: findings or errors, no crash', () => {
    for (const s of [
      { os: { name: 'OpenSharedHandleByName', args: { lpName: 'N'.repeat(40000), dwAccess: 0, pHandle: 'h9' } }, process: 'B' },
      { os: { name: 'DuplicateHandle', args: { hSourceProcessHandle: 'nobody', hSourceHandle: '0x1a4', hTargetProcessHandle: 'B', lpTargetHandle: 'h8', dwOptions: 2 } } },
      { os: { name: 'CloseHandle', args: { hObject: 'memA' } } },
      { os: { name: 'close', args: { fd: '0x1a4' } } },
      { os: { name: 'D3D12CreateHeap', args: { adapterLUID: '$luid', sizeInBytes: 2 ** 60, flags: 1, ppHeap: 'huge' } } },
      { vkFunc: { name: 'vkFreeMemory', args: { device: 'devA', memory: '0x1a4', pAllocator: null } } },
      { vkFunc: { name: 'vkAllocateMemory', return: 'VK_SUCCESS', args: { device: 'devA', pAllocateInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', pNext: null, allocationSize: 2 ** 50, memoryTypeIndex: 31 }, pAllocator: null, pMemory: 'm' } } },
    ]) {
      const out = attempt(JSON.stringify(step(s)));
      for (const o of out) expect(o === 'ran' || /^input error: .*bad\.scenario\.json:\d+: /.test(o), o).toBe(true);
    }
  });
  it('seeded random damage to the library never crashes the simulation (seed printed on failure)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      let s = seed * 2654435761 % 2 ** 32;
      const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const file = files[seed % files.length];
      const text = JSON.stringify(mutate(JSON.parse(readFileSync(file, 'utf8')), rnd));
      try {
        attempt(text);
      } catch (e) {
        throw new Error(`seed ${seed} on ${file}: ${(e as Error).message}`);
      }
    }
  });
});
