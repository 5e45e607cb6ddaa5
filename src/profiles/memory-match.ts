// Pairing the memory heaps and types of two profiles by what they are, not where they are. Drivers
// order their memory types freely (and two drivers rarely agree), so comparing type 2 with type 2 reports
// differences nobody can act on. A type is paired with a type of the other profile that has the same
// property flags, preferring one whose heap has the same size and flags; a heap with a heap of the same
// flags, preferring the same size. What finds no partner is only in one profile.
import { flagText } from './describe.js';
import type { MemoryHeapInfo, MemoryTypeInfo } from './types.js';

export interface MemoryLayout { heaps: MemoryHeapInfo[]; types: MemoryTypeInfo[] }

export interface MemoryPairing {
  /** For each heap of A, the index of its partner in B, or -1. */
  heapOfA: number[];
  heapOfB: number[];
  /** For each memory type of A, the index of its partner in B, or -1. */
  typeOfA: number[];
  typeOfB: number[];
  /** A name for each heap and type of A and of B, the same for partners: `DEVICE_LOCAL`, `none #2`. */
  heapLabelsA: string[];
  heapLabelsB: string[];
  typeLabelsA: string[];
  typeLabelsB: string[];
}

/**
 * Pairs `xs` with `ys` in passes: each pass pairs, in order, the items still free that its test accepts,
 * so a stricter pass runs first and a looser one only sees what is left.
 */
function pairInPasses<X, Y>(xs: X[], ys: Y[], passes: Array<(x: X, y: Y, i: number, j: number) => boolean>): { ofX: number[]; ofY: number[] } {
  const ofX = xs.map(() => -1);
  const ofY = ys.map(() => -1);
  for (const accepts of passes) {
    xs.forEach((x, i) => {
      if (ofX[i] >= 0) return;
      const j = ys.findIndex((y, k) => ofY[k] < 0 && accepts(x, y, i, k));
      if (j >= 0) { ofX[i] = j; ofY[j] = i; }
    });
  }
  return { ofX, ofY };
}

/**
 * Names partners alike and everything else uniquely: the base name (the flags), then `#2`, `#3`… for
 * a second and third of the same flags. Partners come first in A's order, then A's and B's leftovers.
 */
function labels(baseA: string[], baseB: string[], ofA: number[], ofB: number[]): { a: string[]; b: string[] } {
  const a = baseA.map(() => '');
  const b = baseB.map(() => '');
  const seen = new Map<string, number>();
  const next = (base: string) => {
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} #${n}`;
  };
  ofA.forEach((j, i) => { if (j >= 0) a[i] = b[j] = next(baseA[i]); });
  ofA.forEach((j, i) => { if (j < 0) a[i] = next(baseA[i]); });
  ofB.forEach((i, j) => { if (i < 0) b[j] = next(baseB[j]); });
  return { a, b };
}

export function pairMemory(a: MemoryLayout, b: MemoryLayout): MemoryPairing {
  const heaps = pairInPasses(a.heaps, b.heaps, [
    (x, y) => x.flags === y.flags && x.size === y.size,
    (x, y) => x.flags === y.flags,
  ]);
  const heapA = (t: MemoryTypeInfo) => a.heaps[t.heapIndex];
  const heapB = (t: MemoryTypeInfo) => b.heaps[t.heapIndex];
  const types = pairInPasses(a.types, b.types, [
    (x, y) => x.propertyFlags === y.propertyFlags && heapA(x)?.size === heapB(y)?.size && heapA(x)?.flags === heapB(y)?.flags,
    (x, y) => x.propertyFlags === y.propertyFlags && heaps.ofX[x.heapIndex] === y.heapIndex,
    (x, y) => x.propertyFlags === y.propertyFlags,
  ]);
  const heapName = (h: MemoryHeapInfo) => flagText('VkMemoryHeapFlagBits', h.flags);
  const typeName = (t: MemoryTypeInfo) => flagText('VkMemoryPropertyFlagBits', t.propertyFlags);
  const hl = labels(a.heaps.map(heapName), b.heaps.map(heapName), heaps.ofX, heaps.ofY);
  const tl = labels(a.types.map(typeName), b.types.map(typeName), types.ofX, types.ofY);
  return {
    heapOfA: heaps.ofX, heapOfB: heaps.ofY, typeOfA: types.ofX, typeOfB: types.ofY,
    heapLabelsA: hl.a, heapLabelsB: hl.b, typeLabelsA: tl.a, typeLabelsB: tl.b,
  };
}

/**
 * Whether two memoryTypeBits masks allow the same memory types, A's types read as their partners in B.
 * A type of A with no partner stands for B's type of the same index when that has none either (one type
 * edited in place), so a changed type is reported once, by the type, not again by every mask naming it.
 * A bit past the last type of A (which names no type) stands for itself.
 */
export function sameMemoryTypes(maskA: number, maskB: number, pairing: Pick<MemoryPairing, 'typeOfA' | 'typeOfB'>): boolean {
  const { typeOfA, typeOfB } = pairing;
  let mapped = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (!((maskA >>> 0) & (2 ** bit))) continue;
    let partner = bit < typeOfA.length ? typeOfA[bit] : bit;
    if (partner < 0 && typeOfB[bit] === -1) partner = bit;
    if (partner < 0) return false;
    mapped = (mapped | (2 ** partner)) >>> 0;
  }
  return mapped === maskB >>> 0;
}
