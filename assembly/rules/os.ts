// The OS and D3D side of a scenario: handles closed and duplicated, fds closed and duplicated,
// D3D resources and the shared handles they make. The core tracks them so imports can be judged.
import * as registry from '../generated/registry';
import { get, recProcess, recCall } from '../core/record';
import { OsHandle, D3DObject, OS_NT, OS_KMT, OS_FD, ORIGIN_D3D11, ORIGIN_D3D12_HEAP, ORIGIN_D3D12_RESOURCE } from '../state/objects';
import { processHandles, processFds, processKey, kmtHandles, names, d3dObjects, newPayload, findFd, addWin32Handle, closeWin32Handle, addFd, dropFd } from '../state/world';

const MISC_SHARED: i64 = 0x2;
const MISC_SHARED_KEYEDMUTEX: i64 = 0x100;

/**
 * What a model call that succeeded did (the dispatcher applies nothing of a failed one; see
 * core/success.ts). `result` is unused here and kept for symmetry with the other apply steps.
 */
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
