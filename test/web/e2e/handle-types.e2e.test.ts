// The "Handle types" view in a real browser: every catalogue row, the D3D12_HEAP panel with its VUIDs
// and spec links, the open row and filters kept in the URL, keyboard use, search over the facts,
// sortable columns, two types compared side by side, a phone-width page, and markup in URL parameters
// shown as text.
import { describe, expect, beforeAll, afterAll } from 'vitest';
import { SPEC_VERSION_URL } from '../../../src/core/spec-links.js';
import { itNeeds } from '../../helpers/system.js';
import { handleTypes } from '../../../src/index.js';
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
    // To the version the rules were written against, with the newest one beside it.
    expect(await link.getAttribute('href')).toBe(`${SPEC_VERSION_URL}#${HEAP_SIZE_VUID}`);
    expect(await page.getByRole('link', { name: `${HEAP_SIZE_VUID} in the latest specification`, exact: true }).first().getAttribute('href')).toBe(`https://registry.khronos.org/vulkan/specs/latest/html/vkspec.html#${HEAP_SIZE_VUID}`);
    expect(await link.getAttribute('target')).toBe('_blank');
    // Its text is the core's rule, placeholders in words.
    expect(await link.locator('xpath=ancestor::li[1]').textContent()).toContain('importing a D3D12 heap: allocationSize … must equal the heap\'s size');
    // The NT one-export rule and the handle-lifetime rules are there; fd and host-pointer rules are not.
    const vuids = await panel.locator('ul.ht-rules > li > .spec-links > a.spec:not(.latest), ul.ht-rules > li > .vuid').allTextContents();
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
    expect(await page.locator('#ht-details-D3D12_HEAP').getByRole('link', { name: HEAP_SIZE_VUID, exact: true }).count()).toBe(1);
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

  it('searches every fact: "by name" says which fact matched; a query that finds nothing says what to try', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/types');
    await page.getByLabel('Search').fill('by name');
    expect(await page.locator(`${toggles} .ht-name`).allTextContents()).toEqual(['OPAQUE_WIN32', 'D3D11_TEXTURE', 'D3D12_HEAP', 'D3D12_RESOURCE']);
    expect(page.url()).toContain('#/types?q=by+name');
    // Each row found through a fact shows that fact, the matching words marked.
    const hits = page.locator('section.view-types tbody .ht-hit');
    expect(await hits.count()).toBe(4);
    for (const hit of await hits.all()) {
      expect(await hit.locator('.ht-hit-label').textContent()).toBe('Import by name: ');
      expect(await hit.locator('mark').allTextContents()).toEqual(['gives the payload a name']);
    }
    await screenshot(page, 'types-search-by-name');

    await page.getByLabel('Search').fill('dedicated zzz');
    expect(await page.locator(toggles).count()).toBe(0);
    expect(await page.locator('.ht-count').textContent()).toBe('No handle type matches "dedicated zzz".');
    const empty = page.locator('.ht-empty');
    expect(await empty.textContent()).toContain('Every word must match.');
    expect(await empty.textContent()).toContain('Fewer words find more.');
    await screenshot(page, 'types-search-nothing');
    // A suggested query fills the search box and finds rows.
    await empty.getByRole('button', { name: 'global share', exact: true }).click();
    expect(await page.getByLabel('Search').inputValue()).toBe('global share');
    expect(await page.locator(`${toggles} .ht-name`).allTextContents()).toEqual(['OPAQUE_WIN32_KMT', 'D3D11_TEXTURE_KMT', 'OPAQUE_WIN32_KMT_NV', 'D3D11_IMAGE_KMT_NV']);

    // Filters that hide every match: one click searches everywhere.
    await open(page, ex!.url, '#/types?family=NV&q=by%20name');
    expect(await page.locator(toggles).count()).toBe(0);
    await page.locator('.ht-empty').getByRole('button', { name: 'Show the 4 matches in every family and platform' }).click();
    expect(await page.locator(toggles).count()).toBe(4);
    expect(await page.getByLabel('Family').inputValue()).toBe('');
    expect(page.problems).toEqual([]);
  });

  it('sorts by a column header, ascending then descending, with aria-sort, kept in the URL', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/types');
    const header = page.locator('section.view-types thead th').filter({ has: page.locator('button[data-column="platform"]') });
    const button = header.locator('button');
    const platforms = () => page.locator('section.view-types tbody tr[data-key] td:nth-of-type(2)').allTextContents();
    const catalogue = await platforms();
    expect(await header.getAttribute('aria-sort')).toBeNull();

    await button.click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const up = await platforms();
    expect(up).toEqual([...catalogue].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    expect(page.url()).toContain('#/types?sort=platform');
    expect(page.url()).not.toContain('dir=');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-column'))).toBe('platform');

    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const down = await platforms();
    expect(down[0]).toBe('Windows');
    expect([...new Set(down)]).toEqual([...new Set(up)].reverse());
    // Equal values keep catalogue order, whichever the direction.
    const windowsRows = async () => (await page.locator('section.view-types tbody tr[data-key]').evaluateAll((rows) => rows
      .filter((r) => r.querySelectorAll('td')[1]?.textContent === 'Windows').map((r) => r.getAttribute('data-key'))));
    expect(await windowsRows()).toEqual(['OPAQUE_WIN32', 'OPAQUE_WIN32_KMT', 'D3D11_TEXTURE', 'D3D11_TEXTURE_KMT', 'D3D12_HEAP', 'D3D12_RESOURCE', 'OPAQUE_WIN32_NV', 'OPAQUE_WIN32_KMT_NV', 'D3D11_IMAGE_NV', 'D3D11_IMAGE_KMT_NV']);
    expect(page.url()).toContain('#/types?dir=desc&sort=platform');
    expect(await page.locator('section.view-types thead th[aria-sort]').count()).toBe(1);
    expect(await page.locator('.ht-order').textContent()).toContain('Sorted by Platform, descending');
    await screenshot(page, 'types-sorted');

    await page.reload();
    await page.waitForFunction(() => window.__vkxReady === true);
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await platforms()).toEqual(down);
    await page.getByRole('button', { name: 'Back to catalogue order' }).click();
    expect(await platforms()).toEqual(catalogue);
    expect(await header.getAttribute('aria-sort')).toBeNull();
    expect(page.url()).not.toContain('sort=');
    expect(page.problems).toEqual([]);
  });

  it('compares OPAQUE_WIN32 with OPAQUE_WIN32_KMT: from the link, by ticking two rows, and after a reload', async () => {
    const catalogue = await handleTypes();
    const nt = catalogue.find((t) => t.name === 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT')!;
    const kmt = catalogue.find((t) => t.name === 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT')!;
    const page = await ex!.page();
    await open(page, ex!.url, '#/types');
    await page.getByRole('link', { name: 'OPAQUE_WIN32 vs OPAQUE_WIN32_KMT' }).click();
    const panel = page.locator('section.ht-compare');
    const title = page.locator('#ht-compare-title');
    expect(await title.textContent()).toBe('OPAQUE_WIN32 compared with OPAQUE_WIN32_KMT');
    expect(decodeURIComponent(page.url())).toContain('#/types?compare=OPAQUE_WIN32,OPAQUE_WIN32_KMT');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ht-compare-title');

    const row = (label: string) => panel.locator('tbody tr').filter({ has: page.locator('th', { hasText: label }) });
    const differing = await panel.locator('tbody tr.differs > th').allTextContents();
    // Marked in words, not by colour alone.
    for (const th of differing) expect(th).toContain('differs');
    expect(differing.map((t) => t.replace(/ ≠ differs$/, ''))).toEqual(expect.arrayContaining(['Owner after a successful import', 'What the handle is', 'Import by name', 'Exports per memory object', 'Rules (VUIDs)']));
    // Ownership: the catalogue's words on each side: NT handles are closed with CloseHandle, KMT handles never.
    const owner = row('Owner after a successful import');
    expect(await owner.getAttribute('class')).toBe('differs');
    expect(await owner.locator('td').allTextContents()).toEqual([nt.ownershipAfterImport, kmt.ownershipAfterImport]);
    expect(nt.ownershipAfterImport).toContain('CloseHandle');
    expect(kmt.ownershipAfterImport).toContain('never closed');
    const handle = await row('What the handle is').locator('td').allTextContents();
    expect(handle[0]).toContain('holds a reference on the memory');
    expect(handle[1]).toContain('holds no reference');
    expect(await row('Platform').getAttribute('class')).toBe('same');
    expect(await row('Rules (VUIDs)').locator('td').first().getByRole('link', { name: 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01440', exact: true }).count()).toBe(1);

    await page.getByLabel('Hide facts that are the same').check();
    expect(await panel.locator('tbody tr.same').count()).toBe(0);
    expect(await panel.locator('tbody tr.differs').count()).toBe(differing.length);
    expect(await panel.locator('.ht-compare-summary').textContent()).toContain('are hidden');
    expect(page.url()).toContain('equal=hide');
    await screenshot(page, 'types-compare-opaque-win32-kmt');

    await page.reload();
    await page.waitForFunction(() => window.__vkxReady === true);
    expect(await title.textContent()).toBe('OPAQUE_WIN32 compared with OPAQUE_WIN32_KMT');
    expect(await page.getByLabel('Hide facts that are the same').isChecked()).toBe(true);
    expect(await panel.locator('tbody tr.differs').count()).toBe(differing.length);
    expect(await panel.locator('tbody tr.same').count()).toBe(0);

    // By ticking, from the keyboard: the second tick opens the comparison and moves focus to it.
    const fresh = await ex!.page();
    await open(fresh, ex!.url, '#/types');
    await fresh.getByLabel('Compare OPAQUE_WIN32', { exact: true }).check();
    expect(await fresh.locator('.ht-pick-note').textContent()).toContain('OPAQUE_WIN32 is ticked for comparison');
    await fresh.getByLabel('Compare OPAQUE_WIN32_KMT', { exact: true }).focus();
    await fresh.keyboard.press('Space');
    expect(await fresh.locator('#ht-compare-title').textContent()).toBe('OPAQUE_WIN32 compared with OPAQUE_WIN32_KMT');
    expect(decodeURIComponent(fresh.url())).toContain('#/types?compare=OPAQUE_WIN32,OPAQUE_WIN32_KMT');
    expect(await fresh.evaluate(() => document.activeElement?.id)).toBe('ht-compare-title');
    expect(await fresh.locator('section.ht-compare tbody tr.differs').count()).toBe(differing.length);
    await fresh.getByRole('button', { name: 'Swap sides' }).click();
    expect(await fresh.locator('#ht-compare-title').textContent()).toBe('OPAQUE_WIN32_KMT compared with OPAQUE_WIN32');
    await fresh.getByRole('button', { name: 'Close comparison' }).click();
    expect(await fresh.locator('section.ht-compare').count()).toBe(0);
    expect(fresh.url()).not.toContain('compare=');
    expect(await fresh.getByLabel('Compare OPAQUE_WIN32', { exact: true }).isChecked()).toBe(false);
    expect(page.problems).toEqual([]);
    expect(fresh.problems).toEqual([]);
  });

  it('compares on a phone: each fact stacks, and the page does not scroll sideways', async () => {
    const page = await ex!.page({ width: 390, height: 844 });
    await open(page, ex!.url, '#/types?compare=OPAQUE_WIN32,OPAQUE_WIN32_KMT&q=by%20name&sort=handle');
    await page.locator('section.ht-compare').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const cells = page.locator('section.ht-compare tbody tr[data-fact="ownership"] td');
    const [a, b] = [await cells.nth(0).boundingBox(), await cells.nth(1).boundingBox()];
    expect(b!.y).toBeGreaterThanOrEqual(a!.y + a!.height - 1);
    expect(a!.x + a!.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'types-compare-phone');
    expect(page.problems).toEqual([]);
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
