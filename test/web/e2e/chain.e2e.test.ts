// The chain builder in a real browser: the default D3D11 import is valid, breaking a member brings the
// right VUID (linked to the spec, pointing at the field) and fixing it takes it away; an export with a
// handle type the memory was not allocated for; the C code; a copied link reproduces the chain and its
// findings; a phone-width page; markup from links, fields and files stays text; oversize files are refused.
import { describe, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { itNeeds } from '../../helpers/system.js';
import { hasChromium, CHROMIUM, startExplorer, open, screenshot, type Explorer } from './harness.js';
import { encodeState } from '../../../web-demo/src/logic/url-state.js';
import { EXPLORER_LIMITS } from '../../../web-demo/src/logic/limits.js';

const it = itNeeds(hasChromium, `chromium at ${CHROMIUM}`);
let ex: Explorer | undefined;
beforeAll(async () => { if (hasChromium) ex = await startExplorer(); }, 120000);
afterAll(async () => { await ex?.close(); });

const SPEC = 'https://registry.khronos.org/vulkan/specs/latest/html/vkspec.html';
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
    expect(await small.getByRole('link').getAttribute('href')).toBe(`${SPEC}#VUID-VkMemoryDedicatedAllocateInfo-image-02964`);
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
    expect(await kmt.getByRole('link').getAttribute('href')).toBe(`${SPEC}#VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661`);
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
    expect(await wrong.getByRole('link').getAttribute('href')).toBe(`${SPEC}#VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00662`);
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
    await expect.poll(() => status.innerText()).toContain('bad.profile.json');
    expect(await status.innerText()).toContain(JSON.stringify(MARKUP));
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
