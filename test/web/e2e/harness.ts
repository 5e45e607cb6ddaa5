// End-to-end tests drive the explorer in Debian's chromium through playwright-core. Each test file
// builds the explorer into its own temporary folder (so parallel runs never share one), serves it with
// the CLI's own static server, and saves a screenshot of every page it checks under build/screenshots/.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { serveStatic, type StaticServer } from '../../../src/cli/explore.js';

export const CHROMIUM = process.env.VKX_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const SCREENSHOTS = join(process.cwd(), 'build', 'screenshots');

// The flags that work as root with no network (../shared/reference/environment.md).
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Explorer {
  url: string;
  browser: Browser;
  /** A fresh page (own context: no cache, no storage) that records console errors and failed requests. */
  page(opts?: { width?: number; height?: number }): Promise<Page & { problems: string[] }>;
  close(): Promise<void>;
}

/** Builds the explorer into a temporary folder, serves it and launches chromium. */
export async function startExplorer(): Promise<Explorer> {
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'vkx-web-'));
  execFileSync(process.execPath, ['scripts/build-web.mjs', '--out', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const server: StaticServer = await serveStatic(dir, 0);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const contexts: BrowserContext[] = [];
  return {
    url: server.url,
    browser,
    async page(opts = {}) {
      const ctx = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 } });
      contexts.push(ctx);
      const page = (await ctx.newPage()) as Page & { problems: string[] };
      page.problems = [];
      page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
      page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
      page.on('requestfailed', (r) => page.problems.push(`request failed: ${r.url()}`));
      page.on('request', (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) page.problems.push(`request outside the page's own files: ${r.url()}`); });
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens a hash route and waits for the shell and the view to be ready. */
export async function open(page: Page, base: string, hash: string): Promise<void> {
  await page.goto(`${base}${hash}`);
  await page.waitForFunction(() => window.__vkxReady === true, undefined, { timeout: 20000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
