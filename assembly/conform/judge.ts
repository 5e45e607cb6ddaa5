// Judging what a driver did against what the specification requires of it. The conformance engine
// (src/conform) runs a case on a driver, observes everything, and hands each observation here as
// numbers; the outcome follows from the requirement's predicate, its strength, and whether the model
// found the call valid usage. TypeScript decides nothing about the spec: it only says what it saw.
import * as registry from '../generated/registry';
import * as requirements from './requirements';
import { DEDICATED_ONLY_TYPES } from '../catalogue/handle-types';
import { OUTCOME_PASS, OUTCOME_DEVIATION, OUTCOME_HAZARD, OUTCOME_NOT_APPLICABLE } from '../generated/contract';


const HOLDS: i32 = 0;
const VIOLATED: i32 = 1;
const NO_CLAIM: i32 = 2;

const F_DEDICATED_ONLY: i64 = registry.VK_EXTERNAL_MEMORY_FEATURE_DEDICATED_ONLY_BIT;
const F_EXPORTABLE: i64 = registry.VK_EXTERNAL_MEMORY_FEATURE_EXPORTABLE_BIT;
const F_IMPORTABLE: i64 = registry.VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT;

const b = (x: f64): bool => x != 0;
const bits = (x: f64): i64 => <i64>x;

/**
 * The predicate of requirement `req` on the observed numbers a, b, c (their meaning is listed per
 * requirement; TypeScript passes them in that order, see src/conform/judge.ts).
 */
function predicate(req: i32, a: f64, bb: f64, c: f64): i32 {
  switch (req) {
    // a: result, b: externalMemoryFeatures
    case requirements.R_IMAGE_UNSUPPORTED_ERROR: return <i64>a == registry.VK_SUCCESS && bits(bb) == 0 ? VIOLATED : HOLDS;
    // a: result, b: 1 when any VkImageFormatProperties member is nonzero
    case requirements.R_UNSUPPORTED_LIMITS_ZERO: return <i64>a != registry.VK_ERROR_FORMAT_NOT_SUPPORTED ? NO_CLAIM : (b(bb) ? VIOLATED : HOLDS);
    // a: handle type bit, b: features, c: compatibleHandleTypes
    case requirements.R_COMPATIBLE_INCLUDES_SELF:
    case requirements.R_IMAGE_COMPATIBLE_INCLUDES_SELF:
    case requirements.R_NV_COMPATIBLE_INCLUDES_SELF:
      return bits(bb) == 0 ? NO_CLAIM : ((bits(c) & bits(a)) != 0 ? HOLDS : VIOLATED);
    // a: handle type bit, b: features
    case requirements.R_DEDICATED_ONLY_D3D:
      if ((bits(a) & DEDICATED_ONLY_TYPES) == 0 || (bits(bb) & (F_EXPORTABLE | F_IMPORTABLE)) == 0) return NO_CLAIM;
      return (bits(bb) & F_DEDICATED_ONLY) != 0 ? HOLDS : VIOLATED;
    // a: handle type bit, b: features, c: exportFromImportedHandleTypes
    case requirements.R_EXPORT_FROM_SELF:
      if ((bits(bb) & (F_EXPORTABLE | F_IMPORTABLE)) != (F_EXPORTABLE | F_IMPORTABLE)) return NO_CLAIM;
      return (bits(c) & bits(a)) != 0 ? HOLDS : VIOLATED;
    // a: 1 when the external query succeeded, b: 1 when the plain query succeeded, c: 1 when a limit exceeds the plain one
    case requirements.R_EXTERNAL_WITHIN_PLAIN:
      if (!b(a)) return NO_CLAIM;
      return !b(bb) || b(c) ? VIOLATED : HOLDS;
    // a: prefersDedicatedAllocation, b: requiresDedicatedAllocation
    case requirements.R_REQUIRES_IMPLIES_PREFERS: return b(bb) && !b(a) ? VIOLATED : HOLDS;
    // a: requiresDedicatedAllocation, b: 1 when a handle type of the resource was reported DEDICATED_ONLY
    case requirements.R_REQUIRES_ONLY_FOR_DEDICATED_TYPES: return b(a) && !b(bb) ? VIOLATED : HOLDS;
    // a: 1 when a handle type of the resource was reported DEDICATED_ONLY, b: requiresDedicatedAllocation
    case requirements.R_DEDICATED_ONLY_REQUIRES: return !b(a) ? NO_CLAIM : (b(bb) ? HOLDS : VIOLATED);
    // a: the number of differences between the call with the zero-valued structure and without it
    case requirements.R_IMAGE_QUERY_ZERO:
    case requirements.R_NV_QUERY_ZERO:
    case requirements.R_FD_IMPORT_ZERO:
    case requirements.R_HOST_IMPORT_ZERO:
    case requirements.R_WIN32_IMPORT_ZERO:
    case requirements.R_WIN32_NV_IMPORT_ZERO:
    case requirements.R_EXPORT_ZERO:
    case requirements.R_BUFFER_EXTERNAL_ZERO:
    case requirements.R_IMAGE_EXTERNAL_ZERO:
      return b(a) ? VIOLATED : HOLDS;
    // a: result, b: 1 when the fd (handle) is open, c: 1 when it is distinct from every one the application holds
    case requirements.R_EXPORT_NEW_NT_HANDLE:
    case requirements.R_EXPORT_NEW_FD: return <i64>a != registry.VK_SUCCESS ? NO_CLAIM : (b(bb) && b(c) ? HOLDS : VIOLATED);
    // a: result, b: 1 when the fd is still open and the same file
    case requirements.R_FAILED_IMPORT_KEEPS_FD: return <i64>a == registry.VK_SUCCESS ? NO_CLAIM : (b(bb) ? HOLDS : VIOLATED);
    // a: how many other fds of the application were lost during the call
    case requirements.R_CALL_KEEPS_OTHER_FDS: return b(a) ? VIOLATED : HOLDS;
    // a: 1 when the fd (or handle) is still open and the same object
    case requirements.R_PROPERTIES_KEEPS_FD:
    case requirements.R_NT_IMPORT_KEEPS_HANDLE:
      return b(a) ? HOLDS : VIOLATED;
    // a: 1 when the importer read the exporter's bytes, b: 1 when the exporter read the importer's
    case requirements.R_IMPORT_ALIASES:
    case requirements.R_HOST_IMPORT_ALIASES:
      return b(a) && b(bb) ? HOLDS : VIOLATED;
    // a: command (entry id of the generated registry), b: result
    case requirements.R_RESULT_LISTED: return listed(<i32>a, <i32>bb) ? HOLDS : VIOLATED;
    // a: result
    case requirements.R_HOST_IMPORT_FAILURE_CODE: {
      const r = <i64>a;
      if (r == registry.VK_SUCCESS || r == registry.VK_ERROR_OUT_OF_HOST_MEMORY || r == registry.VK_ERROR_OUT_OF_DEVICE_MEMORY) return NO_CLAIM;
      return r == registry.VK_ERROR_INVALID_EXTERNAL_HANDLE ? HOLDS : VIOLATED;
    }
  }
  return NO_CLAIM;
}

/** Whether `result` is one of the codes vk.xml lists for command `entry` (commands returning void list none). */
function listed(entry: i32, result: i32): bool {
  if (entry < 0 || entry >= registry.ENTRY_COUNT) return false;
  const from = unchecked(registry.RESULT_BASE[entry]);
  const to = unchecked(registry.RESULT_BASE[entry + 1]);
  for (let i = from; i < to; i++) if (unchecked(registry.RESULT_CODES[i]) == result) return true;
  return false;
}

/**
 * The outcome of requirement `req` for one observation: pass, deviation (the spec requires it, the
 * call was valid usage, the driver did otherwise), hazard (the call was invalid usage, or the spec does
 * not require it), or not applicable (the observation makes no claim the requirement speaks to).
 */
export function judge(req: i32, valid: bool, a: f64, bb: f64, c: f64): i32 {
  if (req < 0 || req >= requirements.requirementCount()) return OUTCOME_NOT_APPLICABLE;
  const p = predicate(req, a, bb, c);
  if (p == NO_CLAIM) return OUTCOME_NOT_APPLICABLE;
  if (p == HOLDS) return OUTCOME_PASS;
  return valid && requirements.requirementAt(req).strength == requirements.MANDATED ? OUTCOME_DEVIATION : OUTCOME_HAZARD;
}
