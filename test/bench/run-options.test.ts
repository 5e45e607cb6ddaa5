// bench/run.mjs's options: --only runs one section and refuses a name that is none, naming the sections.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';

const bench = (...args: string[]) => spawnSync(process.execPath, ['bench/run.mjs', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('npm run bench -- --only', () => {
  it('refuses an unknown section with exit 2 and the list of sections', () => {
    const r = bench('--only', 'nope');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--only takes one of mock, native, layer, conform, corpus, explorer, not "nope"');
    expect(r.stdout).toBe('');
  });

  it('runs the one section asked for and prints its rows only (the mock section)', () => {
    const r = bench('--only', 'mock');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^mock lifecycle ops\/s, 0 live NT handles/m);
    expect(r.stdout).not.toContain('trace calls');
    expect(r.stdout).not.toContain('layer:');
  });
});
