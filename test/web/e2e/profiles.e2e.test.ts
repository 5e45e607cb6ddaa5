// The "Profiles" view in a real browser: the built-in list with provenance marked, a summary, a
// captured profile loaded from a file and compared with lavapipe (the changed memory type highlighted),
// lavapipe against SwiftShader (the matrix first, its differing cells filtering the entries, filters in
// the URL, a page of reasonable height), a link naming a loaded profile after a reload, and bad files:
// markup, oversized, malformed JSON.
import { describe, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itNeeds } from '../../helpers/system.js';
import { LIMITS } from '../../../src/core/limits.js';
import { hasChromium, CHROMIUM, startExplorer, open, screenshot, type Explorer } from './harness.js';

const it = itNeeds(hasChromium, `chromium at ${CHROMIUM}`);
let ex: Explorer | undefined;
let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vkx-profiles-e2e-'));
  if (hasChromium) ex = await startExplorer();
}, 120000);
afterAll(async () => {
  await ex?.close();
  rmSync(dir, { recursive: true, force: true });
});

const LAVAPIPE = readFileSync(join(process.cwd(), 'profiles', 'lavapipe.profile.json'), 'utf8');

/** lavapipe with another name and its one memory type no longer HOST_CACHED, written to a temp file. */
function editedLavapipe(): string {
  const p = JSON.parse(LAVAPIPE);
  p.profile = 'lavapipe-edited';
  p.title = 'lavapipe with HOST_CACHED taken off its memory type';
  p.memory.types[0].propertyFlags = p.memory.types[0].propertyFlags.filter((f: string) => f !== 'VK_MEMORY_PROPERTY_HOST_CACHED_BIT');
  const file = join(dir, 'lavapipe-edited.profile.json');
  writeFileSync(file, JSON.stringify(p, null, 2));
  return file;
}

const pwned = (page: { evaluate: (f: () => unknown) => Promise<unknown> }) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

describe('profiles view', () => {
  it('lists the built-in profiles with their provenance and opens a summary', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/profiles');
    const rows = page.locator('.pf-table tbody button.row-toggle');
    expect(await rows.count()).toBe(7);
    expect(await page.locator('.pf-table .badge.illustrative').count()).toBe(4);
    expect(await page.locator('.pf-table .badge.measured').count()).toBe(3);
    expect(await page.locator('.pf-table').textContent()).toContain('ILLUSTRATIVE — written by hand, not measured');
    // Selects name the provenance in words.
    expect(await page.getByLabel('Profile A').locator('option').allTextContents()).toContain('illustrative-windows-discrete (ILLUSTRATIVE)');

    const toggle = page.getByRole('button', { name: 'illustrative-windows-discrete', exact: true });
    await toggle.focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('#pf-summary-illustrative-windows-discrete');
    await panel.locator('.pf-summary').waitFor();
    expect(page.url()).toContain('#/profiles?show=illustrative-windows-discrete');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const text = await panel.textContent();
    expect(text).toContain('Illustrative discrete GPU (NVIDIA-like)');
    expect(text).toContain('DEVICE_LOCAL | HOST_VISIBLE | HOST_COHERENT');
    expect(text).toContain('VK_NV_external_memory_win32');
    // The handle-type table: D3D12_RESOURCE imports as dedicated only.
    const resource = panel.locator('tr', { has: page.locator('td', { hasText: /^D3D12_RESOURCE$/ }) });
    expect(await resource.locator('td').allTextContents()).toEqual(['D3D12_RESOURCE', 'import, dedicated only', 'import, dedicated only']);
    expect(await panel.locator('.pf-line.pf-illustrative').textContent()).toMatch(/^ILLUSTRATIVE/);
    await screenshot(page, 'profiles-summary');
    expect(page.problems).toEqual([]);
  });

  it('an illustrative profile shaped after public facts lists them, each with where it is stated', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/profiles?show=illustrative-windows-dozen');
    const sources = page.locator('#pf-summary-illustrative-windows-dozen .pf-sources');
    await sources.waitFor();
    expect(await sources.locator('summary').textContent()).toMatch(/^Shaped after \d+ public facts \(not measured by us\)/);
    await sources.locator('summary').click();
    const b8 = sources.locator('li', { has: page.locator('code', { hasText: /^B8$/ }) });
    expect(await b8.textContent()).toContain('maintainer: An image with OPAQUE_WIN32_KMT or D3D11_TEXTURE_KMT is not handled');
    expect(await b8.locator('a').getAttribute('href')).toMatch(/^https:\/\/github\.com\/bminor\/mesa-mesa\/blob\/[0-9a-f]{40}\/src\/microsoft\/vulkan\/dzn_device\.c$/);
    expect(await b8.locator('a').getAttribute('rel')).toBe('noopener noreferrer');
    await screenshot(page, 'profiles-sources');
    expect(page.problems).toEqual([]);
  });

  it('loads a captured profile and compares it with lavapipe: the changed memory type is highlighted', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/profiles');
    await page.getByLabel('Profile file').setInputFiles(editedLavapipe());
    await page.locator('.pf-loaded').waitFor();
    expect(await page.locator('.pf-loaded').textContent()).toContain('Loaded lavapipe-edited');
    expect(await page.locator('.pf-table tbody > tr:not(.details) .badge.loaded').count()).toBe(1);
    expect(page.url()).toContain('show=lavapipe-edited');
    await page.locator('#pf-summary-lavapipe-edited .pf-summary').waitFor();

    expect(await page.getByLabel('Profile A').inputValue()).toBe('lavapipe-edited');
    await page.getByLabel('Profile B').selectOption('lavapipe');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.locator('.pf-diff').waitFor();
    expect(page.url()).toContain('a=lavapipe-edited&b=lavapipe');

    // The type lost a flag, so it pairs with nothing: one type only in A, its new form only in B.
    const memory = page.locator('.pf-section[data-section="memory"]');
    expect(await memory.locator('.pf-note').textContent()).toMatch(/^Memory types are paired by their property flags/);
    const onlyA = memory.locator('tr.only-a');
    expect(await onlyA.count()).toBe(1);
    expect(await onlyA.locator('th').textContent()).toBe('memory.types[DEVICE_LOCAL|HOST_VISIBLE|HOST_COHERENT]only in A');
    expect(await onlyA.locator('td').allTextContents()).toEqual(['heap DEVICE_LOCAL', '(absent)']);
    expect(await memory.locator('tr.only-b th').textContent()).toBe('memory.types[DEVICE_LOCAL|HOST_VISIBLE|HOST_COHERENT|HOST_CACHED]only in B');
    // Nothing else differs; the kinds answered alike are named in one line, not listed.
    expect(await page.locator('.pf-details tbody tr').count()).toBe(2);
    expect(await page.locator('.pf-diff .verdict').textContent()).toMatch(/^2 entries differ \(2 values\); \d+ entries the same in both/);
    expect(await page.locator('.pf-section[data-section="externalBuffer"]').count()).toBe(0);
    expect(await page.locator('.pf-all-same').textContent()).toMatch(/External buffer capabilities \(\d+ entries\)/);
    expect(await page.locator('.pf-matrix td.pf-differs').count()).toBe(0);
    await screenshot(page, 'profiles-compare-loaded');

    // The link cannot carry the file: a fresh page says which file to load.
    const fresh = await ex!.page();
    await open(fresh, ex!.url, '#/profiles?a=lavapipe-edited&b=lavapipe');
    const note = fresh.locator('.pf-compare-result .error-box');
    await note.waitFor();
    expect(await note.textContent()).toContain('load the file lavapipe-edited to see it');
    // Loading it there completes the comparison the link asked for.
    await fresh.getByLabel('Profile file').setInputFiles(editedLavapipe());
    await fresh.locator('.pf-diff tr.only-a').waitFor();
    await screenshot(fresh, 'profiles-link-after-load');
    expect(page.problems).toEqual([]);
    expect(fresh.problems).toEqual([]);
  });

  it('loads a file dropped on the drop zone', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/profiles');
    const p = JSON.parse(LAVAPIPE);
    p.profile = 'dropped';
    const text = JSON.stringify(p);
    const transfer = await page.evaluateHandle((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'dropped.profile.json', { type: 'application/json' }));
      return dt;
    }, text);
    await page.locator('.pf-drop').dispatchEvent('dragover', { dataTransfer: transfer });
    expect(await page.locator('.pf-drop').getAttribute('class')).toContain('over');
    await page.locator('.pf-drop').dispatchEvent('drop', { dataTransfer: transfer });
    await page.locator('.pf-loaded').waitFor();
    expect(await page.locator('.pf-loaded').textContent()).toContain('Loaded dropped');
    expect(await page.locator('.pf-drop').getAttribute('class')).not.toContain('over');
    await page.locator('#pf-summary-dropped .pf-summary').waitFor();
    expect(page.problems).toEqual([]);
  });

  it('shows markup in a file name, a title and a link as text', async () => {
    const page = await ex!.page();
    const markup = '<img src=x onerror="window.__pwned=1">';
    await open(page, ex!.url, `#/profiles?show=${encodeURIComponent(markup)}`);
    expect(await page.locator('.pf-table .error-box').textContent()).toContain(`load the file ${markup} to see it`);
    const p = JSON.parse(LAVAPIPE);
    p.profile = 'markup-title';
    p.title = markup;
    await page.getByLabel('Profile file').setInputFiles({ name: `${markup}.profile.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(p)) });
    await page.locator('.pf-loaded').waitFor();
    expect(await page.locator('.pf-loaded').textContent()).toContain(`from ${markup}.profile.json`);
    expect(await page.locator('#pf-summary-markup-title .pf-title').textContent()).toBe(markup);
    // A refused file with markup in its name: the name appears in the error, as text.
    await page.getByLabel('Profile file').setInputFiles({ name: `${markup}.json`, mimeType: 'application/json', buffer: Buffer.from('{ "profile": ') });
    expect(await page.locator('.pf-load-status .error-box').textContent()).toContain(`${markup}.json`);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    await screenshot(page, 'profiles-untrusted');
    expect(page.problems).toEqual([]);
  });

  it('refuses an oversized file and names the line or member of a broken one', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/profiles');
    const error = page.locator('.pf-load-status .error-box');

    await page.getByLabel('Profile file').setInputFiles({ name: 'huge.profile.json', mimeType: 'application/json', buffer: Buffer.alloc(LIMITS.profileBytes + 1, 0x20) });
    await error.waitFor();
    expect(await error.textContent()).toBe(`Not loaded. huge.profile.json is ${(LIMITS.profileBytes + 1).toLocaleString('en')} bytes; the explorer takes profile files of at most ${LIMITS.profileBytes.toLocaleString('en')} bytes`);
    await screenshot(page, 'profiles-oversized');

    // Malformed JSON: a missing comma on line 3.
    await page.getByLabel('Profile file').setInputFiles({ name: 'broken.profile.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "profile": "broken",\n  "title": "x"\n  "platform": "linux"\n}\n') });
    await page.waitForFunction(() => document.querySelector('.pf-load-status .error-box')?.textContent?.includes('broken.profile.json'));
    expect(await error.textContent()).toMatch(/^Not loaded\. broken\.profile\.json, line 4: not valid JSON/);
    await screenshot(page, 'profiles-malformed');

    // Valid JSON, wrong value: the member path and its line.
    const p = JSON.parse(LAVAPIPE);
    p.memory.types[0].propertyFlags = ['VK_MEMORY_PROPERTY_NOT_A_FLAG'];
    await page.getByLabel('Profile file').setInputFiles({ name: 'bad-flag.profile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(p, null, 2)) });
    await page.waitForFunction(() => document.querySelector('.pf-load-status .error-box')?.textContent?.includes('bad-flag'));
    expect(await error.textContent()).toMatch(/^Not loaded\. bad-flag\.profile\.json, line \d+, at memory\.types\[0\]\.propertyFlags(\[0\])?: .*VK_MEMORY_PROPERTY_NOT_A_FLAG/);
    // Nothing was added by the refused files.
    expect(await page.locator('.pf-table tbody button.row-toggle').count()).toBe(7);
    expect(page.problems).toEqual([]);
  });

  it('lavapipe against SwiftShader: the matrix comes first, differing cells marked, the page short', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/profiles?a=lavapipe&b=swiftshader');
    await page.locator('.pf-diff').waitFor();
    // The matrix is the first thing after the profile pickers.
    expect(await page.locator('.pf-pickers + .pf-compare-result > .pf-diff > :nth-child(2)').getAttribute('class')).toContain('pf-matrix-wrap');
    const pickers = (await page.locator('.pf-pickers').boundingBox())!;
    const matrixBox = (await page.locator('.pf-matrix').boundingBox())!;
    expect(matrixBox.y - (pickers.y + pickers.height)).toBeLessThan(120);

    const matrix = page.locator('table.pf-matrix');
    expect(await matrix.locator('caption').textContent()).toContain('over the capability answers the profile records for that handle type');
    expect(await matrix.locator('th[scope="colgroup"]').allTextContents()).toEqual(['Buffers', 'Images']);
    expect(await matrix.locator('tbody th[scope="row"]').count()).toBe(13);
    // Marked by class, by a visible sign and by name: not by colour alone.
    const marked = matrix.locator('td.pf-differs');
    expect(await marked.count()).toBe(4);
    for (const cell of await marked.all()) {
      expect(await cell.locator('.pf-marker').textContent()).toBe('≠');
      expect(await cell.locator('button').getAttribute('aria-label')).toMatch(/: differs\. A \(lavapipe\) .*; B \(swiftshader\) .*\. Show these differences$/);
    }
    const fdExport = page.getByRole('button', { name: /^OPAQUE_FD, image export: differs/ });
    expect(await fdExport.textContent()).toBe('≠A yes 43/43B some 34/43');

    // The page: a few rows per kind, UUIDs in hex, at most 6000 px tall at 1280 px wide.
    const rows = await page.locator('.pf-details tbody tr').count();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`lavapipe vs swiftshader: ${rows} rows shown, page ${height} px tall`);
    expect(rows).toBe(21);
    expect(height).toBeLessThan(6000);
    expect(await page.locator('.pf-section[data-section="identity"] td[data-label="B"]').textContent()).toContain('deviceUUID 53776966-7453-6861-6465-725555494400');
    expect(await page.locator('.pf-section[data-section="externalImage"] .pf-more').textContent()).toBe('The first 8 of 151. Show all 151');
    await screenshot(page, 'profiles-matrix');
    expect(page.problems).toEqual([]);
  });

  it('a differing cell filters the entries to its handle type and kind; the filters live in the URL', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/profiles?a=lavapipe&b=swiftshader');
    await page.locator('.pf-diff').waitFor();
    await page.getByRole('button', { name: /^OPAQUE_FD, image export: differs/ }).click();
    await page.waitForFunction(() => location.hash.includes('kind=externalImage'));
    expect(page.url()).toContain('ht=OPAQUE_FD');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pf-details-title');
    expect(await page.locator('#pf-details-title').textContent()).toBe('Entries: handle type OPAQUE_FD, external image capabilities');
    expect(await page.getByLabel('Handle type').inputValue()).toBe('OPAQUE_FD');
    expect(await page.getByLabel('Kind').inputValue()).toBe('externalImage');
    expect(await page.locator('.pf-section').count()).toBe(1);
    const rows = page.locator('.pf-details tbody tr');
    expect(await rows.count()).toBe(9);
    expect(await rows.first().locator('th').textContent()).toMatch(/^externalImage\[OPAQUE_FD, /);
    expect(await page.locator('.pf-matrix tr.pf-current th[scope="row"]').textContent()).toBe('OPAQUE_FD');
    const pressed = page.getByRole('button', { name: /^OPAQUE_FD, image export: differs/ });
    expect(await pressed.getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'profiles-filtered');
    // Pressed again, the cell lets go of its filter.
    await pressed.click();
    await page.waitForFunction(() => !location.hash.includes('kind='));
    expect(await rows.count()).toBe(21);
    await page.getByRole('button', { name: /^OPAQUE_FD, image export: differs/ }).click();
    await page.waitForFunction(() => location.hash.includes('kind=externalImage'));

    // Equal entries on: every OPAQUE_FD image answer, the same ones marked in words.
    await page.getByLabel('Hide equal entries').uncheck();
    await page.waitForFunction(() => location.hash.includes('equal=show'));
    expect(await rows.count()).toBe(43);
    expect(await page.locator('.pf-details tr.same .pf-change').first().textContent()).toBe('same');
    // The link reproduces the view.
    const fresh = await ex!.page();
    await open(fresh, ex!.url, new URL(page.url()).hash);
    await fresh.locator('.pf-details').waitFor();
    expect(await fresh.locator('.pf-details tbody tr').count()).toBe(43);
    expect(await fresh.getByLabel('Hide equal entries').isChecked()).toBe(false);

    // By keyboard: another cell, then a kind chosen in the select, then everything cleared.
    const hostImport = page.getByRole('button', { name: /^HOST_ALLOCATION, buffer import: differs/ });
    await hostImport.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash.includes('ht=HOST_ALLOCATION'));
    expect(await rows.count()).toBe(13);
    await page.getByLabel('Handle type').selectOption('');
    await page.getByLabel('Kind').selectOption('identity');
    await page.getByLabel('Hide equal entries').check();
    expect(await page.locator('.pf-section').count()).toBe(1);
    expect(await rows.count()).toBe(1);
    expect(new URL(page.url()).hash).toBe('#/profiles?a=lavapipe&b=swiftshader&kind=identity');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    expect(new URL(page.url()).hash).toBe('#/profiles?a=lavapipe&b=swiftshader');
    expect(await rows.count()).toBe(21);
    // "Show all" under a kind's first rows chooses that kind; the keyboard stays on its title.
    await page.getByRole('button', { name: 'Show all 151' }).click();
    await page.waitForFunction(() => location.hash.includes('kind=externalImage'));
    expect(await rows.count()).toBe(151);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pf-section-externalImage');
    expect(page.problems).toEqual([]);
    expect(fresh.problems).toEqual([]);
  });

  it('reads on a phone: the matrix scrolls in its own box, the page does not', async () => {
    const page = await ex!.page({ width: 390, height: 844 });
    await open(page, ex!.url, '#/profiles?a=lavapipe&b=swiftshader');
    await page.locator('.pf-diff').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const wrap = page.locator('.pf-matrix-wrap');
    expect(await wrap.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    await screenshot(page, 'profiles-phone');

    // Memory that differs, on a phone: the pairing is explained above the rows.
    await open(page, ex!.url, '#/profiles?a=illustrative-windows-discrete&b=illustrative-windows-integrated&kind=memory');
    await page.locator('.pf-section[data-section="memory"]').waitFor();
    expect(await page.locator('.pf-section[data-section="memory"] .pf-note').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'profiles-phone-memory');
    expect(page.problems).toEqual([]);
  });
});
