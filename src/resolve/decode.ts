// From the core's entries to the Resolution JSON: entries are grouped by topic; a decision's `why` is
// its own entry, the parts list every rule that took part.
import type { Validator } from '../validator.js';
import { RESOLVE_TOPIC as T, SIZE_MODE_NAMES, TYPE_KIND_NAMES, DEDICATED_NAMES, RESOLVE_FLAG as F, TYPE_COMPLETENESS, SEVERITIES } from '../generated/contract.js';
import type { Entry } from './entries.js';
import { makeWhy, typesOf } from './words.js';
import { structOf, allocateInfoOf } from './chain.js';
import type { Resolution, Why, Dedicated, SizeMode, DedicatedDecision, TypeComponent } from './types.js';

export function decodeResolution(v: Validator, entries: Entry[], query: Resolution['query']): Resolution {
  const why = (e: Entry | undefined): Why => e
    ? makeWhy(v.reasons[e.reason], v.reasonOperands[e.reason] ?? '', e.rule >= 0 ? v.rules[e.rule]?.vuid : undefined, e.ops, v.names)
    : { rule: 'vk-extmem:not-decided', checked: false, message: 'not decided: the question stopped at a problem' };
  const of = (topic: number) => entries.filter((e) => e.topic === topic);
  const one = (topic: number) => entries.find((e) => e.topic === topic);
  const count = (x: bigint) => Number(BigInt.asUintN(64, x));

  const size = one(T.SIZE);
  const sizeMode: SizeMode = (size ? SIZE_MODE_NAMES[size.code] : undefined) ?? 'UNKNOWN';
  const allocationSize: Resolution['allocationSize'] = {
    mode: sizeMode,
    ...(size && sizeMode !== 'UNKNOWN' ? { value: count(size.value) } : {}),
    why: why(size),
    constraints: of(T.SIZE_PART).map((e) => {
      const mode: SizeMode = SIZE_MODE_NAMES[e.code] ?? 'UNKNOWN';
      return { mode, ...(e.value >= 0n && mode !== 'UNKNOWN' ? { value: count(e.value) } : {}), why: why(e) };
    }),
  };

  const type = one(T.TYPE);
  const mask = type ? count(type.value) & 0xffffffff : 0;
  const candidates = type ? typesOf(mask) : [];
  const components: TypeComponent[] = of(T.TYPE_PART).map((e) => {
    const known = (e.flags & F.UNKNOWN) === 0n;
    const m = count(e.value) & 0xffffffff;
    return { kind: TYPE_KIND_NAMES[e.code], ...(known ? { mask: m, types: typesOf(m) } : {}), why: why(e) };
  });
  const memoryTypeIndex: Resolution['memoryTypeIndex'] = {
    candidates, ...(candidates.length ? { first: candidates[0] } : {}), mask, complete: type?.code === TYPE_COMPLETENESS.COMPLETE, why: why(type), components,
  };

  const dedicated = (topic: number, parts: number): Dedicated => {
    const e = one(topic);
    const decision: DedicatedDecision = (e ? DEDICATED_NAMES[e.code] : undefined) ?? 'NOT_APPLICABLE';
    const target = e && e.value !== 0n ? v.names.objects.name(Number(e.value)) : undefined;
    const kind = e && (e.flags & F.IMAGE) !== 0n ? 'image' : e && (e.flags & F.BUFFER) !== 0n ? 'buffer' : undefined;
    return {
      decision, required: decision === 'REQUIRED',
      ...(target ? { target } : {}), ...(target && kind ? { targetKind: kind as 'image' | 'buffer' } : {}),
      why: why(e),
      parts: of(parts).map((p) => ({ decision: DEDICATED_NAMES[p.code], why: why(p) })),
    };
  };

  const problems = of(T.PROBLEM).map((e) => ({ severity: SEVERITIES[e.code] === 'undecidable' ? 'undecidable' as const : 'error' as const, why: why(e) }));
  const first = candidates[0] ?? 0;
  const sizeValue = allocationSize.value ?? 0;
  const chained = of(T.CHAIN).map((e) => ({ e, s: structOf(e, v.reasonOperands[e.reason] ?? '', v.names) })).filter((x) => x.s !== undefined);
  const allocateInfo = allocateInfoOf(sizeValue, first, chained.map((x) => x.s!.fields));
  const chain: Resolution['chain'] = [
    { struct: 'VkMemoryAllocateInfo', fields: { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', allocationSize: sizeValue, memoryTypeIndex: first } },
    ...chained.map((x) => ({ struct: x.s!.struct, fields: x.s!.fields, why: why(x.e) })),
  ];
  const source = one(T.SOURCE);

  return {
    query,
    ok: !problems.some((p) => p.severity === 'error') && entries.some((e) => e.topic === T.CHAIN),
    ...(source ? { source: why(source).message } : {}),
    allocationSize,
    memoryTypeIndex,
    dedicated: dedicated(T.DEDICATED, T.DEDICATED_PART),
    dedicatedNV: dedicated(T.NV_DEDICATED, T.NV_DEDICATED_PART),
    chain,
    allocateInfo,
    problems,
    notes: of(T.NOTE).map(why),
  };
}
