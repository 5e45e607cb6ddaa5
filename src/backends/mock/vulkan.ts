// The Vulkan side of the mock: physical devices from profiles, devices, buffers and images with the
// profile's requirements, memory allocation (plain, export, import), map/write/read through payloads,
// handle export and handle properties. Like a lenient driver it checks nothing the core checks; it
// fails only where a driver must (unknown handles, out of memory), and never throws.
import type {
  AllocateDesc, BufferDesc, Created, Exported, ExternalMemoryProperties, ImageDesc, ImageFormatAnswer, ImageQuery, ImportDesc,
  MemoryRequirements, ObjectHandle, PhysicalDeviceInfo, ProcessId, TypeBitsAnswer, VkResult, VulkanBackend,
} from '../types.js';
import {
  DEFAULT_SHARED_ACCESS, HandleClass, MEMORY_PROPERTY_HOST_VISIBLE, VK_ERROR_EXTENSION_NOT_PRESENT, VK_ERROR_FORMAT_NOT_SUPPORTED,
  VK_ERROR_INITIALIZATION_FAILED, VK_ERROR_INVALID_EXTERNAL_HANDLE, VK_ERROR_MEMORY_MAP_FAILED, VK_ERROR_OUT_OF_DEVICE_MEMORY,
  VK_ERROR_TOO_MANY_OBJECTS, VK_ERROR_UNKNOWN, VK_SUCCESS, handleClass, isD3D, isOpaque, nvToKhr, sizeFromObject,
} from './constants.js';
import type { ProcessRecord } from './processes.js';
import type { PhysicalDeviceModel } from './profile.js';
import { flags, lowestBit, nonNegative } from './util.js';
import type { World } from './world.js';

const NO_PROPS = (): ExternalMemoryProperties => ({ externalMemoryFeatures: 0, exportFromImportedHandleTypes: 0, compatibleHandleTypes: 0 });
const UNSUPPORTED = (): ImageFormatAnswer => ({ result: VK_ERROR_FORMAT_NOT_SUPPORTED, external: NO_PROPS(), limits: { maxExtent: { width: 0, height: 0, depth: 0 }, maxMipLevels: 0, maxArrayLayers: 0, sampleCounts: 0, maxResourceSize: 0 } });
const NO_REQS = (): MemoryRequirements => ({ size: 0, alignment: 1, memoryTypeBits: 0, prefersDedicatedAllocation: false, requiresDedicatedAllocation: false });
const failed = (result: VkResult): Created => ({ result, handle: 0 });
const noExport = (result: VkResult): Exported => ({ result, value: 0 });
const noBits = (result: VkResult): TypeBitsAnswer => ({ result, memoryTypeBits: 0 });
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
/** The one handle-type bit a call means (a mask of several: the lowest, as a lenient driver might). */
const single = (x: unknown): number => lowestBit(flags(x));
const num = (x: unknown): number => (typeof x === 'number' ? x : NaN);

/** What an import resolved to: the payload, and the handle that named it (for the event). */
interface Resolved { payload: number; kind: 'nt' | 'kmt' | 'fd' | 'host'; handle: number; offset: number }

function cloneInfo(i: PhysicalDeviceInfo): PhysicalDeviceInfo {
  return {
    ...i,
    deviceUUID: i.deviceUUID.slice(), driverUUID: i.driverUUID.slice(), deviceLUID: i.deviceLUID.slice(),
    memoryTypes: i.memoryTypes.map((t) => ({ ...t })), memoryHeaps: i.memoryHeaps.map((h) => ({ ...h })), extensions: [...i.extensions],
  };
}

export class MockVulkan implements VulkanBackend {
  constructor(private readonly w: World) {}

  physicalDevices(): PhysicalDeviceInfo[] {
    return this.w.pds.map((pd) => cloneInfo(pd.info));
  }

  private pd(h: unknown): PhysicalDeviceModel | undefined {
    return typeof h === 'number' ? this.w.pdByHandle.get(h) : undefined;
  }

  externalBufferProperties(pd: ObjectHandle, q: { flags: number; usage: number; handleType: number }): ExternalMemoryProperties {
    const m = this.pd(pd);
    if (m === undefined || !isObject(q)) return NO_PROPS();
    return m.externalBuffer({ flags: num(q.flags), usage: num(q.usage), handleType: num(q.handleType) });
  }

  externalImageFormatProperties(pd: ObjectHandle, q: ImageQuery & { handleType?: number }): ImageFormatAnswer {
    const m = this.pd(pd);
    if (m === undefined || !isObject(q)) return UNSUPPORTED();
    return m.externalImage({ format: num(q.format), type: num(q.type), tiling: num(q.tiling), usage: num(q.usage), flags: num(q.flags), handleType: q.handleType === undefined ? undefined : num(q.handleType) });
  }

  externalImageFormatPropertiesNV(pd: ObjectHandle, q: ImageQuery & { handleTypes: number }): ImageFormatAnswer {
    const m = this.pd(pd);
    if (m === undefined || !isObject(q)) return UNSUPPORTED();
    return m.externalImageNV({ format: num(q.format), type: num(q.type), tiling: num(q.tiling), usage: num(q.usage), flags: num(q.flags), handleTypes: num(q.handleTypes) });
  }

  imageFormatProperties(pd: ObjectHandle, q: ImageQuery): ImageFormatAnswer {
    const m = this.pd(pd);
    if (m === undefined || !isObject(q)) return UNSUPPORTED();
    return m.plainImage({ format: num(q.format), type: num(q.type), tiling: num(q.tiling) });
  }

  // ---- devices and resources

  createDevice(pd: ObjectHandle, extensions: string[]): Created {
    const m = this.pd(pd);
    if (m === undefined) return failed(VK_ERROR_INITIALIZATION_FAILED);
    const exts = Array.isArray(extensions) ? extensions.filter((e): e is string => typeof e === 'string') : [];
    if (exts.some((e) => !m.extensions.has(e))) return failed(VK_ERROR_EXTENSION_NOT_PRESENT);
    const handle = this.w.newObject();
    this.w.devices.set(handle, { handle, pd: m, extensions: exts });
    return { result: VK_SUCCESS, handle };
  }

  /** Destroys the device and, leniently, whatever the app left on it (its memory is freed, not leaked). */
  destroyDevice(dev: ObjectHandle): void {
    const d = typeof dev === 'number' ? this.w.devices.get(dev) : undefined;
    if (d === undefined) return;
    const mem = this.w.memory;
    for (const s of mem.liveSlots()) if (mem.device[s] === d.handle) this.w.freeMemory(s);
    for (const [h, b] of this.w.buffers) if (b.device === d.handle) this.w.buffers.delete(h);
    for (const [h, i] of this.w.images) if (i.device === d.handle) this.w.images.delete(h);
    this.w.devices.delete(d.handle);
  }

  private device(dev: unknown) {
    return typeof dev === 'number' ? this.w.devices.get(dev) : undefined;
  }

  createBuffer(dev: ObjectHandle, d: BufferDesc): Created {
    if (this.device(dev) === undefined || !isObject(d)) return failed(VK_ERROR_UNKNOWN);
    const handle = this.w.newObject();
    this.w.buffers.set(handle, { handle, device: dev, desc: { ...d }, memory: 0, offset: 0 });
    return { result: VK_SUCCESS, handle };
  }

  createImage(dev: ObjectHandle, d: ImageDesc): Created {
    if (this.device(dev) === undefined || !isObject(d)) return failed(VK_ERROR_UNKNOWN);
    const handle = this.w.newObject();
    this.w.images.set(handle, { handle, device: dev, desc: { ...d }, memory: 0, offset: 0 });
    return { result: VK_SUCCESS, handle };
  }

  destroyBuffer(_dev: ObjectHandle, b: ObjectHandle): void {
    if (typeof b === 'number') this.w.buffers.delete(b);
  }

  destroyImage(_dev: ObjectHandle, i: ObjectHandle): void {
    if (typeof i === 'number') this.w.images.delete(i);
  }

  bufferRequirements(dev: ObjectHandle, b: ObjectHandle): MemoryRequirements {
    const d = this.device(dev);
    const buf = typeof b === 'number' ? this.w.buffers.get(b) : undefined;
    if (d === undefined || buf === undefined) return NO_REQS();
    return d.pd.bufferRequirements(buf.desc.size, flags(buf.desc.externalHandleTypes));
  }

  imageRequirements(dev: ObjectHandle, i: ObjectHandle): MemoryRequirements {
    const d = this.device(dev);
    const img = typeof i === 'number' ? this.w.images.get(i) : undefined;
    if (d === undefined || img === undefined) return NO_REQS();
    const x = img.desc;
    return d.pd.imageRequirements({
      format: num(x.format), width: num(x.width), height: num(x.height), depth: num(x.depth), mipLevels: num(x.mipLevels),
      arrayLayers: num(x.arrayLayers), samples: num(x.samples), tiling: num(x.tiling),
      externalHandleTypes: flags(x.externalHandleTypes), externalHandleTypesNV: flags(x.externalHandleTypesNV),
    });
  }

  // ---- memory

  allocate(process: ProcessId, dev: ObjectHandle, d: AllocateDesc): Created {
    const w = this.w;
    const dv = this.device(dev);
    if (dv === undefined || !isObject(d)) return failed(VK_ERROR_UNKNOWN);
    const pd = dv.pd;
    const typeIndex = d.memoryTypeIndex;
    if (typeof typeIndex !== 'number' || !Number.isInteger(typeIndex) || typeIndex < 0 || typeIndex >= pd.typeFlags.length) return failed(VK_ERROR_UNKNOWN);
    const procId = typeof process === 'number' && Number.isInteger(process) ? process : -1;

    let payload: number;
    let size: number;
    let offset = 0;
    let resolved: Resolved | undefined;
    let importedAs = 0;
    // The import is the first import structure with a nonzero handle type: one with 0 is ignored, as the
    // spec says. More than one is invalid usage; a lenient driver, the mock takes the first.
    const imp = Array.isArray(d.imports) ? d.imports.find((i) => isObject(i) && flags(i.handleType) !== 0) : undefined;
    if (imp !== undefined) {
      importedAs = imp.kind === 'win32-nv' ? nvToKhr(flags(imp.handleType)) : single(imp.handleType);
      const r = this.resolveImport(process, pd, imp, importedAs, d.allocationSize);
      if (typeof r === 'number') return failed(r);
      resolved = r;
      payload = r.payload;
      offset = r.offset;
      const given = nonNegative(d.allocationSize);
      const available = w.payloads.size[payload] - offset;
      size = sizeFromObject(importedAs) || Number.isNaN(given) ? available : given;
      // Memory cannot reach past the object it imports, nor be larger than its heap (an import with
      // another size is invalid usage, VUID-VkMemoryAllocateInfo-allocationSize-01742 and
      // VUID-vkAllocateMemory-pAllocateInfo-01713): the import fails, and a failed import leaves the
      // handle with the application, as the spec says.
      const heap = pd.heapOfType[typeIndex];
      if (heap >= 0 && heap < pd.heapSizes.length && size > pd.heapSizes[heap]) return failed(VK_ERROR_OUT_OF_DEVICE_MEMORY);
      if (size > available) return failed(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    } else {
      size = nonNegative(d.allocationSize);
      const heap = pd.heapOfType[typeIndex];
      if (!(heap >= 0 && heap < pd.heapSizes.length)) return failed(VK_ERROR_UNKNOWN);
      if (Number.isNaN(size) || size > pd.heapSizes[heap] - w.payloads.heapUsed[pd.index][heap]) return failed(VK_ERROR_OUT_OF_DEVICE_MEMORY);
      payload = w.payloads.born('vulkan', size, pd.index, typeIndex, heap);
    }

    const handle = w.newObject();
    const mem = w.memory;
    const s = mem.add(handle, dv.handle, payload, size, offset, typeIndex, procId);
    w.payloads.addRef(payload);
    mem.importedAs[s] = resolved !== undefined ? importedAs : 0;
    mem.exportTypes[s] = flags(d.exportTypes);
    mem.exportTypesNV[s] = flags(d.exportTypesNV);
    mem.exportAccess[s] = d.exportAccess === undefined ? DEFAULT_SHARED_ACCESS : flags(d.exportAccess);
    if (typeof d.exportName === 'string') {
      if (s >= mem.exportName.length) mem.exportName.length = s + 1;
      mem.exportName[s] = d.exportName;
    }
    const ded = isObject(d.dedicated) ? d.dedicated : isObject(d.dedicatedNV) ? d.dedicatedNV : undefined;
    if (ded !== undefined) mem.setDedicated(s, ded.image, ded.buffer);

    if (resolved !== undefined) {
      let moved = false;
      if (resolved.kind === 'fd') {
        // The driver now owns the fd: it leaves the process's table (its payload reference goes with
        // it; the new memory object holds its own).
        w.processes.fdConsume(w.processes.get(process)!, resolved.handle);
        moved = true;
      }
      if (resolved.kind !== 'host' && w.events.on) {
        w.events.emit({ kind: 'handle-imported', process: procId, handle: resolved.handle, handleKind: resolved.kind, payload: w.payloads.id[payload], memory: handle, ownershipMoved: moved });
      }
    }
    return { result: VK_SUCCESS, handle };
  }

  /** The payload an import refers to, or the VkResult a driver gives for a handle it cannot use. */
  private resolveImport(process: unknown, pd: PhysicalDeviceModel, imp: ImportDesc, type: number, allocationSize: unknown): Resolved | VkResult {
    const w = this.w;
    const bad = VK_ERROR_INVALID_EXTERNAL_HANDLE;
    const cls = handleClass(type);
    let r: Resolved | undefined;
    if (imp.kind === 'win32' || imp.kind === 'win32-nv') {
      if (cls !== HandleClass.Nt && cls !== HandleClass.Kmt) return bad;
      r = this.findWin32(process, type, imp.handle, imp.kind === 'win32' ? imp.name : undefined);
    } else if (imp.kind === 'fd') {
      if (cls !== HandleClass.Fd) return bad;
      const proc = w.processes.get(process);
      const f = proc === undefined ? -1 : proc.fds.find(imp.fd);
      if (f >= 0 && proc!.fds.type[f] === type) r = { payload: proc!.fds.payload[f] - 1, kind: 'fd', handle: f, offset: 0 };
    } else if (imp.kind === 'host') {
      if (cls !== HandleClass.Host) return bad;
      return this.findHost(process, imp.pointer, allocationSize);
    }
    if (r === undefined) return bad;
    return this.sameDevice(r.payload, type, pd) ? r : bad;
  }

  /** An NT handle of the process, a name, or a global KMT value, made as `type`. */
  private findWin32(process: unknown, type: number, handle: unknown, name: unknown): Resolved | undefined {
    const w = this.w;
    const given = typeof handle === 'number' && handle !== 0;
    if (handleClass(type) === HandleClass.Nt) {
      if (given) {
        const proc = w.processes.get(process);
        const i = proc === undefined ? -1 : proc.nt.find(handle);
        if (i < 0 || proc!.nt.type[i] !== type) return undefined;
        return { payload: w.kobjs.payload[proc!.nt.obj[i] - 1], kind: 'nt', handle, offset: 0 };
      }
      if (name === undefined || w.processes.get(process) === undefined) return undefined;
      const k = w.names.lookup(name);
      if (k < 0 || w.kobjs.type[k] !== type) return undefined;
      return { payload: w.kobjs.payload[k], kind: 'nt', handle: 0, offset: 0 };
    }
    // Global share handles have no names and belong to no process.
    if (!given) return undefined;
    const i = w.kmts.findLive(handle);
    if (i < 0 || w.kmts.type[i] !== type) return undefined;
    const p = w.kmts.payload[i];
    if (w.payloads.id[p] !== w.kmts.payloadId[i]) return undefined;
    return { payload: p, kind: 'kmt', handle, offset: 0 };
  }

  /**
   * Host memory: a pointer into one of the process's host allocations shares that payload; any other
   * non-null pointer is taken as host memory the mock was not told about (a driver cannot tell) and
   * gets a payload of its own.
   */
  private findHost(process: unknown, pointer: unknown, allocationSize: unknown): Resolved | VkResult {
    const w = this.w;
    const proc = w.processes.get(process);
    const ptr = nonNegative(pointer);
    const size = nonNegative(allocationSize);
    if (proc === undefined || !(ptr > 0) || Number.isNaN(size)) return VK_ERROR_INVALID_EXTERNAL_HANDLE;
    const h = proc.host.find(ptr);
    if (h !== undefined) return { payload: h.payload, kind: 'host', handle: ptr, offset: ptr - h.base };
    return { payload: w.payloads.born('host', size, -1, -1, -1), kind: 'host', handle: ptr, offset: 0 };
  }

  /** Opaque handles import only on a device with the exporter's UUIDs; D3D handles only on the adapter's LUID. */
  private sameDevice(p: number, type: number, pd: PhysicalDeviceModel): boolean {
    const origin = this.w.payloads.pd[p];
    if (isOpaque(type)) return origin >= 0 && this.w.pds[origin].uuidKey === pd.uuidKey;
    if (isD3D(type)) return origin >= 0 && pd.luidKey !== undefined && this.w.pds[origin].luidKey === pd.luidKey;
    return true;
  }

  free(_dev: ObjectHandle, mem: ObjectHandle): void {
    const s = this.w.memory.find(mem);
    if (s >= 0) this.w.freeMemory(s);
  }

  bindBuffer(_dev: ObjectHandle, b: ObjectHandle, mem: ObjectHandle, offset: number): VkResult {
    const buf = typeof b === 'number' ? this.w.buffers.get(b) : undefined;
    if (buf === undefined || this.w.memory.find(mem) < 0) return VK_ERROR_UNKNOWN;
    buf.memory = mem;
    buf.offset = typeof offset === 'number' ? offset : 0;
    return VK_SUCCESS;
  }

  bindImage(_dev: ObjectHandle, i: ObjectHandle, mem: ObjectHandle, offset: number): VkResult {
    const img = typeof i === 'number' ? this.w.images.get(i) : undefined;
    if (img === undefined || this.w.memory.find(mem) < 0) return VK_ERROR_UNKNOWN;
    img.memory = mem;
    img.offset = typeof offset === 'number' ? offset : 0;
    return VK_SUCCESS;
  }

  map(_dev: ObjectHandle, mem: ObjectHandle, _offset: number, _size: number): VkResult {
    const m = this.w.memory;
    const s = m.find(mem);
    if (s < 0 || m.mapped[s] !== 0) return VK_ERROR_MEMORY_MAP_FAILED;
    const dev = this.w.devices.get(m.device[s]);
    const typeFlags = dev === undefined ? 0 : dev.pd.typeFlags[m.memType[s]];
    if ((typeFlags & MEMORY_PROPERTY_HOST_VISIBLE) === 0) return VK_ERROR_MEMORY_MAP_FAILED;
    m.mapped[s] = 1;
    return VK_SUCCESS;
  }

  unmap(_dev: ObjectHandle, mem: ObjectHandle): void {
    const s = this.w.memory.find(mem);
    if (s >= 0) this.w.memory.mapped[s] = 0;
  }

  /** `offset` counts from the start of the memory object; bytes past its end are dropped. */
  write(mem: ObjectHandle, offset: number, bytes: Uint8Array): void {
    const m = this.w.memory;
    const s = m.find(mem);
    const off = nonNegative(offset);
    if (s < 0 || Number.isNaN(off) || !(bytes instanceof Uint8Array)) return;
    const n = Math.min(bytes.length, m.size[s] - off);
    if (n > 0) this.w.payloads.write(m.payload[s], m.offset(s) + off, bytes.subarray(0, n));
  }

  read(mem: ObjectHandle, offset: number, size: number): Uint8Array {
    const m = this.w.memory;
    const s = m.find(mem);
    const off = nonNegative(offset);
    const len = nonNegative(size);
    if (s < 0 || Number.isNaN(off) || Number.isNaN(len)) return new Uint8Array(0);
    const n = Math.min(len, m.size[s] - off);
    return n > 0 ? this.w.payloads.read(m.payload[s], m.offset(s) + off, n) : new Uint8Array(0);
  }

  // ---- export

  getWin32Handle(process: ProcessId, _dev: ObjectHandle, mem: ObjectHandle, handleType: number): Exported {
    return this.exportWin32(process, mem, single(handleType));
  }

  getWin32HandleNV(process: ProcessId, _dev: ObjectHandle, mem: ObjectHandle, handleTypeNV: number): Exported {
    return this.exportWin32(process, mem, nvToKhr(flags(handleTypeNV)));
  }

  /**
   * An NT type opens a new handle (one more kernel reference) on every call; a KMT type gives the one
   * global value of the payload, made on first use.
   */
  private exportWin32(process: unknown, mem: unknown, type: number): Exported {
    const w = this.w;
    const proc = w.processes.get(process);
    const s = w.memory.find(mem);
    if (proc === undefined || s < 0) return noExport(VK_ERROR_UNKNOWN);
    const p = w.memory.payload[s];
    const cls = handleClass(type);
    if (cls === HandleClass.Nt) {
      if (proc.nt.full()) return noExport(VK_ERROR_TOO_MANY_OBJECTS);
      // A name already given to another payload's object cannot be reused.
      const k = w.kobjs.share(p, type, w.memory.exportName[s]);
      if (k < 0) return noExport(VK_ERROR_UNKNOWN);
      return { result: VK_SUCCESS, value: w.processes.ntOpen(proc, k, w.memory.exportAccess[s], type, false) };
    }
    if (cls === HandleClass.Kmt) return { result: VK_SUCCESS, value: kmtValue(w, proc, p, type) };
    return noExport(VK_ERROR_UNKNOWN);
  }

  getFd(process: ProcessId, _dev: ObjectHandle, mem: ObjectHandle, handleType: number): Exported {
    const w = this.w;
    const proc = w.processes.get(process);
    const s = w.memory.find(mem);
    const type = single(handleType);
    if (proc === undefined || s < 0 || handleClass(type) !== HandleClass.Fd) return noExport(VK_ERROR_UNKNOWN);
    const fd = w.processes.fdOpen(proc, w.memory.payload[s], type);
    return fd < 0 ? noExport(VK_ERROR_TOO_MANY_OBJECTS) : { result: VK_SUCCESS, value: fd };
  }

  // ---- handle properties (for handles made outside Vulkan: the opaque types have none)

  win32HandleProperties(process: ProcessId, dev: ObjectHandle, handleType: number, handle: number): TypeBitsAnswer {
    const d = this.device(dev);
    const type = single(handleType);
    if (d === undefined) return noBits(VK_ERROR_UNKNOWN);
    if (isOpaque(type)) return noBits(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    const cls = handleClass(type);
    if (cls !== HandleClass.Nt && cls !== HandleClass.Kmt) return noBits(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    const r = this.findWin32(process, type, handle, undefined);
    if (r === undefined || !this.sameDevice(r.payload, type, d.pd)) return noBits(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    return this.bits(d.pd, type);
  }

  fdProperties(process: ProcessId, dev: ObjectHandle, handleType: number, fd: number): TypeBitsAnswer {
    const d = this.device(dev);
    const type = single(handleType);
    if (d === undefined) return noBits(VK_ERROR_UNKNOWN);
    if (isOpaque(type) || handleClass(type) !== HandleClass.Fd) return noBits(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    const proc = this.w.processes.get(process);
    const f = proc === undefined ? -1 : proc.fds.find(fd);
    if (f < 0 || proc!.fds.type[f] !== type) return noBits(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    return this.bits(d.pd, type);
  }

  hostPointerProperties(dev: ObjectHandle, handleType: number, pointer: number): TypeBitsAnswer {
    const d = this.device(dev);
    const type = single(handleType);
    if (d === undefined) return noBits(VK_ERROR_UNKNOWN);
    if (handleClass(type) !== HandleClass.Host || !(nonNegative(pointer) > 0)) return noBits(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    return this.bits(d.pd, type);
  }

  private bits(pd: PhysicalDeviceModel, type: number): TypeBitsAnswer {
    const b = pd.handleTypeBits(type);
    return b === undefined ? noBits(VK_ERROR_INVALID_EXTERNAL_HANDLE) : { result: VK_SUCCESS, memoryTypeBits: b };
  }
}

/** The payload's global share value, made (and reported) the first time anyone asks. */
export function kmtValue(w: World, proc: ProcessRecord, p: number, type: number): number {
  const existing = w.payloads.kmt[p];
  if (existing !== 0) return w.kmts.valueOf(existing - 1);
  const i = w.kmts.make(p, w.payloads.id[p], type);
  w.payloads.kmt[p] = i + 1;
  const value = w.kmts.valueOf(i);
  if (w.events.on) w.events.emit({ kind: 'handle-created', process: proc.id, handle: value, handleKind: 'kmt', payload: w.payloads.id[p] });
  return value;
}
