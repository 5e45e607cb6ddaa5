// The model against VK_LAYER_KHRONOS_validation, per call, on the fixed mix of bench/layer-mix.mjs:
//  - valid calls: the layer's added cost ((time with the layer − time without) / calls, the same calls
//    on lavapipe through the native backend, in pairs of alternating order) against Validator.check
//    from the record objects (the target: what a user calls), and, to show where the time goes,
//    against the core alone on pre-decoded records (as bench/run.mjs measures "core on pre-decoded records");
//  - invalid calls the layer reports: the whole call with the layer (its callback returns VK_TRUE, so the
//    layer skips the call and the driver never runs it; the time includes the addon's crossing from
//    JavaScript, about 0.2 µs) against Validator.check returning Finding objects with their messages,
//    and, to show where the model's time goes, the core alone on the same records pre-decoded;
//  - how many of the mix's misuses each one flags with an error, each misuse in a fresh world.
// Medians of several repetitions after a warm-up, each repetition the median of a few short pieces.
// Skipped, with the reason, where the addon, lavapipe or the layer is missing. VK_LAYER_PATH picks
// another build of the layer (the newer one in Debian's chromium, say), as it does for the loader.
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createNativeBackend, createValidator, NativeUnavailable } from '../dist/index.js';
import { snapshot, restore } from './record-snapshot.mjs';
import { MIX, buildWorld, worldRecords, mixRecords } from './layer-mix.mjs';

const ICD = '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json';
// The system's layer, or the one a VK_LAYER_PATH folder names (as `crosscheck --layer-path` sets it).
const LAYER_MANIFEST = process.env.VK_LAYER_PATH
  ? join(process.env.VK_LAYER_PATH.split(delimiter)[0], 'VkLayer_khronos_validation.json')
  : '/usr/share/vulkan/explicit_layer.d/VkLayer_khronos_validation.json';
// Rounds per piece (a round is one pass over the valid calls, or over the reported invalid ones).
const PIECES = 5;
const VALID_ROUNDS = 10_000;
const INVALID_ROUNDS = 300;
const MODEL_ROUNDS = 5_000;

const valid = MIX.filter((e) => e.valid);
const misuses = MIX.filter((e) => !e.valid);
const isError = (m) => m.severity === 'error';
const ns = (t0) => Number(process.hrtime.bigint() - t0);
/**
 * Collects the JavaScript heap before a timed piece (run with --expose-gc, as `npm run bench` does), on
 * both sides alike: garbage one side left would otherwise be collected, on a machine with few cores,
 * while the other side is timed.
 */
const settle = () => globalThis.gc?.();

class LayerMissing extends Error {}

/** Opens the native backend on lavapipe, with or without the layer (which then skips what it reports). */
function open(validation) {
  const b = createNativeBackend({ validation, skipReported: true });
  if (b.validationEnabled !== validation) { b.dispose(); throw new LayerMissing('the Khronos validation layer (the loader did not enable it)'); }
  return b;
}

// ---- which misuses each one flags: every misuse in a fresh world, so one the layer lets through (and the
// driver then runs) cannot disturb the next

function caughtByLayer() {
  const caught = new Map();
  for (const e of misuses) {
    const b = open(true);
    try {
      const w = buildWorld(b);
      const before = b.takeLayerMessages().filter(isError);
      if (before.length) throw new Error(`the layer reported ${before[0].vuid} while the world was built`);
      e.run(b, w.handles, w.answers);
      caught.set(e.id, b.takeLayerMessages().filter(isError).map((m) => m.vuid));
    } finally {
      b.dispose();
    }
  }
  return caught;
}

function caughtByModel(v, answers) {
  const world = worldRecords(answers);
  const caught = new Map();
  for (const e of misuses) {
    v.reset();
    for (const r of world) v.check(r);
    const found = mixRecords([e], answers, world.length + 1).flatMap((r) => v.check(r)).filter(isError);
    caught.set(e.id, found.map((f) => f.vuid));
  }
  return caught;
}

// ---- the layer's side: rounds of the mix on lavapipe

function timeRounds(b, w, entries, rounds) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) for (const e of entries) e.run(b, w.handles, w.answers);
  return ns(t0);
}

/**
 * One pair: the valid rounds without and with the layer (in the order given), and the reported invalid
 * rounds with it. Times in ns for the whole piece.
 */
function layerPair(reported, withLayerFirst) {
  const out = {};
  for (const validation of withLayerFirst ? [true, false] : [false, true]) {
    const b = open(validation);
    try {
      const w = buildWorld(b);
      b.takeLayerMessages();
      // Every valid call must succeed and draw no message, or the timing would include the layer's report.
      for (const e of valid) {
        const r = e.run(b, w.handles, w.answers);
        if (r !== 0) throw new Error(`valid call ${e.id} failed on the driver with VkResult ${r}`);
      }
      const said = b.takeLayerMessages();
      if (said.length) throw new Error(`the layer spoke on the valid call mix: ${said[0].vuid}`);
      settle();
      const t = timeRounds(b, w, valid, VALID_ROUNDS);
      if (validation) out.on = t; else out.off = t;
      if (validation && reported.length) {
        settle();
        out.invalid = timeRounds(b, w, reported, INVALID_ROUNDS);
        const messages = b.takeLayerMessages().filter(isError).length;
        if (messages < reported.length * INVALID_ROUNDS) throw new Error(`the layer reported ${messages} of ${reported.length * INVALID_ROUNDS} invalid calls (a message limit?)`);
      }
    } finally {
      b.dispose();
    }
  }
  return out;
}

// ---- the model's side

/** A validator holding the world, and the records of `entries` numbered after it. */
function modelWorld(v, answers, entries) {
  v.reset();
  const world = worldRecords(answers);
  for (const r of world) v.check(r);
  return mixRecords(entries, answers, world.length + 1);
}

/**
 * Records encoded once and replayed through the core (bench/run.mjs's "core on pre-decoded records"):
 * ns per call for each of `pieces` pieces of `rounds` rounds. Valid records must give no finding,
 * invalid ones at least one each.
 */
function modelPreDecoded(v, answers, entries, rounds, pieces, invalid) {
  const core = v.core;
  const encoded = modelWorld(v, answers, entries).map((r) => {
    v.check(r);
    return snapshot(new Int32Array(core.memory.buffer, core.inputAddress()));
  });
  let view = new Int32Array(core.memory.buffer, core.inputAddress());
  let findings = 0, silent = 0;
  settle();
  const times = [];
  for (let p = 0; p < pieces; p++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) {
      for (const rec of encoded) {
        if (view.buffer !== core.memory.buffer) view = new Int32Array(core.memory.buffer, core.inputAddress());
        restore(view, rec);
        const n = core.validateRecord();
        findings += n;
        if (n === 0) silent++;
      }
    }
    times.push(ns(t0) / (rounds * encoded.length));
  }
  if (invalid ? silent : findings) throw new Error(`the core ${invalid ? `found nothing on ${silent}` : `found ${findings} findings on`} replayed ${invalid ? 'invalid' : 'valid'} calls`);
  return times;
}

/** Records through Validator.check (encoding from objects, core, findings with messages): ns per call, per piece. */
function modelCheck(v, answers, entries, rounds, pieces, invalid) {
  const records = modelWorld(v, answers, entries);
  let errors = 0;
  settle();
  const times = [];
  for (let p = 0; p < pieces; p++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) for (const r of records) for (const f of v.check(r)) if (f.severity === 'error' && f.message) errors++;
    times.push(ns(t0) / (rounds * records.length));
  }
  const calls = pieces * rounds * records.length;
  if (invalid ? errors < calls : errors) throw new Error(`the model found ${errors} errors in ${calls} ${invalid ? 'invalid' : 'valid'} calls`);
  return times;
}

export async function layerBench({ median, spread, reps = 5 }) {
  const addonPath = new URL('../native/build/Release/vkextmem.node', import.meta.url).pathname;
  const missing = [!existsSync(addonPath) && 'the native addon', !existsSync(ICD) && 'lavapipe', !existsSync(LAYER_MANIFEST) && 'the Khronos validation layer (vulkan-validationlayers)'].filter(Boolean);
  if (missing.length) return { 'layer vs model: skipped': { value: `needs ${missing.join(', ')}` } };
  process.env.VK_ICD_FILENAMES = ICD;
  // By default the layer stops reporting a VUID after 10 messages, and stops skipping the call with it.
  process.env.VK_LAYER_ENABLE_MESSAGE_LIMIT = 'false';
  let layerVersion = 'of unknown version';
  try { layerVersion = JSON.parse(readFileSync(LAYER_MANIFEST, 'utf8')).layer?.api_version ?? layerVersion; } catch { /* named as unknown */ }

  let answers;
  try {
    const b = open(false);
    try { answers = buildWorld(b).answers; } finally { b.dispose(); }
    open(true).dispose();
  } catch (e) {
    if (e instanceof LayerMissing) return { 'layer vs model: skipped': { value: `needs ${e.message}` } };
    if (e instanceof NativeUnavailable) return { 'layer vs model: skipped': { value: `needs a working native backend (${e.message})` } };
    throw e;
  }
  const v = await createValidator();
  const byLayer = caughtByLayer();
  const byModel = caughtByModel(v, answers);
  const reported = misuses.filter((e) => byLayer.get(e.id).length);
  for (const e of misuses) process.stderr.write(`  ${e.id}: model ${byModel.get(e.id).join(' ') || '-'}; layer ${byLayer.get(e.id).join(' ') || '-'}\n`);

  const validCalls = mixRecords(valid, answers, 1).length;
  const invalidCalls = mixRecords(reported, answers, 1).length;
  // Each repetition is the median of PIECES short pieces, the layer's in pairs of alternating order, so
  // a burst of other work on the machine spoils one piece rather than the repetition.
  const layerAdded = [], layerInvalid = [], modelValid = [], modelValidCheck = [], modelInvalid = [], modelInvalidCore = [];
  // The model's JavaScript takes more than one repetition to settle (the engine compiles and recompiles
  // it as it learns the objects' shapes; the first two repetitions took 2-4x the later ones): it runs a
  // while first, as in any process that checks more than a few thousand calls.
  for (let i = 0; i < 4; i++) {
    modelCheck(v, answers, valid, MODEL_ROUNDS, 1, false);
    if (reported.length) modelCheck(v, answers, reported, MODEL_ROUNDS / 4, 1, true);
  }
  for (let r = 0; r < reps + 1; r++) {
    const pairs = Array.from({ length: PIECES }, (_, i) => layerPair(reported, (r + i) % 2 === 1));
    const mv = median(modelPreDecoded(v, answers, valid, MODEL_ROUNDS, PIECES, false));
    const mc = median(modelCheck(v, answers, valid, MODEL_ROUNDS / 4, PIECES, false));
    const mi = reported.length ? median(modelCheck(v, answers, reported, MODEL_ROUNDS / 4, PIECES, true)) : NaN;
    const mic = reported.length ? median(modelPreDecoded(v, answers, reported, MODEL_ROUNDS / 4, PIECES, true)) : NaN;
    if (r === 0) continue; // warm-up
    layerAdded.push(median(pairs.map((p) => (p.on - p.off) / (VALID_ROUNDS * validCalls))));
    layerInvalid.push(reported.length ? median(pairs.map((p) => p.invalid / (INVALID_ROUNDS * invalidCalls))) : NaN);
    modelValid.push(mv); modelValidCheck.push(mc); modelInvalid.push(mi); modelInvalidCore.push(mic);
  }
  process.stderr.write(`  layer ${layerVersion}: ${validCalls} valid calls and ${invalidCalls} reported invalid calls per round\n`);
  const row = (xs) => ({ value: Number(median(xs).toFixed(median(xs) < 100 ? 2 : 1)), spreadPct: Number(spread(xs).toFixed(1)), reps });
  const ratio = (a, b) => row(a.map((x, i) => x / b[i]));
  return {
    'layer: added cost per valid call (ns)': row(layerAdded),
    'model: core per valid call, pre-decoded (ns)': row(modelValid),
    'model / layer, valid calls, core alone': ratio(modelValid, layerAdded),
    'model: per valid call through Validator.check (ns)': row(modelValidCheck),
    // The target is what a user calls: the public API, objects in, findings out.
    'model / layer, valid calls through Validator.check (target <= 1)': ratio(modelValidCheck, layerAdded),
    ...(reported.length ? {
      'layer: cost per invalid call it reports (ns)': row(layerInvalid),
      'model: per invalid call with formatted findings (ns)': row(modelInvalid),
      'model / layer, invalid calls (target <= 0.1)': ratio(modelInvalid, layerInvalid),
      'model: core per invalid call, pre-decoded (ns)': row(modelInvalidCore),
    } : { 'layer: invalid calls it reports': { value: 'none in the mix' } }),
    'misuses in the mix': { value: misuses.length },
    'misuses caught: model': { value: misuses.filter((e) => byModel.get(e.id).length).length },
    'misuses caught: layer': { value: reported.length },
  };
}
