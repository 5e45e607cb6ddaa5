// The world the chain builder's call runs in, and the run itself. The world is the import resolver's:
// `buildWorld` makes the devices, the source and its handle on the mock, stopping at the stage the
// command needs; then the user's call runs as one more step and the core judges it there. Rebuilding
// the whole world for every edit costs a few milliseconds and keeps each verdict independent.
import { buildWorld, checkRequest, type ResolveRequest, type World, type WorldStage } from '../../../src/resolve/request.js';
import { parseHandleType, shortHandleTypeName } from '../../../src/resolve/words.js';
import { FD_TYPES, HANDLE_TYPE_ROWS, NV_KMT_TYPES, NV_NT_TYPES, WIN32_KHR_TYPES } from '../../../src/generated/handle-types.js';
import { InputError } from '../../../src/core/errors.js';
import type { NormalizedProfile } from '../../../src/profiles/types.js';
import type { Validator } from '../../../src/validator.js';
import type { Finding } from '../../../src/report/types.js';
import type { CallRecord } from '../../../src/input/record.js';
import type { ChainCommand, ChainState } from './chain-state.js';
import { commandSpec } from './chain-form.js';
import { parseInteger, type Parsed, type WorldHints } from './chain-args.js';

export type Source = ResolveRequest['source'];

/** The handle types each export command takes: a family and, of its bits, the catalogue's mask. */
const EXPORTS: Partial<Record<ChainCommand, { nv: boolean; types: number }>> = {
  vkGetMemoryWin32HandleKHR: { nv: false, types: WIN32_KHR_TYPES },
  vkGetMemoryWin32HandleNV: { nv: true, types: NV_NT_TYPES | NV_KMT_TYPES },
  vkGetMemoryFdKHR: { nv: false, types: FD_TYPES },
};

/**
 * The handle types (short names) a Vulkan export can make in the chain builder: the catalogue's types
 * whose source is a Vulkan export, KHR before NV and, in each family, Windows types first.
 */
export const VULKAN_SOURCE_TYPES: readonly string[] = HANDLE_TYPE_ROWS
  .filter((r) => r.source === 'vulkan')
  .map((r, i) => ({ r, i, rank: (r.nv ? 2 : 0) + (r.platform === 'Windows' ? 0 : 1) }))
  .sort((a, b) => a.rank - b.rank || a.i - b.i)
  .map(({ r }) => shortHandleTypeName(r.name));

export function isExport(command: ChainCommand): boolean {
  return EXPORTS[command] !== undefined;
}

/**
 * How far the world is built before the call: an export needs the exportable allocation (and no
 * handle yet), a handle query needs the handle in the importing process, an import needs everything
 * (handle properties and the resource to bind); a plain call needs a device and a buffer.
 */
export function worldStage(command: ChainCommand, source: Source | null): WorldStage {
  if (!source) return 'resource';
  if (isExport(command)) return 'allocation';
  if (command === 'vkAllocateMemory') return 'resource';
  return 'handle';
}

/** Whether a source makes sense for a command (an export needs memory allocated by Vulkan for a type of its family). */
export function sourceFits(command: ChainCommand, source: Source | null): boolean {
  const t = source?.kind === 'vulkan' ? parseHandleType(String(source.handleType ?? '')) : undefined;
  const exported = EXPORTS[command];
  if (exported) return !!t && t.nv === exported.nv && (t.bit & exported.types) !== 0;
  switch (command) {
    // Only D3D handles have properties to ask (opaque ones take the exporter's memory types), and the
    // query takes a handle, not a name.
    case 'vkGetMemoryWin32HandlePropertiesKHR':
      return !!source && (source.kind === 'd3d11-texture' || source.kind === 'd3d12-heap' || source.kind === 'd3d12-resource') && !source.byName;
    default: return true;
  }
}

/** The source a command starts with when the current one does not fit it (an export: the first type of VULKAN_SOURCE_TYPES it takes). */
export function defaultSource(command: ChainCommand): Source | null {
  if (isExport(command)) {
    const handleType = VULKAN_SOURCE_TYPES.find((t) => sourceFits(command, { kind: 'vulkan', handleType: t }));
    return { kind: 'vulkan', handleType };
  }
  switch (command) {
    case 'vkCreateImage': case 'vkCreateBuffer': return null;
    default: return { kind: 'd3d11-texture', shared: 'nt' };
  }
}

/** Builds the world for a state (throws InputError or NotSupported when the request cannot be built). */
export function worldFor(v: Validator, state: Pick<ChainState, 'profile' | 'command' | 'source' | 'process'>, profile: NormalizedProfile): World {
  return buildWorld(v, { profile: state.profile, source: state.source, process: state.process }, profile, worldStage(state.command, state.source));
}

/**
 * The source size the user typed (decimal or 0x…), or why it is refused. The text is read here; which
 * sizes a world takes is the library's rule (checkRequest), so its message names the range.
 */
export function parseSourceSize(text: string, choice: Pick<ChainState, 'profile' | 'source' | 'process'>): Parsed {
  const t = text.trim();
  // A negative whole number is read as one, so the library says why it is not a size.
  const read: Parsed = /^-\d{1,20}$/.test(t) ? { ok: true, value: Number.isSafeInteger(Number(t)) ? Number(t) : t } : parseInteger(t, 'VkDeviceSize');
  if (!read.ok) return read;
  try {
    checkRequest({ profile: choice.profile, source: { ...(choice.source as Source), size: read.value as number }, process: choice.process });
  } catch (e) {
    if (e instanceof InputError) return { ok: false, message: e.message };
    throw e;
  }
  return read;
}

export function hintsOf(world: Pick<World, 'names'>): WorldHints {
  const n = world.names;
  return { device: n.device, resource: n.resource, resourceKind: n.resourceKind, memory: n.sourceMemory, handle: n.handle, name: n.name, bit: n.bit, nv: n.nv };
}

/** The names the world's calls made, by C type (VkDevice, VkImage, VkDeviceMemory, HANDLE …): what handle fields offer. */
export type WorldObjects = Record<string, string[]>;

// Outputs of the OS and D3D operations buildWorld uses, which the Vulkan registry does not describe.
const OS_OUTPUTS: Record<string, string> = { pHandle: 'HANDLE', pSharedHandle: 'HANDLE', lpTargetHandle: 'HANDLE' };

export function worldObjects(steps: CallRecord[]): WorldObjects {
  const out: WorldObjects = {};
  const add = (type: string, name: unknown) => {
    if (typeof name !== 'string' || !name) return;
    const list = (out[type] ??= []);
    if (!list.includes(name)) list.push(name);
  };
  for (const s of steps) {
    if (s.kind === 'os') {
      for (const [k, type] of Object.entries(OS_OUTPUTS)) add(type, s.args[k]);
      continue;
    }
    let spec;
    try { spec = commandSpec(s.name); } catch { continue; }
    for (const p of spec.params) {
      if (!p.out) continue;
      if (p.kind === 'handle') add(p.type, s.args[p.name]);
      else if (p.kind === 'oshandle') add('HANDLE', s.args[p.name]);
    }
  }
  return out;
}

/** The call a state makes, as the session takes it (in the importing process when there is one). */
export function callRecordOf(state: ChainState, world: Pick<World, 'names'>): Omit<CallRecord, 'call'> {
  return { kind: 'vk', name: state.command, args: structuredClone(state.args), process: world.names.process };
}

export interface ChainRun {
  findings: Finding[];
  /** What the mock driver returned (VK_SUCCESS, VK_ERROR_…). */
  result?: string;
  /** Values the driver wrote (the new handle, the memoryTypeBits a query answered). */
  outputs: Array<{ name: string; value: string }>;
  /** Why the call could not run at all: bad input (with the member path) or a world this profile cannot build. */
  problem?: { message: string; path?: string };
  names?: World['names'];
  objects: WorldObjects;
  /** The calls that made the world, for the page to list. */
  steps: Array<{ name: string; process?: string }>;
  ms: number;
}

/** Builds the world, runs the state's call in it and collects the verdict. Never throws. */
export function runChain(v: Validator, state: ChainState, profile: NormalizedProfile): ChainRun {
  const t0 = performance.now();
  const run: ChainRun = { findings: [], outputs: [], objects: {}, steps: [], ms: 0 };
  let world: World | undefined;
  try {
    // The source may come from a link: check it as the resolver checks a request, so a bad one is named.
    if (state.source) checkRequest({ profile: state.profile, source: state.source, process: state.process });
    world = worldFor(v, state, profile);
    run.names = world.names;
    run.objects = worldObjects(world.steps);
    run.steps = world.steps.map((s) => ({ name: s.name, process: s.process }));
  } catch (e) {
    run.problem = { message: `this world cannot be built on ${profile.profile}: ${(e as Error).message}` };
    run.ms = performance.now() - t0;
    return run;
  }
  try {
    const out = world.step(callRecordOf(state, world));
    run.findings = out.findings;
    run.result = out.result;
    if (out.result === 'VK_SUCCESS') run.outputs = outputsOf(world, state);
  } catch (e) {
    run.problem = e instanceof InputError
      ? { message: e.message, path: memberOfCall(state.command, e.where.path) }
      : { message: `the mock could not run this call: ${(e as Error).message}` };
  } finally {
    world.backend.dispose();
  }
  run.ms = performance.now() - t0;
  return run;
}

/** An error's path as the form writes it: without the command or the scenario prefix the session adds. */
function memberOfCall(command: string, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  for (const prefix of [`${command}.`, 'vkFunc.args.']) if (path.startsWith(prefix)) return path.slice(prefix.length);
  return path;
}

/** The mock's values for what the call wrote: its handles, fds and objects, and a handle query's memoryTypeBits. */
function outputsOf(world: World, state: ChainState): ChainRun['outputs'] {
  const out: ChainRun['outputs'] = [];
  const process = world.session.processOf(world.names.process);
  const hex = (n: number) => `0x${n.toString(16)}`;
  for (const p of commandSpec(state.command).params) {
    if (!p.out) continue;
    const name = state.args[p.name];
    if (p.kind === 'handle' && (typeof name === 'string' || typeof name === 'number')) out.push({ name: p.name, value: `${name} = ${hex(world.session.bind.object(name))} (the mock's ${p.type})` });
    else if (p.kind === 'oshandle' && name !== undefined && name !== null) out.push({ name: p.name, value: `${name} = ${hex(world.session.bind.handle(process, name))} (a HANDLE in process ${world.names.process ?? 'main'})` });
    else if (p.kind === 'fd' && name !== undefined && name !== null) out.push({ name: p.name, value: `${name} = fd ${world.session.bind.fd(process, name)} in process ${world.names.process ?? 'main'}` });
    else if (p.kind === 'struct' && state.command === 'vkGetMemoryWin32HandlePropertiesKHR') {
      const bits = world.session.seen.handleBits.get(String(state.args.handle));
      if (bits !== undefined) out.push({ name: `${p.name}->memoryTypeBits`, value: `${hex(bits)} (${typesText(bits)})` });
    }
  }
  return out;
}

function typesText(mask: number): string {
  const types: number[] = [];
  for (let i = 0; i < 32; i++) if ((mask >>> i) & 1) types.push(i);
  return types.length ? `memory type${types.length > 1 ? 's' : ''} ${types.join(', ')}` : 'no memory type';
}
