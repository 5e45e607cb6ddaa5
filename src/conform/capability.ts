// Class `capability`: what the capability queries claim, each answer on its own and against the others,
// over the whole space the device is asked about: every handle type with every buffer usage and flag,
// and every format, image type, tiling, usage and flag; the NV query where the instance has it; and the
// dedicated-allocation answers of the buffers and images the queries call usable.
import type { ExternalMemoryProperties, ImageFormatAnswer, ImageQuery } from '../backends/types.js';
import { ENUMS } from '../generated/registry.js';
import { resultName } from '../session/values.js';
import { obj, chained, num } from '../session/values.js';
import type { EngineContext } from './context.js';
import type { Scope } from './tally.js';
import { queryValidity } from './context.js';
import { BUFFER_USAGE, F_DEDICATED_ONLY, IMAGE_USAGE, TILING_OPTIMAL, VK_FORMAT_R8G8B8A8_UNORM, exportable, importable, type TypeFacts } from './facts.js';
import { CaseRun, valid } from './run.js';
import * as steps from './steps.js';
import { MODE_EXTERNAL, MODE_NV, MODE_PLAIN, MODE_PLAIN_1_0, anyLimit, askAll, combinations, differences, exceeds, type Question } from './sweep.js';

const BUFFER_FLAG = ENUMS.VkBufferCreateFlagBits.values;
const BUFFER_USAGES = [...new Set([0x3, 0x33, 0xc2, ...Object.values(ENUMS.VkBufferUsageFlagBits.values).filter((v) => v > 0 && v <= 0x100)])];
const BUFFER_FLAGS = [0, BUFFER_FLAG.VK_BUFFER_CREATE_SPARSE_BINDING_BIT];
const NV_TYPES = Object.entries(ENUMS.VkExternalMemoryHandleTypeFlagBitsNV.values).filter(([, v]) => v > 0 && (v & (v - 1)) === 0);
const BUFFER_QUERY = 'vkGetPhysicalDeviceExternalBufferProperties';
const IMAGE_QUERY = 'vkGetPhysicalDeviceImageFormatProperties2';
const NV_QUERY = 'vkGetPhysicalDeviceExternalImageFormatPropertiesNV';

const formatName = (f: number) => (Object.entries(ENUMS.VkFormat.values).find(([, v]) => v === f)?.[0] ?? String(f)).replace('VK_FORMAT_', '');
const typeName = (t: number) => ['1D', '2D', '3D'][t] ?? String(t);
const tilingName = (t: number) => ['OPTIMAL', 'LINEAR'][t] ?? String(t);
const usageName = (u: number) => (Object.entries(ENUMS.VkImageUsageFlagBits.values).find(([, v]) => v === u)?.[0] ?? `0x${u.toString(16)}`).replace('VK_IMAGE_USAGE_', '').replace(/_BIT$/, '');
const flagsName = (f: number) => (f === 0 ? 'no flags' : (Object.entries(ENUMS.VkImageCreateFlagBits.values).find(([, v]) => v === f)?.[0] ?? `0x${f.toString(16)}`).replace('VK_IMAGE_CREATE_', '').replace(/_BIT$/, ''));
const combo = (c: ImageQuery) => `${typeName(c.type)} ${tilingName(c.tiling)} ${usageName(c.usage)}, ${flagsName(c.flags)}`;
const hex = (x: number) => `0x${(x >>> 0).toString(16)}`;
const props = (p: ExternalMemoryProperties) => `features ${hex(p.externalMemoryFeatures)}, exportFrom ${hex(p.exportFromImportedHandleTypes)}, compatible ${hex(p.compatibleHandleTypes)}`;

export function capability(ctx: EngineContext): void {
  buffers(ctx);
  images(ctx);
  dedicated(ctx);
}

/** Every handle type with every usage bit and flag of a buffer. */
function buffers(ctx: EngineContext): void {
  const b = ctx.target.open();
  try {
    const pd = b.vulkan.physicalDevices()[0].handle;
    for (const t of ctx.facts.types) {
      const { valid } = queryValidity(ctx, steps.bufferQuery(t.type.bit, BUFFER_USAGE), t);
      for (const usage of BUFFER_USAGES) for (const flags of BUFFER_FLAGS) {
        const p = b.vulkan.externalBufferProperties(pd, { flags, usage, handleType: t.type.bit });
        const where = () => `usage ${hex(usage)}${flags ? `, flags ${hex(flags)}` : ''}: ${props(p)}`;
        const c = (rule: string) => ({ command: BUFFER_QUERY, handleType: t.short, noun: 'buffer answers', group: `capability/${rule}/buffer` });
        ctx.tally.judge(`capability/compatible-includes-self/${t.short}/buffer`, 'compatible-includes-self', c('compatible-includes-self'), valid, [t.type.bit, p.externalMemoryFeatures, p.compatibleHandleTypes], where);
        ctx.tally.judge(`capability/export-from-self/${t.short}/buffer`, 'export-from-self', c('export-from-self'), valid, [t.type.bit, p.externalMemoryFeatures, p.exportFromImportedHandleTypes], where);
        ctx.tally.judge(`capability/dedicated-only-d3d/${t.short}/buffer`, 'dedicated-only-d3d', c('dedicated-only-d3d'), valid, [t.type.bit, p.externalMemoryFeatures], where);
      }
      ctx.progress('capability: buffers', ctx.facts.types.indexOf(t) + 1, ctx.facts.types.length);
    }
  } finally {
    b.dispose();
  }
}

/** Every format with every image type, tiling, usage bit and flag, asked every way. */
function images(ctx: EngineContext): void {
  const b = ctx.target.open();
  try {
    const pd = b.vulkan.physicalDevices()[0].handle;
    const types = ctx.facts.types;
    const rep: ImageQuery = { format: VK_FORMAT_R8G8B8A8_UNORM, type: 1, tiling: TILING_OPTIMAL, usage: IMAGE_USAGE, flags: 0 };
    const validity = types.map((t) => queryValidity(ctx, steps.imageQuery(rep, t.type.bit), t).valid);
    const zeroValid = queryValidity(ctx, steps.imageQuery(rep, 0)).valid;
    // The NV query exists where the instance has VK_NV_external_memory_capabilities; an answer of
    // VK_ERROR_EXTENSION_NOT_PRESENT (the addon's, without it) means it is not there to judge.
    const nvThere = b.vulkan.externalImageFormatPropertiesNV(pd, { ...rep, handleTypes: 0 }).result !== ENUMS.VkResult.values.VK_ERROR_EXTENSION_NOT_PRESENT;
    const questions: Question[] = [
      { mode: MODE_PLAIN, handleType: 0 }, { mode: MODE_EXTERNAL, handleType: 0 }, { mode: MODE_PLAIN_1_0, handleType: 0 },
      ...types.map((t) => ({ mode: MODE_EXTERNAL, handleType: t.type.bit })),
      ...(nvThere ? [{ mode: MODE_NV, handleType: 0 }, ...NV_TYPES.map(([, bit]) => ({ mode: MODE_NV, handleType: bit }))] : []),
    ];
    const nvValid = nvThere ? NV_TYPES.map(([, bit]) => queryValidity(ctx, steps.nvImageQuery(rep, bit)).valid) : [];
    ctx.formats.forEach((format, fi) => {
      const combos = combinations(format);
      const a = askAll(b, pd, combos, questions);
      const [plain, zero, plain10] = a;
      const f = formatName(format);
      const noun = 'combinations of image type, tiling, usage and flags';
      const plainScope = { command: IMAGE_QUERY, handleType: '', noun, group: 'capability/unsupported-limits-zero/plain' };
      const zeroScope = { command: IMAGE_QUERY, handleType: '', noun, group: 'ignored-when-zero/image-query-zero-handle-type' };
      const nvZeroScope = { command: NV_QUERY, handleType: '', noun, group: 'ignored-when-zero/nv-query-zero-handle-type' };
      const scopes = types.map((t) => imageScopes(t, f));
      const nvScopes = NV_TYPES.map(([name]) => {
        const short = name.replace('VK_EXTERNAL_MEMORY_HANDLE_TYPE_', '');
        return { id: `capability/nv-compatible-includes-self/${short}/${f}`, scope: { command: NV_QUERY, handleType: short, noun, group: `capability/nv-compatible-includes-self/${short}` } };
      });
      combos.forEach((c, ci) => {
        ctx.tally.judge(`capability/unsupported-limits-zero/plain/${f}`, 'unsupported-limits-zero', plainScope, true, [plain[ci].result, anyLimit(plain[ci]) ? 1 : 0], () => `${combo(c)}: ${resultName(plain[ci].result)} with ${describeLimits(plain[ci])}`);
        const d = differences(zero[ci], plain[ci]);
        ctx.tally.judge(`ignored-when-zero/image-query-zero-handle-type/${f}`, 'image-query-zero-handle-type', zeroScope, zeroValid, [d.length], () => `${combo(c)}: ${d.length ? d.join(', ') : `both ${resultName(plain[ci].result)} with the same limits`}`);
        types.forEach((t, ti) => judgeImage(ctx, t, scopes[ti], validity[ti], c, a[3 + ti][ci], plain[ci]));
        if (nvThere) {
          const nvZero = a[3 + types.length][ci];
          const nd = [...differences(nvZero, plain10[ci]), ...(nvZero.external.externalMemoryFeatures || nvZero.external.exportFromImportedHandleTypes || nvZero.external.compatibleHandleTypes ? [`external members ${props(nvZero.external)}, not 0`] : [])];
          ctx.tally.judge(`ignored-when-zero/nv-query-zero-handle-type/${f}`, 'nv-query-zero-handle-type', nvZeroScope, true, [nd.length], () => `${combo(c)}: ${nd.length ? nd.join(', ') : 'the same as vkGetPhysicalDeviceImageFormatProperties'}`);
          NV_TYPES.forEach(([, bit], ni) => {
            const ans = a[4 + types.length + ni][ci];
            ctx.tally.judge(nvScopes[ni].id, 'nv-compatible-includes-self', nvScopes[ni].scope, nvValid[ni], [bit, ans.external.externalMemoryFeatures, ans.external.compatibleHandleTypes], () => `${combo(c)}: ${resultName(ans.result)}, ${props(ans.external)}`);
          });
        }
      });
      ctx.progress('capability: image formats', fi + 1, ctx.formats.length);
    });
    if (!nvThere) {
      for (const [name] of NV_TYPES) {
        const short = name.replace('VK_EXTERNAL_MEMORY_HANDLE_TYPE_', '');
        ctx.tally.record(`capability/nv-compatible-includes-self/${short}`, 'nv-compatible-includes-self', { command: NV_QUERY, handleType: short, noun: 'answers' }, 'not-applicable', () => 'the instance has no VK_NV_external_memory_capabilities: the NV query does not exist here');
      }
      ctx.tally.record('ignored-when-zero/nv-query-zero-handle-type', 'nv-query-zero-handle-type', { command: NV_QUERY, handleType: '', noun: 'answers' }, 'not-applicable', () => 'the instance has no VK_NV_external_memory_capabilities: the NV query does not exist here');
    }
  } finally {
    b.dispose();
  }
}

function describeLimits(a: ImageFormatAnswer): string {
  const l = a.limits;
  return anyLimit(a) ? `maxExtent ${l.maxExtent.width}x${l.maxExtent.height}x${l.maxExtent.depth}, maxMipLevels ${l.maxMipLevels}, maxArrayLayers ${l.maxArrayLayers}, sampleCounts ${hex(l.sampleCounts)}, maxResourceSize ${l.maxResourceSize}` : 'every limit 0';
}

const IMAGE_RULES = ['image-unsupported-error', 'unsupported-limits-zero', 'image-compatible-includes-self', 'dedicated-only-d3d', 'export-from-self', 'external-within-plain'] as const;
type ImageScopes = Record<(typeof IMAGE_RULES)[number], { id: string; scope: Scope }>;

/** The assertion ids and scopes of one handle type and format (made once per format, not per combination). */
function imageScopes(t: TypeFacts, f: string): ImageScopes {
  const noun = 'combinations of image type, tiling, usage and flags';
  return Object.fromEntries(IMAGE_RULES.map((r) => [r, { id: `capability/${r}/${t.short}/${f}`, scope: { command: IMAGE_QUERY, handleType: t.short, noun, group: `capability/${r}/${t.short}` } }])) as ImageScopes;
}

function judgeImage(ctx: EngineContext, t: TypeFacts, s: ImageScopes, valid: boolean, c: ImageQuery, ans: ImageFormatAnswer, plain: ImageFormatAnswer): void {
  const what = () => `${combo(c)}: ${resultName(ans.result)}, ${props(ans.external)}`;
  const feat = ans.result === 0 ? ans.external.externalMemoryFeatures : 0;
  const tally = ctx.tally;
  tally.judge(s['image-unsupported-error'].id, 'image-unsupported-error', s['image-unsupported-error'].scope, valid, [ans.result, ans.external.externalMemoryFeatures], what);
  tally.judge(s['unsupported-limits-zero'].id, 'unsupported-limits-zero', s['unsupported-limits-zero'].scope, valid, [ans.result, anyLimit(ans) ? 1 : 0], () => `${combo(c)}: ${resultName(ans.result)} with ${describeLimits(ans)}`);
  tally.judge(s['image-compatible-includes-self'].id, 'image-compatible-includes-self', s['image-compatible-includes-self'].scope, valid, [t.type.bit, feat, ans.external.compatibleHandleTypes], what);
  tally.judge(s['dedicated-only-d3d'].id, 'dedicated-only-d3d', s['dedicated-only-d3d'].scope, valid, [t.type.bit, feat], what);
  tally.judge(s['export-from-self'].id, 'export-from-self', s['export-from-self'].scope, valid, [t.type.bit, feat, ans.external.exportFromImportedHandleTypes], what);
  const over = ans.result === 0 ? exceeds(ans, plain) : undefined;
  tally.judge(s['external-within-plain'].id, 'external-within-plain', s['external-within-plain'].scope, valid, [ans.result === 0 ? 1 : 0, plain.result === 0 ? 1 : 0, over ? 1 : 0],
    () => `${combo(c)}: with the external structure ${resultName(ans.result)}, without it ${resultName(plain.result)}${over ? `; ${over}` : ''}`);
}

/**
 * The dedicated-allocation answers of a buffer and an image made with each handle type the queries call
 * usable for them (and of plain ones): created on the device, asked vkGet*MemoryRequirements2.
 */
function dedicated(ctx: EngineContext): void {
  const facts = ctx.facts;
  const usable = (p: ExternalMemoryProperties) => exportable(p) || importable(p);
  const run = new CaseRun('capability/dedicated', ctx);
  try {
    const queries = facts.types.filter((t) => t.offered).flatMap((t) => [steps.bufferQuery(t.type.bit, BUFFER_USAGE), steps.imageQuery({ format: VK_FORMAT_R8G8B8A8_UNORM, type: 1, tiling: TILING_OPTIMAL, usage: IMAGE_USAGE, flags: 0 }, t.type.bit)]);
    if (!run.prelude(facts.info, queries, facts.enable)) return;
    const check = (kind: 'buffer' | 'image', t: TypeFacts | undefined, name: string) => {
      const create = kind === 'buffer' ? run.step(steps.createBuffer(name, 65536, BUFFER_USAGE, t?.type.bit)) : run.step(steps.createImage(name, VK_FORMAT_R8G8B8A8_UNORM, TILING_OPTIMAL, IMAGE_USAGE, t?.type.bit));
      if (create.result !== 'VK_SUCCESS') return;
      const q = run.step(kind === 'buffer' ? steps.bufferRequirements(name) : steps.imageRequirements(name));
      const ded = chained(obj(q.after?.pMemoryRequirements), 'VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS') ?? {};
      const prefers = num(ded.prefersDedicatedAllocation), requires = num(ded.requiresDedicatedAllocation);
      const answer = t ? (kind === 'buffer' ? t.buffer : t.image) : undefined;
      const only = answer && (answer.externalMemoryFeatures & F_DEDICATED_ONLY) !== 0 ? 1 : 0;
      const ok = valid(create) && valid(q);
      const short = t?.short ?? 'none';
      const cx = { command: kind === 'buffer' ? 'vkGetBufferMemoryRequirements2' : 'vkGetImageMemoryRequirements2', handleType: t?.short ?? '', noun: 'resources' };
      const what = () => `a ${kind} made ${t ? `with handle type ${t.short}${only ? ' (reported DEDICATED_ONLY)' : ''}` : 'without external handle types'}: prefersDedicatedAllocation ${prefers}, requiresDedicatedAllocation ${requires}`;
      ctx.tally.judge(`capability/requires-implies-prefers/${short}/${kind}`, 'requires-implies-prefers', cx, ok, [prefers, requires], what);
      ctx.tally.judge(`capability/requires-only-for-dedicated-types/${short}/${kind}`, 'requires-only-for-dedicated-types', cx, ok, [requires, only], what);
      if (t) ctx.tally.judge(`capability/dedicated-only-requires/${short}/${kind}`, 'dedicated-only-requires', cx, ok, [only, requires], what);
      run.step(kind === 'buffer' ? steps.destroyBuffer(name) : steps.destroyImage(name));
    };
    check('buffer', undefined, 'bufPlain');
    check('image', undefined, 'imgPlain');
    facts.types.forEach((t, i) => {
      if (!t.offered) return;
      if (usable(t.buffer)) check('buffer', t, `buf${i}`);
      if (t.image.result === 0 && usable(t.image)) check('image', t, `img${i}`);
    });
  } finally {
    run.dispose();
  }
}
