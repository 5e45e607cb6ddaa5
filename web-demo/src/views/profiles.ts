// The "Profiles" view (#/profiles): the built-in device profiles and those loaded from files, each
// opening into a summary; a captured profile loaded by drop or file input; two profiles compared side
// by side. State: #/profiles?show=NAME or #/profiles?a=NAME&b=NAME (a loaded file cannot travel in a
// link, so the page says which file to load when a link names one it does not have).
import type { View, ViewContext } from '../app/context.js';
import { dropZone, externalLink, h, readFileText, replace } from '../app/dom.js';
import { EXPLORER_LIMITS } from '../logic/limits.js';
import {
  diffModel, loadErrorText, missingProfileText, optionLabel, profileList, readState, summarizeProfile,
  type DiffModel, type ProfileListItem, type ProfilesState,
} from '../logic/profile-view.js';
import type { NormalizedProfile } from '../../../src/profiles/types.js';

/** Anything h() takes as a child. */
type Content = Parameters<typeof h>[2];

export const profilesView: View = {
  mount(root, ctx) {
    new ProfilesPage(root, ctx).start();
  },
};

class ProfilesPage {
  private state: ProfilesState;
  private readonly pickA = h('select', { id: 'pf-a' });
  private readonly pickB = h('select', { id: 'pf-b' });
  private readonly loadStatus = h('div', { class: 'pf-load-status' });
  private readonly comparison = h('section', { class: 'pf-compare-result', 'aria-label': 'Comparison', 'aria-live': 'polite' });
  private readonly listBody = h('tbody');
  /** Bumped on every render of the summary or the comparison, so a late fetch does not draw over a newer one. */
  private generation = 0;

  constructor(private root: HTMLElement, private ctx: ViewContext) {
    this.state = readState(ctx.params);
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

    this.root.append(
      h('h1', { id: 'title-profiles' }, 'Profiles'),
      h('p', { class: 'lede' }, 'A device profile is what one physical device answers about external memory: identity, memory types and heaps, extensions, memory requirements and capability answers. Measured profiles come from a real driver; ILLUSTRATIVE ones are written by hand to show drivers nobody here can run.'),
      h('div', { class: 'columns' },
        h('section', { class: 'card', 'aria-labelledby': 'pf-compare-title' },
          h('h2', { id: 'pf-compare-title' }, 'Compare two profiles'),
          h('div', { class: 'toolbar' },
            h('label', { for: 'pf-a' }, 'Profile A', this.pickA),
            h('label', { for: 'pf-b' }, 'Profile B', this.pickB),
            h('button', { type: 'button', class: 'primary', onclick: () => this.compareChosen() }, 'Compare'),
            h('button', { type: 'button', onclick: () => this.swap() }, 'Swap'))),
        h('section', { class: 'card', 'aria-labelledby': 'pf-load-title' },
          h('h2', { id: 'pf-load-title' }, 'Load a captured profile'),
          drop,
          this.loadStatus)),
      this.comparison,
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
    this.ctx.setParams({ show: this.state.show, a: this.state.a, b: this.state.b });
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
    if (!a || !b) { replace(this.comparison); return; }
    const missing = [a, b].filter((n) => !this.has(n));
    if (missing.length) {
      replace(this.comparison, h('div', { class: 'card' }, [...new Set(missing)].map((n) => h('p', { class: 'error-box', role: 'alert' }, missingProfileText(n)))));
      return;
    }
    replace(this.comparison, h('p', { class: 'loading' }, `Comparing ${a} with ${b}…`));
    try {
      const [pa, pb] = await Promise.all([this.ctx.library.profile(a), this.ctx.library.profile(b)]);
      if (mine !== this.generation) return;
      replace(this.comparison, this.diffCard(pa, pb, diffModel(pa, pb)));
    } catch (e) {
      if (mine === this.generation) replace(this.comparison, h('p', { class: 'error-box', role: 'alert' }, `The comparison could not be made: ${(e as Error).message}`));
    }
  }

  private diffCard(pa: NormalizedProfile, pb: NormalizedProfile, m: DiffModel): HTMLElement {
    const side = (label: string, p: NormalizedProfile) => {
      const item = this.items().find((x) => x.name === p.profile);
      return h('div', { class: 'pf-side' }, h('div', { class: 'pf-side-label' }, label), profileName(p.profile, item), h('p', { class: 'pf-title' }, p.title), provenance(item));
    };
    const total = m.differences === 0
      ? h('p', { class: 'verdict ok' }, `Identical: both answer every compared question alike (${m.same} entries). Names, titles and provenance are not compared.`)
      : h('p', { class: 'verdict warn' }, `${m.differences} difference${m.differences === 1 ? '' : 's'}; ${m.same} entries the same in both. Names, titles and provenance are not compared.`);
    return h('div', { class: 'card pf-diff' },
      h('h2', {}, 'Comparison'),
      h('div', { class: 'columns pf-sides' }, side('A', pa), side('B', pb)),
      total,
      m.sections.map((s) => h('details', { class: 'pf-section', open: s.rows.length > 0, 'data-section': s.id },
        h('summary', {}, h('span', { class: 'pf-section-title' }, s.title), ' ',
          h('span', { class: 'pf-section-count' }, s.rows.length ? `${s.rows.length} difference${s.rows.length === 1 ? '' : 's'} · ${s.same} same in both` : `same in both (${s.same})`)),
        s.rows.length
          ? h('div', { class: 'table-wrap' }, h('table', { class: 'pf-diff-table' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Path'), h('th', { scope: 'col' }, `A: ${pa.profile}`), h('th', { scope: 'col' }, `B: ${pb.profile}`))),
            h('tbody', {}, s.rows.map((r) => h('tr', { class: r.change },
              h('td', { class: 'mono pf-path' }, r.path, h('span', { class: 'pf-change' }, r.change === 'changed' ? 'changed' : r.change === 'only-a' ? 'only in A' : 'only in B')),
              h('td', { class: 'mono', 'data-label': 'A' }, r.a),
              h('td', { class: 'mono', 'data-label': 'B' }, r.b))))))
          : h('p', { class: 'pf-same' }, 'Nothing differs here.'))));
  }

  // -------------------------------------------------------------------------------------------
  // Loading a file

  private async loadFile(file: File): Promise<void> {
    replace(this.loadStatus, h('p', { class: 'loading' }, `Reading ${file.name}…`));
    let p: NormalizedProfile;
    try {
      const text = await readFileText(file, EXPLORER_LIMITS.profileBytes, 'profile files');
      p = this.ctx.library.addProfile(text, file.name);
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
