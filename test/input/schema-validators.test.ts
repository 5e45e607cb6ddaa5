// The schema validators compiled ahead of time (src/generated/*-schema.js, from scripts/gen-schemas.mjs):
// current with the schemas, answering exactly as ajv compiling the schema at run time would (so every
// message built from their errors stays the same), counting string lengths in code points, and the only
// schema code in src/: nothing there compiles a schema or evaluates code at run time.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import { validate as validateProfile } from '../../src/generated/profile-schema.js';
import { validate as validateScenario } from '../../src/generated/scenario-schema.js';
import { loadProfile } from '../../src/profiles/load.js';
import type { SchemaValidator } from '../../src/generated/profile-schema.js';

const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as new (o: object) => { compile(s: object): SchemaValidator };
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const filesUnder = (dir: string, suffix: string): string[] =>
  readdirSync(dir).sort().flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n), suffix) : n.endsWith(suffix) ? [join(dir, n)] : []));

/** The document itself and copies broken in the ways schemas refuse: wrong types, missing and unknown members. */
function variants(doc: unknown): unknown[] {
  const out: unknown[] = [doc];
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, at: (string | number)[]) => {
    paths.push(at);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
  };
  walk(doc, []);
  // Places spread over the file, at most 40, so a large file gives no more copies than a small one.
  const stride = Math.max(3, Math.ceil(paths.length / 40));
  for (const at of paths.filter((_, i) => i % stride === 0)) {
    for (const edit of ['retype', 'drop', 'extra'] as const) {
      const copy = structuredClone(doc);
      const parent = at.slice(0, -1).reduce<any>((o, k) => o[k], copy);
      const key = at[at.length - 1];
      const target = at.length ? parent[key] : copy;
      if (edit === 'retype') {
        if (!at.length) continue;
        parent[key] = typeof target === 'number' ? 'x' : typeof target === 'string' ? 7 : Array.isArray(target) ? {} : target && typeof target === 'object' ? [] : 'x';
      } else if (edit === 'drop') {
        if (!at.length) continue;
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
      } else if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>).notAMember = 1;
      else continue;
      out.push(copy);
    }
  }
  return out;
}

describe('schema validators compiled ahead of time', () => {
  it('are what scripts/gen-schemas.mjs makes from schemas/ (run npm run gen:schemas after editing a schema)', () => {
    execFileSync(process.execPath, ['scripts/gen-schemas.mjs', '--check'], { stdio: 'pipe' });
  });

  it.each([
    ['profile', validateProfile, 'schemas/profile.schema.json', { allErrors: true, strict: false }, filesUnder('profiles', '.profile.json')],
    ['scenario', validateScenario, 'schemas/scenario.schema.json', { allErrors: true, strict: false, verbose: true }, filesUnder('scenarios', '.scenario.json')],
  ] as const)('answer as ajv compiling the %s schema at run time does: the library files and broken copies, error for error', (_, precompiled, schema, options, files) => {
    const atRunTime = new Ajv(options).compile(json(schema));
    expect(files.length).toBeGreaterThan(5);
    let refused = 0;
    for (const file of files) {
      for (const doc of variants(json(file))) {
        const ok = precompiled(doc);
        expect(ok, file).toBe(atRunTime(doc));
        expect(precompiled.errors ?? null, file).toEqual(atRunTime.errors ?? null);
        if (!ok) refused++;
      }
    }
    // The broken copies did reach the error paths.
    expect(refused).toBeGreaterThan(files.length * 5);
  });

  it('count a string\'s length in code points: 255 emoji fill deviceName (maxLength 255), 256 do not', () => {
    const p = json('profiles/lavapipe.profile.json');
    p.device.deviceName = '\u{1F642}'.repeat(255);
    expect(loadProfile(JSON.stringify(p, null, 2), 'long.profile.json').device.deviceName).toHaveLength(510);
    p.device.deviceName += '\u{1F642}';
    expect(() => loadProfile(JSON.stringify(p, null, 2), 'long.profile.json')).toThrow(/^must be at most 255 characters long$/);
  });

  it('are the only schema code in src/: nothing there imports ajv, compiles a schema or evaluates code', () => {
    const sources = filesUnder('src', '.ts').concat(filesUnder('src', '.js'));
    expect(sources.length).toBeGreaterThan(50);
    const offenders = sources.flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      return [/from 'ajv'/, /from "ajv/, /\bnew Ajv\b/, /\bnew Function\b/, /\bFunction\(/, /\beval\(/].filter((re) => re.test(text)).map((re) => `${f}: ${re.source}`);
    });
    expect(offenders).toEqual([]);
  });
});
