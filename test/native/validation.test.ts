// The native addon with VK_LAYER_KHRONOS_validation on lavapipe: the layer's messages come back with
// their VUIDs (Debian's 1.3.239 layer writes the VUID inside the message text), and with skipReported
// the layer stops the calls it reports, so a rejected import leaves its fd with the application.
import { afterEach, beforeEach, describe, expect } from 'vitest';
import { itNeeds } from '../helpers/system.js';
import type { NativeAddon } from '../../src/backends/native/addon-api.js';
import type { AllocateDesc } from '../../src/backends/types.js';
import { FD_DEVICE_EXTENSIONS, OPAQUE_FD, exportableBuffer, hasAddon, hasLavapipe, hasValidation, lavapipeMissing, loadAddon, openLavapipe } from './addon.js';

const ready = hasAddon && hasLavapipe && hasValidation;
const withLayer = itNeeds(ready, [lavapipeMissing, !hasValidation && 'the Khronos validation layer (vulkan-validationlayers)'].filter(Boolean).join('; '));
const VK_ERROR_VALIDATION_FAILED_EXT = -1000011001;

const plain = (allocationSize: number): AllocateDesc => ({
  allocationSize, memoryTypeIndex: 0,
});

describe('native addon with the validation layer', () => {
  let a: NativeAddon;
  beforeEach(() => { if (ready) a = loadAddon(); });
  afterEach(() => { a?.close(); a?.takeLayerMessages(); });

  function device(skipReported: boolean) {
    expect(openLavapipe(a, { validation: true, skipReported })).toEqual({ ok: true, loader: 'libvulkan.so.1', validation: true });
    const pd = a.physicalDevices()[0].handle;
    const dev = a.createDevice(pd, FD_DEVICE_EXTENSIONS).handle;
    expect(a.takeLayerMessages()).toEqual([]);
    return dev;
  }

  withLayer('an import with allocationSize 0 is reported with its VUID', () => {
    const dev = device(false);
    const src = exportableBuffer(a, dev);
    const fd = a.getFd(dev, src.memory, OPAQUE_FD).value;
    a.allocate(dev, { ...plain(0), imports: [{ kind: 'fd', handleType: OPAQUE_FD, fd }] });
    const messages = a.takeLayerMessages();
    expect(messages.length).toBeGreaterThan(0);
    expect(messages[0]).toMatchObject({ severity: 'error', vuid: 'VUID-VkMemoryAllocateInfo-allocationSize-00638' });
    expect(messages[0].message).toContain('allocationSize');
    // Drained: the next call starts from nothing.
    expect(a.takeLayerMessages()).toEqual([]);
  });

  withLayer('imported memory bound to a buffer made for another handle type is reported with its VUID', () => {
    const dev = device(false);
    const src = exportableBuffer(a, dev);
    const fd = a.getFd(dev, src.memory, OPAQUE_FD).value;
    const imported = a.allocate(dev, { ...plain(src.size), imports: [{ kind: 'fd', handleType: OPAQUE_FD, fd }] });
    expect(imported.result).toBe(0);
    const b = a.createBuffer(dev, { size: src.size, usage: 3, flags: 0, sharingMode: 0 });
    a.bindBuffer(dev, b.handle, imported.handle, 0);
    const vuids = a.takeLayerMessages().map((m) => m.vuid);
    // Renumbered since 1.3.239 (02727 → 02985); either name is the same rule.
    expect(vuids.some((v) => v === 'VUID-vkBindBufferMemory-memory-02727' || v === 'VUID-vkBindBufferMemory-memory-02985')).toBe(true);
  });

  withLayer('with skipReported the layer stops the call: VALIDATION_FAILED, and the fd stays ours', () => {
    const dev = device(true);
    const src = exportableBuffer(a, dev);
    const fd = a.getFd(dev, src.memory, OPAQUE_FD).value;
    expect(a.allocate(dev, { ...plain(0), imports: [{ kind: 'fd', handleType: OPAQUE_FD, fd }] }))
      .toEqual({ result: VK_ERROR_VALIDATION_FAILED_EXT, handle: 0 });
    expect(a.takeLayerMessages().map((m) => m.vuid)).toContain('VUID-VkMemoryAllocateInfo-allocationSize-00638');
    expect(a.operation('close', { fd: fd }).result).toBe(0);
  });

  withLayer('without validation nothing is collected', () => {
    openLavapipe(a, { validation: false });
    const dev = a.createDevice(a.physicalDevices()[0].handle, FD_DEVICE_EXTENSIONS).handle;
    a.allocate(dev, plain(0));
    expect(a.takeLayerMessages()).toEqual([]);
  });
});
