// The compiled core module the public API hands out validators on. The platform entry points compile it
// (src/index.ts in Node, core/load-browser.ts in a page) and hand it over with setCoreModule.
import { Validator } from '../validator.js';
import { readCatalogue, type HandleTypeInfo } from '../catalogue.js';

let compiled: WebAssembly.Module | undefined;

/** Hands the API a compiled core module (the platform entry points do this in `init`). */
export function setCoreModule(module: WebAssembly.Module): void {
  compiled = module;
}

function coreModule(): WebAssembly.Module {
  if (!compiled) throw new Error('vk-extmem is not initialised: call and await init() first');
  return compiled;
}

/** A fresh validator with its own state. */
export async function createValidator(): Promise<Validator> {
  return Validator.fromModule(coreModule());
}

/** The handle-type catalogue (KHR and NV): generated data, the same the core is built from; needs no core. */
export async function handleTypes(): Promise<HandleTypeInfo[]> {
  return readCatalogue();
}

/** The entry points' `createValidator` (after the platform's `init`) and `handleTypes`. */
export function withInit(init: () => Promise<void>) {
  return {
    createValidator: async (): Promise<Validator> => { await init(); return createValidator(); },
    handleTypes,
  };
}
