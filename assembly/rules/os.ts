// The OS and D3D side of a scenario: handles closed and duplicated, fds closed and duplicated,
// D3D resources and the shared handles they make. The core tracks them so imports can be judged, and
// checks the mistakes that only show across calls: closing twice, using a closed handle or another
// process's, closing an fd the driver took, handles left open at process exit. The spec has no VUID
// for these (they break the Win32 and POSIX contracts): each carries a named rule of ours (VKX-…).
import * as registry from '../generated/registry';
import { defRule } from '../core/catalogue';
import { report, op } from '../core/findings';
import { O_OSHANDLE, O_CALL, O_PROCESS, O_FD, SEV_WARNING } from '../generated/contract';
import { get, recProcess, recCall } from '../core/record';
import { OsHandle, D3DObject, OS_NT, OS_KMT, OS_FD, ORIGIN_D3D11, ORIGIN_D3D12_HEAP, ORIGIN_D3D12_RESOURCE } from '../state/objects';
import {
  processHandles, processFds, processKey, kmtHandles, names, d3dObjects, newPayload, findFd, addWin32Handle, closeWin32Handle, addFd, dropFd,
  closedHandles, closedFds, takenFds, handleOwner,
} from '../state/world';

const MISC_SHARED: i64 = 0x2;
const MISC_SHARED_KEYEDMUTEX: i64 = 0x100;

const NT_CLOSED_TWICE = defRule('VKX-nt-handle-closed-twice', 'CloseHandle({handle}): this process already closed that handle at call {closedAt}. A second close fails, or worse, closes whatever object the value names by then', 'handle closedAt');
const NT_USED_AFTER_CLOSE = defRule('VKX-nt-handle-used-after-close', '{handle} was closed in this process at call {closedAt}; it cannot be duplicated any more', 'handle closedAt');
const NT_OTHER_PROCESS = defRule('VKX-nt-handle-of-other-process', '{handle} is not a handle of this process: the value lives in the table of process {owner}. A handle value means nothing outside its process', 'handle owner');
const KMT_CLOSED = defRule('VKX-kmt-handle-closed', 'CloseHandle({handle}): that is a global share (KMT) handle, made at call {madeAt}. KMT handles are not NT handles: they hold no reference and are never closed', 'handle madeAt');
const NT_LEAKED = defRule('VKX-nt-handle-leaked', 'NT handle {handle}, made at call {madeAt}, was still open when process {process} ended; it kept its memory alive until then. A Win32 import does not take the handle: close it once the import is done', 'handle madeAt process');
const FD_LEAKED = defRule('VKX-fd-leaked', 'fd {fd}, made at call {madeAt}, was neither imported nor closed when process {process} ended', 'fd madeAt process');
const FD_CLOSED_AFTER_IMPORT = defRule('VKX-fd-closed-after-import', 'close({fd}): the successful import at call {importedAt} handed this fd to the driver; the application no longer owns it and must not close it', 'fd importedAt');
const FD_CLOSED_TWICE = defRule('VKX-fd-closed-twice', 'close({fd}): this fd was already closed at call {closedAt}', 'fd closedAt');

/** Checks an OS call against the handle tables before it is applied. */
export function checkOsCall(cmd: i32): void {
  const process = recProcess();
  if (cmd == registry.C_CloseHandle) {
    const value = get(0, registry.M_CloseHandle_hObject);
    if (processHandles.has(processKey(process, value))) return;
    if (kmtHandles.has(<i32>value)) { report(KMT_CLOSED, 0, registry.M_CloseHandle_hObject, SEV_WARNING); op(O_OSHANDLE, value); op(O_CALL, kmtHandles.get(<i32>value).madeAt); return; }
    notHeld(process, value, 0, registry.M_CloseHandle_hObject, NT_CLOSED_TWICE);
  } else if (cmd == registry.C_DuplicateHandle) {
    const src = <i32>get(0, registry.M_DuplicateHandle_hSourceProcessHandle);
    const srcProcess = src != 0 ? src : process;
    const value = get(0, registry.M_DuplicateHandle_hSourceHandle);
    if (!processHandles.has(processKey(srcProcess, value))) notHeld(srcProcess, value, 0, registry.M_DuplicateHandle_hSourceHandle, NT_USED_AFTER_CLOSE);
  } else if (cmd == registry.C_close) {
    const fd = get(0, registry.M_close_fd);
    const k = processKey(process, fd);
    if (processFds.has(k)) return;
    if (takenFds.has(k)) { report(FD_CLOSED_AFTER_IMPORT, 0, registry.M_close_fd); op(O_FD, fd); op(O_CALL, takenFds.get(k)); }
    else if (closedFds.has(k)) { report(FD_CLOSED_TWICE, 0, registry.M_close_fd); op(O_FD, fd); op(O_CALL, closedFds.get(k)); }
  } else if (cmd == registry.C_ExitProcess) {
    reportLeaks(exitingProcess());
  }
}

/** A handle value this process does not hold: closed before, or another process's. */
function notHeld(process: i32, value: i64, node: i32, slot: i32, closedRule: i32): void {
  const k = processKey(process, value);
  if (closedHandles.has(k)) { report(closedRule, node, slot); op(O_OSHANDLE, value); op(O_CALL, closedHandles.get(k)); return; }
  const v = <i32>value;
  if (handleOwner.has(v) && handleOwner.get(v) != process) { report(NT_OTHER_PROCESS, node, slot); op(O_OSHANDLE, value); op(O_PROCESS, handleOwner.get(v)); }
}

function reportLeaks(process: i32): void {
  reportLeaksIn(processHandles, process, NT_LEAKED, O_OSHANDLE);
  reportLeaksIn(processFds, process, FD_LEAKED, O_FD);
}

/** The handles or fds of one table still open in `process` when it exits (a warning each). */
function reportLeaksIn(table: Map<i64, OsHandle>, process: i32, rule: i32, kind: i32): void {
  const keys = table.keys();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (<i32>(k >> 32) != process) continue;
    report(rule, 0, registry.M_ExitProcess_process, SEV_WARNING);
    op(kind, k & 0xffffffff); op(O_CALL, table.get(k).madeAt); op(O_PROCESS, process);
  }
}

/** DuplicateHandle with DUPLICATE_CLOSE_SOURCE closes the source handle even when it fails. */
export function closeSourceOnFailure(): void {
  if ((get(0, registry.M_DuplicateHandle_dwOptions) & 1) == 0) return;
  const src = <i32>get(0, registry.M_DuplicateHandle_hSourceProcessHandle);
  closeWin32Handle(src != 0 ? src : recProcess(), get(0, registry.M_DuplicateHandle_hSourceHandle), recCall());
}

export function applyModelCall(cmd: i32, result: i64): void {
  const process = recProcess();
  if (cmd == registry.C_CloseHandle) {
    closeWin32Handle(process, get(0, registry.M_CloseHandle_hObject), recCall());
  } else if (cmd == registry.C_DuplicateHandle) {
    const src = <i32>get(0, registry.M_DuplicateHandle_hSourceProcessHandle);
    const dst = <i32>get(0, registry.M_DuplicateHandle_hTargetProcessHandle);
    const value = get(0, registry.M_DuplicateHandle_hSourceHandle);
    const out = <i32>get(0, registry.M_DuplicateHandle_lpTargetHandle);
    const srcProcess = src != 0 ? src : process;
    const k = processKey(srcProcess, value);
    if (!processHandles.has(k) || out == 0) return;
    const h = processHandles.get(k);
    const copy = new OsHandle(OS_NT, h.handleType, h.payload, dst != 0 ? dst : process, recCall());
    copy.sourceMemory = h.sourceMemory;
    addWin32Handle(copy, out);
    if ((get(0, registry.M_DuplicateHandle_dwOptions) & 1) != 0) closeWin32Handle(srcProcess, value, recCall()); // DUPLICATE_CLOSE_SOURCE
  } else if (cmd == registry.C_OpenSharedHandleByName) {
    const name = <i32>get(0, registry.M_OpenSharedHandleByName_lpName);
    const out = <i32>get(0, registry.M_OpenSharedHandleByName_pHandle);
    if (!names.has(name) || out == 0) return;
    const h = names.get(name);
    const opened = new OsHandle(OS_NT, h.handleType, h.payload, process, recCall());
    opened.sourceMemory = h.sourceMemory;
    addWin32Handle(opened, out);
  } else if (cmd == registry.C_close) {
    dropFd(process, get(0, registry.M_close_fd), recCall(), false);
  } else if (cmd == registry.C_dup) {
    const h = findFd(process, get(0, registry.M_dup_oldfd));
    const out = get(0, registry.M_dup_newfd);
    if (h == null || out < 0) return;
    const copy = new OsHandle(OS_FD, h.handleType, h.payload, process, recCall());
    copy.sourceMemory = h.sourceMemory;
    addFd(process, out, copy);
  } else if (cmd == registry.C_DmaHeapAlloc) {
    const fd = get(0, registry.M_DmaHeapAlloc_fd);
    if (fd < 0) return;
    const p = newPayload();
    p.size = get(0, registry.M_DmaHeapAlloc_size);
    addFd(process, fd, new OsHandle(OS_FD, registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT, p, process, recCall()));
  } else if (cmd == registry.C_D3D11CreateTexture2D || cmd == registry.C_D3D11CreateBuffer || cmd == registry.C_D3D12CreateHeap || cmd == registry.C_D3D12CreateCommittedResource) {
    const p = newPayload();
    let id: i32 = 0, misc: i64 = 0;
    if (cmd == registry.C_D3D11CreateTexture2D) {
      id = <i32>get(0, registry.M_D3D11CreateTexture2D_ppTexture2D); misc = get(0, registry.M_D3D11CreateTexture2D_miscFlags);
      p.origin = ORIGIN_D3D11; p.size = get(0, registry.M_D3D11CreateTexture2D_size) > 0 ? get(0, registry.M_D3D11CreateTexture2D_size) : -1;
      p.adapterLUID = <i32>get(0, registry.M_D3D11CreateTexture2D_adapterLUID);
    } else if (cmd == registry.C_D3D11CreateBuffer) {
      id = <i32>get(0, registry.M_D3D11CreateBuffer_ppBuffer); misc = get(0, registry.M_D3D11CreateBuffer_miscFlags);
      p.origin = ORIGIN_D3D11; p.size = get(0, registry.M_D3D11CreateBuffer_byteWidth); p.adapterLUID = <i32>get(0, registry.M_D3D11CreateBuffer_adapterLUID);
    } else if (cmd == registry.C_D3D12CreateHeap) {
      id = <i32>get(0, registry.M_D3D12CreateHeap_ppHeap); misc = get(0, registry.M_D3D12CreateHeap_flags);
      p.origin = ORIGIN_D3D12_HEAP; p.size = get(0, registry.M_D3D12CreateHeap_sizeInBytes); p.adapterLUID = <i32>get(0, registry.M_D3D12CreateHeap_adapterLUID);
    } else {
      id = <i32>get(0, registry.M_D3D12CreateCommittedResource_ppResource); misc = get(0, registry.M_D3D12CreateCommittedResource_heapFlags);
      p.origin = ORIGIN_D3D12_RESOURCE; p.size = get(0, registry.M_D3D12CreateCommittedResource_size) > 0 ? get(0, registry.M_D3D12CreateCommittedResource_size) : -1;
      p.adapterLUID = <i32>get(0, registry.M_D3D12CreateCommittedResource_adapterLUID);
    }
    if (id != 0) { d3dObjects.set(id, new D3DObject(id, p.origin, p, misc)); p.ref(); }
  } else if (cmd == registry.C_IDXGIResource1_CreateSharedHandle || cmd == registry.C_ID3D12Device_CreateSharedHandle) {
    const isDxgi = cmd == registry.C_IDXGIResource1_CreateSharedHandle;
    const obj = <i32>get(0, 0);
    const out = <i32>get(0, isDxgi ? registry.M_IDXGIResource1_CreateSharedHandle_pHandle : registry.M_ID3D12Device_CreateSharedHandle_pHandle);
    const name = <i32>get(0, isDxgi ? registry.M_IDXGIResource1_CreateSharedHandle_lpName : registry.M_ID3D12Device_CreateSharedHandle_name);
    if (!d3dObjects.has(obj) || out == 0) return;
    const o = d3dObjects.get(obj);
    const t = o.origin == ORIGIN_D3D11 ? registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT
      : (o.origin == ORIGIN_D3D12_HEAP ? registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT : registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_RESOURCE_BIT);
    const h = new OsHandle(OS_NT, t, o.payload, process, recCall());
    addWin32Handle(h, out);
    if (name != 0) { h.name = name; names.set(name, h); }
  } else if (cmd == registry.C_IDXGIResource_GetSharedHandle) {
    const obj = <i32>get(0, registry.M_IDXGIResource_GetSharedHandle_resource);
    const out = <i32>get(0, registry.M_IDXGIResource_GetSharedHandle_pSharedHandle);
    if (!d3dObjects.has(obj) || out == 0) return;
    const o = d3dObjects.get(obj);
    if ((o.miscFlags & MISC_SHARED) == 0 && (o.miscFlags & MISC_SHARED_KEYEDMUTEX) == 0) return;
    kmtHandles.set(out, new OsHandle(OS_KMT, registry.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT, o.payload, process, recCall()));
  } else if (cmd == registry.C_D3DRelease) {
    const id = <i32>get(0, 0);
    if (d3dObjects.has(id)) { d3dObjects.get(id).payload.unref(recCall()); d3dObjects.delete(id); }
  } else if (cmd == registry.C_ExitProcess) {
    exitProcess(exitingProcess());
  }
}

/** ExitProcess names the process that ends; without it, the calling process ends. */
export function exitingProcess(): i32 {
  const named = <i32>get(0, registry.M_ExitProcess_process);
  return named != 0 ? named : recProcess();
}

/** The OS closes every handle and fd a process still holds when it ends. */
function exitProcess(process: i32): void {
  const keys = processHandles.keys();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (<i32>(k >> 32) == process) closeWin32Handle(process, k & 0xffffffff, recCall());
  }
  const fds = processFds.keys();
  for (let i = 0; i < fds.length; i++) {
    const k = fds[i];
    if (<i32>(k >> 32) == process) dropFd(process, k & 0xffffffff, recCall(), false);
  }
}
