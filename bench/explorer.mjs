// The spec explorer in headless chromium: milliseconds from navigation to the first verdict on the
// chain builder (the page records performance.now() when it first shows one), and the bytes that
// crossed the network for it (gzip, as `vk-extmem explore` serves them: page, scripts, .wasm, the
// profile the default chain uses). Each repetition is a fresh browser context: nothing cached.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const CHROMIUM = process.env.VKX_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function startServer() {
  const bin = fileURLToPath(new URL('../bin/vk-extmem.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'explore', '--port', '0', '--no-build'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let text = '';
  for await (const chunk of child.stdout) {
    text += chunk;
    const m = /(http:\/\/\S+)/.exec(text);
    if (m) return { url: m[1], stop: async () => { child.kill('SIGTERM'); await once(child, 'exit'); } };
  }
  throw new Error('vk-extmem explore did not print its URL');
}

async function visit(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  const urls = new Map();
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.goto(`${url}#/chain`);
  await page.waitForFunction(() => window.__vkxFirstVerdict !== undefined, undefined, { timeout: 30000 });
  const ms = await page.evaluate(() => window.__vkxFirstVerdict);
  await page.waitForLoadState('networkidle');
  await context.close();
  return { ms, bytes, files: [...urls.values()].map((u) => u.slice(url.length)) };
}

export async function explorerBench({ median, spread }) {
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`  explorer: skipped (no chromium at ${CHROMIUM})\n`);
    return {};
  }
  const { chromium } = await import('playwright-core');
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    await visit(browser, server.url); // warm-up (the server compresses each file once)
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await visit(browser, server.url));
    const ms = runs.map((r) => r.ms), bytes = runs.map((r) => r.bytes);
    process.stderr.write(`  explorer: first verdict ${median(ms).toFixed(0)} ms, ${median(bytes)} bytes (${runs[0].files.join(', ')})\n`);
    return {
      'explorer: navigation to first verdict (ms, target <= 500)': { value: Number(median(ms).toFixed(1)), spreadPct: Number(spread(ms).toFixed(1)), reps: ms.length },
      'explorer: bytes transferred, gzip (target <= 256000)': { value: median(bytes), spreadPct: Number(spread(bytes).toFixed(1)), reps: bytes.length },
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}
