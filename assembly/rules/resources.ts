// Buffers and images: the external-memory rules of their create infos, and what they remember.
import * as registry from '../generated/registry';
import { defRule } from '../core/catalogue';
import { report, undecidable, op } from '../core/findings';
import { O_HANDLE_TYPES, O_HANDLE_TYPES_NV, O_BUFFER_CREATE_FLAGS, O_INT } from '../generated/contract';
import { get, child } from '../core/record';
import { chained } from '../core/chain-index';
import { resources, devices, objectKinds, objectParents } from '../state/world';
import { Resource } from '../state/objects';
import { bufferKey, imageKey } from './keys';
import { succeeded } from './context';
import * as reasons from './reasons';

const BUF_COMPAT_00920 = defRule('VUID-VkBufferCreateInfo-pNext-00920',
  'VkExternalMemoryBufferCreateInfo::handleTypes is {handleTypes}, but vkGetPhysicalDeviceExternalBufferProperties reported only {compatibleTypes} as compatible for handle type {handleType} with this usage and flags.', 'handleTypes compatibleTypes handleType');
const BUF_NV_SPARSE_01571 = defRule('VUID-VkBufferCreateInfo-pNext-01571',
  'the buffer asks for an NV dedicated allocation (VkDedicatedAllocationBufferCreateInfoNV::dedicatedAllocation = VK_TRUE) and also sets sparse flags {sparseFlags}; the two cannot be combined.', 'sparseFlags');
const IMG_BOTH_00988 = defRule('VUID-VkImageCreateInfo-pNext-00988',
  'the chain holds both VkExternalMemoryImageCreateInfo and VkExternalMemoryImageCreateInfoNV; use one of them.');
const IMG_COMPAT_00990 = defRule('VUID-VkImageCreateInfo-pNext-00990',
  'VkExternalMemoryImageCreateInfo::handleTypes is {handleTypes}, but vkGetPhysicalDeviceImageFormatProperties2 reported only {compatibleTypes} as compatible for handle type {handleType} with these image parameters.', 'handleTypes compatibleTypes handleType');
const IMG_NV_COMPAT_00991 = defRule('VUID-VkImageCreateInfo-pNext-00991',
  'VkExternalMemoryImageCreateInfoNV::handleTypes is {handleTypes}, but vkGetPhysicalDeviceExternalImageFormatPropertiesNV reported only {compatibleTypes} as compatible for these image parameters.', 'handleTypes compatibleTypes');
const IMG_LAYOUT_01443 = defRule('VUID-VkImageCreateInfo-pNext-01443',
  'the image may be bound to external memory (handle types {handleTypes}), so initialLayout must be VK_IMAGE_LAYOUT_UNDEFINED, not {initialLayout}.', 'handleTypes initialLayout');
const IMG_MESA_09654 = defRule('VUID-VkImageCreateInfo-pNext-09654',
  'the chain holds both VkImageAlignmentControlCreateInfoMESA and VkExternalMemoryImageCreateInfo; an external image cannot ask for a custom alignment.');

const SPARSE_BUFFER: i64 = 0x7; // SPARSE_BINDING | SPARSE_RESIDENCY | SPARSE_ALIASED

export function checkCreate(cmd: i32): void {
  if (cmd == registry.C_vkCreateBuffer) checkBuffer(child(0, registry.M_vkCreateBuffer_pCreateInfo), <i32>get(0, 0));
  else if (cmd == registry.C_vkCreateImage) checkImage(child(0, registry.M_vkCreateImage_pCreateInfo), <i32>get(0, 0));
}

function checkBuffer(ci: i32, deviceId: i32): void {
  if (ci < 0) return;
  const flags = get(ci, registry.M_VkBufferCreateInfo_flags);
  let usage = get(ci, registry.M_VkBufferCreateInfo_usage);
  const u2 = chained(ci, registry.S_VkBufferUsageFlags2CreateInfo);
  if (u2 >= 0) usage = get(u2, registry.M_VkBufferUsageFlags2CreateInfo_usage);
  const ext = chained(ci, registry.S_VkExternalMemoryBufferCreateInfo);
  const nv = chained(ci, registry.S_VkDedicatedAllocationBufferCreateInfoNV);
  if (nv >= 0 && get(nv, registry.M_VkDedicatedAllocationBufferCreateInfoNV_dedicatedAllocation) != 0 && (flags & SPARSE_BUFFER) != 0) {
    report(BUF_NV_SPARSE_01571, ci, registry.M_VkBufferCreateInfo_flags); op(O_BUFFER_CREATE_FLAGS, flags & SPARSE_BUFFER);
  }
  if (ext < 0 || !devices.has(deviceId)) return;
  const types = get(ext, registry.M_VkExternalMemoryBufferCreateInfo_handleTypes);
  const pd = devices.get(deviceId).physical;
  for (let bit: i64 = 1; bit != 0 && bit <= types; bit <<= 1) {
    if ((types & bit) == 0) continue;
    const key = bufferKey(bit, usage, flags);
    if (!pd.bufferAnswers.has(key)) { undecidable(BUF_COMPAT_00920, reasons.R_NO_BUFFER_QUERY, ext, registry.M_VkExternalMemoryBufferCreateInfo_handleTypes); op(O_HANDLE_TYPES, bit); continue; }
    const compat = pd.bufferAnswers.get(key).compatible;
    if ((types & ~compat) != 0) { report(BUF_COMPAT_00920, ext, registry.M_VkExternalMemoryBufferCreateInfo_handleTypes); op(O_HANDLE_TYPES, types); op(O_HANDLE_TYPES, compat); op(O_HANDLE_TYPES, bit); }
  }
}

function checkImage(ci: i32, deviceId: i32): void {
  if (ci < 0) return;
  const ext = chained(ci, registry.S_VkExternalMemoryImageCreateInfo);
  const nv = chained(ci, registry.S_VkExternalMemoryImageCreateInfoNV);
  if (ext >= 0 && nv >= 0) report(IMG_BOTH_00988, ci, -1);
  if (ext >= 0 && chained(ci, registry.S_VkImageAlignmentControlCreateInfoMESA) >= 0) report(IMG_MESA_09654, ci, -1);
  const types = ext >= 0 ? get(ext, registry.M_VkExternalMemoryImageCreateInfo_handleTypes) : 0;
  const typesNV = nv >= 0 ? get(nv, registry.M_VkExternalMemoryImageCreateInfoNV_handleTypes) : 0;
  const layout = get(ci, registry.M_VkImageCreateInfo_initialLayout);
  if ((types != 0 || typesNV != 0) && layout != registry.VK_IMAGE_LAYOUT_UNDEFINED) {
    report(IMG_LAYOUT_01443, ci, registry.M_VkImageCreateInfo_initialLayout);
    if (types != 0) op(O_HANDLE_TYPES, types); else op(O_HANDLE_TYPES_NV, typesNV);
    op(O_INT, layout);
  }
  if (!devices.has(deviceId)) return;
  const pd = devices.get(deviceId).physical;
  const format = get(ci, registry.M_VkImageCreateInfo_format), type = get(ci, registry.M_VkImageCreateInfo_imageType);
  const tiling = get(ci, registry.M_VkImageCreateInfo_tiling), usage = get(ci, registry.M_VkImageCreateInfo_usage), flags = get(ci, registry.M_VkImageCreateInfo_flags);
  for (let bit: i64 = 1; bit != 0 && bit <= types; bit <<= 1) {
    if ((types & bit) == 0) continue;
    const key = imageKey(bit, format, type, tiling, usage, flags);
    if (!pd.imageAnswers.has(key)) { undecidable(IMG_COMPAT_00990, reasons.R_NO_IMAGE_QUERY, ext, registry.M_VkExternalMemoryImageCreateInfo_handleTypes); op(O_HANDLE_TYPES, bit); continue; }
    const compat = pd.imageAnswers.get(key).compatible;
    if ((types & ~compat) != 0) { report(IMG_COMPAT_00990, ext, registry.M_VkExternalMemoryImageCreateInfo_handleTypes); op(O_HANDLE_TYPES, types); op(O_HANDLE_TYPES, compat); op(O_HANDLE_TYPES, bit); }
  }
  for (let bit: i64 = 1; bit != 0 && bit <= typesNV; bit <<= 1) {
    if ((typesNV & bit) == 0) continue;
    const key = imageKey(bit, format, type, tiling, usage, flags);
    if (!pd.nvImageAnswers.has(key)) { undecidable(IMG_NV_COMPAT_00991, reasons.R_NO_NV_QUERY, nv, registry.M_VkExternalMemoryImageCreateInfoNV_handleTypes); continue; }
    const compat = pd.nvImageAnswers.get(key).compatible;
    if ((typesNV & ~compat) != 0) { report(IMG_NV_COMPAT_00991, nv, registry.M_VkExternalMemoryImageCreateInfoNV_handleTypes); op(O_HANDLE_TYPES_NV, typesNV); op(O_HANDLE_TYPES_NV, compat); return; }
  }
}

export function applyResources(cmd: i32, result: i64): void {
  if (cmd == registry.C_vkCreateBuffer || cmd == registry.C_vkCreateImage) {
    if (!succeeded(result)) return;
    const isImage = cmd == registry.C_vkCreateImage;
    const id = <i32>get(0, isImage ? registry.M_vkCreateImage_pImage : registry.M_vkCreateBuffer_pBuffer);
    if (id == 0) return;
    const r = new Resource(id, <i32>get(0, 0), isImage);
    const ci = child(0, 1);
    if (isImage) {
      r.flags = get(ci, registry.M_VkImageCreateInfo_flags); r.usage = get(ci, registry.M_VkImageCreateInfo_usage);
      r.imageType = get(ci, registry.M_VkImageCreateInfo_imageType); r.format = get(ci, registry.M_VkImageCreateInfo_format);
      const ext3 = child(ci, registry.M_VkImageCreateInfo_extent);
      r.width = get(ext3, registry.M_VkExtent3D_width); r.height = get(ext3, registry.M_VkExtent3D_height); r.depth = get(ext3, registry.M_VkExtent3D_depth);
      r.mipLevels = get(ci, registry.M_VkImageCreateInfo_mipLevels); r.arrayLayers = get(ci, registry.M_VkImageCreateInfo_arrayLayers);
      r.samples = get(ci, registry.M_VkImageCreateInfo_samples); r.tiling = get(ci, registry.M_VkImageCreateInfo_tiling);
      r.sharingMode = get(ci, registry.M_VkImageCreateInfo_sharingMode); r.initialLayout = get(ci, registry.M_VkImageCreateInfo_initialLayout);
      const ext = chained(ci, registry.S_VkExternalMemoryImageCreateInfo);
      if (ext >= 0) { r.hasExternalInfo = true; r.externalTypes = get(ext, registry.M_VkExternalMemoryImageCreateInfo_handleTypes); }
      const nv = chained(ci, registry.S_VkExternalMemoryImageCreateInfoNV);
      if (nv >= 0) { r.hasExternalInfoNV = true; r.externalTypesNV = get(nv, registry.M_VkExternalMemoryImageCreateInfoNV_handleTypes); }
      const ded = chained(ci, registry.S_VkDedicatedAllocationImageCreateInfoNV);
      r.nvDedicated = ded >= 0 && get(ded, registry.M_VkDedicatedAllocationImageCreateInfoNV_dedicatedAllocation) != 0;
    } else {
      r.flags = get(ci, registry.M_VkBufferCreateInfo_flags); r.usage = get(ci, registry.M_VkBufferCreateInfo_usage);
      r.size = get(ci, registry.M_VkBufferCreateInfo_size); r.sharingMode = get(ci, registry.M_VkBufferCreateInfo_sharingMode);
      const u2 = chained(ci, registry.S_VkBufferUsageFlags2CreateInfo);
      if (u2 >= 0) r.usage = get(u2, registry.M_VkBufferUsageFlags2CreateInfo_usage);
      const ext = chained(ci, registry.S_VkExternalMemoryBufferCreateInfo);
      if (ext >= 0) { r.hasExternalInfo = true; r.externalTypes = get(ext, registry.M_VkExternalMemoryBufferCreateInfo_handleTypes); }
      const ded = chained(ci, registry.S_VkDedicatedAllocationBufferCreateInfoNV);
      r.nvDedicated = ded >= 0 && get(ded, registry.M_VkDedicatedAllocationBufferCreateInfoNV_dedicatedAllocation) != 0;
    }
    resources.set(id, r);
  } else if (cmd == registry.C_vkDestroyBuffer || cmd == registry.C_vkDestroyImage) {
    const id = <i32>get(0, 1);
    resources.delete(id); objectKinds.delete(id); objectParents.delete(id);
  } else if (cmd == registry.C_vkGetBufferMemoryRequirements || cmd == registry.C_vkGetImageMemoryRequirements) {
    const r = resources.has(<i32>get(0, 1)) ? resources.get(<i32>get(0, 1)) : null;
    const req = child(0, 2);
    if (r != null && req >= 0) { r.reqSize = get(req, registry.M_VkMemoryRequirements_size); r.reqBits = get(req, registry.M_VkMemoryRequirements_memoryTypeBits); }
  } else if (cmd == registry.C_vkGetBufferMemoryRequirements2 || cmd == registry.C_vkGetImageMemoryRequirements2) {
    const info = child(0, 1);
    const id = <i32>get(info, 0);
    const r = resources.has(id) ? resources.get(id) : null;
    const req2 = child(0, 2);
    const req = child(req2, registry.M_VkMemoryRequirements2_memoryRequirements);
    if (r == null || req < 0) return;
    r.reqSize = get(req, registry.M_VkMemoryRequirements_size); r.reqBits = get(req, registry.M_VkMemoryRequirements_memoryTypeBits);
    const ded = chained(req2, registry.S_VkMemoryDedicatedRequirements);
    if (ded >= 0) {
      r.requiresDedicated = <i8>(get(ded, registry.M_VkMemoryDedicatedRequirements_requiresDedicatedAllocation) != 0 ? 1 : 0);
      r.prefersDedicated = <i8>(get(ded, registry.M_VkMemoryDedicatedRequirements_prefersDedicatedAllocation) != 0 ? 1 : 0);
    }
  }
}
