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

describe('reading a stream a chunk of lines at a time', () => {
  const header = '{"header":{"source-path":"x.gfxr"}}';
  const call = (index: number) => `{"index":${index},"vkFunc":{"name":"vkDestroyBuffer","args":{"device":1,"buffer":2,"pAllocator":null}}}`;
  const readError = async (chunks: string[]) => {
    const v = await createValidator();
    return validateCaptureStream(v, chunks, 'x.jsonl').then(() => 'no error', (e: Error & { describe(): string }) => e.describe());
  };

  it('reads every whole line of a chunk before refusing the line the chunk leaves unfinished for being too long', async () => {
    const tooLong = 'x'.repeat(2 * 16 * 1024 * 1024 + 1);
    // The chunk's bad line comes first, so it is the error, not the long line after it.
    expect(await readError([`${header}\n${call(1)}\n{"index":2,\n${tooLong}`])).toMatch(/^x\.jsonl:3: not valid JSON at column 12: /);
    // Whole lines that are fine are all read; the long one is then named by its line number.
    expect(await readError([`${header}\n${call(1)}\n${call(2)}\n${tooLong}`])).toBe('x.jsonl:4: a line is longer than 16777216 bytes (limit lineBytes)');
  });

  it('joins a line split across chunks, and ends with a last line that has no newline', async () => {
    const v = await createValidator();
    const text = `${header}\n${call(1)}\r\n${call(2)}\n${call(3)}`;
    for (const cut of [1, 7, 40, text.length - 3]) {
      const got = await validateCaptureStream(v, [text.slice(0, cut), text.slice(cut, cut + 5), text.slice(cut + 5)], 'x.jsonl');
      expect(got.calls, `cut at ${cut}`).toBe(3);
    }
    expect(await readError([`${header}\n`, `${call(1)}\n{"index":`, '2,}\n'])).toMatch(/^x\.jsonl:3: not valid JSON at column 12: /);
  });
});
