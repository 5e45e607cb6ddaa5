// Validating real captures from JSON Lines against only parsing them (JSON.parse of every line, in the
// same run): the third-party corpus of test/fixtures/third-party, and its plain OpenGL capture alone
// (60 000 calls, none about external memory: what a real program's capture mostly is). The model reads
// past the calls it has no rules for without parsing them. Medians of several repetitions.
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const DIR = new URL('../test/fixtures/third-party/', import.meta.url);
const GL = 'piglit-gl-fbo-generatemipmap-formats.jsonl.gz';

export async function corpusBench({ median, spread, reps = 5 }) {
  const { createValidator, validateCaptureStream } = await import('../dist/index.js');
  const v = await createValidator();
  const files = readdirSync(DIR).filter((f) => f.endsWith('.jsonl.gz')).sort();
  const texts = new Map(files.map((f) => [f, gunzipSync(readFileSync(new URL(f, DIR))).toString('utf8')]));
  const measure = async (names) => {
    const inputs = names.map((n) => texts.get(n));
    // Both sides start from the text: splitting it into lines is part of either.
    const parseOnly = () => { let n = 0; for (const t of inputs) for (const l of t.split('\n')) if (l) { JSON.parse(l); n++; } return n; };
    const validate = async () => { let n = 0; for (const [i, t] of inputs.entries()) n += (await validateCaptureStream(v, [t], names[i])).calls; return n; };
    parseOnly(); await validate();
    const ratios = [], rates = [];
    for (let r = 0; r < reps; r++) {
      let t0 = process.hrtime.bigint();
      const n = parseOnly();
      const p = Number(process.hrtime.bigint() - t0);
      t0 = process.hrtime.bigint();
      await validate();
      const f = Number(process.hrtime.bigint() - t0);
      ratios.push(p / f); rates.push(n / (f / 1e9));
    }
    const calls = inputs.reduce((a, t) => a + t.split('\n').length - 1, 0);
    return { calls, ratio: { value: Number(median(ratios).toFixed(2)), spreadPct: Number(spread(ratios).toFixed(1)), reps }, rate: { value: Math.round(median(rates)), spreadPct: Number(spread(rates).toFixed(1)), reps } };
  };
  const all = await measure(files);
  const gl = await measure([GL]);
  return {
    [`corpus: ${files.length} third-party captures (lines)`]: { value: all.calls },
    'corpus: validate from JSONL (lines/s)': all.rate,
    'corpus: validate / JSON.parse-only rate (target >= 2)': all.ratio,
    'OpenGL on zink capture: validate from JSONL (lines/s)': gl.rate,
    'OpenGL on zink capture: validate / JSON.parse-only rate (target >= 2)': gl.ratio,
  };
}
