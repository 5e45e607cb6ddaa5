// The child process of sanitized.test.ts: runs every scenario of scenarios/, then a sweep of boundary
// values over every number the addon is given, then random mutants, through the library's session on the
// native backend in safe mode (refuseInvalid), with VK_EXTMEM_ADDON naming the addon to load (the
// sanitized one in a Node with the ASan runtime preloaded, or the normal one).
//
//   node run.mjs [--seed N] [--mutants N] [--fuzz N] [--only I | --only-sweep I] [--unsafe]
//
// --fuzz N also runs the first N scenario inputs of the fuzzer (fuzz/inputs.mjs, same seed) on the addon.
//
// Before each input it prints `sweep I: BASE: ...` or `mutant I: BASE: what changed` on stdout, so when
// the process is stopped the last such line names the input (`--only-sweep I` or `--only I`, with the
// same seed, runs that one alone). The last line is a JSON summary. Bad input may only come out of the
// library as InputError; anything else thrown is listed in the summary as unexpected, with its stack.
// --unsafe passes the calls the model finds invalid to the driver too (for exploring by hand: lavapipe
// may then crash on its own account).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { collectPool, mutate, sweep } from './mutate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { values } = parseArgs({
  options: { seed: { type: 'string' }, mutants: { type: 'string' }, fuzz: { type: 'string' }, only: { type: 'string' }, 'only-sweep': { type: 'string' }, unsafe: { type: 'boolean' } },
});
const seed = Number(values.seed ?? 1);
const mutants = Number(values.mutants ?? 1000);
const fuzzInputs = Number(values.fuzz ?? 0);
const only = values.only === undefined ? undefined : Number(values.only);
const onlySweep = values['only-sweep'] === undefined ? undefined : Number(values['only-sweep']);
for (const [name, n] of [['--seed', seed], ['--mutants', mutants], ['--fuzz', fuzzInputs], ['--only', only ?? 0], ['--only-sweep', onlySweep ?? 0]]) {
  if (!Number.isSafeInteger(n) || n < 0) { console.error(`run.mjs: ${name} must be a non-negative integer`); process.exit(2); }
}
const alone = only !== undefined || onlySweep !== undefined;

const lib = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);

// The library must have loaded the addon named in VK_EXTMEM_ADDON: if that path were missing it would
// quietly take the normal build instead, and a sanitized run would sanitize nothing.
const wanted = process.env.VK_EXTMEM_ADDON && resolve(process.env.VK_EXTMEM_ADDON);
const load = lib.loadNativeAddon();
if (!wanted || !load.path || resolve(load.path) !== wanted) {
  console.error(`run.mjs: wanted the addon ${wanted ?? '(VK_EXTMEM_ADDON is not set)'}, the library has ${load.path ?? load.reason}`);
  process.exit(3);
}
const asan = readFileSync('/proc/self/maps', 'utf8').includes('libasan');

function scenarioFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...scenarioFiles(p));
    else if (name.endsWith('.scenario.json')) out.push(p);
  }
  return out;
}

const profile = lib.measureNativeNormalized(0, 'test/native/sanitized/run.mjs');
const validator = await lib.createValidator();
const count = { backendCalls: 0, stepsExecuted: 0, stepsRefused: 0 };

/** One run on a fresh backend (a new VkInstance), as `vk-extmem run --backend native` does it. */
function runOnNative(sc, file) {
  const backend = lib.createNativeBackend({ apiVersion: 0x401000 });
  for (const part of [backend.vulkan, backend.os]) {
    for (const [k, fn] of Object.entries(part)) part[k] = (...a) => { count.backendCalls++; return fn(...a); };
  }
  try {
    const run = lib.runScenario(validator, sc, file, backend, { profile, refuseInvalid: !values.unsafe });
    for (const s of run.steps) {
      if (s.refused) count.stepsRefused++;
      else if (!s.synthetic) count.stepsExecuted++;
    }
    return run;
  } finally {
    backend.dispose();
  }
}

const unexpected = [];
function unexpectedError(what, e) {
  unexpected.push({ input: what, error: String((e && e.stack) || e).split('\n').slice(0, 8).join('\n') });
}

// 1. The scenario library as written.
const files = scenarioFiles(join(root, 'scenarios'));
const originals = [];
const scenarios = { files: files.length, passed: 0, failed: [], unsupported: 0, backendCalls: 0 };
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  if (alone) {
    originals.push({ file, raw: JSON.parse(text), supported: lib.unsupportedReason(lib.parseScenario(text, file), profile, validator) === null });
    continue;
  }
  try {
    const run = runOnNative(lib.parseScenario(text, file), relative(root, file));
    if (run.status === 'passed') scenarios.passed++;
    else if (run.status === 'failed') scenarios.failed.push(run.scenario);
    else scenarios.unsupported++;
    originals.push({ file, raw: JSON.parse(text), supported: run.status !== 'unsupported' });
  } catch (e) {
    unexpectedError(relative(root, file), e);
  }
}
scenarios.backendCalls = count.backendCalls;

/** Parses and runs one changed scenario, counting how it ended in `stats`. */
function feed(label, baseFile, scenario, ops, stats) {
  const name = relative(root, baseFile);
  console.log(`${label}: ${name}: ${ops.join('; ')}`);
  stats.count++;
  const before = count.backendCalls;
  const file = `${label.replace(' ', '-')}.scenario.json`;
  let sc;
  try {
    sc = lib.parseScenario(JSON.stringify(scenario, null, 1), file);
  } catch (e) {
    if (e instanceof lib.InputError) stats.parseErrors++;
    else unexpectedError(`${label} (parse) of ${name}: ${ops.join('; ')}`, e);
    return;
  }
  try {
    const run = runOnNative(sc, file);
    stats.ran++;
    stats[run.status]++;
  } catch (e) {
    if (e instanceof lib.InputError) stats.runErrors++;
    else unexpectedError(`${label} of ${name}: ${ops.join('; ')}`, e);
  } finally {
    stats.backendCalls += count.backendCalls - before;
  }
}
const newStats = () => ({ count: 0, parseErrors: 0, runErrors: 0, ran: 0, passed: 0, failed: 0, unsupported: 0, backendCalls: 0 });
const runnable = originals.filter((o) => o.supported);

// 2. The sweep: each number of each call lavapipe runs, with each kind of boundary value.
const swept = newStats();
if (only === undefined) {
  const inputs = sweep(runnable.map((o) => o.raw), seed);
  for (const [k, input] of inputs.entries()) {
    if (onlySweep !== undefined && k !== onlySweep) continue;
    feed(`sweep ${k}`, runnable[input.base].file, input.scenario, input.ops, swept);
  }
}

// 3. Random mutants. Four in five start from a scenario lavapipe runs (the others stop at the support
// check, before the addon); the fifth from any scenario, as a mutation may make it runnable.
const mutated = newStats();
if (onlySweep === undefined) {
  const pool = collectPool(originals.map((o) => o.raw));
  for (let i = only ?? 0; i < (only === undefined ? mutants : only + 1); i++) {
    const from = i % 5 === 4 || runnable.length === 0 ? originals : runnable;
    const { base, scenario, ops } = mutate(from.map((o) => o.raw), pool, seed, i);
    feed(`mutant ${i}`, from[base].file, scenario, ops, mutated);
  }
}

// 4. The fuzzer's own scenario inputs (npm run fuzz makes the same ones from the same seed): mutated
// scenario texts, renamed and reordered ones, and scenario-shaped bytes, each run on the addon.
const fuzzed = newStats();
if (!alone && fuzzInputs > 0) {
  const { loadCorpus } = await import(pathToFileURL(join(root, 'fuzz', 'corpus.mjs')).href);
  const { makeContext, makeInput } = await import(pathToFileURL(join(root, 'fuzz', 'inputs.mjs')).href);
  const { scenarioTextOf } = await import(pathToFileURL(join(root, 'fuzz', 'execute.mjs')).href);
  // Seeds the driver can run (the others would stop at the support check, before the addon).
  const corpus = loadCorpus(root);
  corpus.scenarios = corpus.scenarios.filter((s) => { try { return lib.unsupportedReason(lib.parseScenario(s.text, s.file), profile, validator) === null; } catch { return false; } });
  const ctx = makeContext(corpus, [profile.profile], () => profile.profile);
  for (let i = 0; i < fuzzInputs; i++) {
    const input = makeInput(ctx, seed, i, 'scenarios');
    const label = `fuzz ${i}`;
    console.log(`${label}: ${input.origin ?? 'bytes'}: ${input.kind}`);
    fuzzed.count++;
    const before = count.backendCalls;
    let sc;
    try {
      sc = lib.parseScenario(scenarioTextOf(input), 'fuzz.scenario.json');
    } catch (e) {
      if (e instanceof lib.InputError) fuzzed.parseErrors++;
      else unexpectedError(`${label} (parse)`, e);
      continue;
    }
    try {
      const run = runOnNative(sc, 'fuzz.scenario.json');
      fuzzed.ran++;
      fuzzed[run.status]++;
    } catch (e) {
      if (e instanceof lib.InputError) fuzzed.runErrors++;
      else unexpectedError(label, e);
    } finally {
      fuzzed.backendCalls += count.backendCalls - before;
    }
  }
}

console.log(JSON.stringify({
  seed, addon: load.path, asan, scenarios, sweep: swept, mutants: mutated, fuzz: fuzzed,
  stepsExecuted: count.stepsExecuted, stepsRefused: count.stepsRefused,
  unexpectedCount: unexpected.length, unexpected: unexpected.slice(0, 20),
}));
