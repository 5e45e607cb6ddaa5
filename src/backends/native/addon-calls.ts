// NativeAddon (objects in, objects out) over RawAddon (numbers in, one Float64Array for what comes out):
// the argument objects are read and the result objects built here, in JavaScript, where both are cheap.
// One `out` array serves every call: the addon writes it during the call and nothing else touches it
// before the answer is copied out, so no call can see another's values.
import type { NativeAddon, RawAddon } from './addon-api.js';
import type { ExternalMemoryProperties, ImageFormatAnswer } from '../types.js';
import { OPERATIONS, type BackendOperation, type OperationResults } from '../../generated/calls.js';

/** Per operation, the names of what it writes into `out`, in order (its outputs and filled-in members). */
const OUTPUTS = Object.fromEntries(Object.entries(OPERATIONS).map(([n, row]) => [n, row.params.filter((q) => q.out || q.inout)]));

const props = (out: Float64Array): ExternalMemoryProperties =>
  ({ externalMemoryFeatures: out[0], exportFromImportedHandleTypes: out[1], compatibleHandleTypes: out[2] });
/** An image answer from out: the external properties, then VkImageFormatProperties. */
const imageAnswer = (result: number, out: Float64Array): ImageFormatAnswer => ({
  result, external: props(out),
  limits: { maxExtent: { width: out[3], height: out[4], depth: out[5] }, maxMipLevels: out[6], maxArrayLayers: out[7], sampleCounts: out[8], maxResourceSize: out[9] },
});

export function bindAddon(raw: RawAddon): NativeAddon {
  const out = new Float64Array(10);
  const created = (result: number) => ({ result, handle: out[0] });
  const exported = (result: number) => ({ result, value: out[0] });
  const typeBits = (result: number) => ({ result, memoryTypeBits: out[0] });
  // An operation's outputs: each written value (0 where the call wrote none), and each filled-in member
  // the addon wrote (left NaN otherwise: not filled in).
  const operation = <K extends BackendOperation>(name: K, args: object): OperationResults[K] => {
    out.fill(NaN);
    const r: Record<string, number | undefined> = { result: raw.operation(name, args, out) };
    OUTPUTS[name].forEach((q, i) => {
      if (q.inout) { if (!Number.isNaN(out[i])) r[q.name] = out[i]; } else r[q.name] = Number.isNaN(out[i]) ? 0 : out[i];
    });
    return r as OperationResults[K];
  };
  const requirements = () => ({
    size: out[0], alignment: out[1], memoryTypeBits: out[2],
    prefersDedicatedAllocation: out[3] === 1, requiresDedicatedAllocation: out[4] === 1,
  });
  return {
    platform: raw.platform,
    open: (o) => raw.open(o),
    close: () => raw.close(),
    physicalDevices: () => raw.physicalDevices(),
    externalBufferProperties: (pd, q) => { raw.externalBufferProperties(pd, q.flags, q.usage, q.handleType, out); return props(out); },
    externalBufferPropertiesBatch: (pd, queries, answers) => raw.externalBufferPropertiesBatch(pd, queries, answers),
    externalImageFormatProperties: (pd, q) => imageAnswer(raw.externalImageFormatProperties(pd, q.format, q.type, q.tiling, q.usage, q.flags, q.handleType, out), out),
    externalImageFormatPropertiesNV: (pd, q) => imageAnswer(raw.externalImageFormatPropertiesNV(pd, q.format, q.type, q.tiling, q.usage, q.flags, q.handleTypes, out), out),
    imageFormatProperties: (pd, q) => imageAnswer(raw.imageFormatProperties(pd, q.format, q.type, q.tiling, q.usage, q.flags, out), out),
    imageFormatBatch: (pd, queries, answers) => raw.imageFormatBatch(pd, queries, answers),
    createDevice: (pd, extensions) => created(raw.createDevice(pd, extensions, out)),
    destroyDevice: (dev) => raw.destroyDevice(dev),
    createBuffer: (dev, d) => created(raw.createBuffer(dev, d, out)),
    createImage: (dev, d) => created(raw.createImage(dev, d, out)),
    destroyBuffer: (dev, b) => raw.destroyBuffer(dev, b),
    destroyImage: (dev, i) => raw.destroyImage(dev, i),
    bufferRequirements: (dev, b) => { raw.bufferRequirements(dev, b, out); return requirements(); },
    imageRequirements: (dev, i) => { raw.imageRequirements(dev, i, out); return requirements(); },
    allocate: (dev, d) => created(raw.allocate(dev, d, out)),
    free: (dev, mem) => raw.free(dev, mem),
    bindBuffer: (dev, b, mem, offset) => raw.bindBuffer(dev, b, mem, offset),
    bindImage: (dev, i, mem, offset) => raw.bindImage(dev, i, mem, offset),
    map: (dev, mem, offset, size) => raw.map(dev, mem, offset, size),
    unmap: (dev, mem) => raw.unmap(dev, mem),
    write: (mem, offset, bytes) => raw.write(mem, offset, bytes),
    read: (mem, offset, size) => raw.read(mem, offset, size),
    getFd: (dev, mem, t) => exported(raw.getFd(dev, mem, t, out)),
    getWin32Handle: (dev, mem, t) => exported(raw.getWin32Handle(dev, mem, t, out)),
    getWin32HandleNV: (dev, mem, t) => exported(raw.getWin32HandleNV(dev, mem, t, out)),
    fdProperties: (dev, t, fd) => typeBits(raw.fdProperties(dev, t, fd, out)),
    win32HandleProperties: (dev, t, h) => typeBits(raw.win32HandleProperties(dev, t, h, out)),
    hostPointerProperties: (dev, t, p) => typeBits(raw.hostPointerProperties(dev, t, p, out)),
    hostAlloc: (size, alignment) => raw.hostAlloc(size, alignment),
    hostFree: (p) => raw.hostFree(p),
    hostWrite: (p, bytes) => raw.hostWrite(p, bytes),
    hostRead: (p, size) => raw.hostRead(p, size),
    heldFds: () => raw.heldFds(),
    fdIdentity: (fd) => raw.fdIdentity(fd),
    takeHandleEvents: () => raw.takeHandleEvents(),
    setObserving: (on) => raw.setObserving(on),
    takeLayerMessages: () => raw.takeLayerMessages(),
    d3dAvailable: (luid) => raw.d3dAvailable(luid),
    adoptKmt: (value) => raw.adoptKmt(value),
    operation,
  };
}
