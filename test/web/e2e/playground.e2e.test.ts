// The scenario playground in a real browser: a cross-process scenario drawn as two lanes with handle
// markers, lifetimes and the duplicate link; a misuse finding pinned in the picture and reached by
// keyboard; a capture chosen as a file; pasted and hostile text shown as text; a long pasted scenario
// linked compressed; scenarios named in the URL, with the nearest names for a misspelt one; an
// oversized file refused; an unsupported profile with the profiles that can run it; and a phone-width page.
import { describe, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { itNeeds } from '../../helpers/system.js';
import { readFileSync } from 'node:fs';
import { decodeState, encodeState } from '../../../web-demo/src/logic/url-state.js';
import { libraryScenarios } from '../../../src/cli/inputs.js';
import { hasChromium, CHROMIUM, startExplorer, open, screenshot, type Explorer } from './harness.js';
import { SPEC_VERSION_URL } from '../../../src/core/spec-links.js';

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
    expect(await item.getByRole('link', { name: 'VUID-VkMemoryAllocateInfo-allocationSize-01743', exact: true }).getAttribute('href')).toBe(`${SPEC_VERSION_URL}#VUID-VkMemoryAllocateInfo-allocationSize-01743`);
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
    expect(await page.locator('.run-findings li.finding[data-vuid="VUID-VkMemoryAllocateInfo-allocationSize-01742"] a:not(.latest)').getAttribute('href')).toMatch(/#VUID-VkMemoryAllocateInfo-allocationSize-01742$/);
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

    // Text too big for a link even compressed (digits that do not repeat): the reason, with the limit, no link.
    let seed = 7;
    const noise = Array.from({ length: 80_000 }, () => { seed = (seed * 48271) % 2147483647; return seed % 10; }).join('');
    await page.getByLabel('Scenario or capture text').fill(pastedScenario('big', noise));
    await page.getByRole('button', { name: 'Copy a link' }).click();
    await page.locator('.link-out .error-box').waitFor();
    expect(await page.locator('.link-out .error-box').textContent()).toMatch(/^A link to this text would be [\d,]+ characters long, compressed; a link carries at most 32,000 /);
    expect(await page.getByLabel('Link to this text').count()).toBe(0);

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

  it('links a pasted library scenario of over 8 KB, compressed: the link opens the same run with the same findings; an old plain link still opens', async () => {
    // The largest scenario of the library, and the largest that breaks rules (it has findings to compare).
    const bySize = libraryScenarios().map((s) => ({ id: s.id, text: readFileSync(s.file, 'utf8') })).sort((a, b) => b.text.length - a.text.length);
    const picks = [bySize[0], bySize.find((s) => s.id.startsWith('misuse/'))!];
    const page = await ex!.page();
    await open(page, ex!.url, '#/play?profile=illustrative-windows-discrete');
    await page.waitForSelector('.play-output .verdict');
    /** What a run shows: its verdict, its findings and how many calls. */
    const shown = async (p: Page) => ({
      verdict: await p.locator('.play-output .verdict').textContent(),
      findings: await p.locator('.run-findings li.finding').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-vuid')} ${e.querySelector('.msg')?.textContent}`)),
      calls: await p.locator('table.steps tbody tr').count(),
    });
    for (const { id, text } of picks) {
      expect(text.length, id).toBeGreaterThan(8 * 1024);
      const name = JSON.parse(text).scenario as string;
      await page.getByLabel('Scenario or capture text').fill(text);
      await page.getByRole('button', { name: 'Run the pasted text' }).click();
      await page.waitForSelector(`.run-title >> text=${name}`);
      const here = await shown(page);
      if (id.startsWith('misuse/')) expect(here.findings.length, id).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Copy a link' }).click();
      const field = page.getByLabel('Link to this text');
      await field.waitFor();
      const url = await field.inputValue();
      const param = new URLSearchParams(new URL(url).hash.replace(/^#\/play\?/, '')).get('text')!;
      expect(param.startsWith('z.'), id).toBe(true);
      expect(url.length, id).toBeLessThan(Math.max(8000, text.length / 3));
      // The page's own URL carries the same compressed text.
      await page.waitForFunction((t) => new URLSearchParams(location.hash.replace(/^#\/play\?/, '')).get('text') === t, param);

      const again = await ex!.page();
      await again.goto(url);
      await again.waitForSelector(`.run-title >> text=${name}`);
      await again.waitForSelector('.play-output .verdict');
      expect(await shown(again), id).toEqual(here);
      expect(await again.getByLabel('Scenario or capture text').inputValue()).toBe(text);
      expect(await again.locator('.notice [role="alert"]').count()).toBe(0);
      if (id === picks[0].id) await screenshot(again, 'playground-long-link-opened');
      expect(again.problems).toEqual([]);
    }

    // A link written before compression (plain base64url JSON, as long as it is) opens as it did.
    const old = await ex!.page();
    await open(old, ex!.url, `#/play?profile=illustrative-windows-discrete&text=${encodeState(picks[1].text)}`);
    await old.waitForSelector(`.run-title >> text=${JSON.parse(picks[1].text).scenario}`);
    await old.waitForSelector('.play-output .verdict');
    expect((await shown(old)).findings.length).toBeGreaterThan(0);
    expect(await old.getByLabel('Scenario or capture text').inputValue()).toBe(picks[1].text);
    expect(page.problems).toEqual([]);
    expect(old.problems).toEqual([]);
  });

  it('opens a scenario by the name the picker shows or its own name; a misspelt name offers the nearest, which open with a click', async () => {
    const id = 'misuse/opaque_win32.export_twice';
    const page = await ex!.page();
    // The id, as the picker lists it.
    await open(page, ex!.url, `#/play?scenario=${id}&profile=illustrative-windows-discrete`);
    await page.waitForSelector('.play-output .verdict');
    expect(await page.locator('.run-title').textContent()).toBe(id);
    expect(await page.getByLabel('Scenario', { exact: true }).locator('option:checked').textContent()).toBe(id);
    // The scenario's own name, without its folder: the same scenario, and the URL then names its id.
    const named = await ex!.page();
    await open(named, ex!.url, '#/play?scenario=opaque_win32.export_twice&profile=illustrative-windows-discrete');
    await named.waitForSelector('.play-output .verdict');
    expect(await named.locator('.run-title').textContent()).toBe(id);
    expect(await named.locator('.query-notice .error-box').count()).toBe(0);
    expect(hashParams(named).get('scenario')).toBe(id);

    // Misspelt: what was asked for, and up to three nearest names as buttons; nothing runs.
    const typo = await ex!.page();
    await open(typo, ex!.url, '#/play?scenario=opaque_win32.export_twise&profile=illustrative-windows-discrete');
    const box = typo.locator('.query-notice .error-box');
    await box.waitFor();
    expect(await box.getAttribute('role')).toBe('alert');
    expect(await box.textContent()).toContain(`no scenario 'opaque_win32.export_twise'; did you mean '${id}'?`);
    const offers = await box.locator('button.open-suggestion').allTextContents();
    expect(offers[0]).toBe(`Open ${id}`);
    expect(offers.length).toBeGreaterThan(1);
    expect(offers.length).toBeLessThanOrEqual(3);
    expect(await typo.locator('.play-output .verdict').count()).toBe(0);
    await screenshot(typo, 'playground-name-suggestions');
    // The second offer opens that scenario.
    const second = offers[1].replace(/^Open /, '');
    await box.getByRole('button', { name: offers[1] }).click();
    await typo.waitForSelector(`.run-title >> text=${second}`);
    expect(hashParams(typo).get('scenario')).toBe(second);
    expect(await typo.locator('.query-notice .error-box').count()).toBe(0);
    for (const p of [page, named, typo]) expect(p.problems).toEqual([]);
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

  it('fills its column at 1280 px, writes call names level and whole where there is room, numbers the calls as the table does, and says in full what is pointed at or focused', async () => {
    const page = await ex!.page({ width: 1280, height: 900 });
    await open(page, ex!.url, '#/play?scenario=cts/opaque_win32.cross_process&profile=illustrative-windows-discrete');
    await page.waitForSelector('svg.timeline g.lane');
    // Laid out again for the column once it is on the page: the picture is as wide as its frame.
    await page.waitForFunction(() => {
      const svg = document.querySelector('svg.timeline')!;
      return svg.getBoundingClientRect().width >= 0.95 * document.querySelector('.timeline-wrap')!.clientWidth;
    });
    const fit = await page.locator('.timeline-wrap').evaluate((wrap) => {
      const svg = wrap.querySelector('svg.timeline') as SVGSVGElement;
      return { svg: svg.getBoundingClientRect().width, wrap: wrap.clientWidth, drawn: Number(svg.getAttribute('width')), scrolls: wrap.scrollWidth > wrap.clientWidth };
    });
    expect(fit.svg).toBeGreaterThanOrEqual(0.95 * fit.wrap);
    expect(fit.svg).toBeLessThanOrEqual(fit.wrap);
    expect(fit.scrolls).toBe(false);
    // Drawn 1:1, so 12 px text is 12 px on the screen.
    expect(Math.abs(fit.svg - fit.drawn)).toBeLessThan(1);
    const texts = await page.locator('svg.timeline text').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
    expect(Math.min(...texts)).toBeGreaterThanOrEqual(12);

    // Call names: level (no rotation), inside the picture, none over another in its row (measured in the real font).
    const names = await page.locator('svg.timeline text.call-label').evaluateAll((els) => els.map((e) => {
      const b = (e as SVGTextElement).getBBox();
      return { text: e.firstChild?.textContent, title: e.querySelector('title')?.textContent, transform: e.getAttribute('transform'), x: b.x, right: b.x + b.width, y: e.getAttribute('y') };
    }));
    const width = await page.locator('.timeline-wrap > svg').evaluate((e) => Number(e.getAttribute('width')));
    expect(names).toHaveLength(34);
    for (const n of names) {
      expect(n.transform, n.text!).toBeNull();
      expect(n.x, n.text!).toBeGreaterThanOrEqual(0);
      expect(n.right, n.text!).toBeLessThanOrEqual(width);
      for (const m of names) if (m !== n && m.y === n.y) expect(m.right <= n.x || n.right <= m.x, `${n.text} / ${m.text}`).toBe(true);
    }
    expect(names.map((n) => n.text)).toContain('vkAllocateMemory');
    expect(names.find((n) => n.text === 'vkAllocateMemory')!.title).toBe('call 9 · A · vkAllocateMemory → VK_SUCCESS');
    // The axis numbers the calls as the table's first column does.
    const table = await page.locator('table.steps tbody tr td:first-child').allTextContents();
    expect(await page.locator('svg.timeline .axis-number').allTextContents()).toEqual(table);
    // The exporting process (A) on top.
    expect(await page.locator('svg.timeline g.lane').evaluateAll((els) => els.map((e) => e.getAttribute('data-process')))).toEqual(['A', 'B']);

    // Pointing at a shortened name shows it whole; so does the keyboard on its call.
    const short = page.locator('svg.timeline text.call-label', { hasText: 'GetPD' }).first();
    const whole = await short.locator('title').textContent();
    await short.hover();
    expect(await page.locator('.timeline-detail').textContent()).toBe(whole);
    await page.locator('svg.timeline rect.call[data-call="21"]').focus();
    expect(await page.locator('.timeline-detail').textContent()).toBe('call 21 · B · vkAllocateMemory → VK_SUCCESS');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-call'))).toBe('22');
    expect(await page.locator('.timeline-detail').textContent()).toMatch(/^call 22 · B · vkBindBufferMemory/);
    // A handle's bar: focusable, named, and its whole story shown.
    const bar = page.locator('svg.timeline g.bar.handle').first();
    await bar.focus();
    expect(await bar.getAttribute('aria-label')).toMatch(/^NT handle 0x1a4 in A: made at call 11, closed at call 24/);
    expect(await page.locator('.timeline-detail').textContent()).toBe('NT handle 0x1a4 in A: made at call 11, closed at call 24');
    await screenshot(page, 'playground-timeline-scenario-1280');
    expect(page.problems).toEqual([]);
  });

  it('labels finding pins with their VUID; the keyboard reaches a pin right after its call and shows the whole VUID and message', async () => {
    const page = await ex!.page({ width: 1280, height: 900 });
    await open(page, ex!.url, '#/play?scenario=misuse/opaque_win32.import_wrong_allocation_size&profile=illustrative-windows-discrete');
    const vuid = 'VUID-VkMemoryAllocateInfo-allocationSize-01743';
    const pin = page.locator(`svg.timeline .finding-mark[data-vuid="${vuid}"]`);
    await pin.waitFor();
    expect(await pin.locator('text.pin-label').textContent()).toBe('01743');
    expect(await pin.getAttribute('aria-label')).toContain(vuid);
    expect(await page.locator('.timeline-detail').textContent()).not.toContain(vuid);
    // Tab from its call lands on the pin: the whole VUID and message are shown.
    await page.locator(`svg.timeline rect.call[data-call="${await pin.getAttribute('data-call')}"]`).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-vuid'))).toBe(vuid);
    const detail = await page.locator('.timeline-detail').textContent();
    expect(detail).toContain(`error: ${vuid} at call 13 (main)`);
    expect(detail).toMatch(/2048/);
    await screenshot(page, 'playground-timeline-pin-focused');
    expect(page.problems).toEqual([]);
  });

  it('draws a capture’s fd export and import as a handle and a payload, and lists them under what happened', async () => {
    const page = await ex!.page({ width: 1280, height: 900 });
    await open(page, ex!.url, '#/play?capture=valid-buffer.jsonl');
    await page.waitForSelector('.run-title >> text=valid-buffer.jsonl');
    await page.waitForSelector('.timeline-wrap svg .bar', { state: 'attached' });
    const fd = page.locator('.timeline-wrap svg g.bar.handle.fd');
    expect(await fd.count()).toBe(1);
    expect(await fd.getAttribute('data-end')).toBe('imported');
    expect(await fd.locator('title').textContent()).toBe('fd 5 in main: made at call 18, imported at call 21');
    expect(await page.locator('.timeline-wrap svg g.bar.payload').count()).toBe(1);
    for (const kind of ['payload-born', 'handle-created', 'handle-imported', 'payload-freed']) {
      expect(await page.locator(`.timeline-wrap svg .marker[data-kind="${kind}"]`).count(), kind).toBe(1);
    }
    expect(await page.locator('.marker[data-kind="handle-created"]').getAttribute('data-call')).toBe('18');
    expect(await page.locator('.marker[data-kind="handle-imported"]').getAttribute('data-call')).toBe('21');
    // "What happened" lists the export and the import.
    const happened = (call: number) => page.locator(`table.steps tbody tr[data-call="${call}"] td`).nth(4).textContent();
    expect(await happened(18)).toBe('fd 5 made → P1');
    expect(await happened(21)).toBe('fd 5 imported as memory 8 → P1 (the driver now owns the fd)');
    expect(await happened(13)).toBe('payload P1 born (65536 bytes, vulkan)');
    expect(await page.locator('svg.timeline .axis-number').allTextContents()).toEqual(await page.locator('table.steps tbody tr td:first-child').allTextContents());
    await screenshot(page, 'playground-timeline-capture-1280');
    expect(page.problems).toEqual([]);
  });

  it('saves the picture as a standalone SVG and as a PNG twice its size', async () => {
    const page = await ex!.page({ width: 1280, height: 900 });
    await open(page, ex!.url, '#/play?scenario=misuse/opaque_win32.import_in_other_process_without_duplicate&profile=illustrative-windows-discrete');
    const vuid = 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661';
    await page.locator(`svg.timeline .finding-mark[data-vuid="${vuid}"]`).waitFor();
    const size = await page.locator('.timeline-wrap > svg').evaluate((e) => ({ width: Number(e.getAttribute('width')), height: Number(e.getAttribute('height')) }));

    const [svgFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download SVG' }).click()]);
    expect(svgFile.suggestedFilename()).toBe('timeline-misuse-opaque_win32.import_in_other_process_without_duplicate.svg');
    const text = readFileSync((await svgFile.path())!, 'utf8');
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).not.toMatch(/<script|\son[a-z]+=|var\(--|tabindex/i);
    // Parsed as a document of its own: no stylesheet, yet every mark carries its colours.
    const parsed = await page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.getElementsByTagName('parsererror').length,
        root: root.localName, ns: root.namespaceURI,
        lanes: [...doc.querySelectorAll('g.lane text.lane-label')].map((e) => e.firstChild?.textContent),
        heading: [...doc.querySelectorAll('svg > text.heading')].map((e) => e.textContent),
        pinLabel: doc.querySelector('.finding-mark text.pin-label')?.textContent,
        pinTitle: doc.querySelector('.finding-mark title')?.textContent,
        callFill: doc.querySelector('rect.call')?.getAttribute('fill'),
        styled: doc.querySelectorAll('[style]').length,
        styleSheets: doc.querySelectorAll('style, link').length,
      };
    }, text);
    expect(parsed).toMatchObject({ error: 0, root: 'svg', ns: 'http://www.w3.org/2000/svg', lanes: ['A', 'B'], pinLabel: '00661', styleSheets: 0, styled: 0 });
    expect(parsed.pinTitle).toContain(vuid);
    expect(parsed.heading[0]).toBe('misuse/opaque_win32.import_in_other_process_without_duplicate · profile illustrative-windows-discrete');
    expect(parsed.heading[1]).toMatch(/^PASSED — \d+ expectations passed, 0 failed \(1 error/);
    expect(parsed.callFill).toMatch(/^rgb\(/);
    // The file as a picture: chromium draws it alone.
    const drawn = await page.evaluate(async (t) => {
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(t)}`;
      await img.decode();
      return { w: img.naturalWidth, h: img.naturalHeight };
    }, text);
    expect(drawn.w).toBe(size.width);
    expect(drawn.h).toBeGreaterThan(size.height);

    const [pngFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PNG' }).click()]);
    expect(pngFile.suggestedFilename()).toBe('timeline-misuse-opaque_win32.import_in_other_process_without_duplicate.png');
    const png = readFileSync((await pngFile.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: width and height, twice the picture's (with its heading).
    expect(png.readUInt32BE(16)).toBe(2 * size.width);
    expect(png.readUInt32BE(20)).toBe(2 * drawn.h);
    expect(png.length).toBeGreaterThan(20_000);
    expect(await page.locator('.timeline-save [role="status"]').textContent()).toBe('PNG saved.');
    expect(page.problems).toEqual([]);
  });

  it('at 390 px the scenario and the capture pictures scroll inside their frames; the page does not', async () => {
    for (const [hash, name] of [['#/play?scenario=cts/opaque_win32.cross_process&profile=illustrative-windows-discrete', 'playground-timeline-scenario-390'], ['#/play?capture=valid-buffer.jsonl', 'playground-timeline-capture-390']]) {
      const page = await ex!.page({ width: 390, height: 844 });
      await open(page, ex!.url, hash);
      await page.waitForSelector('.timeline-wrap svg .bar', { state: 'attached' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(390);
      expect(await page.locator('.timeline-wrap').evaluate((e) => e.scrollWidth > e.clientWidth), name).toBe(true);
      expect(await page.locator('.timeline-save button').count()).toBe(2);
      await screenshot(page, name);
      expect(page.problems, name).toEqual([]);
    }
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
