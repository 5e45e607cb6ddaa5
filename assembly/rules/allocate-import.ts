// vkAllocateMemory as an import: which handle, of which type, from which device, and the size and
// memory type the import must use.
import * as registry from '../generated/registry';
import { defRule } from '../core/catalogue';
import { report, undecidable, op } from '../core/findings';
import {
  O_HANDLE_TYPES, O_HANDLE_TYPES_NV, O_OSHANDLE, O_STRING, O_FD, O_SIZE, O_INT, O_BITS, O_HEX, O_CALL,
} from '../generated/contract';
import { get, recProcess } from '../core/record';
import { chained } from '../core/chain-index';
import { Device, Payload, Resource, ORIGIN_D3D12_HEAP, ORIGIN_UNKNOWN, ORIGIN_HOST } from '../state/objects';
import { handlePropertyAnswers, propertyKey, resourceOrNull, closedWorld } from '../state/world';
import * as handleTypes from '../catalogue/handle-types';
import { reportGone, FAMILY_W32, FAMILY_NV, FAMILY_FD } from './lifecycle';
import { ImportSource, win32Source, nameSource, fdSource, SRC_FOUND, SRC_WRONG_TYPE, SRC_INVALID, SRC_UNSEEN } from './import-source';
import * as reasons from './reasons';
import { importSupport, SUPPORT_UNKNOWN, SUPPORT_NO } from './support';

const W32_TYPE_00660 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00660',
  'handleType is {handleType}; a Win32 import takes an NT handle type (OPAQUE_WIN32, D3D11_TEXTURE, D3D12_HEAP, D3D12_RESOURCE) or a global share type (OPAQUE_WIN32_KMT, D3D11_TEXTURE_KMT).', 'handleType');
const W32_BOTH_01441 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-handle-01441',
  'both handle ({handle}) and name ({name}) are set; import either by handle or by name, not both.', 'handle name');
const W32_NAME_TYPE_01439 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01439',
  'name is {name}, but handle type {handleType} cannot be imported by name; only OPAQUE_WIN32, D3D11_TEXTURE, D3D12_HEAP and D3D12_RESOURCE can.', 'name handleType');
const W32_HANDLE_00661 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661',
  'handle {handle} is not a valid {handleType} handle here; the handle type it carries: {carriedType}.', 'handle handleType carriedType');
const W32_NAME_01440 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01440',
  'name {name} does not name a payload of type {handleType}; the handle type of what it names: {namedType}.', 'name handleType namedType');
const W32_SAME_DEVICE_00659 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-handle-00659',
  'the payload was created on a different physical device ({payloadDevice}) than the importing device\'s ({importingDevice}).', 'payloadDevice importingDevice');
const W32_COMPAT_01518 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-handle-01518',
  'handle type {handleType} requires matching driverUUID and deviceUUID, but the exporting and importing devices differ.', 'handleType');
const W32_NAME_COMPAT_01519 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-name-01519',
  'handle type {handleType} requires matching driverUUID and deviceUUID, but the device that made the named payload and the importing device differ.', 'handleType');
const W32_SUPPORT_09861 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-09861',
  'handle type {handleType} was never reported importable (VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT) by the capability queries of this physical device.', 'handleType');
const NV_ONE_BIT_01327 = defRule('VUID-VkImportMemoryWin32HandleInfoNV-handleType-01327',
  'handleType is {handleTypes}; an NV import names exactly one handle type.', 'handleTypes');
const NV_HANDLE_01328 = defRule('VUID-VkImportMemoryWin32HandleInfoNV-handle-01328',
  'handle {handle} was not obtained as {handleType} describes: it carries {carriedType}.', 'handle handleType carriedType');
const FD_TYPE_00669 = defRule('VUID-VkImportMemoryFdInfoKHR-handleType-00669',
  'handleType is {handleType}; an fd import takes OPAQUE_FD or DMA_BUF.', 'handleType');
const FD_VALID_00670 = defRule('VUID-VkImportMemoryFdInfoKHR-handleType-00670',
  'fd {fd} is not a valid {handleType} file descriptor here; the handle type it carries: {carriedType}.', 'fd handleType carriedType');
const FD_SAME_DEVICE_00668 = defRule('VUID-VkImportMemoryFdInfoKHR-fd-00668',
  'the fd\'s payload was created on a different physical device ({payloadDevice}) than the importing device\'s ({importingDevice}).', 'payloadDevice importingDevice');
const FD_COMPAT_01520 = defRule('VUID-VkImportMemoryFdInfoKHR-fd-01520',
  'handle type {handleType} requires matching driverUUID and deviceUUID, but the exporting and importing devices differ.', 'handleType');
const FD_COMPAT_01746 = defRule('VUID-VkImportMemoryFdInfoKHR-fd-01746',
  'the fd\'s payload comes from a physical device/driver pair that is not compatible with the importing device for handle type {handleType}.', 'handleType');
const FD_SUPPORT_09862 = defRule('VUID-VkImportMemoryFdInfoKHR-handleType-09862',
  'handle type {handleType} was never reported importable (VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT) by the capability queries of this physical device.', 'handleType');
const HOST_TYPE_01748 = defRule('VUID-VkImportMemoryHostPointerInfoEXT-handleType-01748',
  'handleType is {handleType}; a host-pointer import takes HOST_ALLOCATION or HOST_MAPPED_FOREIGN_MEMORY.', 'handleType');
const HOST_SUPPORT_01747 = defRule('VUID-VkImportMemoryHostPointerInfoEXT-handleType-01747',
  'handle type {handleType} was never reported importable (VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT) by the capability queries of this physical device.', 'handleType');
const HOST_ALIGN_01749 = defRule('VUID-VkImportMemoryHostPointerInfoEXT-pHostPointer-01749',
  'pHostPointer {hostPointer} is not a multiple of minImportedHostPointerAlignment ({alignment}); it is {misalignment} bytes past the previous boundary.', 'hostPointer alignment misalignment');
export const HOST_MEMORY_01750 = 0; // registered in allocate-host.ts
const SIZE_FD_01742 = defRule('VUID-VkMemoryAllocateInfo-allocationSize-01742',
  'importing an OPAQUE_FD payload made by Vulkan: allocationSize {allocationSize} and memoryTypeIndex {memoryTypeIndex} must equal the exporting allocation\'s {exportSize} and {exportTypeIndex} (call {exportCall}).', 'allocationSize memoryTypeIndex exportSize exportTypeIndex exportCall');
const SIZE_W32_01743 = defRule('VUID-VkMemoryAllocateInfo-allocationSize-01743',
  'importing a {handleType} payload made by Vulkan: allocationSize {allocationSize} and memoryTypeIndex {memoryTypeIndex} must equal the exporting allocation\'s {exportSize} and {exportTypeIndex} (call {exportCall}).', 'allocationSize memoryTypeIndex exportSize exportTypeIndex exportCall handleType');
const SIZE_HEAP_00647 = defRule('VUID-VkMemoryAllocateInfo-allocationSize-00647',
  'importing a D3D12 heap: allocationSize {allocationSize} must equal the heap\'s size, {heapSize} bytes.', 'allocationSize heapSize');
const TYPE_W32_00645 = defRule('VUID-VkMemoryAllocateInfo-memoryTypeIndex-00645',
  'memoryTypeIndex {memoryTypeIndex} is not one of the types vkGetMemoryWin32HandlePropertiesKHR reported for this handle ({memoryTypeBits}).', 'memoryTypeIndex memoryTypeBits');
const TYPE_FD_00648 = defRule('VUID-VkMemoryAllocateInfo-memoryTypeIndex-00648',
  'memoryTypeIndex {memoryTypeIndex} is not one of the types vkGetMemoryFdPropertiesKHR reported for this fd ({memoryTypeBits}).', 'memoryTypeIndex memoryTypeBits');
const GROUP_MASK_00643 = defRule('VUID-VkMemoryAllocateInfo-None-00643',
  'the device mask {deviceMask} differs from the mask {payloadMask} the imported payload was allocated with.', 'deviceMask payloadMask');
const GROUP_DEVICES_00644 = defRule('VUID-VkMemoryAllocateInfo-None-00644',
  'the importing device spans {deviceCount} physical devices, but the payload was allocated on a device spanning {payloadDeviceCount}.', 'deviceCount payloadDeviceCount');
const CAPTURE_03333 = defRule('VUID-VkMemoryAllocateInfo-opaqueCaptureAddress-03333',
  'this is an import, so VkMemoryOpaqueCaptureAddressAllocateInfo::opaqueCaptureAddress must be 0, not {opaqueCaptureAddress}.', 'opaqueCaptureAddress');

/** What an import resolved to: the caller uses it for the dedicated rules and to apply the call. */
export class ImportFacts {
  isImport: bool = false;
  handleType: i64 = 0; // KHR bit (NV imports are mapped to their KHR counterpart)
  nv: bool = false;
  host: bool = false;
  hostAddress: i64 = 0;
  source: ImportSource | null = null;
  payload(): Payload | null { const s = this.source; return s == null ? null : s.payload(); }
}

export function checkImport(ai: i32, dev: Device | null): ImportFacts {
  const f = new ImportFacts();
  const process = recProcess();
  const size = get(ai, registry.M_VkMemoryAllocateInfo_allocationSize);
  const typeIndex = get(ai, registry.M_VkMemoryAllocateInfo_memoryTypeIndex);

  const w = chained(ai, registry.S_VkImportMemoryWin32HandleInfoKHR);
  if (w >= 0 && get(w, registry.M_VkImportMemoryWin32HandleInfoKHR_handleType) != 0) {
    const t = get(w, registry.M_VkImportMemoryWin32HandleInfoKHR_handleType);
    const handle = <i32>get(w, registry.M_VkImportMemoryWin32HandleInfoKHR_handle);
    const name = <i32>get(w, registry.M_VkImportMemoryWin32HandleInfoKHR_name);
    f.isImport = true; f.handleType = t;
    if ((t & ~handleTypes.WIN32_KHR_TYPES) != 0 || !handleTypes.isSingleBit(t)) { report(W32_TYPE_00660, w, registry.M_VkImportMemoryWin32HandleInfoKHR_handleType); op(O_HANDLE_TYPES, t); }
    if (handle != 0 && name != 0) { report(W32_BOTH_01441, w, registry.M_VkImportMemoryWin32HandleInfoKHR_name); op(O_OSHANDLE, handle); op(O_STRING, name); }
    if (name != 0 && (t & handleTypes.BY_NAME_TYPES) == 0) { report(W32_NAME_TYPE_01439, w, registry.M_VkImportMemoryWin32HandleInfoKHR_name); op(O_STRING, name); op(O_HANDLE_TYPES, t); }
    support(W32_SUPPORT_09861, w, registry.M_VkImportMemoryWin32HandleInfoKHR_handleType, dev, t, ai);
    let src: ImportSource;
    if (name == 0) {
      src = win32Source(process, handle, t);
      if (src.state == SRC_WRONG_TYPE || src.state == SRC_INVALID || handle == 0 || (src.state == SRC_UNSEEN && closedWorld)) { report(W32_HANDLE_00661, w, registry.M_VkImportMemoryWin32HandleInfoKHR_handle); op(O_OSHANDLE, handle); op(O_HANDLE_TYPES, t); op(O_HANDLE_TYPES, src.actualType); }
      else if (src.state == SRC_UNSEEN) { undecidable(W32_HANDLE_00661, reasons.R_HANDLE_UNSEEN, w, registry.M_VkImportMemoryWin32HandleInfoKHR_handle); op(O_OSHANDLE, handle); }
      else if (src.gone()) reportGone(FAMILY_W32, src, w, registry.M_VkImportMemoryWin32HandleInfoKHR_handle, handle);
    } else {
      src = nameSource(name, t);
      if (handle == 0 && (src.state == SRC_WRONG_TYPE || (src.state == SRC_UNSEEN && closedWorld))) { report(W32_NAME_01440, w, registry.M_VkImportMemoryWin32HandleInfoKHR_name); op(O_STRING, name); op(O_HANDLE_TYPES, t); op(O_HANDLE_TYPES, src.actualType); }
      else if (handle == 0 && src.state == SRC_UNSEEN) { undecidable(W32_NAME_01440, reasons.R_NAME_UNSEEN, w, registry.M_VkImportMemoryWin32HandleInfoKHR_name); op(O_STRING, name); }
    }
    f.source = src;
    if (src.state == SRC_FOUND) {
      const p = src.payload()!;
      sameDevice(W32_SAME_DEVICE_00659, w, name == 0 ? registry.M_VkImportMemoryWin32HandleInfoKHR_handle : registry.M_VkImportMemoryWin32HandleInfoKHR_name, p, dev);
      compat(name == 0 ? W32_COMPAT_01518 : W32_NAME_COMPAT_01519, w, name == 0 ? registry.M_VkImportMemoryWin32HandleInfoKHR_handle : registry.M_VkImportMemoryWin32HandleInfoKHR_name, p, dev, t);
      const vulkanMade = src.handle!.sourceMemory != 0;
      if ((t & handleTypes.OPAQUE_WIN32_TYPES) != 0 && vulkanMade) sizeAndType(SIZE_W32_01743, ai, p, size, typeIndex, t, src);
      if (t == registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT && p.origin == ORIGIN_D3D12_HEAP && p.size >= 0 && size != p.size) {
        report(SIZE_HEAP_00647, ai, registry.M_VkMemoryAllocateInfo_allocationSize); op(O_SIZE, size); op(O_SIZE, p.size);
      }
      if (!vulkanMade && dev != null) outsideType(TYPE_W32_00645, ai, 1, dev.id, handle, typeIndex, name == 0);
      if (vulkanMade) groups(ai, p, dev);
    } else if (t == registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT && src.state == SRC_UNSEEN) {
      undecidable(SIZE_HEAP_00647, reasons.R_SIZE_UNKNOWN, ai, registry.M_VkMemoryAllocateInfo_allocationSize);
    }
  }

  const wn = chained(ai, registry.S_VkImportMemoryWin32HandleInfoNV);
  if (wn >= 0 && get(wn, registry.M_VkImportMemoryWin32HandleInfoNV_handleType) != 0) {
    const tn = get(wn, registry.M_VkImportMemoryWin32HandleInfoNV_handleType);
    const handle = <i32>get(wn, registry.M_VkImportMemoryWin32HandleInfoNV_handle);
    f.isImport = true; f.nv = true;
    if (!handleTypes.isSingleBit(tn)) { report(NV_ONE_BIT_01327, wn, registry.M_VkImportMemoryWin32HandleInfoNV_handleType); op(O_HANDLE_TYPES_NV, tn); }
    else {
      const row = handleTypes.nvType(tn);
      const t = row == null ? 0 : row.counterpart;
      f.handleType = t;
      const src = win32Source(process, handle, t);
      f.source = src;
      if (src.state == SRC_WRONG_TYPE || src.state == SRC_INVALID || handle == 0 || (src.state == SRC_UNSEEN && closedWorld)) { report(NV_HANDLE_01328, wn, registry.M_VkImportMemoryWin32HandleInfoNV_handle); op(O_OSHANDLE, handle); op(O_HANDLE_TYPES_NV, tn); op(O_HANDLE_TYPES, src.actualType); }
      else if (src.state == SRC_UNSEEN) { undecidable(NV_HANDLE_01328, reasons.R_HANDLE_UNSEEN, wn, registry.M_VkImportMemoryWin32HandleInfoNV_handle); op(O_OSHANDLE, handle); }
      else if (src.gone()) reportGone(FAMILY_NV, src, wn, registry.M_VkImportMemoryWin32HandleInfoNV_handle, handle);
    }
  }

  const fd = chained(ai, registry.S_VkImportMemoryFdInfoKHR);
  if (fd >= 0 && get(fd, registry.M_VkImportMemoryFdInfoKHR_handleType) != 0) {
    const t = get(fd, registry.M_VkImportMemoryFdInfoKHR_handleType);
    const value = get(fd, registry.M_VkImportMemoryFdInfoKHR_fd);
    f.isImport = true; f.handleType = t;
    if ((t & ~handleTypes.FD_TYPES) != 0 || !handleTypes.isSingleBit(t)) { report(FD_TYPE_00669, fd, registry.M_VkImportMemoryFdInfoKHR_handleType); op(O_HANDLE_TYPES, t); }
    support(FD_SUPPORT_09862, fd, registry.M_VkImportMemoryFdInfoKHR_handleType, dev, t, ai);
    const src = fdSource(process, value, t);
    f.source = src;
    if (src.state == SRC_WRONG_TYPE || src.state == SRC_INVALID || (src.state == SRC_UNSEEN && closedWorld)) { report(FD_VALID_00670, fd, registry.M_VkImportMemoryFdInfoKHR_fd); op(O_FD, value); op(O_HANDLE_TYPES, t); op(O_HANDLE_TYPES, src.actualType); }
    else if (src.state == SRC_UNSEEN) { undecidable(FD_VALID_00670, reasons.R_FD_UNSEEN, fd, registry.M_VkImportMemoryFdInfoKHR_fd); op(O_FD, value); }
    else if (src.gone()) reportGone(FAMILY_FD, src, fd, registry.M_VkImportMemoryFdInfoKHR_fd, value);
    if (src.state == SRC_FOUND) {
      const p = src.payload()!;
      sameDevice(FD_SAME_DEVICE_00668, fd, registry.M_VkImportMemoryFdInfoKHR_fd, p, dev);
      if (t == registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT) {
        compat(FD_COMPAT_01520, fd, registry.M_VkImportMemoryFdInfoKHR_fd, p, dev, t);
        compat(FD_COMPAT_01746, fd, registry.M_VkImportMemoryFdInfoKHR_fd, p, dev, t);
        if (src.handle!.sourceMemory != 0) sizeAndType(SIZE_FD_01742, ai, p, size, typeIndex, t, src);
      }
      if (src.handle!.sourceMemory == 0 && dev != null) outsideType(TYPE_FD_00648, ai, 2, dev.id, value, typeIndex, true);
      if (src.handle!.sourceMemory != 0) groups(ai, p, dev);
    }
  }

  const hp = chained(ai, registry.S_VkImportMemoryHostPointerInfoEXT);
  if (hp >= 0 && get(hp, registry.M_VkImportMemoryHostPointerInfoEXT_handleType) != 0) {
    const t = get(hp, registry.M_VkImportMemoryHostPointerInfoEXT_handleType);
    const addr = get(hp, registry.M_VkImportMemoryHostPointerInfoEXT_pHostPointer);
    f.isImport = true; f.handleType = t; f.host = true; f.hostAddress = addr;
    if ((t & ~handleTypes.HOST_TYPES) != 0 || !handleTypes.isSingleBit(t)) { report(HOST_TYPE_01748, hp, registry.M_VkImportMemoryHostPointerInfoEXT_handleType); op(O_HANDLE_TYPES, t); }
    support(HOST_SUPPORT_01747, hp, registry.M_VkImportMemoryHostPointerInfoEXT_handleType, dev, t, ai);
    if (dev != null) {
      const align = dev.physical.minImportedHostPointerAlignment;
      if (align > 0 && addr != -1 && (addr % align) != 0) { report(HOST_ALIGN_01749, hp, registry.M_VkImportMemoryHostPointerInfoEXT_pHostPointer); op(O_HEX, addr); op(O_SIZE, align); op(O_INT, addr % align); }
      else if (align <= 0) undecidable(HOST_ALIGN_01749, reasons.R_HOST_PROPS_UNKNOWN, hp, registry.M_VkImportMemoryHostPointerInfoEXT_pHostPointer);
    }
  }

  if (f.isImport) {
    const oca = chained(ai, registry.S_VkMemoryOpaqueCaptureAddressAllocateInfo);
    if (oca >= 0 && get(oca, registry.M_VkMemoryOpaqueCaptureAddressAllocateInfo_opaqueCaptureAddress) != 0) {
      report(CAPTURE_03333, oca, registry.M_VkMemoryOpaqueCaptureAddressAllocateInfo_opaqueCaptureAddress);
      op(O_HEX, get(oca, registry.M_VkMemoryOpaqueCaptureAddressAllocateInfo_opaqueCaptureAddress));
    }
  }
  return f;
}

function support(rule: i32, n: i32, slot: i32, dev: Device | null, t: i64, ai: i32): void {
  if (dev == null || !handleTypes.isSingleBit(t)) return;
  const s = importSupport(dev.physical, t, dedicatedResource(ai));
  if (s == SUPPORT_NO) { report(rule, n, slot); op(O_HANDLE_TYPES, t); }
  else if (s == SUPPORT_UNKNOWN) { undecidable(rule, reasons.R_NO_SUPPORT_QUERY, n, slot); op(O_HANDLE_TYPES, t); }
}

/** The image or buffer the allocation is dedicated to (KHR or NV structure), or null. */
export function dedicatedResource(ai: i32): Resource | null {
  const ded = chained(ai, registry.S_VkMemoryDedicatedAllocateInfo);
  let id = ded >= 0 ? <i32>get(ded, registry.M_VkMemoryDedicatedAllocateInfo_image) : 0;
  if (id == 0 && ded >= 0) id = <i32>get(ded, registry.M_VkMemoryDedicatedAllocateInfo_buffer);
  const nv = chained(ai, registry.S_VkDedicatedAllocationMemoryAllocateInfoNV);
  if (id == 0 && nv >= 0) id = <i32>get(nv, registry.M_VkDedicatedAllocationMemoryAllocateInfoNV_image);
  if (id == 0 && nv >= 0) id = <i32>get(nv, registry.M_VkDedicatedAllocationMemoryAllocateInfoNV_buffer);
  return id != 0 ? resourceOrNull(id) : null;
}

function sameDevice(rule: i32, n: i32, slot: i32, p: Payload, dev: Device | null): void {
  if (dev == null) return;
  const src = p.physical;
  if (src == null) {
    if (p.origin != ORIGIN_UNKNOWN && p.origin != ORIGIN_HOST && p.adapterLUID != 0 && dev.physical.luidValid && dev.physical.deviceLUID != 0 && p.adapterLUID != dev.physical.deviceLUID) {
      report(rule, n, slot); op(O_STRING, p.adapterLUID); op(O_STRING, dev.physical.deviceLUID);
    }
    return;
  }
  if (src.id == dev.physical.id) return;
  if (src.identityKnown() && dev.physical.identityKnown()) {
    if (src.deviceUUID != dev.physical.deviceUUID) { report(rule, n, slot); op(O_STRING, src.deviceUUID); op(O_STRING, dev.physical.deviceUUID); }
  } else undecidable(rule, reasons.R_IDENTITY_UNKNOWN, n, slot);
}

function compat(rule: i32, n: i32, slot: i32, p: Payload, dev: Device | null, t: i64): void {
  const row = handleTypes.khr(t);
  if (dev == null || row == null || row.uuid == handleTypes.UUID_NONE) return;
  const src = p.physical;
  if (src == null || src.id == dev.physical.id) return;
  if (!src.identityKnown() || !dev.physical.identityKnown()) { undecidable(rule, reasons.R_IDENTITY_UNKNOWN, n, slot); return; }
  if (src.deviceUUID != dev.physical.deviceUUID || src.driverUUID != dev.physical.driverUUID) { report(rule, n, slot); op(O_HANDLE_TYPES, t); }
}

function sizeAndType(rule: i32, ai: i32, p: Payload, size: i64, typeIndex: i64, t: i64, src: ImportSource): void {
  if (p.size < 0) return;
  if (size != p.size || typeIndex != p.memoryTypeIndex) {
    report(rule, ai, size != p.size ? registry.M_VkMemoryAllocateInfo_allocationSize : registry.M_VkMemoryAllocateInfo_memoryTypeIndex);
    op(O_SIZE, size); op(O_INT, typeIndex); op(O_SIZE, p.size); op(O_INT, p.memoryTypeIndex);
    const h = src.handle; op(O_CALL, h == null ? -1 : h.madeAt);
    if (rule == SIZE_W32_01743) op(O_HANDLE_TYPES, t); // the fd rule names its one type in its words
  }
}

/** 00645 / 00648: a handle made outside Vulkan must use a memory type its property query reported. */
function outsideType(rule: i32, ai: i32, kind: i32, device: i32, value: i64, typeIndex: i64, decidable: bool): void {
  if (!decidable) return;
  const key = propertyKey(kind, device, value);
  if (!handlePropertyAnswers.has(key)) { undecidable(rule, reasons.R_HANDLE_PROPS_UNKNOWN, ai, registry.M_VkMemoryAllocateInfo_memoryTypeIndex); return; }
  const bits = handlePropertyAnswers.get(key);
  if (typeIndex < 0 || typeIndex > 31 || ((bits >> typeIndex) & 1) == 0) { report(rule, ai, registry.M_VkMemoryAllocateInfo_memoryTypeIndex); op(O_INT, typeIndex); op(O_BITS, bits); }
}

/** 00643/00644: a Vulkan-made payload is imported with the device mask and device group it was made with. */
function groups(ai: i32, p: Payload, dev: Device | null): void {
  if (dev == null) return;
  const mask = deviceMaskOf(ai, dev.groupSize);
  if (mask != p.deviceMask) { report(GROUP_MASK_00643, ai, -1); op(O_HEX, mask); op(O_HEX, p.deviceMask); }
  if (dev.groupSize != p.groupSize) { report(GROUP_DEVICES_00644, ai, -1); op(O_INT, dev.groupSize); op(O_INT, p.groupSize); }
}

/** The device mask an allocation uses: VkMemoryAllocateFlagsInfo's when it sets DEVICE_MASK, else every device of the group. */
export function deviceMaskOf(ai: i32, groupSize: i32): i64 {
  const fl = chained(ai, registry.S_VkMemoryAllocateFlagsInfo);
  if (fl >= 0 && (get(fl, registry.M_VkMemoryAllocateFlagsInfo_flags) & 1) != 0) return get(fl, registry.M_VkMemoryAllocateFlagsInfo_deviceMask);
  return groupSize >= 64 ? -1 : (((<i64>1) << groupSize) - 1);
}

