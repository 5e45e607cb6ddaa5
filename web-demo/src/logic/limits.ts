// What the explorer accepts from a file the user drops or picks. The library's own limits apply after
// these (LIMITS in src/core/limits.ts); the explorer's are lower because everything runs on the page's
// main thread.
import { LIMITS } from '../../../src/core/limits.js';

export const EXPLORER_LIMITS = {
  /** A scenario or a gfxreconstruct capture (JSON Lines) dropped on the playground. */
  scenarioBytes: 8 * 1024 * 1024,
  /** A device profile file. */
  profileBytes: LIMITS.profileBytes,
} as const;
