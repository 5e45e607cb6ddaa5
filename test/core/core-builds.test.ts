// The core is one source built twice (asconfig.json): dist/core.wasm for speed, which Node loads, and
// dist/core.browser.wasm for size, which pages load. Both must judge every call alike: each scenario's
// steps and each third-party capture go through a validator on either build, and the findings (rule,
// severity, place, message) must be the same, call by call.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { Validator } from '../../src/validator.js';
import { InputError } from '../../src/core/errors.js';
import { parseScenario } from '../../src/input/scenario.js';
import { parseCaptureLine } from '../../src/input/gfxrecon.js';
import type { CallRecord } from '../../src/input/record.js';

const BUILDS = ['dist/core.wasm', 'dist/core.browser.wasm'];

/** Each input: its name and its records (a scenario's steps, or a capture's calls). */
function inputs(): { name: string; records: CallRecord[] }[] {
  const out: { name: string; records: CallRecord[] }[] = [];
  for (const dir of ['scenarios/examples', 'scenarios/misuse', 'scenarios/cts']) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.scenario.json')).sort()) {
      out.push({ name: `${dir}/${f}`, records: parseScenario(readFileSync(join(dir, f), 'utf8'), f).steps.filter((s) => s.kind !== 'data') });
    }
  }
  const dir = 'test/fixtures/third-party';
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl.gz')).sort()) {
    const records: CallRecord[] = [];
    gunzipSync(readFileSync(join(dir, f))).toString('utf8').split('\n').forEach((text, i) => {
      const rec = text ? parseCaptureLine(text, i + 1, f) : null;
      if (rec) records.push(rec);
    });
    out.push({ name: `${dir}/${f}`, records });
  }
  return out;
}

/** What a validator on `wasm` says of each record, one line per record. */
async function verdicts(wasm: string, records: CallRecord[][]): Promise<string[][]> {
  const v = await Validator.fromModule(await WebAssembly.compile(readFileSync(wasm)));
  return records.map((recs) => {
    v.reset();
    return recs.map((r) => {
      try {
        return JSON.stringify(v.check(r).map((f) => [f.vuid, f.severity, f.path, f.message]));
      } catch (e) {
        if (e instanceof InputError) return `input error: ${e.message}`;
        throw e;
      }
    });
  });
}

describe('the two builds of the core', () => {
  it('judge every scenario step and every third-party capture call alike', async () => {
    const all = inputs();
    const [speed, size] = await Promise.all(BUILDS.map((b) => verdicts(b, all.map((x) => x.records))));
    let findings = 0;
    all.forEach((x, i) => {
      speed[i].forEach((line, k) => {
        if (line !== size[i][k]) expect.fail(`${x.name}, record ${k + 1} (${x.records[k].name}): ${BUILDS[0]} says ${line}, ${BUILDS[1]} says ${size[i][k]}`);
        if (line.startsWith('[[')) findings++;
      });
    });
    // The inputs must exercise the rules, or agreeing proves nothing.
    expect(findings).toBeGreaterThan(100);
    expect(new Set(BUILDS.map((b) => readFileSync(b).length)).size, 'the builds are the same file').toBe(2);
  }, 120_000);
});
