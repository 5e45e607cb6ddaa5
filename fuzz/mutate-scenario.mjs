// Mutations of whole scenarios: their steps (dropped, repeated, swapped, borrowed from another
// scenario, renamed, moved to another process, given odd expectations) and, through mutateJson, the
// members of their calls.
import { mutateJson } from './mutate-json.mjs';

function bodies(doc) {
  const out = [];
  for (const s of Array.isArray(doc.steps) ? doc.steps : []) {
    if (!s || typeof s !== 'object') continue;
    const b = s.vkFunc ?? s.os;
    if (b && typeof b === 'object' && b.args && typeof b.args === 'object') out.push(b.args);
    if (s.data && typeof s.data === 'object') out.push(s.data);
  }
  return out;
}

/** One mutation of a scenario document (in place); returns what it did. */
export function mutateScenario(rng, pools, corpus, doc) {
  const steps = Array.isArray(doc.steps) ? doc.steps : (doc.steps = []);
  const i = steps.length ? rng.int(steps.length) : 0;
  const op = rng.weighted([
    [40, 'member'], [6, 'drop'], [5, 'repeat'], [5, 'swap'], [5, 'borrow'], [5, 'name'], [6, 'process'], [4, 'expect'], [2, 'step-shape'],
    [1, 'many-processes'], [2, 'truncate'], [3, 'top'], [2, 'requires'],
  ]);
  switch (op) {
    case 'member': {
      const focus = bodies(doc);
      return mutateJson(rng, pools, doc, focus.length ? focus : [doc]);
    }
    case 'drop':
      steps.splice(i, 1);
      return `step ${i} dropped`;
    case 'repeat':
      steps.splice(i, 0, structuredClone(steps[i] ?? {}));
      return `step ${i} repeated`;
    case 'swap': {
      const j = rng.int(Math.max(steps.length, 1));
      [steps[i], steps[j]] = [steps[j], steps[i]];
      return `steps ${i} and ${j} swapped`;
    }
    case 'borrow': {
      const other = rng.pick(corpus.scenarios).doc.steps;
      steps.splice(i, 0, structuredClone(rng.pick(other)));
      return `a step of another scenario inserted at ${i}`;
    }
    case 'name': {
      const s = steps[i];
      const b = s?.vkFunc ?? s?.os;
      if (!b) return 'no step';
      b.name = rng.weighted([[4, () => rng.pick(pools.vkNames)], [3, () => rng.pick(pools.osNames)], [1, () => 'vkCmdDraw'], [1, () => 'vkNotACommand'], [1, () => 'CreateFileW'], [1, () => ''], [1, () => 42]])();
      return `step ${i} renamed to ${JSON.stringify(b.name)}`;
    }
    case 'process': {
      const s = steps[i];
      if (!s || typeof s !== 'object') return 'no step';
      s.process = rng.weighted([[3, () => rng.pick(['A', 'B', 'C', 'main'])], [2, () => `P${rng.int(100)}`], [1, () => ''], [1, () => 7], [1, () => null], [1, () => 'x'.repeat(200)]])();
      // Sometimes the OS call's own process arguments too (DuplicateHandle, ExitProcess).
      const a = s.os?.args;
      if (a && typeof a === 'object' && rng.chance(0.5)) {
        const key = rng.pick(['hSourceProcessHandle', 'hTargetProcessHandle', 'process']);
        a[key] = rng.pick(['A', 'B', 'ghost', 'main', '', 0, null]);
      }
      return `step ${i} process = ${JSON.stringify(s.process)}`;
    }
    case 'expect': {
      const s = steps[i];
      if (!s || typeof s !== 'object') return 'no step';
      s.expect = rng.weighted([
        [3, () => ({ report: [rng.pick(pools.vuids)] })], [3, () => ({ absent: [rng.pick(pools.vuids)] })], [2, () => ({ return: rng.pick(['VK_SUCCESS', 'TRUE', 'FALSE', 'S_OK', '-1', 'VK_ERROR_UNKNOWN', 'nonsense', '']) })],
        [1, () => ({ report: ['VUID-not-a-real-one'] })], [1, () => ({ report: [] })], [1, () => ({})], [1, () => null], [1, () => ({ zzz: 1 })],
      ])();
      return `step ${i} expect changed`;
    }
    case 'step-shape': {
      const s = steps[i] ?? {};
      const shape = rng.weighted([[1, () => ({ ...s, os: { name: 'CloseHandle', args: {} } })], [1, () => ({ data: { memory: 'memA', read: rng.pick(['00', 'zz', '', 'c0ffee']) } })], [1, () => ({ data: { memory: 'memA', write: '00', read: '00' } })], [1, () => ({})], [1, () => []], [1, () => null], [1, () => 'step']])();
      steps[i] = shape;
      return `step ${i} reshaped`;
    }
    case 'many-processes': {
      const n = rng.pick([63, 64, 65, 200]);
      for (let k = 0; k < n && steps.length; k++) {
        const s = steps[rng.int(steps.length)];
        if (s && typeof s === 'object') s.process = `proc${k}`;
      }
      return `${n} processes`;
    }
    case 'truncate':
      steps.length = rng.int(steps.length + 1);
      return `steps truncated to ${steps.length}`;
    case 'top':
      return mutateJson(rng, pools, doc, [doc]);
    case 'requires':
      doc.requires = rng.weighted([[1, () => ({ platform: rng.pick(['windows', 'linux', 'mac']) })], [1, () => ({ extensions: [rng.pick(['VK_KHR_external_memory_fd', 'VK_KHR_external_memory_win32', 'VK_EXT_nothing'])] })], [1, () => ({ handleTypes: [rng.pick(pools.enums)] })], [1, () => ({ handleTypes: [] })], [1, () => 'all']])();
      return 'requires changed';
  }
  return op;
}
