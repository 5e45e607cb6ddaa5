// The comparison of two handle types (#/types?compare=A,B): one row per fact, both values side by side,
// each row saying in words whether the two differ; "hide equal" leaves only the differences. On a phone
// the rows stack (CSS), each value labelled with its type.
import { h, specLink } from '../../app/dom.js';
import { vuidUrl } from '../../../../src/core/findings.js';
import { rulesText, type Comparison } from '../../logic/handle-type-compare.js';
import { withVuidLinks, type Content } from './text.js';

export interface CompareActions {
  hideEqual: boolean;
  setHideEqual(hide: boolean): void;
  swap(): void;
  close(): void;
}

export const COMPARE_TITLE_ID = 'ht-compare-title';

export function comparePanel(cmp: Comparison, actions: CompareActions): HTMLElement {
  const a = cmp.a.key;
  const b = cmp.b.key;
  const hidden = actions.hideEqual ? cmp.rows - cmp.differ : 0;
  const rows = [
    ...cmp.facts.map((f) => factRow(f.id, f.label, f.same, a, b, withVuidLinks(f.a), withVuidLinks(f.b))),
    factRow('rules', 'Rules (VUIDs)', cmp.rules.same, a, b, rulesCell(cmp.rules.a, cmp.rules.onlyA, b), rulesCell(cmp.rules.b, cmp.rules.onlyB, a)),
  ].filter((row) => !(actions.hideEqual && row.classList.contains('same')));
  return h('section', { class: 'ht-compare card', 'aria-labelledby': COMPARE_TITLE_ID },
    h('div', { class: 'ht-compare-head' },
      h('h2', { id: COMPARE_TITLE_ID, tabindex: -1 }, a, h('span', { class: 'ht-vs' }, ' compared with '), b),
      h('div', { class: 'ht-compare-tools' },
        h('label', { class: 'ht-hide-equal' },
          h('input', { type: 'checkbox', id: 'ht-hide-equal', checked: actions.hideEqual, onchange: (e: Event) => actions.setHideEqual((e.target as HTMLInputElement).checked) }),
          ' Hide facts that are the same'),
        h('button', { type: 'button', 'data-action': 'swap', onclick: () => actions.swap() }, 'Swap sides'),
        h('button', { type: 'button', onclick: () => actions.close() }, 'Close comparison'))),
    h('p', { class: 'ht-compare-summary' },
      `${cmp.differ} of ${cmp.rows} facts differ`,
      hidden ? `; the ${hidden} that are the same are hidden.` : '; rows that differ are marked "differs".'),
    h('div', { class: 'ht-compare-wrap' },
      h('table', { class: 'ht-compare-table', 'aria-labelledby': COMPARE_TITLE_ID },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Fact'), h('th', { scope: 'col' }, a), h('th', { scope: 'col' }, b))),
        h('tbody', {}, rows))),
  );
}

function factRow(id: string, label: string, same: boolean, a: string, b: string, va: Content[], vb: Content[]): HTMLTableRowElement {
  return h('tr', { class: same ? 'same' : 'differs', 'data-fact': id },
    h('th', { scope: 'row' }, label, ' ',
      same
        ? h('span', { class: 'ht-verdict' }, 'same')
        : h('span', { class: 'ht-verdict badge' }, h('span', { 'aria-hidden': 'true' }, '≠ '), 'differs')),
    h('td', { 'data-type': a }, va),
    h('td', { 'data-type': b }, vb));
}

/** How many rules a type has, and the ones the other type does not, as spec links. */
function rulesCell(count: number, only: string[], other: string): Content[] {
  return [
    rulesText(count, only, other),
    only.length ? h('ul', { class: 'ht-only' }, only.map((v) => h('li', {}, v.startsWith('VUID-') ? specLink(vuidUrl(v), v) : h('span', { class: 'vuid' }, v)))) : null,
  ];
}
