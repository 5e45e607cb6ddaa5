// What the "Handle types" view says about each row of the catalogue: the filters, the explanations in
// our words, the links into the other views, and which of the core's rules (VUIDs) involve the type.
// Pure functions over the catalogue (src/catalogue.ts) and the core's rule list: no DOM, unit-tested.
import { rowOf, type HandleTypeInfo } from '../../../src/catalogue.js';
import type { RuleInfo } from '../../../src/core/findings.js';
import { vuidUrl } from '../../../src/core/findings.js';
import { shortHandleTypeName } from '../../../src/resolve/words.js';
import { HANDLE_TYPE_ROWS } from '../../../src/generated/handle-types.js';
import { fillWords } from '../../../src/core/templates.js';
import { TEMPLATE_PLACEHOLDER } from '../../../src/generated/contract.js';

// ---------------------------------------------------------------------------------------------
// Names and filters

/**
 * The type's name in URLs and links: the short name (D3D12_HEAP), with `_NV` for the NV family so the
 * two OPAQUE_WIN32 rows stay apart. The resolver and the chain builder read the same names.
 */
export function typeKey(t: Pick<HandleTypeInfo, 'name' | 'family'>): string {
  return shortHandleType(t.name);
}

/** VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT → OPAQUE_WIN32; …_BIT_NV → OPAQUE_WIN32_NV; …_BIT_EXT → DMA_BUF; a short name stays as it is. */
export const shortHandleType = shortHandleTypeName;

export function findType(types: HandleTypeInfo[], key: string | undefined): HandleTypeInfo | undefined {
  return key ? types.find((t) => typeKey(t) === key) : undefined;
}

export interface TypeFilter {
  family?: 'KHR' | 'NV';
  platform?: string;
  /** Free text, matched against the names and every fact the view states (handle-type-search.ts). */
  q?: string;
}

/** The platforms the catalogue names, in its order. */
export function platforms(types: HandleTypeInfo[]): string[] {
  return [...new Set(types.map((t) => t.platform))];
}

/** The filter a URL asks for; values the catalogue does not know are dropped (a hand-edited link still opens). */
export function readFilter(params: Record<string, string>, types: HandleTypeInfo[]): TypeFilter {
  const f: TypeFilter = {};
  if (params.family === 'KHR' || params.family === 'NV') f.family = params.family;
  if (params.platform && platforms(types).includes(params.platform)) f.platform = params.platform;
  if (params.q) f.q = params.q.slice(0, 200);
  return f;
}

/** The URL parameters for a filter and an open row (empty ones are left out by the shell). */
export function filterParams(f: TypeFilter, open: string | undefined): Record<string, string | undefined> {
  return { family: f.family, platform: f.platform, q: f.q?.trim() || undefined, open };
}

// ---------------------------------------------------------------------------------------------
// Explanations (our words)

/** The badge class and label for what the handle is. */
export function handleKindLabel(t: Pick<HandleTypeInfo, 'handle'>): string {
  return { NT: 'NT handle', KMT: 'KMT handle', fd: 'file descriptor', 'host pointer': 'host pointer', 'platform object': 'platform object' }[t.handle];
}
export function handleBadgeClass(t: Pick<HandleTypeInfo, 'handle'>): string {
  return { NT: 'nt', KMT: 'kmt', fd: 'fd', 'host pointer': 'host', 'platform object': '' }[t.handle];
}

/** How a handle of this kind lives and dies, and how it crosses a process boundary. */
export function handleSemantics(t: Pick<HandleTypeInfo, 'handle'>): string {
  switch (t.handle) {
    case 'NT':
      return 'An NT handle is an entry in one process\'s handle table and holds a reference on the memory: the payload stays alive while any NT handle or memory object still refers to it. '
        + 'The value means nothing in another process: use DuplicateHandle to give that process its own handle. Importing does not consume the handle, so close it with CloseHandle once you are done with it.';
    case 'KMT':
      return 'A global share (KMT) handle is one system-wide value rather than a handle-table entry. It holds no reference and is never closed (CloseHandle on it is a mistake); '
        + 'any process may import it by value, and it stops naming anything as soon as the last memory object or NT handle that keeps the payload alive is gone.';
    case 'fd':
      return 'A file descriptor belongs to one process. A successful import gives it to the driver: from then on the application must neither close nor reuse it (dup it first to import the same payload twice). '
        + 'A failed import leaves it with the application.';
    case 'host pointer':
      return 'Not a handle: a pointer into the application\'s address space (ordinary host memory for HOST_ALLOCATION, a host mapping of foreign memory, such as another device\'s, for HOST_MAPPED_FOREIGN_MEMORY), imported in place. '
        + 'The application keeps it allocated and mapped at the same address for as long as the Vulkan memory object exists; the pointer and the size must be multiples of minImportedHostPointerAlignment.';
    default:
      return 'An object of another platform\'s own API. The catalogue lists it so every bit of the enumeration is named; the model does not simulate this platform.';
  }
}

/** What "opaque" means for this type's payload. */
export function opaqueText(t: Pick<HandleTypeInfo, 'opaque' | 'handle'>): string {
  if (t.opaque) return 'Yes: only the driver that made the payload knows its layout, so only the same driver on the same device can import it.';
  if (t.handle === 'host pointer') return 'No: it is memory mapped into the application\'s address space, read and written through the pointer.';
  return 'No: the payload is an object of the OS or another API (D3D, dma-buf…), whose layout that API defines.';
}

/** Whether, and through which members, the payload can be imported by name instead of by handle. */
export function importByNameText(t: HandleTypeInfo): string {
  if (t.importByName) {
    return 'Yes. The exporter gives the payload a name (VkExportMemoryWin32HandleInfoKHR::name, or the name passed to the D3D CreateSharedHandle call); '
      + 'the importer sets VkImportMemoryWin32HandleInfoKHR::name to it and leaves handle NULL. Setting both is an error.';
  }
  if (t.family === 'NV') return 'No. VkImportMemoryWin32HandleInfoNV has no name member: import by the handle value.';
  if (t.handle === 'KMT') return 'No. A global share (KMT) handle has no name: import it by its value.';
  return 'No. This type is imported by its handle, descriptor or pointer only.';
}

/** What allocationSize must be on import, from the catalogue's rule. */
export function allocationSizeText(t: HandleTypeInfo): string {
  switch (t.allocationSize) {
    case 'must match the export': return 'Use the exporting allocation\'s allocationSize (and its memoryTypeIndex): an opaque handle carries no size of its own.';
    case 'must match the D3D12 heap': return 'Must equal the size the D3D12 heap was created with.';
    case 'ignored (taken from the OS object)': return 'Ignored: the implementation asks the OS for the size of the shared object.';
    case 'multiple of minImportedHostPointerAlignment': return 'A multiple of minImportedHostPointerAlignment, and no larger than the host allocation behind the pointer.';
    default: return 'Chosen by the application, within the size of the payload.';
  }
}

/** A reason text of the core's import resolver ("key|anchor|message"), found by key. */
export function coreReason(reasons: string[], key: string): string | undefined {
  const line = reasons.find((r) => r.startsWith(`${key}|`));
  return line?.split('|').slice(2).join('|');
}

/** When the import must, may or must not be a dedicated allocation. */
export function dedicatedText(t: HandleTypeInfo, reasons: string[]): string {
  const key = typeKey(t);
  if (t.dedicatedOnly) {
    const text = coreReason(reasons, 'resolve.dedicated-only-type');
    const why = text === undefined ? undefined : fillWords(text, { handleType: key });
    return `Always dedicated: ${why ?? `implementations report ${key} as DEDICATED_ONLY`}. The import chains VkMemoryDedicatedAllocateInfo naming the image or buffer it will be bound to (VUID-VkMemoryAllocateInfo-pNext-00639).`;
  }
  if (t.handle === 'host pointer') return 'Never: a host-pointer import cannot be a dedicated allocation (KHR or NV).';
  if (t.family === 'NV') return 'Decided by VK_NV_dedicated_allocation: an image or buffer created with dedicatedAllocation = VK_TRUE needs an NV dedicated allocation, and an import into one must match the exporter\'s.';
  if (t.handle === 'platform object') return 'Not modelled for this platform.';
  const exporter = t.producedBy.some((p) => p.startsWith('vk'))
    ? ' When Vulkan made the payload, the import is dedicated exactly when the exporting allocation was, to an identically created resource.'
    : '';
  return `Only when the capability query reports DEDICATED_ONLY for the resource (VUID-VkMemoryAllocateInfo-pNext-00639) or the resource requires it.${exporter}`;
}

/** Which device identity must match between exporter and importer. */
export function uuidText(t: HandleTypeInfo): string {
  if (t.mustMatch.length) return `The exporting and importing physical devices must report the same ${t.mustMatch.join(' and ')} (VkPhysicalDeviceIDProperties): such a payload is only understood by the same driver on the same device.`;
  if (t.handle === 'host pointer') return 'No identity to match: any device that reports the pointer\'s memory types through vkGetMemoryHostPointerPropertiesEXT can import it.';
  if (t.handle === 'fd') return 'No UUID rule: the importer asks vkGetMemoryFdPropertiesKHR which of its memory types can hold the payload.';
  return 'No UUID rule in the model.';
}

/** The enumeration the enumerant belongs to. */
export function enumerationName(t: Pick<HandleTypeInfo, 'family'>): string {
  return t.family === 'NV' ? 'VkExternalMemoryHandleTypeFlagBitsNV' : 'VkExternalMemoryHandleTypeFlagBits';
}

/** Where the enumerant comes from: the extension vk.xml names for it, or the core enumeration. */
export function extensionText(t: HandleTypeInfo): string {
  const extension = rowOf(t)?.extension;
  if (extension) return extension;
  return t.family === 'NV' ? 'VK_NV_external_memory_capabilities (the NV enumeration itself)' : 'Vulkan 1.1 core';
}

/** Whether memory imported as this type carries a D3D11 keyed mutex (the catalogue's keyedMutex column). */
export function keyedMutexText(t: HandleTypeInfo): string {
  if (rowOf(t)?.keyedMutex) return 'Yes: the shared memory carries a keyed mutex; acquire and release it with VkWin32KeyedMutexAcquireReleaseInfoKHR (VK_KHR_win32_keyed_mutex).';
  return 'No.';
}

/** The short name of the type of the same kind in the other family (NV <-> KHR), if there is one. */
export function counterpartKey(t: HandleTypeInfo): string | undefined {
  return t.counterpart ? shortHandleType(t.counterpart) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Every fact the view states about a type, as text: the open row's panel shows them, the search
// reads them and the comparison sets two types' side by side, so the three never disagree.

export type FactId = 'enumerant' | 'extension' | 'platform' | 'handle' | 'opaque' | 'producedBy' | 'exports' | 'ownership'
  | 'byName' | 'allocationSize' | 'dedicated' | 'keyedMutex' | 'identity' | 'counterpart' | 'rules';

export interface TypeFact {
  id: FactId;
  label: string;
  text: string;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Everything the view states about one type: its facts, and the rules (VUIDs) that involve it. */
export interface TypeSheet {
  type: HandleTypeInfo;
  key: string;
  facts: TypeFact[];
  vuids: string[];
}

/**
 * The facts in the order the panel lists them. `reasons` are the core's reason texts (for the dedicated
 * allocation fact), `rules` its rule list (for the VUIDs).
 */
export function typeSheet(t: HandleTypeInfo, reasons: string[], rules: RuleInfo[]): TypeSheet {
  const key = typeKey(t);
  const other = counterpartKey(t);
  const vuids = rulesFor(t, rules).map((r) => r.vuid);
  const fact = (id: FactId, label: string, text: string): TypeFact => ({ id, label, text });
  return {
    type: t,
    key,
    vuids,
    facts: [
      fact('enumerant', 'Enumerant', `${t.name} = 0x${t.bit.toString(16)} in ${enumerationName(t)} (${t.family} family)`),
      fact('extension', 'Defined by', extensionText(t)),
      fact('platform', 'Platform', t.platform),
      fact('handle', 'What the handle is', `${capitalised(handleKindLabel(t))}. ${handleSemantics(t)}`),
      fact('opaque', 'Opaque payload', opaqueText(t)),
      fact('producedBy', 'Made by', t.producedBy.length ? t.producedBy.join(', ') : 'nothing in the model'),
      fact('exports', 'Exports per memory object', t.exportsPerMemory),
      fact('ownership', 'Owner after a successful import', t.ownershipAfterImport || 'not modelled for this platform'),
      fact('byName', 'Import by name', importByNameText(t)),
      fact('allocationSize', 'allocationSize', allocationSizeText(t)),
      fact('dedicated', 'Dedicated allocation', dedicatedText(t, reasons)),
      fact('keyedMutex', 'Keyed mutex', keyedMutexText(t)),
      fact('identity', 'Exporter and importer', uuidText(t)),
      fact('counterpart', 'Counterpart', other
        ? `${other} (${t.family === 'NV' ? 'KHR' : 'NV'})`
        : `none: ${t.family === 'NV' ? 'no KHR type' : 'VK_NV_external_memory has no type'} for the same object`),
      fact('rules', 'Rules (VUIDs)', vuids.join(' ')),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Links into the import resolver and the chain builder

/**
 * The parameters that open the resolver or the chain builder on an import of this type
 * (`#/resolve?source=…&type=…&profile=…`), or undefined when neither models such a source. The profile
 * is one that supports the type, if the page has it.
 */
export function importLinkParams(t: HandleTypeInfo, profileNames: string[]): Record<string, string> | undefined {
  const key = typeKey(t);
  // The catalogue says what the resolver makes a payload of this type from ('' when it does not).
  const source = rowOf(t)?.source;
  if (!source) return undefined;
  const wanted = t.platform === 'Windows' ? 'illustrative-windows-discrete' : 'lavapipe';
  return { source, type: key, ...(profileNames.includes(wanted) && { profile: wanted }) };
}

// ---------------------------------------------------------------------------------------------
// The rules (VUIDs) that involve a handle type

/** Which group of structures and commands carries a type's handles. */
export type StructureFamily = 'win32' | 'win32-nv' | 'fd' | 'host' | 'none';

export function structureFamily(t: Pick<HandleTypeInfo, 'family' | 'handle'>): StructureFamily {
  if (t.family === 'NV') return 'win32-nv';
  if (t.handle === 'NT' || t.handle === 'KMT') return 'win32';
  if (t.handle === 'fd') return 'fd';
  if (t.handle === 'host pointer') return 'host';
  return 'none';
}

/** The structures and commands of each family: every rule on them involves the family's types. */
export const FAMILY_STRUCTURES: Record<Exclude<StructureFamily, 'none'>, string[]> = {
  win32: ['VkImportMemoryWin32HandleInfoKHR', 'VkExportMemoryWin32HandleInfoKHR', 'VkMemoryGetWin32HandleInfoKHR', 'vkGetMemoryWin32HandlePropertiesKHR', 'vkGetMemoryWin32HandleKHR'],
  'win32-nv': ['VkImportMemoryWin32HandleInfoNV', 'VkExportMemoryWin32HandleInfoNV', 'VkExportMemoryAllocateInfoNV', 'vkGetMemoryWin32HandleNV', 'VkExternalMemoryImageCreateInfoNV', 'vkGetPhysicalDeviceExternalImageFormatPropertiesNV'],
  fd: ['VkImportMemoryFdInfoKHR', 'VkMemoryGetFdInfoKHR', 'vkGetMemoryFdPropertiesKHR', 'vkGetMemoryFdKHR'],
  host: ['VkImportMemoryHostPointerInfoEXT', 'vkGetMemoryHostPointerPropertiesEXT'],
};

/** VUIDs the registry writes for every structure and command (valid pointers, sType, parent objects…): not about any handle type. */
const IMPLICIT = /-(parameter|sType-sType|pNext-pNext|parent|commonparent|unique|requiredbitmask)$/;
export function isImplicitVuid(vuid: string): boolean {
  return IMPLICIT.test(vuid);
}

/** The structure or command a VUID belongs to (VUID-<name>-<member>-<number>); '' for our own rules. */
export function vuidStructure(vuid: string): string {
  return vuid.startsWith('VUID-') ? vuid.split('-')[1] : '';
}

/**
 * The rules whose condition singles out some handle types: the catalogue's TYPE_VUIDS
 * (scripts/registry/handle-type-facts.mjs), generated into each row's `vuids`. Each involves exactly
 * the types that list it. (The unit tests check that the core still has each one.)
 */
export const CATALOGUE_VUIDS: ReadonlySet<string> = new Set(HANDLE_TYPE_ROWS.flatMap((r) => r.vuids));

/** Whole-word search, so OPAQUE_WIN32 does not match inside OPAQUE_WIN32_KMT. */
function mentions(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9_])${escaped}(?![A-Za-z0-9_])`).test(text);
}

/**
 * A type's name as a rule's text writes it in words: D3D12_HEAP as "D3D12 heap", D3D11_TEXTURE as
 * "D3D11 texture"; one more word may come between two of them ("D3D12 committed resource").
 */
function typePhrase(key: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9_])${key.split('_').join(' (?:[A-Za-z]+ )?')}(?![A-Za-z0-9_])`, 'i');
}

/** Whether the text of a rule outside every family's structures involves `t`. */
function textInvolves(t: HandleTypeInfo, text: string): boolean {
  const fam = structureFamily(t);
  if (fam !== 'none' && FAMILY_STRUCTURES[fam].some((s) => mentions(text, s))) return true;
  if (fam === 'win32-nv' && /\bNV (export|import)/.test(text)) return true;
  if (t.family === 'KHR') {
    if (mentions(text, typeKey(t)) || typePhrase(typeKey(t)).test(text)) return true;
    if (t.dedicatedOnly && /DEDICATED_ONLY/.test(text)) return true;
  }
  switch (t.handle) {
    case 'NT': return /\bNT handle/.test(text);
    case 'KMT': return /\bKMT\b|global share/.test(text);
    case 'fd': return /\bfd\b/.test(text);
    case 'host pointer': return /host-pointer|host pointer|minImportedHostPointerAlignment/i.test(text);
    default: return false;
  }
}

/** The family whose structures and commands include `structure`, if any. */
function familyOf(structure: string): StructureFamily {
  for (const [fam, names] of Object.entries(FAMILY_STRUCTURES)) if (names.includes(structure)) return fam as StructureFamily;
  return 'none';
}

/** Our own rules (VKX-…) name the kind of handle they watch in their id. */
function ownRuleInvolves(t: HandleTypeInfo, id: string): boolean {
  if (id.startsWith('VKX-nt-')) return t.handle === 'NT';
  if (id.startsWith('VKX-kmt-')) return t.handle === 'KMT';
  if (id.startsWith('VKX-fd-')) return t.handle === 'fd';
  return false;
}

/** A rule's text with its placeholders ({allocationSize}, {path}…) turned into words, for a list without values. */
export function ruleText(template: string): string {
  return fillWords(template, { path: 'the member', value: 'its value', type: 'its type' })
    .replace(new RegExp(TEMPLATE_PLACEHOLDER, 'g'), '…')
    .trim()
    .replace(/…\.$/, '…');
}

export interface RuleLine {
  /** The VUID, or our own rule id (VKX-…) for rules the specification states without one. */
  vuid: string;
  /** The specification link ('' for our own rules). */
  url: string;
  /** The structure or command it belongs to ('' for our own rules). */
  structure: string;
  /** Our text for it, placeholders in words; `more` holds the other situations the core reports under the same id. */
  text: string;
  more: string[];
  undecidableByDesign: boolean;
}

/**
 * The rules that involve handle type `t`: the rules the catalogue assigns to it, every other rule on its
 * family's structures and commands, plus rules elsewhere (VkMemoryAllocateInfo, dedicated allocation,
 * keyed mutex…) whose text names the type, its family's structures or its kind of handle; one line per
 * VUID, implicit VUIDs left out.
 */
export function rulesFor(t: HandleTypeInfo, rules: RuleInfo[]): RuleLine[] {
  const fam = structureFamily(t);
  const singledOut = rowOf(t)?.vuids ?? [];
  const byId = new Map<string, RuleInfo[]>();
  for (const r of rules) {
    if (isImplicitVuid(r.vuid)) continue;
    byId.set(r.vuid, [...(byId.get(r.vuid) ?? []), r]);
  }
  const out: RuleLine[] = [];
  for (const [id, variants] of byId) {
    const structure = vuidStructure(id);
    let involved: boolean;
    const ruleFamily = familyOf(structure);
    // A rule the catalogue assigns to some types involves exactly those.
    if (CATALOGUE_VUIDS.has(id)) involved = singledOut.includes(id);
    else if (!id.startsWith('VUID-')) involved = ownRuleInvolves(t, id);
    // A rule on a family's own structure or command involves that family's types, and only them.
    else if (ruleFamily !== 'none') involved = ruleFamily === fam;
    else involved = variants.some((v) => textInvolves(t, v.template));
    if (!involved) continue;
    const texts = [...new Set(variants.map((v) => ruleText(v.template)))];
    out.push({ vuid: id, url: vuidUrl(id), structure, text: texts[0], more: texts.slice(1), undecidableByDesign: variants.some((v) => v.undecidableByDesign) });
  }
  return out;
}

export interface RuleGroup {
  /** A structure or command name, or our own rules' heading. */
  title: string;
  rules: RuleLine[];
}

export const OWN_RULES_TITLE = 'Handle lifetime (the model\'s own rules, no VUID)';

/** Rules grouped by structure or command: the type's own family first, then the others, our own rules last. */
export function groupRules(t: HandleTypeInfo, lines: RuleLine[]): RuleGroup[] {
  const fam = structureFamily(t);
  const own = fam === 'none' ? [] : FAMILY_STRUCTURES[fam];
  const groups = new Map<string, RuleLine[]>();
  for (const l of lines) {
    const title = l.structure || OWN_RULES_TITLE;
    groups.set(title, [...(groups.get(title) ?? []), l]);
  }
  const rank = (title: string) => (title === OWN_RULES_TITLE ? 1e6 : own.includes(title) ? own.indexOf(title) : 100);
  return [...groups].map(([title, rules]) => ({ title, rules })).sort((a, b) => rank(a.title) - rank(b.title) || a.title.localeCompare(b.title));
}
