// The handle-type catalogue as plain data, read from the core (the single place it is defined).
import { ENUMS } from './generated/registry.js';
import { readString, type CoreExports } from './core/wasm.js';

export interface HandleTypeInfo {
  name: string;
  /** The enumerant value (a single bit). */
  bit: number;
  family: 'KHR' | 'NV';
  platform: string;
  /** What the handle is: NT handle, global share (KMT) handle, file descriptor, host pointer, or another platform object. */
  handle: 'NT' | 'KMT' | 'fd' | 'host pointer' | 'platform object';
  opaque: boolean;
  importByName: boolean;
  /** How allocationSize is chosen on import. */
  allocationSize: 'must match the export' | 'must match the D3D12 heap' | 'ignored (taken from the OS object)' | 'multiple of minImportedHostPointerAlignment' | 'chosen by the application';
  /** Who owns the handle after a successful import. */
  ownershipAfterImport: string;
  /** How many vkGet…Handle exports one memory object allows for this type. */
  exportsPerMemory: 'one (VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663)' | 'any number' | 'none (import only)';
  /** Every implementation reports the type DEDICATED_ONLY: an import is always a dedicated allocation. */
  dedicatedOnly: boolean;
  /** Which identity must match between the exporting and importing device. */
  mustMatch: string[];
  /** The type of the other family (NV <-> KHR), if any. */
  counterpart?: string;
  producedBy: string[];
}

const PLATFORMS = ['', 'Windows', 'POSIX', 'Linux', 'any', 'Android', 'Fuchsia', 'QNX', 'Apple', 'OpenHarmony'];
const HANDLES: HandleTypeInfo['handle'][] = ['platform object', 'NT', 'KMT', 'fd', 'host pointer', 'platform object'];
const SIZES: HandleTypeInfo['allocationSize'][] = ['chosen by the application', 'must match the export', 'must match the D3D12 heap', 'ignored (taken from the OS object)', 'multiple of minImportedHostPointerAlignment', 'chosen by the application'];
const OWNERSHIP = [
  '',
  'the implementation: a successful import takes the fd; do not close it',
  'the application: the import does not take the handle; call CloseHandle when done',
  'nobody: a global share handle holds no reference and is never closed',
  'the application: keep the host memory alive and unchanged in place while the memory object exists',
  'the application keeps its own reference; the import takes another',
];

function nameOf(bit: number, nv: boolean): string {
  const t = ENUMS[nv ? 'VkExternalMemoryHandleTypeFlagBitsNV' : 'VkExternalMemoryHandleTypeFlagBits'].values;
  const names = Object.entries(t).filter(([, v]) => v === bit).map(([n]) => n);
  return names.find((n) => !/_KHR$/.test(n)) ?? names[0] ?? `0x${bit.toString(16)}`;
}

export function readCatalogue(core: CoreExports): HandleTypeInfo[] {
  const out: HandleTypeInfo[] = [];
  for (let i = 0, n = core.handleTypeCount(); i < n; i++) {
    const bit = Number(core.handleTypeBit(i));
    const nv = core.handleTypeIsNV(i) !== 0;
    const cp = Number(core.handleTypeCounterpart(i));
    const importOnly = core.handleTypeImportOnly(i) !== 0;
    const uuid = core.handleTypeUuid(i);
    out.push({
      name: nameOf(bit, nv),
      bit,
      family: nv ? 'NV' : 'KHR',
      platform: PLATFORMS[core.handleTypePlatform(i)] ?? '?',
      handle: HANDLES[core.handleTypeHandle(i)] ?? 'platform object',
      opaque: core.handleTypeOpaque(i) !== 0,
      importByName: core.handleTypeByName(i) !== 0,
      allocationSize: SIZES[core.handleTypeSize(i)] ?? 'chosen by the application',
      ownershipAfterImport: OWNERSHIP[core.handleTypeOwnership(i)] ?? '',
      exportsPerMemory: importOnly ? 'none (import only)' : core.handleTypeOneExport(i) !== 0 ? 'one (VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663)' : 'any number',
      dedicatedOnly: core.handleTypeDedicatedOnly(i) !== 0,
      mustMatch: uuid === 3 ? ['driverUUID', 'deviceUUID'] : [],
      counterpart: cp ? nameOf(cp, !nv) : undefined,
      producedBy: readString(core.memory, core.handleTypeProducers(i)).split('|').filter(Boolean),
    });
  }
  return out;
}
