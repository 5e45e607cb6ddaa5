#!/usr/bin/env node
// Pins what each driver of test/fixtures/drivers/conformance-drivers.json deviates in: runs
// `vk-extmem conform --pin` on each driver present here (a recorded one is replayed), writing
// test/fixtures/drivers/<slug>/conformance.json, then rewrites the README's "Known driver deviations"
// from the pins. Review the differences (git diff) before committing: a pin is a claim about a driver.
// Usage: node scripts/pin-conformance.mjs [--readme-only] [SLUG...]
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const readmeOnly = args.includes('--readme-only');
const only = args.filter((a) => !a.startsWith('--'));
const { drivers } = JSON.parse(readFileSync(join(root, 'test/fixtures/drivers/conformance-drivers.json'), 'utf8'));

if (!readmeOnly) {
  for (const d of drivers) {
    if (only.length && !only.includes(d.slug)) continue;
    const dir = join(root, 'test/fixtures/drivers', d.slug);
    mkdirSync(dir, { recursive: true });
    const pin = join(dir, 'conformance.json');
    let cmd;
    const env = { ...process.env };
    if (d.recording) {
      const rec = join(dir, d.recording);
      if (!existsSync(rec)) { console.error(`pin-conformance: ${d.slug}: no recording ${rec}`); continue; }
      cmd = ['conform', '--replay', rec, '--pin', pin, '--format', 'json', '--output', '/dev/null'];
    } else {
      const icd = d.icd.startsWith('/') ? d.icd : join(root, d.icd);
      if (!existsSync(icd)) { console.error(`pin-conformance: ${d.slug}: not here (${d.needs})`); continue; }
      env.VK_ICD_FILENAMES = icd;
      if (d.libraryPath) env.LD_LIBRARY_PATH = [join(root, d.libraryPath), env.LD_LIBRARY_PATH].filter(Boolean).join(':');
      cmd = ['conform', '--pin', pin, '--format', 'json', '--output', '/dev/null'];
    }
    const r = spawnSync(process.execPath, [join(root, 'bin/vk-extmem.js'), ...cmd], { env, encoding: 'utf8' });
    if (r.status !== 0 && r.status !== 1) { console.error(`pin-conformance: ${d.slug}: conform failed (${r.status}):\n${r.stderr}`); process.exit(1); }
    console.log(`pin-conformance: ${d.slug}: ${pin}`);
  }
}

// The README section between its markers, from the pins.
const { knownDeviationsMarkdown } = await import(join(root, 'dist/index.js'));
const pins = drivers.filter((d) => existsSync(join(root, 'test/fixtures/drivers', d.slug, 'conformance.json')))
  .map((d) => ({ title: d.title, how: d.how, pinned: JSON.parse(readFileSync(join(root, 'test/fixtures/drivers', d.slug, 'conformance.json'), 'utf8')) }));
const section = await knownDeviationsMarkdown(pins);
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = '<!-- known-driver-deviations:start -->', end = '<!-- known-driver-deviations:end -->';
if (!readme.includes(start) || !readme.includes(end)) { console.error('pin-conformance: README.md has no known-driver-deviations markers'); process.exit(1); }
const next = readme.slice(0, readme.indexOf(start) + start.length) + '\n' + section + readme.slice(readme.indexOf(end));
if (next !== readme) { writeFileSync(readmePath, next); console.log('pin-conformance: README.md Known driver deviations rewritten'); }
