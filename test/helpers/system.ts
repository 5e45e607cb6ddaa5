// Tests that need a system component (a Vulkan driver, gfxreconstruct, ../shared) skip with a visible
// reason on a user's machine, but must run in CI: there a missing component fails the test instead.
import { it } from 'vitest';

export const inCI = !!process.env.CI;

/** `it` that skips with `reason` when `available` is false, except in CI where it fails. */
export function itNeeds(available: boolean, reason: string) {
  if (available || inCI) {
    return (name: string, fn: () => unknown, timeout?: number) =>
      it(name, async () => {
        if (!available) throw new Error(`required in CI but missing: ${reason}`);
        await fn();
      }, timeout);
  }
  return (name: string, fn: () => unknown, timeout?: number) => it.skip(`${name} [skipped: ${reason}]`, fn, timeout);
}
