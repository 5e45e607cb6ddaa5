// Node: the .wasm sits next to the bundle (dist/core.wasm).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export async function compileCoreFromDisk(path?: string): Promise<WebAssembly.Module> {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = path ? [path] : [join(here, 'core.wasm'), join(here, '../dist/core.wasm'), join(here, '../../dist/core.wasm')];
  let lastError: unknown;
  for (const c of candidates) {
    try {
      return await WebAssembly.compile(await readFile(c));
    } catch (e) {
      lastError = e;
    }
  }
  throw new Error(`cannot load the vk-extmem core (.wasm): tried ${candidates.join(', ')}: ${(lastError as Error)?.message}. Run \`npm run build\`.`);
}
