#!/usr/bin/env node
// Builds the Windows test driver (test/win32-driver/driver.c): a test double for a Windows Vulkan
// driver that the Windows addon loads in place of vulkan-1.dll under Wine (test/win32-driver/README.md).
//
//   node scripts/build-win32-driver.mjs [--profile NAME] [--out DIR] [--no-sanitize]
//
// 1. profile.h: the device the driver plays, generated from a built-in profile (default
//    illustrative-windows-discrete) through the mock's own reading of it, so both answer alike;
// 2. vkx-test-driver.dll, cross-built with mingw-w64's C compiler, -Wall -Wextra -Werror, and
//    -fsanitize=undefined with a trap handler (no sanitizer runtime exists for mingw: undefined
//    behaviour stops the process with an illegal instruction instead of going on).
// Products in DIR (default native/build/win32-driver). Exit 0 built; 1 a build error (the compiler's
// words); 3 the compiler is missing (apt-get install gcc-mingw-w64-x86-64-posix; scripts/setup.sh).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: { profile: { type: 'string' }, out: { type: 'string' }, 'no-sanitize': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log('Usage: node scripts/build-win32-driver.mjs [--profile NAME] [--out DIR] [--no-sanitize]\nBuilds the Windows test driver (a test double, see test/win32-driver/README.md) into DIR (default native/build/win32-driver).');
  process.exit(0);
}
const profileName = values.profile ?? 'illustrative-windows-discrete';
const out = resolve(values.out ?? join(root, 'native', 'build', 'win32-driver'));
const CC = 'x86_64-w64-mingw32-gcc-posix';

if (spawnSync(CC, ['--version'], { stdio: 'ignore' }).error) {
  console.error(`build-win32-driver: ${CC} is missing (apt-get install gcc-mingw-w64-x86-64-posix, or run scripts/setup.sh as root)`);
  process.exit(3);
}
mkdirSync(out, { recursive: true });

// 1. The header, from the same sources the mock is built from (bundled in memory, as check-templates does).
const bundle = await build({
  stdin: {
    contents: `export { profileHeader } from './test/win32-driver/profile-header.ts';\nexport { findProfile } from './src/profiles/load-node.ts';`,
    resolveDir: root, loader: 'ts', sourcefile: 'win32-driver-entry.ts',
  },
  bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'warning',
});
const entry = join(out, 'profile-header.mjs');
writeFileSync(entry, bundle.outputFiles[0].text);
const { profileHeader, findProfile } = await import(pathToFileURL(entry).href);
let profile;
try {
  profile = findProfile(profileName);
} catch (e) {
  console.error(`build-win32-driver: ${e.message}`);
  process.exit(2);
}
writeFileSync(join(out, 'profile.h'), profileHeader(profile));
rmSync(entry);

// 2. The DLL. Only the Vulkan headers are taken from /usr/include (the rest of it is glibc's).
const inc = join(out, 'include');
mkdirSync(inc, { recursive: true });
for (const d of ['vulkan', 'vk_video']) {
  const link = join(inc, d);
  if (!existsSync(link) && existsSync(`/usr/include/${d}`)) symlinkSync(`/usr/include/${d}`, link);
}
const dll = join(out, 'vkx-test-driver.dll');
const sanitize = values['no-sanitize'] ? [] : ['-fsanitize=undefined', '-fsanitize-undefined-trap-on-error'];
const args = ['-std=c11', '-O2', '-g', '-Wall', '-Wextra', '-Werror', ...sanitize, '-shared', `-I${out}`, `-I${inc}`,
  join(root, 'test', 'win32-driver', 'driver.c'), '-o', dll, '-static-libgcc'];
const r = spawnSync(CC, args, { encoding: 'utf8' });
if (r.status !== 0) {
  process.stderr.write(r.stderr || r.stdout || `${CC} failed\n`);
  console.error(`build-win32-driver: ${CC} failed (exit ${r.status})`);
  process.exit(1);
}
console.log(`build-win32-driver: ${join(out, 'vkx-test-driver.dll')} (profile ${profile.profile}${sanitize.length ? ', -fsanitize=undefined with traps' : ''})`);
