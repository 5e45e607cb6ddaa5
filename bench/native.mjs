// Native backend against a C program making the same calls on the same driver (lavapipe), in ns per
// call: capability queries (one call per query, and batched, which is how a capability sweep should
// cross into the addon) and export → import rounds. Medians of several repetitions; the C program
// (bench/native/baseline.c) is built here with gcc. Skipped, with the reason, where the addon, gcc or
// lavapipe is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ICD = '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json';
const OPAQUE_FD = 0x1;
const BATCH = 1024;

export async function nativeBench({ median, spread, reps = 5 }) {
  const addonPath = new URL('../native/build/Release/vkextmem.node', import.meta.url).pathname;
  const missing = [!existsSync(addonPath) && 'the native addon', !existsSync(ICD) && 'lavapipe', spawnSync('gcc', ['--version']).status !== 0 && 'gcc'].filter(Boolean);
  if (missing.length) return { 'native vs C: skipped': { value: `needs ${missing.join(', ')}` } };
  process.env.VK_ICD_FILENAMES = ICD;
  const exe = join(mkdtempSync(join(tmpdir(), 'vkx-bench-')), 'baseline');
  const cc = spawnSync('gcc', ['-O2', '-std=c11', '-o', exe, new URL('./native/baseline.c', import.meta.url).pathname, '-lvulkan'], { encoding: 'utf8' });
  if (cc.status !== 0) return { 'native vs C: skipped': { value: `gcc failed: ${cc.stderr.split('\n')[0]}` } };
  const { createNativeBackend } = await import('../dist/index.js');
  const N = 200_000, M = 10_000;
  const c = [], js = [];
  // The same query as the C program's, BATCH times over.
  const queries = new Uint32Array(3 * BATCH);
  for (let i = 0; i < BATCH; i++) queries.set([0, 3, OPAQUE_FD], 3 * i);
  const answers = new Uint32Array(queries.length);
  for (let r = 0; r < reps + 1; r++) {
    const out = spawnSync(exe, [String(N), String(M)], { encoding: 'utf8', env: { ...process.env, VK_ICD_FILENAMES: ICD } });
    const base = JSON.parse(out.stdout);
    const b = createNativeBackend({ apiVersion: 0x401000 });
    const pd = b.vulkan.physicalDevices()[0].handle;
    const q = { flags: 0, usage: 3, handleType: OPAQUE_FD };
    let t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) b.vulkan.externalBufferProperties(pd, q);
    const query = Number(process.hrtime.bigint() - t0) / N;
    t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i += BATCH) b.externalBufferPropertiesBatch(pd, queries, answers);
    const batched = Number(process.hrtime.bigint() - t0) / (Math.ceil(N / BATCH) * BATCH);
    if (answers[0] !== b.vulkan.externalBufferProperties(pd, q).externalMemoryFeatures) throw new Error('bench: batched and single queries disagree');
    const dev = b.vulkan.createDevice(pd, ['VK_KHR_external_memory_fd']).handle;
    // Each round builds its descriptions as a JavaScript caller writes them (a C caller fills structs).
    t0 = process.hrtime.bigint();
    for (let i = 0; i < M; i++) {
      const a = b.vulkan.allocate(0, dev, { allocationSize: 65536, memoryTypeIndex: 0, exportTypes: OPAQUE_FD }).handle;
      const fd = b.vulkan.getFd(0, dev, a, OPAQUE_FD).value;
      const m = b.vulkan.allocate(0, dev, { allocationSize: 65536, memoryTypeIndex: 0, imports: [{ kind: 'fd', handleType: OPAQUE_FD, fd }] });
      if (m.result === 0) b.vulkan.free(dev, m.handle); else b.operations.close(0, { fd });
      b.vulkan.free(dev, a);
    }
    const round = Number(process.hrtime.bigint() - t0) / M;
    b.dispose();
    if (r === 0) continue; // warm-up
    c.push(base); js.push({ query, batched, round });
  }
  const row = (values) => ({ value: Number(median(values).toFixed(values[0] < 100 ? 2 : 1)), spreadPct: Number(spread(values).toFixed(1)), reps });
  const ratio = (k, j) => c.map((x, i) => js[i][j] / x[k]);
  return {
    'C: external buffer query (ns/call)': row(c.map((x) => x.queryNs)),
    'native: external buffer query, one per call (ns)': row(js.map((x) => x.query)),
    'native / C, one query per call (crossing cost)': row(ratio('queryNs', 'query')),
    [`native: external buffer query, batches of ${BATCH} (ns/query)`]: row(js.map((x) => x.batched)),
    'native / C, batched query (target <= 1.5)': row(ratio('queryNs', 'batched')),
    'C: export + import round (ns)': row(c.map((x) => x.exportImportNs)),
    'native: export + import round (ns)': row(js.map((x) => x.round)),
    'native / C, export + import (target <= 1.5)': row(ratio('exportImportNs', 'round')),
  };
}
