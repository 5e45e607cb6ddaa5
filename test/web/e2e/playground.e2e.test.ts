// The scenario playground in a real browser: a cross-process scenario drawn as two lanes with handle
// markers, lifetimes and the duplicate link; a misuse finding pinned in the picture and reached by
// keyboard; a capture chosen as a file; pasted and hostile text shown as text; an oversized file
// refused; an unsupported profile with the profiles that can run it; and a phone-width page.
import { describe, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { itNeeds } from '../../helpers/system.js';
import { decodeState } from '../../../web-demo/src/logic/url-state.js';
import { hasChromium, CHROMIUM, startExplorer, open, screenshot, type Explorer } from './harness.js';

const it = itNeeds(hasChromium, `chromium at ${CHROMIUM}`);
let ex: Explorer | undefined;
beforeAll(async () => { if (hasChromium) ex = await startExplorer(); }, 120000);
afterAll(async () => { await ex?.close(); });

const EVIL = '<img src=x onerror="window.__pwned=1">';
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
const hashParams = (page: Page) => new URLSearchParams(new URL(page.url()).hash.replace(/^#\/\w+\??/, ''));

/** A small scenario (one process) with this name and description. */
function pastedScenario(name: string, description: string): string {
  return JSON.stringify({
    scenario: name,
    description,
    steps: [
      { vkFunc: { name: 'vkCreateInstance', return: 'VK_SUCCESS', args: { pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO', pNext: null, flags: 0, pApplicationInfo: null, enabledLayerCount: 0, ppEnabledLayerNames: null, enabledExtensionCount: 0, ppEnabledExtensionNames: null }, pAllocator: null, pInstance: 'inst0' } } },
      { vkFunc: { name: 'vkDestroyInstance', args: { instance: 'inst0', pAllocator: null } } },
    ],
  }, null, 2);
}

describe('scenario playground', () => {
  it('draws opaque_win32.cross_process as two lanes with handle markers, lifetimes and the duplicate link; every expectation passes', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/play?scenario=cts/opaque_win32.cross_process&profile=illustrative-windows-discrete');
    await page.waitForSelector('svg.timeline g.lane');
    expect(await page.locator('svg.timeline g.lane').evaluateAll((els) => els.map((e) => e.getAttribute('data-process')))).toEqual(['A', 'B']);
    expect(await page.locator('g.lane[data-process="A"]').count()).toBe(1);
    expect(await page.locator('g.lane[data-process="B"]').count()).toBe(1);
    for (const kind of ['handle-created', 'handle-duplicated', 'handle-imported', 'handle-closed', 'payload-born', 'payload-freed', 'process-exited']) {
      expect(await page.locator(`svg.timeline .marker[data-kind="${kind}"]`).count(), kind).toBeGreaterThan(0);
    }
    // The duplicate made in B from A's handle: a marker in lane B, a dashed link from A to B.
    expect(await page.locator('.marker[data-kind="handle-duplicated"]').getAttribute('data-process')).toBe('B');
    const link = page.locator('svg.timeline .link[data-kind="duplicate"]');
    expect(await link.count()).toBe(1);
    expect([await link.getAttribute('data-from'), await link.getAttribute('data-to')]).toEqual(['A', 'B']);
    expect(await page.locator('svg.timeline .bar.handle[data-end="closed"]').count()).toBe(2);
    // Calls carry their result in a tooltip.
    expect(await page.locator('svg.timeline rect.call[data-call="21"] title').textContent()).toBe('call 21 · B · vkAllocateMemory → VK_SUCCESS');
    // Expectations: all passed.
    expect(await page.locator('.run-expectations li.passed').count()).toBeGreaterThan(5);
    expect(await page.locator('.run-expectations li.failed').count()).toBe(0);
    expect(await page.locator('.play-output .verdict.ok').textContent()).toMatch(/^PASSED/);
    expect(await page.locator('table.steps tbody tr').count()).toBe(34);
    expect(await page.getByLabel('Device profile').inputValue()).toBe('illustrative-windows-discrete');
    // Every form control has a label.
    expect(await page.locator('section.view-play').evaluate((root) =>
      [...root.querySelectorAll('input, select, textarea')].filter((el) => (el as HTMLInputElement).labels?.length === 0).map((el) => el.id || el.tagName))).toEqual([]);
    await screenshot(page, 'playground-cross-process');
    expect(page.problems).toEqual([]);
  });

  it('pins a misuse finding in the picture; the pin leads to the finding and the finding to its call, by keyboard', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/play?profile=illustrative-windows-discrete');
    await page.waitForSelector('svg.timeline');
    await page.getByLabel('Search scenarios').fill('import wrong allocation size');
    const select = page.getByLabel('Scenario', { exact: true });
    expect(await select.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value).filter(Boolean))).toContain('misuse/opaque_win32.import_wrong_allocation_size');
    await select.selectOption('misuse/opaque_win32.import_wrong_allocation_size');
    const pin = page.locator('svg.timeline .finding-mark[data-vuid="VUID-VkMemoryAllocateInfo-allocationSize-01743"]');
    await pin.waitFor();
    expect(await pin.getAttribute('class')).toBe('finding-mark error');
    expect(hashParams(page).get('scenario')).toBe('misuse/opaque_win32.import_wrong_allocation_size');
    // The finding below the picture: VUID linked to the spec, our message, the member path.
    const item = page.locator('.run-findings li.finding[data-vuid="VUID-VkMemoryAllocateInfo-allocationSize-01743"]');
    expect(await item.getByRole('link', { name: 'VUID-VkMemoryAllocateInfo-allocationSize-01743' }).getAttribute('href')).toBe('https://registry.khronos.org/vulkan/specs/latest/html/vkspec.html#VUID-VkMemoryAllocateInfo-allocationSize-01743');
    expect(await item.locator('.msg').textContent()).toMatch(/2048/);
    expect(await item.locator('.path').textContent()).toMatch(/allocationSize/);
    await screenshot(page, 'playground-misuse-pinned');
    // Keyboard: the pin is focusable; Enter moves focus to the finding; its button to the call's row.
    await pin.focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-vuid'))).toBe('VUID-VkMemoryAllocateInfo-allocationSize-01743');
    await item.getByRole('button').click();
    const call = await pin.getAttribute('data-call');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-call'))).toBe(call);
    expect(page.problems).toEqual([]);
  });

  it('opens a step by query id: the step is marked and in view, a click selects another, the picker shows ids', async () => {
    const id = 'misuse/opaque_win32.import_wrong_allocation_size';
    const page = await ex!.page();
    await open(page, ex!.url, `#/play?scenario=${id}:13&profile=illustrative-windows-discrete`);
    const row = page.locator('table.steps tbody tr.selected');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-step')).toBe('13');
    expect(await row.getAttribute('aria-current')).toBe('step');
    expect(await row.locator('td').nth(2).textContent()).toBe('vkAllocateMemory');
    expect(await row.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; })).toBe(true);
    expect(await page.locator('.run-title').textContent()).toBe(id);
    const select = page.getByLabel('Scenario', { exact: true });
    expect(await select.inputValue()).toBe(id);
    expect(await select.locator('option:checked').textContent()).toBe(id);
    expect(hashParams(page).get('scenario')).toBe(`${id}:13`);
    await screenshot(page, 'playground-step-selected');

    // Another step, by its number: the URL names it, the mark moves.
    await page.getByRole('button', { name: `Select step ${id}:15` }).click();
    expect(hashParams(page).get('scenario')).toBe(`${id}:15`);
    expect(await page.locator('table.steps tbody tr.selected').getAttribute('data-step')).toBe('15');

    // A link made before ids, naming the file, still opens the scenario.
    const old = await ex!.page();
    await open(old, ex!.url, `#/play?scenario=${id}.scenario.json&profile=illustrative-windows-discrete`);
    await old.waitForSelector('.play-output .verdict.ok');
    expect(await old.locator('.run-title').textContent()).toBe(id);
    expect(page.problems).toEqual([]);
    expect(old.problems).toEqual([]);
  });

  it('a query that matches nothing shows the nearest id, which opens with one click; a step past the end says so; a wildcard opens the first it selects', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/play?scenario=misuse/opaque_win32.import_wrong_size:13&profile=illustrative-windows-discrete');
    const box = page.locator('.query-notice .error-box');
    await box.waitFor();
    expect(await box.textContent()).toContain(`no scenario 'misuse/opaque_win32.import_wrong_size'; did you mean 'misuse/opaque_win32.import_wrong_allocation_size:13'?`);
    expect(await page.locator('.play-output .verdict').count()).toBe(0);
    await screenshot(page, 'playground-query-suggestion');
    await page.getByRole('button', { name: 'Open misuse/opaque_win32.import_wrong_allocation_size:13' }).click();
    await page.waitForSelector('table.steps tbody tr.selected[data-step="13"]');
    expect(hashParams(page).get('scenario')).toBe('misuse/opaque_win32.import_wrong_allocation_size:13');
    expect(await page.locator('.query-notice .error-box').count()).toBe(0);

    const far = await ex!.page();
    await open(far, ex!.url, '#/play?scenario=misuse/opaque_win32.import_wrong_allocation_size:99&profile=illustrative-windows-discrete');
    await far.waitForSelector('.play-output .verdict.ok');
    expect(await far.locator('[role="alert"]').filter({ hasText: 'no step 99' }).textContent()).toBe(`no step 99 in 'misuse/opaque_win32.import_wrong_allocation_size': its steps are 1 to 20, and 'end' for the processes' exits`);
    expect(await far.locator('table.steps tbody tr.selected').count()).toBe(0);

    // A wildcard: the first scenario it selects, and the list narrowed to all of them.
    const wild = await ex!.page();
    await open(wild, ex!.url, `#/play?scenario=${encodeURIComponent('misuse/opaque_fd.*')}&profile=lavapipe`);
    await wild.waitForSelector('.play-output .verdict.ok');
    expect(await wild.locator('.run-title').textContent()).toBe('misuse/opaque_fd.close_after_import');
    expect(await wild.locator('.query-notice').textContent()).toBe('misuse/opaque_fd.* selects 7 scenarios; this is the first. The list below shows them all.');
    expect(await wild.locator('#pg-count').textContent()).toBe('7 of 113 scenarios');
    expect(page.problems).toEqual([]);
    expect(far.problems).toEqual([]);
    expect(wild.problems).toEqual([]);
  });

  it('checks a gfxreconstruct capture chosen as a file, and a sample capture from the library', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/play');
    await page.waitForSelector('svg.timeline');
    await page.getByLabel('Choose a scenario or capture file').setInputFiles('test/fixtures/captures/misuse-import-size.jsonl');
    await page.waitForSelector('.run-title >> text=misuse-import-size.jsonl');
    expect(await page.locator('svg.timeline .finding-mark[data-vuid="VUID-VkMemoryAllocateInfo-allocationSize-01742"]').count()).toBe(1);
    expect(await page.locator('.run-findings li.finding[data-vuid="VUID-VkMemoryAllocateInfo-allocationSize-01742"] a').getAttribute('href')).toMatch(/#VUID-VkMemoryAllocateInfo-allocationSize-01742$/);
    expect(await page.locator('svg.timeline g.lane').evaluateAll((els) => els.map((e) => e.getAttribute('data-process')))).toEqual(['main']);
    expect(await page.locator('.play-output .verdict.bad').textContent()).toMatch(/calls checked as recorded: 1 error/);
    await screenshot(page, 'playground-capture-file');

    await page.getByLabel('Sample gfxreconstruct capture').selectOption('misuse-export-type.jsonl');
    await page.waitForSelector('.run-title >> text=misuse-export-type.jsonl');
    expect(hashParams(page).get('capture')).toBe('misuse-export-type.jsonl');
    expect(await page.locator('svg.timeline .finding-mark').count()).toBeGreaterThan(0);
    expect(page.problems).toEqual([]);
  });

  it('shows a pasted scenario’s hostile name and description as text, and links to it', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/play?profile=lavapipe');
    // With a Linux profile the playground opens with an fd scenario it can run.
    await page.waitForSelector('.play-output .verdict.ok');
    expect(hashParams(page).get('scenario')).toMatch(/^cts\/opaque_fd\./);
    const text = pastedScenario('pasted.hostile', `described as ${EVIL}`);
    await page.getByLabel('Scenario or capture text').fill(text);
    await page.getByRole('button', { name: 'Run the pasted text' }).click();
    await page.waitForSelector('.run-title >> text=pasted.hostile');
    expect(await page.locator('.run-description').textContent()).toBe(`described as ${EVIL}`);
    expect(await page.locator('.play-output .verdict.ok').textContent()).toMatch(/^PASSED/);
    expect(await page.locator('section.view-play img').count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    await screenshot(page, 'playground-pasted-hostile');

    // A small paste goes in the URL, and "Copy a link" gives the same link.
    expect(decodeState(hashParams(page).get('text') ?? '')).toBe(text);
    await page.getByRole('button', { name: 'Copy a link' }).click();
    const url = await page.getByLabel('Link to this text').inputValue();
    expect(url).toContain('#/play?');
    const again = await ex!.page();
    await again.goto(url);
    await again.waitForSelector('.run-title >> text=pasted.hostile');
    expect(await again.locator('.run-description').textContent()).toBe(`described as ${EVIL}`);
    expect(await again.getByLabel('Scenario or capture text').inputValue()).toBe(text);
    expect(await pwned(again)).toBeUndefined();

    // Text too big for a link: the reason, no link.
    await page.getByLabel('Scenario or capture text').fill(pastedScenario('big', 'x'.repeat(7000)));
    await page.getByRole('button', { name: 'Copy a link' }).click();
    expect(await page.locator('.link-out .error-box').textContent()).toMatch(/a link carries at most 6,144/);

    // Markup in the name: the schema refuses it, named by member, as text.
    await page.getByLabel('Scenario or capture text').fill(pastedScenario(EVIL, 'd'));
    await page.getByRole('button', { name: 'Run the pasted text' }).click();
    await page.waitForSelector('.play-output .error-box');
    expect(await page.locator('.play-output .error-box').textContent()).toMatch(/^Could not run: pasted text: scenario: ".*" is not in the expected form/);
    expect(await page.locator('section.view-play img').count()).toBe(0);

    // Broken JSON: the place, as text, never a stack.
    await page.getByLabel('Scenario or capture text').fill(`{"scenario": "${EVIL}", "steps": [ {`);
    await page.getByRole('button', { name: 'Run the pasted text' }).click();
    const err = page.locator('.play-output .error-box');
    await page.waitForFunction(() => document.querySelector('.play-output .error-box')?.textContent?.includes('not valid JSON'));
    expect(await err.textContent()).toMatch(/^Could not run: pasted text(:\d+)?: not valid JSON/);
    expect(await err.textContent()).not.toMatch(/at \w+ \(/);
    expect(page.problems).toEqual([]);
  });

  it('shows an input limit by name: a pasted scenario that starts one process too many', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/play?profile=illustrative-windows-discrete');
    await page.waitForSelector('.play-output .verdict');
    const steps = Array.from({ length: 65 }, (_, i) => ({ process: i ? `P${i}` : 'main', vkFunc: { name: 'vkCreateInstance', args: { pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO', pNext: null, flags: 0, pApplicationInfo: null, enabledExtensionCount: 0, ppEnabledExtensionNames: null }, pAllocator: null, pInstance: 'inst' } } }));
    await page.getByLabel('Scenario or capture text').fill(JSON.stringify({ scenario: 'many.processes', steps }, null, 1));
    await page.getByRole('button', { name: 'Run the pasted text' }).click();
    await page.waitForFunction(() => document.querySelector('.play-output .error-box')?.textContent?.includes('limit'));
    expect(await page.locator('.play-output .error-box').textContent()).toMatch(/pasted text:\d+: process: process "P64" would be process number 65, over the 64-process limit \(limit processesPerScenario\)/);
    await screenshot(page, 'playground-limit');
    expect(page.problems).toEqual([]);
  });

  it('refuses an oversized file with a message, and shows a hostile file name as text', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/play');
    await page.waitForSelector('svg.timeline');
    const input = page.getByLabel('Choose a scenario or capture file');
    await input.setInputFiles({ name: 'huge.jsonl', mimeType: 'application/json', buffer: Buffer.alloc(8 * 1024 * 1024 + 1, 0x20) });
    const err = page.locator('.play-output .error-box');
    await err.waitFor();
    expect(await err.textContent()).toBe('huge.jsonl is 8,388,609 bytes; the explorer takes scenarios and captures of at most 8,388,608 bytes');
    await screenshot(page, 'playground-oversized-file');

    await input.setInputFiles({ name: `${EVIL}.json`, mimeType: 'application/json', buffer: Buffer.from('{ not json') });
    await page.waitForFunction(() => document.querySelector('.play-output .error-box')?.textContent?.includes('not valid JSON'));
    expect(await err.textContent()).toContain(`${EVIL}.json`);
    expect(await page.locator('section.view-play img').count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    expect(page.problems).toEqual([]);
  });

  it('says a Windows scenario is not supported on lavapipe and switches to a profile that can run it', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/play?scenario=cts/opaque_win32.cross_process&profile=lavapipe');
    await page.waitForSelector('.play-output .verdict.warn');
    expect(await page.locator('.play-output .verdict.warn').textContent()).toMatch(/^Not run: not supported by this profile: needs windows/);
    await screenshot(page, 'playground-unsupported');
    await page.locator('.suggest').getByRole('button', { name: 'illustrative-windows-discrete' }).click();
    await page.waitForSelector('.play-output .verdict.ok');
    expect(await page.getByLabel('Device profile').inputValue()).toBe('illustrative-windows-discrete');
    expect(hashParams(page).get('profile')).toBe('illustrative-windows-discrete');
    expect(page.problems).toEqual([]);
  });

  it('reads on a phone (390 px): the picture scrolls in its frame, the page does not', async () => {
    const page = await ex!.page({ width: 390, height: 844 });
    await open(page, ex!.url, '#/play?scenario=cts/opaque_win32.cross_process&profile=illustrative-windows-discrete');
    await page.waitForSelector('svg.timeline g.lane');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator('.timeline-wrap').evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    await screenshot(page, 'playground-phone');
    expect(page.problems).toEqual([]);
  });
});
