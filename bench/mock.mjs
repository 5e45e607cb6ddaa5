// Mock backend lifecycle: export → DuplicateHandle into another process → import there → CloseHandle
// (both) → vkFreeMemory (both), as operations per second, with 0, 10^5 and 10^6 other NT handles
// alive, and the memory each live NT handle costs. Run with --expose-gc for exact heap figures.
import { createMockBackend, builtinProfiles } from '../dist/index.js';

const OPAQUE_WIN32 = 0x2;
const OPS_PER_ROUND = 8; // allocate, export, duplicate, import, close ×2, free ×2

function world() {
  const profile = builtinProfiles().find((p) => p.profile === 'illustrative-windows-discrete');
  const m = createMockBackend([profile]);
  const pd = m.vulkan.physicalDevices()[0].handle;
  const dev = m.vulkan.createDevice(pd, ['VK_KHR_external_memory', 'VK_KHR_external_memory_win32']).handle;
  const other = m.os.createProcess('B');
  return { m, dev, other };
}

function rounds(w, n) {
  const { m, dev, other } = w;
  const desc = { allocationSize: 65536, memoryTypeIndex: 0, exportTypes: OPAQUE_WIN32 };
  for (let i = 0; i < n; i++) {
    const a = m.vulkan.allocate(0, dev, desc).handle;
    const h = m.vulkan.getWin32Handle(0, dev, a, OPAQUE_WIN32).value;
    const d = m.operations.DuplicateHandle(0, { hSourceProcessHandle: 0, hSourceHandle: h, hTargetProcessHandle: other, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 2 }).handle;
    const b = m.vulkan.allocate(other, dev, { ...desc, exportTypes: 0, imports: [{ kind: 'win32', handleType: OPAQUE_WIN32, handle: d }] }).handle;
    m.operations.CloseHandle(other, { hObject: d });
    m.operations.CloseHandle(0, { hObject: h }).result;
    m.vulkan.free(dev, b);
    m.vulkan.free(dev, a);
  }
}

/** Makes `count` live NT handles (duplicates of one export) in the main process. */
function liveHandles(w, count) {
  const { m, dev } = w;
  const a = m.vulkan.allocate(0, dev, { allocationSize: 4096, memoryTypeIndex: 0, exportTypes: OPAQUE_WIN32 }).handle;
  const h = m.vulkan.getWin32Handle(0, dev, a, OPAQUE_WIN32).value;
  for (let i = 1; i < count; i++) m.operations.DuplicateHandle(0, { hSourceProcessHandle: 0, hSourceHandle: h, hTargetProcessHandle: 0, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 2 });
}

const heap = () => { globalThis.gc?.(); globalThis.gc?.(); return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers; };

export function mockBench({ median, spread, reps = 5 }) {
  const out = {};
  for (const live of [0, 100_000, 1_000_000]) {
    const w = world();
    const before = heap();
    liveHandles(w, live);
    const bytes = live ? (heap() - before) / live : 0;
    rounds(w, 20_000); // warm-up
    const rates = [];
    for (let r = 0; r < reps; r++) {
      const n = 50_000;
      const t0 = process.hrtime.bigint();
      rounds(w, n);
      rates.push((n * OPS_PER_ROUND) / (Number(process.hrtime.bigint() - t0) / 1e9));
    }
    const problems = w.m.checkInvariants();
    if (problems.length) throw new Error(`mock invariants broken after the benchmark: ${problems[0]}`);
    out[`mock lifecycle ops/s, ${live.toLocaleString('en')} live NT handles (target >= 1e6)`] = { value: Math.round(median(rates)), spreadPct: Number(spread(rates).toFixed(1)), reps };
    if (live) out[`mock bytes per live NT handle at ${live.toLocaleString('en')} (target <= 256)`] = { value: Math.round(bytes) };
  }
  const base = out['mock lifecycle ops/s, 0 live NT handles (target >= 1e6)'].value;
  const top = out['mock lifecycle ops/s, 1,000,000 live NT handles (target >= 1e6)'].value;
  out['mock cost per op at 10^6 live / at 0 live (flat: ~1)'] = { value: Number((base / top).toFixed(2)) };
  return out;
}
