// Saving the timeline picture as a file (for a bug report): the styles written on each element so the
// SVG renders with no stylesheet, the PNG's scale, and the files' names. The DOM side is
// views/playground/timeline-export.ts.
//
// The styles are written as SVG presentation attributes (fill="…"), not style="…": the page's
// Content-Security-Policy (style-src 'self') refuses style attributes even on a copy being built, and a
// standalone SVG has no stylesheet for them to lose to.

/**
 * The computed styles copied onto each element of the saved SVG: everything the stylesheet decides
 * about how the picture looks (colours come out resolved, so no custom property is left to look up).
 * Each is also the name of an SVG presentation attribute.
 */
export const EXPORT_STYLE_PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin', 'stroke-opacity',
  'opacity', 'paint-order', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'display', 'visibility',
] as const;

/** The values that need not be written (what an SVG renderer assumes anyway), by property. */
const INITIAL: Partial<Record<(typeof EXPORT_STYLE_PROPERTIES)[number], string[]>> = {
  'fill-opacity': ['1'], 'stroke-opacity': ['1'], opacity: ['1'], 'stroke-dasharray': ['none'], 'stroke-linecap': ['butt'],
  'stroke-linejoin': ['miter'], 'paint-order': ['normal'], 'font-style': ['normal'], display: ['inline'], visibility: ['visible'],
};

/** The properties an element takes from its parent unless it says otherwise (all but opacity and display). */
const NOT_INHERITED = new Set(['opacity', 'display']);

/**
 * Presentation attributes from computed values: `get` reads one property of the element, `parent` the
 * same of its parent (absent for the root). Left out: values an SVG assumes anyway, and inherited ones
 * the parent already gives, so the file says each thing once.
 */
export function styleAttributes(get: (property: string) => string, parent?: (property: string) => string): [string, string][] {
  const out: [string, string][] = [];
  for (const p of EXPORT_STYLE_PROPERTIES) {
    const v = get(p).trim();
    if (!v) continue;
    if (parent && !NOT_INHERITED.has(p) && parent(p).trim() === v) continue;
    if ((!parent || NOT_INHERITED.has(p)) && INITIAL[p]?.includes(v)) continue;
    out.push([p, v]);
  }
  return out;
}

/** Browsers refuse canvases past these (Chrome: 32,767 px a side, about 268 million pixels). */
const MAX_SIDE = 32000;
const MAX_PIXELS = 2.5e8;

/** The PNG's scale: twice the picture's size, less where that would make a canvas no browser draws. */
export function pngScale(width: number, height: number, wanted = 2): number {
  if (!(width > 0) || !(height > 0)) return wanted;
  const s = Math.min(wanted, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_PIXELS / (width * height)));
  return Math.floor(s * 100) / 100;
}

/** Width of a heading character (14 px bold sans-serif), wide enough for most letters. */
const HEADING_CHAR_PX = 8.4;

/** The saved picture's heading lines, each cut with an ellipsis to fit `width` (the full text is the file's title). */
export function fitHeading(lines: string[], width: number): string[] {
  const chars = Math.max(8, Math.floor((width - 16) / HEADING_CHAR_PX));
  return lines.filter(Boolean).map((l) => (l.length <= chars ? l : `${l.slice(0, chars - 1)}…`));
}

/** `timeline-<what was run>.<ext>`: the run's title with anything a file name should not hold made a dash. */
export function exportFileName(title: string, ext: 'svg' | 'png'): string {
  const base = title.replace(/\.(scenario\.json|jsonl|json)$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 80);
  return `timeline${base ? `-${base}` : ''}.${ext}`;
}
