// Everything the mock simulates, in one place: the tables of each concern and the few operations that
// cut across them (freeing memory, releasing a D3D object, a process exiting). The Vulkan, OS and D3D
// facades (vulkan.ts, os.ts, d3d.ts) translate interface calls into these.
import type { NormalizedProfile } from '../../profiles/types.js';
import type { BufferDesc, ImageDesc, LifecycleEvent } from '../types.js';
import { Events } from './events.js';
import { KernelObjects } from './kernel.js';
import { KmtTable } from './kmt.js';
import { MemoryObjects } from './memory.js';
import { Namespace } from './names.js';
import { Payloads } from './payloads.js';
import { Processes, type Limits } from './processes.js';
import { PhysicalDeviceModel } from './profile.js';
import { bytesKey, dashBytes } from './util.js';

export interface DeviceRecord { readonly handle: number; readonly pd: PhysicalDeviceModel; readonly extensions: string[] }
export interface BufferRecord { readonly handle: number; readonly device: number; readonly desc: BufferDesc; memory: number; offset: number }
export interface ImageRecord { readonly handle: number; readonly device: number; readonly desc: ImageDesc; memory: number; offset: number }

export type D3DKind = 'texture2d' | 'buffer' | 'heap' | 'resource';
export interface D3DObject {
  readonly handle: number;
  readonly process: number;
  readonly kind: D3DKind;
  readonly payload: number;
  /** D3D11 misc flags, or D3D12 heap flags. */
  readonly flags: number;
  readonly format: string;
}

export class World {
  readonly events: Events;
  readonly kmts = new KmtTable();
  readonly payloads: Payloads;
  readonly names = new Namespace();
  readonly kobjs: KernelObjects;
  readonly processes: Processes;
  readonly memory = new MemoryObjects();
  readonly pds: PhysicalDeviceModel[] = [];
  readonly pdByHandle = new Map<number, PhysicalDeviceModel>();
  readonly devices = new Map<number, DeviceRecord>();
  readonly buffers = new Map<number, BufferRecord>();
  readonly images = new Map<number, ImageRecord>();
  readonly d3d = new Map<number, D3DObject>();
  private nextObject = 1;

  constructor(profiles: readonly NormalizedProfile[], owner: { onEvent?: (e: LifecycleEvent) => void }, limits: Limits) {
    this.events = new Events(owner);
    for (const p of profiles) {
      const pd = new PhysicalDeviceModel(this.pds.length, this.newObject(), p);
      this.pds.push(pd);
      this.pdByHandle.set(pd.info.handle, pd);
    }
    this.payloads = new Payloads(this.events, this.kmts, this.pds.map((pd) => new Float64Array(pd.heapSizes.length)));
    this.kobjs = new KernelObjects(this.payloads, this.names);
    this.processes = new Processes(this.kobjs, this.payloads, this.events, limits);
    this.processes.create('main');
  }

  /** Vulkan and D3D objects share one counter: small, unique, never reused, never zero. */
  newObject(): number {
    return this.nextObject++;
  }

  /**
   * The physical device a D3D object on adapter `luid` (bytes, or dash-separated as in scenarios) lives
   * on; without a LUID, the first Windows device. -1 when no profile has that LUID.
   */
  adapterIndex(luid: unknown): number {
    if (typeof luid === 'string') luid = dashBytes(luid, 8);
    if (!(luid instanceof Uint8Array)) {
      const first = this.pds.find((pd) => pd.profile.platform === 'windows' && pd.luidKey !== undefined) ?? this.pds.find((pd) => pd.luidKey !== undefined);
      return first === undefined ? -1 : first.index;
    }
    const key = bytesKey(luid.subarray(0, 8));
    const pd = this.pds.find((p) => p.luidKey === key);
    return pd === undefined ? -1 : pd.index;
  }

  freeMemory(slot: number): void {
    const p = this.memory.remove(slot);
    this.payloads.release(p);
  }

  releaseD3D(o: D3DObject): void {
    this.d3d.delete(o.handle);
    this.payloads.release(o.payload);
  }

  /**
   * A process ends: its NT handles and fds close (kernel references drop), its host allocations, its
   * memory objects and its D3D objects go, and payloads nobody else references die.
   */
  exitProcess(id: unknown): void {
    const proc = this.processes.get(id);
    if (proc === undefined) return;
    const closed = this.processes.closeAll(proc);
    for (const s of this.memory.liveSlots()) if (this.memory.process[s] === proc.id) this.freeMemory(s);
    for (const o of [...this.d3d.values()]) if (o.process === proc.id) this.releaseD3D(o);
    if (this.events.on) this.events.emit({ kind: 'process-exited', process: proc.id, handlesClosed: closed });
  }

  /** Tears everything down without events (end of a scenario). */
  dispose(): void {
    this.events.muted = true;
    for (const p of this.processes.list) this.exitProcess(p.id);
    for (const s of this.memory.liveSlots()) this.freeMemory(s);
    for (const o of [...this.d3d.values()]) this.releaseD3D(o);
    this.buffers.clear();
    this.images.clear();
    this.devices.clear();
  }
}
