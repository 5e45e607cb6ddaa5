// Imports naming a handle the input shows cannot work any more: closed in this process, another
// process's, a KMT handle that outlived its memory, an fd the driver already took. The import's source
// verdict (rules/import/source.ts) picks the rule; allocate-import.ts reports it. The mistakes of the OS
// calls themselves (closing twice, leaks at process exit) are checked with those calls, in os.ts.
import { defRule } from '../core/catalogue';

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
