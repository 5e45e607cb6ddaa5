// vkAllocateMemory as an import: the structure as written, and every constraint of the import
// (import-constraints.ts) that the call breaks — the handle, the devices, the size and memory type.
// The rules are defined here and exported: the constraints carry them, and the resolver cites them.
import * as registry from '../generated/registry';
import { defRule } from '../core/catalogue';
import { report, undecidable, op } from '../core/findings';
import {
  O_HANDLE_TYPES, O_HANDLE_TYPES_NV, O_OSHANDLE, O_STRING, O_FD, O_SIZE, O_INT, O_BITS, O_HEX, O_CALL, O_PROCESS,
  SIZE_EXACT, SIZE_ALIGNED, SIZE_UNKNOWN,
} from '../generated/contract';
import { get, recProcess } from '../core/record';
import { chained } from '../core/chain-index';
import { Device, Payload, Resource } from '../state/objects';
import { resourceOrNull } from '../state/world';
import * as handleTypes from '../catalogue/handle-types';
import { ImportSource, SRC_CLOSED, SRC_OTHER_PROCESS, SRC_PAYLOAD_DEAD, SRC_TAKEN } from './import-source';
import { importConstraints, supportVerdict } from './import-constraints';
import { ImportRequest, familyOf, FAM_WIN32, FAM_NV, FAM_FD, FAM_HOST } from './import/request';
import { Constraints, Verdict, SZ_EXPORT, M_EXPORTER } from './import/constraints';
import { defaultDeviceMask } from './import/source';

export const W32_TYPE_00660 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00660',
  'handleType is {handleType}; a Win32 import takes an NT handle type (OPAQUE_WIN32, D3D11_TEXTURE, D3D12_HEAP, D3D12_RESOURCE) or a global share type (OPAQUE_WIN32_KMT, D3D11_TEXTURE_KMT).', 'handleType');
export const W32_BOTH_01441 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-handle-01441',
  'both handle ({handle}) and name ({name}) are set; import either by handle or by name, not both.', 'handle name');
export const W32_NAME_TYPE_01439 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01439',
  'name is {name}, but handle type {handleType} cannot be imported by name; only OPAQUE_WIN32, D3D11_TEXTURE, D3D12_HEAP and D3D12_RESOURCE can.', 'name handleType');
export const W32_HANDLE_00661 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661',
  'handle {handle} is not a valid {handleType} handle here; the handle type it carries: {carriedType}.', 'handle handleType carriedType');
export const W32_NAME_01440 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-01440',
  'name {name} does not name a payload of type {handleType}; the handle type of what it names: {namedType}.', 'name handleType namedType');
export const W32_SAME_DEVICE_00659 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-handle-00659',
  'the payload was created on a different physical device ({payloadDevice}) than the importing device\'s ({importingDevice}).', 'payloadDevice importingDevice');
export const W32_COMPAT_01518 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-handle-01518',
  'handle type {handleType} requires matching driverUUID and deviceUUID, but the exporting and importing devices differ.', 'handleType');
export const W32_NAME_COMPAT_01519 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-name-01519',
  'handle type {handleType} requires matching driverUUID and deviceUUID, but the device that made the named payload and the importing device differ.', 'handleType');
export const W32_SUPPORT_09861 = defRule('VUID-VkImportMemoryWin32HandleInfoKHR-handleType-09861',
  'handle type {handleType} was never reported importable (VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT) by the capability queries of this physical device.', 'handleType');
export const NV_ONE_BIT_01327 = defRule('VUID-VkImportMemoryWin32HandleInfoNV-handleType-01327',
  'handleType is {handleTypes}; an NV import names exactly one handle type.', 'handleTypes');
export const NV_HANDLE_01328 = defRule('VUID-VkImportMemoryWin32HandleInfoNV-handle-01328',
  'handle {handle} was not obtained as {handleType} describes: it carries {carriedType}.', 'handle handleType carriedType');
export const FD_TYPE_00669 = defRule('VUID-VkImportMemoryFdInfoKHR-handleType-00669',
  'handleType is {handleType}; an fd import takes OPAQUE_FD or DMA_BUF.', 'handleType');
export const FD_VALID_00670 = defRule('VUID-VkImportMemoryFdInfoKHR-handleType-00670',
  'fd {fd} is not a valid {handleType} file descriptor here; the handle type it carries: {carriedType}.', 'fd handleType carriedType');
export const FD_SAME_DEVICE_00668 = defRule('VUID-VkImportMemoryFdInfoKHR-fd-00668',
  'the fd\'s payload was created on a different physical device ({payloadDevice}) than the importing device\'s ({importingDevice}).', 'payloadDevice importingDevice');
export const FD_COMPAT_01520 = defRule('VUID-VkImportMemoryFdInfoKHR-fd-01520',
  'handle type {handleType} requires matching driverUUID and deviceUUID, but the exporting and importing devices differ.', 'handleType');
export const FD_COMPAT_01746 = defRule('VUID-VkImportMemoryFdInfoKHR-fd-01746',
  'the fd\'s payload comes from a physical device/driver pair that is not compatible with the importing device for handle type {handleType}.', 'handleType');
export const FD_SUPPORT_09862 = defRule('VUID-VkImportMemoryFdInfoKHR-handleType-09862',
  'handle type {handleType} was never reported importable (VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT) by the capability queries of this physical device.', 'handleType');
export const HOST_TYPE_01748 = defRule('VUID-VkImportMemoryHostPointerInfoEXT-handleType-01748',
  'handleType is {handleType}; a host-pointer import takes HOST_ALLOCATION or HOST_MAPPED_FOREIGN_MEMORY.', 'handleType');
export const HOST_SUPPORT_01747 = defRule('VUID-VkImportMemoryHostPointerInfoEXT-handleType-01747',
  'handle type {handleType} was never reported importable (VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT) by the capability queries of this physical device.', 'handleType');
export const HOST_ALIGN_01749 = defRule('VUID-VkImportMemoryHostPointerInfoEXT-pHostPointer-01749',
  'pHostPointer {hostPointer} is not a multiple of minImportedHostPointerAlignment ({alignment}); it is {misalignment} bytes past the previous boundary.', 'hostPointer alignment misalignment');
export const SIZE_FD_01742 = defRule('VUID-VkMemoryAllocateInfo-allocationSize-01742',
  'importing an OPAQUE_FD payload made by Vulkan: allocationSize {allocationSize} and memoryTypeIndex {memoryTypeIndex} must equal the exporting allocation\'s {exportSize} and {exportTypeIndex} (call {exportCall}).', 'allocationSize memoryTypeIndex exportSize exportTypeIndex exportCall');
export const SIZE_W32_01743 = defRule('VUID-VkMemoryAllocateInfo-allocationSize-01743',
  'importing a {handleType} payload made by Vulkan: allocationSize {allocationSize} and memoryTypeIndex {memoryTypeIndex} must equal the exporting allocation\'s {exportSize} and {exportTypeIndex} (call {exportCall}).', 'allocationSize memoryTypeIndex exportSize exportTypeIndex exportCall handleType');
export const SIZE_HEAP_00647 = defRule('VUID-VkMemoryAllocateInfo-allocationSize-00647',
  'importing a D3D12 heap: allocationSize {allocationSize} must equal the heap\'s size, {heapSize} bytes.', 'allocationSize heapSize');
export const TYPE_W32_00645 = defRule('VUID-VkMemoryAllocateInfo-memoryTypeIndex-00645',
  'memoryTypeIndex {memoryTypeIndex} is not one of the types vkGetMemoryWin32HandlePropertiesKHR reported for this handle ({memoryTypeBits}).', 'memoryTypeIndex memoryTypeBits');
export const TYPE_FD_00648 = defRule('VUID-VkMemoryAllocateInfo-memoryTypeIndex-00648',
  'memoryTypeIndex {memoryTypeIndex} is not one of the types vkGetMemoryFdPropertiesKHR reported for this fd ({memoryTypeBits}).', 'memoryTypeIndex memoryTypeBits');
export const GROUP_MASK_00643 = defRule('VUID-VkMemoryAllocateInfo-None-00643',
  'the device mask {deviceMask} differs from the mask {payloadMask} the imported payload was allocated with.', 'deviceMask payloadMask');
export const GROUP_DEVICES_00644 = defRule('VUID-VkMemoryAllocateInfo-None-00644',
  'the importing device spans {deviceCount} physical devices, but the payload was allocated on a device spanning {payloadDeviceCount}.', 'deviceCount payloadDeviceCount');
export const CAPTURE_03333 = defRule('VUID-VkMemoryAllocateInfo-opaqueCaptureAddress-03333',
  'this is an import, so VkMemoryOpaqueCaptureAddressAllocateInfo::opaqueCaptureAddress must be 0, not {opaqueCaptureAddress}.', 'opaqueCaptureAddress');

/** What an import resolved to: the caller uses it for the dedicated rules and to apply the call. */
export class ImportFacts {
  isImport: bool = false;
  handleType: i64 = 0; // KHR bit (NV imports are mapped to their KHR counterpart)
  nv: bool = false;
  host: bool = false;
  hostAddress: i64 = 0;
  source: ImportSource | null = null;
  /** The constraints of the import (of the last import structure, when a chain wrongly holds several). */
  constraints: Constraints | null = null;
  payload(): Payload | null { const s = this.source; return s == null ? null : s.payload(); }
}

function request(family: i32, dev: Device | null, t: i64, nvBit: i64, handle: i64, name: i32, resource: Resource | null): ImportRequest {
  const r = new ImportRequest();
  r.family = family; r.dev = dev; r.process = recProcess(); r.t = t; r.nvBit = nvBit; r.handle = handle; r.name = name; r.resource = resource;
  return r;
}

export function checkImport(ai: i32, dev: Device | null): ImportFacts {
  const f = new ImportFacts();
  const target = dedicatedResource(ai);

  const w = chained(ai, registry.S_VkImportMemoryWin32HandleInfoKHR);
  if (w >= 0 && get(w, registry.M_VkImportMemoryWin32HandleInfoKHR_handleType) != 0) {
    const t = get(w, registry.M_VkImportMemoryWin32HandleInfoKHR_handleType);
    const handle = <i32>get(w, registry.M_VkImportMemoryWin32HandleInfoKHR_handle);
    const name = <i32>get(w, registry.M_VkImportMemoryWin32HandleInfoKHR_name);
    const typeSlot = registry.M_VkImportMemoryWin32HandleInfoKHR_handleType;
    const sourceSlot = name == 0 ? registry.M_VkImportMemoryWin32HandleInfoKHR_handle : registry.M_VkImportMemoryWin32HandleInfoKHR_name;
    f.isImport = true; f.handleType = t;
    if (familyOf(t, false) != FAM_WIN32) { report(W32_TYPE_00660, w, typeSlot); op(O_HANDLE_TYPES, t); }
    if (handle != 0 && name != 0) { report(W32_BOTH_01441, w, registry.M_VkImportMemoryWin32HandleInfoKHR_name); op(O_OSHANDLE, handle); op(O_STRING, name); }
    const c = importConstraints(request(FAM_WIN32, dev, t, 0, handle, name, target));
    if (c.nameType.broken()) { report(c.nameType.rule, w, registry.M_VkImportMemoryWin32HandleInfoKHR_name); op(O_STRING, name); op(O_HANDLE_TYPES, t); }
    reportBroken(c, target, ai, w, typeSlot, sourceSlot, name == 0 ? O_OSHANDLE : O_STRING, name == 0 ? handle : name, t);
    f.source = c.source; f.constraints = c;
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
      const c = importConstraints(request(FAM_NV, dev, t, tn, handle, 0, target));
      reportSource(c, wn, registry.M_VkImportMemoryWin32HandleInfoNV_handle, O_OSHANDLE, handle, O_HANDLE_TYPES_NV, tn);
      f.source = c.source; f.constraints = c;
    }
  }

  const fd = chained(ai, registry.S_VkImportMemoryFdInfoKHR);
  if (fd >= 0 && get(fd, registry.M_VkImportMemoryFdInfoKHR_handleType) != 0) {
    const t = get(fd, registry.M_VkImportMemoryFdInfoKHR_handleType);
    const value = get(fd, registry.M_VkImportMemoryFdInfoKHR_fd);
    const typeSlot = registry.M_VkImportMemoryFdInfoKHR_handleType;
    f.isImport = true; f.handleType = t;
    if (familyOf(t, false) != FAM_FD) { report(FD_TYPE_00669, fd, typeSlot); op(O_HANDLE_TYPES, t); }
    const c = importConstraints(request(FAM_FD, dev, t, 0, value, 0, target));
    reportBroken(c, target, ai, fd, typeSlot, registry.M_VkImportMemoryFdInfoKHR_fd, O_FD, value, t);
    f.source = c.source; f.constraints = c;
  }

  const hp = chained(ai, registry.S_VkImportMemoryHostPointerInfoEXT);
  if (hp >= 0 && get(hp, registry.M_VkImportMemoryHostPointerInfoEXT_handleType) != 0) {
    const t = get(hp, registry.M_VkImportMemoryHostPointerInfoEXT_handleType);
    const addr = get(hp, registry.M_VkImportMemoryHostPointerInfoEXT_pHostPointer);
    const typeSlot = registry.M_VkImportMemoryHostPointerInfoEXT_handleType;
    f.isImport = true; f.handleType = t; f.host = true; f.hostAddress = addr;
    if (familyOf(t, false) != FAM_HOST) { report(HOST_TYPE_01748, hp, typeSlot); op(O_HANDLE_TYPES, t); }
    const c = importConstraints(request(FAM_HOST, dev, t, 0, addr, 0, target));
    reportSupport(supportVerdict(c, target), hp, typeSlot, t);
    const v = c.hostPointer;
    const slot = registry.M_VkImportMemoryHostPointerInfoEXT_pHostPointer;
    if (v.broken()) { report(v.rule, hp, slot); op(O_HEX, v.a); op(O_SIZE, v.b); op(O_INT, v.a % v.b); }
    else if (v.undecided()) undecidable(v.rule, v.undecidedReason, hp, slot);
    // allocationSize and memoryTypeIndex are judged with the host pointer's other rules (allocate.ts).
    f.constraints = c;
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

/** Every constraint of a Win32 or fd import the call breaks, in the order of the structure's VUIDs. */
function reportBroken(c: Constraints, target: Resource | null, ai: i32, n: i32, typeSlot: i32, sourceSlot: i32, valueKind: i32, value: i64, t: i64): void {
  reportSupport(supportVerdict(c, target), n, typeSlot, t);
  reportSource(c, n, sourceSlot, valueKind, value, O_HANDLE_TYPES, t);
  reportDevices(c, n, sourceSlot);
  reportSizeAndType(c, ai, get(ai, registry.M_VkMemoryAllocateInfo_allocationSize), get(ai, registry.M_VkMemoryAllocateInfo_memoryTypeIndex));
  reportGroup(c, ai);
}

function reportSupport(v: Verdict, n: i32, slot: i32, t: i64): void {
  if (v.broken()) { report(v.rule, n, slot); op(O_HANDLE_TYPES, t); }
  else if (v.undecided()) { undecidable(v.rule, v.undecidedReason, n, slot); op(O_HANDLE_TYPES, t); }
}

/** The handle's state: wrong type, invalid, unseen (cannot decide), or closed, foreign, freed, taken. */
function reportSource(c: Constraints, n: i32, slot: i32, valueKind: i32, value: i64, typeKind: i32, handleType: i64): void {
  const v = c.sourceState;
  if (v.holds()) return;
  if (v.undecided()) { undecidable(v.rule, v.undecidedReason, n, slot); op(valueKind, value); return; }
  report(v.rule, n, slot);
  op(valueKind, value);
  if (v.code == SRC_CLOSED || v.code == SRC_OTHER_PROCESS || v.code == SRC_PAYLOAD_DEAD || v.code == SRC_TAKEN) { op(v.code == SRC_OTHER_PROCESS ? O_PROCESS : O_CALL, v.a); return; }
  op(typeKind, handleType);
  const src = c.source;
  op(O_HANDLE_TYPES, src == null ? 0 : src.actualType);
}

/** 00659 / 00668 and the UUID rules. */
function reportDevices(c: Constraints, n: i32, slot: i32): void {
  const v = c.sameDevice;
  if (v.broken()) {
    report(v.rule, n, slot);
    op(O_STRING, v.a); op(O_STRING, v.b); // the payload's and the importer's deviceUUID, or adapter LUID
  } else if (v.undecided()) undecidable(v.rule, v.undecidedReason, n, slot);
  for (let i = 0; i < c.compat.length; i++) {
    const u = c.compat[i];
    if (u.broken()) { report(u.rule, n, slot); op(O_HANDLE_TYPES, c.req.t); }
    else if (u.undecided()) undecidable(u.rule, u.undecidedReason, n, slot);
  }
}

/** allocationSize and memoryTypeIndex against every import constraint on them. */
export function reportSizeAndType(c: Constraints, ai: i32, size: i64, typeIndex: i64): void {
  const sizeSlot = registry.M_VkMemoryAllocateInfo_allocationSize;
  const typeSlot = registry.M_VkMemoryAllocateInfo_memoryTypeIndex;
  for (let i = 0; i < c.sizes.length; i++) {
    const s = c.sizes[i];
    if (s.rule < 0) continue;
    if (s.basis == SZ_EXPORT) { exportMatch(c, s.rule, s.value, ai, size, typeIndex); continue; }
    if (s.mode == SIZE_EXACT && size != s.value) { report(s.rule, ai, sizeSlot); op(O_SIZE, size); op(O_SIZE, s.value); }
    else if (s.mode == SIZE_ALIGNED && size % s.value != 0) { report(s.rule, ai, sizeSlot); op(O_SIZE, size); op(O_SIZE, s.value); }
    else if (s.mode == SIZE_UNKNOWN && s.undecidedReason >= 0) undecidable(s.rule, s.undecidedReason, ai, sizeSlot);
  }
  for (let i = 0; i < c.types.length; i++) {
    const m = c.types[i];
    if (m.rule < 0 || m.basis == M_EXPORTER) continue; // the exporter's type is judged with its size
    if (m.known && !m.allows(typeIndex)) { report(m.rule, ai, typeSlot); op(O_INT, typeIndex); op(O_BITS, m.bits); }
    else if (!m.known && m.undecidedReason >= 0) undecidable(m.rule, m.undecidedReason, ai, typeSlot);
  }
}

/** 01742 / 01743: an opaque payload made by Vulkan is imported with its exporter's size and type, one rule for both. */
function exportMatch(c: Constraints, rule: i32, exportSize: i64, ai: i32, size: i64, typeIndex: i64): void {
  let typeOk = true;
  let exportType: i64 = -1;
  for (let i = 0; i < c.types.length; i++) {
    const m = c.types[i];
    if (m.basis == M_EXPORTER && m.rule == rule) { typeOk = m.known && m.allows(typeIndex); exportType = m.a; }
  }
  if (size == exportSize && typeOk) return;
  report(rule, ai, size != exportSize ? registry.M_VkMemoryAllocateInfo_allocationSize : registry.M_VkMemoryAllocateInfo_memoryTypeIndex);
  op(O_SIZE, size); op(O_INT, typeIndex); op(O_SIZE, exportSize); op(O_INT, exportType);
  const h = c.osHandle(); op(O_CALL, h == null ? -1 : h.madeAt);
  if (rule == SIZE_W32_01743) op(O_HANDLE_TYPES, c.req.t); // the fd rule names its one type in its words
}

/** 00643 / 00644: a Vulkan-made payload is imported with the device mask and device group it was made with. */
function reportGroup(c: Constraints, ai: i32): void {
  const dev = c.req.dev;
  const m = c.deviceMask;
  if (dev != null && m.rule >= 0) {
    const mask = deviceMaskOf(ai, dev.groupSize);
    if (mask != m.a) { report(m.rule, ai, -1); op(O_HEX, mask); op(O_HEX, m.a); }
  }
  const g = c.deviceCount;
  if (g.broken()) { report(g.rule, ai, -1); op(O_INT, g.b); op(O_INT, g.a); }
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

/** The device mask an allocation uses: VkMemoryAllocateFlagsInfo's when it sets DEVICE_MASK, else every device of the group. */
export function deviceMaskOf(ai: i32, groupSize: i32): i64 {
  const fl = chained(ai, registry.S_VkMemoryAllocateFlagsInfo);
  if (fl >= 0 && (get(fl, registry.M_VkMemoryAllocateFlagsInfo_flags) & 1) != 0) return get(fl, registry.M_VkMemoryAllocateFlagsInfo_deviceMask);
  return defaultDeviceMask(groupSize);
}
