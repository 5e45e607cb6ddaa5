// The playground's timeline picture, laid out from real runs of library scenarios on the mock and of
// captures: lanes (the exporter first), handle and payload lifetimes, the duplicate link across lanes,
// findings pinned to their calls with their VUIDs, call names in rows with the call numbers under them,
// the width of the column filled; and the names, sizes and styles of the saved picture.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createValidator } from '../../src/index.js';
import { findProfile } from '../../src/profiles/builtin.js';
import type { Validator } from '../../src/validator.js';
import type { StepOutcome } from '../../src/session/session.js';
import { runText } from '../../web-demo/src/logic/playground-run.js';
import { layoutTimeline, laneOrder, callLabel, GEOMETRY, MAX_PICTURE_STEPS, type TimelineLayout } from '../../web-demo/src/logic/timeline-layout.js';
import { nameSpellings, fitName, shortVuid, monoWidth, RowPacker, axisStride, TEXT_PX } from '../../web-demo/src/logic/timeline-labels.js';
import { pngScale, exportFileName, styleAttributes, fitHeading } from '../../web-demo/src/logic/timeline-export.js';

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
    for (let i = 1; i < l.calls.length; i++) expect(l.calls[i].x - l.calls[i - 1].x).toBe(l.step);
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

  it('puts the exporting process first and links a KMT value used in another process', () => {
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

  it('shortens a long call name only as far as its room needs, and draws at most MAX_PICTURE_STEPS calls', () => {
    const long = step(1, 'main', [], { name: 'vkGetPhysicalDeviceExternalImageFormatPropertiesNV' });
    expect(callLabel(long)).toBe('vkGetPhysicalDeviceExternalImageFormatPropertiesNV');
    expect(nameSpellings(long.name)).toEqual([
      'vkGetPhysicalDeviceExternalImageFormatPropertiesNV', 'GetPhysicalDeviceExternalImageFormatPropertiesNV', 'GetPDExternalImageFormatPropertiesNV',
      'GetPDExternalImageFormatPropsNV', 'GetPDExtImageFormatPropsNV', 'GetPDExtImgFormatPropsNV', 'GetPDExtImgFmtPropsNV',
    ]);
    expect(fitName(long.name, 1000)).toBe(long.name);
    expect(fitName(long.name, monoWidth('GetPDExtImageFormatPropsNV'))).toBe('GetPDExtImageFormatPropsNV');
    expect(fitName(long.name, 60)).toBe('GetPDEx…');
    expect(fitName('vkAllocateMemory', 200)).toBe('vkAllocateMemory');
    expect(fitName('vkAllocateMemory', monoWidth('AllocMem'))).toBe('AllocMem');
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

  it('orders lanes exporter first, then importers, then the rest, each as they appear', () => {
    const made = (p: string) => ({ kind: 'handle-created' as const, process: p, text: 'NT handle 0x1a4 made → P1' });
    const imported = (p: string) => ({ kind: 'handle-imported' as const, process: p, text: 'NT handle 0x2f0 imported as mem1 → P1' });
    expect(laneOrder([step(1, 'main'), step(2, 'consumer'), step(3, 'producer', [made('producer')]), step(4, 'consumer', [imported('consumer')])])).toEqual(['producer', 'consumer', 'main']);
    // No export: as they appear.
    expect(laneOrder([step(1, 'B'), step(2, 'main'), step(3, 'A')])).toEqual(['B', 'main', 'A']);
    // An importer that first appears before the exporter still comes after it.
    expect(laneOrder([step(1, 'B', [imported('B')]), step(2, 'A', [made('A')])])).toEqual(['A', 'B']);
  });
});

describe('the picture fills its column', () => {
  let steps: StepOutcome[];
  beforeAll(() => { steps = run('cts/opaque_win32.cross_process.scenario.json').steps; });

  it('at 1200 px the calls share the width out; the picture is exactly that wide', () => {
    const l = layoutTimeline(steps, { width: 1200 });
    expect(l.width).toBe(1200);
    expect(l.step).toBeCloseTo((1200 - l.gutter - GEOMETRY.rightPad) / steps.length, 6);
    expect(l.calls[0].x).toBeGreaterThan(l.gutter);
    expect(l.calls.at(-1)!.x).toBeLessThan(1200 - GEOMETRY.rightPad);
  });

  it('a few calls do not spread past GEOMETRY.maxStep, but the lanes still span the width', () => {
    const l = layoutTimeline(steps.slice(0, 3), { width: 1200 });
    expect(l.step).toBe(GEOMETRY.maxStep);
    expect(l.width).toBe(1200);
  });

  it('too narrow a column (a phone) keeps GEOMETRY.minStep between calls: the picture is wider and scrolls', () => {
    const l = layoutTimeline(steps, { width: 390 });
    expect(l.step).toBe(GEOMETRY.minStep);
    expect(l.width).toBeGreaterThan(390);
    expect(layoutTimeline(steps).step).toBe(GEOMETRY.minStep);
  });

  it('writes each call name horizontally in a row above the lanes: none over another, none past the edges, none cut when there is room', () => {
    for (const width of [1200, 390, 2400]) {
      const l = layoutTimeline(steps, { width });
      const spans = l.calls.filter((c) => c.label).map((c) => {
        const w = monoWidth(c.label);
        return { y: c.labelY, from: c.labelAnchor === 'start' ? c.labelX : c.labelX - w, to: c.labelAnchor === 'start' ? c.labelX + w : c.labelX, c };
      });
      for (const a of spans) {
        expect(a.from, `${width}: ${a.c.label}`).toBeGreaterThanOrEqual(0);
        expect(a.to, `${width}: ${a.c.label}`).toBeLessThanOrEqual(l.width);
        expect(a.y).toBeLessThan(l.axisY);
        // Each is a spelling of its own name, or one cut with an ellipsis.
        expect(nameSpellings(a.c.fullLabel).includes(a.c.label) || a.c.label.endsWith('…'), a.c.label).toBe(true);
        for (const b of spans) if (a !== b && a.y === b.y) expect(a.to <= b.from || b.to <= a.from, `${width}: ${a.c.label} / ${b.c.label}`).toBe(true);
      }
      // Every call has its name written; its guide starts under it.
      expect(spans).toHaveLength(l.calls.length);
      for (const c of l.calls) expect(c.guideTop).toBeGreaterThan(c.labelY);
    }
    // With room to spare, every name is written in full.
    const wide = layoutTimeline(steps, { width: 4800 });
    expect(wide.calls.filter((c) => c.label !== c.fullLabel)).toEqual([]);
    expect(layoutTimeline(steps, { width: 1200 }).calls.find((c) => c.call === 21)!.label).toBe('vkAllocateMemory');
  });

  it('numbers every call on the axis as the step table does (end for the exits), fewer when the numbers are wide', () => {
    const l = layoutTimeline(steps, { width: 1200 });
    expect(l.calls.map((c) => c.axis)).toEqual(steps.map((s) => (s.synthetic ? 'end' : String(s.call))));
    expect(l.axisY).toBeGreaterThan(Math.max(...l.calls.map((c) => c.labelY)));
    expect(l.axisY).toBeLessThan(l.labelBand);
    expect(axisStride(30, 20)).toBe(1);
    expect(axisStride(30, 40)).toBe(2);
    expect(axisStride(30, 100)).toBe(5);
    expect(axisStride(30, 400)).toBe(20);
    const big = Array.from({ length: 40 }, (_, i) => ({ call: 100000 + i, process: 'main', kind: 'vk' as const, name: 'vkMapMemory', findings: [], events: [], expectations: [] }));
    const numbered = layoutTimeline(big, { width: 390 }).calls.filter((c) => c.axis !== undefined);
    expect(numbered.map((c) => c.axis)).toEqual(['100000', '100002', '100004', '100006', '100008', '100010', '100012', '100014', '100016', '100018', '100020', '100022', '100024', '100026', '100028', '100030', '100032', '100034', '100036', '100038']);
  });

  it('packs labels into rows so that none overlaps another', () => {
    const p = new RowPacker(2, 4);
    expect(p.place(0, 50)).toMatchObject({ row: 0 });
    expect(p.place(30, 60)).toMatchObject({ row: 1 });
    expect(p.place(40, 80)).toMatchObject({ row: -1 });
    expect(p.place(56, 90)).toMatchObject({ row: 0 });
    expect(p.used()).toBe(2);
  });

  it('keeps every text at 12 px or more', () => {
    expect(TEXT_PX).toBeGreaterThanOrEqual(12);
  });
});

describe('finding pins carry their VUID', () => {
  it('the number of a Khronos VUID, this model’s ids without VKX-', () => {
    expect(shortVuid('VUID-VkMemoryAllocateInfo-allocationSize-01743')).toBe('01743');
    expect(shortVuid('VUID-vkBindBufferMemory-memory-02964')).toBe('02964');
    expect(shortVuid('VKX-nt-handle-closed-twice')).toBe('nt-handle-close…');
    expect(shortVuid('VKX-fd-leaked')).toBe('fd-leaked');
  });

  it('labels the pin of import_wrong_allocation_size with 01743 beside it', () => {
    const r = run('misuse/opaque_win32.import_wrong_allocation_size.scenario.json');
    const l = layoutTimeline(r.steps, { width: 1200 });
    const pin = l.pins.find((p) => p.vuid === 'VUID-VkMemoryAllocateInfo-allocationSize-01743')!;
    expect(pin).toMatchObject({ label: '01743', labelSide: 'right', call: 13 });
  });

  it('gives every pin of every misuse scenario a label where there is room, and never two labels on one spot', () => {
    const files = readdirSync('scenarios/misuse').filter((f) => f.endsWith('.scenario.json'));
    let labelled = 0;
    let pins = 0;
    for (const f of files) {
      const text = readFileSync(`scenarios/misuse/${f}`, 'utf8');
      const r = ['illustrative-windows-discrete', 'lavapipe'].map((p) => runText(v, text, f, findProfile(p))).find((x) => x.status !== 'unsupported');
      if (!r) continue;
      const l = layoutTimeline(r.steps, { width: 1200 });
      const spans = l.pins.filter((p) => p.label).map((p) => {
        const w = monoWidth(p.label);
        return { y: p.y, from: p.labelSide === 'right' ? p.x - 6 : p.x - 8 - w, to: p.labelSide === 'right' ? p.x + 8 + w : p.x + 6, p };
      });
      for (const a of spans) for (const b of spans) if (a !== b && a.y === b.y) expect(a.to <= b.from || b.to <= a.from, `${f}: ${a.p.vuid} / ${b.p.vuid}`).toBe(true);
      labelled += spans.length;
      pins += l.pins.length;
    }
    expect(pins).toBeGreaterThan(30);
    expect(labelled).toBe(pins);
  });
});

describe('timeline layout of a capture', () => {
  it('valid-buffer.jsonl: the fd from vkGetMemoryFdKHR and its import draw as a handle bar and a payload bar', () => {
    const text = readFileSync('test/fixtures/captures/valid-buffer.jsonl', 'utf8');
    const r = runText(v, text, 'valid-buffer.jsonl', findProfile('lavapipe'));
    const l = layoutTimeline(r.steps, { width: 1200 });
    expect(l.lanes.map((x) => x.process)).toEqual(['main']);
    expect(l.bars.map((b) => [b.kind, b.label, b.handleKind, b.fromCall, b.end, b.toCall])).toEqual([
      ['payload', 'P1', undefined, 13, 'freed', 29],
      ['handle', '5', 'fd', 18, 'imported', 21],
    ]);
    expect(l.markers.map((m) => `${m.call}:${m.kind}`)).toEqual(['13:payload-born', '18:handle-created', '21:handle-imported', '29:payload-freed']);
    expect(l.calls.map((c) => c.axis)).toEqual(r.steps.map((s) => String(s.call)));
  });
});

describe('the saved picture', () => {
  it('is drawn at twice its size as a PNG, less when that is more than a browser draws', () => {
    expect(pngScale(1200, 400)).toBe(2);
    expect(pngScale(45000, 400)).toBe(0.71);
    expect(pngScale(20000, 20000)).toBeLessThan(1);
    expect(pngScale(20000, 20000) ** 2 * 20000 * 20000).toBeLessThanOrEqual(2.5e8);
  });

  it('has a heading of what ran and the verdict, each line cut to the picture’s width', () => {
    expect(fitHeading(['cts/x · profile lavapipe', 'PASSED — 3 expectations passed', ''], 1200)).toEqual(['cts/x · profile lavapipe', 'PASSED — 3 expectations passed']);
    const [line] = fitHeading(['x'.repeat(300)], 400);
    expect(line.endsWith('…')).toBe(true);
    expect(line.length * 8.4).toBeLessThanOrEqual(400 - 16);
  });

  it('is named after the run', () => {
    expect(exportFileName('cts/opaque_win32.cross_process', 'svg')).toBe('timeline-cts-opaque_win32.cross_process.svg');
    expect(exportFileName('valid-buffer.jsonl', 'png')).toBe('timeline-valid-buffer.png');
    expect(exportFileName('pasted text', 'png')).toBe('timeline-pasted-text.png');
    expect(exportFileName('<img src=x>', 'svg')).toBe('timeline-img-src-x.svg');
  });

  it('writes the computed styles that matter, leaving out what an SVG assumes anyway', () => {
    const computed: Record<string, string> = { fill: 'rgb(53, 88, 214)', stroke: 'none', 'stroke-width': '1px', opacity: '1', 'font-size': '12px', 'paint-order': 'normal', 'stroke-dasharray': '6px, 3px' };
    expect(styleAttributes((p) => computed[p] ?? '')).toEqual([['fill', 'rgb(53, 88, 214)'], ['stroke', 'none'], ['stroke-width', '1px'], ['stroke-dasharray', '6px, 3px'], ['font-size', '12px']]);
    // Under a parent: what it inherits unchanged is not said again; what it changes is, an initial value included.
    const parent: Record<string, string> = { ...computed, fill: 'rgb(0, 0, 0)', 'stroke-dasharray': '6px, 3px', opacity: '0.5' };
    const child: Record<string, string> = { ...computed, 'stroke-dasharray': 'none' };
    expect(styleAttributes((p) => child[p] ?? '', (p) => parent[p] ?? '')).toEqual([['fill', 'rgb(53, 88, 214)'], ['stroke-dasharray', 'none']]);
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
      const l = layoutTimeline(r.steps, { width: 1200 });
      expect(l.pins, f).toHaveLength(r.findings.length);
      expect(l.lanes.map((x) => x.process), f).toEqual(laneOrder(r.steps));
      for (const c of l.calls) expect(c.x, f).toBeLessThan(l.width);
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
