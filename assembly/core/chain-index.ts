// What each node of the record holds: the structures in its pNext chain (the first of each and how
// many, and the whole chain in order) and the elements of each of its arrays. Rules ask for the same
// chained structures many times per call (a vkAllocateMemory with an import asked some twenty times),
// and each answer used to be a pass over the node table; the record is now read once, before any rule
// runs (core/dispatch.ts), into rows that the rules, the implicit checks and the dispatcher all read,
// so finding a chained structure or an array element is a few array reads.
import * as registry from '../generated/registry';
import { nodeCount, nodeEntry, nodeParent, nodeParentSlot } from './record';
import { VIA_PNEXT, REC_HEADER_WORDS, REC_NODE_WORDS, REC_INPUT_WORDS } from '../generated/contract';

/** The most nodes the input buffer can describe (a node with no members takes REC_NODE_WORDS words). */
const MAX_NODES: i32 = (REC_INPUT_WORDS - REC_HEADER_WORDS) / REC_NODE_WORDS;

/**
 * Each structure some pNext chain may hold gets a column (-1: no chain allows it; the rules never ask
 * a chain for it, and the whole-chain list still holds it).
 */
const columnOf = new StaticArray<i32>(registry.ENTRY_COUNT);
let columns: i32 = 0;
function numberColumns(): void {
  for (let e = 0; e < registry.ENTRY_COUNT; e++) {
    columnOf[e] = -1;
    const sType = unchecked(registry.STYPE_OF[e]);
    if (sType < 0) continue;
    for (let a = 0; a < registry.PNEXT_ALLOWED.length; a++) {
      if (unchecked(registry.PNEXT_ALLOWED[a]) == sType) { columnOf[e] = columns++; break; }
    }
  }
}
numberColumns();

// Node numbers, list numbers and cell numbers all fit in 16 bits (the input holds 32768 words), which
// keeps the index small enough that the core's memory does not grow for it. Row and list numbers are
// kept plus one, so 0 means none.

// A node's rows are this record's when its stamp is this record's number: nodes that hold nothing
// cost the build nothing.
let record: i32 = 0;
const stampOf = new StaticArray<i32>(MAX_NODES);

// A node that holds a chain gets a row of columns: the first node of each structure (plus one; 0: none)
// and how many there are. There are rows for 256 chains; a record holding more (a vkQueueSubmit or a
// vkBindBufferMemory2 with hundreds of chained elements) finds a structure in the chains past those by
// reading the chain's list, in time proportional to its length.
const CHAIN_ROWS: i32 = 256;
const chainRowOf = new StaticArray<u16>(MAX_NODES);
const firstOf = new StaticArray<u16>(CHAIN_ROWS * columns);
const countOf = new StaticArray<u16>(CHAIN_ROWS * columns);
let chainRows: i32 = 0;
/** The cells of chain rows this record wrote, for the next record to clear. */
let cellsUsed: i32 = 0;
const cellUsed = new StaticArray<u16>(MAX_NODES);

// A node with array elements or a chain gets a row of cells, one per member slot and one for the whole
// chain, each a list number plus one. A node's row is no longer than the node is in the input, so the
// rows of a well-formed record fit in as many cells as the input has words.
const listRowOf = new StaticArray<u16>(MAX_NODES);
const listCells = new StaticArray<u16>(REC_INPUT_WORDS);

// The lists: the elements of one array, or one whole chain, in record order, which is array order and
// chain order. A node is in one list at most; members are the nodes that are, in record order.
let lists: i32 = 0;
const listCellOf = new StaticArray<u16>(MAX_NODES);
const starts = new StaticArray<u16>(MAX_NODES);
const lengths = new StaticArray<u16>(MAX_NODES);
const items = new StaticArray<u16>(MAX_NODES);
let members: i32 = 0;
const memberNode = new StaticArray<u16>(MAX_NODES);
const memberList = new StaticArray<u16>(MAX_NODES);

/** Nodes the index describes: later nodes belong to an earlier record. */
let indexed: i32 = 0;

// Stores through store<>() compile inline; an element assignment compiles to a call per store, which
// made the build five times slower.
@inline function put(a: StaticArray<u16>, i: i32, v: i32): void { store<u16>(changetype<usize>(a) + (<usize>i << 1), <u16>v); }

@inline function isArray(kind: u8): bool { return kind == <u8>registry.K_ARRAY || kind == <u8>registry.K_STRUCT_ARRAY; }

/** A new record: the cells the previous record wrote are cleared and its rows go out of date. */
function startRecord(): void {
  for (let l = 0; l < lists; l++) put(listCells, unchecked(listCellOf[l]), 0);
  for (let u = 0; u < cellsUsed; u++) {
    const at = <i32>unchecked(cellUsed[u]);
    put(firstOf, at, 0);
    put(countOf, at, 0);
  }
  cellsUsed = 0;
  lists = 0;
  members = 0;
  chainRows = 0;
  if (++record == i32.MAX_VALUE) { // once in two billion records: no stamp may look current
    memory.fill(changetype<usize>(stampOf), 0, <usize>MAX_NODES << 2);
    record = 1;
  }
}

/** Makes n's rows this record's, holding nothing yet. */
@inline function claim(n: i32): void {
  if (unchecked(stampOf[n]) == record) return;
  store<i32>(changetype<usize>(stampOf) + (<usize>n << 2), record);
  put(chainRowOf, n, 0);
  put(listRowOf, n, 0);
}

/** Reads the record in the input buffer. */
export function buildChainIndex(): void {
  startRecord();
  const count = min(nodeCount(), MAX_NODES);
  let listWords = 0;
  for (let i = 1; i < count; i++) { // node 0 is the parameter block
    const parent = nodeParent(i);
    // Parents come before their children: a later "parent" is no part of this record's tree.
    if (parent < 0 || parent >= i) continue;
    const parentEntry = nodeEntry(parent);
    const slots = unchecked(registry.SLOT_COUNT[parentEntry]);
    const slot = nodeParentSlot(i);
    let cell = slot;
    if (slot == VIA_PNEXT) {
      cell = slots;
      claim(parent);
      const column = unchecked(columnOf[nodeEntry(i)]);
      let row = <i32>unchecked(chainRowOf[parent]) - 1;
      if (column >= 0 && row < 0 && chainRows < CHAIN_ROWS) {
        row = chainRows++;
        put(chainRowOf, parent, row + 1);
      }
      if (column >= 0 && row >= 0) {
        const at = row * columns + column;
        const seen = <i32>unchecked(countOf[at]);
        if (seen == 0) {
          put(firstOf, at, i + 1);
          put(cellUsed, cellsUsed++, at);
        }
        put(countOf, at, seen + 1);
      }
    } else if (slot < 0 || slot >= slots || !isArray(unchecked(registry.SLOT_KIND[registry.SLOT_BASE[parentEntry] + slot]))) {
      continue;
    } else {
      claim(parent);
    }
    let row = <i32>unchecked(listRowOf[parent]) - 1;
    if (row < 0) {
      if (listWords + slots + 1 > REC_INPUT_WORDS) continue;
      row = listWords;
      listWords += slots + 1;
      put(listRowOf, parent, row + 1);
    }
    let l = <i32>unchecked(listCells[row + cell]) - 1;
    if (l < 0) {
      l = lists++;
      put(lengths, l, 0);
      put(listCells, row + cell, l + 1);
      put(listCellOf, l, row + cell);
    }
    put(lengths, l, <i32>unchecked(lengths[l]) + 1);
    put(memberNode, members, i);
    put(memberList, members, l);
    members++;
  }
  let at = 0;
  for (let l = 0; l < lists; l++) {
    put(starts, l, at);
    at += <i32>unchecked(lengths[l]);
    put(lengths, l, 0);
  }
  for (let m = 0; m < members; m++) {
    const l = <i32>unchecked(memberList[m]);
    const k = <i32>unchecked(lengths[l]);
    put(items, <i32>unchecked(starts[l]) + k, <i32>unchecked(memberNode[m]));
    put(lengths, l, k + 1);
  }
  indexed = count;
}

@inline function current(n: i32): bool { return n >= 0 && n < indexed && unchecked(stampOf[n]) == record; }

// The lookups are inlined down to the calls the rules make: a lookup costs a few loads, and a call
// around each step cost as much again (the implicit checks read whole chains with the list readers).
/** How many nodes list l holds (0 for -1, no list). */
@inline export function listLength(l: i32): i32 { return l < 0 ? 0 : <i32>unchecked(lengths[l]); }
/** The k-th node of list l (-1 if out of range). */
@inline export function listNode(l: i32, k: i32): i32 {
  if (l < 0 || k < 0 || k >= <i32>unchecked(lengths[l])) return -1;
  return <i32>unchecked(items[<i32>unchecked(starts[l]) + k]);
}

/** The list in the row of a current node n for `cell` (a member slot, or the slot count for the whole chain); -1: none. */
@inline function listAt(n: i32, cell: i32): i32 {
  const row = <i32>unchecked(listRowOf[n]) - 1;
  return row < 0 ? -1 : <i32>unchecked(listCells[row + cell]) - 1;
}

/** n's whole pNext chain, structures the model does not know included, as a list (-1: none). */
export function chainOf(n: i32): i32 {
  if (!current(n)) return -1;
  return listAt(n, unchecked(registry.SLOT_COUNT[nodeEntry(n)]));
}

/** Where n's row keeps the given structure; -1 when n has no row (see CHAIN_ROWS) or the structure no column. */
@inline function chainedCell(n: i32, entry: i32): i32 {
  if (!current(n) || entry < 0 || entry >= registry.ENTRY_COUNT) return -1;
  const row = <i32>unchecked(chainRowOf[n]) - 1;
  const column = unchecked(columnOf[entry]);
  return row < 0 || column < 0 ? -1 : row * columns + column;
}

/** The k-th node of the given structure in n's chain, read from the chain's list. */
function chainedInList(n: i32, entry: i32, k: i32): i32 {
  const chain = chainOf(n);
  for (let j = 0, seen = 0; j < listLength(chain); j++) {
    const c = listNode(chain, j);
    if (nodeEntry(c) == entry && seen++ == k) return c;
  }
  return -1;
}

/** First node of the given structure in n's pNext chain (-1 if none). */
export function chained(n: i32, entry: i32): i32 {
  const at = chainedCell(n, entry);
  return at >= 0 ? <i32>unchecked(firstOf[at]) - 1 : chainedInList(n, entry, 0);
}
/** How many nodes of the given structure n's pNext chain holds. */
export function chainedCount(n: i32, entry: i32): i32 {
  const at = chainedCell(n, entry);
  if (at >= 0) return <i32>unchecked(countOf[at]);
  let c = 0;
  while (chainedInList(n, entry, c) >= 0) c++;
  return c;
}
/** The k-th node of the given structure in n's pNext chain, in chain order (-1 if out of range). */
export function chainedAt(n: i32, entry: i32, k: i32): i32 {
  if (k == 0) return chained(n, entry);
  if (k < 0) return -1;
  const at = chainedCell(n, entry);
  if (at >= 0 && k >= <i32>unchecked(countOf[at])) return -1;
  return chainedInList(n, entry, k);
}

/** The k-th element node under an array slot (-1 if out of range). */
export function element(n: i32, slot: i32, k: i32): i32 {
  if (!current(n) || slot < 0 || slot >= unchecked(registry.SLOT_COUNT[nodeEntry(n)])) return -1;
  return listNode(listAt(n, slot), k);
}
