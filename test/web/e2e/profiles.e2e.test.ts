// The "Profiles" view in a real browser: the built-in list with provenance marked, a summary, a
// captured profile loaded from a file and compared with lavapipe (the changed path highlighted), a
// link naming a loaded profile after a reload, and bad files: markup, oversized, malformed JSON.
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

  it('loads a captured profile and compares it with lavapipe: the changed flag is highlighted', async () => {
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

    const memory = page.locator('details.pf-section[data-section="memory"]');
    expect(await memory.getAttribute('open')).not.toBeNull();
    const changed = memory.locator('tr.changed');
    expect(await changed.count()).toBe(1);
    const cells = await changed.locator('td').allTextContents();
    expect(cells[0]).toMatch(/^memory\.types\[0\]\.propertyFlags/);
    expect(cells.slice(1)).toEqual(['DEVICE_LOCAL|HOST_VISIBLE|HOST_COHERENT', 'DEVICE_LOCAL|HOST_VISIBLE|HOST_COHERENT|HOST_CACHED']);
    // Exactly one difference overall; identical sections are collapsed and say so.
    expect(await page.locator('.pf-diff tr.changed, .pf-diff tr.only-a, .pf-diff tr.only-b').count()).toBe(1);
    expect(await page.locator('.pf-diff .verdict').textContent()).toMatch(/^1 difference; \d+ entries the same in both/);
    const buffer = page.locator('details.pf-section[data-section="externalBuffer"]');
    expect(await buffer.getAttribute('open')).toBeNull();
    expect(await buffer.locator('summary').textContent()).toMatch(/same in both \(\d+\)/);
    await screenshot(page, 'profiles-compare-loaded');

    // The link cannot carry the file: a fresh page says which file to load.
    const fresh = await ex!.page();
    await open(fresh, ex!.url, '#/profiles?a=lavapipe-edited&b=lavapipe');
    const note = fresh.locator('.pf-compare-result .error-box');
    await note.waitFor();
    expect(await note.textContent()).toContain('load the file lavapipe-edited to see it');
    // Loading it there completes the comparison the link asked for.
    await fresh.getByLabel('Profile file').setInputFiles(editedLavapipe());
    await fresh.locator('.pf-diff tr.changed').waitFor();
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

  it('reads on a phone', async () => {
    const page = await ex!.page({ width: 390, height: 844 });
    await open(page, ex!.url, '#/profiles?a=illustrative-windows-discrete&b=illustrative-windows-integrated');
    await page.locator('.pf-diff').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'profiles-phone');
    expect(page.problems).toEqual([]);
  });
});
