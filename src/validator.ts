// The call-by-call validator: one record in, findings out, state kept in the Wasm core between calls.
import { ENTRIES, COMMAND_ALIASES, ALL_COMMANDS, ENUMS, KIND, STRUCT_BY_STYPE } from './generated/registry.js';
import { successPredicate } from './core/success.js';
import { Encoder, Names, entryByName } from './core/encode.js';
import { RECORD } from './generated/contract.js';
import { InputError, show } from './core/errors.js';
import { FindingDecoder, loadRules, type RuleInfo } from './core/findings.js';
import { instantiateCore, type CoreExports } from './core/wasm.js';
import { membersMustBeKnown, type CallRecord } from './input/record.js';
import type { Finding } from './report/types.js';
import { readDescription } from './core/describe.js';
import type { DescribedItem } from './generated/contract.js';

/** A call prepare() encoded: judgePrepared() judges it without encoding it again. */
export interface PreparedCall { readonly rec: CallRecord; readonly entry: number; readonly encoding: number }

const knownCommands = new Set(ALL_COMMANDS);
const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];
/** Command and operation names, aliases included, -> entry: one lookup per call. */
const entryOfName = new Map<string, number | undefined>(entryByName);
for (const [alias, name] of Object.entries(COMMAND_ALIASES)) entryOfName.set(alias, entryByName.get(name));
/** Vulkan commands the core judges, and operations, by name (aliases included) -> entry: one lookup per call. */
const commandEntry = new Map<string, number>();
const operationEntry = new Map<string, number>();
for (const [name, entry] of entryOfName) {
  if (entry === undefined) continue;
  if (ENTRIES[entry].kind === 'command') commandEntry.set(name, entry);
  else if (ENTRIES[entry].kind === 'model') operationEntry.set(name, entry);
}
/** Per entry, how its numeric result says it succeeded (core/success.ts decides). */
const succeeds = ENTRIES.map((e) => successPredicate(e.name));
/** Per entry, whether a result of 0 (VK_SUCCESS, S_OK, FALSE…) is a success: most calls, asked without a call. */
const zeroSucceeds = succeeds.map((s) => s(0));
const RESULT_UNKNOWN = RECORD.markers.resultUnknown;
const OS_RESULTS: Record<string, number> = { S_OK: 0, TRUE: 1, FALSE: 0, E_FAIL: -2147467259, E_INVALIDARG: -2147024809 };
const VK_SUCCESS = ENUMS.VkResult.values.VK_SUCCESS;
const results = new Map<string, number>([...Object.entries(ENUMS.VkResult.values), ...Object.entries(OS_RESULTS)]);

export class Validator {
  readonly names = new Names();
  private encoder: Encoder;
  private decoder: FindingDecoder;
  readonly rules: RuleInfo[];
  readonly reasons: string[];
  /** The operands each reason declares (same index as `reasons`), for filling its words. */
  readonly reasonOperands: string[];
  /** Calls the core judged (records of commands it does not model are counted apart). */
  validated = 0;
  skipped = 0;

  /** The Wasm core behind this validator (low level; used by the benchmarks). */
  private constructor(readonly core: CoreExports) {
    const { rules, reasons, reasonOperands } = loadRules(core);
    this.rules = rules;
    this.reasons = reasons;
    this.reasonOperands = reasonOperands;
    this.encoder = new Encoder(core, this.names);
    this.decoder = new FindingDecoder(core, rules, reasons, reasonOperands, this.names);
  }

  static async fromModule(module: WebAssembly.Module): Promise<Validator> {
    return new Validator(await instantiateCore(module));
  }

  /** Forgets all tracked state (a new trace or scenario). */
  /**
   * The input is the whole world: a session whose backend ran every call. A handle, fd or name no call
   * made is then known not to exist, and the rules that ask for one decide instead of saying they cannot.
   * reset() goes back to an open world (captures: a value may come from outside them).
   */
  setClosedWorld(on: boolean): void {
    this.core.setClosedWorld(on ? 1 : 0);
  }

  reset(): void {
    this.failedOutputs.clear();
    this.core.reset();
    this.core.__collect();
    this.names.clear(); // the core holds none of the old ids now
    this.validated = 0;
    this.skipped = 0;
  }

  /**
   * Checks one call against the state built so far, then applies it (with `apply` false, only checks:
   * the session's look before a backend runs the call). Throws InputError for bad input.
   */
  check(rec: CallRecord, apply = true): Finding[] {
    const entry = this.entryOf(rec);
    if (entry === undefined) return [];
    const result = resultValue(rec.result, rec.line);
    this.encode(rec, entry, result);
    return this.judge(rec, entry, result, apply);
  }

  /**
   * A session's call, encoded once before a backend runs it: describe() then says what the backend is to
   * be asked, and judgePrepared() checks the same record with the result the backend gave, without
   * encoding the call again. Undefined for a call the core does not judge (check() would return []).
   * Throws InputError for bad input, as check() does.
   */
  prepare(rec: CallRecord): PreparedCall | undefined {
    const entry = this.entryOf(rec);
    if (entry === undefined) return undefined;
    this.encode(rec, entry, resultValue(rec.result, rec.line));
    return { rec, entry, encoding: this.encodings };
  }

  /** What a backend is to be asked for the call prepare() encoded last, from the core's decoding of it. */
  describe(): DescribedItem[] {
    return readDescription(this.core, this.core.describeRecord(), this.names);
  }

  /**
   * Checks (and with `apply`, applies) a prepared call as check() would with `result` written in it. The
   * record is encoded again only when another call was encoded since.
   */
  judgePrepared(call: PreparedCall, result: unknown, apply = true): Finding[] {
    const code = resultValue(result, call.rec.line);
    if (call.encoding === this.encodings) this.encoder.setResult(code);
    else this.encode(call.rec, call.entry, code);
    return this.judge(call.rec, call.entry, code, apply);
  }

  /** How many records this validator encoded: a prepared call is still in the buffer while this is its number. */
  private encodings = 0;

  /** The registry entry the core judges `rec` by; undefined for a data step or a command with no rules. */
  private entryOf(rec: CallRecord): number | undefined {
    const kind = rec.kind;
    if (kind === 'data') return undefined;
    if (kind === 'os') {
      const entry = operationEntry.get(rec.name);
      if (entry === undefined) throw new InputError(`${show(rec.name)} is not an operation the model knows (see scenarios/README.md)`, { line: rec.line, path: 'os.name' });
      return entry;
    }
    const entry = commandEntry.get(rec.name);
    if (entry !== undefined) return entry;
    if (!knownCommands.has(rec.name)) throw new InputError(`${show(rec.name)} is not a Vulkan command`, { line: rec.line, path: 'vkFunc.name' });
    this.skipped++;
    return undefined; // a real command with no external-memory rules
  }

  private encode(rec: CallRecord, entry: number, result: number): void {
    const process = rec.process && rec.process !== 'main' ? this.names.strings.id(rec.process) : 0;
    this.encodings++;
    try {
      this.encoder.encode(entry, rec.args, result, rec.call, process, membersMustBeKnown(rec));
    } catch (e) {
      if (e instanceof InputError) {
        e.where.line ??= rec.line;
        e.where.path = e.where.path ? `${rec.name}.${e.where.path}` : rec.name;
      }
      throw e;
    }
  }

  private judge(rec: CallRecord, entry: number, result: number, apply: boolean): Finding[] {
    const count = apply ? this.core.validateRecord() : this.core.checkRecord();
    if (apply) {
      if (result === 0 ? !zeroSucceeds[entry] : result !== RESULT_UNKNOWN && !succeeds[entry](result)) this.noteFailedOutputs(entry, rec);
      else if (this.failedOutputs.size) this.noteFailedOutputs(entry, rec, true);
    }
    // The core's collector runs when asked (AssemblyScript's minimal runtime): often enough to keep
    // memory flat, rarely enough to cost nothing per call.
    if (++this.validated % 4096 === 0) this.core.__collect();
    if (!count) return NO_FINDINGS;
    const found = this.decoder.decode(count, this.encoder, rec.call, rec.name);
    if (this.failedOutputs.size) for (const f of found) this.markConsequence(f, rec.args);
    return found;
  }

  /** Objects calls were to make but did not (the call failed or was refused): object id -> that call. */
  private failedOutputs = new Map<number, number>();

  /** A session refused `rec` (it is not run): what it was to make is not made. */
  noteRefused(rec: CallRecord): void {
    const entry = entryOfName.get(rec.name);
    if (entry !== undefined) this.noteFailedOutputs(entry, rec);
  }

  /** The call `rec` failed or was not run: the handles it was to return are not made. */
  noteFailedOutputs(entry: number, rec: CallRecord, made = false): void {
    for (const s of ENTRIES[entry].slots) {
      if (!s.out || s.kind !== KIND.HANDLE) continue;
      const v = rec.args[s.name];
      if (!((typeof v === 'number' && v > 0) || (typeof v === 'string' && v !== 'VK_NULL_HANDLE' && v !== ''))) continue;
      const id = this.names.objects.id(v as number | string);
      // A later call that does make an object under the name clears it.
      if (made) this.failedOutputs.delete(id); else this.failedOutputs.set(id, rec.call);
    }
  }

  /** A finding about a member naming an object an earlier call failed to make follows from that call. */
  private markConsequence(f: Finding, args: Record<string, unknown>): void {
    const v = valueAt(args, f.path);
    if (v === undefined || v === null || v === 'VK_NULL_HANDLE') return;
    if (typeof v !== 'number' && typeof v !== 'string') return;
    const id = this.names.objects.id(v);
    const at = this.failedOutputs.get(id);
    if (at !== undefined) f.after = at;
  }
}

/** The member a finding's path names (`pBindInfos[0].buffer`, `pAllocateInfo.pNext[VkMemoryDedicatedAllocateInfo].image`). */
function valueAt(args: Record<string, unknown>, path: string): unknown {
  if (!path) return undefined;
  let cur: unknown = args;
  for (const part of path.split('.')) {
    const m = /^(\w+)(?:\[(\w+)\])?$/.exec(part);
    if (!m || cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[m[1]];
    if (m[2] === undefined) continue;
    if (/^\d+$/.test(m[2])) cur = Array.isArray(cur) ? cur[Number(m[2])] : undefined;
    else {
      // pNext[StructName]: the chained structure of that type.
      let n = cur as Record<string, unknown> | null;
      while (n && typeof n === 'object' && STRUCT_BY_STYPE[ENUMS.VkStructureType.values[String(n.sType)]] !== m[2]) n = n.pNext as Record<string, unknown> | null;
      cur = n ?? undefined;
    }
  }
  return cur;
}

/**
 * A call's result as the core takes it: a number, or a VkResult, BOOL or HRESULT name; the "unknown"
 * marker when the input gives none; InputError for anything else.
 */
export function resultValue(v: unknown, line?: number): number {
  if (v === undefined || v === null) return RESULT_UNKNOWN;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (v === 'VK_SUCCESS') return VK_SUCCESS; // most calls: no lookup
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const x = results.get(v);
    if (x !== undefined) return x;
  }
  throw new InputError(`${show(v)} is not a VkResult or a known return value`, { line, path: 'return' });
}
