#!/usr/bin/env node
// npm run fuzz -- --runs N --seed S [--corpus scenarios|captures|bytes|all] [--time-limit SEC] [--jobs J]
//                [--input-time SEC] [--determinism-every K] [--keep-going] [--memory-ceiling MIB]
// npm run fuzz -- --replay FILE
//
// Mutates the scenario library and the real captures (and feeds random bytes) through the built
// library (dist/), checking every input (fuzz/checks.mjs). Inputs are made from (seed, index) alone,
// so a failure is replayed from its file or from the seed. Exit 0 clean, 1 on a failure, 2 on usage.
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { loadCorpus, REPO_ROOT } from './corpus.mjs';
import { CORPORA, makeInput } from './inputs.mjs';
import { prepare, replay } from './engine.mjs';
import { loadLibrary, staleBuild } from './library.mjs';
import { expandFixture, unmetExpectations } from './fixtures.mjs';

const HELP = `Usage: npm run fuzz -- [--runs N] [--seed S] [--corpus scenarios|captures|bytes|all] [--time-limit SEC]
       npm run fuzz -- --replay FILE

  --runs N               inputs to make and check (default 10000)
  --seed S               the run's seed, an integer (default: from the clock, printed)
  --corpus C             scenarios, captures, bytes or all (default all)
  --time-limit SEC       stop after SEC seconds even if --runs are not done
  --input-time SEC       the bound on one input (default 2); a longer one is a failure
  --jobs J               worker threads (default: the number of cores); input i runs on worker i mod J
  --determinism-every K  re-run every K-th input in a fresh validator (default 1: every input)
  --memory-ceiling MIB   the most Wasm memory one core may reach (default 8)
  --from I               start at input I (default 0)
  --keep-going           do not stop at the first failure (stops after 20)
  --replay FILE          check one found input again (a file written under fuzz/found/)
Failures are written to fuzz/found/ with the command that replays them.`;

const MIB = 1024 * 1024;

function usage(message) {
  process.stderr.write(`fuzz: ${message}\n\n${HELP}\n`);
  process.exit(2);
}

function integer(v, name, dflt, min = 0) {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) usage(`${name} must be an integer >= ${min}, not ${JSON.stringify(v)}`);
  return n;
}

const seconds = (v, name, dflt) => {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!(n > 0)) usage(`${name} must be a positive number of seconds, not ${JSON.stringify(v)}`);
  return n;
};

let args;
try {
  args = parseArgs({
    options: {
      runs: { type: 'string' }, seed: { type: 'string' }, corpus: { type: 'string' }, 'time-limit': { type: 'string' }, 'input-time': { type: 'string' },
      jobs: { type: 'string' }, 'determinism-every': { type: 'string' }, 'memory-ceiling': { type: 'string' }, from: { type: 'string' },
      'keep-going': { type: 'boolean' }, replay: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (e) {
  usage(e.message);
}
if (args.help) { process.stdout.write(HELP + '\n'); process.exit(0); }

const fmtMiB = (b) => `${(b / MIB).toFixed(2)} MiB`;

if (args.replay) process.exit(await replayFile(args.replay));
process.exit(await fuzz());

async function replayFile(file) {
  let found;
  try {
    found = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    usage(`cannot read ${file}: ${e.message}`);
  }
  if (!found?.input?.kind) usage(`${file} holds no fuzz input (expected an object with "input")`);
  const lib = await loadLibrary();
  const prepared = await prepare(lib, loadCorpus(), { timeLimitMs: seconds(args['input-time'], '--input-time', 2) * 1000 });
  const input = expandFixture(found.input);
  const r = await replay(lib, prepared, input);
  describeInput(input);
  if (found.failure) process.stdout.write(`found as: ${found.failure.kind}: ${String(found.failure.detail).split('\n')[0]}\n`);
  if (r.ok) {
    // A regression fixture also says what must come out.
    const missing = unmetExpectations(r.outcome, found.expect);
    if (missing.length) {
      process.stdout.write(`passes the checks, but the outcome lacks ${missing.join('; ')}\n`);
      return 1;
    }
    process.stdout.write(`passes every check now (${r.ms.toFixed(1)} ms): ${JSON.stringify(r.outcome).slice(0, 400)}\n`);
    return 0;
  }
  process.stdout.write(`FAILS: ${r.kind}: ${r.detail}\n`);
  return 1;
}

function describeInput(input) {
  const size = (input.text ?? input.base64 ?? input.lines?.join('\n') ?? '').length;
  process.stdout.write(`input: ${input.kind} from ${input.origin}${input.profile ? ` on profile ${input.profile}` : ''}, ${size} characters\n  mutations: ${(input.what ?? []).join('; ')}\n`);
}

async function fuzz() {
  const runs = integer(args.runs, '--runs', 10000);
  const seed = args.seed === undefined ? Date.now() % 2 ** 31 : integer(args.seed, '--seed', 0);
  const corpus = args.corpus ?? 'all';
  if (!CORPORA.includes(corpus)) usage(`--corpus must be one of ${CORPORA.join(', ')}, not ${JSON.stringify(corpus)}`);
  const jobs = integer(args.jobs, '--jobs', Math.max(1, availableParallelism()), 1);
  const inputTimeMs = seconds(args['input-time'], '--input-time', 2) * 1000;
  const timeLimit = seconds(args['time-limit'], '--time-limit', Infinity);
  const determinismEvery = integer(args['determinism-every'], '--determinism-every', 1, 1);
  const ceiling = integer(args['memory-ceiling'], '--memory-ceiling', 8, 1) * MIB;
  const from = integer(args.from, '--from', 0);
  const keepGoing = !!args['keep-going'];
  const lib = await loadLibrary();
  const stale = staleBuild();
  if (stale) process.stderr.write(`fuzz: warning: ${relative(REPO_ROOT, stale)} is newer than dist/: this run tests the last build (npm run build)\n`);
  const prepared = await prepare(lib, loadCorpus(), { timeLimitMs: inputTimeMs });
  const started = Date.now();
  const deadline = started + timeLimit * 1000;
  process.stdout.write(`fuzz: seed ${seed}, ${runs} runs from ${from}, corpus ${corpus}, ${jobs} worker${jobs > 1 ? 's' : ''}, ${inputTimeMs / 1000} s per input${Number.isFinite(timeLimit) ? `, stop after ${timeLimit} s` : ''}\n`);

  const failures = [];
  const latest = new Array(jobs).fill(null);
  const finals = new Array(jobs).fill(null);
  const hangMs = Math.max(20000, inputTimeMs * 10);
  const workers = [];
  let stopping = false;
  // Workers finish the input at hand and report their totals; only a hung one is terminated.
  const stopAll = () => { stopping = true; for (const w of workers) w.now[2] = 1; };

  const record = (f) => {
    failures.push(f);
    const file = writeFound(f);
    process.stdout.write(`\nFAILURE ${failures.length}: ${f.kind} at input ${f.index} (seed ${f.seed}, corpus ${f.corpus})\n${indent(f.detail)}\n`);
    describeInput(f.input);
    process.stdout.write(`  written to ${relative(process.cwd(), file)}\n  replay it:        npm run fuzz -- --replay ${relative(REPO_ROOT, file)}\n  the run up to it: npm run fuzz -- --seed ${f.seed} --corpus ${f.corpus} --from ${f.index} --runs ${f.index + 1}\n`);
    if (!keepGoing || failures.length >= 20) stopAll();
  };

  await new Promise((resolve) => {
    let running = jobs;
    for (let w = 0; w < jobs; w++) {
      const shared = new SharedArrayBuffer(24);
      const worker = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: { seed, runs, start: from + w, stride: jobs, corpus, inputTimeMs, determinismEvery, deadline, keepGoing, shared } });
      const slot = { worker, now: new Float64Array(shared), done: false };
      workers.push(slot);
      worker.on('message', (m) => {
        if (m.type === 'progress') latest[w] = m.stats;
        else if (m.type === 'failure') record(m.failure);
        else if (m.type === 'done') { latest[w] = finals[w] = m.stats; }
      });
      // Every library call is guarded inside the worker, so an error that kills one is the fuzzer's own.
      worker.on('error', (e) => {
        if (stopping) return;
        let input;
        try { input = makeInput(prepared.ctx, seed, slot.now[0], corpus); } catch (e2) { input = { kind: 'none', origin: `making it failed too: ${e2.message}` }; }
        record({ kind: 'fuzzer-error', detail: `worker died: ${e.stack ?? e}`, seed, index: slot.now[0], corpus, input });
      });
      worker.on('exit', () => { slot.done = true; if (--running === 0) resolve(); });
    }
    // Progress, and the watchdog: an input still running after hangMs is a hang; the worker is stopped
    // and the input made again here from its seed and index.
    const timer = setInterval(() => {
      for (const slot of workers) {
        if (slot.done || stopping || slot.now[1] === 0) continue;
        if (Date.now() - slot.now[1] > hangMs) {
          const index = slot.now[0];
          slot.worker.terminate();
          record({ kind: 'hang', detail: `input still running after ${hangMs / 1000} s`, seed, index, corpus, input: makeInput(prepared.ctx, seed, index, corpus) });
        }
      }
      printProgress(latest, started, runs - from);
    }, 2000);
    timer.unref?.();
    const done = () => clearInterval(timer);
    Promise.all(workers.map((s) => new Promise((r) => s.worker.on('exit', r)))).then(done);
  });

  const all = finals.map((f, w) => f ?? latest[w]).filter(Boolean);
  const total = summarize(all, started);
  process.stdout.write(`\n${report(total, seed)}\n`);
  if (total.lastGrowthAt >= from + (runs - from) / 2 && total.inputs >= 1000) process.stdout.write(`note: the core's memory still grew in the second half of the run (at input ${total.lastGrowthAt})\n`);
  if (total.memoryMax > ceiling) {
    failures.push({ kind: 'memory' });
    process.stdout.write(`FAILURE: the core's memory reached ${fmtMiB(total.memoryMax)}, over the ${fmtMiB(ceiling)} ceiling\n`);
  }
  process.stdout.write(failures.length ? `${failures.length} failure${failures.length > 1 ? 's' : ''}\n` : 'no failures\n');
  return failures.length ? 1 : 0;
}

function summarize(all, started) {
  const t = { inputs: 0, inputErrors: 0, findings: 0, byKind: {}, slowest: { ms: 0 }, memoryMax: 0, memoryFirst: Infinity, lastGrowthAt: -1, jsHeapMax: 0, elapsedMs: Date.now() - started };
  for (const s of all) {
    t.inputs += s.inputs;
    t.inputErrors += s.inputErrors;
    t.findings += s.findings;
    for (const [k, n] of Object.entries(s.byKind)) t.byKind[k] = (t.byKind[k] ?? 0) + n;
    if (s.slowest.ms > t.slowest.ms) t.slowest = s.slowest;
    t.memoryMax = Math.max(t.memoryMax, s.memory.max);
    t.memoryFirst = Math.min(t.memoryFirst, s.memory.first);
    t.lastGrowthAt = Math.max(t.lastGrowthAt, s.memory.lastGrowthAt);
    t.jsHeapMax = Math.max(t.jsHeapMax, s.jsHeapMax ?? 0);
    t.internedNames = Math.max(t.internedNames ?? 0, s.internedNames ?? 0);
  }
  return t;
}

function printProgress(latest, started, planned) {
  const live = latest.filter(Boolean);
  if (!live.length) return;
  const t = summarize(live, started);
  const rate = t.inputs / (t.elapsedMs / 1000);
  process.stdout.write(`[${(t.elapsedMs / 1000).toFixed(0)} s] ${t.inputs}/${planned} inputs, ${rate.toFixed(0)}/s, ${t.inputErrors} input errors, ${t.findings} findings, core memory ${fmtMiB(t.memoryMax)}, slowest ${t.slowest.ms.toFixed(0)} ms\n`);
}

function report(t, seed) {
  const rate = t.inputs / Math.max(t.elapsedMs / 1000, 1e-3);
  const kinds = Object.entries(t.byKind).sort().map(([k, n]) => `${k} ${n}`).join(', ');
  return [
    `seed ${seed}: ${t.inputs} inputs in ${(t.elapsedMs / 1000).toFixed(1)} s (${rate.toFixed(0)} inputs/s)`,
    `  by kind: ${kinds}`,
    `  refused with InputError: ${t.inputErrors} outcomes; findings seen: ${t.findings}`,
    `  core (Wasm) memory: ${fmtMiB(t.memoryFirst)} at start, max ${fmtMiB(t.memoryMax)}${t.lastGrowthAt >= 0 ? `, last grew at input ${t.lastGrowthAt}` : ', never grew'}`,
    `  JavaScript heap of a worker: max ${fmtMiB(t.jsHeapMax)} (sampled with the progress); names its validator has interned: ${t.internedNames ?? 0}`,
    `  slowest input: ${t.slowest.ms.toFixed(1)} ms (input ${t.slowest.index}, ${t.slowest.kind} from ${t.slowest.origin})`,
  ].join('\n');
}

function writeFound(f) {
  const dir = join(REPO_ROOT, 'fuzz/found');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${f.kind}-seed${f.seed}-input${f.index}.json`);
  const replayCmd = `npm run fuzz -- --replay ${relative(REPO_ROOT, file)}`;
  writeFileSync(file, JSON.stringify({ found: new Date().toISOString(), seed: f.seed, index: f.index, corpus: f.corpus, failure: { kind: f.kind, detail: f.detail }, replay: replayCmd, input: f.input }, null, 1) + '\n');
  return file;
}

function indent(s) {
  return String(s).split('\n').map((l) => `  ${l}`).join('\n');
}
