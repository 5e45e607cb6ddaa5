// Reading a device profile: JSON text → schema check (schemas/profile.schema.json) → semantic checks
// against the Vulkan registry and the profile's own memory layout → NormalizedProfile, every flag a
// number. Every refusal is an InputError naming the file, the line, the member path and the value.
// schemas/profile.schema.json, compiled ahead of time (scripts/gen-schemas.mjs): nothing compiles code at
// run time, so the explorer's Content-Security-Policy needs no 'unsafe-eval'.
import { validate as validateSchema, type SchemaError } from '../generated/profile-schema.js';
import { ENUMS } from '../generated/registry.js';
import { InputError, show } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import { canonicalName } from './describe.js';
import { findJsonProblem, formatPath, lineOfPath, type PathPart } from './json-text.js';
import type { DeviceProfile, FlagsInput, NormalizedProfile } from './types.js';

export { formatPath, type PathPart };
// What the CLI and the explorer show beside a profile, re-exported so one import serves.
export { isIllustrative, profileSummary, provenanceLine } from './describe.js';

/** Parses and checks one profile file's text; `source` names it in errors and in the result. */
export function loadProfile(text: string, source: string): NormalizedProfile {
  const bytes = utf8Length(text);
  if (bytes > LIMITS.profileBytes) throw tooBig(bytes, source);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark some editors write
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    const at = findJsonProblem(text);
    if (at) throw new InputError(`not valid JSON (column ${at.column}): ${at.reason}`, { file: source, line: at.line });
    throw new InputError(`not valid JSON: ${(e as Error).message}`, { file: source });
  }
  return check(obj, source, text);
}

/** The same checks for a profile that is already an object (a built-in, or one the explorer holds). */
export function normalizeProfile(obj: unknown, source: string): NormalizedProfile {
  return check(obj, source, undefined);
}

export function tooBig(bytes: number, source: string): InputError {
  return new InputError(`the profile is ${bytes} bytes, over the ${LIMITS.profileBytes}-byte limit (limit profileBytes)`, { file: source });
}

function utf8Length(text: string): number {
  // Only texts near the limit need exact counting; every UTF-16 unit is at most 3 UTF-8 bytes.
  if (text.length * 3 <= LIMITS.profileBytes) return text.length;
  return new TextEncoder().encode(text).length;
}

function check(obj: unknown, source: string, text: string | undefined): NormalizedProfile {
  const fail = (parts: PathPart[], message: string) =>
    new InputError(message, { file: source, line: text === undefined ? undefined : lineOfPath(text, parts), path: formatPath(parts) || undefined });
  if (!validateSchema(obj)) {
    const err = pickError(validateSchema.errors ?? []);
    const { parts, message } = describeSchemaError(err, obj);
    throw fail(parts, message);
  }
  return normalize(obj as DeviceProfile, source, fail);
}

// ---------------------------------------------------------------------------------------------
// Schema errors in our words

function pickError(errors: SchemaError[]): SchemaError {
  // if/then and oneOf add a summary error beside the real one; the deepest real one says most.
  // An enum beside the const of an if/then branch at the same place: the enum lists every choice.
  const rank = (e: SchemaError) => (['if', 'oneOf', 'anyOf'].includes(e.keyword) ? 2 : e.keyword === 'const' ? 1 : 0);
  return [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length || rank(a) - rank(b))[0];
}

function pointerParts(p: string): PathPart[] {
  return p.split('/').slice(1).map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~')).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
}

function valueAt(obj: unknown, parts: PathPart[]): unknown {
  let v = obj;
  for (const p of parts) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'an integer', number: 'a number', string: 'a string', array: 'a list', object: 'an object', boolean: 'true or false',
  'integer,array': 'an integer or a list of enumerant names',
};

const PATTERN_WORDS: Record<string, (v: unknown) => string> = {
  '^[0-9]{1,3}(-[0-9]{1,3}){15}$': (v) => `${show(v)} is not a UUID: expected 16 bytes 0..255 separated by dashes`,
  '^[0-9]{1,3}(-[0-9]{1,3}){7}$': (v) => `${show(v)} is not a LUID: expected 8 bytes 0..255 separated by dashes`,
  '^VK_[A-Z0-9_]+$': (v) => `${show(v)} is not an enumerant name (VK_ followed by capitals, digits and underscores)`,
  '^VK_[A-Za-z0-9]+_[A-Za-z0-9_]+$': (v) => `${show(v)} is not an extension name (VK_VENDOR_name)`,
  '^[a-z0-9]+(-[a-z0-9]+)*$': (v) => `must be lower-case letters and digits separated by single dashes, got ${show(v)}`,
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': (v) => `must be a date written YYYY-MM-DD, got ${show(v)}`,
};

function describeSchemaError(e: SchemaError, obj: unknown): { parts: PathPart[]; message: string } {
  const parts = pointerParts(e.instancePath);
  const value = valueAt(obj, parts);
  const params = e.params as Record<string, unknown>;
  const where = formatPath(parts);
  switch (e.keyword) {
    case 'required':
      return { parts, message: `${where ? '' : 'the profile '}needs the member ${show(params.missingProperty)}` };
    case 'additionalProperties':
      return { parts: [...parts, String(params.additionalProperty)], message: `unknown member (${where ? `${where} has` : 'a profile has'} no member ${show(params.additionalProperty)})` };
    case 'type':
      return { parts, message: `must be ${TYPE_WORDS[String(params.type)] ?? String(params.type)}, got ${show(value)}` };
    case 'enum':
    case 'const': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
      return { parts, message: `must be ${allowed.length > 1 ? 'one of ' : ''}${allowed.map((x) => show(x)).join(', ')}, got ${show(value)}` };
    }
    case 'pattern': {
      const words = PATTERN_WORDS[String(params.pattern)];
      return { parts, message: words ? words(value) : `${show(value)} does not match ${String(params.pattern)}` };
    }
    case 'minimum': return { parts, message: `must be at least ${params.limit}, got ${show(value)}` };
    case 'maximum': return { parts, message: `must be at most ${params.limit}, got ${show(value)}` };
    case 'maxItems': {
      const n = Array.isArray(value) ? value.length : 0;
      if (where === 'memory.types') return { parts, message: `the profile has ${n} memory types; Vulkan allows at most ${params.limit} (VK_MAX_MEMORY_TYPES)` };
      if (where === 'memory.heaps') return { parts, message: `the profile has ${n} memory heaps; Vulkan allows at most ${params.limit} (VK_MAX_MEMORY_HEAPS)` };
      return { parts, message: `must have at most ${params.limit} elements, has ${n}` };
    }
    case 'minItems': return { parts, message: `must have at least ${params.limit} element${params.limit === 1 ? '' : 's'}` };
    case 'uniqueItems': {
      const [first, again] = [Number(params.i), Number(params.j)].sort((x, y) => x - y);
      return { parts: [...parts, again], message: `${show(valueAt(obj, [...parts, again]))} is listed twice (elements ${first} and ${again})` };
    }
    case 'minLength': return { parts, message: 'must not be empty' };
    case 'maxLength': return { parts, message: `must be at most ${params.limit} characters long` };
    default: return { parts, message: `${e.message ?? 'is not valid'}, got ${show(value)}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Semantic checks and normalisation

type Fail = (parts: PathPart[], message: string) => InputError;

const allBitsCache = new Map<string, number>();
function allBits(enumName: string): number {
  let v = allBitsCache.get(enumName);
  if (v === undefined) {
    v = 0;
    for (const x of Object.values(ENUMS[enumName].values)) v = (v | x) >>> 0;
    allBitsCache.set(enumName, v);
  }
  return v;
}

function flagNamesList(enumName: string, v: number): string {
  return Object.entries(ENUMS[enumName].values).filter(([, x]) => x & v).map(([n]) => n).join(' | ');
}

function hex(v: number): string {
  return `0x${(v >>> 0).toString(16)}`;
}

function isPowerOfTwo(v: number): boolean {
  return v > 0 && Number.isInteger(Math.log2(v));
}

function normalize(p: DeviceProfile, source: string, fail: Fail): NormalizedProfile {
  const enumerant = (enumName: string, name: string, parts: PathPart[]): string => {
    if (!Object.prototype.hasOwnProperty.call(ENUMS[enumName].values, name)) throw fail(parts, `${show(name)} is not a ${enumName} value`);
    // Aliases (…_KHR) become one spelling, so answers compare by name.
    return canonicalName(enumName, name);
  };
  const flags = (enumName: string, input: FlagsInput, parts: PathPart[]): number => {
    if (typeof input === 'number') {
      const unknown = (input & ~allBits(enumName)) >>> 0;
      if (unknown) throw fail(parts, `${input} (${hex(input)}) has bits that ${enumName} does not define: ${hex(unknown)}`);
      return input >>> 0;
    }
    let v = 0;
    input.forEach((name, i) => { v = (v | ENUMS[enumName].values[enumerant(enumName, name, [...parts, i])]) >>> 0; });
    return v;
  };
  const optFlags = (enumName: string, input: FlagsInput | undefined, parts: PathPart[]) => (input === undefined ? undefined : flags(enumName, input, parts));
  const optEnum = (enumName: string, name: string | undefined, parts: PathPart[]) => (name === undefined ? undefined : enumerant(enumName, name, parts));

  // Identity.
  const d = p.device;
  const deviceType = enumerant('VkPhysicalDeviceType', d.deviceType, ['device', 'deviceType']);
  for (const [key, n, what] of [['deviceUUID', 16, 'UUID'], ['driverUUID', 16, 'UUID'], ['deviceLUID', 8, 'LUID']] as const) {
    const s = d[key];
    if (s !== undefined && s.split('-').some((b) => Number(b) > 255)) throw fail(['device', key], `${show(s)} is not a ${what}: expected ${n} bytes 0..255 separated by dashes`);
  }
  if (d.deviceLUIDValid && d.deviceLUID === undefined) throw fail(['device', 'deviceLUIDValid'], 'is true, but device.deviceLUID is missing');
  const hostExt = p.extensions.includes('VK_EXT_external_memory_host');
  if (d.minImportedHostPointerAlignment !== undefined) {
    if (!isPowerOfTwo(d.minImportedHostPointerAlignment)) throw fail(['device', 'minImportedHostPointerAlignment'], `must be a power of two, got ${d.minImportedHostPointerAlignment}`);
    if (!hostExt) throw fail(['device', 'minImportedHostPointerAlignment'], 'is given, but the profile does not offer VK_EXT_external_memory_host');
  } else if (hostExt) {
    throw fail(['device'], 'needs minImportedHostPointerAlignment: the profile offers VK_EXT_external_memory_host');
  }

  // Memory layout.
  const heaps = p.memory.heaps.map((h, i) => ({ size: h.size, flags: flags('VkMemoryHeapFlagBits', h.flags, ['memory', 'heaps', i, 'flags']) }));
  const types = p.memory.types.map((t, i) => {
    if (t.heapIndex >= heaps.length) throw fail(['memory', 'types', i, 'heapIndex'], `heapIndex ${t.heapIndex} is out of range: the profile has ${heaps.length} memory heap${heaps.length === 1 ? '' : 's'} (0..${heaps.length - 1})`);
    return { propertyFlags: flags('VkMemoryPropertyFlagBits', t.propertyFlags, ['memory', 'types', i, 'propertyFlags']), heapIndex: t.heapIndex };
  });
  const typeBits = (bits: number, parts: PathPart[], needOne: boolean): number => {
    const extra = types.length >= 32 ? 0 : ((bits >>> types.length) << types.length) >>> 0;
    if (extra) {
      let first = types.length;
      while (!((extra >>> first) & 1)) first++;
      throw fail(parts, `${hex(bits)} names memory type ${first}, but the profile has ${types.length} memory type${types.length === 1 ? '' : 's'} (0..${types.length - 1})`);
    }
    if (needOne && bits === 0) throw fail(parts, 'must name at least one memory type, got 0');
    return bits;
  };
  const alignment = (v: number, parts: PathPart[]) => {
    if (!isPowerOfTwo(v)) throw fail(parts, `must be a power of two, got ${v}`);
    return v;
  };

  // Citations: every id an entry gives is one of provenance.sources (an illustrative profile's facts).
  const sources = p.provenance.kind === 'illustrative' ? p.provenance.sources ?? [] : [];
  const sourceIds = new Set<string>();
  sources.forEach((src, i) => {
    if (sourceIds.has(src.id)) throw fail(['provenance', 'sources', i, 'id'], `${show(src.id)} is already the id of an earlier source`);
    sourceIds.add(src.id);
  });
  const cited = (e: string[] | undefined, parts: PathPart[]): { evidence?: string[] } => {
    if (e === undefined) return {};
    e.forEach((id, k) => {
      if (!sourceIds.has(id)) throw fail([...parts, 'evidence', k], `cites ${show(id)}, which is not among provenance.sources${sources.length ? ` (${[...sourceIds].join(', ')})` : ' (the profile lists none)'}`);
    });
    return { evidence: [...e] };
  };
  const profileEvidence = cited(p.evidence, []);

  // Requirements.
  const r = p.requirements;
  const buffer = { alignment: alignment(r.buffer.alignment, ['requirements', 'buffer', 'alignment']), memoryTypeBits: typeBits(r.buffer.memoryTypeBits, ['requirements', 'buffer', 'memoryTypeBits'], true), ...cited(r.buffer.evidence, ['requirements', 'buffer']) };
  const seen = duplicates(fail);
  const image = r.image.map((rule, i) => {
    const at: PathPart[] = ['requirements', 'image', i];
    const out = {
      ...(rule.tiling !== undefined && { tiling: enumerant('VkImageTiling', rule.tiling, [...at, 'tiling']) }),
      ...(rule.format !== undefined && { format: enumerant('VkFormat', rule.format, [...at, 'format']) }),
      alignment: alignment(rule.alignment, [...at, 'alignment']),
      memoryTypeBits: typeBits(rule.memoryTypeBits, [...at, 'memoryTypeBits'], true),
      ...cited(rule.evidence, at),
    };
    seen(at, [out.tiling, out.format]);
    return out;
  });
  const dedicated = r.dedicated.map((rule, i) => {
    const at: PathPart[] = ['requirements', 'dedicated', i];
    const handleTypes = flags('VkExternalMemoryHandleTypeFlagBits', rule.handleTypes, [...at, 'handleTypes']);
    if (handleTypes === 0) throw fail([...at, 'handleTypes'], 'is empty, so the rule could never apply');
    seen(at, [rule.resource, handleTypes]);
    return {
      resource: rule.resource, handleTypes, prefersDedicated: rule.prefersDedicated, requiresDedicated: rule.requiresDedicated,
      ...(rule.memoryTypeBits !== undefined ? { memoryTypeBits: typeBits(rule.memoryTypeBits, [...at, 'memoryTypeBits'], true) } : {}),
      ...(rule.alignment !== undefined ? { alignment: rule.alignment } : {}),
      ...cited(rule.evidence, at),
    };
  });

  // Capability answers.
  const HT = 'VkExternalMemoryHandleTypeFlagBits';
  const HT_NV = 'VkExternalMemoryHandleTypeFlagBitsNV';
  const externalBuffer = p.externalBuffer.map((a, i) => {
    const at: PathPart[] = ['externalBuffer', i];
    const out = {
      handleType: enumerant(HT, a.handleType, [...at, 'handleType']),
      ...(a.usage !== undefined && { usage: flags('VkBufferUsageFlagBits', a.usage, [...at, 'usage']) }),
      ...(a.flags !== undefined && { flags: flags('VkBufferCreateFlagBits', a.flags, [...at, 'flags']) }),
      externalMemoryFeatures: flags('VkExternalMemoryFeatureFlagBits', a.externalMemoryFeatures, [...at, 'externalMemoryFeatures']),
      exportFromImportedHandleTypes: flags(HT, a.exportFromImportedHandleTypes, [...at, 'exportFromImportedHandleTypes']),
      compatibleHandleTypes: flags(HT, a.compatibleHandleTypes, [...at, 'compatibleHandleTypes']),
      ...cited(a.evidence, at),
    };
    seen(at, [ENUMS[HT].values[out.handleType], out.usage, out.flags]);
    return out;
  });
  const imageAnswer = <A extends { evidence?: string[]; result: string; externalMemoryFeatures?: FlagsInput; exportFromImportedHandleTypes?: FlagsInput; compatibleHandleTypes?: FlagsInput; format?: string; type?: string; tiling?: string; usage?: FlagsInput; flags?: FlagsInput }>(a: A, at: PathPart[], features: string, handles: string) => {
    const result = enumerant('VkResult', a.result, [...at, 'result']);
    const given = (['externalMemoryFeatures', 'exportFromImportedHandleTypes', 'compatibleHandleTypes'] as const).filter((k) => a[k] !== undefined);
    if (result === 'VK_SUCCESS' && given.length < 3) {
      const missing = ['externalMemoryFeatures', 'exportFromImportedHandleTypes', 'compatibleHandleTypes'].filter((k) => !given.includes(k as never));
      throw fail(at, `answers VK_SUCCESS, so it needs ${missing.join(', ')}`);
    }
    if (result !== 'VK_SUCCESS' && given.length > 0) throw fail([...at, given[0]], `is given, but the answer is ${result}, which leaves the external properties unwritten`);
    return {
      ...(a.format !== undefined && { format: optEnum('VkFormat', a.format, [...at, 'format']) }),
      ...(a.type !== undefined && { type: optEnum('VkImageType', a.type, [...at, 'type']) }),
      ...(a.tiling !== undefined && { tiling: optEnum('VkImageTiling', a.tiling, [...at, 'tiling']) }),
      ...(a.usage !== undefined && { usage: optFlags('VkImageUsageFlagBits', a.usage, [...at, 'usage']) }),
      ...(a.flags !== undefined && { flags: optFlags('VkImageCreateFlagBits', a.flags, [...at, 'flags']) }),
      result,
      ...(result === 'VK_SUCCESS' && {
        externalMemoryFeatures: flags(features, a.externalMemoryFeatures!, [...at, 'externalMemoryFeatures']),
        exportFromImportedHandleTypes: flags(handles, a.exportFromImportedHandleTypes!, [...at, 'exportFromImportedHandleTypes']),
        compatibleHandleTypes: flags(handles, a.compatibleHandleTypes!, [...at, 'compatibleHandleTypes']),
      }),
      ...cited(a.evidence, at),
    };
  };
  const externalImage = p.externalImage.map((a, i) => {
    const at: PathPart[] = ['externalImage', i];
    const handleType = enumerant(HT, a.handleType, [...at, 'handleType']);
    const rest = imageAnswer(a, at, 'VkExternalMemoryFeatureFlagBits', HT);
    seen(at, [ENUMS[HT].values[handleType], rest.format, rest.type, rest.tiling, rest.usage, rest.flags]);
    return { handleType, ...rest };
  });
  const externalImageNV = (p.externalImageNV ?? []).map((a, i) => {
    const at: PathPart[] = ['externalImageNV', i];
    const handleTypes = flags(HT_NV, a.handleTypes, [...at, 'handleTypes']);
    // The NV query asks about one handle type at a time (VUID-vkGetPhysicalDeviceExternalImageFormatPropertiesNV-externalHandleType-07721).
    if (handleTypes === 0 || (handleTypes & (handleTypes - 1)) !== 0) throw fail([...at, 'handleTypes'], `must name exactly one NV handle type, as the query asks about one at a time; got ${handleTypes === 0 ? 'none' : flagNamesList(HT_NV, handleTypes)}`);
    const rest = imageAnswer(a, at, 'VkExternalMemoryFeatureFlagBitsNV', HT_NV);
    seen(at, [handleTypes, rest.format, rest.type, rest.tiling, rest.usage, rest.flags]);
    return { handleTypes, ...rest };
  });
  const handleProperties = p.handleProperties.map((a, i) => {
    const at: PathPart[] = ['handleProperties', i];
    const handleType = enumerant(HT, a.handleType, [...at, 'handleType']);
    seen(at, [ENUMS[HT].values[handleType]]);
    return { handleType, memoryTypeBits: typeBits(a.memoryTypeBits, [...at, 'memoryTypeBits'], false), ...cited(a.evidence, at) };
  });

  return {
    profile: p.profile,
    title: p.title,
    provenance: { ...p.provenance },
    platform: p.platform,
    device: { ...d, deviceType },
    extensions: [...p.extensions],
    memory: { heaps, types },
    requirements: { buffer, image, dedicated },
    externalBuffer,
    externalImage,
    externalImageNV,
    handleProperties,
    ...profileEvidence,
    source,
  };
}

/** Refuses a second entry that answers the same question as an earlier one in the same list. */
function duplicates(fail: Fail) {
  const keys = new Map<string, number>();
  return (at: PathPart[], key: unknown[]) => {
    const list = String(at[at.length - 2]);
    const k = `${list}|${JSON.stringify(key.map((x) => x ?? null))}`;
    const earlier = keys.get(k);
    if (earlier !== undefined) {
      const listPath = formatPath(at.slice(0, -1));
      throw fail(at, `repeats the conditions of ${listPath}[${earlier}]; each question may have only one answer`);
    }
    keys.set(k, Number(at[at.length - 1]));
  };
}
