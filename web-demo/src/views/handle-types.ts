// The "Handle types" view (#/types, the default page): the handle-type catalogue as a searchable,
// sortable table; each row opens into what the type is, how its handles live and die, the import rules
// in our words, and the rules (VUIDs) of the core that involve it; two rows ticked "Compare" open side by
// side. State: #/types?open=D3D12_HEAP&family=KHR&platform=Windows&q=…&sort=platform&dir=desc&compare=A,B&equal=hide
import type { View, ViewContext } from '../app/context.js';
import { h, replace, specLink } from '../app/dom.js';
import type { RuleInfo } from '../../../src/core/findings.js';
import { formatHash } from '../logic/url-state.js';
import {
  counterpartKey, enumerationName, filterParams, findType, groupRules, handleBadgeClass, handleKindLabel, importLinkParams, platforms,
  readFilter, rulesFor, typeSheet, type TypeFact, type TypeFilter, type TypeSheet,
} from '../logic/handle-type-facts.js';
import { EXAMPLE_QUERIES, parseQuery, searchTypes, type TypeMatch } from '../logic/handle-type-search.js';
import { COLUMNS, ariaSort, nextSort, orderText, readSort, sortParams, sortTypes, type ColumnId, type SortOrder } from '../logic/handle-type-sort.js';
import { oftenCompared, compareSheets, pairParam, readPair, togglePick } from '../logic/handle-type-compare.js';
import { COMPARE_TITLE_ID, comparePanel } from './handle-types/compare-panel.js';
import { hitLine, withVuidLinks, type Content } from './handle-types/text.js';

/** The core's rule list and reason texts: the same for every validator, so read once per page. */
let coreTexts: Promise<{ rules: RuleInfo[]; reasons: string[] }> | undefined;
function loadCoreTexts(ctx: ViewContext) {
  coreTexts ??= ctx.validator().then((v) => ({ rules: v.rules, reasons: v.reasons }));
  return coreTexts;
}

const cellClass = (optional: boolean) => (optional ? 'ht-optional' : null);
/** The sort columns and the Compare column. */
const COLUMN_COUNT = COLUMNS.length + 1;

export const handleTypesView: View = {
  async mount(root, ctx) {
    root.append(
      h('h1', { id: 'title-types' }, 'Handle types'),
      h('p', { class: 'lede' }, 'Every external memory handle type Vulkan defines, in VkExternalMemoryHandleTypeFlagBits and in VK_NV_external_memory: what OS object it stands for, who owns it after an import, and the rules the model checks for it. Open a row for the details and its VUIDs; tick two rows to compare them.'),
    );
    const [types, core] = await Promise.all([ctx.handleTypes(), loadCoreTexts(ctx)]);
    const sheets = types.map((t) => typeSheet(t, core.reasons, core.rules));
    new HandleTypesPage(root, ctx, sheets, core.rules).start();
  },
};

class HandleTypesPage {
  private filter: TypeFilter;
  private open: string | undefined;
  private sort: SortOrder | undefined;
  /** The types ticked for comparison (two open the comparison). */
  private picked: string[];
  private hideEqual: boolean;
  private readonly count = h('p', { class: 'ht-count', 'aria-live': 'polite' });
  private readonly empty = h('div', { class: 'ht-empty' });
  private readonly order = h('p', { class: 'ht-order' });
  private readonly compareSlot = h('div', { class: 'ht-compare-slot' });
  private readonly headRow = h('tr');
  private readonly body = h('tbody');
  private readonly family: HTMLSelectElement;
  private readonly platform: HTMLSelectElement;
  private readonly search: HTMLInputElement;

  constructor(private root: HTMLElement, private ctx: ViewContext, private sheets: TypeSheet[], private rules: RuleInfo[]) {
    const types = sheets.map((s) => s.type);
    const p = ctx.params;
    this.filter = readFilter(p, types);
    // A link may name a row that no longer exists: it simply opens nothing.
    this.open = findType(types, p.open) ? p.open : undefined;
    this.sort = readSort(p);
    this.picked = readPair(p.compare, types);
    this.hideEqual = p.equal === 'hide';
    const changed = () => this.readControls();
    this.family = h('select', { id: 'ht-family', onchange: changed },
      h('option', { value: '' }, 'All families'),
      h('option', { value: 'KHR' }, 'KHR (VkExternalMemoryHandleTypeFlagBits)'),
      h('option', { value: 'NV' }, 'NV (VK_NV_external_memory)'));
    this.platform = h('select', { id: 'ht-platform', onchange: changed },
      h('option', { value: '' }, 'All platforms'),
      platforms(types).map((x) => h('option', { value: x }, x)));
    this.search = h('input', { id: 'ht-search', type: 'search', placeholder: 'name, by name, dedicated, CloseHandle, VUID…', autocomplete: 'off', oninput: changed });
  }

  start(): void {
    this.family.value = this.filter.family ?? '';
    this.platform.value = this.filter.platform ?? '';
    this.search.value = this.filter.q ?? '';
    const pairs = oftenCompared(this.sheets.map((s) => s.type)).filter((pair) => pair.every((k) => this.sheetOf(k)));
    this.root.append(
      h('div', { class: 'toolbar ht-filters', role: 'search', 'aria-label': 'Filter handle types' },
        h('label', { for: 'ht-family' }, 'Family', this.family),
        h('label', { for: 'ht-platform' }, 'Platform', this.platform),
        h('label', { for: 'ht-search', class: 'ht-search' }, 'Search', this.search),
        h('button', { type: 'button', onclick: () => this.clearFilters() }, 'Clear filters')),
      h('p', { class: 'ht-often' }, 'Often compared: ', pairs.map(([a, b], i) => [i ? ' · ' : '',
        h('a', { href: formatHash('types', { compare: `${a},${b}` }), onclick: (e: Event) => { e.preventDefault(); this.comparePair([a, b]); } }, `${a} vs ${b}`)])),
      this.compareSlot,
      this.count,
      this.empty,
      h('div', { class: 'table-wrap' },
        h('table', { class: 'ht-table', 'aria-labelledby': 'title-types' }, h('thead', {}, this.headRow), this.body)),
      this.order,
    );
    this.renderHead();
    this.render();
    this.renderCompare();
    if (this.open) this.toggleButton(this.open)?.scrollIntoView({ block: 'start' });
  }

  private sheetOf(key: string): TypeSheet | undefined {
    return this.sheets.find((s) => s.key === key);
  }

  private readControls(): void {
    const family = this.family.value;
    this.filter = { family: family === 'KHR' || family === 'NV' ? family : undefined, platform: this.platform.value || undefined, q: this.search.value || undefined };
    this.render();
    this.saveState();
  }

  private setControls(filter: TypeFilter): void {
    this.family.value = filter.family ?? '';
    this.platform.value = filter.platform ?? '';
    this.search.value = filter.q ?? '';
    this.readControls();
  }

  private clearFilters(): void {
    this.setControls({});
  }

  private saveState(): void {
    this.ctx.setParams({
      ...filterParams(this.filter, this.open),
      ...sortParams(this.sort),
      compare: pairParam(this.picked),
      equal: this.hideEqual ? 'hide' : undefined,
    });
  }

  private toggleButton(key: string): HTMLButtonElement | null {
    return this.body.querySelector(`button[data-key="${CSS.escape(key)}"]`);
  }

  // -------------------------------------------------------------------------------------------
  // The table

  private renderHead(): void {
    replace(this.headRow,
      COLUMNS.map((c) => {
        const sorted = ariaSort(this.sort, c.id);
        return h('th', { scope: 'col', class: cellClass(c.optional), 'aria-sort': sorted },
          h('button', { type: 'button', class: 'ht-sort', 'data-column': c.id, onclick: () => this.sortBy(c.id) },
            c.label, h('span', { class: 'ht-sort-mark', 'aria-hidden': 'true' }, sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕')));
      }),
      h('th', { scope: 'col', class: 'ht-pick-col' }, 'Compare'));
    replace(this.order, orderText(this.sort),
      this.sort ? [' ', h('button', { type: 'button', class: 'ht-link', onclick: () => this.sortBy(undefined) }, 'Back to catalogue order')] : null);
  }

  private sortBy(column: ColumnId | undefined): void {
    this.sort = column ? nextSort(this.sort, column) : undefined;
    this.renderHead();
    this.render();
    this.saveState();
    const button = column ? this.headRow.querySelector<HTMLButtonElement>(`button[data-column="${column}"]`) : this.headRow.querySelector<HTMLButtonElement>('button.ht-sort');
    button?.focus();
  }

  private render(): void {
    const shown = sortTypes(searchTypes(this.sheets, this.filter), this.sort, (m) => m.sheet.type);
    const q = this.filter.q?.trim();
    replace(this.count, shown.length
      ? `${shown.length} of ${this.sheets.length} handle types`
      : q ? `No handle type matches "${q}".` : 'No handle type matches these filters.');
    replace(this.empty, shown.length ? null : this.emptyState());
    replace(this.body, shown.map((m) => this.rows(m)));
  }

  /** What to try when nothing matches: how search reads, wider filters, queries that find something. */
  private emptyState(): Content[] {
    const { family, platform, q } = this.filter;
    const everywhere = family || platform ? searchTypes(this.sheets, { q }).length : 0;
    return [
      h('p', {}, 'The search reads each type\'s name and every fact this page states about it: what the handle is, who owns it after an import, import by name, dedicated allocation, platform, extension, its VUIDs. Every word must match.'),
      parseQuery(q).length > 1 ? h('p', {}, 'Fewer words find more.') : null,
      everywhere ? h('p', {}, h('button', { type: 'button', onclick: () => this.setControls({ q }) }, `Show the ${everywhere} match${everywhere === 1 ? '' : 'es'} in every family and platform`)) : null,
      h('p', {}, 'Try: ', EXAMPLE_QUERIES.map((x, i) => [i ? ' ' : '', h('button', { type: 'button', class: 'ht-try', onclick: () => { this.setControls({ q: x }); this.search.focus(); } }, x)])),
    ];
  }

  private rows(m: TypeMatch): HTMLTableRowElement[] {
    const t = m.sheet.type;
    const key = m.sheet.key;
    const isOpen = key === this.open;
    const panelId = `ht-details-${key}`;
    const optional = (id: ColumnId) => cellClass(COLUMNS.find((c) => c.id === id)!.optional);
    const row = h('tr', { class: isOpen ? 'row-open' : '', 'data-key': key },
      h('th', { scope: 'row' },
        h('button', { type: 'button', class: 'row-toggle', 'data-key': key, 'aria-expanded': String(isOpen), 'aria-controls': isOpen ? panelId : null, title: t.name, onclick: () => this.toggle(key) },
          h('span', { class: 'ht-chevron', 'aria-hidden': 'true' }, isOpen ? '▾' : '▸'), h('span', { class: 'ht-name' }, breakable(key))),
        // Found through a fact rather than the name: say which, so the row is not a mystery.
        m.hits.map(hitLine)),
      h('td', { class: optional('family') }, t.family),
      h('td', {}, t.platform),
      h('td', {}, h('span', { class: `badge ${handleBadgeClass(t)}` }, handleKindLabel(t))),
      h('td', { class: optional('opaque') }, t.opaque ? 'yes' : 'no'),
      h('td', { class: optional('byName') }, t.importByName ? 'yes' : 'no'),
      h('td', { class: optional('allocationSize') }, t.allocationSize),
      h('td', { class: 'ht-pick-col' },
        h('input', { type: 'checkbox', class: 'ht-pick', 'data-key': key, 'aria-label': `Compare ${key}`, checked: this.picked.includes(key), onchange: () => this.pick(key) })));
    if (!isOpen) return [row];
    return [row, h('tr', { class: 'details', id: panelId }, h('td', { colspan: COLUMN_COUNT }, this.panel(m.sheet)))];
  }

  private toggle(key: string): void {
    this.open = this.open === key ? undefined : key;
    this.render();
    this.saveState();
    this.toggleButton(key)?.focus();
  }

  /** Opens another row from a link in a panel, clearing filters that would hide it. */
  private openRow(key: string): void {
    const sheet = this.sheetOf(key);
    if (!sheet) return;
    if (!searchTypes([sheet], this.filter).length) {
      this.family.value = '';
      this.platform.value = '';
      this.search.value = '';
      this.filter = {};
    }
    this.open = key;
    this.render();
    this.saveState();
    const button = this.toggleButton(key);
    button?.focus();
    button?.scrollIntoView({ block: 'start' });
  }

  // -------------------------------------------------------------------------------------------
  // The comparison

  /** A Compare box ticked or unticked; the second tick opens the comparison and moves there. */
  private pick(key: string): void {
    const adding = !this.picked.includes(key);
    this.picked = togglePick(this.picked, key);
    this.render();
    this.renderCompare();
    this.saveState();
    if (adding && this.picked.length === 2) this.focusComparison();
    else this.body.querySelector<HTMLInputElement>(`input.ht-pick[data-key="${CSS.escape(key)}"]`)?.focus();
  }

  private comparePair(pair: string[]): void {
    this.picked = pair;
    this.render();
    this.renderCompare();
    this.saveState();
    this.focusComparison();
  }

  private focusComparison(): void {
    const title = document.getElementById(COMPARE_TITLE_ID);
    title?.focus({ preventScroll: true });
    title?.scrollIntoView({ block: 'start' });
  }

  private renderCompare(): void {
    const [a, b] = this.picked.map((k) => this.sheetOf(k)!);
    if (!a) return replace(this.compareSlot);
    if (!b) {
      return replace(this.compareSlot, h('p', { class: 'ht-pick-note' },
        `${a.key} is ticked for comparison: tick Compare on another row to set the two side by side. `,
        h('button', { type: 'button', class: 'ht-link', onclick: () => this.comparePair([]) }, 'Untick')));
    }
    const again = (focus: string) => {
      this.render();
      this.renderCompare();
      this.saveState();
      this.compareSlot.querySelector<HTMLElement>(focus)?.focus();
    };
    replace(this.compareSlot, comparePanel(compareSheets(a, b), {
      hideEqual: this.hideEqual,
      setHideEqual: (hide) => { this.hideEqual = hide; again('#ht-hide-equal'); },
      swap: () => { this.picked = [b.key, a.key]; again('button[data-action="swap"]'); },
      close: () => {
        this.comparePair([]);
        this.body.querySelector<HTMLInputElement>(`input.ht-pick[data-key="${CSS.escape(a.key)}"]`)?.focus();
      },
    }));
  }

  // -------------------------------------------------------------------------------------------
  // The open row's panel

  private panel(sheet: TypeSheet): HTMLElement {
    const t = sheet.type;
    const key = sheet.key;
    const link = importLinkParams(t, this.ctx.library.profileNames());
    const lines = rulesFor(t, this.rules);
    const groups = groupRules(t, lines);
    return h('div', { class: 'ht-panel' },
      h('h2', { class: 'ht-panel-title' }, key, ' ', h('span', { class: `badge ${handleBadgeClass(t)}` }, handleKindLabel(t))),
      h('dl', { class: 'facts' },
        sheet.facts.filter((f) => f.id !== 'rules').map((f) => fact(f.label, ...this.factValue(sheet, f))),
        fact('Try it', link
          ? [h('a', { href: formatHash('resolve', link) }, `Resolve an import of ${key}`), ' · ', h('a', { href: formatHash('chain', link) }, 'Try it in the chain builder')]
          : 'The import resolver and the chain builder do not build this source.'),
      ),
      h('h3', { class: 'ht-rules-title' }, `Rules that involve ${key} (${lines.length})`),
      lines.length
        ? h('p', { class: 'ht-note' }, 'Each rule as the model reports it, with "…" where a finding shows the actual values. VUIDs link to the specification.')
        : h('p', { class: 'ht-note' }, 'The model has no rules for this type: it lists the type so the whole enumeration is named, but does not simulate its platform.'),
      groups.map((g) => h('section', { class: 'ht-rule-group' },
        h('h4', {}, g.title),
        h('ul', { class: 'ht-rules' }, g.rules.map((r) => h('li', {},
          r.url ? specLink(r.url, r.vuid) : h('span', { class: 'vuid' }, r.vuid),
          r.undecidableByDesign ? [' ', h('span', { class: 'badge' }, 'not decidable from a trace')] : null,
          h('div', { class: 'msg' }, r.text),
          r.more.length ? h('div', { class: 'ht-more' }, 'Also reported as:', h('ul', {}, r.more.map((m) => h('li', {}, m)))) : null,
        ))))),
    );
  }

  /** A fact as the panel shows it: names in code, the counterpart as a link, VUIDs as spec links. */
  private factValue(sheet: TypeSheet, f: TypeFact): Content[] {
    const t = sheet.type;
    switch (f.id) {
      case 'enumerant':
        return [h('code', {}, t.name), ` = 0x${t.bit.toString(16)} in ${enumerationName(t)} (${t.family} family)`];
      case 'producedBy':
        return t.producedBy.length ? t.producedBy.map((p, i) => [i ? ', ' : '', h('code', {}, p)]) : [f.text];
      case 'counterpart': {
        const other = counterpartKey(t);
        if (!other || !this.sheetOf(other)) return [f.text];
        return [h('a', { href: formatHash('types', { open: other }), onclick: (e: Event) => { e.preventDefault(); this.openRow(other); } }, f.text)];
      }
      default:
        return withVuidLinks(f.text);
    }
  }
}

/** A name that a narrow column may break after any underscore (OPAQUE_ / WIN32_ / KMT), not inside a word. */
function breakable(name: string): Content[] {
  return name.split('_').flatMap((part, i) => (i ? ['_', h('wbr'), part] : [part]));
}

/** One term and its description in the panel's fact list. */
function fact(label: string, ...value: Content[]): HTMLElement[] {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}
