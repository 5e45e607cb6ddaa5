// CONTRIBUTING.md stays true: every file, folder and test it names exists, and each of its checklists
// names at least one test that fails when a step is forgotten.
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';

const guide = readFileSync('CONTRIBUTING.md', 'utf8');
/** Paths in backticks: a folder ending in / or a file with an extension, under the repository. */
const paths = [...guide.matchAll(/`([A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]*)`/g)].map((m) => m[1]).filter((p) => p.endsWith('/') || /\.[a-z]+$/.test(p));
const sections = guide.split(/^## /m).slice(1).map((s) => ({ title: s.split('\n')[0], text: s }));

describe('CONTRIBUTING.md', () => {
  it('names paths that exist', () => {
    expect(paths.length).toBeGreaterThan(20);
    for (const p of paths) expect(existsSync(p), p).toBe(true);
  });
  it('names, for each checklist, the tests that catch a forgotten step', () => {
    for (const title of ['Add a rule (a VUID the model checks)', 'Add a handle type', 'Add a backend operation (an OS or D3D call a scenario can make)']) {
      const s = sections.find((x) => x.title === title);
      expect(s, title).toBeDefined();
      const tests = [...s!.text.matchAll(/`(test\/[^`]+\.test\.ts)`/g)].map((m) => m[1]);
      expect(tests.length, title).toBeGreaterThan(0);
    }
  });
  it('points at the README section on query ids', () => {
    expect(guide).toContain('section "Query ids"');
    expect(readFileSync('README.md', 'utf8')).toMatch(/^## Query ids$/m);
  });
});
