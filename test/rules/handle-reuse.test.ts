// Handle values are reused: once closed, an NT handle value can come back from an export, a
// DuplicateHandle into the process or an open by name, and then names the new object. Nothing of the
// closed handle may stick to the value (fd numbers likewise).
import { expect } from 'vitest';
import { ruleTests } from '../helpers/rule-tests.js';
import { prelude, allocate, exportInfo, importWin32, getWin32, getFd, importFd, vk, os, run, BIT, OPAQUE_WIN32, OPAQUE_FD, type Step } from '../helpers/world.js';

// Each case is named by its query id (rules/handle-reuse/<group>:NN), which npx vitest run -t selects.
const { describe, it } = ruleTests('handle-reuse');

const ANSWERS = { bufferAnswers: { [BIT.OPAQUE_WIN32]: 6, [BIT.OPAQUE_FD]: 6 }, secondDevice: true };
const exportedTwice: Step[] = [...prelude(ANSWERS), allocate('memA', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)]), allocate('memC', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32)]), allocate('memF', 1024, 0, [exportInfo(BIT.OPAQUE_FD)]), getWin32('memA', OPAQUE_WIN32, '0x100'), os('CloseHandle', { hObject: '0x100' })];
const importW = (id: string, handle: string): Step => allocate(id, 1024, 0, [importWin32(OPAQUE_WIN32, handle)], 'dev1');
const errors = async (steps: Step[]) => (await run(steps)).flat().filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.vuid}`);

describe('a closed NT handle value handed out again names the new object', () => {
  const reissued: Array<[string, Step[]]> = [
    ['a second export', [getWin32('memC', OPAQUE_WIN32, '0x100')]],
    ['an open by name', [
      allocate('memN', 1024, 0, [exportInfo(BIT.OPAQUE_WIN32), { sType: 'VK_STRUCTURE_TYPE_EXPORT_MEMORY_WIN32_HANDLE_INFO_KHR', pAttributes: null, dwAccess: 0x80000001, name: 'Local\\shared' }]),
      getWin32('memN', OPAQUE_WIN32, '0x400'), os('OpenSharedHandleByName', { lpName: 'Local\\shared', dwAccess: 0x80000001, pHandle: '0x100' }),
    ]],
    ['DuplicateHandle into the process', [getWin32('memC', OPAQUE_WIN32, '0x300'), os('DuplicateHandle', { hSourceProcessHandle: 'main', hSourceHandle: '0x300', hTargetProcessHandle: 'main', lpTargetHandle: '0x100', dwOptions: 2 }), os('CloseHandle', { hObject: '0x300' })]],
  ];
  for (const [how, steps] of reissued) {
    it(`${how}: importing the value is valid, and closing it once more is no double close`, async () => {
      expect(await errors([...exportedTwice, ...steps, importW('memB', '0x100'), os('CloseHandle', { hObject: '0x100' })])).toEqual([]);
    });
  }
  it('the value closed and not handed out again is still reported', async () => {
    expect(await errors([...exportedTwice, importW('memB', '0x100')])).toEqual(['error VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00661']);
    expect(await errors([...exportedTwice, os('CloseHandle', { hObject: '0x100' })])).toEqual(['error VKX-nt-handle-closed-twice']);
  });
  it('fd numbers the same way: a closed fd number returned again by an export imports', async () => {
    const steps = [...exportedTwice, getFd('memF', OPAQUE_FD, 5), os('close', { fd: 5 }), getFd('memF', OPAQUE_FD, 5), allocate('memD', 1024, 0, [importFd(OPAQUE_FD, 5)], 'dev1')];
    expect(await errors(steps)).toEqual([]);
  });
});
