// The one way views make DOM: elements and text nodes, never HTML strings. Anything that came from a
// file, a URL or the user is set as text (or as an attribute value), so markup in it stays text.

import { SPEC_URL, SPEC_LINE, SPEC_VERSION, versionedSpecUrl, latestSpecUrl } from '../../../src/core/spec-links.js';

type Child = Node | string | number | false | null | undefined | Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

const SVG_NS = 'http://www.w3.org/2000/svg';

function build<E extends Element>(el: E, attrs: Attrs | undefined, children: Child[]): E {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    // `href` is the one attribute that could carry script: only our own links and https are kept.
    else if (k === 'href' && !/^(#|https:\/\/|[a-z0-9./-]+$)/i.test(String(v))) continue;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** An HTML element: `h('button', { class: 'x', onclick: f }, 'text')`. Event handlers are `on…` keys. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K] {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element (the timeline picture). */
export function s(tag: string, attrs?: Attrs, ...children: Child[]): SVGElement {
  return build(document.createElementNS(SVG_NS, tag) as SVGElement, attrs, children);
}

/** Replaces an element's children. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/**
 * A link to the specification (opens in a new tab). A link into the newest specification (what the
 * library's findings carry) goes to the version line the rules were written against instead, with a
 * small "latest" link beside it: a VUID can be reworded or moved in a later version.
 */
export function specLink(url: string, text: string): HTMLElement {
  const anchor = url.startsWith(`${SPEC_URL}#`) ? url.slice(SPEC_URL.length + 1) : undefined;
  const link = (href: string, label: string, attrs: Record<string, string> = {}) => h('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'spec', ...attrs }, label);
  if (anchor === undefined) return link(url, text);
  return h('span', { class: 'spec-links' },
    link(versionedSpecUrl(anchor), text, { title: `In the Vulkan ${SPEC_LINE} specification, which the rules were written against (${SPEC_VERSION})` }),
    ' ', link(latestSpecUrl(anchor), 'latest', { class: 'spec latest', 'aria-label': `${text} in the latest specification` }));
}

/** A link to a page outside the explorer, where a fact was stated (opens in a new tab). */
export function externalLink(url: string, text: string): HTMLAnchorElement {
  return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'ext' }, text);
}

/** Reads a dropped or chosen file as text, refusing it (with the reason) when it is over `limit` bytes. */
export async function readFileText(file: File, limit: number, what: string): Promise<string> {
  if (file.size > limit) throw new Error(`${file.name} is ${file.size.toLocaleString('en')} bytes; the explorer takes ${what} of at most ${limit.toLocaleString('en')} bytes`);
  return file.text();
}

/** Makes `zone` accept dropped files (and keyboard users get the file input beside it). */
export function dropZone(zone: HTMLElement, onFile: (f: File) => void): void {
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const f = e.dataTransfer?.files?.[0];
    if (f) onFile(f);
  });
}
