// Binding memory to buffers and images: dedicated allocations, NV dedicated allocations and the
// handle types the resource was created to accept. vkBind*Memory and vkBind*Memory2 share the logic
// and differ only in their VUIDs.
import * as registry from '../generated/registry';
import { defRule } from '../core/catalogue';
import { report, op } from '../core/findings';
import { O_OBJECT, O_HANDLE_TYPES, O_SIZE } from '../generated/contract';
import { get } from '../core/record';
import { element } from '../core/chain-index';
import { memories, resources, devices } from '../state/world';
import { Memory, Resource, Device } from '../state/objects';
import { VK_API_1_1 } from './context';
import * as handleTypes from '../catalogue/handle-types';

export class BindRules {
  legacy: i32; nvDedicated: i32; requiresDedicated: i32; dedicatedOther: i32; exportTypes: i32; importType: i32; wrongKind: i32; aliasing: i32;
}

function bufferRules(prefix: string): BindRules {
  const r = new BindRules();
  r.legacy = defRule(`VUID-${prefix}-apiVersion-07920`, 'without Vulkan 1.1 or VK_KHR_dedicated_allocation, memory {memory} was allocated dedicated to a resource, so it binds only to an NV-dedicated buffer; buffer {resource} is not one.', 'resource memory');
  r.nvDedicated = defRule(`VUID-${prefix}-buffer-01038`, 'buffer {resource} was created NV-dedicated, so memory {memory} must be an NV dedicated allocation for an identically created buffer, bound at offset 0 (offset is {offset}).', 'resource memory offset');
  r.requiresDedicated = defRule(`VUID-${prefix}-buffer-01444`, 'buffer {resource} requires a dedicated allocation (requiresDedicatedAllocation = VK_TRUE), but memory {memory} was not allocated dedicated to it.', 'resource memory');
  r.dedicatedOther = defRule(`VUID-${prefix}-memory-01508`, 'memory {memory} is dedicated to buffer {dedicatedTo}; it binds only to that buffer at offset 0, not to buffer {resource} at offset {offset}.', 'resource memory offset dedicatedTo');
  r.exportTypes = defRule(`VUID-${prefix}-memory-02726`, 'memory {memory} was allocated for export as {exportTypes}, but buffer {resource} was created for handle types {createdTypes}; they share none.', 'resource memory exportTypes createdTypes');
  r.importType = defRule(`VUID-${prefix}-memory-02985`, 'memory {memory} was imported as {importType}, but buffer {resource} was created for handle types {createdTypes}, which do not include it.', 'resource memory importType createdTypes');
  r.wrongKind = defRule(`VUID-${prefix}-memory-10925`, 'memory {memory} is dedicated to image {dedicatedTo}; it cannot be bound to buffer {resource}.', 'resource memory dedicatedTo');
  r.aliasing = -1;
  return r;
}
function imageRules(prefix: string): BindRules {
  const r = new BindRules();
  r.legacy = defRule(`VUID-${prefix}-apiVersion-07921`, 'without Vulkan 1.1 or VK_KHR_dedicated_allocation, memory {memory} was allocated dedicated to a resource, so it binds only to an NV-dedicated image; image {resource} is not one.', 'resource memory');
  r.nvDedicated = defRule(`VUID-${prefix}-image-01050`, 'image {resource} was created NV-dedicated, so memory {memory} must be an NV dedicated allocation for an identically created image, bound at offset 0 (offset is {offset}).', 'resource memory offset');
  r.requiresDedicated = defRule(`VUID-${prefix}-image-01445`, 'image {resource} requires a dedicated allocation (requiresDedicatedAllocation = VK_TRUE), but memory {memory} was not allocated dedicated to it.', 'resource memory');
  r.dedicatedOther = defRule(`VUID-${prefix}-memory-02628`, 'memory {memory} is dedicated to image {dedicatedTo}; without dedicatedAllocationImageAliasing it binds only to that image at offset 0, not to image {resource} at offset {offset}.', 'resource memory offset dedicatedTo');
  r.aliasing = defRule(`VUID-${prefix}-memory-02629`, 'memory {memory} is dedicated to image {dedicatedTo}; with dedicatedAllocationImageAliasing it binds at offset 0 to that image or one created alike with no larger extent and layers, and image {resource} at offset {offset} is neither.', 'resource memory offset dedicatedTo');
  r.exportTypes = defRule(`VUID-${prefix}-memory-02728`, 'memory {memory} was allocated for export as {exportTypes}, but image {resource} was created for handle types {createdTypes}; they share none.', 'resource memory exportTypes createdTypes');
  r.importType = defRule(`VUID-${prefix}-memory-02989`, 'memory {memory} was imported as {importType}, but image {resource} was created for handle types {createdTypes}, which do not include it.', 'resource memory importType createdTypes');
  r.wrongKind = defRule(`VUID-${prefix}-memory-10926`, 'memory {memory} is dedicated to buffer {dedicatedTo}; it cannot be bound to image {resource}.', 'resource memory dedicatedTo');
  return r;
}

// vkBindBufferMemory's and vkBindImageMemory's rules are what an import's resolution cites (rules/import/).
export const BUF = bufferRules('vkBindBufferMemory');
const BUF2 = bufferRules('VkBindBufferMemoryInfo');
export const IMG = imageRules('vkBindImageMemory');
const IMG2 = imageRules('VkBindImageMemoryInfo');

/** The vkBind*Memory rules for the resource's kind. */
export function bindRulesFor(r: Resource): BindRules { return r.isImage ? IMG : BUF; }

/**
 * 07920 / 07921: without Vulkan 1.1 or VK_KHR_dedicated_allocation, memory allocated dedicated to a
 * resource binds only to a resource created NV-dedicated.
 */
export function dedicationNeedsNvResource(dev: Device, res: Resource): bool {
  return dev.apiVersion != 0 && dev.apiVersion < VK_API_1_1 && !dev.has(registry.EXT_KHR_dedicated_allocation) && !res.nvDedicated;
}

/**
 * 02985 / 02989: memory imported as `importType` binds only to a resource created for that type; memory
 * imported through VK_NV_external_memory_win32 (`nvBit`, else 0) also to one made for the NV path
 * (VkExternalMemoryImageCreateInfoNV, which excludes the KHR structure) with that NV bit.
 */
export function bindsImportedType(res: Resource, importType: i64, nvBit: i64): bool {
  return (res.externalTypes & importType) != 0 || (nvBit != 0 && (res.externalTypesNV & nvBit) != 0);
}

export function checkBind(cmd: i32): void {
  const deviceId = <i32>get(0, 0);
  const dev = devices.has(deviceId) ? devices.get(deviceId) : null;
  if (cmd == registry.C_vkBindBufferMemory) bindOne(BUF, dev, 0, registry.M_vkBindBufferMemory_buffer, registry.M_vkBindBufferMemory_memory, registry.M_vkBindBufferMemory_memoryOffset, false);
  else if (cmd == registry.C_vkBindImageMemory) bindOne(IMG, dev, 0, registry.M_vkBindImageMemory_image, registry.M_vkBindImageMemory_memory, registry.M_vkBindImageMemory_memoryOffset, true);
  else if (cmd == registry.C_vkBindBufferMemory2 || cmd == registry.C_vkBindImageMemory2) {
    const isImage = cmd == registry.C_vkBindImageMemory2;
    for (let k = 0; ; k++) {
      const info = element(0, isImage ? registry.M_vkBindImageMemory2_pBindInfos : registry.M_vkBindBufferMemory2_pBindInfos, k);
      if (info < 0) break;
      if (isImage) bindOne(IMG2, dev, info, registry.M_VkBindImageMemoryInfo_image, registry.M_VkBindImageMemoryInfo_memory, registry.M_VkBindImageMemoryInfo_memoryOffset, true);
      else bindOne(BUF2, dev, info, registry.M_VkBindBufferMemoryInfo_buffer, registry.M_VkBindBufferMemoryInfo_memory, registry.M_VkBindBufferMemoryInfo_memoryOffset, false);
    }
  }
}

/** The operands every bind rule starts with: the resource and the memory. */
function ops(res: Resource, mem: Memory): void { op(O_OBJECT, res.id); op(O_OBJECT, mem.id); }

function bindOne(r: BindRules, dev: Device | null, n: i32, resSlot: i32, memSlot: i32, offSlot: i32, isImage: bool): void {
  const resId = <i32>get(n, resSlot);
  const memId = <i32>get(n, memSlot);
  if (!resources.has(resId) || !memories.has(memId)) return;
  const res = resources.get(resId);
  const mem = memories.get(memId);
  const offset = get(n, offSlot);
  const dedRes = isImage ? mem.dedicatedImage : mem.dedicatedBuffer;
  const dedOther = isImage ? mem.dedicatedBuffer : mem.dedicatedImage;
  const nvDed = isImage ? mem.nvDedicatedImage : mem.nvDedicatedBuffer;
  const anyDedicated = mem.dedicatedImage != 0 || mem.dedicatedBuffer != 0 || mem.nvDedicatedImage != 0 || mem.nvDedicatedBuffer != 0;

  if (dev != null && anyDedicated && dedicationNeedsNvResource(dev, res)) {
    report(r.legacy, n, memSlot); ops(res, mem);
  }
  if (res.nvDedicated) {
    const nvRes = resources.has(nvDed) ? resources.get(nvDed) : null;
    const identical = nvDed == res.id || (nvRes != null && nvRes.fingerprint() == res.fingerprint()) || (nvRes == null && nvDed != 0 && (isImage ? mem.payload.nvDedicatedImage : mem.payload.nvDedicatedBuffer) == res.fingerprint());
    if (!identical || offset != 0) { report(r.nvDedicated, n, memSlot); ops(res, mem); op(O_SIZE, offset); }
  }
  if (res.requiresDedicated == 1 && dedRes != res.id) { report(r.requiresDedicated, n, memSlot); ops(res, mem); }
  if (dedOther != 0) { report(r.wrongKind, n, memSlot); ops(res, mem); op(O_OBJECT, dedOther); }
  if (dedRes != 0 && (dedRes != res.id || offset != 0)) {
    if (!isImage) { report(r.dedicatedOther, n, memSlot); ops(res, mem); op(O_SIZE, offset); op(O_OBJECT, dedRes); }
    else if (dev == null || !dev.aliasingFeature) { report(r.dedicatedOther, n, memSlot); ops(res, mem); op(O_SIZE, offset); op(O_OBJECT, dedRes); }
    else {
      const orig = resources.has(dedRes) ? resources.get(dedRes) : null;
      if (offset != 0 || orig == null || !aliasCompatible(orig, res)) { report(r.aliasing, n, memSlot); ops(res, mem); op(O_SIZE, offset); op(O_OBJECT, dedRes); }
    }
  }
  if (mem.exportTypes != 0 && (mem.exportTypes & res.externalTypes) == 0) {
    report(r.exportTypes, n, memSlot); ops(res, mem); op(O_HANDLE_TYPES, mem.exportTypes); op(O_HANDLE_TYPES, res.externalTypes);
  }
  if (mem.importType != 0 && !bindsImportedType(res, mem.importType, mem.importedNV ? nvBitOf(mem.importType) : 0)) {
    report(r.importType, n, memSlot); ops(res, mem); op(O_HANDLE_TYPES, mem.importType); op(O_HANDLE_TYPES, res.externalTypes);
  }
}

/** dedicatedAllocationImageAliasing: same parameters, no dimension or layer count larger than the original. */
function aliasCompatible(orig: Resource, img: Resource): bool {
  return orig.flags == img.flags && orig.imageType == img.imageType && orig.format == img.format && orig.mipLevels == img.mipLevels
    && orig.samples == img.samples && orig.tiling == img.tiling && orig.usage == img.usage && orig.sharingMode == img.sharingMode
    && orig.externalTypes == img.externalTypes && img.width <= orig.width && img.height <= orig.height && img.depth <= orig.depth
    && img.arrayLayers <= orig.arrayLayers;
}

/** The VK_NV_external_memory_win32 bit for a KHR Win32 handle type (0 when there is none): the catalogue's counterpart. */
function nvBitOf(khr: i64): i64 {
  const t = handleTypes.khr(khr);
  return t == null ? 0 : t.counterpart;
}
