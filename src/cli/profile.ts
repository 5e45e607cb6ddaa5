// vk-extmem profile list|show|diff: the device profiles the mock backend can stand in for. Every output
// says where a profile's values come from, and illustrative ones say ILLUSTRATIVE.
import { builtinProfiles } from '../profiles/builtin.js';
import { findProfile } from '../profiles/load-node.js';
import { flagText, isIllustrative, profileSummary, provenanceLine, shortName } from '../profiles/describe.js';
import { diffProfiles, formatDiffText, showValue } from '../profiles/diff.js';
import { ENUMS } from '../generated/registry.js';
import type { NormalizedProfile } from '../profiles/types.js';
import { table } from './handle-types.js';
import { parse, oneOf, UsageError } from './args.js';
import { writeFileSync } from 'node:fs';
import { type as osType, release as osRelease, arch as osArch } from 'node:os';
import { captureProfile, formatProfileJson } from '../profiles/capture.js';
import { normalizeProfile } from '../profiles/load.js';
import { createMockBackend } from '../backends/mock/index.js';
import { measureNativeProfile } from '../backends/native/measure.js';
import { InputError } from '../core/errors.js';
import type { DeviceProfile } from '../profiles/types.js';

export const PROFILE_HELP = `Usage: vk-extmem profile list [--format text|json]
       vk-extmem profile show NAME|FILE [--format text|json]
       vk-extmem profile diff A B [--format text|json]
       vk-extmem profile capture [--backend native|mock] [--device N] [--from P] [--name N] [--title T] [--out FILE]

Device profiles say what one physical device answers about external memory: identity (UUIDs, LUID),
memory types and heaps, extensions, memory and dedicated requirements, and the answers of the external
buffer / image format queries (KHR and NV). The mock backend stands in for a profile's device.

  list   the built-in profiles: name, platform, device, measured or ILLUSTRATIVE, title
  show   one profile, by built-in name or .profile.json path; json prints the normalized profile
         (every flag a number)
  diff   what two profiles answer differently, entry by entry and per handle type; names, titles and
         provenance are shown but not compared
  capture  measure a profile: asks a backend the fixed questions (each handle type x buffer usages and
         image format/tiling/usage combinations, the NV query, requirements, host-pointer properties)
         and writes a measured profile. --backend native (default) measures the real driver, physical
         device --device N (default 0); --backend mock --from P measures the mock made from profile P
         (it gives P back: a self-check). --out FILE writes the file (default: standard output).

A measured profile comes from a real driver (profile capture); an illustrative one was written
by hand to show a configuration and is marked ILLUSTRATIVE wherever it is shown.

Exit status: 0 fine (diff: identical); 1 diff found differences; 2 bad input or usage.`;

export async function runProfile(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parse(argv, {
    format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' }, backend: { type: 'string', short: 'b' }, device: { type: 'string', short: 'd' },
    from: { type: 'string' }, name: { type: 'string' }, title: { type: 'string' }, out: { type: 'string', short: 'o' },
  });
  if (values.help) { out.write(PROFILE_HELP + '\n'); return 0; }
  const [sub, ...args] = positionals;
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  const want = (n: number, what: string) => {
    if (args.length !== n) throw new UsageError(`profile ${sub} needs ${what} (see vk-extmem profile --help)`);
  };
  switch (sub) {
    case 'list': {
      want(0, 'no arguments');
      const all = builtinProfiles();
      if (format === 'json') { out.write(JSON.stringify(all.map(profileSummary), null, 2) + '\n'); return 0; }
      const rows = all.map((p) => [p.profile, p.platform, p.device.deviceName, isIllustrative(p) ? 'ILLUSTRATIVE' : 'measured', p.title]);
      out.write(table([['name', 'platform', 'device', 'provenance', 'title'], ...rows]));
      out.write(`\n${all.length} built-in profiles. ILLUSTRATIVE profiles are written by hand, not measured; "vk-extmem profile show NAME" says what each is shaped after.\n`);
      return 0;
    }
    case 'show': {
      want(1, 'one profile name or file');
      const p = findProfile(args[0]);
      out.write(format === 'json' ? JSON.stringify(p, null, 2) + '\n' : showText(p));
      return 0;
    }
    case 'diff': {
      want(2, 'two profile names or files');
      const d = diffProfiles(findProfile(args[0]), findProfile(args[1]));
      out.write(format === 'json' ? JSON.stringify(d, null, 2) + '\n' : formatDiffText(d));
      return d.identical ? 0 : 1;
    }
    case 'capture': {
      want(0, 'no positional arguments (options only)');
      return runCapture(values, out);
    }
    case undefined:
      throw new UsageError('profile needs a subcommand: list, show, diff or capture (see vk-extmem profile --help)');
    default:
      throw new UsageError(`unknown profile subcommand "${sub}": use list, show, diff or capture`);
  }
}

async function runCapture(values: Record<string, unknown>, out: NodeJS.WritableStream): Promise<number> {
  const kind = oneOf(values.backend as string | undefined, ['native', 'mock'] as const, '--backend', 'native');
  const device = values.device === undefined ? 0 : Number(values.device);
  if (!Number.isInteger(device) || device < 0) throw new UsageError(`--device must be a physical device index, not "${String(values.device)}"`);
  const date = new Date().toISOString().slice(0, 10);
  const system = `${osType()} ${osRelease()} ${osArch()}`;
  const write = (profile: DeviceProfile): number => {
    const text = formatProfileJson(profile);
    if (values.out) { writeFileSync(String(values.out), text); process.stderr.write(`wrote ${String(values.out)}: ${provenanceLine(normalizeProfile(profile, String(values.out)))}\n`); }
    else out.write(text);
    return 0;
  };
  const meta = { name: values.name as string | undefined, title: values.title as string | undefined };
  try {
    if (kind === 'native') return write(measureNativeProfile(device, { ...meta, tool: 'vk-extmem profile capture (native backend)', system, date }));
    if (!values.from) throw new UsageError('profile capture --backend mock needs --from PROFILE (the profile the mock stands in for)');
    const from = findProfile(String(values.from));
    const backend = createMockBackend([from]);
    try {
      return write(captureProfile(backend, { device, ...meta, provenance: from.provenance, platform: from.platform }));
    } finally {
      backend.dispose();
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) throw e;
    process.stderr.write(`vk-extmem profile capture: ${(e as Error).message}\n`);
    return 2;
  }
}


const HT = 'VkExternalMemoryHandleTypeFlagBits';
const HT_NV = 'VkExternalMemoryHandleTypeFlagBitsNV';
const FEAT = 'VkExternalMemoryFeatureFlagBits';
const FEAT_NV = 'VkExternalMemoryFeatureFlagBitsNV';

function size(bytes: number): string {
  for (const [unit, n] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) if (bytes >= n && bytes % (n / 4) === 0) return `${bytes / n} ${unit}`;
  return `${bytes} bytes`;
}

const any = (what: string, v: string | undefined, e: string) => (v === undefined ? `any ${what}` : shortName(e, v));

function externalText(a: { externalMemoryFeatures?: number; exportFromImportedHandleTypes?: number; compatibleHandleTypes?: number }, feat: string, ht: string): string {
  if (!a.externalMemoryFeatures) return 'not supported (no features)';
  return `${flagText(feat, a.externalMemoryFeatures)}; compatible ${flagText(ht, a.compatibleHandleTypes)}; export from imported ${flagText(ht, a.exportFromImportedHandleTypes)}`;
}

function imageQuestion(a: { format?: string; type?: string; tiling?: string; usage?: number; flags?: number }): string {
  return `${any('format', a.format, 'VkFormat')}, ${any('type', a.type, 'VkImageType')}, ${any('tiling', a.tiling, 'VkImageTiling')}, usage ${flagText('VkImageUsageFlagBits', a.usage)}, flags ${flagText('VkImageCreateFlagBits', a.flags)}`;
}

function imageAnswer(a: { result: string; externalMemoryFeatures?: number; exportFromImportedHandleTypes?: number; compatibleHandleTypes?: number }, feat: string, ht: string): string {
  return a.result === 'VK_SUCCESS' ? `VK_SUCCESS, ${externalText(a, feat, ht)}` : a.result;
}

/** An entry's citations, as " [B4, B5]" ("" for none). */
function cite(x: { evidence?: string[] }): string {
  return x.evidence?.length ? ` [${x.evidence.join(', ')}]` : '';
}

/** The readable form of one profile. */
export function showText(p: NormalizedProfile): string {
  const L: string[] = [];
  const builtin = builtinProfiles().includes(p);
  L.push(`${p.profile}: ${p.title}`);
  L.push(`  ${provenanceLine(p)}`);
  L.push(`  source: ${builtin ? `${p.source} (built-in)` : p.source}`, `  platform: ${p.platform}`, '');
  const sources = p.provenance.kind === 'illustrative' ? p.provenance.sources ?? [] : [];
  if (sources.length) {
    L.push('shaped after these public facts (not measured by us; entries cite them in brackets)');
    const w = Math.max(...sources.map((x) => x.id.length));
    for (const x of sources) L.push(`  ${x.id.padEnd(w)}  ${x.confidence.padEnd(10)}  ${x.fact}`, `  ${''.padEnd(w)}  ${''.padEnd(10)}  ${x.url}`);
    if (p.evidence) L.push(`  the device and its extensions:${cite(p)}`);
    L.push('');
  }

  const d = p.device;
  const rows: [string, string][] = [
    ['deviceName', d.deviceName], ['vendorID', showValue(d.vendorID, 'hex')], ['deviceID', showValue(d.deviceID, 'hex')],
    ['deviceType', shortName('VkPhysicalDeviceType', d.deviceType)], ['apiVersion', showValue(d.apiVersion, 'version')],
    ['driverVersion', `${showValue(d.driverVersion, 'hex')} (${d.driverVersion})`], ['deviceUUID', showValue(d.deviceUUID, 'uuid')], ['driverUUID', showValue(d.driverUUID, 'uuid')],
    ['deviceLUID', d.deviceLUIDValid ? `${showValue(d.deviceLUID, 'luid')} (valid)` : 'not valid'], ['deviceNodeMask', showValue(d.deviceNodeMask, 'hex')],
  ];
  if (d.minImportedHostPointerAlignment !== undefined) rows.push(['minImportedHostPointerAlignment', String(d.minImportedHostPointerAlignment)]);
  const w = Math.max(...rows.map((r) => r[0].length));
  L.push('device', ...rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`), '');

  L.push('memory heaps', ...p.memory.heaps.map((h, i) => `  heap ${i}  ${size(h.size).padEnd(10)}  ${flagText('VkMemoryHeapFlagBits', h.flags)}`));
  L.push('memory types', ...p.memory.types.map((t, i) => `  type ${String(i).padEnd(2)}  heap ${t.heapIndex}  ${flagText('VkMemoryPropertyFlagBits', t.propertyFlags)}`), '');

  L.push(`extensions (${p.extensions.length})`, ...p.extensions.map((e) => `  ${e}`), '');

  const req = (r: { alignment: number; memoryTypeBits: number }) => `alignment ${r.alignment}, memoryTypeBits ${showValue(r.memoryTypeBits, 'memoryTypeBits')}`;
  L.push('memory requirements', `  buffer: ${req(p.requirements.buffer)}${cite(p.requirements.buffer)}`);
  for (const r of p.requirements.image) L.push(`  image, ${any('tiling', r.tiling, 'VkImageTiling')}, ${any('format', r.format, 'VkFormat')}: ${req(r)}${cite(r)}`);
  L.push('', 'dedicated allocation (VkMemoryDedicatedRequirements; every rule whose handle types a resource uses applies)');
  if (p.requirements.dedicated.length === 0) L.push('  no rules: no resource prefers or requires a dedicated allocation');
  for (const r of p.requirements.dedicated) {
    // A rule may narrow the memory types or raise the alignment of such resources; its citations may be about that.
    const narrows = [
      ...(r.memoryTypeBits !== undefined ? [`memoryTypeBits ${showValue(r.memoryTypeBits, 'memoryTypeBits')}`] : []),
      ...(r.alignment !== undefined ? [`alignment ${r.alignment}`] : []),
    ];
    L.push(`  ${r.resource} with ${flagText(HT, r.handleTypes)}: ${r.requiresDedicated ? 'requires' : r.prefersDedicated ? 'prefers' : 'neither prefers nor requires'} a dedicated allocation${narrows.length ? `; ${narrows.join(', ')}` : ''}${cite(r)}`);
  }
  L.push('');

  // Per handle type: what buffers and images answer, and the handle's memory types.
  L.push('handle types (the first answer that fits a question applies; none fits: not supported)');
  const unsupported: string[] = [];
  const kinds = Object.entries(ENUMS[HT].values).filter(([n]) => !/_KHR$/.test(n)).sort((a, b) => a[1] - b[1]).map(([n]) => n);
  for (const ht of kinds) {
    const buf = p.externalBuffer.filter((a) => a.handleType === ht);
    const img = p.externalImage.filter((a) => a.handleType === ht);
    const hp = p.handleProperties.find((a) => a.handleType === ht);
    if (!buf.length && !img.length && !hp) continue;
    const name = shortName(HT, ht);
    const supported = buf.some((a) => a.externalMemoryFeatures) || img.some((a) => a.result === 'VK_SUCCESS' && a.externalMemoryFeatures);
    if (!supported && !hp) { unsupported.push(name); continue; }
    L.push(`  ${name}`);
    for (const a of buf) L.push(`    buffer  usage ${flagText('VkBufferUsageFlagBits', a.usage)}, flags ${flagText('VkBufferCreateFlagBits', a.flags)}: ${externalText(a, FEAT, HT)}${cite(a)}`);
    for (const a of img) L.push(`    image   ${imageQuestion(a)}: ${imageAnswer(a, FEAT, HT)}${cite(a)}`);
    if (hp) L.push(`    handle properties: memoryTypeBits ${showValue(hp.memoryTypeBits, 'memoryTypeBits')}${cite(hp)}`);
  }
  if (unsupported.length) L.push(`  every answer says not supported: ${unsupported.join(', ')}`);
  if (p.externalImageNV.length) {
    L.push('', 'NV handle types (vkGetPhysicalDeviceExternalImageFormatPropertiesNV)');
    for (const mask of [...new Set(p.externalImageNV.map((a) => a.handleTypes))]) {
      L.push(`  ${flagText(HT_NV, mask)}`);
      for (const a of p.externalImageNV.filter((x) => x.handleTypes === mask)) L.push(`    image   ${imageQuestion(a)}: ${imageAnswer(a, FEAT_NV, HT_NV)}${cite(a)}`);
    }
  }
  if (isIllustrative(p)) L.push('', `${p.profile} is ILLUSTRATIVE: written by hand, not measured on any driver.`);
  return L.join('\n') + '\n';
}
