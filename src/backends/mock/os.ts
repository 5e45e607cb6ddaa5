// The OS side of the mock: processes, CloseHandle, DuplicateHandle, opening a named object, POSIX close
// and dup, a DMA-BUF heap allocation and host allocations. Results are what the real calls return:
// BOOL for Win32, an HRESULT for the D3D open-by-name, an int for POSIX (-1 on failure).
import type { OsBackend, ProcessId } from '../types.js';
import { E_INVALIDARG, E_OUTOFMEMORY, HRESULT_FILE_NOT_FOUND, S_OK, typeMadeBy } from './constants.js';
import { flags, nonNegative } from './util.js';
import type { World } from './world.js';

/** Larger than any real allocation: a size above this is garbage, refused rather than simulated. */
const MAX_OS_ALLOCATION = 2 ** 48;
/** What a DMA heap allocation's fd is imported as. */
const DMA_BUF = typeMadeBy('dma-buf', 'fd');

export class MockOs implements OsBackend {
  constructor(private readonly w: World) {}

  createProcess(name: string): ProcessId {
    return this.w.processes.create(typeof name === 'string' ? name : '');
  }

  exitProcess(process: ProcessId): void {
    this.w.exitProcess(process);
  }

  closeHandle(process: ProcessId, handle: number): number {
    return this.w.processes.ntClose(process, handle) ? 1 : 0;
  }

  duplicateHandle(process: ProcessId, srcProcess: ProcessId, handle: number, dstProcess: ProcessId, access: number, inherit: boolean, options: number): { ok: number; handle: number } {
    // The caller needs handles to both processes in Windows; here every live process may duplicate.
    if (this.w.processes.get(process) === undefined) return { ok: 0, handle: 0 };
    return this.w.processes.ntDuplicate(srcProcess, handle, dstProcess, flags(access), inherit === true, flags(options));
  }

  openSharedHandleByName(process: ProcessId, name: string, access: number): { hr: number; handle: number } {
    const w = this.w;
    const proc = w.processes.get(process);
    if (proc === undefined) return { hr: E_INVALIDARG, handle: 0 };
    const k = w.names.lookup(name);
    if (k < 0) return { hr: typeof name === 'string' && name.length > 0 ? HRESULT_FILE_NOT_FOUND : E_INVALIDARG, handle: 0 };
    if (proc.nt.full()) return { hr: E_OUTOFMEMORY, handle: 0 };
    return { hr: S_OK, handle: w.processes.ntOpen(proc, k, flags(access), w.kobjs.type[k], false) };
  }

  close(process: ProcessId, fd: number): number {
    return this.w.processes.fdClose(process, fd);
  }

  dup(process: ProcessId, fd: number): number {
    return this.w.processes.fdDup(process, fd);
  }

  dmaHeapAlloc(process: ProcessId, size: number): number {
    const w = this.w;
    const proc = w.processes.get(process);
    const s = nonNegative(size);
    if (proc === undefined || !(s > 0) || s > MAX_OS_ALLOCATION || proc.fds.full()) return -1;
    const p = w.payloads.born('dma-buf', s, -1, -1, -1);
    return w.processes.fdOpen(proc, p, DMA_BUF);
  }

  hostAlloc(process: ProcessId, size: number, alignment: number): number {
    const w = this.w;
    const proc = w.processes.get(process);
    const s = nonNegative(size);
    if (proc === undefined || !(s > 0) || s > MAX_OS_ALLOCATION) return 0;
    const base = proc.host.place(s, alignment);
    const p = w.payloads.born('host', s, -1, -1, -1);
    w.payloads.addRef(p);
    proc.host.add(base, s, p);
    return base;
  }

  /** Bytes written through a host pointer: into the host allocation's payload (false when the range is not inside one). */
  hostWrite(process: ProcessId, pointer: number, bytes: Uint8Array): boolean {
    const h = this.hostRange(process, pointer, bytes instanceof Uint8Array ? bytes.length : NaN);
    if (h === undefined) return false;
    this.w.payloads.write(h.payload, pointer - h.base, bytes);
    return true;
  }

  hostRead(process: ProcessId, pointer: number, size: number): Uint8Array | undefined {
    const h = this.hostRange(process, pointer, size);
    return h === undefined ? undefined : this.w.payloads.read(h.payload, pointer - h.base, size);
  }

  private hostRange(process: ProcessId, pointer: number, size: number) {
    const proc = this.w.processes.get(process);
    const p = nonNegative(pointer), n = nonNegative(size);
    if (proc === undefined || !(p > 0) || Number.isNaN(n)) return undefined;
    const h = proc.host.find(p);
    return h !== undefined && p + n <= h.base + h.size ? h : undefined;
  }
}
