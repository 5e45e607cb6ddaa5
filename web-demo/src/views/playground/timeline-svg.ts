// Draws a TimelineLayout (logic/timeline-layout.ts) as SVG. Every element carries the classes and
// data attributes the tests and the stylesheet use: g.lane[data-process], rect.call[data-call],
// .marker[data-kind], .bar[data-key], .link[data-kind], .finding-mark[data-vuid], .axis-number.
// Calls, handle and payload bars and finding pins are focusable, each with a <title> holding its whole
// text (the figure shows that text beside the picture on hover and on focus).
import { h, s } from '../../app/dom.js';
import type { TimelineLayout, EventKind, Pin, Bar } from '../../logic/timeline-layout.js';

const MARKER_WORDS: Record<EventKind, string> = {
  'payload-born': 'payload born',
  'payload-freed': 'payload freed',
  'handle-created': 'handle made',
  'handle-duplicated': 'handle duplicated',
  'handle-closed': 'handle closed',
  'handle-imported': 'handle imported',
  'process-exited': 'process exited',
  'handle-lost': 'handle lost',
  'handle-copied': 'handle copied by the driver',
  'value-substituted': 'value not passed as written',
  'not-passed': 'call not passed to the driver',
};

/** One marker shape per event kind, centred on (x, y). */
function markerShape(kind: EventKind, x: number, y: number): SVGElement {
  switch (kind) {
    case 'handle-created': return s('circle', { cx: x, cy: y, r: 4.5 });
    case 'handle-duplicated': return s('path', { d: `M${x} ${y - 5.5}L${x + 5.5} ${y}L${x} ${y + 5.5}L${x - 5.5} ${y}Z` });
    case 'handle-imported': return s('path', { d: `M${x - 5} ${y - 4.5}L${x + 5} ${y - 4.5}L${x} ${y + 4.5}Z` });
    case 'handle-closed': return s('path', { d: `M${x - 4} ${y - 4}L${x + 4} ${y + 4}M${x - 4} ${y + 4}L${x + 4} ${y - 4}` });
    case 'payload-born': return s('rect', { x: x - 4, y: y - 4, width: 8, height: 8 });
    case 'payload-freed': return s('rect', { x: x - 3.5, y: y - 3.5, width: 7, height: 7 });
    case 'process-exited': return s('rect', { x: x - 1.5, y: y - 9, width: 3, height: 18 });
    // What a driver did that the application did not (the native backend reports these): a ring.
    case 'handle-lost': case 'handle-copied': case 'value-substituted': case 'not-passed':
      return s('circle', { cx: x, cy: y, r: 5, fill: 'none' });
  }
}

export interface DrawOptions {
  /** A finding pin was clicked or activated by keyboard. */
  onPin(pin: Pin): void;
  /** A call (or a handle, by the call that made it) was clicked or activated by keyboard: its step, by index. */
  onCall?(index: number): void;
}

/** Click, Enter and Space do one thing on a focusable mark. */
function activator(run: () => void) {
  return (e: Event) => {
    if (e instanceof KeyboardEvent && e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    run();
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a handle or payload bar is, in words (its tooltip and accessible name). */
export function barText(b: Bar): string {
  const what = b.kind === 'payload' ? `payload ${b.label}` : `${b.handleKind === 'fd' ? 'fd' : `${(b.handleKind ?? 'nt').toUpperCase()} handle`} ${b.label} in ${b.process}`;
  const until = b.end === 'open' ? 'still open at the end' : `${b.end} at call ${b.toCall}`;
  return `${what}: made at call ${b.fromCall}, ${until}`;
}

/** What a finding pin says, whole: severity, VUID, where, and the message. */
export function pinText(p: Pin): string {
  return `${p.severity}: ${p.vuid} at call ${p.call} (${p.process})${p.path ? `, ${p.path}` : ''}. ${p.message}`;
}

export function drawTimeline(layout: TimelineLayout, opts: DrawOptions): SVGSVGElement {
  const L = layout;
  const processes = L.lanes.map((l) => l.process);
  const summary = `Timeline: ${plural(L.calls.length, 'call')} in ${plural(processes.length, 'process', 'processes')} (${processes.join(', ')}); ${plural(L.pins.length, 'finding')} pinned to their calls`;
  const svg = s('svg', {
    class: 'timeline', width: L.width, height: L.height, viewBox: `0 0 ${L.width} ${L.height}`,
    role: 'group', 'aria-label': summary,
  }) as SVGSVGElement;
  svg.append(
    s('title', {}, summary),
    s('desc', {}, `Lanes from the top: ${[...processes, ...(L.payloadRow ? ['payloads'] : [])].join(', ')} (a process that exports a handle comes before those that import it). Calls run left to right, numbered as in the table of calls. Every call, handle and finding pin can be focused (Tab) and says what it is; Enter on a finding shows it in the list.`));

  // Lanes first (backgrounds), then the guides, names, axis, marks, bars, links and event marks over them.
  for (const lane of L.lanes) {
    svg.append(s('g', { class: 'lane', 'data-process': lane.process },
      s('rect', { class: 'lane-bg', x: 0, y: lane.y, width: L.width, height: lane.height }),
      s('text', { class: 'lane-label', x: 8, y: lane.markY + 4 }, lane.label, s('title', {}, `process ${lane.process}`)),
      s('text', { class: 'lane-sub', x: 8, y: lane.markY + 20 }, 'process')));
  }
  if (L.payloadRow) {
    svg.append(s('g', { class: 'payload-row' },
      s('rect', { class: 'payload-bg', x: 0, y: L.payloadRow.y, width: L.width, height: L.payloadRow.height }),
      s('text', { class: 'lane-label', x: 8, y: L.payloadRow.markY + 4 }, 'payloads'),
      s('text', { class: 'lane-sub', x: 8, y: L.payloadRow.markY + 20 }, 'the memory')));
  }

  const guides = s('g', { class: 'guides', 'aria-hidden': 'true' });
  const labels = s('g', { class: 'call-labels', 'aria-hidden': 'true' });
  const axis = s('g', { class: 'axis', 'aria-hidden': 'true' }, s('text', { class: 'axis-title', x: L.gutter - 8, y: L.axisY, 'text-anchor': 'end' }, 'call'));
  for (const c of L.calls) {
    guides.append(s('line', { class: 'guide', x1: c.x, y1: c.guideTop, x2: c.x, y2: L.height - 4 }));
    if (c.label) {
      labels.append(s('text', { class: `call-label${c.synthetic ? ' synthetic' : ''}`, 'data-index': c.index, x: c.labelX, y: c.labelY, 'text-anchor': c.labelAnchor },
        c.label, s('title', {}, c.title)));
    }
    if (c.axis !== undefined) axis.append(s('text', { class: 'axis-number', 'data-index': c.index, x: c.x, y: L.axisY, 'text-anchor': 'middle' }, c.axis));
  }
  svg.append(guides, labels, axis);

  // Each call, then its pins: the tab order goes call by call, a call's findings right after it.
  const calls = s('g', { class: 'calls' });
  const pinsAt = new Map<number, Pin[]>();
  for (const p of L.pins) pinsAt.set(p.index, [...(pinsAt.get(p.index) ?? []), p]);
  for (const c of L.calls) {
    calls.append(s('rect', {
      class: `call${c.refused ? ' refused' : ''}${c.synthetic ? ' synthetic' : ''}${c.worst ? ` worst-${c.worst}` : ''}`, 'data-call': c.call, 'data-index': c.index, 'data-process': c.process,
      x: c.x - 5, y: c.y - 5, width: 10, height: 10, rx: 2, tabindex: 0, role: 'button', 'aria-label': `${c.title}: show it in the table of calls`,
      onclick: activator(() => opts.onCall?.(c.index)), onkeydown: activator(() => opts.onCall?.(c.index)),
    }, s('title', {}, c.title)));
    for (const p of pinsAt.get(c.index) ?? []) {
      const text = pinText(p);
      const labelX = p.labelSide === 'right' ? p.x + 8 : p.x - 8;
      calls.append(s('g', {
        class: `finding-mark ${p.severity}`, id: p.id, 'data-vuid': p.vuid, 'data-call': p.call, 'data-process': p.process,
        tabindex: 0, role: 'button', 'aria-label': `${text} Show it in the list of findings.`,
        onclick: activator(() => opts.onPin(p)), onkeydown: activator(() => opts.onPin(p)),
      },
      s('title', {}, text),
      s('line', { class: 'pin-stem', x1: p.x, y1: p.y, x2: p.x, y2: c.y - 5 }),
      s('circle', { cx: p.x, cy: p.y, r: 5 }),
      p.label ? s('text', { class: 'pin-label', x: labelX, y: p.y + 4, 'text-anchor': p.labelSide === 'right' ? 'start' : 'end' }, p.label) : null));
    }
  }
  svg.append(calls);

  const bars = s('g', { class: 'bars' });
  for (const b of L.bars) {
    const text = barText(b);
    const from = L.calls.findIndex((c) => c.call === b.fromCall);
    bars.append(s('g', {
      class: `bar ${b.kind}${b.handleKind ? ` ${b.handleKind}` : ''}${b.end === 'open' ? ' open' : ''}`, 'data-key': b.key, 'data-end': b.end,
      tabindex: 0, role: 'button', 'aria-label': `${text}: show the call that made it`,
      onclick: activator(() => opts.onCall?.(from)), onkeydown: activator(() => opts.onCall?.(from)),
    },
    s('title', {}, text),
    s('line', { class: 'bar-line', x1: b.x1, y1: b.y, x2: b.x2, y2: b.y }),
    // A wider line nobody sees, so the bar is easy to point at.
    s('line', { class: 'bar-hit', x1: b.x1, y1: b.y, x2: b.x2, y2: b.y })));
  }
  svg.append(bars);

  const links = s('g', { class: 'links' });
  for (const l of L.links) {
    const bend = 14;
    links.append(s('path', { class: 'link', 'data-kind': l.kind, 'data-from': l.fromProcess, 'data-to': l.toProcess, d: `M${l.x1} ${l.y1}C${l.x1 + bend} ${l.y1} ${l.x2 + bend} ${l.y2} ${l.x2} ${l.y2}` },
      s('title', {}, `call ${l.call}: ${l.text}`)));
  }
  svg.append(links);

  const markers = s('g', { class: 'markers' });
  for (const m of L.markers) {
    const shape = markerShape(m.kind, m.x, m.y);
    shape.setAttribute('class', `marker ev-${m.kind}`);
    shape.setAttribute('data-kind', m.kind);
    shape.setAttribute('data-call', String(m.call));
    shape.setAttribute('data-process', m.process);
    shape.append(s('title', {}, `call ${m.call}: ${m.text}`));
    markers.append(shape);
  }
  svg.append(markers);
  return svg;
}

/** The key to the picture's shapes (small inline SVGs, so it matches the stylesheet). */
export function timelineLegend(): HTMLElement {
  const kinds: EventKind[] = ['handle-created', 'handle-duplicated', 'handle-imported', 'handle-closed', 'payload-born', 'payload-freed', 'process-exited'];
  const item = (icon: SVGElement, text: string) => h('li', {}, s('svg', { class: 'timeline legend-icon', width: 22, height: 18, viewBox: '0 0 22 18', 'aria-hidden': 'true' }, icon), text);
  const shaped = (k: EventKind) => { const e = markerShape(k, 11, 9); e.setAttribute('class', `marker ev-${k}`); return e; };
  return h('ul', { class: 'timeline-legend', 'aria-label': 'Key to the picture' },
    item(s('rect', { class: 'call', x: 6, y: 4, width: 10, height: 10, rx: 2 }), 'a call'),
    kinds.map((k) => item(shaped(k), MARKER_WORDS[k])),
    item(s('g', { class: 'bar handle nt' }, s('line', { class: 'bar-line', x1: 1, y1: 9, x2: 21, y2: 9 })), 'handle alive'),
    item(s('g', { class: 'bar payload' }, s('line', { class: 'bar-line', x1: 1, y1: 9, x2: 21, y2: 9 })), 'payload alive'),
    item(s('path', { class: 'link', d: 'M2 3C12 3 10 15 20 15' }), 'handle crosses processes'),
    item(s('g', { class: 'finding-mark error' }, s('circle', { cx: 11, cy: 9, r: 5 })), 'finding, with its VUID (colour: severity)'));
}
