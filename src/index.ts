// vk-extmem: the public API. Call `init()` once (it loads the Wasm core), then validate.
import { compileCoreFromDisk } from './core/load-node.js';
import { instantiateCore } from './core/wasm.js';
import { Validator } from './validator.js';
import { readCatalogue, type HandleTypeInfo } from './catalogue.js';
import { validateCaptureStream, validateScenarioText, looksLikeCapture, type ValidateOptions } from './validate.js';
import { summarize } from './report/summary.js';
import type { Report, FileResult } from './report/types.js';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

export { Validator } from './validator.js';
export { InputError } from './core/errors.js';
export { LIMITS } from './core/limits.js';
export type { CallRecord } from './input/record.js';
export type { Finding, Severity, Report, FileResult, Summary, ExpectationResult } from './report/types.js';
export type { HandleTypeInfo } from './catalogue.js';
export { formatReport, type OutputFormat } from './report/index.js';
export { validateCaptureStream, validateScenarioText, type ValidateOptions } from './validate.js';
export { parseScenario } from './input/scenario.js';
export { parseCaptureLine } from './input/gfxrecon.js';

let modulePromise: Promise<WebAssembly.Module> | undefined;

/** Loads the core once. `wasmPath` overrides where the .wasm is read from. */
export async function init(wasmPath?: string): Promise<void> {
  modulePromise ??= compileCoreFromDisk(wasmPath);
  await modulePromise;
}

/** A fresh validator with its own state. */
export async function createValidator(): Promise<Validator> {
  await init();
  return Validator.fromModule(await modulePromise!);
}

/** The handle-type catalogue (KHR and NV), as the core defines it. */
export async function handleTypes(): Promise<HandleTypeInfo[]> {
  await init();
  return readCatalogue(await instantiateCore(await modulePromise!));
}

/** Validates one file: a gfxreconstruct JSON Lines capture (streamed) or a scenario. */
export async function validateFile(path: string, opts: ValidateOptions & { validator?: Validator } = {}): Promise<FileResult> {
  const v = opts.validator ?? (await createValidator());
  const fh = await open(path, 'r');
  let head = '';
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
  if (looksLikeCapture(head)) return validateCaptureStream(v, createReadStream(path), path, opts);
  const { readFile } = await import('node:fs/promises');
  return validateScenarioText(v, await readFile(path, 'utf8'), path, opts);
}

/** Validates several files into one report. */
export async function validateFiles(paths: string[], opts: ValidateOptions = {}): Promise<Report> {
  const v = await createValidator();
  const files: FileResult[] = [];
  for (const p of paths) files.push(await validateFile(p, { ...opts, validator: v }));
  return { files, summary: summarize(files) };
}
