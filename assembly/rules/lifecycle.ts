// Imports naming a handle the input shows cannot work any more: closed in this process, another
// process's, a KMT handle that outlived its memory, an fd the driver already took. The mistakes of the
// OS calls themselves (closing twice, leaks at process exit) are checked with those calls, in os.ts.
import { defRule } from '../core/catalogue';
import { report, op } from '../core/findings';
import { O_OSHANDLE, O_CALL, O_PROCESS, O_FD } from '../generated/contract';
import { ImportSource, SRC_CLOSED, SRC_OTHER_PROCESS, SRC_PAYLOAD_DEAD, SRC_TAKEN } from './import-source';

// Imports naming a handle that the input shows cannot work any more.
const W32 = 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661';
const NV = 'VUID-VkImportMemoryWin32HandleInfoNV-handle-01328';
const W32_CLOSED = defRule(W32, 'handle {handle} was closed in this process at call {closedAt}; a closed value is no longer a memory handle, so nothing can be imported through it', 'handle closedAt');
const W32_OTHER = defRule(W32, 'handle {handle} is not in this process\'s handle table: the value belongs to process {owner}. NT handles are per process; DuplicateHandle it into this process first', 'handle owner');
const W32_DEAD = defRule(W32, 'global share (KMT) handle {handle} names memory that was freed at call {freedAt}; a KMT handle holds no reference, so it stops being valid when the last memory object or NT handle goes', 'handle freedAt');
const NV_CLOSED = defRule(NV, 'handle {handle} was closed in this process at call {closedAt}; a closed value is no longer a memory handle, so nothing can be imported through it', 'handle closedAt');
const NV_OTHER = defRule(NV, 'handle {handle} is not in this process\'s handle table: the value belongs to process {owner}. NT handles are per process; DuplicateHandle it into this process first', 'handle owner');
const NV_DEAD = defRule(NV, 'global share (KMT) handle {handle} names memory that was freed at call {freedAt}; a KMT handle holds no reference', 'handle freedAt');
const FD_CLOSED = defRule('VUID-VkImportMemoryFdInfoKHR-handleType-00670', 'fd {fd} was closed at call {closedAt}; a closed fd names no memory', 'fd closedAt');
const FD_TAKEN = defRule('VUID-VkImportMemoryFdInfoKHR-handleType-00670', 'fd {fd} was handed to the driver by the successful import at call {importedAt}; the application no longer owns it and cannot import it again (dup it before the first import to import twice)', 'fd importedAt');

export const FAMILY_W32: i32 = 0;
export const FAMILY_NV: i32 = 1;
export const FAMILY_FD: i32 = 2;

/** Reports an import whose handle the input shows to be closed, foreign, dead or taken. */
export function reportGone(family: i32, src: ImportSource, node: i32, slot: i32, value: i64): void {
  let rule = -1;
  if (family == FAMILY_FD) rule = src.state == SRC_TAKEN ? FD_TAKEN : (src.state == SRC_CLOSED ? FD_CLOSED : -1);
  else if (src.state == SRC_CLOSED) rule = family == FAMILY_NV ? NV_CLOSED : W32_CLOSED;
  else if (src.state == SRC_OTHER_PROCESS) rule = family == FAMILY_NV ? NV_OTHER : W32_OTHER;
  else if (src.state == SRC_PAYLOAD_DEAD) rule = family == FAMILY_NV ? NV_DEAD : W32_DEAD;
  if (rule < 0) return;
  report(rule, node, slot);
  op(family == FAMILY_FD ? O_FD : O_OSHANDLE, value);
  op(src.state == SRC_OTHER_PROCESS ? O_PROCESS : O_CALL, src.since);
}
