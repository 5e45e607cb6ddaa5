// Human-readable report: one block per input file, one block per finding, a closing summary line.
// Colors are plain ANSI SGR escapes and appear only when asked for, so the uncolored text is
// exactly the colored text with the escapes removed.

import { callLabel, expectationLabel } from './labels.js';
import type { ExpectationResult, FileResult, Finding, Report, Severity, Summary } from './types.js';

type Style = 'red' | 'yellow' | 'cyan' | 'green' | 'dim' | 'bold';

const SGR: Record<Style, string> = { red: '31', yellow: '33', cyan: '36', green: '32', dim: '2', bold: '1' };

const LABEL: Record<Severity, string> = {
  error: 'ERROR',
  warning: 'WARNING',
  info: 'INFO',
  undecidable: 'UNDECIDABLE',
};

const SEVERITY_STYLE: Record<Severity, Style> = {
  error: 'red',
  warning: 'yellow',
  info: 'dim',
  undecidable: 'cyan',
};

const INDENT = '    ';

function paint(text: string, style: Style | undefined, color: boolean): string {
  if (!color || style === undefined || text === '') return text;
  return `\x1b[${SGR[style]}m${text}\x1b[0m`;
}

// Values copied out of a capture can hold control characters (including ESC); show them as
// `\xNN` so they can neither garble the terminal nor fake colors. Tabs and newlines stay.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function clean(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function indented(text: string): string[] {
  return clean(text)
    .split('\n')
    .map((line) => INDENT + line);
}

function location(file: string | undefined, line: number | undefined): string {
  const name = file === undefined || file === '' ? '<input>' : clean(file);
  return line === undefined ? name : `${name}:${line}`;
}

function plural(n: number, one: string, many: string = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One finding as a block of lines (no trailing newline), for printing findings as they arrive. */
export function formatFindingText(f: Finding, color: boolean): string {
  const head = [
    location(f.file, f.line),
    clean(callLabel(f)),
    clean(f.command === '' ? '-' : f.command),
    paint(LABEL[f.severity], SEVERITY_STYLE[f.severity], color),
    paint(clean(f.vuid), 'bold', color),
  ].join('  ');
  const lines = [head, ...indented(f.message)];
  if (f.after !== undefined) lines.push(`${INDENT}follows from call ${f.after}: that call was to make it and did not`);
  if (f.path !== '') lines.push(paint(`${INDENT}member: ${clean(f.path)}`, 'dim', color));
  if (f.url !== '') lines.push(paint(`${INDENT}see: ${clean(f.url)}`, 'dim', color));
  return lines.join('\n');
}

function formatFailedExpectation(e: ExpectationResult, color: boolean): string {
  const head = [
    location(e.file, e.line),
    clean(callLabel(e)),
    paint('EXPECTATION FAILED', 'red', color),
    `expect ${clean(expectationLabel(e))}`,
  ].join('  ');
  return e.detail === '' ? head : [head, ...indented(e.detail)].join('\n');
}

function formatFile(fr: FileResult, color: boolean): string {
  const blocks = [paint(`${clean(fr.file)} (${plural(fr.calls, 'call')})`, 'bold', color)];
  for (const f of fr.findings) blocks.push(formatFindingText({ ...f, file: f.file ?? fr.file }, color));
  for (const e of fr.expectations) {
    if (!e.passed) blocks.push(formatFailedExpectation(e, color));
  }
  if (blocks.length === 1) blocks.push(`${INDENT}no findings`);
  return blocks.join('\n');
}

function count(n: number, text: string, style: Style, color: boolean): string {
  return n > 0 ? paint(text, style, color) : text;
}

function formatSummary(s: Summary, color: boolean): string {
  const parts = [
    count(s.errors, plural(s.errors, 'error'), 'red', color),
    count(s.warnings, plural(s.warnings, 'warning'), 'yellow', color),
  ];
  if (s.infos > 0) parts.push(`${s.infos} info`);
  parts.push(count(s.undecidable, `${s.undecidable} cannot decide from this input`, 'cyan', color));
  if (s.notRecorded) parts.push(paint(`${s.notRecorded} more not recorded`, 'red', color));
  let line = `${parts.join(', ')} in ${plural(s.files, 'file')} (${plural(s.calls, 'call')})`;
  if (s.expectationsPassed + s.expectationsFailed > 0) {
    const passed = count(s.expectationsPassed, `${s.expectationsPassed} passed`, 'green', color);
    const failed = count(s.expectationsFailed, `${s.expectationsFailed} failed`, 'red', color);
    line += `; expectations: ${passed}, ${failed}`;
  }
  return line;
}

/** The whole report as text, ending in a newline. */
export function formatText(report: Report, opts: { color: boolean }): string {
  const sections = report.files.map((fr) => formatFile(fr, opts.color));
  sections.push(formatSummary(report.summary, opts.color));
  return `${sections.join('\n\n')}\n`;
}
