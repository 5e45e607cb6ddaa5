// The runner fuzzes the built library (dist/), as a user gets it; this loads it and says so plainly
// when it is missing or older than the sources.
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './corpus.mjs';

export async function loadLibrary() {
  const entry = join(REPO_ROOT, 'dist/index.js');
  if (!existsSync(entry) || !existsSync(join(REPO_ROOT, 'dist/core.wasm'))) throw new Error('dist/ is not built: run `npm run build` first');
  const lib = await import(entry);
  await lib.init();
  return lib;
}

/** The newest source file under src/ and assembly/ when it is newer than dist/ (the run would test old code), else undefined. */
export function staleBuild() {
  const built = Math.min(statSync(join(REPO_ROOT, 'dist/index.js')).mtimeMs, statSync(join(REPO_ROOT, 'dist/core.wasm')).mtimeMs);
  let newest;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (statSync(p).mtimeMs > built && (!newest || statSync(p).mtimeMs > statSync(newest).mtimeMs)) newest = p;
    }
  };
  for (const d of ['src', 'assembly']) if (existsSync(join(REPO_ROOT, d))) walk(join(REPO_ROOT, d));
  return newest;
}
