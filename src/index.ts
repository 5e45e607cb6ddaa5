// vk-extmem for Node: call `init()` once (it reads the Wasm core from disk), then validate.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { InputError } from './core/errors.js';
import { open, readFile } from 'node:fs/promises';
import { compileCoreFromDisk } from './core/load-node.js';
import * as api from './api.js';
import { useFastEncoders } from './core/encode.js';
import { FAST_ENCODERS } from './generated/encoders.js';
import { validateCaptureStream, validateScenarioText, looksLikeCapture, type ValidateOptions } from './validate.js';
import { summarize } from './report/summary.js';
import type { Report, FileResult } from './report/types.js';
import type { Validator } from './validator.js';
import { Requirements } from './conform/requirements.js';
import { deviationsMarkdown, type PinnedDriver } from './conform/pinned.js';

export * from './api.js';
export { findProfile, loadProfileFile } from './profiles/load-node.js';
export { createNativeBackend, NativeBackend, NativeUnavailable, loadNativeAddon } from './backends/native/index.js';
export { measureNativeProfile, measureNativeNormalized } from './backends/native/measure.js';
// Conformance: judging a driver against what the spec requires of it (src/conform).
export { runConformance, type ConformOptions } from './conform/engine.js';
export type { Assertion, ConformReport, ConformClass, Outcome, DriverInfo } from './conform/types.js';
export { formatText as formatConformText, formatJson as formatConformJson, formatJUnit as formatConformJUnit } from './conform/report.js';
export { pin, compareWithPin, isPinned, type Pinned } from './conform/pinned.js';
export { recordingTarget, replayTarget, readRecording, recordingText, ReplayMismatch, type Recording } from './conform/recording.js';
export type { ConformTarget } from './conform/run.js';

// Node encodes calls with the encoders generated per registry entry (a third of the general path's
// time per call); the browser bundle keeps only the general one.
useFastEncoders(FAST_ENCODERS);

let loading: Promise<void> | undefined;

/** Loads the core once. `wasmPath` overrides where the .wasm is read from (default: next to the bundle). */
export function init(wasmPath?: string): Promise<void> {
  loading ??= compileCoreFromDisk(wasmPath).then(api.setCoreModule);
  return loading;
}

/** A fresh validator with its own state (initialises on first use), and the handle-type catalogue. */
export const { createValidator, handleTypes } = api.withInit(() => init());

/** Validates one file: a gfxreconstruct JSON Lines capture (streamed) or a scenario; either may be gzipped. */
export async function validateFile(path: string, opts: ValidateOptions & { validator?: Validator } = {}): Promise<FileResult> {
  const v = opts.validator ?? (await createValidator());
  const fh = await open(path, 'r');
  let start: Buffer;
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    start = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  if (isGzip(start)) {
    // Captures are large and compress well: read through gunzip, still streamed line by line.
    const chunks = createReadStream(path).pipe(createGunzip());
    const it = chunks[Symbol.asyncIterator]();
    const first = await it.next().catch((e: Error) => { throw new InputError(`not a valid gzip file: ${e.message}`, { file: path }); });
    const head = first.done ? '' : Buffer.from(first.value as Uint8Array).subarray(0, 8192).toString('utf8');
    const all = (async function* () {
      if (!first.done) yield first.value as Uint8Array;
      try {
        for (let r = await it.next(); !r.done; r = await it.next()) yield r.value as Uint8Array;
      } catch (e) {
        throw new InputError(`the gzip stream is damaged: ${(e as Error).message}`, { file: path });
      }
    })();
    if (looksLikeCapture(head)) return validateCaptureStream(v, all, path, opts);
    const parts: Uint8Array[] = [];
    for await (const c of all) parts.push(c);
    return validateScenarioText(v, Buffer.concat(parts).toString('utf8'), path, opts);
  }
  const head = start.toString('utf8');
  if (looksLikeCapture(head)) return validateCaptureStream(v, createReadStream(path), path, opts);
  return validateScenarioText(v, await readFile(path, 'utf8'), path, opts);
}

/** The gzip magic number (RFC 1952). */
const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** Validates several files into one report. */
export async function validateFiles(paths: string[], opts: ValidateOptions = {}): Promise<Report> {
  const v = await createValidator();
  const files: FileResult[] = [];
  for (const p of paths) files.push(await validateFile(p, { ...opts, validator: v }));
  return { files, summary: summarize(files) };
}

/** The README's "Known driver deviations" from pinned runs (see scripts/pin-conformance.mjs). */
export async function knownDeviationsMarkdown(drivers: PinnedDriver[]): Promise<string> {
  const req = new Requirements((await createValidator()).core);
  return deviationsMarkdown(drivers, (rule) => ({ text: req.get(rule).text, url: req.url(rule), anchor: req.get(rule).anchor || 'spec' }));
}
