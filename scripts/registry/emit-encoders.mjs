// Emits src/generated/encoders.ts: one encoder per registry entry, specialised to its members. The
// general encoder (src/core/encode.ts) walks an object's keys and looks each one up; these read each
// member by its name, so the engine's property caches see one structure per line, and call the
// encoder's per-kind writers directly. They write exactly what the general path writes (the encoder
// falls back to it for anything out of the ordinary: see FastEncoder in src/core/encode.ts).
import { KIND } from './classify.mjs';

/** Past this many keys an entry gets no specialised encoder (its key mask is a 31-bit number). */
const MAX_KEYS = 31;

/** The writer each slot kind is encoded by ('skip': nothing; 'member': the general per-member path). */
function writerOf(kind) {
  switch (kind) {
    case KIND.SKIP: return 'skip';
    case KIND.SCALAR: case KIND.FD: return 'fastNumber';
    case KIND.ENUM: case KIND.FLAGS: return 'fastEnum';
    case KIND.HANDLE: return 'fastHandle';
    case KIND.STRUCT: return 'struct';
    default: return 'member';
  }
}

/** An entry's keys in the registry's order: pNext (where it has one), then its members. */
const keysOf = (e) => [...(e.hasPNext ? ['pNext'] : []), ...e.slots.map((s) => s.name)];
/** Structures and calls get encoders; unmodelled structures and array elements have no members of their own. */
const hasReader = (e) => ['command', 'model', 'struct'].includes(e.kind);
/** The strict encoder keeps a mask of the keys it saw, so it needs few enough of them. */
const hasEncoder = (e) => hasReader(e) && keysOf(e).length <= MAX_KEYS;

/**
 * The lenient encoder of an entry (captures): as the general path reads a capture, every member the
 * model uses by its name, anything else in the object ignored, then the chain. It writes every slot.
 */
function readerLines(e, id) {
  const body = [];
  body.push('  if (depth > LIMITS.structDepth) return -1; // the general path reports it');
  body.push(`  const n = x.newNode(${id}, parent, parentSlot, sType, index, false);`);
  body.push('  const s = x.firstSlotOf(n);');
  body.push('  let v: unknown;');
  e.slots.forEach((slot, i) => {
    const writer = writerOf(slot.kind);
    if (writer === 'skip') { body.push(`  x.zeroSlot(s + ${i});`); return; }
    const read = /^[A-Za-z_$][\w$]*$/.test(slot.name) ? `o.${slot.name}` : `o[${JSON.stringify(slot.name)}]`;
    const write = writer === 'member' || writer === 'struct' ? `x.member(n, ${i}, s + ${i}, ${id}, v, depth)` : `x.${writer}(n, ${i}, s + ${i}, ${id}, v)`;
    body.push(`  v = ${read}; if (v !== undefined) ${write}; else x.zeroSlot(s + ${i});`);
  });
  if (e.hasPNext) body.push('  if (!inChain && o.pNext !== undefined && o.pNext !== null) x.encodeChain(n, o.pNext, depth);');
  body.push('  return n;');
  const chainParam = e.hasPNext ? 'inChain' : '_inChain';
  return [`function read${id}(x: FastWriter, o: Obj, parent: number, parentSlot: number, depth: number, sType: number, index: number, ${chainParam}: boolean): number {`, ...body, '}', ''];
}

/**
 * @param entries the registry entries as src/generated/registry.ts lists them: { name, kind, hasPNext, slots: [{ name, kind, child }] } (child: an entry index)
 * @param banner the generated-file banner
 */
export function encodersText(entries, banner) {
  const lines = [banner,
    "import type { FastWriter, GeneratedEncoders } from '../core/encode.js';",
    "import { LIMITS } from '../core/limits.js';",
    '',
    '/** structSType() for a member that is no plain object or declares an unusual sType. */',
    'const NOT_PLAIN = -2;',
    'type Obj = Record<string, unknown>;',
    ''];
  const table = [];
  const readers = [];
  entries.forEach((e, id) => {
    if (hasReader(e)) { lines.push(`/** ${e.name}, read leniently */`, ...readerLines(e, id)); readers.push(`read${id}`); } else readers.push('undefined');
    if (!hasEncoder(e)) { table.push('undefined'); return; }
    const keys = keysOf(e);
    const fn = `encode${id}`;
    lines.push(`/** ${e.name} */`);
    table.push(fn);
    const body = [];
    // The key list is made once, not on every call.
    lines.push(`const KEYS${id}: readonly string[] = ${JSON.stringify(keys)};`);
    body.push(`  const seen = x.keysInOrder(o, KEYS${id}, depth);`);
    body.push('  if (seen < 0) return -1;');
    // The node's slots are not cleared first: each is written below, with the member or with 0.
    body.push(`  const n = x.newNode(${id}, parent, parentSlot, sType, index, false);`);
    body.push('  const s = x.firstSlotOf(n);');
    keys.forEach((key, bit) => {
      const test = `if (seen & ${2 ** bit})`;
      // A chain member is read by the chain walker (encodeChain), which owns the rest of the chain.
      if (key === 'pNext') { body.push(`  if ((seen & ${2 ** bit}) && !inChain && o.pNext !== null) x.encodeChain(n, o.pNext, depth);`); return; }
      const slot = e.slots.findIndex((s) => s.name === key);
      const writer = writerOf(e.slots[slot].kind);
      const read = /^[A-Za-z_$][\w$]*$/.test(key) ? `o.${key}` : `o[${JSON.stringify(key)}]`;
      const zero = ` else x.zeroSlot(s + ${slot});`;
      if (writer === 'skip') { body.push(`  x.zeroSlot(s + ${slot});`); return; }
      const child = e.slots[slot].child;
      if (writer === 'struct' && hasEncoder(entries[child])) {
        // The member's structure by its own encoder, called directly; the general path takes it when
        // it is no plain object, declares an unusual sType, or its encoder declines.
        body.push(`  if (!(seen & ${2 ** bit})) x.zeroSlot(s + ${slot});`);
        body.push(`  else {`);
        body.push(`    const v = ${read};`);
        body.push(`    const st = x.structSType(${child}, v);`);
        body.push(`    const c = st === NOT_PLAIN ? -1 : encode${child}(x, v as Obj, n, ${slot}, depth + 1, st, 0, false);`);
        body.push(`    if (c >= 0) x.setChild(n, ${slot}, s + ${slot}, c); else x.member(n, ${slot}, s + ${slot}, ${id}, v, depth);`);
        body.push('  }');
        return;
      }
      if (writer === 'member' || writer === 'struct') body.push(`  ${test} x.member(n, ${slot}, s + ${slot}, ${id}, ${read}, depth);${zero}`);
      else body.push(`  ${test} x.${writer}(n, ${slot}, s + ${slot}, ${id}, ${read});${zero}`);
    });
    body.push('  return n;');
    const chainParam = e.hasPNext ? 'inChain' : '_inChain';
    lines.push(`function ${fn}(x: FastWriter, o: Obj, parent: number, parentSlot: number, depth: number, sType: number, index: number, ${chainParam}: boolean): number {`);
    lines.push(...body, '}', '');
  });
  lines.push('/** Per entry (the index in ENTRIES), its specialised encoders, strict and lenient; undefined where the general path encodes it. */');
  lines.push('export const FAST_ENCODERS: GeneratedEncoders = {');
  lines.push(`  strict: [${table.join(', ')}],`);
  lines.push(`  lenient: [${readers.join(', ')}],`);
  lines.push('};', '');
  return lines.join('\n');
}
