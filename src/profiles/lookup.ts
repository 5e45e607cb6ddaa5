// How a profile answers a question: the matching rule in one place, so the mock backend, the CLI and
// the explorer agree. An answer applies when every field it gives matches the question (enumerants
// equal; usage and flags: the question's bits all lie within the answer's); the first applicable
// answer wins, so a file lists specific answers before general ones.
import type { NormalizedProfile } from './types.js';

type Answer<P extends keyof NormalizedProfile> = NormalizedProfile[P] extends (infer A)[] ? A : never;

/** The question's bits all lie within the answer's (an answer without the field matches anything). */
export const within = (asked: number, answer: number | undefined) => answer === undefined || ((asked >>> 0) & ~(answer >>> 0)) === 0;
const same = <T>(asked: T, answer: T | undefined) => answer === undefined || answer === asked;

export function externalBufferAnswer(p: NormalizedProfile, q: { handleType: string; usage: number; flags: number }): Answer<'externalBuffer'> | undefined {
  return p.externalBuffer.find((a) => a.handleType === q.handleType && within(q.usage, a.usage) && within(q.flags, a.flags));
}

export interface ImageQuestion { format: string; type: string; tiling: string; usage: number; flags: number }

export function externalImageAnswer(p: NormalizedProfile, q: ImageQuestion & { handleType: string }): Answer<'externalImage'> | undefined {
  return p.externalImage.find((a) => a.handleType === q.handleType && imageMatches(a, q));
}

/** The NV query asks about a mask of NV handle types; an answer applies to exactly that mask. */
export function externalImageNVAnswer(p: NormalizedProfile, q: ImageQuestion & { handleTypes: number }): Answer<'externalImageNV'> | undefined {
  return p.externalImageNV.find((a) => a.handleTypes === q.handleTypes && imageMatches(a, q));
}

function imageMatches(a: { format?: string; type?: string; tiling?: string; usage?: number; flags?: number }, q: ImageQuestion): boolean {
  return same(q.format, a.format) && same(q.type, a.type) && same(q.tiling, a.tiling) && within(q.usage, a.usage) && within(q.flags, a.flags);
}

/** Memory requirements rule for an image (the first rule whose tiling and format match) or the buffer rule. */
export function requirementRule(p: NormalizedProfile, q: { resource: 'buffer' } | { resource: 'image'; tiling: string; format: string }) {
  if (q.resource === 'buffer') return p.requirements.buffer;
  return p.requirements.image.find((r) => same(q.tiling, r.tiling) && same(q.format, r.format));
}

/** VkMemoryDedicatedRequirements for a resource created with `handleTypes`: every intersecting rule counts. */
export function dedicatedRequirements(p: NormalizedProfile, resource: 'buffer' | 'image', handleTypes: number): { prefersDedicated: boolean; requiresDedicated: boolean } {
  let prefersDedicated = false;
  let requiresDedicated = false;
  for (const r of p.requirements.dedicated) {
    if (r.resource !== resource || ((r.handleTypes & handleTypes) >>> 0) === 0) continue;
    prefersDedicated ||= r.prefersDedicated || r.requiresDedicated;
    requiresDedicated ||= r.requiresDedicated;
  }
  return { prefersDedicated, requiresDedicated };
}

/** memoryTypeBits for a handle of this type made outside the device; undefined when the profile does not say. */
export function handleTypeBits(p: NormalizedProfile, handleType: string): number | undefined {
  return p.handleProperties.find((a) => a.handleType === handleType)?.memoryTypeBits;
}
