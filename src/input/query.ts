// Query ids: one name for every scenario of the library, every step of a scenario and every rule test.
// The same text is accepted by `vk-extmem run` and `vk-extmem validate`, the explorer's URL
// (`#/play?scenario=<id>`), expectation files, and `npx vitest run -t` for rule tests; reports print it.
//
//   misuse/opaque_win32.import_wrong_allocation_size      a scenario: its path under scenarios/ without .scenario.json
//   misuse/opaque_win32.import_wrong_allocation_size:13   its step 13: the call number every report prints
//   misuse/opaque_win32.import_wrong_allocation_size:end  the end of the scenario, where every live process exits
//   misuse/*  misuse/opaque_win32.*  misuse/x:*            a trailing '*' selects every id that begins with the rest
//   rules/allocate/VUID-VkMemoryAllocateInfo-allocationSize-07897:01   a rule test (test/rules/allocate.test.ts)
//
// Pure text: no file system, so the CLI and the explorer share it.
import { InputError } from '../core/errors.js';

/** What a library file's name ends with; the id is the path under scenarios/ without it. */
export const SCENARIO_SUFFIX = '.scenario.json';
/** Ids under this folder name rule tests (vitest cases in test/rules/), not scenarios. */
export const RULE_TESTS_FOLDER = 'rules';

/** A step of a scenario: its call number (1-based, as reports print it) or the end of the scenario. */
export type StepRef = number | 'end';

export interface Query {
  /** The scenario's id, or with `wildcard` the beginning every selected id shares (possibly empty). */
  path: string;
  /** A trailing '*' after the path: every scenario whose id begins with `path`. */
  wildcard: boolean;
  /** One step, every step ('*'), or the scenario as a whole (undefined). */
  step?: StepRef | '*';
}

/** A query that is malformed or selects nothing; `suggestion` is the nearest query that would select something. */
export class QueryError extends InputError {
  constructor(message: string, readonly query: string, readonly suggestion?: string, where: InputError['where'] = {}) {
    super(message, where);
    this.name = 'QueryError';
  }
}

const ID_CHAR = /[A-Za-z0-9_.-]/;

/** Parses a query id; throws QueryError naming the part that is wrong. */
export function parseQuery(text: string): Query {
  const bad = (why: string) => new QueryError(`query '${text}': ${why}`, text);
  if (text === '') throw bad('it is empty; write a scenario id such as misuse/opaque_win32.export_twice, or a prefix ending in * such as misuse/*');
  const star = text.indexOf('*');
  if (star >= 0 && star !== text.length - 1) throw bad(`'*' may only end a query (as in misuse/* or misuse/opaque_win32.export_twice:*), not stand at column ${star + 1}`);
  const colon = text.indexOf(':');
  const pathText = colon < 0 ? text : text.slice(0, colon);
  const stepText = colon < 0 ? undefined : text.slice(colon + 1);
  const wildcard = stepText === undefined && pathText.endsWith('*');
  const path = wildcard ? pathText.slice(0, -1) : pathText;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '/' || ID_CHAR.test(c)) continue;
    throw bad(`${JSON.stringify(c)} at column ${i + 1} cannot be part of an id (ids are letters, digits, '_', '.' and '-', with '/' between folders)`);
  }
  if (!wildcard && path === '') throw bad(`the scenario id before ':' is empty`);
  if (path.startsWith('/')) throw bad(`an id starts with a folder name (cts, examples, misuse), not '/'`);
  if (path.includes('//') || (!wildcard && path.endsWith('/'))) throw bad(`a folder name between '/' is empty`);
  if (stepText === undefined) return { path, wildcard };
  if (stepText === '*' || stepText === 'end') return { path, wildcard: false, step: stepText };
  if (!/^[0-9]+$/.test(stepText) || Number(stepText) < 1 || !Number.isSafeInteger(Number(stepText))) {
    throw bad(`the step after ':' must be a call number from 1 (as reports print it), 'end' or '*', not '${stepText}'`);
  }
  return { path, wildcard: false, step: Number(stepText) };
}

/** The text of a query; parseQuery(formatQuery(q)) gives q back. */
export function formatQuery(q: Query): string {
  if (q.wildcard) return `${q.path}*`;
  return q.step === undefined ? q.path : `${q.path}:${q.step}`;
}

/** The id of step `step` of the scenario `scenario`. */
export function stepId(scenario: string, step: StepRef): string {
  return `${scenario}:${step}`;
}

/** The step a step id names (`misuse/x:13` → 13, `misuse/x:end` → 'end'); undefined for a scenario's id. */
export function stepOf(id: string): StepRef | undefined {
  const { step } = parseQuery(id);
  return step === '*' ? undefined : step;
}

/** A library file's id from its path under scenarios/ (`misuse/x.scenario.json` → `misuse/x`); undefined for other files. */
export function libraryId(relativePath: string): string | undefined {
  const p = relativePath.split('\\').join('/');
  if (!p.endsWith(SCENARIO_SUFFIX) || p.startsWith('../') || p.startsWith('/')) return undefined;
  return p.slice(0, -SCENARIO_SUFFIX.length);
}

/** The path under scenarios/ of a library id. */
export function libraryPath(id: string): string {
  return id + SCENARIO_SUFFIX;
}

/** Whether the query names rule tests rather than scenarios. */
export function isRuleTestQuery(q: Query): boolean {
  return q.path === RULE_TESTS_FOLDER || q.path.startsWith(`${RULE_TESTS_FOLDER}/`);
}

/**
 * The id of a rule test: `rules/<file>/<group>:<NN>`, where group is the title of the describe block with
 * every run of other characters than letters, digits, '_' and '-' made one '-', and NN the case's number
 * in its group, in two digits. The fixed width keeps one id from being the beginning of another, so a
 * test-name filter (`vitest -t`, a regular expression that may match anywhere) selects exactly one case.
 */
export function ruleTestId(file: string, group: string, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`rule test ${file}/${group}: case number ${n} is outside 1 to 99; split the group`);
  const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  const g = slug(group);
  return `${RULE_TESTS_FOLDER}/${slug(file)}${g ? `/${g}` : ''}:${String(n).padStart(2, '0')}`;
}

/** Whether the query selects scenario `id` (as a whole or some of its steps). */
export function selectsScenario(q: Query, id: string): boolean {
  return q.wildcard ? id.startsWith(q.path) : id === q.path;
}

/** A scenario of the library and the steps a selection asked for. */
export interface Selection {
  id: string;
  /** 'all': the scenario as a whole; otherwise these steps, in order (numbers first, then 'end'). */
  steps: 'all' | StepRef[];
}

/**
 * The library scenarios the queries select, in library order, one entry per scenario (a scenario
 * selected as a whole and by a step is selected as a whole). Throws QueryError, with the nearest id as
 * a suggestion, for a query that selects nothing or names rule tests.
 */
export function selectScenarios(queries: ReadonlyArray<string>, ids: ReadonlyArray<string>): Selection[] {
  const wanted = new Map<string, Set<StepRef> | 'all'>();
  for (const text of queries) {
    const q = parseQuery(text);
    if (isRuleTestQuery(q)) {
      throw new QueryError(`'${text}' names rule tests, which are vitest cases: run them with npx vitest run -t '${text}'`, text);
    }
    const hits = ids.filter((id) => selectsScenario(q, id));
    if (hits.length === 0) throw noMatch(text, q, ids);
    for (const id of hits) {
      const had = wanted.get(id);
      if (q.step === undefined || q.step === '*' || had === 'all') { wanted.set(id, 'all'); continue; }
      const set = had ?? new Set<StepRef>();
      set.add(q.step);
      wanted.set(id, set);
    }
  }
  return ids.filter((id) => wanted.has(id)).map((id) => {
    const w = wanted.get(id)!;
    if (w === 'all') return { id, steps: 'all' };
    return { id, steps: sortSteps(w) };
  });
}

/** Steps in the order they run, each once: call numbers ascending, then the end. */
export function sortSteps(steps: Iterable<StepRef>): StepRef[] {
  return [...new Set(steps)].sort((a, b) => (a === b ? 0 : a === 'end' ? 1 : b === 'end' ? -1 : a - b));
}

/** Throws QueryError when a selected step is not in a scenario of `count` steps. */
export function checkSteps(sel: Selection, count: number): void {
  if (sel.steps === 'all') return;
  for (const s of sel.steps) {
    if (s === 'end' || s <= count) continue;
    const text = stepId(sel.id, s);
    throw new QueryError(`no step ${s} in '${sel.id}': its steps are 1 to ${count}, and 'end' for the processes' exits`, text, stepId(sel.id, count));
  }
}

function noMatch(text: string, q: Query, ids: ReadonlyArray<string>): QueryError {
  if (q.wildcard) {
    // The nearest beginning of an id, cut where a name part ends, as a wildcard of its own.
    const prefixes = new Set<string>();
    for (const id of ids) for (let i = 1; i <= id.length; i++) if (/[/._-]/.test(id[i - 1])) prefixes.add(id.slice(0, i));
    const near = nearest(q.path, [...prefixes]);
    const s = near === undefined ? undefined : `${near}*`;
    return new QueryError(`'${text}' selects no scenario${s ? `; did you mean '${s}'?` : `; the library's folders are ${folders(ids)}`}`, text, s);
  }
  const near = nearest(q.path, ids);
  const s = near === undefined ? undefined : formatQuery({ ...q, path: near });
  return new QueryError(`no scenario '${q.path}'${s ? `; did you mean '${s}'?` : `; the library's folders are ${folders(ids)}`}`, text, s);
}

function folders(ids: ReadonlyArray<string>): string {
  return [...new Set(ids.map((id) => id.split('/')[0]))].sort().map((f) => `${f}/`).join(', ');
}

/**
 * The candidate nearest to `text` by edit distance, when it is near enough to be a likely slip: at most
 * half of the text's length away. Ties go to the first candidate.
 */
export function nearest(text: string, candidates: ReadonlyArray<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(text, c);
    if (d < bestDistance) { best = c; bestDistance = d; }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(text.length / 2)) ? best : undefined;
}

/**
 * Edit distance from what was typed (a) to an id (b): the cheapest way to turn one into the other by
 * single characters, where a character typed wrong or too many costs 1 and one left out costs ½. Ids
 * are long and people shorten them (import_wrong_size for import_wrong_allocation_size), so an id that
 * holds everything typed, and more, is nearer than one of the same length with other words.
 */
export function editDistance(a: string, b: string): number {
  const LEFT_OUT = 0.5;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j * LEFT_OUT);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + LEFT_OUT, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/**
 * Edit distance from `a` to the part of `b` it is nearest to (characters of `b` before and after that
 * part are free): finds an id from a misspelt piece of it, such as export_twise for export_twice.
 */
function partDistance(a: string, b: string): number {
  let prev: number[] = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return Math.min(...prev);
}

/**
 * Up to `n` library ids nearest to a query that selects nothing (any case, its step kept), nearest
 * first, for a list of suggestions where `nearest` gives one: an id (or its last part, the scenario's
 * own name) a few slips away from the whole query, or one holding a
 * piece a slip or two away from it. Empty when nothing is that near.
 */
export function nearestIds(text: string, ids: ReadonlyArray<string>, n = 3): string[] {
  const colon = text.indexOf(':');
  const typed = (colon < 0 ? text : text.slice(0, colon)).toLowerCase();
  const step = colon < 0 ? '' : text.slice(colon);
  if (!typed) return [];
  const wholeSlips = Math.max(2, Math.floor(typed.length / 2));
  const partSlips = Math.max(1, Math.floor(typed.length / 6));
  return ids
    .map((id, order) => {
      const lower = id.toLowerCase();
      const whole = Math.min(editDistance(typed, lower), editDistance(typed, lower.slice(lower.lastIndexOf('/') + 1)));
      const part = partDistance(typed, lower);
      return { id, order, whole, part, near: whole <= wholeSlips || part <= partSlips };
    })
    .filter((c) => c.near)
    .sort((a, b) => Math.min(a.whole, a.part) - Math.min(b.whole, b.part) || a.whole - b.whole || a.order - b.order)
    .slice(0, n)
    .map((c) => c.id + step);
}
