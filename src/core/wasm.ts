// Loading the core: the same module in Node (read from disk) and in the browser (fetched).
// Instantiation is explicit and async; after it, every call is synchronous. A core built from another
// contract (generated/contract.ts) than this TypeScript is refused: its layouts and codes would not agree.
import { CONTRACT_DIGEST } from '../generated/contract.js';

export interface CoreExports {
  memory: WebAssembly.Memory;
  /** The digest of the contract table the core was built from. */
  contractDigest(): number;
  inputAddress(): number;
  outputAddress(): number;
  validateRecord(): number;
  /** Checks the record without applying it (the session's first pass). */
  checkRecord(): number;
  /** Describes the record in the input buffer for a backend (core/describe.ts); returns the item count. */
  describeRecord(): number;
  describeOutputAddress(): number;
  /** Runs the core's garbage collector (the module uses AssemblyScript's minimal runtime). */
  __collect(): void;
  reset(): void;
  setClosedWorld(on: number): void;
  ruleCount(): number;
  ruleVuid(i: number): number;
  ruleTemplate(i: number): number;
  ruleOperands(i: number): number;
  ruleUndecidableByDesign(i: number): number;
  reasonCount(): number;
  reasonText(i: number): number;
  reasonOperands(i: number): number;
  /** Import resolution (src/resolve): device, process, handle type, nv (0/1), handle, name, resource; returns the entry count. */
  resolveImport(device: number, process: number, handleType: bigint, nv: number, handle: bigint, name: number, resource: number): number;
  resolveOutputAddress(): number;
}

/** Instantiates a compiled core module. `abort` turns a trap into a JavaScript error instead of killing the host. */
export async function instantiateCore(module: WebAssembly.Module): Promise<CoreExports> {
  let exportsRef: CoreExports | undefined;
  const instance = await WebAssembly.instantiate(module, {
    env: {
      abort(msg: number, file: number, line: number, col: number) {
        const text = exportsRef ? readString(exportsRef.memory, msg) : 'unknown';
        throw new CoreTrap(`core aborted: ${text} at ${line}:${col}`);
      },
      seed: () => 0x5eed,
    },
  });
  exportsRef = instance.exports as unknown as CoreExports;
  const digest = typeof exportsRef.contractDigest === 'function' ? exportsRef.contractDigest() >>> 0 : undefined;
  if (digest !== CONTRACT_DIGEST) {
    throw new CoreTrap(`the core (.wasm) was built from another boundary contract (${digest === undefined ? 'none' : `0x${digest.toString(16)}`}) than this library (0x${CONTRACT_DIGEST.toString(16)}); rebuild both with \`npm run build\``);
  }
  const start = (instance.exports as Record<string, unknown>)._initialize;
  if (typeof start === 'function') (start as () => void)();
  return exportsRef;
}

export class CoreTrap extends Error {}

/** Reads an AssemblyScript string (UTF-16, byte length stored just before it). */
export function readString(memory: WebAssembly.Memory, ptr: number): string {
  if (!ptr) return '';
  const bytes = new Uint32Array(memory.buffer, ptr - 4, 1)[0];
  const units = new Uint16Array(memory.buffer, ptr, bytes >>> 1);
  let out = '';
  for (let i = 0; i < units.length; i += 4096) out += String.fromCharCode(...units.subarray(i, i + 4096));
  return out;
}
