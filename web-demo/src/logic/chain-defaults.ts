// The call the chain builder starts from: a correct one for the chosen world, so the user begins at a
// valid chain and breaks it on purpose. An import starts from the resolver's answer (the structures,
// size and memory type the rules force); the other calls from what a careful application writes.
import { resolveImport } from '../../../src/resolve/index.js';
import { checkRequest, type World } from '../../../src/resolve/request.js';
import type { NormalizedProfile } from '../../../src/profiles/types.js';
import type { Validator } from '../../../src/validator.js';
import type { ChainCommand, ChainState } from './chain-state.js';
import { enumName, structSpec } from './chain-form.js';
import { ENUMS } from '../../../src/generated/registry.js';
import type { Json, WorldHints } from './chain-args.js';
import { hintsOf, worldFor, type Source } from './chain-world.js';

export const DEFAULT_PROFILE = 'illustrative-windows-discrete';

/** What the world panel chooses; the arguments follow from it. */
export type WorldChoice = Pick<ChainState, 'profile' | 'command' | 'source' | 'process'>;

export function defaultChoice(profile = DEFAULT_PROFILE): WorldChoice {
  return { profile, command: 'vkAllocateMemory', source: { kind: 'd3d11-texture', shared: 'nt' }, process: 'same' };
}

const KHR_TYPES = 'VkExternalMemoryHandleTypeFlagBits';
const sType = (struct: string) => structSpec(struct)!.sType!;

/**
 * A correct call for the world `choice` describes on `profile`. When the world cannot be built (a
 * profile without the needed extension, say) the arguments still come out, with the usual names; the
 * run then says what is missing.
 */
export function prefill(v: Validator, choice: WorldChoice, profile: NormalizedProfile): ChainState {
  let world: World | undefined;
  try {
    if (choice.source) checkRequest({ profile: choice.profile, source: choice.source, process: choice.process });
    world = worldFor(v, choice, profile);
  } catch {
    world = undefined;
  }
  try {
    const hints: WorldHints = world ? hintsOf(world) : { device: 'dev_main' };
    return { v: 1, ...choice, args: argsFor(choice.command, choice.source, hints, world) };
  } finally {
    world?.backend.dispose();
  }
}

function argsFor(command: ChainCommand, source: Source | null, h: WorldHints, world: World | undefined): Json {
  const device = h.device ?? 'dev_main';
  const khrType = (fallback: string) => (h.bit && !h.nv ? enumName(KHR_TYPES, h.bit) : undefined) ?? fallback;
  switch (command) {
    case 'vkAllocateMemory':
      return { device, pAllocateInfo: allocateInfo(source, h, world), pAllocator: null, pMemory: 'memory' };
    case 'vkGetMemoryWin32HandleKHR':
      return { device, pGetWin32HandleInfo: { sType: sType('VkMemoryGetWin32HandleInfoKHR'), pNext: null, memory: h.memory ?? 'VK_NULL_HANDLE', handleType: khrType('VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT') }, pHandle: 'hExport' };
    case 'vkGetMemoryWin32HandleNV':
      return { device, memory: h.memory ?? 'VK_NULL_HANDLE', handleType: h.bit && h.nv ? h.bit : ENUMS.VkExternalMemoryHandleTypeFlagBitsNV.values.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV, pHandle: 'hExport' };
    case 'vkGetMemoryFdKHR':
      return { device, pGetFdInfo: { sType: sType('VkMemoryGetFdInfoKHR'), pNext: null, memory: h.memory ?? 'VK_NULL_HANDLE', handleType: khrType('VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT') }, pFd: 200 };
    case 'vkGetMemoryWin32HandlePropertiesKHR':
      return { device, handleType: khrType('VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT'), handle: typeof h.handle === 'string' ? h.handle : 'hSrc', pMemoryWin32HandleProperties: { sType: sType('VkMemoryWin32HandlePropertiesKHR'), pNext: null, memoryTypeBits: 0 } };
    case 'vkCreateImage':
      return { device, pCreateInfo: imageInfo(h), pAllocator: null, pImage: 'image' };
    case 'vkCreateBuffer':
      return { device, pCreateInfo: bufferInfo(source, h), pAllocator: null, pBuffer: 'buffer' };
  }
}

function allocateInfo(source: Source | null, h: WorldHints, world: World | undefined): Json {
  const handleType = world?.names.handleType;
  if (source && world && handleType !== undefined) {
    // The resolver's answer, in this world's names: the chain the rules force for this import.
    const n = world.names;
    try {
      const r = resolveImport(world.session.validator, { device: n.device, process: n.process, handleType, ...(n.name ? { name: n.name } : { handle: n.handle }), resource: n.resource });
      return structuredClone(r.allocateInfo) as Json;
    } catch {
      // No answer (a handle type the resolver does not know): a plain allocation, which the run then judges.
    }
  }
  // A plain allocation: what the world's buffer asked for, in the lowest memory type it accepts.
  const reqs = world && h.resource ? world.session.seen.requirements.get(h.resource) : undefined;
  const bits = reqs?.memoryTypeBits ?? 1;
  return { sType: sType('VkMemoryAllocateInfo'), pNext: null, allocationSize: reqs?.size ?? 65536, memoryTypeIndex: Math.max(0, Math.log2(bits & -bits)) };
}

function imageInfo(h: WorldHints): Json {
  const external = !h.bit ? null
    : h.nv ? { sType: sType('VkExternalMemoryImageCreateInfoNV'), pNext: null, handleTypes: h.bit }
    : { sType: sType('VkExternalMemoryImageCreateInfo'), pNext: null, handleTypes: h.bit };
  return {
    sType: sType('VkImageCreateInfo'), pNext: external, flags: 0, imageType: 'VK_IMAGE_TYPE_2D', format: 'VK_FORMAT_R8G8B8A8_UNORM',
    extent: { width: 256, height: 256, depth: 1 }, mipLevels: 1, arrayLayers: 1, samples: 'VK_SAMPLE_COUNT_1_BIT', tiling: 'VK_IMAGE_TILING_OPTIMAL',
    usage: 0x7, sharingMode: 'VK_SHARING_MODE_EXCLUSIVE', queueFamilyIndexCount: 0, pQueueFamilyIndices: null, initialLayout: 'VK_IMAGE_LAYOUT_UNDEFINED',
  };
}

function bufferInfo(source: Source | null, h: WorldHints): Json {
  // The NV extension has no buffer structure: an NV handle type leaves the chain empty.
  const external = h.bit && !h.nv ? { sType: sType('VkExternalMemoryBufferCreateInfo'), pNext: null, handleTypes: h.bit } : null;
  const size = source && 'size' in source && source.size ? source.size : 65536;
  return { sType: sType('VkBufferCreateInfo'), pNext: external, flags: 0, size, usage: 0x3, sharingMode: 'VK_SHARING_MODE_EXCLUSIVE', queueFamilyIndexCount: 0, pQueueFamilyIndices: null };
}
