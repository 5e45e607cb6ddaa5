// vk-extmem conform: judge a driver against what the specification requires of it.
import { readFileSync, writeFileSync } from 'node:fs';
import { createValidator } from '../index.js';
import { createNativeBackend, NativeUnavailable } from '../backends/native/index.js';
import { createMockBackend } from '../backends/mock/index.js';
import { findProfile } from '../profiles/load-node.js';
import { runConformance } from '../conform/engine.js';
import { NoDevice } from '../conform/facts.js';
import { formatJUnit, formatJson, formatText } from '../conform/report.js';
import type { ConformTarget } from '../conform/run.js';
import { CLASSES, type ConformClass } from '../conform/types.js';
import { ReplayMismatch, readRecording, recordingTarget, recordingText, replayTarget, type Recording } from '../conform/recording.js';
import { version } from './tool.js';
import { compareWithPin, isPinned, pin, type Pinned } from '../conform/pinned.js';
import { provenanceLine } from '../profiles/describe.js';
import { parse, oneOf, UsageError } from './args.js';

export const CONFORM_HELP = `Usage: vk-extmem conform [--device N] [--class C...] [--format text|json|junit] [--output FILE]

Judges a Vulkan driver against what the specification requires of it, for external memory. The cases
are derived from the spec and from what the device says it offers, run on the raw driver through the
native addon (what a case writes is what the driver receives, zero-valued structures included), and
everything is observed: results, outputs, every fd the application holds, the bytes through mappings.
Each assertion has an id, a class, the command and handle type, what the spec requires (with a link),
what the driver did, and an outcome:
  pass            the driver did what the spec requires
  deviation       the spec requires X for this valid usage; the driver did Y
  hazard          the usage was invalid, or the spec is silent: what the driver did, and why it matters
  not-applicable  the device offers nothing this assertion can be checked on

Classes (--class, repeatable or comma-separated; default all):
  capability         every handle type x buffer usages and flags; x image formats, types, tilings,
                     usages and flags; the NV query; the dedicated-allocation answers
  ignored-when-zero  structures the spec ignores when their handle type is 0, absent against zero
  ownership          who holds each fd after exports, failed imports and properties queries
  payload            imported memory sees the exporter's bytes, both ways (and host memory)
  error-path         return codes the spec mandates for valid usage

Options:
  --device N        the physical device to judge (default 0)
  --format F        text (default; deviations and hazards, then a summary per class), json, junit
                    (one test case per assertion)
  --output FILE     write the report to FILE
  --all             text: list every assertion, passes included
  --backend B       native (default): the real driver; mock: a mock made from --profile P stands in
                    for a driver (to see the engine work without one; it is no driver under test)
  --profile P       with --backend mock: the profile the stand-in answers from
  --pin FILE        also write what this run is known to deviate in (its deviations, hazards and
                    counts) to FILE, to compare later runs with
  --expect FILE     compare the run with a pin written by --pin: every difference (a new deviation,
                    a fixed one, other counts, another driver version) is listed, and the exit status
                    is 1 when there is one (instead of when there is a deviation)
  --record FILE     also write every call the engine made and what the driver answered to FILE
                    (gzipped JSON), to judge the same run again elsewhere with --replay
  --replay FILE     judge a recorded run (no driver needed; the report names the recording)

Exit status: 0 no deviation (with --expect: no difference); 1 at least one deviation (with --expect: a
difference from the pin); 2 bad input, usage, or no driver.`;

export async function runConform(argv: string[], out: NodeJS.WritableStream & { isTTY?: boolean }): Promise<number> {
  const { values } = parse(argv, {
    device: { type: 'string', short: 'd' }, class: { type: 'string', short: 'c', multiple: true }, format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' }, all: { type: 'boolean' }, backend: { type: 'string', short: 'b' }, profile: { type: 'string', short: 'p' },
    record: { type: 'string' }, replay: { type: 'string' }, pin: { type: 'string' }, expect: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  }, false);
  if (values.help) { out.write(CONFORM_HELP + '\n'); return 0; }
  const format = oneOf(values.format, ['text', 'json', 'junit'] as const, '--format', 'text');
  const kind = oneOf(values.backend, ['native', 'mock'] as const, '--backend', 'native');
  const device = values.device === undefined ? 0 : Number(values.device);
  if (!Number.isInteger(device) || device < 0) throw new UsageError(`--device must be a physical device index, not "${String(values.device)}"`);
  const classes: ConformClass[] = [];
  for (const c of ((values.class as string[] | undefined) ?? []).flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean)) {
    if (!(CLASSES as readonly string[]).includes(c)) throw new UsageError(`--class must be one of ${CLASSES.join(', ')}, not "${c}"`);
    classes.push(c as ConformClass);
  }
  let target: ConformTarget;
  let backendName: string;
  if (values.replay) {
    if (values.backend !== undefined || values.profile !== undefined || values.device !== undefined || values.record !== undefined) throw new UsageError('--replay judges a recording: it takes no --backend, --profile, --device or --record');
    let data: Buffer;
    try { data = readFileSync(values.replay); } catch (e) { throw new UsageError(`cannot read ${values.replay}: ${(e as Error).message}`); }
    let rec;
    try { rec = readRecording(data, values.replay); } catch (e) { if (e instanceof ReplayMismatch) throw new UsageError(e.message); throw e; }
    target = replayTarget(rec);
    backendName = `replay of ${values.replay} (${rec.note})`;
  } else if (kind === 'mock') {
    if (!values.profile) throw new UsageError('conform --backend mock needs --profile P (the profile the stand-in answers from)');
    if (values.device !== undefined) throw new UsageError('--device is for the native backend; a mock stand-in has one device');
    const p = findProfile(values.profile);
    target = { open: () => createMockBackend([p]) };
    backendName = `mock stand-in from profile ${p.profile} (${provenanceLine(p)})`;
  } else {
    if (values.profile) throw new UsageError('--profile is for --backend mock; the native backend judges the real driver');
    target = { open: () => createNativeBackend({ apiVersion: 0x401000 }, device) };
    backendName = `native backend, physical device ${device}`;
    try {
      const b = target.open();
      const n = b.vulkan.physicalDevices().length;
      b.dispose();
      if (device >= n) throw new NativeUnavailable(`physical device ${device}: the driver offers ${n}`);
    } catch (e) {
      if (e instanceof NativeUnavailable) { process.stderr.write(`vk-extmem conform: ${e.message}\n`); return 2; }
      throw e;
    }
  }
  let expected: Pinned | undefined;
  if (values.expect) {
    let x: unknown;
    try { x = JSON.parse(readFileSync(values.expect, 'utf8')); } catch (e) { throw new UsageError(`cannot read the pin ${values.expect}: ${(e as Error).message}`); }
    if (!isPinned(x)) throw new UsageError(`${values.expect} is not a pin written by vk-extmem conform --pin`);
    expected = x;
  }
  let recording: Recording | undefined;
  if (values.record) {
    const r = recordingTarget(target, `${backendName}; vk-extmem ${version()}; ${new Date().toISOString().slice(0, 10)}`);
    target = r.target;
    recording = r.recording;
  }
  const v = await createValidator();
  const bar = process.stderr.isTTY === true && format === 'text' && !values.output;
  let last = '';
  let report;
  try {
    report = (() => {
    try {
      return runConformance(v, target, {
        ...(classes.length ? { classes } : {}), backendName,
        onProgress: (what, done, total) => {
          if (!bar) return;
          const w = 24, n = Math.round((done / total) * w);
          const line = `[${'#'.repeat(n)}${'.'.repeat(w - n)}] ${what} ${done}/${total}`;
          if (line !== last) process.stderr.write(`\r\x1b[K${line}`);
          last = line;
        },
      });
    } finally {
      if (bar) process.stderr.write('\r\x1b[K');
    }
    })();
  } catch (e) {
    if (e instanceof NoDevice || e instanceof NativeUnavailable || e instanceof ReplayMismatch) { process.stderr.write(`vk-extmem conform: ${e.message}\n`); return 2; }
    throw e;
  }
  if (recording && values.record) {
    writeFileSync(values.record, recordingText(recording));
    process.stderr.write(`vk-extmem conform: recorded ${recording.sessions.reduce((n, s) => n + s.length, 0)} calls in ${recording.sessions.length} backends to ${values.record}\n`);
  }
  if (values.pin) writeFileSync(values.pin, JSON.stringify(pin(report), null, 1) + '\n');
  const text = format === 'json' ? formatJson(report) : format === 'junit' ? formatJUnit(report) : formatText(report, { all: !!values.all });
  if (values.output) {
    writeFileSync(values.output, text);
    if (format !== 'text') process.stderr.write(`vk-extmem conform: ${report.assertions.length} assertions written to ${values.output}\n`);
  } else out.write(text);
  if (expected) {
    const diff = compareWithPin(expected, report);
    process.stderr.write(diff.length ? `vk-extmem conform: ${diff.length} differences from ${values.expect}:\n${diff.map((d) => `  ${d}\n`).join('')}` : `vk-extmem conform: the run is as pinned in ${values.expect}\n`);
    return diff.length ? 1 : 0;
  }
  return report.assertions.some((a) => a.outcome === 'deviation') ? 1 : 0;
}

