import { verdictOf } from '../report/verdict.js';
import { writeFileSync, existsSync } from 'node:fs';
import { createValidator, validateFile, formatReport, type OutputFormat } from '../index.js';
import { summarize } from '../report/summary.js';
import { formatFindingText } from '../report/text.js';
import { toolInfo } from './tool.js';
import { expectationLabel } from '../report/labels.js';
import { parse, oneOf, UsageError } from './args.js';
import type { FileResult, Finding, Summary } from '../report/types.js';

export const VALIDATE_HELP = `Usage: vk-extmem validate FILE... [--format text|json|sarif|junit] [--output FILE] [--no-color]

Validates gfxreconstruct JSON Lines captures (gfxrecon-convert output) and vk-extmem scenario files
against the external-memory valid usage rules. Captures are streamed: any size runs in constant memory.

  --format F     text (default), json, sarif (SARIF 2.1.0) or junit (one test case per expect entry)
  --output FILE  write the report to FILE instead of standard output
  --no-color     plain text even on a terminal (NO_COLOR is honoured too)

Exit status: 0 every file passes (a file that states expectations: every one met; a file that states
none: no error finding); 1 a file fails; 2 bad input or usage.`;

export async function runValidate(argv: string[], out: NodeJS.WritableStream & { isTTY?: boolean }): Promise<number> {
  const { values, positionals } = parse(argv, { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, 'no-color': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) { out.write(VALIDATE_HELP + '\n'); return 0; }
  if (positionals.length === 0) throw new UsageError('validate needs at least one FILE (see vk-extmem validate --help)');
  for (const p of positionals) if (!existsSync(p)) throw new UsageError(`no such file: ${p}`);
  const format = oneOf<OutputFormat>(values.format, ['text', 'json', 'sarif', 'junit'], '--format', 'text');
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
  for (const file of positionals) {
    firstError = undefined;
    if (streaming) out.write(`${file}\n`);
    const r = await validateFile(file, { validator: v, keepFindings: !streaming, onFinding: streaming ? onFinding : undefined, onProgress: progress });
    if (progress && r.calls >= 100000) process.stderr.write('\r\x1b[K');
    if (streaming) {
      for (const e of r.expectations.filter((x) => !x.passed)) out.write(`${file}:${e.line ?? '?'}  call ${e.call}  EXPECTATION FAILED  expect ${expectationLabel(e)}\n    ${e.detail}\n`);
    }
    files.push(r);
    if (verdictOf(streaming ? { findings: firstError ? [firstError] : [], expectations: r.expectations } : r) === 'failed') failed++;
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
  // One verdict per file, the same as run's and the explorer's: expectations held and no error the file
  // does not expect.
  return failed > 0 ? 1 : 0;
}

export function summaryLine(s: Summary): string {
  const exp = s.expectationsPassed + s.expectationsFailed ? `; expectations: ${s.expectationsPassed} passed, ${s.expectationsFailed} failed` : '';
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const lost = s.notRecorded ? `, ${s.notRecorded} more not recorded` : '';
  return `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.undecidable} cannot decide from this input${lost}, in ${plural(s.files, 'file')} (${s.calls} calls)${exp}`;
}
