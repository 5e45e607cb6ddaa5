// What every class of the engine works with: the model (validator and requirements), the driver under
// test, what the device offers, the calls made so far, and where judged observations go.
import type { CallRecord } from '../input/record.js';
import type { Validator } from '../validator.js';
import type { DeviceFacts, TypeFacts } from './facts.js';
import type { Requirements } from './requirements.js';
import type { CallSeen, CaseRun, ConformTarget } from './run.js';
import type { Tally } from './tally.js';
import * as steps from './steps.js';

export interface EngineContext {
  v: Validator;
  req: Requirements;
  target: ConformTarget;
  facts: DeviceFacts;
  /** Every call every case made (the error-path class reads them). */
  calls: CallSeen[];
  /** Every case run so far (judgments across calls read their steps). */
  runs: CaseRun[];
  tally: Tally;
  /** The formats the image sweep asks about. */
  formats: number[];
  progress(what: string, done: number, total: number): void;
}

/**
 * Whether a physical-device query is valid usage on this device: the model's findings on it, and the
 * extension that adds its handle type, which the device must offer (the core does not track which
 * extensions a physical device offers, so that part is read from the device's extension list here).
 */
export function queryValidity(ctx: EngineContext, query: CallRecord, type?: TypeFacts): { valid: boolean; why?: string } {
  if (type && !type.offered) return { valid: false, why: `${type.short} comes with ${type.extension}, which this device does not offer` };
  const v = ctx.v;
  v.reset();
  const records = [steps.createInstance(0x401000), steps.enumeratePhysicalDevices(), query];
  let findings: ReturnType<Validator['check']> = [];
  records.forEach((r, i) => { findings = v.check({ ...r, call: i + 1, result: r.name === 'vkCreateInstance' || r.name === 'vkEnumeratePhysicalDevices' ? 'VK_SUCCESS' : undefined }); });
  const bad = findings.find((f) => f.severity === 'error' || f.severity === 'undecidable');
  return bad ? { valid: false, why: `${bad.vuid}: ${bad.message}` } : { valid: true };
}
