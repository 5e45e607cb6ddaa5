// Test doubles for the conformance engine: drivers that deviate on purpose. Each is the mock backend made
// from a clean profile (one a conformant driver could have measured) with one behaviour changed, the way
// a real driver gets it wrong, so that every requirement of the engine is shown able to fail. None of
// them is a driver under test; they exist for these tests only.
import type { Backend, ImageFormatAnswer, LifecycleEvent } from '../../src/backends/types.js';
import { createMockBackend, type MockBackend } from '../../src/backends/mock/index.js';
import { builtinProfiles } from '../../src/profiles/builtin.js';
import type { NormalizedProfile } from '../../src/profiles/types.js';
import type { ConformTarget } from '../../src/conform/run.js';
import { ENUMS } from '../../src/generated/registry.js';

const H = ENUMS.VkExternalMemoryHandleTypeFlagBits.values;
export const OPAQUE_FD = H.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT;
export const OPAQUE_WIN32 = H.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT;
export const DMA_BUF = H.VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT;
export const HOST_ALLOCATION = H.VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT;
export const D3D11_TEXTURE = H.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT;
export const D3D12_RESOURCE = H.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_RESOURCE_BIT;
const R = ENUMS.VkResult.values;

const builtin = (name: string) => structuredClone(builtinProfiles().find((p) => p.profile === name)!);

/**
 * lavapipe's measured profile made conformant: the image answers of VK_SUCCESS with no feature (what
 * lavapipe really answers for types it cannot use) become VK_ERROR_FORMAT_NOT_SUPPORTED, and DMA_BUF is
 * added as an exportable and importable fd type (so the valid fd properties query has something to ask).
 */
export function cleanLinux(): NormalizedProfile {
  const p = builtin('lavapipe');
  p.profile = 'test-clean-linux';
  p.externalImage = p.externalImage.map((a) => (a.result === 'VK_SUCCESS' && !a.externalMemoryFeatures ? { ...a, result: 'VK_ERROR_FORMAT_NOT_SUPPORTED', externalMemoryFeatures: undefined, exportFromImportedHandleTypes: undefined, compatibleHandleTypes: undefined } : a));
  p.externalBuffer = [{ handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT', externalMemoryFeatures: 6, exportFromImportedHandleTypes: DMA_BUF, compatibleHandleTypes: DMA_BUF }, ...p.externalBuffer.filter((a) => a.handleType !== 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT')];
  p.handleProperties = [...p.handleProperties, { handleType: 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT', memoryTypeBits: 1 }];
  p.extensions = [...new Set([...p.extensions, 'VK_EXT_external_memory_dma_buf'])].sort();
  return p;
}

/** The illustrative Windows profile (NT, KMT, D3D and NV types): conformant as written. */
export function cleanWindows(): NormalizedProfile {
  return builtin('illustrative-windows-discrete');
}

/** A change to one behaviour of a mock (it replaces methods on the backend's facades). */
export type Tweak = (b: MockBackend, emit: (e: LifecycleEvent) => void) => void;

/** A target whose every backend is a mock from `profile`, changed by `tweak`. */
export function standIn(profile: NormalizedProfile, tweak?: Tweak): ConformTarget {
  return {
    open: (): Backend => {
      const b = createMockBackend([profile]);
      tweak?.(b, (e) => b.onEvent?.(e));
      return b;
    },
  };
}

type Vk = MockBackend['vulkan'];
type Os = MockBackend['os'];
/** Replaces one method of a facade, keeping the original at hand. */
export function patch<F extends Vk | Os, K extends keyof F>(facade: F, key: K, make: (original: F[K]) => F[K]): void {
  const original = (facade[key] as unknown as (...a: unknown[]) => unknown).bind(facade) as F[K];
  (facade as Record<K, F[K]>)[key] = make(original);
}

export const withLimits = (a: ImageFormatAnswer, n: number): ImageFormatAnswer => ({ ...a, limits: { maxExtent: { width: n, height: n, depth: 1 }, maxMipLevels: 1, maxArrayLayers: 1, sampleCounts: 1, maxResourceSize: n } });
export { R };
