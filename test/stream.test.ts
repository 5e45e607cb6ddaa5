// A long capture is validated in constant memory: the state the core keeps follows the live objects,
// not the length of the trace.
import { describe, it, expect } from 'vitest';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createValidator, validateCaptureStream } from '../src/index.js';
// @ts-expect-error plain JavaScript module shared with the benchmark
import { traceLines } from '../bench/trace.mjs';

// A full collection before each heap reading, so the comparison is of what is live.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function stream(calls: number): Readable {
  return Readable.from((function* () { for (const l of traceLines(calls) as Iterable<string>) yield l + '\n'; })());
}

describe('streaming validation', () => {
  it('keeps Wasm memory and the JS heap flat from 50 000 to 400 000 calls', async () => {
    const v = await createValidator();
    const small = await validateCaptureStream(v, stream(50_000), 'small.jsonl', { keepFindings: false });
    gc();
    const wasmAfterSmall = v.core.memory.buffer.byteLength;
    const heapAfterSmall = process.memoryUsage().heapUsed;
    let progressed = 0;
    const big = await validateCaptureStream(v, stream(400_000), 'big.jsonl', { keepFindings: false, onProgress: () => progressed++ });
    gc();
    expect(small.calls).toBe(50_000);
    expect(big.calls).toBe(400_000);
    expect(big.findings).toEqual([]);
    expect(progressed).toBe(4);
    expect(v.core.memory.buffer.byteLength).toBeLessThanOrEqual(wasmAfterSmall + (1 << 20));
    const grown = process.memoryUsage().heapUsed - heapAfterSmall;
    expect(grown, `JS heap grew by ${grown} bytes`).toBeLessThan(16 * (1 << 20));
  }, 120000);
});
