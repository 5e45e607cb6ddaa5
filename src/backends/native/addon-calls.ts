// NativeAddon (objects in, objects out) over RawAddon (numbers in, one Float64Array for what comes out):
// the argument objects are read and the result objects built here, in JavaScript, where both are cheap.
// One `out` array serves every call: the addon writes it during the call and nothing else touches it
// before the answer is copied out, so no call can see another's values.
import type { NativeAddon, RawAddon } from './addon-api.js';
import type { AllocateDesc, ExternalMemoryProperties, ImageQuery } from '../types.js';

const props = (out: Float64Array): ExternalMemoryProperties =>
  ({ externalMemoryFeatures: out[0], exportFromImportedHandleTypes: out[1], compatibleHandleTypes: out[2] });

function importValue(d: AllocateDesc): number | undefined {
  const i = d.import;
  if (i === undefined || i === null) return undefined;
  switch (i.kind) {
    case 'fd': return i.fd;
    case 'host': return i.pointer;
    case 'win32': case 'win32-nv': return i.handle;
    default: return undefined; // the addon names the unknown kind
  }
}

export function bindAddon(raw: RawAddon): NativeAddon {
  const out = new Float64Array(8);
  const created = (result: number) => ({ result, handle: out[0] });
  const exported = (result: number) => ({ result, value: out[0] });
  const typeBits = (result: number) => ({ result, memoryTypeBits: out[0] });
  const made = (hr: number) => (out[1] > 0 ? { hr, object: out[0], size: out[1] } : { hr, object: out[0] });
  const handle = (hr: number) => ({ hr, handle: out[0] });
  const requirements = () => ({
    size: out[0], alignment: out[1], memoryTypeBits: out[2],
    prefersDedicatedAllocation: out[3] === 1, requiresDedicatedAllocation: out[4] === 1,
  });
  const image = (pd: number, q: ImageQuery, handleTypes: number, f: RawAddon['externalImageFormatProperties']) => {
    const result = f(pd, q.format, q.type, q.tiling, q.usage, q.flags, handleTypes, out);
    return { result, external: props(out) };
  };
  return {
    platform: raw.platform,
    open: (o) => raw.open(o),
    close: () => raw.close(),
    physicalDevices: () => raw.physicalDevices(),
    externalBufferProperties: (pd, q) => { raw.externalBufferProperties(pd, q.flags, q.usage, q.handleType, out); return props(out); },
    externalBufferPropertiesBatch: (pd, queries, answers) => raw.externalBufferPropertiesBatch(pd, queries, answers),
    externalImageFormatProperties: (pd, q) => image(pd, q, q.handleType, raw.externalImageFormatProperties),
    externalImageFormatPropertiesNV: (pd, q) => image(pd, q, q.handleTypes, raw.externalImageFormatPropertiesNV),
    createDevice: (pd, extensions) => created(raw.createDevice(pd, extensions, out)),
    destroyDevice: (dev) => raw.destroyDevice(dev),
    createBuffer: (dev, d) => created(raw.createBuffer(dev, d, out)),
    createImage: (dev, d) => created(raw.createImage(dev, d, out)),
    destroyBuffer: (dev, b) => raw.destroyBuffer(dev, b),
    destroyImage: (dev, i) => raw.destroyImage(dev, i),
    bufferRequirements: (dev, b) => { raw.bufferRequirements(dev, b, out); return requirements(); },
    imageRequirements: (dev, i) => { raw.imageRequirements(dev, i, out); return requirements(); },
    allocate: (dev, d) => {
      const i = d.import;
      return created(raw.allocate(dev, d.allocationSize, d.memoryTypeIndex, d.exportTypes, d.exportTypesNV,
        d.dedicatedImage, d.dedicatedBuffer, d.exportName, d.exportAccess,
        i?.kind, i?.handleType, importValue(d), i?.kind === 'win32' ? i.name : undefined, out));
    },
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
    closeFd: (fd) => raw.closeFd(fd),
    dupFd: (fd) => raw.dupFd(fd),
    hostAlloc: (size, alignment) => raw.hostAlloc(size, alignment),
    hostFree: (p) => raw.hostFree(p),
    closeHandle: (h) => raw.closeHandle(h),
    duplicateHandle: (h) => raw.duplicateHandle(h),
    takeLayerMessages: () => raw.takeLayerMessages(),
    d3dAvailable: (luid) => raw.d3dAvailable(luid),
    d3d11CreateTexture2D: (d) => made(raw.d3d11CreateTexture2D(d.adapterLUID, d.width, d.height, d.format, d.bindFlags, d.miscFlags, out)),
    d3d11CreateBuffer: (d) => made(raw.d3d11CreateBuffer(d.adapterLUID, d.byteWidth, d.bindFlags, d.miscFlags, out)),
    d3d12CreateHeap: (d) => made(raw.d3d12CreateHeap(d.adapterLUID, d.sizeInBytes, d.flags, out)),
    d3d12CreateCommittedResource: (d) => made(raw.d3d12CreateCommittedResource(d.adapterLUID, d.width, d.height, d.format, d.dimension,
      d.heapFlags, d.resourceFlags, out)),
    d3dCreateSharedHandle: (object, access, name, attributes) =>
      handle(raw.d3dCreateSharedHandle(object, access, name, attributes === undefined || attributes === null ? undefined : attributes.bInheritHandle ?? false, out)),
    d3dGetSharedHandle: (object) => handle(raw.d3dGetSharedHandle(object, out)),
    d3dRelease: (object) => raw.d3dRelease(object),
  };
}
