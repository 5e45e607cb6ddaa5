// What the explorer accepts from a file the user drops or picks. The library's own limits apply after
// these (LIMITS in src/core/limits.ts); the explorer's are lower because everything runs on the page's
// main thread.
import { LIMITS } from '../../../src/core/limits.js';

export const EXPLORER_LIMITS = {
  /** A scenario or a gfxreconstruct capture (JSON Lines) dropped on the playground. */
  scenarioBytes: 8 * 1024 * 1024,
  /** A device profile file. */
  profileBytes: LIMITS.profileBytes,
  /**
   * Characters of the address part (#/play?…) a link to pasted text may take, compressed (url-state.ts):
   * the library's largest scenario, 24 KB, takes about 4,000. Browsers take far longer addresses, but
   * mail and chat tools cut them.
   */
  linkChars: 32_000,
  /** Bytes a link's compressed state may inflate to (more is refused unread): as much as a scenario may hold. */
  linkStateBytes: 8 * 1024 * 1024,
} as const;
