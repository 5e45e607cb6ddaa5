// Query ids: the grammar (parse and format), selection over the real scenario library with wildcards,
// the suggestions a query that selects nothing gets, and the rule-test ids vitest's name filter takes.
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import {
  parseQuery, formatQuery, selectScenarios, checkSteps, libraryId, libraryPath, ruleTestId, nearest, stepId, QueryError, type Query,
} from '../../src/input/query.js';
import { libraryScenarios, idOfFile, fileOfId } from '../../src/cli/inputs.js';

const LIBRARY = libraryScenarios();
const IDS = LIBRARY.map((s) => s.id);

function failure(fn: () => unknown): QueryError {
  try { fn(); } catch (e) { if (e instanceof QueryError) return e; throw e; }
  throw new Error('expected a QueryError');
}

describe('parsing and formatting', () => {
  const round: Array<[string, Query]> = [
    ['misuse/opaque_win32.import_wrong_allocation_size', { path: 'misuse/opaque_win32.import_wrong_allocation_size', wildcard: false }],
    ['misuse/opaque_win32.import_wrong_allocation_size:13', { path: 'misuse/opaque_win32.import_wrong_allocation_size', wildcard: false, step: 13 }],
    ['misuse/opaque_win32.import_wrong_allocation_size:end', { path: 'misuse/opaque_win32.import_wrong_allocation_size', wildcard: false, step: 'end' }],
    ['misuse/opaque_win32.import_wrong_allocation_size:*', { path: 'misuse/opaque_win32.import_wrong_allocation_size', wildcard: false, step: '*' }],
    ['misuse/*', { path: 'misuse/', wildcard: true }],
    ['misuse/opaque_win32.*', { path: 'misuse/opaque_win32.', wildcard: true }],
    ['examples/d3d11-texture-import', { path: 'examples/d3d11-texture-import', wildcard: false }],
    ['*', { path: '', wildcard: true }],
    ['rules/allocate/VUID-VkMemoryAllocateInfo-allocationSize-07897:01', { path: 'rules/allocate/VUID-VkMemoryAllocateInfo-allocationSize-07897', wildcard: false, step: 1 }],
  ];
  it.each(round)('%s parses and formats back', (text, query) => {
    expect(parseQuery(text)).toEqual(query);
    expect(parseQuery(formatQuery(parseQuery(text)))).toEqual(query);
  });

  it('formats every library id and every step id so that it parses back to the same', () => {
    for (const id of IDS) {
      expect(formatQuery(parseQuery(id))).toBe(id);
      for (const step of [1, 42, 'end'] as const) expect(formatQuery(parseQuery(stepId(id, step)))).toBe(stepId(id, step));
    }
  });

  it('refuses a malformed query, naming the part that is wrong', () => {
    expect(failure(() => parseQuery('')).message).toMatch(/it is empty/);
    expect(failure(() => parseQuery('misuse/*/x')).message).toBe(`query 'misuse/*/x': '*' may only end a query (as in misuse/* or misuse/opaque_win32.export_twice:*), not stand at column 8`);
    expect(failure(() => parseQuery('misuse/x:0')).message).toMatch(/the step after ':' must be a call number from 1 \(as reports print it\), 'end' or '\*', not '0'/);
    expect(failure(() => parseQuery('misuse/x:two')).message).toMatch(/not 'two'$/);
    expect(failure(() => parseQuery('misuse/x:1:2')).message).toMatch(/not '1:2'$/);
    expect(failure(() => parseQuery('misuse/x y')).message).toBe(`query 'misuse/x y': " " at column 9 cannot be part of an id (ids are letters, digits, '_', '.' and '-', with '/' between folders)`);
    expect(failure(() => parseQuery('/misuse/x')).message).toMatch(/starts with a folder name/);
    expect(failure(() => parseQuery('misuse//x')).message).toMatch(/a folder name between '\/' is empty/);
    expect(failure(() => parseQuery(':3')).message).toMatch(/the scenario id before ':' is empty/);
    expect(failure(() => parseQuery('misuse/*:3')).message).toMatch(/'\*' may only end a query .* not stand at column 8$/);
  });

  it('a library id is the path under scenarios/ without .scenario.json, and back', () => {
    expect(libraryId('misuse/opaque_win32.export_twice.scenario.json')).toBe('misuse/opaque_win32.export_twice');
    expect(libraryId('misuse\\opaque_win32.export_twice.scenario.json')).toBe('misuse/opaque_win32.export_twice');
    expect(libraryId('misuse/notes.json')).toBeUndefined();
    expect(libraryId('../elsewhere/x.scenario.json')).toBeUndefined();
    expect(libraryPath('misuse/opaque_win32.export_twice')).toBe('misuse/opaque_win32.export_twice.scenario.json');
    expect(idOfFile('scenarios/misuse/opaque_win32.export_twice.scenario.json')).toBe('misuse/opaque_win32.export_twice');
    expect(idOfFile('test/fixtures/captures/valid-buffer.jsonl')).toBeUndefined();
    expect(idOfFile(fileOfId('cts/opaque_win32.cross_process'))).toBe('cts/opaque_win32.cross_process');
  });
});

describe('selection over the library', () => {
  const onDisk = ['cts', 'examples', 'misuse'].flatMap((d) => readdirSync(`scenarios/${d}`).filter((f) => f.endsWith('.scenario.json')).map((f) => `${d}/${f.replace(/\.scenario\.json$/, '')}`)).sort();

  it('every scenario file has one id, and ids are unique', () => {
    expect(IDS).toEqual(onDisk);
    expect(new Set(IDS).size).toBe(IDS.length);
  });

  it('a folder wildcard selects the folder, a name wildcard the names that begin so, * everything', () => {
    expect(selectScenarios(['misuse/*'], IDS).map((s) => s.id)).toEqual(onDisk.filter((id) => id.startsWith('misuse/')));
    const win32 = selectScenarios(['misuse/opaque_win32.*'], IDS).map((s) => s.id);
    expect(win32).toEqual(onDisk.filter((id) => id.startsWith('misuse/opaque_win32.')));
    expect(win32).toContain('misuse/opaque_win32.import_wrong_allocation_size');
    expect(win32.some((id) => id.startsWith('misuse/opaque_win32_kmt.'))).toBe(false);
    expect(selectScenarios(['*'], IDS)).toHaveLength(onDisk.length);
    expect(selectScenarios(['cts/opaque_fd.dedicated.*'], IDS).every((s) => s.steps === 'all')).toBe(true);
  });

  it('steps: one, several, the end; a scenario named whole and by a step is whole; library order', () => {
    const id = 'misuse/opaque_win32.import_wrong_allocation_size';
    expect(selectScenarios([`${id}:13`], IDS)).toEqual([{ id, steps: [13] }]);
    expect(selectScenarios([`${id}:end`, `${id}:13`, `${id}:9`, `${id}:13`], IDS)).toEqual([{ id, steps: [9, 13, 'end'] }]);
    expect(selectScenarios([`${id}:13`, id], IDS)).toEqual([{ id, steps: 'all' }]);
    expect(selectScenarios([`${id}:*`], IDS)).toEqual([{ id, steps: 'all' }]);
    expect(selectScenarios(['misuse/opaque_fd.close_twice', 'cts/opaque_win32.cross_process'], IDS).map((s) => s.id)).toEqual(['cts/opaque_win32.cross_process', 'misuse/opaque_fd.close_twice']);
  });

  it('a step past the end of its scenario is refused with the steps it has', () => {
    const [sel] = selectScenarios(['misuse/opaque_win32.export_twice:40'], IDS);
    const e = failure(() => checkSteps(sel, 17));
    expect(e.message).toBe(`no step 40 in 'misuse/opaque_win32.export_twice': its steps are 1 to 17, and 'end' for the processes' exits`);
    expect(e.suggestion).toBe('misuse/opaque_win32.export_twice:17');
    expect(() => checkSteps(selectScenarios(['misuse/opaque_win32.export_twice:17'], IDS)[0], 17)).not.toThrow();
  });
});

describe('suggestions', () => {
  it('a mistyped or shortened id gets the nearest one, with the step kept', () => {
    const e = failure(() => selectScenarios(['misuse/opaque_win32.import_wrong_size'], IDS));
    expect(e.message).toBe(`no scenario 'misuse/opaque_win32.import_wrong_size'; did you mean 'misuse/opaque_win32.import_wrong_allocation_size'?`);
    expect(e.suggestion).toBe('misuse/opaque_win32.import_wrong_allocation_size');
    expect(failure(() => selectScenarios(['misuse/opaque_win32.import_wrong_size:13'], IDS)).suggestion).toBe('misuse/opaque_win32.import_wrong_allocation_size:13');
    expect(failure(() => selectScenarios(['examples/d3d11-texture-import-by-nam'], IDS)).suggestion).toBe('examples/d3d11-texture-import-by-name');
    expect(failure(() => selectScenarios(['cts/opaque_fd.buffer.inf'], IDS)).suggestion).toBe('cts/opaque_fd.buffer.info');
    // The old explorer links named the file; the id is the name without its suffix.
    expect(failure(() => selectScenarios(['misuse/opaque_win32.export_twice.scenario.json'], IDS)).suggestion).toBe('misuse/opaque_win32.export_twice');
  });

  it('a wildcard that selects nothing gets the nearest beginning of an id', () => {
    expect(failure(() => selectScenarios(['misuse/opaque_win33.*'], IDS)).message).toBe(`'misuse/opaque_win33.*' selects no scenario; did you mean 'misuse/opaque_win32.*'?`);
    expect(failure(() => selectScenarios(['mis/*'], IDS)).suggestion).toBe('misuse/*');
  });

  it('nothing near: the folders instead of a guess', () => {
    expect(failure(() => selectScenarios(['zzz'], IDS)).message).toBe(`no scenario 'zzz'; the library's folders are cts/, examples/, misuse/`);
    expect(nearest('abc', ['xyz'])).toBeUndefined();
  });

  it('rule tests are not scenarios: the query says how to run them', () => {
    expect(failure(() => selectScenarios(['rules/allocate/*'], IDS)).message).toBe(`'rules/allocate/*' names rule tests, which are vitest cases: run them with npx vitest run -t 'rules/allocate/*'`);
  });
});

describe('rule test ids', () => {
  it('rules/<file>/<group>:<two-digit case>, the group the describe title with other characters made "-"', () => {
    expect(ruleTestId('allocate', 'VUID-VkMemoryAllocateInfo-allocationSize-07897', 1)).toBe('rules/allocate/VUID-VkMemoryAllocateInfo-allocationSize-07897:01');
    expect(ruleTestId('lifecycle', 'OS-level handle mistakes (VKX-…)', 12)).toBe('rules/lifecycle/OS-level-handle-mistakes-VKX:12');
    expect(ruleTestId('bind', 'VUID-vkBindBufferMemory-memory-01508 / VUID-vkBindImageMemory-memory-02628', 3)).toBe('rules/bind/VUID-vkBindBufferMemory-memory-01508-VUID-vkBindImageMemory-memory-02628:03');
    expect(() => ruleTestId('allocate', 'x', 100)).toThrow(/split the group/);
  });

  it('no id is the beginning of another, so a name filter selects one case', () => {
    const ids = ['a', 'a-b', 'ab'].flatMap((g) => Array.from({ length: 12 }, (_, i) => ruleTestId('f', g, i + 1)));
    for (const x of ids) expect(ids.filter((y) => `${y} some title`.match(new RegExp(x)))).toEqual([x]);
    for (const x of ids) expect(parseQuery(x).step).toBeGreaterThan(0);
  });
});
