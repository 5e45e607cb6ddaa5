// The AddressSanitizer + UBSan build of the addon for sanitized.test.ts: what the machine needs for it,
// building it once per test file (scripts/build-native.mjs --sanitize, incremental after the first
// time), and the environment a Node process needs to load it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasLavapipe, lavapipeIcd, root } from '../addon.js';

export const sanitizedDir = join(root, 'native', 'build', 'asan');
export const sanitizedAddon = join(sanitizedDir, 'Release', 'vkextmem.node');

const onPath = (cmd: string, arg = '--version') => spawnSync(cmd, [arg], { stdio: 'ignore' }).error === undefined;
const compiler = [process.env.CXX, 'c++', 'g++'].filter((c): c is string => !!c).find((c) => onPath(c));

/** The compiler's shared ASan runtime (GCC: libasan.so), or '' when it has none. */
function asanRuntime(): string {
  if (!compiler) return '';
  const r = spawnSync(compiler, ['-print-file-name=libasan.so'], { encoding: 'utf8' });
  const path = (r.stdout ?? '').trim();
  return r.status === 0 && path.startsWith('/') && existsSync(path) ? path : '';
}

const missing = [
  process.platform !== 'linux' && 'Linux',
  !onPath('cmake') && 'cmake (apt-get install cmake)',
  !compiler && 'a C++ compiler (apt-get install g++)',
  compiler && !asanRuntime() && `the AddressSanitizer runtime of ${compiler} (libasan.so; apt-get install gcc)`,
  !existsSync('/usr/include/vulkan/vulkan_core.h') && !process.env.VULKAN_SDK && 'the Vulkan headers (apt-get install libvulkan-dev)',
  !hasLavapipe && 'lavapipe and the Vulkan loader (mesa-vulkan-drivers, libvulkan1)',
].filter((x): x is string => !!x);

export const canSanitize = missing.length === 0;
export const sanitizeMissing = missing.join('; ');

export interface SanitizedBuild { status: number | null; stdout: string; stderr: string; log: string; preload?: string }
let build: SanitizedBuild | undefined;

/** Builds the sanitized addon (once per test file) and says what the build script said. */
export function buildSanitized(): SanitizedBuild {
  if (build) return build;
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-native.mjs'), '--sanitize', '--quiet'], { cwd: root, encoding: 'utf8' });
  const logFile = join(sanitizedDir, 'build.log');
  const statusFile = join(sanitizedDir, 'status.json');
  const status = existsSync(statusFile) ? JSON.parse(readFileSync(statusFile, 'utf8')) as { built: boolean; preload?: string } : undefined;
  build = {
    status: r.status, stdout: r.stdout, stderr: r.stderr,
    log: existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : '',
    preload: status?.built ? status.preload : undefined,
  };
  return build;
}

/**
 * The environment of a Node process that loads the sanitized addon: the runtime preloaded (Node itself
 * is not instrumented), leaks not reported (Node leaves memory to the OS at exit), the first report
 * stopping the process, and lavapipe as the driver. A failed allocation returns NULL as it does without
 * ASan: a mutant's allocationSize of 2^47 makes lavapipe ask posix_memalign for that much, which it
 * answers with VK_ERROR_OUT_OF_DEVICE_MEMORY, but which ASan would otherwise report as an error
 * ("allocation-size-too-big", anything over its 1 TiB maximum) and stop.
 */
export function sanitizedEnv(preload: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    LD_PRELOAD: preload,
    ASAN_OPTIONS: 'detect_leaks=0:abort_on_error=1:allocator_may_return_null=1',
    UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1',
    VK_EXTMEM_ADDON: sanitizedAddon,
    VK_ICD_FILENAMES: lavapipeIcd,
    VK_LAYER_ENABLE_MESSAGE_LIMIT: 'false',
  };
}

/** Lines in which a sanitizer reports something. */
export function sanitizerReports(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: \w+Sanitizer/.test(l));
}
