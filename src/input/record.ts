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
}
