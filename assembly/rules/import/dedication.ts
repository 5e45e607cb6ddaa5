// Dedicated allocations: the parts that make an import require, prefer or refuse one (KHR
// VkMemoryDedicatedAllocateInfo and NV VkDedicatedAllocationMemoryAllocateInfoNV apart, as their rules
// are), and what dedicating memory to one resource asks of that resource, imported or not.
import * as registry from '../../generated/registry';
import { SIZE_EXACT, SIZE_RESOURCE_REQUIREMENT, SIZE_UNKNOWN, DED_REQUIRED, DED_OPTIONAL, DED_NOT_ALLOWED } from '../../generated/contract';
import {
  HOST_DEDICATED_02806, HOST_NV_DEDICATED_02805, DED_IMG_SIZE_02964, DED_BUF_SIZE_02965, DED_IMG_SPARSE_01434,
  DED_BUF_SPARSE_01436, DED_DISJOINT_01797, DED_IMG_W32_01876, DED_BUF_W32_01877, DED_IMG_FD_01878, DED_BUF_FD_01879,
  NV_IMG_FLAG_00650, NV_BUF_FLAG_00651, NV_IMG_SIZE_00652, NV_BUF_SIZE_00653, NV_IMG_IMPORT_00654, NV_BUF_IMPORT_00655,
} from '../allocate';
import { bindRulesFor, dedicationNeedsNvResource, bindsImportedType } from '../bind';
import { Device, Resource } from '../../state/objects';
import * as handleTypes from '../../catalogue/handle-types';
import { resourceAnswer, dedicatedOnlyTypes } from '../support';
import { imageKey } from '../keys';
import * as reasons from '../reasons';
import { FAM_NV, FAM_HOST } from './request';
import {
  Constraints, DedicationPart, TargetConstraints, SizeConstraint, FAULT, D_HOST, D_EXPORTER, D_SPEC_ONLY, D_ANSWER,
  D_ANSWER_ANY, D_REQUIRES, D_PREFERS, D_NV_RESOURCE, SZ_DEDICATED, SZ_NV_DEDICATED, SZ_REQUIREMENTS_UNKNOWN,
} from './constraints';

const FEATURE_DEDICATED_ONLY: i64 = 0x1;
const SPARSE_FLAGS: i64 = 0x7;
const DISJOINT: i64 = 0x200;

/** VkMemoryDedicatedAllocateInfo: the parts, in the order the resolver weighs them. */
export function dedicationParts(c: Constraints): void {
  const req = c.req;
  const r = req.resource;
  // The resource's own requirement (below) still counts for a host pointer: it meets the refusal, and
  // no chain satisfies both.
  if (req.family == FAM_HOST) c.dedication.push(new DedicationPart(DED_NOT_ALLOWED, D_HOST, HOST_DEDICATED_02806));
  // 01876-01879: a Vulkan-made Win32 or OPAQUE_FD payload keeps the dedication it was allocated with.
  const p = c.payload();
  const win32 = (req.t & handleTypes.WIN32_KHR_TYPES) != 0;
  if (p != null && c.vulkanPayload() && (win32 || req.t == registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT)) {
    c.dedication.push(exporter(p.dedicatedImage, p.dedicatedBuffer, win32 ? DED_IMG_W32_01876 : DED_IMG_FD_01878, win32 ? DED_BUF_W32_01877 : DED_BUF_FD_01879, r));
  }
  const dev = req.dev;
  if (req.family != FAM_NV && req.family != FAM_HOST && dev != null) {
    if ((req.t & handleTypes.DEDICATED_ONLY_TYPES) != 0) c.dedication.push(new DedicationPart(DED_REQUIRED, D_SPEC_ONLY, -1));
    // DEDICATED_ONLY in the capability answers: the resource's own, else any answer for the type.
    const a = r != null ? resourceAnswer(dev.physical, r, req.t) : null;
    if (a != null) {
      if ((a.features & FEATURE_DEDICATED_ONLY) != 0) { const d = new DedicationPart(DED_REQUIRED, D_ANSWER, -1); d.a = a.features; d.resource = r; c.dedication.push(d); }
    } else if ((dedicatedOnlyTypes(dev.physical) & req.t) != 0) c.dedication.push(new DedicationPart(DED_REQUIRED, D_ANSWER_ANY, -1));
  }
  if (r != null && r.requiresDedicated == 1) { const d = new DedicationPart(DED_REQUIRED, D_REQUIRES, bindRulesFor(r).requiresDedicated); d.resource = r; c.dedication.push(d); }
  if (r != null && r.prefersDedicated == 1) { const d = new DedicationPart(DED_OPTIONAL, D_PREFERS, -1); d.resource = r; c.dedication.push(d); }
}

/** VkDedicatedAllocationMemoryAllocateInfoNV. */
export function nvDedicationParts(c: Constraints): void {
  const req = c.req;
  const r = req.resource;
  if (req.family == FAM_HOST) c.nvDedication.push(new DedicationPart(DED_NOT_ALLOWED, D_HOST, HOST_NV_DEDICATED_02805));
  if (r != null && r.nvDedicated) { const d = new DedicationPart(DED_REQUIRED, D_NV_RESOURCE, bindRulesFor(r).nvDedicated); d.resource = r; c.nvDedication.push(d); }
  // 00654 / 00655: a Vulkan-made payload keeps its NV dedication, whatever the handle type.
  const p = c.payload();
  if (p != null && c.vulkanPayload()) c.nvDedication.push(exporter(p.nvDedicatedImage, p.nvDedicatedBuffer, NV_IMG_IMPORT_00654, NV_BUF_IMPORT_00655, r));
  const dev = req.dev;
  if (req.family == FAM_NV && r != null && r.isImage && dev != null) {
    const pd = dev.physical;
    const k = imageKey(req.nvBit, r.format, r.imageType, r.tiling, r.usage, r.flags);
    if (pd.nvImageAnswers.has(k) && (pd.nvImageAnswers.get(k).features & FEATURE_DEDICATED_ONLY) != 0) {
      const d = new DedicationPart(DED_REQUIRED, D_ANSWER, -1); d.a = pd.nvImageAnswers.get(k).features; d.resource = r; c.nvDedication.push(d);
    }
  }
}

/** The exporter's dedication: required (to a resource created like its own) when it had one, else not allowed. */
function exporter(imageFp: i64, bufferFp: i64, imageRule: i32, bufferRule: i32, r: Resource | null): DedicationPart {
  const dedicated = imageFp != 0 || bufferFp != 0;
  const wantImage = dedicated ? imageFp != 0 : (r == null || r.isImage);
  const d = new DedicationPart(dedicated ? DED_REQUIRED : DED_NOT_ALLOWED, D_EXPORTER, wantImage ? imageRule : bufferRule);
  d.imageFp = imageFp; d.bufferFp = bufferFp; d.imageRule = imageRule; d.bufferRule = bufferRule; d.resource = r;
  return d;
}

/** 02985 / 02989 (checked at bind): the resource the memory is for was created for the imported type. */
export function bindTypes(c: Constraints): void {
  const r = c.req.resource;
  if (r != null && !bindsImportedType(r, c.req.t, c.req.nvBit)) c.bindTypes.fail(bindRulesFor(r).importType, FAULT, r.externalTypes, c.req.t);
}

/** What VkMemoryDedicatedAllocateInfo naming `r` asks of it (01434, 01436, 01797, 02964, 02965; 07920 / 07921 at bind). */
export function dedicationTarget(dev: Device | null, r: Resource): TargetConstraints {
  const size = r.reqSize >= 0
    ? new SizeConstraint(SIZE_RESOURCE_REQUIREMENT, r.reqSize, r.isImage ? DED_IMG_SIZE_02964 : DED_BUF_SIZE_02965, SZ_DEDICATED)
    : new SizeConstraint(SIZE_UNKNOWN, 0, -1, SZ_REQUIREMENTS_UNKNOWN);
  size.target = r;
  const k = new TargetConstraints(r, size);
  if ((r.flags & SPARSE_FLAGS) != 0) k.sparse.fail(r.isImage ? DED_IMG_SPARSE_01434 : DED_BUF_SPARSE_01436, FAULT, r.flags & SPARSE_FLAGS);
  if (r.isImage && (r.flags & DISJOINT) != 0) k.disjoint.fail(DED_DISJOINT_01797, FAULT);
  if (dev != null && dedicationNeedsNvResource(dev, r)) k.legacy.fail(bindRulesFor(r).legacy, FAULT);
  return k;
}

/** What VkDedicatedAllocationMemoryAllocateInfoNV naming `r` asks of it (00650 / 00651, 00652 / 00653). */
export function nvDedicationTarget(r: Resource): TargetConstraints {
  const rule = r.isImage ? NV_IMG_SIZE_00652 : NV_BUF_SIZE_00653;
  const size = new SizeConstraint(r.reqSize >= 0 ? SIZE_EXACT : SIZE_UNKNOWN, r.reqSize >= 0 ? r.reqSize : 0, rule, r.reqSize >= 0 ? SZ_NV_DEDICATED : SZ_REQUIREMENTS_UNKNOWN);
  if (r.reqSize < 0) size.undecidedReason = reasons.R_REQUIREMENTS_UNKNOWN;
  size.target = r;
  const k = new TargetConstraints(r, size);
  if (!r.nvDedicated) k.nvFlag.fail(r.isImage ? NV_IMG_FLAG_00650 : NV_BUF_FLAG_00651, FAULT);
  return k;
}
