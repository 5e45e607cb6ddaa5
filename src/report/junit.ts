// JUnit XML for CI test panels. Each input file is a test suite. A scenario's `expect` entries are
// its test cases; a file without any gets a single case that fails when it has error findings. A call
// whose findings did not all fit the core's buffer is named in the suite's output, whichever cases it has.

import { FINDINGS } from '../generated/contract.js';
import { callLabel, expectationLabel } from './labels.js';
import type { ExpectationResult, FileResult, Finding, Report } from './types.js';

// Code points XML 1.0 does not allow at all (even as character references), and unpaired surrogates.
const ILLEGAL =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Character data: illegal characters dropped, markup characters escaped. */
export function escapeXmlText(s: string): string {
  return s.replace(ILLEGAL, '').replace(/[&<>"']/g, (c) => ENTITY[c]!);
}

/** Attribute value (double-quoted): as text, and whitespace kept as references so parsers don't fold it. */
export function escapeXmlAttr(s: string): string {
  return s.replace(ILLEGAL, '').replace(/[&<>"'\t\n\r]/g, (c) => ENTITY[c]!);
}

interface Case {
  name: string;
  failure?: { message: string; body: string };
}

function expectationCase(e: ExpectationResult): Case {
  const name = `${callLabel(e)}: expect ${expectationLabel(e)}`;
  if (e.passed) return { name };
  const what = e.kind === 'report' ? 'was not reported' : e.kind === 'absent' ? 'was reported' : 'did not match';
  return { name, failure: { message: `${callLabel(e)}: ${e.vuid} ${what}`, body: e.detail } };
}

function findingLine(f: Finding, file: string): string {
  const where = f.line === undefined ? (f.file ?? file) : `${f.file ?? file}:${f.line}`;
  return `${where} ${callLabel(f)} ${f.command} ${f.vuid}: ${f.message}`;
}

function cleanCase(fr: FileResult): Case {
  const errors = fr.findings.filter((f) => f.severity === 'error');
  const name = 'no error findings';
  if (errors.length === 0) return { name };
  const message = `${errors.length} error finding${errors.length === 1 ? '' : 's'}`;
  return { name, failure: { message, body: errors.map((f) => findingLine(f, fr.file)).join('\n') } };
}

function renderCase(c: Case, suite: string): string {
  const open = `    <testcase classname="${escapeXmlAttr(suite)}" name="${escapeXmlAttr(c.name)}"`;
  if (c.failure === undefined) return `${open}/>`;
  const failure = `<failure message="${escapeXmlAttr(c.failure.message)}">${escapeXmlText(c.failure.body)}</failure>`;
  return `${open}>\n      ${failure}\n    </testcase>`;
}

/** The report as a JUnit XML document with a trailing newline. */
export function formatJunit(report: Report): string {
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const fr of report.files) {
    const cases = fr.expectations.length > 0 ? fr.expectations.map(expectationCase) : [cleanCase(fr)];
    const failed = cases.filter((c) => c.failure !== undefined).length;
    // A library scenario is named by its query id, which a CI panel shows and `vk-extmem run` takes back.
    const suite = fr.query ?? fr.file;
    tests += cases.length;
    failures += failed;
    const notRecorded = fr.findings.filter((f) => f.vuid === FINDINGS.notRecordedRule).map((f) => findingLine(f, fr.file));
    suites.push(
      [
        `  <testsuite name="${escapeXmlAttr(suite)}" tests="${cases.length}" failures="${failed}" errors="0"${fr.query ? ` file="${escapeXmlAttr(fr.file)}"` : ''}>`,
        ...cases.map((c) => renderCase(c, suite)),
        ...(notRecorded.length ? [`    <system-out>${escapeXmlText(notRecorded.join('\n'))}</system-out>`] : []),
        '  </testsuite>',
      ].join('\n'),
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="vk-extmem" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
