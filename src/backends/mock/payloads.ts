// Payloads: the memory itself, shared by every memory object, kernel object, D3D object, fd and host
// allocation that refers to it. A payload lives while its reference count is above zero and is freed
// the moment the last reference goes. KMT handles hold no reference: when the payload dies, its KMT
// entry is marked dead instead.
//
// Bytes are stored only where something was written, in 4 KiB pages, so an 8 GiB heap import costs
// nothing until a test writes to it, and reading never-written bytes gives zeros.
import type { Events } from './events.js';
import type { KmtTable } from './kmt.js';
import { grow, SlotPool } from './util.js';

export type Origin = 'vulkan' | 'd3d11' | 'd3d12-heap' | 'd3d12-resource' | 'dma-buf' | 'host';
export const ORIGINS: readonly Origin[] = ['vulkan', 'd3d11', 'd3d12-heap', 'd3d12-resource', 'dma-buf', 'host'];

const PAGE = 4096;
/** The most bytes one read returns: a garbage size must not ask for gigabytes. */
export const MAX_READ = 1 << 26;

export class Payloads {
  readonly pool = new SlotPool();
  /** Public id (unique for the backend's life, never reused); 0 marks a free slot. */
  id = new Int32Array(16);
  size = new Float64Array(16);
  origin = new Uint8Array(16);
  refs = new Int32Array(16);
  // Narrow types where the range allows (Vulkan has at most 32 memory types and 16 heaps): every byte
  // here is paid once per live payload.
  /** Vulkan memory type index it was allocated from; -1 when not allocated by Vulkan. */
  memType = new Int8Array(16);
  /** Index of the physical device it belongs to (the allocating device, or the D3D adapter); -1: none of ours. */
  pd = new Int16Array(16);
  /** Heap whose usage it counts against; -1: none (imports and OS allocations do not use a Vulkan heap). */
  heap = new Int8Array(16);
  /** Its kernel object (slot + 1) while one exists: NT handles to it share that object. */
  kobj = new Int32Array(16);
  /** Its global share handle (KMT table index + 1) once one was made. */
  kmt = new Int32Array(16);
  private pages: (Map<number, Uint8Array> | undefined)[] = [];
  private nextId = 1;

  constructor(
    private readonly events: Events,
    private readonly kmts: KmtTable,
    /** Bytes in use per physical device, per heap. */
    readonly heapUsed: Float64Array[],
  ) {}

  born(origin: Origin, size: number, pd: number, memType: number, heap: number): number {
    const s = this.pool.take();
    if (s >= this.id.length) this.growTo(s + 1);
    const id = this.nextId++;
    this.id[s] = id;
    this.size[s] = size;
    this.origin[s] = ORIGINS.indexOf(origin);
    this.refs[s] = 0;
    this.memType[s] = memType;
    this.pd[s] = pd;
    this.heap[s] = heap;
    this.kobj[s] = 0;
    this.kmt[s] = 0;
    if (heap >= 0) this.heapUsed[pd][heap] += size;
    if (this.events.on) this.events.emit({ kind: 'payload-born', payload: id, size, origin });
    return s;
  }

  private growTo(n: number): void {
    this.id = grow(this.id, n);
    this.size = grow(this.size, n);
    this.origin = grow(this.origin, n);
    this.refs = grow(this.refs, n);
    this.memType = grow(this.memType, n);
    this.pd = grow(this.pd, n);
    this.heap = grow(this.heap, n);
    this.kobj = grow(this.kobj, n);
    this.kmt = grow(this.kmt, n);
  }

  live(slot: number): boolean {
    return slot >= 0 && slot < this.pool.high && this.id[slot] !== 0;
  }

  addRef(slot: number): void {
    this.refs[slot]++;
  }

  /** Drops one reference; the payload is freed when none is left. */
  release(slot: number): void {
    if (!this.live(slot)) return;
    if (--this.refs[slot] > 0) return;
    this.refs[slot] = 0;
    const id = this.id[slot];
    if (this.heap[slot] >= 0) this.heapUsed[this.pd[slot]][this.heap[slot]] -= this.size[slot];
    if (this.kmt[slot] !== 0) this.kmts.kill(this.kmt[slot] - 1);
    this.pages[slot] = undefined;
    this.id[slot] = 0;
    this.kobj[slot] = 0;
    this.kmt[slot] = 0;
    this.pool.give(slot);
    if (this.events.on) this.events.emit({ kind: 'payload-freed', payload: id });
  }

  originOf(slot: number): Origin {
    return ORIGINS[this.origin[slot]];
  }

  /** Stores bytes at `offset`; whatever falls outside the payload is dropped. */
  write(slot: number, offset: number, bytes: Uint8Array): void {
    const end = Math.min(offset + bytes.length, this.size[slot]);
    if (!(offset >= 0) || !(end > offset)) return;
    let pages = this.pages[slot];
    if (pages === undefined) {
      pages = new Map();
      if (slot >= this.pages.length) this.pages.length = slot + 1;
      this.pages[slot] = pages;
    }
    for (let at = offset; at < end; ) {
      const p = Math.floor(at / PAGE);
      const inPage = at - p * PAGE;
      const n = Math.min(PAGE - inPage, end - at);
      let page = pages.get(p);
      if (page === undefined) pages.set(p, (page = new Uint8Array(PAGE)));
      page.set(bytes.subarray(at - offset, at - offset + n), inPage);
      at += n;
    }
  }

  /** The bytes at [offset, offset + size) that lie inside the payload; never-written bytes read as 0. */
  read(slot: number, offset: number, size: number): Uint8Array {
    const end = Math.min(offset + size, this.size[slot], offset + MAX_READ);
    if (!(offset >= 0) || !(end > offset)) return new Uint8Array(0);
    const out = new Uint8Array(end - offset);
    const pages = this.pages[slot];
    if (pages === undefined) return out;
    for (let at = offset; at < end; ) {
      const p = Math.floor(at / PAGE);
      const inPage = at - p * PAGE;
      const n = Math.min(PAGE - inPage, end - at);
      const page = pages.get(p);
      if (page !== undefined) out.set(page.subarray(inPage, inPage + n), at - offset);
      at += n;
    }
    return out;
  }

  /** Bytes actually held for this payload (written pages). */
  storedBytes(slot: number): number {
    const pages = this.pages[slot];
    return pages === undefined ? 0 : pages.size * PAGE;
  }
}
