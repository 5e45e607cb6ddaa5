// The playground's timeline picture, laid out from real runs of library scenarios on the mock: lanes,
// handle and payload lifetimes, the duplicate link across lanes, and findings pinned to their calls.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createValidator } from '../../src/index.js';
import { findProfile } from '../../src/profiles/builtin.js';
import type { Validator } from '../../src/validator.js';
import type { StepOutcome } from '../../src/session/session.js';
import { runText } from '../../web-demo/src/logic/playground-run.js';
import { layoutTimeline, laneOrder, callLabel, GEOMETRY, MAX_PICTURE_STEPS, type TimelineLayout } from '../../web-demo/src/logic/timeline-layout.js';

let v: Validator;
beforeAll(async () => { v = await createValidator(); });

function run(path: string, profile = 'illustrative-windows-discrete') {
  const r = runText(v, readFileSync(`scenarios/${path}`, 'utf8'), path, findProfile(profile));
  expect(r.status).not.toBe('unsupported');
  return r;
}
const callX = (l: TimelineLayout, call: number) => l.calls.find((c) => c.call === call)!.x;
const lane = (l: TimelineLayout, p: string) => l.lanes.find((x) => x.process === p)!;

describe('timeline layout of opaque_win32.cross_process', () => {
  let l: TimelineLayout;
  let steps: StepOutcome[];
  beforeAll(() => { steps = run('cts/opaque_win32.cross_process.scenario.json').steps; l = layoutTimeline(steps); });

  it('has a lane per process, in order of appearance, stacked without overlap', () => {
    expect(l.lanes.map((x) => x.process)).toEqual(['A', 'B']);
    const [a, b] = l.lanes;
    expect(a.y).toBeGreaterThanOrEqual(l.labelBand);
    expect(b.y).toBeGreaterThanOrEqual(a.y + a.height);
    expect(l.payloadRow!.y).toBeGreaterThanOrEqual(b.y + b.height);
    expect(l.height).toBeGreaterThan(l.payloadRow!.y + l.payloadRow!.height - 1);
  });

  it('puts every call in its process lane, left to right in order', () => {
    expect(l.calls).toHaveLength(steps.length);
    for (let i = 1; i < l.calls.length; i++) expect(l.calls[i].x - l.calls[i - 1].x).toBe(GEOMETRY.step);
    for (const c of l.calls) expect(c.y).toBe(lane(l, c.process).markY);
    expect(l.calls.find((c) => c.call === 21)).toMatchObject({ process: 'B', name: 'vkAllocateMemory', result: 'VK_SUCCESS' });
    expect(l.calls.at(-1)!.synthetic).toBe(true);
    expect(l.width).toBeGreaterThan(l.calls.at(-1)!.x);
  });

  it('draws the exported NT handle in A and its duplicate in B as bars that end where they are closed', () => {
    const handles = l.bars.filter((b) => b.kind === 'handle');
    expect(handles).toHaveLength(2);
    const a = handles.find((b) => b.process === 'A')!;
    const b = handles.find((x) => x.process === 'B')!;
    expect(a).toMatchObject({ label: '0x1a4', handleKind: 'nt', fromCall: 11, end: 'closed', toCall: 24 });
    expect(b).toMatchObject({ label: '0x2f0', handleKind: 'nt', fromCall: 12, end: 'closed', toCall: 23 });
    expect([a.x1, a.x2]).toEqual([callX(l, 11), callX(l, 24)]);
    // Bars sit inside their lane, below the call marks.
    expect(a.y).toBeGreaterThan(lane(l, 'A').markY);
    expect(a.y).toBeLessThan(lane(l, 'A').y + lane(l, 'A').height);
    expect(b.y).toBeGreaterThan(lane(l, 'B').markY);
  });

  it('links the duplicate across lanes at the DuplicateHandle call', () => {
    expect(l.links).toHaveLength(1);
    const link = l.links[0];
    expect(link).toMatchObject({ kind: 'duplicate', fromProcess: 'A', toProcess: 'B', call: 12 });
    expect(link.x1).toBe(callX(l, 12));
    expect(link.y1).toBe(l.bars.find((x) => x.process === 'A')!.y);
    expect(link.y2).toBe(l.bars.find((x) => x.process === 'B')!.y);
  });

  it('shows the payload from its allocation to the last free, and a marker for every event', () => {
    const p = l.bars.filter((b) => b.kind === 'payload');
    expect(p).toEqual([expect.objectContaining({ key: 'P1', fromCall: 9, end: 'freed', toCall: 30 })]);
    const kinds = l.markers.map((m) => `${m.call}:${m.kind}:${m.process}`);
    expect(kinds).toEqual(expect.arrayContaining([
      '9:payload-born:', '11:handle-created:A', '12:handle-duplicated:B', '21:handle-imported:B', '23:handle-closed:B', '24:handle-closed:A', '30:payload-freed:',
      '1000001:process-exited:A', '1000002:process-exited:B',
    ]));
    expect(l.markers).toHaveLength(steps.reduce((n, s) => n + s.events.length, 0));
    // The import marker sits on the duplicate's bar.
    expect(l.markers.find((m) => m.kind === 'handle-imported')!.y).toBe(l.bars.find((b) => b.process === 'B')!.y);
  });

  it('pins nothing on a run without findings', () => {
    expect(l.pins).toEqual([]);
  });

  it('pairs handles the same way from the event text alone (no backend events kept)', () => {
    const bare = steps.map(({ raw: _raw, ...s }) => s);
    const t = layoutTimeline(bare);
    expect(t.bars.map((b) => [b.process, b.label, b.fromCall, b.end, b.toCall])).toEqual(l.bars.map((b) => [b.process, b.label, b.fromCall, b.end, b.toCall]));
    expect(t.links.map((x) => [x.kind, x.fromProcess, x.toProcess, x.call])).toEqual([['duplicate', 'A', 'B', 12]]);
  });
});

describe('timeline layout of misuse runs', () => {
  it('pins a finding to the call that made it, inside that call’s lane, with its VUID', () => {
    const r = run('misuse/opaque_win32.close_handle_twice.scenario.json');
    const l = layoutTimeline(r.steps);
    expect(l.pins).toHaveLength(1);
    const pin = l.pins[0];
    expect(pin).toMatchObject({ vuid: 'VKX-nt-handle-closed-twice', call: 13, process: 'main', severity: r.findings[0].severity, n: 0 });
    expect(pin.x).toBe(callX(l, 13));
    const main = lane(l, 'main');
    expect(pin.y).toBeGreaterThan(main.y);
    expect(pin.y).toBeLessThan(main.markY);
    expect(l.calls.find((c) => c.call === 13)!.worst).toBe(pin.severity);
  });

  it('ends a leaked handle where its process exits, not at a CloseHandle', () => {
    const l = layoutTimeline(run('misuse/opaque_win32.nt_handle_leaked.scenario.json').steps);
    const h = l.bars.find((b) => b.kind === 'handle')!;
    expect(h).toMatchObject({ end: 'exited', toCall: 17 });
    expect(l.pins.map((p) => p.vuid)).toContain('VKX-nt-handle-leaked');
  });

  it('ends an fd where an import takes it over', () => {
    const l = layoutTimeline(run('misuse/opaque_fd.close_after_import.scenario.json', 'lavapipe').steps);
    const fd = l.bars.find((b) => b.kind === 'handle')!;
    expect(fd).toMatchObject({ handleKind: 'fd', fromCall: 10, end: 'imported', toCall: 11 });
    // The later close() of the fd the driver owns is a finding, pinned at call 12.
    expect(l.pins.map((p) => [p.call, p.vuid])).toEqual([[12, 'VKX-fd-closed-after-import']]);
  });

  it('keeps an import in another process without a duplicate unlinked, with its finding in that lane', () => {
    const l = layoutTimeline(run('misuse/opaque_win32.import_in_other_process_without_duplicate.scenario.json').steps);
    expect(l.links).toEqual([]);
    const pin = l.pins.find((p) => p.vuid === 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661')!;
    expect(pin.process).toBe('B');
    expect(pin.y).toBeGreaterThan(lane(l, 'B').y);
  });
});

describe('timeline layout edge cases', () => {
  const step = (call: number, process: string, events: StepOutcome['events'] = [], extra: Partial<StepOutcome> = {}): StepOutcome =>
    ({ call, process, kind: 'os', name: 'Op', findings: [], events, expectations: [], ...extra });

  it('puts main first and links a KMT value used in another process', () => {
    const l = layoutTimeline([
      step(1, 'B'),
      step(2, 'main', [{ kind: 'handle-created', process: 'main', text: 'KMT handle 0x40000b02 made → P1' }]),
      step(3, 'B', [{ kind: 'handle-imported', process: 'B', text: 'KMT handle 0x40000b02 imported as mem0 → P1' }]),
    ]);
    expect(l.lanes.map((x) => x.process)).toEqual(['main', 'B']);
    expect(l.links).toEqual([expect.objectContaining({ kind: 'shared', fromProcess: 'main', toProcess: 'B', call: 3 })]);
    expect(l.bars[0]).toMatchObject({ handleKind: 'kmt', end: 'open' });
    // An open bar runs past the last call.
    expect(l.bars[0].x2).toBeGreaterThan(l.calls.at(-1)!.x);
  });

  it('gives overlapping handles in one lane separate tracks, and reuses a track once one ended', () => {
    const made = (n: string) => ({ kind: 'handle-created' as const, process: 'main', text: `NT handle ${n} made → P1` });
    const closed = (n: string) => ({ kind: 'handle-closed' as const, process: 'main', text: `NT handle ${n} closed` });
    const l = layoutTimeline([step(1, 'main', [made('h1')]), step(2, 'main', [made('h2')]), step(3, 'main', [closed('h1')]), step(4, 'main', [made('h3')]), step(5, 'main', [closed('h2'), closed('h3')])]);
    const y = Object.fromEntries(l.bars.map((b) => [b.label, b.y]));
    expect(y.h1).not.toBe(y.h2);
    expect(y.h3).toBe(y.h1);
  });

  it('cuts long call names and draws at most MAX_PICTURE_STEPS calls', () => {
    const long = step(1, 'main', [], { name: 'vkGetPhysicalDeviceExternalImageFormatPropertiesNV' });
    expect(callLabel(long)).toHaveLength(GEOMETRY.labelChars);
    expect(callLabel(long).endsWith('…')).toBe(true);
    const many = Array.from({ length: MAX_PICTURE_STEPS + 10 }, (_, i) => step(i + 1, 'main'));
    const l = layoutTimeline(many);
    expect(l.calls).toHaveLength(MAX_PICTURE_STEPS);
    expect(l.truncated).toEqual({ shown: MAX_PICTURE_STEPS, total: MAX_PICTURE_STEPS + 10 });
  });

  it('lays out nothing for no steps without failing', () => {
    const l = layoutTimeline([]);
    expect(l.lanes).toEqual([]);
    expect(l.calls).toEqual([]);
    expect(laneOrder([])).toEqual([]);
  });
});

describe('every library scenario', () => {
  it('lays out on a profile that runs it: every finding pinned, every bar forward, every mark inside its row', () => {
    const files = ['cts', 'examples', 'misuse'].flatMap((d) => readdirSync(`scenarios/${d}`).filter((f) => f.endsWith('.scenario.json')).map((f) => `${d}/${f}`));
    let drawn = 0;
    for (const f of files) {
      const text = readFileSync(`scenarios/${f}`, 'utf8');
      const r = ['illustrative-windows-discrete', 'lavapipe'].map((p) => runText(v, text, f, findProfile(p))).find((x) => x.status !== 'unsupported');
      if (!r) continue;
      const l = layoutTimeline(r.steps);
      expect(l.pins, f).toHaveLength(r.findings.length);
      expect(l.calls, f).toHaveLength(r.steps.length);
      for (const b of l.bars) expect(b.x2, `${f} ${b.key}`).toBeGreaterThanOrEqual(b.x1);
      const rows = [...l.lanes.map((x) => ({ p: x.process, top: x.y, bottom: x.y + x.height })), ...(l.payloadRow ? [{ p: '', top: l.payloadRow.y, bottom: l.payloadRow.y + l.payloadRow.height }] : [])];
      for (const m of [...l.markers, ...l.pins, ...l.bars]) {
        const row = rows.find((x) => x.p === m.process)!;
        expect(m.y, `${f}: ${JSON.stringify(m)}`).toBeGreaterThan(row.top);
        expect(m.y, `${f}: ${JSON.stringify(m)}`).toBeLessThan(row.bottom);
      }
      drawn++;
    }
    expect(drawn).toBeGreaterThan(100);
  });
});
