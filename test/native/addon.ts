// Loading the built addon for the native tests, and what the machine offers them. The addon is built
// by `npm install` (scripts/build-native.mjs --optional) or `npm run build:native`; a missing or stale
// build makes the tests that need it skip with that reason here, and fail in CI.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NativeAddon, RawAddon } from '../../src/backends/native/addon-api.js';
import { bindAddon } from '../../src/backends/native/addon-calls.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const addonPath = join(root, 'native', 'build', 'Release', 'vkextmem.node');
export const lavapipeIcd = '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json';
export const validationLayer = '/usr/share/vulkan/explicit_layer.d/VkLayer_khronos_validation.json';

export const VK_ERROR_EXTENSION_NOT_PRESENT = -7;
export const VK_ERROR_INVALID_EXTERNAL_HANDLE = -1000072003;
export const OPAQUE_FD = 0x1;
export const HOST_ALLOCATION = 0x80;
export const OPAQUE_WIN32 = 0x2;
export const BUFFER_USAGE_TRANSFER_SRC_DST = 0x1 | 0x2;

/** The newest source file, so a build older than the sources counts as missing, not as tested. */
function newestSource(): { file: string; mtime: number } {
  let best = { file: '', mtime: 0 };
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (statSync(p).mtimeMs > best.mtime) best = { file: p, mtime: statSync(p).mtimeMs };
    }
  };
  walk(join(root, 'native', 'src'));
  const cm = join(root, 'native', 'CMakeLists.txt');
  if (statSync(cm).mtimeMs > best.mtime) best = { file: cm, mtime: statSync(cm).mtimeMs };
  return best;
}

function addonProblem(): string {
  if (!existsSync(addonPath)) return 'the native addon is not built (npm run build:native)';
  const src = newestSource();
  if (statSync(addonPath).mtimeMs < src.mtime)
    return `the native addon is older than ${src.file.slice(root.length + 1)} (npm run build:native)`;
  return '';
}

export const addonMissing = addonProblem();
export const hasAddon = addonMissing === '';
export const hasLavapipe = existsSync(lavapipeIcd) && existsSync('/usr/lib/x86_64-linux-gnu/libvulkan.so.1');
export const lavapipeMissing = [!hasAddon && addonMissing, !hasLavapipe && 'lavapipe and the Vulkan loader (mesa-vulkan-drivers, libvulkan1)']
  .filter(Boolean).join('; ');
export const hasValidation = existsSync(validationLayer);
export const hasVulkaninfo = spawnSync('vulkaninfo', ['--help'], { stdio: 'ignore' }).error === undefined;
export const crossCompiler = 'x86_64-w64-mingw32-g++-posix';
export const hasCrossCompiler = spawnSync(crossCompiler, ['--version'], { stdio: 'ignore' }).error === undefined;

/** The addon's own exports (numbers in, a Float64Array for what comes out). */
export function loadRawAddon(): RawAddon {
  return createRequire(import.meta.url)(addonPath) as RawAddon;
}

/** The addon with objects in and out, as the native backend uses it. */
export function loadAddon(): NativeAddon {
  return bindAddon(loadRawAddon());
}

/** Opens on lavapipe: the ICD is chosen through the environment, which the loader reads at open(). */
export function openLavapipe(a: NativeAddon, options: Parameters<NativeAddon['open']>[0] = {}) {
  process.env.VK_ICD_FILENAMES = lavapipeIcd;
  process.env.VK_LAYER_ENABLE_MESSAGE_LIMIT = 'false';
  const r = a.open(options);
  if (!r.ok) throw new Error(`open() on lavapipe failed: ${r.error}`);
  return r;
}

export const FD_DEVICE_EXTENSIONS = ['VK_KHR_external_memory_fd', 'VK_EXT_external_memory_host'];

/** A device with the fd and host-pointer extensions, and an exportable buffer bound to its memory. */
export function exportableBuffer(a: NativeAddon, dev: number, size = 65536, handleTypes = OPAQUE_FD) {
  const b = a.createBuffer(dev, { size, usage: BUFFER_USAGE_TRANSFER_SRC_DST, flags: 0, sharingMode: 0, externalHandleTypes: handleTypes });
  if (b.result !== 0) throw new Error(`createBuffer: ${b.result}`);
  const req = a.bufferRequirements(dev, b.handle);
  const m = a.allocate(dev, { allocationSize: req.size, memoryTypeIndex: 0, exportTypes: handleTypes });
  if (m.result !== 0) throw new Error(`allocate: ${m.result}`);
  expect0(a.bindBuffer(dev, b.handle, m.handle, 0), 'bindBuffer');
  return { buffer: b.handle, memory: m.handle, size: req.size };
}

function expect0(r: number, what: string) {
  if (r !== 0) throw new Error(`${what}: ${r}`);
}
