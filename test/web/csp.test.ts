// The explorer's Content-Security-Policy allows no eval: the server's header says so, and the built
// explorer has nothing that would need it (no ajv compiler, no code made from strings). The page itself
// under that policy: test/web/e2e/csp.e2e.test.ts.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from '../../src/cli/explore.js';

const scriptsUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? scriptsUnder(join(dir, n)) : n.endsWith('.js') ? [join(dir, n)] : []));

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'vkx-csp-'));
  execFileSync(process.execPath, ['scripts/build-web.mjs', '--out', out], { stdio: 'pipe' });
}, 120000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the explorer\'s content security policy', () => {
  it('allows WebAssembly and the page\'s own scripts, and no eval', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vkx-csp-page-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    const s = await serveStatic(dir, 0);
    try {
      const csp = (await fetch(s.url)).headers.get('content-security-policy') ?? '';
      const scriptSrc = /(?:^|;\s*)script-src ([^;]*)/.exec(csp)?.[1].trim().split(/\s+/);
      expect(scriptSrc).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(csp).not.toContain("'unsafe-eval'");
      expect(csp).not.toContain("'unsafe-inline'");
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has no script in the built explorer that makes code from strings or carries the ajv compiler', () => {
    const scripts = scriptsUnder(out);
    expect(scripts.length).toBeGreaterThan(5);
    const found = scripts.flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      // ajv's compiler: its strict-mode warning and its schema registry's error (the generated validators carry neither).
      return [/\bnew Function\b/, /\bFunction\(/, /\beval\(/, /strict mode: /, /schema with key or id/].filter((re) => re.test(text)).map((re) => `${f.slice(out.length + 1)}: ${re.source}`);
    });
    expect(found).toEqual([]);
  });
});
