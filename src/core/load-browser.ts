// Loading the core in a page: `await init(url)` fetches and compiles it (served as application/wasm).
// Apart from the rest of the browser entry (src/browser.ts) so a page that needs only validators, as the
// explorer's shell does, does not take the whole library with it.
import { setCoreModule, withInit } from './module.js';

let loading: Promise<void> | undefined;

/** Fetches and compiles the core once. `wasmUrl` defaults to core.browser.wasm (the core built for size) beside the bundle that carries this module (dist/browser.js). */
export function init(wasmUrl: string | URL = new URL('./core.browser.wasm', import.meta.url)): Promise<void> {
  loading ??= (async () => {
    const response = await fetch(wasmUrl);
    if (!response.ok) throw new Error(`cannot fetch the vk-extmem core from ${String(wasmUrl)}: HTTP ${response.status}`);
    const module = typeof WebAssembly.compileStreaming === 'function' && response.headers.get('content-type') === 'application/wasm'
      ? await WebAssembly.compileStreaming(response)
      : await WebAssembly.compile(await response.arrayBuffer());
    setCoreModule(module);
  })();
  return loading;
}

/** A fresh validator with its own state (initialises on first use), and the handle-type catalogue. */
export const { createValidator, handleTypes } = withInit(() => init());
