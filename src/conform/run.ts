// Running one conformance case: a fresh backend on the driver under test, the session in observing mode
// (after every call the backend reports every handle the application holds), and the calls of the case
// as call records. Invalid usage is passed to the driver too (the case decides; outcomes say hazard).
import type { Backend, HandleState, PhysicalDeviceInfo } from '../backends/types.js';
import type { CallRecord } from '../input/record.js';
import type { Validator } from '../validator.js';
import { Session, type StepOutcome } from '../session/session.js';
import { chainOf, num, obj, sTypeName } from '../session/values.js';
import { answeredBySession } from '../session/vulkan-calls.js';
import * as steps from './steps.js';

/** The driver under test, as the engine reaches it. */
export interface ConformTarget {
  /** A fresh backend on the driver (every case gets its own, so no case sees another's objects). */
  open(): Backend;
}

/** One call any case made, for the error-path class: its command, what it returned, whether it was valid usage. */
export interface CallSeen { command: string; result: number | undefined; valid: boolean; case: string }

export class CaseRun {
  readonly backend: Backend;
  readonly session: Session;
  readonly outcomes: StepOutcome[] = [];
  private call = 0;

  private readonly calls: CallSeen[];

  /** `log` collects every call (for the error-path class) and every case run (for judgments across them). */
  constructor(readonly name: string, log: { v: Validator; target: ConformTarget; calls: CallSeen[]; runs: CaseRun[] }) {
    const { v, target } = log;
    this.calls = log.calls;
    log.runs.push(this);
    this.backend = target.open();
    (this.backend as { setObserving?(on: boolean): void }).setObserving?.(true);
    this.session = new Session(v, this.backend, { keepOutputs: true, observe: true, refuseInvalid: false, file: `conform:${name}` });
  }

  /** What the case calls some of its steps ("half-size"), for the ids of assertions judged across cases. */
  readonly labels = new Map<StepOutcome, string>();

  /** Runs one call record through the session (the core checks it, the backend runs it as written). */
  step(rec: CallRecord, label?: string): StepOutcome {
    const o = this.session.step({ ...rec, call: ++this.call });
    this.outcomes.push(o);
    if (label) this.labels.set(o, label);
    if (rec.kind === 'vk' && !answeredBySession(rec.name)) this.calls.push({ command: rec.name, result: resultCode(o), valid: valid(o), case: this.name });
    return o;
  }

  /** What the application held just before step `o` (the held list of the step before it). */
  heldBefore(o: StepOutcome): HandleState[] {
    const i = this.outcomes.indexOf(o);
    return i > 0 ? this.outcomes[i - 1].held ?? [] : [];
  }

  /** Instance, physical device (identity, memory) and the capability answers the case relies on, then the device. */
  prelude(info: PhysicalDeviceInfo, queries: CallRecord[], extensions: string[]): boolean {
    this.step(steps.createInstance(info.apiVersion >= 0x401000 ? 0x401000 : info.apiVersion));
    this.step(steps.enumeratePhysicalDevices());
    this.step(steps.physicalDeviceProperties(info.extensions.includes('VK_EXT_external_memory_host')));
    this.step(steps.memoryProperties());
    for (const q of queries) this.step(q);
    return resultCode(this.step(steps.createDevice(extensions))) === 0;
  }

  private fdNames = 1000;
  /** A number to call a new fd by in the case's calls (fds are numbers in call records). */
  nextFd(): number { return ++this.fdNames; }
  /** The backend's value for a name the case bound (an fd, an object). */
  fd(name: number | string): number { return this.session.bind.fd(0, name); }
  /** The backend's value of a Win32 handle the case named ("hA"). */
  handle(name: string): number { return this.session.bind.handle(0, name); }
  object(name: string): number { return this.session.bind.object(name); }
  /** The backend's address for a host pointer the case writes as a number. */
  hostPointer(value: number): number {
    return this.session.bind.hostPointer(0, value, (size, alignment) => this.backend.os.hostAlloc(0, size, alignment));
  }

  write(memory: string, bytes: Uint8Array): void { this.backend.vulkan.write(this.object(memory), 0, bytes); }
  read(memory: string, size: number): Uint8Array { return this.backend.vulkan.read(this.object(memory), 0, size); }

  dispose(): void {
    try { this.session.finish(); } finally { this.backend.dispose(); }
  }
}

/** What a call returned, as a number (undefined for void calls): the number itself, not its name read back. */
export function resultCode(o: StepOutcome): number | undefined {
  return o.code;
}

/**
 * Whether the model shows the call valid usage: no error, and nothing it could not decide (a deviation
 * is only ever claimed for a call the model shows valid).
 */
export function valid(o: StepOutcome): boolean {
  return !o.findings.some((f) => f.severity === 'error' || f.severity === 'undecidable');
}

/** The fds (backend values) a call was given: those it may take or keep; any other one it must leave alone. */
export function fdsGiven(run: CaseRun, o: StepOutcome): Set<number> {
  const given = new Set<number>();
  const a = o.after ?? {};
  if (o.name === 'vkAllocateMemory') {
    for (const s of chainOf(obj(a.pAllocateInfo))) if (sTypeName(s.sType) === 'VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR') given.add(run.fd(num(s.fd)));
  } else if (o.name === 'vkGetMemoryFdPropertiesKHR') given.add(run.fd(num(a.fd)));
  else if (o.name === 'close') given.add(run.fd(num(a.fd)));
  return given;
}

/** Handles of the application lost during the call (closed or replaced by someone else). */
export function lost(o: StepOutcome): Array<{ handle: number; how: string }> {
  return (o.raw ?? []).flatMap((e) => (e.kind === 'handle-lost' ? [{ handle: e.handle, how: e.how }] : []));
}

/** What happened to `fd` during the call, as the backend saw it: kept / closed at import, lost, copied. */
export function fdFate(o: StepOutcome, fd: number): string[] {
  const out: string[] = [];
  for (const e of o.raw ?? []) {
    if (e.kind === 'handle-imported' && e.handleKind === 'fd' && e.handle === fd && e.stillOpen !== undefined) out.push(e.stillOpen ? 'the driver took it and keeps it open' : 'the driver took it and closed it');
    if (e.kind === 'handle-lost' && e.handle === fd) out.push(e.how === 'closed' ? 'it was closed during the call' : 'its number now names another file');
    if (e.kind === 'handle-copied' && e.from === fd) out.push(`the driver made a copy (fd ${e.handle})`);
    if (e.kind === 'value-substituted' && e.handle === fd) out.push(`the driver was shown ${e.shown} instead (${e.why})`);
  }
  return out;
}
