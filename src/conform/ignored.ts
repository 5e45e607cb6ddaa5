// Class `ignored-when-zero`: a structure whose handle type (or handle types) is 0 changes nothing. Each
// command runs with the structure absent and with it present and zero, and the two outcomes are
// compared: the result, what the call filled in, the memory's contents, and who holds every fd passed.
// (The image queries with handle type 0 are compared in the capability sweep, which asks them anyway.)
import type { StepOutcome } from '../session/session.js';
import type { EngineContext } from './context.js';
import { SIZE, bufferTypeBits, dedicatedAnswer, exportFd, exportWin32, fdTypes, hexBytes, memoryType, observes, pattern, queriesFor, requirementsAnswer, sameBytes, stillHeld, win32Types } from './cases.js';
import { BUFFER_USAGE, IMAGE_USAGE, TILING_OPTIMAL, VK_FORMAT_R8G8B8A8_UNORM, importable } from './facts.js';
import { CaseRun, fdFate, resultCode, valid } from './run.js';
import * as steps from './steps.js';

const ALLOCATE = { command: 'vkAllocateMemory', noun: 'allocations' };

export function ignoredWhenZero(ctx: EngineContext): void {
  fdImportZero(ctx);
  hostImportZero(ctx);
  exportZero(ctx);
  createZero(ctx);
  win32ImportZero(ctx);
}

const identityIn = (o: StepOutcome, fd: number) => (o.held ?? []).find((h) => h.handleKind === 'fd' && h.handle === fd)?.identity;

/** VkImportMemoryFdInfoKHR with handleType 0, carrying an fd the application exported, and carrying -1. */
function fdImportZero(ctx: EngineContext): void {
  const types = fdTypes(ctx, { export: true });
  if (!types.length) {
    ctx.tally.record('ignored-when-zero/fd-import-zero-handle-type', 'fd-import-zero-handle-type', { ...ALLOCATE, handleType: '' }, 'not-applicable', () => 'the device exports no fd handle type for buffers, so no fd to carry');
    return;
  }
  for (const t of types) {
    const run = new CaseRun(`ignored-when-zero/fd-import-zero/${t.short}`, ctx);
    try {
      if (!run.prelude(ctx.facts.info, queriesFor([t]), ctx.facts.enable)) continue;
      const bytes = pattern(1);
      const e = exportFd(ctx, run, t, 'E', bytes);
      if (!e) continue;
      const fd = run.fd(e.fd);
      const identity = identityIn(e.step, fd);
      const plain = run.step(steps.allocate('memPlain', SIZE, e.type, []));
      for (const [variant, value] of [['exported-fd', e.fd], ['fd-minus-one', -1]] as const) {
        const name = `mem${variant}`;
        const zero = run.step(steps.allocate(name, SIZE, e.type, [steps.importFd(0, value)]));
        const diffs: string[] = [];
        if (zero.result !== plain.result) diffs.push(`it returned ${zero.result}, the plain allocation ${plain.result}`);
        if (variant === 'exported-fd') {
          if (!stillHeld(zero, fd, identity)) diffs.push(`fd ${fd} is no longer the application's (${fdFate(zero, fd).join('; ') || 'not held any more'})`);
          if (e.mappable && resultCode(zero) === 0) {
            run.step(steps.map(name, SIZE));
            const seen = run.read(name, bytes.length);
            if (sameBytes(seen, bytes)) diffs.push(`its memory shows the exporter's bytes ${hexBytes(bytes)}: it imported the fd`);
          }
        }
        ctx.tally.judge(`ignored-when-zero/fd-import-zero-handle-type/${t.short}/${variant}`, 'fd-import-zero-handle-type', { ...ALLOCATE, handleType: t.short }, valid(zero), [diffs.length],
          () => (diffs.length ? diffs.join('; ') : `${zero.result} as without the structure${variant === 'exported-fd' ? `, fd ${fd} still the application's, and the memory is its own` : ''}`));
        if (resultCode(zero) === 0) run.step(steps.free(name));
      }
      if (resultCode(plain) === 0) run.step(steps.free('memPlain'));
      run.step(steps.free(e.memory));
      run.step(steps.closeFd(e.fd));
    } finally {
      run.dispose();
    }
  }
}

/** VkImportMemoryHostPointerInfoEXT with handleType 0, pointing at host memory holding a pattern. */
function hostImportZero(ctx: EngineContext): void {
  const host = ctx.facts.types.find((t) => t.type.handle === 'host pointer' && t.offered && importable(t.buffer));
  if (!host || !ctx.facts.info.minImportedHostPointerAlignment) {
    ctx.tally.record('ignored-when-zero/host-import-zero-handle-type', 'host-import-zero-handle-type', { ...ALLOCATE, handleType: '' }, 'not-applicable', () => 'the device imports no host pointers (VK_EXT_external_memory_host)');
    return;
  }
  const run = new CaseRun('ignored-when-zero/host-import-zero', ctx);
  try {
    if (!run.prelude(ctx.facts.info, queriesFor([host]), ctx.facts.enable)) return;
    const bits = bufferTypeBits(run, 'probe');
    const mt = bits === undefined ? undefined : memoryType(ctx, bits);
    if (!mt) return;
    const pointer = 0x10000;
    const bytes = pattern(2);
    run.backend.os.hostWrite(0, run.hostPointer(pointer), bytes);
    const plain = run.step(steps.allocate('memPlain', SIZE, mt.index, []));
    const zero = run.step(steps.allocate('memZero', SIZE, mt.index, [steps.importHost(0, pointer)]));
    const diffs: string[] = [];
    if (zero.result !== plain.result) diffs.push(`it returned ${zero.result}, the plain allocation ${plain.result}`);
    if (mt.mappable && resultCode(zero) === 0) {
      run.step(steps.map('memZero', SIZE));
      if (sameBytes(run.read('memZero', bytes.length), bytes)) diffs.push(`its memory shows the host allocation's bytes ${hexBytes(bytes)}: it imported the pointer`);
    }
    ctx.tally.judge(`ignored-when-zero/host-import-zero-handle-type/${host.short}`, 'host-import-zero-handle-type', { ...ALLOCATE, handleType: host.short }, valid(zero), [diffs.length],
      () => (diffs.length ? diffs.join('; ') : `${zero.result} as without the structure, and the memory is its own`));
  } finally {
    run.dispose();
  }
}

/** VkExportMemoryAllocateInfo with handleTypes 0. */
function exportZero(ctx: EngineContext): void {
  const run = new CaseRun('ignored-when-zero/export-zero', ctx);
  try {
    if (!run.prelude(ctx.facts.info, [], ctx.facts.enable)) return;
    const bits = bufferTypeBits(run, 'probe');
    const mt = bits === undefined ? undefined : memoryType(ctx, bits);
    if (!mt) return;
    const plain = run.step(steps.allocate('memPlain', SIZE, mt.index, []));
    const zero = run.step(steps.allocate('memZero', SIZE, mt.index, [steps.exportInfo(0)]));
    const diffs: string[] = [];
    if (zero.result !== plain.result) diffs.push(`it returned ${zero.result}, the plain allocation ${plain.result}`);
    if (mt.mappable && resultCode(zero) === 0) {
      run.step(steps.map('memZero', SIZE));
      const bytes = pattern(3);
      run.write('memZero', bytes);
      if (!sameBytes(run.read('memZero', bytes.length), bytes)) diffs.push('its memory does not keep what is written to it');
    }
    ctx.tally.judge('ignored-when-zero/export-zero-handle-types', 'export-zero-handle-types', { ...ALLOCATE, handleType: '' }, valid(zero), [diffs.length],
      () => (diffs.length ? diffs.join('; ') : `${zero.result} as without the structure, and the memory holds what is written`));
  } finally {
    run.dispose();
  }
}

/** VkExternalMemoryBufferCreateInfo / VkExternalMemoryImageCreateInfo with handleTypes 0 against none. */
function createZero(ctx: EngineContext): void {
  const run = new CaseRun('ignored-when-zero/create-zero', ctx);
  try {
    if (!run.prelude(ctx.facts.info, [], ctx.facts.enable)) return;
    for (const kind of ['buffer', 'image'] as const) {
      const make = (name: string, ht?: number) => (kind === 'buffer' ? steps.createBuffer(name, SIZE, BUFFER_USAGE, ht) : steps.createImage(name, VK_FORMAT_R8G8B8A8_UNORM, TILING_OPTIMAL, IMAGE_USAGE, ht));
      const reqs = (name: string) => (kind === 'buffer' ? steps.bufferRequirements(name) : steps.imageRequirements(name));
      const plainMade = run.step(make(`${kind}Plain`));
      const zeroMade = run.step(make(`${kind}Zero`, 0));
      const diffs: string[] = [];
      if (zeroMade.result !== plainMade.result) diffs.push(`it returned ${zeroMade.result}, without the structure ${plainMade.result}`);
      let ok = valid(zeroMade);
      if (plainMade.result === 'VK_SUCCESS' && zeroMade.result === 'VK_SUCCESS') {
        const p = run.step(reqs(`${kind}Plain`));
        const z = run.step(reqs(`${kind}Zero`));
        ok &&= valid(z);
        const rp = { ...requirementsAnswer(p), ...dedicatedAnswer(p) }, rz = { ...requirementsAnswer(z), ...dedicatedAnswer(z) };
        for (const k of Object.keys(rp) as Array<keyof typeof rp>) if (rp[k] !== rz[k]) diffs.push(`${k} ${rz[k]}, without the structure ${rp[k]}`);
      }
      const rule = kind === 'buffer' ? 'buffer-external-zero-handle-types' : 'image-external-zero-handle-types';
      ctx.tally.judge(`ignored-when-zero/${rule}`, rule, { command: kind === 'buffer' ? 'vkCreateBuffer' : 'vkCreateImage', handleType: '', noun: `${kind}s` }, ok, [diffs.length],
        () => (diffs.length ? diffs.join('; ') : `the same result (${zeroMade.result}) and the same memory requirements as without the structure`));
    }
  } finally {
    run.dispose();
  }
}

/**
 * The Win32 import structures with handleType 0 (on a device with the Win32 extensions): carrying a
 * handle the application exported (KHR; a NULL one for NV, which has no handle to name here) against no
 * structure. The handle stays the application's, and the memory is its own.
 */
function win32ImportZero(ctx: EngineContext): void {
  for (const [rule, ext] of [['win32-import-zero-handle-type', 'VK_KHR_external_memory_win32'], ['win32-nv-import-zero-handle-type', 'VK_NV_external_memory_win32']] as const) {
    const scope = { ...ALLOCATE, handleType: '' };
    if (!ctx.facts.extensions.has(ext)) {
      ctx.tally.record(`ignored-when-zero/${rule}`, rule, scope, 'not-applicable', () => `the device does not offer ${ext}`);
      continue;
    }
    const run = new CaseRun(`ignored-when-zero/${rule}`, ctx);
    try {
      const nt = rule === 'win32-import-zero-handle-type' ? win32Types(ctx, { export: true }).find((t) => t.type.handle === 'NT') : undefined;
      if (!run.prelude(ctx.facts.info, nt ? queriesFor([nt]) : [], ctx.facts.enable)) continue;
      const bytes = pattern(4);
      const e = nt ? exportWin32(ctx, run, nt, 'E', bytes) : undefined;
      const bits = e ? undefined : bufferTypeBits(run, 'probe');
      const mt = e ? { index: e.type, mappable: e.mappable } : bits === undefined ? undefined : memoryType(ctx, bits);
      if (!mt) continue;
      const structure = rule === 'win32-import-zero-handle-type' ? steps.importWin32(0, e ? e.handle : 0) : steps.importWin32NV(0, 0);
      const plain = run.step(steps.allocate('memPlain', SIZE, mt.index, []));
      const zero = run.step(steps.allocate('memZero', SIZE, mt.index, [structure]));
      const diffs: string[] = [];
      if (zero.result !== plain.result) diffs.push(`it returned ${zero.result}, the plain allocation ${plain.result}`);
      if (e && observes(run, 'nt')) {
        const h = run.handle(e.handle);
        const before = e.step.held?.find((x) => x.handleKind === 'nt' && x.handle === h)?.identity;
        const now = zero.held?.find((x) => x.handleKind === 'nt' && x.handle === h);
        if (!now || (before !== undefined && now.identity !== before)) diffs.push(`handle 0x${h.toString(16)} is no longer the application's`);
      }
      if (e && mt.mappable && resultCode(zero) === 0) {
        run.step(steps.map('memZero', SIZE));
        if (sameBytes(run.read('memZero', bytes.length), bytes)) diffs.push(`its memory shows the exporter's bytes ${hexBytes(bytes)}: it imported the handle`);
      }
      ctx.tally.judge(`ignored-when-zero/${rule}`, rule, scope, valid(zero), [diffs.length],
        () => (diffs.length ? diffs.join('; ') : `${zero.result} as without the structure${e ? ', the handle still the application\'s, and the memory its own' : ''}`));
      if (e && nt) run.step(steps.closeHandle(e.handle));
    } finally {
      run.dispose();
    }
  }
}
