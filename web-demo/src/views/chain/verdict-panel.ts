// The right-hand side of the builder: the verdict, each finding (VUID with its spec link, severity, our
// message with the actual values, the member path as a button that goes to the field), what the mock
// driver returned, and the calls that made the world.
import { h, specLink } from '../../app/dom.js';
import type { ChainRun } from '../../logic/chain-world.js';
import { sortFindings, verdictOf } from '../../logic/chain-verdict.js';

/** A control holding text that is not a value: its element id, the name it is shown by, why, and the member path (form fields). */
export interface FieldProblem { id: string; label: string; message: string; path?: string }

export interface VerdictView {
  /** The run to show; undefined while fields hold text that is not a value. */
  run?: ChainRun;
  invalid: FieldProblem[];
  profile: string;
  /** Goes to the form control a member path belongs to. */
  show(path: string): void;
  /** Goes to a control by its element id (a refused field). */
  focus(id: string): void;
}

/** A member path as a button that takes the user to the field (or plain words for the call as a whole). */
function pathButton(path: string, show: (p: string) => void): Node {
  if (!path) return h('span', {}, 'the call as a whole');
  return h('button', { type: 'button', class: 'path-link', title: 'Go to this member in the form', onclick: () => show(path) }, path);
}

export function verdictPanel(v: VerdictView): Array<Node | null> {
  if (v.invalid.length) {
    const names = v.invalid.map((p) => p.label);
    return [
      h('div', { class: 'verdict warn', role: 'status', 'data-verdict': 'withheld' },
        `Verdict withheld until ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} fixed`),
      h('ul', { class: 'findings', 'aria-label': 'Refused values' }, v.invalid.map((p) => h('li', { class: 'finding warning' },
        h('div', { class: 'path' }, h('button', { type: 'button', class: 'path-link', title: 'Go to this field', onclick: () => v.focus(p.id) }, p.path ?? p.label)),
        h('div', { class: 'msg' }, p.message)))),
    ];
  }
  const run = v.run;
  if (!run) return [h('div', { class: 'verdict', role: 'status' }, 'Checking…')];
  if (run.problem) {
    return [
      h('div', { class: 'verdict bad', role: 'status' }, '✗ The call could not be run'),
      h('div', { class: 'error-box' }, run.problem.path ? [pathButton(run.problem.path, v.show), ': '] : null, run.problem.message),
    ];
  }
  const verdict = verdictOf(run.findings);
  return [
    h('div', { class: `verdict ${verdict.tone}`, role: 'status', 'data-verdict': verdict.tone },
      h('span', {}, verdict.text), h('span', { class: 'timing' }, `${Math.max(1, Math.round(run.ms))} ms · ${v.profile}`)),
    run.findings.length
      ? h('ul', { class: 'findings', 'aria-label': 'Findings' }, sortFindings(run.findings).map((f, i) => h('li', { class: `finding ${f.severity}`, id: `finding-${i}`, 'data-vuid': f.vuid },
        h('div', { class: 'finding-head' },
          h('span', { class: `badge sev-${f.severity}` }, f.severity),
          f.url ? specLink(f.url, f.vuid) : h('span', {}, f.vuid)),
        h('div', { class: 'msg' }, f.message),
        h('div', { class: 'path' }, 'at ', pathButton(f.path, v.show)))))
      : null,
  ];
}

/**
 * Marks the panel's verdict as out of date while new text waits to be applied: the verdict line says it
 * is checking (the findings under it stay, dimmed), and the live region is busy so it is read out once,
 * when the new verdict is in.
 */
export function markPending(panel: HTMLElement): void {
  if (panel.getAttribute('aria-busy') === 'true') return;
  panel.setAttribute('aria-busy', 'true');
  const line = h('div', { class: 'verdict pending', role: 'status', 'data-verdict': 'pending' }, 'Checking the new value…');
  const old = panel.querySelector('.verdict');
  if (old) old.replaceWith(line);
  else panel.prepend(line);
}

/** What the mock driver answered, and the values it wrote. */
export function driverPanel(run: ChainRun | undefined): Node[] {
  if (!run || run.problem || run.result === undefined) return [];
  return [
    h('h2', {}, 'What the mock driver did'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'returned'), h('dd', {}, h('code', { 'data-result': run.result }, run.result)),
      run.outputs.map((o) => [h('dt', {}, h('code', {}, o.name)), h('dd', {}, o.value)])),
    h('p', { class: 'hint' }, 'The mock runs the call even when the model reports errors, as a driver without validation would; what it returned is what such a driver might do.'),
  ];
}

/** The calls that built the world the call runs in, folded away. */
export function worldSteps(run: ChainRun | undefined): Node[] {
  if (!run?.names) return [];
  const n = run.names;
  const facts: Array<[string, string | number | undefined]> = [
    ['device', n.device], ['process', n.process ?? 'main'], ['handle type', n.handleType], ['handle', n.handle], ['name to import by', n.name],
    ['exporting memory', n.sourceMemory], ['resource to bind', n.resource ? `${n.resource} (${n.resourceKind})` : undefined],
  ];
  return [h('details', { class: 'world-steps' },
    h('summary', {}, `The world this call runs in (${run.steps.length} calls before it)`),
    h('dl', { class: 'facts' }, facts.filter(([, x]) => x !== undefined).map(([k, x]) => [h('dt', {}, k), h('dd', {}, h('code', {}, String(x)))])),
    h('ol', { class: 'steps' }, run.steps.map((s) => h('li', {}, h('code', {}, s.name), s.process ? ` (process ${s.process})` : ''))))];
}
