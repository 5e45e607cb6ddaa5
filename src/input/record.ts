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
  /** 'capture' for a call read from a capture (see membersMustBeKnown); absent for every other record. */
  origin?: 'capture';
}

/**
 * Whether every member of a record must be one the registry knows. Scenarios, the explorer's forms,
 * the resolver's and conformance engine's calls and OS operations are written for this model, so an
 * unknown member is a mistake to report with its place; only a capture's Vulkan call may carry members
 * of a newer header than the model's, which are read past. Strict unless the capture reader says
 * otherwise, so a record built anywhere else can never be read leniently by omission. The one place
 * this is decided.
 */
export function membersMustBeKnown(rec: CallRecord): boolean {
  return rec.kind === 'os' || rec.origin !== 'capture';
}
