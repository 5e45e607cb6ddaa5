// The playground's timeline picture, laid out without a DOM: a lane per process with the calls along
// x in order, what happened to handles and payloads as markers and lifetime bars, a dashed link where a
// handle crosses lanes (DuplicateHandle, a KMT value used in another process), and each finding pinned
// to its call. The view turns this into SVG; tests check the numbers.
import type { StepOutcome, TimelineEvent } from '../../../src/session/session.js';
import type { LifecycleEvent } from '../../../src/backends/types.js';
import type { Severity } from '../../../src/report/types.js';
import { RowPacker, fitName, monoWidth, sansWidth, shortVuid, axisStride, axisText, cut } from './timeline-labels.js';

/** Sizes in SVG pixels (drawn 1:1 when the picture fits its column, so 12 px text stays 12 px). */
export const GEOMETRY = {
  /** Room on the left for the lane names: grows with the longest name between these. */
  gutterMin: 92,
  gutterMax: 168,
  /** Distance between two calls: the column's width shared out, between these. */
  minStep: 30,
  maxStep: 140,
  /** One row of call names above the lanes, and the most rows (more only shortens the names). */
  labelRow: 17,
  maxLabelRows: 6,
  /** Space kept between two call names in a row. */
  labelGap: 8,
  /** The band of call numbers between the names and the lanes. */
  axis: 20,
  /** One row of finding pins at the top of a lane. */
  pinRow: 17,
  /** The most pin rows a lane gets; a pin with no room left keeps its mark but not its label. */
  maxPinRows: 4,
  /** One handle or payload bar track. */
  track: 10,
  rightPad: 16,
} as const;

/** Width of a lane name (13 px bold sans-serif), for the gutter. */
const LANE_CHAR_PX = 8.2;

/** Above this many steps the picture shows the first ones only (the table lists them all). */
export const MAX_PICTURE_STEPS = 1500;

export type EventKind = TimelineEvent['kind'];
export type HandleKind = 'nt' | 'kmt' | 'fd';

export interface LaneBox {
  process: string;
  /** The name as the gutter shows it (cut when long; the lane's tooltip has it whole). */
  label: string;
  y: number;
  height: number;
  /** Where the call marks sit. */
  markY: number;
}
export interface CallMark {
  /** Index into the steps given. */
  index: number;
  call: number;
  process: string;
  name: string;
  /** The name in full, as the picture would write it with room enough (see callLabel). */
  fullLabel: string;
  /** The name as written above the lanes: shortened as far as its room needs; '' when there was none. */
  label: string;
  /** Where the name is written: from labelX (anchor start) or up to it (anchor end), on baseline labelY. */
  labelX: number;
  labelY: number;
  labelAnchor: 'start' | 'end';
  /** Where the call's guide line starts (under its name). */
  guideTop: number;
  /** The call number on the axis, when this call's is written (every axis stride-th call). */
  axis?: string;
  x: number;
  y: number;
  result?: string;
  refused: boolean;
  synthetic: boolean;
  /** The worst finding at this call, if any. */
  worst?: Severity;
  /** The tooltip: call, process, operation and result. */
  title: string;
}
export interface EventMarker { kind: EventKind; x: number; y: number; process: string; call: number; index: number; text: string }
export interface Bar {
  kind: 'handle' | 'payload';
  /** A stable key: `process#handle` from the backend's events, else `lane|name` from their text; payloads `P<n>`. */
  key: string;
  label: string;
  /** The lane ('' for the payload row). */
  process: string;
  handleKind?: HandleKind;
  x1: number;
  x2: number;
  y: number;
  fromCall: number;
  /** What ended it: CloseHandle, an fd import that took it, the process exiting, vkFreeMemory/release, or nothing (still open). */
  end: 'closed' | 'imported' | 'exited' | 'freed' | 'open';
  toCall?: number;
}
export interface Link { kind: 'duplicate' | 'shared'; x1: number; y1: number; x2: number; y2: number; fromProcess: string; toProcess: string; call: number; text: string }
export interface Pin {
  /** Unique in the picture (`pin-<step index>-<n>`). */
  id: string;
  /** The step (index into the steps given) and which of its findings. */
  index: number;
  n: number;
  call: number;
  process: string;
  x: number;
  y: number;
  severity: Severity;
  vuid: string;
  message: string;
  path: string;
  url: string;
  /** The short VUID written beside the pin ('' when there was no room: the tooltip and focus still say it all). */
  label: string;
  labelSide: 'right' | 'left';
}
export interface TimelineLayout {
  width: number;
  height: number;
  /** Distance between two calls, and the room left of the first for the lane names. */
  step: number;
  gutter: number;
  /** Where the lanes begin: the call names and the axis are above. */
  labelBand: number;
  /** Baseline of the call numbers. */
  axisY: number;
  lanes: LaneBox[];
  /** The payload row under the lanes (absent when nothing made a payload). */
  payloadRow?: { y: number; height: number; markY: number };
  calls: CallMark[];
  markers: EventMarker[];
  bars: Bar[];
  links: Link[];
  pins: Pin[];
  /** Set when only the first MAX_PICTURE_STEPS steps are drawn. */
  truncated?: { shown: number; total: number };
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, undecidable: 1, info: 0 };

/** "NT handle 0x1a4 made → P1" → kind nt, name 0x1a4 (the text the session writes for each event). */
function handleInText(text: string): { kind: HandleKind; name: string } | undefined {
  const m = /^(NT handle|KMT handle|fd) (\S+)/.exec(text);
  if (!m) return undefined;
  return { kind: m[1] === 'fd' ? 'fd' : m[1] === 'KMT handle' ? 'kmt' : 'nt', name: m[2] };
}

function payloadInText(text: string): string | undefined {
  return /\bP(\d+)\b/.exec(text)?.[0];
}

/**
 * Orders lanes the way the memory travels: the process that first exports a handle on top, then the
 * ones that import or receive one (by their first import), then the others; each group in the order
 * the processes first appear.
 */
export function laneOrder(steps: StepOutcome[]): string[] {
  const seen: string[] = [];
  let exporter: string | undefined;
  const importers: string[] = [];
  const add = (list: string[], p: string) => { if (p && !list.includes(p)) list.push(p); };
  for (const s of steps) {
    add(seen, s.process);
    for (const e of s.events) {
      const p = e.process || s.process;
      if (!e.kind.startsWith('payload')) add(seen, p);
      if (e.kind === 'handle-created' && exporter === undefined) exporter = p;
      if (e.kind === 'handle-imported' || e.kind === 'handle-duplicated') add(importers, p);
    }
  }
  const first = exporter ? [exporter] : [];
  const then = importers.filter((p) => p !== exporter);
  return [...first, ...then, ...seen.filter((p) => !first.includes(p) && !then.includes(p))];
}

/** A step's name as the picture writes it when there is room (the layout shortens it where there is not). */
export function callLabel(s: StepOutcome): string {
  return s.synthetic ? `end: ${s.process} exits` : s.kind === 'data' ? `${s.name} (host)` : s.name;
}

export function callTitle(s: StepOutcome): string {
  const what = s.synthetic ? 'end of scenario: the process exits' : s.name;
  const result = s.refused ? ' → refused (not run)' : s.result !== undefined ? ` → ${s.result}` : '';
  return `${s.synthetic ? 'end' : `call ${s.call}`} · ${s.process} · ${what}${result}`;
}

function worstOf(s: StepOutcome): Severity | undefined {
  let w: Severity | undefined;
  for (const f of s.findings) if (!w || SEVERITY_RANK[f.severity] > SEVERITY_RANK[w]) w = f.severity;
  return w;
}

// ---- pass 1: what happens at which step (indices, not pixels) ----

interface OpenBar { bar: Omit<Bar, 'x1' | 'x2' | 'y'> & { from: number; to?: number; track?: number }; raw?: LifecycleEvent }
interface Happening { index: number; kind: EventKind; lane: string; text: string; bar?: OpenBar['bar'] }
interface PendingLink { kind: Link['kind']; index: number; from: OpenBar['bar']; to: OpenBar['bar']; text: string }

function collect(steps: StepOutcome[]) {
  const bars: OpenBar['bar'][] = [];
  const open = new Map<string, OpenBar['bar']>();
  const happenings: Happening[] = [];
  const links: PendingLink[] = [];
  const end = (b: OpenBar['bar'], index: number, how: Bar['end'], call: number) => {
    b.to = index;
    b.end = how;
    b.toCall = call;
    open.delete(b.key);
  };
  steps.forEach((s, index) => {
    s.events.forEach((e, k) => {
      // The backend's own event (keepOutputs) names handles exactly; the text is the fallback.
      const raw = s.raw && s.raw.length === s.events.length ? s.raw[k] : undefined;
      const lane = e.kind.startsWith('payload') ? '' : e.process || s.process;
      const happening: Happening = { index, kind: e.kind, lane, text: e.text };
      happenings.push(happening);
      const inText = handleInText(e.text);
      const keyOf = (process: number | undefined, handle: number | undefined, laneName: string, name: string | undefined) =>
        process !== undefined && handle !== undefined ? `${process}#${handle}` : `${laneName}|${name ?? '?'}`;
      switch (e.kind) {
        case 'payload-born': {
          const key = raw && raw.kind === 'payload-born' ? `P${raw.payload}` : payloadInText(e.text) ?? `P?${index}`;
          const b = { kind: 'payload' as const, key, label: key, process: '', from: index, fromCall: s.call, end: 'open' as Bar['end'] };
          bars.push(b);
          open.set(key, b);
          happening.bar = b;
          break;
        }
        case 'payload-freed': {
          const key = raw && raw.kind === 'payload-freed' ? `P${raw.payload}` : payloadInText(e.text);
          const b = key ? open.get(key) : undefined;
          if (b) { end(b, index, 'freed', s.call); happening.bar = b; }
          break;
        }
        case 'handle-created':
        case 'handle-duplicated': {
          const r = raw && (raw.kind === 'handle-created' || raw.kind === 'handle-duplicated') ? raw : undefined;
          const key = keyOf(r?.process, r?.handle, lane, inText?.name);
          const handleKind: HandleKind = r?.kind === 'handle-created' ? r.handleKind : r?.kind === 'handle-duplicated' ? 'nt' : inText?.kind ?? 'nt';
          // A value reused after a close starts a new bar; one still open under the key ends here.
          const stale = open.get(key);
          if (stale) end(stale, index, 'closed', s.call);
          const b = { kind: 'handle' as const, key, label: inText?.name ?? 'handle', process: lane, handleKind, from: index, fromCall: s.call, end: 'open' as Bar['end'] };
          bars.push(b);
          open.set(key, b);
          happening.bar = b;
          if (e.kind === 'handle-duplicated') {
            const fromText = /duplicated from (.*):(\S+)/.exec(e.text);
            const fromKey = r?.kind === 'handle-duplicated' ? `${r.fromProcess}#${r.from}` : fromText ? `${fromText[1]}|${fromText[2]}` : undefined;
            const from = fromKey ? open.get(fromKey) : undefined;
            if (from) links.push({ kind: 'duplicate', index, from, to: b, text: e.text });
          }
          break;
        }
        case 'handle-closed': {
          const r = raw && raw.kind === 'handle-closed' ? raw : undefined;
          const b = open.get(keyOf(r?.process, r?.handle, lane, inText?.name));
          // Closed by the OS as its process exits (a leak the process left), or by CloseHandle/close.
          const byExit = s.events.some((x) => x.kind === 'process-exited' && x.process === lane);
          if (b) { end(b, index, byExit ? 'exited' : 'closed', s.call); happening.bar = b; }
          break;
        }
        case 'handle-imported': {
          const r = raw && raw.kind === 'handle-imported' ? raw : undefined;
          const b = open.get(keyOf(r?.process, r?.handle, lane, inText?.name));
          if (b) {
            happening.bar = b;
            // An fd import hands the fd to the driver: the application's fd ends here.
            const moved = r ? r.ownershipMoved : /now owns the fd/.test(e.text);
            if (moved) end(b, index, 'imported', s.call);
          } else {
            // A KMT value is global: the import may use a value another process made.
            const kmt = [...open.values()].find((x) => x.kind === 'handle' && x.handleKind === 'kmt' && x.process !== lane && (r ? x.key.endsWith(`#${r.handle}`) : x.label === inText?.name));
            if (kmt) links.push({ kind: 'shared', index, from: kmt, to: { ...kmt, process: lane }, text: e.text });
          }
          break;
        }
        case 'process-exited': {
          for (const b of [...open.values()]) if (b.kind === 'handle' && b.process === lane) end(b, index, 'exited', s.call);
          break;
        }
      }
    });
  });
  return { bars, happenings, links };
}

/** Greedy track assignment: a bar takes the first track whose last bar ended before it starts. */
function assignTracks(bars: OpenBar['bar'][], last: number): number {
  const ends: number[] = [];
  for (const b of [...bars].sort((a, c) => a.from - c.from)) {
    const to = b.to ?? last;
    let t = ends.findIndex((e) => e < b.from);
    if (t < 0) { t = ends.length; ends.push(to); } else ends[t] = to;
    b.track = t;
  }
  return ends.length;
}

// ---- pass 2: pixels ----

export interface LayoutOptions {
  /**
   * The width to fill (the picture's column, in CSS px): the calls share it out. The picture is wider
   * (and scrolls in its frame) when its calls need more than GEOMETRY.minStep each.
   */
  width?: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The call names, in rows above the lanes: each as long as its room allows, none over another. */
function placeCallNames(steps: StepOutcome[], xOf: (i: number) => number, step: number, width: number) {
  const G = GEOMETRY;
  const full = steps.map(callLabel);
  const longest = Math.max(0, ...full.map(monoWidth));
  // Call i writes its name in row i mod rows (a staircase the eye can follow); a name as wide as
  // rows × step then ends before the next name in its row begins.
  const rows = clamp(Math.ceil((longest + G.labelGap) / step), 1, G.maxLabelRows);
  const room = rows * step - G.labelGap;
  // Two more rows for names near the right edge, which are written leftwards, over the staircase.
  const packer = new RowPacker(rows + 2, G.labelGap);
  const placed = full.map((name, i) => {
    const x = xOf(i);
    // Written from just left of the call rightwards; near the right edge, leftwards up to it.
    const right = fitName(name, Math.min(room, width - 4 - (x - 3)));
    const left = fitName(name, Math.min(room, x + 3 - 4));
    const anchor: 'start' | 'end' = right.length >= left.length || right === name ? 'start' : 'end';
    let text = anchor === 'start' ? right : left;
    const prefer = i % rows;
    let span = anchor === 'start' ? packer.place(x - 3, x - 3 + monoWidth(text), x, prefer) : packer.place(x + 3 - monoWidth(text), x + 3, x, prefer);
    if (span.row < 0) {
      // Only a name written leftwards from the right edge can find every row taken: it is shortened
      // to the most room any row has left of its call.
      const { row, room } = packer.roomLeftOf(x + 3, 4);
      text = room > 0 ? fitName(name, room) : '';
      span = text ? packer.take(row, x + 3 - monoWidth(text), x + 3, x) : { from: x, to: x, row: 0 };
    }
    return { full: name, text, anchor, x: anchor === 'start' ? x - 3 : x + 3, row: span.row };
  });
  return { placed, rows: Math.max(1, packer.used()) };
}

/** Finding pins of one lane in rows at its top, each with its short VUID where there is room. */
function placePins(steps: StepOutcome[], process: string, xOf: (i: number) => number, width: number) {
  const G = GEOMETRY;
  const packer = new RowPacker(G.maxPinRows, 4);
  const out: { index: number; n: number; row: number; label: string; side: 'right' | 'left' }[] = [];
  steps.forEach((s, index) => {
    if (s.process !== process) return;
    const x = xOf(index);
    s.findings.forEach((f, n) => {
      const label = shortVuid(f.vuid);
      const w = monoWidth(label);
      const side: 'right' | 'left' = x + 8 + w > width - 2 ? 'left' : 'right';
      let span = side === 'right' ? packer.place(x - 6, x + 8 + w, x) : packer.place(x - 8 - w, x + 6, x);
      if (span.row >= 0) { out.push({ index, n, row: span.row, label, side }); return; }
      // No row with room for the label: the pin alone, else on the last row over the others.
      span = packer.place(x - 6, x + 6, x);
      out.push({ index, n, row: span.row >= 0 ? span.row : G.maxPinRows - 1, label: '', side });
    });
  });
  return { pins: out, rows: Math.max(1, ...out.map((p) => p.row + 1)) };
}

export function layoutTimeline(allSteps: StepOutcome[], opts: LayoutOptions = {}): TimelineLayout {
  const G = GEOMETRY;
  const steps = allSteps.length > MAX_PICTURE_STEPS ? allSteps.slice(0, MAX_PICTURE_STEPS) : allSteps;
  const { bars, happenings, links } = collect(steps);
  const n = steps.length;
  const last = Math.max(0, n - 1);
  const laneNames = laneOrder(steps);

  const gutter = Math.round(clamp(20 + Math.max(0, ...laneNames.map((p) => p.length * LANE_CHAR_PX), 8 * LANE_CHAR_PX), G.gutterMin, G.gutterMax));
  const fill = Math.max(0, opts.width ?? 0);
  const step = n ? clamp((fill - gutter - G.rightPad) / n, G.minStep, G.maxStep) : G.minStep;
  const xOf = (i: number) => gutter + i * step + step / 2;
  const width = Math.max(Math.ceil(gutter + n * step + G.rightPad), Math.floor(fill));

  // Call names (rows counted up from the axis), then the axis of call numbers, then the lanes.
  const names = placeCallNames(steps, xOf, step, width);
  const bandBottom = 6 + names.rows * G.labelRow;
  const baselineOf = (row: number) => bandBottom - row * G.labelRow - 5;
  const axisY = bandBottom + 14;
  const labelBand = bandBottom + G.axis;
  const widestNumber = Math.max(0, ...steps.map((s) => sansWidth(axisText(s.call, !!s.synthetic))));
  const stride = axisStride(step, widestNumber);

  const lanes: LaneBox[] = [];
  const pinRowsOf = new Map<string, ReturnType<typeof placePins>>();
  let y = labelBand;
  for (const process of laneNames) {
    const placed = placePins(steps, process, xOf, width);
    pinRowsOf.set(process, placed);
    const tracks = assignTracks(bars.filter((b) => b.kind === 'handle' && b.process === process), last);
    const top = 6 + placed.rows * G.pinRow;
    const markY = y + top + 6;
    const height = top + 18 + Math.max(1, tracks) * G.track + 8;
    lanes.push({ process, label: cut(process, Math.floor((gutter - 14) / LANE_CHAR_PX)), y, height, markY });
    y += height + 4;
  }
  const payloadBars = bars.filter((b) => b.kind === 'payload');
  let payloadRow: TimelineLayout['payloadRow'];
  if (payloadBars.length) {
    const tracks = assignTracks(payloadBars, last);
    const height = 34 + tracks * G.track;
    payloadRow = { y, height, markY: y + 14 };
    y += height + 4;
  }
  const laneOf = (p: string) => lanes.find((l) => l.process === p);
  const barY = (b: OpenBar['bar']) => {
    if (b.kind === 'payload') return payloadRow!.markY + 12 + (b.track ?? 0) * G.track;
    return laneOf(b.process)!.markY + 16 + (b.track ?? 0) * G.track;
  };

  const calls: CallMark[] = steps.map((s, index) => {
    const name = names.placed[index];
    const labelY = baselineOf(Math.max(0, name.row));
    return {
      index, call: s.call, process: s.process, name: s.name, fullLabel: name.full, label: name.text,
      labelX: name.x, labelY, labelAnchor: name.anchor, guideTop: name.text ? labelY + 4 : bandBottom,
      axis: index % stride === 0 ? axisText(s.call, !!s.synthetic) : undefined,
      x: xOf(index), y: laneOf(s.process)!.markY,
      result: s.result, refused: !!s.refused, synthetic: !!s.synthetic, worst: worstOf(s), title: callTitle(s),
    };
  });

  const placed: Bar[] = bars.map((b) => ({
    kind: b.kind, key: b.key, label: b.label, process: b.process, handleKind: b.handleKind, fromCall: b.fromCall, end: b.end, toCall: b.toCall,
    x1: xOf(b.from), x2: b.to !== undefined ? xOf(b.to) : Math.min(xOf(last) + step / 2 + 8, width - 4), y: barY(b),
  }));

  // Several events of one call in one lane sit side by side.
  const slot = new Map<string, number>();
  const markers: EventMarker[] = happenings.map((h) => {
    const k = `${h.index}/${h.lane}`;
    const at = slot.get(k) ?? 0;
    slot.set(k, at + 1);
    const yy = h.bar ? barY(h.bar) : h.lane === '' ? payloadRow!.markY + 12 : laneOf(h.lane)!.markY + 16;
    return { kind: h.kind, x: xOf(h.index) + at * 5, y: yy, process: h.lane, call: steps[h.index].call, index: h.index, text: h.text };
  });

  const placedLinks: Link[] = links.map((l) => ({
    kind: l.kind, x1: xOf(l.index), y1: barY(l.from), x2: xOf(l.index), y2: l.kind === 'shared' ? laneOf(l.to.process)!.markY + 16 : barY(l.to),
    fromProcess: l.from.process, toProcess: l.to.process, call: steps[l.index].call, text: l.text,
  }));

  const pins: Pin[] = [];
  for (const lane of lanes) {
    const { pins: spots, rows } = pinRowsOf.get(lane.process)!;
    for (const p of spots) {
      const s = steps[p.index];
      const f = s.findings[p.n];
      // Row 0 is the one nearest the call marks; more pins at one call stack upwards.
      const yy = lane.y + 6 + (rows - 1 - p.row) * G.pinRow + G.pinRow / 2;
      pins.push({
        id: `pin-${p.index}-${p.n}`, index: p.index, n: p.n, call: s.call, process: s.process, x: xOf(p.index), y: yy,
        severity: f.severity, vuid: f.vuid, message: f.message, path: f.path, url: f.url, label: p.label, labelSide: p.side,
      });
    }
  }
  pins.sort((a, b) => a.index - b.index || a.n - b.n);

  return {
    width,
    height: y + 6,
    step,
    gutter,
    labelBand,
    axisY,
    lanes,
    payloadRow,
    calls,
    markers,
    bars: placed,
    links: placedLinks,
    pins,
    truncated: allSteps.length > steps.length ? { shown: steps.length, total: allSteps.length } : undefined,
  };
}
