// Encoded call records kept outside the core, to time the core alone ("core on pre-decoded records"):
// a record is the header and node table at the start of the core's input buffer plus the slots it used,
// which start after the space reserved for the node table; keep just those two pieces. The layout is
// the boundary contract's (scripts/registry/contract.mjs).
import { LIMITS } from '../dist/index.js';
import { RECORD } from '../scripts/registry/contract.mjs';

const NODE_COUNT = RECORD.header.indexOf('nodeCount');
const SLOT_OFFSET = RECORD.node.indexOf('slotOffset');
const SLOT_START = RECORD.headerWords + RECORD.nodeWords * LIMITS.nodesPerCall;

/** The record now in the input buffer (`view`: an Int32Array at the core's input address, two halves per word). */
export function snapshot(view) {
  const nodes = view[NODE_COUNT * 2];
  let end = SLOT_START;
  for (let n = 0; n < nodes; n++) end = Math.max(end, view[(RECORD.headerWords + RECORD.nodeWords * n + SLOT_OFFSET) * 2] + 64);
  return { head: view.slice(0, (RECORD.headerWords + RECORD.nodeWords * nodes) * 2), slots: view.slice(SLOT_START * 2, end * 2) };
}

/** Puts a snapshot back into the input buffer, ready for validateRecord(). */
export function restore(view, rec) {
  view.set(rec.head, 0);
  view.set(rec.slots, SLOT_START * 2);
}
