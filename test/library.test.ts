// The library API: the Node entry, and the browser entry (the bundle that fetches its .wasm), which
// must carry no Node modules.
import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { createValidator, validateFiles, handleTypes, InputError } from '../src/index.js';

describe('Node entry', () => {
  it('validates files into one report', async () => {
    const r = await validateFiles(['test/fixtures/captures/valid-buffer.jsonl', 'test/fixtures/captures/misuse-export-type.jsonl']);
    expect(r.summary.files).toBe(2);
    expect(r.summary.errors).toBe(1);
    expect(r.files[1].findings[0].vuid).toBe('VUID-VkMemoryGetFdInfoKHR-handleType-00671');
  });
  it('checks calls one by one and throws InputError for bad input, with the member path', async () => {
    const v = await createValidator();
    expect(v.check({ kind: 'vk', name: 'vkGetMemoryFdKHR', call: 1, args: { device: 3, pGetFdInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR', memory: 8, handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT' }, pFd: 6 } }).map((f) => f.vuid))
      .toContain('VUID-VkMemoryGetFdInfoKHR-handleType-00672');
    let err: unknown;
    try { v.check({ kind: 'vk', name: 'vkGetMemoryFdKHR', call: 2, args: { device: 3, pGetFdInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR', memory: 8, handleType: 42.5 }, pFd: 6 } }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).where.path).toBe('vkGetMemoryFdKHR.pGetFdInfo.handleType');
  });
  it('ships type declarations where package.json says', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(existsSync(pkg.exports['.'].types)).toBe(true);
    expect(existsSync(pkg.exports['./browser'].types)).toBe(true);
  });
});

describe('browser entry', () => {
  it('has no Node module in its bundle', () => {
    expect(readFileSync('dist/browser.js', 'utf8')).not.toMatch(/from\s*["']node:|require\(["']node:/);
  });
  it('fetches the core and validates with it', async () => {
    const realFetch = globalThis.fetch;
    const asked: string[] = [];
    globalThis.fetch = (async (url: string | URL) => {
      asked.push(String(url));
      return new Response(readFileSync('dist/core.browser.wasm'), { headers: { 'content-type': 'application/wasm' } });
    }) as typeof fetch;
    try {
      const browser = await import('../dist/browser.js');
      await browser.init('https://example.invalid/core.wasm');
      const types = await browser.handleTypes();
      expect(types).toHaveLength((await handleTypes()).length);
      const v = await browser.createValidator();
      const r = await browser.validateCaptureStream(v, [readFileSync('test/fixtures/captures/misuse-bind-handle-types.jsonl', 'utf8')], 'x.jsonl');
      expect(r.findings.map((f: { vuid: string }) => f.vuid)).toEqual(['VUID-vkBindBufferMemory-memory-02726']);
      expect(asked).toEqual(['https://example.invalid/core.wasm']);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});

describe('expect blocks', () => {
  it('accept a VUID by its 1.3.239 id (an alias of the id the finding carries)', async () => {
    const { validateScenarioText } = await import('../src/index.js');
    const v = await createValidator();
    const text = readFileSync('scenarios/misuse/core.allocation_size_zero.scenario.json', 'utf8')
      .replace(/VUID-VkMemoryAllocateInfo-allocationSize-07897/g, 'VUID-VkMemoryAllocateInfo-allocationSize-00638');
    const r = validateScenarioText(v, text, 'aliased.scenario.json');
    const aliased = r.expectations.filter((e) => e.vuid === 'VUID-VkMemoryAllocateInfo-allocationSize-00638');
    expect(aliased.length).toBeGreaterThan(0);
    expect(aliased.every((e) => e.passed)).toBe(true);
  });
});
