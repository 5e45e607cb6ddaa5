// A structure or handle type an extension defines may be used only on a device that enabled that
// extension (or whose API version includes the structure): reported under the VUID the spec gives
// the chain (…-pNext-pNext) or the member (…-parameter), naming the extension.
import { expect } from 'vitest';
import { ruleTests } from '../helpers/rule-tests.js';
import { prelude, allocate, exportInfo, importWin32, importFd, bufferQuery, run, BIT, type Step } from '../helpers/world.js';

// Each case is named by its query id (rules/extensions-enabled/<group>:NN), which npx vitest run -t selects.
const { describe, it } = ruleTests('extensions-enabled');

const D3D12_HEAP = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT';
const DMA_BUF = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT';
const findings = async (steps: Step[]) => (await run(steps)).at(-1)!.map((f) => `${f.severity} ${f.vuid}: ${f.message}`);

describe('structures of an extension the device did not enable', () => {
  it('a D3D12 heap import on a device without VK_KHR_external_memory_win32', async () => {
    const steps = [...prelude({ extensions: ['VK_KHR_external_memory_fd'], bufferAnswers: { [BIT.D3D12_HEAP]: 4 } }), allocate('m', 65536, 0, [importWin32(D3D12_HEAP, '0x100')])];
    expect(await findings(steps)).toContain('error VUID-VkMemoryAllocateInfo-pNext-pNext: VkImportMemoryWin32HandleInfoKHR belongs to VK_KHR_external_memory_win32, which this device was not created with (VkDeviceCreateInfo::ppEnabledExtensionNames), and its API version 1.1.0 does not include it.');
    // With the extension: no such finding.
    const ok = [...prelude({ extensions: ['VK_KHR_external_memory_win32'], bufferAnswers: { [BIT.D3D12_HEAP]: 4 } }), allocate('m', 65536, 0, [importWin32(D3D12_HEAP, '0x100')])];
    expect((await findings(ok)).filter((f) => f.includes('pNext-pNext'))).toEqual([]);
  });
  it('VkExportMemoryAllocateInfo: core in Vulkan 1.1, so only a 1.0 device needs VK_KHR_external_memory', async () => {
    const on10 = [...prelude({ apiVersion: 4194304, extensions: ['VK_KHR_external_memory_fd'] }), bufferQuery(BIT.OPAQUE_FD, 6), allocate('m', 65536, 0, [exportInfo(BIT.OPAQUE_FD)])];
    expect((await findings(on10)).filter((f) => f.includes('pNext-pNext'))).toEqual([expect.stringMatching(/^error VUID-VkMemoryAllocateInfo-pNext-pNext: VkExportMemoryAllocateInfo belongs to VK_KHR_external_memory, .* its API version 1\.0\.0 /)]);
    const on11 = [...prelude({ extensions: ['VK_KHR_external_memory_fd'] }), bufferQuery(BIT.OPAQUE_FD, 6), allocate('m', 65536, 0, [exportInfo(BIT.OPAQUE_FD)])];
    expect((await findings(on11)).filter((f) => f.includes('pNext-pNext'))).toEqual([]);
  });
});

describe('handle types of an extension the device did not enable', () => {
  it('DMA_BUF in an fd import on a device without VK_EXT_external_memory_dma_buf', async () => {
    const steps = [...prelude({ extensions: ['VK_KHR_external_memory_fd'] }), allocate('m', 65536, 0, [importFd(DMA_BUF, 5)])];
    expect(await findings(steps)).toContain('error VUID-VkImportMemoryFdInfoKHR-handleType-parameter: pAllocateInfo.pNext[VkImportMemoryFdInfoKHR].handleType is VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT, a handle type of VK_EXT_external_memory_dma_buf, which this device was not created with (VkDeviceCreateInfo::ppEnabledExtensionNames).');
    const ok = [...prelude({ extensions: ['VK_KHR_external_memory_fd', 'VK_EXT_external_memory_dma_buf'] }), allocate('m', 65536, 0, [importFd(DMA_BUF, 5)])];
    expect((await findings(ok)).filter((f) => f.includes('-parameter'))).toEqual([]);
  });
  it('a capability query about DMA_BUF is not judged: it depends on the instance\'s extensions, which the model does not track', async () => {
    const steps = [...prelude({ extensions: ['VK_KHR_external_memory_fd'] }), bufferQuery(BIT.OPAQUE_FD | 0, 6), { ...bufferQuery(0x200, 0) }];
    expect(await findings(steps)).toEqual([]);
  });
});
