// Which handle type each kind of source makes, and back: the catalogue's `source` column
// (scripts/registry/handle-type-facts.mjs). A source other than a Vulkan export makes one KHR type, or
// two when it can share by NT or by KMT handle (a D3D11 texture), told apart by the request's `shared`.
import { HANDLE_TYPE_ROWS, SOURCE_KINDS, type HandleTypeRow, type SourceKind } from '../generated/handle-types.js';
import { shortHandleTypeName } from './words.js';

export { SOURCE_KINDS, type SourceKind };

const madeBy = (kind: SourceKind): HandleTypeRow[] => HANDLE_TYPE_ROWS.filter((r) => !r.nv && r.source === kind);

/** Whether a source of this kind makes both an NT and a KMT handle type, so a request says which (`shared`); a Vulkan export names its type instead. */
export function sharesByNtOrKmt(kind: SourceKind): boolean {
  if (kind === 'vulkan') return false;
  const rows = madeBy(kind);
  return rows.some((r) => r.handle === 'NT') && rows.some((r) => r.handle === 'KMT');
}

/**
 * The handle type (short name, as requests write it) that a source other than a Vulkan export is
 * imported as; undefined for a Vulkan export, whose request names the type.
 */
export function sourceTypeName(src: { kind: SourceKind; shared?: 'nt' | 'kmt' }): string | undefined {
  if (src.kind === 'vulkan') return undefined;
  const rows = madeBy(src.kind);
  const row = rows.find((r) => r.handle === (src.shared === 'kmt' ? 'KMT' : 'NT')) ?? rows[0];
  return row && shortHandleTypeName(row.name);
}

/** The handle types (short names) a source kind makes, in catalogue order. */
export function sourceTypeNames(kind: SourceKind): string[] {
  return madeBy(kind).map((r) => shortHandleTypeName(r.name));
}

/** The source that makes a handle type: its kind (and, where the kind makes both, NT or KMT); a Vulkan export for every other type. */
export function sourceOfType(bit: number, nv: boolean): { kind: SourceKind; shared?: 'nt' | 'kmt' } {
  const row = nv ? undefined : HANDLE_TYPE_ROWS.find((r) => !r.nv && r.bit === bit);
  if (!row || row.source === '' || row.source === 'vulkan') return { kind: 'vulkan' };
  return sharesByNtOrKmt(row.source) ? { kind: row.source, shared: row.handle === 'KMT' ? 'kmt' : 'nt' } : { kind: row.source };
}
