// Implicit valid usage, derived by the generator from vk.xml: sType values, pNext allow-lists, enum and
// flag ranges, handle validity and parentage. No rule here is written by hand: this file says what each
// kind of check does; which checks run on which structure, with which member, handle type or mask, is
// written out in ../generated/implicit-checks.ts (scripts/registry/emit-implicit.mjs).
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
function init(): void {
  for (let i = 0; i < registry.IMPLICIT_COUNT; i++) {
    const kind = <i32>unchecked(registry.IMPLICIT_KIND[i]);
    ruleOf[i] = defRule(unchecked(registry.IMPLICIT_VUID[i]), TEMPLATE.get(kind), OPERANDS.get(kind));
    notEnabledRuleOf[i] = -1;
    if (kind == registry.IMPLICIT_PNEXT) notEnabledRuleOf[i] = defRule(unchecked(registry.IMPLICIT_VUID[i]), NOT_ENABLED_PNEXT, NOT_ENABLED_PNEXT_OPERANDS);
    else if (kind == registry.IMPLICIT_ENUM && unchecked(registry.IMPLICIT_ENUM_OF[i]) == registry.ENUM_IDX_VkExternalMemoryHandleTypeFlagBits) notEnabledRuleOf[i] = defRule(unchecked(registry.IMPLICIT_VUID[i]), NOT_ENABLED_ENUM, NOT_ENABLED_ENUM_OPERANDS);
  }
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
/** The call's device, looked up once per record (beginRecord starts each record afresh). */
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


function liveOfType(id: i64, htype: u8): bool {
  if (unchecked(registry.HANDLE_TRACKED[htype]) == 0) return true; // made by calls the model reads past
  const k = <i32>id;
  return objectKinds.has(k) && <u8>objectKinds.get(k) == htype;
}

/** A new record: its device is looked up again when a check first needs it. */
export function beginRecord(): void {
  deviceLooked = false;
  deviceOfCall = null;
}

// One function per kind of check. `i` is the check's index in the IMPLICIT_* tables (its rule is
// ruleOf[i], read only when it fails), `n` the node; the rest are constants the generated caller passes.

/** The structure carries the sType of its entry `e` (when it declares one). */
@inline export function sType(i: i32, n: i32, e: i32): void {
  const declared = nodeSType(n);
  const expected = <i64>unchecked(registry.STYPE_OF[e]);
  if (declared >= 0 && declared != expected) { report(unchecked(ruleOf[i]), n, -1); op(O_STYPE, declared); op(O_STYPE, expected); }
}

/** Every structure in the chain is one entry `e` allows, and one the device enabled. */
export function pNext(i: i32, n: i32, e: i32): void {
  const chain = chainOf(n);
  for (let k = 0; k < listLength(chain); k++) {
    const c = listNode(chain, k);
    const st = nodeSType(c);
    let ok = false;
    for (let a = unchecked(registry.PNEXT_BASE[e]); a < unchecked(registry.PNEXT_BASE[e + 1]); a++) if (<i64>unchecked(registry.PNEXT_ALLOWED[a]) == st) { ok = true; break; }
    if (!ok) { report(unchecked(ruleOf[i]), c, -1); op(O_STYPE, st); continue; }
    const dev = callDevice();
    const ce = nodeEntry(c);
    if (dev != null && !structEnabled(dev, ce)) { report(unchecked(notEnabledRuleOf[i]), c, -1); op(O_STYPE, st); op(O_EXTENSIONS, unchecked(registry.ENTRY_EXTENSIONS[ce])); op(O_VERSION, dev.apiVersion); }
  }
}

/** Each structure type appears once in the chain. */
export function unique(i: i32, n: i32): void {
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
    if (times > 1 && !seenBefore) { report(unchecked(ruleOf[i]), c, -1); op(O_STYPE, nodeSType(c)); op(O_INT, times); }
  }
}

/** The member is a value of its enum (index `enumIdx`), and a handle type the device enabled. */
export function enumValue(i: i32, n: i32, slot: i32, optional: bool, enumIdx: i32): void {
  if (!has(n, slot)) return;
  const v = get(n, slot);
  if (optional && v == 0) return;
  if (!validEnum(enumIdx, v)) { report(unchecked(ruleOf[i]), n, slot); op(O_MEMBER, v); return; }
  const nr = unchecked(notEnabledRuleOf[i]);
  const dev = nr >= 0 ? callDevice() : null;
  if (dev != null && v > 0 && (v & (v - 1)) == 0) {
    const bit = <i32>ctz(v);
    const needs = bit < 32 ? unchecked(registry.HANDLE_TYPE_EXTENSION[bit]) : 0;
    if (needs != 0 && !dev.has(needs)) { report(nr, n, slot); op(O_MEMBER, v); op(O_EXTENSIONS, needs); }
  }
}

/** The member sets only bits its flags type defines (`valid`). */
@inline export function flags(i: i32, n: i32, slot: i32, valid: i64): void {
  if (!has(n, slot)) return;
  const v = get(n, slot);
  const bad = v & ~valid;
  if (bad != 0) { report(unchecked(ruleOf[i]), n, slot); op(O_MEMBER, v); op(O_HEX, bad); }
}

/** The member sets at least one bit. */
@inline export function requiredBitmask(i: i32, n: i32, slot: i32): void {
  if (has(n, slot) && get(n, slot) == 0) report(unchecked(ruleOf[i]), n, slot);
}

/** The member is a live handle of type `htype` (or VK_NULL_HANDLE where `optional`). */
@inline export function handle(i: i32, n: i32, slot: i32, optional: bool, htype: u8): void {
  if (!has(n, slot)) return;
  const v = get(n, slot);
  if (v == 0) { if (!optional) { report(unchecked(ruleOf[i]), n, slot); op(O_OBJECT, 0); } return; }
  if (!liveOfType(v, htype)) { report(unchecked(ruleOf[i]), n, slot); op(O_OBJECT, v); }
}

/** The pointer member is not NULL (unless `optional`) and, for a plain pointer (`isPtr`), is a pointer value. */
@inline export function pointer(i: i32, n: i32, slot: i32, optional: bool, isPtr: bool): void {
  if (!optional && isNull(n, slot)) report(unchecked(ruleOf[i]), n, slot);
  else if (isPtr && has(n, slot) && get(n, slot) == NOT_POINTER) report(unchecked(ruleOf[i]), n, slot);
}

/** The array is given when its count (member `countSlot`, -1: none) is not 0, and holds live handles of type `htype` (0: not handles). */
export function array(i: i32, n: i32, slot: i32, optional: bool, countSlot: i32, htype: u8): void {
  const count = countSlot >= 0 ? get(n, countSlot) : 1;
  if (isNull(n, slot)) { if (count != 0 && !optional) { report(unchecked(ruleOf[i]), n, slot); op(O_OBJECT, 0); op(O_INT, 0); } return; }
  if (htype == 0) return;
  for (let k = 0; ; k++) {
    const el = element(n, slot, k);
    if (el < 0) break;
    const v = get(el, 0);
    if (!liveOfType(v, htype)) { report(unchecked(ruleOf[i]), n, slot); op(O_OBJECT, v); op(O_INT, k); }
  }
}

/** The handle member was created from the structure's first handle (its owner). */
@inline export function parent(i: i32, n: i32, slot: i32): void {
  const v = <i32>get(n, slot);
  const owner = <i32>get(n, 0);
  if (v == 0 || owner == 0 || !objectParents.has(v) || !objectKinds.has(owner)) return;
  const p = objectParents.get(v);
  if (p != owner) { report(unchecked(ruleOf[i]), n, slot); op(O_OBJECT, v); op(O_OBJECT, owner); op(O_OBJECT, p); }
}

/** The member holds a pointer value. */
@inline export function pointerValue(i: i32, n: i32, slot: i32): void {
  if (has(n, slot) && get(n, slot) == NOT_POINTER) report(unchecked(ruleOf[i]), n, slot);
}

/** All non-null handles of the structure (entry `e`) and of its handle arrays share one parent device. */
export function commonParent(i: i32, n: i32, e: i32): void {
  const rule = unchecked(ruleOf[i]);
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
