// VkDeviceMemory objects. Each holds one reference on its payload; an import is a new memory object on
// the exporter's payload, which is how a write through one mapping shows through the other. Handles are
// unique numbers from the backend's object counter; the table itself is struct-of-arrays with reused
// slots, so the import → free churn of a benchmark allocates nothing per object but a Map entry.
import { grow, SlotPool } from './util.js';

export const DEDICATED_NONE = 0;
export const DEDICATED_IMAGE = 1;
export const DEDICATED_BUFFER = 2;

export class MemoryObjects {
  readonly pool = new SlotPool();
  readonly byHandle = new Map<number, number>();
  handle = new Float64Array(16);
  device = new Float64Array(16);
  payload = new Int32Array(16);
  /** allocationSize, or the OS object's size for the types whose allocationSize is ignored. */
  size = new Float64Array(16);
  /** Where the memory starts inside its payload: only host pointers inside an allocation have an offset, so it is kept aside. */
  private readonly offsets = new Map<number, number>();
  memType = new Int8Array(16);
  /** The process whose call allocated it; it is freed when that process exits. */
  process = new Int32Array(16);
  exportTypes = new Uint32Array(16);
  exportTypesNV = new Uint8Array(16);
  exportAccess = new Uint32Array(16);
  /** The KHR handle-type bit it was imported as; 0 for a new allocation. */
  importedAs = new Uint16Array(16);
  mapped = new Uint8Array(16);
  /** VkMemoryDedicatedAllocateInfo: the resource (an image when both were given) and which kind it is. */
  dedicated = new Float64Array(16);
  dedicatedKind = new Uint8Array(16);
  /** VkExportMemoryWin32HandleInfoKHR::name, given to the kernel object its NT exports create. */
  exportName: (string | undefined)[] = [];

  add(handle: number, device: number, payload: number, size: number, offset: number, memType: number, process: number): number {
    const s = this.pool.take();
    if (s >= this.handle.length) this.growTo(s + 1);
    this.handle[s] = handle;
    this.device[s] = device;
    this.payload[s] = payload;
    this.size[s] = size;
    if (offset !== 0) this.offsets.set(s, offset);
    this.memType[s] = memType;
    this.process[s] = process;
    this.exportTypes[s] = 0;
    this.exportTypesNV[s] = 0;
    this.exportAccess[s] = 0;
    this.importedAs[s] = 0;
    this.mapped[s] = 0;
    this.dedicated[s] = 0;
    this.dedicatedKind[s] = DEDICATED_NONE;
    if (s < this.exportName.length) this.exportName[s] = undefined;
    this.byHandle.set(handle, s);
    return s;
  }

  private growTo(n: number): void {
    this.handle = grow(this.handle, n);
    this.device = grow(this.device, n);
    this.payload = grow(this.payload, n);
    this.size = grow(this.size, n);
    this.memType = grow(this.memType, n);
    this.process = grow(this.process, n);
    this.exportTypes = grow(this.exportTypes, n);
    this.exportTypesNV = grow(this.exportTypesNV, n);
    this.exportAccess = grow(this.exportAccess, n);
    this.importedAs = grow(this.importedAs, n);
    this.mapped = grow(this.mapped, n);
    this.dedicated = grow(this.dedicated, n);
    this.dedicatedKind = grow(this.dedicatedKind, n);
  }

  /** The slot of a live memory handle; -1 for anything else. */
  find(handle: unknown): number {
    if (typeof handle !== 'number') return -1;
    const s = this.byHandle.get(handle);
    return s === undefined ? -1 : s;
  }

  /** Forgets a memory object; returns its payload slot (the caller drops the reference). */
  remove(s: number): number {
    this.byHandle.delete(this.handle[s]);
    this.handle[s] = 0;
    this.offsets.delete(s);
    if (s < this.exportName.length) this.exportName[s] = undefined;
    this.pool.give(s);
    return this.payload[s];
  }

  offset(s: number): number {
    return this.offsets.get(s) ?? 0;
  }

  setDedicated(s: number, image: unknown, buffer: unknown): void {
    if (typeof image === 'number' && image !== 0) {
      this.dedicated[s] = image;
      this.dedicatedKind[s] = DEDICATED_IMAGE;
    } else if (typeof buffer === 'number' && buffer !== 0) {
      this.dedicated[s] = buffer;
      this.dedicatedKind[s] = DEDICATED_BUFFER;
    }
  }

  /** Live slots, in handle order (deterministic walks). */
  liveSlots(): number[] {
    return [...this.byHandle.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
  }
}
