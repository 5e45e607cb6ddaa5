// The input limits (src/core/limits.ts) are enforced with errors that name the limit, in the library
// and in the CLI (the explorer shows the library's errors; test/web/e2e covers it there).
import { describe, it, expect, beforeAll, afterEach } from 'vitest';
import { createValidator, parseScenario, runScenario, createMockBackend, InputError, LIMITS, type Validator } from '../src/index.js';
import { findProfile } from '../src/profiles/builtin.js';
import { cli, tempFile } from './helpers/cli.js';

const windows = findProfile('illustrative-windows-discrete');
const instance = (process: string, name = 'inst') => ({ process, vkFunc: { name: 'vkCreateInstance', args: { pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO', pNext: null, flags: 0, pApplicationInfo: null, enabledExtensionCount: 0, ppEnabledExtensionNames: null }, pAllocator: null, pInstance: name } } });
const scenario = (steps: unknown[]) => JSON.stringify({ scenario: 'limits', steps }, null, 1);

let v: Validator;
const saved = { ...LIMITS };
beforeAll(async () => { v = await createValidator(); });
afterEach(() => { Object.assign(LIMITS, saved); });

function runText(text: string) {
  const sc = parseScenario(text, 'limits.scenario.json');
  return runScenario(v, sc, 'limits.scenario.json', createMockBackend([windows]), { profile: windows });
}

describe('limits', () => {
  it('has the documented values', () => {
    expect(LIMITS).toMatchObject({ pNextDepth: 256, nodesPerCall: 1024, lineBytes: 16 * 1024 * 1024, scenarioBytes: 64 * 1024 * 1024, profileBytes: 4 * 1024 * 1024, callsPerScenario: 100_000, processesPerScenario: 64, handlesPerScenario: 100_000 });
  });

  it('callsPerScenario: a scenario with one step too many is refused before anything runs', () => {
    const steps = Array.from({ length: LIMITS.callsPerScenario + 1 }, () => ({ os: { name: 'CloseHandle', args: { hObject: 'h' } } }));
    expect(() => parseScenario(JSON.stringify({ scenario: 'big', steps }), 'big.scenario.json')).toThrow(/100001 steps, over the 100000-step limit \(limit callsPerScenario\)/);
    // At the limit it is read (and checked) as usual.
    expect(parseScenario(JSON.stringify({ scenario: 'big', steps: steps.slice(1) }), 'big.scenario.json').steps).toHaveLength(LIMITS.callsPerScenario);
  });

  it('processesPerScenario: the step that starts one process too many is named by its line', () => {
    const steps = Array.from({ length: LIMITS.processesPerScenario + 1 }, (_, i) => instance(i ? `P${i}` : 'main'));
    let err: unknown;
    try { runText(scenario(steps)); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(e.message).toBe('process "P64" would be process number 65, over the 64-process limit (limit processesPerScenario)');
    expect(e.where.line).toBeGreaterThan(1);
    // 64 processes run.
    expect(runText(scenario(steps.slice(0, LIMITS.processesPerScenario))).status).toBe('passed');
  });

  it('handlesPerScenario: binding one name too many stops the run at that step', () => {
    LIMITS.handlesPerScenario = 5;
    const steps = Array.from({ length: 6 }, (_, i) => instance('main', `inst${i}`));
    expect(() => runText(scenario(steps))).toThrow(/names bound at once to 6, over the 5 limit \(limit handlesPerScenario\)/);
    expect(runText(scenario(steps.slice(0, 5))).status).toBe('passed');
  });

  it('the CLI reports a limit as bad input (exit 2) with the file, line and limit name', () => {
    const steps = Array.from({ length: LIMITS.processesPerScenario + 1 }, (_, i) => instance(i ? `P${i}` : 'main'));
    const r = cli(['run', tempFile(scenario(steps), '.scenario.json'), '--profile', 'illustrative-windows-discrete']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.scenario\.json:\d+: process: process "P64" would be process number 65, over the 64-process limit \(limit processesPerScenario\)/);
  });
});
