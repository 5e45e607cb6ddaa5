// Small helpers every rule family uses to find the objects a record names.
import { callSucceeded } from '../core/success';
import { get, has, recEntry } from '../core/record';
import { Device, Memory, Resource } from '../state/objects';
import { devices, memories, resources } from '../state/world';

export function deviceAt(n: i32, slot: i32): Device | null {
  const id = <i32>get(n, slot);
  return devices.has(id) ? devices.get(id) : null;
}
export function memoryAt(n: i32, slot: i32): Memory | null {
  const id = <i32>get(n, slot);
  return memories.has(id) ? memories.get(id) : null;
}
export function resourceAt(n: i32, slot: i32): Resource | null {
  const id = <i32>get(n, slot);
  return resources.has(id) ? resources.get(id) : null;
}
/** A member's value, or `fallback` when the input did not give it. */
export function getOr(n: i32, slot: i32, fallback: i64): i64 { return n >= 0 && has(n, slot) ? get(n, slot) : fallback; }

/** The current call succeeded, by its own kind of return value (core/success.ts), or the input does not say. */
export function succeeded(result: i64): bool { return callSucceeded(recEntry(), result); }
export const VK_API_1_1: u32 = (1 << 22) | (1 << 12);
