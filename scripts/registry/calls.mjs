// The one table of calls the model knows: every Vulkan command of scope.mjs and every operation of
// model-calls.mjs, with what the model does with it. The generator checks that the table and those
// lists name the same calls, and emits it for the core's dispatcher (assembly/generated/calls.ts) and
// for the session and the capture reader (src/generated/calls.ts).
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
// - readOnlyWith: for a capture, the call is read only when its line holds this text; its every rule is
//   about that structure (vkQueueSubmit: the keyed-mutex structures).

export const CHECKS = ['create', 'allocate', 'query', 'export', 'properties', 'bind', 'submit', 'lifecycle'];
export const APPLIES = ['instance', 'resources', 'allocate', 'free', 'export', 'properties', 'query', 'os'];
export const ON_FAILURE = ['answer', 'close-source'];
export const RUNNERS = ['backend', 'session', 'none'];

const backend = (extra = {}) => ({ run: 'backend', ...extra });

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

  CloseHandle: backend({ check: 'lifecycle', apply: 'os' }),
  DuplicateHandle: backend({ check: 'lifecycle', apply: 'os', onFailure: 'close-source' }),
  OpenSharedHandleByName: backend({ apply: 'os' }),
  close: backend({ check: 'lifecycle', apply: 'os' }),
  dup: backend({ apply: 'os' }),
  DmaHeapAlloc: backend({ apply: 'os' }),
  D3D11CreateTexture2D: backend({ apply: 'os' }),
  D3D11CreateBuffer: backend({ apply: 'os' }),
  D3D12CreateHeap: backend({ apply: 'os' }),
  D3D12CreateCommittedResource: backend({ apply: 'os' }),
  IDXGIResource1_CreateSharedHandle: backend({ apply: 'os' }),
  IDXGIResource_GetSharedHandle: backend({ apply: 'os' }),
  ID3D12Device_CreateSharedHandle: backend({ apply: 'os' }),
  D3DRelease: backend({ apply: 'os' }),
  ExitProcess: backend({ check: 'lifecycle', apply: 'os' }),
};

/** Throws when the table and the lists of modelled calls disagree, or a row names an unknown value. */
export function checkCallTable(commandNames, modelCallNames) {
  const listed = [...commandNames, ...modelCallNames];
  const problems = [];
  for (const n of listed) if (!(n in CALLS)) problems.push(`${n} is modelled but has no row in scripts/registry/calls.mjs`);
  for (const n of Object.keys(CALLS)) if (!listed.includes(n)) problems.push(`${n} has a row in scripts/registry/calls.mjs but is not modelled (scope.mjs COMMANDS, model-calls.mjs)`);
  for (const [n, row] of Object.entries(CALLS)) {
    if (row.check !== undefined && !CHECKS.includes(row.check)) problems.push(`${n}: unknown check ${row.check}`);
    if (row.apply !== undefined && !APPLIES.includes(row.apply)) problems.push(`${n}: unknown apply ${row.apply}`);
    if (row.onFailure !== undefined && !ON_FAILURE.includes(row.onFailure)) problems.push(`${n}: unknown onFailure ${row.onFailure}`);
    if (!RUNNERS.includes(row.run)) problems.push(`${n}: unknown run ${row.run}`);
  }
  if (problems.length) throw new Error(`gen-registry: the call table disagrees with the modelled calls:\n  ${problems.join('\n  ')}`);
}
