// vkAllocateMemory: the chain as a whole, export requests, dedicated allocations and host pointers.
// Import-specific rules live in allocate-import.ts. The dedicated-allocation and host-pointer rules are
// exported: the import's constraints (rules/import/) carry them, and this file reports the broken ones.
import * as registry from '../generated/registry';
import { defRule, defUndecidableRule } from '../core/catalogue';
import { report, undecidable, op } from '../core/findings';
import {
  O_HANDLE_TYPES, O_OBJECT, O_SIZE, O_INT, O_IMAGE_CREATE_FLAGS, O_BUFFER_CREATE_FLAGS, O_HEX, O_ENTRY,
  O_BOOL, SIZE_EXACT, SIZE_RESOURCE_REQUIREMENT, SIZE_UNKNOWN,
} from '../generated/contract';
import { get, child, recCall, recProcess } from '../core/record';
import { chained, chainedAt, chainedCount } from '../core/chain-index';
import { Device, Memory, Resource, PhysicalDevice, ORIGIN_VULKAN, ORIGIN_HOST, OS_FD } from '../state/objects';
import { memories, resources, resourceOrNull, newPayload, devices, dropFd, objectKinds, objectParents } from '../state/world';
import { checkImport, ImportFacts, deviceMaskOf, reportSizeAndType } from './allocate-import';
import { Constraints, DedicationPart, TargetConstraints, D_HOST, D_EXPORTER } from './import/constraints';
import { dedicationTarget, nvDedicationTarget } from './import/dedication';
import { exportSupport, compatibleWith, dedicatedOnlyTypes, SUPPORT_NO, SUPPORT_UNKNOWN } from './support';
import { succeeded } from './context';
import * as reasons from './reasons';

export const SIZE_ZERO_07897 = defRule('VUID-VkMemoryAllocateInfo-allocationSize-07897',
  'allocationSize is 0; an allocation that neither imports nor exports must have a size greater than 0.');
export const KHR_NV_EXPORT_00640 = defRule('VUID-VkMemoryAllocateInfo-pNext-00640',
  'the chain mixes VkExportMemoryAllocateInfo with {nvStructure}; the KHR and NV export structures cannot be combined.', 'nvStructure');
export const KHR_NV_IMPORT_00641 = defRule('VUID-VkMemoryAllocateInfo-pNext-00641',
  'the chain holds both VkImportMemoryWin32HandleInfoKHR and VkImportMemoryWin32HandleInfoNV; use one of them.');
export const W32_EXPORT_INFO_00657 = defRule('VUID-VkExportMemoryWin32HandleInfoKHR-handleTypes-00657',
  'VkExportMemoryWin32HandleInfoKHR is chained, but VkExportMemoryAllocateInfo::handleTypes ({handleTypes}) does not include OPAQUE_WIN32.', 'handleTypes');
export const EXPORT_SUPPORT_09860 = defRule('VUID-VkExportMemoryAllocateInfo-handleTypes-09860',
  'handleTypes {handleTypes}: handle type {handleType} was not reported exportable, or not compatible with the others ({compatibleTypes} are compatible), by this physical device\'s capability queries.', 'handleTypes handleType compatibleTypes');
export const DEDICATED_REQUIRED_00639 = defRule('VUID-VkMemoryAllocateInfo-pNext-00639',
  'this physical device\'s capability queries reported handle type {handleTypes} as DEDICATED_ONLY, so memory exporting it must be a dedicated allocation: the chain needs a VkMemoryDedicatedAllocateInfo (or the NV one) naming the image or buffer, and it has none.', 'handleTypes');
export const HOST_NV_DEDICATED_02805 = defRule('VUID-VkMemoryAllocateInfo-pNext-02805',
  'a host-pointer import cannot be an NV dedicated allocation, but VkDedicatedAllocationMemoryAllocateInfoNV names {resource}.', 'resource');
export const HOST_DEDICATED_02806 = defRule('VUID-VkMemoryAllocateInfo-pNext-02806',
  'a host-pointer import cannot be a dedicated allocation, but VkMemoryDedicatedAllocateInfo names {resource}.', 'resource');
export const HOST_CAPTURE_03332 = defRule('VUID-VkMemoryAllocateInfo-pNext-03332',
  'a host-pointer import must leave VkMemoryOpaqueCaptureAddressAllocateInfo::opaqueCaptureAddress at 0, not {opaqueCaptureAddress}.', 'opaqueCaptureAddress');
export const HOST_SIZE_01745 = defRule('VUID-VkMemoryAllocateInfo-allocationSize-01745',
  'allocationSize {allocationSize} is not a multiple of minImportedHostPointerAlignment ({alignment}).', 'allocationSize alignment');
export const HOST_TYPE_01744 = defRule('VUID-VkMemoryAllocateInfo-memoryTypeIndex-01744',
  'memoryTypeIndex {memoryTypeIndex} is not one of the types vkGetMemoryHostPointerPropertiesEXT reported for this pointer ({memoryTypeBits}).', 'memoryTypeIndex memoryTypeBits');
defUndecidableRule('VUID-VkImportMemoryHostPointerInfoEXT-handleType-01750',
  'Whether pHostPointer really points at allocationSize bytes of ordinary host memory is a property of the process\'s address space, which no trace or scenario records.');
defUndecidableRule('VUID-VkImportMemoryHostPointerInfoEXT-handleType-01751',
  'Whether pHostPointer points at allocationSize bytes of host-mapped foreign memory is a property of the process\'s address space, which no trace or scenario records.');
export const DED_BOTH_01432 = defRule('VUID-VkMemoryDedicatedAllocateInfo-image-01432',
  'VkMemoryDedicatedAllocateInfo names both image {image} and buffer {buffer}; a dedicated allocation is for one of them.', 'image buffer');
export const DED_IMG_SPARSE_01434 = defRule('VUID-VkMemoryDedicatedAllocateInfo-image-01434',
  'image {image} was created with sparse flags {sparseFlags}; sparse images cannot have a dedicated allocation.', 'image sparseFlags');
export const DED_BUF_SPARSE_01436 = defRule('VUID-VkMemoryDedicatedAllocateInfo-buffer-01436',
  'buffer {buffer} was created with sparse flags {sparseFlags}; sparse buffers cannot have a dedicated allocation.', 'buffer sparseFlags');
export const DED_DISJOINT_01797 = defRule('VUID-VkMemoryDedicatedAllocateInfo-image-01797',
  'image {image} was created with VK_IMAGE_CREATE_DISJOINT_BIT; disjoint images bind each plane separately and cannot have a dedicated allocation.', 'image');
export const DED_IMG_SIZE_02964 = defRule('VUID-VkMemoryDedicatedAllocateInfo-image-02964',
  'allocationSize {allocationSize} is smaller than image {image}\'s memory requirement of {requiredSize} bytes.', 'allocationSize image requiredSize');
export const DED_BUF_SIZE_02965 = defRule('VUID-VkMemoryDedicatedAllocateInfo-buffer-02965',
  'allocationSize {allocationSize} is smaller than buffer {buffer}\'s memory requirement of {requiredSize} bytes.', 'allocationSize buffer requiredSize');
export const DED_IMG_W32_01876 = defRule('VUID-VkMemoryDedicatedAllocateInfo-image-01876',
  'importing a Vulkan-made {handleType} payload dedicated to image {image}: the exported memory must also be dedicated to an identically created image (the exporting allocation was dedicated: {exporterDedicated}).', 'image exporterDedicated handleType');
export const DED_BUF_W32_01877 = defRule('VUID-VkMemoryDedicatedAllocateInfo-buffer-01877',
  'importing a Vulkan-made {handleType} payload dedicated to buffer {buffer}: the exported memory must also be dedicated to an identically created buffer (the exporting allocation was dedicated: {exporterDedicated}).', 'buffer exporterDedicated handleType');
export const DED_IMG_FD_01878 = defRule('VUID-VkMemoryDedicatedAllocateInfo-image-01878',
  'importing an OPAQUE_FD payload dedicated to image {image}: the exported memory must also be dedicated to an identically created image (the exporting allocation was dedicated: {exporterDedicated}).', 'image exporterDedicated');
export const DED_BUF_FD_01879 = defRule('VUID-VkMemoryDedicatedAllocateInfo-buffer-01879',
  'importing an OPAQUE_FD payload dedicated to buffer {buffer}: the exported memory must also be dedicated to an identically created buffer (the exporting allocation was dedicated: {exporterDedicated}).', 'buffer exporterDedicated');
export const NV_BOTH_00649 = defRule('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-image-00649',
  'VkDedicatedAllocationMemoryAllocateInfoNV names both image {image} and buffer {buffer}; name one of them.', 'image buffer');
export const NV_IMG_FLAG_00650 = defRule('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-image-00650',
  'image {image} was not created with VkDedicatedAllocationImageCreateInfoNV::dedicatedAllocation = VK_TRUE.', 'image');
export const NV_BUF_FLAG_00651 = defRule('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-buffer-00651',
  'buffer {buffer} was not created with VkDedicatedAllocationBufferCreateInfoNV::dedicatedAllocation = VK_TRUE.', 'buffer');
export const NV_IMG_SIZE_00652 = defRule('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-image-00652',
  'allocationSize {allocationSize} must equal image {image}\'s memory requirement of {requiredSize} bytes for an NV dedicated allocation.', 'allocationSize image requiredSize');
export const NV_BUF_SIZE_00653 = defRule('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-buffer-00653',
  'allocationSize {allocationSize} must equal buffer {buffer}\'s memory requirement of {requiredSize} bytes for an NV dedicated allocation.', 'allocationSize buffer requiredSize');
export const NV_IMG_IMPORT_00654 = defRule('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-image-00654',
  'importing into an NV dedicated allocation for image {image}: the imported memory must also be an NV dedicated allocation of an identical image (the exporting allocation was NV-dedicated: {exporterDedicated}).', 'image exporterDedicated');
export const NV_BUF_IMPORT_00655 = defRule('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-buffer-00655',
  'importing into an NV dedicated allocation for buffer {buffer}: the imported memory must also be an NV dedicated allocation of an identical buffer (the exporting allocation was NV-dedicated: {exporterDedicated}).', 'buffer exporterDedicated');

export const ONE_IMPORT_06657 = defRule('VUID-VkMemoryAllocateInfo-None-06657',
  'the chain defines {importCount} import operations ({handleTypes}); an allocation imports from at most one source.', 'importCount handleTypes');
export const TYPE_COUNT_01714 = defRule('VUID-vkAllocateMemory-pAllocateInfo-01714',
  'memoryTypeIndex {memoryTypeIndex} is not below the memoryTypeCount of {memoryTypeCount} that vkGetPhysicalDeviceMemoryProperties reported for this device.', 'memoryTypeIndex memoryTypeCount');
export const HEAP_SIZE_01713 = defRule('VUID-vkAllocateMemory-pAllocateInfo-01713',
  'allocationSize {allocationSize} is larger than heap {heap} ({heapSize} bytes), the heap memory type {memoryTypeIndex} lives in.', 'allocationSize heap heapSize memoryTypeIndex');

export function checkAllocate(dev: Device | null): ImportFacts {
  const ai = child(0, registry.M_vkAllocateMemory_pAllocateInfo);
  if (ai < 0) return new ImportFacts();
  const size = get(ai, registry.M_VkMemoryAllocateInfo_allocationSize);
  const exp = chained(ai, registry.S_VkExportMemoryAllocateInfo);
  const expNV = chained(ai, registry.S_VkExportMemoryAllocateInfoNV);
  const expW32 = chained(ai, registry.S_VkExportMemoryWin32HandleInfoKHR);
  const expW32NV = chained(ai, registry.S_VkExportMemoryWin32HandleInfoNV);
  const impW32 = chained(ai, registry.S_VkImportMemoryWin32HandleInfoKHR);
  const impW32NV = chained(ai, registry.S_VkImportMemoryWin32HandleInfoNV);
  const exportTypes = exp >= 0 ? get(exp, registry.M_VkExportMemoryAllocateInfo_handleTypes) : 0;

  if (exp >= 0 && (expNV >= 0 || expW32NV >= 0)) { report(KHR_NV_EXPORT_00640, ai, -1); op(O_ENTRY, expNV >= 0 ? registry.S_VkExportMemoryAllocateInfoNV : registry.S_VkExportMemoryWin32HandleInfoNV); }
  if (impW32 >= 0 && impW32NV >= 0) report(KHR_NV_IMPORT_00641, ai, -1);
  if (expW32 >= 0 && (exportTypes & registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT) == 0) { report(W32_EXPORT_INFO_00657, expW32, -1); op(O_HANDLE_TYPES, exportTypes); }

  const imp = checkImport(ai, dev);
  checkImportCount(ai);
  if (dev != null) checkTypeAndHeap(ai, dev.physical, size);
  const exporting = exportTypes != 0 || (expNV >= 0 && get(expNV, registry.M_VkExportMemoryAllocateInfoNV_handleTypes) != 0);
  if (!imp.isImport && !exporting && size == 0) report(SIZE_ZERO_07897, ai, registry.M_VkMemoryAllocateInfo_allocationSize);

  const ded = chained(ai, registry.S_VkMemoryDedicatedAllocateInfo);
  const dedNV = chained(ai, registry.S_VkDedicatedAllocationMemoryAllocateInfoNV);
  const dImage = ded >= 0 ? <i32>get(ded, registry.M_VkMemoryDedicatedAllocateInfo_image) : 0;
  const dBuffer = ded >= 0 ? <i32>get(ded, registry.M_VkMemoryDedicatedAllocateInfo_buffer) : 0;
  const nImage = dedNV >= 0 ? <i32>get(dedNV, registry.M_VkDedicatedAllocationMemoryAllocateInfoNV_image) : 0;
  const nBuffer = dedNV >= 0 ? <i32>get(dedNV, registry.M_VkDedicatedAllocationMemoryAllocateInfoNV_buffer) : 0;

  if (dev != null && exportTypes != 0) checkExportTypes(exp, exportTypes, dev, ai, dImage != 0 ? dImage : (dBuffer != 0 ? dBuffer : (nImage != 0 ? nImage : nBuffer)));
  checkDedicated(ai, ded, dImage, dBuffer, size, imp, dev);
  checkDedicatedNV(ai, dedNV, nImage, nBuffer, size, imp);

  const c = imp.constraints;
  if (imp.host && c != null) {
    hostNotDedicated(c.nvDedication, dedNV, nImage != 0 ? nImage : nBuffer);
    hostNotDedicated(c.dedication, ded, dImage != 0 ? dImage : dBuffer);
    const oca = chained(ai, registry.S_VkMemoryOpaqueCaptureAddressAllocateInfo);
    if (oca >= 0 && get(oca, registry.M_VkMemoryOpaqueCaptureAddressAllocateInfo_opaqueCaptureAddress) != 0) { report(HOST_CAPTURE_03332, oca, registry.M_VkMemoryOpaqueCaptureAddressAllocateInfo_opaqueCaptureAddress); op(O_HEX, get(oca, registry.M_VkMemoryOpaqueCaptureAddressAllocateInfo_opaqueCaptureAddress)); }
    reportSizeAndType(c, ai, size, get(ai, registry.M_VkMemoryAllocateInfo_memoryTypeIndex));
  }
  return imp;
}

/**
 * 06657: the spec defines an import operation as one of these structures with a nonzero handleType
 * (its list in VkMemoryAllocateInfo: Win32 KHR, fd, host pointer). NVIDIA's older Win32 import is not
 * in that list; the KHR and NV Win32 structures together are VUID-VkMemoryAllocateInfo-pNext-00641.
 * Every such structure counts: a chain holding the same import structure twice defines two (and also
 * breaks the implicit rule that a structure appears once).
 */
function checkImportCount(ai: i32): void {
  let n = 0;
  let kinds: i64 = 0;
  for (let k = 0; k < chainedCount(ai, registry.S_VkImportMemoryWin32HandleInfoKHR); k++) {
    const w = chainedAt(ai, registry.S_VkImportMemoryWin32HandleInfoKHR, k);
    if (get(w, registry.M_VkImportMemoryWin32HandleInfoKHR_handleType) != 0) { n++; kinds |= get(w, registry.M_VkImportMemoryWin32HandleInfoKHR_handleType); }
  }
  for (let k = 0; k < chainedCount(ai, registry.S_VkImportMemoryFdInfoKHR); k++) {
    const fd = chainedAt(ai, registry.S_VkImportMemoryFdInfoKHR, k);
    if (get(fd, registry.M_VkImportMemoryFdInfoKHR_handleType) != 0) { n++; kinds |= get(fd, registry.M_VkImportMemoryFdInfoKHR_handleType); }
  }
  for (let k = 0; k < chainedCount(ai, registry.S_VkImportMemoryHostPointerInfoEXT); k++) {
    const hp = chainedAt(ai, registry.S_VkImportMemoryHostPointerInfoEXT, k);
    if (get(hp, registry.M_VkImportMemoryHostPointerInfoEXT_handleType) != 0) { n++; kinds |= get(hp, registry.M_VkImportMemoryHostPointerInfoEXT_handleType); }
  }
  if (n > 1) { report(ONE_IMPORT_06657, ai, -1); op(O_INT, n); op(O_HANDLE_TYPES, kinds); }
}

/** 01714 and 01713: the memory type must exist, and the size must fit its heap, as the device reported them. */
function checkTypeAndHeap(ai: i32, pd: PhysicalDevice, size: i64): void {
  const index = get(ai, registry.M_VkMemoryAllocateInfo_memoryTypeIndex);
  if (pd.memoryTypeCount < 0) {
    undecidable(TYPE_COUNT_01714, reasons.R_MEMORY_PROPS_UNKNOWN, ai, registry.M_VkMemoryAllocateInfo_memoryTypeIndex);
    undecidable(HEAP_SIZE_01713, reasons.R_MEMORY_PROPS_UNKNOWN, ai, registry.M_VkMemoryAllocateInfo_allocationSize);
    return;
  }
  if (index < 0 || index >= pd.memoryTypeCount) { report(TYPE_COUNT_01714, ai, registry.M_VkMemoryAllocateInfo_memoryTypeIndex); op(O_INT, index); op(O_INT, pd.memoryTypeCount); return; }
  const heap = pd.memoryTypeHeap[<i32>index];
  if (heap < 0 || heap >= pd.memoryHeapCount) return; // the answer did not show this type's heap
  const heapSize = pd.memoryHeapSize[heap];
  if (heapSize >= 0 && size > heapSize) { report(HEAP_SIZE_01713, ai, registry.M_VkMemoryAllocateInfo_allocationSize); op(O_SIZE, size); op(O_INT, heap); op(O_SIZE, heapSize); op(O_INT, index); }
}

/**
 * 09860: each exported type must be exportable, and compatible with the others by its own answer's
 * compatibleHandleTypes. Memory dedicated to an image or buffer is judged by the answer for that
 * resource's parameters; other memory by what any answer for the type granted.
 */
function checkExportTypes(exp: i32, types: i64, dev: Device, ai: i32, dedicatedTo: i32): void {
  const r = dedicatedTo != 0 ? resourceOrNull(dedicatedTo) : null;
  for (let bit: i64 = 1; bit != 0 && bit <= types; bit <<= 1) {
    if ((types & bit) == 0) continue;
    const s = exportSupport(dev.physical, bit, r);
    if (s == SUPPORT_UNKNOWN) {
      if (r != null) { undecidable(EXPORT_SUPPORT_09860, reasons.R_NO_RESOURCE_QUERY, exp, registry.M_VkExportMemoryAllocateInfo_handleTypes); op(O_HANDLE_TYPES, bit); op(O_OBJECT, r.id); }
      else { undecidable(EXPORT_SUPPORT_09860, reasons.R_NO_EXPORT_QUERY, exp, registry.M_VkExportMemoryAllocateInfo_handleTypes); op(O_HANDLE_TYPES, bit); }
      continue;
    }
    // The type itself always counts as compatible: an answer that leaves it out is the driver's fault.
    const compat = compatibleWith(dev.physical, bit, r) | bit;
    if (s == SUPPORT_NO || (types & ~compat) != 0) { report(EXPORT_SUPPORT_09860, exp, registry.M_VkExportMemoryAllocateInfo_handleTypes); op(O_HANDLE_TYPES, types); op(O_HANDLE_TYPES, bit); op(O_HANDLE_TYPES, compat); return; }
  }
  // 00639: a type the queries called DEDICATED_ONLY needs a dedicated allocation.
  if (dedicatedTo == 0) {
    const only = dedicatedOnlyTypes(dev.physical);
    if ((types & only) != 0) { report(DEDICATED_REQUIRED_00639, ai, -1); op(O_HANDLE_TYPES, types & only); }
  }
}


/** 02806 / 02805: a host-pointer import names no resource in either dedicated structure. */
function hostNotDedicated(parts: DedicationPart[], node: i32, named: i32): void {
  if (node < 0 || named == 0) return;
  for (let i = 0; i < parts.length; i++) if (parts[i].basis == D_HOST) { report(parts[i].rule, node, -1); op(O_OBJECT, named); }
}

/** VkMemoryDedicatedAllocateInfo: what the named resource must allow (any allocation), then the import's parts. */
function checkDedicated(ai: i32, ded: i32, image: i32, buffer: i32, size: i64, imp: ImportFacts, dev: Device | null): void {
  if (ded < 0) return;
  if (image != 0 && buffer != 0) { report(DED_BOTH_01432, ded, -1); op(O_OBJECT, image); op(O_OBJECT, buffer); }
  const img = resourceOrNull(image);
  if (img != null) dedicatedTo(dedicationTarget(dev, img), ai, ded, registry.M_VkMemoryDedicatedAllocateInfo_image, size);
  const buf = resourceOrNull(buffer);
  if (buf != null) dedicatedTo(dedicationTarget(dev, buf), ai, ded, registry.M_VkMemoryDedicatedAllocateInfo_buffer, size);
  // Imports of Vulkan-made payloads into a dedicated allocation must match the exporter's dedication.
  const c = imp.constraints;
  if (c == null) return;
  exporterDedication(c, c.dedication, ded, img, registry.M_VkMemoryDedicatedAllocateInfo_image);
  exporterDedication(c, c.dedication, ded, buf, registry.M_VkMemoryDedicatedAllocateInfo_buffer);
}

function dedicatedTo(k: TargetConstraints, ai: i32, ded: i32, slot: i32, size: i64): void {
  const r = k.resource;
  if (k.sparse.broken()) { report(k.sparse.rule, ded, slot); op(O_OBJECT, r.id); op(r.isImage ? O_IMAGE_CREATE_FLAGS : O_BUFFER_CREATE_FLAGS, k.sparse.a); }
  if (k.disjoint.broken()) { report(k.disjoint.rule, ded, slot); op(O_OBJECT, r.id); }
  const s = k.size;
  if (s.mode == SIZE_RESOURCE_REQUIREMENT && size < s.value) { report(s.rule, ai, registry.M_VkMemoryAllocateInfo_allocationSize); op(O_SIZE, size); op(O_OBJECT, r.id); op(O_SIZE, s.value); }
}

/** 01876-01879, 00654 / 00655: the named resource must be created like the one the exporter dedicated its memory to. */
function exporterDedication(c: Constraints, parts: DedicationPart[], ded: i32, r: Resource | null, slot: i32): void {
  if (r == null) return;
  for (let i = 0; i < parts.length; i++) {
    const d = parts[i];
    if (d.basis != D_EXPORTER || !d.refuses(r)) continue;
    const rule = d.ruleFor(r);
    report(rule, ded, slot); op(O_OBJECT, r.id);
    op(O_BOOL, (r.isImage ? d.imageFp : d.bufferFp) == 0 ? 0 : 1);
    if (rule == DED_IMG_W32_01876 || rule == DED_BUF_W32_01877) op(O_HANDLE_TYPES, c.req.t);
  }
}

function checkDedicatedNV(ai: i32, ded: i32, image: i32, buffer: i32, size: i64, imp: ImportFacts): void {
  if (ded < 0) return;
  if (image != 0 && buffer != 0) { report(NV_BOTH_00649, ded, -1); op(O_OBJECT, image); op(O_OBJECT, buffer); }
  const img = resourceOrNull(image);
  if (img != null) nvDedicatedTo(nvDedicationTarget(img), ai, ded, registry.M_VkDedicatedAllocationMemoryAllocateInfoNV_image, size);
  const buf = resourceOrNull(buffer);
  if (buf != null) nvDedicatedTo(nvDedicationTarget(buf), ai, ded, registry.M_VkDedicatedAllocationMemoryAllocateInfoNV_buffer, size);
  const c = imp.constraints;
  if (c == null) return;
  exporterDedication(c, c.nvDedication, ded, img, registry.M_VkDedicatedAllocationMemoryAllocateInfoNV_image);
  exporterDedication(c, c.nvDedication, ded, buf, registry.M_VkDedicatedAllocationMemoryAllocateInfoNV_buffer);
}

function nvDedicatedTo(k: TargetConstraints, ai: i32, ded: i32, slot: i32, size: i64): void {
  const r = k.resource;
  if (k.nvFlag.broken()) { report(k.nvFlag.rule, ded, slot); op(O_OBJECT, r.id); }
  const s = k.size;
  const sizeSlot = registry.M_VkMemoryAllocateInfo_allocationSize;
  if (s.mode == SIZE_EXACT && size != s.value) { report(s.rule, ai, sizeSlot); op(O_SIZE, size); op(O_OBJECT, r.id); op(O_SIZE, s.value); }
  else if (s.mode == SIZE_UNKNOWN && s.undecidedReason >= 0) { undecidable(s.rule, s.undecidedReason, ai, sizeSlot); op(O_OBJECT, r.id); }
}

/** Records the new memory object: its payload is new, or the imported one. */
export function applyAllocate(result: i64, imp: ImportFacts): void {
  if (!succeeded(result)) return;
  const id = <i32>get(0, registry.M_vkAllocateMemory_pMemory);
  const ai = child(0, registry.M_vkAllocateMemory_pAllocateInfo);
  if (id == 0 || ai < 0) return;
  const deviceId = <i32>get(0, 0);
  const size = get(ai, registry.M_VkMemoryAllocateInfo_allocationSize);
  const typeIndex = get(ai, registry.M_VkMemoryAllocateInfo_memoryTypeIndex);
  const src = imp.payload();
  const payload = src != null ? src : newPayload();
  if (src == null) {
    payload.origin = imp.host ? ORIGIN_HOST : (imp.isImport ? payload.origin : ORIGIN_VULKAN);
    payload.size = size; payload.memoryTypeIndex = typeIndex;
    if (devices.has(deviceId)) { const d = devices.get(deviceId); payload.physical = d.physical; payload.groupSize = d.groupSize; }
    payload.deviceMask = deviceMaskOf(ai, payload.groupSize);
  }
  const m = new Memory(id, deviceId, size, typeIndex, payload);
  const exp = chained(ai, registry.S_VkExportMemoryAllocateInfo);
  if (exp >= 0) m.exportTypes = get(exp, registry.M_VkExportMemoryAllocateInfo_handleTypes);
  const expNV = chained(ai, registry.S_VkExportMemoryAllocateInfoNV);
  if (expNV >= 0) m.exportTypesNV = get(expNV, registry.M_VkExportMemoryAllocateInfoNV_handleTypes);
  const ded = chained(ai, registry.S_VkMemoryDedicatedAllocateInfo);
  if (ded >= 0) { m.dedicatedImage = <i32>get(ded, registry.M_VkMemoryDedicatedAllocateInfo_image); m.dedicatedBuffer = <i32>get(ded, registry.M_VkMemoryDedicatedAllocateInfo_buffer); }
  const dedNV = chained(ai, registry.S_VkDedicatedAllocationMemoryAllocateInfoNV);
  if (dedNV >= 0) { m.nvDedicatedImage = <i32>get(dedNV, registry.M_VkDedicatedAllocationMemoryAllocateInfoNV_image); m.nvDedicatedBuffer = <i32>get(dedNV, registry.M_VkDedicatedAllocationMemoryAllocateInfoNV_buffer); }
  if (src == null) {
    const di = resourceOrNull(m.dedicatedImage); if (di != null) payload.dedicatedImage = di.fingerprint();
    const db = resourceOrNull(m.dedicatedBuffer); if (db != null) payload.dedicatedBuffer = db.fingerprint();
    const ni = resourceOrNull(m.nvDedicatedImage); if (ni != null) payload.nvDedicatedImage = ni.fingerprint();
    const nb = resourceOrNull(m.nvDedicatedBuffer); if (nb != null) payload.nvDedicatedBuffer = nb.fingerprint();
  }
  if (imp.isImport) { m.importType = imp.handleType; m.importedNV = imp.nv; }
  const ew = chained(ai, registry.S_VkExportMemoryWin32HandleInfoKHR);
  if (ew >= 0) m.exportName = <i32>get(ew, registry.M_VkExportMemoryWin32HandleInfoKHR_name);
  if (memories.has(id)) memories.get(id).payload.unref(recCall());
  memories.set(id, m);
  payload.ref();
}

/** A successful fd import hands the fd to the driver: the application no longer owns it. */
export function handOverImportedFd(result: i64, imp: ImportFacts): void {
  const src = imp.source;
  if (src == null || !succeeded(result)) return;
  const h = src.handle;
  if (h == null || h.kind != OS_FD) return;
  const fdNode = chained(child(0, registry.M_vkAllocateMemory_pAllocateInfo), registry.S_VkImportMemoryFdInfoKHR);
  if (fdNode >= 0) dropFd(recProcess(), get(fdNode, registry.M_VkImportMemoryFdInfoKHR_fd), recCall(), true);
}

/** vkFreeMemory: the memory object is gone; its payload loses a reference. */
export function applyFreeMemory(): void {
  const id = <i32>get(0, registry.M_vkFreeMemory_memory);
  if (memories.has(id)) memories.get(id).payload.unref(recCall());
  memories.delete(id); objectKinds.delete(id); objectParents.delete(id);
}
