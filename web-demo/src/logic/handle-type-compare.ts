// Two handle types side by side: the pair picked (kept in the URL as compare=OPAQUE_WIN32,OPAQUE_WIN32_KMT),
// and one row per fact of handle-type-facts.ts's typeSheet with both values and whether they differ.
import type { HandleTypeInfo } from '../../../src/catalogue.js';
import { findType, typeKey, type FactId, type TypeSheet } from './handle-type-facts.js';

/**
 * The pairs people ask about most, offered as links above the table, found in the catalogue rather
 * than listed by hand: each NT type against the KMT type of the same object (OPAQUE_WIN32 against
 * OPAQUE_WIN32_KMT comes first), the two fd types, and each NV type against its KHR counterpart.
 */
export function oftenCompared(types: HandleTypeInfo[]): Array<[string, string]> {
  const khr = types.filter((t) => t.family === 'KHR');
  const pairs: Array<[string, string]> = [];
  for (const nt of khr.filter((t) => t.handle === 'NT')) {
    const kmt = khr.find((t) => t.handle === 'KMT' && typeKey(t) === `${typeKey(nt)}_KMT`);
    if (kmt) pairs.push([typeKey(nt), typeKey(kmt)]);
  }
  const fds = khr.filter((t) => t.handle === 'fd');
  if (fds.length === 2) pairs.push([typeKey(fds[0]), typeKey(fds[1])]);
  for (const nv of types.filter((t) => t.family === 'NV' && t.counterpart)) {
    const other = types.find((t) => t.name === nv.counterpart);
    if (other) pairs.push([typeKey(other), typeKey(nv)]);
  }
  return pairs;
}

/** The picked types from the URL: at most two distinct names the catalogue knows, in the URL's order. */
export function readPair(param: string | undefined, types: HandleTypeInfo[]): string[] {
  const keys = (param ?? '').split(',').map((k) => k.trim()).filter((k) => findType(types, k));
  return [...new Set(keys)].slice(0, 2);
}

export function pairParam(picked: string[]): string | undefined {
  return picked.length ? picked.join(',') : undefined;
}

/** Ticking a type: it joins the pair (the older of two makes room); unticking takes it out. */
export function togglePick(picked: string[], key: string): string[] {
  if (picked.includes(key)) return picked.filter((k) => k !== key);
  return [...picked, key].slice(-2);
}

export interface ComparedFact {
  id: FactId;
  label: string;
  a: string;
  b: string;
  same: boolean;
}

/** How the rules of two types differ: how many each has, and those that only one of them has. */
export interface RulesCompared {
  a: number;
  b: number;
  onlyA: string[];
  onlyB: string[];
  same: boolean;
}

export interface Comparison {
  a: TypeSheet;
  b: TypeSheet;
  facts: ComparedFact[];
  rules: RulesCompared;
  /** How many rows (facts and the rules) differ, of how many. */
  differ: number;
  rows: number;
}

/**
 * A fact's text with the type's own name written as "{type}": "implementations report D3D11_TEXTURE as
 * DEDICATED_ONLY" says the same for D3D11_TEXTURE_KMT.
 */
function withoutOwnName(text: string, sheet: TypeSheet): string {
  let out = text;
  for (const name of [sheet.type.name, sheet.key]) out = out.replace(new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`, 'g'), '{type}');
  return out;
}

export function compareSheets(a: TypeSheet, b: TypeSheet): Comparison {
  const facts: ComparedFact[] = a.facts.filter((f) => f.id !== 'rules').map((fa) => {
    const fb = b.facts.find((f) => f.id === fa.id)!;
    return { id: fa.id, label: fa.label, a: fa.text, b: fb.text, same: withoutOwnName(fa.text, a) === withoutOwnName(fb.text, b) };
  });
  const onlyA = a.vuids.filter((v) => !b.vuids.includes(v));
  const onlyB = b.vuids.filter((v) => !a.vuids.includes(v));
  const rules = { a: a.vuids.length, b: b.vuids.length, onlyA, onlyB, same: !onlyA.length && !onlyB.length };
  return { a, b, facts, rules, differ: facts.filter((f) => !f.same).length + (rules.same ? 0 : 1), rows: facts.length + 1 };
}

/** A rules cell in words: how many, and which of them the other type does not have. */
export function rulesText(count: number, only: string[], other: string): string {
  const all = `${count} rule${count === 1 ? '' : 's'}`;
  if (!only.length) return `${all}, none that ${other} lacks.`;
  return `${all}; ${only.length} of them not for ${other}:`;
}
