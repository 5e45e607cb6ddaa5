// Capability queries: their own valid usage, and remembering what the driver answered.
import * as registry from '../generated/registry';
import { defRule } from '../core/catalogue';
import { report, op } from '../core/findings';
import { O_HEX, O_HANDLE_TYPES_NV, RESULT_UNKNOWN } from '../generated/contract';
import { get, has, child } from '../core/record';
import { chained } from '../core/chain-index';
import { physical } from '../state/world';
import { ExternalProps } from '../state/objects';
import { bufferKey, imageKey } from './keys';
import { isSingleBit } from '../catalogue/handle-types';
import { noteAnswer } from './support';

const BUFFER_USAGE_09499 = defRule('VUID-VkPhysicalDeviceExternalBufferInfo-None-09499',
  'usage is {usage}, which holds bits {undefinedBits} that are not VkBufferUsageFlagBits; without a VkBufferUsageFlags2CreateInfo in the chain, usage must use only defined bits.', 'usage undefinedBits');
const BUFFER_USAGE_09500 = defRule('VUID-VkPhysicalDeviceExternalBufferInfo-None-09500',
  'usage is 0; without a VkBufferUsageFlags2CreateInfo in the chain, at least one VkBufferUsageFlagBits bit must be set.');
const NV_SINGLE_07721 = defRule('VUID-vkGetPhysicalDeviceExternalImageFormatPropertiesNV-externalHandleType-07721',
  'externalHandleType is {handleTypes}; this query asks about one handle type at a time, so at most one bit may be set.', 'handleTypes');

export function checkQuery(cmd: i32): void {
  if (cmd == registry.C_vkGetPhysicalDeviceExternalBufferProperties) {
    const info = child(0, registry.M_vkGetPhysicalDeviceExternalBufferProperties_pExternalBufferInfo);
    if (info < 0 || chained(info, registry.S_VkBufferUsageFlags2CreateInfo) >= 0) return;
    if (!has(info, registry.M_VkPhysicalDeviceExternalBufferInfo_usage)) return;
    const usage = get(info, registry.M_VkPhysicalDeviceExternalBufferInfo_usage);
    const bad = usage & ~registry.MASK_VkBufferUsageFlagBits;
    if (bad != 0) { report(BUFFER_USAGE_09499, info, registry.M_VkPhysicalDeviceExternalBufferInfo_usage); op(O_HEX, usage); op(O_HEX, bad); }
    if (usage == 0) report(BUFFER_USAGE_09500, info, registry.M_VkPhysicalDeviceExternalBufferInfo_usage);
  } else if (cmd == registry.C_vkGetPhysicalDeviceExternalImageFormatPropertiesNV) {
    const t = get(0, registry.M_vkGetPhysicalDeviceExternalImageFormatPropertiesNV_externalHandleType);
    if (t != 0 && !isSingleBit(t)) { report(NV_SINGLE_07721, 0, registry.M_vkGetPhysicalDeviceExternalImageFormatPropertiesNV_externalHandleType); op(O_HANDLE_TYPES_NV, t); }
  }
}

/** Remembers the answers; a failed query is remembered too (as "not supported"). */
export function applyQuery(cmd: i32, result: i64): void {
  if (cmd == registry.C_vkGetPhysicalDeviceExternalBufferProperties) {
    const pd = physical(<i32>get(0, 0));
    const info = child(0, registry.M_vkGetPhysicalDeviceExternalBufferProperties_pExternalBufferInfo);
    const outp = child(0, registry.M_vkGetPhysicalDeviceExternalBufferProperties_pExternalBufferProperties);
    const emp = child(outp, registry.M_VkExternalBufferProperties_externalMemoryProperties);
    if (info < 0 || emp < 0) return;
    let usage = get(info, registry.M_VkPhysicalDeviceExternalBufferInfo_usage);
    const u2 = chained(info, registry.S_VkBufferUsageFlags2CreateInfo);
    if (u2 >= 0) usage = get(u2, registry.M_VkBufferUsageFlags2CreateInfo_usage);
    const key = bufferKey(get(info, registry.M_VkPhysicalDeviceExternalBufferInfo_handleType), usage, get(info, registry.M_VkPhysicalDeviceExternalBufferInfo_flags));
    const t = get(info, registry.M_VkPhysicalDeviceExternalBufferInfo_handleType);
    // Applications ask the same question again and again: the same answer adds nothing.
    if (pd.bufferAnswers.has(key) && sameProps(pd.bufferAnswers.get(key), emp, result)) return;
    const pr = props(emp, result);
    pd.bufferAnswers.set(key, pr);
    noteAnswer(pd, t, pr);
  } else if (cmd == registry.C_vkGetPhysicalDeviceImageFormatProperties2) {
    const pd = physical(<i32>get(0, 0));
    const info = child(0, registry.M_vkGetPhysicalDeviceImageFormatProperties2_pImageFormatInfo);
    const ext = chained(info, registry.S_VkPhysicalDeviceExternalImageFormatInfo);
    if (ext < 0) return;
    const outp = child(0, registry.M_vkGetPhysicalDeviceImageFormatProperties2_pImageFormatProperties);
    const eprops = chained(outp, registry.S_VkExternalImageFormatProperties);
    const emp = child(eprops, registry.M_VkExternalImageFormatProperties_externalMemoryProperties);
    const key = imageKey(get(ext, registry.M_VkPhysicalDeviceExternalImageFormatInfo_handleType),
      get(info, registry.M_VkPhysicalDeviceImageFormatInfo2_format), get(info, registry.M_VkPhysicalDeviceImageFormatInfo2_type),
      get(info, registry.M_VkPhysicalDeviceImageFormatInfo2_tiling), get(info, registry.M_VkPhysicalDeviceImageFormatInfo2_usage),
      get(info, registry.M_VkPhysicalDeviceImageFormatInfo2_flags));
    if (emp >= 0 && result == 0) { const pr = props(emp, result); pd.imageAnswers.set(key, pr); noteAnswer(pd, get(ext, registry.M_VkPhysicalDeviceExternalImageFormatInfo_handleType), pr); }
    else if (result != RESULT_UNKNOWN && result != 0) pd.imageAnswers.set(key, new ExternalProps(0, 0, 0, result));
  } else if (cmd == registry.C_vkGetPhysicalDeviceExternalImageFormatPropertiesNV) {
    const pd = physical(<i32>get(0, 0));
    const outp = child(0, registry.M_vkGetPhysicalDeviceExternalImageFormatPropertiesNV_pExternalImageFormatProperties);
    const key = imageKey(get(0, registry.M_vkGetPhysicalDeviceExternalImageFormatPropertiesNV_externalHandleType),
      get(0, registry.M_vkGetPhysicalDeviceExternalImageFormatPropertiesNV_format), get(0, registry.M_vkGetPhysicalDeviceExternalImageFormatPropertiesNV_type),
      get(0, registry.M_vkGetPhysicalDeviceExternalImageFormatPropertiesNV_tiling), get(0, registry.M_vkGetPhysicalDeviceExternalImageFormatPropertiesNV_usage),
      get(0, registry.M_vkGetPhysicalDeviceExternalImageFormatPropertiesNV_flags));
    if (outp < 0) return;
    pd.nvImageAnswers.set(key, new ExternalProps(
      get(outp, registry.M_VkExternalImageFormatPropertiesNV_externalMemoryFeatures),
      get(outp, registry.M_VkExternalImageFormatPropertiesNV_exportFromImportedHandleTypes),
      get(outp, registry.M_VkExternalImageFormatPropertiesNV_compatibleHandleTypes), result));
  }
}

/** Whether a stored answer is the one the record's VkExternalMemoryProperties (node emp) gives. */
function sameProps(p: ExternalProps, emp: i32, result: i64): bool {
  return p.result == result
    && p.features == get(emp, registry.M_VkExternalMemoryProperties_externalMemoryFeatures)
    && p.exportFrom == get(emp, registry.M_VkExternalMemoryProperties_exportFromImportedHandleTypes)
    && p.compatible == get(emp, registry.M_VkExternalMemoryProperties_compatibleHandleTypes);
}

function props(emp: i32, result: i64): ExternalProps {
  return new ExternalProps(get(emp, registry.M_VkExternalMemoryProperties_externalMemoryFeatures),
    get(emp, registry.M_VkExternalMemoryProperties_exportFromImportedHandleTypes),
    get(emp, registry.M_VkExternalMemoryProperties_compatibleHandleTypes), result);
}
