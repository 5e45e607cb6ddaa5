#!/usr/bin/env node
import { main } from '../dist/cli.js';

// A reader that goes away early (`| head`) is not an error of ours.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (e) => {
  process.stderr.write(`vk-extmem: internal error: ${e?.message ?? e}\n`);
  process.exitCode = 70;
});
