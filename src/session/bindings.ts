// The names a scenario uses and the values a backend chose. A scenario writes "memA" or "0x1a4"; the
// mock or the driver picks its own handles. The core keeps judging by the scenario's names, the
// backend gets its own values, and timelines can show both.
import type { ProcessId } from '../backends/types.js';
import { osHandleKey } from '../core/encode.js';

export class Bindings {
  private objects = new Map<string, number>();
  private objectNames = new Map<number, string>();
  /** NT handles and fds per process; KMT handles are global. */
  private handles = new Map<ProcessId, Map<string, number>>();
  private handleNames = new Map<ProcessId, Map<number, string>>();
  private kmt = new Map<string, number>();
  private kmtNames = new Map<number, string>();
  private fds = new Map<ProcessId, Map<string, number>>();
  private fdNames = new Map<ProcessId, Map<number, string>>();
  private unknown = 0;

  /** How many names are bound now (objects, NT and KMT handles, fds), for the handlesPerScenario limit. */
  get size(): number {
    let n = this.objects.size + this.kmt.size;
    for (const t of this.handles.values()) n += t.size;
    for (const t of this.fds.values()) n += t.size;
    return n;
  }

  bindObject(name: unknown, value: number): void {
    if (!value) return;
    const k = key(name);
    this.objects.set(k, value);
    this.objectNames.set(value, k);
  }
  /** The backend's object for a name; names never bound get a value no backend uses (it then fails cleanly). */
  object(name: unknown): number {
    const k = key(name);
    if (k === '' || k === '0' || k === 'VK_NULL_HANDLE') return 0;
    return this.objects.get(k) ?? this.stranger(k);
  }
  objectName(value: number): string {
    return this.objectNames.get(value) ?? `#${value}`;
  }

  bindHandle(process: ProcessId, name: unknown, value: number, global: boolean): void {
    const k = handleKey(name);
    if (global) { this.kmt.set(k, value); this.kmtNames.set(value, k); return; }
    table(this.handles, process).set(k, value);
    table(this.handleNames, process).set(value, k);
  }
  /**
   * A HANDLE argument: the process's own table, then the global share handles, then another process's
   * value for that name (what an app that passes a foreign handle value really passes).
   */
  handle(process: ProcessId, name: unknown): number {
    const k = handleKey(name);
    if (k === '' || k === '0' || k === '0x0' || k === 'NULL') return 0;
    return this.handles.get(process)?.get(k) ?? this.kmt.get(k) ?? elsewhere(this.handles, k) ?? this.stranger(k);
  }
  handleName(process: ProcessId, value: number): string {
    return this.handleNames.get(process)?.get(value) ?? this.kmtNames.get(value) ?? `0x${value.toString(16)}`;
  }

  bindFd(process: ProcessId, name: unknown, fd: number): void {
    const k = key(name);
    table(this.fds, process).set(k, fd);
    table(this.fdNames, process).set(fd, k);
  }
  fd(process: ProcessId, name: unknown): number {
    const k = key(name);
    const own = this.fds.get(process)?.get(k) ?? elsewhere(this.fds, k);
    if (own !== undefined) return own;
    const n = Number(k);
    return Number.isInteger(n) && n < 0 ? n : 0x100000 + ++this.unknown; // negative fds stay invalid as written
  }
  fdName(process: ProcessId, fd: number): string {
    return this.fdNames.get(process)?.get(fd) ?? String(fd);
  }

  /**
   * A host pointer a scenario writes as a number. A backend can only import memory it really has, so
   * each 4 MiB region of the scenario's address space becomes one host allocation of the backend, and a
   * pointer keeps its offset in the region: alignment (or misalignment) survives the move.
   */
  hostPointer(process: ProcessId, value: number, alloc: (size: number, alignment: number) => number): number {
    if (!Number.isFinite(value) || value <= 0) return value;
    const REGION = 4 << 20;
    const offset = value % REGION;
    const key = `${process}:${value - offset}`;
    let base = this.hostRegions.get(key);
    if (base === undefined) {
      base = alloc(REGION, 1 << 16);
      this.hostRegions.set(key, base);
    }
    return base ? base + offset : value;
  }
  private hostRegions = new Map<string, number>();

  /** Values for names nobody bound: distinct, deterministic, far from anything a backend hands out. */
  private stranger(k: string): number {
    const v = 0x7ff00000 + ++this.unknown * 4;
    this.objects.set(k, v);
    return v;
  }
}

function key(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}
/**
 * A HANDLE name as the core keeps it ("0x1A4" and 420 are both "0x1a4"), so a value bound from one
 * spelling is found from the core's description, which gives another.
 */
function handleKey(v: unknown): string {
  return (typeof v === 'number' && Number.isInteger(v) && v > 0) || (typeof v === 'string' && v !== '') ? osHandleKey(v) : key(v);
}
function elsewhere(m: Map<ProcessId, Map<string, number>>, k: string): number | undefined {
  for (const t of m.values()) { const v = t.get(k); if (v !== undefined) return v; }
  return undefined;
}
function table<K, V>(m: Map<ProcessId, Map<K, V>>, p: ProcessId): Map<K, V> {
  let t = m.get(p);
  if (!t) { t = new Map(); m.set(p, t); }
  return t;
}
