// One resolution in progress: what was asked, what the state says about it, and the decisions taken so
// far (later decisions depend on earlier ones: the size on the dedicated target, the chain on all).
import { Device, Resource, Payload, OsHandle, ORIGIN_VULKAN } from '../state/objects';
import { ImportSource, SRC_FOUND } from '../rules/import-source';
import { DED_OPTIONAL, DED_NOT_APPLICABLE } from '../generated/contract';

// Which import structure carries the handle.
export const FAM_NONE: i32 = 0;
export const FAM_WIN32: i32 = 1; // VkImportMemoryWin32HandleInfoKHR
export const FAM_NV: i32 = 2; // VkImportMemoryWin32HandleInfoNV
export const FAM_FD: i32 = 3; // VkImportMemoryFdInfoKHR
export const FAM_HOST: i32 = 4; // VkImportMemoryHostPointerInfoEXT

export class Query {
  device: i32 = 0;
  process: i32 = 0;
  /** The KHR handle type (for NV imports, the KHR counterpart, as the validator maps it). */
  t: i64 = 0;
  /** The NV bit of an NV import, else 0. */
  nvBit: i64 = 0;
  handle: i64 = 0;
  name: i32 = 0;
  resource: i32 = 0;
  /** The rule that asks the capability answers to call the type importable (-1: none applies). */
  supportRule: i32 = -1;

  family: i32 = FAM_NONE;
  byName: bool = false;
  dev: Device | null = null;
  res: Resource | null = null;
  src: ImportSource | null = null;

  // Decisions.
  dedicated: i32 = DED_OPTIONAL;
  dedicatedTarget: Resource | null = null;
  /** A dedicated allocation is not required but worth having (prefersDedicatedAllocation). */
  dedicatedPreferred: bool = false;
  dedicatedRule: i32 = -1;
  nvDedicated: i32 = DED_NOT_APPLICABLE;
  nvTarget: Resource | null = null;
  nvRule: i32 = -1;
  /** The device mask the import must name, or -1 when the default mask is right. */
  deviceMask: i64 = -1;

  found(): bool { const s = this.src; return s != null && s.state == SRC_FOUND; }
  payload(): Payload | null { const s = this.src; return s != null && s.state == SRC_FOUND ? s.payload() : null; }
  osHandle(): OsHandle | null { const s = this.src; return s != null && s.state == SRC_FOUND ? s.handle : null; }
  /** The handle came from a Vulkan export (vkGetMemory*), not from D3D or the OS. */
  vulkanMade(): bool { const h = this.osHandle(); return h != null && h.sourceMemory != 0; }
  /** The payload is memory Vulkan allocated (the dedicated-allocation rules compare with it). */
  vulkanPayload(): bool { const p = this.payload(); return p != null && p.origin == ORIGIN_VULKAN; }
}
