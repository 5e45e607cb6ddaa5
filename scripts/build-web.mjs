#!/usr/bin/env node
// Builds the spec explorer (web-demo/) into a static folder: index.html, style.css, app.js (one
// minified bundle), core.wasm, and library/ with the built-in profiles, the scenario library and sample
// gfxreconstruct captures, listed in library/index.json and fetched by the page only when opened.
// Needs the library built first (dist/core.wasm, dist/index.js): `npm run build:web` does both.
//   node scripts/build-web.mjs [--out DIR]      (default dist/web)
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log('Usage: node scripts/build-web.mjs [--out DIR]\nBuilds the spec explorer into DIR (default dist/web); serve it with `vk-extmem explore` or any static host.');
  process.exit(0);
}
const out = resolve(values.out ?? join(root, 'dist', 'web'));
// The core built for size (asconfig.json's browser target): the same source as dist/core.wasm, which
// Node loads, built for speed; in a page the first load's bytes count more than a call's nanoseconds.
const CORE = 'dist/core.browser.wasm';
for (const need of [CORE, 'dist/index.js']) {
  if (!existsSync(join(root, need))) {
    console.error(`build-web: ${need} is missing; run \`npm run build\` first (or \`npm run build:web\`, which does both)`);
    process.exit(1);
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'library'), { recursive: true });
const web = join(root, 'web-demo');
await build({
  entryPoints: { app: join(web, 'src', 'main.ts') },
  outdir: out,
  bundle: true,
  // Each view but the chain builder is a chunk of its own (main.ts imports it when opened), and code
  // two of them share is a chunk too, so the first load carries the shell and the chain builder only.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  metafile: true,
}).then((r) => writeFileSync(join(out, 'app.meta.json'), JSON.stringify(r.metafile)));
cpSync(join(web, 'index.html'), join(out, 'index.html'));
// One stylesheet: the shell's, then each view's (web-demo/styles/*.css), in name order, minified (it
// is part of the first load, whose size test/web/build.test.ts holds to a budget).
const styles = existsSync(join(web, 'styles')) ? readdirSync(join(web, 'styles')).filter((n) => n.endsWith('.css')).sort() : [];
const css = [readFileSync(join(web, 'style.css'), 'utf8'), ...styles.map((n) => readFileSync(join(web, 'styles', n), 'utf8'))].join('\n');
writeFileSync(join(out, 'style.css'), (await transform(css, { loader: 'css', minify: true })).code);
// The service worker names its cache after this build (scripts, core and stylesheet), so a new build
// replaces what an old one kept, and it keeps every chunk from the start.
const chunks = readdirSync(join(out, 'chunks')).filter((n) => n.endsWith('.js')).sort().map((n) => `chunks/${n}`);
const buildHash = createHash('sha256');
for (const f of ['app.js', ...chunks, 'style.css']) buildHash.update(readFileSync(join(out, f)));
const buildId = buildHash.update(readFileSync(join(root, CORE))).digest('hex').slice(0, 12);
writeFileSync(join(out, 'sw.js'), readFileSync(join(web, 'sw.js'), 'utf8').replace('__BUILD__', buildId).replace('__CHUNKS__', JSON.stringify(chunks)));
cpSync(join(root, CORE), join(out, 'core.wasm'));

// The library index: what each file is, so the page lists them without fetching them.
const { loadProfile, provenanceLine, isIllustrative } = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
const profiles = [];
mkdirSync(join(out, 'library', 'profiles'));
for (const f of readdirSync(join(root, 'profiles')).filter((n) => n.endsWith('.profile.json')).sort()) {
  const text = readFileSync(join(root, 'profiles', f), 'utf8');
  // Checked here with every rule a loaded file meets, and stored normalized: the page takes it as it
  // is, with no schema to compile before its first verdict.
  const p = loadProfile(text, f);
  const normalized = JSON.stringify(p);
  const name = f.replace(/\.profile\.json$/, '.normalized.json');
  writeFileSync(join(out, 'library', 'profiles', name), normalized);
  profiles.push({ name: p.profile, title: p.title ?? p.profile, provenance: isIllustrative(p) ? 'illustrative' : 'measured', line: provenanceLine(p), file: `profiles/${name}`, bytes: Buffer.byteLength(normalized), platform: p.platform ?? '' });
}
// Measured profiles first, as everywhere else.
profiles.sort((a, b) => Number(a.provenance !== 'measured') - Number(b.provenance !== 'measured'));

const scenarios = [];
const walk = (dir) => readdirSync(dir).sort().flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
for (const file of walk(join(root, 'scenarios')).filter((f) => f.endsWith('.scenario.json'))) {
  const rel = relative(join(root, 'scenarios'), file).split('\\').join('/');
  const sc = JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(dirname(join(out, 'library', 'scenarios', rel)), { recursive: true });
  cpSync(file, join(out, 'library', 'scenarios', rel));
  scenarios.push({ path: rel, name: sc.name ?? basename(rel, '.scenario.json'), description: sc.description ?? '', group: rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : '' });
}

// Real gfxreconstruct captures (recorded on lavapipe; test/fixtures/captures/README.md says how).
const CAPTURES = {
  'valid-buffer.jsonl': 'An OPAQUE_FD buffer exported by one device and imported by another: valid.',
  'misuse-import-size.jsonl': 'The import asks for twice the exported allocationSize.',
  'misuse-export-type.jsonl': 'vkGetMemoryFdKHR on memory allocated without VkExportMemoryAllocateInfo.',
  'misuse-bind-handle-types.jsonl': 'Exportable memory bound to a buffer created without VkExternalMemoryBufferCreateInfo.',
  'misuse-host-pointer-align.jsonl': 'A host-pointer import at an address that is not a multiple of minImportedHostPointerAlignment.',
};
const captures = [];
mkdirSync(join(out, 'library', 'captures'));
for (const [f, description] of Object.entries(CAPTURES)) {
  const from = join(root, 'test', 'fixtures', 'captures', f);
  if (!existsSync(from)) continue;
  cpSync(from, join(out, 'library', 'captures', f));
  captures.push({ path: f, name: basename(f, '.jsonl'), description });
}
writeFileSync(join(out, 'library', 'index.json'), JSON.stringify({ profiles, scenarios, captures }));

const size = (f) => statSync(join(out, f)).size;
console.log(`build-web: ${relative(process.cwd(), out) || '.'}/ — app.js ${size('app.js')} B, core.wasm ${size('core.wasm')} B; library: ${profiles.length} profiles, ${scenarios.length} scenarios, ${captures.length} captures`);
