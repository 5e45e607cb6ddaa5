// vk-extmem in the browser: `await init(url)` fetches and compiles the core (served as application/wasm).
import * as api from './api.js';

export * from './api.js';

let loading: Promise<void> | undefined;

/** Fetches and compiles the core once. `wasmUrl` defaults to core.browser.wasm (the core built for size) next to this module. */
export function init(wasmUrl: string | URL = new URL('./core.browser.wasm', import.meta.url)): Promise<void> {
  loading ??= (async () => {
    const response = await fetch(wasmUrl);
    if (!response.ok) throw new Error(`cannot fetch the vk-extmem core from ${String(wasmUrl)}: HTTP ${response.status}`);
    const module = typeof WebAssembly.compileStreaming === 'function' && response.headers.get('content-type') === 'application/wasm'
      ? await WebAssembly.compileStreaming(response)
      : await WebAssembly.compile(await response.arrayBuffer());
    api.setCoreModule(module);
  })();
  return loading;
}

/** A fresh validator with its own state (initialises on first use), and the handle-type catalogue. */
export const { createValidator, handleTypes } = api.withInit(() => init());
