// The timeline picture saved as a file: an SVG that renders alone (every style written on its elements
// as presentation attributes, no stylesheet, no script, a heading naming the run) and a PNG drawn from that SVG at twice the size.
// The PNG goes through an <img> with a data: URL, which the page's Content-Security-Policy allows
// (img-src 'self' data:); the files are handed over as blob: links with a download name.
import { h } from '../../app/dom.js';
import { styleAttributes, pngScale, fitHeading } from '../../logic/timeline-export.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Room above the picture for each line of the heading. */
const HEADING_LINE_PX = 20;

export interface SavedSvg { text: string; width: number; height: number }

/** Sets attributes on an SVG element. */
function attrs(el: Element, values: Record<string, string>): Element {
  for (const [k, v] of Object.entries(values)) el.setAttribute(k, v);
  return el;
}

/** Copies the computed look of every element of `from` onto the same element of `to` (same structure). */
function inlineStyles(from: Element, to: Element, parent?: CSSStyleDeclaration): void {
  // A title or description is not drawn: it needs no look.
  if (from.tagName === 'title' || from.tagName === 'desc') return;
  const cs = getComputedStyle(from);
  for (const [k, v] of styleAttributes((p) => cs.getPropertyValue(p), parent && ((p) => parent.getPropertyValue(p)))) to.setAttribute(k, v);
  // Nothing to focus or press in a file.
  for (const a of ['tabindex', 'role', 'aria-label', 'id']) to.removeAttribute(a);
  for (let i = 0; i < from.children.length; i++) inlineStyles(from.children[i], to.children[i], cs);
}

/**
 * The picture as a standalone SVG document: computed styles inlined, a background, and the `heading`
 * lines on top (what ran, the verdict). `scale` enlarges its size (not its drawing), for the PNG.
 */
export function standaloneSvg(svg: SVGSVGElement, heading: string[], scale = 1): SavedSvg {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, copy);
  const width = Number(svg.getAttribute('width'));
  const lines = fitHeading(heading, width);
  const top = 8 + lines.length * HEADING_LINE_PX;
  const height = Number(svg.getAttribute('height')) + top;
  const bg = getComputedStyle(svg.parentElement ?? svg).backgroundColor;
  const ink = getComputedStyle(svg).color;
  const font = getComputedStyle(svg).fontFamily;

  // Everything drawn moves down under the heading; the title and description stay first.
  const body = document.createElementNS(SVG_NS, 'g');
  body.setAttribute('transform', `translate(0 ${top})`);
  for (const child of [...copy.children]) if (child.tagName !== 'title' && child.tagName !== 'desc') body.append(child);
  const back = attrs(document.createElementNS(SVG_NS, 'rect'), { x: '0', y: '0', width: String(width), height: String(height), fill: bg && bg !== 'rgba(0, 0, 0, 0)' ? bg : '#ffffff' });
  copy.append(back);
  lines.forEach((line, i) => {
    const text = attrs(document.createElementNS(SVG_NS, 'text'), { class: 'heading', x: '8', y: String(20 + i * HEADING_LINE_PX), fill: ink, 'font-family': font, 'font-size': '14px', 'font-weight': i ? '400' : '600' });
    text.textContent = line;
    copy.append(text);
  });
  // The file's own title says it all, uncut.
  const own = copy.querySelector('title');
  if (own) own.textContent = `${heading.filter(Boolean).join(' · ')}. ${own.textContent ?? ''}`;
  copy.append(body);
  attrs(copy, { width: String(Math.round(width * scale)), height: String(Math.round(height * scale)), viewBox: `0 0 ${width} ${height}`, 'font-family': font, 'font-size': '12px' });
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
  return { text, width, height };
}

/** The PNG: the standalone SVG drawn on a canvas at twice its size (less for a picture too big for that). */
export async function pngOf(svg: SVGSVGElement, heading: string[]): Promise<Blob> {
  const plain = standaloneSvg(svg, heading);
  const scale = pngScale(plain.width, plain.height);
  const big = standaloneSvg(svg, heading, scale);
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(big.text)}`;
  await img.decode();
  const canvas = h('canvas', { width: Math.round(big.width * scale), height: Math.round(big.height * scale) });
  const g = canvas.getContext('2d');
  if (!g) throw new Error('this browser gives no 2D canvas to draw the PNG on');
  g.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
}

/** Hands `blob` to the browser as a file named `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { download: name, hidden: true });
  // A blob: URL this page made (h() keeps only the page's own and https links in href).
  a.href = url;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}
