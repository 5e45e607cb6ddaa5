// The comparison of two profiles as the "Profiles" view shows it, as plain data: the summary matrix
// (handle type × buffer/image × export/import/dedicated only), then every entry of both profiles grouped
// by kind, narrowed by the filters the URL carries. The facts come from the library
// (src/profiles/diff.ts, support-matrix.ts); this decides what is shown and in which words. No DOM.
import type { NormalizedProfile } from '../../../src/profiles/types.js';
import { compareProfiles, showValue, type ComparedEntry, type DiffSection, type EntryStatus } from '../../../src/profiles/diff.js';
import { supportMatrix, supportWord, type Feature, type MatrixCell, type Resource, type SupportCount } from '../../../src/profiles/support-matrix.js';

export type SectionId = DiffSection | 'extensions';

export const SECTION_ORDER: SectionId[] = ['identity', 'memory', 'extensions', 'requirements', 'dedicated', 'externalBuffer', 'externalImage', 'externalImageNV', 'handleProperties'];
export const SECTION_TITLES: Record<SectionId, string> = {
  identity: 'Device identity',
  memory: 'Memory heaps and types',
  extensions: 'Extensions',
  requirements: 'Memory requirements',
  dedicated: 'Dedicated allocation',
  externalBuffer: 'External buffer capabilities',
  externalImage: 'External image capabilities',
  externalImageNV: 'NV external image capabilities',
  handleProperties: 'Handle properties (memoryTypeBits)',
};
/** The sections whose entries are about one handle type (the handle-type filter keeps only these). */
const PER_HANDLE_TYPE: SectionId[] = ['dedicated', 'externalBuffer', 'externalImage', 'externalImageNV', 'handleProperties'];

/** Said wherever memory types are compared, because a reader would otherwise assume type i meets type i. */
export const MEMORY_MATCHING_NOTE = 'Memory types are paired by their property flags (preferring a partner whose heap has the same size and flags), not by their index, and heaps by their flags; one with no partner is listed as only in A or only in B.';

/** Rows a kind shows before "show all" while no kind is chosen: the page stays a summary. */
export const ROWS_PER_SECTION = 8;

// ---------------------------------------------------------------------------------------------
// Filters (URL: ht=OPAQUE_FD&kind=externalImage&equal=show)

export interface CompareFilters {
  /** Only entries about this handle type (short name, "… (NV)" for NV). */
  ht?: string;
  /** Only this kind of entry. */
  kind?: SectionId;
  /** Hide entries both profiles answer alike (the default). */
  hideEqual: boolean;
}

export function readFilters(params: Record<string, string>): CompareFilters {
  const ht = params.ht && params.ht.length <= 80 ? params.ht : undefined;
  const kind = (SECTION_ORDER as string[]).includes(params.kind ?? '') ? (params.kind as SectionId) : undefined;
  return { ht, kind, hideEqual: params.equal !== 'show' };
}

/** The URL parameters for `f`; defaults are left out so a plain comparison link stays short. */
export function filterParams(f: CompareFilters): Record<string, string | undefined> {
  return { ht: f.ht, kind: f.kind, equal: f.hideEqual ? undefined : 'show' };
}

// ---------------------------------------------------------------------------------------------
// The model

export interface CompareRow {
  section: SectionId;
  handleType?: string;
  /** The entry's name: what question it answers (lists are named by their question, not position). */
  label: string;
  status: EntryStatus;
  /** What each side says: the fields that differ for a changed entry, the whole entry otherwise. */
  a: string[];
  b: string[];
}

export interface MatrixCellView {
  resource: Resource;
  feature: Feature;
  /** "yes 43/43", "some 34/43", "no 0/13", "—" (no answer recorded). */
  a: string;
  b: string;
  differs: boolean;
  /** The kind of entry behind the cell, which clicking it filters to. */
  kind: SectionId;
  /** The cell's accessible name: both values in words, and whether they differ. */
  name: string;
}

export interface MatrixRowView {
  handleType: string;
  cells: MatrixCellView[];
  /** Entries about this handle type that differ, in any kind (some differ where the matrix agrees). */
  differing: number;
}

export interface CompareModel {
  a: string;
  b: string;
  matrix: MatrixRowView[];
  /** Every entry of both profiles, by kind, in SECTION_ORDER. */
  rows: CompareRow[];
  /** Handle types any entry is about, in matrix order (the handle-type filter's choices). */
  handleTypes: string[];
  /** Entries that differ, and values that differ (an entry may differ in several fields). */
  differing: number;
  differingValues: number;
  same: number;
}

export const FEATURE_WORDS: Record<Feature, string> = { export: 'export', import: 'import', dedicatedOnly: 'dedicated only' };

export function countText(c: SupportCount): string {
  const w = supportWord(c);
  return w === 'not asked' ? '—' : `${w} ${c.allowed}/${c.answers}`;
}

function countWords(c: SupportCount): string {
  const w = supportWord(c);
  return w === 'not asked' ? 'no answer recorded' : `${w}, ${c.allowed} of ${c.answers} answers`;
}

function cellView(ht: string, nv: boolean, c: MatrixCell, a: string, b: string): MatrixCellView {
  const what = `${ht}, ${c.resource} ${FEATURE_WORDS[c.feature]}`;
  const name = c.differs
    ? `${what}: differs. A (${a}) ${countWords(c.a)}; B (${b}) ${countWords(c.b)}. Show these differences`
    : `${what}: the same in both, ${countWords(c.a)}`;
  return { resource: c.resource, feature: c.feature, a: countText(c.a), b: countText(c.b), differs: c.differs, kind: c.resource === 'buffer' ? 'externalBuffer' : nv ? 'externalImageNV' : 'externalImage', name };
}

function lines(e: ComparedEntry, side: 'a' | 'b'): string[] {
  const text = e[side];
  if (text === undefined) return ['(absent)'];
  if (e.status !== 'changed') return [text || 'an entry with no fields'];
  return e.changes.map((c) => `${c.field ? `${c.field} ` : ''}${showValue(c[side], c.kind)}`);
}

export function compareModel(a: NormalizedProfile, b: NormalizedProfile): CompareModel {
  const c = compareProfiles(a, b);
  const entryRows = c.entries.map((e): CompareRow => ({ section: e.section, ...(e.handleType !== undefined && { handleType: e.handleType }), label: e.label, status: e.status, a: lines(e, 'a'), b: lines(e, 'b') }));
  const ext = (name: string, status: EntryStatus): CompareRow => ({ section: 'extensions', label: name, status, a: [status === 'only-b' ? '(absent)' : 'offered'], b: [status === 'only-a' ? '(absent)' : 'offered'] });
  const extRows = [...c.extensions.removed.map((x) => ext(x, 'only-a')), ...c.extensions.added.map((x) => ext(x, 'only-b')), ...c.extensions.same.map((x) => ext(x, 'same'))];
  const all = [...entryRows, ...extRows];
  const rows = SECTION_ORDER.flatMap((s) => all.filter((r) => r.section === s));

  const named = [...new Set(c.entries.map((e) => e.handleType).filter((x): x is string => x !== undefined))];
  const differingOf = (ht: string) => rows.filter((r) => r.handleType === ht && r.status !== 'same').length;
  const matrix = supportMatrix(a, b, named).map((r): MatrixRowView => ({
    handleType: r.handleType,
    cells: r.cells.map((cell) => cellView(r.handleType, r.nv, cell, a.profile, b.profile)),
    differing: differingOf(r.handleType),
  }));
  const differing = rows.filter((r) => r.status !== 'same');
  return {
    a: a.profile,
    b: b.profile,
    matrix,
    rows,
    handleTypes: matrix.map((r) => r.handleType),
    differing: differing.length,
    differingValues: c.entries.reduce((n, e) => n + (e.status === 'changed' ? e.changes.length : e.status === 'same' ? 0 : 1), 0) + c.extensions.added.length + c.extensions.removed.length,
    same: rows.length - differing.length,
  };
}

// ---------------------------------------------------------------------------------------------
// What the filters leave

export interface DetailSection {
  id: SectionId;
  title: string;
  /** The rows shown (at most ROWS_PER_SECTION while no kind is chosen). */
  rows: CompareRow[];
  /** Rows the filters keep, shown or not. */
  matching: number;
  differing: number;
  same: number;
  /** Said under the section's title (how memory types are paired). */
  note?: string;
}

export interface Details {
  sections: DetailSection[];
  /** Kinds the filters keep whose entries are all the same in both (hidden while equal entries are). */
  allSame: Array<{ id: SectionId; title: string; same: number }>;
  /** Rows on the page. */
  shown: number;
}

export function visibleDetails(m: CompareModel, f: CompareFilters, perSection = ROWS_PER_SECTION): Details {
  const kinds = SECTION_ORDER.filter((s) => (!f.kind || s === f.kind) && (!f.ht || PER_HANDLE_TYPE.includes(s)));
  const sections: DetailSection[] = [];
  const allSame: Details['allSame'] = [];
  for (const id of kinds) {
    const entries = m.rows.filter((r) => r.section === id && (!f.ht || r.handleType === f.ht));
    if (!entries.length) continue;
    const differing = entries.filter((r) => r.status !== 'same').length;
    const same = entries.length - differing;
    const kept = f.hideEqual ? entries.filter((r) => r.status !== 'same') : entries;
    if (!kept.length) { allSame.push({ id, title: SECTION_TITLES[id], same }); continue; }
    sections.push({
      id, title: SECTION_TITLES[id], rows: f.kind ? kept : kept.slice(0, perSection), matching: kept.length, differing, same,
      ...(id === 'memory' && { note: MEMORY_MATCHING_NOTE }),
    });
  }
  return { sections, allSame, shown: sections.reduce((n, s) => n + s.rows.length, 0) };
}

/** "differs" / "only in A" / "only in B" / "same": the row's change in words, never colour alone. */
export function statusText(s: EntryStatus): string {
  return s === 'changed' ? 'differs' : s === 'only-a' ? 'only in A' : s === 'only-b' ? 'only in B' : 'same';
}
