import { verdictOf } from '../report/verdict.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { createValidator, validateFile, formatReport, type OutputFormat } from '../index.js';
import { OUTPUT_FORMATS } from '../report/index.js';
import { summarize } from '../report/summary.js';
import { formatFindingText } from '../report/text.js';
import { toolInfo } from './tool.js';
import { callLabel, expectationLabel } from '../report/labels.js';
import { parse, oneOf, UsageError } from './args.js';
import type { FileResult, Finding, Summary } from '../report/types.js';
import { resolveInputs, libraryScenarios } from './inputs.js';
import { checkSteps } from '../input/query.js';
import { parseScenario } from '../input/scenario.js';
import { readExpectationFile, checkLineSteps, observedOf, compareWithFile } from './expect-file.js';
import type { Observed } from '../input/expectations.js';

export const VALIDATE_HELP = `Usage: vk-extmem validate FILE|QUERY... [--format text|json|sarif|junit] [--output FILE] [--no-color]

Validates gfxreconstruct JSON Lines captures (gfxrecon-convert output) and vk-extmem scenario files
against the external-memory valid usage rules. Captures are streamed: any size runs in constant memory.
A QUERY selects scenarios of the library by id, as for vk-extmem run ('misuse/*', misuse/x, misuse/x:13
for one step); findings in library scenarios are named by the id of their step.

  --format F     text (default), json, sarif (SARIF 2.1.0) or junit (one test case per expect entry)
  --output FILE  write the report to FILE instead of standard output
  --no-color     plain text even on a terminal (NO_COLOR is honoured too)
  --expect FILE  compare each library scenario's (and step's) outcome, passed or failed, with an
                 expectation file of "<query> <outcome>" lines; differences go to stderr

Exit status: 0 every file passes (a file that states expectations: every one met; a file that states
none: no error finding; with --expect: every outcome as the file expects); 1 a file fails (with
--expect: an outcome differs); 2 bad input, usage or a query that selects nothing (with the nearest id).`;

export async function runValidate(argv: string[], out: NodeJS.WritableStream & { isTTY?: boolean }): Promise<number> {
  const { values, positionals } = parse(argv, { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, 'no-color': { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, expect: { type: 'string' } });
  if (values.help) { out.write(VALIDATE_HELP + '\n'); return 0; }
  if (positionals.length === 0) throw new UsageError('validate needs at least one FILE or query id (see vk-extmem validate --help)');
  const inputs = resolveInputs(positionals, { folders: false, missing: 'no such file' });
  // A query's steps must be in its scenario, known before anything is printed.
  const stepCounts = new Map<string, number>();
  for (const i of inputs) {
    if (!i.id || (!i.selection && !values.expect)) continue;
    const count = parseScenario(readFileSync(i.file, 'utf8'), i.file).steps.length;
    stepCounts.set(i.id, count);
    if (i.selection) checkSteps(i.selection, count);
  }
  const expectations = values.expect ? readExpectationFile(values.expect, libraryScenarios().map((s) => s.id)) : undefined;
  if (expectations) checkLineSteps(expectations, stepCounts, values.expect!);
  const observed: Observed[] = [];
  let unnamedFailures = 0;
  const format = oneOf<OutputFormat>(values.format, OUTPUT_FORMATS, '--format', 'text');
  const color = !values['no-color'] && !values.output && out.isTTY === true && !process.env.NO_COLOR;
  const v = await createValidator();
  // Text to a terminal or pipe streams each finding as soon as it is known; the other formats are documents.
  const streaming = format === 'text' && !values.output;
  const counts = { errors: 0, warnings: 0, infos: 0, undecidable: 0, notRecorded: 0 };
  // Streamed findings are not kept; the file's verdict needs only its first error (report/verdict.ts).
  let firstError: Finding | undefined;
  const onFinding = (f: Finding) => {
    if (f.severity === 'error') firstError ??= f;
    // The note that counts a call's unrecorded findings is counted as what it stands for, as summarize does.
    if (f.notRecorded !== undefined) counts.notRecorded += f.notRecorded;
    else if (f.severity === 'error') counts.errors++;
    else if (f.severity === 'warning') counts.warnings++;
    else if (f.severity === 'info') counts.infos++;
    else counts.undecidable++;
    out.write(formatFindingText(f, color) + '\n');
  };
  const progress = process.stderr.isTTY ? (n: number) => process.stderr.write(`\r${n} calls validated…`) : undefined;
  const files: FileResult[] = [];
  let failed = 0;
  for (const { file, id, selection } of inputs) {
    firstError = undefined;
    if (streaming) out.write(`${file}\n`);
    const steps = selection && selection.steps !== 'all' ? selection.steps : undefined;
    // Library scenarios are small: their findings are kept when each step's outcome is to be compared.
    const keepFindings = !streaming || (expectations !== undefined && id !== undefined);
    const r = await validateFile(file, { validator: v, keepFindings, onFinding: streaming ? onFinding : undefined, onProgress: progress, query: id, steps });
    if (progress && r.calls >= 100000) process.stderr.write('\r\x1b[K');
    if (streaming) {
      for (const e of r.expectations.filter((x) => !x.passed)) out.write(`${file}:${e.line ?? '?'}  ${callLabel(e)}  EXPECTATION FAILED  expect ${expectationLabel(e)}\n    ${e.detail}\n`);
    }
    files.push(r);
    const verdict = verdictOf(streaming ? { findings: firstError ? [firstError] : [], expectations: r.expectations } : r);
    if (verdict === 'failed') { failed++; if (!id) unnamedFailures++; }
    if (expectations && id) observed.push(...observedOf(id, steps ? undefined : verdict, stepResults(r), steps !== undefined));
  }
  let summary = summarize(files);
  if (streaming) {
    summary = { ...summary, ...counts };
    out.write(summaryLine(summary) + '\n');
  } else {
    const text = formatReport({ files, summary }, format, { color, tool: toolInfo(v) });
    if (values.output) writeFileSync(values.output, text);
    else out.write(text);
  }
  if (expectations) return compareWithFile(expectations, observed, values.expect!, 'validate', process.stderr, unnamedFailures) ? 0 : 1;
  // One verdict per file, the same as run's and the explorer's: expectations held and no error the file
  // does not expect.
  return failed > 0 ? 1 : 0;
}

/** A file's findings and expectations grouped by the step they are at (their query ids). */
function stepResults(r: FileResult) {
  const by = new Map<string, { query: string; findings: Finding[]; expectations: FileResult['expectations'] }>();
  const at = (query: string) => {
    let s = by.get(query);
    if (!s) { s = { query, findings: [], expectations: [] }; by.set(query, s); }
    return s;
  };
  for (const f of r.findings) if (f.query) at(f.query).findings.push(f);
  for (const e of r.expectations) if (e.query) at(e.query).expectations.push(e);
  return [...by.values()];
}

export function summaryLine(s: Summary): string {
  const exp = s.expectationsPassed + s.expectationsFailed ? `; expectations: ${s.expectationsPassed} passed, ${s.expectationsFailed} failed` : '';
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const lost = s.notRecorded ? `, ${s.notRecorded} more not recorded` : '';
  return `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.undecidable} cannot decide from this input${lost}, in ${plural(s.files, 'file')} (${s.calls} calls)${exp}`;
}
