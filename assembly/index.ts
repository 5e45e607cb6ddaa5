// The vk-extmem core: exports for the TypeScript host. No exceptions cross this boundary; every
// function returns a value, and bad input is refused in TypeScript before it gets here.
import * as world from './state/world';
import { input } from './core/record';
import { output } from './core/findings';
import { CONTRACT_DIGEST } from './generated/contract';
import { processRecord } from './core/dispatch';
import { describeRecord as describeCall, described } from './core/describe';
import * as cat from './core/catalogue';
import { resetWorld } from './state/world';
import { resetSupport } from './rules/support';

/** The contract this core was built from (generated/contract.ts); TypeScript refuses another. */
export function contractDigest(): u32 { return CONTRACT_DIGEST; }
export function inputAddress(): usize { return changetype<usize>(input); }
export function outputAddress(): usize { return changetype<usize>(output); }

/** Checks and applies the record in the input buffer; returns the number of findings in the output buffer. */
export function validateRecord(): i32 { return processRecord(true); }
/** Only checks the record (nothing is applied): the session asks this before a backend runs the call. */
export function checkRecord(): i32 { return processRecord(false); }

/**
 * Describes the record in the input buffer for a backend (core/describe.ts): what the call asks, read
 * from the record's one decoding; returns the item count, the items at describeOutputAddress(). Only a
 * session with a backend asks; checking a record never does.
 */
export function describeRecord(): i32 { return describeCall(); }
export function describeOutputAddress(): usize { return changetype<usize>(described); }

/** Forgets all state: a new trace or scenario starts. */
export function reset(): void { resetWorld(); resetSupport(); }
/** The input is the whole world (a session ran every call): a value no call made is known not to exist. */
export function setClosedWorld(on: bool): void { world.setClosedWorld(on); }

export function ruleCount(): i32 { return cat.ruleCount(); }
export function ruleVuid(i: i32): string { return cat.ruleVuid(i); }
export function ruleTemplate(i: i32): string { return cat.ruleTemplate(i); }
export function ruleOperands(i: i32): string { return cat.ruleOperands(i); }
export function ruleUndecidableByDesign(i: i32): bool { return cat.ruleIsUndecidableByDesign(i); }
export function reasonCount(): i32 { return cat.reasonCount(); }
export function reasonText(i: i32): string { return cat.reasonText(i); }
export function reasonOperands(i: i32): string { return cat.reasonOperands(i); }

// Import resolution (assembly/resolve): what an import must use, and why. Entries are read from
// resolveOutputAddress(), in the contract's layout (RESOLVE_ENTRY_WORDS 64-bit words each).
export { resolveImport } from './resolve/resolve';
export function resolveOutputAddress(): usize { return changetype<usize>(resolveOutput.resolveOut); }
import * as resolveOutput from './resolve/output';

// Conformance (assembly/conform): what the spec requires of a driver, and judging an observation.
import * as conformRequirements from './conform/requirements';
export function requirementCount(): i32 { return conformRequirements.requirementCount(); }
export function requirementId(i: i32): string { return conformRequirements.requirementAt(i).id; }
export function requirementClass(i: i32): u8 { return conformRequirements.requirementAt(i).klass; }
export function requirementCommand(i: i32): string { return conformRequirements.requirementAt(i).command; }
export function requirementAnchor(i: i32): string { return conformRequirements.requirementAt(i).anchor; }
export function requirementText(i: i32): string { return conformRequirements.requirementAt(i).text; }
export function requirementMandated(i: i32): bool { return conformRequirements.requirementAt(i).strength == conformRequirements.MANDATED; }
export { judge as judgeRequirement } from './conform/judge';
