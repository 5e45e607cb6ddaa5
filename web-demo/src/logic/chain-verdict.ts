// The verdict line over a run's findings, in words: valid, or how many errors and doubts, most serious
// first. Kept apart from the page so it is tested on its own.
import type { Finding, Severity } from '../../../src/report/types.js';

const ORDER: Severity[] = ['error', 'warning', 'undecidable', 'info'];

export interface Verdict {
  /** The class of the verdict line: ok (nothing to fix), warn (doubts only), bad (errors or no run). */
  tone: 'ok' | 'warn' | 'bad';
  text: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Findings, errors first, then warnings, undecidable ones and notes; stable within a severity. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
}

export function verdictOf(findings: Finding[]): Verdict {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const errors = count('error');
  const others = [
    count('warning') ? plural(count('warning'), 'warning') : '',
    count('undecidable') ? `${count('undecidable')} undecidable` : '',
    count('info') ? plural(count('info'), 'note') : '',
  ].filter(Boolean);
  if (errors) return { tone: 'bad', text: `✗ ${plural(errors, 'error')}${others.length ? ` · ${others.join(' · ')}` : ''}` };
  if (others.length) return { tone: 'warn', text: `✓ No errors · ${others.join(' · ')}` };
  return { tone: 'ok', text: '✓ Valid: the model finds nothing wrong with this call' };
}

/** The verdict in a few words, for the summary bar that stays on screen while the verdict panel does not. */
export function verdictSummary(findings: Finding[]): Verdict {
  const v = verdictOf(findings);
  return v.tone === 'ok' ? { tone: 'ok', text: '✓ Valid' } : v;
}
