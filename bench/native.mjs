// Native backend against a C program making the same calls on the same driver (lavapipe): capability
// queries and export → import rounds, in ns per call. Medians of several repetitions; the C program
// (bench/native/baseline.c) is built here with gcc. Skipped, with the reason, where the addon, gcc or
// lavapipe is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ICD = '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json';
const OPAQUE_FD = 0x1;

export async function nativeBench({ median, spread, reps = 5 }) {
  const addonPath = new URL('../native/build/Release/vkextmem.node', import.meta.url).pathname;
  const missing = [!existsSync(addonPath) && 'the native addon', !existsSync(ICD) && 'lavapipe', spawnSync('gcc', ['--version']).status !== 0 && 'gcc'].filter(Boolean);
  if (missing.length) return { 'native vs C: skipped': { value: `needs ${missing.join(', ')}` } };
  process.env.VK_ICD_FILENAMES = ICD;
  const exe = join(mkdtempSync(join(tmpdir(), 'vkx-bench-')), 'baseline');
  const cc = spawnSync('gcc', ['-O2', '-std=c11', '-o', exe, new URL('./native/baseline.c', import.meta.url).pathname, '-lvulkan'], { encoding: 'utf8' });
  if (cc.status !== 0) return { 'native vs C: skipped': { value: `gcc failed: ${cc.stderr.split('\n')[0]}` } };
  const { createNativeBackend } = await import('../dist/index.js');
  const N = 200_000, M = 2_000;
  const c = [], js = [];
  for (let r = 0; r < reps + 1; r++) {
    const out = spawnSync(exe, [String(N), String(M)], { encoding: 'utf8', env: { ...process.env, VK_ICD_FILENAMES: ICD } });
    const base = JSON.parse(out.stdout);
    const b = createNativeBackend({ apiVersion: 0x401000 });
    const pd = b.vulkan.physicalDevices()[0].handle;
    let t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) b.vulkan.externalBufferProperties(pd, { flags: 0, usage: 3, handleType: OPAQUE_FD });
    const query = Number(process.hrtime.bigint() - t0) / N;
    const dev = b.vulkan.createDevice(pd, ['VK_KHR_external_memory_fd']).handle;
    const desc = { allocationSize: 65536, memoryTypeIndex: 0, exportTypes: OPAQUE_FD, exportTypesNV: 0, dedicatedImage: 0, dedicatedBuffer: 0 };
    t0 = process.hrtime.bigint();
    for (let i = 0; i < M; i++) {
      const a = b.vulkan.allocate(0, dev, desc).handle;
      const fd = b.vulkan.getFd(0, dev, a, OPAQUE_FD).value;
      const m = b.vulkan.allocate(0, dev, { ...desc, exportTypes: 0, import: { kind: 'fd', handleType: OPAQUE_FD, fd } });
      if (m.result === 0) b.vulkan.free(dev, m.handle); else b.os.close(0, fd);
      b.vulkan.free(dev, a);
    }
    const round = Number(process.hrtime.bigint() - t0) / M;
    b.dispose();
    if (r === 0) continue; // warm-up
    c.push(base); js.push({ query, round });
  }
  const ratio = (k, j) => c.map((x, i) => js[i][j] / x[k]);
  const q = ratio('queryNs', 'query'), x = ratio('exportImportNs', 'round');
  return {
    'native: external buffer query (ns/call)': { value: Number(median(js.map((x) => x.query)).toFixed(1)), spreadPct: Number(spread(js.map((x) => x.query)).toFixed(1)), reps },
    'C: external buffer query (ns/call)': { value: Number(median(c.map((x) => x.queryNs)).toFixed(1)), spreadPct: Number(spread(c.map((x) => x.queryNs)).toFixed(1)), reps },
    'native / C, query (target <= 1.5)': { value: Number(median(q).toFixed(2)), spreadPct: Number(spread(q).toFixed(1)), reps },
    'native: export + import round (ns)': { value: Math.round(median(js.map((x) => x.round))), spreadPct: Number(spread(js.map((x) => x.round)).toFixed(1)), reps },
    'C: export + import round (ns)': { value: Math.round(median(c.map((x) => x.exportImportNs))), spreadPct: Number(spread(c.map((x) => x.exportImportNs)).toFixed(1)), reps },
    'native / C, export + import (target <= 1.5)': { value: Number(median(x).toFixed(2)), spreadPct: Number(spread(x).toFixed(1)), reps },
  };
}
