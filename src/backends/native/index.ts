// The native backend: the Backend interface over the C++ addon (native/), which talks to a real Vulkan
// driver. It runs in this one process; scenarios with other processes or D3D are not supported by it.
// When the addon was not built or no driver is present, `loadNativeAddon` says exactly what is missing.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AllocateDesc, Backend, BufferDesc, D3DBackend, ImageDesc, LifecycleEvent, OsBackend, ProcessId, VulkanBackend } from '../types.js';
import type { NativeAddon, OpenOptions } from './addon-api.js';
import { NotSupported } from '../../session/placeholders.js';

export type { NativeAddon, OpenOptions, LayerMessage } from './addon-api.js';

/** Where the built addon may be: next to the package's dist/, or named by VK_EXTMEM_ADDON. */
export function addonCandidates(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const roots = [resolve(here, '..'), resolve(here, '../..'), resolve(here, '../../..')];
  const env = process.env.VK_EXTMEM_ADDON;
  const build = process.platform === 'win32' ? ['native/build/win32/vkextmem.node', 'native/build/Release/vkextmem.node'] : ['native/build/Release/vkextmem.node'];
  return [...new Set([...(env ? [env] : []), ...roots.flatMap((r) => build.map((b) => join(r, b)))])];
}

export interface NativeLoad { addon?: NativeAddon; path?: string; reason?: string }

let cached: NativeLoad | undefined;
/** Loads the addon once; never throws. */
export function loadNativeAddon(): NativeLoad {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const tried: string[] = [];
  for (const path of addonCandidates()) {
    if (!existsSync(path)) { tried.push(path); continue; }
    try {
      return (cached = { addon: require(path) as NativeAddon, path });
    } catch (e) {
      return (cached = { reason: `the native addon at ${path} does not load: ${(e as Error).message}` });
    }
  }
  return (cached = { reason: `the native addon is not built (looked for ${tried.join(', ')}); build it with "npm run build:native" (needs cmake and a C++ compiler)` });
}

export class NativeUnavailable extends Error {}

const VK_SUCCESS = 0;

export class NativeBackend implements Backend {
  readonly kind = 'native' as const;
  readonly description: string;
  readonly vulkan: VulkanBackend;
  readonly os: OsBackend;
  readonly d3d: D3DBackend | null = null;
  onEvent?: (e: LifecycleEvent) => void;

  constructor(readonly addon: NativeAddon, opened: { loader?: string; validation?: boolean }, readonly path: string) {
    const devices = addon.physicalDevices();
    this.description = `native backend (${addon.platform}, ${opened.loader ?? 'Vulkan loader'}): ${devices.map((d) => d.deviceName).join('; ') || 'no devices'}${opened.validation ? ', with VK_LAYER_KHRONOS_validation' : ''}`;
    const a = addon;
    const emit = (e: LifecycleEvent) => this.onEvent?.(e);
    this.vulkan = {
      physicalDevices: () => a.physicalDevices(),
      externalBufferProperties: (pd, q) => a.externalBufferProperties(pd, q),
      externalImageFormatProperties: (pd, q) => a.externalImageFormatProperties(pd, q),
      externalImageFormatPropertiesNV: (pd, q) => a.externalImageFormatPropertiesNV(pd, q),
      createDevice: (pd, ext) => a.createDevice(pd, ext),
      destroyDevice: (dev) => a.destroyDevice(dev),
      createBuffer: (dev, d: BufferDesc) => a.createBuffer(dev, d),
      createImage: (dev, d: ImageDesc) => a.createImage(dev, d),
      destroyBuffer: (dev, b) => a.destroyBuffer(dev, b),
      destroyImage: (dev, i) => a.destroyImage(dev, i),
      bufferRequirements: (dev, b) => a.bufferRequirements(dev, b),
      imageRequirements: (dev, i) => a.imageRequirements(dev, i),
      allocate: (p: ProcessId, dev, d: AllocateDesc) => {
        this.only(p);
        const r = a.allocate(dev, d);
        const imp = d.import;
        if (r.result === VK_SUCCESS && imp && imp.kind !== 'host') {
          const handle = imp.kind === 'fd' ? imp.fd : imp.handle;
          emit({ kind: 'handle-imported', process: 0, handle, handleKind: imp.kind === 'fd' ? 'fd' : 'nt', payload: 0, memory: r.handle, ownershipMoved: imp.kind === 'fd' });
        }
        return r;
      },
      free: (dev, mem) => a.free(dev, mem),
      bindBuffer: (dev, b, mem, off) => a.bindBuffer(dev, b, mem, off),
      bindImage: (dev, i, mem, off) => a.bindImage(dev, i, mem, off),
      map: (dev, mem, off, size) => a.map(dev, mem, off, size),
      unmap: (dev, mem) => a.unmap(dev, mem),
      write: (mem, off, bytes) => a.write(mem, off, bytes),
      read: (mem, off, size) => a.read(mem, off, size),
      getWin32Handle: (p, dev, mem, t) => { this.only(p); const r = a.getWin32Handle(dev, mem, t); if (r.result === VK_SUCCESS) emit({ kind: 'handle-created', process: 0, handle: r.value, handleKind: (t & 0x14) ? 'kmt' : 'nt', payload: 0 }); return r; },
      getWin32HandleNV: (p, dev, mem, t) => { this.only(p); return a.getWin32HandleNV(dev, mem, t); },
      getFd: (p, dev, mem, t) => { this.only(p); const r = a.getFd(dev, mem, t); if (r.result === VK_SUCCESS) emit({ kind: 'handle-created', process: 0, handle: r.value, handleKind: 'fd', payload: 0 }); return r; },
      win32HandleProperties: (p, dev, t, h) => { this.only(p); return a.win32HandleProperties(dev, t, h); },
      fdProperties: (p, dev, t, fd) => { this.only(p); return a.fdProperties(dev, t, fd); },
      hostPointerProperties: (dev, t, ptr) => a.hostPointerProperties(dev, t, ptr),
    };
    this.os = {
      createProcess: (name) => { throw new NotSupported(`the native backend runs in one process and cannot make process ${JSON.stringify(name)}`); },
      exitProcess: () => undefined,
      closeHandle: (p, h) => { this.only(p); const ok = a.closeHandle(h); if (ok) emit({ kind: 'handle-closed', process: 0, handle: h, handleKind: 'nt' }); return ok; },
      duplicateHandle: (p, src, h, dst) => { this.only(p); this.only(src); this.only(dst); const v = a.duplicateHandle(h); return { ok: v ? 1 : 0, handle: v }; },
      openSharedHandleByName: () => ({ hr: -2147467263 /* E_NOTIMPL */, handle: 0 }),
      close: (p, fd) => { this.only(p); const r = a.closeFd(fd); if (r === 0) emit({ kind: 'handle-closed', process: 0, handle: fd, handleKind: 'fd' }); return r; },
      dup: (p, fd) => { this.only(p); return a.dupFd(fd); },
      dmaHeapAlloc: () => -1,
      hostAlloc: (p, size, alignment) => { this.only(p); return a.hostAlloc(size, alignment); },
    };
  }

  private only(p: ProcessId): void {
    if (p !== 0) throw new NotSupported('the native backend runs in one process');
  }

  /** Messages of the validation layer since the last call (when opened with validation). */
  takeLayerMessages() { return this.addon.takeLayerMessages(); }

  dispose(): void {
    this.addon.close();
  }
}

/** Opens the native backend, or throws NativeUnavailable saying exactly what is missing. */
export function createNativeBackend(o: OpenOptions = {}): NativeBackend {
  const load = loadNativeAddon();
  if (!load.addon) throw new NativeUnavailable(load.reason ?? 'the native addon is unavailable');
  const opened = load.addon.open(o);
  if (!opened.ok) throw new NativeUnavailable(`the native addon loaded (${load.path}) but cannot reach a Vulkan driver: ${opened.error ?? 'unknown reason'}`);
  return new NativeBackend(load.addon, opened, load.path!);
}
