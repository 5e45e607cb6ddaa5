// The fuzz loop shared by the runner (fuzz/run.mjs, over dist/) and the tests (over src/): inputs
// `start`, `start + stride`, … below `runs`, each made from (seed, index) and checked; counts,
// the slowest input and the core's memory are kept as it goes.
import { makeContext, makeInput } from './inputs.mjs';
import { checkInput, makeEnv, Failure } from './checks.mjs';
import { getHeapStatistics } from 'node:v8';

/** The profile `vk-extmem run` picks for a scenario: the first built-in that supports it, measured ones first (`v` reads its calls). */
export function cliProfilePicker(lib, v) {
  const all = [...lib.builtinProfiles()].sort((a, b) => Number(a.provenance.kind !== 'measured') - Number(b.provenance.kind !== 'measured'));
  return (s) => {
    let sc;
    try { sc = lib.parseScenario(s.text, s.file); } catch { return all[0].profile; }
    return (all.find((p) => lib.unsupportedReason(sc, p, v) === null) ?? all[0]).profile;
  };
}

export async function prepare(lib, corpus, opts = {}) {
  const env = await makeEnv(lib, corpus, opts);
  const ctx = makeContext(corpus, lib.builtinProfiles().map((p) => p.profile), cliProfilePicker(lib, env.v));
  return { ctx, env };
}

/**
 * Runs the loop. `onProgress(stats)` is called about every `progressMs`; `onInput(index)` before each
 * input (the runner's watchdog); `onFailure(failure)` for each failure, which stops the loop unless it
 * returns true. `deadline` (ms since epoch) or `stopped()` turning true ends the loop early.
 */
export async function fuzzLoop(lib, { ctx, env }, { seed, runs, start = 0, stride = 1, corpus = 'all', determinismEvery = 1, deadline = Infinity, progressMs = 2000, onProgress, onInput, onFailure, stopped = () => false }) {
  const stats = {
    seed, corpus, inputs: 0, inputErrors: 0, findings: 0, failures: 0, byKind: {}, slowest: { ms: 0, index: -1, kind: '' },
    memory: { first: 0, max: 0, lastGrowthAt: -1, samples: [] }, jsHeapMax: 0, started: Date.now(), elapsedMs: 0,
  };
  let lastReport = Date.now();
  const memory = () => env.v.core.memory.buffer.byteLength;
  stats.memory.first = stats.memory.max = memory();
  for (let index = start; index < runs; index += stride) {
    if (Date.now() > deadline || stopped()) break;
    onInput?.(index);
    const input = makeInput(ctx, seed, index, corpus);
    stats.byKind[input.kind] = (stats.byKind[input.kind] ?? 0) + 1;
    try {
      const { ms, outcome } = await checkInput(lib, env, input, { determinism: stats.inputs % determinismEvery === 0 });
      if (ms > stats.slowest.ms) stats.slowest = { ms, index, kind: input.kind, origin: input.origin };
      count(stats, outcome);
    } catch (e) {
      if (!(e instanceof Failure)) throw e;
      stats.failures++;
      const keepGoing = onFailure?.({ kind: e.kind, detail: e.detail, seed, index, corpus, input });
      if (!keepGoing) { stats.inputs++; break; }
    }
    stats.inputs++;
    const mem = memory();
    if (mem > stats.memory.max) { stats.memory.max = mem; stats.memory.lastGrowthAt = index; }
    if (Date.now() - lastReport >= progressMs) {
      lastReport = Date.now();
      sample(stats, env, mem);
      onProgress?.(stats);
    }
  }
  sample(stats, env, memory());
  return stats;
}

function sample(stats, env, mem) {
  stats.elapsedMs = Date.now() - stats.started;
  stats.memory.samples.push([stats.inputs, mem]);
  // The JavaScript side, for the report (the validator's interned names live there).
  stats.jsHeapMax = Math.max(stats.jsHeapMax, getHeapStatistics().used_heap_size);
  stats.internedNames = env.v.names.strings.size + env.v.names.osHandles.size;
}

function count(stats, outcome) {
  const visit = (o) => {
    if (!o) return;
    if (o.error !== undefined) { stats.inputErrors++; return; }
    if (o.findings) stats.findings += o.findings.length;
    if (o.steps) for (const s of o.steps) stats.findings += s.findings.length;
  };
  if (outcome.text !== undefined || outcome.mock !== undefined) { visit(outcome.text); visit(outcome.mock); }
  else visit(outcome);
}

/** Replays one recorded input (a found file's `input`) with every check, in a fresh environment. */
export async function replay(lib, prepared, input) {
  try {
    const { ms, outcome } = await checkInput(lib, prepared.env, input);
    return { ok: true, ms, outcome };
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    return { ok: false, kind: e.kind, detail: e.detail };
  }
}
