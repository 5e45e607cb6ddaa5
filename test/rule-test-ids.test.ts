// Every rule test (test/rules/*) is named by its query id, and vitest's name filter (-t, a regular
// expression matched anywhere in the full name) given an id selects exactly that case.
import { describe as vitestDescribe, it as vitestIt, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { parseQuery } from '../src/input/query.js';
import { ruleTests } from './helpers/rule-tests.js';

// The helper on cases of its own: each case sees its own name.
const { describe, it } = ruleTests('self-check');
const current = () => expect.getState().currentTestName ?? '';
describe('VUID-VkMemoryAllocateInfo-allocationSize-01743', () => {
  it('first case', () => expect(current()).toMatch(/ > rules\/self-check\/VUID-VkMemoryAllocateInfo-allocationSize-01743:01 first case$/));
  it.skipIf(false)('second case, through skipIf', () => expect(current()).toMatch(/:02 second case, through skipIf$/));
  it.each([[3, 'three'], [4, 'four']] as const)('row %d (%s)', (n, word) => expect(current()).toMatch(new RegExp(`:0${n} row ${n} \\(${word}\\)$`)));
});
describe('OS-level handle mistakes (VKX-…)', () => {
  it('numbers from 1 in each group', () => expect(current()).toMatch(/ > rules\/self-check\/OS-level-handle-mistakes-VKX:01 numbers from 1 in each group$/));
});

vitestDescribe('the rule tests of test/rules', () => {
  vitestIt('each is named by a query id of its file; no id is shared, and -t with one selects one case', () => {
    const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'list', 'test/rules', '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(r.status, r.stderr).toBe(0);
    const cases = JSON.parse(r.stdout) as Array<{ name: string; file: string }>;
    expect(cases.length).toBeGreaterThan(500);
    const ids: string[] = [];
    for (const c of cases) {
      const file = c.file.replace(/^.*\/test\/rules\//, '').replace(/\.test\.ts$/, '');
      const id = / > (rules\/\S+:\d\d) /.exec(c.name)?.[1];
      expect(id, c.name).toBeDefined();
      expect(id!.startsWith(`rules/${file}/`), `${c.name} in ${c.file}`).toBe(true);
      expect(parseQuery(id!).step).toBeGreaterThan(0);
      ids.push(id!);
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(cases.filter((c) => new RegExp(id).test(c.name)).length, id).toBe(1);
  }, 180000);
});
