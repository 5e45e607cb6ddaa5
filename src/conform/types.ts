// The conformance engine's vocabulary: assertions (one per requirement and case), their outcomes, and
// the report a run produces. A driver is judged against what the specification requires of it, never
// against a model made from the same driver's answers.

// The five classes of assertions (in report order) and the outcomes are the core's codes, named in
// generated/contract.ts. Outcomes: pass: the driver did what the spec requires. deviation: the spec
// requires X for this valid usage, the driver did Y. hazard: the usage was invalid or the spec is
// silent; what the driver did and why it matters. not-applicable: the device offers nothing this
// assertion can be checked on.
import { CONFORM_CLASSES as CLASSES, OUTCOMES, type ConformClass, type Outcome } from '../generated/contract.js';
export { CLASSES, OUTCOMES, type ConformClass, type Outcome };

export interface Assertion {
  /** Stable across runs: class/requirement/handle type/case (the pinned deviation files list these). */
  id: string;
  class: ConformClass;
  command: string;
  /** The handle type it concerns (short name, e.g. OPAQUE_FD), or "" when none. */
  handleType: string;
  /** What the spec requires, in our words. */
  required: string;
  /** What the driver did (for a pass too: what was seen). */
  observed: string;
  outcome: Outcome;
  /** The requirement's id (assembly/conform/requirements.ts). */
  rule: string;
  /** The spec section or VUID that states it. */
  url: string;
}

export interface DriverInfo {
  name: string;
  /** The driver's own version text (driverInfo, or the decoded driverVersion). */
  version: string;
  apiVersion: string;
  deviceName: string;
  vendorID: number;
  deviceID: number;
  driverID?: string;
  /** The backend that ran it (native on this machine, a mock stand-in, a replayed recording). */
  backend: string;
}

export type Summary = Record<ConformClass, Record<Outcome, number>>;

export interface ConformReport {
  driver: DriverInfo;
  assertions: Assertion[];
  summary: Summary;
  /** Wall time of the run, in milliseconds (absent in a replay). */
  elapsedMs?: number;
}

export function summarize(assertions: readonly Assertion[]): Summary {
  const s = Object.fromEntries(CLASSES.map((c) => [c, Object.fromEntries(OUTCOMES.map((o) => [o, 0]))])) as Summary;
  for (const a of assertions) s[a.class][a.outcome]++;
  return s;
}
