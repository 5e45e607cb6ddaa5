// The bounded fuzz CI runs: a fixed seed (FUZZ_SEED overrides it; FUZZ_RUNS the number of inputs),
// every check of fuzz/checks.mjs on every input, and the core's memory held under a ceiling. A
// failure prints the command that replays it. Below it, the checks are shown to catch what they are
// for (on a library with a fault put in), and every scenario of the library keeps its verdict under
// renaming and reordering.
import { describe, it, expect, beforeAll } from 'vitest';
import * as lib from '../../src/index.js';
import { loadCorpus } from '../../fuzz/corpus.mjs';
import { prepare, fuzzLoop } from '../../fuzz/engine.mjs';
import { makeInput } from '../../fuzz/inputs.mjs';
import { checkInput, makeEnv, Failure } from '../../fuzz/checks.mjs';
import { execute } from '../../fuzz/execute.mjs';
import { renameScenario, reorderScenario, swappablePairs } from '../../fuzz/preserve.mjs';
import { Rng } from '../../fuzz/prng.mjs';

const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const RUNS = Number(process.env.FUZZ_RUNS ?? 4000);
const MIB = 1024 * 1024;
/** The core starts with 1 MiB; a run that needs more than this is leaking. */
const MEMORY_CEILING = 8 * MIB;

const corpus = loadCorpus();

type FoundFailure = { kind: string; detail: string; index: number; input: { kind: string; origin: string; what?: string[] } };

describe(`bounded fuzz, seed ${SEED} (replay: FUZZ_SEED=${SEED} npx vitest run test/fuzz/bounded.test.ts, or npm run fuzz -- --seed ${SEED} --runs ${RUNS} --jobs 1)`, () => {
  it(`${RUNS} inputs from scenarios, captures and bytes pass every check`, async () => {
    const prepared = await prepare(lib, corpus, { timeLimitMs: 2000 });
    const failures: FoundFailure[] = [];
    const stats = await fuzzLoop(lib, prepared, {
      seed: SEED, runs: RUNS, corpus: 'all', determinismEvery: 1, progressMs: 1e9,
      onFailure: (f: FoundFailure) => { failures.push(f); return failures.length < 10; },
    });
    const shown = failures.map((f) => `input ${f.index} (${f.input.kind} from ${f.input.origin}: ${(f.input.what ?? []).join('; ')}): ${f.kind}: ${f.detail.split('\n').slice(0, 4).join(' | ')}\n  replay: npm run fuzz -- --seed ${SEED} --from ${f.index} --runs ${f.index + 1} --jobs 1`);
    expect(shown).toEqual([]);
    console.log(`bounded fuzz seed ${SEED}: ${stats.inputs} inputs in ${(stats.elapsedMs / 1000).toFixed(1)} s, ${stats.inputErrors} InputErrors, ${stats.findings} findings, core memory max ${(stats.memory.max / MIB).toFixed(2)} MiB, slowest ${stats.slowest.ms.toFixed(0)} ms (input ${stats.slowest.index}, ${stats.slowest.kind})`);
    expect(stats.inputs).toBe(RUNS);
    // The run reached every kind of input, and both outcomes: refusals and findings.
    for (const kind of ['scenario-text', 'scenario-bytes', 'scenario-preserve', 'capture-lines', 'capture-records', 'capture-bytes']) expect(stats.byKind[kind], kind).toBeGreaterThan(0);
    expect(stats.inputErrors).toBeGreaterThan(RUNS / 10);
    expect(stats.findings).toBeGreaterThan(RUNS / 10);
    // The core's memory stays under the ceiling and stops growing: none in the second half of the run.
    expect(stats.memory.max).toBeLessThanOrEqual(MEMORY_CEILING);
    expect(stats.memory.lastGrowthAt).toBeLessThan(RUNS / 2);
    // Nor does the JavaScript side keep what earlier inputs named: after one more scenario, the
    // reused validator holds as many names as a fresh one that ran only that scenario.
    const sizes = (v: Awaited<ReturnType<typeof lib.createValidator>>) => [v.names.strings.size, v.names.osHandles.size];
    const last = { kind: 'scenario-text', origin: corpus.scenarios[0].file, profile: 'lavapipe', what: [], text: corpus.scenarios[0].text };
    const fresh = await lib.createValidator();
    await execute(lib, fresh, last);
    await execute(lib, prepared.env.v, last);
    expect(sizes(prepared.env.v)).toEqual(sizes(fresh));
  }, 180_000);

  it('makes the same input from the same seed and index, whatever was made before', () => {
    return prepare(lib, corpus).then(({ ctx }) => {
      const later = Array.from({ length: 50 }, (_, i) => JSON.stringify(makeInput(ctx, SEED, 1000 + i)));
      const again = Array.from({ length: 50 }, (_, i) => JSON.stringify(makeInput(ctx, SEED, 1049 - i))).reverse();
      expect(again).toEqual(later);
      expect(new Set(later).size).toBe(50);
    });
  });
});

// Each check, shown to fail on a library with one fault put in. A scenario with a data step and a
// memory named "memA" serves them all.
describe('the fuzz checks catch', () => {
  const seedScenario = corpus.scenarios.find((s) => s.text.includes('"memA"') && s.text.includes('"data"'))!;
  const input = { kind: 'scenario-text', origin: seedScenario.file, profile: 'illustrative-windows-discrete', what: [], text: seedScenario.text };
  const kindOf = async (faulty: typeof lib, inp: object = input, timeLimitMs = 2000): Promise<string> => {
    const env = await makeEnv(faulty, corpus, { timeLimitMs });
    try {
      await checkInput(faulty, env, inp);
      return 'passes';
    } catch (e) {
      if (e instanceof Failure) return e.kind;
      throw e;
    }
  };

  beforeAll(() => expect(seedScenario).toBeDefined());

  it('nothing on the library as it is', async () => expect(await kindOf(lib)).toBe('passes'));
  it('an exception other than InputError', async () => {
    expect(await kindOf({ ...lib, validateScenarioText: () => { throw new TypeError('boom'); } })).toBe('crash');
  });
  it('a Wasm trap', async () => {
    expect(await kindOf({ ...lib, validateScenarioText: () => { throw new WebAssembly.RuntimeError('unreachable'); } })).toBe('wasm-trap');
  });
  it('an InputError that does not say where', async () => {
    expect(await kindOf({ ...lib, validateScenarioText: () => { throw new lib.InputError('bad'); } })).toBe('no-place');
  });
  it('a broken mock invariant', async () => {
    const createMockBackend: typeof lib.createMockBackend = (profiles, options) => {
      const b = lib.createMockBackend(profiles, options);
      b.checkInvariants = () => ['a payload nobody references'];
      return b;
    };
    expect(await kindOf({ ...lib, createMockBackend })).toBe('invariant');
  });
  it('an input over the time bound', async () => {
    const slow: typeof lib.validateScenarioText = (...a) => { const end = Date.now() + 30; while (Date.now() < end); return lib.validateScenarioText(...a); };
    expect(await kindOf({ ...lib, validateScenarioText: slow }, input, 20)).toBe('slow');
  });
  it('an outcome that depends on what ran before', async () => {
    let runs = 0;
    const drifting: typeof lib.validateScenarioText = (...a) => { const r = lib.validateScenarioText(...a); r.calls += runs++; return r; };
    expect(await kindOf({ ...lib, validateScenarioText: drifting })).toBe('nondeterministic');
  });
  it('a verdict that changes with the names', async () => {
    // A fault that reports an error unless the memory is still called memA.
    const nameBound: typeof lib.validateScenarioText = (v, text, file, o) => {
      const r = lib.validateScenarioText(v, text, file, o);
      if (!text.includes('"memA"')) r.findings.push({ vuid: 'VUID-fake', severity: 'error', call: 1, command: 'x', path: '', message: 'renamed', url: '' });
      return r;
    };
    const doc = structuredClone(seedScenario.doc);
    renameScenario(new Rng(1), doc);
    expect(await kindOf({ ...lib, validateScenarioText: nameBound }, { ...input, kind: 'scenario-preserve', transform: 'rename', text: JSON.stringify(doc) })).toBe('meaning-changed');
  });
});

// Meaning-preserving changes over the whole library: each scenario renamed, and reordered where it
// has steps that may swap, keeps its verdict (written and on the mock).
describe('renaming and reordering keep every scenario\'s verdict', () => {
  it('some scenarios have steps that may swap', () => {
    expect(corpus.scenarios.filter((s) => swappablePairs(s.doc).length > 0).length).toBeGreaterThan(5);
  });
  it('every scenario, renamed and reordered', async () => {
    const { ctx, env } = await prepare(lib, corpus);
    const changed: string[] = [];
    for (const [i, s] of corpus.scenarios.entries()) {
      for (const transform of ['rename', 'reorder'] as const) {
        const doc = structuredClone(s.doc);
        const rng = new Rng(SEED + i);
        if (transform === 'rename') { if (Object.keys(renameScenario(rng, doc)).length === 0) changed.push(`${s.file}: nothing renamed`); }
        else if (reorderScenario(rng, doc, 32).length === 0) continue;
        const text = JSON.stringify(doc, null, 1);
        if (transform === 'rename') expect(text).not.toBe(JSON.stringify(s.doc, null, 1));
        try {
          await checkInput(lib, env, { kind: 'scenario-preserve', transform, origin: s.file, profile: ctx.homeProfile.get(s.file), what: [], text }, { determinism: false });
        } catch (e) {
          if (!(e instanceof Failure)) throw e;
          changed.push(`${s.file} (${transform}): ${e.detail.split('\n')[0]}`);
        }
      }
    }
    expect(changed).toEqual([]);
  }, 60_000);
});
