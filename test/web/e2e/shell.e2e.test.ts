// The explorer's shell in a real browser: it starts offline from its own files, shows every tab,
// reaches each view by keyboard and by link, and carries long state in links compressed (a broken
// compressed parameter opens the view as for a broken link, never an error page).
// Each view opens at its top with the focus on its heading; on a phone the header is a single row.
import { describe, expect, beforeAll, afterAll } from 'vitest';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { itNeeds } from '../../helpers/system.js';
import { encodeState, decodeState } from '../../../web-demo/src/logic/url-state.js';
import { join } from 'node:path';
import { SPEC_VERSION, SPEC_LINE } from '../../../src/core/spec-links.js';
import { hasChromium, CHROMIUM, SCREENSHOTS, startExplorer, open, screenshot, type Explorer } from './harness.js';

const it = itNeeds(hasChromium, `chromium at ${CHROMIUM}`);
/** What the screen shows (a full-page picture draws the sticky header mid-page). */
const viewportShot = async (page: Page, name: string) => { await screenshot(page, name); await page.screenshot({ path: join(SCREENSHOTS, `${name}-viewport.png`) }); };
let ex: Explorer | undefined;
beforeAll(async () => { if (hasChromium) ex = await startExplorer(); }, 120000);
afterAll(async () => { await ex?.close(); });

describe('explorer shell', () => {
  it('starts, lists the five sections, and opens each one from its tab', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '');
    // Keyboard: the skip link first, then the tabs, in tab order.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Handle types');
    const tabs = await page.locator('#tabs a').allTextContents();
    expect(tabs).toEqual(['Handle types', 'Chain builder', 'Import resolver', 'Scenario playground', 'Profiles']);
    for (const [label, route] of [['Chain builder', 'chain'], ['Profiles', 'profiles'], ['Handle types', 'types']]) {
      await page.getByRole('link', { name: label }).click();
      await page.waitForSelector(`section.view-${route}`);
      expect(await page.locator('#tabs a[aria-current="page"]').textContent()).toBe(label);
    }
    expect(page.problems).toEqual([]);
  });

  it('says which specification version the rules were written against, linking that version and the latest', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/types');
    const foot = page.locator('footer');
    expect(await foot.innerText()).toContain(`Rules written against Vulkan ${SPEC_VERSION}`);
    expect(await foot.getByRole('link', { name: SPEC_VERSION, exact: true }).getAttribute('href')).toBe(`https://github.com/KhronosGroup/Vulkan-Docs/tree/v${SPEC_VERSION}`);
    expect(await foot.getByRole('link', { name: SPEC_LINE, exact: true }).getAttribute('href')).toBe(`https://registry.khronos.org/vulkan/specs/${SPEC_LINE}-extensions/html/vkspec.html`);
    expect(await foot.getByRole('link', { name: 'latest', exact: true }).getAttribute('href')).toBe('https://registry.khronos.org/vulkan/specs/latest/html/vkspec.html');
    await foot.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'shell-spec-version-viewport.png') });
    expect(page.problems).toEqual([]);
  });

  it('each view opens at its top with the keyboard on its heading, on a desktop and on a phone', async () => {
    const views = [['Chain builder', 'chain'], ['Profiles', 'profiles'], ['Import resolver', 'resolve'], ['Scenario playground', 'play'], ['Handle types', 'types']];
    for (const [viewport, name] of [[undefined, 'desktop'], [{ width: 390, height: 844 }, 'phone']] as const) {
      const page = await ex!.page(viewport);
      await open(page, ex!.url, '#/types');
      await page.waitForSelector('section.view-types table');
      for (const [i, [label, route]] of views.entries()) {
        // Scrolled down (as far as the view goes), the way the report found it.
        await page.evaluate(() => window.scrollTo(0, 540));
        const from = await page.evaluate(() => window.scrollY);
        if (route === 'chain') expect(from).toBeGreaterThan(0);
        const tab = page.getByRole('link', { name: label, exact: true });
        // Every other one by keyboard: the tab focused, then Enter.
        if (i % 2) { await tab.focus(); await page.keyboard.press('Enter'); } else await tab.click();
        await page.waitForFunction((id) => document.activeElement?.id === id, `title-${route}`);
        expect(await page.evaluate(() => window.scrollY)).toBe(0);
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
        // Still at the top once the view has drawn itself.
        await page.waitForTimeout(300);
        expect(await page.evaluate(() => window.scrollY)).toBe(0);
        if (route === 'chain' || route === 'profiles') await screenshot(page, `shell-${name}-opened-${route}`);
      }
      // The view's own updates (typing in the builder rewrites the link) move neither focus nor scroll.
      await page.getByRole('link', { name: 'Chain builder', exact: true }).click();
      await page.waitForSelector('.verdict-panel .verdict[data-verdict="ok"]');
      const size = page.getByLabel('allocationSize', { exact: true });
      await size.fill('4096');
      await page.waitForSelector('.verdict[data-verdict="bad"]');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(await size.getAttribute('id'));
      expect(page.problems).toEqual([]);
    }
  });

  it('on a phone the header is one row: the brand and a strip of tabs that scrolls by itself, all reachable by keyboard', async () => {
    const page = await ex!.page({ width: 390, height: 844 });
    await open(page, ex!.url, '#/chain');
    await page.waitForSelector('.verdict-panel .verdict[data-verdict]');
    const header = (await page.locator('header.top').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(64);
    const brand = (await page.locator('header .brand').boundingBox())!;
    const strip = (await page.locator('header nav').boundingBox())!;
    // One row: the strip beside the brand, not under it.
    expect(strip.y).toBeLessThan(brand.y + brand.height);
    expect(strip.x).toBeGreaterThanOrEqual(brand.x + brand.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The current tab is in sight, and so is each tab the keyboard reaches.
    const inStrip = async (label: string) => {
      const b = (await page.getByRole('link', { name: label, exact: true }).boundingBox())!;
      return b.x >= strip.x - 1 && b.x + b.width <= strip.x + strip.width + 1;
    };
    expect(await inStrip('Chain builder')).toBe(true);
    await viewportShot(page, 'shell-phone-header');
    await page.getByRole('link', { name: 'Handle types', exact: true }).focus();
    for (const label of ['Chain builder', 'Import resolver', 'Scenario playground', 'Profiles']) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(label);
      await expect.poll(() => inStrip(label)).toBe(true);
    }
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'title-profiles');
    expect(await inStrip('Profiles')).toBe(true);
    expect((await page.locator('header.top').boundingBox())!.height).toBeLessThanOrEqual(64);
    await viewportShot(page, 'shell-phone-header-profiles');
    // A desktop keeps the full header on one row.
    const wide = await ex!.page();
    await open(wide, ex!.url, '#/types');
    expect((await wide.locator('header.top').boundingBox())!.height).toBeLessThanOrEqual(64);
    await viewportShot(wide, 'shell-desktop-header');
    expect(page.problems).toEqual([]);
    expect(wide.problems).toEqual([]);
  });

  it('an unknown route opens the handle types; a broken state parameter does not break the page', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/nowhere?s=%%%');
    await page.waitForSelector('section.view-types');
    await screenshot(page, 'shell-unknown-route');
    expect(page.problems).toEqual([]);
  });

  it('long chain state travels compressed: the builder writes it packed, a fresh page opens it the same; old plain and packed links both open', async () => {
    // A chain whose import also names a long shared-object name: state well past the length that packs.
    const state = {
      v: 1, profile: 'illustrative-windows-discrete', command: 'vkAllocateMemory', source: { kind: 'd3d11-texture', shared: 'nt' }, process: 'same',
      args: { device: 'dev_main', pAllocator: null, pMemory: 'memory', pAllocateInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', allocationSize: 262144, memoryTypeIndex: 0,
        pNext: { sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_KHR', handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT', handle: 'hSrc', name: `Local\\${'vk-extmem-texture-'.repeat(150)}`,
          pNext: { sType: 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO', pNext: null, image: 'dstRes', buffer: 'VK_NULL_HANDLE' } } } },
    };
    const plain = encodeState(state);
    expect(plain.length).toBeGreaterThan(3000);
    const vuids = (p: Page) => p.locator('.finding').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.vuid));
    const s = (p: Page) => new URLSearchParams(new URL(p.url()).hash.replace(/^#\/chain\??/, '')).get('s') ?? '';

    // An old link, plain: it opens, and the builder rewrites its URL with the state packed.
    const page = await ex!.page();
    await open(page, ex!.url, `#/chain?s=${plain}`);
    await page.waitForSelector('.verdict-panel .verdict[data-verdict]');
    await page.waitForFunction(() => /[?&]s=z\./.test(location.hash));
    const packed = s(page);
    expect(packed.length).toBeLessThan(plain.length / 4);
    const kept = JSON.parse(inflateRawSync(Buffer.from(packed.slice(2), 'base64url')).toString('utf8'));
    expect(kept.args.pAllocateInfo.pNext.name).toBe(state.args.pAllocateInfo.pNext.name);
    const before = await vuids(page);
    expect(await page.locator('.chain-notes .note').count()).toBe(0);

    // The packed link in a fresh page: the same chain, the same findings, the same link.
    const fresh = await ex!.page();
    await open(fresh, ex!.url, `#/chain?s=${packed}`);
    await fresh.waitForSelector('.verdict-panel .verdict[data-verdict]');
    expect(await vuids(fresh)).toEqual(before);
    expect(await fresh.locator('.chain-notes .note').count()).toBe(0);
    expect(s(fresh)).toBe(packed);

    expect(page.problems).toEqual([]);
    expect(fresh.problems).toEqual([]);

    // "Copy link" right after an edit copies the edited state, not the link before it: packing is
    // asynchronous (here made slow on purpose), and the button waits for the URL to be written.
    const slow = await ex!.page();
    await slow.addInitScript(() => {
      const Real = CompressionStream;
      (window as unknown as { CompressionStream: unknown }).CompressionStream = function (format: CompressionFormat) {
        const real = new Real(format);
        return { writable: real.writable, readable: real.readable.pipeThrough(new TransformStream({ async flush() { await new Promise((r) => setTimeout(r, 500)); } })) };
      };
    });
    await open(slow, ex!.url, `#/chain?s=${packed}`);
    await slow.waitForSelector('.verdict-panel .verdict[data-verdict]');
    const size = slow.getByLabel('allocationSize', { exact: true });
    await size.fill('524288');
    await size.press('Enter');
    await slow.waitForSelector('.verdict-panel .verdict[data-verdict]:not([data-verdict="pending"])');
    await slow.getByRole('button', { name: 'Copy link', exact: true }).click();
    await expect.poll(() => slow.locator('#chain-link').innerText()).toContain('s=z.');
    const copied = new URLSearchParams(new URL(await slow.locator('#chain-link').innerText()).hash.replace(/^#\/chain\??/, '')).get('s')!;
    expect(JSON.parse(inflateRawSync(Buffer.from(copied.slice(2), 'base64url')).toString('utf8')).args.pAllocateInfo.allocationSize).toBe(524288);
    expect(slow.problems).toEqual([]);
  });

  it('the resolver opens a packed request link', async () => {
    const request = { profile: 'illustrative-windows-discrete', source: { kind: 'd3d12-heap', size: 1048576 }, process: 'same' };
    const page = await ex!.page();
    await open(page, ex!.url, `#/resolve?r=z.${deflateRawSync(JSON.stringify(request)).toString('base64url')}`);
    await page.waitForSelector('section.view-resolve');
    // The view writes its request back (short state stays plain): the one the link carried.
    await page.waitForFunction(() => /[?&]r=[A-Za-z0-9_-]+$/.test(location.hash));
    expect(decodeState(new URLSearchParams(new URL(page.url()).hash.replace(/^#\/resolve\??/, '')).get('r') ?? '')).toEqual(request);
    expect(await page.locator('.notice [role="alert"]').count()).toBe(0);
    expect(page.problems).toEqual([]);
  });

  it('a compressed parameter that is mangled, a decompression bomb or not UTF-8 opens the view as for a broken link and says so', async () => {
    const good = `z.${deflateRawSync(JSON.stringify({ v: 1 })).toString('base64url')}`;
    const bomb = `z.${deflateRawSync(Buffer.alloc(9 * 1024 * 1024, 0x20)).toString('base64url')}`;
    const notUtf8 = `z.${deflateRawSync(Buffer.from([0xff, 0xfe, 0x7b])).toString('base64url')}`;
    expect(bomb.length).toBeLessThan(32_000);
    const cases: Array<[string, string, RegExp]> = [
      [`#/chain?s=${good.slice(0, -4)}`, '.chain-notes .note', /^The chain in this link could not be read/],
      [`#/chain?s=${bomb}`, '.chain-notes .note', /^The chain in this link could not be read/],
      [`#/resolve?r=${notUtf8}`, '.notice .error-box', /^The link’s request \(r=…\) could not be decoded; showing the default request\./],
      [`#/resolve?r=z.%%%`, '.notice .error-box', /^The link’s request \(r=…\) could not be decoded/],
      [`#/play?profile=illustrative-windows-discrete&text=${bomb}`, '.notice .error-box', /^The link’s text \(text=…\) could not be decoded/],
      [`#/play?profile=illustrative-windows-discrete&text=z.AAAA`, '.notice .error-box', /^The link’s text \(text=…\) could not be decoded/],
    ];
    for (const [hash, where, says] of cases) {
      const page = await ex!.page();
      await open(page, ex!.url, hash);
      const note = page.locator(where).first();
      await note.waitFor();
      expect(await note.textContent(), hash.slice(0, 40)).toMatch(says);
      if (hash.startsWith('#/play')) {
        // The playground opens its default scenario instead.
        await page.waitForSelector('.play-output .verdict');
        await screenshot(page, 'shell-unreadable-state');
      }
      expect(page.problems, hash.slice(0, 40)).toEqual([]);
      await page.close();
    }
  });

  it('works offline once loaded: the page, the core and the whole library come from the service worker', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/types');
    await page.waitForSelector('body[data-offline="ready"]', { timeout: 60000 });
    await page.context().setOffline(true);
    await page.reload();
    await page.waitForFunction(() => window.__vkxReady === true, undefined, { timeout: 20000 });
    // A scenario and a profile no view had opened yet.
    const got = await page.evaluate(async () => {
      const index = await (await fetch('library/index.json')).json();
      const sc = await fetch(`library/scenarios/${index.scenarios[index.scenarios.length - 1].path}`);
      const pr = await fetch(`library/${index.profiles[index.profiles.length - 1].file}`);
      return [sc.status, (await sc.json()).steps.length > 0, pr.status];
    });
    expect(got).toEqual([200, true, 200]);
    await screenshot(page, 'shell-offline');
    await page.context().setOffline(false);
    // Going offline makes the reload's requests fail by design; nothing else may have gone wrong.
    expect(page.problems.filter((p) => !p.startsWith('request failed'))).toEqual([]);
  });
});
