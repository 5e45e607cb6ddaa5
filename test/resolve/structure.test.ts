// The resolver holds no import condition of its own: it shows the constraints the core computes once
// (assembly/rules/import-constraints.ts), and cites rules by the constants the validator defines them
// with. A resolver that judged the state itself could drift from the validator, as it once did.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';

const dir = 'assembly/resolve';
const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => ({ f, text: readFileSync(`${dir}/${f}`, 'utf8') }));

describe('assembly/resolve', () => {
  it('finds no rule by its VUID and defines none', () => {
    for (const { f, text } of files) expect(text, f).not.toMatch(/\b(ruleVuid|ruleCount|defRule|defUndecidableRule)\s*\(/);
  });

  it('judges no state an import constraint is made of', () => {
    // The lookups and facts the constraints are computed from (rules/import/, rules/support.ts, state/).
    const judging = /\b(importSupport|resourceAnswer|dedicatedOnlyTypes|win32Source|nameSource|fdSource|bindsImportedType|dedicationNeedsNvResource)\s*\(|\bhandlePropertyAnswers\b|\.(identityKnown|fingerprint)\s*\(|\.(reqSize|reqBits|requiresDedicated|prefersDedicated|minImportedHostPointerAlignment|memoryTypeCount|apiVersion|groupSize|externalTypes|externalTypesNV|adapterLUID|nvImageAnswers)\b/;
    for (const { f, text } of files) {
      const code = text.split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*\*)/.test(l)).join('\n');
      expect(code.match(judging)?.[0], f).toBeUndefined();
    }
  });
});
