// The native backend: the Backend interface over the C++ addon (native/), which talks to a real Vulkan
// driver and, on Windows, to D3D11/D3D12. A scenario's main process is this one; each other process it names is
// a child process with its own addon (child-process.ts), so handles cross between real handle tables. D3D
// scenarios are not supported outside Windows. Its operations (the table of calls' OS and D3D
// calls) all go through the addon's one operation entry, built here from the table, none by hand.
// When the addon was not built or no driver is present, `loadNativeAddon` says exactly what is missing.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AllocateDesc, Backend, BufferDesc, HandleObserver, HandleState, ImageDesc, ImportDesc, LifecycleEvent, Operations, OsBackend, ProcessId, Runtimes, VulkanBackend } from '../types.js';
import type { D3DAvailability, HandleEventRecord, NativeAddon, OpenOptions, RawAddon } from './addon-api.js';
import { bindAddon } from './addon-calls.js';
import { NotSupported } from '../../session/placeholders.js';
import { KMT_TYPES, NV_KMT_TYPES } from '../../generated/handle-types.js';
import { ChildProcess, ChildProcessFailed, remoteAddon } from './child-process.js';
import { BACKEND_OPERATIONS, OPERATIONS, type BackendOperation } from '../../generated/calls.js';

export type { D3DAvailability, HandleEventRecord, NativeAddon, OpenOptions, LayerMessage, RawAddon } from './addon-api.js';
export { bindAddon } from './addon-calls.js';

/**
 * Where the built addon may be: next to the package's dist/, or named by VK_EXTMEM_ADDON (or
 * VKX_EXTMEM_ADDON: Wine does not pass VK_* variables on to the Windows programs it runs).
 */
export function addonCandidates(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const roots = [resolve(here, '..'), resolve(here, '../..'), resolve(here, '../../..')];
  const env = process.env.VK_EXTMEM_ADDON || process.env.VKX_EXTMEM_ADDON;
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
/** DuplicateHandle's dwOptions bit that closes the source handle (winnt.h). */
const DUPLICATE_CLOSE_SOURCE = 0x1;

/**
 * The addon throws TypeError or RangeError for arguments it refuses (an id it never made, an object
 * already freed). A driver would answer such a call with an error, not stop the run: so does this
 * backend, with `fallback`. Anything else (a child process that died) goes on up.
 */
function refused<R>(e: unknown, fallback: R): R {
  if (e instanceof RangeError || e instanceof TypeError) return fallback;
  throw e;
}

/**
 * One process the backend runs calls in: the one it was opened in (0), or a child it started for a
 * scenario's other process. Each has its own addon, handle table and Vulkan instance.
 */
interface Place {
  readonly process: ProcessId;
  readonly addon: NativeAddon;
  /** The OS's id of the process, which DuplicateHandle in another process is given. */
  readonly pid: number;
  readonly child?: ChildProcess;
  /** KMT values another process made that this one's addon was told it may pass on. */
  readonly adopted: Set<number>;
}

/** Object ids of a child process p are p * ID_SPAN plus the child's own id (ids of process 0 are the addon's own). */
const ID_SPAN = 2 ** 32;
/** An id no process has, for an object of one process named in another's call: the addon refuses it. */
const FOREIGN_ID = Number.MAX_SAFE_INTEGER;

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

  private readonly places = new Map<ProcessId, Place>();
  /** Every KMT value a process of this backend made, with the process that made it. */
  private readonly kmtMade = new Map<number, ProcessId>();
  private observing = false;

  /**
   * `options` are what the addon was opened with: a child process opens its own addon with them. The
   * `device`-th physical device comes first in every process.
   */
  constructor(readonly addon: NativeAddon, opened: { loader?: string; validation?: boolean }, readonly path: string, private readonly device = 0, private readonly options: OpenOptions = {}) {
    this.validationEnabled = !!opened.validation;
    this.places.set(0, { process: 0, addon, pid: process.pid, adopted: new Set() });
    // The chosen physical device comes first: scenarios take the first one vkEnumeratePhysicalDevices gives.
    const ordered = (place: Place) => {
      const all = place.addon.physicalDevices().map((d) => ({ ...d, handle: this.globalId(place, d.handle) }));
      const pick = all[this.device];
      return pick ? [pick, ...all.filter((_, i) => i !== this.device)] : all;
    };
    const devices = addon.physicalDevices();
    const emit = (e: LifecycleEvent) => this.onEvent?.(e);
    // D3D resources must be on the adapter of the Vulkan device that imports them: its LUID, when valid.
    const chosen = ordered(this.places.get(0)!)[0];
    const luid = chosen?.deviceLUIDValid ? chosen.deviceLUID : undefined;
    if (addon.platform === 'win32') {
      try { this.d3dAvailability = addon.d3dAvailable(luid); } catch (e) { this.d3dAvailability = { d3d11: false, d3d12: false, reason: `d3dAvailable failed: ${(e as Error).message}` }; }
    }
    this.runtimes = { d3d: !!this.d3dAvailability?.d3d11 };
    const d3dText = this.runtimes.d3d ? `; ${this.d3dAvailability?.d3d12 ? 'D3D11 and D3D12' : 'D3D11'}${this.d3dAvailability?.adapter ? ` on ${this.d3dAvailability.adapter}` : ''}` : '';
    this.description = `native backend (${addon.platform}, ${opened.loader ?? 'Vulkan loader'}): ${devices.map((d) => d.deviceName).join('; ') || 'no devices'}${opened.validation ? ', with VK_LAYER_KHRONOS_validation' : ''}${d3dText}`;
    // What a refused call answers (see refused()).
    const fails = { result: VK_ERROR_UNKNOWN, handle: 0, value: -1, memoryTypeBits: 0, external: { externalMemoryFeatures: 0, exportFromImportedHandleTypes: 0, compatibleHandleTypes: 0 } };
    const guard = <A extends unknown[], R>(fn: (...x: A) => R, fallback: R) => (...x: A): R => {
      try { return fn(...x); } catch (e) { return refused(e, fallback); }
    };
    const NO_REQS = { size: 0, alignment: 1, memoryTypeBits: 0, prefersDedicatedAllocation: false, requiresDedicatedAllocation: false };
    const NO_PROPS = { externalMemoryFeatures: 0, exportFromImportedHandleTypes: 0, compatibleHandleTypes: 0 };
    const NO_IMAGE = { result: VK_ERROR_UNKNOWN, external: NO_PROPS, limits: { maxExtent: { width: 0, height: 0, depth: 0 }, maxMipLevels: 0, maxArrayLayers: 0, sampleCounts: 0, maxResourceSize: 0 } };
    // What the addon of a process saw happen to the application's handles during a call, as lifecycle events.
    const drain = (place: Place, memory = 0) => { for (const e of place.addon.takeHandleEvents()) emit(toEvent(e, place.process, memory)); };
    // The addon's log outlives close() and open(): what it holds now happened before this backend, to
    // another session's calls, and is none of this one's events.
    addon.takeHandleEvents();
    // A call on an object runs in the process that made it, with that process's own id for it. (No
    // allocation on the way: ids of process 0, the common case, are the addon's own.)
    const main = this.places.get(0)!;
    const on = <R>(id: number, fallback: R, fn: (place: Place, local: number) => R): R => {
      let place: Place | undefined = main, local = id;
      if (!(id >= 0 && id < ID_SPAN)) {
        const at = this.locate(id);
        if (!at) return fallback;
        place = at.place; local = at.local;
      }
      try { return fn(place, local); } catch (e) { return refused(e, fallback); }
    };
    // The id, in `place`, of an object named in a call there: an object of another process is refused.
    const local = (place: Place, id: number) => {
      if (id === 0) return 0; // VK_NULL_HANDLE in every process
      if (id > 0 && id < ID_SPAN) return place === main ? id : FOREIGN_ID;
      const at = this.locate(id);
      return at?.place === place ? at.local : FOREIGN_ID;
    };
    const created = (place: Place, r: { result: number; handle: number }) => ({ result: r.result, handle: this.globalId(place, r.handle) });
    // A KMT value is global: another process of the session may import one this process made. Its addon
    // is told so first (it passes on only the handles the application holds).
    const adoptKmt = (place: Place, kmt: boolean, handle: number) => {
      const maker = this.kmtMade.get(handle);
      if (!kmt || maker === undefined || maker === place.process || place.adopted.has(handle)) return;
      guard(() => place.addon.adoptKmt(handle), undefined)();
      place.adopted.add(handle);
    };
    const isKmt = (kind: ImportDesc['kind'], t: number) => (kind === 'win32-nv' ? (t & NV_KMT_TYPES) !== 0 : (t & KMT_TYPES) !== 0);
    // Every Win32 export makes a handle: a KMT value of a KMT type, an NT handle of any other.
    const exported = (place: Place, r: { result: number; value: number }, kmt: boolean) => {
      if (r.result !== VK_SUCCESS) return r;
      if (kmt) this.kmtMade.set(r.value, place.process);
      emit({ kind: 'handle-created', process: place.process, handle: r.value, handleKind: kmt ? 'kmt' : 'nt', payload: 0 });
      return r;
    };
    this.vulkan = {
      physicalDevices: (p = 0) => { const place = this.places.get(p); return place ? ordered(place) : []; },
      // One query per call is what a capability sweep without the batch makes: no closure on the way.
      externalBufferProperties: (pd, q) => {
        if (!(pd >= 0 && pd < ID_SPAN)) return on(pd, NO_PROPS, (pl, id) => pl.addon.externalBufferProperties(id, q));
        try { return addon.externalBufferProperties(pd, q); } catch (e) { return refused(e, NO_PROPS); }
      },
      externalImageFormatProperties: (pd, q) => on(pd, NO_IMAGE, (pl, id) => pl.addon.externalImageFormatProperties(id, q)),
      externalImageFormatPropertiesNV: (pd, q) => on(pd, NO_IMAGE, (pl, id) => pl.addon.externalImageFormatPropertiesNV(id, q)),
      imageFormatProperties: (pd, q) => on(pd, NO_IMAGE, (pl, id) => pl.addon.imageFormatProperties(id, q)),
      createDevice: (pd, ext) => on(pd, fails, (pl, id) => created(pl, pl.addon.createDevice(id, ext))),
      destroyDevice: (dev) => on(dev, undefined, (pl, id) => pl.addon.destroyDevice(id)),
      createBuffer: (dev, d: BufferDesc) => on(dev, fails, (pl, id) => created(pl, pl.addon.createBuffer(id, d))),
      createImage: (dev, d: ImageDesc) => on(dev, fails, (pl, id) => created(pl, pl.addon.createImage(id, d))),
      destroyBuffer: (dev, b) => on(dev, undefined, (pl, id) => pl.addon.destroyBuffer(id, local(pl, b))),
      destroyImage: (dev, i) => on(dev, undefined, (pl, id) => pl.addon.destroyImage(id, local(pl, i))),
      bufferRequirements: (dev, b) => on(dev, NO_REQS, (pl, id) => pl.addon.bufferRequirements(id, local(pl, b))),
      imageRequirements: (dev, i) => on(dev, NO_REQS, (pl, id) => pl.addon.imageRequirements(id, local(pl, i))),
      // The device's process runs it, as every call on an object does (`process` names the same one; a
      // device of another process is the scenario's mistake, answered by that process's driver).
      allocate: (_p: ProcessId, dev, d: AllocateDesc) => on(dev, fails, (pl, id) => {
        const objects = (o?: { image: number; buffer: number }) => o && { image: o.image ? local(pl, o.image) : 0, buffer: o.buffer ? local(pl, o.buffer) : 0 };
        for (const i of d.imports ?? []) if (i.kind === 'win32' || i.kind === 'win32-nv') adoptKmt(pl, isKmt(i.kind, i.handleType), i.handle);
        // Ids of the main process are the addon's own: the description goes as it is.
        const desc = pl === main || (!d.dedicated && !d.dedicatedNV) ? d : { ...d, dedicated: objects(d.dedicated), dedicatedNV: objects(d.dedicatedNV) };
        const made = created(pl, pl.addon.allocate(id, desc));
        // fd imports are reported by the addon as it saw them (kept, consumed, ...); an NT handle stays
        // the application's (a KMT value is nobody's), so its import is told here (an import by name has no handle).
        drain(pl, made.handle);
        const win32 = made.result === VK_SUCCESS && made.handle !== 0 ? (d.imports ?? []).find((i) => (i.kind === 'win32' || i.kind === 'win32-nv') && i.handleType !== 0 && i.handle !== 0) : undefined;
        if (win32 && (win32.kind === 'win32' || win32.kind === 'win32-nv')) emit({ kind: 'handle-imported', process: pl.process, handle: win32.handle, handleKind: isKmt(win32.kind, win32.handleType) ? 'kmt' : 'nt', payload: 0, memory: made.handle, ownershipMoved: false });
        return made;
      }),
      free: (dev, mem) => on(dev, undefined, (pl, id) => pl.addon.free(id, local(pl, mem))),
      bindBuffer: (dev, b, mem, off) => on(dev, VK_ERROR_UNKNOWN, (pl, id) => pl.addon.bindBuffer(id, local(pl, b), local(pl, mem), off)),
      bindImage: (dev, i, mem, off) => on(dev, VK_ERROR_UNKNOWN, (pl, id) => pl.addon.bindImage(id, local(pl, i), local(pl, mem), off)),
      map: (dev, mem, off, size) => on(dev, VK_ERROR_UNKNOWN, (pl, id) => pl.addon.map(id, local(pl, mem), off, size)),
      unmap: (dev, mem) => on(dev, undefined, (pl, id) => pl.addon.unmap(id, local(pl, mem))),
      write: (mem, off, bytes) => on(mem, undefined, (pl, id) => pl.addon.write(id, off, bytes)),
      read: (mem, off, size) => on(mem, new Uint8Array(0), (pl, id) => pl.addon.read(id, off, size)),
      getWin32Handle: (_p, dev, mem, t) => on(dev, fails, (pl, id) => exported(pl, pl.addon.getWin32Handle(id, local(pl, mem), t), (t & KMT_TYPES) !== 0)),
      getWin32HandleNV: (_p, dev, mem, t) => on(dev, fails, (pl, id) => exported(pl, pl.addon.getWin32HandleNV(id, local(pl, mem), t), (t & NV_KMT_TYPES) !== 0)),
      getFd: (_p, dev, mem, t) => on(dev, fails, (pl, id) => {
        const r = pl.addon.getFd(id, local(pl, mem), t);
        if (r.result === VK_SUCCESS) emit({ kind: 'handle-created', process: pl.process, handle: r.value, handleKind: 'fd', payload: 0 });
        return r;
      }),
      win32HandleProperties: (_p, dev, t, h) => on(dev, fails, (pl, id) => { adoptKmt(pl, (t & KMT_TYPES) !== 0, h); return pl.addon.win32HandleProperties(id, t, h); }),
      fdProperties: (_p, dev, t, fd) => on(dev, fails, (pl, id) => { const r = pl.addon.fdProperties(id, t, fd); drain(pl); return r; }),
      hostPointerProperties: (dev, t, ptr) => on(dev, fails, (pl, id) => pl.addon.hostPointerProperties(id, t, ptr)),
    };
    this.observer = {
      // The addon watches fds on POSIX; its Win32 handle table is not observed yet.
      kinds: addon.platform === 'win32' ? [] : ['fd'],
      held: () => [...this.places.values()].flatMap((pl) => {
        const held = pl.addon.heldFds();
        drain(pl);
        return held.map((h): HandleState => ({ process: pl.process, handle: h.fd, handleKind: 'fd', open: true, same: true, identity: h.identity }));
      }),
      identity: (p, handle, kind) => {
        const pl = this.places.get(p);
        return pl && kind === 'fd' ? guard(() => pl.addon.fdIdentity(handle), '')() || undefined : undefined;
      },
    };
    this.os = {
      createProcess: (name) => this.startProcess(name),
      hostAlloc: (p, size, alignment) => this.in(p, 0, (pl) => pl.addon.hostAlloc(size, alignment)),
      hostWrite: (p, pointer, bytes) => this.in(p, false, (pl) => pl.addon.hostWrite(pointer, bytes)),
      hostRead: (p, pointer, size) => this.in<Uint8Array | undefined>(p, undefined, (pl) => pl.addon.hostRead(pointer, size)),
    };
    this.operations = nativeOperations({
      place: (p) => this.places.get(p),
      adapterLUID: luid,
      drain,
      emit,
      exited: (pl) => this.endProcess(pl),
      localObject: local,
      globalObject: (pl, id) => this.globalId(pl, id),
    });
  }

  /**
   * Turns observing mode on or off: the addon then also looks for copies a driver makes of the fds it is
   * shown (a scan of /proc/self/fd around each import). The conformance engine turns it on.
   */
  setObserving(on: boolean): void {
    this.observing = on;
    for (const pl of this.places.values()) pl.addon.setObserving(on);
  }

  /** The backend-wide id of a process's own object id. */
  private globalId(place: Place, id: number): number {
    return id === 0 || place.process === 0 ? id : place.process * ID_SPAN + id;
  }

  /** The process that made the object with backend-wide id `id`, and its own id for it. */
  private locate(id: number): { place: Place; local: number } | undefined {
    if (!Number.isSafeInteger(id) || id < 0) return undefined;
    const p = Math.floor(id / ID_SPAN);
    const place = this.places.get(p);
    return place ? { place, local: id - p * ID_SPAN } : undefined;
  }

  private in<R>(p: ProcessId, fallback: R, fn: (place: Place) => R): R {
    const place = this.places.get(p);
    if (!place) return fallback;
    try { return fn(place); } catch (e) { return refused(e, fallback); }
  }

  /**
   * A scenario's other process: a child process of this one, with its own addon opened the same way
   * (child-process.ts). Not supported where it cannot start, with the reason.
   */
  private startProcess(name: string): ProcessId {
    const p = Math.max(...this.places.keys()) + 1;
    let child: ChildProcess;
    try {
      child = new ChildProcess(`process ${JSON.stringify(name)}`, this.options, this.device);
    } catch (e) {
      if (e instanceof ChildProcessFailed) throw new NotSupported(e.message);
      throw e;
    }
    const place: Place = { process: p, addon: remoteAddon(child, this.addon.platform), pid: child.pid, child, adopted: new Set() };
    this.places.set(p, place);
    place.addon.takeHandleEvents();
    if (this.observing) place.addon.setObserving(true);
    return p;
  }

  /** After ExitProcess: a child process ends (its addon closes what is left); process 0 stays. */
  private endProcess(place: Place): void {
    if (!place.child) return;
    place.child.end();
    this.places.delete(place.process);
  }

  /** Messages of the validation layer since the last call (when opened with validation), from every process. */
  takeLayerMessages() { return [...this.places.values()].flatMap((pl) => pl.addon.takeLayerMessages()); }

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

  dispose(): void {
    for (const pl of this.places.values()) if (pl.child) pl.child.end();
    this.places.clear();
    this.addon.close();
  }
}

interface OperationContext {
  place(p: ProcessId): Place | undefined;
  adapterLUID: Uint8Array | undefined;
  drain(place: Place): void;
  emit(e: LifecycleEvent): void;
  exited(place: Place): void;
  localObject(place: Place, id: number): number;
  globalObject(place: Place, id: number): number;
}

/**
 * Every operation of the table, the same way: it runs in the calling process, or in the one its row's
 * `runsIn` parameter names (DuplicateHandle in its target process, ExitProcess in the one that exits);
 * process inputs become OS process ids (0: the process running it); objects become that process's own
 * ids; a LUID the step leaves out is the Vulkan device's (D3D resources must be on the adapter that
 * imports them); the addon's one entry runs it; an argument the addon refuses (it throws TypeError or
 * RangeError, as for an object it never made) is answered as the row's return type refuses one (FALSE,
 * -1, E_INVALIDARG); what the call did to the application's handles comes back as events.
 * DuplicateHandle runs in its target process, which makes the copy (the addon holds only handles it
 * made); a DUPLICATE_CLOSE_SOURCE of another process's handle is then that process's CloseHandle.
 */
function nativeOperations(c: OperationContext): Operations {
  const entry = (name: BackendOperation) => {
    const row = OPERATIONS[name];
    const refusal: Record<string, number | undefined> = { result: row.refused };
    for (const q of row.params) if (q.out) refusal[q.name] = 0;
    const objectOuts = row.params.filter((q) => q.out && q.kind === 'object').map((q) => q.name);
    return (p: ProcessId, args: Record<string, unknown>) => {
      const runsIn = row.runsIn !== undefined && args[row.runsIn] !== undefined ? (args[row.runsIn] as ProcessId) : p;
      const place = c.place(runsIn);
      if (!place) return { ...refusal };
      const given = { ...args };
      // A copy from another process: that process closes its own handle (DUPLICATE_CLOSE_SOURCE) after.
      const source = name === 'DuplicateHandle' ? c.place(args.hSourceProcessHandle as ProcessId) : undefined;
      const closeInSource = source !== undefined && source !== place && ((args.dwOptions as number) & DUPLICATE_CLOSE_SOURCE) !== 0;
      if (closeInSource) given.dwOptions = (args.dwOptions as number) & ~DUPLICATE_CLOSE_SOURCE;
      for (const q of row.params) {
        if (q.out) continue;
        if (q.kind === 'process') {
          const other = c.place(given[q.name] as ProcessId);
          if (!other) return { ...refusal };
          given[q.name] = other === place ? 0 : other.pid;
        }
        if (q.kind === 'object' && typeof given[q.name] === 'number') given[q.name] = c.localObject(place, given[q.name] as number);
        if (q.kind === 'luid' && given[q.name] === undefined) given[q.name] = c.adapterLUID;
      }
      let r: Record<string, unknown>;
      try {
        r = place.addon.operation(name, given as never) as Record<string, unknown>;
      } catch (e) {
        c.drain(place);
        return refused(e, { ...refusal });
      }
      for (const o of objectOuts) if (typeof r[o] === 'number') r[o] = c.globalObject(place, r[o] as number);
      // The copy first, then what the call closed (DUPLICATE_CLOSE_SOURCE), as the call did them.
      if (name === 'DuplicateHandle' && r.result && r.lpTargetHandle) c.emit({ kind: 'handle-duplicated', process: place.process, handle: r.lpTargetHandle as number, fromProcess: (source ?? place).process, from: args.hSourceHandle as number, payload: 0 });
      c.drain(place);
      if (closeInSource) {
        try { source.addon.operation('CloseHandle', { hObject: args.hSourceHandle as number }); } catch (e) { refused(e, undefined); }
        c.drain(source);
      }
      if (name === 'ExitProcess') c.exited(place);
      return r;
    };
  };
  return Object.fromEntries(BACKEND_OPERATIONS.map((n) => [n, entry(n)])) as unknown as Operations;
}

/** One event of a process's addon log as a lifecycle event. */
function toEvent(e: HandleEventRecord, process: ProcessId, memory: number): LifecycleEvent {
  switch (e.what) {
    case 'created-nt': case 'created-kmt':
      return { kind: 'handle-created', process, handle: e.handle, handleKind: e.what === 'created-nt' ? 'nt' : 'kmt', payload: 0 };
    case 'closed-nt': case 'closed-fd':
      return { kind: 'handle-closed', process, handle: e.handle, handleKind: e.what === 'closed-nt' ? 'nt' : 'fd' };
    case 'exited':
      return { kind: 'process-exited', process, handlesClosed: e.handle };
    case 'kept': case 'consumed':
      return { kind: 'handle-imported', process, handle: e.handle, handleKind: 'fd', payload: 0, memory, ownershipMoved: true, stillOpen: e.what === 'kept' };
    case 'closed': case 'replaced':
      return { kind: 'handle-lost', process, handle: e.handle, handleKind: 'fd', how: e.what, during: e.during };
    case 'copied':
      return { kind: 'handle-copied', process, handle: e.other, from: e.handle, handleKind: 'fd', during: e.during };
    case 'substituted':
      // NT handles are shown as NULL (other 0), fds as a number no process can have open.
      return e.other === 0
        ? { kind: 'value-substituted', process, handle: e.handle, handleKind: 'nt', shown: 0, why: 'the handle is not one the application holds, so the driver is shown NULL' }
        : { kind: 'value-substituted', process, handle: e.handle, handleKind: 'fd', shown: e.other, why: 'the number is not an fd the application holds, so the driver is shown one no process can have open' };
    case 'not-passed':
      return { kind: 'not-passed', process, why: e.during };
  }
}

/** Opens the native backend, or throws NativeUnavailable saying exactly what is missing. */
export function createNativeBackend(o: OpenOptions = {}, device = 0): NativeBackend {
  const load = loadNativeAddon();
  if (!load.addon) throw new NativeUnavailable(load.reason ?? 'the native addon is unavailable');
  const opened = load.addon.open(o);
  if (!opened.ok) throw new NativeUnavailable(`the native addon loaded (${load.path}) but cannot reach a Vulkan driver: ${opened.error ?? 'unknown reason'}`);
  return new NativeBackend(load.addon, opened, load.path!, device, o);
}
