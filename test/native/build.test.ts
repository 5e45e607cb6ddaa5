// The build script: npm install never fails for want of a compiler or cmake (it says in one line why the
// native backend is unavailable), and the Windows addon cross-compiles with mingw-w64 with warnings as
// errors, importing nothing but NODE.EXE, KERNEL32 and msvcrt.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itNeeds } from '../helpers/system.js';
import { addonMissing, addonPath, crossCompiler, hasAddon, hasCrossCompiler, root } from './addon.js';
// @ts-expect-error: a plain JavaScript module of the build
const { undefinedOwnFunctions } = await import('../../scripts/native-symbols.mjs');

const script = join(root, 'scripts', 'build-native.mjs');

/** A PATH with node and nothing else (node may live in /usr/bin beside cmake and g++). */
const hasCompiler = ['g++', 'nm'].every((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).error === undefined);

/** A small shared object in a temporary folder, compiled from `source` (C++). */
function sharedObject(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vkx-symbols-'));
  writeFileSync(join(dir, 'part.cc'), source);
  const r = spawnSync('g++', ['-shared', '-fPIC', '-o', join(dir, 'part.so'), join(dir, 'part.cc')], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return join(dir, 'part.so');
}

function onlyNode(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vkx-path-'));
  symlinkSync(process.execPath, join(dir, 'node'));
  return dir;
}

describe('scripts/build-native.mjs', () => {
  it('--optional without cmake prints one line, records why, and exits 0', () => {
    const out = mkdtempSync(join(tmpdir(), 'vkx-native-'));
    const r = spawnSync(process.execPath, [script, '--optional', '--out', out], { encoding: 'utf8', env: { ...process.env, PATH: onlyNode() } });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^vk-extmem: native backend unavailable: cmake is not installed \(apt-get install cmake\)/);
    expect(JSON.parse(readFileSync(join(out, 'status.json'), 'utf8'))).toMatchObject({ built: false, reason: 'cmake is not installed (apt-get install cmake)' });
    expect(existsSync(join(out, 'Release', 'vkextmem.node'))).toBe(false);
  });

  it('without --optional the same failure exits 1', () => {
    const out = mkdtempSync(join(tmpdir(), 'vkx-native-'));
    const r = spawnSync(process.execPath, [script, '--out', out], { encoding: 'utf8', env: { ...process.env, PATH: onlyNode() } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('native backend unavailable: cmake is not installed');
  });

  it('VKX_SKIP_NATIVE skips the build with that reason', () => {
    const out = mkdtempSync(join(tmpdir(), 'vkx-native-'));
    const r = spawnSync(process.execPath, [script, '--optional', '--out', out], { encoding: 'utf8', env: { ...process.env, VKX_SKIP_NATIVE: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('vk-extmem: native backend unavailable: VKX_SKIP_NATIVE is set (everything else works; npm run build:native retries)');
  });

  // What build-native.mjs runs after a Linux build: an addon that calls a vkx:: function nothing defines
  // (an operation the generated header lists, with no C++ function) is refused, naming the function.
  itNeeds(hasCompiler && process.platform === 'linux', 'g++ and nm (apt-get install g++ binutils)')(
    'finds the vkx:: functions a shared object uses but does not define, and no others', () => {
      const uses = `#include <cstdio>
namespace vkx { namespace op { int dup(int fd); } int Defined(int x) { return x + 1; } }
extern "C" int entry(int x) { std::puts("entry"); return vkx::op::dup(vkx::Defined(x)); }
`;
      expect(undefinedOwnFunctions(sharedObject(uses))).toEqual(['vkx::op::dup(int)']);
      // The same with the function defined: nothing missing (puts, from libc, is not ours to define).
      expect(undefinedOwnFunctions(sharedObject(`${uses}namespace vkx { namespace op { int dup(int fd) { return fd; } } }\n`))).toEqual([]);
      expect(() => undefinedOwnFunctions(join(tmpdir(), 'vkx-no-such-file.so'))).toThrow(/^nm could not list the symbols of .*vkx-no-such-file\.so/);
    }, 60_000);

  itNeeds(hasAddon && hasCompiler, addonMissing || 'nm (apt-get install binutils)')('the built addon defines every vkx:: function it uses', () => {
    expect(undefinedOwnFunctions(addonPath)).toEqual([]);
  });

  itNeeds(hasCrossCompiler, `${crossCompiler} (apt-get install g++-mingw-w64-x86-64-posix)`)(
    'the Windows addon cross-compiles with -Werror and imports only NODE.EXE, KERNEL32 and msvcrt', () => {
      const r = spawnSync(process.execPath, [script, '--target', 'win32', '--quiet'], { encoding: 'utf8' });
      expect(r.status, `${r.stdout}\n${r.stderr}\n${existsSync(join(root, 'native/build/win32-build.log')) ? readFileSync(join(root, 'native/build/win32-build.log'), 'utf8').slice(-4000) : ''}`).toBe(0);
      const product = join(root, 'native', 'build', 'win32', 'vkextmem.node');
      expect(r.stdout.trim()).toBe('vk-extmem: native backend built: native/build/win32/vkextmem.node');
      const bytes = readFileSync(product);
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('MZ');
      const ninja = readFileSync(join(root, 'native', 'build', 'win32-cmake', 'build.ninja'), 'utf8');
      expect(ninja).toContain('-Wall -Wextra -Werror');
      const dump = spawnSync('x86_64-w64-mingw32-objdump', ['-p', product], { encoding: 'utf8' });
      if (dump.error === undefined) {
        const dlls = [...dump.stdout.matchAll(/DLL Name: (\S+)/g)].map((m) => m[1].toUpperCase()).sort();
        expect(dlls).toEqual(['KERNEL32.DLL', 'MSVCRT.DLL', 'NODE.EXE']);
        expect(dump.stdout).toContain('napi_register_module_v1');
      }
    }, 300_000);
});
