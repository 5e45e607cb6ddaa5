// Handle property queries: vkGetMemoryWin32HandlePropertiesKHR, vkGetMemoryFdPropertiesKHR,
// vkGetMemoryHostPointerPropertiesEXT. Their answers decide later memoryTypeIndex rules.
import * as registry from '../generated/registry';
import { defRule, defUndecidableRule } from '../core/catalogue';
import { report, undecidable, op } from '../core/findings';
import { O_HANDLE_TYPES, O_OSHANDLE, O_FD, O_HEX, O_SIZE } from '../generated/contract';
import { get, child, recProcess } from '../core/record';
import { findAnyWin32Handle, findFd, handlePropertyAnswers, propertyKey, devices, closedWorld } from '../state/world';
import * as handleTypes from '../catalogue/handle-types';
import { succeeded } from './context';
import * as reasons from './reasons';

const W32_HANDLE_00665 = defRule('VUID-vkGetMemoryWin32HandlePropertiesKHR-handle-00665',
  'handle {handle} is not a valid {handleType} memory handle in this process; the handle type it carries: {carriedType}.', 'handle handleType carriedType');
const W32_OPAQUE_00666 = defRule('VUID-vkGetMemoryWin32HandlePropertiesKHR-handleType-00666',
  'handleType is {handleType}; opaque handle types have no properties to query here (their memory type comes from the exporter).', 'handleType');
const FD_VALID_00673 = defRule('VUID-vkGetMemoryFdPropertiesKHR-fd-00673',
  'fd {fd} is not a valid {handleType} memory file descriptor in this process; the handle type it carries: {carriedType}.', 'fd handleType carriedType');
const FD_OPAQUE_00674 = defRule('VUID-vkGetMemoryFdPropertiesKHR-handleType-00674',
  'handleType is OPAQUE_FD; an opaque fd has no properties to query (import it with the exporter\'s size and memory type).');
const HOST_TYPE_01752 = defRule('VUID-vkGetMemoryHostPointerPropertiesEXT-handleType-01752',
  'handleType is {handleType}; this query takes HOST_ALLOCATION or HOST_MAPPED_FOREIGN_MEMORY.', 'handleType');
const HOST_ALIGN_01753 = defRule('VUID-vkGetMemoryHostPointerPropertiesEXT-pHostPointer-01753',
  'pHostPointer {hostPointer} is not a multiple of minImportedHostPointerAlignment ({alignment}).', 'hostPointer alignment');
defUndecidableRule('VUID-vkGetMemoryHostPointerPropertiesEXT-handleType-01754',
  'Whether pHostPointer refers to ordinary host memory is a property of the process\'s address space, which no trace or scenario records.');
defUndecidableRule('VUID-vkGetMemoryHostPointerPropertiesEXT-handleType-01755',
  'Whether pHostPointer refers to host-mapped foreign memory is a property of the process\'s address space, which no trace or scenario records.');

export function checkProperties(cmd: i32): void {
  const process = recProcess();
  if (cmd == registry.C_vkGetMemoryWin32HandlePropertiesKHR) {
    const t = get(0, registry.M_vkGetMemoryWin32HandlePropertiesKHR_handleType);
    const value = <i32>get(0, registry.M_vkGetMemoryWin32HandlePropertiesKHR_handle);
    if (handleTypes.isOpaque(t)) { report(W32_OPAQUE_00666, 0, registry.M_vkGetMemoryWin32HandlePropertiesKHR_handleType); op(O_HANDLE_TYPES, t); }
    // The handle must be one of handleType: the model knows the type of every handle the input made.
    const h = value > 0 ? findAnyWin32Handle(process, value) : null;
    const carried: i64 = h != null ? h.handleType : 0;
    if (value <= 0 || (h == null && closedWorld) || (h != null && !handleTypes.isOpaque(t) && h.handleType != t)) {
      report(W32_HANDLE_00665, 0, registry.M_vkGetMemoryWin32HandlePropertiesKHR_handle); op(O_OSHANDLE, value); op(O_HANDLE_TYPES, t); op(O_HANDLE_TYPES, carried);
    } else if (h == null) { undecidable(W32_HANDLE_00665, reasons.R_HANDLE_UNSEEN, 0, registry.M_vkGetMemoryWin32HandlePropertiesKHR_handle); op(O_OSHANDLE, value); }
  } else if (cmd == registry.C_vkGetMemoryFdPropertiesKHR) {
    const t = get(0, registry.M_vkGetMemoryFdPropertiesKHR_handleType);
    const fd = get(0, registry.M_vkGetMemoryFdPropertiesKHR_fd);
    if (t == registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT) report(FD_OPAQUE_00674, 0, registry.M_vkGetMemoryFdPropertiesKHR_handleType);
    const h = fd >= 0 ? findFd(process, fd) : null;
    const carried: i64 = h != null ? h.handleType : 0;
    if (fd < 0 || (h == null && closedWorld) || (h != null && t != registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT && h.handleType != t)) {
      report(FD_VALID_00673, 0, registry.M_vkGetMemoryFdPropertiesKHR_fd); op(O_FD, fd); op(O_HANDLE_TYPES, t); op(O_HANDLE_TYPES, carried);
    } else if (h == null) { undecidable(FD_VALID_00673, reasons.R_FD_UNSEEN, 0, registry.M_vkGetMemoryFdPropertiesKHR_fd); op(O_FD, fd); }
  } else if (cmd == registry.C_vkGetMemoryHostPointerPropertiesEXT) {
    const t = get(0, registry.M_vkGetMemoryHostPointerPropertiesEXT_handleType);
    const addr = get(0, registry.M_vkGetMemoryHostPointerPropertiesEXT_pHostPointer);
    if ((t & ~handleTypes.HOST_TYPES) != 0 || !handleTypes.isSingleBit(t)) { report(HOST_TYPE_01752, 0, registry.M_vkGetMemoryHostPointerPropertiesEXT_handleType); op(O_HANDLE_TYPES, t); }
    const id = <i32>get(0, 0);
    if (devices.has(id)) {
      const align = devices.get(id).physical.minImportedHostPointerAlignment;
      if (align > 0 && addr != -1 && addr % align != 0) { report(HOST_ALIGN_01753, 0, registry.M_vkGetMemoryHostPointerPropertiesEXT_pHostPointer); op(O_HEX, addr); op(O_SIZE, align); }
      else if (align <= 0) undecidable(HOST_ALIGN_01753, reasons.R_HOST_PROPS_UNKNOWN, 0, registry.M_vkGetMemoryHostPointerPropertiesEXT_pHostPointer);
    }
  }
}

export function applyProperties(cmd: i32, result: i64): void {
  if (!succeeded(result)) return;
  const device = <i32>get(0, 0);
  if (cmd == registry.C_vkGetMemoryWin32HandlePropertiesKHR) {
    const out = child(0, registry.M_vkGetMemoryWin32HandlePropertiesKHR_pMemoryWin32HandleProperties);
    if (out >= 0) handlePropertyAnswers.set(propertyKey(1, device, get(0, registry.M_vkGetMemoryWin32HandlePropertiesKHR_handle)), get(out, registry.M_VkMemoryWin32HandlePropertiesKHR_memoryTypeBits));
  } else if (cmd == registry.C_vkGetMemoryFdPropertiesKHR) {
    const out = child(0, registry.M_vkGetMemoryFdPropertiesKHR_pMemoryFdProperties);
    if (out >= 0) handlePropertyAnswers.set(propertyKey(2, device, get(0, registry.M_vkGetMemoryFdPropertiesKHR_fd)), get(out, registry.M_VkMemoryFdPropertiesKHR_memoryTypeBits));
  } else if (cmd == registry.C_vkGetMemoryHostPointerPropertiesEXT) {
    const out = child(0, registry.M_vkGetMemoryHostPointerPropertiesEXT_pMemoryHostPointerProperties);
    if (out >= 0) handlePropertyAnswers.set(propertyKey(3, device, get(0, registry.M_vkGetMemoryHostPointerPropertiesEXT_pHostPointer)), get(out, registry.M_VkMemoryHostPointerPropertiesEXT_memoryTypeBits));
  }
}
