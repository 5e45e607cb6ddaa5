// Whether a call succeeded, one rule per kind of call: the return kind of each entry comes from the
// registry (ENTRY_RETURNS), the predicate of each return kind from the contract (RETURN_SUCCESS), the
// same table src/core/success.ts reads. A VkResult, an HRESULT or an int (close, dup) succeeds when it
// is not negative (VK_INCOMPLETE and S_FALSE are successes), a BOOL when it is not FALSE; a void call
// always does. A call whose result the input does not give is taken as written. A failed call changes
// no state.
import * as registry from '../generated/registry';
import { RESULT_UNKNOWN, RET_VOID, RETURN_SUCCESS, SUCCESS_NOT_NEGATIVE, SUCCESS_NOT_ZERO } from '../generated/contract';

export function callSucceeded(entry: i32, result: i64): bool {
  if (result == RESULT_UNKNOWN) return true;
  const kind = entry >= 0 && entry < registry.ENTRY_COUNT ? unchecked(registry.ENTRY_RETURNS[entry]) : RET_VOID;
  const predicate = unchecked(RETURN_SUCCESS[kind]);
  if (predicate == SUCCESS_NOT_ZERO) return result != 0;
  if (predicate == SUCCESS_NOT_NEGATIVE) return result >= 0;
  return true;
}
