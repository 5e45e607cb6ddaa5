// Captures of programs this project did not write (test/fixtures/third-party, made by
// scripts/capture-third-party.sh): every finding must be one its triage explains (triage.json), with
// the count it gives, so a false positive, a lost real bug and a refusal all fail here. CI also
// captures the programs again on its own machine and checks the fresh captures the same way.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFile } from '../../src/index.js';
import { itNeeds } from '../helpers/system.js';
import { UNFILLED } from '../helpers/messages.js';

interface Explanation { vuid: string; severity: string; verdict: 'real bug' | 'cannot decide'; program: string; rule: string; why: string }
interface Triage { explanations: Record<string, Explanation>; captures: Record<string, Record<string, number>> }

const DIR = 'test/fixtures/third-party';
const triage = JSON.parse(readFileSync(join(DIR, 'triage.json'), 'utf8')) as Triage;

/** What the triage expects of a capture and what the model reported, as "severity vuid" -> count. */
async function compare(file: string, name: string) {
  const r = await validateFile(file);
  const got: Record<string, number> = {};
  for (const f of r.findings) {
    const k = `${f.severity} ${f.vuid}`;
    got[k] = (got[k] ?? 0) + 1;
    // Messages are whole: no placeholder left unfilled.
    expect(f.message, k).not.toMatch(/…/);
    expect(f.message, k).not.toMatch(UNFILLED);
  }
  const want: Record<string, number> = {};
  for (const [id, n] of Object.entries(triage.captures[name] ?? {})) {
    const e = triage.explanations[id];
    want[`${e.severity} ${e.vuid}`] = (want[`${e.severity} ${e.vuid}`] ?? 0) + n;
  }
  return { got, want, calls: r.calls };
}

describe('third-party captures: exactly the triaged findings', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.jsonl.gz')).sort();
  it('every capture has a triage entry and every entry a capture; each explanation is used and says what it is', () => {
    expect(files.map((f) => f.replace(/\.jsonl\.gz$/, '')).sort()).toEqual(Object.keys(triage.captures).sort());
    const used = new Set(Object.values(triage.captures).flatMap((c) => Object.keys(c)));
    expect([...used].sort()).toEqual(Object.keys(triage.explanations).sort());
    for (const [id, e] of Object.entries(triage.explanations)) {
      expect(['real bug', 'cannot decide'], id).toContain(e.verdict);
      // A real bug is an error; what the capture cannot show is "cannot decide"; nothing else is listed.
      expect(e.severity, id).toBe(e.verdict === 'real bug' ? 'error' : 'undecidable');
      expect(e.why.length, id).toBeGreaterThan(40);
    }
    expect(files.length).toBeGreaterThanOrEqual(14);
  });
  for (const f of files) {
    const name = f.replace(/\.jsonl\.gz$/, '');
    it(name, async () => {
      const { got, want, calls } = await compare(join(DIR, f), name);
      expect(calls).toBeGreaterThan(300);
      expect(got).toEqual(want);
    });
  }
  it('the real bugs are reported: zink binds imported memory to buffers made without VkExternalMemoryBufferCreateInfo', async () => {
    const { got } = await compare(join(DIR, 'piglit-vk-buf-exchange.jsonl.gz'), 'piglit-vk-buf-exchange');
    expect(got['error VUID-vkBindBufferMemory-memory-02985']).toBe(2);
  });
});

const tools = ['gfxrecon-convert', 'xvfb-run', 'ffmpeg'].filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
const piglit = existsSync('/usr/lib/x86_64-linux-gnu/piglit/bin/ext_external_objects-vk-buf-exchange');
const swiftshader = existsSync('/usr/lib/chromium/vk_swiftshader_icd.json');
const missing = [...tools, !piglit && 'piglit', !swiftshader && 'chromium (SwiftShader)'].filter(Boolean).join(', ');

describe('third-party captures made again on this machine', () => {
  itNeeds(!missing, `needs ${missing} (scripts/setup.sh installs them)`)('scripts/capture-third-party.sh captures every program, and the fresh captures draw exactly the triaged findings', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vkx-third-party-'));
    const r = spawnSync('scripts/capture-third-party.sh', ['--out', out], { encoding: 'utf8', timeout: 600_000 });
    expect(r.status, r.stderr).toBe(0);
    for (const name of Object.keys(triage.captures)) {
      const { got, want } = await compare(join(out, `${name}.jsonl.gz`), name);
      expect(got, name).toEqual(want);
    }
  }, 600_000);
});
