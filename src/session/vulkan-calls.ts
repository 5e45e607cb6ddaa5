// Vulkan commands run on a backend: ask the backend what the core's description of the call says (the
// chained structures of allocations, exports, imports, resources and queries come from the record's one
// decoding, core/describe.ts, never from a second walk of the JSON), and write what the backend answered
// into the args (outputs), so the core applies the real answers. Output handles keep the scenario's
// names; the backend's values are bound to them.
import type { Backend, ProcessId, ImportDesc, AllocateDesc, ExternalMemoryProperties, ImageFormatLimits, MemoryRequirements } from '../backends/types.js';
import type { Bindings } from './bindings.js';
import { num, obj, chained, enumName, uuidString, type Json } from './values.js';
import { COMMAND_ALIASES, ENTRIES, KIND } from '../generated/registry.js';
import type { DescribedItem, DescribedKind } from '../generated/contract.js';
import { SESSION_COMMANDS, type BackendCommand, type SessionCommand } from '../generated/calls.js';
import { KMT_TYPES, NV_KMT_TYPES } from '../generated/handle-types.js';

export interface CallContext {
  backend: Backend;
  bind: Bindings;
  process: ProcessId;
  /** The backend's process for a scenario's process name (made on first use). */
  processOf(name: unknown): ProcessId;
  /** The core's description of the call (core/describe.ts), in the scenario's names; empty for OS calls. */
  described: readonly DescribedItem[];
}
/** Runs one call; returns its result code (undefined for void commands). */
export type Executor = (c: CallContext, a: Json) => number | undefined;

const VK_SUCCESS = 0;

/** The first item of this kind in the call's description. */
function itemOf<K extends DescribedKind>(c: CallContext, kind: K): Extract<DescribedItem, { kind: K }> | undefined {
  return c.described.find((x): x is Extract<DescribedItem, { kind: K }> => x.kind === kind);
}

/**
 * Entries of commands whose outputs a backend fills in (counts, structures, arrays): the session encodes
 * such a call again after it ran. Handle outputs keep the scenario's names, so a call whose only outputs
 * are handles, HANDLEs or fds is the same record before and after.
 */
const FILLS_OUTPUTS = new Set(ENTRIES.flatMap((e, i) => (e.kind === 'command' && e.slots.some((s) => s.out && s.kind !== KIND.HANDLE && s.kind !== KIND.OSHANDLE && s.kind !== KIND.FD) ? [i] : [])));
export function fillsOutputs(entry: number): boolean {
  return FILLS_OUTPUTS.has(entry);
}

function features(target: Json, p: ExternalMemoryProperties): void {
  target.externalMemoryFeatures = p.externalMemoryFeatures;
  target.exportFromImportedHandleTypes = p.exportFromImportedHandleTypes;
  target.compatibleHandleTypes = p.compatibleHandleTypes;
}

function limitsOut(target: Json, l: ImageFormatLimits): void {
  target.maxExtent = { ...l.maxExtent };
  target.maxMipLevels = l.maxMipLevels; target.maxArrayLayers = l.maxArrayLayers;
  target.sampleCounts = l.sampleCounts; target.maxResourceSize = l.maxResourceSize;
}

function requirementsOut(c: CallContext, a: Json, r: MemoryRequirements, two: boolean): void {
  const out = obj(a.pMemoryRequirements);
  const plain = two ? obj(out.memoryRequirements) : out;
  plain.size = r.size; plain.alignment = r.alignment; plain.memoryTypeBits = r.memoryTypeBits;
  if (two) {
    out.memoryRequirements = plain;
    const ded = chained(out, 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS');
    if (ded) { ded.prefersDedicatedAllocation = r.prefersDedicatedAllocation ? 1 : 0; ded.requiresDedicatedAllocation = r.requiresDedicatedAllocation ? 1 : 0; }
  }
}

function pd(c: CallContext, a: Json) { return c.bind.object(a.physicalDevice); }
function dev(c: CallContext, a: Json) { return c.bind.object(a.device); }
function physicalInfo(c: CallContext, a: Json) {
  const h = pd(c, a);
  return c.backend.vulkan.physicalDevices(c.process).find((p) => p.handle === h);
}

function properties(c: CallContext, a: Json): undefined {
  const info = physicalInfo(c, a);
  if (!info) return undefined;
  const out = obj(a.pProperties);
  const props = 'properties' in out ? obj(out.properties) : out;
  Object.assign(props, {
    apiVersion: info.apiVersion, driverVersion: info.driverVersion, vendorID: info.vendorID, deviceID: info.deviceID,
    deviceType: enumName('VkPhysicalDeviceType', info.deviceType), deviceName: info.deviceName,
  });
  const id = chained(out, 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES');
  if (id) Object.assign(id, { deviceUUID: uuidString(info.deviceUUID), driverUUID: uuidString(info.driverUUID), deviceLUID: uuidString(info.deviceLUID), deviceNodeMask: info.deviceNodeMask, deviceLUIDValid: info.deviceLUIDValid ? 1 : 0 });
  const host = chained(out, 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_MEMORY_HOST_PROPERTIES_EXT');
  if (host) host.minImportedHostPointerAlignment = info.minImportedHostPointerAlignment ?? 0;
  return undefined;
}

function memoryProperties(c: CallContext, a: Json, two: boolean): undefined {
  const info = physicalInfo(c, a);
  if (!info) return undefined;
  const outer = obj(a.pMemoryProperties);
  const p = two ? obj(outer.memoryProperties) : outer;
  Object.assign(p, {
    memoryTypeCount: info.memoryTypes.length, memoryTypes: info.memoryTypes.map((t) => ({ ...t })),
    memoryHeapCount: info.memoryHeaps.length, memoryHeaps: info.memoryHeaps.map((h) => ({ ...h })),
  });
  if (two) outer.memoryProperties = p;
  return undefined;
}

function imageQuery(i: Json) {
  return { format: num(i.format), type: num(i.type), tiling: num(i.tiling), usage: num(i.usage), flags: num(i.flags) };
}

/**
 * The allocation as the core decoded it: the first export and dedicated structure of each kind (the ones
 * the core judges and records), and every import structure, zero-valued ones included, in chain order.
 * Judging what the spec makes of them is the core's job.
 */
function allocateDesc(c: CallContext): AllocateDesc {
  const d: AllocateDesc = { allocationSize: 0, memoryTypeIndex: 0 };
  const imports: ImportDesc[] = [];
  for (const x of c.described) {
    switch (x.kind) {
      case 'ALLOCATION': d.allocationSize = x.allocationSize; d.memoryTypeIndex = x.memoryTypeIndex; break;
      case 'EXPORT': d.exportTypes = x.handleTypes; break;
      case 'EXPORT_NV': d.exportTypesNV = x.handleTypes; break;
      case 'EXPORT_WIN32':
        if (x.name !== undefined) d.exportName = x.name;
        d.exportAccess = x.dwAccess;
        break;
      case 'DEDICATED': d.dedicated = { image: c.bind.object(x.image), buffer: c.bind.object(x.buffer) }; break;
      case 'DEDICATED_NV': d.dedicatedNV = { image: c.bind.object(x.image), buffer: c.bind.object(x.buffer) }; break;
      case 'IMPORT_WIN32':
        imports.push({ kind: 'win32', handleType: x.handleType, handle: c.bind.handle(c.process, x.handle), ...(x.name !== undefined ? { name: x.name } : {}) });
        break;
      case 'IMPORT_WIN32_NV': imports.push({ kind: 'win32-nv', handleType: x.handleType, handle: c.bind.handle(c.process, x.handle) }); break;
      case 'IMPORT_FD': imports.push({ kind: 'fd', handleType: x.handleType, fd: c.bind.fd(c.process, x.fd) }); break;
      case 'IMPORT_HOST': imports.push({ kind: 'host', handleType: x.handleType, pointer: hostPointer(c, x.pointer) }); break;
    }
  }
  if (imports.length) d.imports = imports;
  return d;
}

function hostPointer(c: CallContext, v: number): number {
  return c.bind.hostPointer(c.process, v, (size, alignment) => c.backend.os.hostAlloc(c.process, size, alignment));
}

/**
 * Commands the session answers itself from what the backend already set up (a backend opens its own
 * instance and lists its devices once; queues and submissions are not modelled): nothing reaches a
 * driver for them, so their results say nothing about one. From the table of calls.
 */
const ANSWERED_BY_SESSION: ReadonlySet<string> = new Set(SESSION_COMMANDS);

/** Whether the session answers `name` (or the command it aliases) itself, without the backend. */
export function answeredBySession(name: string): boolean {
  return ANSWERED_BY_SESSION.has(COMMAND_ALIASES[name] ?? name);
}

/**
 * An executor per command the table of calls says a backend or the session runs; the type makes a
 * missing or extra one a compile error. Aliases (…KHR) run as the command they alias.
 */
const VULKAN_CALLS: Record<BackendCommand | SessionCommand, Executor> = {
  vkCreateInstance(c, a) { c.bind.bindObject(a.pInstance, 1); return VK_SUCCESS; },
  vkDestroyInstance() { return undefined; },
  vkEnumeratePhysicalDevices(c, a) {
    const all = c.backend.vulkan.physicalDevices(c.process);
    const names = Array.isArray(a.pPhysicalDevices) ? a.pPhysicalDevices : null;
    if (names) names.forEach((n, i) => { if (all[i]) c.bind.bindObject(n, all[i].handle); });
    a.pPhysicalDeviceCount = names ? Math.min(names.length, all.length) : all.length;
    if (names && names.length > all.length) a.pPhysicalDevices = names.slice(0, all.length);
    return VK_SUCCESS;
  },
  vkGetPhysicalDeviceProperties: properties,
  vkGetPhysicalDeviceProperties2: properties,
  vkGetPhysicalDeviceMemoryProperties: (c, a) => memoryProperties(c, a, false),
  vkGetPhysicalDeviceMemoryProperties2: (c, a) => memoryProperties(c, a, true),
  vkGetPhysicalDeviceFeatures2: () => undefined,
  vkGetPhysicalDeviceExternalBufferProperties(c, a) {
    const i = obj(a.pExternalBufferInfo);
    const p = c.backend.vulkan.externalBufferProperties(pd(c, a), { flags: num(i.flags), usage: num(i.usage), handleType: num(i.handleType) });
    const out = obj(a.pExternalBufferProperties);
    const emp = obj(out.externalMemoryProperties);
    features(emp, p);
    out.externalMemoryProperties = emp;
    return undefined;
  },
  vkGetPhysicalDeviceImageFormatProperties2(c, a) {
    const i = obj(a.pImageFormatInfo);
    const ext = itemOf(c, 'EXTERNAL_IMAGE_FORMAT');
    const r = c.backend.vulkan.externalImageFormatProperties(pd(c, a), { ...imageQuery(i), ...(ext ? { handleType: ext.handleType } : {}) });
    const props = obj(a.pImageFormatProperties);
    const plain = obj(props.imageFormatProperties);
    limitsOut(plain, r.limits);
    props.imageFormatProperties = plain;
    const out = chained(props, 'VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES');
    if (out) { const emp = obj(out.externalMemoryProperties); features(emp, r.external); out.externalMemoryProperties = emp; }
    return r.result;
  },
  vkGetPhysicalDeviceExternalImageFormatPropertiesNV(c, a) {
    const r = c.backend.vulkan.externalImageFormatPropertiesNV(pd(c, a), { ...imageQuery(a), handleTypes: num(a.externalHandleType) });
    const out = obj(a.pExternalImageFormatProperties);
    const plain = obj(out.imageFormatProperties);
    limitsOut(plain, r.limits);
    out.imageFormatProperties = plain;
    features(out, r.external);
    return r.result;
  },
  vkCreateDevice(c, a) {
    const ci = obj(a.pCreateInfo);
    const names = Array.isArray(ci.ppEnabledExtensionNames) ? ci.ppEnabledExtensionNames.map(String) : [];
    const r = c.backend.vulkan.createDevice(pd(c, a), names);
    if (r.result === VK_SUCCESS) c.bind.bindObject(a.pDevice, r.handle);
    return r.result;
  },
  vkDestroyDevice(c, a) { c.backend.vulkan.destroyDevice(dev(c, a)); return undefined; },
  vkGetDeviceQueue(c, a) { c.bind.bindObject(a.pQueue, 0x51); return undefined; },
  vkGetDeviceQueue2(c, a) { c.bind.bindObject(a.pQueue, 0x51); return undefined; },
  vkQueueSubmit() { return VK_SUCCESS; },
  vkCreateBuffer(c, a) {
    const ci = obj(a.pCreateInfo);
    const ext = itemOf(c, 'EXTERNAL_MEMORY_BUFFER');
    const r = c.backend.vulkan.createBuffer(dev(c, a), { size: num(ci.size), usage: num(ci.usage), flags: num(ci.flags), sharingMode: num(ci.sharingMode), ...(ext ? { externalHandleTypes: ext.handleTypes } : {}) });
    if (r.result === VK_SUCCESS) c.bind.bindObject(a.pBuffer, r.handle);
    return r.result;
  },
  vkCreateImage(c, a) {
    const ci = obj(a.pCreateInfo);
    const ext = itemOf(c, 'EXTERNAL_MEMORY_IMAGE');
    const extNV = itemOf(c, 'EXTERNAL_MEMORY_IMAGE_NV');
    const e = obj(ci.extent);
    const r = c.backend.vulkan.createImage(dev(c, a), {
      imageType: num(ci.imageType), format: num(ci.format), width: num(e.width), height: num(e.height), depth: num(e.depth) || 1,
      mipLevels: num(ci.mipLevels) || 1, arrayLayers: num(ci.arrayLayers) || 1, samples: num(ci.samples) || 1, tiling: num(ci.tiling),
      usage: num(ci.usage), flags: num(ci.flags), sharingMode: num(ci.sharingMode), initialLayout: num(ci.initialLayout),
      ...(ext ? { externalHandleTypes: ext.handleTypes } : {}), ...(extNV ? { externalHandleTypesNV: extNV.handleTypes } : {}),
    });
    if (r.result === VK_SUCCESS) c.bind.bindObject(a.pImage, r.handle);
    return r.result;
  },
  vkDestroyBuffer(c, a) { c.backend.vulkan.destroyBuffer(dev(c, a), c.bind.object(a.buffer)); return undefined; },
  vkDestroyImage(c, a) { c.backend.vulkan.destroyImage(dev(c, a), c.bind.object(a.image)); return undefined; },
  vkGetBufferMemoryRequirements(c, a) { requirementsOut(c, a, c.backend.vulkan.bufferRequirements(dev(c, a), c.bind.object(a.buffer)), false); return undefined; },
  vkGetImageMemoryRequirements(c, a) { requirementsOut(c, a, c.backend.vulkan.imageRequirements(dev(c, a), c.bind.object(a.image)), false); return undefined; },
  vkGetBufferMemoryRequirements2(c, a) { requirementsOut(c, a, c.backend.vulkan.bufferRequirements(dev(c, a), c.bind.object(obj(a.pInfo).buffer)), true); return undefined; },
  vkGetImageMemoryRequirements2(c, a) { requirementsOut(c, a, c.backend.vulkan.imageRequirements(dev(c, a), c.bind.object(obj(a.pInfo).image)), true); return undefined; },
  vkAllocateMemory(c, a) {
    const r = c.backend.vulkan.allocate(c.process, dev(c, a), allocateDesc(c));
    if (r.result === VK_SUCCESS) c.bind.bindObject(a.pMemory, r.handle);
    return r.result;
  },
  vkFreeMemory(c, a) { c.backend.vulkan.free(dev(c, a), c.bind.object(a.memory)); return undefined; },
  vkMapMemory(c, a) { return c.backend.vulkan.map(dev(c, a), c.bind.object(a.memory), num(a.offset), num(a.size)); },
  vkUnmapMemory(c, a) { c.backend.vulkan.unmap(dev(c, a), c.bind.object(a.memory)); return undefined; },
  vkBindBufferMemory(c, a) { return c.backend.vulkan.bindBuffer(dev(c, a), c.bind.object(a.buffer), c.bind.object(a.memory), num(a.memoryOffset)); },
  vkBindImageMemory(c, a) { return c.backend.vulkan.bindImage(dev(c, a), c.bind.object(a.image), c.bind.object(a.memory), num(a.memoryOffset)); },
  vkBindBufferMemory2(c, a) {
    for (const b of Array.isArray(a.pBindInfos) ? a.pBindInfos.map(obj) : []) {
      const r = c.backend.vulkan.bindBuffer(dev(c, a), c.bind.object(b.buffer), c.bind.object(b.memory), num(b.memoryOffset));
      if (r !== VK_SUCCESS) return r;
    }
    return VK_SUCCESS;
  },
  vkBindImageMemory2(c, a) {
    for (const b of Array.isArray(a.pBindInfos) ? a.pBindInfos.map(obj) : []) {
      const r = c.backend.vulkan.bindImage(dev(c, a), c.bind.object(b.image), c.bind.object(b.memory), num(b.memoryOffset));
      if (r !== VK_SUCCESS) return r;
    }
    return VK_SUCCESS;
  },
  vkGetMemoryWin32HandleKHR(c, a) {
    const i = itemOf(c, 'GET_WIN32_HANDLE');
    const t = i?.handleType ?? 0;
    const r = c.backend.vulkan.getWin32Handle(c.process, dev(c, a), c.bind.object(i?.memory), t);
    if (r.result === VK_SUCCESS) c.bind.bindHandle(c.process, a.pHandle, r.value, (t & KMT_TYPES) !== 0);
    return r.result;
  },
  vkGetMemoryWin32HandleNV(c, a) {
    const i = itemOf(c, 'GET_WIN32_HANDLE_NV');
    const t = i?.handleType ?? 0;
    const r = c.backend.vulkan.getWin32HandleNV(c.process, dev(c, a), c.bind.object(i?.memory), t);
    if (r.result === VK_SUCCESS) c.bind.bindHandle(c.process, a.pHandle, r.value, (t & NV_KMT_TYPES) !== 0);
    return r.result;
  },
  vkGetMemoryFdKHR(c, a) {
    const i = itemOf(c, 'GET_FD');
    const r = c.backend.vulkan.getFd(c.process, dev(c, a), c.bind.object(i?.memory), i?.handleType ?? 0);
    if (r.result === VK_SUCCESS) c.bind.bindFd(c.process, a.pFd, r.value);
    return r.result;
  },
  vkGetMemoryWin32HandlePropertiesKHR(c, a) {
    const q = itemOf(c, 'WIN32_HANDLE_PROPERTIES');
    const r = c.backend.vulkan.win32HandleProperties(c.process, dev(c, a), q?.handleType ?? 0, c.bind.handle(c.process, q?.handle));
    obj(a.pMemoryWin32HandleProperties).memoryTypeBits = r.memoryTypeBits;
    return r.result;
  },
  vkGetMemoryFdPropertiesKHR(c, a) {
    const q = itemOf(c, 'FD_PROPERTIES');
    const r = c.backend.vulkan.fdProperties(c.process, dev(c, a), q?.handleType ?? 0, c.bind.fd(c.process, q?.fd ?? 0));
    obj(a.pMemoryFdProperties).memoryTypeBits = r.memoryTypeBits;
    return r.result;
  },
  vkGetMemoryHostPointerPropertiesEXT(c, a) {
    const q = itemOf(c, 'HOST_POINTER_PROPERTIES');
    const r = c.backend.vulkan.hostPointerProperties(dev(c, a), q?.handleType ?? 0, hostPointer(c, q?.pointer ?? 0));
    obj(a.pMemoryHostPointerProperties).memoryTypeBits = r.memoryTypeBits;
    return r.result;
  },
};

/** The executor of a Vulkan command (or of the command it aliases); undefined for one no session runs. */
export function vulkanExecutor(name: string): Executor | undefined {
  const canonical = COMMAND_ALIASES[name] ?? name;
  return Object.hasOwn(VULKAN_CALLS, canonical) ? VULKAN_CALLS[canonical as BackendCommand | SessionCommand] : undefined;
}
