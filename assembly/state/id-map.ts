// A map from interned ids (i32) to values, for the state every call looks things up in. The rules ask
// `has(id)` and then `get(id)` of the same id, and the standard Map hashes and walks its bucket for
// each; here the slot the last lookup found is remembered, so the pair costs one probe. Open
// addressing with linear probing (Fibonacci hashing); deletion shifts later entries back, so no
// tombstones build up. It cannot be walked: maps that are walked stay Maps (they keep insertion order).

const EMPTY: i32 = 0; // ids are nonzero; id 0 is kept apart (see zero*)
const MIN_CAPACITY: i32 = 16;

export class IdMap<V> {
  private keyAt: StaticArray<i32> = new StaticArray<i32>(MIN_CAPACITY);
  private valueAt: StaticArray<V> = new StaticArray<V>(MIN_CAPACITY);
  private mask: i32 = MIN_CAPACITY - 1;
  /** 32 - log2(capacity): the top bits of the product are the home slot. */
  private shift: i32 = 32 - <i32>ctz(MIN_CAPACITY);
  private count: i32 = 0;
  // Id 0 is never an object, but a rule may still look it up or store under it.
  private zeroHeld: bool = false;
  private zeroValue: StaticArray<V> = new StaticArray<V>(1);
  /** The id of the last successful lookup and its slot (-1: none; cleared by every change). */
  private lastKey: i32 = 0;
  private lastSlot: i32 = -1;

  @inline private home(key: i32): i32 { return <i32>((<u32>key * 0x9e3779b1) >>> <u32>this.shift); }

  /** The slot holding key, or -1. */
  @inline private find(key: i32): i32 {
    if (this.lastSlot >= 0 && this.lastKey == key) return this.lastSlot;
    let i = this.home(key);
    while (true) {
      const k = unchecked(this.keyAt[i]);
      if (k == key) { this.lastKey = key; this.lastSlot = i; return i; }
      if (k == EMPTY) return -1;
      i = (i + 1) & this.mask;
    }
  }

  @inline has(key: i32): bool {
    if (key == EMPTY) return this.zeroHeld;
    return this.find(key) >= 0;
  }

  /** The value of key; the key must be present (as with Map.get, ask has() first). */
  get(key: i32): V {
    if (key == EMPTY) {
      if (!this.zeroHeld) throw new Error('IdMap: key not present');
      return unchecked(this.zeroValue[0]);
    }
    const i = this.find(key);
    if (i < 0) throw new Error('IdMap: key not present');
    return unchecked(this.valueAt[i]);
  }

  set(key: i32, value: V): this {
    if (key == EMPTY) { this.zeroHeld = true; unchecked(this.zeroValue[0] = value); return this; }
    const found = this.find(key);
    if (found >= 0) { unchecked(this.valueAt[found] = value); return this; }
    if ((this.count + 1) * 4 > (this.mask + 1) * 3) this.grow();
    let i = this.home(key);
    while (unchecked(this.keyAt[i]) != EMPTY) i = (i + 1) & this.mask;
    unchecked(this.keyAt[i] = key);
    unchecked(this.valueAt[i] = value);
    this.count++;
    this.lastSlot = -1;
    return this;
  }

  delete(key: i32): bool {
    if (key == EMPTY) { const was = this.zeroHeld; this.zeroHeld = false; return was; }
    let i = this.find(key);
    if (i < 0) return false;
    this.lastSlot = -1;
    // Shift back every later entry of the run whose home is not between the hole and itself.
    let j = i;
    while (true) {
      j = (j + 1) & this.mask;
      const k = unchecked(this.keyAt[j]);
      if (k == EMPTY) break;
      const h = this.home(k);
      const between = i <= j ? (i < h && h <= j) : (i < h || h <= j);
      if (between) continue;
      unchecked(this.keyAt[i] = k);
      unchecked(this.valueAt[i] = unchecked(this.valueAt[j]));
      i = j;
    }
    unchecked(this.keyAt[i] = EMPTY);
    this.count--;
    return true;
  }

  clear(): void {
    this.keyAt = new StaticArray<i32>(MIN_CAPACITY);
    this.valueAt = new StaticArray<V>(MIN_CAPACITY);
    this.mask = MIN_CAPACITY - 1;
    this.shift = 32 - <i32>ctz(MIN_CAPACITY);
    this.count = 0;
    this.zeroHeld = false;
    this.lastSlot = -1;
  }

  private grow(): void {
    const oldKeys = this.keyAt;
    const oldValues = this.valueAt;
    const capacity = (this.mask + 1) * 2;
    this.keyAt = new StaticArray<i32>(capacity);
    this.valueAt = new StaticArray<V>(capacity);
    this.mask = capacity - 1;
    this.shift--;
    this.lastSlot = -1;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = unchecked(oldKeys[i]);
      if (k == EMPTY) continue;
      let j = this.home(k);
      while (unchecked(this.keyAt[j]) != EMPTY) j = (j + 1) & this.mask;
      unchecked(this.keyAt[j] = k);
      unchecked(this.valueAt[j] = unchecked(oldValues[i]));
    }
  }
}
