// Expectation files: "<query> <outcome>" lines keyed by query id; the most specific line speaks for an
// outcome; what no line names must not fail.
import { describe, it, expect } from 'vitest';
import { parseExpectations, lineFor, differences, describeDifference, type Observed } from '../../src/input/expectations.js';
import { InputError } from '../../src/core/errors.js';

const FILE = 'known.expectations';
const TEXT = `# lavapipe: what is known
misuse/*                                   passed
misuse/opaque_win32.*                      unsupported   # no Windows here
misuse/opaque_win32.export_twice           failed
misuse/opaque_win32.export_twice:11        failed
misuse/opaque_fd.close_twice:*             passed
`;

const error = (text: string): string => {
  try { parseExpectations(text, FILE); } catch (e) { if (e instanceof InputError) return e.describe(); throw e; }
  throw new Error('expected an InputError');
};

describe('expectation files', () => {
  it('reads lines of "<query> <outcome>", skipping comments and blank lines', () => {
    const lines = parseExpectations(TEXT, FILE);
    expect(lines.map((l) => [l.line, l.text, l.outcome])).toEqual([
      [2, 'misuse/*', 'passed'],
      [3, 'misuse/opaque_win32.*', 'unsupported'],
      [4, 'misuse/opaque_win32.export_twice', 'failed'],
      [5, 'misuse/opaque_win32.export_twice:11', 'failed'],
      [6, 'misuse/opaque_fd.close_twice:*', 'passed'],
    ]);
  });

  it('refuses a bad line with the file, the line and what is wrong', () => {
    expect(error('misuse/x passed\nmisuse/y\n')).toBe(`${FILE}:2: expected "<query> <outcome>" (outcome one of passed, failed, unsupported), got "misuse/y"`);
    expect(error('misuse/x fine\n')).toBe(`${FILE}:1: the outcome of misuse/x must be one of passed, failed, unsupported, not "fine"`);
    expect(error('\n\nmisuse/x:zero passed\n')).toMatch(new RegExp(`^${FILE}:3: query 'misuse/x:zero': the step after ':' must be`));
    expect(error('misuse/x passed\nmisuse/x failed\n')).toBe(`${FILE}:2: misuse/x is already expected on line 1`);
  });

  it('the most specific line speaks: an exact id, then a step wildcard, then the longest prefix', () => {
    const lines = parseExpectations(TEXT, FILE);
    const at = (o: Omit<Observed, 'outcome' | 'required'>) => lineFor(lines, { ...o, outcome: 'passed', required: true })?.line;
    expect(at({ id: 'misuse/opaque_win32.export_twice' })).toBe(4);
    expect(at({ id: 'misuse/opaque_win32.close_handle_twice' })).toBe(3);
    expect(at({ id: 'misuse/opaque_fd.close_twice' })).toBe(2);
    expect(at({ id: 'cts/opaque_fd.buffer.info' })).toBeUndefined();
    // Lines with a step speak for steps, lines without for whole scenarios.
    expect(at({ id: 'misuse/opaque_win32.export_twice', step: 11 })).toBe(5);
    expect(at({ id: 'misuse/opaque_win32.export_twice', step: 10 })).toBeUndefined();
    expect(at({ id: 'misuse/opaque_fd.close_twice', step: 'end' })).toBe(6);
  });

  it('differences: another outcome than the line says, or a failure no line expects; an expected failure is none', () => {
    const lines = parseExpectations(TEXT, FILE);
    const observed: Observed[] = [
      { id: 'misuse/opaque_win32.export_twice', outcome: 'failed', required: true },
      { id: 'misuse/opaque_win32.export_twice', step: 11, outcome: 'passed', required: false },
      { id: 'misuse/opaque_win32.export_twice', step: 12, outcome: 'failed', required: false },
      { id: 'misuse/opaque_win32.close_handle_twice', outcome: 'passed', required: true },
      { id: 'cts/opaque_fd.buffer.info', outcome: 'failed', required: true },
      { id: 'cts/opaque_fd.image.info', outcome: 'passed', required: true },
    ];
    const diff = differences(lines, observed);
    expect(diff.map((d) => describeDifference(d, FILE))).toEqual([
      `${FILE}:5: misuse/opaque_win32.export_twice:11 passed, expected failed`,
      `${FILE}:3: misuse/opaque_win32.close_handle_twice passed, expected unsupported (misuse/opaque_win32.*)`,
      `cts/opaque_fd.buffer.info failed, and no line of ${FILE} expects it to`,
    ]);
  });
});
