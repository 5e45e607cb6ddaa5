// Emits assembly/generated/implicit-checks.ts: the implicit checks of every registry entry written out,
// one call per check with its slot, handle type, mask and optionality as constants, under one switch on
// the node's entry. A table walked check by check costs a branch on each check's kind that the machine
// mispredicts; written out, a node costs one jump and its checks run straight through. What each kind
// of check does lives in assembly/rules/implicit.ts; this file only says which run where.
import { KIND } from './classify.mjs';

/**
 * @param implicit the kept implicit checks, in the order of the IMPLICIT_* tables: { kind, entry, slot, enumType?, countSlot?, optional, vuid }
 * @param entries the registry entries ({ name })
 * @param layouts per entry, its slots ({ kind, type, out, elemKind })
 * @param handleTypeOf a slot's handle type as SLOT_HTYPE numbers it (0: not a handle or handle array)
 * @param enumMask per enum type name, its valid-bits mask as a BigInt (flags checks)
 * @param enumIndex per enum type name, its ENUM_IDX_ number
 * @param banner the generated-file banner
 */
export function implicitChecksText(implicit, entries, layouts, handleTypeOf, enumMask, enumIndex, banner) {
  const byEntry = new Map();
  implicit.forEach((c, i) => {
    const slot = c.slot >= 0 ? layouts[c.entry][c.slot] : undefined;
    // An output member holds what the call returned: only its pointer is judged.
    if (slot?.out && c.kind !== 'pointer') return;
    if (!byEntry.has(c.entry)) byEntry.set(c.entry, []);
    byEntry.get(c.entry).push(call(c, i, slot, handleTypeOf, enumMask, enumIndex));
  });
  const lines = [banner,
    "import { nodeCount, nodeEntry } from '../core/record';",
    "import * as check from '../rules/implicit';",
    '',
    '/** Runs every implicit check that applies to the record\'s nodes, in the registry\'s order for each. */',
    'export function checkImplicit(): void {',
    '  check.beginRecord();',
    '  const count = nodeCount();',
    '  for (let n = 0; n < count; n++) {',
    '    switch (nodeEntry(n)) {'];
  for (const [entry, calls] of [...byEntry].sort((a, b) => a[0] - b[0])) {
    lines.push(`      case ${entry}: { // ${entries[entry].name}`);
    for (const c of calls) lines.push(`        ${c};`);
    lines.push('        break;', '      }');
  }
  lines.push('    }', '  }', '}', '');
  return lines.join('\n');
}

const bool = (b) => (b ? 'true' : 'false');

/** The call running check i (its index in the IMPLICIT_* tables, which names its rule). */
function call(c, i, slot, handleTypeOf, enumMask, enumIndex) {
  const htype = () => handleTypeOf(slot);
  switch (c.kind) {
    case 'stype': return `check.sType(${i}, n, ${c.entry})`;
    case 'pnext': return `check.pNext(${i}, n, ${c.entry})`;
    case 'unique': return `check.unique(${i}, n)`;
    case 'enum': return `check.enumValue(${i}, n, ${c.slot}, ${bool(c.optional)}, ${enumIndex(c.enumType)})`;
    case 'flags': return `check.flags(${i}, n, ${c.slot}, ${enumMask(c.enumType)})`;
    case 'requiredbitmask': return `check.requiredBitmask(${i}, n, ${c.slot})`;
    case 'handle': return `check.handle(${i}, n, ${c.slot}, ${bool(c.optional)}, ${htype()})`;
    case 'pointer': return `check.pointer(${i}, n, ${c.slot}, ${bool(c.optional)}, ${bool(slot.kind === KIND.PTR)})`;
    case 'array': return `check.array(${i}, n, ${c.slot}, ${bool(c.optional)}, ${c.countSlot ?? -1}, ${htype()})`;
    case 'parent': return `check.parent(${i}, n, ${c.slot})`;
    case 'commonparent': return `check.commonParent(${i}, n, ${c.entry})`;
    case 'ptrvalue': return `check.pointerValue(${i}, n, ${c.slot})`;
    default: throw new Error(`emit-implicit: no call for implicit check kind ${c.kind} (${c.vuid})`);
  }
}
