// The handle-types view's search: every word of the query must match a type's name or one of the facts
// the view states about it (handle-type-facts.ts's typeSheet), and a few phrases people type for a
// property ("by name", "global share", "fd") stand for that property rather than for their letters. A
// row found through a fact says which fact, with the matching words marked. Pure functions, no DOM.
import type { HandleTypeInfo } from '../../../src/catalogue.js';
import type { FactId, TypeFact, TypeFilter, TypeSheet } from './handle-type-facts.js';

/** A phrase that stands for a property of the catalogue, and the fact that states the property. */
interface Synonym {
  phrases: string[];
  holds(t: HandleTypeInfo): boolean;
  fact: FactId;
  /** What to mark in the fact's text when the phrase itself is not in it. */
  mark: RegExp;
}

/**
 * Written as phrases because their words alone are everywhere: every type's facts say "name" and
 * "by" somewhere, "nt" is inside "implementation", "fd" inside vkGetMemoryFdKHR and in texts about
 * other kinds of handle.
 */
const SYNONYMS: Synonym[] = [
  { phrases: ['import by name', 'imported by name', 'by name', 'named'], holds: (t) => t.importByName, fact: 'byName', mark: /gives the payload a name/ },
  { phrases: ['dedicated only', 'dedicated-only', 'always dedicated', 'requires dedicated', 'require dedicated', 'must be dedicated'], holds: (t) => t.dedicatedOnly, fact: 'dedicated', mark: /Always dedicated/ },
  { phrases: ['kmt', 'kmt handle', 'global share', 'global share handle', 'global handle'], holds: (t) => t.handle === 'KMT', fact: 'handle', mark: /global share \(KMT\) handle/ },
  { phrases: ['nt', 'nt handle'], holds: (t) => t.handle === 'NT', fact: 'handle', mark: /NT handle/ },
  { phrases: ['reference counted', 'refcounted', 'ref counted'], holds: (t) => t.handle === 'NT', fact: 'handle', mark: /holds a reference on the memory/ },
  { phrases: ['fd', 'fds', 'file descriptor', 'file descriptors'], holds: (t) => t.handle === 'fd', fact: 'handle', mark: /file descriptor/i },
  { phrases: ['host pointer', 'host memory'], holds: (t) => t.handle === 'host pointer', fact: 'handle', mark: /host pointer/i },
  { phrases: ['opaque'], holds: (t) => t.opaque, fact: 'opaque', mark: /only the driver that made the payload knows its layout/ },
];

/** One part of a query: a word matched by its letters, or a phrase that stands for a property. */
export type QueryTerm = { word: string } | { phrase: string; synonym: Synonym };

/** Splits a query into terms, case-insensitive; the longest known phrase wins where several start. */
export function parseQuery(q: string | undefined): QueryTerm[] {
  const words = (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const terms: QueryTerm[] = [];
  for (let i = 0; i < words.length;) {
    let best: { phrase: string; synonym: Synonym; length: number } | undefined;
    for (const synonym of SYNONYMS) {
      for (const phrase of synonym.phrases) {
        const length = phrase.split(' ').length;
        if (words.slice(i, i + length).join(' ') === phrase && length > (best?.length ?? 0)) best = { phrase, synonym, length };
      }
    }
    if (best) {
      terms.push({ phrase: best.phrase, synonym: best.synonym });
      i += best.length;
    } else {
      terms.push({ word: words[i] });
      i += 1;
    }
  }
  return terms;
}

/** A piece of an excerpt; `mark` pieces are what matched. */
export interface ExcerptPart {
  text: string;
  mark: boolean;
}

/** A fact a row was found by, as a short excerpt. */
export interface FactHit {
  fact: FactId;
  label: string;
  parts: ExcerptPart[];
}

export interface TypeMatch {
  sheet: TypeSheet;
  /** The facts that explain the match, for the terms the type's name does not; empty when the name does. */
  hits: FactHit[];
}

/** Whether the type's own name explains a term (a phrase: one of the name's parts, so "kmt" in OPAQUE_WIN32_KMT). */
function nameMatches(sheet: TypeSheet, term: QueryTerm): boolean {
  if ('word' in term) return sheet.key.toLowerCase().includes(term.word) || sheet.type.name.toLowerCase().includes(term.word);
  return sheet.key.toLowerCase().split('_').includes(term.phrase) && term.synonym.holds(sheet.type);
}

function factMatches(fact: TypeFact, term: QueryTerm): boolean {
  return 'word' in term ? fact.text.toLowerCase().includes(term.word) : fact.id === term.synonym.fact;
}

function termHolds(sheet: TypeSheet, term: QueryTerm): boolean {
  if ('phrase' in term) return term.synonym.holds(sheet.type);
  return nameMatches(sheet, term) || sheet.facts.some((f) => factMatches(f, term));
}

/** The types a filter shows, in the order given, each with the facts that explain a search match. */
export function searchTypes(sheets: TypeSheet[], f: TypeFilter): TypeMatch[] {
  const terms = parseQuery(f.q);
  const out: TypeMatch[] = [];
  for (const sheet of sheets) {
    const t = sheet.type;
    if ((f.family && t.family !== f.family) || (f.platform && t.platform !== f.platform)) continue;
    if (!terms.every((term) => termHolds(sheet, term))) continue;
    out.push({ sheet, hits: explain(sheet, terms.filter((term) => !nameMatches(sheet, term))) });
  }
  return out;
}

/** The types a filter shows (without the explanations). */
export function filterTypes(sheets: TypeSheet[], f: TypeFilter): HandleTypeInfo[] {
  return searchTypes(sheets, f).map((m) => m.sheet.type);
}

/** The fewest facts, greedily, that together hold every term: usually one. */
function explain(sheet: TypeSheet, terms: QueryTerm[]): FactHit[] {
  const hits: FactHit[] = [];
  let left = terms;
  while (left.length) {
    let best: { fact: TypeFact; covered: QueryTerm[] } | undefined;
    for (const fact of sheet.facts) {
      const covered = left.filter((term) => factMatches(fact, term));
      if (covered.length > (best?.covered.length ?? 0)) best = { fact, covered };
    }
    if (!best) break;
    const { fact, covered } = best;
    hits.push({ fact: fact.id, label: fact.label, parts: excerpt(fact.text, covered) });
    left = left.filter((term) => !covered.includes(term));
  }
  return hits;
}

/** How much of a long fact an excerpt shows around its first match, in characters. */
const EXCERPT_BEFORE = 40;
const EXCERPT_LENGTH = 120;

function wholeWords(phrase: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9_])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`, 'i');
}

/** Where each term shows in a text: every occurrence of a word, the phrase or the synonym's mark. */
function ranges(text: string, terms: QueryTerm[]): Array<[number, number]> {
  const lower = text.toLowerCase();
  const out: Array<[number, number]> = [];
  for (const term of terms) {
    if ('word' in term) {
      for (let at = lower.indexOf(term.word); at >= 0; at = lower.indexOf(term.word, at + term.word.length)) out.push([at, at + term.word.length]);
      continue;
    }
    // The phrase as typed where the text has it as whole words, else what the synonym stands for.
    const m = wholeWords(term.phrase).exec(text) ?? term.synonym.mark.exec(text);
    if (m) out.push([m.index, m.index + m[0].length]);
  }
  // Sorted and merged, so overlapping marks become one.
  out.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of out) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

/** A short window of `text` around its first match, the matches marked, "…" where it was cut. */
export function excerpt(text: string, terms: QueryTerm[]): ExcerptPart[] {
  const marks = ranges(text, terms);
  const first = marks[0] ?? [0, 0];
  let start = Math.max(0, first[0] - EXCERPT_BEFORE);
  // Cut at a space, so the excerpt starts and ends on whole words (the match's own word at the latest).
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < first[0] ? space + 1 : text.lastIndexOf(' ', first[0]) + 1;
  }
  let end = Math.min(text.length, Math.max(first[1], start + EXCERPT_LENGTH));
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > first[1]) end = space;
  }
  const parts: ExcerptPart[] = [];
  const push = (s: string, mark: boolean) => { if (s) parts.push({ text: s, mark }); };
  push(start > 0 ? '…' : '', false);
  let at = start;
  for (const [a, b] of marks) {
    if (b <= start || a >= end) continue;
    push(text.slice(at, Math.max(a, start)), false);
    push(text.slice(Math.max(a, start), Math.min(b, end)), true);
    at = Math.min(b, end);
  }
  push(text.slice(at, end), false);
  push(end < text.length ? '…' : '', false);
  return parts;
}

/** Queries the empty state offers, each known to find something (the unit tests check). */
export const EXAMPLE_QUERIES = ['by name', 'dedicated', 'global share', 'CloseHandle', 'fd'];
