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

/**
 * The table's operation rows, by name, for the contract to hammer the operation entry with each: the
 * one JSON line of src/generated/calls.ts that holds them (the library's bundle does not export them).
 */
function operationRows() {
  const line = readFileSync(join(root, 'src', 'generated', 'calls.ts'), 'utf8').split('\n').find((l) => l.startsWith('const ROWS = '));
  if (!line) throw new Error('src/generated/calls.ts has no "const ROWS = " line (npm run gen)');
  return JSON.parse(line.slice('const ROWS = '.length).replace(/;$/, ''));
}

const WIN32_TYPES = { OPAQUE_WIN32: 0x2, OPAQUE_WIN32_KMT: 0x4, D3D11_TEXTURE: 0x8, D3D11_TEXTURE_KMT: 0x10, D3D12_HEAP: 0x20, D3D12_RESOURCE: 0x40 };
const WIN32_EXTENSIONS = ['VK_KHR_external_memory_win32', 'VK_NV_external_memory_win32'];
const SCENARIO = 'scenarios/examples/nt-handle-keeps-memory-alive.scenario.json';
const RGBA8_2D_OPTIMAL = { format: 37, type: 1, tiling: 0, usage: 0x6, flags: 0 };

const obs = { errors: {}, addonPath: lib.loadNativeAddon().path ?? null };
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
// over llvmpipe/lavapipe), each call through the addon's one operation entry with its row's inputs: what
// is available, which objects can be made, and what the sharing calls answer. Only records;
// wine.test.ts pins it.
await part('d3d', () => {
  const a = lib.loadNativeAddon().addon;
  const op = (name, args) => a.operation(name, args);
  // A creation's answer: its HRESULT, whether an object came back (in the row's output `object`), and the
  // size the runtime filled in (null where it did not).
  const made = (m, object) => ({ result: m.result, object: m[object] > 0, size: m.size ?? null });
  const shared = (h, handle) => ({ result: h.result, handle: h[handle] });
  const refused = (f) => { try { f(); return 'returned'; } catch (e) { return `${e.constructor.name}: ${e.message}`; } };
  const RGBA8 = 'DXGI_FORMAT_R8G8B8A8_UNORM';
  const r = { beforeOpen: a.d3dAvailable() };
  const opened = a.open();
  if (!opened.ok) throw new Error(`open: ${opened.error}`);
  const stale = [];
  try {
    r.available = a.d3dAvailable();
    r.vulkanLUIDValid = a.physicalDevices()[0].deviceLUIDValid;
    const nowhere = Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4);
    const elsewhere = op('D3D11CreateTexture2D', { adapterLUID: nowhere, width: 64, height: 64, format: RGBA8, miscFlags: 0 });
    r.unknownAdapter = { available: a.d3dAvailable(nowhere), create: { result: elsewhere.result, object: elsewhere.ppTexture2D } };
    if (r.available.d3d11) {
      const tex = (miscFlags) => op('D3D11CreateTexture2D', { width: 64, height: 64, format: RGBA8, miscFlags });
      const ntMade = tex(0x802), kmtMade = tex(0x2), plainMade = tex(0);
      const nt = ntMade.ppTexture2D, kmt = kmtMade.ppTexture2D, plain = plainMade.ppTexture2D;
      const buffer = op('D3D11CreateBuffer', { byteWidth: 4096, miscFlags: 0x2 });
      const objects = [nt, kmt, plain, buffer.ppBuffer].filter((o) => o > 0);
      const createShared = (resource, lpName, pAttributes) => shared(op('IDXGIResource1_CreateSharedHandle', { resource, dwAccess: 0x80000001, lpName, pAttributes }), 'pHandle');
      const getShared = (resource) => shared(op('IDXGIResource_GetSharedHandle', { resource }), 'pSharedHandle');
      const ntHandle = nt ? createShared(nt) : null;
      r.d3d11 = {
        ntTexture: made(ntMade, 'ppTexture2D'), kmtTexture: made(kmtMade, 'ppTexture2D'), plainTexture: made(plainMade, 'ppTexture2D'),
        buffer: made(buffer, 'ppBuffer'),
        createSharedHandle: ntHandle,
        createSharedHandleNamed: nt ? createShared(nt, 'Local\\vkx-d3d11', { bInheritHandle: false }) : null,
        createSharedHandleOfKmtTexture: kmt ? createShared(kmt) : null,
        getSharedHandle: kmt ? getShared(kmt) : null,
        getSharedHandleOfNtTexture: nt ? getShared(nt) : null,
        getSharedHandleOfBuffer: buffer.ppBuffer ? getShared(buffer.ppBuffer) : null,
        // A returned NT handle is the addon's: closed once (TRUE), then refused (FALSE).
        closeHandle: ntHandle && ntHandle.handle ? [0, 1].map(() => op('CloseHandle', { hObject: ntHandle.handle }).result) : null,
      };
      for (const o of objects) op('D3DRelease', { object: o });
      r.d3d11.releasedTwice = objects.length ? refused(() => op('D3DRelease', { object: objects[0] })) : null;
    }
    if (r.available.d3d12) {
      const heap = op('D3D12CreateHeap', { sizeInBytes: 65536, flags: 0x1 });
      const texture = op('D3D12CreateCommittedResource', { width: 64, height: 64, format: RGBA8, heapFlags: 0x1 });
      // No format: a buffer.
      const buffer = op('D3D12CreateCommittedResource', { width: 65536, height: 1, heapFlags: 0x1 });
      const GENERIC_ALL = 0x10000000;
      const createShared = (object, name) => shared(op('ID3D12Device_CreateSharedHandle', { object, access: GENERIC_ALL, name }), 'pHandle');
      r.d3d12 = {
        heap: made(heap, 'ppHeap'), texture: made(texture, 'ppResource'), buffer: made(buffer, 'ppResource'),
        heapHandle: heap.ppHeap ? createShared(heap.ppHeap) : null,
        textureHandle: texture.ppResource ? createShared(texture.ppResource, 'Local\\vkx-d3d12') : null,
        bufferHandle: buffer.ppResource ? createShared(buffer.ppResource) : null,
        // D3D12 objects have no KMT handle: the addon answers E_INVALIDARG itself.
        kmtOfHeap: heap.ppHeap ? shared(op('IDXGIResource_GetSharedHandle', { resource: heap.ppHeap }), 'pSharedHandle') : null,
      };
      for (const o of [heap.ppHeap, texture.ppResource, buffer.ppResource]) if (o) stale.push(o);
    }
  } finally {
    a.close();
  }
  // close() released what was left: those ids are unknown now.
  r.afterClose = stale.map((id) => refused(() => op('D3DRelease', { object: id })));

  // The backend: D3D on win32 when D3D11 works, its operations as a session calls them (process 0, the
  // adapter of the Vulkan device), with the events of the sharing calls.
  const b = lib.createNativeBackend({ apiVersion: 0x401000 });
  try {
    const events = [];
    b.onEvent = (e) => events.push(e);
    const o = b.operations;
    const texture = (format, miscFlags) => o.D3D11CreateTexture2D(0, { adapterLUID: undefined, width: 64, height: 64, format, miscFlags, size: undefined });
    const t = b.runtimes.d3d ? texture(RGBA8, 0x802) : null;
    r.backend = {
      hasD3D: b.runtimes.d3d, availability: b.d3dAvailability ?? null, description: b.description,
      texture: t && made(t, 'ppTexture2D'),
      unknownFormat: b.runtimes.d3d ? texture('DXGI_FORMAT_NOPE', 0) : null,
      sharedHandle: t && t.ppTexture2D ? o.IDXGIResource1_CreateSharedHandle(0, { resource: t.ppTexture2D, pAttributes: undefined, dwAccess: 0x80000001, lpName: undefined }) : null,
      releasedUnknown: b.runtimes.d3d ? refused(() => o.D3DRelease(0, { object: 987654 })) : null,
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
  return contract(l.addon, createRequire(import.meta.url)(l.path), operationRows());
});

// Left alive on purpose: the environment's teardown must release them (a crash there makes node.exe
// exit non-zero, which wine.test.ts sees).
{
  const a = lib.loadNativeAddon().addon;
  if (a.open().ok && a.d3dAvailable().d3d11) {
    a.operation('D3D11CreateTexture2D', { width: 16, height: 16, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags: 0x2 });
    a.operation('D3D12CreateHeap', { sizeInBytes: 65536, flags: 0x1 });
  }
}

writeFileSync(outFile, JSON.stringify(obs, null, 2) + '\n');
const failed = Object.keys(obs.errors);
console.log(`check.mjs: wrote ${outFile}${failed.length ? `; parts that threw: ${failed.join(', ')}` : ''}`);
