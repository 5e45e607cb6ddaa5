// allocationSize: what the handle type says (its catalogue row), made concrete by the payload, and for
// host pointers the alignment. The dedicated resource's rules are in dedication.ts (they hold for any
// allocation, imported or not).
import * as registry from '../../generated/registry';
import { SIZE_EXACT, SIZE_ALIGNED, SIZE_IGNORED, SIZE_UNKNOWN, SIZE_ANY } from '../../generated/contract';
import { SIZE_FD_01742, SIZE_W32_01743, SIZE_HEAP_00647 } from '../allocate-import';
import { HOST_SIZE_01745 } from '../allocate';
import { ORIGIN_D3D12_HEAP } from '../../state/objects';
import * as handleTypes from '../../catalogue/handle-types';
import { SRC_UNSEEN } from '../import-source';
import * as reasons from '../reasons';
import { FAM_WIN32, FAM_NV, FAM_FD, FAM_HOST } from './request';
import {
  Constraints, SizeConstraint, SZ_EXPORT, SZ_HEAP, SZ_EXPORTED_PAYLOAD, SZ_IGNORED, SZ_APP, SZ_PAYLOAD_UNKNOWN, SZ_HOST,
  SZ_HOST_UNKNOWN,
} from './constraints';

/**
 * 01742 / 01743: the rule that ties an opaque import to its exporter's size and type — OPAQUE_FD through
 * VkImportMemoryFdInfoKHR, OPAQUE_WIN32(_KMT) through VkImportMemoryWin32HandleInfoKHR; none for NV imports.
 */
export function exportMatchRule(family: i32, t: i64): i32 {
  if (family == FAM_FD) return t == registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT ? SIZE_FD_01742 : -1;
  if (family == FAM_WIN32) return (t & handleTypes.OPAQUE_WIN32_TYPES) != 0 ? SIZE_W32_01743 : -1;
  return -1;
}

export function importSizes(c: Constraints): void {
  const req = c.req;
  const p = c.payload();
  const vulkanMade = c.vulkanMade();
  if (req.family == FAM_HOST) {
    const dev = req.dev;
    if (dev == null) return;
    const align = dev.physical.minImportedHostPointerAlignment;
    if (align > 0) c.sizes.push(new SizeConstraint(SIZE_ALIGNED, align, HOST_SIZE_01745, SZ_HOST));
    else unknown(c, HOST_SIZE_01745, SZ_HOST_UNKNOWN, reasons.R_HOST_PROPS_UNKNOWN);
    return;
  }
  const row = req.family == FAM_NV ? handleTypes.nvType(req.nvBit) : handleTypes.khr(req.t);
  if (row == null) return;
  if (row.size == handleTypes.SIZE_MATCH_EXPORT) {
    if (p != null && vulkanMade && p.size >= 0) c.sizes.push(new SizeConstraint(SIZE_EXACT, p.size, exportMatchRule(req.family, req.t), SZ_EXPORT));
    else unknown(c, -1, SZ_PAYLOAD_UNKNOWN);
  } else if (req.t == registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT && req.family == FAM_WIN32) {
    // 00647: the heap's own size; a heap payload Vulkan exported has its allocation's size, by no VUID.
    if (p != null && p.origin == ORIGIN_D3D12_HEAP && p.size >= 0) c.sizes.push(new SizeConstraint(SIZE_EXACT, p.size, SIZE_HEAP_00647, SZ_HEAP));
    else if (p != null && vulkanMade && p.size >= 0) c.sizes.push(new SizeConstraint(SIZE_EXACT, p.size, -1, SZ_EXPORTED_PAYLOAD));
    else {
      const src = c.source;
      unknown(c, SIZE_HEAP_00647, SZ_PAYLOAD_UNKNOWN, src != null && src.state == SRC_UNSEEN ? reasons.R_SIZE_UNKNOWN : -1);
    }
  } else if (row.size == handleTypes.SIZE_IGNORED) {
    c.sizes.push(new SizeConstraint(SIZE_IGNORED, p != null ? p.size : -1, -1, SZ_IGNORED));
  } else if (row.size == handleTypes.SIZE_APP) {
    if (p != null && p.size >= 0) c.sizes.push(new SizeConstraint(SIZE_ANY, p.size, -1, SZ_APP));
    else unknown(c, -1, SZ_PAYLOAD_UNKNOWN);
  }
}

function unknown(c: Constraints, rule: i32, basis: i32, reason: i32 = -1): void {
  const s = new SizeConstraint(SIZE_UNKNOWN, 0, rule, basis);
  s.undecidedReason = reason;
  c.sizes.push(s);
}
