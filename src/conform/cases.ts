// Pieces the allocation cases share: exportable memory made the way the device says it can be, a
// recognizable byte pattern, the memory type to use, and what the backend saw happen to an fd.
import type { StepOutcome } from '../session/session.js';
import { chained, num, obj } from '../session/values.js';
import type { EngineContext } from './context.js';
import { BUFFER_USAGE, exportable, importable, type TypeFacts } from './facts.js';
import { CaseRun, resultCode } from './run.js';
import * as steps from './steps.js';
import type { Scope } from './tally.js';

/** Every allocation a case makes is this big (a multiple of any host-pointer alignment a device reports). */
export const SIZE = 65536;
/** How many bytes a case writes and reads back. */
export const PATTERN_BYTES = 64;

/** A pattern no fresh allocation holds by chance: `seed` picks one of many. */
export function pattern(seed: number): Uint8Array {
  const out = new Uint8Array(PATTERN_BYTES);
  let x = (0x9e3779b9 ^ (seed * 0x85ebca6b)) >>> 0;
  for (let i = 0; i < out.length; i++) { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; out[i] = x >>> 24; }
  return out;
}

export const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
export const hexBytes = (b: Uint8Array) => Array.from(b.subarray(0, 8), (x) => x.toString(16).padStart(2, '0')).join('') + (b.length > 8 ? '…' : '');

/** fd types the device calls exportable and importable for a transfer buffer. */
export const fdTypes = (ctx: EngineContext, need: { export?: boolean; import?: boolean }) =>
  ctx.facts.types.filter((t) => t.offered && t.type.handle === 'fd' && (!need.export || exportable(t.buffer)) && (!need.import || importable(t.buffer)));

/** The capability answers a case about type `t` relies on (so the model knows them), for buffers and images. */
export const queriesFor = (ts: TypeFacts[]) => ts.flatMap((t) => [steps.bufferQuery(t.type.bit, BUFFER_USAGE)]);

/**
 * The memory type a case allocates from: the lowest host-visible type among `bits` (so bytes can be
 * written and read), or the lowest of `bits` when none is host-visible (`mappable` false).
 */
export function memoryType(ctx: EngineContext, bits: number): { index: number; mappable: boolean } | undefined {
  const visible = ctx.facts.hostVisible.find((i) => (bits >>> i) & 1);
  if (visible !== undefined) return { index: visible, mappable: true };
  for (let i = 0; i < 32; i++) if ((bits >>> i) & 1) return { index: i, mappable: false };
  return undefined;
}

/** The memoryTypeBits of a buffer made with `handleTypes` (made, asked, destroyed). */
export function bufferTypeBits(run: CaseRun, name: string, handleTypes?: number): number | undefined {
  if (run.step(steps.createBuffer(name, SIZE, BUFFER_USAGE, handleTypes)).result !== 'VK_SUCCESS') return undefined;
  const q = run.step(steps.bufferRequirements(name));
  run.step(steps.destroyBuffer(name));
  return num(obj(obj(q.after?.pMemoryRequirements).memoryRequirements).memoryTypeBits);
}

export interface Exported { memory: string; fd: number; type: number; mappable: boolean; step: StepOutcome }

/**
 * Memory that exports `t` (exportable per the buffer answer), mapped and holding `bytes` when it can be
 * mapped, and one fd exported from it. Undefined when the device would not make it.
 */
export function exportFd(ctx: EngineContext, run: CaseRun, t: TypeFacts, tag: string, bytes?: Uint8Array): Exported | undefined {
  const bits = bufferTypeBits(run, `probe${tag}`, t.type.bit);
  const mt = bits === undefined ? undefined : memoryType(ctx, bits);
  if (!mt) return undefined;
  const memory = `mem${tag}`;
  if (resultCode(run.step(steps.allocate(memory, SIZE, mt.index, [steps.exportInfo(t.type.bit)]))) !== 0) return undefined;
  if (mt.mappable && bytes) {
    run.step(steps.map(memory, SIZE));
    run.write(memory, bytes);
  }
  const fd = run.nextFd();
  const step = run.step(steps.getFd(memory, t.type.bit, fd));
  if (resultCode(step) !== 0) return undefined;
  return { memory, fd, type: mt.index, mappable: mt.mappable, step };
}

/** Whether `fd` (backend value) is in the held list of `o` with the identity it had (`identity`). */
export function stillHeld(o: StepOutcome, fd: number, identity: string | undefined): boolean {
  const h = (o.held ?? []).find((x) => x.handleKind === 'fd' && x.handle === fd);
  return h !== undefined && h.open && h.same && (identity === undefined || h.identity === undefined || h.identity === identity);
}

/** The dedicated requirement answers of the step that asked for them. */
export function dedicatedAnswer(o: StepOutcome): { prefers: number; requires: number } {
  const d = chained(obj(o.after?.pMemoryRequirements), 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS') ?? {};
  return { prefers: num(d.prefersDedicatedAllocation), requires: num(d.requiresDedicatedAllocation) };
}

/** size, alignment, memoryTypeBits of the step that asked for memory requirements. */
export function requirementsAnswer(o: StepOutcome): { size: number; alignment: number; memoryTypeBits: number } {
  const r = obj(obj(o.after?.pMemoryRequirements).memoryRequirements);
  return { size: num(r.size), alignment: num(r.alignment), memoryTypeBits: num(r.memoryTypeBits) };
}

/** Win32 types the device calls exportable and importable for a transfer buffer (NT or global share handles). */
export const win32Types = (ctx: EngineContext, need: { export?: boolean; import?: boolean }) =>
  ctx.facts.types.filter((t) => t.offered && (t.type.handle === 'NT' || t.type.handle === 'KMT') && (!need.export || exportable(t.buffer)) && (!need.import || importable(t.buffer)));

export interface ExportedHandle { memory: string; handle: string; type: number; mappable: boolean; step: StepOutcome }

/**
 * Memory that exports Win32 type `t`, holding `bytes` when it can be mapped, and one handle exported from
 * it (an NT type exports once per memory object: VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663).
 */
export function exportWin32(ctx: EngineContext, run: CaseRun, t: TypeFacts, tag: string, bytes?: Uint8Array, name?: string): ExportedHandle | undefined {
  const bits = bufferTypeBits(run, `probe${tag}`, t.type.bit);
  const mt = bits === undefined ? undefined : memoryType(ctx, bits);
  if (!mt) return undefined;
  const memory = `mem${tag}`;
  const chain = [steps.exportInfo(t.type.bit), ...(name ? [steps.exportWin32Info(name)] : [])];
  if (resultCode(run.step(steps.allocate(memory, SIZE, mt.index, chain))) !== 0) return undefined;
  if (mt.mappable && bytes) {
    run.step(steps.map(memory, SIZE));
    run.write(memory, bytes);
  }
  const handle = `h${tag}`;
  const step = run.step(steps.getWin32(memory, t.type.bit, handle));
  if (resultCode(step) !== 0) return undefined;
  return { memory, handle, type: mt.index, mappable: mt.mappable, step };
}

/** Whether the backend can watch handles of this kind (if not, a judgment that needs it is not applicable). */
export const observes = (run: CaseRun, kind: 'fd' | 'nt') => (run.backend.observer?.kinds ?? []).includes(kind);

/** The host pointer an import case's host memory starts at (the case's own name for it; see CaseRun.hostPointer). */
export const HOST_POINTER = 0x10000;

/**
 * The host-pointer type the device imports and its alignment, for a case of requirement `rule` under
 * id `group`; when there is none, that is recorded as not applicable and the answer is undefined.
 */
export function hostImport(ctx: EngineContext, group: string, rule: string): { host: TypeFacts; align: number; scope: Scope } | undefined {
  const host = ctx.facts.types.find((t) => t.type.handle === 'host pointer' && t.offered && importable(t.buffer));
  const align = ctx.facts.info.minImportedHostPointerAlignment ?? 0;
  const scope = { command: 'vkAllocateMemory', handleType: host?.short ?? '', noun: 'imports' };
  if (!host || !align) {
    ctx.tally.record(group, rule, scope, 'not-applicable', () => 'the device imports no host pointers (VK_EXT_external_memory_host)');
    return undefined;
  }
  return { host, align, scope };
}

/**
 * vkGetMemoryHostPointerPropertiesEXT for the case's host memory: the step, the memory type bits it
 * answered (0 when it failed), the memory type to import into (undefined: none), and the size an
 * import of it uses (a multiple of the alignment).
 */
export function hostImportTarget(ctx: EngineContext, run: CaseRun, host: TypeFacts, align: number) {
  const step = run.step(steps.hostPointerProperties(host.type.bit, HOST_POINTER));
  const bits = resultCode(step) === 0 ? Number((step.after?.pMemoryHostPointerProperties as { memoryTypeBits?: number } | undefined)?.memoryTypeBits ?? 0) : 0;
  return { step, bits, mt: memoryType(ctx, bits), size: Math.max(SIZE, align) };
}
