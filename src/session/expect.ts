// A step's `expect` block against what the step produced.
import type { CallRecord } from '../input/record.js';
import type { ExpectationResult, Finding } from '../report/types.js';
import { ALIASES } from '../rules/scope.js';

/** An expectation may name a VUID by its 1.3.239 id; findings carry the newest id. */
const names = (vuid: string) => [vuid, ...(ALIASES[vuid] ?? [])];

export function checkExpect(step: CallRecord, found: Finding[], file: string, result?: string): ExpectationResult[] {
  const out: ExpectationResult[] = [];
  const reported = (vuid: string) => found.filter((f) => names(vuid).includes(f.vuid) && f.severity !== 'undecidable');
  for (const vuid of step.expect?.report ?? []) {
    const hits = reported(vuid);
    const undecided = found.some((f) => names(vuid).includes(f.vuid) && f.severity === 'undecidable');
    out.push({
      file, call: step.call, line: step.line, vuid, kind: 'report', passed: hits.length > 0,
      detail: hits.length ? hits[0].message : undecided ? `${vuid} could not be decided here` : `${vuid} was not reported; found: ${found.map((f) => f.vuid).join(', ') || 'nothing'}`,
    });
  }
  for (const vuid of step.expect?.absent ?? []) {
    const hits = reported(vuid);
    out.push({ file, call: step.call, line: step.line, vuid, kind: 'absent', passed: hits.length === 0, detail: hits.length ? hits[0].message : 'not reported' });
  }
  const want = step.expect?.return;
  if (want !== undefined && result !== undefined) {
    out.push({ file, call: step.call, line: step.line, vuid: want, kind: 'return', passed: want === result, detail: want === result ? `returned ${result}` : `expected ${want}, got ${result}` });
  }
  return out;
}
