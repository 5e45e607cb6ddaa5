// The native addon on lavapipe: opening and closing, what it says about the physical device (checked
// against vulkaninfo and against our measured profile), and the capability queries.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itNeeds } from '../helpers/system.js';
import { loadProfile } from '../../src/profiles/load.js';
import type { NativeAddon } from '../../src/backends/native/addon-api.js';
import type { PhysicalDeviceInfo } from '../../src/backends/types.js';
import {
  addonMissing, addonPath, hasAddon, hasLavapipe, hasVulkaninfo, lavapipeIcd, lavapipeMissing, loadAddon, loadRawAddon, openLavapipe, root,
  HOST_ALLOCATION, OPAQUE_FD, OPAQUE_WIN32, VK_ERROR_EXTENSION_NOT_PRESENT,
} from './addon.js';

const onLavapipe = itNeeds(hasAddon && hasLavapipe, lavapipeMissing);
const withVulkaninfo = itNeeds(hasAddon && hasLavapipe && hasVulkaninfo, [lavapipeMissing, !hasVulkaninfo && 'vulkaninfo (vulkan-tools)'].filter(Boolean).join('; '));

const EXPORTABLE = 0x2;
const IMPORTABLE = 0x4;

/** Runs a few lines against the addon in a fresh Node process, with its own environment. */
function inChild(code: string, env: Record<string, string>) {
  const script = `const a = require(${JSON.stringify(addonPath)});\n${code}`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, signal: r.signal, out: r.stdout.trim(), err: r.stderr };
}

describe('native addon: loading and opening', () => {
  itNeeds(hasAddon, addonMissing)('loads without Vulkan and names its platform', () => {
    const a = loadAddon();
    expect(a.platform).toBe('linux');
    expect(typeof a.open).toBe('function');
  });

  itNeeds(hasAddon, addonMissing)('without a loader, open() says which library it tried and why', () => {
    const r = inChild('console.log(JSON.stringify(a.open()))', { VKX_VULKAN_LOADER: '/nonexistent/libvulkan.so.1' });
    expect(r.status).toBe(0);
    const res = JSON.parse(r.out);
    expect(res.ok).toBe(false);
    expect(res.error).toMatch(/^no Vulkan loader: tried \/nonexistent\/libvulkan\.so\.1 \(.*No such file/);
  });

  onLavapipe('without a driver, open() names the VkResult and the ICD setting', () => {
    const r = inChild('console.log(JSON.stringify(a.open()))', { VK_ICD_FILENAMES: '/nonexistent/icd.json', VK_DRIVER_FILES: '' });
    const res = JSON.parse(r.out);
    expect(res.ok).toBe(false);
    expect(res.loader).toBe('libvulkan.so.1');
    expect(res.error).toContain('VK_ERROR_INCOMPATIBLE_DRIVER (-9)');
    expect(res.error).toContain('VK_ICD_FILENAMES=/nonexistent/icd.json');
  });

  onLavapipe('open, close, and open again; a second open without close is refused', () => {
    const a = loadAddon();
    expect(openLavapipe(a)).toEqual({ ok: true, loader: 'libvulkan.so.1', validation: false });
    expect(a.open()).toMatchObject({ ok: false, error: 'already open: call close() first' });
    const first = a.physicalDevices()[0].handle;
    a.close();
    expect(a.physicalDevices()).toEqual([]);
    expect(() => a.createDevice(first, [])).toThrow(new RangeError(`no such physical device ${first}`));
    openLavapipe(a);
    // Ids are never reused: the old physical device id stays unknown after reopening.
    expect(a.physicalDevices()[0].handle).not.toBe(first);
    a.close();
    a.close();
  });

  itNeeds(hasAddon, addonMissing)('open() checks its options', () => {
    const a = loadAddon();
    expect(() => a.open({ validation: 'yes' } as never)).toThrow(new TypeError('open: o.validation must be a boolean, got a string'));
    expect(() => a.open({ apiVersion: -1 })).toThrow(RangeError);
    expect(() => a.open(7 as never)).toThrow(TypeError);
  });
});

describe('native addon on lavapipe: the physical device', () => {
  let a: NativeAddon;
  let pd: PhysicalDeviceInfo;
  beforeAll(() => {
    if (!hasAddon || !hasLavapipe) return;
    a = loadAddon();
    openLavapipe(a);
    pd = a.physicalDevices()[0];
  });
  afterAll(() => a?.close());

  withVulkaninfo('identity, extensions and host-pointer alignment match vulkaninfo', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vkx-vulkaninfo-'));
    const out = join(dir, 'vi.json');
    const r = spawnSync('vulkaninfo', ['--json=0', '-o', out], { env: { ...process.env, VK_ICD_FILENAMES: lavapipeIcd }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const caps = JSON.parse(readFileSync(out, 'utf8')).capabilities.device;
    const props = caps.properties.VkPhysicalDeviceProperties;
    const id = caps.properties.VkPhysicalDeviceIDProperties;
    expect(pd.deviceName).toBe(props.deviceName);
    expect(pd.vendorID).toBe(props.vendorID);
    expect(pd.deviceID).toBe(props.deviceID);
    expect(pd.deviceType).toBe(4); // VK_PHYSICAL_DEVICE_TYPE_CPU
    expect(props.deviceType).toBe('VK_PHYSICAL_DEVICE_TYPE_CPU');
    expect(pd.apiVersion).toBe(props.apiVersion);
    expect(pd.driverVersion).toBe(props.driverVersion);
    expect([...pd.deviceUUID]).toEqual(id.deviceUUID);
    expect([...pd.driverUUID]).toEqual(id.driverUUID);
    expect(pd.deviceLUIDValid).toBe(id.deviceLUIDValid);
    expect(pd.deviceNodeMask).toBe(id.deviceNodeMask);
    expect(pd.deviceLUID).toBeInstanceOf(Uint8Array);
    expect(pd.deviceLUID.length).toBe(8);
    expect([...pd.extensions].sort()).toEqual(Object.keys(caps.extensions).sort());
    expect(pd.minImportedHostPointerAlignment).toBe(caps.properties.VkPhysicalDeviceExternalMemoryHostPropertiesEXT.minImportedHostPointerAlignment);
  });

  withVulkaninfo('memory types and heaps match vulkaninfo', () => {
    const r = spawnSync('vulkaninfo', [], { env: { ...process.env, VK_ICD_FILENAMES: lavapipeIcd }, encoding: 'utf8' });
    const text = r.stdout;
    const heaps = [...text.matchAll(/memoryHeaps\[\d+\]:\s*\n\s*size\s*=\s*(\d+)/g)].map((m) => Number(m[1]));
    const types = [...text.matchAll(/memoryTypes\[\d+\]:\s*\n\s*heapIndex\s*=\s*(\d+)\s*\n\s*propertyFlags\s*=\s*(0x[0-9a-f]+)/g)]
      .map((m) => ({ heapIndex: Number(m[1]), propertyFlags: Number(m[2]) }));
    expect(types.length).toBeGreaterThan(0);
    expect(pd.memoryTypes).toEqual(types);
    expect(pd.memoryHeaps.map((h) => h.size)).toEqual(heaps);
  });

  onLavapipe('agrees with the measured profile (profiles/lavapipe.profile.json)', () => {
    const p = loadProfile(readFileSync(join(root, 'profiles', 'lavapipe.profile.json'), 'utf8'), 'lavapipe.profile.json');
    const bytes = (s: string) => s.split('-').map(Number);
    expect(pd.vendorID).toBe(p.device.vendorID);
    expect(pd.deviceID).toBe(p.device.deviceID);
    expect(pd.driverVersion).toBe(p.device.driverVersion);
    expect([...pd.driverUUID]).toEqual(bytes(p.device.driverUUID));
    expect(pd.deviceLUIDValid).toBe(p.device.deviceLUIDValid);
    expect(pd.minImportedHostPointerAlignment).toBe(p.device.minImportedHostPointerAlignment);
    for (const e of p.extensions) expect(pd.extensions).toContain(e);
    expect(pd.memoryTypes).toEqual(p.memory.types);
    expect(pd.memoryHeaps.map((h) => h.flags)).toEqual(p.memory.heaps.map((h) => h.flags));
  });

  onLavapipe('a buffer query says OPAQUE_FD is exportable and importable, HOST_ALLOCATION importable only', () => {
    const fd = a.externalBufferProperties(pd.handle, { flags: 0, usage: 3, handleType: OPAQUE_FD });
    expect(fd.externalMemoryFeatures & (EXPORTABLE | IMPORTABLE)).toBe(EXPORTABLE | IMPORTABLE);
    expect(fd.compatibleHandleTypes & OPAQUE_FD).toBe(OPAQUE_FD);
    const host = a.externalBufferProperties(pd.handle, { flags: 0, usage: 3, handleType: HOST_ALLOCATION });
    expect(host.externalMemoryFeatures & (EXPORTABLE | IMPORTABLE)).toBe(IMPORTABLE);
    expect(a.externalBufferProperties(pd.handle, { flags: 0, usage: 3, handleType: OPAQUE_WIN32 }).externalMemoryFeatures).toBe(0);
  });

  onLavapipe('a batch of buffer queries answers exactly what one query per call answers, also in place', () => {
    const triples: number[] = [];
    for (let bit = 0; bit < 12; bit++) for (const usage of [0x1, 0x3, 0x20, 0x80]) triples.push(0, usage, 1 << bit);
    const queries = new Uint32Array(triples);
    const out = new Uint32Array(queries.length);
    expect(a.externalBufferPropertiesBatch(pd.handle, queries, out)).toBe(triples.length / 3);
    const single = (i: number) => a.externalBufferProperties(pd.handle, { flags: triples[i], usage: triples[i + 1], handleType: triples[i + 2] });
    let answered = 0;
    for (let i = 0; i < triples.length; i += 3) {
      const p = single(i);
      expect([out[i], out[i + 1], out[i + 2]], `query ${i / 3}`).toEqual([p.externalMemoryFeatures, p.exportFromImportedHandleTypes, p.compatibleHandleTypes]);
      answered += p.externalMemoryFeatures !== 0 ? 1 : 0;
    }
    expect(answered).toBeGreaterThan(0); // OPAQUE_FD, DMA_BUF and HOST_ALLOCATION answer something
    const inPlace = queries.slice();
    a.externalBufferPropertiesBatch(pd.handle, inPlace, inPlace);
    expect([...inPlace]).toEqual([...out]);
    expect(a.externalBufferPropertiesBatch(pd.handle, new Uint32Array(0), new Uint32Array(0))).toBe(0);
  });

  onLavapipe('the batch and the out array refuse what does not fit, naming the argument', () => {
    expect(() => a.externalBufferPropertiesBatch(pd.handle, new Uint32Array(4), new Uint32Array(6)))
      .toThrow(new RangeError('externalBufferPropertiesBatch: queries must hold (flags, usage, handleType) triples, its length 4 is not a multiple of 3'));
    expect(() => a.externalBufferPropertiesBatch(pd.handle, new Uint32Array(6), new Uint32Array(5)))
      .toThrow(new RangeError('externalBufferPropertiesBatch: out has 5 elements, 6 are needed'));
    expect(() => a.externalBufferPropertiesBatch(pd.handle, new Int32Array(3) as never, new Uint32Array(3)))
      .toThrow(new TypeError('externalBufferPropertiesBatch: queries must be a Uint32Array, got an object'));
    const raw = loadRawAddon();
    expect(() => raw.externalBufferProperties(pd.handle, 0, 3, OPAQUE_FD, new Float32Array(3) as never))
      .toThrow(new TypeError('externalBufferProperties: out must be a Float64Array, got an object'));
    expect(() => raw.bufferRequirements(1, 1, new Float64Array(4)))
      .toThrow(new RangeError('bufferRequirements: out must have room for 5 values, it has 4'));
    const gone = new Float64Array(8);
    structuredClone(gone.buffer, { transfer: [gone.buffer] });
    expect(() => raw.externalBufferProperties(pd.handle, 0, 3, OPAQUE_FD, gone))
      .toThrow(new RangeError('externalBufferProperties: out must have room for 3 values, it has 0'));
    const out = new Float64Array(3);
    raw.externalBufferProperties(pd.handle, 0, 3, OPAQUE_FD, out);
    expect(out[0] & (EXPORTABLE | IMPORTABLE)).toBe(EXPORTABLE | IMPORTABLE);
  });

  onLavapipe('image queries: KHR with external info, and the NV query answers EXTENSION_NOT_PRESENT with zeros', () => {
    const q = { format: 37 /* R8G8B8A8_UNORM */, type: 1, tiling: 0, usage: 0x6, flags: 0 };
    const khr = a.externalImageFormatProperties(pd.handle, { ...q, handleType: OPAQUE_FD });
    expect(khr.result).toBe(0);
    expect(khr.external.externalMemoryFeatures & (EXPORTABLE | IMPORTABLE)).toBe(EXPORTABLE | IMPORTABLE);
    // The external structure with handle type 0 reaches the driver, which answers as the plain query.
    const zero = a.externalImageFormatProperties(pd.handle, { ...q, handleType: 0 });
    const plain = a.externalImageFormatProperties(pd.handle, q);
    expect(plain).toMatchObject({ result: 0, external: { externalMemoryFeatures: 0, exportFromImportedHandleTypes: 0, compatibleHandleTypes: 0 } });
    expect(plain.limits.maxExtent.width).toBeGreaterThan(0);
    expect(zero).toEqual(plain);
    expect(a.imageFormatProperties(pd.handle, q)).toEqual(plain);
    expect(a.externalImageFormatPropertiesNV(pd.handle, { ...q, handleTypes: 1 })).toMatchObject({
      result: VK_ERROR_EXTENSION_NOT_PRESENT, external: { externalMemoryFeatures: 0, exportFromImportedHandleTypes: 0, compatibleHandleTypes: 0 },
    });
  });

  onLavapipe('createDevice refuses an extension the device lacks with EXTENSION_NOT_PRESENT', () => {
    expect(a.createDevice(pd.handle, ['VK_KHR_external_memory_win32'])).toEqual({ result: VK_ERROR_EXTENSION_NOT_PRESENT, handle: 0 });
    expect(() => a.createDevice(pd.handle, [7 as never])).toThrow(new TypeError('createDevice: extensions[0] must be a string, got a number'));
  });

  onLavapipe('the Win32 entry points answer EXTENSION_NOT_PRESENT (or 0) on Linux', () => {
    const d = a.createDevice(pd.handle, []);
    const m = a.allocate(d.handle, { allocationSize: 4096, memoryTypeIndex: 0 });
    expect(a.getWin32Handle(d.handle, m.handle, OPAQUE_WIN32)).toEqual({ result: VK_ERROR_EXTENSION_NOT_PRESENT, value: 0 });
    expect(a.getWin32HandleNV(d.handle, m.handle, 1)).toEqual({ result: VK_ERROR_EXTENSION_NOT_PRESENT, value: 0 });
    expect(a.win32HandleProperties(d.handle, OPAQUE_WIN32, 0x1a4)).toEqual({ result: VK_ERROR_EXTENSION_NOT_PRESENT, memoryTypeBits: 0 });
    expect(a.operation('CloseHandle', { hObject: 0x1a4 }).result).toBe(0);
    expect(a.operation('DuplicateHandle', { hSourceProcessHandle: 0, hSourceHandle: 0x1a4, hTargetProcessHandle: 0, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 2 }).result).toBe(0);
    const win32Import = { allocationSize: 4096, memoryTypeIndex: 0 };
    expect(a.allocate(d.handle, { ...win32Import, imports: [{ kind: 'win32', handleType: OPAQUE_WIN32, handle: 0, name: 'Local\\x' }] }))
      .toEqual({ result: VK_ERROR_EXTENSION_NOT_PRESENT, handle: 0 });
    expect(a.allocate(d.handle, { ...win32Import, exportName: 'Local\\y' })).toEqual({ result: VK_ERROR_EXTENSION_NOT_PRESENT, handle: 0 });
    a.destroyDevice(d.handle);
  });

});
