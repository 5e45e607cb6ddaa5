// --expect FILE for run and validate: read an expectation file against the library, gather the outcomes
// a run had by query id, and say which differ.
import { readFileSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { parseExpectations, differences, describeDifference, judged, type ExpectationLine, type Observed, type Outcome } from '../input/expectations.js';
import { QueryError, selectScenarios, stepOf, type StepRef } from '../input/query.js';
import { verdictOf } from '../report/verdict.js';
import type { ExpectationResult, Finding } from '../report/types.js';
import { UsageError } from './args.js';

/** Reads the file; every line must select a scenario of the library (else the line, with a suggestion). */
export function readExpectationFile(file: string, ids: ReadonlyArray<string>): ExpectationLine[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the expectation file ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const lines = parseExpectations(text, file);
  for (const l of lines) {
    try {
      selectScenarios([l.text], ids);
    } catch (e) {
      if (e instanceof QueryError) throw new QueryError(e.message, e.query, e.suggestion, { file, line: l.line });
      throw e;
    }
  }
  return lines;
}

/** A line naming a step past the end of a scenario that ran is refused, like such a query. */
export function checkLineSteps(lines: ReadonlyArray<ExpectationLine>, stepCounts: ReadonlyMap<string, number>, file: string): void {
  for (const l of lines) {
    const { path, wildcard, step } = l.query;
    if (wildcard || typeof step !== 'number') continue;
    const count = stepCounts.get(path);
    if (count !== undefined && step > count) throw new InputError(`no step ${step} in '${path}': its steps are 1 to ${count}, and 'end' for the processes' exits`, { file, line: l.line });
  }
}

/** What a step produced, for its verdict. */
export interface StepResult { query?: string; findings: Finding[]; expectations: ExpectationResult[] }

/**
 * The outcomes of one scenario by query id: the scenario as a whole (when it ran whole), and each step,
 * the exits at the end counted as one step ('end'). Steps a query selected are judged like a whole
 * scenario; the other steps only where a line names them.
 */
export function observedOf(id: string, whole: Outcome | undefined, steps: ReadonlyArray<StepResult>, selected: boolean): Observed[] {
  const out: Observed[] = [];
  if (whole !== undefined) out.push({ id, outcome: whole, required: true });
  const byStep = new Map<StepRef, { findings: Finding[]; expectations: ExpectationResult[] }>();
  for (const s of steps) {
    const ref = s.query === undefined ? undefined : stepOf(s.query);
    if (ref === undefined) continue;
    const acc = byStep.get(ref) ?? { findings: [], expectations: [] };
    acc.findings.push(...s.findings);
    acc.expectations.push(...s.expectations);
    byStep.set(ref, acc);
  }
  for (const [step, r] of byStep) out.push({ id, step, outcome: verdictOf(r), required: selected });
  return out;
}

/**
 * Writes the differences (or that there are none) to `err`; true when there are none. `unnamedFailures`
 * counts inputs without an id (files of one's own) that failed: no line can expect them to.
 */
export function compareWithFile(lines: ReadonlyArray<ExpectationLine>, observed: ReadonlyArray<Observed>, file: string, command: string, err: NodeJS.WritableStream, unnamedFailures = 0): boolean {
  const diff = differences(lines, observed);
  if (unnamedFailures > 0) err.write(`vk-extmem ${command}: ${unnamedFailures} input${unnamedFailures === 1 ? '' : 's'} outside the library failed; an expectation file names library scenarios only\n`);
  if (diff.length === 0) {
    if (unnamedFailures > 0) return false;
    const n = judged(lines, observed).length;
    err.write(`vk-extmem ${command}: every outcome is as ${file} expects (${n} checked)\n`);
    return true;
  }
  err.write(`vk-extmem ${command}: ${diff.length} outcome${diff.length === 1 ? '' : 's'} differ${diff.length === 1 ? 's' : ''} from ${file}:\n${diff.map((d) => `  ${describeDifference(d, file)}\n`).join('')}`);
  return false;
}
