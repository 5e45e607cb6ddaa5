// vkAllocateMemory as a dedicated allocation: VkMemoryDedicatedAllocateInfo (KHR / core 1.1) and
// VkDedicatedAllocationMemoryAllocateInfoNV, alone and when the allocation imports a Vulkan-made payload.
import { expect } from 'vitest';
import { ruleTests } from '../helpers/rule-tests.js';
import type { Finding } from '../../src/index.js';
import {
  prelude, buffer, image, allocate, exportInfo, dedicatedInfo, importWin32, importFd, getWin32, getFd, run, BIT,
  OPAQUE_FD, OPAQUE_WIN32, type Step,
} from '../helpers/world.js';

// Each case is named by its query id (rules/allocate-dedicated/<group>:NN), which npx vitest run -t selects.
const { describe, it } = ruleTests('allocate-dedicated');

const world = () => prelude({ bufferAnswers: { [BIT.OPAQUE_FD]: 6, [BIT.OPAQUE_WIN32]: 6 }, imageAnswers: { [BIT.OPAQUE_FD]: 6, [BIT.OPAQUE_WIN32]: 6 }, secondDevice: true });
const IMAGE_SIZE = 16384; // what image() reports as the memory requirement
const BUFFER_SIZE = 1024;

async function severitiesOf(steps: Step[], vuid: string): Promise<string[]> {
  const all: Finding[][] = await run(steps);
  return all[all.length - 1].filter((f) => f.vuid === vuid).map((f) => f.severity);
}
/** The last step reports `vuid` as an error. */
async function reports(steps: Step[], vuid: string): Promise<void> {
  expect(await severitiesOf(steps, vuid)).toContain('error');
}
/** The last step says nothing at all about `vuid`. */
async function silent(steps: Step[], vuid: string): Promise<void> {
  expect(await severitiesOf(steps, vuid)).toEqual([]);
}

const nvDedicatedInfo = (o: { image?: string; buffer?: string }) => ({ sType: 'VK_STRUCTURE_TYPE_DEDICATED_ALLOCATION_MEMORY_ALLOCATE_INFO_NV', image: o.image ?? 'VK_NULL_HANDLE', buffer: o.buffer ?? 'VK_NULL_HANDLE' });

// ---------------------------------------------------------------------------------------------
// VkMemoryDedicatedAllocateInfo on its own.

describe('VUID-VkMemoryDedicatedAllocateInfo-image-01432', () => {
  const V = 'VUID-VkMemoryDedicatedAllocateInfo-image-01432';
  const pre = () => [...world(), ...image('img'), ...buffer('buf')];
  it('reports a dedicated allocation naming both an image and a buffer', async () => {
    await reports([...pre(), allocate('m', IMAGE_SIZE, 0, [dedicatedInfo({ image: 'img', buffer: 'buf' })])], V);
  });
  it('is silent when only the image is named', async () => {
    await silent([...pre(), allocate('m', IMAGE_SIZE, 0, [dedicatedInfo({ image: 'img' })])], V);
  });
  it('is silent when only the buffer is named', async () => {
    await silent([...pre(), allocate('m', BUFFER_SIZE, 0, [dedicatedInfo({ buffer: 'buf' })])], V);
  });
});

describe('VUID-VkMemoryDedicatedAllocateInfo-image-01434', () => {
  const V = 'VUID-VkMemoryDedicatedAllocateInfo-image-01434';
  it('reports a dedicated allocation of an image created with SPARSE_BINDING', async () => {
    await reports([...world(), ...image('img', { flags: 0x1 }), allocate('m', IMAGE_SIZE, 0, [dedicatedInfo({ image: 'img' })])], V);
  });
  it('is silent for an image created without sparse flags', async () => {
    await silent([...world(), ...image('img'), allocate('m', IMAGE_SIZE, 0, [dedicatedInfo({ image: 'img' })])], V);
  });
});

describe('VUID-VkMemoryDedicatedAllocateInfo-buffer-01436', () => {
  const V = 'VUID-VkMemoryDedicatedAllocateInfo-buffer-01436';
  it('reports a dedicated allocation of a buffer created with SPARSE_BINDING', async () => {
    await reports([...world(), ...buffer('buf', { flags: 0x1 }), allocate('m', BUFFER_SIZE, 0, [dedicatedInfo({ buffer: 'buf' })])], V);
  });
  it('is silent for a buffer created without sparse flags', async () => {
    await silent([...world(), ...buffer('buf'), allocate('m', BUFFER_SIZE, 0, [dedicatedInfo({ buffer: 'buf' })])], V);
  });
});

describe('VUID-VkMemoryDedicatedAllocateInfo-image-01797', () => {
  const V = 'VUID-VkMemoryDedicatedAllocateInfo-image-01797';
  it('reports a dedicated allocation of an image created with DISJOINT', async () => {
    await reports([...world(), ...image('img', { flags: 0x200 }), allocate('m', IMAGE_SIZE, 0, [dedicatedInfo({ image: 'img' })])], V);
  });
  it('is silent for an image created without DISJOINT', async () => {
    await silent([...world(), ...image('img'), allocate('m', IMAGE_SIZE, 0, [dedicatedInfo({ image: 'img' })])], V);
  });
});

describe('VUID-VkMemoryDedicatedAllocateInfo-image-02964', () => {
  const V = 'VUID-VkMemoryDedicatedAllocateInfo-image-02964';
  it('reports an allocationSize smaller than the image requirement', async () => {
    await reports([...world(), ...image('img'), allocate('m', IMAGE_SIZE / 2, 0, [dedicatedInfo({ image: 'img' })])], V);
  });
  it('is silent when allocationSize equals the image requirement', async () => {
    await silent([...world(), ...image('img'), allocate('m', IMAGE_SIZE, 0, [dedicatedInfo({ image: 'img' })])], V);
  });
  it('is silent when allocationSize exceeds the image requirement', async () => {
    await silent([...world(), ...image('img'), allocate('m', IMAGE_SIZE * 2, 0, [dedicatedInfo({ image: 'img' })])], V);
  });
});

describe('VUID-VkMemoryDedicatedAllocateInfo-buffer-02965', () => {
  const V = 'VUID-VkMemoryDedicatedAllocateInfo-buffer-02965';
  it('reports an allocationSize smaller than the buffer requirement', async () => {
    await reports([...world(), ...buffer('buf'), allocate('m', BUFFER_SIZE / 2, 0, [dedicatedInfo({ buffer: 'buf' })])], V);
  });
  it('is silent when allocationSize equals the buffer requirement', async () => {
    await silent([...world(), ...buffer('buf'), allocate('m', BUFFER_SIZE, 0, [dedicatedInfo({ buffer: 'buf' })])], V);
  });
  it('is silent when allocationSize exceeds the buffer requirement', async () => {
    await silent([...world(), ...buffer('buf'), allocate('m', BUFFER_SIZE * 4, 0, [dedicatedInfo({ buffer: 'buf' })])], V);
  });
});

// ---------------------------------------------------------------------------------------------
// Dedicated imports of Vulkan-made payloads: the exporter must be dedicated to an identical resource.

type Kind = 'image' | 'buffer';
const resource = (kind: Kind, id: string, bit: number, device: string, width = 64): Step[] =>
  kind === 'image' ? image(id, { device, handleTypes: bit, width }) : buffer(id, { device, handleTypes: bit, size: BUFFER_SIZE * (width / 64) });
const sizeOf = (kind: Kind, width = 64) => (kind === 'image' ? IMAGE_SIZE : BUFFER_SIZE * (width / 64));
const dedicatedTo = (kind: Kind, id: string) => dedicatedInfo(kind === 'image' ? { image: id } : { buffer: id });

/**
 * memA on dev0 exports `type` (dedicated to resA, or suballocated when `exportDedicated` is false);
 * memB on dev1 imports it dedicated to resB, created like resA except for `importWidth`.
 */
function dedicatedImport(kind: Kind, type: 'win32' | 'fd', exportDedicated: boolean, importWidth = 64): Step[] {
  const bit = type === 'win32' ? BIT.OPAQUE_WIN32 : BIT.OPAQUE_FD;
  const size = sizeOf(kind);
  const importSize = sizeOf(kind, importWidth);
  return [
    ...world(),
    ...resource(kind, 'resA', bit, 'dev0'),
    allocate('memA', size, 0, [exportInfo(bit), ...(exportDedicated ? [dedicatedTo(kind, 'resA')] : [])]),
    type === 'win32' ? getWin32('memA', OPAQUE_WIN32, '0x100') : getFd('memA', OPAQUE_FD, 7),
    ...resource(kind, 'resB', bit, 'dev1', importWidth),
    allocate('memB', importSize, 0, [type === 'win32' ? importWin32(OPAQUE_WIN32, '0x100') : importFd(OPAQUE_FD, 7), dedicatedTo(kind, 'resB')], 'dev1'),
  ];
}

for (const [vuid, kind, type] of [
  ['VUID-VkMemoryDedicatedAllocateInfo-image-01876', 'image', 'win32'],
  ['VUID-VkMemoryDedicatedAllocateInfo-buffer-01877', 'buffer', 'win32'],
  ['VUID-VkMemoryDedicatedAllocateInfo-image-01878', 'image', 'fd'],
  ['VUID-VkMemoryDedicatedAllocateInfo-buffer-01879', 'buffer', 'fd'],
] as const) {
  const handle = type === 'win32' ? 'OPAQUE_WIN32' : 'OPAQUE_FD';
  describe(vuid, () => {
    it(`reports a dedicated ${kind} import of a suballocated ${handle} export`, async () => {
      await reports(dedicatedImport(kind, type, false), vuid);
    });
    it(`reports a dedicated ${kind} import whose ${kind} differs from the exporter's`, async () => {
      await reports(dedicatedImport(kind, type, true, 128), vuid);
    });
    it(`is silent when the ${handle} export is dedicated to an identically created ${kind}`, async () => {
      await silent(dedicatedImport(kind, type, true), vuid);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// VkDedicatedAllocationMemoryAllocateInfoNV.

describe('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-image-00649', () => {
  const V = 'VUID-VkDedicatedAllocationMemoryAllocateInfoNV-image-00649';
  const pre = () => [...world(), ...image('img', { nvDedicated: true }), ...buffer('buf', { nvDedicated: true })];
  it('reports an NV dedicated allocation naming both an image and a buffer', async () => {
    await reports([...pre(), allocate('m', IMAGE_SIZE, 0, [nvDedicatedInfo({ image: 'img', buffer: 'buf' })])], V);
  });
  it('is silent when only the image is named', async () => {
    await silent([...pre(), allocate('m', IMAGE_SIZE, 0, [nvDedicatedInfo({ image: 'img' })])], V);
  });
});

describe('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-image-00650', () => {
  const V = 'VUID-VkDedicatedAllocationMemoryAllocateInfoNV-image-00650';
  it('reports an image created without VkDedicatedAllocationImageCreateInfoNV', async () => {
    await reports([...world(), ...image('img'), allocate('m', IMAGE_SIZE, 0, [nvDedicatedInfo({ image: 'img' })])], V);
  });
  it('is silent for an image created with dedicatedAllocation = VK_TRUE', async () => {
    await silent([...world(), ...image('img', { nvDedicated: true }), allocate('m', IMAGE_SIZE, 0, [nvDedicatedInfo({ image: 'img' })])], V);
  });
});

describe('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-buffer-00651', () => {
  const V = 'VUID-VkDedicatedAllocationMemoryAllocateInfoNV-buffer-00651';
  it('reports a buffer created without VkDedicatedAllocationBufferCreateInfoNV', async () => {
    await reports([...world(), ...buffer('buf'), allocate('m', BUFFER_SIZE, 0, [nvDedicatedInfo({ buffer: 'buf' })])], V);
  });
  it('is silent for a buffer created with dedicatedAllocation = VK_TRUE', async () => {
    await silent([...world(), ...buffer('buf', { nvDedicated: true }), allocate('m', BUFFER_SIZE, 0, [nvDedicatedInfo({ buffer: 'buf' })])], V);
  });
});

describe('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-image-00652', () => {
  const V = 'VUID-VkDedicatedAllocationMemoryAllocateInfoNV-image-00652';
  const pre = () => [...world(), ...image('img', { nvDedicated: true })];
  it('reports an allocationSize smaller than the image requirement', async () => {
    await reports([...pre(), allocate('m', IMAGE_SIZE / 2, 0, [nvDedicatedInfo({ image: 'img' })])], V);
  });
  it('reports an allocationSize larger than the image requirement', async () => {
    await reports([...pre(), allocate('m', IMAGE_SIZE * 2, 0, [nvDedicatedInfo({ image: 'img' })])], V);
  });
  it('is silent when allocationSize equals the image requirement', async () => {
    await silent([...pre(), allocate('m', IMAGE_SIZE, 0, [nvDedicatedInfo({ image: 'img' })])], V);
  });
});

describe('VUID-VkDedicatedAllocationMemoryAllocateInfoNV-buffer-00653', () => {
  const V = 'VUID-VkDedicatedAllocationMemoryAllocateInfoNV-buffer-00653';
  const pre = () => [...world(), ...buffer('buf', { nvDedicated: true })];
  it('reports an allocationSize larger than the buffer requirement', async () => {
    await reports([...pre(), allocate('m', BUFFER_SIZE * 2, 0, [nvDedicatedInfo({ buffer: 'buf' })])], V);
  });
  it('is silent when allocationSize equals the buffer requirement', async () => {
    await silent([...pre(), allocate('m', BUFFER_SIZE, 0, [nvDedicatedInfo({ buffer: 'buf' })])], V);
  });
});

/** memA on dev0 exports OPAQUE_WIN32 (NV-dedicated to resA or not); memB on dev1 imports it NV-dedicated to resB. */
function nvDedicatedImport(kind: Kind, exportDedicated: boolean, importWidth = 64): Step[] {
  const make = (id: string, device: string, width: number) => (kind === 'image'
    ? image(id, { device, handleTypes: BIT.OPAQUE_WIN32, nvDedicated: true, width })
    : buffer(id, { device, handleTypes: BIT.OPAQUE_WIN32, nvDedicated: true, size: BUFFER_SIZE * (width / 64) }));
  const ded = (id: string) => nvDedicatedInfo(kind === 'image' ? { image: id } : { buffer: id });
  return [
    ...world(),
    ...make('resA', 'dev0', 64),
    allocate('memA', sizeOf(kind), 0, [exportInfo(BIT.OPAQUE_WIN32), ...(exportDedicated ? [ded('resA')] : [])]),
    getWin32('memA', OPAQUE_WIN32, '0x100'),
    ...make('resB', 'dev1', importWidth),
    allocate('memB', sizeOf(kind, importWidth), 0, [importWin32(OPAQUE_WIN32, '0x100'), ded('resB')], 'dev1'),
  ];
}

for (const [vuid, kind] of [
  ['VUID-VkDedicatedAllocationMemoryAllocateInfoNV-image-00654', 'image'],
  ['VUID-VkDedicatedAllocationMemoryAllocateInfoNV-buffer-00655', 'buffer'],
] as const) {
  describe(vuid, () => {
    it(`reports an NV dedicated ${kind} import of memory that was not NV dedicated`, async () => {
      await reports(nvDedicatedImport(kind, false), vuid);
    });
    it(`reports an NV dedicated ${kind} import whose ${kind} differs from the exporter's`, async () => {
      await reports(nvDedicatedImport(kind, true, 128), vuid);
    });
    it(`is silent when the exporter was NV dedicated to an identically created ${kind}`, async () => {
      await silent(nvDedicatedImport(kind, true), vuid);
    });
  });
}
