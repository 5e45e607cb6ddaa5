// Line numbers for member paths and for JSON syntax errors.
import { describe, it, expect } from 'vitest';
import { lineOfPath, findJsonProblem, formatPath } from '../../src/profiles/json-text.js';
import { flagText, flagNames, shortName, typeIndices } from '../../src/profiles/describe.js';

const t = `{
  "a": { "x": "}]{[\\"", "e": {}, "f": [] },
  "list": [
    [],
    { "k": [1,
      2, 3] },
    "s"
  ],
  "b": 1
}`;

describe('lineOfPath', () => {
  it('finds values past strings with brackets, escapes and empty containers', () => {
    expect(lineOfPath(t, [])).toBe(1);
    expect(lineOfPath(t, ['a', 'f'])).toBe(2);
    expect(lineOfPath(t, ['list', 0])).toBe(4);
    expect(lineOfPath(t, ['list', 1, 'k', 2])).toBe(6);
    expect(lineOfPath(t, ['list', 2])).toBe(7);
    expect(lineOfPath(t, ['b'])).toBe(9);
  });
  it('gives the deepest existing part of a path that goes further', () => {
    expect(lineOfPath(t, ['list', 1, 'missing'])).toBe(5);
    expect(lineOfPath(t, ['nothing', 'here'])).toBe(1);
  });
  it('formats paths as members and indices', () => {
    expect(formatPath(['externalBuffer', 2, 'compatibleHandleTypes', 1])).toBe('externalBuffer[2].compatibleHandleTypes[1]');
    expect(formatPath([])).toBe('');
  });
});

describe('findJsonProblem', () => {
  it('says where and why', () => {
    expect(findJsonProblem('{"a": 1}')).toBeUndefined();
    expect(findJsonProblem('{"a": 1,\n "b" 2}')).toEqual({ line: 2, column: 6, reason: "expected ':' after a member name" });
    expect(findJsonProblem('[1 2]')).toEqual({ line: 1, column: 4, reason: "expected ',' or ']' after an element" });
    expect(findJsonProblem('{"a": "x\ny"}')).toEqual({ line: 1, column: 9, reason: 'a control character (such as a line break) inside a string' });
    expect(findJsonProblem('{} x')).toEqual({ line: 1, column: 4, reason: 'more text after the end of the JSON value' });
    expect(findJsonProblem('')).toEqual({ line: 1, column: 1, reason: 'the text ends where a value should be' });
    expect(findJsonProblem('['.repeat(2000))?.reason).toBe('nested more than 1000 levels deep');
  });
});

describe('naming values', () => {
  it('flag masks by their shortest names, unknown bits in hex', () => {
    expect(flagText('VkExternalMemoryFeatureFlagBits', 6)).toBe('EXPORTABLE|IMPORTABLE');
    expect(flagText('VkExternalMemoryFeatureFlagBits', 0)).toBe('none');
    expect(flagText('VkExternalMemoryFeatureFlagBits', undefined)).toBe('any');
    expect(flagNames('VkExternalMemoryHandleTypeFlagBits', 2 | 0x40000000)).toEqual(['VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT', '0x40000000']);
    expect(shortName('VkExternalMemoryHandleTypeFlagBits', 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT')).toBe('DMA_BUF');
    expect(shortName('VkFormat', 'VK_FORMAT_R8G8B8A8_UNORM')).toBe('R8G8B8A8_UNORM');
    expect(shortName('VkResult', 'VK_ERROR_FORMAT_NOT_SUPPORTED')).toBe('VK_ERROR_FORMAT_NOT_SUPPORTED');
    expect(typeIndices(0b1001)).toBe('0, 3');
    expect(typeIndices(0x80000000)).toBe('31');
  });
});
