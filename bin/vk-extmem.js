#!/usr/bin/env node
import { main } from '../dist/cli.js';

// Write everything before exiting, even when stdout is a pipe.
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (e) => {
  process.stderr.write(`vk-extmem: internal error: ${e?.message ?? e}\n`);
  process.exitCode = 70;
});
