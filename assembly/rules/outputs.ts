// What every successful call does, whatever its family: the objects it returned become live, each
// with its kind and its parent (the call's first handle), so later calls naming them can be judged.
import * as registry from '../generated/registry';
import { get } from '../core/record';
import { element } from '../core/chain-index';
import { objectKinds, objectParents } from '../state/world';

/** Objects a successful call created (output handles) become live, owned by the call's first handle. */
export function applyOutputs(cmd: i32): void {
  const slots = unchecked(registry.SLOT_COUNT[cmd]);
  const base = unchecked(registry.SLOT_BASE[cmd]);
  const owner = slots > 0 && unchecked(registry.SLOT_KIND[base]) == <u8>registry.K_HANDLE ? <i32>get(0, 0) : 0;
  for (let s = 0; s < slots; s++) {
    if (unchecked(registry.SLOT_OUT[base + s]) == 0) continue;
    const ht = unchecked(registry.SLOT_HTYPE[base + s]);
    if (ht == 0) continue;
    const kind = unchecked(registry.SLOT_KIND[base + s]);
    if (kind == <u8>registry.K_HANDLE) {
      const id = <i32>get(0, s);
      if (id != 0) { objectKinds.set(id, ht); objectParents.set(id, owner); }
    } else if (kind == <u8>registry.K_ARRAY) {
      for (let k = 0; ; k++) {
        const el = element(0, s, k);
        if (el < 0) break;
        const id = <i32>get(el, 0);
        if (id != 0) { objectKinds.set(id, ht); objectParents.set(id, owner); }
      }
    }
  }
  // Objects owned by a device are parented to it; physical devices and devices keep their creator.
  if (cmd == registry.C_vkCreateInstance) {
    const id = <i32>get(0, registry.M_vkCreateInstance_pInstance);
    if (id != 0) objectKinds.set(id, registry.H_VkInstance);
  }
}
