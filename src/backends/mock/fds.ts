// One process's file descriptor table. The fd is the index; a new fd is the lowest free number (the
// POSIX rule), starting at 3 because 0, 1 and 2 are the standard streams, which the mock leaves alone.
// Each open fd holds one reference on its payload, as an open dma-buf or opaque fd keeps the memory
// alive after vkFreeMemory. A successful import hands the fd to the driver: it leaves the table.
import { FIRST_FD } from './constants.js';
import { grow, MinHeap } from './util.js';

export class FdTable {
  /** Payload slot + 1; 0 = not open. */
  payload = new Int32Array(16);
  /** The KHR handle-type bit of the fd (OPAQUE_FD or DMA_BUF). */
  type = new Uint16Array(16);
  top = FIRST_FD;
  readonly free = new MinHeap();
  count = 0;

  constructor(readonly limit: number) {}

  full(): boolean {
    return this.count >= this.limit;
  }

  insert(payloadSlot: number, type: number): number {
    let fd = this.free.pop();
    if (fd < 0) {
      fd = this.top++;
      if (fd >= this.payload.length) {
        this.payload = grow(this.payload, fd + 1);
        this.type = grow(this.type, fd + 1);
      }
    }
    this.payload[fd] = payloadSlot + 1;
    this.type[fd] = type;
    this.count++;
    return fd;
  }

  /** The fd if it is open here, else -1. */
  find(fd: unknown): number {
    if (typeof fd !== 'number' || !Number.isInteger(fd) || fd < FIRST_FD || fd >= this.top) return -1;
    return this.payload[fd] !== 0 ? fd : -1;
  }

  /** Closes an open fd; returns its payload slot. */
  remove(fd: number): number {
    const p = this.payload[fd] - 1;
    this.payload[fd] = 0;
    this.count--;
    this.free.push(fd);
    return p;
  }
}
