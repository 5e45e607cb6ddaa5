// The platform-neutral part of the public API: everything that needs no file system or network.
// src/index.ts (Node) and src/browser.ts add how the Wasm module is loaded.
import { Validator } from './validator.js';
import { readCatalogue, type HandleTypeInfo } from './catalogue.js';

export { Validator } from './validator.js';
export { InputError } from './core/errors.js';
export { LIMITS } from './core/limits.js';
export type { CallRecord } from './input/record.js';
export type { Finding, Severity, Report, FileResult, Summary, ExpectationResult } from './report/types.js';
export type { HandleTypeInfo } from './catalogue.js';
export { formatReport, type OutputFormat } from './report/index.js';
export { summarize } from './report/summary.js';
export { verdictOf, type Verdict } from './report/verdict.js';
export { validateCaptureStream, validateScenarioText, looksLikeCapture, type ValidateOptions } from './validate.js';
export { parseScenario } from './input/scenario.js';
export { parseCaptureLine } from './input/gfxrecon.js';
// Running scenarios: the session (core → backend → core), the mock backend and device profiles.
export { Session, type StepOutcome, type TimelineEvent, type SessionOptions } from './session/session.js';
export { runScenario, type ScenarioRun, type RunOptions } from './session/run-scenario.js';
export { unsupportedReason } from './session/support.js';
export { NotSupported } from './session/placeholders.js';
export { createMockBackend, MockBackend, type MockOptions } from './backends/mock/index.js';
export type * from './backends/types.js';
export { builtinProfiles, builtinProfileNames } from './profiles/builtin.js';
export { loadProfile } from './profiles/load.js';
export { provenanceLine, isIllustrative } from './profiles/describe.js';
export type { DeviceProfile, NormalizedProfile, Provenance } from './profiles/types.js';
export { formatRunText, formatRunsJUnit } from './report/timeline.js';
// Import resolution: from a validator's state, or from a described situation built on the mock.
export { resolveImport, formatResolution, type ImportQuery, type Resolution, type Why } from './resolve/index.js';
export { resolveRequest, checkRequest, type ResolveRequest, type ResolveResult } from './resolve/request.js';

let compiled: WebAssembly.Module | undefined;

/** Hands the API a compiled core module (the platform entry points do this in `init`). */
export function setCoreModule(module: WebAssembly.Module): void {
  compiled = module;
}

function coreModule(): WebAssembly.Module {
  if (!compiled) throw new Error('vk-extmem is not initialised: call and await init() first');
  return compiled;
}

/** A fresh validator with its own state. */
export async function createValidator(): Promise<Validator> {
  return Validator.fromModule(coreModule());
}

/** The handle-type catalogue (KHR and NV): generated data, the same the core is built from; needs no core. */
export async function handleTypes(): Promise<HandleTypeInfo[]> {
  return readCatalogue();
}

/** The entry points' `createValidator` (after the platform's `init`) and `handleTypes`. */
export function withInit(init: () => Promise<void>) {
  return {
    createValidator: async (): Promise<Validator> => { await init(); return createValidator(); },
    handleTypes,
  };
}
