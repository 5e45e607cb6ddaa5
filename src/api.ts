// The platform-neutral part of the public API: everything that needs no file system or network.
// src/index.ts (Node) and src/browser.ts add how the Wasm module is loaded.

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

// The compiled core the API hands out lives in core/module.ts, which the explorer's shell imports on its
// own (without the rest of this index).
export { setCoreModule, createValidator, handleTypes, withInit } from './core/module.js';
