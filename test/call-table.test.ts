// The one table of calls (scripts/registry/calls.mjs): the generator refuses a table that disagrees
// with the modelled calls, the session finds each call's executor through it (aliases included), and
// the project type-checks, which is what makes a missing or extra executor an error.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { vulkanExecutor, answeredBySession } from '../src/session/vulkan-calls.js';
import { osExecutor } from '../src/session/os-calls.js';
import { SESSION_COMMANDS, READ_ONLY_WITH } from '../src/generated/calls.js';
import { ENTRIES } from '../src/generated/registry.js';

// @ts-expect-error: a plain JavaScript module of the generator
const table = await import('../scripts/registry/calls.mjs');
// @ts-expect-error: a plain JavaScript module of the generator
const { COMMANDS } = await import('../scripts/registry/scope.mjs');
const modelNames: string[] = table.MODEL_CALLS.map((m: { name: string }) => m.name);

describe('the table of calls', () => {
  it('has one row per modelled call, and the generator refuses one that has not', () => {
    expect(() => table.checkCallTable(COMMANDS, modelNames)).not.toThrow();
    expect(() => table.checkCallTable([...COMMANDS, 'vkCmdDraw'], modelNames)).toThrow(/vkCmdDraw is modelled but has no row/);
    expect(() => table.checkCallTable(COMMANDS.filter((c: string) => c !== 'vkFreeMemory'), modelNames)).toThrow(/vkFreeMemory has a row .* but is not modelled/);
  });
  it('names only the checks, applies and runners the core and the session have', () => {
    const bad = { ...table.CALLS.vkFreeMemory, apply: 'forget' };
    const saved = table.CALLS.vkFreeMemory;
    table.CALLS.vkFreeMemory = bad;
    try {
      expect(() => table.checkCallTable(COMMANDS, modelNames)).toThrow(/vkFreeMemory: unknown apply forget/);
    } finally {
      table.CALLS.vkFreeMemory = saved;
    }
  });
  it('covers every command and operation of the registry tables', () => {
    const modelled = ENTRIES.filter((e) => e.kind === 'command' || e.kind === 'model').map((e) => e.name).sort();
    expect(Object.keys(table.CALLS).sort()).toEqual(modelled);
  });
});

describe('the session runs calls by the table', () => {
  it('finds a command\'s executor under its aliases too', () => {
    expect(vulkanExecutor('vkBindBufferMemory2')).toBeDefined();
    expect(vulkanExecutor('vkBindBufferMemory2KHR')).toBe(vulkanExecutor('vkBindBufferMemory2'));
    expect(vulkanExecutor('vkGetPhysicalDeviceProperties2KHR')).toBe(vulkanExecutor('vkGetPhysicalDeviceProperties2'));
  });
  it('runs no command the table says nobody runs, and no name that is no call', () => {
    expect(vulkanExecutor('vkGetSwapchainImagesKHR')).toBeUndefined();
    expect(vulkanExecutor('vkCmdDraw')).toBeUndefined();
    expect(vulkanExecutor('constructor')).toBeUndefined();
    expect(osExecutor('toString')).toBeUndefined();
    for (const n of modelNames) expect(osExecutor(n), n).toBeDefined();
  });
  it('answers the session\'s own commands itself, aliases included', () => {
    expect(SESSION_COMMANDS).toContain('vkQueueSubmit');
    expect(answeredBySession('vkQueueSubmit')).toBe(true);
    expect(answeredBySession('vkAllocateMemory')).toBe(false);
    expect(READ_ONLY_WITH).toEqual({ vkQueueSubmit: 'KEYED_MUTEX' });
  });
});

describe('type-checking', () => {
  it('the library, the CLI and the session type-check (a missing or extra executor is an error)', () => {
    const tsc = join(process.cwd(), 'node_modules', '.bin', 'tsc');
    const r = spawnSync(tsc, ['-p', 'tsconfig.json', '--noEmit'], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
