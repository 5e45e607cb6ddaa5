// The OS side of the mock: processes, CloseHandle, DuplicateHandle, opening a named object, POSIX close
// and dup, a DMA-BUF heap allocation, ExitProcess and host allocations. Results are what the real calls
// return: BOOL for Win32, an HRESULT for the D3D open-by-name, an int for POSIX (-1 on failure). The
// operations of the table of calls are methods named after them, taking the row's inputs.
import type { OperationInputs as In, OperationResults as Out, OsBackend, ProcessId } from '../types.js';
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

  ExitProcess(_process: ProcessId, a: In['ExitProcess']): Out['ExitProcess'] {
    this.w.exitProcess(a.process);
    return { result: undefined };
  }

  CloseHandle(process: ProcessId, a: In['CloseHandle']): Out['CloseHandle'] {
    return { result: this.w.processes.ntClose(process, a.hObject) ? 1 : 0 };
  }

  DuplicateHandle(process: ProcessId, a: In['DuplicateHandle']): Out['DuplicateHandle'] {
    // The caller needs handles to both processes in Windows; here every live process may duplicate.
    if (this.w.processes.get(process) === undefined) return { result: 0, lpTargetHandle: 0 };
    const r = this.w.processes.ntDuplicate(a.hSourceProcessHandle, a.hSourceHandle, a.hTargetProcessHandle, flags(a.dwDesiredAccess), flags(a.bInheritHandle) !== 0, flags(a.dwOptions));
    return { result: r.ok ? 1 : 0, lpTargetHandle: r.handle };
  }

  OpenSharedHandleByName(process: ProcessId, a: In['OpenSharedHandleByName']): Out['OpenSharedHandleByName'] {
    const w = this.w;
    const name = a.lpName;
    const proc = w.processes.get(process);
    if (proc === undefined) return { result: E_INVALIDARG, pHandle: 0 };
    const k = w.names.lookup(name);
    if (k < 0) return { result: typeof name === 'string' && name.length > 0 ? HRESULT_FILE_NOT_FOUND : E_INVALIDARG, pHandle: 0 };
    if (proc.nt.full()) return { result: E_OUTOFMEMORY, pHandle: 0 };
    return { result: S_OK, pHandle: w.processes.ntOpen(proc, k, flags(a.dwAccess), w.kobjs.type[k], false) };
  }

  close(process: ProcessId, a: In['close']): Out['close'] {
    return { result: this.w.processes.fdClose(process, a.fd) };
  }

  dup(process: ProcessId, a: In['dup']): Out['dup'] {
    const fd = this.w.processes.fdDup(process, a.oldfd);
    return { result: fd, newfd: fd };
  }

  DmaHeapAlloc(process: ProcessId, a: In['DmaHeapAlloc']): Out['DmaHeapAlloc'] {
    const w = this.w;
    const proc = w.processes.get(process);
    const s = nonNegative(a.size);
    if (proc === undefined || !(s > 0) || s > MAX_OS_ALLOCATION || proc.fds.full()) return { result: -1, fd: -1 };
    const p = w.payloads.born('dma-buf', s, -1, -1, -1);
    const fd = w.processes.fdOpen(proc, p, DMA_BUF);
    return { result: fd, fd };
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
