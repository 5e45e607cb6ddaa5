// The "Profiles" view (#/profiles): the built-in device profiles and those loaded from files, each
// opening into a summary; a captured profile loaded by drop or file input; two profiles compared: a
// matrix of what each handle type allows first, then the entries, filtered. State: #/profiles?show=NAME
// or #/profiles?a=NAME&b=NAME, with the filters ht=HANDLE_TYPE, kind=SECTION, equal=show (a loaded file
// cannot travel in a link, so the page says which file to load when a link names one it does not have).
import type { View, ViewContext } from '../app/context.js';
import { dropZone, externalLink, h, readFileText, replace } from '../app/dom.js';
import { EXPLORER_LIMITS } from '../logic/limits.js';
import {
  loadErrorText, missingProfileText, optionLabel, profileList, readState, summarizeProfile,
  type ProfileListItem, type ProfilesState,
} from '../logic/profile-view.js';
import {
  compareModel, filterParams, readFilters, SECTION_ORDER, SECTION_TITLES, statusText, visibleDetails,
  type CompareFilters, type CompareModel, type CompareRow, type DetailSection, type MatrixRowView, type SectionId,
} from '../logic/profile-compare.js';
import type { NormalizedProfile } from '../../../src/profiles/types.js';

/** Anything h() takes as a child. */
type Content = Parameters<typeof h>[2];

export const profilesView: View = {
  mount(root, ctx) {
    new ProfilesPage(root, ctx).start();
  },
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

class ProfilesPage {
  private state: ProfilesState;
  private filters: CompareFilters;
  private readonly pickA = h('select', { id: 'pf-a' });
  private readonly pickB = h('select', { id: 'pf-b' });
  /** One line saying what the comparison found (a live region: the tables themselves are not read out). */
  private readonly compareStatus = h('p', { class: 'pf-compare-status', role: 'status' });
  private readonly loadStatus = h('div', { class: 'pf-load-status' });
  private readonly comparison = h('section', { class: 'pf-compare-result', 'aria-label': 'Comparison' });
  private readonly listBody = h('tbody');
  /** The comparison on screen, kept so a filter redraws it without fetching the profiles again. */
  private shown?: { model: CompareModel; matrixBody: HTMLElement; details: HTMLElement; htPick: HTMLSelectElement; kindPick: HTMLSelectElement; hideEqual: HTMLInputElement };
  /** Bumped on every render of the summary or the comparison, so a late fetch does not draw over a newer one. */
  private generation = 0;

  constructor(private root: HTMLElement, private ctx: ViewContext) {
    this.state = readState(ctx.params);
    this.filters = readFilters(ctx.params);
  }

  start(): void {
    const fileInput = h('input', { id: 'pf-file', type: 'file', accept: '.json,application/json', onchange: (e: Event) => {
      const input = e.target as HTMLInputElement;
      const f = input.files?.[0];
      if (f) void this.loadFile(f);
      input.value = ''; // choosing the same file again loads it again
    } });
    const drop = h('div', { class: 'drop pf-drop' },
      h('p', {}, 'Drop a profile file here (', h('code', {}, '.profile.json'), ', as ', h('code', {}, 'vk-extmem profile capture'), ' writes it), or choose one:'),
      h('label', { for: 'pf-file', class: 'pf-file-label' }, 'Profile file', fileInput));
    dropZone(drop, (f) => void this.loadFile(f));

    // The comparison comes straight after its pickers; loading a file is a step aside, below it.
    this.root.append(
      h('h1', { id: 'title-profiles' }, 'Profiles'),
      h('p', { class: 'lede' }, 'A device profile is what one physical device answers about external memory: identity, memory types and heaps, extensions, memory requirements and capability answers. Measured profiles come from a real driver; ILLUSTRATIVE ones are written by hand to show drivers nobody here can run.'),
      h('section', { class: 'card pf-pickers', 'aria-labelledby': 'pf-compare-title' },
        h('h2', { id: 'pf-compare-title' }, 'Compare two profiles'),
        h('div', { class: 'toolbar' },
          h('label', { for: 'pf-a' }, 'Profile A', this.pickA),
          h('label', { for: 'pf-b' }, 'Profile B', this.pickB),
          h('button', { type: 'button', class: 'primary', onclick: () => this.compareChosen() }, 'Compare'),
          h('button', { type: 'button', onclick: () => this.swap() }, 'Swap')),
        this.compareStatus),
      this.comparison,
      h('section', { class: 'card', 'aria-labelledby': 'pf-load-title' },
        h('h2', { id: 'pf-load-title' }, 'Load a captured profile'),
        drop,
        this.loadStatus),
      h('h2', { id: 'pf-list-title' }, 'All profiles'),
      h('div', { class: 'table-wrap' },
        h('table', { class: 'pf-table', 'aria-labelledby': 'pf-list-title' },
          h('thead', {}, h('tr', {}, ['Profile', 'Provenance', 'Platform', 'Title'].map((c) => h('th', { scope: 'col' }, c)))),
          this.listBody)),
    );
    this.fillPickers();
    this.renderList();
    void this.renderComparison();
  }

  private items(): ProfileListItem[] {
    return profileList(this.ctx.library.index.profiles, this.ctx.library.loaded);
  }

  private has(name: string | undefined): boolean {
    return !!name && this.ctx.library.profileNames().includes(name);
  }

  private saveState(): void {
    this.ctx.setParams({ show: this.state.show, a: this.state.a, b: this.state.b, ...filterParams(this.filters) });
  }

  // -------------------------------------------------------------------------------------------
  // Comparison

  private fillPickers(): void {
    const items = this.items();
    for (const [select, wanted, fallback] of [[this.pickA, this.state.a, 0], [this.pickB, this.state.b, 1]] as const) {
      const keep = select.value;
      replace(select, items.map((it) => h('option', { value: it.name }, optionLabel(it))));
      const choice = [wanted, keep].find((n) => this.has(n)) ?? items[Math.min(fallback, items.length - 1)]?.name;
      if (choice) select.value = choice;
    }
  }

  private compareChosen(): void {
    this.state = { ...this.state, a: this.pickA.value, b: this.pickB.value };
    this.saveState();
    void this.renderComparison();
  }

  private swap(): void {
    const a = this.pickA.value;
    this.pickA.value = this.pickB.value;
    this.pickB.value = a;
    if (this.state.a && this.state.b) this.compareChosen();
  }

  private async renderComparison(): Promise<void> {
    const { a, b } = this.state;
    const mine = ++this.generation;
    this.shown = undefined;
    if (!a || !b) { replace(this.comparison); replace(this.compareStatus); return; }
    const missing = [a, b].filter((n) => !this.has(n));
    if (missing.length) {
      replace(this.compareStatus);
      replace(this.comparison, h('div', { class: 'card' }, [...new Set(missing)].map((n) => h('p', { class: 'error-box', role: 'alert' }, missingProfileText(n)))));
      return;
    }
    replace(this.compareStatus, `Comparing ${a} with ${b}…`);
    replace(this.comparison, h('p', { class: 'loading' }, `Comparing ${a} with ${b}…`));
    try {
      const [pa, pb] = await Promise.all([this.ctx.library.profile(a), this.ctx.library.profile(b)]);
      if (mine !== this.generation) return;
      const model = compareModel(pa, pb);
      replace(this.compareStatus, verdictText(model));
      replace(this.comparison, this.diffCard(pa, pb, model));
    } catch (e) {
      if (mine !== this.generation) return;
      replace(this.compareStatus);
      replace(this.comparison, h('p', { class: 'error-box', role: 'alert' }, `The comparison could not be made: ${(e as Error).message}`));
    }
  }

  private diffCard(pa: NormalizedProfile, pb: NormalizedProfile, model: CompareModel): HTMLElement {
    const side = (label: string, p: NormalizedProfile) => {
      const item = this.items().find((x) => x.name === p.profile);
      return h('div', { class: 'pf-side' }, h('div', { class: 'pf-side-label' }, label), profileName(p.profile, item), h('p', { class: 'pf-title' }, p.title), provenance(item));
    };
    const name = (p: NormalizedProfile) => profileName(p.profile, this.items().find((x) => x.name === p.profile));
    const htPick = h('select', { id: 'pf-ht', onchange: () => this.setFilters({ ...this.filters, ht: htPick.value || undefined }) });
    const kindPick = h('select', { id: 'pf-kind', onchange: () => this.setFilters({ ...this.filters, kind: (kindPick.value || undefined) as SectionId | undefined }) },
      h('option', { value: '' }, 'All kinds'),
      SECTION_ORDER.map((id) => h('option', { value: id }, SECTION_TITLES[id])));
    const hideEqual = h('input', { id: 'pf-hide-equal', type: 'checkbox', onchange: () => this.setFilters({ ...this.filters, hideEqual: hideEqual.checked }) });
    const matrixBody = h('tbody');
    const details = h('div', { class: 'pf-details' });
    this.shown = { model, matrixBody, details, htPick, kindPick, hideEqual };
    this.renderFiltered();

    return h('div', { class: 'card pf-diff' },
      h('h2', { class: 'pf-diff-title' }, 'A ', name(pa), ' compared with B ', name(pb)),
      h('div', { class: 'table-wrap pf-matrix-wrap' }, h('table', { class: 'pf-matrix' },
        h('caption', {},
          h('strong', {}, 'What each handle type allows. '),
          'Each cell gives A’s answer, then B’s, over the capability answers the profile records for that handle type (one per usage, format, tiling and flags asked about): yes (every answer allows it), no (none does) or some, with how many allow it; — where none is recorded. ',
          h('span', { class: 'pf-marker' }, '≠'), ' marks a cell where A and B differ: choose it to list those entries below.'),
        h('colgroup', {}, h('col', {})), h('colgroup', { span: 3 }), h('colgroup', { span: 3 }), h('colgroup', {}, h('col', {})),
        h('thead', {},
          h('tr', {},
            h('th', { scope: 'col', rowspan: 2 }, 'Handle type'),
            h('th', { scope: 'colgroup', colspan: 3 }, 'Buffers'),
            h('th', { scope: 'colgroup', colspan: 3 }, 'Images'),
            h('th', { scope: 'col', rowspan: 2 }, 'Entries that differ')),
          h('tr', {}, [0, 1].map(() => ['export', 'import', 'dedicated only'].map((f) => h('th', { scope: 'col' }, f))))),
        matrixBody)),
      h('div', { class: 'columns pf-sides' }, side('A', pa), side('B', pb)),
      h('p', { class: model.differing ? 'verdict warn' : 'verdict ok' }, verdictText(model)),
      h('div', { class: 'toolbar pf-filters', role: 'group', 'aria-label': 'Filter the entries' },
        h('label', { for: 'pf-ht' }, 'Handle type', htPick),
        h('label', { for: 'pf-kind' }, 'Kind', kindPick),
        h('label', { for: 'pf-hide-equal', class: 'pf-check' }, hideEqual, 'Hide equal entries'),
        h('button', { type: 'button', onclick: () => this.setFilters({ hideEqual: true }) }, 'Clear filters')),
      details);
  }

  private setFilters(f: CompareFilters): void {
    this.filters = f;
    this.saveState();
    this.renderFiltered();
  }

  /** Clicking a cell of the matrix: its entries below, with the keyboard taken there (a cell pressed again lets go). */
  private filterTo(ht: string, kind: SectionId | undefined): void {
    const again = kind !== undefined && this.filters.ht === ht && this.filters.kind === kind;
    this.setFilters(again ? { ...this.filters, ht: undefined, kind: undefined } : { ...this.filters, ht, kind });
    const heading = this.shown?.details.querySelector<HTMLElement>('#pf-details-title');
    heading?.focus();
    heading?.scrollIntoView({ block: 'start' });
  }

  /** "Show all" under a kind's first rows: that kind chosen, the keyboard left on its title (the button goes). */
  private showAll(id: SectionId): void {
    this.setFilters({ ...this.filters, kind: id });
    this.shown?.details.querySelector<HTMLElement>(`#pf-section-${id}`)?.focus();
  }

  /** Draws what depends on the filters: the controls' values, the matrix's marked row and the entries. */
  private renderFiltered(): void {
    const s = this.shown;
    if (!s) return;
    const f = this.filters;
    const types = f.ht && !s.model.handleTypes.includes(f.ht) ? [...s.model.handleTypes, f.ht] : s.model.handleTypes;
    replace(s.htPick, h('option', { value: '' }, 'All handle types'), types.map((t) => h('option', { value: t }, s.model.handleTypes.includes(t) ? t : `${t} (in neither profile)`)));
    s.htPick.value = f.ht ?? '';
    s.kindPick.value = f.kind ?? '';
    s.hideEqual.checked = f.hideEqual;
    replace(s.matrixBody, s.model.matrix.map((r) => this.matrixRow(r)));
    const d = visibleDetails(s.model, f);
    const filtered = [f.ht && `handle type ${f.ht}`, f.kind && SECTION_TITLES[f.kind].toLowerCase()].filter(Boolean).join(', ');
    replace(s.details,
      h('h3', { id: 'pf-details-title', tabindex: -1 }, filtered ? `Entries: ${filtered}` : 'Entries'),
      d.sections.map((x) => detailSection(x, s.model, (id) => this.showAll(id))),
      d.allSame.length
        ? h('p', { class: 'pf-all-same' }, 'The same in both: ', d.allSame.map((x, i) => [i ? ', ' : '', `${x.title} (${plural(x.same, 'entry', 'entries')})`]), '.')
        : null,
      !d.sections.length && !d.allSame.length ? h('p', { class: 'pf-same' }, 'Neither profile has an entry these filters keep.') : null);
  }

  private matrixRow(r: MatrixRowView): HTMLTableRowElement {
    const current = r.handleType === this.filters.ht;
    return h('tr', { class: current ? 'pf-current' : null },
      h('th', { scope: 'row', class: 'mono' }, r.handleType),
      r.cells.map((c) => {
        const values = [h('span', { class: 'pf-ab' }, h('span', { class: 'pf-ab-label' }, 'A'), ' ', c.a), h('span', { class: 'pf-ab' }, h('span', { class: 'pf-ab-label' }, 'B'), ' ', c.b)];
        if (!c.differs) return h('td', { class: 'pf-cell' }, values);
        return h('td', { class: 'pf-cell pf-differs' },
          h('button', { type: 'button', class: 'pf-cell-button', 'aria-label': c.name, 'aria-pressed': String(current && this.filters.kind === c.kind), onclick: () => this.filterTo(r.handleType, c.kind) },
            h('span', { class: 'pf-marker', 'aria-hidden': 'true' }, '≠'), values));
      }),
      h('td', { class: 'pf-count' }, r.differing
        ? h('button', { type: 'button', 'aria-label': `${plural(r.differing, 'differing entry', 'differing entries')} about ${r.handleType}: show them`, onclick: () => this.filterTo(r.handleType, undefined) }, String(r.differing))
        : '0'));
  }

  // -------------------------------------------------------------------------------------------
  // Loading a file

  private async loadFile(file: File): Promise<void> {
    replace(this.loadStatus, h('p', { class: 'loading' }, `Reading ${file.name}…`));
    let p: NormalizedProfile;
    try {
      const text = await readFileText(file, EXPLORER_LIMITS.profileBytes, 'profile files');
      p = await this.ctx.library.addProfile(text, file.name);
    } catch (e) {
      replace(this.loadStatus, h('p', { class: 'error-box', role: 'alert' }, `Not loaded. ${loadErrorText(e, file.name)}`));
      return;
    }
    const item = this.items().find((x) => x.name === p.profile);
    replace(this.loadStatus, h('p', { class: 'pf-loaded', role: 'status' },
      'Loaded ', profileName(p.profile, item), ` from ${file.name}.`,
      item?.shadowsBuiltIn ? ' It has the name of a built-in profile and takes its place in this page.' : '',
      ' It stays in this page only: a link to it works after the file is loaded again.'));
    this.state = { ...this.state, show: p.profile };
    this.fillPickers();
    this.pickA.value = p.profile; // the new profile becomes A, ready to compare
    this.saveState();
    this.renderList();
    // A comparison on screen that names this profile now shows the file's values.
    if (this.state.a === p.profile || this.state.b === p.profile) void this.renderComparison();
  }

  // -------------------------------------------------------------------------------------------
  // The list and one profile's summary

  private renderList(): void {
    const items = this.items();
    const rows = items.flatMap((it) => this.listRows(it));
    if (this.state.show && !this.has(this.state.show)) {
      rows.unshift(h('tr', { class: 'details' }, h('td', { colspan: 4 }, h('p', { class: 'error-box', role: 'alert' }, missingProfileText(this.state.show)))));
    }
    replace(this.listBody, rows);
  }

  private listRows(it: ProfileListItem): HTMLTableRowElement[] {
    const open = it.name === this.state.show;
    const panelId = `pf-summary-${it.name}`;
    const row = h('tr', { class: open ? 'row-open' : '' },
      h('th', { scope: 'row' },
        h('button', { type: 'button', class: 'row-toggle', 'data-name': it.name, 'aria-expanded': String(open), 'aria-controls': open ? panelId : null, onclick: () => this.toggle(it.name) },
          h('span', { 'aria-hidden': 'true' }, open ? '▾ ' : '▸ '), it.name)),
      h('td', {}, badges(it)),
      h('td', {}, it.platform),
      h('td', {}, h('div', {}, it.title), h('div', { class: 'pf-line' }, it.line)));
    if (!open) return [row];
    const cell = h('td', { colspan: 4 }, h('p', { class: 'loading' }, `Loading ${it.name}…`));
    void this.fillSummary(cell, it);
    return [row, h('tr', { class: 'details', id: panelId }, cell)];
  }

  private toggle(name: string): void {
    this.state = { ...this.state, show: this.state.show === name ? undefined : name };
    this.saveState();
    this.renderList();
    this.listBody.querySelector<HTMLButtonElement>(`button[data-name="${CSS.escape(name)}"]`)?.focus();
  }

  private async fillSummary(cell: HTMLElement, it: ProfileListItem): Promise<void> {
    try {
      replace(cell, summaryPanel(await this.ctx.library.profile(it.name), it));
    } catch (e) {
      replace(cell, h('p', { class: 'error-box', role: 'alert' }, `This profile could not be opened: ${(e as Error).message}`));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Pieces

/** What the comparison found, in one line: entries, and values, since an entry may differ in several. */
function verdictText(m: CompareModel): string {
  const note = 'Names, titles and provenance are not compared.';
  if (!m.differing) return `Identical: both answer every compared question alike (${plural(m.same, 'entry', 'entries')}). ${note}`;
  return `${plural(m.differing, 'entry', 'entries')} differ (${plural(m.differingValues, 'value')}); ${plural(m.same, 'entry', 'entries')} the same in both. ${note}`;
}

/** One kind of entry: its rows in a table, with a way to all of them when only the first are shown. */
function detailSection(x: DetailSection, m: CompareModel, showAll: (id: SectionId) => void): HTMLElement {
  const titleId = `pf-section-${x.id}`;
  return h('section', { class: 'pf-section', 'data-section': x.id, 'aria-labelledby': titleId },
    h('h4', { id: titleId, tabindex: -1 }, h('span', { class: 'pf-section-title' }, x.title), ' ',
      h('span', { class: 'pf-section-count' }, `${x.differing} differ · ${x.same} the same in both`)),
    x.note ? h('p', { class: 'pf-note' }, x.note) : null,
    h('div', { class: 'table-wrap' }, h('table', { class: 'pf-diff-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Entry'), h('th', { scope: 'col' }, `A: ${m.a}`), h('th', { scope: 'col' }, `B: ${m.b}`))),
      h('tbody', {}, x.rows.map(diffRow)))),
    x.rows.length < x.matching
      ? h('p', { class: 'pf-more' }, `The first ${x.rows.length} of ${x.matching}. `,
        h('button', { type: 'button', onclick: () => showAll(x.id) }, `Show all ${x.matching}`))
      : null);
}

function diffRow(r: CompareRow): HTMLTableRowElement {
  return h('tr', { class: r.status },
    h('th', { scope: 'row', class: 'mono pf-path' }, r.label, h('span', { class: 'pf-change' }, statusText(r.status))),
    h('td', { class: 'mono', 'data-label': 'A' }, r.a.map((line) => h('div', {}, line))),
    h('td', { class: 'mono', 'data-label': 'B' }, r.b.map((line) => h('div', {}, line))));
}

function badges(it: ProfileListItem | undefined): Content {
  if (!it) return null;
  return [
    h('span', { class: `badge ${it.provenance}` }, it.provenance === 'illustrative' ? 'ILLUSTRATIVE' : 'measured'),
    it.loaded ? [' ', h('span', { class: 'badge loaded' }, 'loaded file')] : null,
  ];
}

/** A profile's name with its provenance badge: everywhere a profile is named. */
function profileName(name: string, it: ProfileListItem | undefined): HTMLElement {
  return h('span', { class: 'pf-name' }, h('code', {}, name), ' ', badges(it));
}

function provenance(it: ProfileListItem | undefined): Content {
  return it ? h('p', { class: 'pf-line' }, it.line) : null;
}

/** The public facts an illustrative profile is shaped after (its answers cite them by id), or nothing. */
function sourcesList(p: NormalizedProfile): Content {
  const sources = p.provenance.kind === 'illustrative' ? p.provenance.sources ?? [] : [];
  if (!sources.length) return null;
  return h('details', { class: 'pf-sources' },
    h('summary', {}, `Shaped after ${sources.length} public facts (not measured by us); answers cite them by id`),
    h('ul', {}, sources.map((x) => h('li', {}, h('code', {}, x.id), ` ${x.confidence}: ${x.fact} `, externalLink(x.url, 'where it is stated')))));
}

function summaryPanel(p: NormalizedProfile, it: ProfileListItem): HTMLElement {
  const s = summarizeProfile(p);
  const words = (xs: string[]) => (xs.length ? xs.join(', ') : '—');
  return h('div', { class: 'pf-summary' },
    h('h3', {}, profileName(p.profile, it)),
    h('p', { class: 'pf-title' }, p.title),
    h('p', { class: it.provenance === 'illustrative' ? 'pf-line pf-illustrative' : 'pf-line' }, it.line),
    sourcesList(p),
    h('div', { class: 'pf-grid' },
      h('section', {},
        h('h4', {}, 'Device'),
        h('dl', { class: 'facts' }, s.facts.map(([k, v]) => [h('dt', {}, k), h('dd', { class: /UUID|LUID/.test(k) ? 'mono' : '' }, v)]))),
      h('section', {},
        h('h4', {}, 'Memory'),
        h('div', { class: 'table-wrap' }, h('table', {},
          h('caption', {}, 'Heaps'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Heap'), h('th', { scope: 'col' }, 'Size'), h('th', { scope: 'col' }, 'Flags'))),
          h('tbody', {}, s.heaps.map((x) => h('tr', {}, h('td', {}, String(x.index)), h('td', { title: `${x.size} bytes` }, x.sizeText), h('td', { class: 'mono' }, x.flags)))))),
        h('div', { class: 'table-wrap' }, h('table', {},
          h('caption', {}, 'Memory types'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Heap'), h('th', { scope: 'col' }, 'Property flags'))),
          h('tbody', {}, s.types.map((x) => h('tr', {}, h('td', {}, String(x.index)), h('td', {}, String(x.heapIndex)), h('td', { class: 'mono' }, x.flags.length ? x.flags.join(' | ') : 'none')))))))),
    h('h4', {}, 'External memory handle types'),
    s.handleTypes.length || s.nvHandleTypes.length
      ? h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Handle type'), h('th', { scope: 'col' }, 'Buffers'), h('th', { scope: 'col' }, 'Images'))),
        h('tbody', {},
          s.handleTypes.map((x) => h('tr', {}, h('td', { class: 'mono' }, x.type), h('td', {}, words(x.buffer)), h('td', {}, words(x.image)))),
          s.nvHandleTypes.map((x) => h('tr', {}, h('td', { class: 'mono' }, x.type), h('td', {}, 'n/a (NV is for images)'), h('td', {}, words(x.image)))))))
      : h('p', {}, 'No capability answer supports any handle type.'),
    h('p', { class: 'pf-note' }, 'What some capability answer allows (for some usage, format or tiling); the chain builder and the resolver ask about the exact resource.'),
    s.handleProperties.length
      ? [h('h4', {}, 'Handle properties'), h('ul', { class: 'pf-plain' }, s.handleProperties.map((x) => h('li', {}, h('code', {}, x.type), `: memoryTypeBits ${x.bits}`)))]
      : null,
    s.dedicated.length
      ? [h('h4', {}, 'Dedicated allocation answers'), h('ul', { class: 'pf-plain' }, s.dedicated.map((x) => h('li', {},
        `${x.resource} with `, h('code', {}, x.types), `: ${x.requires ? 'requires' : x.prefers ? 'prefers' : 'neither requires nor prefers'} a dedicated allocation`)))]
      : null,
    h('h4', {}, `Extensions (${s.extensions.length})`),
    h('ul', { class: 'pf-extensions' }, s.extensions.map((x) => h('li', {}, h('code', {}, x)))),
  );
}
