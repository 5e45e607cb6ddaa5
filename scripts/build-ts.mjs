#!/usr/bin/env node
// Bundles the library (Node and browser entries) and the CLI with esbuild, and writes the type
// declarations with tsc. The .wasm is built by asc next to the bundles.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Chunk names carry content hashes: clear the old ones, or every build leaves its chunks behind.
rmSync(new URL('../dist/chunks', import.meta.url), { recursive: true, force: true });
const common = { bundle: true, format: 'esm', sourcemap: true, logLevel: 'warning' };
await build({ ...common, platform: 'node', target: 'node20', packages: 'external', entryPoints: { index: 'src/index.ts', cli: 'src/cli/main.ts', 'process-host': 'src/backends/native/process-host.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]' });
// The browser bundle carries its dependencies and must not touch Node's modules.
await build({ ...common, platform: 'browser', target: 'es2022', entryPoints: { browser: 'src/browser.ts' }, outdir: 'dist' });
const tsc = fileURLToPath(new URL('../node_modules/.bin/tsc', import.meta.url));
execFileSync(tsc, ['-p', 'tsconfig.json'], { stdio: 'inherit' });
console.log('build-ts: dist/index.js, dist/browser.js, dist/cli.js, dist/process-host.js, dist/types/');
