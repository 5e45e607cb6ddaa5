// The output formats end to end through the CLI, and the exit status rules.
import { describe, it, expect } from 'vitest';
import { cli } from './helpers/cli.js';

const misuse = 'test/fixtures/captures/misuse-bind-handle-types.jsonl';
const valid = 'test/fixtures/captures/valid-buffer.jsonl';
const scenario = 'scenarios/misuse/opaque_win32.export_twice.scenario.json';

describe('validate output', () => {
  it('exit 0 and a clean summary for a valid capture', () => {
    const r = cli(['validate', valid]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^0 errors, 0 warnings, 0 cannot decide from this input, in 1 file \(27 calls\)$/m);
  });
  it('exit 1 and the VUID for a misuse', () => {
    const r = cli(['validate', misuse]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('VUID-vkBindBufferMemory-memory-02726');
    expect(r.stdout).toContain('member: memory');
  });
  it('json has the documented keys', () => {
    const r = cli(['validate', '--format', 'json', misuse]);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j.findings[0])).toEqual(expect.arrayContaining(['vuid', 'severity', 'call', 'path', 'message', 'url']));
    expect(j.findings[0]).toMatchObject({ vuid: 'VUID-vkBindBufferMemory-memory-02726', severity: 'error', call: 13, path: 'memory' });
    expect(j.summary.errors).toBe(1);
  });
  it('sarif is SARIF 2.1.0 with the rule and location', () => {
    const j = JSON.parse(cli(['validate', '--format', 'sarif', misuse]).stdout);
    expect(j.version).toBe('2.1.0');
    const run = j.runs[0];
    expect(run.tool.driver.name).toBe('vk-extmem');
    expect(run.results[0].ruleId).toBe('VUID-vkBindBufferMemory-memory-02726');
    expect(run.tool.driver.rules[run.results[0].ruleIndex].id).toBe('VUID-vkBindBufferMemory-memory-02726');
    expect(run.results[0].locations[0].physicalLocation.region.startLine).toBe(12);
  });
  it('junit turns expect blocks into test cases', () => {
    const r = cli(['validate', '--format', 'junit', scenario]);
    expect(r.stdout).toMatch(/<testsuites[^>]* failures="0"/);
    expect(r.stdout).toMatch(/<testcase [^>]*name="misuse\/opaque_win32\.export_twice:\d+: expect VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663 reported"/);
  });
  it('--output writes the report to a file', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const out = join(mkdtempSync(join(tmpdir(), 'vkx-')), 'r.sarif');
    const r = cli(['validate', '--format', 'sarif', '--output', out, misuse]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });
  it('the demo runs the library with every expectation met', () => {
    const r = cli(['demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/on the mock backend/);
    expect(r.stdout).toMatch(/^\d+ scenarios: \d+ passed, 0 failed, \d+ not supported by any built-in profile$/m);
    expect(r.stdout).not.toMatch(/^FAIL/m);
  });
});

describe('README', () => {
  it('documents every command', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync('README.md', 'utf8');
    const help = cli(['--help']).stdout;
    const commands = [...help.matchAll(/^ {2}([a-z-]+) /gm)].map((m) => m[1]).filter((c) => c !== 'help');
    expect(commands.length).toBeGreaterThan(6);
    for (const c of commands) expect(readme, `README section for ${c}`).toMatch(new RegExp(`### \`vk-extmem ${c}[ \`]`));
  });
});
