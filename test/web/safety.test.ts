// The explorer shows files and links from anyone: no view may turn text into markup. Every element is
// made by web-demo/src/app/dom.ts from text nodes and attributes; nothing in the sources may parse HTML.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(process.cwd(), 'web-demo', 'src');
const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
const sources = files(root).filter((f) => f.endsWith('.ts'));

describe('explorer sources', () => {
  it('exist (the check below is not vacuous)', () => {
    expect(sources.length).toBeGreaterThan(8);
  });

  it.each(['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'createContextualFragment', 'DOMParser', 'eval('])('never use %s', (api) => {
    const users = sources.filter((f) => readFileSync(f, 'utf8').includes(api)).map((f) => f.slice(root.length + 1));
    expect(users).toEqual([]);
  });

  it('never import the library entry points that bundle every profile', () => {
    const bad = sources.filter((f) => /from '(\.\.\/)+src\/(index|api|profiles\/builtin)\.js'/.test(readFileSync(f, 'utf8'))).map((f) => f.slice(root.length + 1));
    expect(bad).toEqual([]);
  });
});
