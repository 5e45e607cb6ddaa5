// The seeds the fuzzer mutates: the scenario library (scenarios/**/*.scenario.json) and the real
// lavapipe captures (test/fixtures/captures/*.jsonl), read once per run.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

function listFiles(dir, suffix) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(suffix)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Scenarios: { file, text, doc }; captures: { file, lines }. File names are relative to the repository
 * so that found inputs name their seed the same way on every machine. The order is sorted, so a seed
 * picks the same corpus file everywhere.
 */
export function loadCorpus(root = REPO_ROOT) {
  const scenarios = listFiles(join(root, 'scenarios'), '.scenario.json').map((p) => {
    const text = readFileSync(p, 'utf8');
    return { file: relative(root, p), text, doc: JSON.parse(text) };
  });
  const captures = listFiles(join(root, 'test/fixtures/captures'), '.jsonl').map((p) => ({
    file: relative(root, p),
    lines: readFileSync(p, 'utf8').split('\n').filter((l) => l.length > 0),
  }));
  if (scenarios.length === 0 || captures.length === 0) throw new Error(`fuzz corpus is empty under ${root} (scenarios: ${scenarios.length}, captures: ${captures.length})`);
  return { scenarios, captures };
}
