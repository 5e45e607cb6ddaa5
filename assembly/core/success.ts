// Whether a call succeeded, one rule per kind of call, from the registry's return types: a VkResult
// or an HRESULT succeeds when it is not negative (VK_INCOMPLETE and S_FALSE are successes), a BOOL
// when it is not FALSE, an int (close, dup) when it is not negative; a void call always does. A call
// whose result the input does not give is taken as written. A failed call changes no state.
import * as g from '../generated/registry';

/** The result word of a record whose input gives no return value. */
export const RESULT_UNKNOWN: i64 = 0x7fffffff;

export function callSucceeded(entry: i32, result: i64): bool {
  if (result == RESULT_UNKNOWN) return true;
  const kind = entry >= 0 && entry < g.ENTRY_COUNT ? unchecked(g.ENTRY_RETURNS[entry]) : g.RET_VOID;
  if (kind == g.RET_BOOL) return result != 0;
  if (kind == g.RET_VKRESULT || kind == g.RET_HRESULT || kind == g.RET_INT) return result >= 0;
  return true;
}
