// One path for every call: check the record against the rules with the current state, then apply it.
// Which rules judge a call and which module takes in what it did come from the one table of calls
// (scripts/registry/calls.mjs, generated into ../generated/calls).
import * as registry from '../generated/registry';
import * as calls from '../generated/calls';
import { recEntry, recResult, get } from './record';
import { buildChainIndex } from './chain-index';
import { clearFindings, closeFindings } from './findings';
import { checkImplicit } from '../generated/implicit-checks';
import { applyInstance } from '../rules/instance';
import { checkCreate, applyResources } from '../rules/resources';
import { checkQuery, applyQuery } from '../rules/queries';
import { checkAllocate, applyAllocate, handOverImportedFd, applyFreeMemory } from '../rules/allocate';
import { ImportFacts } from '../rules/allocate-import';
import { checkExport, applyExport } from '../rules/export';
import { checkProperties, applyProperties } from '../rules/properties';
import { checkBind } from '../rules/bind';
import { checkSubmit } from '../rules/keyed-mutex';
import { checkOsCall, applyModelCall, closeSourceOnFailure } from '../rules/os';

import { callSucceeded } from './success';
import { applyOutputs } from '../rules/outputs';
import { devices } from '../state/world';

/** What the allocate check learned of the import, for the apply of the same record. */
let allocation: ImportFacts | null = null;

/**
 * Judges the record in the input buffer; with `apply`, the state then takes in what the call did.
 * The session checks a call before a backend runs it (apply = false), then applies it with the
 * backend's outputs filled in; traces do both at once. Check, then apply: a failed call changes
 * nothing but what its row's onFailure says.
 */
export function processRecord(apply: bool): i32 {
  buildChainIndex(); // the one read of the record's structure: every lookup below uses it
  clearFindings();
  const cmd = recEntry();
  const result = recResult();
  checkImplicit();
  checkCall(cmd);
  if (!apply) return closeFindings();
  if (!callSucceeded(cmd, result)) {
    applyFailure(cmd, result);
    return closeFindings();
  }
  applyOutputs(cmd);
  applyCall(cmd, result);
  return closeFindings();
}

function checkCall(cmd: i32): void {
  switch (unchecked(calls.CALL_CHECK[cmd])) {
    case calls.CHECK_CREATE: checkCreate(cmd); break;
    case calls.CHECK_ALLOCATE: {
      const deviceId = <i32>get(0, 0);
      allocation = checkAllocate(devices.has(deviceId) ? devices.get(deviceId) : null);
      break;
    }
    case calls.CHECK_QUERY: checkQuery(cmd); break;
    case calls.CHECK_EXPORT: checkExport(cmd); break;
    case calls.CHECK_PROPERTIES: checkProperties(cmd); break;
    case calls.CHECK_BIND: checkBind(cmd); break;
    case calls.CHECK_SUBMIT: checkSubmit(); break;
    case calls.CHECK_OS: checkOsCall(cmd); break;
  }
}

function applyCall(cmd: i32, result: i64): void {
  switch (unchecked(calls.CALL_APPLY[cmd])) {
    case calls.APPLY_INSTANCE: applyInstance(cmd, result); break;
    case calls.APPLY_RESOURCES: applyResources(cmd, result); break;
    case calls.APPLY_ALLOCATE: {
      const imp = allocation!;
      applyAllocate(result, imp);
      handOverImportedFd(result, imp);
      break;
    }
    case calls.APPLY_FREE: applyFreeMemory(); break;
    case calls.APPLY_EXPORT: applyExport(cmd, result); break;
    case calls.APPLY_PROPERTIES: applyProperties(cmd, result); break;
    case calls.APPLY_QUERY: applyQuery(cmd, result); break;
    case calls.APPLY_OS: applyModelCall(cmd, result); break;
  }
}

function applyFailure(cmd: i32, result: i64): void {
  switch (unchecked(calls.CALL_ON_FAILURE[cmd])) {
    // A capability query that failed is an answer too (VK_ERROR_FORMAT_NOT_SUPPORTED: not supported).
    case calls.ON_FAILURE_ANSWER: applyQuery(cmd, result); break;
    case calls.ON_FAILURE_CLOSE_SOURCE: closeSourceOnFailure(); break;
  }
}
