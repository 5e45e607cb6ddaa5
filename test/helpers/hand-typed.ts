// Finds handle-type facts typed by hand in source text: masks of handle-type bits written as numbers,
// tables keyed by such numbers, lists of handle-type names, and tests of a type by its name. The facts
// live in the generated catalogue (src/generated/handle-types.ts and assembly/generated/handle-types.ts);
// code asks it. Heuristic on purpose: test/catalogue/no-hand-typed.test.ts shows it catching each
// shape of the old hand-typed tables, and leaving other numbers (usages, access masks, HRESULTs) alone.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ENUMS } from '../../src/generated/registry.js';
import { HANDLE_TYPE_ROWS } from '../../src/generated/handle-types.js';
import { shortHandleTypeName } from '../../src/resolve/words.js';

export interface HandTyped { file: string; line: number; what: string; text: string }

const PREFIX = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_';
const FULL_NAMES = new Set([...Object.keys(ENUMS.VkExternalMemoryHandleTypeFlagBits.values), ...Object.keys(ENUMS.VkExternalMemoryHandleTypeFlagBitsNV.values)]);
/** Short names, longest first (so D3D11_TEXTURE_KMT is found before D3D11_TEXTURE). */
const SHORT_NAMES = [...new Set(HANDLE_TYPE_ROWS.map((r) => shortHandleTypeName(r.name)))].sort((a, b) => b.length - a.length);

/** The handle type a string literal's content names (full, short, or full without the prefix), or undefined. */
function typeOfLiteral(s: string): string | undefined {
  if (FULL_NAMES.has(s)) return shortHandleTypeName(s);
  if (FULL_NAMES.has(PREFIX + s)) return shortHandleTypeName(PREFIX + s);
  return SHORT_NAMES.includes(s) ? s : undefined;
}

/** The handle type an identifier stands for: an enumerant, or a constant named after a type (HT_D3D12_HEAP), or undefined. */
function typeOfIdentifier(id: string): string | undefined {
  if (FULL_NAMES.has(id)) return shortHandleTypeName(id);
  return SHORT_NAMES.find((n) => id === n || id.endsWith(`_${n}`));
}

/**
 * The text with comments blanked (`code`), and also string, template and regular-expression contents
 * blanked (`bare`); both keep every offset and line break. String literals are listed with their offsets.
 */
export function blank(src: string): { code: string; bare: string; strings: Array<{ at: number; value: string }> } {
  const code = src.split('');
  const bare = src.split('');
  const strings: Array<{ at: number; value: string }> = [];
  const wipe = (arr: string[], from: number, to: number) => { for (let k = from; k < to; k++) if (arr[k] !== '\n') arr[k] = ' '; };
  let i = 0;
  let last = ''; // the last significant character outside comments and strings (tells a regex from a division)
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      wipe(code, i, stop); wipe(bare, i, stop); i = stop; continue;
    }
    if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      wipe(code, i, stop); wipe(bare, i, stop); i = stop; continue;
    }
    if (c === '\'' || c === '"' || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      strings.push({ at: i, value: src.slice(i + 1, j) });
      wipe(bare, i + 1, j); i = j + 1; last = 'a'; continue;
    }
    if (c === '/' && (last === '' || '(,=:[!&|?{};+-*%<>~^'.includes(last))) {
      // A regular expression: up to the closing slash outside a character class.
      let j = i + 1;
      let inClass = false;
      while (j < src.length && src[j] !== '\n' && (inClass || src[j] !== '/')) {
        if (src[j] === '\\') j++;
        else if (src[j] === '[') inClass = true;
        else if (src[j] === ']') inClass = false;
        j++;
      }
      wipe(bare, i + 1, j); i = j + 1; last = 'a'; continue;
    }
    if (!/\s/.test(c)) last = /[A-Za-z0-9_$)\]]/.test(c) ? 'a' : c;
    i++;
  }
  return { code: code.join(''), bare: bare.join(''), strings };
}

const NUMBER = String.raw`(?:0x[0-9a-fA-F]+|[1-9][0-9]*)(?![\w.]|\s*<<)`;
/** Every handle-type bit of either family: a number outside it is no handle type (memoryTypeBits, access masks…). */
const ALL_TYPES = HANDLE_TYPE_ROWS.reduce((m, r) => m | r.bit, 0);
const isTypeBits = (n: string) => { const v = Number(n); return v > 0 && v <= ALL_TYPES && (v & ~ALL_TYPES) === 0; };
/** Names that hold a handle type or a mask of them. */
const TYPE_VALUE = String.raw`(?:handleTypes?|handleTypesNV|externalHandleTypes?|bit|khrBit|nvBit|khr|t)`;
const NUMERIC_SHAPES: Array<{ what: string; re: RegExp }> = [
  // t & 0x14, (type.bit & 0x201), khr == 0x2, bit === 0x80
  { what: 'a handle-type value tested against a number', re: new RegExp(String.raw`\b${TYPE_VALUE}\s*(?:&|\||===|!==|==|!=)\s*\(?\s*(${NUMBER})`, 'g') },
  { what: 'a handle-type value tested against a number', re: new RegExp(String.raw`(?<![\w.])(${NUMBER})\s*(?:&|\||===|!==|==|!=)\s*${TYPE_VALUE}\b(?!\s*\()`, 'g') },
  // h.bit && h.nv ? h.bit : 0x1  /  handleTypes: 0x2
  { what: 'a handle type written as a number', re: new RegExp(String.raw`\b(?:handleTypes?|handleTypesNV|externalHandleTypes?|bit|khrBit)\s*:\s*(${NUMBER})`, 'g') },
  // const KMT_BITS = 0x4 | 0x10;
  { what: 'a mask of handle types written as numbers', re: new RegExp(String.raw`\b[A-Z0-9_]*(?:TYPES?|BITS?|KMT|NT|FD|HOST|WIN32|D3D\d*)[A-Z0-9_]*\s*(?::\s*\w+\s*)?=\s*(${NUMBER}(?:\s*\|\s*${NUMBER})+)`, 'g') },
  // { 0x8: …, 0x10: … } and { 1: 0x2, 2: 0x4 }: a table keyed by handle-type bits
  { what: 'a table keyed by handle-type bits', re: new RegExp(String.raw`\{\s*(${NUMBER})\s*:[^;]{0,200}?,\s*${NUMBER}\s*:`, 'g') },
];

const lineOf = (text: string, at: number) => text.slice(0, at).split('\n').length;

/**
 * What a source file types by hand. `names` also looks for handle-type names: two or more in one
 * statement (a list, a table, a mask of names) or a test of a value against one name; off for the core,
 * whose rules name the types they are about.
 */
export function findHandTyped(file: string, src: string, names = true): HandTyped[] {
  const { code, bare, strings } = blank(src);
  const out: HandTyped[] = [];
  const lines = src.split('\n');
  const add = (at: number, what: string) => {
    const line = lineOf(src, at);
    if (!out.some((o) => o.line === line && o.what === what)) out.push({ file, line, what, text: lines[line - 1].trim().slice(0, 200) });
  };
  for (const { what, re } of NUMERIC_SHAPES) {
    for (const m of bare.matchAll(re)) if (m[1].split('|').every((n) => isTypeBits(n.trim()))) add(m.index!, what);
  }

  // Names, statement by statement (a statement ends at a semicolon; import and export lists are not facts).
  const tokens: Array<{ at: number; type: string; literal: boolean }> = [];
  for (const s of strings) { const t = typeOfLiteral(s.value); if (t) tokens.push({ at: s.at, type: t, literal: true }); }
  for (const m of bare.matchAll(/[A-Za-z_$][\w$]*/g)) { const t = typeOfIdentifier(m[0]); if (t) tokens.push({ at: m.index!, type: t, literal: false }); }
  tokens.sort((a, b) => a.at - b.at);
  let start = 0;
  for (const end of [...bare.matchAll(/;/g)].map((m) => m.index!).concat(bare.length)) {
    const inStatement = tokens.filter((t) => t.at >= start && t.at < end);
    const statement = code.slice(start, end).trim();
    const isModuleList = /^(import|export\s*\{|export\s+\*|export\s+type\s*\{)/.test(statement);
    const kinds = new Set(inStatement.map((t) => t.type));
    if (kinds.size >= 2 && !isModuleList) {
      if (names) add(inStatement[1].at, `handle types listed by hand (${[...kinds].join(', ')})`);
      else if (/\|/.test(bare.slice(inStatement[0].at, inStatement.at(-1)!.at))) add(inStatement[1].at, `a mask of handle types listed by hand (${[...kinds].join(', ')})`);
    }
    start = end + 1;
  }
  if (names) {
    for (const t of tokens.filter((x) => x.literal)) {
      const before = code.slice(Math.max(0, t.at - 12), t.at);
      if (/(===|!==|==|!=)\s*$/.test(before) || /\bcase\s+$/.test(before)) add(t.at, `a value tested against the handle-type name ${t.type}`);
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

/** Every .ts file under `dir`, generated folders left out. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { if (name !== 'generated' && name !== 'node_modules') out.push(...sourceFiles(path)); } else if (name.endsWith('.ts')) out.push(path);
  }
  return out.sort();
}

/** What the tree under `root` types by hand: src/ and web-demo/src/ for everything, assembly/ for numbers and masks of names. */
export function scanTree(root: string): HandTyped[] {
  const scan = (dir: string, names: boolean) => sourceFiles(join(root, dir)).flatMap((f) => findHandTyped(relative(root, f), readFileSync(f, 'utf8'), names));
  return [...scan('src', true), ...scan('web-demo/src', true), ...scan('assembly', false)];
}
