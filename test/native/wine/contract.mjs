// The never-crash contract of the addon, on its Windows build (part of check.mjs): wrong types, numbers
// out of range and unknown ids are refused with a TypeError or RangeError, or answered with an error code;
// Win32 handles the addon did not make are never closed or duplicated. Windows has its own code behind
// these calls (win32.cc, HANDLE tables, _aligned_malloc), which the Linux tests never reach.
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BAD = [undefined, null, true, 'x', '7', 5n, {}, [1], () => 1, NaN, Infinity, -1, 1.5, 2 ** 53, 2 ** 64, -(2 ** 31) - 1,
  new Float64Array(0), new Float32Array(8), new Uint32Array(2)];

// A good value of each kind of operation parameter (src/generated/calls.ts, OperationParam.kind): handles,
// fds and objects that are not the addon's (refused, or answered with the row's failure), the process of
// the call, a format name D3D knows (and a name is any string), the default adapter.
const GOOD = {
  handle: 4, fd: 3, process: 0, string: 'DXGI_FORMAT_R8G8B8A8_UNORM', object: 987654, luid: undefined,
  attributes: { bInheritHandle: false }, number: 64,
};

/**
 * Runs against an opened addon: `a` with objects in and out (what the backend uses), `raw` the C++
 * exports themselves (numbers in, a Float64Array out), `operations` the table's rows by operation name
 * (the rows src/generated/calls.ts holds). Returns what it saw; closes the session at the end.
 */
export function contract(a, raw, operations) {
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
  // An operation whose arguments are refused: the error's kind, and a message that starts with what it
  // names (the operation and its parameter, as the table's row spells them).
  const opRefusedAs = (kind, names, operation, args) => {
    const { r, e } = call('operation', operation, args);
    const what = `operation(${show(operation)}, ${show(args)})`;
    expect(`${what} throws ${kind.name}, got ${e ? `${e.constructor.name}: ${e.message}` : `a return ${show(r)}`}`, e instanceof kind);
    if (e) expect(`${what}'s message names ${names}, got: ${e.message}`, e.message.startsWith(names));
  };
  const handleOf = (operation, args) => call('operation', operation, args).r;

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
    if (handleOf('CloseHandle', { hObject: h })?.result !== 0) nonzero++;
    const copy = handleOf('DuplicateHandle', { hSourceProcessHandle: 0, hSourceHandle: h, hTargetProcessHandle: 0, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 2 });
    if (copy?.result !== 0 || copy?.lpTargetHandle !== 0) nonzero++;
  }
  // A copy from another process (here: this one, by its process id, as a second process would name it)
  // is made by the addon itself, so it is the addon's to close; closing the source there
  // (DUPLICATE_CLOSE_SOURCE) is refused. And a number taken as a KMT value from another process is a
  // name, never closed or duplicated. After both, no handle of this process that the addon did not make
  // can be closed or duplicated through it.
  let pulled = 0;
  for (const h of sweep) {
    const copy = handleOf('DuplicateHandle', { hSourceProcessHandle: process.pid, hSourceHandle: h, hTargetProcessHandle: 0, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 2 });
    if (copy?.result) {
      pulled++;
      if (handleOf('CloseHandle', { hObject: copy.lpTargetHandle })?.result !== 1) nonzero++;
    }
    if (handleOf('DuplicateHandle', { hSourceProcessHandle: process.pid, hSourceHandle: h, hTargetProcessHandle: 0, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 3 }) !== undefined) nonzero++;
    call('adoptKmt', h);
  }
  for (const h of sweep.slice(3)) {
    if (handleOf('CloseHandle', { hObject: h })?.result !== 0) nonzero++;
    const copy = handleOf('DuplicateHandle', { hSourceProcessHandle: 0, hSourceHandle: h, hTargetProcessHandle: 0, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 3 });
    if (copy?.result !== 0) nonzero++;
  }
  const fileIntact = readFileSync(fd, 'utf8') === 'still here';
  closeSync(fd);

  // Specific refusals, Win32 calls first (the pseudo-handles -1 and -2 must never reach CloseHandle).
  const duplicate = { hSourceProcessHandle: 0, hTargetProcessHandle: 0, dwDesiredAccess: 0, bInheritHandle: 0, dwOptions: 2 };
  opRefusedAs(RangeError, 'CloseHandle: hObject ', 'CloseHandle', { hObject: -1 });
  opRefusedAs(RangeError, 'DuplicateHandle: hSourceHandle ', 'DuplicateHandle', { ...duplicate, hSourceHandle: -2 });
  opRefusedAs(RangeError, 'CloseHandle: hObject ', 'CloseHandle', { hObject: 2 ** 64 });
  opRefusedAs(RangeError, 'CloseHandle: hObject ', 'CloseHandle', { hObject: NaN });
  opRefusedAs(TypeError, 'CloseHandle: hObject ', 'CloseHandle', { hObject: '4' });
  opRefusedAs(TypeError, 'DuplicateHandle: hSourceHandle ', 'DuplicateHandle', { ...duplicate, hSourceHandle: {} });
  opRefusedAs(RangeError, 'DuplicateHandle: hTargetProcessHandle must be this process', 'DuplicateHandle', { ...duplicate, hSourceHandle: 4, hTargetProcessHandle: process.pid });
  opRefusedAs(RangeError, 'DuplicateHandle: DUPLICATE_CLOSE_SOURCE of another process', 'DuplicateHandle', { ...duplicate, hSourceProcessHandle: process.pid, hSourceHandle: 4, dwOptions: 3 });
  opRefusedAs(TypeError, 'operation: CloseHandle args ', 'CloseHandle', 4);
  opRefusedAs(RangeError, 'operation: no backend operation is named closeHandle', 'closeHandle', { hObject: 4 });
  // The fd operations are Linux's: on Windows the entry answers their rows' "unavailable" without running them.
  expect('close answers -1 on Windows', handleOf('close', { fd: 3 })?.result === -1);
  expect('dup answers -1 and no fd on Windows', JSON.stringify(handleOf('dup', { oldfd: 3 })) === '{"result":-1,"newfd":0}');
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
  const tex = { width: 64, height: 64, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', miscFlags: 0 };
  const shared = { resource: 987654, dwAccess: 1 };
  opRefusedAs(TypeError, 'D3D11CreateTexture2D: width ', 'D3D11CreateTexture2D', { ...tex, width: '64' });
  opRefusedAs(RangeError, 'D3D11CreateTexture2D: miscFlags ', 'D3D11CreateTexture2D', { ...tex, miscFlags: 2 ** 32 });
  opRefusedAs(RangeError, 'D3D11CreateTexture2D: adapterLUID must hold 8 bytes', 'D3D11CreateTexture2D', { ...tex, adapterLUID: new Uint8Array(4) });
  opRefusedAs(TypeError, 'D3D11CreateTexture2D: format ', 'D3D11CreateTexture2D', { ...tex, format: 28 });
  opRefusedAs(TypeError, 'D3D11CreateBuffer: adapterLUID ', 'D3D11CreateBuffer', { byteWidth: 64, miscFlags: 0, adapterLUID: [1, 2, 3, 4, 5, 6, 7, 8] });
  opRefusedAs(RangeError, 'D3D12CreateHeap: sizeInBytes ', 'D3D12CreateHeap', { sizeInBytes: -1, flags: 1 });
  opRefusedAs(RangeError, 'D3D12CreateCommittedResource: height ', 'D3D12CreateCommittedResource', { width: 64, height: -64, format: 'DXGI_FORMAT_R8G8B8A8_UNORM', heapFlags: 1 });
  opRefusedAs(TypeError, 'IDXGIResource1_CreateSharedHandle: lpName ', 'IDXGIResource1_CreateSharedHandle', { ...shared, lpName: 5 });
  opRefusedAs(TypeError, 'IDXGIResource1_CreateSharedHandle: pAttributes.bInheritHandle ', 'IDXGIResource1_CreateSharedHandle', { ...shared, pAttributes: { bInheritHandle: 'yes' } });
  opRefusedAs(TypeError, 'ID3D12Device_CreateSharedHandle: name ', 'ID3D12Device_CreateSharedHandle', { object: 987654, access: 1, name: 5 });
  opRefusedAs(RangeError, 'no such D3D object 987654', 'IDXGIResource1_CreateSharedHandle', shared);
  opRefusedAs(RangeError, `no such D3D object ${mem}`, 'IDXGIResource1_CreateSharedHandle', { ...shared, resource: mem });
  opRefusedAs(RangeError, `no such D3D object ${dev}`, 'IDXGIResource_GetSharedHandle', { resource: dev });
  opRefusedAs(RangeError, `no such D3D object ${pd}`, 'D3DRelease', { object: pd });
  refusedAs(TypeError, 'd3dAvailable', 'adapter');
  if (a.d3dAvailable().d3d11) {
    const t = a.operation('D3D11CreateTexture2D', tex).ppTexture2D;
    expect('a D3D11 texture to test with', t > 0);
    refusedAs(RangeError, 'free', dev, t);
    refusedAs(RangeError, 'destroyImage', dev, t);
    a.operation('D3DRelease', { object: t });
    opRefusedAs(RangeError, `no such D3D object ${t}`, 'D3DRelease', { object: t });
    opRefusedAs(RangeError, `no such D3D object ${t}`, 'IDXGIResource1_CreateSharedHandle', { ...shared, resource: t });
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
  // The one operation entry, per operation of the table: each parameter in turn, then the arguments
  // object and the output array, given each bad value.
  const out = new Float64Array(10);
  expect('the table has operations to hammer', Object.keys(operations).includes('D3D11CreateTexture2D'));
  for (const [name, row] of Object.entries(operations)) {
    const args = Object.fromEntries(row.params.filter((q) => !q.out).map((q) => [q.name, GOOD[q.kind]]));
    for (const q of Object.keys(args)) for (const v of BAD) callOn(raw, 'operation', name, { ...args, [q]: v }, out);
    for (const v of BAD) {
      callOn(raw, 'operation', name, v, out);
      callOn(raw, 'operation', name, args, v);
    }
  }

  // After close() every id from before is unknown.
  a.close();
  refusedAs(RangeError, 'externalBufferProperties', pd, { flags: 0, usage: 3, handleType: 2 });
  expect('physicalDevices() after close() is empty', call('physicalDevices').r?.length === 0);

  return { ...seen, handleSweep: { tried: sweep.length * 6, nonzero, pulled }, fileIntact };
}

function show(v) {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return 'a function';
  try { return JSON.stringify(v) ?? String(v); } catch { return String(v); }
}
