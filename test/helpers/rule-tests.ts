// Rule tests named by their query ids (src/input/query.ts, ruleTestId): every case of test/rules/<file>
// is called `rules/<file>/<group>:NN <title>`, the group being its describe block, so that
// `npx vitest run -t 'rules/allocate/VUID-VkMemoryAllocateInfo-allocationSize-07897:01'` runs that one
// case and `-t 'rules/allocate/'` the file. A rule test file takes `describe` and `it` from here.
import { format } from 'node:util';
import { describe as vitestDescribe, it as vitestIt } from 'vitest';
import { ruleTestId } from '../../src/input/query.js';

type Body = () => unknown;

export function ruleTests(file: string) {
  // The describe block being collected (its body runs once, synchronously, when vitest collects it).
  let group = '';
  const counts = new Map<string, number>();
  const named = (title: string): string => {
    const n = (counts.get(group) ?? 0) + 1;
    counts.set(group, n);
    return `${ruleTestId(file, group, n)} ${title}`;
  };

  const describe = (title: string, body: () => void) => vitestDescribe(title, () => {
    const outer = group;
    group = title;
    try { body(); } finally { group = outer; }
  });

  const it = Object.assign((title: string, body: Body, timeout?: number) => vitestIt(named(title), body, timeout), {
    /** As vitest's: the case keeps its number (and id) when it is skipped. */
    skipIf: (condition: boolean) => (title: string, body: Body, timeout?: number) => vitestIt.skipIf(condition)(named(title), body, timeout),
    /** One case per row, its title the template filled in with the row (%s, %d, … as console.log does). */
    each: <Row extends readonly unknown[]>(rows: readonly Row[]) => (template: string, body: (...row: Row) => unknown, timeout?: number) => {
      for (const row of rows) vitestIt(named(format(template, ...row)), () => body(...row), timeout);
    },
  });

  return { describe, it };
}
