// Implicit valid usage, driven by the tables the generator derives from vk.xml: sType values, pNext
// allow-lists, enum and flag ranges, handle validity and parentage. No rule here is written by hand.
import * as registry from '../generated/registry';
import { defRule } from '../core/catalogue';
import { report, op } from '../core/findings';
import {
  O_STYPE, O_MEMBER, O_HEX, O_OBJECT, O_INT, O_EXTENSIONS, O_VERSION, VIA_PNEXT, NOT_POINTER,
} from '../generated/contract';
import { nodeCount, nodeEntry, nodeSType, nodeParent, nodeParentSlot, get, has, isNull, recEntry } from '../core/record';
import { element, chainOf, listLength, listNode } from '../core/chain-index';
import { objectKinds, objectParents, devices } from '../state/world';
import { Device } from '../state/objects';

// Per implicit check kind: the message and, beside it, the operands the check pushes (core/catalogue.ts).
const TEMPLATE = new Map<i32, string>();
const OPERANDS = new Map<i32, string>();
function template(kind: i32, text: string, operands: string = ''): void { TEMPLATE.set(kind, text); OPERANDS.set(kind, operands); }
template(registry.IMPLICIT_STYPE, 'sType is {sType}, but this structure must carry {expectedSType}.', 'sType expectedSType');
template(registry.IMPLICIT_PNEXT, '{structure} is not a structure this pNext chain may hold.', 'structure');
template(registry.IMPLICIT_UNIQUE, '{structure} appears {times} times in this pNext chain; each structure type may appear only once.', 'structure times');
template(registry.IMPLICIT_ENUM, '{path} is {value}, which is not a value of {type}.', 'value');
template(registry.IMPLICIT_FLAGS, '{path} is {value}; bits {undefinedBits} are not defined for {type}.', 'value undefinedBits');
template(registry.IMPLICIT_REQUIREDBITMASK, '{path} is 0; at least one bit must be set.');
template(registry.IMPLICIT_HANDLE, '{path} is {handle}, which is not a live {type} handle at this point.', 'handle');
template(registry.IMPLICIT_POINTER, '{path} is NULL, but it must point to valid memory here.');
template(registry.IMPLICIT_ARRAY, '{path}[{index}] is {handle}: the array must be given (its count is not 0) and every element must be a live {type} handle.', 'handle index');
template(registry.IMPLICIT_PARENT, '{path} is {handle}, which was created from {parent}, not from {owner}.', 'handle owner parent');
template(registry.IMPLICIT_COMMONPARENT, '{first} and {second} must come from the same device, but belong to {firstParent} and {secondParent}.', 'first second firstParent secondParent');
template(registry.IMPLICIT_PTRVALUE, '{path} is not a pointer value.');

/** Rule id of implicit check i. */
const ruleOf = new StaticArray<i32>(registry.IMPLICIT_COUNT);
/**
 * The same VUIDs for what the spec says of extensions: a structure (pNext checks) or an enumerant
 * (handle-type enum checks) that an extension defines is valid only when the device enabled that
 * extension or its API version includes the structure. -1 where it does not apply.
 */
const notEnabledRuleOf = new StaticArray<i32>(registry.IMPLICIT_COUNT);
const NOT_ENABLED_PNEXT = '{structure} belongs to {extensions}, which this device was not created with (VkDeviceCreateInfo::ppEnabledExtensionNames), and its API version {apiVersion} does not include it.';
const NOT_ENABLED_PNEXT_OPERANDS = 'structure extensions apiVersion';
const NOT_ENABLED_ENUM = '{path} is {value}, a handle type of {extensions}, which this device was not created with (VkDeviceCreateInfo::ppEnabledExtensionNames).';
const NOT_ENABLED_ENUM_OPERANDS = 'value extensions';
/**
 * Whether implicit check i of entry e judges what the application passed in. An output member holds
 * what the call returned, so only its pointer is judged: the other checks of outputs are left out of
 * the per-entry lists once, rather than skipped on every call.
 */
function judgesInput(i: i32, e: i32): bool {
  const slot = unchecked(registry.IMPLICIT_SLOT[i]);
  if (slot < 0 || unchecked(registry.IMPLICIT_KIND[i]) == registry.IMPLICIT_POINTER) return true;
  return unchecked(registry.SLOT_OUT[registry.SLOT_BASE[e] + slot]) == 0;
}

/** Checks per entry: BY_ENTRY[ENTRY_START[e] .. ENTRY_START[e+1]). */
const entryStart = new StaticArray<i32>(registry.ENTRY_COUNT + 1);
const byEntry = new StaticArray<i32>(registry.IMPLICIT_COUNT);

function init(): void {
  for (let i = 0; i < registry.IMPLICIT_COUNT; i++) {
    const kind = <i32>unchecked(registry.IMPLICIT_KIND[i]);
    ruleOf[i] = defRule(unchecked(registry.IMPLICIT_VUID[i]), TEMPLATE.get(kind), OPERANDS.get(kind));
    notEnabledRuleOf[i] = -1;
    if (kind == registry.IMPLICIT_PNEXT) notEnabledRuleOf[i] = defRule(unchecked(registry.IMPLICIT_VUID[i]), NOT_ENABLED_PNEXT, NOT_ENABLED_PNEXT_OPERANDS);
    else if (kind == registry.IMPLICIT_ENUM && unchecked(registry.IMPLICIT_ENUM_OF[i]) == registry.ENUM_IDX_VkExternalMemoryHandleTypeFlagBits) notEnabledRuleOf[i] = defRule(unchecked(registry.IMPLICIT_VUID[i]), NOT_ENABLED_ENUM, NOT_ENABLED_ENUM_OPERANDS);
  }
  let k = 0;
  for (let e = 0; e < registry.ENTRY_COUNT; e++) {
    entryStart[e] = k;
    for (let i = 0; i < registry.IMPLICIT_COUNT; i++) if (unchecked(registry.IMPLICIT_ENTRY[i]) == e && judgesInput(i, e)) byEntry[k++] = i;
  }
  entryStart[registry.ENTRY_COUNT] = k;
}
init();

/**
 * The device a device-level call runs on, when the input created it (its enabled extensions and API
 * version are then known). Physical-device queries depend on the instance's extensions, which the
 * model does not track, and vkCreateDevice enables what its own chain uses: neither is judged.
 */
function callDevice(): Device | null {
  if (!deviceLooked) {
    deviceLooked = true;
    deviceOfCall = lookUpCallDevice();
  }
  return deviceOfCall;
}
/** The call's device, looked up once per record (checkImplicit starts each record afresh). */
let deviceLooked = false;
let deviceOfCall: Device | null = null;
function lookUpCallDevice(): Device | null {
  const e = recEntry();
  if (e == registry.C_vkCreateDevice || unchecked(registry.SLOT_COUNT[e]) == 0) return null;
  if (unchecked(registry.SLOT_HTYPE[registry.SLOT_BASE[e]]) != registry.H_VkDevice) return null;
  const id = <i32>get(0, 0);
  return devices.has(id) ? devices.get(id) : null;
}

/** A structure is usable when one of the extensions defining it is enabled, or the device's version includes it. */
function structEnabled(dev: Device, entry: i32): bool {
  const mask = unchecked(registry.ENTRY_EXTENSIONS[entry]);
  if (mask == 0) return true;
  const version = unchecked(registry.ENTRY_VERSION[entry]);
  if (version != 0 && dev.apiVersion >= version) return true;
  return dev.has(mask);
}

function validEnum(enumIdx: i32, v: i64): bool {
  for (let j = unchecked(registry.ENUM_BASE[enumIdx]); j < unchecked(registry.ENUM_BASE[enumIdx + 1]); j++) if (unchecked(registry.ENUM_VALUES[j]) == v) return true;
  return false;
}

function handleType(entry: i32, slot: i32): u8 { return unchecked(registry.SLOT_HTYPE[registry.SLOT_BASE[entry] + slot]); }

function liveOfType(id: i64, htype: u8): bool {
  if (unchecked(registry.HANDLE_TRACKED[htype]) == 0) return true; // made by calls the model reads past
  const k = <i32>id;
  return objectKinds.has(k) && <u8>objectKinds.get(k) == htype;
}

/** Runs every implicit check that applies to the record's nodes. */
export function checkImplicit(): void {
  deviceLooked = false;
  deviceOfCall = null;
  const count = nodeCount();
  for (let n = 0; n < count; n++) {
    const e = nodeEntry(n);
    for (let j = unchecked(entryStart[e]); j < unchecked(entryStart[e + 1]); j++) runCheck(unchecked(byEntry[j]), n, e);
  }
}

function runCheck(i: i32, n: i32, e: i32): void {
  const kind = <i32>unchecked(registry.IMPLICIT_KIND[i]);
  const slot = unchecked(registry.IMPLICIT_SLOT[i]);
  const rule = unchecked(ruleOf[i]);
  const optional = unchecked(registry.IMPLICIT_OPTIONAL[i]) != 0;
  if (kind == registry.IMPLICIT_STYPE) {
    const declared = nodeSType(n);
    if (declared >= 0 && declared != <i64>unchecked(registry.STYPE_OF[e])) { report(rule, n, -1); op(O_STYPE, declared); op(O_STYPE, unchecked(registry.STYPE_OF[e])); }
  } else if (kind == registry.IMPLICIT_PNEXT) {
    const chain = chainOf(n);
    for (let k = 0; k < listLength(chain); k++) {
      const c = listNode(chain, k);
      const st = nodeSType(c);
      let ok = false;
      for (let a = unchecked(registry.PNEXT_BASE[e]); a < unchecked(registry.PNEXT_BASE[e + 1]); a++) if (<i64>unchecked(registry.PNEXT_ALLOWED[a]) == st) { ok = true; break; }
      if (!ok) { report(rule, c, -1); op(O_STYPE, st); continue; }
      const dev = callDevice();
      const ce = nodeEntry(c);
      if (dev != null && !structEnabled(dev, ce)) { report(unchecked(notEnabledRuleOf[i]), c, -1); op(O_STYPE, st); op(O_EXTENSIONS, unchecked(registry.ENTRY_EXTENSIONS[ce])); op(O_VERSION, dev.apiVersion); }
    }
  } else if (kind == registry.IMPLICIT_UNIQUE) {
    // By declared sType, not by entry: structures the model does not know are all one entry.
    const chain = chainOf(n);
    const length = listLength(chain);
    for (let k = 0; k < length; k++) {
      const c = listNode(chain, k);
      let seenBefore = false;
      let times = 0;
      for (let j = 0; j < length; j++) {
        const d = listNode(chain, j);
        if (nodeSType(d) != nodeSType(c)) continue;
        if (j < k) seenBefore = true;
        times++;
      }
      if (times > 1 && !seenBefore) { report(rule, c, -1); op(O_STYPE, nodeSType(c)); op(O_INT, times); }
    }
  } else if (kind == registry.IMPLICIT_ENUM) {
    if (!has(n, slot)) return;
    const v = get(n, slot);
    if (optional && v == 0) return;
    if (!validEnum(unchecked(registry.IMPLICIT_ENUM_OF[i]), v)) { report(rule, n, slot); op(O_MEMBER, v); return; }
    const nr = unchecked(notEnabledRuleOf[i]);
    const dev = nr >= 0 ? callDevice() : null;
    if (dev != null && v > 0 && (v & (v - 1)) == 0) {
      const bit = <i32>ctz(v);
      const needs = bit < 32 ? unchecked(registry.HANDLE_TYPE_EXTENSION[bit]) : 0;
      if (needs != 0 && !dev.has(needs)) { report(nr, n, slot); op(O_MEMBER, v); op(O_EXTENSIONS, needs); }
    }
  } else if (kind == registry.IMPLICIT_FLAGS) {
    if (!has(n, slot)) return;
    const v = get(n, slot);
    const bad = v & ~unchecked(registry.ENUM_MASK[registry.IMPLICIT_ENUM_OF[i]]);
    if (bad != 0) { report(rule, n, slot); op(O_MEMBER, v); op(O_HEX, bad); }
  } else if (kind == registry.IMPLICIT_REQUIREDBITMASK) {
    if (has(n, slot) && get(n, slot) == 0) report(rule, n, slot);
  } else if (kind == registry.IMPLICIT_HANDLE) {
    if (!has(n, slot)) return;
    const v = get(n, slot);
    if (v == 0) { if (!optional) { report(rule, n, slot); op(O_OBJECT, 0); } return; }
    if (!liveOfType(v, handleType(e, slot))) { report(rule, n, slot); op(O_OBJECT, v); }
  } else if (kind == registry.IMPLICIT_POINTER) {
    if (!optional && isNull(n, slot)) report(rule, n, slot);
    else if (has(n, slot) && get(n, slot) == NOT_POINTER && unchecked(registry.SLOT_KIND[registry.SLOT_BASE[e] + slot]) == <u8>registry.K_PTR) report(rule, n, slot);
  } else if (kind == registry.IMPLICIT_ARRAY) {
    const countSlot = unchecked(registry.IMPLICIT_COUNT_SLOT[i]);
    const count = countSlot >= 0 ? get(n, countSlot) : 1;
    if (isNull(n, slot)) { if (count != 0 && !optional) { report(rule, n, slot); op(O_OBJECT, 0); op(O_INT, 0); } return; }
    const ht = handleType(e, slot);
    if (ht == 0) return;
    for (let k = 0; ; k++) {
      const el = element(n, slot, k);
      if (el < 0) break;
      const v = get(el, 0);
      if (!liveOfType(v, ht)) { report(rule, n, slot); op(O_OBJECT, v); op(O_INT, k); }
    }
  } else if (kind == registry.IMPLICIT_PARENT) {
    const v = <i32>get(n, slot);
    const owner = <i32>get(n, 0);
    if (v == 0 || owner == 0 || !objectParents.has(v) || !objectKinds.has(owner)) return;
    const parent = objectParents.get(v);
    if (parent != owner) { report(rule, n, slot); op(O_OBJECT, v); op(O_OBJECT, owner); op(O_OBJECT, parent); }
  } else if (kind == registry.IMPLICIT_COMMONPARENT) {
    checkCommonParent(rule, n, e);
  } else if (kind == registry.IMPLICIT_PTRVALUE) {
    if (has(n, slot) && get(n, slot) == NOT_POINTER) report(rule, n, slot);
  }
}

/** All non-null handles of the structure (and its handle arrays) must share one parent device. */
function checkCommonParent(rule: i32, n: i32, e: i32): void {
  let firstObj: i32 = 0;
  let firstParent: i32 = 0;
  const slots = unchecked(registry.SLOT_COUNT[e]);
  for (let s = 0; s < slots; s++) {
    const k = unchecked(registry.SLOT_KIND[registry.SLOT_BASE[e] + s]);
    if (k == <u8>registry.K_HANDLE) {
      if (compare(rule, n, <i32>get(n, s), firstObj, firstParent)) return;
      if (firstObj == 0 && get(n, s) != 0 && objectParents.has(<i32>get(n, s))) { firstObj = <i32>get(n, s); firstParent = objectParents.get(firstObj); }
    } else if (k == <u8>registry.K_ARRAY && unchecked(registry.SLOT_HTYPE[registry.SLOT_BASE[e] + s]) != 0) {
      for (let j = 0; ; j++) {
        const el = element(n, s, j);
        if (el < 0) break;
        const v = <i32>get(el, 0);
        if (compare(rule, n, v, firstObj, firstParent)) return;
        if (firstObj == 0 && v != 0 && objectParents.has(v)) { firstObj = v; firstParent = objectParents.get(v); }
      }
    }
  }
}

function compare(rule: i32, n: i32, v: i32, firstObj: i32, firstParent: i32): bool {
  if (v == 0 || firstObj == 0 || !objectParents.has(v)) return false;
  const p = objectParents.get(v);
  if (p == firstParent) return false;
  report(rule, n, -1); op(O_OBJECT, firstObj); op(O_OBJECT, v); op(O_OBJECT, firstParent); op(O_OBJECT, p);
  return true;
}
