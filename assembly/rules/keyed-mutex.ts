// Keyed mutexes on queue submission: only memory imported from D3D11 textures has one.
import * as registry from '../generated/registry';
import { defRule } from '../core/catalogue';
import { report, op } from '../core/findings';
import { O_OBJECT, O_HANDLE_TYPES } from '../generated/contract';
import { get } from '../core/record';
import { element, chained } from '../core/chain-index';
import { memories } from '../state/world';
import { KEYED_MUTEX_TYPES } from '../catalogue/handle-types';

const KEYED_00081 = defRule('VUID-VkWin32KeyedMutexAcquireReleaseInfoKHR-pAcquireSyncs-00081',
  'memory {memory} was imported as {importType} (0: not imported); keyed-mutex synchronization applies only to memory imported as D3D11_TEXTURE or D3D11_TEXTURE_KMT.', 'memory importType');

export function checkSubmit(): void {
  for (let k = 0; ; k++) {
    const si = element(0, registry.M_vkQueueSubmit_pSubmits, k);
    if (si < 0) break;
    const km = chained(si, registry.S_VkWin32KeyedMutexAcquireReleaseInfoKHR);
    if (km < 0) continue;
    checkList(km, registry.M_VkWin32KeyedMutexAcquireReleaseInfoKHR_pAcquireSyncs);
    checkList(km, registry.M_VkWin32KeyedMutexAcquireReleaseInfoKHR_pReleaseSyncs);
  }
}

function checkList(km: i32, slot: i32): void {
  for (let j = 0; ; j++) {
    const el = element(km, slot, j);
    if (el < 0) break;
    const id = <i32>get(el, 0);
    if (!memories.has(id)) continue;
    const m = memories.get(id);
    if ((m.importType & KEYED_MUTEX_TYPES) == 0 || m.importedNV) {
      report(KEYED_00081, km, slot); op(O_OBJECT, id); op(O_HANDLE_TYPES, m.importType);
    }
  }
}
