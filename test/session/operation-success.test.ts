// An operation's outputs are bound when its result says it succeeded as its return type defines success
// (src/core/success.ts, the predicate the core also applies before it registers what the call made):
// a D3D create answering S_FALSE (1, a success HRESULT) makes its texture for the session as for the
// core. The backend here is the mock with one operation wrapped (a test double answering S_FALSE).
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createValidator } from '../../src/index.js';
import { parseScenario } from '../../src/input/scenario.js';
import { runScenario } from '../../src/session/run-scenario.js';
import { createMockBackend } from '../../src/backends/mock/index.js';
import { builtinProfiles } from '../../src/profiles/builtin.js';
import type { Validator } from '../../src/validator.js';

const FILE = 'scenarios/examples/d3d11-texture-import.scenario.json';
const WIN = builtinProfiles().find((p) => p.profile === 'illustrative-windows-discrete')!;
const S_FALSE = 1;
let v: Validator;
beforeAll(async () => { v = await createValidator(); });

function run(answer: (result: number) => number) {
  const backend = createMockBackend([WIN]);
  const create = backend.operations.D3D11CreateTexture2D.bind(backend.operations);
  backend.operations.D3D11CreateTexture2D = (process, args) => { const r = create(process, args); return { ...r, result: answer(r.result) }; };
  v.reset();
  return runScenario(v, parseScenario(readFileSync(FILE, 'utf8'), FILE), FILE, backend, { profile: WIN });
}

describe('operation outputs follow the success rule of the return type', () => {
  it('S_OK: the scenario runs as written', () => {
    expect(run((r) => r).status).toBe('passed');
  });

  it('S_FALSE is a success: the texture is bound and every later step finds it', () => {
    const r = run((result) => (result === 0 ? S_FALSE : result));
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.status).toBe('passed');
  });
});
