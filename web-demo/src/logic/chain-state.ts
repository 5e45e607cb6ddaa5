// What the chain builder shows, as plain JSON: it travels in the URL (`#/chain?s=…`), and the import
// resolver and the playground open the builder by writing one.
import type { ResolveRequest } from '../../../src/resolve/request.js';

/** The calls the chain builder can build. */
export const CHAIN_COMMANDS = [
  'vkAllocateMemory',
  'vkGetMemoryWin32HandleKHR',
  'vkGetMemoryWin32HandlePropertiesKHR',
  'vkGetMemoryWin32HandleNV',
  'vkGetMemoryFdKHR',
  'vkCreateImage',
  'vkCreateBuffer',
] as const;
export type ChainCommand = (typeof CHAIN_COMMANDS)[number];

export interface ChainState {
  /** Format version of this object (links must keep working). */
  v: 1;
  /** The device profile (a built-in name, or a profile loaded from a file in this page). */
  profile: string;
  command: ChainCommand;
  /**
   * The world the call runs in, as the import resolver describes one: the source of an import (null: a
   * fresh device with nothing exported), and whether the call is made in a second process.
   */
  source: ResolveRequest['source'] | null;
  process?: 'same' | 'other';
  /** The call's arguments in scenario-step form (members by name, pNext chains as nested objects). */
  args: Record<string, unknown>;
}
