// A physical device built from a device profile: its identity, memory, extensions, and the answers to
// capability, requirements and handle-property queries, with every enumerant name turned into its
// number once, up front. An answer entry matches a query when every field it gives equals the query's;
// a field it leaves out matches anything; the first matching entry answers.
import { within } from '../../profiles/lookup.js';
import { ENUMS } from '../../generated/registry.js';
import type { NormalizedProfile } from '../../profiles/types.js';
import type { ExternalMemoryProperties, ImageFormatAnswer, ImageFormatLimits, MemoryRequirements, PhysicalDeviceInfo } from '../types.js';
import { VK_ERROR_FORMAT_NOT_SUPPORTED, nvMaskToKhr } from './constants.js';
import { texelBytes } from './formats.js';
import { bytesKey, dashBytes, flags, roundUp } from './util.js';

/** An enumerant name (or a number already) as its value; NaN when unknown, so it never matches. */
function enumValue(type: string, v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return NaN;
  const n = ENUMS[type]?.values[v];
  return n === undefined ? NaN : n;
}

/** An optional field of an answer: undefined (matches anything) or its number. */
function optEnum(type: string, v: unknown): number | undefined {
  return v === undefined || v === null ? undefined : enumValue(type, v);
}
function optFlags(v: unknown): number | undefined {
  return typeof v === 'number' ? v >>> 0 : undefined;
}

export interface Answer {
  handleType: number; // for NV answers: the NV mask asked about
  format?: number; type?: number; tiling?: number; usage?: number; flags?: number;
  result: number;
  props: ExternalMemoryProperties;
}

export interface ImageRule { tiling?: number; format?: number; alignment: number; memoryTypeBits: number }
export interface DedicatedRule { image: boolean; handleTypes: number; prefers: boolean; requires: boolean; memoryTypeBits?: number; alignment?: number }

const NONE: ExternalMemoryProperties = Object.freeze({ externalMemoryFeatures: 0, exportFromImportedHandleTypes: 0, compatibleHandleTypes: 0 });
const ZERO_LIMITS: ImageFormatLimits = Object.freeze({ maxExtent: Object.freeze({ width: 0, height: 0, depth: 0 }), maxMipLevels: 0, maxArrayLayers: 0, sampleCounts: 0, maxResourceSize: 0 });
const FORMAT_NAMES = new Set(Object.values(ENUMS.VkFormat.values));
const answer = (result: number, p: ExternalMemoryProperties, l: ImageFormatLimits): ImageFormatAnswer =>
  ({ result, external: { ...p }, limits: result === 0 ? { ...l, maxExtent: { ...l.maxExtent } } : { ...ZERO_LIMITS, maxExtent: { ...ZERO_LIMITS.maxExtent } } });
const MAX_MIP_LEVELS = 32;

function props(a: { externalMemoryFeatures?: number; exportFromImportedHandleTypes?: number; compatibleHandleTypes?: number }): ExternalMemoryProperties {
  return { externalMemoryFeatures: flags(a.externalMemoryFeatures), exportFromImportedHandleTypes: flags(a.exportFromImportedHandleTypes), compatibleHandleTypes: flags(a.compatibleHandleTypes) };
}

/** A count from an untrusted number: a positive integer, else 1. */
function count(x: unknown, max = Number.MAX_SAFE_INTEGER): number {
  return typeof x === 'number' && Number.isFinite(x) && x >= 1 ? Math.min(Math.floor(x), max) : 1;
}

export class PhysicalDeviceModel {
  readonly info: PhysicalDeviceInfo;
  /** deviceUUID + driverUUID: what opaque handle types must match. */
  readonly uuidKey: string;
  /** The LUID when valid: what D3D handles must match. */
  readonly luidKey: string | undefined;
  readonly extensions: Set<string>;
  readonly heapSizes: number[];
  readonly heapOfType: number[];
  readonly typeFlags: number[];
  private readonly buffers: Answer[];
  private readonly images: Answer[];
  private readonly imagesNV: Answer[];
  private readonly handleProps = new Map<number, number>();
  private readonly bufferRule: { alignment: number; memoryTypeBits: number };
  private readonly imageRules: ImageRule[];
  private readonly dedicated: DedicatedRule[];

  constructor(readonly index: number, handle: number, readonly profile: NormalizedProfile) {
    const d = profile.device ?? ({} as NormalizedProfile['device']);
    const heaps = profile.memory?.heaps ?? [];
    const types = profile.memory?.types ?? [];
    const deviceUUID = dashBytes(d.deviceUUID, 16);
    const driverUUID = dashBytes(d.driverUUID, 16);
    const deviceLUID = dashBytes(d.deviceLUID, 8);
    const luidValid = d.deviceLUIDValid === true && typeof d.deviceLUID === 'string';
    this.info = {
      handle,
      deviceName: String(d.deviceName ?? profile.profile ?? 'mock device'),
      vendorID: flags(d.vendorID),
      deviceID: flags(d.deviceID),
      deviceType: Number.isFinite(enumValue('VkPhysicalDeviceType', d.deviceType)) ? enumValue('VkPhysicalDeviceType', d.deviceType) : 0,
      apiVersion: flags(d.apiVersion),
      driverVersion: flags(d.driverVersion),
      deviceUUID,
      driverUUID,
      deviceLUID,
      deviceLUIDValid: luidValid,
      deviceNodeMask: flags(d.deviceNodeMask),
      memoryTypes: types.map((t) => ({ propertyFlags: flags(t.propertyFlags), heapIndex: flags(t.heapIndex) })),
      memoryHeaps: heaps.map((h) => ({ size: Number(h.size) || 0, flags: flags(h.flags) })),
      extensions: [...(profile.extensions ?? [])],
    };
    if (typeof d.minImportedHostPointerAlignment === 'number') this.info.minImportedHostPointerAlignment = d.minImportedHostPointerAlignment;
    this.uuidKey = bytesKey(deviceUUID) + '/' + bytesKey(driverUUID);
    this.luidKey = luidValid ? bytesKey(deviceLUID) : undefined;
    this.extensions = new Set(this.info.extensions);
    this.heapSizes = this.info.memoryHeaps.map((h) => h.size);
    this.heapOfType = this.info.memoryTypes.map((t) => t.heapIndex);
    this.typeFlags = this.info.memoryTypes.map((t) => t.propertyFlags);

    const H = 'VkExternalMemoryHandleTypeFlagBits';
    this.buffers = (profile.externalBuffer ?? []).map((a) => ({
      handleType: enumValue(H, a.handleType), usage: optFlags(a.usage), flags: optFlags(a.flags), result: 0, props: props(a),
    }));
    const image = (a: NormalizedProfile['externalImage'][number] | NormalizedProfile['externalImageNV'][number], handleType: number): Answer => ({
      handleType,
      format: optEnum('VkFormat', a.format), type: optEnum('VkImageType', a.type), tiling: optEnum('VkImageTiling', a.tiling),
      usage: optFlags(a.usage), flags: optFlags(a.flags),
      result: Number.isFinite(enumValue('VkResult', a.result)) ? enumValue('VkResult', a.result) : VK_ERROR_FORMAT_NOT_SUPPORTED,
      props: props(a),
    });
    this.images = (profile.externalImage ?? []).map((a) => image(a, enumValue(H, a.handleType)));
    this.imagesNV = (profile.externalImageNV ?? []).map((a) => image(a, flags(a.handleTypes)));
    for (const hp of profile.handleProperties ?? []) {
      const bit = enumValue(H, hp.handleType);
      if (Number.isFinite(bit) && !this.handleProps.has(bit)) this.handleProps.set(bit, flags(hp.memoryTypeBits));
    }
    const req = profile.requirements;
    this.bufferRule = { alignment: count(req?.buffer?.alignment), memoryTypeBits: flags(req?.buffer?.memoryTypeBits) };
    this.imageRules = (req?.image ?? []).map((r) => ({
      tiling: optEnum('VkImageTiling', r.tiling), format: optEnum('VkFormat', r.format), alignment: count(r.alignment), memoryTypeBits: flags(r.memoryTypeBits),
    }));
    this.dedicated = (req?.dedicated ?? []).map((r) => ({
      image: r.resource === 'image', handleTypes: flags(r.handleTypes), prefers: r.prefersDedicated === true, requires: r.requiresDedicated === true,
      ...(r.memoryTypeBits !== undefined ? { memoryTypeBits: flags(r.memoryTypeBits) } : {}), ...(r.alignment !== undefined ? { alignment: count(r.alignment) } : {}),
    }));
  }

  // ---- capability queries
  // The profile's matching rule (src/profiles/lookup.ts): fields an answer leaves out match anything,
  // and a question's usage and flags match an answer whose bits include them, so a driver measured with
  // combined usages answers for each usage inside them too.

  externalBuffer(q: { flags: number; usage: number; handleType: number }): ExternalMemoryProperties {
    for (const a of this.buffers) {
      if (a.handleType !== q.handleType) continue;
      if (!within(flags(q.usage), a.usage) || !within(flags(q.flags), a.flags)) continue;
      return { ...a.props };
    }
    return { ...NONE };
  }

  private matchImage(list: Answer[], handleType: number, q: { format: number; type: number; tiling: number; usage: number; flags: number }): Answer | undefined {
    for (const a of list) {
      if (a.handleType !== handleType) continue;
      if (a.format !== undefined && a.format !== q.format) continue;
      if (a.type !== undefined && a.type !== q.type) continue;
      if (a.tiling !== undefined && a.tiling !== q.tiling) continue;
      if (!within(flags(q.usage), a.usage) || !within(flags(q.flags), a.flags)) continue;
      return a;
    }
    return undefined;
  }

  /**
   * vkGetPhysicalDeviceImageFormatProperties2. Without an external handle type (absent, or 0: the spec
   * says the query then behaves as if VkPhysicalDeviceExternalImageFormatInfo were not there) it is the
   * plain format query; with one, the profile's answer, and the plain limits where it says VK_SUCCESS.
   */
  externalImage(q: { format: number; type: number; tiling: number; usage: number; flags: number; handleType?: number }): ImageFormatAnswer {
    const plain = this.plainImage(q);
    if (!flags(q.handleType)) return plain;
    const a = this.matchImage(this.images, flags(q.handleType), q);
    const result = a !== undefined ? a.result : VK_ERROR_FORMAT_NOT_SUPPORTED;
    return answer(result === 0 ? plain.result : result, a !== undefined && result === 0 ? a.props : NONE, plain.limits);
  }

  externalImageNV(q: { format: number; type: number; tiling: number; usage: number; flags: number; handleTypes: number }): ImageFormatAnswer {
    const plain = this.plainImage(q);
    // externalHandleType 0: the plain query's answer, and every other member 0.
    if (flags(q.handleTypes) === 0) return plain;
    const a = this.matchImage(this.imagesNV, flags(q.handleTypes), q);
    const result = a !== undefined ? a.result : VK_ERROR_FORMAT_NOT_SUPPORTED;
    return answer(result === 0 ? plain.result : result, a !== undefined && result === 0 ? a.props : NONE, plain.limits);
  }

  /**
   * The plain format query, which a profile does not record: every format the registry names, in 1D, 2D
   * and 3D, optimal and linear tiling, with fixed limits (a 3D image has one layer). Anything else is
   * VK_ERROR_FORMAT_NOT_SUPPORTED with every limit 0, as the spec asks of an unsupported combination.
   */
  plainImage(q: { format: number; type: number; tiling: number }): ImageFormatAnswer {
    const ok = FORMAT_NAMES.has(q.format) && q.format !== 0 && (q.type === 0 || q.type === 1 || q.type === 2) && (q.tiling === 0 || q.tiling === 1);
    if (!ok) return answer(VK_ERROR_FORMAT_NOT_SUPPORTED, NONE, ZERO_LIMITS);
    const three = q.type === 2;
    return answer(0, NONE, {
      maxExtent: { width: 16384, height: q.type === 0 ? 1 : 16384, depth: three ? 2048 : 1 },
      maxMipLevels: 15, maxArrayLayers: three ? 1 : 2048, sampleCounts: 1, maxResourceSize: 2 ** 31,
    });
  }

  /** memoryTypeBits for a handle made outside this device; undefined when the profile has no answer. */
  handleTypeBits(handleType: number): number | undefined {
    return this.handleProps.get(handleType);
  }

  // ---- requirements

  bufferRequirements(size: number, externalTypes: number): MemoryRequirements {
    const s = typeof size === 'number' && Number.isFinite(size) && size > 0 ? size : 0;
    const r = this.bufferRule;
    const d = this.dedicatedFor(false, externalTypes);
    const alignment = Math.max(r.alignment, d.alignment);
    return { size: roundUp(s, alignment), alignment, memoryTypeBits: r.memoryTypeBits & d.memoryTypeBits, prefersDedicatedAllocation: d.prefers, requiresDedicatedAllocation: d.requires };
  }

  imageRule(tiling: number, format: number): { alignment: number; memoryTypeBits: number } {
    for (const r of this.imageRules) {
      if (r.tiling !== undefined && r.tiling !== tiling) continue;
      if (r.format !== undefined && r.format !== format) continue;
      return r;
    }
    // A profile without a rule for this image: answer as for buffers rather than not at all.
    return this.bufferRule;
  }

  /** Bytes an image takes: every mip level's texels for every layer and sample, rounded up to the alignment. */
  imageSize(d: { format: number; width: number; height: number; depth: number; mipLevels: number; arrayLayers: number; samples: number; tiling: number }, texel = texelBytes(d.format)): number {
    const w = count(d.width), h = count(d.height), z = count(d.depth);
    const levels = count(d.mipLevels, MAX_MIP_LEVELS);
    let bytes = 0;
    for (let l = 0; l < levels; l++) {
      const f = 2 ** l;
      bytes += Math.max(1, Math.floor(w / f)) * Math.max(1, Math.floor(h / f)) * Math.max(1, Math.floor(z / f));
    }
    bytes *= count(d.arrayLayers) * count(d.samples, 64) * texel;
    return roundUp(bytes, this.imageRule(d.tiling, d.format).alignment);
  }

  imageRequirements(d: { format: number; width: number; height: number; depth: number; mipLevels: number; arrayLayers: number; samples: number; tiling: number; externalHandleTypes: number; externalHandleTypesNV: number }): MemoryRequirements {
    const r = this.imageRule(d.tiling, d.format);
    const types = flags(d.externalHandleTypes) | nvMaskToKhr(flags(d.externalHandleTypesNV));
    const ded = this.dedicatedFor(true, types);
    const alignment = Math.max(r.alignment, ded.alignment);
    return { size: roundUp(this.imageSize(d), alignment), alignment, memoryTypeBits: r.memoryTypeBits & ded.memoryTypeBits, prefersDedicatedAllocation: ded.prefers, requiresDedicatedAllocation: ded.requires };
  }

  /**
   * Every external-resource rule for this kind of resource whose handle types intersect the resource's:
   * dedicated requirements, and the memory types and alignment a driver gives such resources (drivers
   * may narrow memoryTypeBits for external resources; NVIDIA's does).
   */
  private dedicatedFor(image: boolean, types: number): { prefers: boolean; requires: boolean; memoryTypeBits: number; alignment: number } {
    let prefers = false, requires = false, memoryTypeBits = 0xffffffff, alignment = 1;
    for (const r of this.dedicated) {
      if (r.image !== image || (r.handleTypes & types) === 0) continue;
      prefers ||= r.prefers;
      requires ||= r.requires;
      if (r.memoryTypeBits !== undefined) memoryTypeBits &= r.memoryTypeBits;
      if (r.alignment !== undefined) alignment = Math.max(alignment, r.alignment);
    }
    return { prefers, requires, memoryTypeBits: memoryTypeBits >>> 0, alignment };
  }

  /**
   * Every answer table as numbers, in the order they are matched: what another implementation of this
   * device (the Windows test driver, test/win32-driver) is generated from, so both answer alike.
   */
  answerTables(): {
    buffers: readonly Answer[]; images: readonly Answer[]; imagesNV: readonly Answer[];
    handleProps: ReadonlyMap<number, number>;
    bufferRule: { alignment: number; memoryTypeBits: number }; imageRules: readonly ImageRule[]; dedicated: readonly DedicatedRule[];
  } {
    return { buffers: this.buffers, images: this.images, imagesNV: this.imagesNV, handleProps: this.handleProps, bufferRule: this.bufferRule, imageRules: this.imageRules, dedicated: this.dedicated };
  }

  /** The buffer rule's alignment (D3D12 buffers are sized with it). */
  get bufferAlignment(): number {
    return this.bufferRule.alignment;
  }
}
