// Encoded call records kept outside the core, to time the core alone ("core on pre-decoded records"):
// a record is the header and node table at the start of the core's input buffer plus the slots it used,
// which start after the space reserved for the node table; keep just those two pieces.
import { LIMITS } from '../dist/index.js';

const SLOT_START = 8 + 7 * LIMITS.nodesPerCall;

/** The record now in the input buffer (`view`: an Int32Array at the core's input address). */
export function snapshot(view) {
  const nodes = view[8];
  let end = SLOT_START;
  for (let n = 0; n < nodes; n++) end = Math.max(end, view[(8 + 7 * n + 6) * 2] + 64);
  return { head: view.slice(0, (8 + 7 * nodes) * 2), slots: view.slice(SLOT_START * 2, end * 2) };
}

/** Puts a snapshot back into the input buffer, ready for validateRecord(). */
export function restore(view, rec) {
  view.set(rec.head, 0);
  view.set(rec.slots, SLOT_START * 2);
}
