// Scenario runs as text: a timeline of every call (process, operation, result, what happened to
// handles and payloads, findings at the call), then what each process did, then the expectations.
import type { ScenarioRun } from '../session/run-scenario.js';
import type { StepOutcome } from '../session/session.js';
import { callLabel, expectationLabel } from './labels.js';

export interface TimelineOptions { color?: boolean; /** The profile's provenance line, shown under the title. */ provenance?: string; /** Hide steps with nothing to show. */ quiet?: boolean }

const SEV = { error: '✗', warning: '!', info: 'i', undecidable: '?' } as const;

export function formatRunText(run: ScenarioRun, o: TimelineOptions = {}): string {
  const c = (code: string, s: string) => (o.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  const where = run.backend === 'none' ? 'as written (no backend)' : `on ${run.backend}${run.profile ? ` · profile ${run.profile}` : ''}`;
  lines.push(c('1', runName(run)) + `  ${where}`);
  if (o.provenance) lines.push(`  ${o.provenance}`);
  if (run.status === 'unsupported') {
    lines.push(`  ${c('33', 'NOT SUPPORTED')} ${run.reason ?? ''}`);
    return lines.join('\n') + '\n';
  }
  const width = Math.max(7, ...run.steps.map((s) => s.process.length));
  lines.push(c('2', `  ${'call'.padStart(5)}  ${'process'.padEnd(width)}  ${'operation'.padEnd(38)} ${'result'.padEnd(18)} what happened`));
  for (const s of run.steps) {
    if (o.quiet && !s.events.length && !s.findings.length && !s.expectations.some((e) => !e.passed) && !s.note) continue;
    lines.push(stepLine(s, width, c));
    for (const f of s.findings) {
      const mark = SEV[f.severity];
      const color = f.severity === 'error' ? '31' : f.severity === 'warning' ? '33' : '2';
      lines.push(`  ${''.padStart(5)}  ${''.padEnd(width)}  ${c(color, `${mark} ${f.query ? `${f.query}  ` : ''}${f.vuid}`)}${f.path ? ` at ${f.path}` : ''}: ${f.message}`);
    }
    for (const e of s.expectations.filter((x) => !x.passed)) lines.push(`  ${''.padStart(5)}  ${''.padEnd(width)}  ${c('31', `EXPECTATION FAILED${e.query ? ` ${e.query}` : ''}: ${expectationLabel(e)}`)}: ${e.detail}`);
  }
  if (run.status === 'failed' && run.reason) lines.push(`  ${''.padStart(5)}  ${''.padEnd(width)}  ${c('31', run.reason)}`);
  lines.push('', '  processes:');
  for (const [p, n] of lanes(run.steps)) lines.push(`    ${p.padEnd(width)}  ${n.calls} calls, ${n.made} handles made, ${n.closed} closed, ${n.imported} imported; ${n.errors} errors, ${n.warnings} warnings`);
  const passed = run.expectations.filter((e) => e.passed).length;
  const verdict = run.status === 'passed' ? c('32', 'PASSED') : c('31', 'FAILED');
  lines.push(`  expectations: ${passed} passed, ${run.expectations.length - passed} failed → ${verdict}`);
  return lines.join('\n') + '\n';
}

/** What a run is called: the query ids of the steps it was asked for, else the scenario's id, else its name. */
export function runName(run: ScenarioRun): string {
  return run.selected?.join(' ') ?? run.query ?? run.scenario;
}

function stepLine(s: StepOutcome, width: number, c: (code: string, s: string) => string): string {
  const op = s.synthetic ? 'end of scenario: process exits' : s.kind === 'data' ? `${s.name} (host access)` : s.name;
  const result = s.refused ? c('31', 'refused') : s.result ?? '';
  const what = [...s.events.map((e) => e.text), ...(s.note ? [s.note] : [])].join('; ');
  return `  ${String(s.synthetic ? '' : s.call).padStart(5)}  ${s.process.padEnd(width)}  ${op.padEnd(38)} ${result.padEnd(18)} ${what}`.trimEnd();
}

function lanes(steps: StepOutcome[]) {
  const m = new Map<string, { calls: number; made: number; closed: number; imported: number; errors: number; warnings: number }>();
  const lane = (p: string) => {
    let n = m.get(p);
    if (!n) { n = { calls: 0, made: 0, closed: 0, imported: 0, errors: 0, warnings: 0 }; m.set(p, n); }
    return n;
  };
  for (const s of steps) {
    const n = lane(s.process);
    if (!s.synthetic) n.calls++;
    // A handle belongs to the process whose table holds it (DuplicateHandle makes it in the target).
    for (const e of s.events) {
      const owner = lane(e.process || s.process);
      if (e.kind === 'handle-created' || e.kind === 'handle-duplicated') owner.made++;
      else if (e.kind === 'handle-closed') owner.closed++;
      else if (e.kind === 'handle-imported') owner.imported++;
    }
    n.errors += s.findings.filter((f) => f.severity === 'error').length;
    n.warnings += s.findings.filter((f) => f.severity === 'warning').length;
  }
  return m;
}

/** JUnit XML: one suite per backend/profile, one case per scenario; unsupported scenarios are skipped with the reason. */
export function formatRunsJUnit(runs: ScenarioRun[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const groups = new Map<string, ScenarioRun[]>();
  for (const r of runs) {
    const k = `${r.backend}${r.profile ? `.${r.profile}` : ''}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="vk-extmem run" tests="${runs.length}" failures="${runs.filter((r) => r.status === 'failed').length}" skipped="${runs.filter((r) => r.status === 'unsupported').length}">`];
  for (const [k, rs] of groups) {
    out.push(`  <testsuite name="${esc(k)}" tests="${rs.length}" failures="${rs.filter((r) => r.status === 'failed').length}" skipped="${rs.filter((r) => r.status === 'unsupported').length}">`);
    for (const r of rs) {
      out.push(`    <testcase classname="${esc(k)}" name="${esc(runName(r))}" file="${esc(r.file)}">`);
      if (r.status === 'unsupported') out.push(`      <skipped message="${esc(r.reason ?? '')}"/>`);
      if (r.status === 'failed' && r.reason) out.push(`      <failure message="${esc(r.reason)}"/>`);
      for (const e of r.expectations.filter((x) => !x.passed)) out.push(`      <failure message="${esc(`${callLabel(e)}: expect ${expectationLabel(e)}`)}">${esc(e.detail)}</failure>`);
      // Without expectations a run fails by its error findings (report/verdict.ts): they are the failure.
      if (r.status === 'failed' && r.expectations.length === 0) {
        const errors = r.findings.filter((f) => f.severity === 'error');
        out.push(`      <failure message="${esc(`${errors.length} error finding${errors.length === 1 ? '' : 's'}`)}">${esc(errors.map((f) => `${callLabel(f)} ${f.command} ${f.vuid}: ${f.message}`).join('\n'))}</failure>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
