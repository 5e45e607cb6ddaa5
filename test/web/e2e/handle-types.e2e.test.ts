// The "Handle types" view in a real browser: every catalogue row, the D3D12_HEAP panel with its VUIDs
// and spec links, the open row and filters kept in the URL, keyboard use, a phone-width page, and
// markup in URL parameters shown as text.
import { describe, expect, beforeAll, afterAll } from 'vitest';
import { itNeeds } from '../../helpers/system.js';
import { handleTypes } from '../../../src/index.js';
import { vuidUrl } from '../../../src/core/findings.js';
import { hasChromium, CHROMIUM, startExplorer, open, screenshot, type Explorer } from './harness.js';

const it = itNeeds(hasChromium, `chromium at ${CHROMIUM}`);
let ex: Explorer | undefined;
beforeAll(async () => { if (hasChromium) ex = await startExplorer(); }, 120000);
afterAll(async () => { await ex?.close(); });

const HEAP_SIZE_VUID = 'VUID-VkMemoryAllocateInfo-allocationSize-00647';
const toggles = 'section.view-types tbody button.row-toggle';

describe('handle types view', () => {
  it('lists every handle type of the catalogue', async () => {
    const catalogue = await handleTypes();
    const page = await ex!.page();
    await open(page, ex!.url, '#/types');
    await page.waitForSelector(toggles);
    expect(await page.locator(toggles).count()).toBe(catalogue.length);
    expect(await page.locator('.ht-count').textContent()).toBe(`${catalogue.length} of ${catalogue.length} handle types`);
    // Both families are there, NV rows named apart from their KHR counterparts.
    expect(await page.getByRole('button', { name: 'OPAQUE_WIN32', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'OPAQUE_WIN32_NV', exact: true }).count()).toBe(1);
    await screenshot(page, 'types-all');
    expect(page.problems).toEqual([]);
  });

  it('opens D3D12_HEAP into its VUIDs with spec links, and the open row survives a reload', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/types');
    const toggle = page.getByRole('button', { name: 'D3D12_HEAP', exact: true });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = page.locator('#ht-details-D3D12_HEAP');
    await panel.waitFor();
    expect(page.url()).toContain('#/types?open=D3D12_HEAP');

    const link = panel.getByRole('link', { name: HEAP_SIZE_VUID, exact: true });
    expect(await link.getAttribute('href')).toBe(vuidUrl(HEAP_SIZE_VUID));
    expect(await link.getAttribute('href')).toBe(`https://registry.khronos.org/vulkan/specs/latest/html/vkspec.html#${HEAP_SIZE_VUID}`);
    expect(await link.getAttribute('target')).toBe('_blank');
    // Its text is the core's rule, placeholders in words.
    expect(await link.locator('xpath=..').textContent()).toContain('importing a D3D12 heap: allocationSize … must equal the heap\'s size');
    // The NT one-export rule and the handle-lifetime rules are there; fd and host-pointer rules are not.
    const vuids = await panel.locator('ul.ht-rules > li > .spec, ul.ht-rules > li > .vuid').allTextContents();
    expect(vuids).toContain('VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663');
    expect(vuids).toContain('VKX-nt-handle-leaked');
    expect(vuids.some((v) => v.includes('VkImportMemoryFdInfoKHR') || v.includes('HostPointer'))).toBe(false);
    expect(new Set(vuids).size).toBe(vuids.length);
    expect(await panel.getByRole('heading', { level: 3 }).textContent()).toBe(`Rules that involve D3D12_HEAP (${vuids.length})`);
    // Facts in our words, and links into the resolver and the chain builder with the agreed parameters.
    expect(await panel.textContent()).toContain('Must equal the size the D3D12 heap was created with.');
    expect(await panel.getByRole('link', { name: 'Resolve an import of D3D12_HEAP' }).getAttribute('href'))
      .toBe('#/resolve?profile=illustrative-windows-discrete&source=d3d12-heap&type=D3D12_HEAP');
    expect(await panel.getByRole('link', { name: 'Try it in the chain builder' }).getAttribute('href'))
      .toBe('#/chain?profile=illustrative-windows-discrete&source=d3d12-heap&type=D3D12_HEAP');
    await screenshot(page, 'types-d3d12-heap-open');

    await page.reload();
    await page.waitForFunction(() => window.__vkxReady === true);
    await page.locator('#ht-details-D3D12_HEAP').waitFor();
    expect(await page.getByRole('button', { name: 'D3D12_HEAP', exact: true }).getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('#ht-details-D3D12_HEAP').getByRole('link', { name: HEAP_SIZE_VUID }).count()).toBe(1);
    await screenshot(page, 'types-d3d12-heap-reloaded');
    expect(page.problems).toEqual([]);
  });

  it('filters by family, platform and text, keeps them in the URL, and works from the keyboard', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/types');
    await page.getByLabel('Family').selectOption('NV');
    expect(await page.locator(toggles).count()).toBe(4);
    await page.getByLabel('Search').fill('kmt');
    expect(await page.locator(`${toggles} .ht-name`).allTextContents()).toEqual(['OPAQUE_WIN32_KMT_NV', 'D3D11_IMAGE_KMT_NV']);
    expect(page.url()).toContain('#/types?family=NV&q=kmt');
    await screenshot(page, 'types-filtered');

    // A fresh page from that link shows the same rows; Enter on a focused row toggles it.
    const again = await ex!.page();
    await open(again, ex!.url, '#/types?family=NV&q=kmt');
    expect(await again.getByLabel('Family').inputValue()).toBe('NV');
    expect(await again.getByLabel('Search').inputValue()).toBe('kmt');
    const row = again.getByRole('button', { name: 'OPAQUE_WIN32_KMT_NV', exact: true });
    await row.focus();
    await again.keyboard.press('Enter');
    expect(await row.getAttribute('aria-expanded')).toBe('true');
    expect(await again.evaluate(() => document.activeElement?.getAttribute('data-key'))).toBe('OPAQUE_WIN32_KMT_NV');
    // The counterpart link opens the KHR row even though the NV filter would hide it.
    await again.locator('#ht-details-OPAQUE_WIN32_KMT_NV').getByRole('link', { name: /OPAQUE_WIN32_KMT \(KHR\)/ }).click();
    await again.locator('#ht-details-OPAQUE_WIN32_KMT').waitFor();
    expect(again.url()).toContain('#/types?open=OPAQUE_WIN32_KMT');
    expect(await again.getByLabel('Family').inputValue()).toBe('');
    await again.keyboard.press('Space');
    expect(await again.getByRole('button', { name: 'OPAQUE_WIN32_KMT', exact: true }).getAttribute('aria-expanded')).toBe('false');
    expect(page.problems).toEqual([]);
    expect(again.problems).toEqual([]);
  });

  it('reads on a phone: no sideways scrolling of the page', async () => {
    const page = await ex!.page({ width: 390, height: 844 });
    await open(page, ex!.url, '#/types?open=D3D12_HEAP');
    await page.locator('#ht-details-D3D12_HEAP').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'types-phone');
    expect(page.problems).toEqual([]);
  });

  it('shows markup from the URL as text', async () => {
    const page = await ex!.page();
    const markup = '<img src=x onerror="window.__pwned=1">';
    await open(page, ex!.url, `#/types?q=${encodeURIComponent(markup)}&open=${encodeURIComponent(markup)}&platform=${encodeURIComponent(markup)}`);
    await page.waitForSelector('.ht-count');
    expect(await page.getByLabel('Search').inputValue()).toBe(markup);
    expect(await page.locator('.ht-count').textContent()).toBe(`No handle type matches "${markup}".`);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await screenshot(page, 'types-untrusted');
    expect(page.problems).toEqual([]);
  });
});
