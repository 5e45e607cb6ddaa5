// vk-extmem resolve: a situation built on the mock from a profile, the import resolved by the core, and
// the resolved import run back through the session clean — for every kind of source.
import { describe, it, expect, beforeAll } from 'vitest';
import { createValidator } from '../../src/index.js';
import { resolveRequest, checkRequest, type ResolveRequest } from '../../src/resolve/request.js';
import { runScenario } from '../../src/session/run-scenario.js';
import { createMockBackend } from '../../src/backends/mock/index.js';
import { builtinProfiles } from '../../src/profiles/builtin.js';
import { parseScenario } from '../../src/input/scenario.js';
import { cli, tempFile } from '../helpers/cli.js';
import { InputError } from '../../src/core/errors.js';
import type { Validator } from '../../src/validator.js';

let v: Validator;
beforeAll(async () => { v = await createValidator(); });
const profile = (n: string) => builtinProfiles().find((p) => p.profile === n)!;
const WIN = ['illustrative-windows-discrete', 'illustrative-windows-integrated'];

const CASES: Array<[string, ResolveRequest['source'], Partial<ResolveRequest>?]> = [
  ['Vulkan OPAQUE_WIN32', { kind: 'vulkan', handleType: 'OPAQUE_WIN32' }],
  ['Vulkan OPAQUE_WIN32, dedicated image, other process', { kind: 'vulkan', handleType: 'OPAQUE_WIN32', dedicated: true }, { process: 'other', resource: { image: { width: 64, height: 64 } } }],
  ['Vulkan OPAQUE_WIN32 by name', { kind: 'vulkan', handleType: 'OPAQUE_WIN32', byName: true }],
  ['Vulkan OPAQUE_WIN32_KMT, other process', { kind: 'vulkan', handleType: 'OPAQUE_WIN32_KMT' }, { process: 'other' }],
  ['D3D11 texture by NT handle', { kind: 'd3d11-texture', shared: 'nt' }],
  ['D3D11 texture by NT handle, other process', { kind: 'd3d11-texture', shared: 'nt' }, { process: 'other' }],
  ['D3D12 heap', { kind: 'd3d12-heap', size: 1 << 20 }],
  ['D3D12 heap by name', { kind: 'd3d12-heap', byName: true }],
  ['D3D12 committed resource', { kind: 'd3d12-resource' }],
];

/** The situation's calls, then the resolved vkAllocateMemory and the bind: a scenario. */
function replay(req: ResolveRequest, steps: ReturnType<typeof resolveRequest>['steps'], info: Record<string, unknown>, image: boolean) {
  const process = steps.at(-1)!.process;
  const device = `dev_${process ?? 'main'}`;
  const body = [
    ...steps.map((s) => ({ ...(s.process ? { process: s.process } : {}), [s.kind === 'vk' ? 'vkFunc' : 'os']: { name: s.name, args: s.args } })),
    { ...(process ? { process } : {}), vkFunc: { name: 'vkAllocateMemory', args: { device, pAllocateInfo: info, pAllocator: null, pMemory: 'imported' } } },
    { ...(process ? { process } : {}), vkFunc: { name: image ? 'vkBindImageMemory' : 'vkBindBufferMemory', args: { device, [image ? 'image' : 'buffer']: 'dstRes', memory: 'imported', memoryOffset: 0 } } },
  ];
  return parseScenario(JSON.stringify({ scenario: 'replay', steps: body }), 'replay');
}

describe('resolve requests on the mock', () => {
  for (const name of WIN) {
    for (const [label, source, extra] of CASES) {
      it(`${name}: ${label}: resolvable, and the resolved import runs with no error and the mock accepts it`, () => {
        const req: ResolveRequest = { profile: name, source, ...extra };
        if (source.kind === 'd3d11-texture' && name.endsWith('integrated') && source.shared === 'kmt') return;
        const { resolution, steps } = resolveRequest(v, req, profile(name));
        expect(resolution.problems.filter((p) => p.severity === 'error').map((p) => p.why.message)).toEqual([]);
        expect(resolution.ok).toBe(true);
        const image = steps.some((s) => s.name === 'vkCreateImage' && (s.args.pImage === 'dstRes'));
        const sc = replay(req, steps, resolution.allocateInfo, image);
        const backend = createMockBackend([profile(name)]);
        const run = runScenario(v, sc, 'replay', backend, { profile: profile(name) });
        const errors = run.findings.filter((f) => f.severity === 'error').map((f) => `${f.vuid}: ${f.message}`);
        expect(errors).toEqual([]);
        const alloc = run.steps.find((s) => s.name === 'vkAllocateMemory' && s.call === steps.length + 1)!;
        expect(alloc.result).toBe('VK_SUCCESS');
      });
    }
  }
  it('D3D12 heap: the size is the heap\'s, cited by VUID 00647; a D3D11 texture must be dedicated', () => {
    const heap = resolveRequest(v, { profile: WIN[0], source: { kind: 'd3d12-heap', size: 1 << 20 } }, profile(WIN[0])).resolution;
    expect(heap.allocationSize).toMatchObject({ mode: 'EXACT', value: 1 << 20 });
    expect(heap.allocationSize.why.vuid).toBe('VUID-VkMemoryAllocateInfo-allocationSize-00647');
    const tex = resolveRequest(v, { profile: WIN[0], source: { kind: 'd3d11-texture' } }, profile(WIN[0])).resolution;
    expect(tex.dedicated).toMatchObject({ required: true, target: 'dstRes', targetKind: 'image' });
    expect(tex.chain.map((c) => c.struct)).toEqual(expect.arrayContaining(['VkImportMemoryWin32HandleInfoKHR', 'VkMemoryDedicatedAllocateInfo']));
  });
  it('lavapipe: OPAQUE_FD and host pointers resolve; a D3D source has a problem that says why', () => {
    expect(resolveRequest(v, { profile: 'lavapipe', source: { kind: 'vulkan', handleType: 'OPAQUE_FD' } }, profile('lavapipe')).resolution.ok).toBe(true);
    expect(resolveRequest(v, { profile: 'lavapipe', source: { kind: 'host-pointer', size: 65536 } }, profile('lavapipe')).resolution.ok).toBe(true);
    const d3d = resolveRequest(v, { profile: 'lavapipe', source: { kind: 'd3d11-texture' } }, profile('lavapipe')).resolution;
    expect(d3d.ok).toBe(false);
    expect(d3d.problems.length).toBeGreaterThan(0);
  });
  it('checkRequest names the bad member', () => {
    const bad = (x: unknown) => { try { checkRequest(x); } catch (e) { return (e as InputError).describe(); } return 'accepted'; };
    expect(bad({ profile: 'p', source: { kind: 'd3d13' } })).toMatch(/^source\.kind: "d3d13" is not a source kind/);
    expect(bad({ profile: 'p', source: { kind: 'vulkan', handleType: 'OPAQUE_WIN64' } })).toMatch(/^source\.handleType: "OPAQUE_WIN64" is not a handle type/);
    expect(bad({ profile: 'p', source: { kind: 'd3d12-heap', size: -4 } })).toMatch(/^source\.size: -4 is not a size/);
    expect(bad({ profile: 'p', source: { kind: 'd3d12-heap' }, resource: { image: { width: 1e9 } } })).toMatch(/^resource\.image\.width: 1000000000 is out of range/);
    expect(bad(null)).toMatch(/is a JSON object/);
  });
});

describe('vk-extmem resolve', () => {
  it('prints each decision with its VUID and link, and exits 0 when the import can work', () => {
    const r = cli(['resolve', '--profile', WIN[0], '--source', 'd3d12-heap', '--size', '1048576']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ILLUSTRATIVE/);
    expect(r.stdout).toMatch(/allocationSize:\s+EXACT 1048576 .*VUID-VkMemoryAllocateInfo-allocationSize-00647/);
    expect(r.stdout).toMatch(/https:\/\/registry\.khronos\.org\/vulkan\/specs\/latest\/html\/vkspec\.html#VUID-/);
  });
  it('reads a request file, writes JSON, and --emit-scenario writes a scenario that runs clean', () => {
    const req = tempFile(JSON.stringify({ profile: WIN[0], source: { kind: 'd3d11-texture', shared: 'kmt' } }), '.json');
    const scenario = tempFile('', '.scenario.json');
    const r = cli(['resolve', req, '--format', 'json', '--emit-scenario', scenario]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.resolution.dedicated.required).toBe(true);
    const run = cli(['run', scenario, '--profile', WIN[0]]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/1 runs: 1 passed/);
  });
  it('exits 1 when the import cannot work, 2 on bad input with the place named', () => {
    expect(cli(['resolve', '--profile', 'lavapipe', '--source', 'd3d11-texture']).code).toBe(1);
    const bad = cli(['resolve', tempFile('{"profile": "lavapipe", "source": {"kind": "vulkan", "handleType": "NOPE"}}', '.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/\.json: source\.handleType: "NOPE" is not a handle type/);
    expect(cli(['resolve', '--profile', 'no-such-profile', '--source', 'dma-buf']).stderr).toMatch(/no-such-profile/);
    expect(cli(['resolve', '--source', 'dma-buf']).code).toBe(2);
    expect(cli(['resolve', '--profile', 'lavapipe', '--source', 'dma-buf', '--image', '12']).stderr).toMatch(/--image must be WIDTHxHEIGHT/);
    expect(cli(['resolve', tempFile('{not json', '.json')]).stderr).toMatch(/not valid JSON/);
  });
});
