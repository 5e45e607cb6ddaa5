// Mutations of a parsed JSON document (a scenario, or one capture record): member values, sTypes,
// pNext chains, missing and unknown members, handle and process names, array sizes, deep nesting.
// Each mutation works in place on a copy and returns a few words saying what it did, which go into
// a found input's description.
import { EDGE_NUMBERS, EDGE_STRINGS } from './pools.mjs';

/** Text that replaces a DEEP marker after serialisation: JSON nested `depth` levels (built as text, since serialising it would overflow the stack). */
export const DEEP_MARKER = '\u0001deep:';
export function expandDeepMarkers(text) {
  return text.replace(/"\\u0001deep:(\d+):(\w+)"/g, (_, d, kind) => {
    const depth = Number(d);
    if (kind === 'array') return '['.repeat(depth) + '0' + ']'.repeat(depth);
    if (kind === 'pnext') return '{"sType":"VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO","pNext":'.repeat(depth) + 'null' + '}'.repeat(depth);
    return '{"a":'.repeat(depth) + '0' + '}'.repeat(depth);
  });
}

/**
 * Every member (object key or array element) under `root`, with its holder, depth and path, down to
 * `maxDepth` levels (below that, paths grow long and listing them costs time quadratic in the depth).
 */
export function members(root, path = '', maxDepth = 48) {
  const out = [];
  const stack = [[root, path, 0]];
  while (stack.length) {
    const [node, p, depth] = stack.pop();
    if (depth > maxDepth) continue;
    if (Array.isArray(node)) {
      node.forEach((v, i) => { out.push({ holder: node, key: i, path: `${p}[${i}]`, depth }); if (v && typeof v === 'object') stack.push([v, `${p}[${i}]`, depth + 1]); });
    } else if (node && typeof node === 'object') {
      for (const k of Object.keys(node)) {
        const v = node[k];
        out.push({ holder: node, key: k, path: p ? `${p}.${k}` : k, depth });
        if (v && typeof v === 'object') stack.push([v, p ? `${p}.${k}` : k, depth + 1]);
      }
    }
  }
  return out;
}

/** The objects under `root` that carry an sType (structures). */
function structures(root) {
  const out = [];
  if (root && typeof root === 'object' && !Array.isArray(root) && 'sType' in root) out.push(root);
  for (const m of members(root)) {
    const v = m.holder[m.key];
    if (v && typeof v === 'object' && !Array.isArray(v) && 'sType' in v) out.push(v);
  }
  return out;
}

function randomValue(rng, pools, old) {
  return rng.weighted([
    [6, () => rng.pick(EDGE_NUMBERS)],
    [5, () => rng.pick(EDGE_STRINGS)],
    [3, () => rng.pick(pools.enums)],
    [2, () => rng.pick(pools.names)],
    [2, () => null],
    [1, () => rng.chance(0.5)],
    [1, () => []],
    [1, () => ({})],
    [1, () => [rng.pick(EDGE_NUMBERS), rng.pick(EDGE_STRINGS)]],
    [1, () => ({ sType: rng.pick(pools.sTypes), pNext: null })],
    [3, () => nudge(rng, old)],
    [1, () => `${DEEP_MARKER}${rng.pick([20, 200, 2000, 20000, 200000])}:${rng.pick(['array', 'object'])}`],
  ])();
}

/** A value near the old one: off by one, doubled, negated, a bit flipped, or the same number as text. */
function nudge(rng, old) {
  if (typeof old === 'number') {
    return rng.weighted([
      [3, () => old + rng.pick([-1, 1, -4096, 4096])],
      [2, () => old * 2],
      [2, () => -old],
      [2, () => (old ^ (1 << rng.int(31))) >>> 0],
      [1, () => old + 2 ** rng.range(32, 70)],
      [1, () => `0x${Math.abs(old).toString(16)}`],
      [1, () => String(old)],
      [1, () => old + 0.5],
    ])();
  }
  if (typeof old === 'string') {
    return rng.weighted([
      [2, () => old.slice(0, rng.int(old.length + 1))],
      [2, () => old + rng.pick(['x', '0', '|', ' ', '\u0000', '💥', 'Z'])],
      [1, () => old.toLowerCase()],
      [1, () => old.replace(/\d/, (d) => String((Number(d) + 1) % 10))],
      [1, () => (/^-?\d+$/.test(old) ? Number(old) : old.split('').reverse().join(''))],
      [1, () => old.repeat(rng.range(2, 200))],
    ])();
  }
  return rng.pick(EDGE_NUMBERS);
}

/**
 * One random mutation somewhere under `root` (an object). `focus` restricts where members are picked
 * (a list of sub-objects), since in a scenario the steps' args are where the interesting code runs.
 */
export function mutateJson(rng, pools, root, focus = [root]) {
  const target = rng.pick(focus);
  const all = members(target);
  const m = all.length ? rng.pick(all) : undefined;
  const op = rng.weighted([
    [30, 'value'], [10, 'nudge'], [10, 'sType'], [5, 'pnext-deep'], [2, 'deep'], [8, 'delete'], [6, 'add'], [8, 'handle'],
    [3, 'array'], [5, 'swap'], [8, 'enum'], [4, 'retype'], [3, 'struct-name'],
  ]);
  if (!m) return 'nothing to mutate';
  const old = m.holder[m.key];
  switch (op) {
    case 'value':
      m.holder[m.key] = randomValue(rng, pools, old);
      return `${m.path} = random`;
    case 'nudge':
      m.holder[m.key] = nudge(rng, old);
      return `${m.path} nudged`;
    case 'sType': {
      const ss = structures(target);
      if (!ss.length) { m.holder[m.key] = rng.pick(pools.sTypes); return `${m.path} = an sType`; }
      const s = rng.pick(ss);
      s.sType = rng.weighted([[6, () => rng.pick(pools.sTypes)], [1, () => rng.int(2 ** 31)], [1, () => -1], [1, () => 'VK_STRUCTURE_TYPE_NOT_ONE'], [1, () => null], [1, () => String(rng.int(1000))], [1, () => 1000072000.5]])();
      return 'a wrong sType';
    }
    case 'pnext-deep': {
      const ss = structures(target).filter((s) => 'pNext' in s);
      if (!ss.length) return 'no pNext';
      const s = rng.pick(ss);
      const length = rng.pick([2, 8, 17, 64, 255, 256, 257, 1000, 5000]);
      // Long chains are written as text: serialising them as objects would overflow the fuzzer's own stack.
      if (length > 300 || rng.chance(0.3)) { s.pNext = `${DEEP_MARKER}${length}:pnext`; return `pNext chain of ${length} (as text)`; }
      let chain = s.pNext ?? null;
      for (let i = 0; i < length; i++) chain = { sType: rng.pick(pools.sTypes), pNext: chain };
      s.pNext = chain;
      return `pNext chain of ${length}`;
    }
    case 'deep':
      m.holder[m.key] = `${DEEP_MARKER}${rng.pick([100, 5000, 50000])}:${rng.pick(['array', 'object'])}`;
      return `${m.path} nested deep`;
    case 'delete':
      if (Array.isArray(m.holder)) m.holder.splice(m.key, 1);
      else delete m.holder[m.key];
      return `${m.path} deleted`;
    case 'add': {
      const holder = old && typeof old === 'object' ? old : m.holder;
      const key = rng.chance(0.7) ? rng.pick(pools.keys) : rng.pick(['zzz', '', '__proto__', 'constructor', 'sType', 'pNext', '$struct', 'x'.repeat(300)]);
      if (Array.isArray(holder)) holder.push(randomValue(rng, pools, undefined));
      else holder[key] = randomValue(rng, pools, undefined);
      return `member ${JSON.stringify(key).slice(0, 40)} added`;
    }
    case 'handle':
      m.holder[m.key] = rng.weighted([
        [3, () => `ghost${rng.int(100)}`], [2, () => `0x${(rng.int(2 ** 20) * 4).toString(16)}`], [1, () => rng.range(1, 2 ** 31)],
        [1, () => 2 ** 40 + rng.int(1000)], [1, () => rng.pick(pools.names)], [1, () => 'x'.repeat(rng.pick([128, 129, 1000]))], [1, () => 0], [1, () => -rng.range(1, 100)],
      ])();
      return `${m.path} = an unknown handle`;
    case 'array': {
      const el = Array.isArray(old) && old.length ? old[0] : old;
      // Long arrays of large elements would make inputs of many megabytes: those stay short.
      let big = true;
      try { big = el && typeof el === 'object' && JSON.stringify(el).length > 2000; } catch { /* too deep to write: big */ }
      const n = rng.pick(big ? [0, 1, 2, 33] : [0, 1, 33, 1023, 1024, 1025, 5000]);
      m.holder[m.key] = Array.from({ length: n }, () => (el && typeof el === 'object' ? structuredClone(el) : el ?? 0));
      return `${m.path} = array of ${n}`;
    }
    case 'swap': {
      const other = rng.pick(all);
      const t = other.holder[other.key];
      other.holder[other.key] = old;
      m.holder[m.key] = t;
      return `${m.path} <-> ${other.path}`;
    }
    case 'enum': {
      const strings = all.filter((x) => typeof x.holder[x.key] === 'string' && /^[A-Z][A-Z0-9_]+$/.test(x.holder[x.key]));
      const s = strings.length ? rng.pick(strings) : m;
      s.holder[s.key] = rng.chance(0.8) ? rng.pick(pools.enums) : `${rng.pick(pools.enums)}|${rng.pick(pools.enums)}`;
      return `${s.path} = another enumerant`;
    }
    case 'retype':
      m.holder[m.key] = typeof old === 'number' ? String(old) : typeof old === 'string' ? (Number.isFinite(Number(old)) ? Number(old) : [old]) : Array.isArray(old) ? Object.fromEntries(old.map((x, i) => [i, x])) : old && typeof old === 'object' ? Object.values(old) : String(old);
      return `${m.path} retyped`;
    case 'struct-name': {
      const ss = structures(target);
      if (!ss.length) return 'no structure';
      rng.pick(ss).$struct = rng.chance(0.7) ? rng.pick(['VkExportMemoryAllocateInfo', 'VkImportMemoryFdInfoKHR', 'VkMemoryDedicatedAllocateInfo', 'VkImportMemoryWin32HandleInfoKHR', 'VkMemoryAllocateInfo']) : rng.pick(['VkNothing', 42, '', null]);
      return '$struct set';
    }
  }
  return op;
}
