// Handle lifecycles: what the OS does with handles and fds over time, and the mistakes that only show
// across calls (closing twice, using a closed handle or another process's handle, a KMT handle that
// outlived its memory, an fd closed after the driver took it, handles left open at process exit).
// Where the spec has a VUID for the call that goes wrong, the finding carries it; OS-level mistakes the
// spec does not cover carry a named rule of ours (VKX-…).
import * as registry from '../generated/registry';
import { defRule } from '../core/catalogue';
import { report, op } from '../core/findings';
import { O_OSHANDLE, O_CALL, O_PROCESS, O_FD, SEV_WARNING } from '../generated/contract';
import { get, recProcess } from '../core/record';
import { processHandles, processFds, processKey, kmtHandles, closedHandles, closedFds, takenFds, handleOwner } from '../state/world';
import { exitingProcess } from './os';

// Imports naming a handle that the input shows cannot work any more (the import's source verdict,
// rules/import/source.ts, picks the rule; allocate-import.ts reports it).
const W32 = 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661';
const NV = 'VUID-VkImportMemoryWin32HandleInfoNV-handle-01328';
export const W32_CLOSED = defRule(W32, 'handle {handle} was closed in this process at call {closedAt}; a closed value is no longer a memory handle, so nothing can be imported through it', 'handle closedAt');
export const W32_OTHER = defRule(W32, 'handle {handle} is not in this process\'s handle table: the value belongs to process {owner}. NT handles are per process; DuplicateHandle it into this process first', 'handle owner');
export const W32_DEAD = defRule(W32, 'global share (KMT) handle {handle} names memory that was freed at call {freedAt}; a KMT handle holds no reference, so it stops being valid when the last memory object or NT handle goes', 'handle freedAt');
export const NV_CLOSED = defRule(NV, 'handle {handle} was closed in this process at call {closedAt}; a closed value is no longer a memory handle, so nothing can be imported through it', 'handle closedAt');
export const NV_OTHER = defRule(NV, 'handle {handle} is not in this process\'s handle table: the value belongs to process {owner}. NT handles are per process; DuplicateHandle it into this process first', 'handle owner');
export const NV_DEAD = defRule(NV, 'global share (KMT) handle {handle} names memory that was freed at call {freedAt}; a KMT handle holds no reference', 'handle freedAt');
export const FD_CLOSED = defRule('VUID-VkImportMemoryFdInfoKHR-handleType-00670', 'fd {fd} was closed at call {closedAt}; a closed fd names no memory', 'fd closedAt');
export const FD_TAKEN = defRule('VUID-VkImportMemoryFdInfoKHR-handleType-00670', 'fd {fd} was handed to the driver by the successful import at call {importedAt}; the application no longer owns it and cannot import it again (dup it before the first import to import twice)', 'fd importedAt');

// OS-level mistakes (no VUID: the Win32 and POSIX contracts).
const NT_CLOSED_TWICE = defRule('VKX-nt-handle-closed-twice', 'CloseHandle({handle}): this process already closed that handle at call {closedAt}. A second close fails, or worse, closes whatever object the value names by then', 'handle closedAt');
const NT_USED_AFTER_CLOSE = defRule('VKX-nt-handle-used-after-close', '{handle} was closed in this process at call {closedAt}; it cannot be duplicated any more', 'handle closedAt');
const NT_OTHER_PROCESS = defRule('VKX-nt-handle-of-other-process', '{handle} is not a handle of this process: the value lives in the table of process {owner}. A handle value means nothing outside its process', 'handle owner');
const KMT_CLOSED = defRule('VKX-kmt-handle-closed', 'CloseHandle({handle}): that is a global share (KMT) handle, made at call {madeAt}. KMT handles are not NT handles: they hold no reference and are never closed', 'handle madeAt');
const NT_LEAKED = defRule('VKX-nt-handle-leaked', 'NT handle {handle}, made at call {madeAt}, was still open when process {process} ended; it kept its memory alive until then. A Win32 import does not take the handle: close it once the import is done', 'handle madeAt process');
const FD_LEAKED = defRule('VKX-fd-leaked', 'fd {fd}, made at call {madeAt}, was neither imported nor closed when process {process} ended', 'fd madeAt process');
const FD_CLOSED_AFTER_IMPORT = defRule('VKX-fd-closed-after-import', 'close({fd}): the successful import at call {importedAt} handed this fd to the driver; the application no longer owns it and must not close it', 'fd importedAt');
const FD_CLOSED_TWICE = defRule('VKX-fd-closed-twice', 'close({fd}): this fd was already closed at call {closedAt}', 'fd closedAt');

/** Checks an OS call against the handle tables before it is applied. */
export function checkLifecycle(cmd: i32): void {
  const process = recProcess();
  if (cmd == registry.C_CloseHandle) {
    const value = get(0, registry.M_CloseHandle_hObject);
    if (processHandles.has(processKey(process, value))) return;
    if (kmtHandles.has(<i32>value)) { report(KMT_CLOSED, 0, registry.M_CloseHandle_hObject, SEV_WARNING); op(O_OSHANDLE, value); op(O_CALL, kmtHandles.get(<i32>value).madeAt); return; }
    notHeld(process, value, 0, registry.M_CloseHandle_hObject, NT_CLOSED_TWICE);
  } else if (cmd == registry.C_DuplicateHandle) {
    const src = <i32>get(0, registry.M_DuplicateHandle_hSourceProcessHandle);
    const srcProcess = src != 0 ? src : process;
    const value = get(0, registry.M_DuplicateHandle_hSourceHandle);
    if (!processHandles.has(processKey(srcProcess, value))) notHeld(srcProcess, value, 0, registry.M_DuplicateHandle_hSourceHandle, NT_USED_AFTER_CLOSE);
  } else if (cmd == registry.C_close) {
    const fd = get(0, registry.M_close_fd);
    const k = processKey(process, fd);
    if (processFds.has(k)) return;
    if (takenFds.has(k)) { report(FD_CLOSED_AFTER_IMPORT, 0, registry.M_close_fd); op(O_FD, fd); op(O_CALL, takenFds.get(k)); }
    else if (closedFds.has(k)) { report(FD_CLOSED_TWICE, 0, registry.M_close_fd); op(O_FD, fd); op(O_CALL, closedFds.get(k)); }
  } else if (cmd == registry.C_ExitProcess) {
    reportLeaks(exitingProcess());
  }
}

/** A handle value this process does not hold: closed before, or another process's. */
function notHeld(process: i32, value: i64, node: i32, slot: i32, closedRule: i32): void {
  const k = processKey(process, value);
  if (closedHandles.has(k)) { report(closedRule, node, slot); op(O_OSHANDLE, value); op(O_CALL, closedHandles.get(k)); return; }
  const v = <i32>value;
  if (handleOwner.has(v) && handleOwner.get(v) != process) { report(NT_OTHER_PROCESS, node, slot); op(O_OSHANDLE, value); op(O_PROCESS, handleOwner.get(v)); }
}

function reportLeaks(process: i32): void {
  const keys = processHandles.keys();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (<i32>(k >> 32) != process) continue;
    report(NT_LEAKED, 0, registry.M_ExitProcess_process, SEV_WARNING);
    op(O_OSHANDLE, k & 0xffffffff); op(O_CALL, processHandles.get(k).madeAt); op(O_PROCESS, process);
  }
  const fds = processFds.keys();
  for (let i = 0; i < fds.length; i++) {
    const k = fds[i];
    if (<i32>(k >> 32) != process) continue;
    report(FD_LEAKED, 0, registry.M_ExitProcess_process, SEV_WARNING);
    op(O_FD, k & 0xffffffff); op(O_CALL, processFds.get(k).madeAt); op(O_PROCESS, process);
  }
}
