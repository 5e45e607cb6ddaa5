// The handle-types table's columns and their sort order. The default is the catalogue's own order (KHR
// types, then NV, each by bit); a sorted column keeps that order among equal values, whichever the
// direction, so rows never jump around between clicks. The order lives in the URL: sort=platform&dir=desc.
import type { HandleTypeInfo } from '../../../src/catalogue.js';
import { handleKindLabel, typeKey } from './handle-type-facts.js';

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** The table's columns; `optional` ones a phone leaves out (the open panel says the same). */
export const COLUMNS = [
  { id: 'name', label: 'Handle type', optional: false, value: (t: HandleTypeInfo) => typeKey(t) },
  { id: 'family', label: 'Family', optional: true, value: (t: HandleTypeInfo) => t.family },
  { id: 'platform', label: 'Platform', optional: false, value: (t: HandleTypeInfo) => t.platform },
  { id: 'handle', label: 'Handle', optional: false, value: (t: HandleTypeInfo) => handleKindLabel(t) },
  { id: 'opaque', label: 'Opaque', optional: true, value: (t: HandleTypeInfo) => yesNo(t.opaque) },
  { id: 'byName', label: 'By name', optional: true, value: (t: HandleTypeInfo) => yesNo(t.importByName) },
  { id: 'allocationSize', label: 'allocationSize on import', optional: true, value: (t: HandleTypeInfo) => t.allocationSize },
] as const;

export type ColumnId = (typeof COLUMNS)[number]['id'];

export interface SortOrder {
  column: ColumnId;
  descending: boolean;
}

export function columnOf(id: string | undefined) {
  return COLUMNS.find((c) => c.id === id);
}

/** The order a URL asks for; undefined (catalogue order) for a column the table does not have. */
export function readSort(params: Record<string, string>): SortOrder | undefined {
  const column = columnOf(params.sort);
  return column ? { column: column.id, descending: params.dir === 'desc' } : undefined;
}

export function sortParams(order: SortOrder | undefined): { sort?: string; dir?: string } {
  return order ? { sort: order.column, dir: order.descending ? 'desc' : undefined } : {};
}

/** A header click: a new column sorts ascending, the sorted one flips direction. */
export function nextSort(order: SortOrder | undefined, column: ColumnId): SortOrder {
  return order?.column === column ? { column, descending: !order.descending } : { column, descending: false };
}

/** What aria-sort says for a column header; undefined on the columns that are not sorted. */
export function ariaSort(order: SortOrder | undefined, column: ColumnId): 'ascending' | 'descending' | undefined {
  if (order?.column !== column) return undefined;
  return order.descending ? 'descending' : 'ascending';
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Compares two types by a column; equal values keep the order of `position` (their place in the
 * catalogue), in both directions.
 */
export function typeComparator(order: SortOrder, position: (t: HandleTypeInfo) => number) {
  const value = columnOf(order.column)!.value;
  return (a: HandleTypeInfo, b: HandleTypeInfo): number => {
    const by = collator.compare(value(a), value(b));
    return (order.descending ? -by : by) || position(a) - position(b);
  };
}

/** The items sorted by `order` (a new array), or as they are when there is none. */
export function sortTypes<T>(items: T[], order: SortOrder | undefined, typeOf: (item: T) => HandleTypeInfo): T[] {
  if (!order) return [...items];
  const index = new Map(items.map((item, i) => [typeOf(item), i]));
  const compare = typeComparator(order, (t) => index.get(t) ?? 0);
  return [...items].sort((a, b) => compare(typeOf(a), typeOf(b)));
}

/** Words for the current order, under the table. */
export function orderText(order: SortOrder | undefined): string {
  if (!order) return 'In catalogue order: KHR types, then NV types, each by bit. Column headers sort.';
  return `Sorted by ${columnOf(order.column)!.label}, ${order.descending ? 'descending' : 'ascending'}; equal values keep catalogue order.`;
}
