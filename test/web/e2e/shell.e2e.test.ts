// The explorer's shell in a real browser: it starts offline from its own files, shows every tab, and
// reaches each view by keyboard and by link.
import { describe, expect, beforeAll, afterAll } from 'vitest';
import { itNeeds } from '../../helpers/system.js';
import { hasChromium, CHROMIUM, startExplorer, open, screenshot, type Explorer } from './harness.js';

const it = itNeeds(hasChromium, `chromium at ${CHROMIUM}`);
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

  it('an unknown route opens the handle types; a broken state parameter does not break the page', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/nowhere?s=%%%');
    await page.waitForSelector('section.view-types');
    await screenshot(page, 'shell-unknown-route');
    expect(page.problems).toEqual([]);
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
