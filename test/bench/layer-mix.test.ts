// The call mix of the layer benchmark (bench/layer-mix.mjs) checked as a mix: every valid call is clean in
// the model and every misuse draws the rule it is meant to break; a round of the mix leaves the model's
// state as it found it (the benchmark repeats rounds); and on lavapipe, Debian's 1.3.239 layer says
// nothing about the valid calls and reports exactly the misuses the mix says it reports.
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinProfiles, createMockBackend, createNativeBackend, createValidator, type Finding, type Validator } from '../../src/index.js';
import { itNeeds } from '../helpers/system.js';
import { hasAddon, hasLavapipe, hasValidation, lavapipeIcd, lavapipeMissing } from '../native/addon.js';
// @ts-expect-error plain JavaScript module shared with the benchmark
import { MIX, buildWorld, worldRecords, mixRecords } from '../../bench/layer-mix.mjs';
import { UNFILLED } from '../helpers/messages.js';

interface Entry { id: string; valid: boolean; model?: string; layer?: string | null; records(a: unknown): unknown[]; run(b: unknown, h: unknown, a: unknown): number }
const mix = MIX as Entry[];
const valid = mix.filter((e) => e.valid);
const misuses = mix.filter((e) => !e.valid);
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error').map((f) => f.vuid);

let v: Validator;
let answers: unknown;
beforeAll(async () => {
  v = await createValidator();
  // The mock backend made from the lavapipe profile answers as lavapipe does.
  const lavapipe = builtinProfiles().find((p) => p.profile === 'lavapipe')!;
  answers = buildWorld(createMockBackend([lavapipe])).answers;
});

/** The world, then `entries`' records; the findings of each mix record, in order. */
function check(entries: Entry[], rounds = 1): Finding[][] {
  v.reset();
  const world = worldRecords(answers);
  for (const r of world) expect(v.check(r), r.name).toEqual([]);
  const out: Finding[][] = [];
  for (let i = 0; i < rounds; i++) for (const r of mixRecords(entries, answers, world.length + 1)) out.push(v.check(r));
  return out;
}

describe('the layer benchmark\'s call mix, in the model', () => {
  it('has valid calls and misuses, each misuse naming the rule it breaks', () => {
    expect(valid.length).toBeGreaterThanOrEqual(4);
    expect(misuses.length).toBeGreaterThanOrEqual(10);
    for (const e of misuses) expect(e.model, e.id).toMatch(/^VUID-/);
    expect(new Set(mix.map((e) => e.id)).size).toBe(mix.length);
  });

  for (const e of valid) {
    it(`valid: ${e.id} draws no finding`, () => {
      for (const found of check([e])) expect(found).toEqual([]);
    });
  }

  for (const e of misuses) {
    it(`misuse: ${e.id} draws ${e.model}`, () => {
      const found = check([e]).flat();
      expect(errors(found)).toContain(e.model);
      // A finding that is reported is spelled out: no template left unfilled.
      for (const f of found) expect(f.message).not.toMatch(UNFILLED);
    });
  }

  it('leaves the model as it found it: every round of the whole mix gives the same findings', () => {
    const perRound = mixRecords(mix, answers, 1).length;
    const rounds = 3;
    const found = check(mix, rounds).map((fs) => fs.map((f) => `${f.severity} ${f.vuid} ${f.message}`));
    expect(found).toHaveLength(perRound * rounds);
    for (let i = 1; i < rounds; i++) expect(found.slice(i * perRound, (i + 1) * perRound)).toEqual(found.slice(0, perRound));
    // And each misuse is still flagged in the last round, after the others ran.
    const last = found.slice((rounds - 1) * perRound);
    expect(last.filter((fs) => fs.some((f) => f.startsWith('error '))).length).toBe(misuses.length);
  });

  it('leaves nothing behind: after rounds of the mix, the process ends with what the world alone leaves', () => {
    // Ending the process names every fd and handle still open; rounds must add none (an fd got and
    // never closed would be one per round).
    const end = (rounds: number) => {
      check(mix, rounds);
      return v.check({ kind: 'os', name: 'ExitProcess', args: {}, call: 100_000 }).map((f) => `${f.severity} ${f.vuid} ${f.message}`);
    };
    const alone = end(0);
    expect(alone.length).toBeGreaterThan(0); // the world's own fd is still open: the check sees fds
    expect(end(3)).toEqual(alone);
  });
});

describe('the layer benchmark\'s call mix, on lavapipe with VK_LAYER_KHRONOS_validation', () => {
  const ready = hasAddon && hasLavapipe && hasValidation;
  const withLayer = itNeeds(ready, [lavapipeMissing, !hasValidation && 'the Khronos validation layer (vulkan-validationlayers)'].filter(Boolean).join('; '));

  function open() {
    process.env.VK_ICD_FILENAMES = lavapipeIcd;
    process.env.VK_LAYER_ENABLE_MESSAGE_LIMIT = 'false';
    const b = createNativeBackend({ validation: true, skipReported: true });
    expect(b.validationEnabled).toBe(true);
    return b;
  }

  withLayer('the valid calls succeed and the layer says nothing, round after round', () => {
    const b = open();
    try {
      const w = buildWorld(b);
      expect(b.takeLayerMessages()).toEqual([]);
      for (let round = 0; round < 3; round++) {
        for (const e of valid) expect(e.run(b, w.handles, w.answers), e.id).toBe(0);
      }
      expect(b.takeLayerMessages()).toEqual([]);
    } finally {
      b.dispose();
    }
  });

  withLayer('Debian\'s 1.3.239 layer reports (and stops) the misuses the mix says it reports, and no others', () => {
    const said: Record<string, string[]> = {};
    for (const e of misuses) {
      // A fresh world for each: a misuse the layer lets through runs in the driver.
      const b = open();
      try {
        const w = buildWorld(b);
        b.takeLayerMessages();
        e.run(b, w.handles, w.answers);
        said[e.id] = b.takeLayerMessages().filter((m) => m.severity === 'error').map((m) => m.vuid);
      } finally {
        b.dispose();
      }
    }
    for (const e of misuses) {
      if (e.layer) expect(said[e.id], e.id).toContain(e.layer);
      else expect(said[e.id], e.id).toEqual([]);
    }
  });

  withLayer('a reported misuse changes nothing in the driver: the world still works after many of them', () => {
    const b = open();
    try {
      const w = buildWorld(b);
      const reported = misuses.filter((e) => e.layer);
      for (let round = 0; round < 20; round++) for (const e of reported) e.run(b, w.handles, w.answers);
      expect(b.takeLayerMessages().filter((m) => m.severity === 'error')).toHaveLength(20 * reported.length);
      for (const e of valid) expect(e.run(b, w.handles, w.answers), e.id).toBe(0);
      expect(b.takeLayerMessages()).toEqual([]);
    } finally {
      b.dispose();
    }
  });
});
