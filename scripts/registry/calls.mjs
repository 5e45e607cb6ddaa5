// The one table of calls the model knows: every Vulkan command of scope.mjs and every operation a
// scenario can make that a capture cannot show (the OS side of shared handles, and the D3D resources
// that make them), with what the model does with it. The generator checks that the table and the
// command list name the same calls, and emits it for the core's dispatcher (assembly/generated/calls.ts)
// and for the session and the capture reader (src/generated/calls.ts).
//
// Per call:
// - check: the core's rules that judge it before it runs (a module of assembly/rules); absent: only the
//   implicit checks every call gets.
// - apply: the core's module that takes in what a successful call did; absent: nothing to remember
//   beyond the objects it returns, which every call registers.
// - onFailure: what a failed call still does: 'answer' (a capability query that fails is an answer:
//   not supported), 'close-source' (DuplicateHandle with DUPLICATE_CLOSE_SOURCE closes its source
//   whether or not it succeeds). Any other failed call changes nothing.
// - run: who runs it in a session: 'backend' (an executor of src/session asks the backend), 'session'
//   (the session answers from what the backend set up; nothing reaches a driver), 'none' (not run).
// - returns, params: an operation's signature (Vulkan commands take theirs from vk.xml). Operations are
//   encoded exactly like Vulkan commands, so the core sees one record shape. Parameter types: HANDLE (a
//   Win32 handle value, per process), int (an fd, per process), LPCWSTR (a name), PROCESS (a process
//   name), ID3DObject (a D3D device, resource or heap), LUID (adapter identity bytes, written
//   "1-2-3-4-5-6-7-8"), SECURITY_ATTRIBUTES (its bInheritHandle), and C scalars (BOOL, DWORD, uint32_t,
//   uint64_t). How the session binds a parameter (PARAM_OPTIONS): `out` (the call writes it: a handle,
//   fd or object the session binds to the scenario's name), `inout` (the step may give it, and when it
//   does not the backend may fill it in for the core's rules: a D3D resource's size), `of` (the PROCESS
//   parameter naming the process a HANDLE or fd lives in, or is made in; absent: the calling process),
//   `global` (an output HANDLE is a global KMT share handle, not one of a process's table), `optional`,
//   and `orElse` (a number the backend gets when the step gives none, or 0).
// - native: the platforms where the native addon runs the operation, each one C++ function of
//   native/src/ listed in native/src/generated/operations.h; elsewhere the addon answers `unavailable`.
// - unavailable: what the operation returns where it cannot run (a platform the addon lacks it on, a
//   backend without its runtime); absent only for void operations.
// - runtime: 'd3d' when it needs D3D: a backend without D3D answers `unavailable` without running it.
// - runsIn: the PROCESS parameter naming the process a backend runs the call in, when that is not the
//   calling process (DuplicateHandle runs in its target process, which makes the copy itself, so every
//   handle the native addon holds is one it made; ExitProcess runs in the process that exits).
// - readOnlyWith: for a capture, the call is read only when its line holds this text; its every rule is
//   about that structure (vkQueueSubmit: the keyed-mutex structures).

export const CHECKS = ['create', 'allocate', 'query', 'export', 'properties', 'bind', 'submit', 'os'];
export const APPLIES = ['instance', 'resources', 'allocate', 'free', 'export', 'properties', 'query', 'os'];
export const ON_FAILURE = ['answer', 'close-source'];
export const RUNNERS = ['backend', 'session', 'none'];
export const PLATFORMS = ['linux', 'win32'];
export const RUNTIMES = ['d3d'];
export const PARAM_OPTIONS = ['out', 'inout', 'of', 'global', 'optional', 'orElse'];
/** How each operation parameter type reaches a backend: the kind the session decodes it as. */
export const PARAM_KINDS = {
  HANDLE: 'handle', int: 'fd', PROCESS: 'process', LPCWSTR: 'string', ID3DObject: 'object', LUID: 'luid',
  SECURITY_ATTRIBUTES: 'attributes', BOOL: 'number', DWORD: 'number', uint32_t: 'number', uint64_t: 'number',
};
/** What a backend answers for a call it refuses before running it (an argument it cannot read), per return type. */
export const REFUSED = { BOOL: 0, int: -1, HRESULT: -2147024809 /* E_INVALIDARG */, void: undefined };
const E_NOTIMPL = -2147467263;
const E_INVALIDARG = -2147024809;

const backend = (extra = {}) => ({ run: 'backend', ...extra });
/** One parameter of an operation, in the shape vk.xml's parameters are read into. */
const p = (name, type, extra = {}) => ({
  name, type, ptr: extra.out ? 1 : 0, isConst: false, fixedLen: undefined, attrs: extra.optional ? { optional: 'true' } : {}, out: !!extra.out,
  bind: extra,
});
/** A D3D operation: Windows only, and only where a D3D runtime made a device. */
const d3d = (row) => backend({ apply: 'os', returns: 'HRESULT', native: ['win32'], runtime: 'd3d', unavailable: E_INVALIDARG, ...row });

export const CALLS = {
  vkCreateInstance: { apply: 'instance', run: 'session' },
  vkDestroyInstance: { run: 'session' },
  vkEnumeratePhysicalDevices: { run: 'session' },
  vkGetPhysicalDeviceProperties: backend({ apply: 'instance' }),
  vkGetPhysicalDeviceProperties2: backend({ apply: 'instance' }),
  vkGetPhysicalDeviceMemoryProperties: backend({ apply: 'instance' }),
  vkGetPhysicalDeviceMemoryProperties2: backend({ apply: 'instance' }),
  vkGetPhysicalDeviceFeatures2: backend(),
  vkCreateDevice: backend({ apply: 'instance' }),
  vkDestroyDevice: backend({ apply: 'instance' }),
  vkGetDeviceQueue: { run: 'session' },
  vkGetDeviceQueue2: { run: 'session' },
  vkCreateBuffer: backend({ check: 'create', apply: 'resources' }),
  vkDestroyBuffer: backend({ apply: 'resources' }),
  vkCreateImage: backend({ check: 'create', apply: 'resources' }),
  vkDestroyImage: backend({ apply: 'resources' }),
  vkGetBufferMemoryRequirements: backend({ apply: 'resources' }),
  vkGetBufferMemoryRequirements2: backend({ apply: 'resources' }),
  vkGetImageMemoryRequirements: backend({ apply: 'resources' }),
  vkGetImageMemoryRequirements2: backend({ apply: 'resources' }),
  vkAllocateMemory: backend({ check: 'allocate', apply: 'allocate' }),
  vkFreeMemory: backend({ apply: 'free' }),
  vkMapMemory: backend(),
  vkUnmapMemory: backend(),
  vkBindBufferMemory: backend({ check: 'bind' }),
  vkBindImageMemory: backend({ check: 'bind' }),
  vkBindBufferMemory2: backend({ check: 'bind' }),
  vkBindImageMemory2: backend({ check: 'bind' }),
  vkGetMemoryWin32HandleKHR: backend({ check: 'export', apply: 'export' }),
  vkGetMemoryWin32HandleNV: backend({ check: 'export', apply: 'export' }),
  vkGetMemoryFdKHR: backend({ check: 'export', apply: 'export' }),
  vkGetMemoryWin32HandlePropertiesKHR: backend({ check: 'properties', apply: 'properties' }),
  vkGetMemoryFdPropertiesKHR: backend({ check: 'properties', apply: 'properties' }),
  vkGetMemoryHostPointerPropertiesEXT: backend({ check: 'properties', apply: 'properties' }),
  vkGetPhysicalDeviceExternalBufferProperties: backend({ check: 'query', apply: 'query', onFailure: 'answer' }),
  vkGetPhysicalDeviceImageFormatProperties2: backend({ apply: 'query', onFailure: 'answer' }),
  vkGetPhysicalDeviceExternalImageFormatPropertiesNV: backend({ check: 'query', apply: 'query', onFailure: 'answer' }),
  vkQueueSubmit: { check: 'submit', run: 'session', readOnlyWith: 'KEYED_MUTEX' },
  vkGetSwapchainImagesKHR: { run: 'none' },

  CloseHandle: backend({
    doc: 'https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-closehandle',
    check: 'os', apply: 'os', returns: 'BOOL', native: ['win32'], unavailable: 0,
    params: [p('hObject', 'HANDLE')],
  }),
  DuplicateHandle: backend({
    doc: 'https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-duplicatehandle',
    check: 'os', apply: 'os', onFailure: 'close-source', returns: 'BOOL', native: ['win32'], unavailable: 0, runsIn: 'hTargetProcessHandle',
    params: [
      p('hSourceProcessHandle', 'PROCESS'), p('hSourceHandle', 'HANDLE', { of: 'hSourceProcessHandle' }), p('hTargetProcessHandle', 'PROCESS'),
      p('lpTargetHandle', 'HANDLE', { out: true, of: 'hTargetProcessHandle' }), p('dwDesiredAccess', 'DWORD', { optional: true }),
      p('bInheritHandle', 'BOOL', { optional: true }), p('dwOptions', 'DWORD', { optional: true }),
    ],
  }),
  OpenSharedHandleByName: backend({
    doc: 'https://learn.microsoft.com/en-us/windows/win32/api/d3d12/nf-d3d12-id3d12device-opensharedhandlebyname',
    apply: 'os', returns: 'HRESULT', native: [], unavailable: E_NOTIMPL,
    params: [
      p('lpName', 'LPCWSTR'), p('dwAccess', 'DWORD', { optional: true }), p('pHandle', 'HANDLE', { out: true }),
    ],
  }),
  close: backend({
    doc: 'https://man7.org/linux/man-pages/man2/close.2.html',
    check: 'os', apply: 'os', returns: 'int', native: ['linux'], unavailable: -1,
    params: [p('fd', 'int')],
  }),
  dup: backend({
    doc: 'https://man7.org/linux/man-pages/man2/dup.2.html',
    apply: 'os', returns: 'int', native: ['linux'], unavailable: -1,
    params: [p('oldfd', 'int'), p('newfd', 'int', { out: true })],
  }),
  // A Linux DMA-BUF heap allocation: an fd made outside Vulkan (DMA_BUF handle type).
  DmaHeapAlloc: backend({
    doc: 'https://docs.kernel.org/driver-api/dma-buf.html',
    apply: 'os', returns: 'int', native: [], unavailable: -1,
    params: [p('size', 'uint64_t'), p('fd', 'int', { out: true })],
  }),
  D3D11CreateTexture2D: d3d({
    doc: 'https://learn.microsoft.com/en-us/windows/win32/api/d3d11/nf-d3d11-id3d11device-createtexture2d',
    params: [
      p('adapterLUID', 'LUID', { optional: true }), p('width', 'uint32_t'), p('height', 'uint32_t'),
      p('format', 'LPCWSTR'), p('miscFlags', 'DWORD', { optional: true }), p('size', 'uint64_t', { optional: true, inout: true }),
      p('ppTexture2D', 'ID3DObject', { out: true }),
    ],
  }),
  D3D11CreateBuffer: d3d({
    doc: 'https://learn.microsoft.com/en-us/windows/win32/api/d3d11/nf-d3d11-id3d11device-createbuffer',
    params: [
      p('adapterLUID', 'LUID', { optional: true }), p('byteWidth', 'uint32_t'),
      p('miscFlags', 'DWORD', { optional: true }), p('ppBuffer', 'ID3DObject', { out: true }),
    ],
  }),
  D3D12CreateHeap: d3d({
    doc: 'https://learn.microsoft.com/en-us/windows/win32/api/d3d12/nf-d3d12-id3d12device-createheap',
    params: [
      p('adapterLUID', 'LUID', { optional: true }), p('sizeInBytes', 'uint64_t'),
      p('flags', 'DWORD', { optional: true }), p('ppHeap', 'ID3DObject', { out: true }),
    ],
  }),
  D3D12CreateCommittedResource: d3d({
    doc: 'https://learn.microsoft.com/en-us/windows/win32/api/d3d12/nf-d3d12-id3d12device-createcommittedresource',
    params: [
      p('adapterLUID', 'LUID', { optional: true }), p('width', 'uint64_t'),
      p('height', 'uint32_t', { optional: true, orElse: 1 }), p('format', 'LPCWSTR', { optional: true }),
      p('heapFlags', 'DWORD', { optional: true }), p('size', 'uint64_t', { optional: true, inout: true }),
      p('ppResource', 'ID3DObject', { out: true }),
    ],
  }),
  IDXGIResource1_CreateSharedHandle: d3d({
    doc: 'https://learn.microsoft.com/en-us/windows/win32/api/dxgi1_2/nf-dxgi1_2-idxgiresource1-createsharedhandle',
    params: [
      p('resource', 'ID3DObject'), p('pAttributes', 'SECURITY_ATTRIBUTES', { optional: true }),
      p('dwAccess', 'DWORD', { optional: true }), p('lpName', 'LPCWSTR', { optional: true }),
      p('pHandle', 'HANDLE', { out: true }),
    ],
  }),
  IDXGIResource_GetSharedHandle: d3d({
    doc: 'https://learn.microsoft.com/en-us/windows/win32/api/dxgi/nf-dxgi-idxgiresource-getsharedhandle',
    params: [p('resource', 'ID3DObject'), p('pSharedHandle', 'HANDLE', { out: true, global: true })],
  }),
  ID3D12Device_CreateSharedHandle: d3d({
    doc: 'https://learn.microsoft.com/en-us/windows/win32/api/d3d12/nf-d3d12-id3d12device-createsharedhandle',
    params: [
      p('object', 'ID3DObject'), p('pAttributes', 'SECURITY_ATTRIBUTES', { optional: true }),
      p('access', 'DWORD', { optional: true }), p('name', 'LPCWSTR', { optional: true }),
      p('pHandle', 'HANDLE', { out: true }),
    ],
  }),
  D3DRelease: d3d({
    doc: 'https://learn.microsoft.com/en-us/windows/win32/api/unknwn/nf-unknwn-iunknown-release',
    returns: 'void', unavailable: undefined,
    params: [p('object', 'ID3DObject')],
  }),
  ExitProcess: backend({
    doc: 'https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-exitprocess',
    check: 'os', apply: 'os', returns: 'void', native: ['win32', 'linux'], runsIn: 'process',
    params: [p('process', 'PROCESS', { optional: true })],
  }),
};

/** The operations (rows with a signature), as the generator encodes them beside the Vulkan commands. */
export const MODEL_CALLS = Object.entries(CALLS).filter(([, row]) => row.params).map(([name, row]) => ({ name, returns: row.returns, params: row.params }));

const ROW_FIELDS = ['check', 'apply', 'onFailure', 'run', 'readOnlyWith', 'returns', 'params', 'native', 'unavailable', 'runtime', 'runsIn', 'doc'];
const OPERATION_FIELDS = ['returns', 'params', 'native', 'unavailable', 'runtime', 'runsIn', 'doc'];

/** What is wrong with an operation's row (its signature and how each parameter is bound), as sentences. */
export function operationProblems(name, row) {
  const problems = [];
  const at = (what) => `${name}: ${what}`;
  if (!(row.returns in REFUSED)) problems.push(at(`returns ${row.returns} is not one of ${Object.keys(REFUSED).join(', ')}`));
  if (!Array.isArray(row.native) || row.native.some((x) => !PLATFORMS.includes(x))) problems.push(at(`native must list platforms among ${PLATFORMS.join(', ')}, got ${JSON.stringify(row.native)}`));
  if (row.returns === 'void' ? row.unavailable !== undefined : typeof row.unavailable !== 'number') problems.push(at(`unavailable must be ${row.returns === 'void' ? 'absent for a void operation' : `the ${row.returns} it answers where it cannot run`}, got ${JSON.stringify(row.unavailable)}`));
  if (row.runtime !== undefined && !RUNTIMES.includes(row.runtime)) problems.push(at(`unknown runtime ${row.runtime}`));
  // Where a report links it (the cross-check's "rule:"): the OS's or the runtime's own documentation.
  if (typeof row.doc !== 'string' || !/^https:\/\/\S+$/.test(row.doc)) problems.push(at(`doc must be the https address of its documentation, got ${JSON.stringify(row.doc)}`));
  const names = row.params.map((q) => q.name);
  if (row.runsIn !== undefined && row.params.find((q) => q.name === row.runsIn)?.type !== 'PROCESS') problems.push(at(`runsIn names ${row.runsIn}, which must be a PROCESS parameter of ${name}`));
  for (const q of row.params) {
    const where = `${name}.${q.name}`;
    const kind = PARAM_KINDS[q.type];
    if (kind === undefined) problems.push(`${where}: unknown parameter type ${q.type}`);
    for (const k of Object.keys(q.bind ?? {})) if (!PARAM_OPTIONS.includes(k)) problems.push(`${where}: unknown parameter option ${k} (known: ${PARAM_OPTIONS.join(', ')})`);
    const b = q.bind ?? {};
    if (b.of !== undefined && (!['handle', 'fd'].includes(kind) || row.params.find((o) => o.name === b.of)?.type !== 'PROCESS')) problems.push(`${where}: of names ${b.of}, which must be a PROCESS parameter of ${name}, and only a HANDLE or fd has one`);
    if (b.global && !(kind === 'handle' && b.out)) problems.push(`${where}: global is for an output HANDLE`);
    if (b.out && !['handle', 'fd', 'object'].includes(kind)) problems.push(`${where}: an output must be a HANDLE, fd or ID3DObject the session binds, not ${q.type}`);
    if (b.inout && (b.out || kind !== 'number')) problems.push(`${where}: inout is for a number member the backend may fill`);
    if (b.orElse !== undefined && (kind !== 'number' || typeof b.orElse !== 'number')) problems.push(`${where}: orElse must be a number, for a number parameter`);
  }
  if (new Set(names).size !== names.length) problems.push(at('a parameter name repeats'));
  return problems;
}

/** Throws when the table and the lists of modelled calls disagree, or a row names an unknown value. */
export function checkCallTable(commandNames, modelCallNames) {
  const listed = [...commandNames, ...modelCallNames];
  const problems = [];
  for (const n of listed) if (!(n in CALLS)) problems.push(`${n} is modelled but has no row in scripts/registry/calls.mjs`);
  for (const n of Object.keys(CALLS)) if (!listed.includes(n)) problems.push(`${n} has a row in scripts/registry/calls.mjs but is not modelled (scope.mjs COMMANDS, or an operation with returns and params)`);
  for (const [n, row] of Object.entries(CALLS)) {
    for (const k of Object.keys(row)) if (!ROW_FIELDS.includes(k)) problems.push(`${n}: unknown field ${k} (known: ${ROW_FIELDS.join(', ')})`);
    if (row.params) problems.push(...operationProblems(n, row));
    else for (const k of OPERATION_FIELDS) if (row[k] !== undefined) problems.push(`${n}: ${k} belongs to an operation (a row with params)`);
    if (row.check !== undefined && !CHECKS.includes(row.check)) problems.push(`${n}: unknown check ${row.check}`);
    if (row.apply !== undefined && !APPLIES.includes(row.apply)) problems.push(`${n}: unknown apply ${row.apply}`);
    if (row.onFailure !== undefined && !ON_FAILURE.includes(row.onFailure)) problems.push(`${n}: unknown onFailure ${row.onFailure}`);
    if (!RUNNERS.includes(row.run)) problems.push(`${n}: unknown run ${row.run}`);
  }
  if (problems.length) throw new Error(`gen-registry: the call table disagrees with the modelled calls:\n  ${problems.join('\n  ')}`);
}
