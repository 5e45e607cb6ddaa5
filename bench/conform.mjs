// The conformance engine on lavapipe, at the public API (runConformance): a full run of every class,
// its assertions, the time in total and per assertion. The baseline in the same run is the same run
// replayed from its recording, which makes the same calls of the engine with the driver's answers
// read back instead of asked: live / replay says how much of a run is the driver's own work.
// Skipped, with the reason, where the addon or lavapipe is missing.
import { existsSync } from 'node:fs';

const ICD = '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json';

export async function conformBench({ median, spread, reps = 5 }) {
  const addonPath = new URL('../native/build/Release/vkextmem.node', import.meta.url).pathname;
  const missing = [!existsSync(addonPath) && 'the native addon', !existsSync(ICD) && 'lavapipe'].filter(Boolean);
  if (missing.length) return { 'conform on lavapipe: skipped': { value: `needs ${missing.join(', ')}` } };
  process.env.VK_ICD_FILENAMES = ICD;
  const { createValidator, createNativeBackend, runConformance, recordingTarget, recordingText, readRecording, replayTarget } = await import('../dist/index.js');
  const v = await createValidator();
  const live = { open: () => createNativeBackend({ apiVersion: 0x401000 }) };
  const recorded = recordingTarget(live, 'bench');
  const first = runConformance(v, recorded.target);
  const recording = readRecording(recordingText(recorded.recording), 'bench');
  const n = first.assertions.length;
  const liveMs = [], replayMs = [], ratio = [];
  for (let r = 0; r < reps; r++) {
    let t0 = process.hrtime.bigint();
    const a = runConformance(v, live);
    const l = Number(process.hrtime.bigint() - t0) / 1e6;
    t0 = process.hrtime.bigint();
    const b = runConformance(v, replayTarget(recording));
    const p = Number(process.hrtime.bigint() - t0) / 1e6;
    if (a.assertions.length !== n || b.assertions.length !== n) throw new Error('bench: conformance runs of lavapipe differ in their assertions');
    liveMs.push(l); replayMs.push(p); ratio.push(l / p);
  }
  const row = (xs, digits = 1) => ({ value: Number(median(xs).toFixed(digits)), spreadPct: Number(spread(xs).toFixed(1)), reps });
  const count = (o) => first.assertions.filter((x) => x.outcome === o).length;
  return {
    'conform on lavapipe: assertions (all classes)': { value: n },
    'conform on lavapipe: deviations / hazards': { value: `${count('deviation')} / ${count('hazard')}` },
    'conform on lavapipe: full run (ms)': row(liveMs),
    'conform on lavapipe: per assertion (µs)': row(liveMs.map((x) => (x * 1000) / n)),
    'conform replayed from its recording: full run (ms)': row(replayMs),
    'conform live / replayed from its recording': row(ratio, 2),
  };
}
