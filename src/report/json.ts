// Machine-readable report: findings and expectation results of all files flattened into two
// lists (in input order), plus the summary. Every key is always present (but the summary's notRecorded,
// there only when a call's findings did not all fit the core's buffer); unknown lines are null.

import type { ExpectationResult, Finding, Report, Summary } from './types.js';

/** A finding as JSON: the fields of `Finding` (types.ts), with file, line and query always present. */
export interface JsonFinding extends Pick<Finding, 'vuid' | 'severity' | 'call' | 'command' | 'path' | 'message' | 'url'> {
  file: string;
  line: number | null;
  /** The step's query id in a library scenario (`misuse/x:13`), else null. */
  query: string | null;
}

export interface JsonExpectation {
  file: string;
  call: number;
  line: number | null;
  vuid: string;
  kind: ExpectationResult['kind'];
  passed: boolean;
  detail: string;
  /** The step's query id in a library scenario, else null. */
  query: string | null;
}

export interface JsonReport {
  findings: JsonFinding[];
  expectations: JsonExpectation[];
  summary: Summary;
}

/** Builds the plain object that `formatJson` serializes. */
export function toJsonReport(report: Report): JsonReport {
  const findings: JsonFinding[] = [];
  const expectations: JsonExpectation[] = [];
  for (const fr of report.files) {
    for (const f of fr.findings) {
      findings.push({
        vuid: f.vuid,
        severity: f.severity,
        call: f.call,
        command: f.command,
        path: f.path,
        message: f.message,
        url: f.url,
        file: f.file ?? fr.file,
        line: f.line ?? null,
        query: f.query ?? null,
      });
    }
    for (const e of fr.expectations) {
      expectations.push({
        file: e.file,
        call: e.call,
        line: e.line ?? null,
        vuid: e.vuid,
        kind: e.kind,
        passed: e.passed,
        detail: e.detail,
        query: e.query ?? null,
      });
    }
  }
  const s = report.summary;
  const summary: Summary = {
    files: s.files,
    calls: s.calls,
    errors: s.errors,
    warnings: s.warnings,
    infos: s.infos,
    undecidable: s.undecidable,
    expectationsPassed: s.expectationsPassed,
    expectationsFailed: s.expectationsFailed,
    ...(s.notRecorded ? { notRecorded: s.notRecorded } : {}),
  };
  return { findings, expectations, summary };
}

/** The report as JSON with 2-space indentation and a trailing newline. */
export function formatJson(report: Report): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
