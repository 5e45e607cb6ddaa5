// Inputs the fuzzer found (test/fixtures/fuzz/*.json), replayed with every check of the fuzzer: no
// crash, within the time bound, the same outcome in a fresh validator, mock invariants kept, errors
// that name their place; and what each file says must come out (an error, a finding, a clean run).
// `npm run fuzz -- --replay FILE` runs one of them on the built library.
import { describe, it, expect, beforeAll } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as lib from '../../src/index.js';
import { loadCorpus } from '../../fuzz/corpus.mjs';
import { prepare, replay } from '../../fuzz/engine.mjs';
import { expandFixture, unmetExpectations } from '../../fuzz/fixtures.mjs';

const dir = 'test/fixtures/fuzz';
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('fuzz regressions', () => {
  let prepared: Awaited<ReturnType<typeof prepare>>;
  beforeAll(async () => {
    prepared = await prepare(lib, loadCorpus(), { timeLimitMs: 2000 });
  });

  it('has fixtures', () => expect(files.length).toBeGreaterThan(0));

  for (const file of files) {
    it(file, async () => {
      const fixture = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      expect(fixture.input?.kind, 'a fixture holds an input').toBeTypeOf('string');
      expect(fixture.expect, 'a fixture says what must come out').toBeTypeOf('object');
      const r = await replay(lib, prepared, expandFixture(fixture.input));
      expect(r.ok ? 'passes' : `${r.kind}: ${r.detail}`).toBe('passes');
      expect(unmetExpectations(r.outcome, fixture.expect)).toEqual([]);
    });
  }
});
