#!/usr/bin/env node
// The explorer's first verdict against another build of it, in the same run: a baseline for the
// `explorer` section of bench/run.mjs, whose absolute milliseconds swing with the machine's load.
//   node bench/explorer-ab.mjs OTHER_CHECKOUT [--rounds N]
// OTHER_CHECKOUT is a built checkout (its dist/web/ exists: `npm run build:web` there), for example a
// `git worktree add /tmp/base <rev>`. Both are served by their own `vk-extmem explore --no-build`, and
// visits alternate (each in a fresh browser context, nothing cached), so load drifts hit both alike.
// Prints each side's median and the ratio this checkout / OTHER_CHECKOUT (below 1: this one is faster).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '12' }, help: { type: 'boolean', short: 'h' } } });
if (values.help || positionals.length !== 1) {
  console.log('Usage: node bench/explorer-ab.mjs OTHER_CHECKOUT [--rounds N]\nTimes the first verdict on #/chain of this checkout\'s explorer against OTHER_CHECKOUT\'s, alternating visits.');
  process.exit(values.help ? 0 : 2);
}
const other = resolve(positionals[0]);
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 200) { console.error(`explorer-ab: --rounds takes 1 … 200, not ${values.rounds}`); process.exit(2); }
for (const dir of [here, other]) {
  if (!existsSync(join(dir, 'dist', 'web', 'index.html'))) { console.error(`explorer-ab: ${dir}/dist/web/ is missing; run \`npm run build:web\` there first`); process.exit(2); }
}
const CHROMIUM = process.env.VKX_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) { console.error(`explorer-ab: no chromium at ${CHROMIUM} (set VKX_CHROMIUM)`); process.exit(2); }
const { chromium } = await import('playwright-core');

async function serve(dir) {
  const child = spawn(process.execPath, [join(dir, 'bin', 'vk-extmem.js'), 'explore', '--port', '0', '--no-build'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
  let text = '';
  for await (const chunk of child.stdout) {
    text += chunk;
    const m = /(http:\/\/\S+)/.exec(text);
    if (m) return { url: m[1], child };
  }
  throw new Error(`vk-extmem explore in ${dir} did not print its URL`);
}

const sides = { this: await serve(here), other: await serve(other) };
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'] });
const times = { this: [], other: [] };
try {
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 ? ['other', 'this'] : ['this', 'other']) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${sides[name].url}#/chain`);
      await page.waitForFunction(() => window.__vkxFirstVerdict !== undefined, undefined, { timeout: 30000 });
      times[name].push(await page.evaluate(() => window.__vkxFirstVerdict));
      await context.close();
    }
    process.stderr.write(`\rexplorer-ab: round ${r + 1} of ${rounds}`);
  }
} finally {
  process.stderr.write('\n');
  await browser.close();
  for (const s of Object.values(sides)) s.child.kill('SIGTERM');
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const [a, b] = [median(times.this), median(times.other)];
console.log(`explorer first verdict on #/chain, median of ${rounds}: this checkout ${a.toFixed(0)} ms, ${other} ${b.toFixed(0)} ms, ratio ${(a / b).toFixed(2)}`);
