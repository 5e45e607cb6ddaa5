// Processes and what each one holds: an NT handle table, an fd table and its host allocations. The
// handle operations here (open, close, duplicate into another process; fd dup and close) are the ones
// several facades share; they keep the reference counts of kernel objects and payloads right and report
// each change as a lifecycle event.
import { DUPLICATE_CLOSE_SOURCE, DUPLICATE_SAME_ACCESS } from './constants.js';
import type { Events } from './events.js';
import { FdTable } from './fds.js';
import { NtTable } from './handles.js';
import { HostAllocations } from './host.js';
import type { KernelObjects } from './kernel.js';
import type { Payloads } from './payloads.js';

export interface ProcessRecord {
  readonly id: number;
  readonly name: string;
  alive: boolean;
  nt: NtTable;
  fds: FdTable;
  host: HostAllocations;
}

export interface Limits {
  /** Open NT handles per process (Windows allows about 16 million). */
  ntHandlesPerProcess: number;
  /** Open fds per process (RLIMIT_NOFILE). */
  fdsPerProcess: number;
}

export class Processes {
  readonly list: ProcessRecord[] = [];

  constructor(
    private readonly kobjs: KernelObjects,
    private readonly payloads: Payloads,
    private readonly events: Events,
    private readonly limits: Limits,
  ) {}

  create(name: string): number {
    const id = this.list.length;
    this.list.push({ id, name, alive: true, nt: new NtTable(this.limits.ntHandlesPerProcess), fds: new FdTable(this.limits.fdsPerProcess), host: new HostAllocations() });
    return id;
  }

  /** A live process by id; undefined for an unknown, exited or nonsensical id. */
  get(id: unknown): ProcessRecord | undefined {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= this.list.length) return undefined;
    const p = this.list[id];
    return p.alive ? p : undefined;
  }

  // ---- NT handles

  /** Opens a handle to kernel object `k` in `proc` (the caller checked the table is not full). */
  ntOpen(proc: ProcessRecord, k: number, access: number, type: number, inherit: boolean): number {
    this.kobjs.addRef(k);
    const h = proc.nt.insert(k, access, type, inherit);
    if (this.events.on) this.events.emit({ kind: 'handle-created', process: proc.id, handle: h, handleKind: 'nt', payload: this.payloads.id[this.kobjs.payload[k]] });
    return h;
  }

  /** CloseHandle: true when `value` was an open handle of the process. */
  ntClose(procId: unknown, value: unknown): boolean {
    const proc = this.get(procId);
    if (proc === undefined) return false;
    const i = proc.nt.find(value);
    if (i < 0) return false;
    this.ntCloseEntry(proc, i);
    return true;
  }

  private ntCloseEntry(proc: ProcessRecord, i: number): void {
    const k = proc.nt.remove(i);
    // The event goes first: once the object is released its payload may be freed, and a timeline reads
    // better as "handle closed, then payload freed".
    if (this.events.on) this.events.emit({ kind: 'handle-closed', process: proc.id, handle: NtTable.valueOf(i), handleKind: 'nt' });
    this.kobjs.release(k);
  }

  /** DuplicateHandle from `src` into `dst`. With DUPLICATE_CLOSE_SOURCE the source closes even when the copy fails, as Windows does. */
  ntDuplicate(srcId: unknown, value: unknown, dstId: unknown, access: number, inherit: boolean, options: number): { ok: number; handle: number } {
    const src = this.get(srcId);
    if (src === undefined) return { ok: 0, handle: 0 };
    const i = src.nt.find(value);
    if (i < 0) return { ok: 0, handle: 0 };
    const k = src.nt.obj[i] - 1;
    const dst = this.get(dstId);
    let handle = 0;
    if (dst !== undefined && !dst.nt.full()) {
      const acc = (options & DUPLICATE_SAME_ACCESS) !== 0 ? src.nt.access[i] : access;
      this.kobjs.addRef(k);
      handle = dst.nt.insert(k, acc, src.nt.type[i], inherit);
      if (this.events.on) this.events.emit({ kind: 'handle-duplicated', process: dst.id, handle, fromProcess: src.id, from: value as number, payload: this.payloads.id[this.kobjs.payload[k]] });
    }
    if ((options & DUPLICATE_CLOSE_SOURCE) !== 0) this.ntCloseEntry(src, i);
    return { ok: handle !== 0 ? 1 : 0, handle };
  }

  // ---- fds

  /** A new fd for payload `p` in `proc`, taking a payload reference; -1 when the table is full. */
  fdOpen(proc: ProcessRecord, p: number, type: number): number {
    if (proc.fds.full()) return -1;
    this.payloads.addRef(p);
    const fd = proc.fds.insert(p, type);
    if (this.events.on) this.events.emit({ kind: 'handle-created', process: proc.id, handle: fd, handleKind: 'fd', payload: this.payloads.id[p] });
    return fd;
  }

  /** POSIX close: 0, or -1 (EBADF) for an fd that is not open. */
  fdClose(procId: unknown, fd: unknown): number {
    const proc = this.get(procId);
    if (proc === undefined) return -1;
    const f = proc.fds.find(fd);
    if (f < 0) return -1;
    this.fdCloseEntry(proc, f);
    return 0;
  }

  private fdCloseEntry(proc: ProcessRecord, fd: number): void {
    const p = proc.fds.remove(fd);
    if (this.events.on) this.events.emit({ kind: 'handle-closed', process: proc.id, handle: fd, handleKind: 'fd' });
    this.payloads.release(p);
  }

  /** POSIX dup: the new fd, or -1. */
  fdDup(procId: unknown, fd: unknown): number {
    const proc = this.get(procId);
    if (proc === undefined) return -1;
    const f = proc.fds.find(fd);
    if (f < 0 || proc.fds.full()) return -1;
    const p = proc.fds.payload[f] - 1;
    this.payloads.addRef(p);
    const nfd = proc.fds.insert(p, proc.fds.type[f]);
    if (this.events.on) this.events.emit({ kind: 'handle-duplicated', process: proc.id, handle: nfd, fromProcess: proc.id, from: f, payload: this.payloads.id[p] });
    return nfd;
  }

  /** A successful import took the fd: it leaves the table, and its payload reference with it. */
  fdConsume(proc: ProcessRecord, fd: number): void {
    const p = proc.fds.remove(fd);
    this.payloads.release(p);
  }

  // ---- exit

  /**
   * Closes everything the process holds (NT handles, fds, host allocations) and marks it exited.
   * Returns the number of handles and fds closed.
   */
  closeAll(proc: ProcessRecord): number {
    let closed = 0;
    const nt = proc.nt;
    for (let i = 0; i < nt.top; i++) {
      if (nt.obj[i] !== 0) {
        this.ntCloseEntry(proc, i);
        closed++;
      }
    }
    const fds = proc.fds;
    for (let fd = 0; fd < fds.top; fd++) {
      if (fds.payload[fd] !== 0) {
        this.fdCloseEntry(proc, fd);
        closed++;
      }
    }
    for (const h of proc.host.list) this.payloads.release(h.payload);
    proc.host.list.length = 0;
    proc.alive = false;
    // Drop the (possibly large) tables; an exited process keeps only its id and name.
    proc.nt = new NtTable(0);
    proc.fds = new FdTable(0);
    return closed;
  }
}
