// Input limits, enforced with errors that name the limit.
export const LIMITS = {
  /** Structures in one call (parameter blocks, nested structures, pNext entries, array elements). */
  nodesPerCall: 1024,
  /** Length of one pNext chain. */
  pNextDepth: 256,
  /** Nesting of structures inside structures. */
  structDepth: 16,
  /**
   * Nesting of JSON objects and arrays in a scenario file. The longest pNext chain and the deepest
   * structures the limits above allow nest a few hundred levels; deeper text is refused before
   * anything walks it (a walk 50 000 levels deep overflows the stack).
   */
  nestingDepth: 1024,
  /** Bytes of one input line (a capture line or a scenario file is read whole). */
  lineBytes: 16 * 1024 * 1024,
  /** Bytes of a scenario file. */
  scenarioBytes: 64 * 1024 * 1024,
  /** Bytes of a device profile file (a measured profile is a few hundred kilobytes at most). */
  profileBytes: 4 * 1024 * 1024,
  /** Steps of one scenario (a capture is streamed and has no such limit). */
  callsPerScenario: 100_000,
  /** Processes one scenario runs (steps' "process", DuplicateHandle targets). */
  processesPerScenario: 64,
  /** Names bound at once in one scenario run: Vulkan objects, D3D objects, NT and KMT handles, fds. */
  handlesPerScenario: 100_000,
};
