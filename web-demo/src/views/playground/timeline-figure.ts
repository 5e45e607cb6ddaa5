// The timeline figure: the picture laid out for the width of its column (again whenever that changes),
// a line that says in full what the mark under the pointer or the keyboard focus is, the buttons that
// save the picture as SVG or PNG, and the key to its shapes.
import { h, replace } from '../../app/dom.js';
import type { PlaygroundRun } from '../../logic/playground-run.js';
import { layoutTimeline, type Pin, type TimelineLayout } from '../../logic/timeline-layout.js';
import { exportFileName } from '../../logic/timeline-export.js';
import { drawTimeline, timelineLegend } from './timeline-svg.js';
import { standaloneSvg, pngOf, download } from './timeline-export.js';
import { verdictLine } from './run-report.js';

export interface FigureOptions {
  /** A finding pin was activated: show the finding. */
  onPin(pin: Pin): void;
  /** A call (or a bar, by the call that made it) was activated: show its row. */
  onCall(index: number): void;
}

const HINT = 'Point at a mark, or Tab to a call, handle or finding: its whole text shows here.';

/** The text of the nearest element, from `el` up, that carries its own <title> (the picture's root excluded). */
function ownTitle(el: Element | null, stop: Element): string | undefined {
  for (let n = el; n && n !== stop && n.tagName !== 'svg'; n = n.parentElement) {
    for (const c of n.children) if (c.tagName === 'title') return c.textContent ?? undefined;
  }
  return undefined;
}

/** The lines at the top of a saved picture: what ran (on which profile), then the verdict. */
export function exportHeading(run: PlaygroundRun): string[] {
  return [[run.title, run.profile && run.kind === 'scenario' ? `profile ${run.profile}` : ''].filter(Boolean).join(' · '), verdictLine(run).textContent ?? ''];
}

export function timelineFigure(run: PlaygroundRun, opts: FigureOptions): HTMLElement {
  const wrap = h('div', { class: 'timeline-wrap' });
  // Not a live region: a screen reader already says the focused mark's name; this is for the eyes.
  const detail = h('p', { class: 'timeline-detail' }, HINT);
  const status = h('span', { class: 'muted', role: 'status' });
  let layout: TimelineLayout | undefined;
  let svg: SVGSVGElement | undefined;
  let drawnFor = -1;

  const draw = (width: number) => {
    // A redraw keeps the keyboard where it was: the mark with the same data-index or id.
    const focused = svg?.contains(document.activeElement) ? document.activeElement : null;
    const again = focused ? (focused.id ? `#${CSS.escape(focused.id)}` : focused.getAttribute('data-index') !== null ? `rect.call[data-index="${focused.getAttribute('data-index')}"]` : null) : null;
    drawnFor = width;
    layout = layoutTimeline(run.steps, { width });
    svg = drawTimeline(layout, opts);
    replace(wrap, svg);
    if (again) svg.querySelector<SVGElement>(again)?.focus({ preventScroll: true });
  };
  draw(0);
  // Laid out again for the column's width once the figure is on the page, and whenever that changes.
  const watch = new ResizeObserver((entries) => {
    if (!wrap.isConnected) { watch.disconnect(); return; }
    const width = Math.floor(entries[entries.length - 1].contentRect.width);
    if (width > 0 && width !== drawnFor) draw(width);
  });
  watch.observe(wrap);

  const show = (e: Event) => {
    const text = ownTitle(e.target as Element, wrap);
    if (text) replace(detail, text);
  };
  wrap.addEventListener('focusin', show);
  wrap.addEventListener('mouseover', show);

  const heading = exportHeading(run);
  const saveSvg = () => {
    if (!svg) return;
    download(new Blob([standaloneSvg(svg, heading).text], { type: 'image/svg+xml' }), exportFileName(run.title, 'svg'));
    replace(status, 'SVG saved.');
  };
  const savePng = async () => {
    if (!svg) return;
    replace(status, 'Drawing the PNG…');
    try {
      download(await pngOf(svg, heading), exportFileName(run.title, 'png'));
      replace(status, 'PNG saved.');
    } catch (e) {
      replace(status, `Could not make the PNG: ${(e as Error).message}`);
    }
  };

  return h('figure', { class: 'timeline-figure' },
    wrap,
    detail,
    h('div', { class: 'toolbar timeline-save' },
      h('button', { type: 'button', onclick: saveSvg }, 'Download SVG'),
      h('button', { type: 'button', onclick: () => void savePng() }, 'Download PNG'),
      status),
    h('figcaption', {},
      layout?.truncated ? `The picture shows the first ${layout.truncated.shown.toLocaleString('en')} of ${layout.truncated.total.toLocaleString('en')} calls. ` : '',
      'Lanes from the top: the process that exports first, then those that import. Calls are numbered as in the table of calls; Enter on a call shows its row, on a finding the finding.'),
    timelineLegend());
}
