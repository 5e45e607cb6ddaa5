// The playground's choices: the scenario library grouped and searched, what the URL names (a library
// scenario or step by query id), and links that carry pasted text.
import type { ScenarioEntry } from '../app/library.js';
import { decodeState, encodeState, formatHash } from './url-state.js';
import { libraryId, selectScenarios, stepId, QueryError, SCENARIO_SUFFIX, type StepRef } from '../../../src/input/query.js';

/** A library scenario's query id, which the picker shows and the URL carries. */
export function entryId(e: ScenarioEntry): string {
  return libraryId(e.path) ?? e.path;
}

/** Groups in the order a newcomer should meet them, with what each holds. */
export const GROUPS: ReadonlyArray<{ group: string; label: string }> = [
  { group: 'examples', label: 'Examples: sharing done right' },
  { group: 'misuse', label: 'Misuse: each breaks one rule' },
  { group: 'cts', label: 'CTS-shaped: valid usage, every variant' },
];

export interface ScenarioGroup { group: string; label: string; entries: ScenarioEntry[] }

/** The scenarios whose path, name or description hold every word of `query` (any case), by group. */
export function filterScenarios(entries: ScenarioEntry[], query: string): ScenarioGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = entries.filter((e) => {
    const hay = `${entryId(e)} ${e.name} ${e.description}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const known = GROUPS.map((g) => g.group);
  const groups = [...GROUPS.map((g) => g.group), ...[...new Set(hits.map((e) => e.group))].filter((g) => !known.includes(g)).sort()];
  return groups
    .map((group) => ({ group, label: GROUPS.find((g) => g.group === group)?.label ?? (group || 'Other'), entries: hits.filter((e) => e.group === group) }))
    .filter((g) => g.entries.length > 0);
}

/** The scenario the playground opens with when the URL names none: one the profile's platform can run. */
export const DEFAULT_SCENARIO = 'examples/d3d11-texture-cross-process';
export const DEFAULT_SCENARIO_LINUX = 'cts/opaque_fd.dedicated.buffer.export_import_bind_bind';
export function defaultScenario(platform: string | undefined): string {
  return platform === 'linux' ? DEFAULT_SCENARIO_LINUX : DEFAULT_SCENARIO;
}
export { DEFAULT_PROFILE } from './chain-defaults.js';

/** Pasted text travels in links up to this many bytes (longer URLs are cut by mail and chat tools). */
export const LINK_TEXT_BYTES = 6 * 1024;

export type PlaygroundSource =
  | { from: 'library'; id: string; step?: StepRef }
  | { from: 'capture'; path: string }
  | { from: 'text'; text: string }
  | { from: 'none' };

/** What the URL says to show, and why not when it cannot be shown (with the id it most likely meant). */
export interface Wanted { source: PlaygroundSource; problem?: string; suggestion?: string; /** Other scenarios a wildcard selected. */ alsoSelected?: string[] }

/**
 * What the URL asks to show: `scenario=<query id>` (a library scenario, `:N` for one of its steps, a
 * wildcard for the first it selects), `capture=<sample>` or `text=<encoded>`. `ids` are the library's.
 */
export function sourceFromParams(params: Record<string, string>, ids: ReadonlyArray<string> = []): Wanted {
  if (params.text !== undefined) {
    const text = decodeState<unknown>(params.text);
    if (typeof text === 'string') return { source: { from: 'text', text } };
    return { source: { from: 'none' }, problem: 'The link’s text (text=…) could not be decoded; it may have been cut short when it was copied.' };
  }
  if (params.scenario) return libraryQuery(params.scenario, ids);
  if (params.capture) return { source: { from: 'capture', path: params.capture } };
  return { source: { from: 'none' } };
}

/** A scenario query from the URL against the library's ids. Links made before ids named the file: its suffix is dropped. */
export function libraryQuery(text: string, ids: ReadonlyArray<string>): Wanted {
  const cut = text.indexOf(SCENARIO_SUFFIX);
  const query = cut >= 0 && /^(:.*)?$/.test(text.slice(cut + SCENARIO_SUFFIX.length)) ? text.slice(0, cut) + text.slice(cut + SCENARIO_SUFFIX.length) : text;
  try {
    const [first, ...rest] = selectScenarios([query], ids);
    const step = first.steps === 'all' ? undefined : first.steps[0];
    return { source: { from: 'library', id: first.id, step }, alsoSelected: rest.length ? rest.map((s) => s.id) : undefined };
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
    return { source: { from: 'none' }, problem: e.message, suggestion: e.suggestion };
  }
}

/** The URL's `scenario=` for a library scenario, or one of its steps. */
export function scenarioParam(id: string, step?: StepRef): string {
  return step === undefined ? id : stepId(id, step);
}

/** A link that reproduces pasted text, or why there is none. */
export function pastedLink(text: string, profile: string): { hash: string } | { why: string } {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes === 0) return { why: 'There is no text to link to.' };
  if (bytes > LINK_TEXT_BYTES) {
    return { why: `This text is ${bytes.toLocaleString('en')} bytes; a link carries at most ${LINK_TEXT_BYTES.toLocaleString('en')} (longer addresses get cut by mail and chat tools). Save it as a file and share that instead.` };
  }
  return { hash: formatHash('play', { text: encodeState(text), profile }) };
}
