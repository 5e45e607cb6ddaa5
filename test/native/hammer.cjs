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

// Values no argument position may take without a TypeError or RangeError.
const detached = new Uint8Array(new ArrayBuffer(8));
structuredClone(detached.buffer, { transfer: [detached.buffer] });
const badValues = [
  undefined, null, true, 'x', '7', Symbol('s'), 5n, {}, [], [1], () => 1, new Date(0), new Float64Array(2),
  NaN, Infinity, -Infinity, -1, -0.5, 1.5, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, 2 ** 64, 1e308, Number.MIN_VALUE,
];

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
  const dev = a.createDevice(pd, ['VK_KHR_external_memory_fd', 'VK_EXT_external_memory_host']).handle;
  const buffer = a.createBuffer(dev, { size: 65536, usage: 3, flags: 0, sharingMode: 0, externalHandleTypes: 1 }).handle;
  // A host-visible type the buffer accepts, so the well-formed calls are valid usage on any driver.
  const bits = a.bufferRequirements(dev, buffer).memoryTypeBits;
  const type = info.memoryTypes.findIndex((t, i) => (bits & (1 << i)) !== 0 && (t.propertyFlags & 0x2) !== 0);
  const image = a.createImage(dev, {
    imageType: 1, format: 37, width: 16, height: 16, depth: 1, mipLevels: 1, arrayLayers: 1, samples: 1, tiling: 0,
    usage: 6, flags: 0, sharingMode: 0, initialLayout: 0, externalHandleTypes: 1, externalHandleTypesNV: 0,
  }).handle;
  const memory = a.allocate(dev, { allocationSize: 65536, memoryTypeIndex: type, exportTypes: 1, exportTypesNV: 0, dedicatedImage: 0, dedicatedBuffer: 0 }).handle;
  const fd = a.getFd(dev, memory, 1).value;
  const host = a.hostAlloc(65536, 4096);
  world = { pd, dev, buffer, image, memory, fd, host, type };
  return world;
}

// Good arguments for every export, built from the current world; each position is then spoiled in turn.
function goodCalls(w) {
  const alloc = { allocationSize: 65536, memoryTypeIndex: w.type, exportTypes: 1, exportTypesNV: 0, dedicatedImage: 0, dedicatedBuffer: 0 };
  const img = { format: 37, type: 1, tiling: 0, usage: 6, flags: 0 };
  return [
    ['open', [{ validation: false }]],
    ['physicalDevices', []],
    ['externalBufferProperties', [w.pd, { flags: 0, usage: 3, handleType: 1 }]],
    ['externalImageFormatProperties', [w.pd, { ...img, handleType: 1 }]],
    ['externalImageFormatPropertiesNV', [w.pd, { ...img, handleTypes: 1 }]],
    ['createDevice', [w.pd, ['VK_KHR_external_memory_fd']]],
    ['createBuffer', [w.dev, { size: 4096, usage: 3, flags: 0, sharingMode: 0, externalHandleTypes: 1 }]],
    ['createImage', [w.dev, { imageType: 1, format: 37, width: 4, height: 4, depth: 1, mipLevels: 1, arrayLayers: 1, samples: 1, tiling: 0, usage: 6, flags: 0, sharingMode: 0, initialLayout: 0, externalHandleTypes: 0, externalHandleTypesNV: 0 }]],
    ['bufferRequirements', [w.dev, w.buffer]],
    ['imageRequirements', [w.dev, w.image]],
    ['allocate', [w.dev, alloc]],
    ['allocate', [w.dev, { ...alloc, exportTypes: 0, import: { kind: 'fd', handleType: 1, fd: 1 } }]],
    ['allocate', [w.dev, { ...alloc, exportTypes: 0, import: { kind: 'host', handleType: 0x80, pointer: w.host } }]],
    ['allocate', [w.dev, { ...alloc, exportTypes: 0, import: { kind: 'win32', handleType: 2, handle: 4, name: 'n' } }]],
    ['allocate', [w.dev, { ...alloc, exportTypes: 0, import: { kind: 'win32-nv', handleType: 1, handle: 4 } }]],
    ['allocate', [w.dev, { ...alloc, dedicatedBuffer: w.buffer }]],
    ['bindBuffer', [w.dev, w.buffer, w.memory, 0]],
    ['bindImage', [w.dev, w.image, w.memory, 0]],
    ['map', [w.dev, w.memory, 0, 2 ** 64]],
    ['unmap', [w.dev, w.memory]],
    ['write', [w.memory, 0, new Uint8Array(4)]],
    ['read', [w.memory, 0, 4]],
    ['getFd', [w.dev, w.memory, 1]],
    ['getWin32Handle', [w.dev, w.memory, 2]],
    ['getWin32HandleNV', [w.dev, w.memory, 1]],
    ['fdProperties', [w.dev, 0x200, w.fd]],
    ['win32HandleProperties', [w.dev, 2, 4]],
    ['hostPointerProperties', [w.dev, 0x80, w.host]],
    ['closeFd', [123456]],
    ['dupFd', [w.fd]],
    ['hostAlloc', [4096, 4096]],
    ['hostFree', [1]],
    ['closeHandle', [4]],
    ['duplicateHandle', [4]],
    ['takeLayerMessages', []],
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
  const m = a.allocate(w.dev, { allocationSize: 4096, memoryTypeIndex: w.type, exportTypes: 1, exportTypesNV: 0, dedicatedImage: 0, dedicatedBuffer: 0 }).handle;
  call('free', w.dev, m);
  call('free', w.dev, m);
  call('map', w.dev, m, 0, 16);
  call('write', m, 0, new Uint8Array(1));
  call('getFd', w.dev, m, 1);
  call('bindBuffer', w.dev, w.buffer, m, 0);
  for (const wrongKind of [w.buffer, w.image, w.dev, w.pd]) {
    call('free', w.dev, wrongKind);
    call('read', wrongKind, 0, 1);
    call('bindBuffer', w.dev, w.memory, wrongKind, 0);
    call('destroyImage', w.dev, wrongKind === w.image ? w.buffer : wrongKind);
  }
  call('destroyBuffer', w.dev, w.buffer);
  call('destroyBuffer', w.dev, w.buffer);
  call('bufferRequirements', w.dev, w.buffer);
  const fd = a.getFd(w.dev, w.memory, 1).value;
  check('closeFd of our fd', call('closeFd', fd) === 0);
  check('second closeFd refused', call('closeFd', fd) === -1);
  check('dupFd of a closed fd refused', call('dupFd', fd) === -1);
  for (const notOurs of [0, 1, 2, nodeFd, -1, 2 ** 31 - 1]) {
    check(`closeFd(${notOurs}) refused`, call('closeFd', notOurs) === -1);
    check(`dupFd(${notOurs}) refused`, call('dupFd', notOurs) === -1);
    // The driver sees 2^31-1 (or the negative number) instead; what it answers is its own business
    // (NVIDIA 580 answers success for -1). That Node's fds survive it is checked at the end.
    const r = call('allocate', w.dev, { allocationSize: 4096, memoryTypeIndex: w.type, exportTypes: 0, exportTypesNV: 0, dedicatedImage: 0, dedicatedBuffer: 0, import: { kind: 'fd', handleType: 1, fd: notOurs } });
    check(`import of fd ${notOurs} answered`, r && typeof r.result === 'number');
  }
  const p = a.hostAlloc(8192, 4096);
  call('hostFree', p);
  call('hostFree', p);
  for (const notOurs of [p, p + 8192, 4096, 2 ** 47, 2 ** 53 - 1, 0]) {
    const r = call('allocate', w.dev, { allocationSize: 4096, memoryTypeIndex: w.type, exportTypes: 0, exportTypesNV: 0, dedicatedImage: 0, dedicatedBuffer: 0, import: { kind: 'host', handleType: 0x80, pointer: notOurs } });
    check(`host import of ${notOurs} refused`, r && r.result === -1000072003);
    const q = call('hostPointerProperties', w.dev, 0x80, notOurs);
    check(`host pointer properties of ${notOurs} refused`, q && q.result === -1000072003);
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
  call('allocate', w.dev, { allocationSize: 4096, memoryTypeIndex: 31, exportTypes: 0, exportTypesNV: 0, dedicatedImage: 0, dedicatedBuffer: 0 });
  call('allocate', w.dev, { allocationSize: 4096, memoryTypeIndex: 0, exportTypes: 0, exportTypesNV: 0, dedicatedImage: w.memory, dedicatedBuffer: 0 });
  call('allocate', w.dev, { allocationSize: 4096, memoryTypeIndex: 0, import: { kind: 'other', handleType: 1 } });
  call('createDevice', w.pd, new Array(600).fill('VK_KHR_external_memory_fd'));
  call('createDevice', w.pd, ['x'.repeat(300)]);
  call('createDevice', w.pd, ['VK_KHR_external_memory_fd\0evil']);
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
