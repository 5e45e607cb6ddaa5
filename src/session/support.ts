// Can a device profile run a scenario? Read from the scenario itself (the extensions its vkCreateDevice
// enables, the handle types its calls export and import, whether it uses D3D) plus its `requires`.
// A profile that cannot is reported as "not supported by this profile" rather than as a failure.
import type { NormalizedProfile } from '../profiles/types.js';
import type { Scenario } from '../input/scenario.js';
import { ENUMS } from '../generated/registry.js';
import { WIN32_KHR_TYPES } from '../generated/handle-types.js';
import { num, obj, chained, type Json } from './values.js';

const KHR = ENUMS.VkExternalMemoryHandleTypeFlagBits.values;
const NV = ENUMS.VkExternalMemoryHandleTypeFlagBitsNV.values;
const FEATURES = ENUMS.VkExternalMemoryFeatureFlagBits.values;
const D3D_CALLS = /^(D3D|IDXGI|ID3D12)/;

export interface Needs { platform?: 'windows' | 'linux'; extensions: Set<string>; handleTypes: number; handleTypesNV: number }

export function scenarioNeeds(sc: Scenario): Needs {
  const n: Needs = { platform: sc.requires?.platform, extensions: new Set(sc.requires?.extensions ?? []), handleTypes: 0, handleTypesNV: 0 };
  for (const t of sc.requires?.handleTypes ?? []) n.handleTypes |= KHR[t] ?? 0;
  // Handle types named in `requires` replace the ones the calls show (a misuse may use a type on
  // purpose that the device does not support).
  const inferTypes = !sc.requires?.handleTypes;
  for (const s of sc.steps) {
    const a = s.args as Json;
    if (s.kind === 'os' && D3D_CALLS.test(s.name)) n.platform ??= 'windows';
    if (s.kind !== 'vk') continue;
    try {
      if (s.name === 'vkCreateDevice') for (const e of (obj(a.pCreateInfo).ppEnabledExtensionNames as unknown[]) ?? []) n.extensions.add(String(e));
      if (s.name === 'vkAllocateMemory' && inferTypes) {
        const ai = obj(a.pAllocateInfo);
        for (const st of ['VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO']) { const x = chained(ai, st); if (x) n.handleTypes |= num(x.handleTypes); }
        for (const st of ['VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_KHR', 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR', 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_HOST_POINTER_INFO_EXT']) { const x = chained(ai, st); if (x) n.handleTypes |= num(x.handleType); }
        const e = chained(ai, 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO_NV'); if (e) n.handleTypesNV |= num(e.handleTypes);
        const i = chained(ai, 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_NV'); if (i) n.handleTypesNV |= num(i.handleType);
      }
    } catch {
      // A malformed member is the validator's to report, with its line; it decides nothing here.
    }
  }
  if (n.handleTypes & WIN32_KHR_TYPES || n.handleTypesNV) n.platform ??= 'windows';
  return n;
}

/** Why the profile cannot run the scenario, or null when it can. */
export function unsupportedReason(sc: Scenario, p: NormalizedProfile): string | null {
  const n = scenarioNeeds(sc);
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
