// What happened to handles and payloads in calls that ran as recorded (a gfxreconstruct capture): no
// backend runs them, so nothing reports events; they are read from each call and the outputs written
// in it instead, in the shape a session gives a backend's events (LifecycleEvent, then TimelineEvent),
// so a capture's timeline shows the same marks and bars as a scenario's.
//
// What is followed: memory allocated (a payload born) or imported (an fd, NT or KMT handle, a host
// pointer), handles exported from memory (vkGetMemoryFdKHR, vkGetMemoryWin32HandleKHR/NV) and memory
// freed. A payload lives while a memory object, an fd or an NT handle refers to it (KMT handles hold
// no reference), as in the mock (backends/mock/payloads.ts). An fd import that succeeds hands the fd to
// the driver (VkImportMemoryFdInfoKHR: ownership moves to the implementation). A failed call changes
// nothing. A capture has no CloseHandle or close() records, so a handle it exports stays open to the end.
import type { CallRecord } from '../input/record.js';
import type { LifecycleEvent, ProcessId } from '../backends/types.js';
import { callSucceeded, vkResultCode } from '../core/success.js';
import { ENUMS } from '../generated/registry.js';
import { HANDLE_TYPE_ROWS, FD_TYPES, NT_TYPES, KMT_TYPES, NV_NT_TYPES, NV_KMT_TYPES, type SourceKind } from '../generated/handle-types.js';
import { chainOf, obj, sTypeName, type Json } from './values.js';
import { describeEvent, type EventNames, type TimelineEvent } from './session.js';

type Origin = Extract<LifecycleEvent, { kind: 'payload-born' }>['origin'];
type HandleKind = 'fd' | 'nt' | 'kmt';

const HT = ENUMS.VkExternalMemoryHandleTypeFlagBits.values;
const HT_NV = ENUMS.VkExternalMemoryHandleTypeFlagBitsNV.values;
/** Where a payload first seen at an import was made, by the catalogue's source kind of its handle type. */
const ORIGIN_OF_SOURCE: Record<SourceKind, Origin> = { vulkan: 'vulkan', 'd3d11-texture': 'd3d11', 'd3d12-heap': 'd3d12-heap', 'd3d12-resource': 'd3d12-resource', 'dma-buf': 'dma-buf', 'host-pointer': 'host' };
/** The catalogue's row of a handle type (NV types go by their family's own bits). */
const rowOf = (type: number, nv: boolean) => HANDLE_TYPE_ROWS.find((r) => r.bit === type && r.nv === nv);
/** Where a payload that arrives as `type` was made ('vulkan' when the catalogue names no other source; an NV type goes by its KHR counterpart). */
function originOf(type: number, nv = false): Origin {
  const row = rowOf(type, nv);
  const source = row?.source || (row?.counterpart ? HANDLE_TYPE_ROWS.find((r) => r.name === row.counterpart)?.source : '');
  return source ? ORIGIN_OF_SOURCE[source] : 'vulkan';
}

/** A number as written: an integer or a "0x…" / decimal string; undefined otherwise. */
function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?(0x[0-9a-f]+|\d+)$/i.test(v.trim())) return v.trim().startsWith('-') ? -Number(v.trim().slice(1)) : Number(v.trim());
  return undefined;
}
/** Ids given to handles and objects written as names (a scenario's "memA", "fd0"), far from real values. */
const NAMED_BASE = 0x40000000_00;
/** A handle type as written: a number or an enumerant name (0 when neither). */
function handleType(v: unknown, nv = false): number {
  if (typeof v === 'number') return v;
  const table: Record<string, number> = nv ? HT_NV : HT;
  return typeof v === 'string' ? table[v.trim()] ?? numberOf(v) ?? 0 : 0;
}
/** What kind of handle an export or import of `type` is (undefined: not an fd, NT or KMT handle), by the catalogue's masks. */
function kindOf(type: number): HandleKind | undefined {
  return type & FD_TYPES ? 'fd' : type & NT_TYPES ? 'nt' : type & KMT_TYPES ? 'kmt' : undefined;
}
function kindOfNV(type: number): HandleKind | undefined {
  return type & NV_NT_TYPES ? 'nt' : type & NV_KMT_TYPES ? 'kmt' : undefined;
}

/** One call's events: the backend-shaped ones and their text, as a session step carries them (`raw`, `events`). */
export interface RecordedStepEvents { raw: LifecycleEvent[]; events: TimelineEvent[] }

export class RecordedEvents {
  private processes = new Map<string, ProcessId>([['main', 0]]);
  /** Payload id -> references held (memory objects, fds, NT handles, a host allocation). */
  private refs = new Map<number, number>();
  /** Payloads first seen at an import: made before the capture began, or by another process. */
  private outside = new Set<number>();
  private memory = new Map<number, number>();
  /** fds and NT handles per process (`process:value`); KMT handles are global. */
  private fds = new Map<string, number>();
  private nt = new Map<string, number>();
  private kmt = new Map<number, number>();
  /** Host allocations imported, by pointer: the application's allocation keeps the payload alive. */
  private host = new Map<string, number>();
  private next = 1;
  /** Names written for handles and objects, by the id they were given (values written as numbers name themselves). */
  private named = new Map<string, number>();
  private names = new Map<number, string>();
  /** Events name what they speak of as the input wrote it: a capture's values, a scenario's names. */
  private readonly eventNames: EventNames = {
    fdName: (_p, fd) => this.names.get(fd) ?? String(fd),
    handleName: (_p, h) => this.names.get(h) ?? `0x${h.toString(16)}`,
    objectName: (v) => this.names.get(v) ?? `memory ${v}`,
  };

  /**
   * The events of one call as recorded. `code` is its numeric result when the caller has it; else it is
   * read from the record. A call that gives no result counts as a success, as everywhere else; one whose
   * result cannot be read made nothing the picture can trust.
   */
  take(rec: CallRecord, code: number | undefined = vkResultCode(rec.result)): RecordedStepEvents {
    const raw: LifecycleEvent[] = [];
    const unreadable = code === undefined && rec.result !== undefined && rec.result !== null;
    if (rec.kind === 'vk' && !unreadable && callSucceeded(rec.name, code)) this.vulkan(rec, raw);
    const events = raw.map((e) => {
      const t = describeEvent(e, this.eventNames, (p) => this.processName(p));
      if (e.kind === 'payload-born' && this.outside.has(e.payload)) t.text = `payload P${e.payload} first seen (${e.size} bytes, ${e.origin}; made before the capture or by another process)`;
      return t;
    });
    return { raw, events };
  }

  /**
   * A handle or object as written, as a number: its value, or an id for a name. Undefined for none
   * (null, 0, VK_NULL_HANDLE, an empty string).
   */
  private value(v: unknown): number | undefined {
    if (v === null || v === undefined) return undefined;
    const n = numberOf(v);
    if (n !== undefined) return n === 0 ? undefined : n;
    if (typeof v !== 'string' || v.trim() === '' || v === 'VK_NULL_HANDLE' || v === 'NULL') return undefined;
    let id = this.named.get(v);
    if (id === undefined) {
      id = NAMED_BASE + this.named.size;
      this.named.set(v, id);
      this.names.set(id, v);
    }
    return id;
  }

  private processOf(name: string | undefined): ProcessId {
    const n = name || 'main';
    let p = this.processes.get(n);
    if (p === undefined) { p = this.processes.size; this.processes.set(n, p); }
    return p;
  }
  private processName(p: ProcessId): string {
    for (const [n, id] of this.processes) if (id === p) return n;
    return `process ${p}`;
  }

  private born(raw: LifecycleEvent[], size: number, origin: Origin, outside = false): number {
    const id = this.next++;
    this.refs.set(id, 0);
    if (outside) this.outside.add(id);
    raw.push({ kind: 'payload-born', payload: id, size, origin });
    return id;
  }
  private addRef(payload: number): void {
    this.refs.set(payload, (this.refs.get(payload) ?? 0) + 1);
  }
  private release(payload: number, raw: LifecycleEvent[]): void {
    const n = (this.refs.get(payload) ?? 0) - 1;
    if (n > 0) { this.refs.set(payload, n); return; }
    this.refs.delete(payload);
    raw.push({ kind: 'payload-freed', payload });
  }

  private vulkan(rec: CallRecord, raw: LifecycleEvent[]): void {
    const a = rec.args;
    const process = this.processOf(rec.process);
    switch (rec.name) {
      case 'vkAllocateMemory': {
        const mem = this.value(a.pMemory);
        if (!mem) return;
        this.allocate(process, mem, obj(a.pAllocateInfo), raw);
        return;
      }
      case 'vkFreeMemory': {
        const mem = this.value(a.memory);
        const payload = mem ? this.memory.get(mem) : undefined;
        if (mem === undefined || payload === undefined) return;
        this.memory.delete(mem);
        this.release(payload, raw);
        return;
      }
      case 'vkGetMemoryFdKHR': {
        const info = obj(a.pGetFdInfo);
        this.exported(process, info.memory, this.value(a.pFd), kindOf(handleType(info.handleType)) === 'fd' ? 'fd' : undefined, raw);
        return;
      }
      case 'vkGetMemoryWin32HandleKHR': {
        const info = obj(a.pGetWin32HandleInfo);
        const kind = kindOf(handleType(info.handleType));
        this.exported(process, info.memory, this.value(a.pHandle), kind === 'fd' ? undefined : kind, raw);
        return;
      }
      case 'vkGetMemoryWin32HandleNV':
        this.exported(process, a.memory, this.value(a.pHandle), kindOfNV(handleType(a.handleType, true)), raw);
        return;
    }
  }

  /** A handle made from memory: it refers to the memory's payload (an fd or NT handle holds a reference). */
  private exported(process: ProcessId, memory: unknown, handle: number | undefined, kind: HandleKind | undefined, raw: LifecycleEvent[]): void {
    const mem = this.value(memory);
    // An fd below 0 is the error value a call leaves when it made nothing; 0 is no handle.
    if (!kind || !handle || handle < 0 || mem === undefined) return;
    let payload = this.memory.get(mem);
    if (payload === undefined) {
      // Memory the capture did not see allocated (it began later): its payload is first seen here.
      payload = this.born(raw, 0, 'vulkan', true);
      this.addRef(payload);
      this.memory.set(mem, payload);
    }
    if (kind === 'fd') { this.addRef(payload); this.fds.set(`${process}:${handle}`, payload); }
    else if (kind === 'nt') { this.addRef(payload); this.nt.set(`${process}:${handle}`, payload); }
    else this.kmt.set(handle, payload);
    raw.push({ kind: 'handle-created', process, handle, handleKind: kind, payload });
  }

  /** vkAllocateMemory: a new payload, or the one an import structure in the chain refers to. */
  private allocate(process: ProcessId, mem: number, info: Json, raw: LifecycleEvent[]): void {
    const size = numberOf(info.allocationSize) ?? 0;
    for (const s of chainOf(info)) {
      const sType = sTypeName(s.sType);
      if (sType === 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR') {
        const type = handleType(s.handleType);
        const fd = this.value(s.fd);
        if (!type || fd === undefined || fd < 0) continue;
        const key = `${process}:${fd}`;
        let payload = this.fds.get(key);
        // The fd goes to the driver: its reference moves to the new memory object.
        if (payload !== undefined) this.fds.delete(key);
        else { payload = this.born(raw, size, originOf(type), true); this.addRef(payload); }
        this.memory.set(mem, payload);
        raw.push({ kind: 'handle-imported', process, handle: fd, handleKind: 'fd', payload, memory: mem, ownershipMoved: true });
        return;
      }
      if (sType === 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_KHR' || sType === 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_NV') {
        const nv = sType.endsWith('_NV');
        const type = handleType(s.handleType, nv);
        const kind = nv ? kindOfNV(type) : kindOf(type);
        const handle = this.value(s.handle);
        // A null handle with a name opens a named object the capture cannot follow: memory of its own.
        if (!kind || kind === 'fd' || !handle) continue;
        let payload = kind === 'kmt' ? this.kmt.get(handle) : this.nt.get(`${process}:${handle}`);
        if (payload === undefined) payload = this.born(raw, size, originOf(type, nv), true);
        this.addRef(payload);
        this.memory.set(mem, payload);
        raw.push({ kind: 'handle-imported', process, handle, handleKind: kind, payload, memory: mem, ownershipMoved: false });
        return;
      }
      if (sType === 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_HOST_POINTER_INFO_EXT') {
        const pointer = String(s.pHostPointer);
        if (!handleType(s.handleType)) continue;
        const key = `${process}:${pointer}`;
        let payload = this.host.get(key);
        if (payload === undefined) {
          // The host allocation is the application's: it holds the memory past vkFreeMemory.
          payload = this.born(raw, size, 'host');
          this.addRef(payload);
          this.host.set(key, payload);
        }
        this.addRef(payload);
        this.memory.set(mem, payload);
        return;
      }
    }
    const payload = this.born(raw, size, 'vulkan');
    this.addRef(payload);
    this.memory.set(mem, payload);
  }
}
