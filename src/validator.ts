// The call-by-call validator: one record in, findings out, state kept in the Wasm core between calls.
import { ENTRIES, COMMAND_ALIASES, ALL_COMMANDS, ENUMS } from './generated/registry.js';
import { Encoder, Names, RESULT_UNKNOWN, entryByName } from './core/encode.js';
import { InputError, show } from './core/errors.js';
import { FindingDecoder, loadRules, type RuleInfo } from './core/findings.js';
import { instantiateCore, type CoreExports } from './core/wasm.js';
import type { CallRecord } from './input/record.js';
import type { Finding } from './report/types.js';

const knownCommands = new Set(ALL_COMMANDS);
const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];
const modelCalls = new Set(ENTRIES.filter((e) => e.kind === 'model').map((e) => e.name));
const OS_RESULTS: Record<string, number> = { S_OK: 0, TRUE: 1, FALSE: 0, E_FAIL: -2147467259, E_INVALIDARG: -2147024809 };
const results = new Map<string, number>([...Object.entries(ENUMS.VkResult.values), ...Object.entries(OS_RESULTS)]);
const aliases = new Map(Object.entries(COMMAND_ALIASES));

export class Validator {
  readonly names = new Names();
  private encoder: Encoder;
  private decoder: FindingDecoder;
  readonly rules: RuleInfo[];
  readonly reasons: string[];
  /** Calls the core judged (records of commands it does not model are counted apart). */
  validated = 0;
  skipped = 0;

  /** The Wasm core behind this validator (low level; used by the benchmarks). */
  private constructor(readonly core: CoreExports) {
    const { rules, reasons } = loadRules(core);
    this.rules = rules;
    this.reasons = reasons;
    this.encoder = new Encoder(core, this.names);
    this.decoder = new FindingDecoder(core, rules, reasons, this.names);
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
  check(rec: CallRecord, strict = rec.kind === 'os', apply = true): Finding[] {
    const name = aliases.get(rec.name) ?? rec.name;
    const entry = entryByName.get(name);
    if (rec.kind === 'data') return [];
    if (rec.kind === 'os') {
      if (!modelCalls.has(name)) throw new InputError(`${show(rec.name)} is not an operation the model knows (see scenarios/README.md)`, { line: rec.line, path: 'os.name' });
    } else if (entry === undefined || ENTRIES[entry].kind !== 'command') {
      if (!knownCommands.has(rec.name)) throw new InputError(`${show(rec.name)} is not a Vulkan command`, { line: rec.line, path: 'vkFunc.name' });
      this.skipped++;
      return []; // a real command with no external-memory rules
    }
    const process = rec.process && rec.process !== 'main' ? this.names.strings.id(rec.process) : 0;
    try {
      this.encoder.encode(entry!, rec.args, resultCode(rec.result, rec.line), rec.call, process, strict);
    } catch (e) {
      if (e instanceof InputError) {
        e.where.line ??= rec.line;
        e.where.path = e.where.path ? `${rec.name}.${e.where.path}` : rec.name;
      }
      throw e;
    }
    const count = apply ? this.core.validateRecord() : this.core.checkRecord();
    // The core's collector runs when asked (AssemblyScript's minimal runtime): often enough to keep
    // memory flat, rarely enough to cost nothing per call.
    if (++this.validated % 4096 === 0) this.core.__collect();
    return count ? this.decoder.decode(count, this.encoder, rec.call, rec.name) : NO_FINDINGS;
  }
}

function resultCode(v: unknown, line?: number): number {
  if (v === undefined || v === null) return RESULT_UNKNOWN;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const x = results.get(v);
    if (x !== undefined) return x;
  }
  throw new InputError(`${show(v)} is not a VkResult or a known return value`, { line, path: 'return' });
}
