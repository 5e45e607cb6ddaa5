// The calls the chain builder starts from must be correct: a user who opens the builder (or changes the
// world) should see "valid" and break it on purpose. Every default for the Windows sources is run on the
// NVIDIA-, Intel- and AMD-like Windows profiles (through buildWorld and world.step, as the page does) and
// must bring no error finding; the Linux sources on lavapipe likewise.
import { describe, it, expect, beforeAll } from 'vitest';
import { createValidator, type Validator } from '../../src/index.js';
import { findProfile } from '../../src/profiles/builtin.js';
import { prefill, defaultChoice, type WorldChoice } from '../../web-demo/src/logic/chain-defaults.js';
import { runChain, sourceFits, type Source } from '../../web-demo/src/logic/chain-world.js';
import { chainOf, structNameOf, type Json } from '../../web-demo/src/logic/chain-args.js';
import type { ChainCommand } from '../../web-demo/src/logic/chain-state.js';

let v: Validator;
beforeAll(async () => { v = await createValidator(); });

const WINDOWS = ['illustrative-windows-discrete', 'illustrative-windows-integrated', 'illustrative-windows-amd'];
const IMPORT_SOURCES: Source[] = [
  { kind: 'd3d11-texture', shared: 'nt' }, { kind: 'd3d11-texture', shared: 'nt', byName: true },
  { kind: 'd3d12-heap', size: 1 << 20 }, { kind: 'd3d12-heap', byName: true }, { kind: 'd3d12-resource' }, { kind: 'd3d12-resource', byName: true },
  { kind: 'vulkan', handleType: 'OPAQUE_WIN32' }, { kind: 'vulkan', handleType: 'OPAQUE_WIN32', byName: true }, { kind: 'vulkan', handleType: 'OPAQUE_WIN32', dedicated: true },
  { kind: 'vulkan', handleType: 'OPAQUE_WIN32_KMT' },
];
/** The NV path needs VK_NV_external_memory_win32, which only the discrete profile offers. */
const NV_SOURCES: Source[] = [{ kind: 'vulkan', handleType: 'OPAQUE_WIN32_NV' }, { kind: 'vulkan', handleType: 'OPAQUE_WIN32_KMT_NV' }];

/** Runs the default call for a world and returns what is wrong with it (nothing, for a good default). */
function problemsOf(choice: WorldChoice): string[] {
  const profile = findProfile(choice.profile);
  const state = prefill(v, choice, profile);
  const run = runChain(v, state, profile);
  const out = run.findings.filter((f) => f.severity === 'error').map((f) => `${f.vuid}: ${f.message}`);
  if (run.problem) out.push(`could not run: ${run.problem.message}`);
  if (run.result !== 'VK_SUCCESS') out.push(`the mock returned ${run.result}`);
  return out;
}

function check(profiles: string[], command: ChainCommand, sources: Array<Source | null>, processes: Array<'same' | 'other'> = ['same', 'other']): void {
  for (const profile of profiles) for (const source of sources) for (const process of processes) {
    expect(sourceFits(command, source), `${command} with ${JSON.stringify(source)}`).toBe(true);
    expect(problemsOf({ profile, command, source, process }), `${command} on ${profile}, ${JSON.stringify(source)}, ${process} process`).toEqual([]);
  }
}

describe('the default call is valid', () => {
  it('the page\'s first chain: a D3D11 texture imported by NT handle, dedicated to the image', () => {
    const state = prefill(v, defaultChoice(), findProfile('illustrative-windows-discrete'));
    const info = state.args.pAllocateInfo as Json;
    expect(chainOf(info).map(structNameOf)).toEqual(['VkImportMemoryWin32HandleInfoKHR', 'VkMemoryDedicatedAllocateInfo']);
    expect(chainOf(info)[0]).toMatchObject({ handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT', handle: 'hSrc', name: null });
    expect(chainOf(info)[1]).toMatchObject({ image: 'dstRes', buffer: 'VK_NULL_HANDLE' });
    expect(info).toMatchObject({ allocationSize: 262144, memoryTypeIndex: 0 });
    expect(state.args).toMatchObject({ device: 'dev_main', pAllocator: null, pMemory: 'memory' });
    expect(problemsOf(defaultChoice())).toEqual([]);
  });

  it('vkAllocateMemory: every Windows import, in the same and in another process, and a plain allocation', () => {
    check(WINDOWS, 'vkAllocateMemory', [...IMPORT_SOURCES, null]);
    // KMT textures only where the profile can import them: the NVIDIA-like and the Intel-like (driver
    // 101.6557 or later) profiles do; Dozen has no KMT type, so an import dedicated to such an image is refused.
    check(['illustrative-windows-discrete', 'illustrative-windows-integrated'], 'vkAllocateMemory', [{ kind: 'd3d11-texture', shared: 'kmt' }]);
    check(['illustrative-windows-discrete'], 'vkAllocateMemory', NV_SOURCES);
    expect(problemsOf({ profile: 'illustrative-windows-integrated', command: 'vkAllocateMemory', source: NV_SOURCES[0], process: 'same' }))
      .toEqual([expect.stringMatching(/^VUID-VkMemoryAllocateInfo-pNext-pNext: VkImportMemoryWin32HandleInfoNV belongs to VK_NV_external_memory_win32, which this device was not created with/)]);
    expect(problemsOf({ profile: 'illustrative-windows-dozen', command: 'vkAllocateMemory', source: { kind: 'd3d11-texture', shared: 'kmt' }, process: 'same' }))
      .toEqual([expect.stringMatching(/^VUID-VkImportMemoryWin32HandleInfoKHR-handleType-09861: /)]);
    // The AMD-like profile answers memoryTypeBits 0 for a KMT texture's handle (D5): whichever type the call
    // names breaks the handle-properties rule, which is what the validation layer reported in the field.
    expect(problemsOf({ profile: 'illustrative-windows-amd', command: 'vkAllocateMemory', source: { kind: 'd3d11-texture', shared: 'kmt' }, process: 'same' }))
      .toEqual([expect.stringMatching(/^VUID-VkMemoryAllocateInfo-memoryTypeIndex-00645: .*\(0x0 \(no types\)\)/)]);
  });

  it('the Win32 exports, KHR and NV, NT and KMT', () => {
    check(WINDOWS, 'vkGetMemoryWin32HandleKHR', [{ kind: 'vulkan', handleType: 'OPAQUE_WIN32' }, { kind: 'vulkan', handleType: 'OPAQUE_WIN32_KMT' }, { kind: 'vulkan', handleType: 'OPAQUE_WIN32', dedicated: true }], ['same']);
    check(WINDOWS, 'vkGetMemoryWin32HandleNV', [{ kind: 'vulkan', handleType: 'OPAQUE_WIN32_NV' }, { kind: 'vulkan', handleType: 'OPAQUE_WIN32_KMT_NV' }], ['same']);
  });

  it('the handle-properties query for D3D handles', () => {
    check(WINDOWS, 'vkGetMemoryWin32HandlePropertiesKHR', [{ kind: 'd3d11-texture', shared: 'nt' }, { kind: 'd3d12-heap' }, { kind: 'd3d12-resource' }]);
    check(WINDOWS, 'vkGetMemoryWin32HandlePropertiesKHR', [{ kind: 'd3d11-texture', shared: 'kmt' }]);
  });

  it('image and buffer create infos, plain and for an external handle type the profile supports', () => {
    check(WINDOWS, 'vkCreateImage', [null, { kind: 'd3d11-texture', shared: 'nt' }, { kind: 'd3d12-resource' }, { kind: 'vulkan', handleType: 'OPAQUE_WIN32' }]);
    check(WINDOWS, 'vkCreateImage', [{ kind: 'd3d11-texture', shared: 'kmt' }]);
    check(['illustrative-windows-discrete'], 'vkCreateImage', [{ kind: 'vulkan', handleType: 'OPAQUE_WIN32_NV' }]);
    check(WINDOWS, 'vkCreateBuffer', [null, { kind: 'd3d12-heap' }, { kind: 'vulkan', handleType: 'OPAQUE_WIN32' }, { kind: 'vulkan', handleType: 'OPAQUE_WIN32_KMT' }]);
  });

  it('fd export and import on a Linux driver (lavapipe)', () => {
    check(['lavapipe'], 'vkGetMemoryFdKHR', [{ kind: 'vulkan', handleType: 'OPAQUE_FD' }], ['same']);
    check(['lavapipe'], 'vkAllocateMemory', [{ kind: 'vulkan', handleType: 'OPAQUE_FD' }], ['same']);
  });

  it('a default that breaks a rule would be caught here (the check can fail)', () => {
    // The same world, with a handle type the texture's NT handle does not have.
    const state = prefill(v, defaultChoice(), findProfile('illustrative-windows-discrete'));
    (chainOf(state.args.pAllocateInfo as Json)[0] as Json).handleType = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT';
    const run = runChain(v, state, findProfile('illustrative-windows-discrete'));
    expect(run.findings.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
  });

  it('a profile that cannot build the world still gives arguments, with the usual names', () => {
    const state = prefill(v, { ...defaultChoice(), source: { kind: 'vulkan', handleType: 'NOT_A_TYPE' } }, findProfile('illustrative-windows-discrete'));
    expect(state.args.device).toBe('dev_main');
    expect(state.args.pMemory).toBe('memory');
  });
});
