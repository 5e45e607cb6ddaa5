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
//   name), ID3DObject (a D3D device, resource or heap), LUID (adapter identity bytes), and C scalars.
// - readOnlyWith: for a capture, the call is read only when its line holds this text; its every rule is
//   about that structure (vkQueueSubmit: the keyed-mutex structures).

export const CHECKS = ['create', 'allocate', 'query', 'export', 'properties', 'bind', 'submit', 'os'];
export const APPLIES = ['instance', 'resources', 'allocate', 'free', 'export', 'properties', 'query', 'os'];
export const ON_FAILURE = ['answer', 'close-source'];
export const RUNNERS = ['backend', 'session', 'none'];

const backend = (extra = {}) => ({ run: 'backend', ...extra });
/** One parameter of an operation, in the shape vk.xml's parameters are read into. */
const p = (name, type, extra = {}) => ({ name, type, ptr: extra.out ? 1 : 0, isConst: false, fixedLen: undefined, attrs: extra.optional ? { optional: 'true' } : {}, out: !!extra.out });

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
    check: 'os', apply: 'os', returns: 'BOOL',
    params: [p('hObject', 'HANDLE')],
  }),
  DuplicateHandle: backend({
    check: 'os', apply: 'os', onFailure: 'close-source', returns: 'BOOL',
    params: [
      p('hSourceProcessHandle', 'PROCESS'), p('hSourceHandle', 'HANDLE'), p('hTargetProcessHandle', 'PROCESS'),
      p('lpTargetHandle', 'HANDLE', { out: true }), p('dwDesiredAccess', 'DWORD', { optional: true }),
      p('bInheritHandle', 'BOOL', { optional: true }), p('dwOptions', 'DWORD', { optional: true }),
    ],
  }),
  OpenSharedHandleByName: backend({
    apply: 'os', returns: 'HRESULT',
    params: [
      p('lpName', 'LPCWSTR'), p('dwAccess', 'DWORD', { optional: true }), p('pHandle', 'HANDLE', { out: true }),
    ],
  }),
  close: backend({
    check: 'os', apply: 'os', returns: 'int',
    params: [p('fd', 'int')],
  }),
  dup: backend({
    apply: 'os', returns: 'int',
    params: [p('oldfd', 'int'), p('newfd', 'int', { out: true })],
  }),
  // A Linux DMA-BUF heap allocation: an fd made outside Vulkan (DMA_BUF handle type).
  DmaHeapAlloc: backend({
    apply: 'os', returns: 'int',
    params: [p('size', 'uint64_t'), p('fd', 'int', { out: true })],
  }),
  D3D11CreateTexture2D: backend({
    apply: 'os', returns: 'HRESULT',
    params: [
      p('adapterLUID', 'LUID', { optional: true }), p('width', 'uint32_t'), p('height', 'uint32_t'),
      p('format', 'LPCWSTR'), p('miscFlags', 'DWORD', { optional: true }), p('size', 'uint64_t', { optional: true }),
      p('ppTexture2D', 'ID3DObject', { out: true }),
    ],
  }),
  D3D11CreateBuffer: backend({
    apply: 'os', returns: 'HRESULT',
    params: [
      p('adapterLUID', 'LUID', { optional: true }), p('byteWidth', 'uint32_t'),
      p('miscFlags', 'DWORD', { optional: true }), p('ppBuffer', 'ID3DObject', { out: true }),
    ],
  }),
  D3D12CreateHeap: backend({
    apply: 'os', returns: 'HRESULT',
    params: [
      p('adapterLUID', 'LUID', { optional: true }), p('sizeInBytes', 'uint64_t'),
      p('flags', 'DWORD', { optional: true }), p('ppHeap', 'ID3DObject', { out: true }),
    ],
  }),
  D3D12CreateCommittedResource: backend({
    apply: 'os', returns: 'HRESULT',
    params: [
      p('adapterLUID', 'LUID', { optional: true }), p('width', 'uint64_t'),
      p('height', 'uint32_t', { optional: true }), p('format', 'LPCWSTR', { optional: true }),
      p('heapFlags', 'DWORD', { optional: true }), p('size', 'uint64_t', { optional: true }),
      p('ppResource', 'ID3DObject', { out: true }),
    ],
  }),
  IDXGIResource1_CreateSharedHandle: backend({
    apply: 'os', returns: 'HRESULT',
    params: [
      p('resource', 'ID3DObject'), p('pAttributes', 'SECURITY_ATTRIBUTES', { optional: true }),
      p('dwAccess', 'DWORD', { optional: true }), p('lpName', 'LPCWSTR', { optional: true }),
      p('pHandle', 'HANDLE', { out: true }),
    ],
  }),
  IDXGIResource_GetSharedHandle: backend({
    apply: 'os', returns: 'HRESULT',
    params: [p('resource', 'ID3DObject'), p('pSharedHandle', 'HANDLE', { out: true })],
  }),
  ID3D12Device_CreateSharedHandle: backend({
    apply: 'os', returns: 'HRESULT',
    params: [
      p('object', 'ID3DObject'), p('pAttributes', 'SECURITY_ATTRIBUTES', { optional: true }),
      p('access', 'DWORD', { optional: true }), p('name', 'LPCWSTR', { optional: true }),
      p('pHandle', 'HANDLE', { out: true }),
    ],
  }),
  D3DRelease: backend({
    apply: 'os', returns: 'void',
    params: [p('object', 'ID3DObject')],
  }),
  ExitProcess: backend({
    check: 'os', apply: 'os', returns: 'void',
    params: [p('process', 'PROCESS', { optional: true })],
  }),
};

/** The operations (rows with a signature), as the generator encodes them beside the Vulkan commands. */
export const MODEL_CALLS = Object.entries(CALLS).filter(([, row]) => row.params).map(([name, row]) => ({ name, returns: row.returns, params: row.params }));

/** Throws when the table and the lists of modelled calls disagree, or a row names an unknown value. */
export function checkCallTable(commandNames, modelCallNames) {
  const listed = [...commandNames, ...modelCallNames];
  const problems = [];
  for (const n of listed) if (!(n in CALLS)) problems.push(`${n} is modelled but has no row in scripts/registry/calls.mjs`);
  for (const n of Object.keys(CALLS)) if (!listed.includes(n)) problems.push(`${n} has a row in scripts/registry/calls.mjs but is not modelled (scope.mjs COMMANDS, or an operation with returns and params)`);
  for (const [n, row] of Object.entries(CALLS)) {
    if (row.check !== undefined && !CHECKS.includes(row.check)) problems.push(`${n}: unknown check ${row.check}`);
    if (row.apply !== undefined && !APPLIES.includes(row.apply)) problems.push(`${n}: unknown apply ${row.apply}`);
    if (row.onFailure !== undefined && !ON_FAILURE.includes(row.onFailure)) problems.push(`${n}: unknown onFailure ${row.onFailure}`);
    if (!RUNNERS.includes(row.run)) problems.push(`${n}: unknown run ${row.run}`);
  }
  if (problems.length) throw new Error(`gen-registry: the call table disagrees with the modelled calls:\n  ${problems.join('\n  ')}`);
}
