// The import resolver's answer in words for people: one sentence per decision (allocationSize,
// memoryTypeIndex, dedicated allocation) built from what the library decided, and the library's own
// reasons with the world's model names (dstRes, hSrc, srcMem…) and short tags (D3D11_TEXTURE,
// DEDICATED_ONLY) replaced by what they stand for. Nothing here decides anything: every value and every
// reason comes from the Resolution; this module only names things.
import type { MissingExtension, ResolveResult, SourceKind } from '../../../src/resolve/request.js';
import type { Dedicated, Why } from '../../../src/resolve/types.js';
import { HANDLE_TYPE_ROWS, type HandleTypeRow } from '../../../src/generated/handle-types.js';
import { ENUMS } from '../../../src/generated/registry.js';
import { handleTypeName, parseHandleType, shortHandleTypeName } from '../../../src/resolve/words.js';
import { flagNames } from './chain-form.js';

/** One thing of the world the resolver built, as the model names it, as people say it, and as the C code declares it. */
export interface Thing {
  /** The world's name (dstRes, hSrc, 100, dev_main…). */
  model: string;
  /** "the image you import into", "the NT handle to the shared D3D11 texture". */
  words: string;
  /** A shorter form for the possessive ("the image’s parameters"); `words` when absent. */
  short?: string;
  /** The C identifier the import's C code declares for it (resolver-c-code.ts), if it appears there. */
  c?: string;
  /** Its C type. */
  cType?: string;
  /** What the identifier is, for the legend and the C code's comment. */
  role: string;
}

/** What the handle or pointer is made from, after "the NT handle …" (by the request's source kind). */
const SOURCE_WORDS: Record<SourceKind, string> = {
  vulkan: 'exported from the Vulkan allocation',
  'd3d11-texture': 'to the shared D3D11 texture',
  'd3d12-heap': 'to the shared D3D12 heap',
  'd3d12-resource': 'to the shared D3D12 committed resource',
  'dma-buf': 'of the dma-buf',
  'host-pointer': 'to the host allocation',
};

/** The catalogue row of the imported handle type. */
export function importedRow(res: Pick<ResolveResult, 'resolution'>): HandleTypeRow | undefined {
  const t = parseHandleType(res.resolution.query.handleType);
  return t && HANDLE_TYPE_ROWS.find((r) => r.bit === t.bit && r.nv === t.nv);
}

/** The C identifier and type of the imported handle, by what the catalogue says the handle is. */
export function handleVariable(row: HandleTypeRow | undefined): { c: string; cType: string; noun: string } {
  switch (row?.handle) {
    case 'fd': return { c: 'fd', cType: 'int', noun: 'fd' };
    case 'host pointer': return { c: 'hostPointer', cType: 'void *', noun: 'host pointer' };
    case 'KMT': return { c: 'sharedHandle', cType: 'HANDLE', noun: 'KMT (global share) handle' };
    default: return { c: 'sharedHandle', cType: 'HANDLE', noun: 'NT handle' };
  }
}

/** Every named thing of the world, for people and for the C code. */
export function thingsOf(res: ResolveResult, source: SourceKind): Thing[] {
  const n = res.names;
  const row = importedRow(res);
  const handle = handleVariable(row);
  const kind = n.resourceKind ?? 'resource';
  const out: Thing[] = [];
  const otherProcess = n.process !== undefined;
  out.push({ model: n.device, words: 'the importing device', c: 'device', cType: 'VkDevice', role: 'the importing device' });
  if (n.sourceDevice !== n.device) out.push({ model: n.sourceDevice, words: 'the exporting device (in process main)', role: 'the device that made the payload' });
  if (n.resource) out.push({ model: n.resource, words: `the ${kind} you import into`, short: `the ${kind}`, c: kind, cType: kind === 'image' ? 'VkImage' : 'VkBuffer', role: `the ${kind} the imported memory is bound to` });
  if (n.sourceMemory) out.push({ model: n.sourceMemory, words: 'the exporting allocation', role: 'the Vulkan memory the handle was exported from' });
  if (n.sourceResource) out.push({ model: n.sourceResource, words: `the exported ${kind}`, role: `the ${kind} the exporting allocation was made for` });
  const base = `the ${handle.noun} ${SOURCE_WORDS[source]}`;
  if (n.handle !== undefined) {
    const duplicated = otherProcess && n.sourceHandle !== undefined && String(n.sourceHandle) !== String(n.handle);
    const words = duplicated ? `${base}, duplicated into process ${n.process}` : base;
    out.push({ model: String(n.handle), words, c: handle.c, cType: handle.cType, role: words });
  }
  if (n.sourceHandle !== undefined && String(n.sourceHandle) !== String(n.handle ?? '')) {
    out.push({ model: String(n.sourceHandle), words: `${base}, in the exporting process`, role: `${base}, in the exporting process` });
  }
  if (n.name !== undefined) out.push({ model: n.name, words: `the name “${n.name}”`, role: `the name the payload was shared under` });
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The short handle-type names the core's words use, each with the enumerant it stands for; longest first. */
const TYPE_NAMES: ReadonlyArray<{ pattern: RegExp; full: string }> = HANDLE_TYPE_ROWS
  .map((r) => {
    const short = shortHandleTypeName(r.name);
    // The core prints an NV type as "OPAQUE_WIN32 (NV)"; requests write "OPAQUE_WIN32_NV".
    const stem = r.nv ? short.replace(/_NV$/, '') : short;
    const forms = r.nv ? [`${stem} (NV)`, short] : [short];
    return { pattern: new RegExp(`\\b(?:${forms.map(escape).join('|')})(?![\\w(])(?! \\(NV\\))`, 'g'), full: handleTypeName(r.bit, r.nv), length: short.length + (r.nv ? 10 : 0) };
  })
  .sort((a, b) => b.length - a.length);

// The flag enums whose bits the core's words name by their short form (DEDICATED_ONLY, DEVICE_MASK…).
const FLAG_ENUMS = ['VkExternalMemoryFeatureFlagBits', 'VkMemoryPropertyFlagBits', 'VkMemoryAllocateFlagBits', 'VkImageCreateFlagBits', 'VkMemoryHeapFlagBits'];

/** A short flag name's enumerant (DEDICATED_ONLY → VK_EXTERNAL_MEMORY_FEATURE_DEDICATED_ONLY_BIT), if one of FLAG_ENUMS has it. */
function flagEnumerant(short: string): string | undefined {
  for (const e of FLAG_ENUMS) {
    const name = Object.keys(ENUMS[e]?.values ?? {}).find((k) => k.endsWith(`_${short}_BIT`) && !/_(KHR|EXT|NV)$/.test(k));
    if (name) return name;
  }
  return undefined;
}

/**
 * A message of the library's (a reason, a problem, the source) with the world's names and the short
 * tags replaced: a handle with the handle type before it becomes what the handle is, objects become
 * what they are, handle types and flags their Vulkan enumerants, byte counts are grouped.
 */
export function humanize(message: string, things: Thing[]): string {
  let s = message;
  const typePrefix = `(?:(?:${TYPE_NAMES.map((t) => t.pattern.source).join('|')}) )?`;
  // Longer model names first, so a short one never eats part of another. A name is printed as it is,
  // or quoted when the core shows it in quotes (an import name): both forms in one pattern, so words
  // that contain the name are never replaced again.
  for (const t of [...things].sort((a, b) => b.model.length - a.model.length)) {
    const name = `(?:${escape(JSON.stringify(t.model))}|${/^\w/.test(t.model) ? '\\b' : ''}${escape(t.model)})`;
    const lead = `(?<!call )${typePrefix}(?:host pointer |pointer |handle |fd |memory |image |buffer |device |name )?`;
    s = s.replace(new RegExp(`${lead}${name}'s\\b`, 'g'), `${t.short ?? t.words}’s`);
    s = s.replace(new RegExp(`${lead}${name}(?![\\w-])`, 'g'), t.words);
  }
  for (const t of TYPE_NAMES) s = s.replace(t.pattern, t.full);
  // Flag lists ("DEDICATED_ONLY|IMPORTABLE") and single short flags with an underscore.
  s = s.replace(/\b[A-Z][A-Z0-9_]*(?:\|[A-Z][A-Z0-9_]*)+\b/g, (list) => {
    const full = list.split('|').map((f) => flagEnumerant(f));
    return full.every(Boolean) ? full.join(' | ') : list;
  });
  s = s.replace(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g, (tag) => (tag.startsWith('VK_') ? tag : flagEnumerant(tag) ?? tag));
  s = s.replace(/\b(\d{5,}) bytes\b/g, (_, n: string) => `${Number(n).toLocaleString('en')} bytes`);
  return s;
}

const sentence = (s: string) => {
  const t = s.trim().replace(/[.;:,]+$/, '');
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}.`;
};

/** A reason of the library's as a sentence for people. */
export function reasonSentence(w: Why, things: Thing[]): string {
  return sentence(humanize(w.message, things));
}

const bytes = (n: number) => `${n.toLocaleString('en')} bytes`;

/** One decision as the page shows it: the short answer, the sentence, and the rules it rests on. */
export interface Decision {
  /** "262,144 bytes", "type 0", "required". */
  answer: string;
  /** One sentence: the value, where it comes from, why. */
  sentence: string;
  /** The rules behind it, the deciding one first. */
  rules: Why[];
}

/** allocationSize: which value, where it comes from, and the rule; a size the driver ignores is said to be ignored without contradicting the rule that still holds. */
export function sizeDecision(res: ResolveResult, things: Thing[]): Decision {
  const s = res.resolution.allocationSize;
  const v = s.value;
  const kind = res.names.resourceKind ?? 'resource';
  const reqCall = kind === 'buffer' ? 'vkGetBufferMemoryRequirements2' : 'vkGetImageMemoryRequirements2';
  const lead = v === undefined ? 'Not known from this world'
    : s.mode === 'EXACT' ? `Pass exactly ${bytes(v)}`
    : s.mode === 'RESOURCE_REQUIREMENT' ? `Pass ${bytes(v)}, the ${kind}’s size from ${reqCall}`
    : s.mode === 'AT_LEAST' ? `Pass at least ${bytes(v)}`
    : s.mode === 'ALIGNED' ? `Pass ${bytes(v)} (or another multiple of it)`
    : s.mode === 'IGNORED' ? `Any value is accepted; pass ${bytes(v)}`
    : s.mode === 'ANY' ? `Pass up to ${bytes(v)}`
    : 'Not known from this world';
  const others = s.constraints.filter((c) => c.why.message !== s.why.message);
  const clauses = others.map((c) => (c.mode === 'IGNORED' && s.mode !== 'IGNORED'
    ? `${humanize(c.why.message, things)}, but the value you pass must still meet the rule above`
    : `also, ${humanize(c.why.message, things)}`));
  const answer = v === undefined ? 'not known' : bytes(v);
  return { answer, sentence: sentence([`${lead}: ${humanize(s.why.message, things)}`, ...clauses].join('; ')), rules: [s.why, ...others.map((c) => c.why)] };
}

/** "types 0 and 3", "type 0", "no type". */
export function typesText(types: number[]): string {
  if (!types.length) return 'no type';
  if (types.length === 1) return `type ${types[0]}`;
  return `types ${types.slice(0, -1).join(', ')} and ${types[types.length - 1]}`;
}

/** A memory type's property flags as their enumerants ("VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT"), or "no property flags". */
export function propertyFlagsText(flags: number): string {
  const { names } = flagNames('VkMemoryPropertyFlagBits', flags);
  return names.length ? names.join(' | ') : 'no property flags';
}

/** The properties query a component's reason names (the library's words say which call answered). */
function queryOf(w: Why): string | undefined {
  return /\bvkGet\w+Properties\w*/.exec(w.message)?.[0];
}

/** memoryTypeIndex: which types each mask allows, the intersection, and the one chosen with its flags. */
export function typesDecision(res: ResolveResult, things: Thing[]): Decision {
  const t = res.resolution.memoryTypeIndex;
  const kind = res.names.resourceKind ?? 'resource';
  const resource = things.find((x) => x.model === res.names.resource)?.words ?? `the ${kind}`;
  const handle = things.find((x) => x.model === String(res.names.handle ?? res.names.name))?.words ?? 'the handle';
  const hex = (m: number | undefined) => `0x${(m ?? 0).toString(16)}`;
  let deviceTypes: number | undefined;
  const parts: string[] = [];
  for (const c of t.components) {
    if (!c.types) { parts.push(humanize(c.why.message, things)); continue; }
    switch (c.kind) {
      case 'device': deviceTypes = c.types.length; break;
      case 'resource': parts.push(`${resource} accepts ${typesText(c.types)} (memoryTypeBits ${hex(c.mask)} from ${kind === 'buffer' ? 'vkGetBufferMemoryRequirements2' : 'vkGetImageMemoryRequirements2'})`); break;
      case 'handle': case 'host': parts.push(`${queryOf(c.why) ?? 'the properties query'} reports ${typesText(c.types)} for ${handle} (memoryTypeBits ${hex(c.mask)})`); break;
      case 'exporter': parts.push(`the exporting allocation used ${typesText(c.types)}, and the import must use the same`); break;
    }
  }
  const of = deviceTypes === undefined ? '' : deviceTypes === 1 ? 'the importing device has one memory type, and ' : `of the importing device’s ${deviceTypes} memory types, `;
  const reasons = parts.length ? parts.join(parts.length > 2 ? '; ' : ' and ') : 'no mask narrows the choice';
  const maybe = t.complete ? '' : ' as far as this world shows';
  const flags = t.first !== undefined ? res.profile.memory.types[t.first]?.propertyFlags : undefined;
  let lead: string;
  let end: string;
  if (t.first === undefined) {
    lead = 'No memory type works';
    end = 'so no type is allowed by all of them';
  } else {
    lead = `Use type ${t.first} (${flags !== undefined ? propertyFlagsText(flags) : 'flags unknown'})`;
    end = t.candidates.length === 1 ? `so type ${t.first} is the only one they all allow${maybe}` : `so ${typesText(t.candidates)} are allowed${maybe}, and the chain uses the lowest, type ${t.first}`;
  }
  return {
    answer: t.first === undefined ? 'none' : `type ${t.first}`,
    sentence: sentence(`${lead}: ${of}${reasons}, ${end}`),
    rules: [t.why, ...t.components.map((c) => c.why)],
  };
}

/** The decision's word: required, allowed but not needed, not allowed, not needed. */
export function dedicatedWord(d: Dedicated): string {
  switch (d.decision) {
    case 'REQUIRED': return 'required';
    case 'OPTIONAL': return 'allowed, not needed';
    case 'NOT_ALLOWED': return 'not allowed';
    default: return 'not needed';
  }
}

/** A dedicated-allocation decision (KHR or NV): required / allowed / not needed, to what, and why. */
export function dedicatedDecision(d: Dedicated, things: Thing[]): Decision {
  const target = d.target ? things.find((x) => x.model === d.target)?.words ?? `the ${d.targetKind ?? 'resource'}` : undefined;
  const word = dedicatedWord(d);
  const lead = d.decision === 'REQUIRED' && target ? `Required, dedicated to ${target}` : word;
  const others = d.parts.filter((p) => p.why.message !== d.why.message);
  return { answer: word, sentence: sentence(`${lead}: ${humanize(d.why.message, things)}`), rules: [d.why, ...others.map((p) => p.why)] };
}

/** What a world name means, for the legend beside anything that still shows model names (the scenario step). */
export function legendOf(things: Thing[]): Array<{ model: string; words: string }> {
  return things.map((t) => ({ model: t.model, words: t.role }));
}

/** A value of the world's as the C code names it (a world name becomes its C identifier; anything else stays). */
export function cValue(v: unknown, things: Thing[]): unknown {
  if (typeof v !== 'string' && typeof v !== 'number') return v;
  const t = things.find((x) => x.c && x.model === String(v));
  return t ? t.c : v;
}

/** The notice that comes before any decision when the profile lacks an extension the import needs. */
export interface ExtensionNotice {
  extension: string;
  /** One sentence: what is missing, on which profile, and what needs it (the validator's words). */
  text: string;
  vuid: string;
  url: string;
  /** Profiles of the library that offer it, to switch to. */
  offeredBy: string[];
}

/** One notice per missing extension, with the profiles that offer it (`offers` says whether a profile does). */
export function extensionNotices(missing: MissingExtension[], profile: string, profiles: string[], offers: (profile: string, extension: string) => boolean): ExtensionNotice[] {
  return missing.map((m) => ({
    extension: m.extension,
    text: sentence(`Profile ${profile} does not offer ${m.extension}, which this import needs, so the import cannot be made on its device: ${m.message}`),
    vuid: m.vuid,
    url: m.url,
    offeredBy: profiles.filter((p) => p !== profile && offers(p, m.extension)),
  }));
}
