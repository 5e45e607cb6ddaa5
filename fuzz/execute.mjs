// Running one fuzz input through the paths users hit, and writing down what came out as plain JSON
// (so two runs can be compared): an InputError's description, or the findings, expectations,
// statuses and timelines. Anything thrown that is not an InputError is left to propagate: the
// caller counts it as a crash.
import { fromBase64 } from './inputs.mjs';
import { applyLink } from './paths.mjs';

/** A broken mock invariant, a badly placed InputError: things the library got wrong without throwing. */
export class Broken extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

const finding = (f) => `${f.call}|${f.severity}|${f.vuid}|${f.path}|${f.message}`;
const expectation = (e) => `${e.call}|${e.kind}|${e.vuid}|${e.passed}`;

/** The text a scenario input's file would hold, read as Node's readFile(…, 'utf8') reads it. */
export function scenarioTextOf(input) {
  return input.base64 !== undefined ? new TextDecoder('utf-8').decode(fromBase64(input.base64)) : input.text;
}

function scenarioFile(input) {
  return input.origin.endsWith('.scenario.json') ? input.origin : 'fuzz.scenario.json';
}

async function* chunked(data, size) {
  for (let i = 0; i < data.length; i += size) yield data.slice(i, i + size);
}

/**
 * Runs `input` with validator `v` (reused: state from earlier inputs must not matter) and returns its
 * outcome. `lib` is the library (dist/index.js for the runner, src/index.ts for the tests).
 */
export async function execute(lib, v, input) {
  const caught = async (fn, place) => {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof lib.InputError)) throw e;
      checkPlace(e, place);
      return { error: e.describe() };
    }
  };
  switch (input.kind) {
    case 'capture-lines':
    case 'capture-bytes': {
      const data = input.base64 !== undefined ? fromBase64(input.base64) : input.text;
      const file = input.origin;
      return caught(async () => {
        const r = await lib.validateCaptureStream(v, chunked(data, input.chunk || 65536), file);
        return { calls: r.calls, findings: r.findings.map(finding) };
      }, { file });
    }
    case 'capture-records': {
      v.reset();
      const out = { findings: [] };
      return caught(() => {
        input.lines.forEach((text, i) => {
          const rec = lib.parseCaptureLine(text, i + 1, input.origin);
          if (!rec) return;
          for (const link of input.links) if (link.line === i) applyLink({ vkFunc: { args: rec.args } }, link);
          for (const f of v.check(rec, false)) out.findings.push(finding(f));
        });
        return out;
      }, { line: true });
    }
    case 'scenario-text':
    case 'scenario-bytes':
    case 'scenario-preserve':
      return { text: await caught(() => scenarioAsWritten(lib, v, input), { file: scenarioFile(input) }), mock: await caught(() => scenarioOnMock(lib, v, input), { file: scenarioFile(input) }) };
  }
  throw new Error(`unknown input kind ${input.kind}`);
}

/** The file validated as written (`vk-extmem validate`). */
function scenarioAsWritten(lib, v, input) {
  const r = lib.validateScenarioText(v, scenarioTextOf(input), scenarioFile(input));
  return { calls: r.calls, findings: r.findings.map(finding), expectations: r.expectations.map(expectation) };
}

/** The file run on the mock from its profile (`vk-extmem run`), the mock's invariants checked after every step. */
function scenarioOnMock(lib, v, input) {
  const file = scenarioFile(input);
  const sc = lib.parseScenario(scenarioTextOf(input), file);
  const profile = lib.builtinProfiles().find((p) => p.profile === input.profile) ?? lib.builtinProfiles()[0];
  const backend = lib.createMockBackend([profile]);
  try {
    const afterStep = (o) => {
      const broken = backend.checkInvariants();
      if (broken.length) throw new Broken('invariant', `mock invariant broken after step ${o.call} (${o.name}): ${broken.join('; ')}`);
    };
    const run = lib.runScenario(v, sc, file, backend, { profile, afterStep });
    const broken = backend.checkInvariants();
    if (broken.length) throw new Broken('invariant', `mock invariant broken at the end: ${broken.join('; ')}`);
    return {
      status: run.status,
      reason: run.reason,
      steps: run.steps.map((s) => ({ call: s.call, name: s.name, result: s.result, refused: s.refused, findings: s.findings.map(finding), events: s.events.map((e) => `${e.process}|${e.text}`), expectations: s.expectations.map(expectation) })),
    };
  } finally {
    backend.dispose();
  }
}

/** An InputError must say where the bad input is: the file it was read from, or for a record, its line. */
function checkPlace(e, place) {
  if (place.file !== undefined && e.where.file !== place.file) throw new Broken('no-place', `InputError does not name the file ${JSON.stringify(place.file)}: ${e.describe()}`);
  if (place.line && e.where.line === undefined) throw new Broken('no-place', `InputError does not name the line: ${e.describe()}`);
  if (/\[object Object\]/.test(e.message)) throw new Broken('no-place', `InputError message shows an object as [object Object]: ${e.describe()}`);
}
