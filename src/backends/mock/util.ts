// Storage helpers for the mock's tables. Live handles can number in the millions, so every table keeps
// its entries in typed arrays (struct of arrays) indexed by a slot number, and hands slots out from a
// free list; a JS object per handle would cost several hundred bytes and put pressure on the GC.

type Typed = Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | Float64Array;

/** `a`, or a copy at least `need` long (capacity doubles, so growth is amortised O(1)). */
export function grow<T extends Typed>(a: T, need: number): T {
  if (need <= a.length) return a;
  let n = a.length > 0 ? a.length : 16;
  while (n < need) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a as never);
  return b;
}

/**
 * A binary min-heap of non-negative integers. Handle tables use it to hand out the lowest free value,
 * which is what both the Windows handle table (per the brief: lowest free value reused) and POSIX
 * (lowest free fd) promise, in O(log n) whatever the table size.
 */
export class MinHeap {
  private a = new Int32Array(16);
  size = 0;

  push(v: number): void {
    if (this.size >= this.a.length) this.a = grow(this.a, this.size + 1);
    const a = this.a;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= v) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = v;
  }

  /** The smallest value, removed; -1 when empty. */
  pop(): number {
    if (this.size === 0) return -1;
    const a = this.a;
    const top = a[0];
    const last = a[--this.size];
    const n = this.size;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && a[r] < a[l] ? r : l;
      if (a[c] >= last) break;
      a[i] = a[c];
      i = c;
    }
    a[i] = last;
    return top;
  }

  values(): number[] {
    return Array.from(this.a.subarray(0, this.size));
  }

  clear(): void {
    this.size = 0;
    this.a = new Int32Array(16);
  }
}

/**
 * Slot numbers for tables whose slots are internal (payloads, kernel objects, memory objects): freed
 * slots are reused last-in first-out, and `high` is one past the largest slot ever used.
 */
export class SlotPool {
  private free = new Int32Array(16);
  private nFree = 0;
  high = 0;
  live = 0;

  take(): number {
    this.live++;
    if (this.nFree > 0) return this.free[--this.nFree];
    return this.high++;
  }

  give(slot: number): void {
    this.live--;
    if (this.nFree >= this.free.length) this.free = grow(this.free, this.nFree + 1);
    this.free[this.nFree++] = slot;
  }

  freeSlots(): number[] {
    return Array.from(this.free.subarray(0, this.nFree));
  }
}

/** A finite number >= 0, else NaN (callers turn NaN into an error code, never an exception). */
export function nonNegative(x: unknown): number {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : NaN;
}

/** A non-negative integer that can index a table, else -1. */
export function index(x: unknown): number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 0x7fffffff ? x : -1;
}

/** A 32-bit flag mask; anything that is not a finite number counts as no flags. */
export function flags(x: unknown): number {
  return typeof x === 'number' && Number.isFinite(x) ? x >>> 0 : 0;
}

/** x rounded up to a multiple of `alignment` (an alignment that is not a positive number counts as 1). */
export function roundUp(x: number, alignment: number): number {
  const a = typeof alignment === 'number' && Number.isFinite(alignment) && alignment >= 1 ? alignment : 1;
  return Math.ceil(x / a) * a;
}

/** The lowest set bit of a mask, 0 for none. */
export function lowestBit(mask: number): number {
  const m = mask >>> 0;
  return m === 0 ? 0 : (m & -m) >>> 0;
}

/** "165-42-1-0-0-0-0-0" → bytes; missing or unreadable bytes are 0, so any string gives `length` bytes. */
export function dashBytes(s: unknown, length: number): Uint8Array {
  const out = new Uint8Array(length);
  if (typeof s !== 'string') return out;
  const parts = s.split('-');
  for (let i = 0; i < length && i < parts.length; i++) {
    const v = Number(parts[i]);
    out[i] = Number.isInteger(v) && v >= 0 && v <= 255 ? v : 0;
  }
  return out;
}

export function bytesKey(b: Uint8Array): string {
  return Array.from(b).join('-');
}
