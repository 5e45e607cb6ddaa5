// The explorer under its own Content-Security-Policy (the header `vk-extmem explore` sends, which the
// harness's server sends too), now without 'unsafe-eval': the paths that check a text against a JSON
// Schema — a pasted scenario in the playground, a profile file in the profiles view — work, their schema
// errors still name the member, and the browser reports no violation. A page that does try to evaluate
// a string is refused, so the policy is in force and the violations would be seen.
import { describe, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { itNeeds } from '../../helpers/system.js';
import { hasChromium, CHROMIUM, startExplorer, screenshot, type Explorer } from './harness.js';

const it = itNeeds(hasChromium, `chromium at ${CHROMIUM}`);
let ex: Explorer | undefined;
beforeAll(async () => { if (hasChromium) ex = await startExplorer(); }, 120000);
afterAll(async () => { await ex?.close(); });

type Watched = Page & { problems: string[] };
declare global { interface Window { __cspViolations?: string[] } }

/** A fresh page that records every violation of the policy, opened at `hash`; returns the policy it was served with. */
async function openWatched(hash: string): Promise<{ page: Watched; csp: string }> {
  const page = await ex!.page();
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations!.push(`${e.effectiveDirective} blocked ${e.blockedURI}`));
  });
  const response = await page.goto(`${ex!.url}${hash}`);
  await page.waitForFunction(() => window.__vkxReady === true, undefined, { timeout: 20000 });
  return { page, csp: response?.headers()['content-security-policy'] ?? '' };
}

const violations = (page: Page) => page.evaluate(() => window.__cspViolations ?? []);
/** Console errors and page errors, and any that speak of the policy or eval in particular. */
const policyProblems = (page: Watched) => page.problems.filter((p) => /Content Security Policy|unsafe-eval|EvalError/i.test(p));

const LAVAPIPE = readFileSync(join(process.cwd(), 'profiles', 'lavapipe.profile.json'), 'utf8');
const MISUSE = readFileSync(join(process.cwd(), 'scenarios', 'misuse', 'opaque_win32.import_wrong_allocation_size.scenario.json'), 'utf8');

describe('the explorer without unsafe-eval', () => {
  it('is served with a policy that allows WebAssembly and no eval', async () => {
    const { page, csp } = await openWatched('#/chain');
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
    expect(csp).not.toContain("'unsafe-eval'");
    // The core compiled (WebAssembly, under 'wasm-unsafe-eval') and the chain builder opened.
    await page.waitForSelector('section.view-chain');
    expect(await violations(page)).toEqual([]);
    expect(page.problems).toEqual([]);
  });

  it('runs a pasted scenario (schema-checked) to its findings, and names the member of a pasted scenario the schema refuses', async () => {
    const { page } = await openWatched('#/play?profile=illustrative-windows-discrete');
    await page.waitForSelector('.play-output .verdict');
    await page.getByLabel('Scenario or capture text').fill(MISUSE);
    await page.getByRole('button', { name: 'Run the pasted text' }).click();
    await page.waitForSelector('.run-title >> text=opaque_win32.import_wrong_allocation_size');
    const finding = page.locator('.run-findings li.finding[data-vuid="VUID-VkMemoryAllocateInfo-allocationSize-01743"]');
    await finding.waitFor();
    expect(await finding.locator('.path').textContent()).toMatch(/allocationSize/);

    const refused = { scenario: 'csp.schema_refusal', steps: [{ vkFunc: { name: 'vkCreateInstance', args: {} }, bogus: 1 }] };
    await page.getByLabel('Scenario or capture text').fill(JSON.stringify(refused, null, 2));
    await page.getByRole('button', { name: 'Run the pasted text' }).click();
    await page.waitForFunction(() => document.querySelector('.play-output .error-box')?.textContent?.includes('bogus'));
    expect(await page.locator('.play-output .error-box').textContent()).toBe('Could not run: pasted text:4: steps[0]: has an unknown member "bogus"');
    await screenshot(page, 'csp-playground-schema-error');
    expect(await violations(page)).toEqual([]);
    expect(policyProblems(page)).toEqual([]);
    expect(page.problems).toEqual([]);
  });

  it('loads a profile file (schema-checked), and names the member of a profile file the schema refuses', async () => {
    const { page } = await openWatched('#/profiles');
    const p = JSON.parse(LAVAPIPE);
    p.profile = 'csp-loaded';
    await page.getByLabel('Profile file').setInputFiles({ name: 'csp-loaded.profile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(p, null, 2)) });
    await page.locator('.pf-loaded').waitFor();
    expect(await page.locator('.pf-loaded').textContent()).toContain('Loaded csp-loaded');

    p.profile = 'csp-refused';
    p.platform = 'beos';
    await page.getByLabel('Profile file').setInputFiles({ name: 'beos.profile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(p, null, 2)) });
    await page.waitForFunction(() => document.querySelector('.pf-load-status .error-box')?.textContent?.includes('beos'));
    expect(await page.locator('.pf-load-status .error-box').textContent()).toMatch(/^Not loaded\. beos\.profile\.json, line \d+, at platform: must be one of "windows", "linux", got "beos"/);
    await screenshot(page, 'csp-profile-schema-error');
    expect(await violations(page)).toEqual([]);
    expect(policyProblems(page)).toEqual([]);
    expect(page.problems).toEqual([]);
  });

  it('refuses code made from a string, and reports it as a violation (the checks above would see one)', async () => {
    const { page } = await openWatched('#/types');
    // From a task of the page's own (a timer): code the test harness evaluates directly is exempt.
    await page.evaluate(() => setTimeout(() => {
      try {
        (window as unknown as { __evalOutcome: string }).__evalOutcome = String(new Function('return "evaluated"')());
      } catch (e) {
        (window as unknown as { __evalOutcome: string }).__evalOutcome = (e as Error).name;
      }
    }, 0));
    const outcome = await page.waitForFunction(() => (window as unknown as { __evalOutcome?: string }).__evalOutcome);
    expect(await outcome.jsonValue()).toBe('EvalError');
    await page.waitForFunction(() => (window.__cspViolations ?? []).length > 0);
    expect(await violations(page)).toEqual(['script-src blocked eval']);
  });
});
