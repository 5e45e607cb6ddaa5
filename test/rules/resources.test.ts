// External-memory rules of VkBufferCreateInfo and VkImageCreateInfo (assembly/rules/resources.ts).
import { expect } from 'vitest';
import { ruleTests } from '../helpers/rule-tests.js';
import { prelude, buffer, image, bufferQuery, imageQuery, vk, run, lastErrors, BIT, type Step } from '../helpers/world.js';

// Each case is named by its query id (rules/resources/<group>:NN), which npx vitest run -t selects.
const { describe, it } = ruleTests('resources');

/** Puts `struct` at the front of the create info's pNext chain of a vkCreateBuffer / vkCreateImage step. */
function chain(steps: Step[], struct: Record<string, unknown>): Step[] {
  const ci = steps[0].vkFunc!.args.pCreateInfo as Record<string, unknown>;
  ci.pNext = { ...struct, pNext: ci.pNext };
  return steps;
}
/** The findings of the vkCreate* step (the first step after the prelude and queries). */
async function createFindings(before: Step[], create: Step[]) {
  const all = await run([...before, ...create]);
  return all[before.length];
}
const errorsOf = (fs: { vuid: string; severity: string }[]) => fs.filter((f) => f.severity === 'error').map((f) => f.vuid);

/** vkGetPhysicalDeviceExternalImageFormatPropertiesNV for the helper image's parameters. */
function nvImageQuery(externalHandleType: number, compatibleHandleTypes: number, externalMemoryFeatures = 6): Step {
  return vk('vkGetPhysicalDeviceExternalImageFormatPropertiesNV', {
    physicalDevice: 'pd', format: 'VK_FORMAT_R8G8B8A8_UNORM', type: 'VK_IMAGE_TYPE_2D', tiling: 'VK_IMAGE_TILING_OPTIMAL', usage: 7, flags: 0, externalHandleType,
    pExternalImageFormatProperties: { imageFormatProperties: {}, externalMemoryFeatures, exportFromImportedHandleTypes: 0, compatibleHandleTypes },
  });
}
const NV = { OPAQUE_WIN32: 1, OPAQUE_WIN32_KMT: 2, D3D11_IMAGE: 4, D3D11_IMAGE_KMT: 8 };

const V00920 = 'VUID-VkBufferCreateInfo-pNext-00920';
describe(V00920, () => {
  it('handleTypes OPAQUE_WIN32 | OPAQUE_WIN32_KMT, where each answer lists only its own type as compatible, reports 00920', async () => {
    const q = [...prelude(), bufferQuery(BIT.OPAQUE_WIN32, 6, 3, BIT.OPAQUE_WIN32), bufferQuery(BIT.OPAQUE_WIN32_KMT, 6, 3, BIT.OPAQUE_WIN32_KMT)];
    expect(errorsOf(await createFindings(q, buffer('buf', { handleTypes: BIT.OPAQUE_WIN32 | BIT.OPAQUE_WIN32_KMT })))).toContain(V00920);
  });
  it('the same handleTypes are valid when both answers list both types as compatible', async () => {
    const both = BIT.OPAQUE_WIN32 | BIT.OPAQUE_WIN32_KMT;
    const q = [...prelude(), bufferQuery(BIT.OPAQUE_WIN32, 6, 3, both), bufferQuery(BIT.OPAQUE_WIN32_KMT, 6, 3, both)];
    const fs = await createFindings(q, buffer('buf', { handleTypes: both }));
    expect(fs.map((f) => f.vuid)).not.toContain(V00920);
  });
  it('a single handle type whose answer lists it as compatible is valid', async () => {
    const q = [...prelude(), bufferQuery(BIT.OPAQUE_FD, 6)];
    const fs = await createFindings(q, buffer('buf', { handleTypes: BIT.OPAQUE_FD }));
    expect(fs.map((f) => f.vuid)).not.toContain(V00920);
  });
  it('without any capability query, 00920 is undecidable, not an error', async () => {
    const fs = await createFindings(prelude(), buffer('buf', { handleTypes: BIT.OPAQUE_FD }));
    expect(errorsOf(fs)).not.toContain(V00920);
    expect(fs.filter((f) => f.vuid === V00920).map((f) => f.severity)).toContain('undecidable');
  });
  it('a query made with another usage does not decide it (undecidable)', async () => {
    const fs = await createFindings([...prelude(), bufferQuery(BIT.OPAQUE_FD, 6, 1, 0)], buffer('buf', { handleTypes: BIT.OPAQUE_FD }));
    expect(errorsOf(fs)).not.toContain(V00920);
    expect(fs.filter((f) => f.vuid === V00920).map((f) => f.severity)).toContain('undecidable');
  });
});

const V01571 = 'VUID-VkBufferCreateInfo-pNext-01571';
describe(V01571, () => {
  it('an NV-dedicated buffer with SPARSE_BINDING reports 01571', async () => {
    expect(await lastErrors([...prelude(), buffer('buf', { nvDedicated: true, flags: 1 })[0]])).toContain(V01571);
  });
  it('an NV-dedicated buffer with SPARSE_RESIDENCY | SPARSE_BINDING reports 01571', async () => {
    expect(await lastErrors([...prelude(), buffer('buf', { nvDedicated: true, flags: 3 })[0]])).toContain(V01571);
  });
  it('an NV-dedicated buffer without sparse flags is valid', async () => {
    expect(await lastErrors([...prelude(), buffer('buf', { nvDedicated: true })[0]])).not.toContain(V01571);
  });
  it('a sparse buffer that is not NV-dedicated is valid', async () => {
    expect(await lastErrors([...prelude(), buffer('buf', { flags: 1 })[0]])).not.toContain(V01571);
  });
  it('a sparse buffer with VkDedicatedAllocationBufferCreateInfoNV::dedicatedAllocation = VK_FALSE is valid', async () => {
    const steps = chain(buffer('buf', { flags: 1 }), { sType: 'VK_STRUCTURE_TYPE_DEDICATED_ALLOCATION_BUFFER_CREATE_INFO_NV', dedicatedAllocation: 0 });
    expect(await lastErrors([...prelude(), steps[0]])).not.toContain(V01571);
  });
});

const V00988 = 'VUID-VkImageCreateInfo-pNext-00988';
describe(V00988, () => {
  it('an image chaining both VkExternalMemoryImageCreateInfo and VkExternalMemoryImageCreateInfoNV reports 00988', async () => {
    expect(await lastErrors([...prelude(), image('img', { handleTypes: BIT.OPAQUE_WIN32, handleTypesNV: NV.OPAQUE_WIN32 })[0]])).toContain(V00988);
  });
  it('an image with only VkExternalMemoryImageCreateInfo is valid', async () => {
    expect(await lastErrors([...prelude(), image('img', { handleTypes: BIT.OPAQUE_WIN32 })[0]])).not.toContain(V00988);
  });
  it('an image with only VkExternalMemoryImageCreateInfoNV is valid', async () => {
    expect(await lastErrors([...prelude(), image('img', { handleTypesNV: NV.OPAQUE_WIN32 })[0]])).not.toContain(V00988);
  });
});

const V00990 = 'VUID-VkImageCreateInfo-pNext-00990';
describe(V00990, () => {
  it('handleTypes OPAQUE_WIN32 | OPAQUE_WIN32_KMT, where each answer lists only its own type as compatible, reports 00990', async () => {
    const both = BIT.OPAQUE_WIN32 | BIT.OPAQUE_WIN32_KMT;
    const q = [...prelude(), imageQuery(BIT.OPAQUE_WIN32, 6, 7, BIT.OPAQUE_WIN32), imageQuery(BIT.OPAQUE_WIN32_KMT, 6, 7, BIT.OPAQUE_WIN32_KMT)];
    expect(errorsOf(await createFindings(q, image('img', { handleTypes: both })))).toContain(V00990);
  });
  it('the same handleTypes are valid when both answers list both types', async () => {
    const both = BIT.OPAQUE_WIN32 | BIT.OPAQUE_WIN32_KMT;
    const q = [...prelude(), imageQuery(BIT.OPAQUE_WIN32, 6, 7, both), imageQuery(BIT.OPAQUE_WIN32_KMT, 6, 7, both)];
    expect((await createFindings(q, image('img', { handleTypes: both }))).map((f) => f.vuid)).not.toContain(V00990);
  });
  it('an answer for another usage does not decide it (undecidable, not an error)', async () => {
    const fs = await createFindings([...prelude(), imageQuery(BIT.OPAQUE_WIN32, 6, 1, 0)], image('img', { handleTypes: BIT.OPAQUE_WIN32 }));
    expect(errorsOf(fs)).not.toContain(V00990);
    expect(fs.filter((f) => f.vuid === V00990).map((f) => f.severity)).toContain('undecidable');
  });
});

const V00991 = 'VUID-VkImageCreateInfo-pNext-00991';
describe(V00991, () => {
  it('NV handleTypes OPAQUE_WIN32 that the NV query reported not compatible reports 00991', async () => {
    const q = [...prelude(), nvImageQuery(NV.OPAQUE_WIN32, 0, 0)];
    expect(errorsOf(await createFindings(q, image('img', { handleTypesNV: NV.OPAQUE_WIN32 })))).toContain(V00991);
  });
  it('NV handleTypes OPAQUE_WIN32 that the NV query reported compatible is valid', async () => {
    const q = [...prelude(), nvImageQuery(NV.OPAQUE_WIN32, NV.OPAQUE_WIN32)];
    expect((await createFindings(q, image('img', { handleTypesNV: NV.OPAQUE_WIN32 }))).map((f) => f.vuid)).not.toContain(V00991);
  });
  it('NV handleTypes OPAQUE_WIN32 | OPAQUE_WIN32_KMT where each single-type query lists only its own type reports 00991', async () => {
    const q = [...prelude(), nvImageQuery(NV.OPAQUE_WIN32, NV.OPAQUE_WIN32), nvImageQuery(NV.OPAQUE_WIN32_KMT, NV.OPAQUE_WIN32_KMT)];
    expect(errorsOf(await createFindings(q, image('img', { handleTypesNV: NV.OPAQUE_WIN32 | NV.OPAQUE_WIN32_KMT })))).toContain(V00991);
  });
  it('NV handleTypes OPAQUE_WIN32 | OPAQUE_WIN32_KMT where each single-type query lists both is valid', async () => {
    const both = NV.OPAQUE_WIN32 | NV.OPAQUE_WIN32_KMT;
    const q = [...prelude(), nvImageQuery(NV.OPAQUE_WIN32, both), nvImageQuery(NV.OPAQUE_WIN32_KMT, both)];
    expect(errorsOf(await createFindings(q, image('img', { handleTypesNV: both })))).not.toContain(V00991);
  });
  it('without an NV query, 00991 is undecidable, not an error', async () => {
    const fs = await createFindings(prelude(), image('img', { handleTypesNV: NV.OPAQUE_WIN32 }));
    expect(errorsOf(fs)).not.toContain(V00991);
    expect(fs.filter((f) => f.vuid === V00991).map((f) => f.severity)).toContain('undecidable');
  });
});

const V01443 = 'VUID-VkImageCreateInfo-pNext-01443';
describe(V01443, () => {
  const PREINIT = 'VK_IMAGE_LAYOUT_PREINITIALIZED';
  it('an external image (KHR handleTypes) with initialLayout PREINITIALIZED reports 01443', async () => {
    expect(await lastErrors([...prelude(), image('img', { handleTypes: BIT.OPAQUE_WIN32, initialLayout: PREINIT })[0]])).toContain(V01443);
  });
  it('an external image (NV handleTypes) with initialLayout PREINITIALIZED reports 01443', async () => {
    expect(await lastErrors([...prelude(), image('img', { handleTypesNV: NV.OPAQUE_WIN32, initialLayout: PREINIT })[0]])).toContain(V01443);
  });
  it('an external image with initialLayout UNDEFINED is valid', async () => {
    expect(await lastErrors([...prelude(), image('img', { handleTypes: BIT.OPAQUE_WIN32 })[0]])).not.toContain(V01443);
  });
  it('VkExternalMemoryImageCreateInfo with handleTypes 0 and initialLayout PREINITIALIZED is valid', async () => {
    expect(await lastErrors([...prelude(), image('img', { handleTypes: 0, initialLayout: PREINIT })[0]])).not.toContain(V01443);
  });
  it('a non-external image with initialLayout PREINITIALIZED is valid', async () => {
    expect(await lastErrors([...prelude(), image('img', { initialLayout: PREINIT })[0]])).not.toContain(V01443);
  });
});

const V09654 = 'VUID-VkImageCreateInfo-pNext-09654';
describe(V09654, () => {
  const MESA = { sType: 'VK_STRUCTURE_TYPE_IMAGE_ALIGNMENT_CONTROL_CREATE_INFO_MESA', maximumRequestedAlignment: 0 };
  it('an image chaining VkImageAlignmentControlCreateInfoMESA and VkExternalMemoryImageCreateInfo reports 09654', async () => {
    expect(await lastErrors([...prelude(), chain(image('img', { handleTypes: BIT.OPAQUE_FD }), MESA)[0]])).toContain(V09654);
  });
  it('an image chaining only VkImageAlignmentControlCreateInfoMESA is valid', async () => {
    expect(await lastErrors([...prelude(), chain(image('img'), MESA)[0]])).not.toContain(V09654);
  });
  it('an external image without VkImageAlignmentControlCreateInfoMESA is valid', async () => {
    expect(await lastErrors([...prelude(), image('img', { handleTypes: BIT.OPAQUE_FD })[0]])).not.toContain(V09654);
  });
});
