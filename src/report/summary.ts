import type { FileResult, Summary } from './types.js';

export function summarize(files: FileResult[]): Summary {
  const s: Summary = { files: files.length, calls: 0, errors: 0, warnings: 0, infos: 0, undecidable: 0, expectationsPassed: 0, expectationsFailed: 0 };
  for (const f of files) {
    s.calls += f.calls;
    for (const x of f.findings) {
      // The note that counts a call's unrecorded findings is counted as what it stands for.
      if (x.notRecorded !== undefined) { s.notRecorded = (s.notRecorded ?? 0) + x.notRecorded; continue; }
      if (x.severity === 'error') s.errors++;
      else if (x.severity === 'warning') s.warnings++;
      else if (x.severity === 'info') s.infos++;
      else s.undecidable++;
    }
    for (const e of f.expectations) e.passed ? s.expectationsPassed++ : s.expectationsFailed++;
  }
  return s;
}
