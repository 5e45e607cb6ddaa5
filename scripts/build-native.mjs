#!/usr/bin/env node
// Builds the native Vulkan backend (native/) and says in one line whether it is there.
//
//   node scripts/build-native.mjs              build for this machine with cmake-js (exit 1 on failure)
//   node scripts/build-native.mjs --optional   the same, but never fails: npm install runs it this way, and
//                                              a machine without cmake, a compiler or the Vulkan headers
//                                              still installs (everything but --backend native works)
//   node scripts/build-native.mjs --target win32
//                                              cross-compiles the Windows addon with mingw-w64
//                                              (x86_64-w64-mingw32-g++-posix) into native/build/win32/
//   node scripts/build-native.mjs --sanitize   (Linux) the addon with AddressSanitizer and UBSan, into
//                                              native/build/asan/, for test/native/sanitized.test.ts; Node
//                                              must preload the ASan runtime to load it (native/README-sanitize.md)
//   node scripts/build-native.mjs --target win32 --sanitize
//                                              the Windows addon with UBSan trapping on error (mingw has no
//                                              sanitizer runtime), into native/build/ubsan/win32/, for the
//                                              Wine tests (test/native/win32-driver.test.ts)
//
// Products: native/build/Release/vkextmem.node (this machine), native/build/win32/vkextmem.node,
// native/build/asan/Release/vkextmem.node (--sanitize; its status.json also names the runtime to preload),
// native/build/ubsan/win32/vkextmem.node (--target win32 --sanitize).
// native/build/status.json (or win32-status.json) records {built, path} or {built: false, reason}, so the
// TypeScript side can tell exactly why the backend is missing without building again.
// --out DIR builds in DIR instead of native/build (the products then lie in DIR/Release, DIR/win32).
// VKX_SKIP_NATIVE=1 skips the build (reported as unavailable, with that reason).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync, openSync, closeSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { undefinedOwnFunctions } from './native-symbols.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nativeDir = join(root, 'native');
const require = createRequire(join(root, 'package.json'));

const args = process.argv.slice(2);
const sanitize = args.includes('--sanitize');
const outAt = args.indexOf('--out');
const optional = args.includes('--optional');
const quiet = args.includes('--quiet');
const targetAt = args.indexOf('--target');
const target = targetAt >= 0 ? args[targetAt + 1] : 'host';
if (!['host', 'win32', process.platform].includes(target)) {
  console.error(`build-native: unknown --target ${target} (host or win32)`);
  process.exit(2);
}
const cross = target === 'win32' && process.platform !== 'win32';
const buildDir = outAt >= 0 ? resolve(args[outAt + 1] ?? '') : sanitize ? join(nativeDir, 'build', cross ? 'ubsan' : 'asan') : join(nativeDir, 'build');

const product = cross ? join(buildDir, 'win32', 'vkextmem.node') : join(buildDir, 'Release', 'vkextmem.node');
const statusFile = join(buildDir, cross ? 'win32-status.json' : 'status.json');
const logFile = join(buildDir, cross ? 'win32-build.log' : 'build.log');
const rel = (p) => relative(process.cwd(), p) || '.';

class Unavailable extends Error {}

function record(status) {
  mkdirSync(buildDir, { recursive: true });
  writeFileSync(statusFile, JSON.stringify(status, null, 2) + '\n');
}

function onPath(cmd) {
  const r = spawnSync(cmd, ['--version'], { stdio: 'ignore' });
  return !r.error;
}

function resolvePackage(name) {
  try {
    return require(name);
  } catch {
    throw new Unavailable(`the npm package ${name} is not installed (npm install adds it as an optional dependency)`);
  }
}

function vulkanHeaders() {
  const candidates = [process.env.VULKAN_SDK && join(process.env.VULKAN_SDK, 'include'), '/usr/include', '/usr/local/include']
    .filter(Boolean);
  return candidates.find((dir) => existsSync(join(dir, 'vulkan', 'vulkan_core.h')));
}

// Runs a build step with its output in the log (and on the terminal unless --optional or --quiet).
function run(cmd, argv, step) {
  const toLog = optional || quiet;
  let fd;
  if (toLog) fd = openSync(logFile, 'a');
  const r = spawnSync(cmd, argv, { cwd: root, stdio: toLog ? ['ignore', fd, fd] : 'inherit' });
  if (fd !== undefined) closeSync(fd);
  if (r.error) throw new Unavailable(`${step}: ${r.error.message}`);
  if (r.status !== 0) {
    let last = '';
    if (toLog) {
      const lines = readFileSync(logFile, 'utf8').split('\n').filter((l) => /error|Error|ERROR/.test(l));
      last = lines.length ? `: ${lines[lines.length - 1].trim().slice(0, 200)}` : '';
    }
    throw new Unavailable(`${step} failed${toLog ? ` (see ${rel(logFile)})` : ''}${last}`);
  }
}

// The shared ASan runtime of the compiler cmake will use (GCC's libasan.so): an instrumented addon can
// only be loaded by a Node that has it preloaded, since Node itself is not instrumented.
function sanitizerCompiler() {
  if (process.platform !== 'linux') throw new Unavailable('--sanitize is supported on Linux only');
  const cxx = [process.env.CXX, 'c++', 'g++'].filter(Boolean).find(onPath);
  if (!cxx) throw new Unavailable('no C++ compiler found (apt-get install g++)');
  const r = spawnSync(cxx, ['-print-file-name=libasan.so'], { encoding: 'utf8' });
  const runtime = (r.stdout || '').trim();
  if (r.status !== 0 || !runtime.startsWith('/') || !existsSync(runtime))
    throw new Unavailable(`${cxx} has no shared AddressSanitizer runtime (libasan.so; with GCC: apt-get install gcc, which brings libasan)`);
  return { cxx, runtime };
}

/** What Node needs in its environment to load the sanitized addon (and stop at the first report). */
function sanitizerEnv(runtime) {
  return { LD_PRELOAD: runtime, ASAN_OPTIONS: 'detect_leaks=0:abort_on_error=1', UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1' };
}

function buildHost() {
  const asan = sanitize ? sanitizerCompiler() : undefined;
  const cmakeJs = resolvePackage('cmake-js/package.json') && require.resolve('cmake-js/bin/cmake-js');
  resolvePackage('node-addon-api');
  resolvePackage('node-api-headers');
  if (!onPath('cmake')) throw new Unavailable('cmake is not installed (apt-get install cmake)');
  if (process.platform !== 'win32') {
    const cxx = [process.env.CXX, 'c++', 'g++', 'clang++'].filter(Boolean);
    if (!cxx.some(onPath)) throw new Unavailable('no C++ compiler found (apt-get install g++)');
    if (!onPath('make') && !onPath('ninja')) throw new Unavailable('no build tool for cmake: neither make nor ninja (apt-get install make)');
  }
  if (process.platform === 'linux' && !vulkanHeaders())
    throw new Unavailable('the Vulkan headers are not installed (apt-get install libvulkan-dev, or set VULKAN_SDK)');
  // Every core for the sanitized build, which the test run makes: make (where ninja is missing) would
  // otherwise compile one file at a time.
  const sanitizeArgs = asan ? ['--cxx', asan.cxx, '--CDVKX_SANITIZE=ON', '--parallel', String(availableParallelism())] : [];
  run(process.execPath, [cmakeJs, 'compile', '--directory', nativeDir, '--out', buildDir, '--config', 'Release', ...sanitizeArgs],
    'cmake-js compile');
  if (!existsSync(product)) throw new Unavailable(`the build ran but made no ${rel(product)}`);
  ownSymbolsDefined();
  // Loading it proves the Node-API linkage; it needs no Vulkan to load.
  const load = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(product)})`],
    { encoding: 'utf8', env: asan ? { ...process.env, ...sanitizerEnv(asan.runtime) } : process.env });
  if (load.status !== 0) {
    const why = (load.stderr || '').split('\n').find((l) => /Error/.test(l)) || `exit ${load.status}`;
    throw new Unavailable(`${rel(product)} was built but does not load: ${why.trim()}`);
  }
  return asan ? { sanitize: 'address,undefined', preload: asan.runtime } : {};
}

// Every symbol of the addon's own namespace must be defined (scripts/native-symbols.mjs says why).
function ownSymbolsDefined() {
  if (process.platform !== 'linux') return;
  let missing;
  try { missing = undefinedOwnFunctions(product); } catch (e) { throw new Unavailable(e.message); }
  if (missing.length) {
    rmSync(product, { force: true });
    throw new Unavailable(`${rel(product)} uses functions nothing defines: ${missing.join(', ')} (an operation native/src/generated/operations.h lists needs its function in native/src/)`);
  }
}

function buildWin32() {
  const cxx = 'x86_64-w64-mingw32-g++-posix';
  if (!onPath(cxx)) throw new Unavailable(`${cxx} not found (apt-get install g++-mingw-w64-x86-64-posix)`);
  if (!onPath('cmake')) throw new Unavailable('cmake is not installed (apt-get install cmake)');
  if (!onPath('make') && !onPath('ninja')) throw new Unavailable('no build tool for cmake: neither make nor ninja (apt-get install make)');
  const headers = resolvePackage('node-api-headers');
  const addonApi = resolvePackage('node-addon-api');
  const vk = vulkanHeaders();
  if (!vk) throw new Unavailable('the Vulkan headers are not installed (apt-get install libvulkan-dev, or set VULKAN_SDK)');
  // Only vulkan/ and vk_video/ may be visible to the cross compiler: the rest of /usr/include is glibc's.
  const inc = join(buildDir, 'win32-include');
  rmSync(inc, { recursive: true, force: true });
  mkdirSync(inc, { recursive: true });
  for (const sub of ['vulkan', 'vk_video']) if (existsSync(join(vk, sub))) symlinkSync(join(vk, sub), join(inc, sub));
  const work = join(buildDir, 'win32-cmake');
  const out = join(buildDir, 'win32');
  const generator = onPath('ninja') ? ['-G', 'Ninja'] : [];
  run('cmake', ['-S', nativeDir, '-B', work, ...generator,
    `-DCMAKE_TOOLCHAIN_FILE=${join(nativeDir, 'cmake', 'mingw-w64-x86_64.cmake')}`,
    '-DCMAKE_BUILD_TYPE=Release',
    `-DVKX_NODE_API_INC=${headers.include_dir};${addonApi.include.replace(/"/g, '')}`,
    `-DVKX_NODE_API_DEF=${headers.def_paths.node_api_def}`,
    `-DVKX_VULKAN_INCLUDE=${inc}`,
    `-DCMAKE_RUNTIME_OUTPUT_DIRECTORY=${out}`,
    `-DCMAKE_LIBRARY_OUTPUT_DIRECTORY=${out}`,
    `-DVKX_SANITIZE_TRAP=${sanitize ? 'ON' : 'OFF'}`,
  ], 'cmake configure (win32)');
  run('cmake', ['--build', work, '--parallel'], 'cmake build (win32)');
  if (!existsSync(product)) throw new Unavailable(`the build ran but made no ${rel(product)}`);
  return sanitize ? { sanitize: 'undefined (trap on error)' } : {};
}

// Two builds into one folder at once (npm test runs build.test.ts and wine.test.ts side by side, and both
// may build the Windows addon) would trample each other's cmake tree: the second waits for the first.
// The lock is a folder holding the builder's pid, so a build that was killed does not block the next.
function lock() {
  const dir = join(buildDir, `${cross ? 'win32' : 'host'}.lock`);
  const deadline = Date.now() + 15 * 60_000;
  const sleep = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (e) {
      // A tree we cannot write to fails later with its own message; the lock is not what should say so.
      if (e.code !== 'EEXIST') return null;
    }
    let holder = 0;
    try { holder = Number(readFileSync(join(dir, 'pid'), 'utf8')); } catch { /* just made, pid not written yet */ }
    if (holder > 0 && !alive(holder)) { rmSync(dir, { recursive: true, force: true }); continue; }
    if (Date.now() > deadline) throw new Unavailable(`another build still holds ${rel(dir)} after 15 minutes`);
    Atomics.wait(sleep, 0, 0, 200);
  }
}

function alive(pid) {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}

function main() {
  mkdirSync(buildDir, { recursive: true });
  let unlock;
  try {
    unlock = lock();
    if (optional || quiet) writeFileSync(logFile, '');
    if (process.env.VKX_SKIP_NATIVE) throw new Unavailable('VKX_SKIP_NATIVE is set');
    const extra = cross ? buildWin32() : buildHost();
    record({ built: true, target: cross ? 'win32' : process.platform, path: relative(root, product), ...extra });
    const how = extra?.preload ? ` (AddressSanitizer + UBSan; load it in a Node started with LD_PRELOAD=${extra.preload})` : extra?.sanitize ? ' (UBSan, trapping on error)' : '';
    console.log(`vk-extmem: native backend built: ${rel(product)}${how}`);
    return 0;
  } catch (e) {
    const reason = e instanceof Unavailable ? e.message : `unexpected error: ${e && e.message}`;
    // A failed build must not leave an older product looking current (but one that never got the lock
    // must not remove what the other build made).
    if (unlock !== undefined) rmSync(product, { force: true });
    try { record({ built: false, target: cross ? 'win32' : process.platform, reason }); } catch { /* read-only tree */ }
    const line = `vk-extmem: native backend unavailable: ${reason}`;
    if (optional) {
      console.log(`${line} (everything else works; npm run build:native retries)`);
      return 0;
    }
    console.error(line);
    return 1;
  } finally {
    unlock?.();
  }
}

process.exit(main());
