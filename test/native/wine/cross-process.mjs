// Run by the Windows Node.js under Wine, from test/native/win32-driver.test.ts, with the Windows test
// driver as the Vulkan loader: two processes of one wineserver share device memory through the real
// object namespace. The first (this script) allocates exportable memory named NAME, writes bytes into
// it, exports a KMT handle (the driver's simulation), then starts a second node.exe (this script with
// --import) that imports the memory by name and by the KMT value, reads the bytes through each, writes
// its own through the import, and exits; the first then reads what the second wrote.
// Writes what it saw as JSON to OUT; the test judges it.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as lib from '../../../dist/index.js';

const OPAQUE_WIN32 = 0x2, OPAQUE_WIN32_KMT = 0x4;
const NAME = 'Local\\vkx-cross-process-test';
const HOST_VISIBLE = 0x2;
const [mode, out, kmtArg] = process.argv.slice(2);
const obs = { mode, errors: [] };
const hex = (u8) => Buffer.from(u8).toString('hex');

function open() {
  const b = lib.createNativeBackend({ apiVersion: 0x401000 });
  const pd = b.vulkan.physicalDevices()[0];
  const dev = b.vulkan.createDevice(pd.handle, ['VK_KHR_external_memory', 'VK_KHR_external_memory_win32', 'VK_KHR_dedicated_allocation']).handle;
  const type = pd.memoryTypes.findIndex((t) => (t.propertyFlags & HOST_VISIBLE) !== 0);
  return { b, dev, type };
}

try {
  const { b, dev, type } = open();
  if (mode === '--export') {
    const mem = b.vulkan.allocate(0, dev, { allocationSize: 65536, memoryTypeIndex: type, exportTypes: OPAQUE_WIN32 | OPAQUE_WIN32_KMT, exportName: NAME });
    obs.allocate = mem.result;
    obs.map = b.vulkan.map(dev, mem.handle, 0, 65536);
    b.vulkan.write(mem.handle, 0, Buffer.from('c0ffee0012345678', 'hex'));
    const kmt = b.vulkan.getWin32Handle(0, dev, mem.handle, OPAQUE_WIN32_KMT);
    obs.kmt = { result: kmt.result, value: kmt.value };
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--import', `${out}.child.json`, String(kmt.value)], { encoding: 'utf8', timeout: 120_000 });
    obs.child = { status: child.status, stderr: child.stderr?.slice(-2000) ?? '', error: child.error ? String(child.error) : null };
    obs.afterChild = hex(b.vulkan.read(mem.handle, 8, 8));
    b.vulkan.free(dev, mem.handle);
  } else {
    const byName = b.vulkan.allocate(0, dev, { allocationSize: 65536, memoryTypeIndex: type, imports: [{ kind: 'win32', handleType: OPAQUE_WIN32, handle: 0, name: NAME }] });
    obs.byName = { result: byName.result };
    if (byName.result === 0) { b.vulkan.map(dev, byName.handle, 0, 65536); obs.byName.read = hex(b.vulkan.read(byName.handle, 0, 8)); b.vulkan.write(byName.handle, 8, Buffer.from('5eed0000deadbeef', 'hex')); }
    const byKmt = b.vulkan.allocate(0, dev, { allocationSize: 65536, memoryTypeIndex: type, imports: [{ kind: 'win32', handleType: OPAQUE_WIN32_KMT, handle: Number(kmtArg) }] });
    obs.byKmt = { result: byKmt.result };
    if (byKmt.result === 0) { b.vulkan.map(dev, byKmt.handle, 0, 65536); obs.byKmt.read = hex(b.vulkan.read(byKmt.handle, 0, 8)); }
  }
  b.dispose();
} catch (e) {
  obs.errors.push(String(e?.stack ?? e));
}
writeFileSync(out, JSON.stringify(obs, null, 1));
