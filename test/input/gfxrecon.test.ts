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

describe('calls the model has no rules for are read past', () => {
  const draw = '{"index":40,"vkFunc":{"name":"vkCmdDraw","args":{"commandBuffer":9,"vertexCount":3,"instanceCount":1,"firstVertex":0,"firstInstance":0}}}';
  it('without parsing their arguments, keeping their index', () => {
    expect(parseCaptureLine(draw, 7)).toEqual({ kind: 'vk', name: 'vkCmdDraw', args: {}, call: 40, line: 7, origin: 'capture' });
    // A submit carries nothing for the model unless it chains a keyed-mutex structure.
    const submit = '{"index":41,"vkFunc":{"name":"vkQueueSubmit","return":"VK_SUCCESS","args":{"queue":4,"submitCount":0,"pSubmits":null,"fence":"VK_NULL_HANDLE"}}}';
    expect(parseCaptureLine(submit, 8)!.args).toEqual({});
    const keyed = submit.replace('"pSubmits":null', '"pSubmits":[{"sType":"VK_STRUCTURE_TYPE_SUBMIT_INFO","pNext":{"sType":"VK_STRUCTURE_TYPE_WIN32_KEYED_MUTEX_ACQUIRE_RELEASE_INFO_KHR"}}]');
    expect(parseCaptureLine(keyed, 8)!.args).toHaveProperty('queue', 4);
  });
  it('a line cut short is still parsed in full and reported with its line number, never skipped', () => {
    expect(() => parseCaptureLine(draw.slice(0, 60), 12, 'cut.jsonl')).toThrow(expect.objectContaining({ where: expect.objectContaining({ line: 12, file: 'cut.jsonl' }) }));
  });
  it('a name that is no Vulkan command is parsed in full (and rejected by the validator as such)', () => {
    expect(parseCaptureLine(draw.replace('vkCmdDraw', 'vkCmdDrawTypo'), 1)!.args).toHaveProperty('commandBuffer', 9);
  });
});

describe('unknown members: only a capture may carry them', () => {
  const line = '{"index":5,"vkFunc":{"name":"vkGetMemoryFdKHR","return":"VK_SUCCESS","args":{"device":3,"pGetFdInfo":{"sType":"VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR","pNext":null,"memory":8,"handleType":1,"fromANewerHeader":7},"pFd":6}}}';
  it('a capture\'s call reads past a member of a newer header', () => {
    v.reset();
    expect(() => v.check(parseCaptureLine(line, 1)!)).not.toThrow();
  });
  it('the same call built anywhere else (a library user, a form, an engine) is refused, naming the member', () => {
    v.reset();
    const { origin: _, ...built } = parseCaptureLine(line, 1)!;
    expect(() => v.check(built)).toThrow(/VkMemoryGetFdInfoKHR has no member named "fromANewerHeader"/);
  });
});
