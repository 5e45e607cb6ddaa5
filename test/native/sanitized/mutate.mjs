// Deterministic mutations of scenario files, for feeding bad input through the native backend under
// AddressSanitizer (sanitized.test.ts, through run.mjs). Mutant number i of seed s is always the same
// file, made from its own random stream, so one bad mutant is reproduced alone (`run.mjs --only i`).
// Deliberately small and self-contained: it is not a general fuzzer, it aims at the places where a
// scenario's values end up as arguments of the addon (sizes, offsets, fds, handle names, pNext chains,
// the order of the calls). `sweep` adds the systematic part: every number of every call gets each kind
// of boundary value once per run, so no member is left to chance.

/** A 32-bit generator (mulberry32): fast, and the same sequence on every machine. */
export function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [0, n). */
    below: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

/** A 32-bit finalizer: every input bit changes about half the output bits. */
function mix(x) {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * The stream of mutant `index` under `seed`. The seed is mixed before the index joins it: combining the
 * two first would make seed 2's mutant 2465 the same as seed 4's mutant 2471 (2^2465 = 4^2471).
 */
export function mutantGenerator(seed, index) {
  return generator(mix(mix(seed >>> 0) ^ (index >>> 0)));
}

function nested(depth, leaf, wrap) {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = wrap(v);
  return v;
}

// Values no member should be able to turn into a crash: integers at and past every width the addon
// converts to (32-bit, 53-bit exact, 64-bit), negative and fractional numbers, numeric strings that do
// not fit, malformed placeholders, the wrong JSON type, and nesting past the structure-depth limit.
export const HOSTILE_VALUES = [
  0, 1, -1, 2, 7, 255, 256, 4095, 4096, 65536, 0x7fffffff, 0x80000000, -0x80000000, 0xffffffff, 2 ** 32, 2 ** 32 + 1,
  2 ** 47, 2 ** 52, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 2 ** 64, 1e308, -1e308, 0.5, -0.5, 1.5, 5e-324,
  '', 'x', '0', '-1', '0x0', '0xffffffff', '0xffffffffffffffff', '0x10000000000000000', '18446744073709551615',
  '18446744073709551616', '-9223372036854775809', '1e999', 'VK_WHOLE_SIZE', 'VK_NULL_HANDLE', 'A|B', '|', '0|VK_NOPE',
  '$size(bufA)', '$type(bufA, host)', '$type(host)', '$type(device)', '$luid', '$size(', '$size()', '$nosuch(bufA)',
  'c0ffee', 'abc', 'zz', '\u0000', 'é\u{1F600}', 'x'.repeat(5000),
  null, true, false, [], [0], [null], [2 ** 64], {}, { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', pNext: null },
  nested(40, 1, (v) => [v]), nested(40, null, (v) => ({ sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', pNext: v })),
];

const HOSTILE_NUMBERS = HOSTILE_VALUES.filter((v) => typeof v === 'number');

// Members whose strings are prose or names of calls, not values a call takes.
const NOT_VALUES = new Set(['name', 'note', 'description', 'scenario', 'source', 'sType', 'pApplicationName', 'pEngineName']);

/** Every member of every object and array under `root` (root itself excluded), with its path. */
function places(root) {
  const out = [];
  const walk = (v, path) => {
    if (v === null || typeof v !== 'object') return;
    for (const k of Array.isArray(v) ? v.keys() : Object.keys(v)) {
      out.push({ parent: v, key: k, path: Array.isArray(v) ? `${path}[${k}]` : `${path}.${k}` });
      walk(v[k], out[out.length - 1].path);
    }
  };
  walk(root, '');
  return out;
}

/** What the corpus offers to mix in: its sTypes, whole structures, names of bound objects, values. */
export function collectPool(scenarios) {
  const sTypes = new Set();
  const structs = [];
  const values = [];
  const names = new Set();
  for (const sc of scenarios) {
    for (const p of places(sc.steps)) {
      const v = p.parent[p.key];
      if (p.key === 'sType' && typeof v === 'string') sTypes.add(v);
      if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.sType === 'string') structs.push(v);
      if (v === null || typeof v !== 'object') {
        if (!NOT_VALUES.has(p.key)) values.push(v);
        if (isName(v, p.key)) names.add(v);
      }
    }
  }
  return { sTypes: [...sTypes].sort(), structs, values, names: [...names].sort() };
}

/** A string that names an object a call made or takes (`dev0`, `memA`, `0x1a4`, `hNT1`). */
function isName(v, key) {
  return typeof v === 'string' && !NOT_VALUES.has(key) && /^[A-Za-z0-9_]{1,24}$/.test(v) && !/^VK_|^[A-Z0-9_]+$/.test(v) && key !== 'write' && key !== 'read';
}

// Steps whose arguments never reach the addon as they are written (the backend makes its own instance,
// and fills in the answers of these queries itself): mutated less often than the calls that do.
const ANSWERED_BY_BACKEND = /^vk(CreateInstance|DestroyInstance|EnumeratePhysicalDevices|GetPhysicalDevice(Properties|MemoryProperties|Features)\w*|GetDeviceQueue2?|QueueSubmit)$/;

/** The step's call name (vkFunc or os), or '' for a data step. */
function callName(step) {
  return (step && (step.vkFunc?.name ?? step.os?.name)) || '';
}

/**
 * One of the places `wanted` accepts, in one step: the step is picked first (the calls the addon
 * executes six times as often as the others), then a place in it, values before whole objects, so that a
 * mutation lands on a size, an offset or an fd about as often as on the boilerplate around it.
 */
function pickPlace(sc, r, wanted) {
  const steps = [];
  let total = 0;
  sc.steps.forEach((step, i) => {
    const all = places(step).filter((p) => wanted(p));
    if (!all.length) return;
    const weight = ANSWERED_BY_BACKEND.test(callName(step)) ? 1 : 6;
    steps.push({ i, all, weight });
    total += weight;
  });
  if (!steps.length) return null;
  let at = r.next() * total;
  const chosen = steps.find((s) => (at -= s.weight) < 0) ?? steps[steps.length - 1];
  const leaves = chosen.all.filter((p) => p.parent[p.key] === null || typeof p.parent[p.key] !== 'object');
  const p = leaves.length && r.next() < 0.8 ? r.pick(leaves) : r.pick(chosen.all);
  return { ...p, path: `[${chosen.i}]${p.path}` };
}

function show(v) {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 48 ? `${s.slice(0, 45)}...` : s;
}

// Each operator changes the scenario in place and returns a line saying what it did, or null when the
// scenario offers it no place (the next operator is tried then).
const OPERATORS = {
  /** Any member of any step gets a hostile value or one from elsewhere in the corpus. */
  value(sc, pool, r) {
    const p = pickPlace(sc, r, (q) => !NOT_VALUES.has(q.key) || q.key === 'name');
    if (!p) return null;
    const v = r.next() < 0.6 ? r.pick(HOSTILE_VALUES) : r.pick(pool.values);
    p.parent[p.key] = structuredClone(v);
    return `steps${p.path} = ${show(v)}`;
  },
  /**
   * A number the addon converts (a size, offset, fd, flag mask, index, or a placeholder standing for one)
   * gets a hostile number: the commonest way a bad value reaches the C++ side.
   */
  number(sc, pool, r) {
    const p = pickPlace(sc, r, (q) => typeof q.parent[q.key] === 'number' || (typeof q.parent[q.key] === 'string' && q.parent[q.key].startsWith('$')));
    if (!p) return null;
    const v = r.pick(HOSTILE_NUMBERS);
    p.parent[p.key] = v;
    return `steps${p.path} = ${show(v)}`;
  },
  /** A handle name replaced: by one never bound, one of another kind, a null handle or a number. */
  handle(sc, pool, r) {
    const p = pickPlace(sc, r, (q) => isName(q.parent[q.key], q.key));
    if (!p) return null;
    const v = r.pick([`ghost${r.below(100)}`, r.pick(pool.names), r.pick(pool.names), 'VK_NULL_HANDLE', 0, r.below(1 << 16), '0xdead']);
    p.parent[p.key] = v;
    return `steps${p.path} (a name) = ${show(v)}`;
  },
  /** A structure that claims to be another one, or no known one at all. */
  sType(sc, pool, r) {
    const p = pickPlace(sc, r, (q) => q.key === 'sType');
    if (!p) return null;
    const v = r.next() < 0.8 ? r.pick(pool.sTypes) : r.pick(['VK_STRUCTURE_TYPE_NOPE', 1000072000, -1, '', null]);
    p.parent[p.key] = v;
    return `steps${p.path} = ${show(v)}`;
  },
  /** A pNext chain cut, or a structure from elsewhere in the corpus spliced into it. */
  pNext(sc, pool, r) {
    const p = pickPlace(sc, r, (q) => q.key === 'pNext');
    if (!p) return null;
    if (p.parent.pNext !== null && r.next() < 0.3) {
      p.parent.pNext = null;
      return `steps${p.path} cut`;
    }
    const extra = structuredClone(r.pick(pool.structs));
    extra.pNext = p.parent.pNext;
    p.parent.pNext = extra;
    return `steps${p.path} += ${extra.sType}`;
  },
  deleteStep(sc, pool, r) {
    if (sc.steps.length < 2) return null;
    const i = r.below(sc.steps.length);
    sc.steps.splice(i, 1);
    return `step ${i} deleted`;
  },
  duplicateStep(sc, pool, r) {
    const i = r.below(sc.steps.length);
    const to = r.below(sc.steps.length + 1);
    sc.steps.splice(to, 0, structuredClone(sc.steps[i]));
    return `step ${i} copied to ${to}`;
  },
  swapSteps(sc, pool, r) {
    if (sc.steps.length < 2) return null;
    const i = r.below(sc.steps.length);
    const j = r.below(sc.steps.length);
    [sc.steps[i], sc.steps[j]] = [sc.steps[j], sc.steps[i]];
    return `steps ${i} and ${j} swapped`;
  },
};

export const OPERATOR_NAMES = Object.keys(OPERATORS);

// How often each operator is drawn: the ones that change what the addon is called with, more often than
// the ones that only reorder the calls.
const WEIGHTS = { value: 3, number: 3, handle: 2, sType: 1, pNext: 2, deleteStep: 1, duplicateStep: 1, swapSteps: 1 };
const DRAW = OPERATOR_NAMES.flatMap((name) => Array(WEIGHTS[name] ?? 1).fill(name));

/**
 * Mutant `index` of `seed`: one of `bases` (parsed JSON of scenario files), copied, with one to three
 * mutations; `ops` has a line per mutation saying what it did (member paths are within `steps`).
 */
export function mutate(bases, pool, seed, index) {
  const r = mutantGenerator(seed, index);
  const base = r.below(bases.length);
  const sc = structuredClone(bases[base]);
  const ops = [];
  const count = 1 + r.below(3);
  for (let tries = 0; ops.length < count && tries < 20; tries++) {
    const name = r.pick(DRAW);
    const did = OPERATORS[name](sc, pool, r);
    if (did) ops.push(`${name}: ${did}`);
  }
  return { base, scenario: sc, ops };
}

// The kinds of boundary value a sweep gives each number: zero, a count past any small limit (a mip
// chain, a queue count), the edges of 32 bits, and what no 32-bit member can hold.
const SWEEP_KINDS = [[0], [2, 7, 32, 255, 256, 4095, 65536], [0x7fffffff, 0x80000000, 0xffffffff], [-1, 1.5, 2 ** 32, 2 ** 53, 2 ** 64]];

/**
 * One input per number the addon may be given and per kind of boundary value: every numeric member
 * (or `$` placeholder) of every call that the addon executes, found in `bases`, by its call and path.
 * Which occurrence is changed, and which value of a kind it gets, follows the seed.
 */
export function sweep(bases, seed) {
  const where = new Map();
  bases.forEach((sc, b) => sc.steps.forEach((step, i) => {
    if (ANSWERED_BY_BACKEND.test(callName(step))) return;
    for (const p of places(step)) {
      const v = p.parent[p.key];
      if (typeof v !== 'number' && !(typeof v === 'string' && v.startsWith('$'))) continue;
      const key = `${callName(step) || 'data'} ${p.path.replace(/^\.(vkFunc|os)\.args/, '').replace(/\[\d+\]/g, '[]')}`;
      if (!where.has(key)) where.set(key, []);
      where.get(key).push({ b, i, path: p.path });
    }
  }));
  const inputs = [];
  [...where.keys()].sort().forEach((key, k) => {
    const r = mutantGenerator(seed, 0x80000000 + k);
    for (const kind of SWEEP_KINDS) {
      const at = r.pick(where.get(key));
      const v = r.pick(kind);
      const sc = structuredClone(bases[at.b]);
      const segments = [...at.path.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)].map((m) => m[1] ?? Number(m[2]));
      const last = segments.pop();
      let parent = sc.steps[at.i];
      for (const seg of segments) parent = parent[seg];
      parent[last] = v;
      inputs.push({ base: at.b, scenario: sc, ops: [`${key}: steps[${at.i}]${at.path} = ${show(v)}`] });
    }
  });
  return inputs;
}
