// Each step of "Add a backend operation" (CONTRIBUTING.md) fails something when it is forgotten: the
// generator refuses a row it cannot bind, the typecheck refuses a backend that lacks an operation, and
// the native header lists exactly the rows marked native.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BACKEND_OPERATIONS, OPERATIONS } from '../src/generated/calls.js';
import { createMockBackend } from '../src/backends/mock/index.js';

// @ts-expect-error: a plain JavaScript module of the generator
const table = await import('../scripts/registry/calls.mjs');
// @ts-expect-error: a plain JavaScript module of the generator
const { COMMANDS } = await import('../scripts/registry/scope.mjs');
const modelNames: string[] = table.MODEL_CALLS.map((m: { name: string }) => m.name);

/** checkCallTable with one row replaced, the table restored after. */
function withRow(name: string, row: object, run: () => void): void {
  const saved = table.CALLS[name];
  table.CALLS[name] = row;
  try { run(); } finally { table.CALLS[name] = saved; }
}
const check = () => table.checkCallTable(COMMANDS, modelNames);

describe('the generator refuses an operation row it cannot bind', () => {
  it('an unknown row field or parameter option, naming the place', () => {
    withRow('close', { ...table.CALLS.close, natve: ['linux'] }, () => expect(check).toThrow(/close: unknown field natve/));
    const dup = table.CALLS.DuplicateHandle;
    const params = dup.params.map((q: { name: string; bind: object }) => (q.name === 'hSourceHandle' ? { ...q, bind: { livesIn: 'hSourceProcessHandle' } } : q));
    withRow('DuplicateHandle', { ...dup, params }, () => expect(check).toThrow(/DuplicateHandle\.hSourceHandle: unknown parameter option livesIn/));
  });
  it('a process that is no PROCESS parameter, a platform or result it does not know', () => {
    const dup = table.CALLS.DuplicateHandle;
    const params = dup.params.map((q: { name: string; bind: object }) => (q.name === 'hSourceHandle' ? { ...q, bind: { of: 'dwOptions' } } : q));
    withRow('DuplicateHandle', { ...dup, params }, () => expect(check).toThrow(/DuplicateHandle\.hSourceHandle: of names dwOptions, which must be a PROCESS parameter/));
    withRow('dup', { ...table.CALLS.dup, native: ['macos'] }, () => expect(check).toThrow(/dup: native must list platforms/));
    withRow('dup', { ...table.CALLS.dup, unavailable: undefined }, () => expect(check).toThrow(/dup: unavailable must be the int it answers/));
    withRow('dup', { ...table.CALLS.dup, params: [...table.CALLS.dup.params, { name: 'flags', type: 'FLAGS64', bind: {} }] }, () => expect(check).toThrow(/dup\.flags: unknown parameter type FLAGS64/));
  });
  it('an operation without the address of its documentation (reports link it)', () => {
    withRow('dup', { ...table.CALLS.dup, doc: undefined }, () => expect(check).toThrow(/dup: doc must be the https address of its documentation, got undefined/));
    withRow('dup', { ...table.CALLS.dup, doc: 'man dup' }, () => expect(check).toThrow(/dup: doc must be the https address/));
    for (const name of BACKEND_OPERATIONS) expect(OPERATIONS[name].doc, name).toMatch(/^https:\/\//);
  });
});

describe('the generated contract', () => {
  it('lists every operation row, and the mock answers each one', () => {
    expect([...BACKEND_OPERATIONS].sort()).toEqual(modelNames.filter((n) => table.CALLS[n].run === 'backend').sort());
    const mock = createMockBackend([]);
    for (const n of BACKEND_OPERATIONS) expect(typeof mock.operations[n], n).toBe('function');
  });
  it('the native header lists, per platform, exactly the rows marked native there', () => {
    const header = readFileSync(join(process.cwd(), 'native/src/generated/operations.h'), 'utf8');
    for (const platform of ['linux', 'win32'] as const) {
      const line = header.split('\n').find((l) => l.startsWith(`#define VKX_NATIVE_OPERATIONS_${platform.toUpperCase()}(X)`)) ?? '';
      const listed = [...line.slice(line.indexOf('(X)') + 3).matchAll(/X\((\w+)\)/g)].map((m) => m[1]);
      expect(listed, platform).toEqual(BACKEND_OPERATIONS.filter((n) => OPERATIONS[n].native.includes(platform)));
    }
  });
  it('a row the mock has no method for fails the typecheck', () => {
    // A copy of src/ whose generated table has one more operation than the mock implements.
    const dir = mkdtempSync(join(process.cwd(), 'test', '.operations-'));
    try {
      for (const d of ['src', 'schemas', 'profiles']) cpSync(join(process.cwd(), d), join(dir, d), { recursive: true });
      writeFileSync(join(dir, 'tsconfig.json'), readFileSync(join(process.cwd(), 'tsconfig.json'), 'utf8'));
      const calls = join(dir, 'src/generated/calls.ts');
      let text = readFileSync(calls, 'utf8');
      text = text.replace('export type BackendOperation = ', "export type BackendOperation = 'NewOperation' | ");
      text = text.replace('export interface OperationInputs {\n', 'export interface OperationInputs {\n  NewOperation: { value: number };\n');
      text = text.replace('export interface OperationResults {\n', 'export interface OperationResults {\n  NewOperation: { result: number };\n');
      writeFileSync(calls, text);
      const tsc = join(process.cwd(), 'node_modules', '.bin', 'tsc');
      const r = spawnSync(tsc, ['-p', join(dir, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8' });
      expect(r.status).not.toBe(0);
      const errors = r.stdout.split('\n').filter((l) => / error TS/.test(l));
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((l) => l.includes('src/backends/mock/index.ts')), r.stdout).toBe(true);
      expect(r.stdout).toMatch(/NewOperation/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
