// The shapes every reporter consumes. Findings come out of the Wasm core as codes and operands;
// src/core turns them into these plain objects, and nothing downstream looks at the core again.

// How bad a finding is: the core's severities (generated/contract.ts). `undecidable` means the input
// does not show what the rule needs.
import type { Severity } from '../generated/contract.js';
export type { Severity };

export interface Finding {
  /** The VUID (e.g. `VUID-VkMemoryAllocateInfo-allocationSize-01743`) or one of our named rules (`VKX-…`). */
  vuid: string;
  severity: Severity;
  /** The record's `index` in a gfxreconstruct capture, or the 1-based step number in a scenario. */
  call: number;
  /** The command or scenario operation the finding is about, e.g. `vkAllocateMemory`, `CloseHandle`. */
  command: string;
  /** Member path, e.g. `pAllocateInfo.pNext[VkImportMemoryWin32HandleInfoKHR].name`; empty for the call as a whole. */
  path: string;
  /** Our own words, with the actual values. */
  message: string;
  /** Link to the VUID in the Vulkan specification (empty for our own named rules without one). */
  url: string;
  /** Where the record came from: input file and 1-based line. */
  file?: string;
  line?: number;
  /**
   * The earlier call this finding follows from: the object the member names was to be made by that
   * call, which failed (or was refused), so the finding is a consequence of it, not a new mistake.
   */
  after?: number;
  /** The query id of the scenario step it was found at (`misuse/x:13`), when the input is a library scenario. */
  query?: string;
  /**
   * Only on the note that closes a call whose findings did not all fit the core's buffer: how many more
   * findings the call drew than were recorded (the note's rule is VKX-findings-not-recorded).
   */
  notRecorded?: number;
}

/** One `expect` entry of a scenario step, after the run. */
export interface ExpectationResult {
  file: string;
  call: number;
  line?: number;
  vuid: string;
  /**
   * `report`: the VUID must be reported at this call; `absent`: it must not be; `return`: the backend
   * must return this value (vuid holds it); `data`: a read through a mapping must see these bytes.
   */
  kind: 'report' | 'absent' | 'return' | 'data';
  passed: boolean;
  /** Why it failed (or what matched). */
  detail: string;
  /** The query id of its step, when the input is a library scenario. */
  query?: string;
}

export interface FileResult {
  file: string;
  /** The query id of the scenario, when the file is one of the library. */
  query?: string;
  /** Number of call records validated. */
  calls: number;
  findings: Finding[];
  expectations: ExpectationResult[];
}

export interface Summary {
  files: number;
  calls: number;
  errors: number;
  warnings: number;
  infos: number;
  undecidable: number;
  expectationsPassed: number;
  expectationsFailed: number;
  /** Findings calls drew beyond what the core records per call (each such call ends with a note); absent when none. */
  notRecorded?: number;
}

export interface Report {
  files: FileResult[];
  summary: Summary;
}
