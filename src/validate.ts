// Validating whole inputs: a capture (streamed line by line, constant memory) or a scenario file.
import { InputError } from './core/errors.js';
import { parseCaptureLine, isReadPast, readLineBatches } from './input/gfxrecon.js';
import { parseScenario } from './input/scenario.js';
import type { CallRecord } from './input/record.js';
import type { FileResult, Finding } from './report/types.js';
import type { Validator } from './validator.js';
import { runScenario } from './session/run-scenario.js';
import type { StepRef } from './input/query.js';

export interface ValidateOptions {
  /** Called for each finding as soon as it is known (streaming output). */
  onFinding?: (f: Finding) => void;
  /** Keep findings in the returned result (default true; turn off for huge traces). */
  keepFindings?: boolean;
  /** Called every so many calls with the number of calls done. */
  onProgress?: (calls: number) => void;
  /** A scenario's query id (library scenarios): findings and expectations are named by their steps' ids. */
  query?: string;
  /** A scenario: only these steps are checked and reported (a query such as `misuse/x:13`). */
  steps?: StepRef[];
}

/** Validates gfxreconstruct JSON Lines from a stream of chunks. */
export async function validateCaptureStream(v: Validator, chunks: AsyncIterable<string | Uint8Array>, file: string, opts: ValidateOptions = {}): Promise<FileResult> {
  v.reset();
  const keep = opts.keepFindings ?? true;
  const result: FileResult = { file, calls: 0, findings: [], expectations: [] };
  let line = 0;
  try {
    for await (const batch of readLineBatches(chunks)) {
      for (const text of batch) {
        line++;
        const rec: CallRecord | null = parseCaptureLine(text, line, file);
        if (!rec) continue;
        result.calls++;
        // A call read past has nothing to check: it is counted, as the validator counts the calls it skips.
        if (isReadPast(rec)) v.skipped++;
        else runOne(v, rec, file, result, keep, opts);
        if (opts.onProgress && result.calls % 100000 === 0) opts.onProgress(result.calls);
      }
    }
  } catch (e) {
    // Also the reader's own errors (a line over the limit), which know neither file nor line.
    if (e instanceof InputError) { e.where.file = file; e.where.line ??= line + 1; }
    throw e;
  }
  return result;
}

/**
 * Validates a scenario file's text as written (no backend: its outputs are the ones it states),
 * checking its `expect` blocks. Processes still alive at the end exit, so leaked handles show.
 */
export function validateScenarioText(v: Validator, text: string, file: string, opts: ValidateOptions = {}): FileResult {
  let sc;
  try {
    sc = parseScenario(text, file);
  } catch (e) {
    if (e instanceof InputError) e.where.file ??= file;
    throw e;
  }
  const run = runScenario(v, sc, file, null, { query: opts.query, steps: opts.steps });
  const result: FileResult = { file, ...(opts.query ? { query: opts.query } : {}), calls: run.steps.filter((s) => !s.synthetic && s.kind !== 'data').length, findings: [], expectations: run.expectations };
  for (const s of run.steps) for (const f of s.findings) {
    if (opts.keepFindings ?? true) result.findings.push(f);
    opts.onFinding?.(f);
  }
  return result;
}

function runOne(v: Validator, rec: CallRecord, file: string, result: FileResult, keep: boolean, opts: ValidateOptions): Finding[] {
  let found: Finding[];
  try {
    found = v.check(rec);
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

/** Decides whether text is a capture (JSON Lines) or a scenario (one JSON document). */
export function looksLikeCapture(head: string): boolean {
  const first = head.split('\n', 1)[0].trim();
  return /^\{\s*"(header|index|vkFunc|annotation)"/.test(first) || (/^\{.*\}$/.test(first) && !/"steps"/.test(head.slice(0, 4096)) && !/"scenario"/.test(head.slice(0, 4096)));
}
