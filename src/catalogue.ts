// The handle-type catalogue as plain data, read from the core (the single place it is defined); the
// codes of its columns are the contract's, shown with the words generated beside them.
import { ENUMS } from './generated/registry.js';
import {
  PLATFORM_LABEL, PLATFORM_UNKNOWN, HANDLE_LABEL, HANDLE_UNKNOWN, IMPORT_SIZE_LABEL, IMPORT_SIZE_UNKNOWN, OWNERSHIP_LABEL, OWNERSHIP_UNKNOWN,
  IDENTITY_LABEL, IDENTITY_UNKNOWN, type HandleLabel, type ImportSizeLabel,
} from './generated/contract.js';
import { readString, type CoreExports } from './core/wasm.js';

export interface HandleTypeInfo {
  name: string;
  /** The enumerant value (a single bit). */
  bit: number;
  family: 'KHR' | 'NV';
  platform: string;
  /** What the handle is: NT handle, global share (KMT) handle, file descriptor, host pointer, or another platform object. */
  handle: HandleLabel;
  opaque: boolean;
  importByName: boolean;
  /** How allocationSize is chosen on import. */
  allocationSize: ImportSizeLabel;
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
    out.push({
      name: nameOf(bit, nv),
      bit,
      family: nv ? 'NV' : 'KHR',
      platform: PLATFORM_LABEL[core.handleTypePlatform(i)] ?? PLATFORM_UNKNOWN,
      handle: HANDLE_LABEL[core.handleTypeHandle(i)] ?? HANDLE_UNKNOWN,
      opaque: core.handleTypeOpaque(i) !== 0,
      importByName: core.handleTypeByName(i) !== 0,
      allocationSize: IMPORT_SIZE_LABEL[core.handleTypeSize(i)] ?? IMPORT_SIZE_UNKNOWN,
      ownershipAfterImport: OWNERSHIP_LABEL[core.handleTypeOwnership(i)] ?? OWNERSHIP_UNKNOWN,
      exportsPerMemory: importOnly ? 'none (import only)' : core.handleTypeOneExport(i) !== 0 ? 'one (VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663)' : 'any number',
      dedicatedOnly: core.handleTypeDedicatedOnly(i) !== 0,
      mustMatch: (IDENTITY_LABEL[core.handleTypeUuid(i)] ?? IDENTITY_UNKNOWN).split(' ').filter(Boolean),
      counterpart: cp ? nameOf(cp, !nv) : undefined,
      producedBy: readString(core.memory, core.handleTypeProducers(i)).split('|').filter(Boolean),
    });
  }
  return out;
}
