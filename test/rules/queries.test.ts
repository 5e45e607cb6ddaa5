// Valid usage of the capability queries themselves (assembly/rules/queries.ts).
import { expect } from 'vitest';
import { ruleTests } from '../helpers/rule-tests.js';
import { prelude, bufferQuery, vk, lastErrors, BIT, type Step } from '../helpers/world.js';

// Each case is named by its query id (rules/queries/<group>:NN), which npx vitest run -t selects.
const { describe, it } = ruleTests('queries');

/** A buffer query whose VkPhysicalDeviceExternalBufferInfo chains a VkBufferUsageFlags2CreateInfo with `usage2`. */
function withUsage2(step: Step, usage2: number): Step {
  const info = step.vkFunc!.args.pExternalBufferInfo as Record<string, unknown>;
  info.pNext = { sType: 'VK_STRUCTURE_TYPE_BUFFER_USAGE_FLAGS_2_CREATE_INFO', pNext: info.pNext, usage: usage2 };
  return step;
}

describe('VUID-VkPhysicalDeviceExternalBufferInfo-None-09499', () => {
  const V = 'VUID-VkPhysicalDeviceExternalBufferInfo-None-09499';
  it('usage with the undefined bit 0x80000000 reports 09499', async () => {
    expect(await lastErrors([...prelude(), bufferQuery(BIT.OPAQUE_FD, 6, 0x80000000 | 3)])).toContain(V);
  });
  it('usage with the unassigned bit 0x40000 reports 09499', async () => {
    expect(await lastErrors([...prelude(), bufferQuery(BIT.OPAQUE_FD, 6, 0x40000)])).toContain(V);
  });
  it('usage TRANSFER_SRC | TRANSFER_DST is valid', async () => {
    expect(await lastErrors([...prelude(), bufferQuery(BIT.OPAQUE_FD, 6, 3)])).not.toContain(V);
  });
  it('an undefined bit in usage is ignored when a VkBufferUsageFlags2CreateInfo is chained', async () => {
    expect(await lastErrors([...prelude(), withUsage2(bufferQuery(BIT.OPAQUE_FD, 6, 0x80000000), 3)])).not.toContain(V);
  });
});

describe('VUID-VkPhysicalDeviceExternalBufferInfo-None-09500', () => {
  const V = 'VUID-VkPhysicalDeviceExternalBufferInfo-None-09500';
  it('usage 0 reports 09500', async () => {
    expect(await lastErrors([...prelude(), bufferQuery(BIT.OPAQUE_FD, 6, 0)])).toContain(V);
  });
  it('usage TRANSFER_SRC is valid', async () => {
    expect(await lastErrors([...prelude(), bufferQuery(BIT.OPAQUE_FD, 6, 1)])).not.toContain(V);
  });
  it('usage 0 is valid when a VkBufferUsageFlags2CreateInfo is chained', async () => {
    expect(await lastErrors([...prelude(), withUsage2(bufferQuery(BIT.OPAQUE_FD, 6, 0), 3)])).not.toContain(V);
  });
});

describe('VUID-vkGetPhysicalDeviceExternalImageFormatPropertiesNV-externalHandleType-07721', () => {
  const V = 'VUID-vkGetPhysicalDeviceExternalImageFormatPropertiesNV-externalHandleType-07721';
  const nvQuery = (externalHandleType: number) => vk('vkGetPhysicalDeviceExternalImageFormatPropertiesNV', {
    physicalDevice: 'pd', format: 'VK_FORMAT_R8G8B8A8_UNORM', type: 'VK_IMAGE_TYPE_2D', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage: 7, flags: 0, externalHandleType,
    pExternalImageFormatProperties: { imageFormatProperties: {}, externalMemoryFeatures: 6, exportFromImportedHandleTypes: 0, compatibleHandleTypes: externalHandleType },
  });
  it('externalHandleType OPAQUE_WIN32_NV | OPAQUE_WIN32_KMT_NV (two bits) reports 07721', async () => {
    expect(await lastErrors([...prelude(), nvQuery(3)])).toContain(V);
  });
  it('externalHandleType D3D11_IMAGE_NV | D3D11_IMAGE_KMT_NV (two bits) reports 07721', async () => {
    expect(await lastErrors([...prelude(), nvQuery(12)])).toContain(V);
  });
  it('externalHandleType OPAQUE_WIN32_NV (one bit) is valid', async () => {
    expect(await lastErrors([...prelude(), nvQuery(1)])).not.toContain(V);
  });
  it('externalHandleType 0 is valid', async () => {
    expect(await lastErrors([...prelude(), nvQuery(0)])).not.toContain(V);
  });
});
