// The mock backend: a deterministic simulation of Windows handles and processes, D3D resources, POSIX
// fds and Vulkan devices described by device profiles. Same calls, same handle values and events, every
// run. Besides the Backend interface it offers read-only introspection (payloads, handle tables,
// counts) for tests and timelines, and checkInvariants() for the tests to run after every step.
import type { NormalizedProfile } from '../../profiles/types.js';
import type { Backend, HandleObserver, HandleState, LifecycleEvent, ObjectHandle, Operations, ProcessId, Runtimes } from '../types.js';
import { BACKEND_OPERATIONS, type BackendOperation } from '../../generated/calls.js';
import { MockD3D } from './d3d.js';
import { checkInvariants } from './invariants.js';
import { DEDICATED_BUFFER, DEDICATED_IMAGE } from './memory.js';
import { MockOs } from './os.js';
import type { Origin } from './payloads.js';
import { MockVulkan } from './vulkan.js';
import { World } from './world.js';

export interface MockOptions {
  /** Open NT handles one process may hold (default 2^24, about the Windows per-process limit). */
  ntHandlesPerProcess?: number;
  /** Open fds one process may hold (default 2^20, a common RLIMIT_NOFILE hard limit). */
  fdsPerProcess?: number;
  /** Replaces the generated one-line description. */
  description?: string;
}

export interface PayloadInfo {
  id: number;
  size: number;
  origin: Origin;
  /** Memory objects + kernel objects + D3D objects + fds + host allocations referencing it. */
  refs: number;
  /** Vulkan memory type it was allocated from; -1 when it was not allocated by Vulkan. */
  memoryTypeIndex: number;
  /** Index (enumeration order) of the physical device it belongs to; -1: none of ours. */
  physicalDevice: number;
  /** Its global share (KMT) value, if one was made. */
  kmt?: number;
  /** Bytes held because something was written (stored lazily, in pages). */
  storedBytes: number;
}

export interface NtHandleInfo { handle: number; payload: number; access: number; handleType: number; inherit: boolean; name?: string }
export interface FdInfo { fd: number; payload: number; handleType: number }
export interface KmtInfo { handle: number; payload: number; handleType: number; alive: boolean }
export interface MemoryInfo {
  handle: ObjectHandle; device: ObjectHandle; payload: number; size: number; offset: number; memoryTypeIndex: number; process: ProcessId;
  /** The KHR handle-type bit it was imported as; 0 for a new allocation. */
  importedAs: number;
  exportTypes: number; exportTypesNV: number; exportName?: string; mapped: boolean; dedicatedImage: ObjectHandle; dedicatedBuffer: ObjectHandle;
}
export interface MockCounts {
  processes: number; liveProcesses: number; ntHandles: number; fds: number; kmtHandles: number; liveKmtHandles: number;
  kernelObjects: number; names: number; payloads: number; memoryObjects: number; d3dObjects: number; devices: number; buffers: number; images: number;
}

function describe(profiles: readonly NormalizedProfile[]): string {
  const one = (p: NormalizedProfile): string => {
    const pv = p.provenance;
    const how = pv?.kind === 'measured' ? `measured on ${pv.driver} ${pv.driverVersion}` : 'illustrative, not measured';
    return `${p.title ?? p.profile} (${how})`;
  };
  return profiles.length === 0 ? 'mock backend with no devices' : `mock backend: ${profiles.map(one).join('; ')}`;
}

/**
 * The table's operations: each is the method of that name of the OS side (os.ts) or the D3D side
 * (d3d.ts). The `Pick` fails the typecheck when an operation of the table has no method, or one whose
 * inputs or outputs are not the row's.
 */
function operationsOf(os: MockOs, d3d: MockD3D): Operations {
  // Omit<…, never> keeps the public members only (two classes' private members would make the intersection never).
  const sides: Pick<Omit<MockOs, never> & Omit<MockD3D, never>, BackendOperation> extends Operations ? [MockOs, MockD3D] : never = [os, d3d];
  const entries = BACKEND_OPERATIONS.map((name) => {
    const side = sides.find((x) => typeof (x as unknown as Record<string, unknown>)[name] === 'function') as unknown as Record<string, (...a: unknown[]) => unknown>;
    return [name, side[name].bind(side)];
  });
  return Object.fromEntries(entries) as Operations;
}

export class MockBackend implements Backend {
  readonly kind = 'mock' as const;
  readonly description: string;
  readonly vulkan: MockVulkan;
  readonly os: MockOs;
  readonly operations: Operations;
  readonly runtimes: Runtimes;
  onEvent?: (e: LifecycleEvent) => void;
  /** Every fd and NT handle of every live process; the identity is the payload (fd) or kernel object (NT). */
  readonly observer: HandleObserver = {
    kinds: ['fd', 'nt'],
    held: () => {
      const out: HandleState[] = [];
      for (const p of this.w.processes.list) {
        if (!p.alive) continue;
        for (const f of this.fds(p.id)) out.push({ process: p.id, handle: f.fd, handleKind: 'fd', open: true, same: true, identity: `payload:${f.payload}` });
        for (let i = 0; i < p.nt.top; i++) if (p.nt.obj[i] !== 0) out.push({ process: p.id, handle: 0x100 + 4 * i, handleKind: 'nt', open: true, same: true, identity: `object:${p.nt.obj[i] - 1}` });
      }
      return out;
    },
    identity: (process, handle, kind) => {
      const p = this.w.processes.get(process);
      if (p === undefined) return undefined;
      if (kind === 'fd') { const f = p.fds.find(handle); return f < 0 ? undefined : `payload:${this.w.payloads.id[p.fds.payload[f] - 1]}`; }
      const i = p.nt.find(handle);
      return i < 0 ? undefined : `object:${p.nt.obj[i] - 1}`;
    },
  };
  private readonly w: World;

  constructor(profiles: readonly NormalizedProfile[], options: MockOptions = {}) {
    const limit = (x: unknown, dflt: number): number => (typeof x === 'number' && Number.isInteger(x) && x >= 0 ? x : dflt);
    this.w = new World(profiles, this, {
      ntHandlesPerProcess: limit(options.ntHandlesPerProcess, 2 ** 24),
      fdsPerProcess: limit(options.fdsPerProcess, 2 ** 20),
    });
    this.description = options.description ?? describe(profiles);
    this.vulkan = new MockVulkan(this.w);
    this.os = new MockOs(this.w);
    // D3D exists where a device of the profiles is a Windows one.
    this.runtimes = { d3d: profiles.some((p) => p.platform === 'windows') };
    this.operations = operationsOf(this.os, new MockD3D(this.w));
  }

  /** Every violated invariant, one line each; [] when the world is consistent. */
  checkInvariants(): string[] {
    return checkInvariants(this.w);
  }

  dispose(): void {
    this.w.dispose();
  }

  // ---- introspection (read-only)

  /** The profile behind a physical device handle. */
  profileOf(physicalDevice: ObjectHandle): NormalizedProfile | undefined {
    return this.w.pdByHandle.get(physicalDevice)?.profile;
  }

  private payloadInfo(s: number): PayloadInfo {
    const P = this.w.payloads;
    const info: PayloadInfo = {
      id: P.id[s], size: P.size[s], origin: P.originOf(s), refs: P.refs[s], memoryTypeIndex: P.memType[s],
      physicalDevice: P.pd[s], storedBytes: P.storedBytes(s),
    };
    if (P.kmt[s] !== 0) info.kmt = this.w.kmts.valueOf(P.kmt[s] - 1);
    return info;
  }

  /** Live payloads, oldest first. */
  livePayloads(): PayloadInfo[] {
    const P = this.w.payloads;
    const out: PayloadInfo[] = [];
    for (let s = 0; s < P.pool.high; s++) if (P.live(s)) out.push(this.payloadInfo(s));
    return out.sort((a, b) => a.id - b.id);
  }

  payload(id: number): PayloadInfo | undefined {
    return this.livePayloads().find((p) => p.id === id);
  }

  memory(mem: ObjectHandle): MemoryInfo | undefined {
    const M = this.w.memory;
    const s = M.find(mem);
    if (s < 0) return undefined;
    const info: MemoryInfo = {
      handle: M.handle[s], device: M.device[s], payload: this.w.payloads.id[M.payload[s]], size: M.size[s], offset: M.offset(s),
      memoryTypeIndex: M.memType[s], process: M.process[s], importedAs: M.importedAs[s], exportTypes: M.exportTypes[s],
      exportTypesNV: M.exportTypesNV[s], mapped: M.mapped[s] !== 0,
      dedicatedImage: M.dedicatedKind[s] === DEDICATED_IMAGE ? M.dedicated[s] : 0, dedicatedBuffer: M.dedicatedKind[s] === DEDICATED_BUFFER ? M.dedicated[s] : 0,
    };
    if (M.exportName[s] !== undefined) info.exportName = M.exportName[s];
    return info;
  }

  processes(): { id: ProcessId; name: string; alive: boolean }[] {
    return this.w.processes.list.map((p) => ({ id: p.id, name: p.name, alive: p.alive }));
  }

  /** A process's open NT handles, by value. */
  ntHandles(process: ProcessId): NtHandleInfo[] {
    const proc = this.w.processes.list[process];
    if (proc === undefined) return [];
    const { nt } = proc;
    const out: NtHandleInfo[] = [];
    for (let i = 0; i < nt.top; i++) {
      if (nt.obj[i] === 0) continue;
      const k = nt.obj[i] - 1;
      const h: NtHandleInfo = { handle: 0x100 + 4 * i, payload: this.w.payloads.id[this.w.kobjs.payload[k]], access: nt.access[i], handleType: nt.type[i], inherit: nt.inherit[i] !== 0 };
      const name = this.w.kobjs.name[k];
      if (name !== undefined) h.name = name;
      out.push(h);
    }
    return out;
  }

  /** Open NT handles of a process, in O(1) (for benchmarks). */
  ntHandleCount(process: ProcessId): number {
    return this.w.processes.list[process]?.nt.count ?? 0;
  }

  fds(process: ProcessId): FdInfo[] {
    const proc = this.w.processes.list[process];
    if (proc === undefined) return [];
    const out: FdInfo[] = [];
    for (let fd = 0; fd < proc.fds.top; fd++) {
      const p = proc.fds.payload[fd];
      if (p !== 0) out.push({ fd, payload: this.w.payloads.id[p - 1], handleType: proc.fds.type[fd] });
    }
    return out;
  }

  kmtHandles(): KmtInfo[] {
    const k = this.w.kmts;
    const out: KmtInfo[] = [];
    for (let i = 0; i < k.count; i++) out.push({ handle: k.valueOf(i), payload: k.payloadId[i], handleType: k.type[i], alive: k.dead[i] === 0 });
    return out;
  }

  counts(): MockCounts {
    const w = this.w;
    let ntHandles = 0, fds = 0, liveProcesses = 0, liveKmt = 0;
    for (const p of w.processes.list) {
      ntHandles += p.nt.count;
      fds += p.fds.count;
      if (p.alive) liveProcesses++;
    }
    for (let i = 0; i < w.kmts.count; i++) if (w.kmts.dead[i] === 0) liveKmt++;
    return {
      processes: w.processes.list.length, liveProcesses, ntHandles, fds, kmtHandles: w.kmts.count, liveKmtHandles: liveKmt,
      kernelObjects: w.kobjs.pool.live, names: w.names.size, payloads: w.payloads.pool.live, memoryObjects: w.memory.pool.live,
      d3dObjects: w.d3d.size, devices: w.devices.size, buffers: w.buffers.size, images: w.images.size,
    };
  }
}

/** A mock backend with one physical device per profile, in the order given. */
export function createMockBackend(profiles: NormalizedProfile[], options?: MockOptions): MockBackend {
  return new MockBackend(Array.isArray(profiles) ? profiles : [], options);
}
