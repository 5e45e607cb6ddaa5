// Kernel objects: what NT handles point at. A kernel object counts the handles open to it (in any
// process) and holds one reference on its payload; when its last handle closes it dies, gives up its
// name and drops that payload reference. One payload usually has one kernel object, so every export of
// the same memory opens another handle to the same object; a second *name* for the same payload makes a
// second object, since an object has one name.
import type { Payloads } from './payloads.js';
import { Namespace } from './names.js';
import { grow, SlotPool } from './util.js';

export class KernelObjects {
  readonly pool = new SlotPool();
  /** Handles open to it; an object with 0 handles does not exist. */
  refs = new Int32Array(16);
  payload = new Int32Array(16);
  /** The KHR handle-type bit of the handle that created it (0: not importable into Vulkan). */
  type = new Uint16Array(16);
  alive = new Uint8Array(16);
  name: (string | undefined)[] = [];

  constructor(
    private readonly payloads: Payloads,
    readonly names: Namespace,
  ) {}

  /**
   * The kernel object a new NT handle to payload `p` opens: the payload's existing object, or the object
   * with this name, or a new one. -1 when the name belongs to another payload's object. The caller
   * opens a handle to it (addRef) at once.
   */
  share(p: number, type: number, name: string | undefined): number {
    const existing = this.payloads.kobj[p] - 1;
    // Something that cannot be an object name (an empty string) leaves the object unnamed.
    const key = Namespace.key(name);
    if (key !== undefined) {
      const named = this.names.get(key);
      if (named >= 0) return this.payload[named] === p ? named : -1;
      if (existing >= 0 && this.name[existing] === undefined) {
        this.name[existing] = key;
        this.names.bind(key, existing);
        return existing;
      }
      const k = this.create(p, type);
      this.name[k] = key;
      this.names.bind(key, k);
      return k;
    }
    return existing >= 0 ? existing : this.create(p, type);
  }

  private create(p: number, type: number): number {
    const k = this.pool.take();
    if (k >= this.refs.length) {
      const n = k + 1;
      this.refs = grow(this.refs, n);
      this.payload = grow(this.payload, n);
      this.type = grow(this.type, n);
      this.alive = grow(this.alive, n);
    }
    this.refs[k] = 0;
    this.payload[k] = p;
    this.type[k] = type;
    this.alive[k] = 1;
    if (k < this.name.length) this.name[k] = undefined;
    if (this.payloads.kobj[p] === 0) this.payloads.kobj[p] = k + 1;
    this.payloads.addRef(p);
    return k;
  }

  /** Undoes a share() whose handle could not be opened after all. */
  discardIfUnused(k: number): void {
    if (k >= 0 && this.alive[k] === 1 && this.refs[k] === 0) {
      this.refs[k] = 1;
      this.release(k);
    }
  }

  addRef(k: number): void {
    this.refs[k]++;
  }

  release(k: number): void {
    if (k < 0 || k >= this.pool.high || this.alive[k] === 0) return;
    if (--this.refs[k] > 0) return;
    this.refs[k] = 0;
    this.alive[k] = 0;
    const key = this.name[k];
    if (key !== undefined) {
      this.names.unbind(key, k);
      this.name[k] = undefined;
    }
    const p = this.payload[k];
    if (this.payloads.kobj[p] === k + 1) this.payloads.kobj[p] = 0;
    this.pool.give(k);
    this.payloads.release(p);
  }
}
