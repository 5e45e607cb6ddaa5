// Can a device profile run a scenario? Read from the scenario itself (the extensions its vkCreateDevice
// enables, the handle types its allocations export and import, whether it uses D3D) plus its `requires`.
// The handle types are those of the core's description of each vkAllocateMemory (core/describe.ts), the
// same decoding a session hands the backend, so what is run and what is asked of a profile agree.
// A profile that cannot is reported as "not supported by this profile" rather than as a failure.
import type { NormalizedProfile } from '../profiles/types.js';
import type { Scenario } from '../input/scenario.js';
import type { Validator } from '../validator.js';
import type { DescribedItem } from '../generated/contract.js';
import { ENUMS } from '../generated/registry.js';
import { WIN32_KHR_TYPES } from '../generated/handle-types.js';
import { InputError } from '../core/errors.js';
import { obj, type Json } from './values.js';
import { withoutPlaceholders } from './placeholders.js';

const KHR = ENUMS.VkExternalMemoryHandleTypeFlagBits.values;
const NV = ENUMS.VkExternalMemoryHandleTypeFlagBitsNV.values;
const FEATURES = ENUMS.VkExternalMemoryFeatureFlagBits.values;
const D3D_CALLS = /^(D3D|IDXGI|ID3D12)/;

export interface Needs { platform?: 'windows' | 'linux'; extensions: Set<string>; handleTypes: number; handleTypesNV: number }

/** What the scenario needs; `v`'s core describes its allocations (its state is not touched). */
export function scenarioNeeds(sc: Scenario, v: Validator): Needs {
  const n: Needs = { platform: sc.requires?.platform, extensions: new Set(sc.requires?.extensions ?? []), handleTypes: 0, handleTypesNV: 0 };
  for (const t of sc.requires?.handleTypes ?? []) n.handleTypes |= KHR[t] ?? 0;
  // Handle types named in `requires` replace the ones the calls show (a misuse may use a type on
  // purpose that the device does not support).
  const inferTypes = !sc.requires?.handleTypes;
  for (const s of sc.steps) {
    if (s.kind === 'os' && D3D_CALLS.test(s.name)) n.platform ??= 'windows';
    if (s.kind !== 'vk') continue;
    // The names as written: the record keeps only the extensions the model tracks, and a profile must
    // offer every one the device is created with.
    if (s.name === 'vkCreateDevice') {
      const names = obj((s.args as Json).pCreateInfo).ppEnabledExtensionNames;
      if (Array.isArray(names)) for (const e of names) n.extensions.add(String(e));
    }
    if (s.name === 'vkAllocateMemory' && inferTypes) {
      for (const x of describedAsWritten(v, s)) {
        if (x.kind === 'EXPORT') n.handleTypes |= x.handleTypes;
        else if (x.kind === 'IMPORT_WIN32' || x.kind === 'IMPORT_FD' || x.kind === 'IMPORT_HOST') n.handleTypes |= x.handleType;
        else if (x.kind === 'EXPORT_NV') n.handleTypesNV |= x.handleTypes;
        else if (x.kind === 'IMPORT_WIN32_NV') n.handleTypesNV |= x.handleType;
      }
    }
  }
  if (n.handleTypes & WIN32_KHR_TYPES || n.handleTypesNV) n.platform ??= 'windows';
  return n;
}

/**
 * The core's description of a step as written, placeholders standing in as 0 (no call has answered
 * yet). A step the core refuses decides nothing here: running it reports the error, with its line.
 */
function describedAsWritten(v: Validator, step: Scenario['steps'][number]): DescribedItem[] {
  try {
    return v.prepare({ ...step, args: withoutPlaceholders(step.args as Json) }) ? v.describe() : [];
  } catch (e) {
    if (e instanceof InputError) return [];
    throw e;
  }
}

/** Why the profile cannot run the scenario, or null when it can (`v`'s core reads the scenario's calls). */
export function unsupportedReason(sc: Scenario, p: NormalizedProfile, v: Validator): string | null {
  return whyUnsupported(scenarioNeeds(sc, v), p);
}

/** Why a profile cannot meet a scenario's needs, or null when it can (one reading of a scenario for many profiles). */
export function whyUnsupported(n: Needs, p: NormalizedProfile): string | null {
  if (n.platform && n.platform !== p.platform) return `needs ${n.platform}; profile ${p.profile} is a ${p.platform} device`;
  const missing = [...n.extensions].filter((e) => !p.extensions.includes(e));
  if (missing.length) return `profile ${p.profile} does not offer ${missing.join(', ')}`;
  const offered = supportedTypes(p);
  const lacking = Object.entries(KHR).filter(([name, bit]) => !name.endsWith('_KHR') && n.handleTypes & bit && !(offered.khr & bit)).map(([name]) => name.replace('VK_EXTERNAL_MEMORY_HANDLE_TYPE_', '').replace(/_BIT(_EXT)?$/, ''));
  if (lacking.length) return `profile ${p.profile} supports no export or import of ${lacking.join(', ')}`;
  const lackingNV = Object.entries(NV).filter(([, bit]) => n.handleTypesNV & bit && !(offered.nv & bit)).map(([name]) => name.replace('VK_EXTERNAL_MEMORY_HANDLE_TYPE_', ''));
  if (lackingNV.length) return `profile ${p.profile} supports no NV export or import of ${lackingNV.join(', ')}`;
  return null;
}

/** Handle types some capability answer of the profile says can be exported or imported. */
export function supportedTypes(p: NormalizedProfile): { khr: number; nv: number } {
  let khr = 0, nv = 0;
  const EXPORT_IMPORT = FEATURES.VK_EXTERNAL_MEMORY_FEATURE_EXPORTABLE_BIT | FEATURES.VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT;
  for (const a of p.externalBuffer) if (a.externalMemoryFeatures & EXPORT_IMPORT) khr |= KHR[a.handleType] ?? 0;
  for (const a of p.externalImage) if (a.result === 'VK_SUCCESS' && (a.externalMemoryFeatures ?? 0) & EXPORT_IMPORT) khr |= KHR[a.handleType] ?? 0;
  for (const a of p.handleProperties) khr |= KHR[a.handleType] ?? 0;
  for (const a of p.externalImageNV ?? []) if (a.result === 'VK_SUCCESS' && (a.externalMemoryFeatures ?? 0) & EXPORT_IMPORT) nv |= a.handleTypes;
  return { khr, nv };
}
