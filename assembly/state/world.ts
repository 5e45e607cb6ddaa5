// The tracked state: every live object by its interned id, OS handle tables per process, names.
import { IdMap } from './id-map';
import { PhysicalDevice, Device, Resource, Memory, Payload, OsHandle, D3DObject, OS_KMT } from './objects';

export const physicalDevices = new Map<i32, PhysicalDevice>();
export const devices = new IdMap<Device>();
export const resources = new Map<i32, Resource>();
export const memories = new IdMap<Memory>();
export const d3dObjects = new Map<i32, D3DObject>();
/** NT handles and fds are per process: key = process << 32 | value. */
export const processHandles = new Map<i64, OsHandle>();
export const processFds = new Map<i64, OsHandle>();
/** KMT handles are global values. */
export const kmtHandles = new Map<i32, OsHandle>();
/** Where handles went: NT handle (process key) -> call that closed it; fds the app closed or a driver took. */
export const closedHandles = new Map<i64, i64>();
export const closedFds = new Map<i64, i64>();
export const takenFds = new Map<i64, i64>();
/** The process that last received each NT handle value (to tell "another process's handle" from "unknown"). */
export const handleOwner = new Map<i32, i32>();
/** Named shared objects. */
export const names = new Map<i32, OsHandle>();
/** Which object ids the input has created as which kind (for handle -parameter checks). */
export const objectKinds = new IdMap<i32>();
/** Parent device (or physical device / instance) of each object. */
export const objectParents = new IdMap<i32>();

let instanceApiVersion: u32 = 0;
let nextPayload: i32 = 1;

/**
 * Whether the input is the whole world: every handle, fd, name and object the calls use was made by a
 * call of the input (a session whose backend ran every call). Then "no call made it" is knowledge and
 * a rule decides; a capture is open-world (a value may come from outside it) and says it cannot decide.
 */
export let closedWorld = false;
export function setClosedWorld(on: bool): void { closedWorld = on; }

/**
 * Bumped whenever the set of physical devices or one's identity (its UUIDs) changes: what is derived
 * from them (rules/support.ts's peers of a device) is kept until it moves.
 */
export let identityEpoch: i32 = 0;
export function identitiesChanged(): void { identityEpoch++; }

export function resetWorld(): void {
  closedWorld = false;
  identitiesChanged();
  physicalDevices.clear(); devices.clear(); resources.clear(); memories.clear(); d3dObjects.clear();
  processHandles.clear(); processFds.clear(); kmtHandles.clear(); names.clear(); objectKinds.clear(); objectParents.clear();
  handlePropertyAnswers.clear(); instanceApiVersion = 0; nextPayload = 1;
  closedHandles.clear(); closedFds.clear(); takenFds.clear(); handleOwner.clear();
}

export function setInstanceApiVersion(v: u32): void { instanceApiVersion = v; }
export function getInstanceApiVersion(): u32 { return instanceApiVersion; }

export function newPayload(): Payload { return new Payload(nextPayload++); }

export function processKey(process: i32, value: i64): i64 { return (<i64>process << 32) | (value & 0xffffffff); }

export function physical(id: i32): PhysicalDevice {
  if (!physicalDevices.has(id)) { physicalDevices.set(id, new PhysicalDevice(id)); identitiesChanged(); }
  return physicalDevices.get(id);
}
export function resourceOrNull(id: i32): Resource | null { return resources.has(id) ? resources.get(id) : null; }

/** The handle a Win32 import or property query names, looked up where its kind lives. */
export function findWin32Handle(process: i32, value: i32, kmt: bool): OsHandle | null {
  if (kmt) return kmtHandles.has(value) ? kmtHandles.get(value) : null;
  const k = processKey(process, value);
  return processHandles.has(k) ? processHandles.get(k) : null;
}
export function findAnyWin32Handle(process: i32, value: i32): OsHandle | null {
  const k = processKey(process, value);
  if (processHandles.has(k)) return processHandles.get(k);
  return kmtHandles.has(value) ? kmtHandles.get(value) : null;
}
export function addWin32Handle(h: OsHandle, value: i32): void {
  if (h.kind == OS_KMT) { kmtHandles.set(value, h); return; }
  const k = processKey(h.process, value);
  // A value the input reuses without closing it first replaces the old handle, which stops counting.
  if (processHandles.has(k)) processHandles.get(k).payload.unref(h.madeAt);
  processHandles.set(k, h);
  h.payload.ref();
  closedHandles.delete(k);
  handleOwner.set(value, h.process);
}
/** CloseHandle (or process exit): the handle leaves its table and stops keeping its payload alive. */
export function closeWin32Handle(process: i32, value: i64, call: i64): void {
  const k = processKey(process, value);
  if (!processHandles.has(k)) return;
  processHandles.get(k).payload.unref(call);
  processHandles.delete(k);
  closedHandles.set(k, call);
}
export function findFd(process: i32, fd: i64): OsHandle | null {
  const k = processKey(process, fd);
  return processFds.has(k) ? processFds.get(k) : null;
}
export function addFd(process: i32, fd: i64, h: OsHandle): void {
  const k = processKey(process, fd);
  if (processFds.has(k)) processFds.get(k).payload.unref(h.madeAt);
  processFds.set(k, h);
  h.payload.ref();
  closedFds.delete(k); takenFds.delete(k);
}
/** close() by the app, or a successful import (`taken`: the driver owns it now). */
export function dropFd(process: i32, fd: i64, call: i64, taken: bool): void {
  const k = processKey(process, fd);
  if (!processFds.has(k)) return;
  processFds.get(k).payload.unref(call);
  processFds.delete(k);
  if (taken) takenFds.set(k, call); else closedFds.set(k, call);
}

/** Answers of vkGetMemoryWin32HandlePropertiesKHR / FdPropertiesKHR / HostPointerPropertiesEXT: key -> memoryTypeBits. */
export const handlePropertyAnswers = new Map<i64, i64>();
export function propertyKey(kind: i32, device: i32, value: i64): i64 {
  return ((<i64>kind) << 60) ^ ((<i64>device) << 40) ^ (value & 0xffffffffff);
}
