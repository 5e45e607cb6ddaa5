// Placeholders let one scenario run on any device profile: instead of a size or a memory type index
// that only fits one driver, a step may write
//   "$size(img0)"            the allocationSize img0's memory requirements asked for
//   "$type(img0)"            the lowest memory type index img0 accepts
//   "$type(img0, host)"      … that is also HOST_VISIBLE ("device" for DEVICE_LOCAL)
//   "$type(img0, 0x1a4)"     … that the handle 0x1a4 (a handle-properties answer) also accepts
//   "$type(host)"            the lowest HOST_VISIBLE type of the device
//   "$luid"                  the device's LUID (for D3D resources made on the same adapter)
// They are read from the answers of earlier calls (see Observed). A placeholder no type satisfies means
// the profile cannot run the scenario: NotSupported, not an error of the scenario.
import { InputError, show } from '../core/errors.js';
import type { Observed } from './observed.js';
import type { Json } from './values.js';

export class NotSupported extends Error {}
/**
 * A placeholder needs an answer an earlier step of this run asked for and did not get (refused, or
 * failed on the backend): the scenario cannot go on, and that earlier step is why.
 */
export class Unanswered extends Error {}
/**
 * The backend can no longer run this scenario's calls (a process it ran them in ended: a driver that
 * crashed there, a child that stopped answering): the scenario stops, failed, with the reason.
 */
export class BackendLost extends Error {}

const HOST_VISIBLE = 0x2;
const DEVICE_LOCAL = 0x1;
const PATTERN = /^\$(size|type)\(([^)]*)\)$/;

/** A copy of `args` with every placeholder replaced; `args` itself is left alone. */
export function resolvePlaceholders(args: Json, seen: Observed, path: string): Json {
  return walk(args, path, (text, at) => evaluate(text, seen, at)) as Json;
}

/**
 * A copy of `args` with every placeholder replaced by a stand-in (0; "" for $luid): for reading what a
 * step asks before any call has answered (what a scenario needs from a profile), not for running it.
 */
export function withoutPlaceholders(args: Json): Json {
  return walk(args, '', (text) => (text === '$luid' ? '' : 0)) as Json;
}

function walk(v: unknown, path: string, replace: (text: string, path: string) => number | string): unknown {
  if (typeof v === 'string') return v.startsWith('$') ? replace(v, path) : v;
  if (Array.isArray(v)) return v.some(needs) ? v.map((x, i) => walk(x, `${path}[${i}]`, replace)) : v;
  if (v && typeof v === 'object') {
    if (!needs(v)) return v;
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, path ? `${path}.${k}` : k, replace);
    return out;
  }
  return v;
}

/** Whether a value holds a placeholder anywhere (most steps have none: no copy then). */
function needs(v: unknown): boolean {
  if (typeof v === 'string') return v.startsWith('$');
  if (Array.isArray(v)) return v.some(needs);
  if (v && typeof v === 'object') return Object.values(v).some(needs);
  return false;
}

function evaluate(text: string, seen: Observed, path: string): number | string {
  if (text === '$luid') {
    if (!seen.deviceLUID) throw new InputError('"$luid": no VkPhysicalDeviceIDProperties was queried before this step', { path });
    return seen.deviceLUID;
  }
  const m = PATTERN.exec(text.replace(/\s+/g, ''));
  if (!m) throw new InputError(`${show(text)} is not a placeholder this tool knows: use $size(NAME), $type(NAME[, host|device|HANDLE]) or $luid`, { path });
  const [, fn, argText] = m;
  const parts = argText.split(',').filter(Boolean);
  if (fn === 'size') {
    if (parts.length !== 1) throw new InputError(`${show(text)}: $size takes one buffer or image name`, { path });
    const r = seen.requirements.get(parts[0]);
    if (!r && seen.unanswered.has(parts[0])) throw new Unanswered(`${text}: ${seen.unanswered.get(parts[0])}`);
    if (!r) throw new InputError(`${show(text)}: no memory requirements of ${show(parts[0])} were asked for before this step`, { path });
    return r.size;
  }
  const count = seen.memoryTypes.length;
  if (count === 0) throw new InputError(`${show(text)}: the memory types were not queried before this step`, { path });
  let bits = count >= 32 ? 0xffffffff : (1 << count) - 1;
  for (const p of parts) {
    if (p === 'host') bits &= maskOf(seen, HOST_VISIBLE);
    else if (p === 'device') bits &= maskOf(seen, DEVICE_LOCAL);
    else if (seen.requirements.has(p)) bits &= seen.requirements.get(p)!.memoryTypeBits;
    else if (seen.handleBits.has(p)) bits &= seen.handleBits.get(p)!;
    else if (seen.unanswered.has(p)) throw new Unanswered(`${text}: ${seen.unanswered.get(p)}`);
    else throw new InputError(`${show(text)}: ${show(p)} is neither host, device, a buffer or image whose requirements were asked for, nor a handle whose properties were asked for`, { path });
  }
  for (let i = 0; i < count; i++) if (bits & (1 << i)) return i;
  throw new NotSupported(`no memory type satisfies ${text} on this device`);
}

function maskOf(seen: Observed, flag: number): number {
  let m = 0;
  seen.memoryTypes.forEach((f, i) => { if (f & flag) m |= 1 << i; });
  return m;
}
