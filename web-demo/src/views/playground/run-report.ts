// The words around the picture: the verdict, the findings (each linked to the spec and to its call),
// the expectations, and the step table, which is also the keyboard path through the run.
import { h, specLink } from '../../app/dom.js';
import type { Finding } from '../../../../src/report/types.js';
import { expectationLabel } from '../../../../src/report/labels.js';
import type { PlaygroundRun } from '../../logic/playground-run.js';
import { summarize } from '../../logic/playground-run.js';
import { MAX_PICTURE_STEPS } from '../../logic/timeline-layout.js';
import type { StepRef } from '../../../../src/input/query.js';

/** The step table row of step `index` (the findings list and the pins jump there). */
export const stepRowId = (index: number) => `step-${index}`;
/** The findings list item of finding `n` of step `index`. */
export const findingItemId = (index: number, n: number) => `finding-${index}-${n}`;

/** Moves focus to an element the page made, scrolling it into view (no hash links: the hash is the route). */
export function goTo(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.focus({ preventScroll: true });
  el.classList.add('flash');
  setTimeout(() => el.classList.remove('flash'), 1600);
}

export function verdictLine(run: PlaygroundRun): HTMLElement {
  const n = summarize(run);
  const counts = `${n.errors} error${n.errors === 1 ? '' : 's'}, ${n.warnings} warning${n.warnings === 1 ? '' : 's'}`;
  if (run.status === 'unsupported') return h('p', { class: 'verdict warn', role: 'status' }, `Not run: ${run.reason ?? 'the profile cannot run this scenario'}`);
  if (run.status === 'checked') {
    return h('p', { class: `verdict ${n.errors ? 'bad' : n.warnings ? 'warn' : 'ok'}`, role: 'status' }, `${run.steps.length} calls checked as recorded: ${counts}.`);
  }
  // The one verdict rule (src/report/verdict.ts) decided run.status; the line says why.
  const cls = `verdict ${run.status === 'passed' ? 'ok' : 'bad'}`;
  if (n.passed + n.failed === 0) {
    return h('p', { class: cls, role: 'status' }, run.status === 'passed' ? `PASSED — no error found (${counts}; the scenario states no expectations).` : `FAILED — ${counts} found, and the scenario states no expectations that allow them.`);
  }
  const expectations = `${n.passed} expectation${n.passed === 1 ? '' : 's'} passed, ${n.failed} failed`;
  return h('p', { class: cls, role: 'status' },
    run.status === 'passed' ? `PASSED — ${expectations} (${counts} found, as the scenario expects).` : `FAILED — ${expectations}; ${counts} found.`);
}

function findingBody(f: Finding): HTMLElement[] {
  return [
    h('div', { class: 'vuid' }, f.url ? specLink(f.url, f.vuid) : f.vuid, ' ', h('span', { class: 'sev' }, f.severity)),
    h('div', { class: 'msg' }, f.message),
    f.path ? h('div', { class: 'path' }, f.path) : h('div', { class: 'path' }, `the call as a whole (${f.command})`),
  ];
}

/** More findings than this are counted, not listed (a page of thousands helps nobody). */
const MAX_LISTED_FINDINGS = 1000;

export function findingsList(run: PlaygroundRun): HTMLElement {
  const items: HTMLElement[] = [];
  // Findings that follow from an earlier call that failed to make what they name are grouped under
  // that call, where the first of them would stand.
  const groups = new Map<number, HTMLElement>();
  let listed = 0;
  run.steps.forEach((st, index) => st.findings.forEach((f, n) => {
    if (listed >= MAX_LISTED_FINDINGS) return;
    listed++;
    const item = h('li', { class: `finding ${f.severity}`, id: findingItemId(index, n), tabindex: -1, 'data-vuid': f.vuid },
      findingBody(f),
      h('button', { type: 'button', class: 'goto', onclick: () => goTo(stepRowId(index)) }, `at call ${st.call} (${st.process}, ${st.name}${f.line !== undefined ? `, line ${f.line}` : ''})`));
    if (f.after === undefined) { items.push(item); return; }
    let group = groups.get(f.after);
    if (!group) {
      group = h('ul', { class: 'findings consequences' });
      groups.set(f.after, group);
      const cause = run.steps.findIndex((s) => s.call === f.after);
      items.push(h('li', { class: 'consequence-group' },
        h('div', { class: 'msg' }, 'These follow from ', h('button', { type: 'button', class: 'goto', onclick: () => goTo(stepRowId(cause)) }, `call ${f.after}`), ', which did not make what they name:'),
        group));
    }
    group.append(item);
  }));
  return h('section', { class: 'run-findings', 'aria-labelledby': 'pg-h-findings' },
    h('h2', { id: 'pg-h-findings' }, `Findings (${run.findings.length})`),
    items.length ? h('ul', { class: 'findings' }, items) : h('p', { class: 'muted' }, 'No findings: every call kept the rules the model checks.'),
    run.findings.length > listed ? h('p', { class: 'muted' }, `The first ${listed.toLocaleString('en')} are listed; the CLI (vk-extmem validate) reports them all.`) : null);
}

export function expectationsList(run: PlaygroundRun): HTMLElement | null {
  if (run.kind !== 'scenario' || run.status === 'unsupported') return null;
  const stepIndex = (call: number) => run.steps.findIndex((s) => s.call === call);
  return h('section', { class: 'run-expectations', 'aria-labelledby': 'pg-h-expect' },
    h('h2', { id: 'pg-h-expect' }, 'Expectations'),
    run.expectations.length === 0 ? h('p', { class: 'muted' }, 'This scenario states no expectations.') : h('ul', { class: 'expectations' },
      run.expectations.map((e) => h('li', { class: e.passed ? 'passed' : 'failed' },
        h('span', { class: 'mark', 'aria-hidden': 'true' }, e.passed ? '✓' : '✗'), ' ',
        h('strong', {}, e.passed ? 'passed' : 'FAILED'), ': ',
        h('code', {}, expectationLabel(e)), ' ',
        h('button', { type: 'button', class: 'goto', onclick: () => goTo(stepRowId(stepIndex(e.call))) }, `call ${e.call}`),
        e.passed ? null : h('div', { class: 'detail' }, e.detail)))));
}

/**
 * Every call, one row each; a row's `data-step` is its step in a query id (the call number, or `end` for
 * the exits at the end). With `onSelect` (library scenarios) each call number is a button that selects
 * its step, so the URL names it.
 */
export function stepTable(run: PlaygroundRun, onSelect?: (step: StepRef) => void): HTMLElement {
  const shown = run.steps.slice(0, MAX_PICTURE_STEPS);
  const number = (st: PlaygroundRun['steps'][number]) => {
    const text = st.synthetic ? 'end' : String(st.call);
    if (!onSelect) return text;
    return h('button', { type: 'button', class: 'step-select', title: st.query ?? text, 'aria-label': `Select step ${st.query ?? text}`, onclick: () => onSelect(st.synthetic ? 'end' : st.call) }, text);
  };
  return h('section', { class: 'run-steps', 'aria-labelledby': 'pg-h-steps' },
    h('h2', { id: 'pg-h-steps' }, 'Every call'),
    shown.length < run.steps.length ? h('p', { class: 'muted' }, `The first ${shown.length.toLocaleString('en')} of ${run.steps.length.toLocaleString('en')} calls; the findings above cover them all.`) : null,
    h('div', { class: 'table-wrap' }, h('table', { class: 'steps' },
      h('thead', {}, h('tr', {}, ['call', 'process', 'operation', 'result', 'what happened', 'findings'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, shown.map((st, index) => h('tr', { id: stepRowId(index), tabindex: -1, class: st.findings.length ? `has-${st.findings.some((f) => f.severity === 'error') ? 'error' : 'finding'}` : '', 'data-call': st.call, 'data-step': st.synthetic ? 'end' : String(st.call) },
        h('td', {}, number(st)),
        h('td', {}, st.process),
        h('td', { class: 'mono' }, st.synthetic ? 'ExitProcess (end of scenario)' : st.kind === 'data' ? `${st.name} (host access)` : st.name),
        h('td', { class: 'mono' }, st.refused ? 'refused' : st.result ?? ''),
        h('td', {}, [...st.events.map((e) => e.text), ...(st.note ? [st.note] : [])].map((t) => h('div', {}, t))),
        h('td', {}, st.findings.map((f, n) => h('div', {}, h('button', { type: 'button', class: `goto sev-${f.severity}`, onclick: () => goTo(findingItemId(index, n)) }, f.vuid))))))))));
}
