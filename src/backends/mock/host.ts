// Host allocations a process made for VK_EXT_external_memory_host imports. Each is a payload of origin
// 'host' that the allocation references until the process exits (the interface has no host free).
// Pointers are deterministic: each process's allocations are laid out upward from 0x10000000.
import { roundUp } from './util.js';

const FIRST_POINTER = 0x10000000;
const PAGE = 4096;

export interface HostAllocation { base: number; size: number; payload: number }

export class HostAllocations {
  readonly list: HostAllocation[] = [];
  private next = FIRST_POINTER;

  /** Where the next allocation of `size` bytes aligned to `alignment` goes. */
  place(size: number, alignment: number): number {
    const a = Number.isInteger(alignment) && alignment > 0 && (alignment & (alignment - 1)) === 0 ? Math.max(alignment, PAGE) : PAGE;
    const base = roundUp(this.next, a);
    this.next = roundUp(base + size, PAGE);
    return base;
  }

  add(base: number, size: number, payload: number): void {
    this.list.push({ base, size, payload });
  }

  /** The allocation containing `pointer`, if any. */
  find(pointer: number): HostAllocation | undefined {
    for (const h of this.list) if (pointer >= h.base && pointer < h.base + h.size) return h;
    return undefined;
  }
}
