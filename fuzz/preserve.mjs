// Changes to a scenario that must not change its meaning, so must not change its verdict:
//  - rename: every object name ("memA"), HANDLE value ("0x1a4"), fd number, process name and shared
//    object name replaced consistently by another, in every step and placeholder;
//  - reorder: adjacent steps swapped when nothing connects them (different processes, no name in
//    common, neither one a call whose effect reaches other processes or later placeholders), and
//    adjacent capability queries of one process swapped.
// Host pointers and mapped addresses keep their values (their alignment is part of the meaning).

/** Members whose string value names a Vulkan or D3D object. */
const OBJECT_KEYS = new Set([
  'instance', 'pInstance', 'physicalDevice', 'pPhysicalDevices', 'device', 'pDevice', 'buffer', 'pBuffer', 'image', 'pImage', 'memory',
  'pMemory', 'queue', 'pQueue', 'object', 'resource', 'ppHeap', 'ppResource', 'ppTexture2D', 'ppBuffer', 'pAcquireSyncs', 'pReleaseSyncs',
]);
/** Members holding a Win32 HANDLE value. */
const HANDLE_KEYS = new Set(['hObject', 'hSourceHandle', 'lpTargetHandle', 'handle', 'pHandle', 'pSharedHandle']);
/** Members holding an fd. */
const FD_KEYS = new Set(['fd', 'pFd', 'oldfd', 'newfd']);
/** Members naming a process. */
const PROCESS_KEYS = new Set(['hSourceProcessHandle', 'hTargetProcessHandle', 'process']);
/** Members naming a shared (named) kernel object. */
const SHARED_NAME_KEYS = new Set(['name', 'lpName']);
const NULLISH = new Set(['', 'VK_NULL_HANDLE', 'NULL', '0', '0x0', 'main']);
const PLACEHOLDER = /^\$(size|type)\(([^)]*)\)$/;

function argsOf(step) {
  const b = step?.vkFunc ?? step?.os;
  return b?.args && typeof b.args === 'object' ? b.args : step?.data && typeof step.data === 'object' ? step.data : {};
}

/** Calls every key/value pair under `v` (arrays report their elements under the array's key). */
function eachMember(v, fn, key = '') {
  if (Array.isArray(v)) { v.forEach((x, i) => (x && typeof x === 'object' ? eachMember(x, fn, key) : fn(v, i, key))); return; }
  if (v && typeof v === 'object') for (const k of Object.keys(v)) { const x = v[k]; if (x && typeof x === 'object') eachMember(x, fn, k); else fn(v, k, k); }
}

/**
 * A consistent renaming of `doc` (a scenario document, changed in place). Returns the mapping used,
 * so a report can say what was renamed.
 */
export function renameScenario(rng, doc) {
  const map = new Map();
  const used = new Set();
  const fresh = (old, make) => {
    if (map.has(old)) return map.get(old);
    let v;
    do v = make(); while (used.has(v) || v === old);
    used.add(v);
    map.set(old, v);
    return v;
  };
  const newObject = (old) => fresh(`o:${old}`, () => `${old.replace(/\d+$/, '').slice(0, 4) || 'o'}${rng.int(100000)}r`);
  const newHandle = (old) => fresh(`h:${old.toLowerCase()}`, () => {
    const n = Number(BigInt(old));
    // Keep the top bits (KMT values sit high) and the low two bits; change what lies between.
    const keep = n >= 0x10000000 ? n & 0xf0000003 : n & 3;
    const middle = (rng.range(0x40, n >= 0x10000000 ? 0x3ffffff : 0xffff) * 4) & (n >= 0x10000000 ? 0x0ffffffc : 0xfffffc);
    return `0x${((keep | middle) >>> 0).toString(16)}`;
  });
  const newFd = (old) => fresh(`f:${old}`, () => rng.range(3, 4000));
  const newProcess = (old) => fresh(`p:${old}`, () => `${old.slice(0, 3)}_${rng.int(10000)}`);
  const newShared = (old) => fresh(`n:${old}`, () => `${old.slice(0, old.lastIndexOf('\\') + 1)}fz-${rng.int(1e6)}`);

  const steps = Array.isArray(doc.steps) ? doc.steps : [];
  // First, which strings are object names, handles, fds (the renaming then applies to placeholders too).
  const objects = new Set();
  const handles = new Set();
  const fds = new Set();
  for (const s of steps) {
    eachMember(argsOf(s), (holder, k, key) => {
      const v = holder[k];
      if (typeof v === 'string' && !NULLISH.has(v)) {
        if (OBJECT_KEYS.has(key) && !v.startsWith('$')) objects.add(v);
        else if (HANDLE_KEYS.has(key) && /^0x[0-9a-f]+$/i.test(v)) handles.add(v.toLowerCase());
      } else if (typeof v === 'number' && FD_KEYS.has(key) && Number.isInteger(v) && v >= 3) fds.add(v);
    });
  }
  const renameToken = (t) => {
    const x = t.trim();
    if (objects.has(x)) return newObject(x);
    if (handles.has(x.toLowerCase())) return newHandle(x);
    if (/^\d+$/.test(x) && fds.has(Number(x))) return String(newFd(Number(x)));
    return x;
  };
  for (const s of steps) {
    if (!s || typeof s !== 'object') continue;
    if (typeof s.process === 'string' && s.process !== 'main') s.process = newProcess(s.process);
    eachMember(argsOf(s), (holder, k, key) => {
      const v = holder[k];
      if (typeof v === 'string') {
        const ph = PLACEHOLDER.exec(v);
        if (ph) holder[k] = `$${ph[1]}(${ph[2].split(',').map(renameToken).join(', ')})`;
        else if (PROCESS_KEYS.has(key)) { if (v !== 'main' && v !== '') holder[k] = newProcess(v); }
        else if (SHARED_NAME_KEYS.has(key)) { if (v !== '') holder[k] = newShared(v); }
        else if (objects.has(v)) holder[k] = newObject(v);
        else if (HANDLE_KEYS.has(key) && handles.has(v.toLowerCase())) holder[k] = newHandle(v);
      } else if (typeof v === 'number' && FD_KEYS.has(key) && fds.has(v)) holder[k] = newFd(v);
    });
  }
  return Object.fromEntries([...map].map(([k, v]) => [k.slice(2), v]));
}

/** Calls whose effects reach other processes or later placeholders: never moved. */
const ANCHORED = new Set([
  'DuplicateHandle', 'OpenSharedHandleByName', 'ExitProcess', 'vkGetPhysicalDeviceProperties2', 'vkGetPhysicalDeviceProperties2KHR',
  'vkGetPhysicalDeviceMemoryProperties', 'vkGetPhysicalDeviceMemoryProperties2', 'vkGetPhysicalDeviceMemoryProperties2KHR',
  'vkGetBufferMemoryRequirements', 'vkGetImageMemoryRequirements', 'vkGetBufferMemoryRequirements2', 'vkGetImageMemoryRequirements2',
  'vkGetBufferMemoryRequirements2KHR', 'vkGetImageMemoryRequirements2KHR', 'vkGetMemoryWin32HandlePropertiesKHR', 'vkGetMemoryFdPropertiesKHR',
  'vkGetMemoryHostPointerPropertiesEXT', 'vkCreateInstance', 'vkEnumeratePhysicalDevices',
]);
/** Capability queries: they change nothing, so two of them in a row may run in either order. */
const PURE_QUERIES = new Set([
  'vkGetPhysicalDeviceExternalBufferProperties', 'vkGetPhysicalDeviceExternalBufferPropertiesKHR', 'vkGetPhysicalDeviceImageFormatProperties2',
  'vkGetPhysicalDeviceImageFormatProperties2KHR', 'vkGetPhysicalDeviceExternalImageFormatPropertiesNV',
]);

function stepName(s) { return s?.vkFunc?.name ?? s?.os?.name ?? (s?.data ? 'data' : ''); }
function processOf(s) { return typeof s?.process === 'string' && s.process !== '' ? s.process : 'main'; }

/** The names a step touches: object names, handles, fds, processes and placeholder operands. */
function tokens(s) {
  const out = new Set();
  let anchored = ANCHORED.has(stepName(s));
  eachMember(argsOf(s), (holder, k, key) => {
    const v = holder[k];
    if (typeof v === 'string') {
      if (v.startsWith('$')) anchored = true; // placeholders read what earlier steps observed
      else if (SHARED_NAME_KEYS.has(key) && v !== '') anchored = true; // named objects are machine-wide
      else if (!/^[A-Z][A-Z0-9_|]+$/.test(v) && !NULLISH.has(v)) out.add(v.toLowerCase());
    } else if (typeof v === 'number' && FD_KEYS.has(key)) out.add(`fd:${v}`);
  });
  return { names: out, anchored };
}

function independent(a, b) {
  const na = stepName(a);
  const nb = stepName(b);
  if (processOf(a) === processOf(b)) return PURE_QUERIES.has(na) && PURE_QUERIES.has(nb);
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.anchored || tb.anchored) return false;
  for (const t of ta.names) if (tb.names.has(t)) return false;
  return true;
}

/** Swaps up to `tries` random adjacent independent steps (in place); returns the swaps made. */
export function reorderScenario(rng, doc, tries = 8) {
  const steps = Array.isArray(doc.steps) ? doc.steps : [];
  const swaps = [];
  for (let t = 0; t < tries && steps.length > 1; t++) {
    const i = rng.int(steps.length - 1);
    if (!independent(steps[i], steps[i + 1])) continue;
    [steps[i], steps[i + 1]] = [steps[i + 1], steps[i]];
    swaps.push(i);
  }
  return swaps;
}

/** Every adjacent pair reorderScenario may swap (for tests and for choosing seeds worth reordering). */
export function swappablePairs(doc) {
  const steps = Array.isArray(doc.steps) ? doc.steps : [];
  const out = [];
  for (let i = 0; i + 1 < steps.length; i++) if (independent(steps[i], steps[i + 1])) out.push(i);
  return out;
}
