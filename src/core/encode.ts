// Writes one call (decoded JSON) into the core's input buffer as a record: a header, a node per
// structure (parameter block, nested structures, pNext entries, array elements) and 64-bit member
// slots, in the contract's layout (generated/contract.ts). Driven entirely by the generated tables.
import { ENTRIES, KIND, STRUCT_BY_STYPE, STRUCT_ALIASES, EXTENSIONS, type EntryInfo } from '../generated/registry.js';
import { InputError, show } from './errors.js';
import { Interner, ObjectIds } from './interner.js';
import { LIMITS } from './limits.js';
import type { CoreExports } from './wasm.js';
import { RECORD } from '../generated/contract.js';
import {
  ENTRY_TABLES, MEMBER_IDENTITY, MEMBER_PNEXT, chainEntry, chainOfSTypeName, entryByName, learnMember, memberCode, sTypeValues,
  type EntryTable, type SlotPlan,
} from './entry-tables.js';

const { headerWords: HEADER_WORDS, nodeWords: NODE_WORDS, header: H, node: N } = RECORD;
const { viaPNext: VIA_PNEXT, root: ROOT, noParent: NO_PARENT, noSType: NO_STYPE, childBias: CHILD_BIAS } = RECORD.markers;
/** Int32 offsets of a node's fields from the node's first half-word. */
const NODE_ENTRY = 2 * N.entry, NODE_PARENT = 2 * N.parent, NODE_PARENT_SLOT = 2 * N.parentSlot, NODE_STYPE = 2 * N.sType;
const NODE_PRESENT = 2 * N.present, NODE_NULLS = 2 * N.nulls, NODE_SLOT_OFFSET = 2 * N.slotOffset;
/** Per entry, how many slots its node has (one typed-array read per node). */
const SLOT_COUNT = Int32Array.from(ENTRY_TABLES, (t) => t.slotCount);
/** The first element node's entry: an array element is an entry of its own, '(element)'. */
const ELEMENT_ENTRY = ENTRIES.findIndex((e) => e.kind === 'element');
const TWO32 = 4294967296;
const TWO64 = 18446744073709551616;
const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

const NO_KEYS: string[] = [];

/**
 * What a specialised encoder (src/generated/encoders.ts) calls on the encoder. A strict one reads an
 * object's members by name in the order the registry declares them; when the object's keys are not in
 * that order (or one is unknown) it declines, before writing anything, and the general path encodes the
 * object, so both write the same nodes in the same order and report the same errors. A lenient one
 * (captures) reads the members the model uses by name, as the general lenient path does. Each fast writer
 * handles the ordinary values of its kind and hands anything else to the general per-member path.
 */
export interface FastWriter {
  /**
   * The record's memory (two int32 halves per word) and word 0's index in it: a specialised encoder
   * writes the ordinary values of its members straight into its node's slots (stable while a call is
   * encoded: only the core grows its memory).
   */
  readonly view: Int32Array;
  readonly base: number;
  /** How many structures the specialised encoders wrote. */
  fastNodes: number;
  keysInOrder(o: Record<string, unknown>, keys: readonly string[], depth: number): number;
  newNode(entry: number, parent: number, parentSlot: number, sType: number, index: number, clear: boolean): number;
  firstSlotOf(n: number): number;
  /** Sets the present bits of `mask` (members 0..30) in node n. */
  orPresent(n: number, mask: number): void;
  /** A handle's object id when it is written the ordinary way (a name, or a positive integer); 0 for anything else. */
  handleId(value: unknown): number;
  encodeChain(parent: number, value: unknown, depth: number): void;
  member(n: number, slot: number, word: number, entry: number, value: unknown, depth: number): void;
  fastNumber(n: number, slot: number, word: number, entry: number, value: unknown): void;
  fastEnum(n: number, slot: number, word: number, entry: number, value: unknown): void;
  fastHandle(n: number, slot: number, word: number, entry: number, value: unknown): void;
}
/** A specialised encoder of one entry: the node it made, or -1 when it declined (nothing written). */
export type FastEncoder = (x: FastWriter, o: Record<string, unknown>, parent: number, parentSlot: number, depth: number, sType: number, index: number, inChain: boolean) => number;
/** Per entry, its specialised encoder for strict reading (scenarios) and for lenient reading (captures). */
export interface GeneratedEncoders { readonly strict: readonly (FastEncoder | undefined)[]; readonly lenient: readonly (FastEncoder | undefined)[] }
type FastEncoders = GeneratedEncoders;

/**
 * The specialised encoders new encoders use. The Node entry installs the generated ones; the browser
 * bundle leaves them out (they would cost its first load more than they save an explorer's few calls).
 */
let installedFastEncoders: FastEncoders | undefined;
export function useFastEncoders(table: FastEncoders | undefined): void {
  installedFastEncoders = table;
}
const extensionBit = new Map(EXTENSIONS.map((x, i) => [x, i]));

/** Interned names shared by a whole run: object ids, HANDLE values, strings/processes, byte arrays. */
export class Names {
  objects = new ObjectIds();
  osHandles = new Interner();
  strings = new Interner();

  /** How an input wrote a HANDLE value the core holds as `v`. */
  osHandleName(v: number): string {
    return v === 0 ? 'NULL' : v === INVALID_HANDLE ? 'INVALID_HANDLE_VALUE' : this.osHandles.name(v);
  }

  /** Forgets every name (a new run): a validator reused for many inputs would otherwise keep them all. */
  clear(): void {
    this.objects = new ObjectIds();
    this.osHandles = new Interner();
    this.strings = new Interner();
  }
}

export class Encoder implements FastWriter {
  view!: Int32Array;
  base = 0; // int32 index of word 0
  private nodes = 0;
  private slotCursor = 0; // next free slot word
  private readonly slotStart = HEADER_WORDS + NODE_WORDS * LIMITS.nodesPerCall;
  private readonly capacity: number;
  // What member paths of findings and errors need of a node beyond its words in the record: its array
  // index, and its path once built (valid while labelStamp says it was built for this record).
  private readonly nodeIndex = new Int32Array(LIMITS.nodesPerCall);
  private readonly labels: string[] = [];
  private readonly labelStamp = new Int32Array(LIMITS.nodesPerCall);
  /** Numbers the records this encoder wrote, for labelStamp (starts at 1: a stamp of 0 is no label). */
  private stamp = 0;
  private strict = false;
  /**
   * The shortcuts: remembered key orders in strict reading (entry-tables.ts) and the one-compare sType
   * of nested structures. Off (tests compare), every member name and sType is looked up.
   */
  private readonly shortcuts: boolean;
  /** How many structures the specialised encoders wrote (the rest the general path wrote). */
  fastNodes = 0;
  /** Per entry, its specialised encoders (none when the shortcuts are off). */
  private readonly fast: FastEncoders | undefined;

  constructor(private core: CoreExports, public names: Names, options: { shortcuts?: boolean; fast?: FastEncoders } = {}) {
    this.capacity = RECORD.inputWords;
    this.shortcuts = options.shortcuts ?? true;
    this.fast = this.shortcuts ? options.fast ?? installedFastEncoders : undefined;
  }

  private refresh(): void {
    // When Wasm memory grows, the old buffer is detached and a view of it has length 0: cheaper to test
    // on every call than asking the memory object for its buffer.
    if (!this.view || this.view.length === 0) {
      this.view = new Int32Array(this.core.memory.buffer);
      this.base = this.core.inputAddress() >>> 2;
    }
  }

  private setWord(word: number, v: number): void {
    const i = this.base + word * 2;
    if (v >= 0 && v < TWO32) {
      this.view[i] = v | 0;
      this.view[i + 1] = 0;
    } else if (v < 0 && v >= -TWO32) {
      this.view[i] = v | 0;
      this.view[i + 1] = -1;
    } else if (v >= TWO64 - 4096) {
      this.view[i] = -1; // 2^64-1 arrives as 2^64 after JSON rounding: VK_WHOLE_SIZE and friends
      this.view[i + 1] = -1;
    } else {
      const hi = Math.floor(v / TWO32);
      this.view[i] = (v - hi * TWO32) | 0;
      this.view[i + 1] = hi | 0;
    }
  }

  /**
   * Encodes a call. `strict` refuses members the registry does not know (scenario files);
   * captures are read leniently.
   */
  encode(entry: number, args: Record<string, unknown>, result: number, call: number, process: number, strict: boolean): void {
    this.refresh();
    this.strict = strict;
    this.stamp++;
    this.nodes = 0;
    this.slotCursor = this.slotStart;
    // Entry, process and node count are small non-negative numbers: written as such.
    const v = this.view, h = this.base;
    v[h + 2 * H.entry] = entry; v[h + 2 * H.entry + 1] = 0;
    v[h + 2 * H.process] = process; v[h + 2 * H.process + 1] = 0;
    if (call >= 0 && call < 0x80000000) { v[h + 2 * H.call] = call; v[h + 2 * H.call + 1] = 0; } else this.setWord(H.call, call);
    if (result === 0) { v[h + 2 * H.result] = 0; v[h + 2 * H.result + 1] = 0; } else this.setWord(H.result, result);
    this.encodeStruct(entry, args, NO_PARENT, ROOT, 0, NO_STYPE, 0);
    this.view[h + 2 * H.nodeCount] = this.nodes; this.view[h + 2 * H.nodeCount + 1] = 0;
  }

  /** Sets the result word of the record encoded last: a session learns the result after the call ran. */
  setResult(result: number): void {
    this.refresh();
    this.setWord(H.result, result);
  }

  /** The entry of node n of the call last encoded; -1 past its last node. */
  entryOfNode(n: number): number {
    return n >= 0 && n < this.nodes ? this.nodeWord(n, N.entry) : -1;
  }

  /** The sType node n declares (NO_STYPE when none): both halves of its word. */
  private nodeSType(n: number): number {
    this.refresh();
    const i = this.base + (HEADER_WORDS + n * NODE_WORDS + N.sType) * 2;
    return this.view[i + 1] * TWO32 + (this.view[i] >>> 0);
  }

  /** A node field of the record last encoded, as the core reads it (the low half of its word). */
  private nodeWord(n: number, field: number): number {
    this.refresh(); // the core may have grown its memory since the record was written
    return this.view[this.base + (HEADER_WORDS + n * NODE_WORDS + field) * 2];
  }

  /**
   * A new node, its slots cleared unless `clear` is false: a specialised encoder writes every slot
   * itself, the member's value or 0 (public for the specialised encoders, as are the writers below).
   */
  newNode(entry: number, parent: number, parentSlot: number, sType: number, index: number, clear = true): number {
    const slots = SLOT_COUNT[entry];
    const n = this.nodes;
    if (n >= LIMITS.nodesPerCall || this.slotCursor + slots > this.capacity) this.refuseNode(parent, parentSlot);
    this.nodes = n + 1;
    // Node words (each two int32 halves, low first): entry, parent, parentSlot, declared sType, present
    // mask, null mask, slot offset.
    const v = this.view;
    const i = this.base + (HEADER_WORDS + n * NODE_WORDS) * 2;
    // The core reads entry, parent, parent slot and slot offset as 32-bit values (the low half of
    // their words, assembly/core/record.ts), so their high halves are not written.
    v[i + NODE_ENTRY] = entry;
    v[i + NODE_PARENT] = parent;
    v[i + NODE_PARENT_SLOT] = parentSlot;
    // 64 bits: any number an input declares (NO_STYPE, or a VkStructureType value, most often small).
    if (sType >= 0 && sType < 0x80000000) { v[i + NODE_STYPE] = sType; v[i + NODE_STYPE + 1] = 0; } else this.setWord(HEADER_WORDS + n * NODE_WORDS + N.sType, sType);
    v[i + NODE_PRESENT] = 0; v[i + NODE_PRESENT + 1] = 0;
    v[i + NODE_NULLS] = 0; v[i + NODE_NULLS + 1] = 0;
    const first = this.slotCursor;
    v[i + NODE_SLOT_OFFSET] = first;
    // The slots start out 0 (a member not given reads as 0); a loop beats fill() on a few words.
    if (clear) for (let w = this.base + first * 2, end = w + slots * 2; w < end; w++) v[w] = 0;
    this.slotCursor = first + slots;
    this.nodeIndex[n] = index;
    return n;
  }

  /** Throws for a node that would not fit: past the node limit or the input buffer. */
  private refuseNode(parent: number, parentSlot: number): never {
    if (this.nodes >= LIMITS.nodesPerCall) throw new InputError(`the call holds more than ${LIMITS.nodesPerCall} structures (limit nodesPerCall)`, { path: this.memberPath(parent, parentSlot) });
    throw new InputError(`the call is too large for the core's input buffer (${this.capacity} words)`, { path: this.memberPath(parent, parentSlot) });
  }

  /** The path of node n, e.g. `pAllocateInfo.pNext[VkImportMemoryFdInfoKHR]`. */
  label(n: number): string {
    if (n < 0 || n >= this.nodes) return '';
    const parent = this.nodeWord(n, N.parent);
    if (parent < 0) return '';
    if (this.labelStamp[n] === this.stamp) return this.labels[n];
    const base = this.label(parent);
    const parentSlot = this.nodeWord(n, N.parentSlot);
    let own: string;
    if (parentSlot === VIA_PNEXT) {
      const sType = this.nodeSType(n);
      own = `${base}.pNext[${STRUCT_BY_STYPE[sType] ?? `sType ${sType}`}]`;
    } else {
      const slot = ENTRIES[this.nodeWord(parent, N.entry)].slots[parentSlot];
      const isArray = slot.kind === KIND.STRUCT_ARRAY || slot.kind === KIND.ARRAY;
      own = join(base, slot.name) + (isArray ? `[${this.nodeIndex[n]}]` : '');
    }
    this.labels[n] = own;
    this.labelStamp[n] = this.stamp;
    return own;
  }

  /** The path of member `slot` (or of a member named `key`) of node n. */
  memberPath(n: number, slot: number, key?: string): string {
    if (n < 0) return key ?? '';
    const name = key ?? ENTRIES[this.nodeWord(n, N.entry)].slots[slot]?.name ?? 'pNext';
    return join(this.label(n), name);
  }

  private setMask(n: number, which: typeof N.present | typeof N.nulls, slot: number): void {
    const i = this.base + (HEADER_WORDS + n * NODE_WORDS + which) * 2 + (slot >= 32 ? 1 : 0);
    this.view[i] |= 1 << (slot & 31);
  }

  private encodeStruct(entry: number, obj: Record<string, unknown>, parent: number, parentSlot: number, depth: number, sType: number, index: number, inChain = false): number {
    if (this.fast !== undefined) {
      const encodeFast = this.strict ? this.fast.strict[entry] : this.fast.lenient[entry];
      if (encodeFast !== undefined) {
        const n = encodeFast(this, obj, parent, parentSlot, depth, sType, index, inChain);
        if (n >= 0) { this.fastNodes++; return n; }
      }
    }
    if (depth > LIMITS.structDepth) throw new InputError(`structures nest deeper than ${LIMITS.structDepth} levels (limit structDepth)`, { path: this.memberPath(parent, parentSlot) });
    const t = ENTRY_TABLES[entry];
    const first = this.slotCursor; // the node's first slot word
    const n = this.newNode(entry, parent, parentSlot, sType, index);
    if (!this.strict) {
      // Captures: read the members the model uses by name; anything else in the object is ignored.
      const live = t.live;
      for (let k = 0; k < live.length; k++) {
        const slot = live[k];
        const value = obj[t.slots[slot].name];
        if (value !== undefined) this.encodeMember(n, slot, first + slot, t, value, depth);
      }
      if (!inChain && obj.pNext !== undefined && obj.pNext !== null) {
        if (t.readsChain) this.encodeChain(n, obj.pNext, depth);
      }
      return n;
    }
    // Strict: every member the object has, in its own order; what each name is comes from the order
    // the last object of this structure had, or, for a name out of that order, from the slot table.
    const order = this.shortcuts ? t.keyOrder : NO_KEYS;
    let k = 0;
    for (const key in obj) {
      let code: number;
      if (k < order.length && order[k] === key) code = t.keyCodes[k];
      else {
        code = memberCode(t, key);
        if (this.shortcuts) learnMember(t, k, key, code);
      }
      k++;
      if (code >= 0) {
        this.encodeMember(n, code, first + code, t, obj[key], depth);
        continue;
      }
      if (code === MEMBER_IDENTITY) continue;
      if (code === MEMBER_PNEXT) {
        if (inChain) continue; // the chain walker in encodeChain owns the rest of the chain
        const value = obj[key];
        if (t.readsChain) this.encodeChain(n, value, depth);
        else if (value !== null && value !== undefined) throw new InputError(`${t.info.name} has no pNext member`, { path: this.memberPath(n, -1, 'pNext') });
        continue;
      }
      // An unmodelled structure ('other') takes any member.
      if (t.info.kind !== 'other') throw new InputError(`${t.info.name} has no member named ${show(key)}`, { path: this.memberPath(n, -1, key) });
    }
    return n;
  }

  encodeChain(parent: number, value: unknown, depth: number): void {
    let cur = value;
    let length = 0;
    let last = parent;
    while (cur !== null && cur !== undefined) {
      if (typeof cur !== 'object' || Array.isArray(cur)) throw new InputError(`pNext must be a structure object or null, not ${show(cur)}`, { path: this.memberPath(last, -1, 'pNext') });
      if (++length > LIMITS.pNextDepth) throw new InputError(`the pNext chain is longer than ${LIMITS.pNextDepth} structures (limit pNextDepth); a chain that loops back on itself looks like this too`, { path: this.memberPath(parent, -1, 'pNext') });
      const obj = cur as Record<string, unknown>;
      const written = obj.sType;
      const known = typeof written === 'string' ? chainOfSTypeName.get(written) : undefined;
      let sTypeValue: number;
      let entryOfSType: number;
      if (known !== undefined) {
        sTypeValue = known.sType;
        entryOfSType = known.entry;
      } else {
        const at = last; // the path is built only for the error
        sTypeValue = decodeSType(written, () => this.memberPath(at, -1, 'pNext.sType'));
        entryOfSType = chainEntry(sTypeValue);
      }
      // A scenario may name the C structure it means ("$struct"), so a wrong sType can be judged;
      // otherwise, as in a capture, the sType says which structure it is.
      const named = obj.$struct;
      const namedEntry = typeof named === 'string' ? entryByName.get(STRUCT_ALIASES[named] ?? named) : undefined;
      if (named !== undefined && namedEntry === undefined) {
        throw new InputError(`$struct ${show(named)} is not a structure the model knows`, { path: this.memberPath(last, -1, 'pNext.$struct') });
      }
      const entry = namedEntry ?? entryOfSType;
      last = this.encodeStruct(entry, entry === 0 ? EMPTY : obj, parent, VIA_PNEXT, depth + 1, sTypeValue, length - 1, true);
      cur = obj.pNext;
    }
  }

  /**
   * A mask of which of `keys` the object has (bit k: keys[k]), or -1 when one of its keys is not in
   * `keys` or comes out of their order, or the structure nests too deep: the general path then reads it.
   * sType and $struct say which structure it is and may stand anywhere.
   */
  keysInOrder(o: Record<string, unknown>, keys: readonly string[], depth: number): number {
    if (depth > LIMITS.structDepth) return -1;
    let seen = 0;
    let k = 0;
    for (const key in o) {
      if (key === 'sType' || key === '$struct') continue;
      while (k < keys.length && keys[k] !== key) k++;
      if (k === keys.length) return -1;
      seen |= 1 << k;
      k++;
    }
    return seen;
  }

  orPresent(n: number, mask: number): void {
    this.view[this.base + (HEADER_WORDS + n * NODE_WORDS) * 2 + NODE_PRESENT] |= mask;
  }

  handleId(value: unknown): number {
    if (typeof value === 'string') {
      if (value.length > 0 && value.length <= 128 && value !== 'VK_NULL_HANDLE' && value !== 'NULL') return this.names.objects.id(value);
    } else if (typeof value === 'number' && value > 0 && Number.isInteger(value)) return this.names.objects.id(value);
    return 0;
  }

  firstSlotOf(n: number): number {
    return this.view[this.base + (HEADER_WORDS + n * NODE_WORDS + N.slotOffset) * 2];
  }

  member(n: number, slot: number, word: number, entry: number, value: unknown, depth: number): void {
    this.encodeMember(n, slot, word, ENTRY_TABLES[entry], value, depth);
  }

  /** An integer in [0, 2^32) as itself (what toNumber and setWord make of it); anything else as the general path says. */
  fastNumber(n: number, slot: number, word: number, entry: number, value: unknown): void {
    if (typeof value === 'number' && value >>> 0 === value) {
      this.setMask(n, N.present, slot);
      const i = this.base + word * 2;
      this.view[i] = value | 0;
      this.view[i + 1] = 0;
      return;
    }
    this.encodeMember(n, slot, word, ENTRY_TABLES[entry], value, 0);
  }

  /** An enumerant or flag bit written by its name or as a number in [0, 2^32); anything else as the general path says. */
  fastEnum(n: number, slot: number, word: number, entry: number, value: unknown): void {
    if (typeof value !== 'string') return this.fastNumber(n, slot, word, entry, value);
    const x = ENTRY_TABLES[entry].slots[slot].enumValues?.get(value);
    if (x === undefined) return this.encodeMember(n, slot, word, ENTRY_TABLES[entry], value, 0);
    this.setMask(n, N.present, slot);
    this.setWord(word, x);
  }

  /** A handle by name or by a positive integer value; null handles and anything else as the general path says. */
  fastHandle(n: number, slot: number, word: number, entry: number, value: unknown): void {
    const id = this.handleId(value);
    if (id > 0) {
      this.setMask(n, N.present, slot);
      this.setWord(word, id);
      return;
    }
    this.encodeMember(n, slot, word, ENTRY_TABLES[entry], value, 0);
  }

  private encodeMember(n: number, slot: number, word: number, t: EntryTable, value: unknown, depth: number): void {
    const s = t.slots[slot];
    if (s.kind === KIND.SKIP) return;
    try {
      this.encodeValue(n, slot, word, s, value, depth);
    } catch (e) {
      // Value converters throw without a location; the member path is built only now, on the error path.
      if (e instanceof InputError && e.where.path === undefined) e.where.path = this.memberPath(n, slot) + (e.where.suffix ?? '');
      throw e;
    }
  }

  private encodeValue(n: number, slot: number, word: number, s: SlotPlan, value: unknown, depth: number): void {
    // JSON null is a NULL pointer; VK_NULL_HANDLE / NULL are null handle values (an output may hold one).
    if (value === null) {
      this.setMask(n, N.present, slot);
      this.setMask(n, N.nulls, slot);
      this.setWord(word, 0); // written, not left: a specialised encoder does not clear the slots first
      return;
    }
    if (value === 'VK_NULL_HANDLE' || value === 'NULL') {
      this.setMask(n, N.present, slot);
      this.setWord(word, 0);
      return;
    }
    this.setMask(n, N.present, slot);
    switch (s.kind) {
      case KIND.SCALAR:
      case KIND.FD:
        this.setWord(word, toNumber(value, '', s.type));
        return;
      case KIND.ENUM:
        this.setWord(word, enumValue(s.enumType, s.enumValues, value));
        return;
      case KIND.FLAGS:
        this.setWord(word, flagsValue(s.enumType, s.enumValues, value));
        return;
      case KIND.HANDLE:
        this.setWord(word, handleId(this.names.objects, value));
        return;
      case KIND.OSHANDLE:
        this.setWord(word, osHandleId(this.names.osHandles, value));
        return;
      case KIND.STRING:
        if (typeof value !== 'string') throw new InputError(`expected a string, got ${show(value)}`, {});
        // The first process is "main" and is 0 in the core, whether a step's `process` or an argument names it.
        this.setWord(word, s.type === 'PROCESS' && value === 'main' ? 0 : this.names.strings.id(value));
        return;
      case KIND.PTR:
        this.setWord(word, pointerValue(value));
        return;
      case KIND.BYTES:
        this.setWord(word, this.names.strings.id(bytesKey(value)));
        return;
      case KIND.EXTNAMES:
        this.setWord(word, extensionMask(value));
        return;
      case KIND.STRUCT: {
        if (typeof value !== 'object' || Array.isArray(value)) throw new InputError(`expected a ${s.type} structure object, got ${show(value)}`, {});
        const child = s.child;
        const obj = value as Record<string, unknown>;
        const c = this.encodeStruct(child, obj, n, slot, depth + 1, declaredSType(ENTRY_TABLES[child], obj, -1, this.shortcuts), 0);
        this.setWord(word, c + CHILD_BIAS);
        return;
      }
      case KIND.STRUCT_ARRAY: {
        const arr = asArray(value);
        const ct = ENTRY_TABLES[s.child];
        for (let i = 0; i < arr.length; i++) {
          const el = arr[i];
          if (typeof el !== 'object' || el === null || Array.isArray(el)) throw new InputError(`expected a ${s.type} structure object, got ${show(el)}`, { suffix: `[${i}]` });
          const obj = el as Record<string, unknown>;
          this.encodeStruct(s.child, obj, n, slot, depth + 1, declaredSType(ct, obj, i, this.shortcuts), i);
        }
        this.setWord(word, arr.length);
        return;
      }
      case KIND.ARRAY: {
        const arr = asArray(value);
        for (let i = 0; i < arr.length; i++) {
          const ew = this.slotCursor; // the element node's one slot
          const el = this.newNode(ELEMENT_ENTRY, n, slot, NO_STYPE, i);
          const v = arr[i];
          this.setMask(el, N.present, 0);
          const at = `[${i}]`;
          if (s.elemKind === KIND.HANDLE) this.setWord(ew, v === null || v === 'VK_NULL_HANDLE' ? 0 : handleId(this.names.objects, v, at));
          else this.setWord(ew, toNumber(v, at, s.elemType));
        }
        this.setWord(word, arr.length);
        return;
      }
    }
  }
}

/**
 * The sType a nested structure declares (NO_STYPE when it has none); `index` is its array index (-1: not
 * in an array), which an error names. Most objects write the structure's own sType by its usual name:
 * one compare, before the name lookup.
 */
function declaredSType(t: EntryTable, obj: Record<string, unknown>, index: number, shortcut: boolean): number {
  const written = obj.sType;
  if (written === undefined && !('sType' in obj)) return NO_STYPE;
  if (shortcut && written === t.sTypeName && t.sTypeName !== undefined) return t.info.sType;
  return decodeSType(written, index < 0 ? '.sType' : `[${index}].sType`);
}

/** A location for an error: a full path (thunk) or a suffix to the member being encoded. */
function at(where: string | (() => string)): { path?: string; suffix?: string } {
  return typeof where === 'function' ? { path: where() } : { suffix: where };
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function asArray(value: unknown, suffix = ''): unknown[] {
  if (!Array.isArray(value)) throw new InputError(`expected an array, got ${show(value)}`, { suffix });
  if (value.length > LIMITS.nodesPerCall) throw new InputError(`the array holds ${value.length} elements; at most ${LIMITS.nodesPerCall} fit in one call (limit nodesPerCall)`, { suffix });
  return value;
}

export function decodeSType(v: unknown, where: string | (() => string) = ''): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string') {
    const x = sTypeValues.get(v);
    if (x !== undefined) return x;
    throw new InputError(`${show(v)} is not a VkStructureType value`, at(where));
  }
  throw new InputError(`sType must be a VkStructureType name or number, not ${show(v)}`, at(where));
}

function toNumber(v: unknown, suffix = '', type: string): number {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || !Number.isInteger(v)) throw new InputError(`${show(v)} is not an integer (${type})`, { suffix });
    if (v < -9223372036854775808 || v > TWO64) throw new InputError(`${show(v)} does not fit in 64 bits (${type})`, { suffix });
    return v;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === 'VK_TRUE') return 1;
  if (v === 'VK_FALSE') return 0;
  if (typeof v === 'string' && /^0x[0-9a-f]{1,16}$/i.test(v)) return Number(BigInt(v));
  if (typeof v === 'string' && /^-?\d{1,20}$/.test(v)) {
    const n = Number(v);
    if (n < -9223372036854775808 || n > TWO64) throw new InputError(`${show(v)} does not fit in 64 bits (${type})`, { suffix });
    return n;
  }
  throw new InputError(`expected a number (${type}), got ${show(v)}`, { suffix });
}

function enumValue(enumType: string | undefined, values: Map<string, number> | undefined, v: unknown, suffix = ''): number {
  if (typeof v === 'number') return toNumber(v, suffix, enumType ?? 'enum');
  if (typeof v === 'string' && enumType) {
    if (v.startsWith('Unhandled ')) return 0; // how gfxrecon-convert writes a FlagBits member equal to 0
    const x = values?.get(v);
    if (x !== undefined) return x;
    throw new InputError(`${show(v)} is not a ${enumType} value`, { suffix });
  }
  throw new InputError(`expected a ${enumType ?? 'enum'} name or number, got ${show(v)}`, { suffix });
}

function flagsValue(enumType: string | undefined, values: Map<string, number> | undefined, v: unknown, suffix = ''): number {
  if (typeof v === 'number') return toNumber(v, suffix, enumType ?? 'flags');
  const names = typeof v === 'string' ? v.split('|').map((x) => x.trim()).filter(Boolean) : Array.isArray(v) ? v : undefined;
  if (!names) throw new InputError(`expected a flags number, a "A|B" string or an array of names, got ${show(v)}`, { suffix });
  let mask = 0;
  for (const name of names) {
    // Checked like any number first: BigInt() throws a RangeError on a fraction such as 1e-7.
    if (typeof name === 'number') { mask = Number(BigInt(mask) | BigInt(toNumber(name, suffix, enumType ?? 'flags'))); continue; }
    if (typeof name !== 'string') throw new InputError(`expected a flag name, got ${show(name)}`, { suffix });
    if (name.startsWith('Unhandled ') || name === '0') continue;
    const x = enumType ? values?.get(name) : undefined;
    if (x === undefined) throw new InputError(`${show(name)} is not a ${enumType ?? 'flag'} bit`, { suffix });
    mask = Number(BigInt(mask) | BigInt(x));
  }
  return mask;
}

function handleId(objects: ObjectIds, v: unknown, suffix = ''): number {
  if (v === 0) return 0;
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return objects.id(v);
  if (typeof v === 'string' && v.length > 0 && v.length <= 128) return objects.id(v);
  throw new InputError(`expected a handle (number or name), got ${show(v)}`, { suffix });
}

/** The core's value for INVALID_HANDLE_VALUE ((HANDLE)-1): never a handle. */
export const INVALID_HANDLE = RECORD.markers.invalidHandle;

function osHandleId(handles: Interner, v: unknown, suffix = ''): number {
  if (v === 0 || v === '0x0' || v === '0') return 0;
  if (isInvalidHandleValue(v)) return INVALID_HANDLE;
  if (typeof v === 'number' && Number.isInteger(v)) return handles.id(osHandleKey(v));
  if (typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v)) return handles.id(osHandleKey(v));
  if (typeof v === 'string' && v.length > 0 && v.length <= 128) return handles.id(v);
  throw new InputError(`expected a HANDLE value (number, "0x…" or a name), got ${show(v)}`, { suffix });
}

/**
 * The name the core keeps a HANDLE value under (Names.osHandles): a number or "0x…" as lower-case hex
 * without leading zeros, any other name as written. The session's bindings key handles the same way.
 */
export function osHandleKey(v: number | string): string {
  if (typeof v === 'number') return '0x' + v.toString(16);
  return /^0x[0-9a-f]+$/i.test(v) ? '0x' + BigInt(v).toString(16) : v;
}

/**
 * INVALID_HANDLE_VALUE as an input may write it: by name, as -1 (any negative value: Windows hands out
 * no negative handle values but pseudo-handles), or as the 64-bit or 32-bit pattern of -1.
 */
function isInvalidHandleValue(v: unknown): boolean {
  if (v === 'INVALID_HANDLE_VALUE') return true;
  if (typeof v === 'number') return v < 0 || v === 0xffffffff || v >= 2 ** 63;
  if (typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v)) { const b = BigInt(v); return b === 0xffffffffn || b >= 2n ** 63n; }
  if (typeof v === 'string' && /^-\d+$/.test(v)) return true;
  return false;
}

function pointerValue(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^0x[0-9a-f]{1,16}$/i.test(v)) return Number(BigInt(v));
  return RECORD.markers.notPointer; // not a pointer value: the core reports it
}

function bytesKey(v: unknown, suffix = ''): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v.join('-');
  throw new InputError(`expected a byte array ("1-2-3" or [1,2,3]), got ${show(v)}`, { suffix });
}

function extensionMask(v: unknown, suffix = ''): number {
  const list = asArray(v, suffix);
  let mask = 0n;
  for (const x of list) {
    if (typeof x !== 'string') throw new InputError(`expected an extension name, got ${show(x)}`, { suffix });
    const bit = extensionBit.get(x);
    if (bit !== undefined) mask |= 1n << BigInt(bit);
  }
  return Number(mask);
}

export { entryByName, type EntryInfo };
