// The "Handle types" view (#/types, the default page): the handle-type catalogue as a filterable
// table; each row opens into what the type is, how its handles live and die, the import rules in our
// words, and the rules (VUIDs) of the core that involve it. State: #/types?open=D3D12_HEAP&family=KHR&platform=Windows&q=…
import type { View, ViewContext } from '../app/context.js';
import { h, replace, specLink } from '../app/dom.js';
import type { HandleTypeInfo } from '../../../src/catalogue.js';
import { vuidUrl, type RuleInfo } from '../../../src/core/findings.js';
import { formatHash } from '../logic/url-state.js';
import {
  allocationSizeText, dedicatedText, opaqueText, filterParams, filterTypes, findType, groupRules, handleBadgeClass, handleKindLabel,
  handleSemantics, importByNameText, importLinkParams, platforms, readFilter, rulesFor, typeKey, uuidText, type TypeFilter,
} from '../logic/handle-type-facts.js';

/** The core's rule list and reason texts: the same for every validator, so read once per page. */
let coreTexts: Promise<{ rules: RuleInfo[]; reasons: string[] }> | undefined;
function loadCoreTexts(ctx: ViewContext) {
  coreTexts ??= ctx.validator().then((v) => ({ rules: v.rules, reasons: v.reasons }));
  return coreTexts;
}

const COLUMNS = ['Handle type', 'Family', 'Platform', 'Handle', 'Opaque', 'By name', 'allocationSize on import'];
/** Columns a phone leaves out (the open panel says the same). */
const OPTIONAL = new Set(['Family', 'Opaque', 'By name', 'allocationSize on import']);
const cellClass = (column: string) => (OPTIONAL.has(column) ? 'ht-optional' : null);

export const handleTypesView: View = {
  async mount(root, ctx) {
    root.append(
      h('h1', { id: 'title-types' }, 'Handle types'),
      h('p', { class: 'lede' }, 'Every external memory handle type Vulkan defines, in VkExternalMemoryHandleTypeFlagBits and in VK_NV_external_memory: what OS object it stands for, who owns it after an import, and the rules the model checks for it. Open a row for the details and its VUIDs.'),
    );
    const [types, core] = await Promise.all([ctx.handleTypes(), loadCoreTexts(ctx)]);
    new HandleTypesPage(root, ctx, types, core.rules, core.reasons).start();
  },
};

class HandleTypesPage {
  private filter: TypeFilter;
  private open: string | undefined;
  private readonly count = h('p', { class: 'ht-count', 'aria-live': 'polite' });
  private readonly body = h('tbody');
  private readonly family: HTMLSelectElement;
  private readonly platform: HTMLSelectElement;
  private readonly search: HTMLInputElement;

  constructor(private root: HTMLElement, private ctx: ViewContext, private types: HandleTypeInfo[], private rules: RuleInfo[], private reasons: string[]) {
    this.filter = readFilter(ctx.params, types);
    // A link may name a row that no longer exists: it simply opens nothing.
    this.open = findType(types, ctx.params.open) ? ctx.params.open : undefined;
    const changed = () => this.readControls();
    this.family = h('select', { id: 'ht-family', onchange: changed },
      h('option', { value: '' }, 'All families'),
      h('option', { value: 'KHR' }, 'KHR (VkExternalMemoryHandleTypeFlagBits)'),
      h('option', { value: 'NV' }, 'NV (VK_NV_external_memory)'));
    this.platform = h('select', { id: 'ht-platform', onchange: changed },
      h('option', { value: '' }, 'All platforms'),
      platforms(types).map((p) => h('option', { value: p }, p)));
    this.search = h('input', { id: 'ht-search', type: 'search', placeholder: 'name, D3D12, CloseHandle…', autocomplete: 'off', oninput: changed });
  }

  start(): void {
    this.family.value = this.filter.family ?? '';
    this.platform.value = this.filter.platform ?? '';
    this.search.value = this.filter.q ?? '';
    this.root.append(
      h('div', { class: 'toolbar ht-filters', role: 'search', 'aria-label': 'Filter handle types' },
        h('label', { for: 'ht-family' }, 'Family', this.family),
        h('label', { for: 'ht-platform' }, 'Platform', this.platform),
        h('label', { for: 'ht-search', class: 'ht-search' }, 'Search', this.search),
        h('button', { type: 'button', onclick: () => this.clearFilters() }, 'Clear filters')),
      this.count,
      h('div', { class: 'table-wrap' },
        h('table', { class: 'ht-table', 'aria-labelledby': 'title-types' },
          h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', { scope: 'col', class: cellClass(c) }, c)))),
          this.body)),
    );
    this.render();
    if (this.open) this.toggleButton(this.open)?.scrollIntoView({ block: 'start' });
  }

  private readControls(): void {
    const family = this.family.value;
    this.filter = { family: family === 'KHR' || family === 'NV' ? family : undefined, platform: this.platform.value || undefined, q: this.search.value || undefined };
    this.render();
    this.saveState();
  }

  private clearFilters(): void {
    this.family.value = '';
    this.platform.value = '';
    this.search.value = '';
    this.readControls();
  }

  private saveState(): void {
    this.ctx.setParams(filterParams(this.filter, this.open));
  }

  private toggleButton(key: string): HTMLButtonElement | null {
    return this.body.querySelector(`button[data-key="${CSS.escape(key)}"]`);
  }

  private render(): void {
    const shown = filterTypes(this.types, this.filter);
    const q = this.filter.q?.trim();
    replace(this.count, shown.length
      ? `${shown.length} of ${this.types.length} handle types`
      : q ? `No handle type matches "${q}".` : 'No handle type matches these filters.');
    replace(this.body, shown.map((t) => this.rows(t)));
  }

  private rows(t: HandleTypeInfo): HTMLTableRowElement[] {
    const key = typeKey(t);
    const isOpen = key === this.open;
    const panelId = `ht-details-${key}`;
    const row = h('tr', { class: isOpen ? 'row-open' : '' },
      h('th', { scope: 'row' },
        h('button', { type: 'button', class: 'row-toggle', 'data-key': key, 'aria-expanded': String(isOpen), 'aria-controls': isOpen ? panelId : null, title: t.name, onclick: () => this.toggle(key) },
          h('span', { class: 'ht-chevron', 'aria-hidden': 'true' }, isOpen ? '▾' : '▸'), h('span', { class: 'ht-name' }, key))),
      h('td', { class: cellClass('Family') }, t.family),
      h('td', {}, t.platform),
      h('td', {}, h('span', { class: `badge ${handleBadgeClass(t)}` }, handleKindLabel(t))),
      h('td', { class: cellClass('Opaque') }, t.opaque ? 'yes' : 'no'),
      h('td', { class: cellClass('By name') }, t.importByName ? 'yes' : 'no'),
      h('td', { class: cellClass('allocationSize on import') }, t.allocationSize));
    if (!isOpen) return [row];
    return [row, h('tr', { class: 'details', id: panelId }, h('td', { colspan: COLUMNS.length }, this.panel(t)))];
  }

  private toggle(key: string): void {
    this.open = this.open === key ? undefined : key;
    this.render();
    this.saveState();
    this.toggleButton(key)?.focus();
  }

  /** Opens another row from a link in a panel, clearing filters that would hide it. */
  private openRow(key: string): void {
    const t = findType(this.types, key);
    if (!t) return;
    if (!filterTypes([t], this.filter).length) {
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

  private panel(t: HandleTypeInfo): HTMLElement {
    const key = typeKey(t);
    const counterpart = t.counterpart ? this.types.find((x) => x.name === t.counterpart && x.family !== t.family) : undefined;
    const link = importLinkParams(t, this.ctx.library.profileNames());
    const enumName = t.family === 'NV' ? 'VkExternalMemoryHandleTypeFlagBitsNV' : 'VkExternalMemoryHandleTypeFlagBits';
    const lines = rulesFor(t, this.rules);
    const groups = groupRules(t, lines);
    return h('div', { class: 'ht-panel' },
      h('h2', { class: 'ht-panel-title' }, key, ' ', h('span', { class: `badge ${handleBadgeClass(t)}` }, handleKindLabel(t))),
      h('dl', { class: 'facts' },
        fact('Enumerant', h('code', {}, t.name), ` = 0x${t.bit.toString(16)} in ${enumName} (${t.family} family, platform: ${t.platform})`),
        fact('What the handle is', handleSemantics(t)),
        fact('Opaque payload', opaqueText(t)),
        fact('Made by', t.producedBy.length ? t.producedBy.map((p, i) => [i ? ', ' : '', h('code', {}, p)]) : 'nothing in the model'),
        fact('Exports per memory object', withVuidLinks(t.exportsPerMemory)),
        fact('Owner after a successful import', t.ownershipAfterImport || 'not modelled for this platform'),
        fact('Import by name', importByNameText(t)),
        fact('allocationSize', allocationSizeText(t)),
        fact('Dedicated allocation', withVuidLinks(dedicatedText(t, this.reasons))),
        fact('Exporter and importer', uuidText(t)),
        fact('Counterpart', counterpart
          ? h('a', { href: formatHash('types', { open: typeKey(counterpart) }), onclick: (e: Event) => { e.preventDefault(); this.openRow(typeKey(counterpart)); } }, typeKey(counterpart), ` (${counterpart.family})`)
          : `none: ${t.family === 'NV' ? 'no KHR type' : 'VK_NV_external_memory has no type'} for the same object`),
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
}

/** Anything h() takes as a child. */
type Content = Parameters<typeof h>[2];

/** Text with every VUID in it turned into a link to the specification. */
function withVuidLinks(text: string): Content[] {
  return text.split(/(VUID-[A-Za-z0-9_]+-[A-Za-z0-9_]+-\d+)/).map((part, i) => (i % 2 ? specLink(vuidUrl(part), part) : part));
}

/** One term and its description in the panel's fact list. */
function fact(label: string, ...value: Content[]): HTMLElement[] {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}
