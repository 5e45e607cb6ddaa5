// The never-crash contract of the addon, on its Windows build (part of check.mjs): wrong types, numbers
// out of range and unknown ids are refused with a TypeError or RangeError, or answered with an error code;
// Win32 handles the addon did not make are never closed or duplicated. Windows has its own code behind
// these calls (win32.cc, HANDLE tables, _aligned_malloc), which the Linux tests never reach.
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BAD = [undefined, null, true, 'x', '7', 5n, {}, [1], () => 1, NaN, Infinity, -1, 1.5, 2 ** 53, 2 ** 64, -(2 ** 31) - 1,
  new Float64Array(0), new Float32Array(8), new Uint32Array(2)];

/**
 * Runs against an opened addon: `a` with objects in and out (what the backend uses), `raw` the C++
 * exports themselves (numbers in, a Float64Array out). Returns what it saw; closes the session at the end.
 */
export function contract(a, raw) {
  const seen = { calls: 0, typeErrors: 0, rangeErrors: 0, returned: 0, otherErrors: [], failed: [] };
  const callOn = (target, name, ...args) => {
    seen.calls++;
    try {
      const r = target[name](...args);
      seen.returned++;
      return { r };
    } catch (e) {
      if (e instanceof TypeError) seen.typeErrors++;
      else if (e instanceof RangeError) seen.rangeErrors++;
      else if (seen.otherErrors.length < 20) seen.otherErrors.push(`${name}: ${e?.constructor?.name}: ${e?.message}`);
      return { e };
    }
  };
  const call = (name, ...args) => callOn(a, name, ...args);
  const expect = (what, ok) => { if (!ok) seen.failed.push(what); };
  const refusedAs = (kind, name, ...args) => {
    const { r, e } = call(name, ...args);
    expect(`${name}(${args.map(show).join(', ')}) throws ${kind.name}, got ${e ? e.constructor.name : `a return ${show(r)}`}`, e instanceof kind);
  };

  const pd = a.physicalDevices()[0].handle;
  const dev = a.createDevice(pd, ['VK_KHR_external_memory']).handle;
  const mem = a.allocate(dev, { allocationSize: 4096, memoryTypeIndex: 0 }).handle;
  expect('a plain device and memory to test with', dev > 0 && mem > 0);

  // A file Node opened itself: its HANDLE is one of the small numbers swept below, and must survive.
  const file = join(mkdtempSync(join(tmpdir(), 'vkx-wine-')), 'mine.txt');
  writeFileSync(file, 'still here');
  const fd = openSync(file, 'r');

  // Handles the addon did not make: every small value a real handle of this process may have (Wine and
  // Windows hand them out as multiples of 4 from 4 up), and large ones. All refused with 0.
  let nonzero = 0;
  const sweep = [0, 0xffffffff, 2 ** 53 - 1];
  for (let h = 4; h <= 0x2000; h += 4) sweep.push(h);
  for (const h of sweep) {
    if (call('closeHandle', h).r !== 0) nonzero++;
    if (call('duplicateHandle', h).r !== 0) nonzero++;
  }
  const fileIntact = readFileSync(fd, 'utf8') === 'still here';
  closeSync(fd);

  // Specific refusals, Win32 calls first (the pseudo-handles -1 and -2 must never reach CloseHandle).
  refusedAs(RangeError, 'closeHandle', -1);
  refusedAs(RangeError, 'duplicateHandle', -2);
  refusedAs(RangeError, 'closeHandle', 2 ** 64);
  refusedAs(RangeError, 'closeHandle', NaN);
  refusedAs(TypeError, 'closeHandle', '4');
  refusedAs(TypeError, 'duplicateHandle', {});
  refusedAs(TypeError, 'getWin32Handle', dev, mem, 'OPAQUE_WIN32');
  refusedAs(RangeError, 'getWin32Handle', dev, mem, 2 ** 40);
  refusedAs(RangeError, 'getWin32Handle', dev, 987654, 2);
  refusedAs(RangeError, 'getWin32Handle', 987654, mem, 2);
  refusedAs(RangeError, 'getWin32HandleNV', dev, 987654, 1);
  refusedAs(RangeError, 'win32HandleProperties', dev, 2, -4);
  refusedAs(TypeError, 'allocate', dev, { allocationSize: 4096, memoryTypeIndex: 0, imports: [{ kind: 'win32', handleType: 2, handle: 'h' }] });
  refusedAs(RangeError, 'allocate', dev, { allocationSize: 2 ** 64, memoryTypeIndex: 0 });
  refusedAs(RangeError, 'allocate', dev, { allocationSize: 4096, memoryTypeIndex: 99 });
  refusedAs(TypeError, 'externalBufferProperties', pd, { flags: 0, usage: '3', handleType: 2 });
  refusedAs(RangeError, 'externalBufferProperties', 987654, { flags: 0, usage: 3, handleType: 2 });
  refusedAs(RangeError, 'createBuffer', dev, { size: -1, usage: 3 });
  refusedAs(RangeError, 'read', mem, 0, 2 ** 53);
  refusedAs(TypeError, 'write', mem, 0, 'bytes');
  refusedAs(RangeError, 'hostAlloc', 16, 3);
  refusedAs(RangeError, 'hostFree', 4096);

  // D3D: arguments first, then ids; Vulkan ids are no D3D objects and D3D ids no Vulkan ones.
  const tex = { width: 64, height: 64, format: 28, bindFlags: 0x28, miscFlags: 0 };
  refusedAs(TypeError, 'd3d11CreateTexture2D', { ...tex, width: '64' });
  refusedAs(RangeError, 'd3d11CreateTexture2D', { ...tex, miscFlags: 2 ** 32 });
  refusedAs(RangeError, 'd3d11CreateTexture2D', { ...tex, adapterLUID: new Uint8Array(4) });
  refusedAs(TypeError, 'd3d11CreateBuffer', { byteWidth: 64, bindFlags: 0, miscFlags: 0, adapterLUID: [1, 2, 3, 4, 5, 6, 7, 8] });
  refusedAs(RangeError, 'd3d12CreateHeap', { sizeInBytes: -1, flags: 1 });
  refusedAs(RangeError, 'd3d12CreateCommittedResource', { width: 64, height: 64, format: 28, dimension: 4, heapFlags: 1, resourceFlags: 0 });
  refusedAs(TypeError, 'd3dCreateSharedHandle', 987654, 1, 5);
  refusedAs(TypeError, 'd3dCreateSharedHandle', 987654, 1, undefined, { bInheritHandle: 'yes' });
  refusedAs(RangeError, 'd3dCreateSharedHandle', 987654, 1);
  refusedAs(RangeError, 'd3dCreateSharedHandle', mem, 1);
  refusedAs(RangeError, 'd3dGetSharedHandle', dev);
  refusedAs(RangeError, 'd3dRelease', pd);
  refusedAs(TypeError, 'd3dAvailable', 'adapter');
  if (a.d3dAvailable().d3d11) {
    const t = a.d3d11CreateTexture2D(tex).object;
    expect('a D3D11 texture to test with', t > 0);
    refusedAs(RangeError, 'free', dev, t);
    refusedAs(RangeError, 'destroyImage', dev, t);
    a.d3dRelease(t);
    refusedAs(RangeError, 'd3dRelease', t);
    refusedAs(RangeError, 'd3dCreateSharedHandle', t, 1);
  }

  // Freed and destroyed ids: unknown.
  a.free(dev, mem);
  refusedAs(RangeError, 'free', dev, mem);
  refusedAs(RangeError, 'getWin32Handle', dev, mem, 2);
  a.destroyDevice(dev);
  refusedAs(RangeError, 'allocate', dev, { allocationSize: 4096, memoryTypeIndex: 0 });

  // Every C++ export with a bad value in each of its first four places (the output array among them):
  // nothing but the two error kinds. (A call left with good arguments may free or destroy them: that is
  // fine, later ids are just unknown.)
  const dev2 = a.createDevice(pd, ['VK_KHR_external_memory']).handle;
  const good = [dev2, a.allocate(dev2, { allocationSize: 4096, memoryTypeIndex: 0 }).handle, 2, new Float64Array(10)];
  for (const name of Object.keys(raw)) {
    if (typeof raw[name] !== 'function' || name === 'close' || name === 'open') continue;
    for (let i = 0; i < good.length; i++) for (const v of BAD) callOn(raw, name, ...good.map((g, j) => (j === i ? v : g)));
  }

  // After close() every id from before is unknown.
  a.close();
  refusedAs(RangeError, 'externalBufferProperties', pd, { flags: 0, usage: 3, handleType: 2 });
  expect('physicalDevices() after close() is empty', call('physicalDevices').r?.length === 0);

  return { ...seen, handleSweep: { tried: sweep.length * 2, nonzero }, fileIntact };
}

function show(v) {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return 'a function';
  try { return JSON.stringify(v) ?? String(v); } catch { return String(v); }
}
