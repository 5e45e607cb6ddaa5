// What each node of the record holds: the structures in its pNext chain (the first of each and how
// many, and the whole chain in order) and the elements of each of its arrays. Rules ask for the same
// chained structures many times per call (a vkAllocateMemory with an import asked some twenty times),
// and each answer used to be a pass over the node table; the record is now read once, before any rule
// runs (core/dispatch.ts), into rows that the rules, the implicit checks and the dispatcher all read,
// so finding a chained structure or an array element is a few array reads.
import * as g from '../generated/registry';
import { nodeCount, nodeEntry, nodeParent, nodeParentSlot, VIA_PNEXT, HEADER_WORDS, NODE_WORDS, INPUT_WORDS } from './record';

/** The most nodes the input buffer can describe (a node with no members takes NODE_WORDS words). */
const MAX_NODES: i32 = (INPUT_WORDS - HEADER_WORDS) / NODE_WORDS;

/**
 * Each structure some pNext chain may hold gets a column (-1: no chain allows it; the rules never ask
 * a chain for it, and the whole-chain list still holds it).
 */
const columnOf = new StaticArray<i32>(g.ENTRY_COUNT);
let columns: i32 = 0;
function numberColumns(): void {
  for (let e = 0; e < g.ENTRY_COUNT; e++) {
    columnOf[e] = -1;
    const sType = unchecked(g.STYPE_OF[e]);
    if (sType < 0) continue;
    for (let a = 0; a < g.PNEXT_ALLOWED.length; a++) {
      if (unchecked(g.PNEXT_ALLOWED[a]) == sType) { columnOf[e] = columns++; break; }
    }
  }
}
numberColumns();

// A node's rows are this record's when its stamp is this record's number: nodes that hold nothing
// cost the build nothing.
let record: i32 = 0;
const stampOf = new StaticArray<i32>(MAX_NODES);

// A node that holds a chain gets a row of columns: the first node of each structure (plus one; 0: none)
// and how many there are. Chain holders and the structures they hold are different nodes, so at most
// half the nodes of a well-formed record hold a chain; rows past that are not made (lookups then
// answer "none").
const MAX_CHAIN_ROWS: i32 = MAX_NODES / 2;
const chainRowOf = new StaticArray<i32>(MAX_NODES);
const firstOf = new StaticArray<u16>(MAX_CHAIN_ROWS * columns);
const countOf = new StaticArray<u16>(MAX_CHAIN_ROWS * columns);

// A node with array elements or a chain gets a row of cells, one per member slot and one for the whole
// chain, each a list number plus one (0: none). A node's row is no longer than the node is in the input,
// so the rows of a well-formed record fit in as many words.
const listRowOf = new StaticArray<i32>(MAX_NODES);
const listCells = new StaticArray<i32>(INPUT_WORDS);

// The lists: the elements of one array, or one whole chain, in record order, which is array order and
// chain order. A node is in one list at most; members are the nodes that are, in record order.
let lists: i32 = 0;
const starts = new StaticArray<i32>(MAX_NODES);
const lengths = new StaticArray<i32>(MAX_NODES);
const items = new StaticArray<i32>(MAX_NODES);
let members: i32 = 0;
const memberNode = new StaticArray<i32>(MAX_NODES);
const memberList = new StaticArray<i32>(MAX_NODES);

// Rows are handed out clean: the cells a record wrote are listed and cleared by the next one, so a
// record pays for what it holds, never for the size of the rows.
const listCellOf = new StaticArray<i32>(MAX_NODES);
let columnCellsUsed: i32 = 0;
const columnCellUsed = new StaticArray<i32>(MAX_NODES);

/** Nodes the index describes: later nodes belong to an earlier record. */
let indexed: i32 = 0;

// Stores through store<>() compile inline; an element assignment compiles to a call per store, which
// made the build five times slower.
@inline function put(a: StaticArray<i32>, i: i32, v: i32): void { store<i32>(changetype<usize>(a) + (<usize>i << 2), v); }
@inline function put16(a: StaticArray<u16>, i: i32, v: u16): void { store<u16>(changetype<usize>(a) + (<usize>i << 1), v); }

@inline function isArray(kind: u8): bool { return kind == <u8>g.K_ARRAY || kind == <u8>g.K_STRUCT_ARRAY; }

/** A new record: the previous record's cells are cleared and its rows go out of date. */
function startRecord(): void {
  for (let l = 0; l < lists; l++) put(listCells, unchecked(listCellOf[l]), 0);
  for (let u = 0; u < columnCellsUsed; u++) {
    const at = unchecked(columnCellUsed[u]);
    put16(firstOf, at, 0);
    put16(countOf, at, 0);
  }
  lists = 0;
  members = 0;
  columnCellsUsed = 0;
  if (++record == i32.MAX_VALUE) { // once in two billion records: no stamp may look current
    for (let n = 0; n < MAX_NODES; n++) put(stampOf, n, 0);
    record = 1;
  }
}

/** Makes n's rows this record's, holding nothing yet. */
@inline function claim(n: i32): void {
  if (unchecked(stampOf[n]) == record) return;
  put(stampOf, n, record);
  put(chainRowOf, n, -1);
  put(listRowOf, n, -1);
}

/** Reads the record in the input buffer. */
export function buildChainIndex(): void {
  startRecord();
  const count = min(nodeCount(), MAX_NODES);
  let chainRows = 0, listWords = 0;
  for (let i = 1; i < count; i++) { // node 0 is the parameter block
    const parent = nodeParent(i);
    // Parents come before their children: a later "parent" is no part of this record's tree.
    if (parent < 0 || parent >= i) continue;
    const parentEntry = nodeEntry(parent);
    const slots = unchecked(g.SLOT_COUNT[parentEntry]);
    const slot = nodeParentSlot(i);
    let cell = slot;
    if (slot == VIA_PNEXT) {
      cell = slots;
      claim(parent);
      const column = unchecked(columnOf[nodeEntry(i)]);
      let row = unchecked(chainRowOf[parent]);
      if (column >= 0 && row < 0 && chainRows < MAX_CHAIN_ROWS) {
        row = chainRows++ * columns;
        put(chainRowOf, parent, row);
      }
      if (column >= 0 && row >= 0) {
        const at = row + column;
        const seen = unchecked(countOf[at]);
        if (seen == 0) {
          put16(firstOf, at, <u16>(i + 1));
          put(columnCellUsed, columnCellsUsed++, at);
        }
        put16(countOf, at, seen + 1);
      }
    } else if (slot < 0 || slot >= slots || !isArray(unchecked(g.SLOT_KIND[g.SLOT_BASE[parentEntry] + slot]))) {
      continue;
    } else {
      claim(parent);
    }
    let row = unchecked(listRowOf[parent]);
    if (row < 0) {
      if (listWords + slots + 1 > INPUT_WORDS) continue;
      row = listWords;
      listWords += slots + 1;
      put(listRowOf, parent, row);
    }
    let l = unchecked(listCells[row + cell]) - 1;
    if (l < 0) {
      l = lists++;
      put(lengths, l, 0);
      put(listCells, row + cell, l + 1);
      put(listCellOf, l, row + cell);
    }
    put(lengths, l, unchecked(lengths[l]) + 1);
    put(memberNode, members, i);
    put(memberList, members, l);
    members++;
  }
  let at = 0;
  for (let l = 0; l < lists; l++) {
    put(starts, l, at);
    at += unchecked(lengths[l]);
    put(lengths, l, 0);
  }
  for (let m = 0; m < members; m++) {
    const l = unchecked(memberList[m]);
    const k = unchecked(lengths[l]);
    put(items, unchecked(starts[l]) + k, unchecked(memberNode[m]));
    put(lengths, l, k + 1);
  }
  indexed = count;
}

@inline function current(n: i32): bool { return n >= 0 && n < indexed && unchecked(stampOf[n]) == record; }

// The two list readers are inlined: the implicit checks call them in loops over a whole chain.
/** How many nodes list l holds (0 for -1, no list). */
@inline export function listLength(l: i32): i32 { return l < 0 ? 0 : unchecked(lengths[l]); }
/** The k-th node of list l (-1 if out of range). */
@inline export function listNode(l: i32, k: i32): i32 {
  if (l < 0 || k < 0 || k >= unchecked(lengths[l])) return -1;
  return unchecked(items[starts[l] + k]);
}

/** The list in the row of a current node n for `cell` (a member slot, or the slot count for the whole chain); -1: none. */
function listAt(n: i32, cell: i32): i32 {
  const row = unchecked(listRowOf[n]);
  return row < 0 ? -1 : unchecked(listCells[row + cell]) - 1;
}

/** Where n's row keeps the given structure, or -1. */
function chainCell(n: i32, entry: i32): i32 {
  if (!current(n) || entry < 0 || entry >= g.ENTRY_COUNT) return -1;
  const row = unchecked(chainRowOf[n]);
  const column = unchecked(columnOf[entry]);
  return row < 0 || column < 0 ? -1 : row + column;
}

/** n's whole pNext chain, structures the model does not know included, as a list (-1: none). */
export function chainOf(n: i32): i32 {
  if (!current(n)) return -1;
  return listAt(n, unchecked(g.SLOT_COUNT[nodeEntry(n)]));
}

/** First node of the given structure in n's pNext chain (-1 if none). */
export function chained(n: i32, entry: i32): i32 {
  const at = chainCell(n, entry);
  return at < 0 ? -1 : <i32>unchecked(firstOf[at]) - 1;
}
/** How many nodes of the given structure n's pNext chain holds. */
export function chainedCount(n: i32, entry: i32): i32 {
  const at = chainCell(n, entry);
  return at < 0 ? 0 : <i32>unchecked(countOf[at]);
}
/** The k-th node of the given structure in n's pNext chain, in chain order (-1 if out of range). */
export function chainedAt(n: i32, entry: i32, k: i32): i32 {
  if (k == 0) return chained(n, entry);
  if (k < 0 || k >= chainedCount(n, entry)) return -1;
  const chain = chainOf(n);
  for (let j = 0, seen = 0; j < listLength(chain); j++) {
    const c = listNode(chain, j);
    if (nodeEntry(c) == entry && seen++ == k) return c;
  }
  return -1;
}

/** The k-th element node under an array slot (-1 if out of range). */
export function element(n: i32, slot: i32, k: i32): i32 {
  if (!current(n) || slot < 0 || slot >= unchecked(g.SLOT_COUNT[nodeEntry(n)])) return -1;
  return listNode(listAt(n, slot), k);
}
