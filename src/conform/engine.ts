// The conformance engine: derives its cases from the spec (the core's requirements and handle-type
// catalogue) and from what the device says it offers, runs them on the raw driver, observes everything
// (results, outputs, the fate of every fd, the bytes), and judges the driver against what the spec
// requires, each assertion with its citation. Where the usage is invalid or the spec silent, the
// outcome is a hazard, never a deviation.
import { readCatalogue } from '../catalogue.js';
import type { Validator } from '../validator.js';
import { capability } from './capability.js';
import type { EngineContext } from './context.js';
import { errorPath, resultsListed } from './error-path.js';
import { readFacts } from './facts.js';
import { ignoredWhenZero } from './ignored.js';
import { ownership, ownershipAcrossCalls } from './ownership.js';
import { payload } from './payload.js';
import { Requirements } from './requirements.js';
import type { ConformTarget } from './run.js';
import { CORE_FORMATS } from './sweep.js';
import { Tally } from './tally.js';
import { CLASSES, summarize, type ConformClass, type ConformReport } from './types.js';

export interface ConformOptions {
  /** The classes to run (default: all five). */
  classes?: readonly ConformClass[];
  /** The formats of the image sweep (default: every Vulkan 1.0 format). */
  formats?: number[];
  /** A line for the report's driver.backend (how the driver was reached). */
  backendName?: string;
  onProgress?(what: string, done: number, total: number): void;
}

export function runConformance(v: Validator, target: ConformTarget, o: ConformOptions = {}): ConformReport {
  const started = Date.now();
  const classes = new Set(o.classes ?? CLASSES);
  const req = new Requirements(v.core);
  const facts = readFacts(target, readCatalogue(), o.backendName ?? 'native');
  const ctx: EngineContext = {
    v, req, target, facts, calls: [], runs: [], tally: new Tally(req), formats: o.formats ?? CORE_FORMATS,
    progress: (what, done, total) => o.onProgress?.(what, done, total),
  };
  // The capability sweep also asks the image queries with handle type 0 that ignored-when-zero compares.
  if (classes.has('capability') || classes.has('ignored-when-zero')) capability(ctx);
  if (classes.has('ignored-when-zero')) ignoredWhenZero(ctx);
  if (classes.has('ownership')) ownership(ctx);
  if (classes.has('payload')) payload(ctx);
  if (classes.has('error-path')) errorPath(ctx);
  // Judged over every call the cases above made.
  if (classes.has('ownership')) ownershipAcrossCalls(ctx);
  if (classes.has('error-path')) resultsListed(ctx);
  const order = (c: ConformClass) => CLASSES.indexOf(c);
  const assertions = ctx.tally.assertions().filter((a) => classes.has(a.class)).sort((a, b) => order(a.class) - order(b.class) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { driver: facts.driver, assertions, summary: summarize(assertions), elapsedMs: Date.now() - started };
}
