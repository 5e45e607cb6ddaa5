// What happened to handles and payloads in calls that ran as recorded (captures): read from the calls
// and their outputs as written, in the shape the session gives a backend's events, and the same events
// the mock reports when it runs those calls.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createValidator } from '../../src/index.js';
import { parseCaptureLine } from '../../src/input/gfxrecon.js';
import { parseScenario } from '../../src/input/scenario.js';
import { runScenario } from '../../src/session/run-scenario.js';
import { createMockBackend } from '../../src/backends/mock/index.js';
import { findProfile } from '../../src/profiles/builtin.js';
import { RecordedEvents } from '../../src/session/recorded-events.js';
import type { Validator } from '../../src/validator.js';
import type { CallRecord } from '../../src/input/record.js';

let v: Validator;
beforeAll(async () => { v = await createValidator(); });

function captureRecords(file: string): CallRecord[] {
  const lines = readFileSync(`test/fixtures/captures/${file}`, 'utf8').split('\n');
  return lines.map((l, i) => parseCaptureLine(l, i + 1, file)).filter((r): r is CallRecord => !!r);
}
/** call -> the event texts of that call, for the calls that have any. */
function eventsByCall(records: CallRecord[]): Record<number, string[]> {
  const rec = new RecordedEvents();
  const out: Record<number, string[]> = {};
  for (const r of records) {
    const { raw, events } = rec.take(r);
    expect(raw.length).toBe(events.length);
    if (events.length) out[r.call] = events.map((e) => `${e.kind}@${e.process}: ${e.text}`);
  }
  return out;
}

describe('events of a capture, read from its calls', () => {
  it('valid-buffer.jsonl: the allocation, the fd export, its import by the second device, the last free', () => {
    expect(eventsByCall(captureRecords('valid-buffer.jsonl'))).toEqual({
      13: ['payload-born@: payload P1 born (65536 bytes, vulkan)'],
      18: ['handle-created@main: fd 5 made → P1'],
      21: ['handle-imported@main: fd 5 imported as memory 8 → P1 (the driver now owns the fd)'],
      // Memory 8 goes first; the payload lives on in memory 6 until call 29.
      29: ['payload-freed@: payload P1 freed'],
    });
  });

  it('keeps the backend-shaped events with their values (what the timeline pairs by)', () => {
    const rec = new RecordedEvents();
    const raws = captureRecords('valid-buffer.jsonl').flatMap((r) => rec.take(r).raw);
    expect(raws).toEqual([
      { kind: 'payload-born', payload: 1, size: 65536, origin: 'vulkan' },
      { kind: 'handle-created', process: 0, handle: 5, handleKind: 'fd', payload: 1 },
      { kind: 'handle-imported', process: 0, handle: 5, handleKind: 'fd', payload: 1, memory: 8, ownershipMoved: true },
      { kind: 'payload-freed', payload: 1 },
    ]);
  });

  it('misuse-import-size.jsonl: an import that failed takes nothing; the fd keeps the payload alive past the free', () => {
    expect(eventsByCall(captureRecords('misuse-import-size.jsonl'))).toEqual({
      13: ['payload-born@: payload P1 born (65536 bytes, vulkan)'],
      18: ['handle-created@main: fd 5 made → P1'],
    });
  });

  it('misuse-export-type.jsonl: an fd of -1 is no handle', () => {
    expect(eventsByCall(captureRecords('misuse-export-type.jsonl'))).toEqual({
      9: [expect.stringMatching(/^payload-born@: payload P1 born/)],
      11: ['payload-freed@: payload P1 freed'],
    });
  });

  it('valid-host-pointer.jsonl: imported host memory is the application’s allocation and outlives vkFreeMemory', () => {
    const events = eventsByCall(captureRecords('valid-host-pointer.jsonl'));
    expect(events).toEqual({ 13: [expect.stringMatching(/^payload-born@: payload P1 born \(\d+ bytes, host\)$/)] });
  });

  it('a call whose result is not written counts as a success; one whose result cannot be read makes nothing', () => {
    const alloc = (result: unknown): CallRecord => ({ kind: 'vk', name: 'vkAllocateMemory', call: 1, result, args: { device: 1, pAllocateInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', pNext: null, allocationSize: 64, memoryTypeIndex: 0 }, pAllocator: null, pMemory: 9 } });
    expect(new RecordedEvents().take(alloc(undefined)).events.map((e) => e.kind)).toEqual(['payload-born']);
    expect(new RecordedEvents().take(alloc(0)).events.map((e) => e.kind)).toEqual(['payload-born']);
    expect(new RecordedEvents().take(alloc('VK_ERROR_OUT_OF_DEVICE_MEMORY')).events).toEqual([]);
    expect(new RecordedEvents().take(alloc('VK_SOMETHING_NEWER')).events).toEqual([]);
  });

  it('Win32 exports and imports: NT handles hold the payload, KMT values do not; an unknown handle’s payload is first seen at its import', () => {
    const alloc = (call: number, mem: number, pNext: unknown = null): CallRecord => ({ kind: 'vk', name: 'vkAllocateMemory', call, result: 'VK_SUCCESS', args: { device: 1, pAllocateInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', pNext, allocationSize: 4096, memoryTypeIndex: 0 }, pAllocator: null, pMemory: mem } });
    const get = (call: number, mem: number, handleType: string, handle: string): CallRecord => ({ kind: 'vk', name: 'vkGetMemoryWin32HandleKHR', call, result: 'VK_SUCCESS', args: { device: 1, pGetWin32HandleInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_GET_WIN32_HANDLE_INFO_KHR', pNext: null, memory: mem, handleType }, pHandle: handle } });
    const imp = (handleType: string, handle: string) => ({ sType: 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_WIN32_HANDLE_INFO_KHR', pNext: null, handleType, handle, name: null });
    const free = (call: number, mem: number): CallRecord => ({ kind: 'vk', name: 'vkFreeMemory', call, args: { device: 1, memory: mem, pAllocator: null } });
    expect(eventsByCall([
      alloc(1, 10),
      get(2, 10, 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT', '0x1a4'),
      get(3, 10, 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT', '0x40000b02'),
      alloc(4, 11, imp('VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT', '0x40000b02')),
      alloc(5, 12, imp('VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_RESOURCE_BIT', '0x2f0')),
      free(6, 11), free(7, 10), free(8, 12),
    ])).toEqual({
      1: ['payload-born@: payload P1 born (4096 bytes, vulkan)'],
      2: ['handle-created@main: NT handle 0x1a4 made → P1'],
      3: ['handle-created@main: KMT handle 0x40000b02 made → P1'],
      4: ['handle-imported@main: KMT handle 0x40000b02 imported as memory 11 → P1'],
      5: [
        'payload-born@: payload P2 first seen (4096 bytes, d3d12-resource; made before the capture or by another process)',
        'handle-imported@main: NT handle 0x2f0 imported as memory 12 → P2',
      ],
      // P1 stays: the NT handle 0x1a4 still refers to it (a capture records no CloseHandle).
      8: ['payload-freed@: payload P2 freed'],
    });
  });
});

describe('the same events the mock reports', () => {
  it('for every Vulkan call of the opaque_fd CTS scenarios run on lavapipe (those without OS calls, as in a capture)', () => {
    const files = readdirSync('scenarios/cts').filter((f) => f.startsWith('opaque_fd.') && f.endsWith('.scenario.json'));
    let compared = 0;
    for (const f of files) {
      const sc = parseScenario(readFileSync(`scenarios/cts/${f}`, 'utf8'), f);
      // dup() and close() are not in captures: the events of what they did are not read.
      if (sc.steps.some((s) => s.kind === 'os')) continue;
      const backend = createMockBackend([findProfile('lavapipe')]);
      try {
        const run = runScenario(v, sc, f, backend, { profile: findProfile('lavapipe'), keepOutputs: true });
        if (run.status === 'unsupported') continue;
        const rec = new RecordedEvents();
        for (const [i, step] of run.steps.entries()) {
          if (step.synthetic) continue;
          const written = sc.steps[i];
          expect(written.call, f).toBe(step.call);
          // The call as the backend ran it (placeholders such as a size filled in): what a capture would
          // record, with the scenario's names where a capture has values.
          const mine = rec.take({ ...written, args: (step.after as Record<string, unknown> | undefined) ?? written.args }, step.code).events;
          if (written.kind !== 'vk') continue;
          expect(mine.map((e) => e.text), `${f} call ${step.call} ${step.name}`).toEqual(step.events.map((e) => e.text));
          compared += mine.length;
        }
      } finally {
        backend.dispose();
      }
    }
    expect(compared).toBeGreaterThan(40);
  });
});
