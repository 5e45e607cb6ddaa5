// gfxreconstruct's JSON Lines (gfxrecon-convert): a header line, annotations, then one line per call.
import { InputError, show } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import type { CallRecord } from './record.js';
import { ENTRIES, COMMAND_ALIASES, ALL_COMMANDS } from '../generated/registry.js';
import { callSucceeded, vkResultCode } from '../core/success.js';
// Modelled commands whose every rule is about one structure are read only when their line holds it
// (vkQueueSubmit: the keyed-mutex structures); the table of calls says which.
import { READ_ONLY_WITH } from '../generated/calls.js';

/** Per command the registry models, the names of its output parameters. */
const OUTPUTS = new Map(ENTRIES.filter((e) => e.kind === 'command').map((e) => [e.name, e.slots.filter((s) => s.out).map((s) => s.name)]));

/** Whether a recorded return value says the call failed (src/core/success.ts decides, as everywhere). */
export function recordedFailure(name: string, ret: unknown): boolean {
  const code = vkResultCode(ret);
  return code !== undefined && !callSucceeded(name, code);
}

/**
 * gfxreconstruct records no output data for a call that failed, and its converter writes those outputs
 * as null. That null is "not recorded", not a NULL pointer the application passed: the member is left
 * out of the record, so the model reads it as unknown instead of judging a NULL pointer.
 */
function dropUnrecordedOutputs(name: string, ret: unknown, args: Record<string, unknown>): Record<string, unknown> {
  if (!recordedFailure(name, ret)) return args;
  const outs = OUTPUTS.get(COMMAND_ALIASES[name] ?? name);
  if (!outs?.some((o) => args[o] === null)) return args;
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (!(v === null && outs.includes(k))) kept[k] = v;
  return kept;
}

/**
 * gfxrecon-convert 0.9.18 writes a zero enum inside an array as a bare word (`[Unhandled VkFoo, …]`),
 * which is not JSON; such lines are repaired by quoting those words. Other lines parse as they are.
 */
function parseLine(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (!text.includes('Unhandled Vk')) throw e;
    return JSON.parse(text.replace(/([[,:]\s*)(Unhandled Vk\w+)(?=\s*[\],}])/g, '$1"$2"'));
  }
}

/** Commands the model has rules or state for (their aliases too); every other call is read past. */
const MODELLED = new Set([...ENTRIES.filter((e) => e.kind === 'command').map((e) => e.name), ...Object.keys(COMMAND_ALIASES)]);
/** Per Vulkan command, how a line of it is read: parsed (MODEL), read past, or parsed only if it holds a marker. */
const MODEL = '';
const READ_PAST = '-';
const COMMAND_KIND = new Map<string, string>(ALL_COMMANDS.map((n) => [n, MODELLED.has(n) ? (READ_ONLY_WITH[COMMAND_ALIASES[n] ?? n] ?? MODEL) : READ_PAST]));
const NO_ARGS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** Whether a record is a call the reader read past (no rule applies to it; there is nothing to check). */
export const isReadPast = (rec: CallRecord): boolean => rec.args === NO_ARGS;

/**
 * A call the model reads past (a draw, a pipeline, a descriptor update: most of a real program's calls)
 * is recognized from the start of its line, as gfxrecon-convert writes it, without parsing the rest: a
 * record with no arguments. A line that does not start that way, names a command that is not a Vulkan
 * command, or does not end like a whole JSON object is parsed in full (and reported if it is bad).
 */
function readPast(text: string, line: number): CallRecord | null {
  if (!text.startsWith('{"index":') || text.charCodeAt(text.length - 1) !== 125) return null;
  const comma = text.indexOf(',', 9);
  if (comma < 10 || comma > 24 || !text.startsWith('"vkFunc":{"name":"', comma + 1)) return null;
  const start = comma + 19;
  const end = text.indexOf('"', start);
  if (end < 0) return null;
  const name = text.slice(start, end);
  const kind = COMMAND_KIND.get(name);
  if (kind === undefined) return null; // not a Vulkan command: parsed in full, and refused
  // A modelled command the model only reads for one structure is read past without it.
  if (kind !== READ_PAST && (kind === MODEL || text.includes(kind))) return null;
  let index = 0;
  for (let i = 9; i < comma; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    index = index * 10 + d;
  }
  return { kind: 'vk', name, args: NO_ARGS, call: index, line, origin: 'capture' };
}

/** Parses one line; returns null for lines that are not calls (header, annotations, meta blocks, blank). */
export function parseCaptureLine(text: string, line: number, file?: string): CallRecord | null {
  if (text.length === 0 || (text.charCodeAt(0) !== 123 && /^\s*$/.test(text))) return null;
  if (text.length > LIMITS.lineBytes) throw new InputError(`line is ${text.length} bytes, over the ${LIMITS.lineBytes}-byte limit (limit lineBytes)`, { file, line });
  const past = readPast(text, line);
  if (past) return past;
  let obj: unknown;
  try {
    obj = parseLine(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const col = m ? ` at column ${Number(m[1]) + 1}` : '';
    throw new InputError(`not valid JSON${col}: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}`, { file, line });
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new InputError(`expected a JSON object per line, got ${show(obj)}`, { file, line });
  const rec = obj as Record<string, unknown>;
  const fn = rec.vkFunc;
  if (fn === undefined) return null;
  if (typeof fn !== 'object' || fn === null || Array.isArray(fn)) throw new InputError(`vkFunc must be an object, got ${show(fn)}`, { file, line, path: 'vkFunc' });
  const f = fn as Record<string, unknown>;
  if (typeof f.name !== 'string') throw new InputError(`vkFunc.name must be a string, got ${show(f.name)}`, { file, line, path: 'vkFunc.name' });
  const args = f.args ?? {};
  if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new InputError(`vkFunc.args must be an object, got ${show(args)}`, { file, line, path: 'vkFunc.args' });
  const index = rec.index;
  if (index !== undefined && (typeof index !== 'number' || !Number.isInteger(index) || index < 0)) throw new InputError(`index must be a non-negative integer, got ${show(index)}`, { file, line, path: 'index' });
  return { kind: 'vk', name: f.name, args: dropUnrecordedOutputs(f.name, f.return, args as Record<string, unknown>), result: f.return, call: (index as number | undefined) ?? line, line, origin: 'capture' };
}

/**
 * Splits a chunked text stream into lines, handed out a chunk's worth at a time (one await per chunk
 * rather than per line, which cost more than reading past a line does), without holding more than one
 * chunk and one line in memory. The pieces of a line that spans chunks are kept apart and joined once,
 * when its newline arrives: appending each chunk to one string and searching it again from the start
 * cost time quadratic in the line's length (a 250 kB line in 1-byte chunks took 14 s).
 */
export async function* readLineBatches(chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): AsyncGenerator<string[]> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let pieces: string[] = []; // the current line so far, before its newline
  let pending = 0; // their total length
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const batch: string[] = [];
    let start = 0;
    let nl: number;
    while ((nl = text.indexOf('\n', start)) >= 0) {
      let line = text.slice(start, nl);
      if (pieces.length) {
        pieces.push(line);
        line = pieces.join('');
        pieces = [];
        pending = 0;
      }
      batch.push(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line);
      start = nl + 1;
    }
    if (start < text.length) {
      pieces.push(start === 0 ? text : text.slice(start));
      pending += text.length - start;
    }
    // The chunk's whole lines are read before a line too long to finish is refused, as line by line.
    if (batch.length) yield batch;
    if (pending > LIMITS.lineBytes * 2) throw new InputError(`a line is longer than ${LIMITS.lineBytes} bytes (limit lineBytes)`);
  }
  const rest = pieces.join('') + decoder.decode();
  if (rest.length) yield [rest];
}
