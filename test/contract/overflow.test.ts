// Findings beyond the core's buffer (the contract's maxFindings per call) are counted and reported,
// never dropped without a word: the call's findings end with a note that says how many more there were,
// and every consumer shows it (the validator, a session, the text, JSON, SARIF and JUnit reports, the
// explorer's playground).
import { describe, it, expect, beforeAll } from 'vitest';
import { createValidator, validateCaptureStream, formatReport, summarize, parseScenario, runScenario, createMockBackend, type Validator, type Report } from '../../src/index.js';
import { findProfile } from '../../src/profiles/builtin.js';
import { FINDINGS } from '../../src/generated/contract.js';
import { runCapture } from '../../web-demo/src/logic/playground-run.js';
import { cli, tempFile } from '../helpers/cli.js';

/** One bind info per pair of findings: neither the buffer nor the memory it names was ever made. */
const BIND_INFOS = FINDINGS.maxFindings;
const bindInfos = Array.from({ length: BIND_INFOS }, (_, i) => ({ sType: 'VK_STRUCTURE_TYPE_BIND_BUFFER_MEMORY_INFO', pNext: null, buffer: `buffer${i}`, memory: `memory${i}`, memoryOffset: 0 }));
/** The findings the call draws: the buffer and the memory of every bind info, and the device. */
const DRAWN = 2 * BIND_INFOS + 1;

const captureText = [
  JSON.stringify({ header: { 'source-path': 'overflow.gfxr', 'json-version': '0.8.0' } }),
  JSON.stringify({ index: 1, vkFunc: { name: 'vkBindBufferMemory2', return: 'VK_SUCCESS', args: { device: 'device', bindInfoCount: BIND_INFOS, pBindInfos: bindInfos } } }),
].join('\n') + '\n';

let v: Validator;
beforeAll(async () => { v = await createValidator(); });

async function validate(text: string): Promise<Report> {
  async function* chunks() { yield text; }
  const file = await validateCaptureStream(v, chunks(), 'overflow.jsonl');
  return { files: [file], summary: summarize([file]) };
}

describe('a call with more findings than the core records', () => {
  it('keeps the first maxFindings and ends with a note counting the others', () => {
    v.reset();
    const found = v.check({ kind: 'vk', name: 'vkBindBufferMemory2', args: { device: 'device', bindInfoCount: BIND_INFOS, pBindInfos: bindInfos }, call: 1, line: 2 });
    expect(found).toHaveLength(FINDINGS.maxFindings + 1);
    const note = found[found.length - 1];
    expect(note).toMatchObject({ vuid: FINDINGS.notRecordedRule, severity: 'error', call: 1, command: 'vkBindBufferMemory2', path: '', url: '', notRecorded: DRAWN - FINDINGS.maxFindings });
    expect(note.message).toBe(`${DRAWN - FINDINGS.maxFindings} more findings of this call were not recorded: the core keeps at most ${FINDINGS.maxFindings} findings per call.`);
    // The findings before it are the call's own, recorded in full.
    expect(found.slice(0, -1).every((f) => f.vuid !== FINDINGS.notRecordedRule && !/</.test(f.message))).toBe(true);
  });

  it('gives the note the severity of the worst finding it counts: warnings only, a warning', () => {
    v.reset();
    // Every fd still open when the process ends is a VKX-fd-leaked warning, all in the ExitProcess call.
    const fds = FINDINGS.maxFindings + 7;
    for (let i = 0; i < fds; i++) v.check({ kind: 'os', name: 'DmaHeapAlloc', args: { size: 4096, fd: 100 + i }, result: 0, call: i + 1 });
    const found = v.check({ kind: 'os', name: 'ExitProcess', args: { process: 'main' }, call: fds + 1 });
    expect(found).toHaveLength(FINDINGS.maxFindings + 1);
    expect(found.slice(0, -1).every((f) => f.vuid === 'VKX-fd-leaked' && f.severity === 'warning')).toBe(true);
    expect(found.at(-1)).toMatchObject({ vuid: FINDINGS.notRecordedRule, severity: 'warning', notRecorded: 7 });
  });

  it('a call with exactly maxFindings findings has no note', () => {
    v.reset();
    for (let i = 0; i < FINDINGS.maxFindings; i++) v.check({ kind: 'os', name: 'DmaHeapAlloc', args: { size: 4096, fd: 100 + i }, result: 0, call: i + 1 });
    const found = v.check({ kind: 'os', name: 'ExitProcess', args: { process: 'main' }, call: FINDINGS.maxFindings + 1 });
    expect(found).toHaveLength(FINDINGS.maxFindings);
    expect(found.some((f) => f.vuid === FINDINGS.notRecordedRule)).toBe(false);
  });

  it('is reported in every output format', async () => {
    const report = await validate(captureText);
    const n = DRAWN - FINDINGS.maxFindings;
    const said = `${n} more findings of this call were not recorded`;
    // The summary counts what was recorded, and says how many more there were.
    expect(report.summary).toMatchObject({ errors: FINDINGS.maxFindings, notRecorded: n });
    const text = formatReport(report, 'text');
    expect(text).toContain(`overflow.jsonl:2  call 1  vkBindBufferMemory2  ERROR  ${FINDINGS.notRecordedRule}\n    ${said}`);
    expect(text).toContain(`${FINDINGS.maxFindings} errors, 0 warnings, 0 cannot decide from this input, ${n} more not recorded in 1 file (1 call)`);
    const json = JSON.parse(formatReport(report, 'json'));
    expect(json.findings.at(-1)).toMatchObject({ vuid: FINDINGS.notRecordedRule, line: 2, message: expect.stringContaining(said) });
    expect(json.summary).toMatchObject({ errors: FINDINGS.maxFindings, notRecorded: n });
    const sarif = JSON.parse(formatReport(report, 'sarif'));
    expect(sarif.runs[0].results.at(-1)).toMatchObject({ ruleId: FINDINGS.notRecordedRule, level: 'error', message: { text: expect.stringContaining(said) } });
    const junit = formatReport(report, 'junit');
    expect(junit).toMatch(new RegExp(`<system-out>overflow\\.jsonl:2 call 1 vkBindBufferMemory2 ${FINDINGS.notRecordedRule}: ${said}`));
  });

  it('is reported by the CLI (validate) and the explorer’s playground', () => {
    const r = cli(['validate', tempFile(captureText, '.jsonl'), '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`more findings of this call were not recorded: the core keeps at most ${FINDINGS.maxFindings} findings per call.`);
    expect(r.stdout).toContain(`${FINDINGS.maxFindings} errors, 0 warnings, 0 cannot decide from this input, ${DRAWN - FINDINGS.maxFindings} more not recorded, in 1 file (1 calls)`);
    v.reset();
    const run = runCapture(v, captureText, 'overflow.jsonl');
    expect(run.findings.at(-1)).toMatchObject({ vuid: FINDINGS.notRecordedRule, message: expect.stringContaining(`${DRAWN - FINDINGS.maxFindings} more findings`) });
  });

  it('is reported by a session running a scenario, and a scenario can expect it', () => {
    v.reset();
    const profile = findProfile('illustrative-windows-discrete');
    const steps = [
      { vkFunc: { name: 'vkBindBufferMemory2', args: { device: 'device', bindInfoCount: BIND_INFOS, pBindInfos: bindInfos } }, expect: { report: [FINDINGS.notRecordedRule] } },
    ];
    const text = JSON.stringify({ scenario: 'overflow', steps }, null, 1);
    const run = runScenario(v, parseScenario(text, 'overflow.scenario.json'), 'overflow.scenario.json', createMockBackend([profile]), { profile });
    const notes = run.findings.filter((f) => f.vuid === FINDINGS.notRecordedRule);
    expect(notes).toHaveLength(1);
    expect(run.expectations.find((e) => e.vuid === FINDINGS.notRecordedRule)?.passed).toBe(true);
  });
});
