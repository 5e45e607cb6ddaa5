// The constraints of one import, computed once: the source state, the devices on both sides, what
// allocationSize and memoryTypeIndex may be, whether the memory must, may or must not be dedicated,
// and the device group. Each constraint carries the catalogue rule that states it. The validator
// reports the constraints a vkAllocateMemory breaks (allocate-import.ts, allocate.ts); the resolver
// shows them as the parts of its decisions (resolve/). Neither judges an import condition of its own,
// so they cannot disagree.
import { W32_SUPPORT_09861, FD_SUPPORT_09862, HOST_SUPPORT_01747 } from './allocate-import';
import { Resource } from '../state/objects';
import * as handleTypes from '../catalogue/handle-types';
import { importSupport, SUPPORT_NO, SUPPORT_UNKNOWN } from './support';
import * as reasons from './reasons';
import { ImportRequest, FAM_WIN32, FAM_FD, FAM_HOST } from './import/request';
import { Constraints, Verdict, SUPPORT_REFUSED, SUPPORT_UNASKED } from './import/constraints';
import { judgeSource } from './import/source';
import { importSizes } from './import/size';
import { importTypeMasks } from './import/memory-types';
import { dedicationParts, nvDedicationParts, bindTypes } from './import/dedication';

export function importConstraints(req: ImportRequest): Constraints {
  const c = new Constraints(req);
  c.supportRule = req.family == FAM_WIN32 ? W32_SUPPORT_09861 : (req.family == FAM_FD ? FD_SUPPORT_09862 : (req.family == FAM_HOST ? HOST_SUPPORT_01747 : -1));
  judgeSource(c);
  importSizes(c);
  importTypeMasks(c);
  dedicationParts(c);
  nvDedicationParts(c);
  bindTypes(c);
  return c;
}

/**
 * 09861 / 09862 / 01747: the capability answers must call the type importable — the answer for the
 * resource the memory is dedicated to (`dedicatedTo`), or any answer for memory dedicated to nothing.
 */
export function supportVerdict(c: Constraints, dedicatedTo: Resource | null): Verdict {
  const v = new Verdict();
  const dev = c.req.dev;
  if (c.supportRule < 0 || dev == null || !handleTypes.isSingleBit(c.req.t)) return v;
  const s = importSupport(dev.physical, c.req.t, dedicatedTo);
  if (s == SUPPORT_NO) v.fail(c.supportRule, SUPPORT_REFUSED);
  else if (s == SUPPORT_UNKNOWN) v.unknown(c.supportRule, SUPPORT_UNASKED, reasons.R_NO_SUPPORT_QUERY);
  return v;
}
