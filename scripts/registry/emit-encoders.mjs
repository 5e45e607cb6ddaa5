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

/** How a member is read: `o.name`, or `o["name"]` for a name that is no identifier. */
const readOf = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? `o.${name}` : `o[${JSON.stringify(name)}]`);

/**
 * The statement writing slot `slot` from `u` (the member, read already): the ordinary values of its
 * kind (a number in [0, 2^32), a handle by name or positive number, a member structure its encoder
 * takes) straight into the record, with the slot's bit kept in the local mask `p`; anything else
 * through the general per-member path (enumerant names through fastEnum), which writes its own mask
 * bits. Slots past the 31st (no bit in `p`) always go through the encoder's writer of their kind.
 */
function slotWrite(entries, e, id, slot, ind) {
  const kind = writerOf(e.slots[slot].kind);
  const lo = `w + ${2 * slot}`, hi = `w + ${2 * slot + 1}`;
  const generic = kind === 'member' || kind === 'struct'
    ? `x.member(n, ${slot}, s + ${slot}, ${id}, u, depth)`
    : `x.${kind}(n, ${slot}, s + ${slot}, ${id}, u)`;
  const inline = slot < 31;
  const child = e.slots[slot].child;
  if (kind === 'struct' && inline && child >= 0 && hasEncoder(entries[child])) {
    // The member's structure by its own encoder, called directly; the general path takes it when it
    // is no plain object, declares an unusual sType, or its encoder declines.
    return [
      `${ind}{`,
      // The sType the member declares, as declaredSType() finds it, when it is a plain object writing
      // its own sType by its usual name (or none); NOT_PLAIN for anything else, which the general path
      // then reads (and reports when wrong). Read here, so the read sees only this member's objects.
      `${ind}  const st = typeof u !== 'object' || u === null || Array.isArray(u) ? NOT_PLAIN`,
      `${ind}    : (u as Obj).sType === undefined ? ('sType' in (u as Obj) ? NOT_PLAIN : NO_STYPE)`,
      `${ind}    : (u as Obj).sType === STYPE_NAME[${child}] && STYPE_NAME[${child}] !== undefined ? STYPE_VALUE[${child}] : NOT_PLAIN;`,
      `${ind}  const c = st === NOT_PLAIN ? -1 : encode${child}(x, u as Obj, n, ${slot}, depth + 1, st, 0, false);`,
      `${ind}  if (c >= 0) { x.fastNodes++; p |= ${2 ** slot}; v[${lo}] = c + CHILD_BIAS; v[${hi}] = 0; } else ${generic};`,
      `${ind}}`,
    ];
  }
  if (!inline || kind === 'member' || kind === 'struct') return [`${ind}${generic};`];
  // What the test below has already ruled out goes straight to the general per-member path; an
  // enumerant or flag written by name still goes through fastEnum, which looks it up.
  const rest = kind === 'fastEnum' ? generic : `x.member(n, ${slot}, s + ${slot}, ${id}, u, depth)`;
  if (kind === 'fastHandle') return [`${ind}if ((h = x.handleId(u)) > 0) { p |= ${2 ** slot}; v[${lo}] = h; v[${hi}] = 0; } else ${rest};`];
  // Numbers (and enumerants or flags given as numbers).
  return [`${ind}if (typeof u === 'number' && u >>> 0 === u) { p |= ${2 ** slot}; v[${lo}] = u; v[${hi}] = 0; } else ${rest};`];
}

/** The start of an encoder's body once its node is made: the record's view and the node's first slot. */
const NODE_LOCALS = [
  '  const s = x.firstSlotOf(n);',
  '  const v = x.view, w = x.base + 2 * s;',
  '  let p = 0, u: unknown, h = 0;',
];
/** The end: the mask of the members written here, then the node. */
const NODE_END = ['  if (p !== 0) x.orPresent(n, p);', '  void h;', '  return n;'];

/**
 * The lenient encoder of an entry (captures): as the general path reads a capture, every member the
 * model uses by its name, anything else in the object ignored, then the chain. It writes every slot.
 */
function readerLines(entries, e, id) {
  const body = [];
  body.push('  if (depth > LIMITS.structDepth) return -1; // the general path reports it');
  body.push(`  const n = x.newNode(${id}, parent, parentSlot, sType, index, false);`);
  body.push(...NODE_LOCALS);
  e.slots.forEach((slot, i) => {
    if (writerOf(slot.kind) === 'skip') { body.push(`  v[w + ${2 * i}] = 0; v[w + ${2 * i + 1}] = 0;`); return; }
    body.push(`  u = ${readOf(slot.name)};`);
    body.push(`  if (u === undefined) { v[w + ${2 * i}] = 0; v[w + ${2 * i + 1}] = 0; }`);
    body.push('  else', ...slotWrite(entries, { ...e, slots: e.slots.map((x) => ({ ...x, child: -1 })) }, id, i, '    '));
  });
  if (e.hasPNext) body.push('  if (!inChain && o.pNext !== undefined && o.pNext !== null) x.encodeChain(n, o.pNext, depth);');
  body.push(...NODE_END);
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
    "import { RECORD } from './contract.js';",
    "import { ENTRY_TABLES } from '../core/entry-tables.js';",
    '',
    '/** The sType of a member that is no plain object or declares an unusual sType: the general path reads it. */',
    'const NOT_PLAIN = -2;',
    '/** What a STRUCT slot holds for its child node n: n + CHILD_BIAS (0 is NULL). */',
    'const CHILD_BIAS = RECORD.markers.childBias;',
    'const NO_STYPE = RECORD.markers.noSType;',
    '/** Per entry, the sType name a member structure declares in the usual way, and its value. */',
    'const STYPE_NAME: readonly (string | undefined)[] = ENTRY_TABLES.map((t) => t.sTypeName);',
    'const STYPE_VALUE: readonly number[] = ENTRY_TABLES.map((t) => t.info.sType);',
    'type Obj = Record<string, unknown>;',
    ''];
  const table = [];
  const readers = [];
  entries.forEach((e, id) => {
    if (hasReader(e)) { lines.push(`/** ${e.name}, read leniently */`, ...readerLines(entries, e, id)); readers.push(`read${id}`); } else readers.push('undefined');
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
    body.push(...NODE_LOCALS);
    keys.forEach((key, bit) => {
      // A chain member is read by the chain walker (encodeChain), which owns the rest of the chain.
      if (key === 'pNext') { body.push(`  if ((seen & ${2 ** bit}) && !inChain && o.pNext !== null) x.encodeChain(n, o.pNext, depth);`); return; }
      const slot = e.slots.findIndex((s) => s.name === key);
      const zero = `v[w + ${2 * slot}] = 0; v[w + ${2 * slot + 1}] = 0;`;
      if (writerOf(e.slots[slot].kind) === 'skip') { body.push(`  ${zero}`); return; }
      body.push(`  if (!(seen & ${2 ** bit})) { ${zero} }`);
      body.push(`  else {`, `    u = ${readOf(key)};`, ...slotWrite(entries, e, id, slot, '    '), '  }');
    });
    body.push(...NODE_END);
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
