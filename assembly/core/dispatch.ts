// One path for every call: check the record against the rules with the current state, then apply it.
import * as g from '../generated/registry';
import { recEntry, recResult, recProcess, recCall, get, nodeCount, nodeEntry, nodeParent, nodeParentSlot, element, child } from './record';
import { clearFindings, closeFindings } from './findings';
import { checkImplicit } from '../rules/implicit';
import { applyInstance } from '../rules/instance';
import { checkCreate, applyResources } from '../rules/resources';
import { checkQuery, applyQuery } from '../rules/queries';
import { checkAllocate, applyAllocate } from '../rules/allocate';
import { checkExport, applyExport } from '../rules/export';
import { checkProperties, applyProperties } from '../rules/properties';
import { checkBind } from '../rules/bind';
import { checkSubmit } from '../rules/keyed-mutex';
import { applyModelCall, closeSourceOnFailure } from '../rules/os';
import { checkLifecycle } from '../rules/lifecycle';
import { succeeded } from '../rules/context';
import { callSucceeded } from './success';
import { VIA_PNEXT } from '../generated/contract';
import { devices, memories, objectKinds, objectParents, dropFd } from '../state/world';
import { OS_FD } from '../state/objects';

/**
 * Judges the record in the input buffer; with `apply`, the state then takes in what the call did.
 * The session checks a call before a backend runs it (apply = false), then applies it with the
 * backend's outputs filled in; traces do both at once.
 */
export function processRecord(apply: bool): i32 {
  clearFindings();
  const cmd = recEntry();
  const result = recResult();
  checkImplicit();
  if (cmd == g.C_vkAllocateMemory) {
    const devId = <i32>get(0, 0);
    const imp = checkAllocate(devices.has(devId) ? devices.get(devId) : null);
    if (!apply || !callSucceeded(cmd, result)) return closeFindings();
    registerOutputs(cmd, result);
    applyAllocate(result, imp);
    // A successful fd import hands the fd to the driver; the application no longer owns it.
    const src = imp.source;
    if (src != null && succeeded(result)) {
      const h = src.handle;
      if (h != null && h.kind == OS_FD) {
        const ai = child(0, g.M_vkAllocateMemory_pAllocateInfo);
        const fdNode = chainedFd(ai);
        if (fdNode >= 0) dropFd(recProcess(), get(fdNode, g.M_VkImportMemoryFdInfoKHR_fd), recCall(), true);
      }
    }
    return closeFindings();
  }
  if (cmd == g.C_vkCreateBuffer || cmd == g.C_vkCreateImage) checkCreate(cmd);
  else if (cmd == g.C_vkGetPhysicalDeviceExternalBufferProperties || cmd == g.C_vkGetPhysicalDeviceExternalImageFormatPropertiesNV) checkQuery(cmd);
  else if (cmd == g.C_vkGetMemoryWin32HandleKHR || cmd == g.C_vkGetMemoryWin32HandleNV || cmd == g.C_vkGetMemoryFdKHR) checkExport(cmd);
  else if (cmd == g.C_vkGetMemoryWin32HandlePropertiesKHR || cmd == g.C_vkGetMemoryFdPropertiesKHR || cmd == g.C_vkGetMemoryHostPointerPropertiesEXT) checkProperties(cmd);
  else if (cmd == g.C_vkBindBufferMemory || cmd == g.C_vkBindImageMemory || cmd == g.C_vkBindBufferMemory2 || cmd == g.C_vkBindImageMemory2) checkBind(cmd);
  else if (cmd == g.C_vkQueueSubmit) checkSubmit();
  else if (cmd >= g.C_CloseHandle && cmd <= g.C_ExitProcess) checkLifecycle(cmd);
  if (!apply) return closeFindings();
  // A capability query that failed is an answer too (VK_ERROR_FORMAT_NOT_SUPPORTED: not supported).
  applyQuery(cmd, result);
  // Any other call that failed changed nothing (one exception: DuplicateHandle closes its source when
  // asked to, whether or not it succeeds).
  if (!callSucceeded(cmd, result)) {
    if (cmd == g.C_DuplicateHandle) closeSourceOnFailure();
    return closeFindings();
  }

  registerOutputs(cmd, result);
  applyInstance(cmd, result);
  applyResources(cmd, result);
  applyExport(cmd, result);
  applyProperties(cmd, result);
  if (cmd == g.C_vkFreeMemory) {
    const id = <i32>get(0, g.M_vkFreeMemory_memory);
    if (memories.has(id)) memories.get(id).payload.unref(recCall());
    memories.delete(id); objectKinds.delete(id); objectParents.delete(id);
  }
  if (cmd >= g.C_CloseHandle && cmd <= g.C_ExitProcess) applyModelCall(cmd, result);
  return closeFindings();
}

function chainedFd(ai: i32): i32 {
  const count = nodeCount();
  for (let i = ai + 1; i < count; i++) if (nodeParent(i) == ai && nodeParentSlot(i) == VIA_PNEXT && nodeEntry(i) == g.S_VkImportMemoryFdInfoKHR) return i;
  return -1;
}

/** Objects a successful call created (output handles) become live, owned by the call's first handle. */
function registerOutputs(cmd: i32, result: i64): void {
  if (!succeeded(result)) return;
  const slots = unchecked(g.SLOT_COUNT[cmd]);
  const base = unchecked(g.SLOT_BASE[cmd]);
  const owner = slots > 0 && unchecked(g.SLOT_KIND[base]) == <u8>g.K_HANDLE ? <i32>get(0, 0) : 0;
  for (let s = 0; s < slots; s++) {
    if (unchecked(g.SLOT_OUT[base + s]) == 0) continue;
    const ht = unchecked(g.SLOT_HTYPE[base + s]);
    if (ht == 0) continue;
    const kind = unchecked(g.SLOT_KIND[base + s]);
    if (kind == <u8>g.K_HANDLE) {
      const id = <i32>get(0, s);
      if (id != 0) { objectKinds.set(id, ht); objectParents.set(id, owner); }
    } else if (kind == <u8>g.K_ARRAY) {
      for (let k = 0; ; k++) {
        const el = element(0, s, k);
        if (el < 0) break;
        const id = <i32>get(el, 0);
        if (id != 0) { objectKinds.set(id, ht); objectParents.set(id, owner); }
      }
    }
  }
  // Objects owned by a device are parented to it; physical devices and devices keep their creator.
  if (cmd == g.C_vkCreateInstance) {
    const id = <i32>get(0, g.M_vkCreateInstance_pInstance);
    if (id != 0) objectKinds.set(id, g.H_VkInstance);
  }
}
