// Reading gfxreconstruct captures: what the converter writes is not always what the application
// passed. These are the reader's own rules; test/third-party/corpus.test.ts checks them on captures
// of programs this project did not write.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createValidator } from '../../src/index.js';
import { validateCaptureStream } from '../../src/validate.js';
import { parseCaptureLine, recordedFailure } from '../../src/input/gfxrecon.js';
import type { Validator } from '../../src/validator.js';

let v: Validator;
beforeAll(async () => { v = await createValidator(); });

const capture = readFileSync('test/fixtures/captures/valid-dedicated-image.jsonl', 'utf8').split('\n');
const queryLine = capture.findIndex((l) => l.includes('"vkGetPhysicalDeviceImageFormatProperties2"'));
/** The capture up to its image format query, with that query rewritten by `edit`. */
function upToQuery(edit: (call: { return?: string; args: Record<string, unknown> }) => void, name = 'vkGetPhysicalDeviceImageFormatProperties2'): string[] {
  const q = JSON.parse(capture[queryLine]);
  q.vkFunc.name = name;
  edit(q.vkFunc);
  return [...capture.slice(0, queryLine), JSON.stringify(q)];
}
async function findings(lines: string[]) {
  const r = await validateCaptureStream(v, [lines.join('\n')], 'test.jsonl');
  return r.findings.map((f) => `${f.severity} ${f.vuid}`);
}

describe('a failed call\'s outputs are not recorded, not NULL', () => {
  it('VK_ERROR_FORMAT_NOT_SUPPORTED with pImageFormatProperties null: no finding (the converter writes no output of a failed call)', async () => {
    expect(await findings(upToQuery((c) => { c.return = 'VK_ERROR_FORMAT_NOT_SUPPORTED'; c.args.pImageFormatProperties = null; }))).toEqual([]);
    // The same through the KHR alias of the command.
    expect(await findings(upToQuery((c) => { c.return = 'VK_ERROR_FORMAT_NOT_SUPPORTED'; c.args.pImageFormatProperties = null; }, 'vkGetPhysicalDeviceImageFormatProperties2KHR'))).toEqual([]);
  });
  it('a successful call whose output pointer is null did get NULL: reported', async () => {
    expect(await findings(upToQuery((c) => { c.return = 'VK_SUCCESS'; c.args.pImageFormatProperties = null; })))
      .toEqual(['error VUID-vkGetPhysicalDeviceImageFormatProperties2-pImageFormatProperties-parameter']);
  });
  it('an input that is null is NULL even when the call failed', async () => {
    expect(await findings(upToQuery((c) => { c.return = 'VK_ERROR_FORMAT_NOT_SUPPORTED'; c.args.pImageFormatInfo = null; c.args.pImageFormatProperties = null; })))
      .toEqual(['error VUID-vkGetPhysicalDeviceImageFormatProperties2-pImageFormatInfo-parameter']);
  });
  it('what counts as failed: the command\'s error codes; success codes such as VK_INCOMPLETE are not', () => {
    expect(recordedFailure('vkAllocateMemory', 'VK_ERROR_OUT_OF_DEVICE_MEMORY')).toBe(true);
    expect(recordedFailure('vkEnumeratePhysicalDevices', 'VK_INCOMPLETE')).toBe(false);
    expect(recordedFailure('vkGetPhysicalDeviceImageFormatProperties2KHR', 'VK_ERROR_FORMAT_NOT_SUPPORTED')).toBe(true);
    expect(recordedFailure('vkCmdDraw', undefined)).toBe(false);
    expect(recordedFailure('vkSomethingUnmodelled', 'VK_ERROR_DEVICE_LOST')).toBe(true);
    const rec = parseCaptureLine(JSON.stringify({ index: 3, vkFunc: { name: 'vkAllocateMemory', return: 'VK_ERROR_OUT_OF_DEVICE_MEMORY', args: { device: 1, pAllocateInfo: null, pAllocator: null, pMemory: null } } }), 1)!;
    expect(Object.keys(rec.args)).toEqual(['device', 'pAllocateInfo', 'pAllocator']);
  });
});
