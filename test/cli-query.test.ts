// Query ids on the command line: run and validate take them where they take files, reports name every
// finding by its step's id, a query that selects nothing exits 2 with the nearest id, and expectation
// files key outcomes by id.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { cli, tempFile } from './helpers/cli.js';

const WRONG_SIZE = 'misuse/opaque_win32.import_wrong_allocation_size';
const EXPORT_TWICE = 'misuse/opaque_win32.export_twice';

describe('vk-extmem run with query ids', () => {
  it('runs one step: the steps before it build its state, the report and the verdict are that step\'s', () => {
    const r = cli(['run', `${WRONG_SIZE}:13`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${WRONG_SIZE}:13 {2}on mock · profile illustrative-windows-discrete`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^ +13 +main +vkAllocateMemory`, 'm'));
    expect(r.stdout).not.toMatch(/^ +12 +main/m);
    expect(r.stdout).toContain(`✗ ${WRONG_SIZE}:13  VUID-VkMemoryAllocateInfo-allocationSize-01743 at pAllocateInfo.allocationSize`);
    expect(r.stdout).toMatch(/expectations: 3 passed, 0 failed → PASSED/);
    const j = JSON.parse(cli(['run', `${WRONG_SIZE}:13`, `${WRONG_SIZE}:9`, '--format', 'json']).stdout);
    expect(j.runs).toHaveLength(1);
    expect(j.runs[0]).toMatchObject({ query: WRONG_SIZE, selected: [`${WRONG_SIZE}:9`, `${WRONG_SIZE}:13`], status: 'passed' });
    expect(j.runs[0].steps.map((s: { query: string }) => s.query)).toEqual([`${WRONG_SIZE}:9`, `${WRONG_SIZE}:13`]);
    expect(j.runs[0].findings.map((f: { query: string }) => f.query)).toEqual([`${WRONG_SIZE}:13`]);
  });

  it('a step without expectations fails by its error findings; :end runs the scenario to its end', () => {
    const r = cli(['run', `${WRONG_SIZE}:15`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✗ ${WRONG_SIZE}:15  VUID-vkFreeMemory-memory-parameter`);
    const x = cli(['run', `${WRONG_SIZE}:15`, '--format', 'junit']).stdout;
    expect(x).toMatch(new RegExp(`<testcase [^>]*name="${WRONG_SIZE}:15"`));
    expect(x).toMatch(/<failure message="1 error finding">.*:15 vkFreeMemory VUID-vkFreeMemory-memory-parameter/);
    const end = JSON.parse(cli(['run', `${EXPORT_TWICE}:end`, '--format', 'json']).stdout).runs[0];
    expect(end.steps.length).toBeGreaterThan(0);
    expect(end.steps.every((s: { synthetic: boolean; query: string }) => s.synthetic && s.query === `${EXPORT_TWICE}:end`)).toBe(true);
  });

  it('a wildcard runs every scenario it selects, each named by its id', () => {
    const r = cli(['run', 'misuse/opaque_fd.*', '--format', 'junit']);
    expect(r.code, r.stderr).toBe(0);
    const names = [...r.stdout.matchAll(/<testcase [^>]*name="([^"]+)"/g)].map((m) => m[1]);
    expect(names.length).toBe(7);
    expect(names.every((n) => n.startsWith('misuse/opaque_fd.'))).toBe(true);
    expect(names).toContain('misuse/opaque_fd.close_twice');
  });

  it('a query that selects nothing exits 2 with the nearest id; so does a step past the end', () => {
    const r = cli(['run', 'misuse/opaque_win32.import_wrong_size']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`vk-extmem run: error: no scenario 'misuse/opaque_win32.import_wrong_size'; did you mean '${WRONG_SIZE}'?\n`);
    expect(r.stdout).toBe('');
    const w = cli(['run', 'misuse/opaque_win33.*']);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/did you mean 'misuse\/opaque_win32\.\*'\?/);
    const s = cli(['run', `${EXPORT_TWICE}:40`]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(new RegExp(`no step 40 in '${EXPORT_TWICE}': its steps are 1 to 17`));
    const bad = cli(['run', `${EXPORT_TWICE}:0`]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/the step after ':' must be a call number from 1/);
    expect(cli(['run', 'rules/allocate/*']).stderr).toMatch(/names rule tests, which are vitest cases: run them with npx vitest run -t 'rules\/allocate\/\*'/);
    // A name that can only be a file still says there is no such file.
    expect(cli(['run', 'missing.scenario.json']).stderr).toMatch(/no such file or directory: missing\.scenario\.json/);
  });

  it('a library file given by path is named by its id', () => {
    const r = cli(['run', `scenarios/${EXPORT_TWICE}.scenario.json`, '--quiet']);
    expect(r.stdout).toMatch(new RegExp(`^${EXPORT_TWICE} {2}on mock`, 'm'));
    expect(r.stdout).toContain(`✗ ${EXPORT_TWICE}:11  VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663`);
  });

  it('--list prints the ids a query selects and their steps', () => {
    const r = cli(['run', '--list', 'misuse/opaque_fd.close_*', `${WRONG_SIZE}:13`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^misuse\/opaque_fd\.close_after_import {2}\d+ steps$/m);
    expect(r.stdout).toMatch(/^misuse\/opaque_fd\.close_twice {2}\d+ steps$/m);
    expect(r.stdout).toMatch(new RegExp(`^${WRONG_SIZE}:13$`, 'm'));
    expect(r.stdout).toMatch(/^3 scenarios, \d+ steps/m);
    const all = cli(['run', '--list']).stdout;
    expect(all).toMatch(/^113 scenarios, \d+ steps/m);
  });
});

describe('vk-extmem validate with query ids', () => {
  it('takes a query where it takes a file, and names findings and expectations by step id in every format', () => {
    const text = cli(['validate', EXPORT_TWICE]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^scenarios/${EXPORT_TWICE}\\.scenario\\.json:\\d+  ${EXPORT_TWICE}:11  vkGetMemoryWin32HandleKHR  ERROR  VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663$`, 'm'));

    const json = JSON.parse(cli(['validate', EXPORT_TWICE, '--format', 'json']).stdout);
    expect(json.findings[0]).toMatchObject({ call: 11, query: `${EXPORT_TWICE}:11` });
    expect(json.expectations.every((e: { query: string; call: number }) => e.query === `${EXPORT_TWICE}:${e.call}`)).toBe(true);

    const sarif = JSON.parse(cli(['validate', EXPORT_TWICE, '--format', 'sarif']).stdout).runs[0].results[0];
    expect(sarif.properties.query).toBe(`${EXPORT_TWICE}:11`);
    expect(sarif.locations[0].logicalLocations[0].fullyQualifiedName).toBe(`${EXPORT_TWICE}:11: vkGetMemoryWin32HandleKHR pGetWin32HandleInfo.handleType`);

    const junit = cli(['validate', EXPORT_TWICE, '--format', 'junit']).stdout;
    expect(junit).toMatch(new RegExp(`<testsuite name="${EXPORT_TWICE}" [^>]*file="scenarios/${EXPORT_TWICE}\\.scenario\\.json">`));
    expect(junit).toContain(`name="${EXPORT_TWICE}:11: expect VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663 reported"`);
  });

  it('a step query checks and reports that step only; captures keep their call numbers', () => {
    const j = JSON.parse(cli(['validate', `${EXPORT_TWICE}:11`, '--format', 'json']).stdout);
    expect(j.findings.map((f: { query: string }) => f.query)).toEqual([`${EXPORT_TWICE}:11`]);
    expect(new Set(j.expectations.map((e: { call: number }) => e.call))).toEqual(new Set([11]));
    const capture = JSON.parse(cli(['validate', 'test/fixtures/captures/misuse-export-type.jsonl', '--format', 'json']).stdout);
    expect(capture.findings[0]).toMatchObject({ call: 10, query: null });
    expect(cli(['validate', 'test/fixtures/captures/misuse-export-type.jsonl']).stdout).toMatch(/:9 {2}call 10 {2}vkGetMemoryFdKHR/);
  });

  it('a bad query exits 2 with the suggestion; a missing file is still a missing file', () => {
    const r = cli(['validate', 'misuse/opaque_win32.export_twise']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`vk-extmem validate: error: no scenario 'misuse/opaque_win32.export_twise'; did you mean '${EXPORT_TWICE}'?\n`);
    expect(cli(['validate', 'nothing.jsonl']).stderr).toMatch(/no such file: nothing\.jsonl/);
  });
});

describe('expectation files keyed by query id', () => {
  it('an expected failure passes; an outcome other than the line says fails and names the line', () => {
    const failing = `${WRONG_SIZE}:15`;
    expect(cli(['run', failing]).code).toBe(1);
    const known = tempFile(`# the free of memory whose import failed\n${failing} failed\n`, '.expectations');
    const ok = cli(['run', failing, '--expect', known]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/every outcome is as .*\.expectations expects \(1 checked\)/);

    const wrong = tempFile(`misuse/opaque_fd.*  passed\n${EXPORT_TWICE}  failed\n${EXPORT_TWICE}:11  failed\n`, '.expectations');
    const r = cli(['run', 'misuse/opaque_fd.close_twice', EXPORT_TWICE, '--expect', wrong]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2 outcomes differ from');
    expect(r.stderr).toMatch(new RegExp(`\\.expectations:2: ${EXPORT_TWICE} passed, expected failed\\n`));
    expect(r.stderr).toMatch(new RegExp(`\\.expectations:3: ${EXPORT_TWICE}:11 passed, expected failed\\n`));

    const v = cli(['validate', EXPORT_TWICE, '--expect', wrong]);
    expect(v.code).toBe(1);
    expect(v.stderr).toMatch(new RegExp(`\\.expectations:2: ${EXPORT_TWICE} passed, expected failed`));
  });

  it('a failing file outside the library fails a run with an expectation file: no line can name it', () => {
    const doc = JSON.parse(readFileSync(`scenarios/${EXPORT_TWICE}.scenario.json`, 'utf8'));
    doc.steps[10].expect = { report: ['VUID-VkMemoryAllocateInfo-allocationSize-01743'] };
    const own = tempFile(JSON.stringify(doc), '.scenario.json');
    const known = tempFile(`${EXPORT_TWICE} passed\n`, '.expectations');
    const r = cli(['run', own, EXPORT_TWICE, '--expect', known]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1 input outside the library failed; an expectation file names library scenarios only/);
    expect(cli(['validate', own, '--expect', known]).code).toBe(1);
  });

  it('a line whose query selects nothing, or names a step the scenario lacks, exits 2 naming the line', () => {
    const typo = tempFile(`${EXPORT_TWICE} passed\nmisuse/opaque_win32.export_twise passed\n`, '.expectations');
    const r = cli(['run', EXPORT_TWICE, '--expect', typo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`\\.expectations:2: no scenario 'misuse/opaque_win32.export_twise'; did you mean '${EXPORT_TWICE}'\\?`));
    const step = tempFile(`${EXPORT_TWICE}:99 passed\n`, '.expectations');
    expect(cli(['run', EXPORT_TWICE, '--expect', step]).stderr).toMatch(/\.expectations:1: no step 99 in 'misuse\/opaque_win32\.export_twice'/);
  });
});
