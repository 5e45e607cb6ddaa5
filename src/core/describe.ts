// Reads the core's description of a call (assembly/core/describe.ts) in the contract's layout: numbers as
// they are, and interned values (objects, HANDLE values, strings) back under the names the input gave
// them, so the session can look up what a backend chose for each name.
import { DESCRIBE, DESCRIBED_KINDS, type DescribedItem, type DescribeValueType } from '../generated/contract.js';
import type { CoreExports } from './wasm.js';
import type { Names } from './encode.js';

const TWO32 = 4294967296;

/** The `count` items the core just wrote. */
export function readDescription(core: CoreExports, count: number, names: Names): DescribedItem[] {
  const words = new Int32Array(core.memory.buffer, core.describeOutputAddress(), DESCRIBE.maxItems * DESCRIBE.words * 2);
  const items: DescribedItem[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * DESCRIBE.words * 2;
    const kind = DESCRIBED_KINDS[words[at + 2 * DESCRIBE.field.kind]];
    if (!kind) continue; // a core built from this contract writes only its kinds
    const item: Record<string, unknown> = { kind: kind.kind, node: words[at + 2 * DESCRIBE.field.node] };
    kind.values.forEach(([name, type], k) => {
      const w = at + 2 * (DESCRIBE.field.values + k);
      item[name] = value(type, words[w], words[w + 1], names);
    });
    items.push(item as DescribedItem);
  }
  return items;
}

function value(type: DescribeValueType, low: number, high: number, names: Names): number | string | undefined {
  switch (type) {
    // 2^64 - 1 reads as 2^64, as JSON writes VK_WHOLE_SIZE.
    case 'unsigned': return (high >>> 0) * TWO32 + (low >>> 0);
    case 'signed': return high * TWO32 + (low >>> 0);
    case 'object': return low === 0 && high === 0 ? '' : names.objects.name((high >>> 0) * TWO32 + (low >>> 0));
    case 'osHandle': return names.osHandleName(high * TWO32 + (low >>> 0));
    case 'string': return low === 0 && high === 0 ? undefined : names.strings.name(low >>> 0);
  }
}
