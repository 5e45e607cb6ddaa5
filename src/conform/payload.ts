// Class `payload`: the memory itself. Memory imported from an exported fd refers to the exporter's
// payload, so bytes written through either mapping are read through the other: for plain and dedicated
// allocations, and for a second import of a copy of the fd. Memory imported from a host pointer shares
// that host memory, both ways.
import type { EngineContext } from './context.js';
import { HOST_POINTER, SIZE, bufferTypeBits, hostImport, hostImportTarget, exportWin32, fdTypes, hexBytes, memoryType, pattern, queriesFor, requirementsAnswer, sameBytes, win32Types } from './cases.js';
import { BUFFER_USAGE, IMAGE_USAGE, TILING_LINEAR, VK_FORMAT_R8G8B8A8_UNORM, exportable, importable, type TypeFacts } from './facts.js';
import { CaseRun, fdFate, resultCode, valid } from './run.js';
import * as steps from './steps.js';

export function payload(ctx: EngineContext): void {
  const types = fdTypes(ctx, { export: true, import: true });
  const win32 = win32Types(ctx, { export: true, import: true });
  if (!types.length && !win32.length) ctx.tally.record('payload/import-aliases-export', 'import-aliases-export', { handleType: '', noun: 'imports' }, 'not-applicable', () => 'the device exports and imports no fd or Win32 handle type for buffers');
  for (const t of types) {
    for (const variant of ['plain', 'dedicated-buffer', 'dedicated-image', 'second-import'] as const) aliases(ctx, t, variant);
  }
  for (const t of win32) {
    aliasesWin32(ctx, t, 'by-handle');
    if (t.type.importByName) aliasesWin32(ctx, t, 'by-name');
  }
  hostAliases(ctx);
}

/** A Win32 handle (or, for the NT types that have one, a name) exported and imported in the same process. */
function aliasesWin32(ctx: EngineContext, t: TypeFacts, variant: 'by-handle' | 'by-name'): void {
  const id = `payload/import-aliases-export/${t.short}/${variant}`;
  const c = { command: 'vkAllocateMemory', handleType: t.short, noun: 'imports' };
  if ((t.buffer.externalMemoryFeatures & 1) !== 0) {
    ctx.tally.record(id, 'import-aliases-export', c, 'not-applicable', () => `${t.short} is DEDICATED_ONLY for buffers: it is only shared through dedicated allocations`);
    return;
  }
  const run = new CaseRun(id, ctx);
  try {
    if (!run.prelude(ctx.facts.info, queriesFor([t]), ctx.facts.enable)) return;
    const first = pattern(12), second = pattern(13);
    const name = variant === 'by-name' ? `Local\\vkx-conform-${t.short}` : undefined;
    const e = exportWin32(ctx, run, t, 'E', first, name);
    if (!e || !e.mappable) {
      ctx.tally.record(id, 'import-aliases-export', c, 'not-applicable', () => (e ? `no host-visible memory type can hold ${t.short} memory here` : `the exporting allocation or the export failed`));
      return;
    }
    const imp = run.step(steps.allocate('memI', SIZE, e.type, [name ? steps.importWin32(t.type.bit, 0, name) : steps.importWin32(t.type.bit, e.handle)]));
    if (resultCode(imp) !== 0) {
      ctx.tally.judge(id, 'import-aliases-export', c, valid(imp), [0, 0], () => `the import ${name ? `by name ${name}` : `of handle ${e.handle}`} failed (${imp.result})`);
      return;
    }
    run.step(steps.map('memI', SIZE));
    const seen = run.read('memI', first.length);
    run.write('memI', second);
    const back = run.read(e.memory, second.length);
    ctx.tally.judge(id, 'import-aliases-export', c, valid(imp), [sameBytes(seen, first) ? 1 : 0, sameBytes(back, second) ? 1 : 0],
      () => `the importer read ${hexBytes(seen)} (the exporter wrote ${hexBytes(first)}); the exporter read ${hexBytes(back)} (the importer wrote ${hexBytes(second)})`);
    if (t.type.handle === 'NT') run.step(steps.closeHandle(e.handle));
  } finally {
    run.dispose();
  }
}

type Variant = 'plain' | 'dedicated-buffer' | 'dedicated-image' | 'second-import';

/**
 * Export, import, and compare bytes both ways. The dedicated variants make the exporter's and the
 * importer's memory dedicated to identically created resources, as the spec requires of such imports.
 */
function aliases(ctx: EngineContext, t: TypeFacts, variant: Variant): void {
  const id = `payload/import-aliases-export/${t.short}/${variant}`;
  const c = { command: 'vkAllocateMemory', handleType: t.short, noun: 'imports' };
  const image = variant === 'dedicated-image';
  if (image && !(t.image.result === 0 && exportable(t.image) && importable(t.image))) {
    ctx.tally.record(id, 'import-aliases-export', c, 'not-applicable', () => `the device does not export and import ${t.short} for the image asked about`);
    return;
  }
  const run = new CaseRun(id, ctx);
  try {
    const imageQuery = steps.imageQuery({ format: VK_FORMAT_R8G8B8A8_UNORM, type: 1, tiling: TILING_LINEAR, usage: IMAGE_USAGE, flags: 0 }, t.type.bit);
    if (!run.prelude(ctx.facts.info, [...queriesFor([t]), ...(image ? [imageQuery] : [])], ctx.facts.enable)) return;
    // The resources the allocations are dedicated to (two, created alike), or a buffer only to learn the memory types.
    let bits: number | undefined;
    let size = SIZE;
    const resource = (name: string) => {
      const made = image ? run.step(steps.createImage(name, VK_FORMAT_R8G8B8A8_UNORM, TILING_LINEAR, IMAGE_USAGE, t.type.bit)) : run.step(steps.createBuffer(name, SIZE, BUFFER_USAGE, t.type.bit));
      if (made.result !== 'VK_SUCCESS') return false;
      const q = run.step(image ? steps.imageRequirements(name) : steps.bufferRequirements(name));
      const r = requirementsAnswer(q);
      bits = r.memoryTypeBits;
      size = Math.max(r.size, 1);
      return true;
    };
    const dedicated = variant === 'dedicated-buffer' || variant === 'dedicated-image';
    if (dedicated) {
      if (!resource('resE') || !resource('resI')) return;
    } else {
      bits = bufferTypeBits(run, 'probe', t.type.bit);
      // A type the device says needs a dedicated allocation is only exported that way.
      if ((t.buffer.externalMemoryFeatures & 1) !== 0) {
        ctx.tally.record(id, 'import-aliases-export', c, 'not-applicable', () => `${t.short} is DEDICATED_ONLY for buffers: it is only shared through dedicated allocations`);
        return;
      }
    }
    const mt = bits === undefined ? undefined : memoryType(ctx, bits);
    if (!mt || !mt.mappable) {
      ctx.tally.record(id, 'import-aliases-export', c, 'not-applicable', () => `no host-visible memory type can hold ${t.short} memory here, so its bytes cannot be read`);
      return;
    }
    const ded = (name: string) => (dedicated ? [steps.dedicatedInfo(image ? { image: name } : { buffer: name })] : []);
    const exp = run.step(steps.allocate('memE', size, mt.index, [steps.exportInfo(t.type.bit), ...ded('resE')]));
    if (resultCode(exp) !== 0) {
      ctx.tally.record(id, 'import-aliases-export', c, 'not-applicable', () => `the exporting allocation failed (${exp.result})`);
      return;
    }
    run.step(steps.map('memE', size));
    const first = pattern(10), second = pattern(11);
    run.write('memE', first);
    const fdE = run.nextFd();
    run.step(steps.getFd('memE', t.type.bit, fdE));
    let fdName = fdE;
    if (variant === 'second-import') {
      // A copy of the fd imports the same payload as the original does.
      const fdCopy = run.nextFd();
      run.step(steps.dupFd(fdE, fdCopy));
      const one = run.step(steps.allocate('memOne', size, mt.index, [steps.importFd(t.type.bit, fdE)]));
      if (resultCode(one) !== 0) {
        ctx.tally.judge(id, 'import-aliases-export', c, valid(one), [0, 0], () => `the first import failed (${one.result})`);
        return;
      }
      fdName = fdCopy;
    }
    const fd = run.fd(fdName);
    const imp = run.step(steps.allocate('memI', size, mt.index, [steps.importFd(t.type.bit, fdName), ...ded('resI')]));
    if (resultCode(imp) !== 0) {
      ctx.tally.judge(id, 'import-aliases-export', c, valid(imp), [0, 0], () => `the import of fd ${fd} failed (${imp.result}); ${fdFate(imp, fd).join('; ')}`);
      return;
    }
    run.step(steps.map('memI', size));
    const seen = run.read('memI', first.length);
    const forward = sameBytes(seen, first);
    run.write('memI', second);
    const back = run.read('memE', second.length);
    const backward = sameBytes(back, second);
    ctx.tally.judge(id, 'import-aliases-export', c, valid(imp), [forward ? 1 : 0, backward ? 1 : 0],
      () => `the importer read ${hexBytes(seen)} (the exporter wrote ${hexBytes(first)}); the exporter read ${hexBytes(back)} (the importer wrote ${hexBytes(second)})${fdFate(imp, fd).length ? `; at the import ${fdFate(imp, fd).join('; ')}` : ''}`);
  } finally {
    run.dispose();
  }
}

/** Host memory imported as Vulkan memory: bytes through the pointer show in the mapping, and back. */
function hostAliases(ctx: EngineContext): void {
  const found = hostImport(ctx, 'payload/host-import-aliases', 'host-import-aliases');
  if (!found) return;
  const { host, align, scope: c } = found;
  const run = new CaseRun(`payload/host-import-aliases/${host.short}`, ctx);
  try {
    if (!run.prelude(ctx.facts.info, queriesFor([host]), ctx.facts.enable)) return;
    const pointer = HOST_POINTER;
    const { step: props, bits, mt, size } = hostImportTarget(ctx, run, host, align);
    if (!mt || !mt.mappable) {
      ctx.tally.record(`payload/host-import-aliases/${host.short}`, 'host-import-aliases', c, 'not-applicable', () => `vkGetMemoryHostPointerPropertiesEXT returned ${props.result} with memoryTypeBits 0x${bits.toString(16)}: no host-visible type to read through`);
      return;
    }
    const at = run.hostPointer(pointer);
    const first = pattern(20), second = pattern(21);
    run.backend.os.hostWrite(0, at, first);
    const imp = run.step(steps.allocate('memH', size, mt.index, [steps.importHost(host.type.bit, pointer)]));
    if (resultCode(imp) !== 0) {
      ctx.tally.judge(`payload/host-import-aliases/${host.short}`, 'host-import-aliases', c, valid(imp), [0, 0], () => `the import failed (${imp.result})`);
      return;
    }
    run.step(steps.map('memH', size));
    const seen = run.read('memH', first.length);
    run.write('memH', second);
    const back = run.backend.os.hostRead(0, at, second.length) ?? new Uint8Array(0);
    ctx.tally.judge(`payload/host-import-aliases/${host.short}`, 'host-import-aliases', c, valid(imp), [sameBytes(seen, first) ? 1 : 0, sameBytes(back, second) ? 1 : 0],
      () => `the mapping read ${hexBytes(seen)} (written through the pointer: ${hexBytes(first)}); the pointer read ${hexBytes(back)} (written through the mapping: ${hexBytes(second)})`);
  } finally {
    run.dispose();
  }
}

