// scripts/build-web.mjs: the static folder it writes works from any host — the page, one bundle, the
// core, and a library index whose files are all there. The bundle leaves the profiles and scenarios
// out (the page fetches the one it needs), which keeps the first load within its byte budget.
import { DEFAULT_PROFILE } from '../../web-demo/src/logic/chain-defaults.js';
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Metafile { outputs: Record<string, { imports: { path: string; kind: string }[] }> }
/** app.js and the named view's chunk, with every chunk they import statically (what the page fetches to show that view), relative to the output folder. */
function firstLoadScripts(meta: Metafile, view: string): string[] {
  const seen = new Set<string>();
  const walk = (k: string) => {
    if (seen.has(k)) return;
    seen.add(k);
    for (const i of meta.outputs[k].imports) if (i.kind === 'import-statement') walk(i.path);
  };
  const keys = Object.keys(meta.outputs);
  walk(keys.find((k) => k.endsWith('/app.js') || k === 'app.js')!);
  // A view in a chunk of its own: that chunk and what it imports (the chain builder is in the shell's).
  const chunk = keys.find((k) => new RegExp(`(^|/)chunks/${view}-[^/]+\\.js$`).test(k));
  if (chunk) walk(chunk);
  // The metafile names outputs relative to the working directory.
  return [...seen].map((k) => relative(out, resolve(k)).split('\\').join('/'));
}

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'vkx-build-web-'));
  execFileSync(process.execPath, ['scripts/build-web.mjs', '--out', out], { stdio: 'pipe' });
}, 120000);

describe('build-web', () => {
  it('writes the page, the bundle, the stylesheet and the core', () => {
    for (const f of ['index.html', 'app.js', 'style.css', 'core.wasm', 'sw.js', 'library/index.json']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('src="app.js"');
    expect([...readFileSync(join(out, 'core.wasm')).subarray(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
    // The service worker's cache is named after this build.
    expect(readFileSync(join(out, 'sw.js'), 'utf8')).toMatch(/const BUILD = '[0-9a-f]{12}';/);
  });

  it('lists every library file in the index, and every listed file exists', () => {
    const index = JSON.parse(readFileSync(join(out, 'library', 'index.json'), 'utf8'));
    expect(index.profiles.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['lavapipe', 'swiftshader', 'nvidia-h200-linux', 'illustrative-windows-discrete', 'illustrative-windows-integrated', 'illustrative-windows-amd', 'illustrative-windows-dozen']));
    expect(index.profiles.filter((p: { provenance: string }) => p.provenance === 'illustrative').map((p: { name: string }) => p.name).sort()).toEqual(['illustrative-windows-amd', 'illustrative-windows-discrete', 'illustrative-windows-dozen', 'illustrative-windows-integrated']);
    expect(index.scenarios.length).toBeGreaterThan(100);
    expect(index.captures.length).toBe(5);
    for (const p of index.profiles) expect(existsSync(join(out, 'library', p.file)), p.file).toBe(true);
    for (const s of index.scenarios) expect(existsSync(join(out, 'library', 'scenarios', s.path)), s.path).toBe(true);
    for (const c of index.captures) expect(existsSync(join(out, 'library', 'captures', c.path)), c.path).toBe(true);
  });

  it('keeps profiles and scenarios out of the bundle', () => {
    const meta = JSON.parse(readFileSync(join(out, 'app.meta.json'), 'utf8'));
    const inputs = Object.keys(meta.outputs[Object.keys(meta.outputs).find((k) => k.endsWith('app.js'))!].inputs);
    expect(inputs.filter((i) => /(^|\/)(profiles|scenarios)\/[^/]+\.json$/.test(i))).toEqual([]);
    expect(inputs.some((i) => i.includes('web-demo/src/main.ts'))).toBe(true);
  });

  it('fits the first load of #/chain in 250 KiB gzip: page, stylesheet, the shell and the chain view with every chunk they import, core, the library index and the default profile', () => {
    const meta = JSON.parse(readFileSync(join(out, 'app.meta.json'), 'utf8'));
    const scripts = firstLoadScripts(meta, 'chain');
    // The chain builder's code is in it; the other views stay out of it.
    const inputs = scripts.flatMap((f) => Object.keys(meta.outputs[Object.keys(meta.outputs).find((k) => k.endsWith(`/${f}`))!].inputs));
    expect(inputs).toContain('web-demo/src/views/chain.ts');
    expect(scripts.some((f) => /^chunks\/(playground|profiles|resolve|handle-types)-/.test(f))).toBe(false);
    const first = ['index.html', 'style.css', ...scripts, 'core.wasm', 'library/index.json', `library/profiles/${DEFAULT_PROFILE}.normalized.json`];
    const gz = first.map((f) => gzipSync(readFileSync(join(out, f)), { level: 9 }).length);
    expect(gz.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(250 * 1024);
  });

  it('splits the views into chunks the service worker keeps for offline use', () => {
    const sw = readFileSync(join(out, 'sw.js'), 'utf8');
    const listed = JSON.parse(/const CHUNKS = (\[.*?\]);/.exec(sw)![1]) as string[];
    for (const view of ['playground', 'profiles', 'resolve', 'handle-types']) expect(listed.some((f) => f.startsWith(`chunks/${view}-`)), view).toBe(true);
    for (const f of listed) expect(existsSync(join(out, f)), f).toBe(true);
  });

  it('type-checks the explorer against the DOM (web-demo/tsconfig.json)', () => {
    const tsc = join(process.cwd(), 'node_modules', '.bin', 'tsc');
    const r = spawnSync(tsc, ['-p', 'web-demo/tsconfig.json'], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
