// vk-extmem in the browser: `await init(url)` fetches and compiles the core (served as application/wasm),
// then the whole platform-neutral API (src/api.ts) is there, with createValidator initialising on first use.
export * from './api.js';
export { init, createValidator, handleTypes } from './core/load-browser.js';
