// resolveImport: the allocationSize, memoryTypeIndex, dedicated allocation and pNext chain an import must
// use, each with the rule that forces it, decided by the core from the state the validator has built.
import type { Validator } from '../validator.js';
import { InputError, show } from '../core/errors.js';
import { readEntries } from './entries.js';
import { decodeResolution } from './decode.js';
import { parseHandleType } from './words.js';
import type { ImportQuery, Resolution } from './types.js';
import { FD_TYPES, HOST_TYPES } from '../generated/handle-types.js';

export type { ImportQuery, Resolution, Why, Dedicated, Problem, SizeMode, TypeComponent } from './types.js';
export { formatResolution } from './format.js';

/** The HANDLE value as the encoder interns it ("0x1A4", 420 and "0x1a4" are the same handle). */
function handleKey(v: string | number): string {
  if (typeof v === 'number') return '0x' + v.toString(16);
  if (/^0x[0-9a-f]+$/i.test(v)) return '0x' + BigInt(v).toString(16);
  return v;
}

function pointerValue(v: string | number, what: string): bigint {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^(0x[0-9a-f]{1,16}|\d{1,20})$/i.test(v)) return BigInt.asIntN(64, BigInt(v));
  throw new InputError(`${what}: expected a number or "0x…", got ${show(v)}`, { path: what });
}

/** Resolves one import against the state `validator` has built from the calls it checked so far. */
export function resolveImport(validator: Validator, q: ImportQuery): Resolution {
  const type = parseHandleType(q.handleType);
  if (!type) throw new InputError(`${show(q.handleType)} is not a VkExternalMemoryHandleTypeFlagBits or …FlagBitsNV name`, { path: 'handleType' });
  const names = validator.names;
  const process = q.process && q.process !== 'main' ? names.strings.id(q.process) : 0;
  const device = names.objects.id(q.device);
  const resource = q.resource !== undefined && q.resource !== 0 && q.resource !== 'VK_NULL_HANDLE' ? names.objects.id(q.resource) : 0;
  const name = q.name ? names.strings.id(q.name) : 0;
  // Which number the handle is depends on the handle type: an interned HANDLE, an fd, or an address.
  const isFd = !type.nv && (type.bit & FD_TYPES) !== 0;
  const isHost = !type.nv && (type.bit & HOST_TYPES) !== 0;
  let handle = 0n;
  if (q.handle !== undefined && q.handle !== null && q.handle !== 0 && q.handle !== '0') {
    if (isFd) handle = pointerValue(q.handle, 'handle');
    else if (isHost) handle = pointerValue(q.handle, 'handle');
    else handle = BigInt(names.osHandles.id(handleKey(q.handle)));
  }
  const n = validator.core.resolveImport(device, process, BigInt(type.bit), type.nv ? 1 : 0, handle, name, resource);
  const entries = readEntries(validator.core, n);
  return decodeResolution(validator, entries, {
    device: names.objects.name(device),
    process: q.process ?? 'main',
    handleType: q.handleType,
    ...(q.handle !== undefined ? { handle: q.handle } : {}),
    ...(q.name !== undefined ? { name: q.name } : {}),
    ...(resource ? { resource: names.objects.name(resource) } : {}),
  });
}
