// Validating whole inputs: a capture (streamed line by line, constant memory) or a scenario file.
import { InputError } from './core/errors.js';
import { parseCaptureLine, readLines } from './input/gfxrecon.js';
import { parseScenario } from './input/scenario.js';
import type { CallRecord } from './input/record.js';
import type { ExpectationResult, FileResult, Finding } from './report/types.js';
import type { Validator } from './validator.js';
import { ALIASES } from './rules/scope.js';

export interface ValidateOptions {
  /** Called for each finding as soon as it is known (streaming output). */
  onFinding?: (f: Finding) => void;
  /** Keep findings in the returned result (default true; turn off for huge traces). */
  keepFindings?: boolean;
  /** Called every so many calls with the number of calls done. */
  onProgress?: (calls: number) => void;
}

/** Validates gfxreconstruct JSON Lines from a stream of chunks. */
export async function validateCaptureStream(v: Validator, chunks: AsyncIterable<string | Uint8Array>, file: string, opts: ValidateOptions = {}): Promise<FileResult> {
  v.reset();
  const keep = opts.keepFindings ?? true;
  const result: FileResult = { file, calls: 0, findings: [], expectations: [] };
  let line = 0;
  for await (const text of readLines(chunks)) {
    line++;
    let rec: CallRecord | null;
    try {
      rec = parseCaptureLine(text, line, file);
    } catch (e) {
      if (e instanceof InputError) e.where.file = file;
      throw e;
    }
    if (!rec) continue;
    result.calls++;
    runOne(v, rec, file, result, keep, opts);
    if (opts.onProgress && result.calls % 100000 === 0) opts.onProgress(result.calls);
  }
  return result;
}

/** Validates a scenario file's text, checking its `expect` blocks. */
export function validateScenarioText(v: Validator, text: string, file: string, opts: ValidateOptions = {}): FileResult {
  let sc;
  try {
    sc = parseScenario(text, file);
  } catch (e) {
    if (e instanceof InputError) e.where.file ??= file;
    throw e;
  }
  v.reset();
  const result: FileResult = { file, calls: 0, findings: [], expectations: [] };
  for (const step of sc.steps) {
    result.calls++;
    const found = runOne(v, step, file, result, true, opts);
    if (step.expect) result.expectations.push(...checkExpect(step, found, file));
  }
  return result;
}

function runOne(v: Validator, rec: CallRecord, file: string, result: FileResult, keep: boolean, opts: ValidateOptions): Finding[] {
  let found: Finding[];
  try {
    found = v.check(rec, rec.kind === 'os' || rec.expect !== undefined || file.endsWith('.scenario.json'));
  } catch (e) {
    if (e instanceof InputError) e.where.file ??= file;
    throw e;
  }
  for (const f of found) {
    f.file = file;
    f.line = rec.line;
    if (keep) result.findings.push(f);
    opts.onFinding?.(f);
  }
  return found;
}

function checkExpect(step: CallRecord, found: Finding[], file: string): ExpectationResult[] {
  const out: ExpectationResult[] = [];
  // An expectation may name a VUID by its 1.3.239 id; findings carry the newest id.
  const names = (vuid: string) => [vuid, ...(ALIASES[vuid] ?? [])];
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
  return out;
}

/** Decides whether text is a capture (JSON Lines) or a scenario (one JSON document). */
export function looksLikeCapture(head: string): boolean {
  const first = head.split('\n', 1)[0].trim();
  return /^\{\s*"(header|index|vkFunc|annotation)"/.test(first) || (/^\{.*\}$/.test(first) && !/"steps"/.test(head.slice(0, 4096)) && !/"scenario"/.test(head.slice(0, 4096)));
}
