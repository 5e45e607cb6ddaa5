// The chain builder in a real browser: the default D3D11 import is valid, breaking a member brings the
// right VUID (linked to the spec, pointing at the field) and fixing it takes it away; an export with a
// handle type the memory was not allocated for; the C code; a copied link reproduces the chain and its
// findings; a phone-width page; markup from links, fields and files stays text; oversize files are refused;
// typed values apply as they are typed (the verdict checking meanwhile) or are refused with the reason,
// the verdict withheld until they are fixed; on a phone a summary of the verdict stays in reach.
import { describe, expect, beforeAll, afterAll } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { SPEC_VERSION_URL } from '../../../src/core/spec-links.js';
import { itNeeds } from '../../helpers/system.js';
import { hasChromium, CHROMIUM, startExplorer, open, screenshot, type Explorer } from './harness.js';
import { encodeState } from '../../../web-demo/src/logic/url-state.js';
import { EXPLORER_LIMITS } from '../../../web-demo/src/logic/limits.js';

const it = itNeeds(hasChromium, `chromium at ${CHROMIUM}`);
let ex: Explorer | undefined;
beforeAll(async () => { if (hasChromium) ex = await startExplorer(); }, 120000);
afterAll(async () => { await ex?.close(); });

const LATEST = 'https://registry.khronos.org/vulkan/specs/latest/html/vkspec.html';
/** The version line the rules were written against (registry.test.ts checks it is validusage.json's). */
const SPEC = SPEC_VERSION_URL;
/** A finding's VUID link (to that version) and its "latest" link beside it. */
async function expectSpecLinks(f: Locator, vuid: string): Promise<void> {
  expect(await f.getByRole('link', { name: vuid, exact: true }).getAttribute('href')).toBe(`${SPEC}#${vuid}`);
  expect(await f.getByRole('link', { name: `${vuid} in the latest specification`, exact: true }).getAttribute('href')).toBe(`${LATEST}#${vuid}`);
}
const D3D11 = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT';
const MARKUP = '<img src=x onerror="window.__pwned=1">';

/** Opens the builder and waits for its first verdict. */
async function openChain(page: Page, hash = '#/chain'): Promise<void> {
  await open(page, ex!.url, hash);
  await page.waitForSelector('.verdict-panel .verdict[data-verdict]');
}
const finding = (page: Page, vuid: string) => page.locator(`.finding[data-vuid="${vuid}"]`);
const vuids = (page: Page) => page.locator('.finding').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.vuid));
const code = (page: Page) => page.locator('#chain-c').innerText();
const region = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) });

describe('chain builder', () => {
  it('a D3D11 texture NT import: valid by default; a wrong size or handle type brings its VUID, fixing it takes it away', async () => {
    const page = await ex!.page();
    await openChain(page);
    expect(await page.evaluate(() => typeof window.__vkxFirstVerdict)).toBe('number');
    expect(await page.locator('.verdict[data-verdict]').getAttribute('data-verdict')).toBe('ok');
    expect(await page.locator('.finding.error').count()).toBe(0);
    expect(await page.getByLabel('Device profile', { exact: true }).inputValue()).toBe('illustrative-windows-discrete');
    expect(await region(page, 'VkImportMemoryWin32HandleInfoKHR').getByLabel('handleType', { exact: true }).inputValue()).toBe(D3D11);
    expect(await region(page, 'VkMemoryDedicatedAllocateInfo').getByLabel('image', { exact: true }).inputValue()).toBe('dstRes');
    await screenshot(page, 'chain-d3d11-valid');

    // Too small for the image the allocation is dedicated to.
    const size = page.getByLabel('allocationSize', { exact: true });
    await size.fill('4096');
    const small = finding(page, 'VUID-VkMemoryDedicatedAllocateInfo-image-02964');
    await small.waitFor();
    expect(await small.getAttribute('class')).toContain('error');
    await expectSpecLinks(small, 'VUID-VkMemoryDedicatedAllocateInfo-image-02964');
    expect(await small.locator('.msg').innerText()).toMatch(/4096.*262144/);
    expect(await small.locator('.path').innerText()).toContain('pAllocateInfo.allocationSize');
    expect(await size.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.verdict[data-verdict]').getAttribute('data-verdict')).toBe('bad');
    await screenshot(page, 'chain-d3d11-size-too-small');
    // The path button takes the keyboard to the field.
    await size.blur();
    await small.locator('.path button').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await size.getAttribute('id'));
    await size.fill('262144');
    await small.waitFor({ state: 'detached' });
    await page.waitForSelector('.verdict[data-verdict="ok"]');
    expect(await size.getAttribute('aria-invalid')).toBeNull();

    // A KMT handle type for the NT handle the texture gave.
    const handleType = region(page, 'VkImportMemoryWin32HandleInfoKHR').getByLabel('handleType', { exact: true });
    await handleType.selectOption('VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT');
    const kmt = finding(page, 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661');
    await kmt.waitFor();
    await expectSpecLinks(kmt, 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661');
    expect(await kmt.locator('.msg').innerText()).toContain('OPAQUE_WIN32_KMT');
    expect(await region(page, 'VkImportMemoryWin32HandleInfoKHR').getByLabel('handle', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await code(page)).toContain('.handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT,');
    await screenshot(page, 'chain-d3d11-kmt-type');
    await handleType.selectOption(D3D11);
    await kmt.waitFor({ state: 'detached' });
    await page.waitForSelector('.verdict[data-verdict="ok"]');

    // Remove the dedicated structure and add it back from the allowed list.
    await page.getByRole('button', { name: 'Remove VkMemoryDedicatedAllocateInfo from the chain' }).click();
    await expect.poll(() => code(page)).not.toContain('VkMemoryDedicatedAllocateInfo');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Add');
    await page.getByLabel('Add to the pNext chain').selectOption('VkMemoryDedicatedAllocateInfo');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => code(page)).toContain('.pNext = &dedicatedInfo,');
    expect(await region(page, 'VkMemoryDedicatedAllocateInfo').getByLabel('image', { exact: true }).inputValue()).toBe('dstRes');
    await page.waitForSelector('.verdict[data-verdict="ok"]');
    // Reorder: the dedicated structure first, the import second.
    await page.getByRole('button', { name: 'Move VkMemoryDedicatedAllocateInfo up the chain' }).click();
    await expect.poll(() => code(page)).toContain('.pNext = &importInfo,\n    .image = dstRes,');
    expect(await page.locator('.chain-list > li h3').allInnerTexts()).toEqual(['VkMemoryDedicatedAllocateInfo', 'VkImportMemoryWin32HandleInfoKHR']);
    expect(page.problems).toEqual([]);
  });

  it('an export with a handle type the memory was not allocated for brings VUID-…-handleType-00662', async () => {
    const page = await ex!.page();
    await openChain(page);
    await page.getByLabel('Call', { exact: true }).selectOption('vkGetMemoryWin32HandleKHR');
    await region(page, 'VkMemoryGetWin32HandleInfoKHR').waitFor();
    expect(await page.getByLabel('Source of the memory').inputValue()).toBe('vulkan');
    expect(await page.getByLabel('Exported handle type').inputValue()).toBe('OPAQUE_WIN32');
    await page.waitForSelector('.verdict[data-verdict="ok"]');
    expect(await page.locator('[data-result]').innerText()).toBe('VK_SUCCESS');
    expect(await page.locator('.driver-panel').innerText()).toMatch(/hExport = 0x[0-9a-f]+/);
    await screenshot(page, 'chain-export-valid');
    await region(page, 'VkMemoryGetWin32HandleInfoKHR').getByLabel('handleType', { exact: true }).selectOption(D3D11);
    const wrong = finding(page, 'VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00662');
    await wrong.waitFor();
    await expectSpecLinks(wrong, 'VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00662');
    expect(await wrong.locator('.msg').innerText()).toMatch(/D3D11_TEXTURE.*OPAQUE_WIN32/);
    expect(await wrong.locator('.path').innerText()).toContain('pGetWin32HandleInfo.handleType');
    expect(await code(page)).toContain('VkResult res = vkGetMemoryWin32HandleKHR(dev_main, &getHandleInfo, &hExport);');
    await screenshot(page, 'chain-export-wrong-type');
    expect(page.problems).toEqual([]);
  });

  it('the C code holds the structures and the values the form shows, and copies', async () => {
    const page = await ex!.page();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ex!.url.replace(/\/$/, '') });
    await openChain(page);
    const c = await code(page);
    for (const line of [
      'VkMemoryDedicatedAllocateInfo dedicatedInfo = {',
      'VkImportMemoryWin32HandleInfoKHR importInfo = {',
      `    .handleType = ${D3D11},`,
      '    .handle = hSrc,',
      '    .pNext = &importInfo,',
      '    .allocationSize = 262144,',
      'VkResult res = vkAllocateMemory(dev_main, &allocInfo, NULL, &memory);',
    ]) expect(c).toContain(line);
    // Structures are declared last first, so each pNext points at one already declared.
    expect(c.indexOf('dedicatedInfo = {')).toBeLessThan(c.indexOf('importInfo = {'));
    expect(c.indexOf('importInfo = {')).toBeLessThan(c.indexOf('allocInfo = {'));
    await page.getByLabel('memoryTypeIndex', { exact: true }).fill('3');
    await expect.poll(() => code(page)).toContain('.memoryTypeIndex = 3,');
    await page.getByRole('button', { name: 'Copy C code' }).click();
    await expect.poll(() => page.locator('.copy-status').innerText()).toMatch(/Copied the C code|selected/);
    if ((await page.locator('.copy-status').innerText()).startsWith('Copied')) {
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.locator('#chain-c').textContent());
    }
    await screenshot(page, 'chain-code');
    expect(page.problems).toEqual([]);
  });

  it('a copied link opens the same chain with the same findings in a fresh page', async () => {
    const page = await ex!.page();
    await openChain(page);
    await page.getByLabel('allocationSize', { exact: true }).fill('4096');
    await region(page, 'VkImportMemoryWin32HandleInfoKHR').getByLabel('handleType', { exact: true }).selectOption('VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT');
    await page.getByRole('button', { name: 'Remove VkMemoryDedicatedAllocateInfo from the chain' }).click();
    await finding(page, 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661').waitFor();
    const link = await page.evaluate(() => location.href);
    expect(link).toMatch(/#\/chain\?s=[A-Za-z0-9_-]+$/);
    await screenshot(page, 'chain-link-edited');
    const before = { vuids: await vuids(page), code: await code(page) };
    expect(before.vuids.length).toBeGreaterThan(0);

    const fresh = await ex!.page();
    await fresh.goto(link);
    await fresh.waitForFunction(() => window.__vkxReady === true);
    await fresh.waitForSelector('.verdict-panel .verdict[data-verdict]');
    expect(await vuids(fresh)).toEqual(before.vuids);
    expect(await code(fresh)).toBe(before.code);
    expect(await fresh.getByLabel('allocationSize', { exact: true }).inputValue()).toBe('4096');
    expect(await fresh.locator('.chain-list > li').count()).toBe(1);
    await screenshot(fresh, 'chain-link-reopened');
    expect(page.problems).toEqual([]);
    expect(fresh.problems).toEqual([]);
  });

  it('the simple link form names a world; the call starts correct for it', async () => {
    const page = await ex!.page();
    await openChain(page, '#/chain?profile=illustrative-windows-discrete&source=d3d11-texture&type=D3D11_TEXTURE_KMT');
    expect(await page.getByLabel('Device profile', { exact: true }).inputValue()).toBe('illustrative-windows-discrete');
    expect(await page.getByLabel('Shared handle').inputValue()).toBe('kmt');
    expect(await region(page, 'VkImportMemoryWin32HandleInfoKHR').getByLabel('handleType', { exact: true }).inputValue()).toBe('VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT');
    expect(await page.locator('.finding.error').count()).toBe(0);
    // The page rewrote its link to the whole chain.
    expect(await page.evaluate(() => location.hash)).toMatch(/^#\/chain\?s=/);
    await screenshot(page, 'chain-simple-link');
    expect(page.problems).toEqual([]);
  });

  it('the world size applies as it is typed: the verdict says it is checking until then, never "valid" for a value no longer there', async () => {
    const page = await ex!.page();
    await openChain(page);
    await page.getByLabel('Source of the memory').selectOption('d3d12-heap');
    const size = page.getByLabel('Size (bytes)');
    await expect.poll(() => code(page)).toContain('.allocationSize = 65536,');
    await page.waitForSelector('.verdict[data-verdict="ok"]');
    // What the verdict says right after each keystroke (a document listener runs after the field's own).
    await page.evaluate(() => {
      const w = window as unknown as { seen: string[] };
      w.seen = [];
      document.addEventListener('input', () => {
        const panel = document.querySelector('.verdict-panel')!;
        w.seen.push(`${panel.querySelector('.verdict')?.getAttribute('data-verdict')} busy=${panel.getAttribute('aria-busy')}`);
      });
    });
    await size.click();
    await size.press('ControlOrMeta+a');
    await size.pressSequentially('131072');
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(Array(6).fill('pending busy=true'));
    // Applied without leaving the field: the world and the call are made for the new size.
    await expect.poll(() => code(page)).toContain('.allocationSize = 131072,');
    await page.waitForSelector('.verdict[data-verdict="ok"]');
    expect(await page.locator('.verdict-panel').getAttribute('aria-busy')).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('world-size');
    expect(await size.inputValue()).toBe('131072');
    await screenshot(page, 'chain-world-size-applied');

    // Time held still: the verdict waits, "checking", until the pause is over.
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1000);
    await size.fill('0');
    expect(await page.locator('.verdict-panel .verdict').getAttribute('data-verdict')).toBe('pending');
    expect(await page.locator('.verdict-panel .verdict').innerText()).toBe('Checking the new value…');
    expect(await page.locator('.verdict-panel').getAttribute('aria-busy')).toBe('true');
    await screenshot(page, 'chain-world-size-pending');
    await page.clock.runFor(300);
    // 0 is refused: the message beside the field names it and why; the verdict is withheld, not kept.
    const error = page.locator('#world-size-error');
    expect(await error.innerText()).toBe('Size (bytes) not applied: 0 is not a size in bytes (1 … 2^40)');
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await size.getAttribute('aria-describedby')).toContain('world-size-error');
    expect(await size.getAttribute('aria-invalid')).toBe('true');
    const verdict = page.locator('.verdict-panel .verdict');
    expect(await verdict.getAttribute('data-verdict')).toBe('withheld');
    expect(await verdict.innerText()).toBe('Verdict withheld until Size (bytes) is fixed');
    expect(await page.locator('.verdict-panel').innerText()).not.toContain('Valid');
    expect(await page.locator('.driver-panel').innerText()).toBe('');
    await screenshot(page, 'chain-world-size-zero');
    // Every other refusal says why, with the value.
    for (const [text, why] of [
      ['-4096', '-4096 is not a size in bytes (1 … 2^40)'],
      ['64k', '"64k" is not a whole number'],
      ['', 'empty: enter a whole number'],
      ['2199023255552', '2199023255552 is not a size in bytes (1 … 2^40)'],
      ['18446744073709551616', '18446744073709551616 does not fit in VkDeviceSize'],
    ]) {
      await size.fill(text);
      await size.press('Enter');
      expect(await error.innerText()).toContain(`Size (bytes) not applied: ${why}`);
      expect(await verdict.getAttribute('data-verdict')).toBe('withheld');
    }
    // The refused field in the verdict panel is a button to it.
    await page.locator('.verdict-panel').getByRole('button', { name: 'Size (bytes)' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('world-size');
    // Fixed, and Enter: applied at once (the clock is still held), the verdict is back.
    await size.fill('0x40000');
    await size.press('Enter');
    expect(await verdict.getAttribute('data-verdict')).toBe('ok');
    expect(await error.innerText()).toBe('');
    expect(await size.getAttribute('aria-invalid')).toBeNull();
    expect(await code(page)).toContain('.allocationSize = 262144,');
    expect(await size.inputValue()).toBe('0x40000');
    await screenshot(page, 'chain-world-size-fixed');
    expect(page.problems).toEqual([]);
  });

  it('a member the form cannot take is refused beside its field; the verdict is withheld until it is fixed', async () => {
    const page = await ex!.page();
    await openChain(page);
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1000);
    const size = page.getByLabel('allocationSize', { exact: true });
    await size.fill('12x');
    expect(await page.locator('.verdict-panel .verdict').getAttribute('data-verdict')).toBe('pending');
    // Leaving the field applies it at once.
    await size.blur();
    const error = page.locator(`#${await size.getAttribute('id')}-error`);
    expect(await error.innerText()).toBe('allocationSize not applied: "12x" is not a whole number (write it in decimal, or in hex as 0x…)');
    expect(await size.getAttribute('aria-describedby')).toContain(await error.getAttribute('id'));
    expect(await size.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.verdict-panel .verdict').innerText()).toBe('Verdict withheld until allocationSize is fixed');
    expect(await page.locator('.finding[data-vuid]').count()).toBe(0);
    // Two refused fields: both named.
    const index = page.getByLabel('memoryTypeIndex', { exact: true });
    await index.fill('4294967296');
    await index.press('Enter');
    expect(await page.locator(`#${await index.getAttribute('id')}-error`).innerText()).toBe('memoryTypeIndex not applied: 4294967296 does not fit in uint32_t (0 … 4294967295)');
    expect(await page.locator('.verdict-panel .verdict').innerText()).toBe('Verdict withheld until allocationSize, memoryTypeIndex are fixed');
    await screenshot(page, 'chain-member-refused');
    await index.fill('0');
    await index.press('Enter');
    await size.fill('4096');
    await size.press('Enter');
    // Back: the verdict for the values on screen (too small for the dedicated image).
    expect(await page.locator('.verdict-panel .verdict').getAttribute('data-verdict')).toBe('bad');
    expect(await finding(page, 'VUID-VkMemoryDedicatedAllocateInfo-image-02964').count()).toBe(1);
    expect(await error.innerText()).toBe('');
    expect(page.problems).toEqual([]);
  });

  it('on a phone, a summary of the verdict stays on screen while lower fields are edited, and leads to the verdict', async () => {
    const page = await ex!.page({ width: 390, height: 844 });
    await openChain(page);
    const bar = page.locator('.verdict-bar');
    const panel = page.locator('.verdict-panel');
    const inView = async (box: { y: number; height: number } | null) => !!box && box.y >= 0 && box.y + box.height <= 844;
    // A field at the end of the call.
    const handleType = region(page, 'VkImportMemoryWin32HandleInfoKHR').getByLabel('handleType', { exact: true });
    await handleType.focus();
    await expect.poll(async () => inView(await bar.boundingBox())).toBe(true);
    expect(await inView(await panel.boundingBox())).toBe(false);
    expect(await bar.innerText()).toMatch(/^✓ Valid\s+Go to the verdict$/);
    expect(await bar.getAttribute('data-verdict')).toBe('ok');
    await handleType.selectOption('VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT');
    await expect.poll(() => bar.innerText()).toMatch(/^✗ 1 error( · [^\n]+)?\s+Go to the verdict$/);
    expect(await bar.getAttribute('data-verdict')).toBe('bad');
    // The field being edited is not under the bar.
    const [field, strip] = [await handleType.boundingBox(), await bar.boundingBox()];
    expect(field!.y + field!.height).toBeLessThanOrEqual(strip!.y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'chain-phone-verdict-bar');
    // The bar takes the keyboard to the verdict panel; then it goes away.
    await bar.focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('chain-verdict');
    await expect.poll(async () => inView(await panel.locator('.verdict').boundingBox())).toBe(true);
    await bar.waitFor({ state: 'hidden' });
    expect(await panel.locator('.verdict').innerText()).toContain('✗ 1 error');
    await screenshot(page, 'chain-phone-verdict-reached');
    expect(page.problems).toEqual([]);
  });

  it('fits a phone screen', async () => {
    const page = await ex!.page({ width: 390, height: 844 });
    await openChain(page);
    expect(await page.locator('.verdict[data-verdict]').getAttribute('data-verdict')).toBe('ok');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The verdict comes before the form on a narrow screen.
    const [verdictTop, formTop] = await Promise.all([page.locator('.verdict-panel').boundingBox(), page.locator('.chain-form').boundingBox()]);
    expect(verdictTop!.y).toBeLessThan(formTop!.y);
    await screenshot(page, 'chain-phone');
    expect(page.problems).toEqual([]);
  });

  it('markup in a link, a field or a file is shown as text and never runs', async () => {
    // A chain whose name member carries markup: the finding quoting it, the field and the C code show it literally.
    const page = await ex!.page();
    const state = {
      v: 1, profile: 'illustrative-windows-discrete', command: 'vkAllocateMemory', source: { kind: 'd3d11-texture', shared: 'nt' }, process: 'same',
      args: { device: 'dev_main', pAllocator: null, pMemory: 'memory', pAllocateInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', allocationSize: 262144, memoryTypeIndex: 0, pNext: { sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_KHR', pNext: null, handleType: D3D11, handle: 'hSrc', name: MARKUP } } },
    };
    await openChain(page, `#/chain?s=${encodeState(state)}`);
    const both = finding(page, 'VUID-VkImportMemoryWin32HandleInfoKHR-handle-01441');
    await both.waitFor();
    // Our messages quote values as JSON: the markup, quotes escaped, as text.
    expect(await both.locator('.msg').innerText()).toContain(JSON.stringify(MARKUP));
    expect(await region(page, 'VkImportMemoryWin32HandleInfoKHR').getByLabel('name', { exact: true }).inputValue()).toBe(MARKUP);
    expect(await code(page)).toContain('.name = L"<img src=x onerror=\\"window.__pwned=1\\">",');
    await screenshot(page, 'chain-untrusted-name');
    // Typed into the field: the same.
    await region(page, 'VkImportMemoryWin32HandleInfoKHR').getByLabel('name', { exact: true }).fill('<b onmouseover="window.__pwned=3">x</b>');
    await expect.poll(() => both.locator('.msg').innerText()).toContain(JSON.stringify('<b onmouseover="window.__pwned=3">x</b>'));
    expect(await page.locator('main img, main b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // A profile name with markup in the link: a note quoting it, the default profile used.
    const other = await ex!.page();
    await openChain(other, `#/chain?s=${encodeState({ ...state, profile: '<script>window.__pwned=2</script>' })}`);
    expect(await other.locator('.chain-notes').innerText()).toContain('"<script>window.__pwned=2</script>"');
    expect(await other.getByLabel('Device profile', { exact: true }).inputValue()).toBe('illustrative-windows-discrete');
    await openChain(other, `#/chain?profile=${encodeURIComponent(MARKUP)}&type=${encodeURIComponent(MARKUP)}`);
    const notes = await other.locator('.chain-notes').innerText();
    expect(notes).toContain(`profile ${JSON.stringify(MARKUP)}`);
    expect(notes).toContain(`source could not be used (${JSON.stringify(MARKUP)} is not a handle type name`);
    expect(await other.locator('main img').count()).toBe(0);
    expect(await other.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await screenshot(other, 'chain-untrusted-link');

    // A link cut short: a note, and the default chain.
    await openChain(other, '#/chain?s=eyJ2IjoxLCJwcm9maWxl');
    expect(await other.locator('.chain-notes').innerText()).toContain('could not be read');
    expect(await other.locator('.verdict[data-verdict]').getAttribute('data-verdict')).toBe('ok');
    expect(page.problems).toEqual([]);
    expect(other.problems).toEqual([]);
  });

  it('profile files: over the limit or not a profile is refused with a message naming it; a good one is offered', async () => {
    const page = await ex!.page();
    await openChain(page);
    const input = page.getByLabel('Load a device profile file');
    const status = page.locator('.file-status');
    await input.setInputFiles({ name: 'huge.profile.json', mimeType: 'application/json', buffer: Buffer.alloc(EXPLORER_LIMITS.profileBytes + 1, 0x20) });
    await expect.poll(() => status.innerText()).toContain('huge.profile.json is 4,194,305 bytes');
    await screenshot(page, 'chain-profile-too-big');
    await input.setInputFiles({ name: 'bad.profile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ profile: MARKUP })) });
    // "Reading bad.profile.json…" comes first (the profile checker is fetched on first use); then the refusal.
    await expect.poll(() => status.innerText()).toContain(JSON.stringify(MARKUP));
    expect(await status.innerText()).toContain('bad.profile.json');
    expect(await page.locator('main img').count()).toBe(0);
    const { readFileSync } = await import('node:fs');
    const own = JSON.parse(readFileSync('profiles/illustrative-windows-integrated.profile.json', 'utf8'));
    own.profile = 'my-laptop-gpu';
    await input.setInputFiles({ name: 'mine.profile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(own)) });
    await expect.poll(() => status.innerText()).toContain('Loaded the profile my-laptop-gpu');
    expect(await page.getByLabel('Device profile', { exact: true }).inputValue()).toBe('my-laptop-gpu');
    await page.waitForSelector('.verdict[data-verdict="ok"]');
    expect(await page.locator('.verdict-panel').innerText()).toContain('my-laptop-gpu');
    await screenshot(page, 'chain-profile-from-file');
    expect(page.problems).toEqual([]);
  });
});
