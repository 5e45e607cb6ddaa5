// The import resolver in a real browser: a D3D12 heap import resolved from the form (size, memory
// types, dedicated decision, chain, each rule linked), the chain builder opened with the result, the
// short link form other views write, an impossible request, bad links, and a phone-width page.
import { describe, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { SPEC_VERSION_URL } from '../../../src/core/spec-links.js';
import { itNeeds } from '../../helpers/system.js';
import { decodeState } from '../../../web-demo/src/logic/url-state.js';
import { hasChromium, CHROMIUM, startExplorer, open, screenshot, type Explorer } from './harness.js';

const it = itNeeds(hasChromium, `chromium at ${CHROMIUM}`);
let ex: Explorer | undefined;
beforeAll(async () => { if (hasChromium) ex = await startExplorer(); }, 120000);
afterAll(async () => { await ex?.close(); });

/** The version line the rules were written against: VUID links go there (the 'latest' one sits beside each). */
const SPEC = SPEC_VERSION_URL;
const hashParam = (page: Page, key: string) => new URLSearchParams(new URL(page.url()).hash.replace(/^#\/\w+\??/, '')).get(key);

/** ALL_CAPS words with an underscore that are not Vulkan (VK_…) or Win32 identifiers: internal tags. */
const tagsIn = (text: string) => (text.match(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]*\b/g) ?? []).filter((t) => !t.startsWith('VK_') && t !== 'INVALID_HANDLE_VALUE');
/** The model's names for the world's objects and handles. */
const MODEL_NAMES = /\b(hSrc|hDst|dstRes|srcRes|srcMem|dev_main|dev_B)\b/;

/** Every input and select in the view has a label (its accessible name comes from it). */
async function everyControlLabelled(page: Page): Promise<string[]> {
  return page.locator('section.view-resolve').evaluate((root) =>
    [...root.querySelectorAll('input, select, textarea')].filter((el) => (el as HTMLInputElement).labels?.length === 0).map((el) => el.id || el.tagName));
}

describe('import resolver', () => {
  it('resolves a D3D12 heap import of 1 MiB on the illustrative discrete GPU, with every rule linked', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/resolve');
    await page.waitForSelector('.resolve-output .verdict');
    expect(await everyControlLabelled(page)).toEqual([]);

    await page.getByLabel('Source', { exact: true }).selectOption('d3d12-heap');
    await page.getByLabel('Device profile').selectOption('illustrative-windows-discrete');
    const size = page.getByLabel('Size in bytes', { exact: true });
    await size.fill('1048576');
    await size.press('Enter');
    await page.waitForFunction(() => document.querySelector('#rs-size-decision .answer')?.textContent === '1,048,576 bytes');

    // allocationSize: the exact heap size, with the VUID linked to the spec and marked as checked.
    const sizeCard = page.locator('#rs-size-decision');
    const vuid = sizeCard.getByRole('link', { name: 'VUID-VkMemoryAllocateInfo-allocationSize-00647', exact: true }).first();
    expect(await vuid.getAttribute('href')).toBe(`${SPEC}#VUID-VkMemoryAllocateInfo-allocationSize-00647`);
    expect(await sizeCard.locator('.checked.yes').first().textContent()).toBe('the validator reports this');

    // memoryTypeIndex: one row per memory type of the profile, the candidates marked, each mask with its reason.
    const rows = page.locator('table.memtypes tbody tr');
    expect(await rows.count()).toBe(6);
    expect(await page.locator('table.memtypes tbody tr.chosen').getAttribute('data-type')).toBe('0');
    expect(await page.locator('table.memtypes tbody tr.candidate, table.memtypes tbody tr.chosen').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))).toEqual(['0', '3']);
    expect(await rows.nth(0).locator('td').nth(1).textContent()).toBe('DEVICE_LOCAL');
    expect(await page.locator('#rs-types-decision .components li').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(['device', 'resource', 'handle']);

    // The dedicated decision, the chain (with the import structure and its rule), and a verdict.
    const dedicated = page.locator('#rs-dedicated-decision .dedicated').first();
    expect(await dedicated.getAttribute('data-decision')).toBe('OPTIONAL');
    expect(await dedicated.locator('h3').textContent()).toBe('VkMemoryDedicatedAllocateInfo: allowed, not needed');
    const chain = await page.locator('.chain .struct').evaluateAll((els) => els.map((e) => e.getAttribute('data-struct')));
    expect(chain).toEqual(['VkMemoryAllocateInfo', 'VkImportMemoryWin32HandleInfoKHR']);
    expect(await page.locator('.resolve-output .verdict.ok').textContent()).toMatch(/can work/);

    // The calls that built the world are there, collapsed.
    const steps = page.locator('details.world-steps');
    expect(await steps.getAttribute('open')).toBeNull();
    await steps.locator('> summary').click();
    expect(await steps.locator('tbody tr').evaluateAll((els) => els.map((e) => e.children[2].textContent))).toContain('D3D12CreateHeap');

    // The URL reproduces the request.
    expect(decodeState(hashParam(page, 'r') ?? '')).toEqual({ profile: 'illustrative-windows-discrete', source: { kind: 'd3d12-heap', size: 1048576 }, process: 'same' });
    await screenshot(page, 'resolve-d3d12-heap');

    // Open in chain builder: #/chain with the resolved vkAllocateMemory in `s`.
    await page.getByRole('button', { name: 'Open in chain builder' }).click();
    await page.waitForFunction(() => location.hash.startsWith('#/chain?s='));
    await page.waitForSelector('section.view-chain');
    const state = decodeState<{ v: number; command: string; profile: string; source: unknown; args: { device: string; pAllocateInfo: { allocationSize: number; memoryTypeIndex: number; pNext: { sType: string } } } }>(hashParam(page, 's') ?? '');
    expect(state).toMatchObject({ v: 1, command: 'vkAllocateMemory', profile: 'illustrative-windows-discrete', source: { kind: 'd3d12-heap', size: 1048576 } });
    expect(state!.args.pAllocateInfo).toMatchObject({ allocationSize: 1048576, memoryTypeIndex: 0, pNext: { sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_KHR' } });
    await screenshot(page, 'resolve-opened-chain-builder');
    expect(page.problems).toEqual([]);
  });

  it('takes the short link form: source, type and profile', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/resolve?source=d3d11-texture&type=D3D11_TEXTURE_KMT&profile=illustrative-windows-discrete');
    await page.waitForSelector('.resolve-output .verdict');
    expect(await page.getByLabel('Source', { exact: true }).inputValue()).toBe('d3d11-texture');
    expect(await page.getByLabel('Shared as').inputValue()).toBe('kmt');
    expect(await page.getByLabel('Import by name').isDisabled()).toBe(true);
    const importInfo = page.locator('.struct[data-struct="VkImportMemoryWin32HandleInfoKHR"]');
    expect(await importInfo.textContent()).toContain('VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT');
    // The size of a texture import comes from the OS object: the resolver says so, in words.
    expect(await page.locator('#rs-size-decision .decision-sentence').textContent()).toMatch(/ignores allocationSize, but the value you pass must still meet the rule above\.$/);
    // The URL now holds the full request.
    expect(decodeState(hashParam(page, 'r') ?? '')).toMatchObject({ source: { kind: 'd3d11-texture', shared: 'kmt' } });
    await screenshot(page, 'resolve-short-link-d3d11-kmt');

    // A KHR/NV choice from the same form: the NV export shows the NV dedicated structure.
    await page.getByLabel('Source', { exact: true }).selectOption('vulkan');
    await page.getByLabel('Handle type exported').selectOption('OPAQUE_WIN32_NV');
    await page.waitForSelector('.dedicated >> text=VkDedicatedAllocationMemoryAllocateInfoNV');
    expect(decodeState(hashParam(page, 'r') ?? '')).toMatchObject({ source: { kind: 'vulkan', handleType: 'OPAQUE_WIN32_NV' } });
    expect(page.problems).toEqual([]);
  });

  it('shows why a D3D source cannot be imported on lavapipe, without breaking', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/resolve?source=d3d12-heap&profile=lavapipe');
    await page.waitForSelector('.resolve-output .verdict.bad');
    const problems = page.locator('.problems .finding.error');
    expect(await problems.count()).toBeGreaterThan(0);
    expect(await problems.first().locator('a').first().getAttribute('href')).toMatch(/^https:\/\/registry\.khronos\.org\/.*#VUID-/);
    expect(await page.locator('#rs-profile + .badge, .profile-row .badge').first().textContent()).toBe('measured');
    await screenshot(page, 'resolve-d3d-on-lavapipe');
    expect(page.problems).toEqual([]);
  });

  it('shows a broken or hostile link as text and falls back to the default request', async () => {
    const page = await ex!.page();
    const evil = '<img src=x onerror="window.__pwned=1">';
    await open(page, ex!.url, `#/resolve?source=vulkan&type=${encodeURIComponent(evil)}&profile=${encodeURIComponent(evil)}`);
    await page.waitForSelector('.resolve-output .verdict');
    const notice = await page.locator('.notice .error-box').textContent();
    expect(notice).toContain(JSON.stringify(evil));
    expect(await page.locator('section.view-resolve img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await screenshot(page, 'resolve-hostile-link');

    await open(page, ex!.url, '#/resolve?r=bm90LWpzb24');
    await page.waitForSelector('.resolve-output .verdict');
    expect(await page.locator('.notice .error-box').textContent()).toMatch(/could not be decoded/);
    expect(await page.getByLabel('Source', { exact: true }).inputValue()).toBe('vulkan');

    // A size out of range is named beside its field, and nothing is resolved from it.
    await page.getByLabel('Source', { exact: true }).selectOption('dma-buf');
    const size = page.getByLabel('Size in bytes', { exact: true });
    await size.fill('-5');
    await size.press('Enter');
    expect(await page.locator('#rs-size-error').textContent()).toMatch(/"-5" is not a whole number/);
    expect(await size.getAttribute('aria-invalid')).toBe('true');
    expect(page.problems).toEqual([]);
  });

  it('explains a D3D11 texture NT import in sentences, with the whole import in C and who closes the handle', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/resolve?source=d3d11-texture&type=D3D11_TEXTURE&profile=illustrative-windows-discrete');
    await page.waitForSelector('.resolve-output .verdict.ok');
    const sentences = await page.locator('.resolve-output .decision-sentence').allTextContents();
    // allocationSize, memoryTypeIndex, and the one dedicated structure that applies (no NV type here).
    expect(sentences).toHaveLength(3);
    expect(sentences[0]).toMatch(/^Pass 262,144 bytes, the image’s size from vkGetImageMemoryRequirements2: .*ignores allocationSize, but the value you pass must still meet the rule above\.$/);
    expect(sentences[1]).toMatch(/^Use type 0 \(VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT\): .*vkGetMemoryWin32HandlePropertiesKHR reports type 0 for the NT handle to the shared D3D11 texture/);
    expect(sentences[2]).toMatch(/^Required, dedicated to the image you import into: /);
    // No tag, no model name anywhere in what is explained (the decisions, the source, the chain).
    // (The memory-type table keeps the profile's short flag names in its own column.)
    const explained = (await page.locator('.resolve-output :is(.verdict, .source-line, .decision-sentence, .why, .components, .dedicated, .chain)').allTextContents()).join(' ');
    expect(tagsIn(explained)).toEqual([]);
    expect(explained).not.toMatch(MODEL_NAMES);
    expect(await page.locator('#rs-size-decision .answer').textContent()).toBe('262,144 bytes');
    // The C code: the resource, its requirements, the handle's properties, the import, then CloseHandle.
    const code = (await page.locator('#rs-c-code pre').textContent())!;
    expect(code).toContain('HANDLE sharedHandle;  the NT handle to the shared D3D11 texture');
    expect(code).toContain('vkCreateImage(device, &imageInfo, NULL, &image);');
    expect(code).toContain('getMemoryWin32HandlePropertiesKHR(device, VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT, sharedHandle, &handleProperties);');
    expect(code.indexOf('CloseHandle(sharedHandle);')).toBeGreaterThan(code.indexOf('vkAllocateMemory('));
    expect(code).not.toMatch(MODEL_NAMES);
    // The chain lists the same variables.
    expect(await page.locator('.struct[data-struct="VkImportMemoryWin32HandleInfoKHR"] dd').allTextContents()).toContain('sharedHandle');
    // The scenario step keeps the world's names, and says what each stands for.
    const legend = await page.locator('dl.legend').first().locator('dt, dd').allTextContents();
    expect(legend).toEqual(expect.arrayContaining(['dstRes', 'the image the imported memory is bound to', 'hSrc']));
    await screenshot(page, 'resolve-d3d11-nt-import');
    expect(page.problems).toEqual([]);
  });

  it('a KMT import: nothing to close, and the C code says why', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/resolve?source=d3d11-texture&type=D3D11_TEXTURE&profile=illustrative-windows-discrete');
    await page.waitForSelector('.resolve-output .verdict');
    await page.getByLabel('Shared as').selectOption('kmt');
    await page.waitForFunction(() => document.querySelector('#rs-c-code pre')?.textContent?.includes('D3D11_TEXTURE_KMT_BIT'));
    const code = (await page.locator('#rs-c-code pre').textContent())!;
    expect(code).not.toContain('CloseHandle');
    expect(code.replace(/\n\/\/ /g, ' ')).toContain('nobody: a global share handle holds no reference and is never closed. Nothing to close');
    expect(await page.locator('.resolve-output .decision-sentence').first().textContent()).toContain('VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT');
    await screenshot(page, 'resolve-d3d11-kmt-import');
    expect(page.problems).toEqual([]);
  });

  it('says first when the chosen profile lacks the extension, and offers profiles that have it', async () => {
    const page = await ex!.page();
    await open(page, ex!.url, '#/resolve?source=d3d11-texture&type=D3D11_TEXTURE&profile=illustrative-windows-discrete');
    await page.waitForSelector('.resolve-output .verdict.ok');
    expect(await page.locator('#rs-missing-extension').count()).toBe(0);
    await page.getByLabel('Device profile').selectOption('lavapipe');
    const notice = page.locator('#rs-missing-extension');
    await notice.waitFor();
    // The notice is the first thing of the answer, before the verdict and any decision.
    expect(await page.locator('.resolve-output > *').first().getAttribute('id')).toBe('rs-missing-extension');
    expect(await notice.locator('h2').textContent()).toBe('Missing extension: VK_KHR_external_memory_win32');
    expect(await notice.textContent()).toMatch(/Profile lavapipe does not offer VK_KHR_external_memory_win32, which this import needs/);
    expect(await notice.getByRole('link', { name: 'VUID-VkMemoryAllocateInfo-pNext-pNext', exact: true }).getAttribute('href')).toBe(`${SPEC}#VUID-VkMemoryAllocateInfo-pNext-pNext`);
    expect(await notice.getAttribute('role')).toBe('alert');
    await screenshot(page, 'resolve-missing-extension');
    // A profile that offers it is one click away.
    await notice.getByRole('button', { name: 'illustrative-windows-discrete' }).click();
    await page.waitForSelector('.resolve-output .verdict.ok');
    expect(await page.locator('#rs-missing-extension').count()).toBe(0);
    expect(await page.getByLabel('Device profile').inputValue()).toBe('illustrative-windows-discrete');
    expect(page.problems).toEqual([]);
  });

  it('reads on a phone (390 px) without the page scrolling sideways', async () => {
    const page = await ex!.page({ width: 390, height: 844 });
    await open(page, ex!.url, '#/resolve?source=d3d12-heap&profile=illustrative-windows-discrete');
    await page.waitForSelector('.resolve-output .verdict');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'resolve-phone');
    // The long sentences, the C code and the missing-extension notice stay inside the width too.
    await open(page, ex!.url, '#/resolve?source=d3d11-texture&type=D3D11_TEXTURE&profile=lavapipe');
    await page.locator('#rs-missing-extension').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'resolve-phone-missing-extension');
    expect(page.problems).toEqual([]);
  });
});
