// Deciding what the input decides: a value that is never a handle is an error; a handle whose type the
// model knows must be of the type a call states (property queries too); and when a backend ran every
// call of the world, a handle, fd or name no call made is known not to exist.
import { expect, beforeAll } from 'vitest';
import { ruleTests } from '../helpers/rule-tests.js';
import { createValidator } from '../../src/index.js';
import { runScenario } from '../../src/session/run-scenario.js';
import { createMockBackend } from '../../src/backends/mock/index.js';
import { builtinProfiles } from '../../src/profiles/builtin.js';
import type { Validator } from '../../src/validator.js';
import { prelude, allocate, exportInfo, importWin32, importFd, getWin32, getFd, vk, run, toRecord, BIT, OPAQUE_WIN32, OPAQUE_FD, type Step } from '../helpers/world.js';

// Each case is named by its query id (rules/decidable/<group>:NN), which npx vitest run -t selects.
const { describe, it } = ruleTests('decidable');

const ANSWERS = { bufferAnswers: { [BIT.OPAQUE_WIN32]: 6, [BIT.OPAQUE_FD]: 6 }, secondDevice: true };
const last = async (steps: Step[]) => (await run(steps)).at(-1)!.map((f) => `${f.severity} ${f.vuid}`);
const win32Props = (handleType: string, handle: unknown) => vk('vkGetMemoryWin32HandlePropertiesKHR', { device: 'dev1', handleType, handle, pMemoryWin32HandleProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_WIN32_HANDLE_PROPERTIES_KHR', pNext: null, memoryTypeBits: 1 } });
const fdProps = (handleType: string, fd: number) => vk('vkGetMemoryFdPropertiesKHR', { device: 'dev1', handleType, fd, pMemoryFdProperties: { sType: 'VK_STRUCTURE_TYPE_MEMORY_FD_PROPERTIES_KHR', pNext: null, memoryTypeBits: 1 } });
const D3D11 = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT';
const DMA_BUF = 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_DMA_BUF_BIT_EXT';

describe('INVALID_HANDLE_VALUE is never a handle', () => {
  for (const v of ['0xffffffffffffffff', -1, 'INVALID_HANDLE_VALUE', '0xffffffff']) {
    it(`imported as ${JSON.stringify(v)}: an error, not "cannot decide"`, async () => {
      expect(await last([...prelude(ANSWERS), allocate('m', 1024, 0, [importWin32(OPAQUE_WIN32, v as string)])])).toContain('error VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661');
    });
  }
  it('in a handle-properties query', async () => {
    const f = (await run([...prelude(ANSWERS), win32Props(D3D11, '0xffffffffffffffff')])).at(-1)!;
    expect(f.map((x) => `${x.severity} ${x.vuid}`)).toEqual(['error VUID-vkGetMemoryWin32HandlePropertiesKHR-handle-00665']);
    expect(f[0].message).toMatch(/^handle INVALID_HANDLE_VALUE is not a valid D3D11_TEXTURE memory handle/);
  });
});

describe('a handle of a known type must be of the type the call states', () => {
  const win32: Step[] = [...prelude(ANSWERS), allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)]), getWin32('memA', OPAQUE_WIN32, '0x100')];
  const fd: Step[] = [...prelude(ANSWERS), allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_FD)]), getFd('memA', OPAQUE_FD, 7)];
  it('vkGetMemoryWin32HandlePropertiesKHR with D3D11_TEXTURE for an OPAQUE_WIN32 handle', async () => {
    const f = (await run([...win32, win32Props(D3D11, '0x100')])).at(-1)!;
    expect(f.map((x) => x.vuid)).toEqual(['VUID-vkGetMemoryWin32HandlePropertiesKHR-handle-00665']);
    expect(f[0].message).toBe('handle 0x100 is not a valid D3D11_TEXTURE memory handle in this process; the handle type it carries: OPAQUE_WIN32.');
  });
  it('vkGetMemoryFdPropertiesKHR with DMA_BUF for an OPAQUE_FD fd (and OPAQUE_FD itself draws only its own rule, 00674)', async () => {
    expect(await last([...fd, fdProps(DMA_BUF, 7)])).toEqual(['error VUID-vkGetMemoryFdPropertiesKHR-fd-00673']);
    expect(await last([...fd, fdProps('VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT', 7)])).toEqual(['error VUID-vkGetMemoryFdPropertiesKHR-handleType-00674']);
  });
});

describe('a world a backend ran is closed: what no call made does not exist', () => {
  let v: Validator;
  beforeAll(async () => { v = await createValidator(); });
  const never: Step[] = [...prelude({ ...ANSWERS, extensions: ['VK_KHR_external_memory', 'VK_KHR_external_memory_fd', 'VK_KHR_dedicated_allocation'] }), allocate('m', 65536, 0, [importFd(OPAQUE_FD, 9)], 'dev1')];
  it('as a capture (open world): cannot decide; in a session on the mock (closed world): an error', async () => {
    expect(await last(never)).toEqual(['undecidable VUID-VkImportMemoryFdInfoKHR-handleType-00670']);
    const p = builtinProfiles().find((x) => x.profile === 'lavapipe')!;
    const r = runScenario(v, { name: 'never-made', steps: never.map((s, i) => toRecord(s, i + 1)) }, 'never-made', createMockBackend([p]), { profile: p });
    expect(r.findings.map((f) => `${f.call} ${f.severity} ${f.vuid}`)).toEqual([`${never.length} error VUID-VkImportMemoryFdInfoKHR-handleType-00670`]);
    // And a later capture on the same validator is open-world again.
    expect(await last(never)).toEqual(['undecidable VUID-VkImportMemoryFdInfoKHR-handleType-00670']);
  });
});
