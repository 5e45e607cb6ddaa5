// One process's NT handle table. A handle value is 0x100 + 4 * index; a closed value is handed out again,
// lowest first. An entry is 11 bytes in typed arrays (object, access, type, inherit flag), so a million
// live handles cost about 11-22 MB whatever the growth slack.
import { HANDLE_BASE, HANDLE_STEP } from './constants.js';
import { grow, MinHeap } from './util.js';

export class NtTable {
  /** Kernel object slot + 1; 0 = free entry. */
  obj = new Int32Array(16);
  access = new Uint32Array(16);
  /** The KHR handle-type bit the handle was made as (what a Vulkan import may declare it as). */
  type = new Uint16Array(16);
  inherit = new Uint8Array(16);
  /** Entries at or above `top` have never been used. */
  top = 0;
  /** Free entries below `top`. */
  readonly free = new MinHeap();
  count = 0;

  constructor(readonly limit: number) {}

  full(): boolean {
    return this.count >= this.limit;
  }

  /** A new entry (the lowest free one); the caller has checked full(). Returns the handle value. */
  insert(kobj: number, access: number, type: number, inherit: boolean): number {
    let i = this.free.pop();
    if (i < 0) {
      i = this.top++;
      if (i >= this.obj.length) {
        this.obj = grow(this.obj, i + 1);
        this.access = grow(this.access, i + 1);
        this.type = grow(this.type, i + 1);
        this.inherit = grow(this.inherit, i + 1);
      }
    }
    this.obj[i] = kobj + 1;
    this.access[i] = access >>> 0;
    this.type[i] = type;
    this.inherit[i] = inherit ? 1 : 0;
    this.count++;
    return HANDLE_BASE + i * HANDLE_STEP;
  }

  /** The entry of an open handle value; -1 for anything else. */
  find(value: unknown): number {
    if (typeof value !== 'number' || !Number.isInteger(value)) return -1;
    const d = value - HANDLE_BASE;
    if (d < 0 || d % HANDLE_STEP !== 0) return -1;
    const i = d / HANDLE_STEP;
    return i < this.top && this.obj[i] !== 0 ? i : -1;
  }

  /** Frees an entry and returns the kernel object slot it held. */
  remove(i: number): number {
    const k = this.obj[i] - 1;
    this.obj[i] = 0;
    this.count--;
    this.free.push(i);
    return k;
  }

  static valueOf(i: number): number {
    return HANDLE_BASE + i * HANDLE_STEP;
  }
}
