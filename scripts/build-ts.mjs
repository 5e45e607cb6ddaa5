#!/usr/bin/env node
// Bundles the library and the CLI with esbuild (the .wasm is built by asc next to them).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', sourcemap: true, logLevel: 'warning', packages: 'external' };
await build({ ...common, entryPoints: { index: 'src/index.ts', cli: 'src/cli/main.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]' });
console.log('build-ts: dist/index.js, dist/cli.js');
