// The handle-type catalogue as plain data: the generated rows (src/generated/handle-types.ts, made from
// vk.xml and scripts/registry/handle-type-facts.mjs, the same source as the core's) in the words the
// public API and the explorer show.
import { HANDLE_TYPE_ROWS, type HandleTypeRow, type ImportOwnership, type ImportSize } from './generated/handle-types.js';

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

const SIZES: Record<ImportSize, HandleTypeInfo['allocationSize']> = {
  'match-export': 'must match the export',
  'match-d3d12-heap': 'must match the D3D12 heap',
  ignored: 'ignored (taken from the OS object)',
  'host-aligned': 'multiple of minImportedHostPointerAlignment',
  application: 'chosen by the application',
};
const OWNERSHIP: Record<ImportOwnership, string> = {
  driver: 'the implementation: a successful import takes the fd; do not close it',
  'app-closes': 'the application: the import does not take the handle; call CloseHandle when done',
  'no-reference': 'nobody: a global share handle holds no reference and is never closed',
  'app-keeps-memory': 'the application: keep the host memory alive and unchanged in place while the memory object exists',
  'app-keeps-object': 'the application keeps its own reference; the import takes another',
};

function info(r: HandleTypeRow): HandleTypeInfo {
  return {
    name: r.name,
    bit: r.bit,
    family: r.nv ? 'NV' : 'KHR',
    platform: r.platform,
    handle: r.handle,
    opaque: r.opaque,
    importByName: r.byName,
    allocationSize: SIZES[r.size],
    ownershipAfterImport: OWNERSHIP[r.ownership],
    exportsPerMemory: r.importOnly ? 'none (import only)' : r.oneExportPerMemory ? 'one (VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663)' : 'any number',
    dedicatedOnly: r.dedicatedOnly,
    mustMatch: r.uuids ? ['driverUUID', 'deviceUUID'] : [],
    counterpart: r.counterpart,
    producedBy: [...r.producers],
  };
}

/** The catalogue, KHR rows then NV rows, each by increasing bit (a fresh copy: callers may change it). */
export function readCatalogue(): HandleTypeInfo[] {
  return HANDLE_TYPE_ROWS.map(info);
}

/** The generated row of a catalogue entry (by its name and family). */
export function rowOf(t: Pick<HandleTypeInfo, 'name' | 'family'>): HandleTypeRow | undefined {
  return HANDLE_TYPE_ROWS.find((r) => r.name === t.name && r.nv === (t.family === 'NV'));
}

