// The verdict line over a run's findings, and their order on the page.
import { describe, it, expect } from 'vitest';
import { sortFindings, verdictOf, verdictSummary } from '../../web-demo/src/logic/chain-verdict.js';
import type { Finding } from '../../src/report/types.js';

const f = (vuid: string, severity: Finding['severity']): Finding => ({ vuid, severity, call: 1, command: 'vkAllocateMemory', path: '', message: '', url: '' });

describe('verdict', () => {
  it('no findings: valid', () => {
    expect(verdictOf([])).toEqual({ tone: 'ok', text: '✓ Valid: the model finds nothing wrong with this call' });
  });

  it('errors first in the count, the rest after', () => {
    expect(verdictOf([f('a', 'error'), f('b', 'undecidable'), f('c', 'error')])).toEqual({ tone: 'bad', text: '✗ 2 errors · 1 undecidable' });
    expect(verdictOf([f('a', 'error')]).text).toBe('✗ 1 error');
  });

  it('doubts without errors are not "valid"', () => {
    expect(verdictOf([f('a', 'warning'), f('b', 'info'), f('c', 'info')])).toEqual({ tone: 'warn', text: '✓ No errors · 1 warning · 2 notes' });
  });

  it('in a few words for the summary bar: valid is one word, the rest as the verdict line counts them', () => {
    expect(verdictSummary([])).toEqual({ tone: 'ok', text: '✓ Valid' });
    expect(verdictSummary([f('a', 'error'), f('b', 'warning')])).toEqual({ tone: 'bad', text: '✗ 1 error · 1 warning' });
    expect(verdictSummary([f('a', 'info')])).toEqual({ tone: 'warn', text: '✓ No errors · 1 note' });
  });

  it('sorts errors, warnings, undecidable, notes (stable within each), leaving the input alone', () => {
    const input = [f('i', 'info'), f('u', 'undecidable'), f('e1', 'error'), f('w', 'warning'), f('e2', 'error')];
    expect(sortFindings(input).map((x) => x.vuid)).toEqual(['e1', 'e2', 'w', 'u', 'i']);
    expect(input[0].vuid).toBe('i');
  });
});
