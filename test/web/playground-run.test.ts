// The playground's logic: telling captures from scenarios, running each (scenarios on the mock, captures
// as recorded, with the same findings `vk-extmem validate` gives), unsupported profiles and the ones
// that can run a scenario, bad input named by line, the library search, and links to pasted text.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createValidator, validateCaptureStream, InputError } from '../../src/index.js';
import { findProfile, builtinProfiles } from '../../src/profiles/builtin.js';
import type { Validator } from '../../src/validator.js';
import { inputKind, runText, runCapture, profilesThatCanRun, summarize } from '../../web-demo/src/logic/playground-run.js';
import { filterScenarios, pastedLink, sourceFromParams, libraryQuery, scenarioParam, entryId, defaultScenario } from '../../web-demo/src/logic/playground-library.js';
import { EXPLORER_LIMITS } from '../../web-demo/src/logic/limits.js';
import { libraryPath } from '../../src/input/query.js';
import { libraryScenarios } from '../../src/cli/inputs.js';
import { parseHash, decodeState, encodeState } from '../../web-demo/src/logic/url-state.js';
import type { ScenarioEntry } from '../../web-demo/src/app/library.js';

let v: Validator;
beforeAll(async () => { v = await createValidator(); });
const scenario = (p: string) => readFileSync(`scenarios/${p}`, 'utf8');
const capture = (f: string) => readFileSync(`test/fixtures/captures/${f}`, 'utf8');

describe('input kinds', () => {
  it('reads JSON Lines captures as captures and scenario files as scenarios', () => {
    expect(inputKind(capture('misuse-import-size.jsonl'))).toBe('capture');
    expect(inputKind(scenario('cts/opaque_win32.cross_process.scenario.json'))).toBe('scenario');
    expect(inputKind('{"scenario":"x","steps":[]}')).toBe('scenario');
  });
});

describe('running scenarios', () => {
  it('runs the cross-process CTS scenario on the illustrative discrete GPU: two processes, every expectation passed', () => {
    const r = runText(v, scenario('cts/opaque_win32.cross_process.scenario.json'), 'x.scenario.json', findProfile('illustrative-windows-discrete'));
    expect(r).toMatchObject({ kind: 'scenario', title: 'opaque_win32.cross_process', status: 'passed', profile: 'illustrative-windows-discrete' });
    expect(new Set(r.steps.map((s) => s.process))).toEqual(new Set(['A', 'B']));
    expect(summarize(r)).toMatchObject({ errors: 0, failed: 0 });
    expect(summarize(r).passed).toBeGreaterThan(5);
    // The backend's own events are kept for the picture.
    expect(r.steps.find((s) => s.name === 'DuplicateHandle')!.raw).toEqual([expect.objectContaining({ kind: 'handle-duplicated' })]);
  });

  it('reports a misuse scenario’s finding and still passes (it expects that report)', () => {
    const r = runText(v, scenario('misuse/opaque_win32.close_handle_twice.scenario.json'), 'm.scenario.json', findProfile('illustrative-windows-discrete'));
    expect(r.status).toBe('passed');
    expect(r.findings.map((f) => [f.vuid, f.call])).toEqual([['VKX-nt-handle-closed-twice', 13]]);
  });

  it('says a Windows scenario is not supported on lavapipe and names the profiles that can run it', () => {
    const text = scenario('cts/opaque_win32.cross_process.scenario.json');
    const r = runText(v, text, 'x.scenario.json', findProfile('lavapipe'));
    expect(r.status).toBe('unsupported');
    expect(r.reason).toMatch(/windows/);
    expect(r.steps).toEqual([]);
    const able = profilesThatCanRun(r.scenario!, builtinProfiles(), v);
    expect(able).toContain('illustrative-windows-discrete');
    expect(able).not.toContain('lavapipe');
  });

  it('names the line and member of a broken scenario (InputError), never a stack', () => {
    const broken = scenario('misuse/opaque_win32.close_handle_twice.scenario.json').replace('"CloseHandle"', '"CloseHandel"');
    let err: unknown;
    try { runText(v, broken, 'broken.scenario.json', findProfile('illustrative-windows-discrete')); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    const text = (err as InputError).describe();
    expect(text).toMatch(/^broken\.scenario\.json:\d+: /);
    expect(text).toMatch(/steps\[\d+\]\.os\.name/);
    expect(text).toContain('"CloseHandle"');
    let json: unknown;
    try { runText(v, '{"scenario": "x", "steps": [', 'cut.json', findProfile('lavapipe')); } catch (e) { json = e; }
    expect((json as InputError).describe()).toMatch(/^cut\.json(:\d+)?: not valid JSON/);
  });
});

describe('running captures', () => {
  it('finds the same findings as `vk-extmem validate` for every sample capture', async () => {
    for (const f of readdirSync('test/fixtures/captures').filter((n) => n.endsWith('.jsonl'))) {
      const text = capture(f);
      const mine = runCapture(v, text, f);
      const theirs = await validateCaptureStream(v, (async function* () { yield text; })(), f);
      expect(mine.findings.map((x) => [x.vuid, x.call, x.line, x.path]), f).toEqual(theirs.findings.map((x) => [x.vuid, x.call, x.line, x.path]));
      expect(mine.steps.length, f).toBe(theirs.calls);
    }
  });

  it('pins the oversized import of misuse-import-size.jsonl to its call', () => {
    const r = runText(v, capture('misuse-import-size.jsonl'), 'misuse-import-size.jsonl', findProfile('illustrative-windows-discrete'));
    expect(r).toMatchObject({ kind: 'capture', status: 'checked', title: 'misuse-import-size.jsonl' });
    const f = r.findings.find((x) => x.vuid === 'VUID-VkMemoryAllocateInfo-allocationSize-01742')!;
    expect(f).toBeDefined();
    const step = r.steps.find((s) => s.findings.includes(f))!;
    expect(step).toMatchObject({ name: 'vkAllocateMemory', call: f.call, process: 'main' });
  });

  it('reads what happened to handles and payloads from a capture’s calls, in the shape a scenario run gives', () => {
    const r = runCapture(v, capture('valid-buffer.jsonl'), 'valid-buffer.jsonl');
    const happened = Object.fromEntries(r.steps.filter((s) => s.events.length).map((s) => [`${s.call} ${s.name}`, s.events.map((e) => `${e.kind}: ${e.text}`)]));
    expect(happened).toEqual({
      '13 vkAllocateMemory': ['payload-born: payload P1 born (65536 bytes, vulkan)'],
      '18 vkGetMemoryFdKHR': ['handle-created: fd 5 made → P1'],
      '21 vkAllocateMemory': ['handle-imported: fd 5 imported as memory 8 → P1 (the driver now owns the fd)'],
      '29 vkFreeMemory': ['payload-freed: payload P1 freed'],
    });
    // The backend-shaped events ride along, one per event, as keepOutputs gives them on a scenario run.
    expect(r.steps.find((s) => s.call === 18)!.raw).toEqual([{ kind: 'handle-created', process: 0, handle: 5, handleKind: 'fd', payload: 1 }]);
    for (const s of r.steps) expect(s.raw?.length ?? 0).toBe(s.events.length);
  });

  it('names the line of a capture line that is not JSON', () => {
    const text = capture('valid-buffer.jsonl').split('\n').slice(0, 3).join('\n') + '\n{"index": 99, "vkFunc": {\n';
    let err: unknown;
    try { runCapture(v, text, 'cut.jsonl'); } catch (e) { err = e; }
    expect((err as InputError).describe()).toMatch(/^cut\.jsonl:4: not valid JSON/);
  });
});

describe('the library and links', () => {
  const entries: ScenarioEntry[] = [
    { path: 'cts/a.scenario.json', name: 'opaque_fd.a', description: 'fd round trip', group: 'cts' },
    { path: 'misuse/b.scenario.json', name: 'opaque_win32.close_twice', description: 'CloseHandle twice on an NT handle', group: 'misuse' },
    { path: 'examples/c.scenario.json', name: 'd3d11-kmt', description: 'a KMT texture', group: 'examples' },
    { path: 'extra/d.scenario.json', name: 'other', description: 'nt handle', group: 'extra' },
  ];

  it('groups scenarios examples first, then misuse, cts and the rest, and searches every word in any case', () => {
    expect(filterScenarios(entries, '').map((g) => [g.group, g.entries.length])).toEqual([['examples', 1], ['misuse', 1], ['cts', 1], ['extra', 1]]);
    expect(filterScenarios(entries, 'NT handle').flatMap((g) => g.entries.map((e) => e.name))).toEqual(['opaque_win32.close_twice', 'other']);
    expect(filterScenarios(entries, 'handle twice').flatMap((g) => g.entries.map((e) => e.name))).toEqual(['opaque_win32.close_twice']);
    expect(filterScenarios(entries, 'nothing-like-this')).toEqual([]);
  });

  it('opens with a library scenario every built-in profile of that platform can run', () => {
    for (const p of builtinProfiles()) {
      const r = runText(v, scenario(libraryPath(defaultScenario(p.platform))), 'default', p);
      expect(r.status, `${p.profile}: ${r.reason ?? ''}`).toBe('passed');
    }
  });

  it('links pasted text up to the limit, and says why not above it', async () => {
    const text = '{"scenario":"<img src=x onerror=\\"window.__pwned=1\\">","steps":[]}';
    const link = await pastedLink(text, 'lavapipe');
    expect('hash' in link).toBe(true);
    const { route, params } = parseHash((link as { hash: string }).hash);
    expect(route).toBe('play');
    expect(params.profile).toBe('lavapipe');
    expect(decodeState(params.text)).toBe(text);
    expect(sourceFromParams(params).source).toEqual({ from: 'text', text });

    // The limit is on the compressed link: text that does not compress (random digits) past it is refused, naming both lengths.
    let seed = 1;
    const digits = Array.from({ length: 80_000 }, () => { seed = (seed * 48271) % 2147483647; return seed % 10; }).join('');
    const big = await pastedLink(digits, 'lavapipe');
    expect('why' in big && big.why).toMatch(/^A link to this text would be [\d,]+ characters long, compressed; a link carries at most 32,000 /);
    expect(EXPLORER_LIMITS.linkChars).toBe(32_000);
    expect('why' in (await pastedLink('', 'lavapipe'))).toBe(true);
  });

  it('names every scenario by its query id, and finds it by id', () => {
    expect(entries.map(entryId)).toEqual(['cts/a', 'misuse/b', 'examples/c', 'extra/d']);
    expect(filterScenarios(entries, 'misuse/b').flatMap((g) => g.entries.map(entryId))).toEqual(['misuse/b']);
  });

  it('opens a scenario or one of its steps by query id; old links that named the file still open it', () => {
    const ids = entries.map(entryId);
    expect(sourceFromParams({ scenario: 'cts/a' }, ids)).toEqual({ source: { from: 'library', id: 'cts/a', step: undefined } });
    expect(sourceFromParams({ scenario: 'misuse/b:13' }, ids).source).toEqual({ from: 'library', id: 'misuse/b', step: 13 });
    expect(sourceFromParams({ scenario: 'misuse/b:end' }, ids).source).toEqual({ from: 'library', id: 'misuse/b', step: 'end' });
    expect(sourceFromParams({ scenario: 'cts/a.scenario.json' }, ids).source).toEqual({ from: 'library', id: 'cts/a', step: undefined });
    expect(sourceFromParams({ scenario: 'cts/a.scenario.json:4' }, ids).source).toEqual({ from: 'library', id: 'cts/a', step: 4 });
    expect(scenarioParam('misuse/b', 13)).toBe('misuse/b:13');
    expect(scenarioParam('misuse/b')).toBe('misuse/b');
  });

  it('a query that selects nothing says so with the nearest id; a wildcard opens the first it selects', () => {
    const ids = libraryScenarios().map((s) => s.id);
    const typo = libraryQuery('misuse/opaque_win32.import_wrong_size:13', ids);
    expect(typo.source).toEqual({ from: 'none' });
    expect(typo.problem).toBe(`no scenario 'misuse/opaque_win32.import_wrong_size'; did you mean 'misuse/opaque_win32.import_wrong_allocation_size:13'?`);
    expect(typo.suggestion).toBe('misuse/opaque_win32.import_wrong_allocation_size:13');
    expect(libraryQuery(typo.suggestion!, ids).source).toEqual({ from: 'library', id: 'misuse/opaque_win32.import_wrong_allocation_size', step: 13 });
    expect(libraryQuery('misuse/x y', ids).problem).toMatch(/" " at column 9 cannot be part of an id/);
    const wild = libraryQuery('misuse/opaque_fd.*', ids);
    expect(wild.source).toEqual({ from: 'library', id: 'misuse/opaque_fd.close_after_import', step: undefined });
    expect(wild.alsoSelected?.length).toBe(6);
  });

  it('a library run is titled by its id and names its steps by their ids', () => {
    const r = runText(v, scenario('misuse/opaque_win32.close_handle_twice.scenario.json'), 'misuse/opaque_win32.close_handle_twice.scenario.json', findProfile('illustrative-windows-discrete'), 'misuse/opaque_win32.close_handle_twice');
    expect(r.title).toBe('misuse/opaque_win32.close_handle_twice');
    expect(r.steps[0].query).toBe('misuse/opaque_win32.close_handle_twice:1');
    expect(r.findings.every((f) => f.query === `misuse/opaque_win32.close_handle_twice:${f.call}`)).toBe(true);
  });

  it('reads what the URL names, and says so when the text in it is broken', () => {
    expect(sourceFromParams({ capture: 'valid-buffer.jsonl' }).source).toEqual({ from: 'capture', path: 'valid-buffer.jsonl' });
    expect(sourceFromParams({}).source).toEqual({ from: 'none' });
    const broken = sourceFromParams({ text: '***' });
    expect(broken.source).toEqual({ from: 'none' });
    expect(broken.problem).toMatch(/could not be decoded/);
    // A value that decodes but is not text is refused too.
    expect(sourceFromParams({ text: encodeState({ steps: [] }) }).source).toEqual({ from: 'none' });
  });
});
