// The playground's choices: the scenario library grouped and searched, what the URL names (a library
// scenario or step by query id), and links that carry pasted text.
import type { ScenarioEntry } from '../app/library.js';
import { decodeState, encodeState, formatHash, packState } from './url-state.js';
import { EXPLORER_LIMITS } from './limits.js';
import { nearestIds, libraryId, selectScenarios, stepId, QueryError, SCENARIO_SUFFIX, type StepRef } from '../../../src/input/query.js';

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

export type PlaygroundSource =
  | { from: 'library'; id: string; step?: StepRef }
  | { from: 'capture'; path: string }
  | { from: 'text'; text: string }
  | { from: 'none' };

/** What the URL says to show, and why not when it cannot be shown (with the id it most likely meant). */
export interface Wanted {
  source: PlaygroundSource;
  problem?: string;
  suggestion?: string;
  /** Up to three queries to open instead, nearest first (`suggestion` first when there is one). */
  suggestions?: string[];
  /** Other scenarios a wildcard selected. */
  alsoSelected?: string[];
}

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

/** A scenario's own name (its file's "scenario" member and file name): the last part of its id. */
export function scenarioName(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

/**
 * The query id a URL's `scenario=` means, read leniently: the id itself (as the picker shows it), the
 * file under scenarios/ (links made before ids), its path in the repository (scenarios/…), the
 * scenario's own name without its folder when one scenario has it, and any of these in other case.
 * A step (`:13`) and a wildcard are kept; text none of this fits comes back as it is.
 */
export function canonicalQuery(text: string, ids: ReadonlyArray<string>): string {
  let query = text.replace(/^\/?scenarios\//, '');
  const cut = query.indexOf(SCENARIO_SUFFIX);
  if (cut >= 0 && /^(:.*)?$/.test(query.slice(cut + SCENARIO_SUFFIX.length))) query = query.slice(0, cut) + query.slice(cut + SCENARIO_SUFFIX.length);
  const colon = query.indexOf(':');
  const path = colon < 0 ? query : query.slice(0, colon);
  const step = colon < 0 ? '' : query.slice(colon);
  if (path.endsWith('*') || ids.includes(path)) return query;
  const lower = path.toLowerCase();
  const sameId = ids.filter((id) => id.toLowerCase() === lower);
  const sameName = ids.filter((id) => scenarioName(id).toLowerCase() === lower);
  const only = sameId.length === 1 ? sameId[0] : sameName.length === 1 ? sameName[0] : undefined;
  return only === undefined ? query : only + step;
}

/**
 * A scenario query from the URL against the library's ids, read as canonicalQuery says. One that
 * selects nothing says so, with the nearest queries to open instead.
 */
export function libraryQuery(text: string, ids: ReadonlyArray<string>): Wanted {
  const query = canonicalQuery(text, ids);
  try {
    const [first, ...rest] = selectScenarios([query], ids);
    const step = first.steps === 'all' ? undefined : first.steps[0];
    return { source: { from: 'library', id: first.id, step }, alsoSelected: rest.length ? rest.map((s) => s.id) : undefined };
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
    // The query module's nearest first (its message names it); then the others near enough.
    const near = query.includes('*') ? [] : nearestIds(query, ids);
    const suggestions = [...new Set([...(e.suggestion ? [e.suggestion] : []), ...near])].slice(0, 3);
    return { source: { from: 'none' }, problem: e.message, suggestion: e.suggestion, suggestions: suggestions.length ? suggestions : undefined };
  }
}

/** The URL's `scenario=` for a library scenario, or one of its steps. */
export function scenarioParam(id: string, step?: StepRef): string {
  return step === undefined ? id : stepId(id, step);
}

/**
 * A link that reproduces pasted text (`text` is its parameter, compressed when long), or why there is
 * none: the link would be longer than EXPLORER_LIMITS.linkChars, or the text more than a link's state
 * may inflate to.
 */
export async function pastedLink(text: string, profile: string): Promise<{ hash: string; text: string } | { why: string }> {
  if (text === '') return { why: 'There is no text to link to.' };
  const plain = encodeState(text);
  // A base64url character carries 6 bits: the plain parameter's length gives the JSON's bytes.
  const jsonBytes = Math.floor((plain.length * 3) / 4);
  const { linkChars, linkStateBytes } = EXPLORER_LIMITS;
  if (jsonBytes > linkStateBytes) {
    return { why: `This text is ${jsonBytes.toLocaleString('en')} bytes as JSON; a link carries at most ${linkStateBytes.toLocaleString('en')}. Save it as a file and share that instead.` };
  }
  const param = await packState(plain);
  const hash = formatHash('play', { text: param, profile });
  if (hash.length > linkChars) {
    return { why: `A link to this text would be ${hash.length.toLocaleString('en')} characters long, compressed; a link carries at most ${linkChars.toLocaleString('en')} (longer addresses get cut by mail and chat tools). Save it as a file and share that instead.` };
  }
  return { hash, text: param };
}
