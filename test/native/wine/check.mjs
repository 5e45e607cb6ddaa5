// Run by the Windows Node.js under Wine, from test/native/wine.test.ts:
//   scripts/wine-node.sh test/native/wine/check.mjs OUT.json
// Exercises the Windows addon (native/build/win32/vkextmem.node) through the library on what Wine's
// Vulkan offers: a real device (lavapipe underneath) with none of the Win32 external-memory extensions.
// It only records what it saw, as JSON in OUT.json; the test judges it. Each part is caught on its own,
// so a part that throws leaves its error in the file and the other parts still run.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { release } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as lib from '../../../dist/index.js';
import { contract } from './contract.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const outFile = process.argv[2];
if (!outFile) { console.error('usage: check.mjs OUT.json'); process.exit(2); }

const WIN32_TYPES = { OPAQUE_WIN32: 0x2, OPAQUE_WIN32_KMT: 0x4, D3D11_TEXTURE: 0x8, D3D11_TEXTURE_KMT: 0x10, D3D12_HEAP: 0x20, D3D12_RESOURCE: 0x40 };
const WIN32_EXTENSIONS = ['VK_KHR_external_memory_win32', 'VK_NV_external_memory_win32'];
const SCENARIO = 'scenarios/examples/nt-handle-keeps-memory-alive.scenario.json';
const RGBA8_2D_OPTIMAL = { format: 37, type: 1, tiling: 0, usage: 0x6, flags: 0 };

const obs = { errors: {} };
async function part(name, fn) {
  try { obs[name] = await fn(); } catch (e) { obs.errors[name] = `${e?.constructor?.name}: ${e?.message}\n${e?.stack ?? ''}`; }
}

await part('process', () => ({ platform: process.platform, arch: process.arch, node: process.version, osRelease: release() }));

// The addon is found where the win32 lookup puts it, and loads (Node-API imports from NODE.EXE resolve).
await part('load', () => {
  const l = lib.loadNativeAddon();
  return { found: l.path ? relative(root, l.path) : null, reason: l.reason ?? null, addonPlatform: l.addon?.platform ?? null };
});

// open() loads vulkan-1.dll at run time and makes an instance; close() lets createNativeBackend open again.
await part('open', () => {
  const a = lib.loadNativeAddon().addon;
  const r = a.open({ apiVersion: 0x401000 });
  a.close();
  return { ok: r.ok, loader: r.loader ?? null, error: r.error ?? null };
});

await part('backend', () => {
  const b = lib.createNativeBackend({ apiVersion: 0x401000 });
  try {
    const devices = b.vulkan.physicalDevices().map((d) => ({
      deviceName: d.deviceName,
      extensionCount: d.extensions.length,
      externalMemoryExtensions: d.extensions.filter((e) => /external_memory/.test(e)),
      win32Extensions: d.extensions.filter((e) => WIN32_EXTENSIONS.includes(e) || /win32/i.test(e)),
    }));
    const pd = b.vulkan.physicalDevices()[0].handle;
    const bufferFeatures = {};
    for (const [name, bit] of Object.entries(WIN32_TYPES))
      bufferFeatures[name] = b.vulkan.externalBufferProperties(pd, { flags: 0, usage: 0x3, handleType: bit }).externalMemoryFeatures;
    const img = b.vulkan.externalImageFormatProperties(pd, { ...RGBA8_2D_OPTIMAL, handleType: WIN32_TYPES.OPAQUE_WIN32 });
    const imgNV = b.vulkan.externalImageFormatPropertiesNV(pd, { ...RGBA8_2D_OPTIMAL, handleTypes: 0x1 });
    return {
      description: b.description, devices, bufferFeatures,
      image: { result: img.result, features: img.external.externalMemoryFeatures },
      imageNV: { result: imgNV.result, features: imgNV.external.externalMemoryFeatures },
    };
  } finally {
    b.dispose();
  }
});

// The Win32 calls on a device that has no Win32 extension: answered by the addon, no null entry point called.
await part('win32Calls', () => {
  const a = lib.loadNativeAddon().addon;
  a.open();
  try {
    const pd = a.physicalDevices()[0].handle;
    const khrDevice = a.createDevice(pd, ['VK_KHR_external_memory', 'VK_KHR_external_memory_win32']);
    const nvDevice = a.createDevice(pd, ['VK_NV_external_memory', 'VK_NV_external_memory_win32']);
    const dev = a.createDevice(pd, ['VK_KHR_external_memory']);
    const mem = a.allocate(dev.handle, { allocationSize: 65536, memoryTypeIndex: 0 });
    return {
      khrDevice, nvDevice, plainDevice: dev.result, allocate: mem.result,
      getWin32Handle: a.getWin32Handle(dev.handle, mem.handle, WIN32_TYPES.OPAQUE_WIN32),
      getWin32HandleKmt: a.getWin32Handle(dev.handle, mem.handle, WIN32_TYPES.OPAQUE_WIN32_KMT),
      getWin32HandleNV: a.getWin32HandleNV(dev.handle, mem.handle, 0x1),
      win32HandleProperties: a.win32HandleProperties(dev.handle, WIN32_TYPES.OPAQUE_WIN32, 4),
      // Win32 structures in allocate() on a device without the extension: refused, not sent to be ignored.
      allocateWin32: [
        { exportTypes: 0, imports: [{ kind: 'win32', handleType: WIN32_TYPES.OPAQUE_WIN32, handle: 4 }] },
        { exportTypes: 0, imports: [{ kind: 'win32', handleType: WIN32_TYPES.OPAQUE_WIN32, handle: 0, name: 'Local\\vkx' }] },
        { exportTypes: 0, imports: [{ kind: 'win32-nv', handleType: 0x1, handle: 4 }] },
        { exportTypes: 0, exportName: 'Local\\vkx-export' },
      ].map((d) => a.allocate(dev.handle, { allocationSize: 65536, memoryTypeIndex: 0, ...d })),
      // Real work through the Windows build: host-visible memory written and read back.
      roundTrip: (() => {
        if (a.map(dev.handle, mem.handle, 0, 2 ** 64) !== 0) return 'map failed';
        a.write(mem.handle, 100, new Uint8Array([1, 2, 3, 250]));
        return Array.from(a.read(mem.handle, 100, 4));
      })(),
    };
  } finally {
    a.close();
  }
});

// The library's path for a Win32 scenario: measure the device (the CLI's profile capture, as a user
// would), then runScenario with that profile reports "not supported" and names what is missing.
await part('scenario', async () => {
  const profileFile = join(dirname(outFile), 'wine.profile.json');
  const cap = spawnSync(process.execPath, [join(root, 'bin', 'vk-extmem.js'), 'profile', 'capture', '--backend', 'native', '--name', 'wine', '--out', profileFile], { encoding: 'utf8', timeout: 60_000 });
  const capture = { status: cap.status, stdout: cap.stdout, stderr: cap.stderr, error: cap.error?.message ?? null };
  if (cap.status !== 0) return { capture };
  const profile = lib.loadProfile(readFileSync(profileFile, 'utf8'), profileFile);
  const v = await lib.createValidator();
  const sc = lib.parseScenario(readFileSync(join(root, SCENARIO), 'utf8'), SCENARIO);
  const backend = lib.createNativeBackend({ apiVersion: 0x401000 });
  try {
    const run = lib.runScenario(v, sc, SCENARIO, backend, { profile });
    return { capture, profile: { platform: profile.platform, extensions: profile.extensions }, status: run.status, reason: run.reason ?? null, steps: run.steps.length };
  } finally {
    backend.dispose();
  }
});

// D3D11/D3D12 through the addon's own runtimes (Wine's d3d11.dll on wined3d, d3d12.dll on vkd3d, both
// over llvmpipe/lavapipe): what is available, which objects can be made, and what the sharing calls
// answer. Only records; wine.test.ts pins it.
await part('d3d', () => {
  const a = lib.loadNativeAddon().addon;
  const made = (m) => ({ hr: m.hr, object: m.object > 0, size: m.size ?? null });
  const refused = (f) => { try { f(); return 'returned'; } catch (e) { return `${e.constructor.name}: ${e.message}`; } };
  const r = { beforeOpen: a.d3dAvailable() };
  const opened = a.open();
  if (!opened.ok) throw new Error(`open: ${opened.error}`);
  const stale = [];
  try {
    r.available = a.d3dAvailable();
    r.vulkanLUIDValid = a.physicalDevices()[0].deviceLUIDValid;
    const nowhere = Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4);
    r.unknownAdapter = { available: a.d3dAvailable(nowhere), create: a.d3d11CreateTexture2D({ adapterLUID: nowhere, width: 64, height: 64, format: 28, bindFlags: 0x28, miscFlags: 0 }) };
    if (r.available.d3d11) {
      const tex = (miscFlags) => a.d3d11CreateTexture2D({ width: 64, height: 64, format: 28, bindFlags: 0x28, miscFlags });
      const nt = tex(0x802), kmt = tex(0x2), plain = tex(0);
      const buffer = a.d3d11CreateBuffer({ byteWidth: 4096, bindFlags: 0x8, miscFlags: 0x2 });
      const objects = [nt, kmt, plain, buffer].filter((o) => o.object > 0).map((o) => o.object);
      const ntHandle = nt.object ? a.d3dCreateSharedHandle(nt.object, 0x80000001) : null;
      r.d3d11 = {
        ntTexture: made(nt), kmtTexture: made(kmt), plainTexture: made(plain), buffer: made(buffer),
        createSharedHandle: ntHandle,
        createSharedHandleNamed: nt.object ? a.d3dCreateSharedHandle(nt.object, 0x80000001, 'Local\\vkx-d3d11', { bInheritHandle: false }) : null,
        createSharedHandleOfKmtTexture: kmt.object ? a.d3dCreateSharedHandle(kmt.object, 0x80000001) : null,
        getSharedHandle: kmt.object ? a.d3dGetSharedHandle(kmt.object) : null,
        getSharedHandleOfNtTexture: nt.object ? a.d3dGetSharedHandle(nt.object) : null,
        getSharedHandleOfBuffer: buffer.object ? a.d3dGetSharedHandle(buffer.object) : null,
        // A returned NT handle is the addon's: closed once (1), then refused (0).
        closeHandle: ntHandle && ntHandle.handle ? [a.closeHandle(ntHandle.handle), a.closeHandle(ntHandle.handle)] : null,
      };
      for (const o of objects) a.d3dRelease(o);
      r.d3d11.releasedTwice = objects.length ? refused(() => a.d3dRelease(objects[0])) : null;
    }
    if (r.available.d3d12) {
      const heap = a.d3d12CreateHeap({ sizeInBytes: 65536, flags: 0x1 });
      const texture = a.d3d12CreateCommittedResource({ width: 64, height: 64, format: 28, dimension: 3, heapFlags: 0x1, resourceFlags: 0 });
      const buffer = a.d3d12CreateCommittedResource({ width: 65536, height: 1, format: 0, dimension: 1, heapFlags: 0x1, resourceFlags: 0 });
      const GENERIC_ALL = 0x10000000;
      r.d3d12 = {
        heap: made(heap), texture: made(texture), buffer: made(buffer),
        heapHandle: heap.object ? a.d3dCreateSharedHandle(heap.object, GENERIC_ALL) : null,
        textureHandle: texture.object ? a.d3dCreateSharedHandle(texture.object, GENERIC_ALL, 'Local\\vkx-d3d12') : null,
        bufferHandle: buffer.object ? a.d3dCreateSharedHandle(buffer.object, GENERIC_ALL) : null,
        // D3D12 objects have no KMT handle: the addon answers E_INVALIDARG itself.
        kmtOfHeap: heap.object ? a.d3dGetSharedHandle(heap.object) : null,
      };
      for (const o of [heap, texture, buffer]) if (o.object) stale.push(o.object);
    }
  } finally {
    a.close();
  }
  // close() released what was left: those ids are unknown now.
  r.afterClose = stale.map((id) => refused(() => a.d3dRelease(id)));

  // The backend: a D3D half on win32 when D3D11 works, with the events of the sharing calls.
  const b = lib.createNativeBackend({ apiVersion: 0x401000 });
  try {
    const events = [];
    b.onEvent = (e) => events.push(e);
    const t = b.d3d ? b.d3d.createTexture2D(0, { width: 64, height: 64, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags: 0x802 }) : null;
    r.backend = {
      hasD3D: b.d3d !== null, availability: b.d3dAvailability ?? null, description: b.description,
      texture: t && made(t),
      unknownFormat: b.d3d ? b.d3d.createTexture2D(0, { width: 64, height: 64, format: 'DXGI_FORMAT_NOPE', miscFlags: 0 }) : null,
      sharedHandle: t && t.object ? b.d3d.createSharedHandle(0, t.object, 0x80000001, undefined, undefined) : null,
      releasedUnknown: b.d3d ? refused(() => b.d3d.release(0, 987654)) : null,
      events,
    };
  } finally {
    b.dispose();
  }
  return r;
});

await part('contract', () => {
  const l = lib.loadNativeAddon();
  const r = l.addon.open();
  if (!r.ok) throw new Error(`open: ${r.error}`);
  return contract(l.addon, createRequire(import.meta.url)(l.path));
});

// Left alive on purpose: the environment's teardown must release them (a crash there makes node.exe
// exit non-zero, which wine.test.ts sees).
{
  const a = lib.loadNativeAddon().addon;
  if (a.open().ok && a.d3dAvailable().d3d11) {
    a.d3d11CreateTexture2D({ width: 16, height: 16, format: 28, bindFlags: 0x28, miscFlags: 0x2 });
    a.d3d12CreateHeap({ sizeInBytes: 65536, flags: 0x1 });
  }
}

writeFileSync(outFile, JSON.stringify(obs, null, 2) + '\n');
const failed = Object.keys(obs.errors);
console.log(`check.mjs: wrote ${outFile}${failed.length ? `; parts that threw: ${failed.join(', ')}` : ''}`);
