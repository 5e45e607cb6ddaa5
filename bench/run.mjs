#!/usr/bin/env node
// npm run bench [-- --calls N] [-- --compare A.json B.json] [-- --only SECTION]
// Prints one table; writes the same figures to bench/results/<date>.json. --only runs one section (mock,
// native, layer, conform, corpus, explorer) and prints it, writing nothing.
import { createWriteStream, createReadStream, readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createValidator, parseCaptureLine } from '../dist/index.js';
import { snapshot, restore } from './record-snapshot.mjs';
import { traceLines } from './trace.mjs';
import { mockBench } from './mock.mjs';
import { nativeBench } from './native.mjs';
import { layerBench } from './layer.mjs';
import { explorerBench } from './explorer.mjs';
import { conformBench } from './conform.mjs';
import { corpusBench } from './corpus.mjs';

const args = process.argv.slice(2);
const calls = Number(args[args.indexOf('--calls') + 1] || 1_000_000) || 1_000_000;

if (args[0] === '--compare') {
  const [a, b] = [args[1], args[2]].map((f) => JSON.parse(readFileSync(f, 'utf8')));
  console.log(`metric${' '.repeat(44)}${args[1].slice(-24).padStart(24)}  ${args[2].slice(-24).padStart(24)}  change`);
  for (const k of Object.keys(a.metrics)) {
    const x = a.metrics[k].value, y = b.metrics[k]?.value;
    console.log(`${k.padEnd(50)}${String(x).padStart(24)}  ${String(y ?? '-').padStart(24)}  ${y ? ((y / x - 1) * 100).toFixed(1) + '%' : ''}`);
  }
  process.exit(0);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => { const m = median(xs); return Math.max(...xs.map((x) => Math.abs(x - m) / m)) * 100; };
const printRows = (metrics) => {
  for (const [k, m] of Object.entries(metrics)) console.log(`${k.padEnd(64)} ${String(m.value).padStart(12)}${m.spreadPct !== undefined ? `  ±${m.spreadPct}% (median of ${m.reps})` : ''}`);
};

const SECTIONS = { mock: mockBench, native: nativeBench, layer: layerBench, conform: conformBench, corpus: corpusBench, explorer: explorerBench };
if (args.includes('--only')) {
  const name = args[args.indexOf('--only') + 1];
  if (!Object.hasOwn(SECTIONS, name)) {
    console.error(`bench: --only takes one of ${Object.keys(SECTIONS).join(', ')}${name ? `, not ${JSON.stringify(name)}` : ''}`);
    process.exit(2);
  }
  printRows(await SECTIONS[name]({ median, spread }));
  process.exit(0);
}

async function* lines(file) {
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    rest += chunk;
    let nl, start = 0;
    while ((nl = rest.indexOf('\n', start)) >= 0) { yield rest.slice(start, nl); start = nl + 1; }
    rest = rest.slice(start);
  }
  if (rest) yield rest;
}

const file = join(tmpdir(), `vk-extmem-bench-${calls}.jsonl`);
process.stderr.write(`generating a ${calls}-call trace at ${file}…\n`);
{
  const out = createWriteStream(file);
  for (const l of traceLines(calls)) if (!out.write(l + '\n')) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}
const bytes = statSync(file).size;

async function measure(label, reps, fn) {
  await fn(); // warm-up
  const rates = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    const n = await fn();
    rates.push(n / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  process.stderr.write(`  ${label}: ${median(rates).toFixed(0)} calls/s\n`);
  return { value: Math.round(median(rates)), spreadPct: Number(spread(rates).toFixed(1)), reps };
}

const v = await createValidator();
let errors = 0;
const parseOnly = async () => {
  let n = 0;
  for await (const l of lines(file)) { const o = JSON.parse(l); if (o.vkFunc) n++; }
  return n;
};
const endToEnd = async () => {
  v.reset();
  let n = 0, line = 0;
  for await (const l of lines(file)) {
    const rec = parseCaptureLine(l, ++line, file);
    if (!rec) continue;
    n++;
    const found = v.check(rec);
    if (found.length) errors += found.filter((f) => f.severity === 'error').length;
  }
  return n;
};
// Parse-only and end-to-end alternate within each repetition, so drift in the machine's speed
// affects both sides of the ratio alike; the ratio is the median of the per-repetition ratios.
async function rate(fn) {
  const t0 = process.hrtime.bigint();
  const n = await fn();
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}
await parseOnly(); await endToEnd(); errors = 0;
const pr = [], er = [], rr = [];
for (let i = 0; i < 5; i++) {
  const p = await rate(parseOnly), e = await rate(endToEnd);
  pr.push(p); er.push(e); rr.push(e / p);
}
const pack = (xs, reps) => ({ value: Math.round(median(xs)), spreadPct: Number(spread(xs).toFixed(1)), reps });
const parseRate = pack(pr, 5), e2eRate = pack(er, 5);
process.stderr.write(`  JSON.parse only: ${parseRate.value} calls/s; end to end: ${e2eRate.value} calls/s\n`);
errors = Math.round(errors / 5);

// The core alone: the same records encoded once into memory, then replayed through validateRecord.
const core = v.core;
const encoded = [];
{
  v.reset();
  let line = 0;
  for await (const l of lines(file)) {
    const rec = parseCaptureLine(l, ++line, file);
    if (!rec) continue;
    v.check(rec);
    const view = new Int32Array(core.memory.buffer, core.inputAddress());
    encoded.push(snapshot(view));
    if (encoded.length >= 200000) break;
  }
}
const coreOnly = await measure('core on pre-decoded records', 5, async () => {
  v.reset();
  let view = new Int32Array(core.memory.buffer, core.inputAddress());
  for (const rec of encoded) {
    if (view.buffer !== core.memory.buffer) view = new Int32Array(core.memory.buffer, core.inputAddress());
    restore(view, rec);
    core.validateRecord();
  }
  return encoded.length;
});

// The core is built twice (asconfig.json): for speed, which Node loads, and for size, which pages
// download; the size target is the download's.
const wasm = readFileSync(new URL('../dist/core.wasm', import.meta.url));
const browserWasm = readFileSync(new URL('../dist/core.browser.wasm', import.meta.url));
const metrics = {
  'trace calls': { value: calls },
  'trace bytes': { value: bytes },
  'JSON.parse only (calls/s)': parseRate,
  'end to end from JSONL (calls/s)': e2eRate,
  'ratio end-to-end / JSON.parse (target >= 0.5)': { value: Number(median(rr).toFixed(3)), spreadPct: Number(spread(rr).toFixed(1)), reps: 5 },
  'core on pre-decoded records (calls/s)': coreOnly,
  'core .wasm raw (bytes)': { value: wasm.length },
  'core .wasm gzip (bytes)': { value: gzipSync(wasm, { level: 9 }).length },
  'core .wasm for pages, gzip (bytes, target <= 65536)': { value: gzipSync(browserWasm, { level: 9 }).length },
  'error findings on the valid trace (expect 0)': { value: errors },
  ...mockBench({ median, spread }),
  ...(await nativeBench({ median, spread })),
  ...(await layerBench({ median, spread })),
  ...(await conformBench({ median, spread })),
  ...(await corpusBench({ median, spread })),
  ...(await explorerBench({ median, spread })),
};
const machine = `${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, Node ${process.version}`;
console.log(`\nvk-extmem benchmark — ${machine}\n`);
printRows(metrics);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const out = new URL(`./results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`, import.meta.url);
writeFileSync(out, JSON.stringify({ machine, date: new Date().toISOString(), metrics }, null, 2) + '\n');
console.log(`\nwritten to ${out.pathname}`);
