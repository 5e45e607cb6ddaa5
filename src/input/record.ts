// One call, as every reader hands it to the validator.
export interface CallRecord {
  /**
   * `vk` for Vulkan commands, `os` for the OS and D3D operations of scenarios, `data` for a scenario's
   * host write or read through a mapping (name `write` or `read`; run on a backend, skipped on traces).
   */
  kind: 'vk' | 'os' | 'data';
  name: string;
  args: Record<string, unknown>;
  /** What the call returned, as written (`VK_SUCCESS`, a number); undefined when the input does not say. */
  result?: unknown;
  /** The capture's `index`, or the scenario step number (1-based). */
  call: number;
  /** The process the call runs in (scenarios); undefined means the main process. */
  process?: string;
  /** 1-based line of the record in its file. */
  line?: number;
  expect?: { report?: string[]; absent?: string[]; return?: string };
  /**
   * Who wrote the record: 'scenario' for a scenario's step or a call this tool builds, absent for a
   * call read from a capture. See membersMustBeKnown.
   */
  origin?: 'scenario';
}

/**
 * Whether every member of a record must be one the registry knows. Scenarios and OS operations are
 * written for this model, so an unknown member is a mistake to report with its place; a capture's
 * Vulkan call may carry members of a newer header than the model's, which are read past. The one
 * place this is decided.
 */
export function membersMustBeKnown(rec: CallRecord): boolean {
  return rec.kind === 'os' || rec.origin === 'scenario';
}
