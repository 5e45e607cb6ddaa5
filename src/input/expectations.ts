// Expectation files: the outcome each scenario or step is expected to have, keyed by query id, one line
// each (`misuse/x:13 failed`, `cts/opaque_win32.* unsupported`; `#` starts a comment). A run compared
// with one passes when every outcome is the expected one, so a known failure (a driver that deviates)
// can be written down instead of failing every run.
import { InputError } from '../core/errors.js';
import { parseQuery, QueryError, selectsScenario, type Query, type StepRef } from './query.js';

export const OUTCOMES = ['passed', 'failed', 'unsupported'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ExpectationLine {
  /** The query as written. */
  text: string;
  query: Query;
  outcome: Outcome;
  /** 1-based line in the file. */
  line: number;
}

/** Reads an expectation file; bad lines are refused with the file, line and the part that is wrong. */
export function parseExpectations(text: string, file: string): ExpectationLine[] {
  const out: ExpectationLine[] = [];
  const seen = new Map<string, number>();
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const body = raw.replace(/#.*$/, '').trim();
    if (body === '') return;
    const words = body.split(/\s+/);
    if (words.length !== 2) throw new InputError(`expected "<query> <outcome>" (outcome one of ${OUTCOMES.join(', ')}), got ${JSON.stringify(body)}`, { file, line });
    const [q, outcome] = words;
    let query: Query;
    try {
      query = parseQuery(q);
    } catch (e) {
      if (e instanceof QueryError) throw new QueryError(e.message, e.query, e.suggestion, { file, line });
      throw e;
    }
    if (!(OUTCOMES as readonly string[]).includes(outcome)) throw new InputError(`the outcome of ${q} must be one of ${OUTCOMES.join(', ')}, not ${JSON.stringify(outcome)}`, { file, line });
    const twice = seen.get(q);
    if (twice !== undefined) throw new InputError(`${q} is already expected on line ${twice}`, { file, line });
    seen.set(q, line);
    out.push({ text: q, query, outcome: outcome as Outcome, line });
  });
  return out;
}

/** An outcome a run had: of a scenario as a whole (no step), or of one of its steps. */
export interface Observed {
  /** The scenario's query id. */
  id: string;
  step?: StepRef;
  outcome: Outcome;
  /** Judged even where no line names it, as without an expectation file: it must not fail. */
  required: boolean;
}

/** The line that speaks for an outcome: the most specific one that selects it (an exact id before a '*'). */
export function lineFor(lines: ReadonlyArray<ExpectationLine>, o: Observed): ExpectationLine | undefined {
  let best: ExpectationLine | undefined;
  let bestRank = -1;
  for (const l of lines) {
    const q = l.query;
    // A line with a step speaks for steps only; one without, for scenarios as a whole.
    if ((q.step === undefined) !== (o.step === undefined)) continue;
    if (!selectsScenario(q, o.id)) continue;
    if (q.step !== undefined && q.step !== '*' && q.step !== o.step) continue;
    const rank = q.wildcard ? q.path.length : q.step === '*' ? 1e6 : 2e6;
    if (rank > bestRank) { best = l; bestRank = rank; }
  }
  return best;
}

export interface Difference { observed: Observed; expected: Outcome; line?: ExpectationLine }

/** The outcomes a comparison judges: those a line names, and those judged anyway. */
export function judged(lines: ReadonlyArray<ExpectationLine>, observed: ReadonlyArray<Observed>): Observed[] {
  return observed.filter((o) => o.required || lineFor(lines, o) !== undefined);
}

/** Every outcome that is not as expected: another than its line says, or a failure no line expects. */
export function differences(lines: ReadonlyArray<ExpectationLine>, observed: ReadonlyArray<Observed>): Difference[] {
  const out: Difference[] = [];
  for (const o of observed) {
    const line = lineFor(lines, o);
    if (line) { if (line.outcome !== o.outcome) out.push({ observed: o, expected: line.outcome, line }); }
    else if (o.required && o.outcome === 'failed') out.push({ observed: o, expected: 'passed' });
  }
  return out;
}

/** One difference in words, naming the line of the file it contradicts. */
export function describeDifference(d: Difference, file: string): string {
  const id = d.observed.step === undefined ? d.observed.id : `${d.observed.id}:${d.observed.step}`;
  return d.line
    ? `${file}:${d.line.line}: ${id} ${d.observed.outcome}, expected ${d.expected}${d.line.text === id ? '' : ` (${d.line.text})`}`
    : `${id} ${d.observed.outcome}, and no line of ${file} expects it to`;
}
