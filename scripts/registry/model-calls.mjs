// Operations a capture cannot show but a scenario can: the OS side of shared handles and the D3D
// resources that produce them. They are encoded exactly like Vulkan commands, so the core sees one
// record shape. Types: HANDLE (Win32 handle value, per process), int (fd, per process), LPCWSTR (a name),
// PROCESS (a process name), ID3DObject (a D3D device, resource or heap), LUID (adapter identity bytes).
const p = (name, type, extra = {}) => ({ name, type, ptr: extra.out ? 1 : 0, isConst: false, fixedLen: undefined, attrs: extra.optional ? { optional: 'true' } : {}, out: !!extra.out });

export const MODEL_CALLS = [
  { name: 'CloseHandle', returns: 'BOOL', params: [p('hObject', 'HANDLE')] },
  {
    name: 'DuplicateHandle', returns: 'BOOL', params: [
      p('hSourceProcessHandle', 'PROCESS'), p('hSourceHandle', 'HANDLE'), p('hTargetProcessHandle', 'PROCESS'),
      p('lpTargetHandle', 'HANDLE', { out: true }), p('dwDesiredAccess', 'DWORD', { optional: true }),
      p('bInheritHandle', 'BOOL', { optional: true }), p('dwOptions', 'DWORD', { optional: true }),
    ],
  },
  { name: 'OpenSharedHandleByName', returns: 'HRESULT', params: [p('lpName', 'LPCWSTR'), p('dwAccess', 'DWORD', { optional: true }), p('pHandle', 'HANDLE', { out: true })] },
  { name: 'close', returns: 'int', params: [p('fd', 'int')] },
  { name: 'dup', returns: 'int', params: [p('oldfd', 'int'), p('newfd', 'int', { out: true })] },
  // A Linux DMA-BUF heap allocation: an fd made outside Vulkan (DMA_BUF handle type).
  { name: 'DmaHeapAlloc', returns: 'int', params: [p('size', 'uint64_t'), p('fd', 'int', { out: true })] },
  {
    name: 'D3D11CreateTexture2D', returns: 'HRESULT', params: [
      p('adapterLUID', 'LUID', { optional: true }), p('width', 'uint32_t'), p('height', 'uint32_t'), p('format', 'LPCWSTR'),
      p('miscFlags', 'DWORD', { optional: true }), p('size', 'uint64_t', { optional: true }), p('ppTexture2D', 'ID3DObject', { out: true }),
    ],
  },
  {
    name: 'D3D11CreateBuffer', returns: 'HRESULT', params: [
      p('adapterLUID', 'LUID', { optional: true }), p('byteWidth', 'uint32_t'), p('miscFlags', 'DWORD', { optional: true }),
      p('ppBuffer', 'ID3DObject', { out: true }),
    ],
  },
  {
    name: 'D3D12CreateHeap', returns: 'HRESULT', params: [
      p('adapterLUID', 'LUID', { optional: true }), p('sizeInBytes', 'uint64_t'), p('flags', 'DWORD', { optional: true }),
      p('ppHeap', 'ID3DObject', { out: true }),
    ],
  },
  {
    name: 'D3D12CreateCommittedResource', returns: 'HRESULT', params: [
      p('adapterLUID', 'LUID', { optional: true }), p('width', 'uint64_t'), p('height', 'uint32_t', { optional: true }),
      p('format', 'LPCWSTR', { optional: true }), p('heapFlags', 'DWORD', { optional: true }), p('size', 'uint64_t', { optional: true }),
      p('ppResource', 'ID3DObject', { out: true }),
    ],
  },
  {
    name: 'IDXGIResource1_CreateSharedHandle', returns: 'HRESULT', params: [
      p('resource', 'ID3DObject'), p('pAttributes', 'SECURITY_ATTRIBUTES', { optional: true }), p('dwAccess', 'DWORD', { optional: true }),
      p('lpName', 'LPCWSTR', { optional: true }), p('pHandle', 'HANDLE', { out: true }),
    ],
  },
  { name: 'IDXGIResource_GetSharedHandle', returns: 'HRESULT', params: [p('resource', 'ID3DObject'), p('pSharedHandle', 'HANDLE', { out: true })] },
  {
    name: 'ID3D12Device_CreateSharedHandle', returns: 'HRESULT', params: [
      p('object', 'ID3DObject'), p('pAttributes', 'SECURITY_ATTRIBUTES', { optional: true }), p('access', 'DWORD', { optional: true }),
      p('name', 'LPCWSTR', { optional: true }), p('pHandle', 'HANDLE', { out: true }),
    ],
  },
  { name: 'D3DRelease', returns: 'void', params: [p('object', 'ID3DObject')] },
  { name: 'ExitProcess', returns: 'void', params: [p('process', 'PROCESS', { optional: true })] },
];
