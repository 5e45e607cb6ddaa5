// AssemblyScript entry for test/core/id-map.test.ts: the core's IdMap behind a few exports, with an
// object value type (the world keeps devices and memories in IdMaps) and an i32 one.
import { IdMap } from '../../assembly/state/id-map';

class Box { constructor(public v: i32) {} }

const numbers = new IdMap<i32>();
const boxes = new IdMap<Box>();

export function set(key: i32, value: i32): void { numbers.set(key, value); boxes.set(key, new Box(value)); }
export function has(key: i32): i32 { return (numbers.has(key) ? 1 : 0) | (boxes.has(key) ? 2 : 0); }
/** Both maps' values for key, checked equal (-2147483648 when they differ). */
export function get(key: i32): i32 {
  const a = numbers.get(key);
  const b = boxes.get(key).v;
  return a == b ? a : i32.MIN_VALUE;
}
export function remove(key: i32): i32 { return (numbers.delete(key) ? 1 : 0) | (boxes.delete(key) ? 2 : 0); }
export function clear(): void { numbers.clear(); boxes.clear(); }
export function collect(): void { __collect(); }
