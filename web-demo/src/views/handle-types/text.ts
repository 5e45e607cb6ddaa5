// Text pieces the handle-types view and its comparison share: VUIDs as spec links, search excerpts.
import { h, specLink } from '../../app/dom.js';
import { vuidUrl } from '../../../../src/core/findings.js';
import type { FactHit } from '../../logic/handle-type-search.js';

/** Anything h() takes as a child. */
export type Content = Parameters<typeof h>[2];

/** Text with every VUID in it turned into a link to the specification. */
export function withVuidLinks(text: string): Content[] {
  return text.split(/(VUID-[A-Za-z0-9_]+-[A-Za-z0-9_]+-\d+)/).map((part, i) => (i % 2 ? specLink(vuidUrl(part), part) : part));
}

/** "Import by name: … gives the payload a name …", the matching words in <mark>. */
export function hitLine(hit: FactHit): HTMLElement {
  return h('div', { class: 'ht-hit', 'data-fact': hit.fact },
    h('span', { class: 'ht-hit-label' }, `${hit.label}: `),
    hit.parts.map((p) => (p.mark ? h('mark', {}, p.text) : p.text)));
}
