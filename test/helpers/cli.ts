import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CliResult { code: number; stdout: string; stderr: string }

export function cli(args: string[], input?: string): CliResult {
  const r = spawnSync(process.execPath, ['bin/vk-extmem.js', ...args], { encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'vkx-cli-'));
let n = 0;
/** Writes text to a temporary file with the given suffix and returns its path. */
export function tempFile(text: string | Buffer, suffix = '.jsonl'): string {
  const p = join(dir, `input-${n++}${suffix}`);
  writeFileSync(p, text);
  return p;
}
