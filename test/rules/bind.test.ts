// Binding memory to buffers and images (assembly/rules/bind.ts), in both forms: vkBind*Memory
// (VUID-vkBind…) and vkBind*Memory2 with VkBind*MemoryInfo arrays (VUID-VkBind…Info-…).
import { expect } from 'vitest';
import { ruleTests } from '../helpers/rule-tests.js';
import {
  prelude, buffer, image, allocate, exportInfo, dedicatedInfo, importWin32, getWin32, bindBuffer, bindImage, vk, lastErrors, BIT, OPAQUE_WIN32, type Step,
} from '../helpers/world.js';

// Each case is named by its query id (rules/bind/<group>:NN), which npx vitest run -t selects.
const { describe, it } = ruleTests('bind');

interface Form {
  name: string;
  bindBuf: (buffer: string, memory: string, offset?: number) => Step;
  bindImg: (image: string, memory: string, offset?: number) => Step;
  buf: (suffix: string) => string;
  img: (suffix: string) => string;
}

const bufferInfo = (buffer: string, memory: string, memoryOffset = 0) => ({ sType: 'VK_STRUCTURE_TYPE_BIND_BUFFER_MEMORY_INFO', pNext: null, buffer, memory, memoryOffset });
const imageInfo = (image: string, memory: string, memoryOffset = 0) => ({ sType: 'VK_STRUCTURE_TYPE_BIND_IMAGE_MEMORY_INFO', pNext: null, image, memory, memoryOffset });
const bindBuffer2 = (infos: ReturnType<typeof bufferInfo>[]) => vk('vkBindBufferMemory2', { device: 'dev0', bindInfoCount: infos.length, pBindInfos: infos });
const bindImage2 = (infos: ReturnType<typeof imageInfo>[]) => vk('vkBindImageMemory2', { device: 'dev0', bindInfoCount: infos.length, pBindInfos: infos });

const FORMS: Form[] = [
  {
    name: 'vkBind*Memory',
    bindBuf: (b, m, o = 0) => bindBuffer(b, m, o),
    bindImg: (i, m, o = 0) => bindImage(i, m, o),
    buf: (s) => `VUID-vkBindBufferMemory-${s}`,
    img: (s) => `VUID-vkBindImageMemory-${s}`,
  },
  {
    name: 'vkBind*Memory2',
    bindBuf: (b, m, o = 0) => bindBuffer2([bufferInfo(b, m, o)]),
    bindImg: (i, m, o = 0) => bindImage2([imageInfo(i, m, o)]),
    buf: (s) => `VUID-VkBindBufferMemoryInfo-${s}`,
    img: (s) => `VUID-VkBindImageMemoryInfo-${s}`,
  },
];

const nvDedicatedAlloc = (o: { image?: string; buffer?: string }) => ({ sType: 'VK_STRUCTURE_TYPE_DEDICATED_ALLOCATION_MEMORY_ALLOCATE_INFO_NV', image: o.image ?? 'VK_NULL_HANDLE', buffer: o.buffer ?? 'VK_NULL_HANDLE' });
const ALIASING_ON = { sType: 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DEDICATED_ALLOCATION_IMAGE_ALIASING_FEATURES_NV', pNext: null, dedicatedAllocationImageAliasing: 1 };
const VK_1_0 = 4194304;
const VK_1_1 = 4198400;
const NO_KHR_DEDICATED = ['VK_KHR_external_memory', 'VK_KHR_external_memory_win32', 'VK_KHR_external_memory_fd', 'VK_NV_dedicated_allocation', 'VK_KHR_bind_memory2', 'VK_KHR_get_memory_requirements2'];

/** Answers that make OPAQUE_WIN32 and OPAQUE_FD exportable and importable for the helper buffers and images. */
const ANSWERS = {
  bufferAnswers: { [BIT.OPAQUE_WIN32]: 6, [BIT.OPAQUE_FD]: 6 },
  imageAnswers: { [BIT.OPAQUE_WIN32]: 6, [BIT.OPAQUE_FD]: 6 },
};

for (const f of FORMS) {
  describe(`${f.buf('apiVersion-07920')} / ${f.img('apiVersion-07921')}`, () => {
    const legacy = (api = VK_1_0, extensions = NO_KHR_DEDICATED) => prelude({ apiVersion: api, extensions });
    it(`${f.name}: a plain buffer bound to memory NV-dedicated to another buffer on a 1.0 device without KHR_dedicated_allocation reports 07920`, async () => {
      const steps = [...legacy(), ...buffer('nvBuf', { nvDedicated: true }), ...buffer('plain'),
        allocate('mem', 1024, 0, [nvDedicatedAlloc({ buffer: 'nvBuf' })]), f.bindBuf('plain', 'mem')];
      expect(await lastErrors(steps)).toContain(f.buf('apiVersion-07920'));
    });
    it(`${f.name}: the NV-dedicated buffer itself binds that memory without 07920`, async () => {
      const steps = [...legacy(), ...buffer('nvBuf', { nvDedicated: true }), allocate('mem', 1024, 0, [nvDedicatedAlloc({ buffer: 'nvBuf' })]), f.bindBuf('nvBuf', 'mem')];
      expect(await lastErrors(steps)).not.toContain(f.buf('apiVersion-07920'));
    });
    it(`${f.name}: the same bind on a Vulkan 1.1 device does not report 07920`, async () => {
      const steps = [...legacy(VK_1_1), ...buffer('nvBuf', { nvDedicated: true }), ...buffer('plain'),
        allocate('mem', 1024, 0, [nvDedicatedAlloc({ buffer: 'nvBuf' })]), f.bindBuf('plain', 'mem')];
      expect(await lastErrors(steps)).not.toContain(f.buf('apiVersion-07920'));
    });
    it(`${f.name}: the same bind with VK_KHR_dedicated_allocation enabled does not report 07920`, async () => {
      const steps = [...legacy(VK_1_0, [...NO_KHR_DEDICATED, 'VK_KHR_dedicated_allocation']), ...buffer('nvBuf', { nvDedicated: true }), ...buffer('plain'),
        allocate('mem', 1024, 0, [nvDedicatedAlloc({ buffer: 'nvBuf' })]), f.bindBuf('plain', 'mem')];
      expect(await lastErrors(steps)).not.toContain(f.buf('apiVersion-07920'));
    });
    it(`${f.name}: a plain image bound to memory NV-dedicated to another image on a 1.0 device reports 07921`, async () => {
      const steps = [...legacy(), ...image('nvImg', { nvDedicated: true }), ...image('plain'),
        allocate('mem', 16384, 0, [nvDedicatedAlloc({ image: 'nvImg' })]), f.bindImg('plain', 'mem')];
      expect(await lastErrors(steps)).toContain(f.img('apiVersion-07921'));
    });
    it(`${f.name}: a plain image bound to non-dedicated memory on a 1.0 device does not report 07921`, async () => {
      const steps = [...legacy(), ...image('plain'), allocate('mem', 16384, 0), f.bindImg('plain', 'mem')];
      expect(await lastErrors(steps)).not.toContain(f.img('apiVersion-07921'));
    });
  });

  describe(`${f.buf('buffer-01038')} / ${f.img('image-01050')}`, () => {
    it(`${f.name}: an NV-dedicated buffer bound to ordinary memory reports 01038`, async () => {
      const steps = [...prelude(), ...buffer('nvBuf', { nvDedicated: true }), allocate('mem', 1024, 0), f.bindBuf('nvBuf', 'mem')];
      expect(await lastErrors(steps)).toContain(f.buf('buffer-01038'));
    });
    it(`${f.name}: an NV-dedicated buffer bound to its NV dedicated allocation at offset 256 reports 01038`, async () => {
      const steps = [...prelude(), ...buffer('nvBuf', { nvDedicated: true }), allocate('mem', 1024, 0, [nvDedicatedAlloc({ buffer: 'nvBuf' })]), f.bindBuf('nvBuf', 'mem', 256)];
      expect(await lastErrors(steps)).toContain(f.buf('buffer-01038'));
    });
    it(`${f.name}: an NV-dedicated buffer bound at offset 0 to memory NV-dedicated to an identically created buffer is valid`, async () => {
      const steps = [...prelude(), ...buffer('nvA', { nvDedicated: true }), ...buffer('nvB', { nvDedicated: true }),
        allocate('mem', 1024, 0, [nvDedicatedAlloc({ buffer: 'nvB' })]), f.bindBuf('nvA', 'mem')];
      expect(await lastErrors(steps)).not.toContain(f.buf('buffer-01038'));
    });
    it(`${f.name}: memory NV-dedicated to a buffer of another size does not fit and reports 01038`, async () => {
      const steps = [...prelude(), ...buffer('nvA', { nvDedicated: true }), ...buffer('nvB', { nvDedicated: true, size: 2048 }),
        allocate('mem', 2048, 0, [nvDedicatedAlloc({ buffer: 'nvB' })]), f.bindBuf('nvA', 'mem')];
      expect(await lastErrors(steps)).toContain(f.buf('buffer-01038'));
    });
    it(`${f.name}: an NV-dedicated image bound to ordinary memory reports 01050`, async () => {
      const steps = [...prelude(), ...image('nvImg', { nvDedicated: true }), allocate('mem', 16384, 0), f.bindImg('nvImg', 'mem')];
      expect(await lastErrors(steps)).toContain(f.img('image-01050'));
    });
    it(`${f.name}: an NV-dedicated image bound at offset 0 to its NV dedicated allocation is valid`, async () => {
      const steps = [...prelude(), ...image('nvImg', { nvDedicated: true }), allocate('mem', 16384, 0, [nvDedicatedAlloc({ image: 'nvImg' })]), f.bindImg('nvImg', 'mem')];
      expect(await lastErrors(steps)).not.toContain(f.img('image-01050'));
    });
    it(`${f.name}: an NV-dedicated image bound to its NV dedicated allocation at offset 4096 reports 01050`, async () => {
      const steps = [...prelude(), ...image('nvImg', { nvDedicated: true }), allocate('mem', 16384, 0, [nvDedicatedAlloc({ image: 'nvImg' })]), f.bindImg('nvImg', 'mem', 4096)];
      expect(await lastErrors(steps)).toContain(f.img('image-01050'));
    });
  });

  describe(`${f.buf('buffer-01444')} / ${f.img('image-01445')}`, () => {
    it(`${f.name}: a buffer that requires a dedicated allocation bound to ordinary memory reports 01444`, async () => {
      const steps = [...prelude(), ...buffer('buf', { requiresDedicated: true }), allocate('mem', 1024, 0), f.bindBuf('buf', 'mem')];
      expect(await lastErrors(steps)).toContain(f.buf('buffer-01444'));
    });
    it(`${f.name}: the same buffer bound to memory dedicated to it is valid`, async () => {
      const steps = [...prelude(), ...buffer('buf', { requiresDedicated: true }), allocate('mem', 1024, 0, [dedicatedInfo({ buffer: 'buf' })]), f.bindBuf('buf', 'mem')];
      expect(await lastErrors(steps)).not.toContain(f.buf('buffer-01444'));
    });
    it(`${f.name}: an image that requires a dedicated allocation bound to memory dedicated to another image reports 01445`, async () => {
      const steps = [...prelude(), ...image('img', { requiresDedicated: true }), ...image('other'), allocate('mem', 16384, 0, [dedicatedInfo({ image: 'other' })]), f.bindImg('img', 'mem')];
      expect(await lastErrors(steps)).toContain(f.img('image-01445'));
    });
    it(`${f.name}: the same image bound to memory dedicated to it is valid`, async () => {
      const steps = [...prelude(), ...image('img', { requiresDedicated: true }), allocate('mem', 16384, 0, [dedicatedInfo({ image: 'img' })]), f.bindImg('img', 'mem')];
      expect(await lastErrors(steps)).not.toContain(f.img('image-01445'));
    });
  });

  describe(f.buf('memory-01508'), () => {
    const base = () => [...prelude(), ...buffer('bufA'), ...buffer('bufB'), allocate('mem', 1024, 0, [dedicatedInfo({ buffer: 'bufA' })])];
    it(`${f.name}: memory dedicated to bufA bound to bufB reports 01508`, async () => {
      expect(await lastErrors([...base(), f.bindBuf('bufB', 'mem')])).toContain(f.buf('memory-01508'));
    });
    it(`${f.name}: memory dedicated to bufA bound to bufA at offset 256 reports 01508`, async () => {
      expect(await lastErrors([...base(), f.bindBuf('bufA', 'mem', 256)])).toContain(f.buf('memory-01508'));
    });
    it(`${f.name}: memory dedicated to bufA bound to bufA at offset 0 is valid`, async () => {
      expect(await lastErrors([...base(), f.bindBuf('bufA', 'mem')])).not.toContain(f.buf('memory-01508'));
    });
  });

  describe(f.img('memory-02628'), () => {
    const base = () => [...prelude(), ...image('imgA'), ...image('imgB'), allocate('mem', 16384, 0, [dedicatedInfo({ image: 'imgA' })])];
    it(`${f.name}: without image aliasing, memory dedicated to imgA bound to an identical imgB reports 02628`, async () => {
      const errors = await lastErrors([...base(), f.bindImg('imgB', 'mem')]);
      expect(errors).toContain(f.img('memory-02628'));
      expect(errors).not.toContain(f.img('memory-02629'));
    });
    it(`${f.name}: memory dedicated to imgA bound to imgA at offset 4096 reports 02628`, async () => {
      expect(await lastErrors([...base(), f.bindImg('imgA', 'mem', 4096)])).toContain(f.img('memory-02628'));
    });
    it(`${f.name}: memory dedicated to imgA bound to imgA at offset 0 is valid`, async () => {
      expect(await lastErrors([...base(), f.bindImg('imgA', 'mem')])).not.toContain(f.img('memory-02628'));
    });
  });

  describe(f.img('memory-02629'), () => {
    const base = () => [...prelude({ features: ALIASING_ON }), ...image('imgA'), ...image('small', { width: 32 }), ...image('large', { width: 128, reqSize: 32768 }),
      allocate('mem', 16384, 0, [dedicatedInfo({ image: 'imgA' })])];
    it(`${f.name}: with image aliasing, a smaller otherwise identical image binds at offset 0 without 02629 or 02628`, async () => {
      const errors = await lastErrors([...base(), f.bindImg('small', 'mem')]);
      expect(errors).not.toContain(f.img('memory-02629'));
      expect(errors).not.toContain(f.img('memory-02628'));
    });
    it(`${f.name}: with image aliasing, a larger image reports 02629 (not 02628)`, async () => {
      const errors = await lastErrors([...base(), f.bindImg('large', 'mem')]);
      expect(errors).toContain(f.img('memory-02629'));
      expect(errors).not.toContain(f.img('memory-02628'));
    });
    it(`${f.name}: with image aliasing, the smaller image at offset 4096 reports 02629`, async () => {
      expect(await lastErrors([...base(), f.bindImg('small', 'mem', 4096)])).toContain(f.img('memory-02629'));
    });
    it(`${f.name}: with image aliasing, an image of another format reports 02629`, async () => {
      const other = image('bgra');
      (other[0].vkFunc!.args.pCreateInfo as Record<string, unknown>).format = 'VK_FORMAT_B8G8R8A8_UNORM';
      expect(await lastErrors([...base(), ...other, f.bindImg('bgra', 'mem')])).toContain(f.img('memory-02629'));
    });
  });

  describe(`${f.buf('memory-02726')} / ${f.img('memory-02728')}`, () => {
    it(`${f.name}: memory exportable as OPAQUE_WIN32 bound to a buffer made for OPAQUE_FD reports 02726`, async () => {
      const steps = [...prelude(ANSWERS), ...buffer('buf', { handleTypes: BIT.OPAQUE_FD }), allocate('mem', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)]), f.bindBuf('buf', 'mem')];
      expect(await lastErrors(steps)).toContain(f.buf('memory-02726'));
    });
    it(`${f.name}: memory exportable as OPAQUE_WIN32 bound to a buffer without external handle types reports 02726`, async () => {
      const steps = [...prelude(ANSWERS), ...buffer('buf'), allocate('mem', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)]), f.bindBuf('buf', 'mem')];
      expect(await lastErrors(steps)).toContain(f.buf('memory-02726'));
    });
    it(`${f.name}: memory exportable as OPAQUE_WIN32 bound to a buffer made for OPAQUE_WIN32 | OPAQUE_FD is valid`, async () => {
      const steps = [...prelude(ANSWERS), ...buffer('buf', { handleTypes: BIT.OPAQUE_WIN32 | BIT.OPAQUE_FD }), allocate('mem', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)]), f.bindBuf('buf', 'mem')];
      expect(await lastErrors(steps)).not.toContain(f.buf('memory-02726'));
    });
    it(`${f.name}: memory exportable as OPAQUE_WIN32 bound to an image made for OPAQUE_FD reports 02728`, async () => {
      const steps = [...prelude(ANSWERS), ...image('img', { handleTypes: BIT.OPAQUE_FD }), allocate('mem', 16384, 0, [exportInfo(BIT.OPAQUE_WIN32)]), f.bindImg('img', 'mem')];
      expect(await lastErrors(steps)).toContain(f.img('memory-02728'));
    });
    it(`${f.name}: memory exportable as OPAQUE_WIN32 bound to an image made for OPAQUE_WIN32 is valid`, async () => {
      const steps = [...prelude(ANSWERS), ...image('img', { handleTypes: BIT.OPAQUE_WIN32 }), allocate('mem', 16384, 0, [exportInfo(BIT.OPAQUE_WIN32)]), f.bindImg('img', 'mem')];
      expect(await lastErrors(steps)).not.toContain(f.img('memory-02728'));
    });
  });

  describe(`${f.buf('memory-02985')} / ${f.img('memory-02989')}`, () => {
    /** memA is exported as OPAQUE_WIN32 and imported back as memB. */
    const imported = (size: number) => [allocate('memA', size, 0, [exportInfo(BIT.OPAQUE_WIN32)]), getWin32('memA', OPAQUE_WIN32, '0x100'), allocate('memB', size, 0, [importWin32(OPAQUE_WIN32, '0x100')])];
    it(`${f.name}: memory imported as OPAQUE_WIN32 bound to a buffer made for OPAQUE_FD only reports 02985`, async () => {
      const steps = [...prelude(ANSWERS), ...buffer('buf', { handleTypes: BIT.OPAQUE_FD }), ...imported(1024), f.bindBuf('buf', 'memB')];
      expect(await lastErrors(steps)).toContain(f.buf('memory-02985'));
    });
    it(`${f.name}: memory imported as OPAQUE_WIN32 bound to a buffer made for OPAQUE_WIN32 is valid`, async () => {
      const steps = [...prelude(ANSWERS), ...buffer('buf', { handleTypes: BIT.OPAQUE_WIN32 }), ...imported(1024), f.bindBuf('buf', 'memB')];
      expect(await lastErrors(steps)).not.toContain(f.buf('memory-02985'));
    });
    it(`${f.name}: memory imported as OPAQUE_WIN32 bound to an image made for OPAQUE_FD only reports 02989`, async () => {
      const steps = [...prelude(ANSWERS), ...image('img', { handleTypes: BIT.OPAQUE_FD }), ...imported(16384), f.bindImg('img', 'memB')];
      expect(await lastErrors(steps)).toContain(f.img('memory-02989'));
    });
    it(`${f.name}: memory imported as OPAQUE_WIN32 bound to an image made for OPAQUE_WIN32 is valid`, async () => {
      const steps = [...prelude(ANSWERS), ...image('img', { handleTypes: BIT.OPAQUE_WIN32 }), ...imported(16384), f.bindImg('img', 'memB')];
      expect(await lastErrors(steps)).not.toContain(f.img('memory-02989'));
    });
  });

  describe(`${f.buf('memory-10925')} / ${f.img('memory-10926')}`, () => {
    it(`${f.name}: memory dedicated to an image bound to a buffer reports 10925`, async () => {
      const steps = [...prelude(), ...image('img'), ...buffer('buf'), allocate('mem', 16384, 0, [dedicatedInfo({ image: 'img' })]), f.bindBuf('buf', 'mem')];
      expect(await lastErrors(steps)).toContain(f.buf('memory-10925'));
    });
    it(`${f.name}: memory dedicated to the buffer bound to it does not report 10925`, async () => {
      const steps = [...prelude(), ...image('img'), ...buffer('buf'), allocate('mem', 1024, 0, [dedicatedInfo({ buffer: 'buf' })]), f.bindBuf('buf', 'mem')];
      expect(await lastErrors(steps)).not.toContain(f.buf('memory-10925'));
    });
    it(`${f.name}: memory dedicated to a buffer bound to an image reports 10926`, async () => {
      const steps = [...prelude(), ...image('img'), ...buffer('buf', { reqSize: 16384 }), allocate('mem', 16384, 0, [dedicatedInfo({ buffer: 'buf' })]), f.bindImg('img', 'mem')];
      expect(await lastErrors(steps)).toContain(f.img('memory-10926'));
    });
    it(`${f.name}: memory dedicated to the image bound to it does not report 10926`, async () => {
      const steps = [...prelude(), ...image('img'), ...buffer('buf'), allocate('mem', 16384, 0, [dedicatedInfo({ image: 'img' })]), f.bindImg('img', 'mem')];
      expect(await lastErrors(steps)).not.toContain(f.img('memory-10926'));
    });
  });
}

describe('VUID-VkBindBufferMemoryInfo-memory-01508 / VUID-VkBindImageMemoryInfo-memory-02628 in later pBindInfos elements', () => {
  it('a bad second VkBindBufferMemoryInfo is reported even when the first one is valid', async () => {
    const steps = [...prelude(), ...buffer('bufA'), ...buffer('bufB'), ...buffer('bufC'), allocate('memA', 1024, 0, [dedicatedInfo({ buffer: 'bufA' })]), allocate('memC', 1024, 0),
      bindBuffer2([bufferInfo('bufC', 'memC'), bufferInfo('bufB', 'memA')])];
    expect(await lastErrors(steps)).toEqual(['VUID-VkBindBufferMemoryInfo-memory-01508']);
  });
  it('two valid VkBindImageMemoryInfo elements report nothing', async () => {
    const steps = [...prelude(), ...image('imgA'), ...image('imgB'), allocate('memA', 16384, 0, [dedicatedInfo({ image: 'imgA' })]), allocate('memB', 16384, 0),
      bindImage2([imageInfo('imgB', 'memB'), imageInfo('imgA', 'memA')])];
    expect(await lastErrors(steps)).toEqual([]);
  });
  it('a bad second VkBindImageMemoryInfo is reported', async () => {
    const steps = [...prelude(), ...image('imgA'), ...image('imgB'), allocate('memA', 16384, 0, [dedicatedInfo({ image: 'imgA' })]), allocate('memB', 16384, 0),
      bindImage2([imageInfo('imgA', 'memA'), imageInfo('imgB', 'memA')])];
    expect(await lastErrors(steps)).toEqual(['VUID-VkBindImageMemoryInfo-memory-02628']);
  });
});
