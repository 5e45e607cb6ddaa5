// The image capability sweep: every format, image type, tiling, usage bit and create flag, asked with
// each handle type, without one (the plain query), with handle type 0, through the Vulkan 1.0 query and
// through NVIDIA's. On the native backend one format's questions cross into the addon as one batch.
import type { Backend, ImageFormatAnswer, ImageQuery } from '../backends/types.js';
import { ENUMS } from '../generated/registry.js';

/** How a question is asked (the addon's batch modes). */
export const MODE_PLAIN = 0;
export const MODE_EXTERNAL = 1;
export const MODE_NV = 2;
export const MODE_PLAIN_1_0 = 3;

export interface Question { mode: number; handleType: number }

/** The Vulkan 1.0 formats (1 to 184), which every Vulkan implementation knows by value. */
export const CORE_FORMATS: number[] = [...new Set(Object.values(ENUMS.VkFormat.values))].filter((v) => v >= 1 && v <= 184).sort((a, b) => a - b);
const USAGE = ENUMS.VkImageUsageFlagBits.values;
/** Each Vulkan 1.0 usage bit alone. */
export const USAGES = ['VK_IMAGE_USAGE_TRANSFER_SRC_BIT', 'VK_IMAGE_USAGE_TRANSFER_DST_BIT', 'VK_IMAGE_USAGE_SAMPLED_BIT', 'VK_IMAGE_USAGE_STORAGE_BIT',
  'VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT', 'VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT', 'VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT', 'VK_IMAGE_USAGE_INPUT_ATTACHMENT_BIT'].map((n) => USAGE[n]);
const FLAG = ENUMS.VkImageCreateFlagBits.values;
/** No flag, and the two create flags every implementation must accept asking about. */
export const FLAGS = [0, FLAG.VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT, FLAG.VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT];
export const TYPES = [0, 1, 2];
export const TILINGS = [0, 1];

/** One format's combinations of type, tiling, usage and flags, in a fixed order. */
export function combinations(format: number): ImageQuery[] {
  const out: ImageQuery[] = [];
  for (const type of TYPES) for (const tiling of TILINGS) for (const usage of USAGES) for (const flags of FLAGS) out.push({ format, type, tiling, usage, flags });
  return out;
}

const ANSWER = 11; // result + 3 external + 7 limits

/** Asks every question about every combination; answers[q][c] answers question q for combination c. */
export function askAll(b: Backend, pd: number, combos: ImageQuery[], questions: Question[]): ImageFormatAnswer[][] {
  const batch = (b as { imageFormatBatch?: (pd: number, q: Uint32Array, out: Float64Array) => number }).imageFormatBatch;
  if (typeof batch === 'function') {
    const n = combos.length * questions.length;
    const q = new Uint32Array(n * 7);
    let i = 0;
    for (const x of questions) for (const c of combos) { q.set([c.format, c.type, c.tiling, c.usage, c.flags, x.handleType, x.mode], i * 7); i++; }
    const out = new Float64Array(n * ANSWER);
    batch.call(b, pd, q, out);
    return questions.map((_, qi) => combos.map((_, ci) => fromArray(out, (qi * combos.length + ci) * ANSWER)));
  }
  return questions.map((x) => combos.map((c) => askOne(b, pd, c, x)));
}

function askOne(b: Backend, pd: number, c: ImageQuery, x: Question): ImageFormatAnswer {
  switch (x.mode) {
    case MODE_PLAIN: return b.vulkan.externalImageFormatProperties(pd, c);
    case MODE_EXTERNAL: return b.vulkan.externalImageFormatProperties(pd, { ...c, handleType: x.handleType });
    case MODE_NV: return b.vulkan.externalImageFormatPropertiesNV(pd, { ...c, handleTypes: x.handleType });
    default: return b.vulkan.imageFormatProperties(pd, c);
  }
}

function fromArray(o: Float64Array, i: number): ImageFormatAnswer {
  return {
    result: o[i], external: { externalMemoryFeatures: o[i + 1], exportFromImportedHandleTypes: o[i + 2], compatibleHandleTypes: o[i + 3] },
    limits: { maxExtent: { width: o[i + 4], height: o[i + 5], depth: o[i + 6] }, maxMipLevels: o[i + 7], maxArrayLayers: o[i + 8], sampleCounts: o[i + 9], maxResourceSize: o[i + 10] },
  };
}

/** Any limit nonzero. */
export function anyLimit(a: ImageFormatAnswer): boolean {
  const l = a.limits;
  return l.maxExtent.width !== 0 || l.maxExtent.height !== 0 || l.maxExtent.depth !== 0 || l.maxMipLevels !== 0 || l.maxArrayLayers !== 0 || l.sampleCounts !== 0 || l.maxResourceSize !== 0;
}

/** A limit of `a` beyond the same limit of `plain` (sample counts: a bit `plain` lacks). */
export function exceeds(a: ImageFormatAnswer, plain: ImageFormatAnswer): string | undefined {
  const l = a.limits, p = plain.limits;
  if (l.maxExtent.width > p.maxExtent.width) return `maxExtent.width ${l.maxExtent.width} > ${p.maxExtent.width}`;
  if (l.maxExtent.height > p.maxExtent.height) return `maxExtent.height ${l.maxExtent.height} > ${p.maxExtent.height}`;
  if (l.maxExtent.depth > p.maxExtent.depth) return `maxExtent.depth ${l.maxExtent.depth} > ${p.maxExtent.depth}`;
  if (l.maxMipLevels > p.maxMipLevels) return `maxMipLevels ${l.maxMipLevels} > ${p.maxMipLevels}`;
  if (l.maxArrayLayers > p.maxArrayLayers) return `maxArrayLayers ${l.maxArrayLayers} > ${p.maxArrayLayers}`;
  if ((l.sampleCounts & ~p.sampleCounts) !== 0) return `sampleCounts 0x${l.sampleCounts.toString(16)} beyond 0x${p.sampleCounts.toString(16)}`;
  if (l.maxResourceSize > p.maxResourceSize) return `maxResourceSize ${l.maxResourceSize} > ${p.maxResourceSize}`;
  return undefined;
}

/** The differences between two answers that must be the same (result and every limit). */
export function differences(a: ImageFormatAnswer, b: ImageFormatAnswer): string[] {
  const out: string[] = [];
  if (a.result !== b.result) out.push(`result ${a.result} vs ${b.result}`);
  const la = a.limits, lb = b.limits;
  for (const k of ['width', 'height', 'depth'] as const) if (la.maxExtent[k] !== lb.maxExtent[k]) out.push(`maxExtent.${k} ${la.maxExtent[k]} vs ${lb.maxExtent[k]}`);
  for (const k of ['maxMipLevels', 'maxArrayLayers', 'sampleCounts', 'maxResourceSize'] as const) if (la[k] !== lb[k]) out.push(`${k} ${la[k]} vs ${lb[k]}`);
  return out;
}
