// The native backend's other processes, on lavapipe: a scenario process besides the main one is a child
// process of Node with its own addon (src/backends/native/child-process.ts). Its objects get ids of
// their own, its calls run there, ExitProcess there counts what it still held, and a child that dies
// stops the scenario as failed, with the reason, instead of taking the run down. (Under Wine, the same
// children are node.exe processes sharing Win32 handles: test/native/win32-driver.test.ts.)
import { afterEach, describe, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { itNeeds } from '../helpers/system.js';
import { hasAddon, hasLavapipe, lavapipeIcd, lavapipeMissing, root } from './addon.js';
import { createNativeBackend, type NativeBackend } from '../../src/backends/native/index.js';
import { createValidator } from '../../src/index.js';
import { parseScenario } from '../../src/input/scenario.js';
import { runScenario } from '../../src/session/run-scenario.js';
import type { LifecycleEvent } from '../../src/backends/types.js';

const hostBuilt = existsSync(join(root, 'dist', 'process-host.js'));
const onLavapipe = itNeeds(hasAddon && hasLavapipe && hostBuilt, hostBuilt ? lavapipeMissing : 'dist/process-host.js is not built (npm run build)');
const OPAQUE_FD = 0x1;

let open: NativeBackend | undefined;
afterEach(() => { open?.dispose(); open = undefined; });
function backend(): NativeBackend {
  process.env.VK_ICD_FILENAMES = lavapipeIcd;
  return (open = createNativeBackend({ apiVersion: 0x401000 }));
}

describe('native backend: a scenario\'s other processes are child processes', () => {
  onLavapipe('a second process has its own objects and runs its own calls; ExitProcess there counts the fds it still held', () => {
    const b = backend();
    const events: LifecycleEvent[] = [];
    b.onEvent = (e) => events.push(e);
    const p = b.os.createProcess('B');
    expect(p).toBe(1);
    const mainPd = b.vulkan.physicalDevices(0)[0];
    const childPd = b.vulkan.physicalDevices(p)[0];
    expect(childPd.deviceName).toBe(mainPd.deviceName);
    // Ids of the child's objects say whose they are: no id of one process names an object of another.
    expect(childPd.handle).toBeGreaterThanOrEqual(2 ** 32);
    const dev = b.vulkan.createDevice(childPd.handle, ['VK_KHR_external_memory_fd']);
    expect(dev.result).toBe(0);
    expect(dev.handle).toBeGreaterThanOrEqual(2 ** 32);
    const mem = b.vulkan.allocate(p, dev.handle, { allocationSize: 65536, memoryTypeIndex: 0, exportTypes: OPAQUE_FD });
    expect(mem.result).toBe(0);
    expect(b.vulkan.map(dev.handle, mem.handle, 0, 65536)).toBe(0);
    b.vulkan.write(mem.handle, 16, new Uint8Array([1, 2, 3, 4]));
    expect([...b.vulkan.read(mem.handle, 16, 4)]).toEqual([1, 2, 3, 4]);
    // The child's device is no device of the main process's addon: a main-process call on it is refused.
    const mainDev = b.vulkan.createDevice(mainPd.handle, ['VK_KHR_external_memory_fd']).handle;
    expect(b.vulkan.allocate(0, mainDev, { allocationSize: 65536, memoryTypeIndex: 0, dedicated: { image: 0, buffer: mem.handle } }).result).not.toBe(0);
    const fd = b.vulkan.getFd(p, dev.handle, mem.handle, OPAQUE_FD);
    expect(fd.result).toBe(0);
    expect(events).toContainEqual({ kind: 'handle-created', process: p, handle: fd.value, handleKind: 'fd', payload: 0 });
    // The fd was never closed: the process's exit closes it, and says how many it closed.
    b.operations.ExitProcess(p, { process: p });
    expect(events).toContainEqual({ kind: 'process-exited', process: p, handlesClosed: 1 });
    // The process is gone: calls on its objects answer as for any unknown object.
    expect(b.vulkan.read(mem.handle, 16, 4)).toEqual(new Uint8Array(0));
    expect(b.vulkan.physicalDevices(p)).toEqual([]);
  }, 60_000);

  onLavapipe('a child that dies stops its scenario as failed, saying which process ended and during which call', async () => {
    const v = await createValidator();
    const b = backend();
    // A test double of a driver crash: the second process is killed right after it starts.
    const start = b.os.createProcess.bind(b.os);
    (b.os as { createProcess: (n: string) => number }).createProcess = (name) => {
      const p = start(name);
      const pid = (b as unknown as { places: Map<number, { pid: number }> }).places.get(p)!.pid;
      process.kill(pid, 'SIGKILL');
      return p;
    };
    const sc = parseScenario(JSON.stringify({
      scenario: 'child-dies', description: 'B dies at once.', source: 'example',
      steps: [
        { process: 'B', vkFunc: { name: 'vkCreateInstance', return: 'VK_SUCCESS', args: { pCreateInfo: { sType: 'VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO', pNext: null, flags: 0, pApplicationInfo: null, enabledLayerCount: 0, ppEnabledLayerNames: null, enabledExtensionCount: 0, ppEnabledExtensionNames: null }, pAllocator: null, pInstance: 'inst' } } },
        { process: 'B', vkFunc: { name: 'vkEnumeratePhysicalDevices', return: 'VK_SUCCESS', args: { instance: 'inst', pPhysicalDeviceCount: 1, pPhysicalDevices: ['phys'] } } },
      ],
    }), 'child-dies.json');
    const r = runScenario(v, sc, 'child-dies.json', b, {});
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/^stopped at call 2: process "B" ended during physicalDevices: it was ended by SIGKILL/);
  }, 60_000);
});
