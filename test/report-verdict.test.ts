// One verdict rule (src/report/verdict.ts) for the CLI, the library and the explorer: an input that
// states expectations passes when they all hold; one that states none passes without error findings.
// Findings that follow from an earlier call that did not make what they name say so (`after`).
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createValidator, verdictOf } from '../src/index.js';
import { findProfile } from '../src/profiles/builtin.js';
import type { Validator } from '../src/validator.js';
import { runText } from '../web-demo/src/logic/playground-run.js';
import { cli } from './helpers/cli.js';

let v: Validator;
beforeAll(async () => { v = await createValidator(); });

/** A misuse scenario with its expectations taken out, as a user might paste it. */
function withoutExpectations(path: string): string {
  const sc = JSON.parse(readFileSync(path, 'utf8'));
  for (const s of sc.steps) delete s.expect;
  return JSON.stringify(sc);
}
const MISUSE = 'scenarios/misuse/opaque_win32.close_handle_twice.scenario.json';

describe('one verdict', () => {
  it('a scenario with error findings and no expectations fails: in the explorer\'s playground, in run and in validate', async () => {
    const text = withoutExpectations(MISUSE);
    const pg = runText(v, text, 'pasted.scenario.json', findProfile('illustrative-windows-discrete'));
    expect(pg.findings.some((f) => f.severity === 'error')).toBe(true);
    expect(pg.status).toBe('failed');
    const file = join(mkdtempSync(join(tmpdir(), 'vkx-verdict-')), 'pasted.scenario.json');
    writeFileSync(file, text);
    expect(cli(['run', file, '--profile', 'illustrative-windows-discrete']).code).toBe(1);
    expect(cli(['validate', file]).code).toBe(1);
  });
  it('the same scenario with its expectations (it expects the error it draws) passes everywhere', () => {
    const pg = runText(v, readFileSync(MISUSE, 'utf8'), 'm.scenario.json', findProfile('illustrative-windows-discrete'));
    expect(pg.status).toBe('passed');
    expect(cli(['run', MISUSE, '--profile', 'illustrative-windows-discrete']).code).toBe(0);
    expect(cli(['validate', MISUSE]).code).toBe(0);
  });
  it('the rule itself', () => {
    const error = { vuid: 'V', severity: 'error' as const, call: 3, command: 'c', path: '', message: 'm', url: '' };
    const expectation = (passed: boolean) => ({ file: 'f', call: 3, vuid: 'V', kind: 'report' as const, passed, detail: '' });
    expect(verdictOf({ findings: [], expectations: [] })).toBe('passed');
    expect(verdictOf({ findings: [error], expectations: [] })).toBe('failed');
    expect(verdictOf({ findings: [error], expectations: [expectation(true)] })).toBe('passed');
    expect(verdictOf({ findings: [], expectations: [expectation(false)] })).toBe('failed');
  });
});

describe('findings that follow from a call that did not make what they name', () => {
  it('freeing memory whose import failed is marked as following from that import (validated as written, the import is taken as having worked)', () => {
    const r = cli(['run', 'scenarios/misuse/host_pointer.import_misaligned.scenario.json', '--profile', 'lavapipe', '--format', 'json']);
    const findings = JSON.parse(r.stdout).runs[0].findings as Array<{ call: number; vuid: string; after?: number }>;
    expect(findings.find((f) => f.vuid === 'VUID-vkFreeMemory-memory-parameter')).toMatchObject({ call: 12, after: 10 });
    expect(findings.filter((f) => f.after === undefined).every((f) => f.call === 10)).toBe(true);
    const text = cli(['validate', 'scenarios/misuse/host_pointer.import_misaligned.scenario.json']).stdout;
    expect(text).not.toMatch(/follows from call/); // validated as written, the import is taken as it says: it succeeded
  });
});
