// The core's IdMap (assembly/state/id-map.ts), which holds the world's devices, memories and object
// kinds, against JavaScript's Map: random sets, lookups and deletions over small and colliding key
// ranges (deletion shifts entries back, the part easiest to get wrong), growth past many capacities,
// id 0, and the garbage collector running between operations while the map holds objects.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Harness {
  set(k: number, v: number): void; has(k: number): number; get(k: number): number; remove(k: number): number;
  clear(): void; collect(): void; _initialize(): void;
}
let h: Harness;

beforeAll(() => {
  const out = join(mkdtempSync(join(tmpdir(), 'vkx-idmap-')), 'id-map.wasm');
  execFileSync(process.execPath, ['node_modules/assemblyscript/bin/asc.js', 'test/core/id-map.harness.ts', '-o', out, '-O3', '--runtime', 'incremental', '--exportRuntime', '--noAssert'], { stdio: 'pipe' });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(out)), { env: { abort: () => { throw new Error('IdMap aborted'); }, seed: () => 1 } });
  h = instance.exports as unknown as Harness;
  h._initialize(); // asconfig.json exports the start function rather than running it on instantiation
}, 120_000);

/** A small deterministic generator (the same sequence on every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

describe('IdMap', () => {
  for (const [label, keyOf] of [
    ['small ids', (r: () => number) => Math.floor(r() * 64)],
    ['ids of the upper range (names)', (r: () => number) => 0x40000000 + Math.floor(r() * 300)],
    ['ids that share their home slot', (r: () => number) => (Math.floor(r() * 40) << 16) | 7],
    ['any i32', (r: () => number) => (Math.floor(r() * 2 ** 32) | 0)],
  ] as const) {
    it(`agrees with Map over 20000 random operations: ${label}`, () => {
      h.clear();
      const model = new Map<number, number>();
      const r = random(label.length * 7919);
      for (let step = 0; step < 20000; step++) {
        const k = keyOf(r);
        const op = r();
        if (op < 0.45) { const v = Math.floor(r() * 1e6); h.set(k, v); model.set(k, v); }
        else if (op < 0.75) expect(h.remove(k), `delete ${k} at step ${step}`).toBe(model.delete(k) ? 3 : 0);
        else {
          expect(h.has(k), `has ${k} at step ${step}`).toBe(model.has(k) ? 3 : 0);
          if (model.has(k)) expect(h.get(k), `get ${k} at step ${step}`).toBe(model.get(k));
        }
        if (step % 997 === 0) h.collect();
      }
      for (const [k, v] of model) expect(h.get(k)).toBe(v);
      // Keys drawn from the same range: present exactly when the model holds them.
      const r2 = random(label.length * 104729);
      for (let step = 0; step < 20000; step++) { const k = keyOf(r2); expect(h.has(k)).toBe(model.has(k) ? 3 : 0); }
    });
  }

  it('grows to many entries and empties again, each entry found after every growth', () => {
    h.clear();
    for (let k = 1; k <= 5000; k++) { h.set(k * 2654435761 | 0, k); if ((k & (k - 1)) === 0) for (let j = 1; j <= k; j++) expect(h.get(j * 2654435761 | 0)).toBe(j); }
    for (let k = 1; k <= 5000; k++) expect(h.remove(k * 2654435761 | 0)).toBe(3);
    for (let k = 1; k <= 5000; k++) expect(h.has(k * 2654435761 | 0)).toBe(0);
    expect(h.has(2654435761 | 0)).toBe(0);
  });

  it('keeps id 0 apart from the table', () => {
    h.clear();
    expect(h.has(0)).toBe(0);
    h.set(0, 5); h.set(16, 6);
    expect(h.has(0)).toBe(3);
    expect(h.get(0)).toBe(5);
    expect(h.get(16)).toBe(6);
    expect(h.remove(0)).toBe(3);
    expect(h.has(0)).toBe(0);
    expect(h.get(16)).toBe(6);
  });

  it('a lookup of a deleted id after a has() of it does not find the remembered slot', () => {
    h.clear();
    h.set(3, 30); h.set(19, 190);
    expect(h.has(3)).toBe(3);
    h.remove(3);
    expect(h.has(3)).toBe(0);
    expect(h.get(19)).toBe(190);
  });
});
