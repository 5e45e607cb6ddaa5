// The answer to "what must this import use, and why", as plain JSON.

/** What to resolve. Names are the ones the input used (scenario names or capture ids). */
export interface ImportQuery {
  /** The importing VkDevice. */
  device: string | number;
  /** The importing process (scenarios' `process`); default "main". */
  process?: string;
  /** A VkExternalMemoryHandleTypeFlagBits or …FlagBitsNV name, full or short ("OPAQUE_WIN32", "OPAQUE_WIN32_NV"). */
  handleType: string;
  /** The HANDLE value ("0x1a4"), the fd number, or the host pointer ("0x10000"). */
  handle?: string | number;
  /** The name of a named shared object (Win32 imports by name). */
  name?: string;
  /** The image or buffer the imported memory will be bound to. */
  resource?: string | number;
}

/** The rule behind a decision: a VUID the validator checks, a VUID it cannot check, or a rule of ours. */
export interface Why {
  /** The VUID, when one states the rule. */
  vuid?: string;
  /** The VUID, or our own rule's key (vk-extmem:…) when the specification states it outside any VUID. */
  rule: string;
  /** Whether the validator reports this rule when a vkAllocateMemory (or the bind after it) breaks it. */
  checked: boolean;
  message: string;
  url?: string;
}

// The modes, decisions and component kinds are the core's codes' names (generated/contract.ts).
import type { SizeMode, DedicatedDecision, TypeComponentKind } from '../generated/contract.js';
export type { SizeMode, DedicatedDecision, TypeComponentKind } from '../generated/contract.js';

export interface SizeConstraint { mode: SizeMode; value?: number; why: Why }
export interface TypeComponent {
  kind: TypeComponentKind;
  /** The mask, when the input shows it. */
  mask?: number;
  types?: number[];
  why: Why;
}
export interface DedicatedPart { decision: DedicatedDecision; why: Why }
export interface Dedicated {
  decision: DedicatedDecision;
  required: boolean;
  /** The image or buffer the allocation is (or may be) dedicated to. */
  target?: string;
  targetKind?: 'image' | 'buffer';
  why: Why;
  parts: DedicatedPart[];
}

export interface Problem { severity: 'error' | 'undecidable'; why: Why }

export interface Resolution {
  query: { device: string; process: string; handleType: string; handle?: string | number; name?: string; resource?: string };
  /** No problem says the import cannot work (undecidable ones may remain). */
  ok: boolean;
  /** What the handle, fd, name or pointer refers to. */
  source?: string;
  allocationSize: { mode: SizeMode; value?: number; why: Why; constraints: SizeConstraint[] };
  memoryTypeIndex: { candidates: number[]; first?: number; mask: number; complete: boolean; why: Why; components: TypeComponent[] };
  dedicated: Dedicated;
  dedicatedNV: Dedicated;
  /** The structures to chain, VkMemoryAllocateInfo first, each with sType and members (scenario JSON), and the rule that puts it there. */
  chain: Array<{ struct: string; fields: Record<string, unknown>; why?: Why }>;
  /** The same as one VkMemoryAllocateInfo with its pNext chain, ready for a scenario's vkAllocateMemory step. */
  allocateInfo: Record<string, unknown>;
  problems: Problem[];
  notes: Why[];
}
