// Class `ownership`: who holds each fd after each call. Every export hands the application a new open fd
// of its own; a failed import leaves the fd with the application; a properties query takes nothing; and
// no call touches an fd it was not given. The cases here make the calls that matter (exports from one
// memory object and from two, imports that fail, properties queries); the judgments run at the end over
// every call of every case of the run, so an export or a failed import anywhere is judged the same way.
import { ENUMS } from '../generated/registry.js';
import type { StepOutcome } from '../session/session.js';
import { chainOf, num, obj, sTypeName } from '../session/values.js';
import type { EngineContext } from './context.js';
import { SIZE, exportFd, exportWin32, fdTypes, observes, queriesFor, win32Types } from './cases.js';
import { importable } from './facts.js';
import { CaseRun, fdFate, fdsGiven, lost, resultCode, valid } from './run.js';
import * as steps from './steps.js';

const HANDLE_TYPES = ENUMS.VkExternalMemoryHandleTypeFlagBits.values;
const shortOf = (bit: number) => (Object.entries(HANDLE_TYPES).find(([n, v]) => v === bit && !n.endsWith('_KHR'))?.[0] ?? `0x${bit.toString(16)}`).replace('VK_EXTERNAL_MEMORY_HANDLE_TYPE_', '').replace(/_BIT(_[A-Z]+)?$/, '');

export function ownership(ctx: EngineContext): void {
  exports(ctx);
  failingImports(ctx);
  propertiesQueries(ctx);
  ntHandles(ctx);
}

/**
 * NT handles: exports from two memory objects (an NT type exports once per memory object), an import of
 * one, and an import that fails (half the exporter's size, invalid usage). The import never takes the
 * handle: the application still holds it, the same object, and closes it.
 */
function ntHandles(ctx: EngineContext): void {
  for (const t of win32Types(ctx, { export: true }).filter((x) => x.type.handle === 'NT')) {
    const run = new CaseRun(`ownership/nt-handles/${t.short}`, ctx);
    try {
      if (!run.prelude(ctx.facts.info, queriesFor([t]), ctx.facts.enable)) continue;
      const a = exportWin32(ctx, run, t, 'A');
      const b = exportWin32(ctx, run, t, 'B');
      if (!a || !b) continue;
      if (importable(t.buffer)) {
        const ok = run.step(steps.allocate('imp', SIZE, a.type, [steps.importWin32(t.type.bit, a.handle)]), 'import');
        if (resultCode(ok) === 0) run.step(steps.free('imp'));
        const bad = run.step(steps.allocate('impHalf', SIZE / 2, b.type, [steps.importWin32(t.type.bit, b.handle)]), 'half-size');
        if (resultCode(bad) === 0) run.step(steps.free('impHalf'));
      }
      run.step(steps.closeHandle(a.handle));
      run.step(steps.closeHandle(b.handle));
      run.step(steps.free(a.memory));
      run.step(steps.free(b.memory));
    } finally {
      run.dispose();
    }
  }
}

/** Two exports from one memory object and one from another, of each exportable fd type. */
function exports(ctx: EngineContext): void {
  for (const t of fdTypes(ctx, { export: true })) {
    const run = new CaseRun(`ownership/exports/${t.short}`, ctx);
    try {
      if (!run.prelude(ctx.facts.info, queriesFor([t]), ctx.facts.enable)) continue;
      const a = exportFd(ctx, run, t, 'A');
      const b = exportFd(ctx, run, t, 'B');
      if (!a || !b) continue;
      const again = run.nextFd();
      run.step(steps.getFd(a.memory, t.type.bit, again));
      for (const fd of [a.fd, b.fd, again]) run.step(steps.closeFd(fd));
    } finally {
      run.dispose();
    }
  }
}

/**
 * Imports that fail: half the exporter's size, a size far beyond it, another memory type. Each is invalid
 * usage (an OPAQUE_FD import uses the exporter's size and type), so what a driver does with the fd then
 * is a hazard; a valid import that fails anywhere in the run is judged the same way, as a deviation.
 */
function failingImports(ctx: EngineContext): void {
  for (const t of fdTypes(ctx, { export: true, import: true })) {
    const run = new CaseRun(`ownership/failing-imports/${t.short}`, ctx);
    try {
      if (!run.prelude(ctx.facts.info, queriesFor([t]), ctx.facts.enable)) continue;
      const types = ctx.facts.info.memoryTypes.length;
      const variants: Array<[string, (type: number) => [number, number]]> = [
        ['half-size', (type) => [SIZE / 2, type]],
        ['oversized', (type) => [2 ** 31 + SIZE, type]],
        ...(types > 1 ? [['other-memory-type', (type: number) => [SIZE, (type + 1) % types]] as [string, (type: number) => [number, number]]] : []),
      ];
      variants.forEach(([variant, params], i) => {
        const e = exportFd(ctx, run, t, `V${i}`);
        if (!e) return;
        const [size, type] = params(e.type);
        const imp = run.step(steps.allocate(`imp${i}`, size, type, [steps.importFd(t.type.bit, e.fd)]), variant);
        if (resultCode(imp) === 0) run.step(steps.free(`imp${i}`));
        else if (!lost(imp).some((l) => l.handle === run.fd(e.fd))) run.step(steps.closeFd(e.fd));
        run.step(steps.free(e.memory));
      });
    } finally {
      run.dispose();
    }
  }
}

/** vkGetMemoryFdPropertiesKHR on an exported fd of each fd type (invalid usage for OPAQUE_FD, VUID-00674). */
function propertiesQueries(ctx: EngineContext): void {
  for (const t of fdTypes(ctx, { export: true })) {
    const run = new CaseRun(`ownership/properties/${t.short}`, ctx);
    try {
      if (!run.prelude(ctx.facts.info, queriesFor([t]), ctx.facts.enable)) continue;
      const e = exportFd(ctx, run, t, 'P');
      if (!e) continue;
      const q = run.step(steps.fdProperties(t.type.bit, e.fd));
      if (!lost(q).some((l) => l.handle === run.fd(e.fd))) run.step(steps.closeFd(e.fd));
      run.step(steps.free(e.memory));
    } finally {
      run.dispose();
    }
  }
}

const identityIn = (held: StepOutcome['held'], fd: number) => (held ?? []).find((h) => h.handleKind === 'fd' && h.handle === fd)?.identity;
/** Whether `fd` is still open after `o` and the same file it was just before it. */
function kept(run: CaseRun, o: StepOutcome, fd: number): boolean {
  const before = identityIn(run.heldBefore(o), fd);
  const h = (o.held ?? []).find((x) => x.handleKind === 'fd' && x.handle === fd);
  return h !== undefined && h.open && h.same && (before === undefined || h.identity === undefined || h.identity === before);
}

/** The judgments over every call of every case of the run. */
export function ownershipAcrossCalls(ctx: EngineContext): void {
  const seen = { exports: false, failed: false, properties: false, ntExports: false, ntImports: false };
  const NT = new Set(ctx.facts.types.filter((t) => t.type.handle === 'NT').map((t) => t.type.bit));
  for (const run of ctx.runs) {
    for (const o of run.outcomes) {
      if (o.kind === 'data' || o.synthetic) continue;
      const label = run.labels.get(o) ?? `${run.name.split('/').slice(1).join('/')}/call-${o.call}`;
      // Every call: it takes no fd it was not given.
      const given = fdsGiven(run, o);
      const others = lost(o).filter((l) => !given.has(l.handle));
      ctx.tally.judge(`ownership/call-keeps-other-fds/${o.name}`, 'call-keeps-other-fds', { command: o.name, handleType: '', noun: 'calls' }, valid(o), [others.length],
        () => (others.length ? `in ${run.name}, call ${o.call} lost ${others.map((l) => `fd ${l.handle} (${l.how})`).join(', ')}, which it was not given` : `${run.name}: call ${o.call} left every other fd of the application as it was`));
      const a = o.after ?? {};
      if (o.name === 'vkGetMemoryFdKHR') {
        // Every export: a new fd, open, distinct from every fd the application held just before.
        seen.exports = true;
        const short = shortOf(num(obj(a.pGetFdInfo).handleType));
        const fd = run.fd(num(a.pFd));
        const open = (o.held ?? []).some((h) => h.handleKind === 'fd' && h.handle === fd && h.open);
        const distinct = !run.heldBefore(o).some((h) => h.handleKind === 'fd' && h.handle === fd);
        ctx.tally.judge(`ownership/export-new-fd/${short}`, 'export-new-fd', { handleType: short, noun: 'exports' }, valid(o), [resultCode(o) ?? -1, open ? 1 : 0, distinct ? 1 : 0],
          () => `vkGetMemoryFdKHR returned ${o.result} and fd ${fd}: ${open ? 'open' : 'not open'}, ${distinct ? 'distinct from every fd the application held' : 'a number the application already held'}`);
      } else if (o.name === 'vkAllocateMemory' && resultCode(o) !== 0) {
        // Every failed import of an fd (a nonzero handle type): the fd is still the application's.
        for (const s of chainOf(obj(a.pAllocateInfo))) {
          if (sTypeName(s.sType) !== 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR' || num(s.handleType) === 0) continue;
          seen.failed = true;
          const short = shortOf(num(s.handleType));
          const fd = run.fd(num(s.fd));
          const held = kept(run, o, fd);
          const info = obj(a.pAllocateInfo);
          ctx.tally.judge(`ownership/failed-import-keeps-fd/${short}/${label}`, 'failed-import-keeps-fd', { command: 'vkAllocateMemory', handleType: short, noun: 'failed imports' }, valid(o), [resultCode(o) ?? -1, held ? 1 : 0],
            () => `an import (allocationSize ${num(info.allocationSize)}, memoryTypeIndex ${num(info.memoryTypeIndex)}) returned ${o.result}; fd ${fd} ${held ? 'is still open, the same file, the application\'s' : `is lost: ${fdFate(o, fd).join('; ') || 'no longer held'}`}${valid(o) ? '' : ` (invalid usage: ${o.findings.filter((f) => f.severity === 'error').map((f) => f.vuid).join(', ')})`}`);
        }
      } else if (o.name === 'vkGetMemoryWin32HandleKHR' && NT.has(num(obj(a.pGetWin32HandleInfo).handleType))) {
        // Every export of an NT handle: a new handle of the application's.
        seen.ntExports = true;
        const short = shortOf(num(obj(a.pGetWin32HandleInfo).handleType));
        const h = run.handle(String(a.pHandle));
        const id = `ownership/export-new-nt-handle/${short}`;
        const scope = { handleType: short, noun: 'exports' };
        if (!observes(run, 'nt')) ctx.tally.record(id, 'export-new-nt-handle', scope, 'not-applicable', () => 'this backend cannot observe NT handles');
        else {
          const open = (o.held ?? []).some((x) => x.handleKind === 'nt' && x.handle === h && x.open);
          const distinct = !run.heldBefore(o).some((x) => x.handleKind === 'nt' && x.handle === h);
          ctx.tally.judge(id, 'export-new-nt-handle', scope, valid(o), [resultCode(o) ?? -1, open ? 1 : 0, distinct ? 1 : 0],
            () => `vkGetMemoryWin32HandleKHR returned ${o.result} and handle 0x${h.toString(16)}: ${open ? 'open' : 'not open'}, ${distinct ? 'distinct from every handle the application held' : 'a handle the application already held'}`);
        }
      } else if (o.name === 'vkAllocateMemory' && chainOf(obj(a.pAllocateInfo)).some((s) => sTypeName(s.sType) === 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_KHR' && NT.has(num(s.handleType)) && s.handle)) {
        // Every import of an NT handle, successful or not: the application still holds the handle.
        for (const s of chainOf(obj(a.pAllocateInfo))) {
          if (sTypeName(s.sType) !== 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_KHR' || !NT.has(num(s.handleType)) || !s.handle) continue;
          seen.ntImports = true;
          const short = shortOf(num(s.handleType));
          const h = run.handle(String(s.handle));
          const id = `ownership/nt-import-keeps-handle/${short}/${label}`;
          const scope = { command: 'vkAllocateMemory', handleType: short, noun: 'imports' };
          if (!observes(run, 'nt')) { ctx.tally.record(id, 'nt-import-keeps-handle', scope, 'not-applicable', () => 'this backend cannot observe NT handles'); continue; }
          const before = run.heldBefore(o).find((x) => x.handleKind === 'nt' && x.handle === h)?.identity;
          const now = (o.held ?? []).find((x) => x.handleKind === 'nt' && x.handle === h);
          const held = now !== undefined && now.open && (before === undefined || now.identity === before);
          ctx.tally.judge(id, 'nt-import-keeps-handle', scope, valid(o), [held ? 1 : 0],
            () => `an import of NT handle 0x${h.toString(16)} returned ${o.result}; the handle ${held ? 'is still the application\'s, the same object' : 'is no longer the application\'s'}`);
        }
      } else if (o.name === 'vkGetMemoryFdPropertiesKHR') {
        // Every properties query: it takes nothing.
        seen.properties = true;
        const short = shortOf(num(a.handleType));
        const fd = run.fd(num(a.fd));
        const held = kept(run, o, fd);
        ctx.tally.judge(`ownership/properties-keeps-fd/${short}`, 'properties-keeps-fd', { handleType: short, noun: 'queries' }, valid(o), [held ? 1 : 0],
          () => `vkGetMemoryFdPropertiesKHR returned ${o.result}; fd ${fd} ${held ? 'is still open and the application\'s' : `is lost: ${fdFate(o, fd).join('; ') || 'no longer held'}`}${valid(o) ? '' : ` (invalid usage: ${o.findings.filter((f) => f.severity === 'error').map((f) => f.vuid).join(', ')})`}`);
      }
    }
  }
  const none = (id: string, rule: string, noun: string, why: string) => ctx.tally.record(id, rule, { handleType: '', noun }, 'not-applicable', () => why);
  if (!seen.exports) none('ownership/export-new-fd', 'export-new-fd', 'exports', 'the device exports no fd handle type for buffers, so no case exported an fd');
  if (!seen.failed) none('ownership/failed-import-keeps-fd', 'failed-import-keeps-fd', 'failed imports', 'no fd import failed in this run (the device imports no fd type, or took every import it was given)');
  if (!seen.properties) none('ownership/properties-keeps-fd', 'properties-keeps-fd', 'queries', 'the device exports no fd handle type for buffers, so no fd was asked about');
  if (!seen.ntExports) none('ownership/export-new-nt-handle', 'export-new-nt-handle', 'exports', 'the device exports no NT handle type for buffers (VK_KHR_external_memory_win32)');
  if (!seen.ntImports) none('ownership/nt-import-keeps-handle', 'nt-import-keeps-handle', 'imports', 'the device imports no NT handle type for buffers (VK_KHR_external_memory_win32)');
}
