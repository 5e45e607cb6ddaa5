// The checks on one input: it runs without a crash (only InputError may come out of the library),
// within the time bound, the mock's invariants hold, InputErrors name their place, the same input
// gives the same outcome in a fresh validator, and a meaning-preserving change of a scenario keeps
// its verdict.
import { execute, Broken } from './execute.mjs';

export class Failure extends Error {
  constructor(kind, detail) {
    super(`${kind}: ${detail}`);
    this.kind = kind;
    this.detail = detail;
  }
}

function describeThrown(e) {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  return `thrown value ${String(e)}`;
}

/** Runs `fn`, turning anything it throws into a Failure (a crash, or what Broken says). */
async function guarded(fn) {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Broken) throw new Failure(e.kind, e.message);
    if (e instanceof Failure) throw e;
    // A trap of the Wasm code, or an abort of the core (its abort() import throws "core aborted: …").
    const trap = e instanceof WebAssembly.RuntimeError || (e instanceof Error && e.message.startsWith('core aborted:'));
    throw new Failure(trap ? 'wasm-trap' : 'crash', describeThrown(e));
  }
}

/** An expectation without its call number (steps move) or, for data reads, the memory's name (names change). */
function expectationVerdict(e) {
  const [, kind, vuid, passed] = e.split('|');
  return `${kind}|${kind === 'data' ? '' : vuid}|${passed}`;
}

/** The verdict of a scenario outcome that a meaning-preserving change must keep. */
function verdict(outcome, transform) {
  const side = (o, mock) => {
    if (!o || o.error !== undefined) return { error: true };
    const steps = mock ? o.steps : undefined;
    const findings = mock ? steps.flatMap((s) => s.findings) : o.findings;
    const v = { status: o.status, clean: !findings.some((f) => f.split('|')[1] === 'error'), expectations: (mock ? steps.flatMap((s) => s.expectations) : o.expectations).map(expectationVerdict).sort() };
    // A renaming keeps even the step at which each rule fires; a reordering only the verdict.
    if (transform === 'rename') v.byStep = mock ? steps.map((s) => s.findings.map((f) => f.split('|').slice(0, 3).join('|')).sort().join(',')) : findings.map((f) => f.split('|').slice(0, 3).join('|')).sort();
    return v;
  };
  return { text: side(outcome.text, false), mock: side(outcome.mock, true) };
}

/**
 * Checks one input. `env` holds the long-lived validator (`env.v`, replaced after a crash), a way to
 * make fresh ones, the time bound and cached verdicts of the unchanged scenarios. Returns
 * { ms, outcome } or throws a Failure.
 */
export async function checkInput(lib, env, input, { determinism = true } = {}) {
  const t0 = performance.now();
  let outcome;
  try {
    outcome = await guarded(() => execute(lib, env.v, input));
  } catch (e) {
    env.v = await lib.createValidator(); // a crashed validator may hold broken state
    throw e;
  }
  const ms = performance.now() - t0;
  if (ms > env.timeLimitMs) throw new Failure('slow', `took ${ms.toFixed(0)} ms, over the ${env.timeLimitMs} ms bound`);
  if (determinism) {
    const again = await guarded(async () => execute(lib, await lib.createValidator(), input));
    const a = JSON.stringify(outcome);
    const b = JSON.stringify(again);
    if (a !== b) throw new Failure('nondeterministic', `a fresh validator gave another outcome${whereTheyDiffer(a, b, 'after other inputs', 'fresh')}`);
  }
  if (input.kind === 'scenario-preserve') {
    const key = `${input.origin}|${input.profile}`;
    let base = env.baselines.get(key);
    if (!base) {
      const original = env.corpus.scenarios.find((s) => s.file === input.origin);
      base = await guarded(async () => execute(lib, await lib.createValidator(), { kind: 'scenario-text', origin: input.origin, profile: input.profile, text: original.text }));
      env.baselines.set(key, base);
    }
    const want = JSON.stringify(verdict(base, input.transform));
    const got = JSON.stringify(verdict(outcome, input.transform));
    if (want !== got) throw new Failure('meaning-changed', `${input.transform} of ${input.origin} changed the verdict${whereTheyDiffer(want, got, 'original', 'changed')}`);
  }
  return { ms, outcome };
}

/** The two texts around the first character where they differ. */
function whereTheyDiffer(a, b, nameA, nameB) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 120);
  const width = Math.max(nameA.length, nameB.length);
  return ` (first difference at character ${i}):\n  ${nameA.padEnd(width)}: …${a.slice(from, i + 240)}\n  ${nameB.padEnd(width)}: …${b.slice(from, i + 240)}`;
}

/** What checkInput needs besides the input: made once per run (or per test). */
export async function makeEnv(lib, corpus, { timeLimitMs = 2000 } = {}) {
  return { v: await lib.createValidator(), corpus, timeLimitMs, baselines: new Map() };
}
