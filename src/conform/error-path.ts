// Class `error-path`: return codes the spec mandates for calls that are valid usage. Every call every
// case made returns one of its command's own codes (vk.xml lists them); and a host-pointer import the
// platform cannot take fails with VK_ERROR_INVALID_EXTERNAL_HANDLE (asked with the same host memory
// imported twice at once, and overlapping, which implementations may refuse).
import { entryByName } from '../core/encode.js';
import { COMMAND_RESULTS } from '../generated/registry.js';
import { resultName } from '../session/values.js';
import type { EngineContext } from './context.js';
import { HOST_POINTER, hostImport, hostImportTarget, queriesFor } from './cases.js';
import { CaseRun, resultCode, valid } from './run.js';
import * as steps from './steps.js';

export function errorPath(ctx: EngineContext): void {
  hostImportFailures(ctx);
}

/** Judged at the end, over every call every case made. */
export function resultsListed(ctx: EngineContext): void {
  for (const call of ctx.calls) {
    if (call.result === undefined) continue;
    const entry = entryByName.get(call.command) ?? -1;
    const codes = COMMAND_RESULTS[call.command];
    ctx.tally.judge(`error-path/result-listed/${call.command}`, 'result-listed', { command: call.command, handleType: '', noun: 'calls' }, call.valid, [entry, call.result],
      () => `${call.case}: ${resultName(call.result!)}${codes ? ` (its codes: ${[...codes.success, ...codes.errors].join(', ')})` : ''}`);
  }
}

function hostImportFailures(ctx: EngineContext): void {
  const found = hostImport(ctx, 'error-path/host-import-failure-code', 'host-import-failure-code');
  if (!found) return;
  const { host, align, scope: c } = found;
  const run = new CaseRun(`error-path/host-import-failure-code/${host.short}`, ctx);
  try {
    if (!run.prelude(ctx.facts.info, queriesFor([host]), ctx.facts.enable)) return;
    const pointer = HOST_POINTER;
    const { step: props, mt, size } = hostImportTarget(ctx, run, host, align);
    if (!mt) {
      ctx.tally.record(`error-path/host-import-failure-code/${host.short}`, 'host-import-failure-code', c, 'not-applicable', () => `vkGetMemoryHostPointerPropertiesEXT returned ${props.result} with memoryTypeBits 0: no memory type to import into`);
      return;
    }
    const imports: Array<[string, number]> = [['first', pointer], ['same-memory-again', pointer], ['overlapping', pointer + align]];
    for (const [variant, at] of imports) {
      const name = `mem${variant}`;
      const imp = run.step(steps.allocate(name, size, mt.index, [steps.importHost(host.type.bit, at)]));
      if (variant === 'first') continue; // the import the others share memory with
      ctx.tally.judge(`error-path/host-import-failure-code/${host.short}/${variant}`, 'host-import-failure-code', c, valid(imp), [resultCode(imp) ?? 0],
        () => `an import of ${size} bytes at pointer +0x${(at - pointer).toString(16)} returned ${imp.result}`);
    }
  } finally {
    run.dispose();
  }
}
