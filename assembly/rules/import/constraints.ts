// What an import must satisfy, as data: each constraint carries the catalogue rule that states it (or
// -1 when no checked VUID does) and the values that explain it. import-constraints.ts computes them
// once; the validator reports the ones a vkAllocateMemory breaks (rules/allocate-import.ts,
// rules/allocate.ts), the resolver turns them into its parts and decisions (resolve/).
import { SEV_ERROR, SEV_UNDECIDABLE, DED_REQUIRED } from '../../generated/contract';
import { Payload, Resource, OsHandle, ORIGIN_VULKAN } from '../../state/objects';
import { ImportSource, SRC_FOUND } from '../import-source';
import { ImportRequest } from './request';

/** A verdict's severity while the condition holds. */
export const HOLDS: i32 = -1;

/** A yes/no condition: it holds, it is broken (SEV_ERROR) or the input cannot tell (SEV_UNDECIDABLE). */
export class Verdict {
  rule: i32 = -1;
  severity: i32 = HOLDS;
  /** How it breaks or why it cannot be told (the codes of the verdict's kind below). */
  code: i32 = 0;
  /** The "cannot decide" reason the validator reports (rules/reasons.ts), -1 for none. */
  undecidedReason: i32 = -1;
  /** The values that explain it (each kind says which). */
  a: i64 = 0;
  b: i64 = 0;

  broken(): bool { return this.severity == SEV_ERROR; }
  undecided(): bool { return this.severity == SEV_UNDECIDABLE; }
  holds(): bool { return this.severity == HOLDS; }
  fail(rule: i32, code: i32, a: i64 = 0, b: i64 = 0): Verdict { this.rule = rule; this.severity = SEV_ERROR; this.code = code; this.a = a; this.b = b; return this; }
  unknown(rule: i32, code: i32, reason: i32 = -1): Verdict { this.rule = rule; this.severity = SEV_UNDECIDABLE; this.code = code; this.undecidedReason = reason; return this; }
}

// Source verdict codes: the import-source.ts states, and one more.
export const SRC_NO_HANDLE: i32 = 100; // the structure names no handle at all
// Identity verdict codes (00659 / 00668) and compatibility (01518 / 01519 / 01520 / 01746).
export const ID_OTHER_DEVICE: i32 = 1; // a, b: the payload's and the importer's deviceUUID
export const ID_OTHER_ADAPTER: i32 = 2; // a, b: the payload's and the importer's adapter LUID
export const ID_UNKNOWN: i32 = 3;
export const COMPAT_DIFFERENT: i32 = 1; // the exporter's physical device is in Constraints.exporter
// Host pointer alignment (01749): a the pointer, b the alignment.
export const ALIGN_OFF: i32 = 1;
export const ALIGN_UNKNOWN: i32 = 2;
// Device group (00643 a the payload's mask, b the default mask; 00644 a the payload's device count, b the importer's).
export const GROUP_DIFFERENT: i32 = 1;
// Support (09861 / 09862 / 01747).
export const SUPPORT_REFUSED: i32 = 1;
export const SUPPORT_UNASKED: i32 = 2;
// Resource faults: a the flags at fault.
export const FAULT: i32 = 1;

// The basis of a size constraint: which rule of allocationSize it is.
export const SZ_EXPORT: i32 = 1; // an opaque payload made by Vulkan: the exporter's size
export const SZ_HEAP: i32 = 2; // a D3D12 heap: its size
export const SZ_EXPORTED_PAYLOAD: i32 = 3; // a non-opaque payload Vulkan exported: its size, by no VUID
export const SZ_IGNORED: i32 = 4; // the implementation takes the size from the OS object
export const SZ_APP: i32 = 5; // the application's choice within the payload
export const SZ_PAYLOAD_UNKNOWN: i32 = 6;
export const SZ_HOST: i32 = 7; // a multiple of minImportedHostPointerAlignment
export const SZ_HOST_UNKNOWN: i32 = 8;
export const SZ_DEDICATED: i32 = 9; // at least the dedicated resource's requirement
export const SZ_NV_DEDICATED: i32 = 10; // exactly the NV-dedicated resource's requirement
export const SZ_REQUIREMENTS_UNKNOWN: i32 = 11;

/** One rule on allocationSize: mode (contract SIZE_…), the value it names, its rule. */
export class SizeConstraint {
  mode: i32;
  value: i64;
  rule: i32;
  basis: i32;
  /** The validator's "cannot decide" reason when the value is unknown (-1: it says nothing). */
  undecidedReason: i32 = -1;
  /** The dedicated resource the size comes from. */
  target: Resource | null = null;
  constructor(mode: i32, value: i64, rule: i32, basis: i32) { this.mode = mode; this.value = value; this.rule = rule; this.basis = basis; }
}

// The basis of a memory-type mask.
export const M_DEVICE: i32 = 1; // the device's memory types (a: their count)
export const M_RESOURCE: i32 = 2; // the resource's memoryTypeBits
export const M_EXPORTER: i32 = 3; // an opaque payload: the exporter's type
export const M_EXPORTER_NV: i32 = 4; // the same through VK_NV_external_memory_win32, by no VUID
export const M_EXPORTER_PAYLOAD: i32 = 5; // a non-opaque payload Vulkan exported: its type, by no VUID
export const M_WIN32: i32 = 6; // vkGetMemoryWin32HandlePropertiesKHR for the handle
export const M_WIN32_SAME_PAYLOAD: i32 = 7; // the same query for another handle to the payload (a: that handle)
export const M_FD: i32 = 8; // vkGetMemoryFdPropertiesKHR
export const M_HOST: i32 = 9; // vkGetMemoryHostPointerPropertiesEXT
export const M_ADVISORY: i32 = 10; // a KHR properties answer for an NV import's handle

/** One mask memoryTypeIndex must fall in; `known` false when the input does not show it. */
export class TypeMask {
  kind: i32; // contract TYPES_…
  basis: i32;
  known: bool;
  bits: i64;
  rule: i32;
  undecidedReason: i32 = -1;
  /** The count (M_DEVICE), the exporter's index (M_EXPORTER…) or the handle asked (M_WIN32_SAME_PAYLOAD). */
  a: i64 = 0;
  constructor(kind: i32, basis: i32, known: bool, bits: i64, rule: i32) { this.kind = kind; this.basis = basis; this.known = known; this.bits = bits; this.rule = rule; }
  allows(index: i64): bool { return index >= 0 && index < 32 && ((this.bits >> index) & 1) != 0; }
}

// The basis of a dedicated-allocation part.
export const D_HOST: i32 = 1; // host pointers cannot be dedicated (02806, NV 02805)
export const D_EXPORTER: i32 = 2; // a Vulkan-made payload keeps its exporter's dedication (01876-01879, NV 00654/00655)
export const D_SPEC_ONLY: i32 = 3; // types every implementation reports DEDICATED_ONLY
export const D_ANSWER: i32 = 4; // the capability answer for the resource says DEDICATED_ONLY (a: its features)
export const D_ANSWER_ANY: i32 = 5; // some capability answer for the type says DEDICATED_ONLY
export const D_REQUIRES: i32 = 6; // requiresDedicatedAllocation (checked at bind)
export const D_PREFERS: i32 = 7; // prefersDedicatedAllocation (no rule)
export const D_NV_RESOURCE: i32 = 8; // a resource created NV-dedicated (checked at bind)

/** One reason the import must, may or must not be a dedicated allocation. */
export class DedicationPart {
  mode: i32; // contract DED_REQUIRED / DED_OPTIONAL (preferred) / DED_NOT_ALLOWED
  basis: i32;
  rule: i32;
  resource: Resource | null = null;
  /** D_EXPORTER: fingerprints of the resources the exporting allocation was dedicated to (0: none), and the rules per kind. */
  imageFp: i64 = 0;
  bufferFp: i64 = 0;
  imageRule: i32 = -1;
  bufferRule: i32 = -1;
  a: i64 = 0;
  constructor(mode: i32, basis: i32, rule: i32) { this.mode = mode; this.basis = basis; this.rule = rule; }

  /** Whether a dedicated allocation of `r` breaks this part (what the validator checks on the chain). */
  refuses(r: Resource): bool {
    if (this.basis == D_HOST) return true;
    if (this.basis == D_EXPORTER) return r.fingerprint() != (r.isImage ? this.imageFp : this.bufferFp);
    return false;
  }
  /** The rule a dedicated allocation of `r` breaks. */
  ruleFor(r: Resource): i32 { return this.basis == D_EXPORTER ? (r.isImage ? this.imageRule : this.bufferRule) : this.rule; }
  /** D_EXPORTER: the exporter dedicated its memory to an image. */
  wantsImage(): bool { return this.imageFp != 0; }
  required(): bool { return this.mode == DED_REQUIRED; }
}

/** What a dedicated allocation of one resource must satisfy, whatever the import (also for plain allocations). */
export class TargetConstraints {
  resource: Resource;
  /** 01434 / 01436 (a: the sparse flags), 01797, and 07920 / 07921 (checked at bind). */
  sparse: Verdict = new Verdict();
  disjoint: Verdict = new Verdict();
  legacy: Verdict = new Verdict();
  /** 00650 / 00651: for an NV dedicated allocation, the resource must have been created NV-dedicated. */
  nvFlag: Verdict = new Verdict();
  /** 02964 / 02965 (at least), or 00652 / 00653 (exactly, NV). */
  size: SizeConstraint;
  constructor(resource: Resource, size: SizeConstraint) { this.resource = resource; this.size = size; }
}

export class Constraints {
  req: ImportRequest;
  /** What the handle, fd or name refers to (null for host pointers). */
  source: ImportSource | null = null;
  /** 00661 / 01440 / 01328 / 00670 and the lifecycle rules: code is the source state or SRC_NO_HANDLE. */
  sourceState: Verdict = new Verdict();
  /** 01439: the type cannot be imported by name. */
  nameType: Verdict = new Verdict();
  /** 01749 (host pointers). */
  hostPointer: Verdict = new Verdict();
  /** 00659 / 00668. */
  sameDevice: Verdict = new Verdict();
  /** 01518 / 01519 / 01520 / 01746, in the order the structure's VUIDs list them. */
  compat: Verdict[] = [];
  /** 00643: the import uses the device mask the payload was allocated with (a, b as GROUP_DIFFERENT says). */
  deviceMask: Verdict = new Verdict();
  /** 00644. */
  deviceCount: Verdict = new Verdict();
  /** 09861 / 09862 / 01747, -1 for NV imports (the verdict needs the dedicated resource: supportVerdict). */
  supportRule: i32 = -1;
  /** 02985 / 02989 (checked at bind): the resource was created for the imported type. */
  bindTypes: Verdict = new Verdict();
  sizes: SizeConstraint[] = [];
  types: TypeMask[] = [];
  dedication: DedicationPart[] = [];
  nvDedication: DedicationPart[] = [];

  constructor(req: ImportRequest) { this.req = req; }

  found(): bool { const s = this.source; return s != null && s.state == SRC_FOUND; }
  /** The payload behind a usable handle (null while the handle is not usable or not known). */
  payload(): Payload | null { const s = this.source; return s != null && s.state == SRC_FOUND ? s.payload() : null; }
  osHandle(): OsHandle | null { const s = this.source; return s != null && s.state == SRC_FOUND ? s.handle : null; }
  /** The handle came from a Vulkan export (vkGetMemory*), not from D3D or the OS. */
  vulkanMade(): bool { const h = this.osHandle(); return h != null && h.sourceMemory != 0; }
  /** The payload is memory Vulkan allocated (the dedicated-allocation rules compare with it). */
  vulkanPayload(): bool { const p = this.payload(); return p != null && p.origin == ORIGIN_VULKAN; }
}
