// Run by never-crash.test.ts in a child process: `node hammer.cjs ADDON_PATH [validation]`. Calls every export of
// the native addon with arguments JavaScript should never be able to hurt it with (wrong types, huge
// numbers, NaN, negative and fractional numbers, freed ids, ids of the wrong kind, double frees and
// closes, fds and pointers that are not the addon's, getters that throw or close the session mid-call)
// and prints one JSON summary line. If anything reaches the driver or libc unchecked, this process dies
// by a signal and the test sees it.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const a = require(process.argv[2]);
const summary = { calls: 0, returned: 0, typeErrors: 0, rangeErrors: 0, getterErrors: 0, otherErrors: [], checks: [] };

class GetterError extends Error {}

function call(name, ...args) {
  summary.calls++;
  try {
    const r = a[name](...args);
    summary.returned++;
    return r;
  } catch (e) {
    if (e instanceof GetterError) summary.getterErrors++;
    else if (e instanceof TypeError) summary.typeErrors++;
    else if (e instanceof RangeError) summary.rangeErrors++;
    else if (summary.otherErrors.length < 20) summary.otherErrors.push(`${name}: ${e && e.message}`);
    return undefined;
  }
}

function check(what, ok) {
  if (!ok) summary.checks.push(what);
}

// Values no argument position may take without a TypeError or RangeError (the output arrays among them:
// detached, empty, too short, or of the wrong element type).
function detachedView(View) {
  const v = new View(new ArrayBuffer(8 * View.BYTES_PER_ELEMENT));
  structuredClone(v.buffer, { transfer: [v.buffer] });
  return v;
}
const detached = detachedView(Uint8Array);
const badValues = [
  undefined, null, true, 'x', '7', Symbol('s'), 5n, {}, [], [1], () => 1, new Date(0), new Float64Array(2),
  new Float64Array(0), detachedView(Float64Array), detachedView(Uint32Array), new Float32Array(8), new Uint32Array(8),
  new BigInt64Array(8), new DataView(new ArrayBuffer(64)), new ArrayBuffer(64),
  NaN, Infinity, -Infinity, -1, -0.5, 1.5, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, 2 ** 64, 1e308, Number.MIN_VALUE,
];

// The addon writes what a call answers besides its VkResult here (out[0]: the new id, fd or bits).
const out = new Float64Array(10);
function made(result, what) {
  if (result !== 0) throw new Error(`${what} failed: ${result}`);
  return out[0];
}

// Objects whose reading hurts: a getter that throws, one that closes the whole session, a Proxy.
function hostile(base) {
  const throwing = {};
  const closing = {};
  for (const k of Object.keys(base)) {
    Object.defineProperty(throwing, k, { enumerable: true, get() { throw new GetterError(k); } });
    Object.defineProperty(closing, k, { enumerable: true, get() { a.close(); return base[k]; } });
  }
  const proxy = new Proxy(base, { get(t, k) { return k === 'kind' ? 'fd' : t[k]; } });
  return [throwing, closing, proxy];
}

let world;

// `node hammer.cjs ADDON validation` runs the same with the validation layer skipping what it reports.
const options = process.argv[3] === 'validation' ? { validation: true, skipReported: true } : {};

function open() {
  const r = a.open(options);
  if (!r.ok) throw new Error(`open failed: ${r.error}`);
  const info = a.physicalDevices()[0];
  const pd = info.handle;
  const dev = made(a.createDevice(pd, ['VK_KHR_external_memory_fd', 'VK_EXT_external_memory_host'], out), 'createDevice');
  const buffer = made(a.createBuffer(dev, { size: 65536, usage: 3, flags: 0, sharingMode: 0, externalHandleTypes: 1 }, out), 'createBuffer');
  // A host-visible type the buffer accepts, so the well-formed calls are valid usage on any driver.
  a.bufferRequirements(dev, buffer, out);
  const bits = out[2];
  const type = info.memoryTypes.findIndex((t, i) => (bits & (1 << i)) !== 0 && (t.propertyFlags & 0x2) !== 0);
  const image = made(a.createImage(dev, {
    imageType: 1, format: 37, width: 16, height: 16, depth: 1, mipLevels: 1, arrayLayers: 1, samples: 1, tiling: 0,
    usage: 6, flags: 0, sharingMode: 0, initialLayout: 0, externalHandleTypes: 1,
  }, out), 'createImage');
  const memory = made(a.allocate(dev, ...plainAlloc(65536, type, 1)), 'allocate');
  const fd = made(a.getFd(dev, memory, 1, out), 'getFd');
  const host = a.hostAlloc(65536, 4096);
  world = { pd, dev, buffer, image, memory, fd, host, type };
  return world;
}

// allocate's arguments after the device: the description (AllocateDesc) and out.
function plainAlloc(size, type, exportTypes, dedicatedBuffer = 0) {
  return [{ allocationSize: size, memoryTypeIndex: type, exportTypes, ...(dedicatedBuffer ? { dedicated: { image: 0, buffer: dedicatedBuffer } } : {}) }, out];
}
function importAlloc(size, type, kind, handleType, value, name) {
  const key = kind === 'fd' ? 'fd' : kind === 'host' ? 'pointer' : 'handle';
  return [{ allocationSize: size, memoryTypeIndex: type, imports: [{ kind, handleType, [key]: value, ...(name ? { name } : {}) }] }, out];
}

// Good arguments for every export, built from the current world; each position is then spoiled in turn.
function goodCalls(w) {
  const img = [37, 1, 0, 6, 0];
  return [
    ['open', [{ validation: false }]],
    ['physicalDevices', []],
    ['externalBufferProperties', [w.pd, 0, 3, 1, out]],
    ['externalBufferPropertiesBatch', [w.pd, new Uint32Array([0, 3, 1, 0, 3, 2, 0, 3, 0x80]), new Uint32Array(9)]],
    ['externalImageFormatProperties', [w.pd, ...img, 1, out]],
    ['externalImageFormatPropertiesNV', [w.pd, ...img, 1, out]],
    ['imageFormatProperties', [w.pd, ...img, out]],
    ['imageFormatBatch', [w.pd, new Uint32Array([37, 1, 0, 6, 0, 1, 1, 37, 1, 0, 6, 0, 0, 3]), new Float64Array(22)]],
    ['createDevice', [w.pd, ['VK_KHR_external_memory_fd'], out]],
    ['createBuffer', [w.dev, { size: 4096, usage: 3, flags: 0, sharingMode: 0, externalHandleTypes: 1 }, out]],
    ['createImage', [w.dev, { imageType: 1, format: 37, width: 4, height: 4, depth: 1, mipLevels: 1, arrayLayers: 1, samples: 1, tiling: 0, usage: 6, flags: 0, sharingMode: 0, initialLayout: 0, externalHandleTypes: 0 }, out]],
    ['bufferRequirements', [w.dev, w.buffer, out]],
    ['imageRequirements', [w.dev, w.image, out]],
    ['allocate', [w.dev, ...plainAlloc(65536, w.type, 1)]],
    ['allocate', [w.dev, ...importAlloc(65536, w.type, 'fd', 1, 1)]],
    ['allocate', [w.dev, ...importAlloc(65536, w.type, 'host', 0x80, w.host)]],
    ['allocate', [w.dev, ...importAlloc(65536, w.type, 'win32', 2, 4, 'n')]],
    ['allocate', [w.dev, ...importAlloc(65536, w.type, 'win32-nv', 1, 4)]],
    ['allocate', [w.dev, ...plainAlloc(65536, w.type, 1, w.buffer)]],
    ['allocate', [w.dev, { allocationSize: 65536, memoryTypeIndex: w.type, exportTypes: 0, dedicated: { image: 0, buffer: 0 }, imports: [{ kind: 'fd', handleType: 0, fd: w.fd }, { kind: 'fd', handleType: 0, fd: -1 }] }, out]],
    ['bindBuffer', [w.dev, w.buffer, w.memory, 0]],
    ['bindImage', [w.dev, w.image, w.memory, 0]],
    ['map', [w.dev, w.memory, 0, 2 ** 64]],
    ['unmap', [w.dev, w.memory]],
    ['write', [w.memory, 0, new Uint8Array(4)]],
    ['read', [w.memory, 0, 4]],
    ['getFd', [w.dev, w.memory, 1, out]],
    ['getWin32Handle', [w.dev, w.memory, 2, out]],
    ['getWin32HandleNV', [w.dev, w.memory, 1, out]],
    ['fdProperties', [w.dev, 0x200, w.fd, out]],
    ['win32HandleProperties', [w.dev, 2, 4, out]],
    ['hostPointerProperties', [w.dev, 0x80, w.host, out]],
    ['operation', ['close', { fd: 123456 }, out]],
    ['operation', ['dup', { oldfd: w.fd }, out]],
    ['hostAlloc', [4096, 4096]],
    ['hostFree', [1]],
    ['hostWrite', [w.host, new Uint8Array(4)]],
    ['hostRead', [w.host, 4]],
    ['heldFds', []],
    ['fdIdentity', [w.fd]],
    ['takeHandleEvents', []],
    ['setObserving', [true]],
    ['operation', ['CloseHandle', { hObject: 4 }, out]],
    ['operation', ['DuplicateHandle', { hSourceProcessHandle: 0, hSourceHandle: 4, hTargetProcessHandle: 0, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 2 }, out]],
    ['operation', ['DuplicateHandle', { hSourceProcessHandle: process.pid, hSourceHandle: 4, hTargetProcessHandle: 0, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 3 }, out]],
    ['takeLayerMessages', []],
    ['adoptKmt', [0x40000004]],
    // D3D (E_NOTIMPL or an unknown object here; the Windows build is hammered under Wine by contract.mjs).
    ['d3dAvailable', [new Uint8Array(8)]],
    ['operation', ['D3D11CreateTexture2D', { adapterLUID: new Uint8Array(8), width: 64, height: 64, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags: 0x802 }, out]],
    ['operation', ['D3D11CreateBuffer', { byteWidth: 4096, miscFlags: 2 }, out]],
    ['operation', ['D3D12CreateHeap', { sizeInBytes: 65536, flags: 1 }, out]],
    ['operation', ['D3D12CreateCommittedResource', { width: 64, height: 64, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', heapFlags: 1 }, out]],
    ['operation', ['IDXGIResource1_CreateSharedHandle', { resource: w.buffer, dwAccess: 0x80000001, lpName: 'Local\\vkx', pAttributes: { bInheritHandle: false } }, out]],
    ['operation', ['IDXGIResource_GetSharedHandle', { resource: w.memory }, out]],
    ['operation', ['ID3D12Device_CreateSharedHandle', { object: w.image, access: 0x10000000, name: 'Local\\vkx12', pAttributes: { bInheritHandle: true } }, out]],
    ['operation', ['D3DRelease', { object: w.image }, out]],
    ['operation', ['OpenSharedHandleByName', { lpName: 'Local\\vkx', dwAccess: 0 }, out]],
    ['operation', ['DmaHeapAlloc', { size: 4096 }, out]],
    ['operation', ['ExitProcess', { process: 0 }, out]],
    ['destroyBuffer', [w.dev, 1]],
    ['destroyImage', [w.dev, 1]],
    ['free', [w.dev, 1]],
    ['destroyDevice', [1]],
  ];
}

// Replaces one argument, or one member of an object argument, with each bad value.
function spoil(name, args) {
  for (let i = 0; i < Math.max(args.length, 1) + 1; i++) {
    for (const v of badValues) {
      const copy = args.slice();
      copy[i] = v;
      call(name, ...copy);
    }
    const arg = args[i];
    if (arg && typeof arg === 'object' && !Array.isArray(arg) && !ArrayBuffer.isView(arg)) {
      for (const k of Object.keys(arg)) {
        for (const v of badValues) {
          const copy = args.slice();
          copy[i] = { ...arg, [k]: v };
          call(name, ...copy);
          if (arg[k] && typeof arg[k] === 'object') {
            for (const kk of Object.keys(arg[k])) {
              const inner = args.slice();
              inner[i] = { ...arg, [k]: { ...arg[k], [kk]: v } };
              call(name, ...inner);
            }
          }
        }
      }
      for (const h of hostile(arg)) {
        const copy = args.slice();
        copy[i] = h;
        call(name, ...copy);
      }
    }
  }
}

// A file Node itself opened: nothing the addon is asked to do may close or import it.
const nodeFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vkx-hammer-')), 'mine.txt');
fs.writeFileSync(nodeFile, 'still here');
const nodeFd = fs.openSync(nodeFile, 'r');

// A getter that closed the session (and open() after it) leaves the world's ids stale: start afresh.
function ensureWorld() {
  if (!a.physicalDevices().some((p) => p.handle === world.pd)) {
    a.close();
    open();
  }
}

// Every export, and every operation of the table (as the generated header lists them), is among the
// good calls: one added later cannot be left out of the hammer.
{
  const calls = goodCalls({});
  const header = fs.readFileSync(path.join(__dirname, '..', '..', 'native', 'src', 'generated', 'operations.h'), 'utf8');
  const operations = [...header.matchAll(/^ {2}X\((\w+), /gm)].map((m) => m[1]);
  check('the generated header lists operations', operations.length > 0);
  for (const name of Object.keys(a)) if (typeof a[name] === 'function' && name !== 'close') check(`${name} is hammered`, calls.some(([n]) => n === name));
  for (const name of operations) check(`operation ${name} is hammered`, calls.some(([n, args]) => n === 'operation' && args[0] === name));
}

open();
for (let round = 0; round < 2; round++) {
  for (let i = 0; i < goodCalls(world).length; i++) {
    const [name, args] = goodCalls(world)[i];
    spoil(name, args);
    ensureWorld();
  }
}

// Double frees, double closes, freed ids, ids of the wrong kind.
{
  const w = world;
  const m = made(a.allocate(w.dev, ...plainAlloc(4096, w.type, 1)), 'allocate');
  call('free', w.dev, m);
  call('free', w.dev, m);
  call('map', w.dev, m, 0, 16);
  call('write', m, 0, new Uint8Array(1));
  call('getFd', w.dev, m, 1, out);
  call('bindBuffer', w.dev, w.buffer, m, 0);
  for (const wrongKind of [w.buffer, w.image, w.dev, w.pd]) {
    call('free', w.dev, wrongKind);
    call('read', wrongKind, 0, 1);
    call('bindBuffer', w.dev, w.memory, wrongKind, 0);
    call('destroyImage', w.dev, wrongKind === w.image ? w.buffer : wrongKind);
  }
  call('destroyBuffer', w.dev, w.buffer);
  call('destroyBuffer', w.dev, w.buffer);
  call('bufferRequirements', w.dev, w.buffer, out);
  const fd = made(a.getFd(w.dev, w.memory, 1, out), 'getFd');
  check('close of our fd', call('operation', 'close', { fd }, out) === 0);
  check('second close refused', call('operation', 'close', { fd }, out) === -1);
  check('dup of a closed fd refused', call('operation', 'dup', { oldfd: fd }, out) === -1);
  for (const notOurs of [0, 1, 2, nodeFd, -1, 2 ** 31 - 1]) {
    check(`close(${notOurs}) refused`, call('operation', 'close', { fd: notOurs }, out) === -1);
    check(`dup(${notOurs}) refused`, call('operation', 'dup', { oldfd: notOurs }, out) === -1);
    // The driver sees 2^31-1 (or the negative number) instead; what it answers is its own business
    // (NVIDIA 580 answers success for -1). That Node's fds survive it is checked at the end.
    const r = call('allocate', w.dev, ...importAlloc(4096, w.type, 'fd', 1, notOurs));
    check(`import of fd ${notOurs} answered`, typeof r === 'number');
  }
  const p = a.hostAlloc(8192, 4096);
  call('hostFree', p);
  call('hostFree', p);
  for (const notOurs of [p, p + 8192, 4096, 2 ** 47, 2 ** 53 - 1, 0]) {
    const r = call('allocate', w.dev, ...importAlloc(4096, w.type, 'host', 0x80, notOurs));
    check(`host import of ${notOurs} refused`, r === -1000072003);
    const q = call('hostPointerProperties', w.dev, 0x80, notOurs, out);
    check(`host pointer properties of ${notOurs} refused`, q === -1000072003);
    call('hostFree', notOurs);
  }
  call('hostAlloc', 2 ** 30 + 1, 4096);
  call('hostAlloc', 16, 3);
  call('hostAlloc', 16, 2 ** 31);
  call('write', w.memory, 0, detached);
  call('write', w.memory, 65535, new Uint8Array(2));
  call('write', w.memory, 0, new Uint8Array(65537));
  call('read', w.memory, 2 ** 53 - 1, 2 ** 53 - 1);
  call('read', w.memory, 0, 2 ** 53 - 1);
  call('map', w.dev, w.memory, 2 ** 53 - 1, 2 ** 64);
  call('read', w.memory, 0, 1);
  call('unmap', w.dev, w.memory);
  call('unmap', w.dev, w.memory);
  call('allocate', w.dev, ...plainAlloc(4096, 31, 0));
  call('allocate', w.dev, { allocationSize: 4096, memoryTypeIndex: 0, dedicated: { image: w.memory, buffer: 0 } }, out);
  call('allocate', w.dev, { allocationSize: 4096, memoryTypeIndex: 0, imports: new Array(9).fill({ kind: 'fd', handleType: 0, fd: -1 }) }, out);
  call('allocate', w.dev, { allocationSize: 4096, memoryTypeIndex: 0, imports: 'fd' }, out);
  call('allocate', w.dev, ...importAlloc(4096, 0, 'other', 1, 0));
  call('createDevice', w.pd, new Array(600).fill('VK_KHR_external_memory_fd'), out);
  call('createDevice', w.pd, ['x'.repeat(300)], out);
  call('createDevice', w.pd, ['VK_KHR_external_memory_fd\0evil'], out);
  // Batched queries: a length that is no multiple of 3, an answer array too short, the same array for
  // both, and a batch of 30 000 (its answers must match the single query's).
  const pdq = new Uint32Array([0, 3, 1, 0, 3]);
  call('externalBufferPropertiesBatch', w.pd, pdq, new Uint32Array(6));
  call('externalBufferPropertiesBatch', w.pd, new Uint32Array([0, 3, 1]), new Uint32Array(2));
  const same = new Uint32Array([0, 3, 1, 0, 3, 1]);
  check('batch in place answers both queries', call('externalBufferPropertiesBatch', w.pd, same, same) === 2);
  a.externalBufferProperties(w.pd, 0, 3, 1, out);
  check('batch in place matches the single query', same[0] === out[0] && same[3] === out[0] && same[2] === out[2]);
  const many = new Uint32Array(90000);
  for (let i = 0; i < many.length; i += 3) { many[i + 1] = 3; many[i + 2] = 1 << (i % 8); }
  const answers = new Uint32Array(90000);
  check('batch of 30 000', call('externalBufferPropertiesBatch', w.pd, many, answers) === 30000);
  call('destroyDevice', w.dev);
  call('destroyDevice', w.dev);
  call('free', w.dev, w.memory);
  call('read', w.memory, 0, 1);
}

// Everything again after close(): every id is stale.
{
  const w = world;
  a.close();
  a.close();
  for (const [name, args] of goodCalls(w)) if (name !== 'open') call(name, ...args);
  open();
  a.close();
}

check('Node\'s own fd is still open and unchanged', fs.readFileSync(nodeFd, 'utf8') === 'still here');
fs.closeSync(nodeFd);
console.log(JSON.stringify(summary));
