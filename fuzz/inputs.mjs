// Making fuzz inputs. Input number `index` of a run with seed `seed` comes from its own generator
// (prng.mjs), so it is the same input on every machine and in every order. An input is a plain JSON
// object (bytes as base64), ready to be written to a file and replayed.
import { Rng, inputSeed } from './prng.mjs';
import { harvestPools } from './pools.mjs';
import { mutateJson, members, expandDeepMarkers } from './mutate-json.mjs';
import { mutateScenario } from './mutate-scenario.mjs';
import { mutateLines, mutateBytes } from './mutate-text.mjs';
import { renameScenario, reorderScenario, swappablePairs } from './preserve.mjs';

export const CORPORA = ['scenarios', 'captures', 'bytes', 'all'];
const utf8 = new TextEncoder();
export const toBase64 = (bytes) => Buffer.from(bytes).toString('base64');
export const fromBase64 = (s) => new Uint8Array(Buffer.from(s, 'base64'));

/**
 * What inputs are made from: the corpus, the pools harvested from it, and for each scenario the
 * profile the CLI would run it on (`pickProfile`, given by the caller with the library at hand).
 */
export function makeContext(corpus, profiles, pickProfile) {
  const pools = harvestPools(corpus);
  const foreignLines = corpus.captures.flatMap((c) => c.lines.filter((l) => l.includes('"vkFunc"')));
  const homeProfile = new Map(corpus.scenarios.map((s) => [s.file, pickProfile(s)]));
  const reorderable = corpus.scenarios.filter((s) => swappablePairs(s.doc).length > 0);
  return { corpus, pools, foreignLines, profiles, homeProfile, reorderable };
}

/** How many mutations an input gets: mostly one or two, sometimes many. */
function mutationCount(rng) {
  let n = 1;
  while (n < 12 && rng.chance(0.45)) n++;
  return n;
}

export function makeInput(ctx, seed, index, corpusKind = 'all') {
  try {
    return mutatedInput(ctx, new Rng(inputSeed(seed, index)), corpusKind);
  } catch (e) {
    // Stacked mutations can nest a document past what JSON.stringify or structuredClone can recurse
    // through (in the fuzzer, before the library sees it). Such an input becomes plain random bytes,
    // made the same way every time.
    if (!(e instanceof RangeError)) throw e;
    return randomBytes(ctx, new Rng(inputSeed(seed ^ 0x5a5a5a5a, index)));
  }
}

function mutatedInput(ctx, rng, corpusKind) {
  const corpus = corpusKind === 'all' ? rng.weighted([[45, 'scenarios'], [40, 'captures'], [15, 'bytes']]) : corpusKind;
  if (corpus === 'scenarios') {
    return rng.weighted([[70, scenarioText], [10, scenarioBytes], [10, renamed], [10, reordered]])(ctx, rng);
  }
  if (corpus === 'captures') return rng.weighted([[60, captureLines], [25, captureRecords], [15, captureBytes]])(ctx, rng);
  if (corpus === 'bytes') return randomBytes(ctx, rng);
  throw new Error(`unknown corpus ${corpusKind}: use one of ${CORPORA.join(', ')}`);
}

function profileFor(ctx, rng, file) {
  return rng.chance(0.75) ? ctx.homeProfile.get(file) : rng.pick(ctx.profiles);
}

function scenarioText(ctx, rng) {
  const seed = rng.pick(ctx.corpus.scenarios);
  const doc = structuredClone(seed.doc);
  const what = [];
  for (let n = mutationCount(rng); n > 0; n--) what.push(mutateScenario(rng, ctx.pools, ctx.corpus, doc));
  let text = writeDoc(doc, rng.chance(0.5) ? 2 : undefined) ?? seed.text;
  if (rng.chance(0.08)) { const at = rng.int(text.length + 1); text = text.slice(0, at); what.push(`text cut at ${at}`); }
  return { kind: 'scenario-text', origin: seed.file, what, profile: profileFor(ctx, rng, seed.file), text };
}

/** The document as text, or undefined when mutations nested it too deep for JSON.stringify's recursion. */
function writeDoc(doc, indent) {
  try {
    return expandDeepMarkers(JSON.stringify(doc, null, indent));
  } catch {
    return undefined;
  }
}

function scenarioBytes(ctx, rng) {
  const seed = rng.pick(ctx.corpus.scenarios);
  let bytes = utf8.encode(seed.text);
  const what = [];
  for (let n = mutationCount(rng); n > 0; n--) { const r = mutateBytes(rng, bytes); bytes = r.bytes; what.push(r.what); }
  return { kind: 'scenario-bytes', origin: seed.file, what, profile: profileFor(ctx, rng, seed.file), base64: toBase64(bytes) };
}

function renamed(ctx, rng) {
  const seed = rng.pick(ctx.corpus.scenarios);
  const doc = structuredClone(seed.doc);
  const map = renameScenario(rng, doc);
  return { kind: 'scenario-preserve', transform: 'rename', origin: seed.file, what: [`renamed ${Object.keys(map).length} names`], profile: profileFor(ctx, rng, seed.file), text: JSON.stringify(doc, null, 2) };
}

function reordered(ctx, rng) {
  const seed = rng.pick(ctx.reorderable.length ? ctx.reorderable : ctx.corpus.scenarios);
  const doc = structuredClone(seed.doc);
  const swaps = reorderScenario(rng, doc, rng.range(1, 16));
  if (rng.chance(0.5)) renameScenario(rng, doc);
  return { kind: 'scenario-preserve', transform: 'reorder', origin: seed.file, what: [`swapped steps ${swaps.join(', ') || '(none)'}`], profile: profileFor(ctx, rng, seed.file), text: JSON.stringify(doc, null, 2) };
}

/** A call line's record with one JSON-level mutation of its arguments (or of the record itself). */
function mutateCallLine(ctx, rng, line) {
  let rec;
  try { rec = JSON.parse(line); } catch { return { line, what: 'unparsable line left alone' }; }
  const args = rec?.vkFunc?.args;
  const what = mutateJson(rng, ctx.pools, rec, args && typeof args === 'object' && rng.chance(0.85) ? [args] : [rec]);
  try {
    return { line: expandDeepMarkers(JSON.stringify(rec)), what };
  } catch {
    return { line, what: 'too deep to write again, left alone' }; // an earlier mutation nested it deeply
  }
}

function mutatedLines(ctx, rng, seed) {
  const lines = [...seed.lines];
  const what = [];
  for (let n = mutationCount(rng); n > 0; n--) {
    if (rng.chance(0.4) || lines.length === 0) { what.push(mutateLines(rng, lines, ctx.foreignLines)); continue; }
    const calls = lines.map((l, i) => (l.includes('"vkFunc"') ? i : -1)).filter((i) => i >= 0);
    const i = calls.length ? rng.pick(calls) : rng.int(lines.length);
    const r = mutateCallLine(ctx, rng, lines[i]);
    lines[i] = r.line;
    what.push(`line ${i + 1}: ${r.what}`);
  }
  return { lines, what };
}

const chunkSize = (rng) => rng.pick([1, 3, 7, 64, 1000, 4096, 65536]);

function captureLines(ctx, rng) {
  const seed = rng.pick(ctx.corpus.captures);
  const { lines, what } = mutatedLines(ctx, rng, seed);
  return { kind: 'capture-lines', origin: seed.file, what, chunk: chunkSize(rng), text: lines.join(rng.chance(0.1) ? '\r\n' : '\n') };
}

/**
 * Records handed to Validator.check as objects, as a library user may: the only way to give the
 * validator a pNext chain or a structure that loops back on itself.
 */
function captureRecords(ctx, rng) {
  const seed = rng.pick(ctx.corpus.captures);
  const { lines, what } = rng.chance(0.5) ? mutatedLines(ctx, rng, seed) : { lines: [...seed.lines], what: [] };
  const links = [];
  for (let n = rng.range(1, 3); n > 0; n--) {
    const i = rng.int(lines.length);
    let rec;
    try { rec = JSON.parse(lines[i]); } catch { continue; }
    const objs = members(rec).filter((m) => m.holder[m.key] && typeof m.holder[m.key] === 'object' && !Array.isArray(m.holder[m.key]) && m.path.startsWith('vkFunc.args'));
    if (!objs.length) continue;
    const from = rng.pick(objs);
    const to = rng.chance(0.5) ? from : rng.pick(objs);
    const key = rng.chance(0.7) ? 'pNext' : rng.pick(Object.keys(from.holder[from.key]).concat(['pNext']));
    links.push({ line: i, from: from.path, to: to.path, key });
    what.push(`line ${i + 1}: ${from.path}.${key} -> ${to.path}`);
  }
  return { kind: 'capture-records', origin: seed.file, what, lines, links };
}

function captureBytes(ctx, rng) {
  const seed = rng.pick(ctx.corpus.captures);
  let bytes = utf8.encode(seed.lines.join('\n'));
  const what = [];
  for (let n = mutationCount(rng); n > 0; n--) { const r = mutateBytes(rng, bytes); bytes = r.bytes; what.push(r.what); }
  return { kind: 'capture-bytes', origin: seed.file, what, chunk: chunkSize(rng), base64: toBase64(bytes) };
}

/** Bytes from nowhere: plain noise, or noise after a plausible start so the readers get further in. */
function randomBytes(ctx, rng) {
  const length = rng.pick([0, 1, 2, 16, 100, 1000, 4096]);
  const prefix = rng.pick(['', '', '{', '{"vkFunc":', '{"vkFunc":{"name":"vkAllocateMemory","args":', '{"scenario":"x","steps":[', '{"index":1,"vkFunc":{"name":"vkGetMemoryFdKHR","args":{"pGetFdInfo":']);
  const noise = rng.chance(0.5) ? rng.bytes(length) : utf8.encode(Array.from({ length }, () => rng.pick(['{', '}', '[', ']', '"', ',', ':', '0', '-', 'e', 'null', 'true', '"a"', '\n', ' ', '"sType"', '"pNext"'])).join(''));
  const bytes = new Uint8Array([...utf8.encode(prefix), ...noise]);
  const as = rng.chance(0.5) ? 'capture-bytes' : 'scenario-bytes';
  return as === 'capture-bytes'
    ? { kind: as, origin: 'random bytes', what: [`${bytes.length} bytes, prefix ${JSON.stringify(prefix)}`], chunk: chunkSize(rng), base64: toBase64(bytes) }
    : { kind: as, origin: 'random.scenario.json', what: [`${bytes.length} bytes, prefix ${JSON.stringify(prefix)}`], profile: rng.pick(ctx.profiles), base64: toBase64(bytes) };
}
