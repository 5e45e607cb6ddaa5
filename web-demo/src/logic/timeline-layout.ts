// The playground's timeline picture, laid out without a DOM: a lane per process with the calls along
// x in order, what happened to handles and payloads as markers and lifetime bars, a dashed link where a
// handle crosses lanes (DuplicateHandle, a KMT value used in another process), and each finding pinned
// to its call. The view turns this into SVG; tests check the numbers.
import type { StepOutcome, TimelineEvent } from '../../../src/session/session.js';
import type { LifecycleEvent } from '../../../src/backends/types.js';
import type { Severity } from '../../../src/report/types.js';

/** Sizes in SVG pixels. */
export const GEOMETRY = {
  /** Room on the left for the lane names. */
  gutter: 112,
  /** Distance between two calls. */
  step: 26,
  /** One row of finding pins at the top of a lane. */
  pinRow: 11,
  /** The most pin rows a lane gets; more findings at one call share the last row. */
  maxPinRows: 5,
  /** One handle or payload bar track. */
  track: 9,
  /** Call names are cut to this many characters (the tooltip has the whole name). */
  labelChars: 26,
  rightPad: 28,
} as const;

/** Above this many steps the picture shows the first ones only (the table lists them all). */
export const MAX_PICTURE_STEPS = 1500;

export type EventKind = TimelineEvent['kind'];
export type HandleKind = 'nt' | 'kmt' | 'fd';

export interface LaneBox {
  process: string;
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
  /** The name under the picture's top edge (cut to GEOMETRY.labelChars). */
  label: string;
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
}
export interface TimelineLayout {
  width: number;
  height: number;
  /** Height of the band of call names at the top. */
  labelBand: number;
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

/** Orders lanes: main first when present, the others as they first appear. */
export function laneOrder(steps: StepOutcome[]): string[] {
  const seen: string[] = [];
  const add = (p: string) => { if (p && !seen.includes(p)) seen.push(p); };
  for (const s of steps) {
    add(s.process);
    for (const e of s.events) add(e.process);
  }
  return seen.includes('main') ? ['main', ...seen.filter((p) => p !== 'main')] : seen;
}

/** A step's name as the picture shows it. */
export function callLabel(s: StepOutcome): string {
  const name = s.synthetic ? `end: ${s.process} exits` : s.kind === 'data' ? `${s.name} (host)` : s.name;
  return name.length > GEOMETRY.labelChars ? `${name.slice(0, GEOMETRY.labelChars - 1)}…` : name;
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

export function layoutTimeline(allSteps: StepOutcome[]): TimelineLayout {
  const G = GEOMETRY;
  const steps = allSteps.length > MAX_PICTURE_STEPS ? allSteps.slice(0, MAX_PICTURE_STEPS) : allSteps;
  const { bars, happenings, links } = collect(steps);
  const last = Math.max(0, steps.length - 1);
  const xOf = (i: number) => G.gutter + i * G.step + G.step / 2;
  const longest = Math.max(4, ...steps.map((s) => callLabel(s).length));
  // The call names are drawn at -45°: their height is about 0.7 of their length.
  const labelBand = Math.round(Math.min(G.labelChars, longest) * 6.4 * 0.72 + 18);

  const laneNames = laneOrder(steps);
  const lanes: LaneBox[] = [];
  let y = labelBand;
  for (const process of laneNames) {
    let pinRows = 0;
    for (const s of steps) if (s.process === process) pinRows = Math.max(pinRows, s.findings.length);
    pinRows = Math.min(pinRows, G.maxPinRows);
    const tracks = assignTracks(bars.filter((b) => b.kind === 'handle' && b.process === process), last);
    const top = 6 + Math.max(1, pinRows) * G.pinRow;
    const markY = y + top + 6;
    const height = top + 18 + Math.max(1, tracks) * G.track + 8;
    lanes.push({ process, y, height, markY });
    y += height + 4;
  }
  const payloadBars = bars.filter((b) => b.kind === 'payload');
  let payloadRow: TimelineLayout['payloadRow'];
  if (payloadBars.length) {
    const tracks = assignTracks(payloadBars, last);
    const height = 30 + tracks * G.track;
    payloadRow = { y, height, markY: y + 12 };
    y += height + 4;
  }
  const laneOf = (p: string) => lanes.find((l) => l.process === p);
  const barY = (b: OpenBar['bar']) => {
    if (b.kind === 'payload') return payloadRow!.markY + 12 + (b.track ?? 0) * G.track;
    return laneOf(b.process)!.markY + 16 + (b.track ?? 0) * G.track;
  };

  const calls: CallMark[] = steps.map((s, index) => ({
    index, call: s.call, process: s.process, name: s.name, label: callLabel(s), x: xOf(index), y: laneOf(s.process)!.markY,
    result: s.result, refused: !!s.refused, synthetic: !!s.synthetic, worst: worstOf(s), title: callTitle(s),
  }));

  const placed: Bar[] = bars.map((b) => ({
    kind: b.kind, key: b.key, label: b.label, process: b.process, handleKind: b.handleKind, fromCall: b.fromCall, end: b.end, toCall: b.toCall,
    x1: xOf(b.from), x2: b.to !== undefined ? xOf(b.to) : xOf(last) + G.step / 2 + 8, y: barY(b),
  }));

  // Several events of one call in one lane sit side by side.
  const slot = new Map<string, number>();
  const markers: EventMarker[] = happenings.map((h) => {
    const k = `${h.index}/${h.lane}`;
    const n = slot.get(k) ?? 0;
    slot.set(k, n + 1);
    const yy = h.bar ? barY(h.bar) : h.lane === '' ? payloadRow!.markY + 12 : laneOf(h.lane)!.markY + 16;
    return { kind: h.kind, x: xOf(h.index) + n * 5, y: yy, process: h.lane, call: steps[h.index].call, index: h.index, text: h.text };
  });

  const placedLinks: Link[] = links.map((l) => ({
    kind: l.kind, x1: xOf(l.index), y1: barY(l.from), x2: xOf(l.index), y2: l.kind === 'shared' ? laneOf(l.to.process)!.markY + 16 : barY(l.to),
    fromProcess: l.from.process, toProcess: l.to.process, call: steps[l.index].call, text: l.text,
  }));

  const pins: Pin[] = [];
  steps.forEach((s, index) => {
    const lane = laneOf(s.process)!;
    s.findings.forEach((f, n) => {
      const row = Math.min(n, G.maxPinRows - 1);
      pins.push({
        id: `pin-${index}-${n}`, index, n, call: s.call, process: s.process, x: xOf(index), y: lane.y + 6 + row * G.pinRow + G.pinRow / 2,
        severity: f.severity, vuid: f.vuid, message: f.message, path: f.path, url: f.url,
      });
    });
  });

  return {
    // The last call names lean right at 45°: as far right as the band is high.
    width: xOf(last) + G.step / 2 + Math.max(G.rightPad, labelBand - 10),
    height: y + 6,
    labelBand,
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
