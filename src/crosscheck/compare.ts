// Cross-checking: the same scenario on a driver (the native backend) and on the model (the mock loaded
// with that driver's measured profile), step by step. Every difference in a return code, an answer the
// call filled in, the bytes a read saw, the pattern of handle values a call made (which earlier value it
// reused), or how many handles a process still held when it exited is a disagreement; each names the
// scenario, the call, what the spec says, what the driver did and what the model predicted.
import type { ScenarioRun } from '../session/run-scenario.js';
import { latestSpecUrl } from '../core/spec-links.js';
import type { StepOutcome } from '../session/session.js';
import { OPERATIONS, type BackendOperation } from '../generated/calls.js';

export interface Disagreement {
  scenario: string;
  file: string;
  call: number;
  name: string;
  process: string;
  /**
   * result: return codes differ; answer: an output member differs; data: a read saw other bytes; handle:
   * a call made a handle value that reuses an earlier one on one side only; exit: a process held a
   * different number of handles when it exited (a leak on one side); spec: the driver did something the
   * spec rules out.
   */
  kind: 'result' | 'answer' | 'data' | 'handle' | 'exit' | 'spec';
  /** The member (for answers), or what the spec requires. */
  what: string;
  /** The VUID or spec section that decides it, with a link. */
  spec: string;
  driver: string;
  model: string;
}

export const specLink = latestSpecUrl;
/** Where a call is specified: a Vulkan command in the spec, an OS or D3D operation in its own documentation. */
const ruleOf = (name: string) => (Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name as BackendOperation].doc : specLink(name));

/** Compares two runs of one scenario, step by step (same steps: both ran the same records). */
export function compareRuns(driver: ScenarioRun, model: ScenarioRun): Disagreement[] {
  const out: Disagreement[] = [];
  const n = Math.min(driver.steps.length, model.steps.length);
  const dHandles = new HandlePattern(), mHandles = new HandlePattern();
  for (let i = 0; i < n; i++) {
    const d = driver.steps[i];
    const m = model.steps[i];
    const base = { scenario: driver.scenario, file: driver.file, call: d.call, name: d.name, process: d.process };
    const dMade = dHandles.made(d), mMade = mHandles.made(m);
    // A process's exit: the scenario's own ExitProcess, or the one every process makes at its end.
    const dLeft = exited(d), mLeft = exited(m);
    if (dLeft !== undefined && mLeft !== undefined && dLeft !== mLeft) out.push({ ...base, kind: 'exit', what: 'handles still open when the process exited (closed by the OS)', spec: OPERATIONS.ExitProcess.doc, driver: String(dLeft), model: String(mLeft) });
    if (d.synthetic || d.refused || m.refused) continue;
    if (d.result === m.result && dMade !== mMade) out.push({ ...base, kind: 'handle', what: 'handle values made, each named by the first call that made that value in its process (a repeated name is a value reused after a close)', spec: HANDLE_VALUES, driver: dMade || '(none)', model: mMade || '(none)' });
    if (!sameResult(d.name, d.result, m.result)) out.push({ ...base, kind: 'result', what: 'return value', spec: ruleOf(d.name), driver: d.result ?? '(void)', model: m.result ?? '(void)' });
    if (d.seen !== undefined && d.seen !== m.seen) out.push({ ...base, kind: 'data', what: 'bytes read through the mapping', spec: specLink('memory-external-handle-types'), driver: d.seen, model: m.seen ?? '' });
    if (d.after && m.after && d.result === m.result) {
      for (const [path, a, b] of differences(d.after, m.after, '')) {
        if (UNMODELLED.test(path)) continue;
        out.push({ ...base, kind: 'answer', what: path, spec: ruleOf(d.name), driver: show(a), model: show(b) });
      }
    }
  }
  return out;
}

/**
 * Answers a profile does not record, so the model's are placeholders: the image format limits
 * (VkImageFormatProperties). `conform` judges a driver's limits against its own plain query instead.
 */
const UNMODELLED = /(^|\.)imageFormatProperties\./;

/** Microsoft's page on handles and objects: values are per process, and a closed handle's value may be given out again. */
const HANDLE_VALUES = 'https://learn.microsoft.com/en-us/windows/win32/sysinfo/handles-and-objects';

/**
 * Handle values as a pattern a driver and the model can share: the backends pick their own numbers,
 * but which call made a new value and which one reused an earlier value (closed since) is behaviour.
 * Per process (KMT values are global), the n-th distinct value is "h<n>", written with the call that
 * first made it.
 */
class HandlePattern {
  private readonly names = new Map<string, string>();
  private count = 0;
  /** The names of the handles `step` made (created and duplicated ones), in order. */
  made(step: StepOutcome): string {
    const names: string[] = [];
    for (const e of step.raw ?? []) {
      if (e.kind !== 'handle-created' && e.kind !== 'handle-duplicated') continue;
      const scope = e.kind === 'handle-created' && e.handleKind === 'kmt' ? 'kmt' : `${e.process}:${e.kind === 'handle-created' && e.handleKind === 'fd' ? 'fd' : 'nt'}`;
      const key = `${scope}:${e.handle}`;
      let name = this.names.get(key);
      if (name === undefined) this.names.set(key, (name = `h${++this.count} (call ${step.call})`));
      names.push(`${scope === 'kmt' ? 'KMT' : scope.endsWith('fd') ? 'fd' : 'NT'} ${name}`);
    }
    return names.join(', ');
  }
}

/** How many handles a process still held when it exited, from its ExitProcess step's events. */
function exited(step: StepOutcome): number | undefined {
  const e = (step.raw ?? []).find((x) => x.kind === 'process-exited');
  return e && e.kind === 'process-exited' ? e.handlesClosed : undefined;
}

/** OS calls that return a new fd: the number is the OS's choice; only success or failure compares. */
const FD_RESULTS = new Set(['dup', 'DmaHeapAlloc']);
function sameResult(name: string, a: string | undefined, b: string | undefined): boolean {
  if (FD_RESULTS.has(name)) return (Number(a) >= 0) === (Number(b) >= 0);
  return (a ?? '') === (b ?? '');
}

/** Every leaf where two filled-in argument objects differ, as [path, a, b]. */
function differences(a: unknown, b: unknown, path: string): Array<[string, unknown, unknown]> {
  if (a === b) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k));
  }
  return [[path, a, b]];
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v) ?? 'undefined';
}
