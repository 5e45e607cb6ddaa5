// The boundary contract between the core and TypeScript is one table (scripts/registry/contract.mjs):
// the generated files on both sides are what the generator makes of it, say the same numbers, and the
// built core was made from it; every operand kind has its printer, every return kind its predicate.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { CONTRACT, RECORD, FINDINGS, DESCRIBE, SEVERITIES, OPERAND_KINDS, RETURN_KINDS, RESOLVE, CONFORM } from '../../scripts/registry/contract.mjs';
import { contractSources, contractDigest, upperSnake } from '../../scripts/registry/emit-contract.mjs';
import * as ts from '../../src/generated/contract.js';
import { ENTRIES } from '../../src/generated/registry.js';
import { OPERAND_PRINTER_TABLE, formatOperand } from '../../src/core/operands.js';
import { callSucceeded } from '../../src/core/success.js';
import { instantiateCore, CoreTrap } from '../../src/core/wasm.js';
import { compileCoreFromDisk } from '../../src/core/load-node.js';
import { Names } from '../../src/core/encode.js';
import { makeWhy } from '../../src/resolve/words.js';
import { createValidator, type Validator } from '../../src/index.js';

const asFile = readFileSync('assembly/generated/contract.ts', 'utf8');
const tsFile = readFileSync('src/generated/contract.ts', 'utf8');

/** The core's constants as the generated AssemblyScript file states them: name -> value text. */
const asConstants = new Map([...asFile.matchAll(/^export const (\w+): [\w<>]+ = (.+);$/gm)].map((m) => [m[1], m[2]]));
const asNumber = (name: string) => {
  const v = asConstants.get(name);
  if (v === undefined) throw new Error(`assembly/generated/contract.ts has no ${name}`);
  return Number(v);
};

describe('the generated contract files', () => {
  it('are exactly what the generator makes of the table (npm run gen leaves them unchanged)', () => {
    const { as, ts: tsText } = contractSources();
    expect(asFile).toBe(as);
    expect(tsFile).toBe(tsText);
  });

  it('state the record and finding layouts of the table on both sides', () => {
    expect(ts.RECORD).toMatchObject({ inputWords: RECORD.inputWords, headerWords: RECORD.headerWords, nodeWords: RECORD.nodeWords, markers: RECORD.markers });
    RECORD.header.forEach((f: string, i: number) => {
      expect(ts.RECORD.header[f as keyof typeof ts.RECORD.header]).toBe(i);
      expect(asNumber(`REC_${upperSnake(f)}`)).toBe(i);
    });
    RECORD.node.forEach((f: string, i: number) => {
      expect(ts.RECORD.node[f as keyof typeof ts.RECORD.node]).toBe(i);
      expect(asNumber(`NODE_${upperSnake(f)}`)).toBe(i);
    });
    for (const [k, v] of Object.entries(RECORD.markers)) expect(asNumber(upperSnake(k)), k).toBe(v);
    const words = FINDINGS.fields.length + 2 * FINDINGS.maxOperands;
    expect(ts.FINDINGS).toMatchObject({ maxFindings: FINDINGS.maxFindings, maxOperands: FINDINGS.maxOperands, words, notRecordedRule: FINDINGS.notRecordedRule });
    expect([asNumber('MAX_FINDINGS'), asNumber('MAX_OPERANDS'), asNumber('FINDING_WORDS'), asNumber('FINDING_OPERANDS')]).toEqual([FINDINGS.maxFindings, FINDINGS.maxOperands, words, FINDINGS.fields.length]);
    FINDINGS.fields.forEach((f: string, i: number) => expect(asNumber(`FINDING_${upperSnake(f)}`)).toBe(i));
    expect(ts.RESOLVE.words).toBe(RESOLVE.fields.length + 2 * RESOLVE.maxOperands);
    expect(asNumber('RESOLVE_ENTRY_WORDS')).toBe(ts.RESOLVE.words);
    expect(ts.DESCRIBE).toMatchObject({ maxItems: DESCRIBE.maxItems, maxValues: DESCRIBE.maxValues, words: DESCRIBE.fields.length + DESCRIBE.maxValues });
    expect([asNumber('DESCRIBE_MAX_ITEMS'), asNumber('DESCRIBE_ITEM_WORDS'), asNumber('DESCRIBE_VALUES')]).toEqual([DESCRIBE.maxItems, ts.DESCRIBE.words, DESCRIBE.fields.length]);
    DESCRIBE.fields.forEach((f: string, i: number) => { expect(ts.DESCRIBE.field[f as keyof typeof ts.DESCRIBE.field]).toBe(i); expect(asNumber(`DESCRIBE_${upperSnake(f)}`)).toBe(i); });
  });

  it('give every code the same number on both sides', () => {
    expect([...ts.SEVERITIES]).toEqual(SEVERITIES);
    SEVERITIES.forEach((s: string, i: number) => expect(asNumber(`SEV_${s.toUpperCase()}`)).toBe(i));
    OPERAND_KINDS.forEach((k: { name: string; printer: string }, i: number) => {
      expect(ts.OPERAND_KIND[k.name as ts.OperandKindName]).toBe(i);
      expect(ts.OPERAND_PRINTERS[i]).toBe(k.printer);
      expect(asNumber(`O_${k.name}`)).toBe(i);
    });
    RETURN_KINDS.forEach((r: { name: string; success: string }, i: number) => {
      expect(asNumber(`RET_${r.name.toUpperCase()}`)).toBe(i);
      expect(ts.RETURN_SUCCESS[r.name as ts.ReturnKind]).toBe(r.success);
    });
    RESOLVE.topics.forEach((t: string, i: number) => { expect(ts.RESOLVE_TOPIC[t as keyof typeof ts.RESOLVE_TOPIC]).toBe(i + 1); expect(asNumber(`T_${t}`)).toBe(i + 1); });
    RESOLVE.sizeModes.forEach((m: string, i: number) => { expect(ts.SIZE_MODE_NAMES[i + 1]).toBe(m); expect(asNumber(`SIZE_${m}`)).toBe(i + 1); });
    RESOLVE.chain.forEach((c: string, i: number) => { expect(ts.CHAIN_STRUCTURE[c as keyof typeof ts.CHAIN_STRUCTURE]).toBe(i + 1); expect(asNumber(`CH_${c}`)).toBe(i + 1); });
    DESCRIBE.kinds.forEach(([kind, ...values]: string[], i: number) => {
      expect(ts.DESCRIBED_KINDS[i + 1]).toEqual({ kind, values: values.map((v) => v.split(':')) });
      expect(asNumber(`D_${kind}`)).toBe(i + 1);
    });
    CONFORM.classes.forEach((c: string, i: number) => { expect(ts.CONFORM_CLASSES[i]).toBe(c); expect(asNumber(`CLASS_${upperSnake(c)}`)).toBe(i); });
    CONFORM.outcomes.forEach((o: string, i: number) => { expect(ts.OUTCOMES[i]).toBe(o); expect(asNumber(`OUTCOME_${upperSnake(o)}`)).toBe(i); });
  });

  it('number the registry’s return kinds by the contract (ENTRY_RETURNS)', () => {
    const returns = /ENTRY_RETURNS: StaticArray<u8> = \[([^\]]*)\]/.exec(readFileSync('assembly/generated/registry.ts', 'utf8'))![1].split(', ').map(Number);
    const names = RETURN_KINDS.map((r: { name: string }) => r.name);
    ENTRIES.forEach((e, i) => expect(returns[i], e.name).toBe(Math.max(0, names.indexOf(e.returns ?? 'void'))));
  });

  it('carry the digest of the table', () => {
    expect(ts.CONTRACT_DIGEST).toBe(contractDigest());
    expect(asNumber('CONTRACT_DIGEST')).toBe(contractDigest());
    // A change anywhere in the table changes it.
    const before = contractDigest();
    CONTRACT.FINDINGS.maxFindings++;
    try { expect(contractDigest()).not.toBe(before); } finally { CONTRACT.FINDINGS.maxFindings--; }
  });
});

describe('the built core', () => {
  let v: Validator;
  beforeAll(async () => { v = await createValidator(); });

  it('was built from this contract', () => {
    expect(v.core.contractDigest() >>> 0).toBe(ts.CONTRACT_DIGEST);
  });

  it('is refused when it was built from another contract', async () => {
    // (module (func (export "contractDigest") (result i32) i32.const 0))
    const other = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 18, 1, 14, ...new TextEncoder().encode('contractDigest'), 0, 0, 10, 6, 1, 4, 0, 65, 0, 11]);
    await expect(instantiateCore(await WebAssembly.compile(other))).rejects.toThrow(CoreTrap);
    await expect(instantiateCore(await WebAssembly.compile(other))).rejects.toThrow(/built from another boundary contract \(0x0\) than this library/);
    // The real one loads.
    await expect(instantiateCore(await compileCoreFromDisk())).resolves.toBeDefined();
  });
});

describe('operands', () => {
  const ctx = { names: new Names() };

  it('have one printer per printer name the contract gives, and no other', () => {
    expect(Object.keys(OPERAND_PRINTER_TABLE).sort()).toEqual([...new Set(OPERAND_KINDS.map((k: { printer: string }) => k.printer))].sort());
    OPERAND_KINDS.forEach((k: { name: string }, code: number) => expect(typeof formatOperand(code, 0, ctx), k.name).toBe('string'));
  });

  it('print 64-bit words exactly, and unsigned ones as unsigned (the core stores every operand as a signed word)', () => {
    const O = ts.OPERAND_KIND;
    // All ones in a VkDeviceSize is the largest size, not -1.
    expect(formatOperand(O.SIZE, -1, ctx)).toBe('18446744073709551615');
    expect(formatOperand(O.SIZE, 262144, ctx)).toBe('262144');
    // Past 2^53 a double rounds: the exact word is printed.
    expect(formatOperand(O.INT, (1n << 60n) + 1n, ctx)).toBe('1152921504606846977');
    // A file descriptor is signed.
    expect(formatOperand(O.FD, -1, ctx)).toBe('-1');
    // The finding's own member prints by its C type.
    expect(formatOperand(O.MEMBER, -1, { ...ctx, memberType: 'VkDeviceSize' })).toBe('18446744073709551615');
    expect(formatOperand(O.MEMBER, -1, { ...ctx, memberType: 'int' })).toBe('-1');
  });

  it('are written the same in findings and in the resolver’s words (one printer)', () => {
    const O = ts.OPERAND_KIND;
    const values: Array<[number, bigint]> = [[O.HANDLE_TYPES, 1024n], [O.HANDLE_TYPES_NV_MARKED, 1n], [O.HEX, 0x8000000000000001n], [O.BITS, 5n], [O.CALL, -1n]];
    const why = makeWhy('resolve.test||{a}, {b}, {c}, {d}, {e}', 'a b c d e', undefined, values, ctx.names);
    expect(why.message).toBe(values.map(([k, x]) => formatOperand(k, x, ctx)).join(', '));
    // Handle types lose their _BIT suffix whatever vendor tag follows it; 64-bit patterns stay exact.
    expect(why.message).toBe('ANDROID_HARDWARE_BUFFER, OPAQUE_WIN32 (NV), 0x8000000000000001, 0x5 (types 0, 2), unknown');
  });
});

describe('success predicates', () => {
  it('follow the return kind of each call, as the contract says', () => {
    expect(callSucceeded('vkAllocateMemory', 1)).toBe(true); // VK_NOT_READY-like positive results succeed
    expect(callSucceeded('vkAllocateMemory', -2)).toBe(false);
    expect(callSucceeded('DuplicateHandle', 0)).toBe(false); // BOOL: FALSE fails
    expect(callSucceeded('DuplicateHandle', 1)).toBe(true);
    expect(callSucceeded('vkFreeMemory', -1)).toBe(true); // void always succeeds
    expect(callSucceeded('close', -1)).toBe(false); // int: negative fails
  });
});
