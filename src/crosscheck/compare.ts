// Cross-checking: the same scenario on a driver (the native backend) and on the model (the mock loaded
// with that driver's measured profile), step by step. Every difference in a return code, an answer the
// call filled in, or the bytes a read saw is a disagreement; each names the scenario, the call, what the
// spec says, what the driver did and what the model predicted.
import type { ScenarioRun } from '../session/run-scenario.js';
import { OPERATIONS, type BackendOperation } from '../generated/calls.js';

export interface Disagreement {
  scenario: string;
  file: string;
  call: number;
  name: string;
  process: string;
  /** result: return codes differ; answer: an output member differs; data: a read saw other bytes; spec: the driver did something the spec rules out. */
  kind: 'result' | 'answer' | 'data' | 'spec';
  /** The member (for answers), or what the spec requires. */
  what: string;
  /** The VUID or spec section that decides it, with a link. */
  spec: string;
  driver: string;
  model: string;
}

const SPEC = 'https://registry.khronos.org/vulkan/specs/latest/html/vkspec.html';
export const specLink = (anchor: string) => `${SPEC}#${anchor}`;
/** Where a call is specified: a Vulkan command in the spec, an OS or D3D operation in its own documentation. */
const ruleOf = (name: string) => (Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name as BackendOperation].doc : specLink(name));

/** Compares two runs of one scenario, step by step (same steps: both ran the same records). */
export function compareRuns(driver: ScenarioRun, model: ScenarioRun): Disagreement[] {
  const out: Disagreement[] = [];
  const n = Math.min(driver.steps.length, model.steps.length);
  for (let i = 0; i < n; i++) {
    const d = driver.steps[i];
    const m = model.steps[i];
    if (d.synthetic || d.refused || m.refused) continue;
    const base = { scenario: driver.scenario, file: driver.file, call: d.call, name: d.name, process: d.process };
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
