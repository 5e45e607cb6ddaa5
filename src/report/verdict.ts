// One verdict for an input, the same in the CLI (validate, run), the library and the explorer. An
// input that states expectations passes when every one of them holds: it says which findings matter
// (`report` what must be found, `absent` what must not). An input that states none (a capture, a
// scenario pasted without them) passes when it draws no error finding.
import type { ExpectationResult, Finding } from './types.js';

export type Verdict = 'passed' | 'failed';

export interface VerdictInput { findings: readonly Finding[]; expectations: readonly ExpectationResult[] }

export function verdictOf(r: VerdictInput): Verdict {
  if (r.expectations.length > 0) return r.expectations.every((e) => e.passed) ? 'passed' : 'failed';
  return r.findings.some((f) => f.severity === 'error') ? 'failed' : 'passed';
}
