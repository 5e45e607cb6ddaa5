// The native backend: the Backend interface over the C++ addon (native/), which talks to a real Vulkan
// driver and, on Windows, to D3D11/D3D12. It runs in this one process; scenarios with other processes
// are not supported by it, nor D3D ones outside Windows. Its operations (the table of calls' OS and D3D
// calls) all go through the addon's one operation entry, built here from the table, none by hand.
// When the addon was not built or no driver is present, `loadNativeAddon` says exactly what is missing.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AllocateDesc, Backend, BufferDesc, HandleObserver, HandleState, ImageDesc, LifecycleEvent, Operations, OsBackend, ProcessId, Runtimes, VulkanBackend } from '../types.js';
import type { D3DAvailability, HandleEventRecord, NativeAddon, OpenOptions, RawAddon } from './addon-api.js';
import { bindAddon } from './addon-calls.js';
import { NotSupported } from '../../session/placeholders.js';
import { KMT_TYPES } from '../../generated/handle-types.js';
import { BACKEND_OPERATIONS, OPERATIONS, type BackendOperation } from '../../generated/calls.js';

export type { D3DAvailability, HandleEventRecord, NativeAddon, OpenOptions, LayerMessage, RawAddon } from './addon-api.js';
export { bindAddon } from './addon-calls.js';

/** Where the built addon may be: next to the package's dist/, or named by VK_EXTMEM_ADDON. */
export function addonCandidates(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const roots = [resolve(here, '..'), resolve(here, '../..'), resolve(here, '../../..')];
  const env = process.env.VK_EXTMEM_ADDON;
  const build = process.platform === 'win32' ? ['native/build/win32/vkextmem.node', 'native/build/Release/vkextmem.node'] : ['native/build/Release/vkextmem.node'];
  // A relative VK_EXTMEM_ADDON is relative to the working directory (require would read it as a module name).
  return [...new Set([...(env ? [resolve(env)] : []), ...roots.flatMap((r) => build.map((b) => join(r, b)))])];
}

export interface NativeLoad { addon?: NativeAddon; path?: string; reason?: string }

let cached: NativeLoad | undefined;
/** Loads the addon once; never throws. */
export function loadNativeAddon(): NativeLoad {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const tried: string[] = [];
  for (const path of addonCandidates()) {
    if (!existsSync(path)) { tried.push(path); continue; }
    try {
      return (cached = { addon: bindAddon(require(path) as RawAddon), path });
    } catch (e) {
      return (cached = { reason: `the native addon at ${path} does not load: ${(e as Error).message}` });
    }
  }
  return (cached = { reason: `the native addon is not built (looked for ${tried.join(', ')}); build it with "npm run build:native" (needs cmake and a C++ compiler)` });
}

export class NativeUnavailable extends Error {}

const VK_SUCCESS = 0;
const VK_ERROR_UNKNOWN = -13;

export class NativeBackend implements Backend {
  readonly kind = 'native' as const;
  readonly description: string;
  readonly vulkan: VulkanBackend;
  readonly os: OsBackend;
  readonly operations: Operations;
  /** D3D: where the addon runs on Windows and D3D11 makes a device. */
  readonly runtimes: Runtimes;
  /** What the addon found of D3D (win32 only): which runtimes work, on which adapter, or why not. */
  readonly d3dAvailability?: D3DAvailability;
  onEvent?: (e: LifecycleEvent) => void;

  /** Whether VK_LAYER_KHRONOS_validation was found and enabled (when asked for). */
  readonly validationEnabled: boolean;
  readonly observer: HandleObserver;

  constructor(readonly addon: NativeAddon, opened: { loader?: string; validation?: boolean }, readonly path: string, device = 0) {
    this.validationEnabled = !!opened.validation;
    // The chosen physical device comes first: scenarios take the first one vkEnumeratePhysicalDevices gives.
    const ordered = () => { const all = addon.physicalDevices(); const pick = all[device]; return pick ? [pick, ...all.filter((_, i) => i !== device)] : all; };
    const devices = addon.physicalDevices();
    const a = addon;
    const emit = (e: LifecycleEvent) => this.onEvent?.(e);
    // D3D resources must be on the adapter of the Vulkan device that imports them: its LUID, when valid.
    const chosen = ordered()[0];
    const luid = chosen?.deviceLUIDValid ? chosen.deviceLUID : undefined;
    if (addon.platform === 'win32') {
      try { this.d3dAvailability = addon.d3dAvailable(luid); } catch (e) { this.d3dAvailability = { d3d11: false, d3d12: false, reason: `d3dAvailable failed: ${(e as Error).message}` }; }
    }
    this.runtimes = { d3d: !!this.d3dAvailability?.d3d11 };
    const d3dText = this.runtimes.d3d ? `; ${this.d3dAvailability?.d3d12 ? 'D3D11 and D3D12' : 'D3D11'}${this.d3dAvailability?.adapter ? ` on ${this.d3dAvailability.adapter}` : ''}` : '';
    this.description = `native backend (${addon.platform}, ${opened.loader ?? 'Vulkan loader'}): ${devices.map((d) => d.deviceName).join('; ') || 'no devices'}${opened.validation ? ', with VK_LAYER_KHRONOS_validation' : ''}${d3dText}`;
    // The addon throws for ids it does not know (a name the scenario never bound, an object already
    // freed). A driver would answer such a call with an error, not stop the run: so does this backend.
    const fails = { result: VK_ERROR_UNKNOWN, handle: 0, value: -1, memoryTypeBits: 0, external: { externalMemoryFeatures: 0, exportFromImportedHandleTypes: 0, compatibleHandleTypes: 0 } };
    const guard = <A extends unknown[], R>(fn: (...x: A) => R, fallback: R) => (...x: A): R => {
      try { return fn(...x); } catch (e) { if (e instanceof RangeError || e instanceof TypeError) return fallback; throw e; }
    };
    const NO_REQS = { size: 0, alignment: 1, memoryTypeBits: 0, prefersDedicatedAllocation: false, requiresDedicatedAllocation: false };
    const NO_PROPS = { externalMemoryFeatures: 0, exportFromImportedHandleTypes: 0, compatibleHandleTypes: 0 };
    const NO_IMAGE = { result: VK_ERROR_UNKNOWN, external: NO_PROPS, limits: { maxExtent: { width: 0, height: 0, depth: 0 }, maxMipLevels: 0, maxArrayLayers: 0, sampleCounts: 0, maxResourceSize: 0 } };
    // What the addon saw happen to the application's fds during a call, as lifecycle events.
    const drain = (memory = 0) => { for (const e of a.takeHandleEvents()) emit(toEvent(e, memory)); };
    // The addon's log outlives close() and open(): what it holds now happened before this backend, to
    // another session's calls, and is none of this one's events.
    a.takeHandleEvents();
    this.vulkan = {
      physicalDevices: ordered,
      externalBufferProperties: guard((pd, q) => a.externalBufferProperties(pd, q), NO_PROPS),
      externalImageFormatProperties: guard((pd, q) => a.externalImageFormatProperties(pd, q), NO_IMAGE),
      externalImageFormatPropertiesNV: guard((pd, q) => a.externalImageFormatPropertiesNV(pd, q), NO_IMAGE),
      imageFormatProperties: guard((pd, q) => a.imageFormatProperties(pd, q), NO_IMAGE),
      createDevice: guard((pd, ext) => a.createDevice(pd, ext), fails),
      destroyDevice: guard((dev) => a.destroyDevice(dev), undefined),
      createBuffer: guard((dev, d: BufferDesc) => a.createBuffer(dev, d), fails),
      createImage: guard((dev, d: ImageDesc) => a.createImage(dev, d), fails),
      destroyBuffer: guard((dev, b) => a.destroyBuffer(dev, b), undefined),
      destroyImage: guard((dev, i) => a.destroyImage(dev, i), undefined),
      bufferRequirements: guard((dev, b) => a.bufferRequirements(dev, b), NO_REQS),
      imageRequirements: guard((dev, i) => a.imageRequirements(dev, i), NO_REQS),
      allocate: (p: ProcessId, dev, d: AllocateDesc) => {
        this.only(p);
        const r = guard(() => a.allocate(dev, d), fails)();
        // fd imports are reported by the addon as it saw them (kept, consumed, ...); an NT handle stays
        // the application's, so its import is told here.
        drain(r.handle);
        const nt = r.result === VK_SUCCESS && r.handle !== 0 ? (d.imports ?? []).find((i) => (i.kind === 'win32' || i.kind === 'win32-nv') && i.handleType !== 0) : undefined;
        if (nt && (nt.kind === 'win32' || nt.kind === 'win32-nv')) emit({ kind: 'handle-imported', process: 0, handle: nt.handle, handleKind: 'nt', payload: 0, memory: r.handle, ownershipMoved: false });
        return r;
      },
      free: guard((dev, mem) => a.free(dev, mem), undefined),
      bindBuffer: guard((dev, b, mem, off) => a.bindBuffer(dev, b, mem, off), VK_ERROR_UNKNOWN),
      bindImage: guard((dev, i, mem, off) => a.bindImage(dev, i, mem, off), VK_ERROR_UNKNOWN),
      map: guard((dev, mem, off, size) => a.map(dev, mem, off, size), VK_ERROR_UNKNOWN),
      unmap: guard((dev, mem) => a.unmap(dev, mem), undefined),
      write: guard((mem, off, bytes) => a.write(mem, off, bytes), undefined),
      read: guard((mem, off, size) => a.read(mem, off, size), new Uint8Array(0)),
      getWin32Handle: (p, dev, mem, t) => { this.only(p); const r = guard(() => a.getWin32Handle(dev, mem, t), fails)(); if (r.result === VK_SUCCESS) emit({ kind: 'handle-created', process: 0, handle: r.value, handleKind: (t & KMT_TYPES) ? 'kmt' : 'nt', payload: 0 }); return r; },
      getWin32HandleNV: (p, dev, mem, t) => { this.only(p); return guard(() => a.getWin32HandleNV(dev, mem, t), fails)(); },
      getFd: (p, dev, mem, t) => { this.only(p); const r = guard(() => a.getFd(dev, mem, t), fails)(); if (r.result === VK_SUCCESS) emit({ kind: 'handle-created', process: 0, handle: r.value, handleKind: 'fd', payload: 0 }); return r; },
      win32HandleProperties: (p, dev, t, h) => { this.only(p); return guard(() => a.win32HandleProperties(dev, t, h), fails)(); },
      fdProperties: (p, dev, t, fd) => { this.only(p); const r = guard(() => a.fdProperties(dev, t, fd), fails)(); drain(); return r; },
      hostPointerProperties: guard((dev, t, ptr) => a.hostPointerProperties(dev, t, ptr), fails),
    };
    this.observer = {
      // The addon watches fds on POSIX; its Win32 handle table is not observed yet.
      kinds: addon.platform === 'win32' ? [] : ['fd'],
      held: () => {
        const held = a.heldFds();
        drain();
        return held.map((h): HandleState => ({ process: 0, handle: h.fd, handleKind: 'fd', open: true, same: true, identity: h.identity }));
      },
      identity: (p, handle, kind) => (p === 0 && kind === 'fd' ? guard(() => a.fdIdentity(handle), '')() || undefined : undefined),
    };
    this.os = {
      createProcess: (name) => { throw new NotSupported(`the native backend runs in one process and cannot make process ${JSON.stringify(name)}`); },
      hostAlloc: (p, size, alignment) => { this.only(p); return guard(() => a.hostAlloc(size, alignment), 0)(); },
      hostWrite: (p, pointer, bytes) => { this.only(p); return guard(() => a.hostWrite(pointer, bytes), false)(); },
      hostRead: (p, pointer, size) => { this.only(p); return guard(() => a.hostRead(pointer, size), undefined)(); },
    };
    this.operations = nativeOperations(a, (p) => this.only(p), luid, drain);
  }

  /**
   * Turns observing mode on or off: the addon then also looks for copies a driver makes of the fds it is
   * shown (a scan of /proc/self/fd around each import). The conformance engine turns it on.
   */
  setObserving(on: boolean): void {
    this.addon.setObserving(on);
  }

  private only(p: ProcessId): void {
    if (p !== 0) throw new NotSupported('the native backend runs in one process');
  }

  /**
   * Many external buffer queries in one crossing into the addon: `queries` holds (flags, usage,
   * handleType) triples and `out` receives (externalMemoryFeatures, exportFromImportedHandleTypes,
   * compatibleHandleTypes) triples. A capability sweep made this way costs about what the same loop costs
   * in C; one query per call pays the JavaScript-to-C++ crossing each time. Returns the query count.
   */
  externalBufferPropertiesBatch(pd: number, queries: Uint32Array, out: Uint32Array): number {
    return this.addon.externalBufferPropertiesBatch(pd, queries, out);
  }

  /**
   * Many image capability queries in one crossing into the addon (see NativeAddon.imageFormatBatch): a
   * sweep of every format, type, tiling, usage and flag costs what the same loop costs in C.
   */
  imageFormatBatch(pd: number, queries: Uint32Array, out: Float64Array): number {
    return this.addon.imageFormatBatch(pd, queries, out);
  }

  /** Messages of the validation layer since the last call (when opened with validation). */
  takeLayerMessages() { return this.addon.takeLayerMessages(); }

  dispose(): void {
    this.addon.close();
  }
}

/**
 * Every operation of the table, the same way: the calling process and every process input must be this
 * one; a LUID the step leaves out is the Vulkan device's (D3D resources must be on the adapter that
 * imports them); the addon's one entry runs it; an argument the addon refuses (it throws TypeError or
 * RangeError, as for an object it never made) is answered as the row's return type refuses one (FALSE,
 * -1, E_INVALIDARG); what the call did to the application's handles comes back as events.
 */
function nativeOperations(a: NativeAddon, only: (p: ProcessId) => void, adapterLUID: Uint8Array | undefined, drain: () => void): Operations {
  const entry = (name: BackendOperation) => {
    const row = OPERATIONS[name];
    const refused: Record<string, number | undefined> = { result: row.refused };
    for (const q of row.params) if (q.out) refused[q.name] = 0;
    return (p: ProcessId, args: Record<string, unknown>) => {
      only(p);
      const given = { ...args };
      for (const q of row.params) {
        if (q.kind === 'process') only(given[q.name] as number);
        if (q.kind === 'luid' && given[q.name] === undefined) given[q.name] = adapterLUID;
      }
      try {
        return a.operation(name, given as never);
      } catch (e) {
        if (e instanceof RangeError || e instanceof TypeError) return { ...refused };
        throw e;
      } finally {
        drain();
      }
    };
  };
  return Object.fromEntries(BACKEND_OPERATIONS.map((n) => [n, entry(n)])) as unknown as Operations;
}

/** One event of the addon's log as a lifecycle event (the native backend has one process, 0). */
function toEvent(e: HandleEventRecord, memory: number): LifecycleEvent {
  switch (e.what) {
    case 'created-nt': case 'created-kmt':
      return { kind: 'handle-created', process: 0, handle: e.handle, handleKind: e.what === 'created-nt' ? 'nt' : 'kmt', payload: 0 };
    case 'closed-nt': case 'closed-fd':
      return { kind: 'handle-closed', process: 0, handle: e.handle, handleKind: e.what === 'closed-nt' ? 'nt' : 'fd' };
    case 'kept': case 'consumed':
      return { kind: 'handle-imported', process: 0, handle: e.handle, handleKind: 'fd', payload: 0, memory, ownershipMoved: true, stillOpen: e.what === 'kept' };
    case 'closed': case 'replaced':
      return { kind: 'handle-lost', process: 0, handle: e.handle, handleKind: 'fd', how: e.what, during: e.during };
    case 'copied':
      return { kind: 'handle-copied', process: 0, handle: e.other, from: e.handle, handleKind: 'fd', during: e.during };
    case 'substituted':
      // NT handles are shown as NULL (other 0), fds as a number no process can have open.
      return e.other === 0
        ? { kind: 'value-substituted', process: 0, handle: e.handle, handleKind: 'nt', shown: 0, why: 'the handle is not one the application holds, so the driver is shown NULL' }
        : { kind: 'value-substituted', process: 0, handle: e.handle, handleKind: 'fd', shown: e.other, why: 'the number is not an fd the application holds, so the driver is shown one no process can have open' };
    case 'not-passed':
      return { kind: 'not-passed', process: 0, why: e.during };
  }
}

/** Opens the native backend, or throws NativeUnavailable saying exactly what is missing. */
export function createNativeBackend(o: OpenOptions = {}, device = 0): NativeBackend {
  const load = loadNativeAddon();
  if (!load.addon) throw new NativeUnavailable(load.reason ?? 'the native addon is unavailable');
  const opened = load.addon.open(o);
  if (!opened.ok) throw new NativeUnavailable(`the native addon loaded (${load.path}) but cannot reach a Vulkan driver: ${opened.error ?? 'unknown reason'}`);
  return new NativeBackend(load.addon, opened, load.path!, device);
}
