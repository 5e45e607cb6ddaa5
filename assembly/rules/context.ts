// What several rule families ask of the current call: whether it succeeded, and the API version from
// which the dedicated-allocation rules of Vulkan 1.1 apply.
import { callSucceeded } from '../core/success';
import { recEntry } from '../core/record';

/** The current call succeeded, by its own kind of return value (core/success.ts), or the input does not say. */
export function succeeded(result: i64): bool { return callSucceeded(recEntry(), result); }
export const VK_API_1_1: u32 = (1 << 22) | (1 << 12);
