// What the import names and whether it can work at all, as the import's constraints judge it
// (rules/import/source.ts): the handle's state, what it refers to, the devices on both sides, the
// device group and the host pointer. This file only writes the entries.
import {
  O_HANDLE_TYPES, O_STRING, O_HEX, O_SIZE, O_INT, O_CALL, O_OBJECT, O_PROCESS, T_PROBLEM, T_SOURCE, SEV_ERROR,
  SEV_UNDECIDABLE,
} from '../generated/contract';
import { ORIGIN_HOST, ORIGIN_D3D11, ORIGIN_D3D12_HEAP, ORIGIN_D3D12_RESOURCE } from '../state/objects';
import { memories, closedWorld } from '../state/world';
import {
  ImportSource, SRC_FOUND, SRC_WRONG_TYPE, SRC_INVALID, SRC_UNSEEN, SRC_CLOSED, SRC_OTHER_PROCESS, SRC_PAYLOAD_DEAD,
  SRC_TAKEN,
} from '../rules/import-source';
import { FAM_FD, FAM_HOST } from '../rules/import/request';
import { Verdict, SRC_NO_HANDLE, ID_OTHER_ADAPTER, ALIGN_OFF } from '../rules/import/constraints';
import { supportVerdict } from '../rules/import-constraints';
import { entry, arg } from './output';
import { Query } from './query';
import * as reasons from './reasons';

export function problem(rule: i32, reason: i32, severity: i32 = SEV_ERROR): void { entry(T_PROBLEM, severity, 0, rule, reason); }

/** A broken or undecided verdict as a problem with the given reason (its operands follow). */
function verdictProblem(v: Verdict, reason: i32): void { problem(v.rule, reason, v.undecided() ? SEV_UNDECIDABLE : SEV_ERROR); }

export function showSource(q: Query): void {
  const c = q.c();
  const req = q.req;
  if (req.family == FAM_HOST) {
    const v = c.hostPointer;
    if (v.broken() && v.code == ALIGN_OFF) { verdictProblem(v, reasons.P_POINTER_ALIGN); arg(O_HEX, v.a); arg(O_SIZE, v.b); }
    else if (v.undecided()) { verdictProblem(v, reasons.P_POINTER_ALIGN_UNKNOWN); arg(O_HEX, req.handle); }
    entry(T_SOURCE, ORIGIN_HOST, 0, -1, reasons.SRC_HOST); arg(O_HEX, req.handle); arg(O_HANDLE_TYPES, req.t);
    return;
  }
  if (c.nameType.broken()) { verdictProblem(c.nameType, reasons.P_NAME_TYPE); arg(O_HANDLE_TYPES, req.t); }
  const src = c.source!;
  const v = c.sourceState;
  if (v.code == SRC_NO_HANDLE) { verdictProblem(v, reasons.P_NO_HANDLE); return; }
  if (src.state == SRC_FOUND) describe(q, src);
  else if (!v.holds()) sourceProblem(q, v, src);
  identity(q);
  const m = c.deviceMask;
  if (m.rule >= 0 && m.a != m.b) q.deviceMask = m.a;
  const g = c.deviceCount;
  if (g.broken()) { verdictProblem(g, reasons.P_GROUP); arg(O_INT, g.a); arg(O_INT, g.b); }
}

/** Why the handle cannot be imported, or cannot be told: wrong type, invalid, unseen, closed, foreign, dead or taken. */
function sourceProblem(q: Query, v: Verdict, src: ImportSource): void {
  const s = src.state;
  const process = q.req.process;
  if (s == SRC_WRONG_TYPE) { verdictProblem(v, reasons.P_WRONG_TYPE); q.handleArg(); arg(O_HANDLE_TYPES, src.actualType); arg(O_HANDLE_TYPES, q.req.t); }
  else if (s == SRC_INVALID) { verdictProblem(v, q.req.family == FAM_FD ? reasons.P_INVALID_FD : reasons.P_INVALID_HANDLE); q.handleArg(); }
  else if (s == SRC_UNSEEN) { verdictProblem(v, closedWorld ? reasons.P_NEVER_MADE : reasons.P_UNSEEN); q.handleArg(); arg(O_PROCESS, process); }
  else if (s == SRC_CLOSED) { verdictProblem(v, reasons.P_CLOSED); q.handleArg(); arg(O_PROCESS, process); arg(O_CALL, src.since); }
  else if (s == SRC_OTHER_PROCESS) { verdictProblem(v, reasons.P_OTHER_PROCESS); q.handleArg(); arg(O_PROCESS, src.since); arg(O_PROCESS, process); }
  else if (s == SRC_PAYLOAD_DEAD) { verdictProblem(v, reasons.P_DEAD); q.handleArg(); arg(O_CALL, src.since); }
  else if (s == SRC_TAKEN) { verdictProblem(v, reasons.P_TAKEN); q.handleArg(); arg(O_CALL, src.since); }
}

/** Says what the handle refers to: the exporting allocation or the D3D/OS object. */
function describe(q: Query, src: ImportSource): void {
  const h = src.handle!;
  const p = h.payload;
  if (h.sourceMemory != 0) {
    if (memories.has(h.sourceMemory)) {
      entry(T_SOURCE, p.origin, p.size, -1, reasons.SRC_VULKAN); q.typeArg(); q.handleArg(); arg(O_OBJECT, h.sourceMemory); arg(O_CALL, h.madeAt); arg(O_SIZE, p.size); arg(O_INT, p.memoryTypeIndex);
    } else {
      entry(T_SOURCE, p.origin, p.size, -1, reasons.SRC_VULKAN_FREED); q.typeArg(); q.handleArg(); arg(O_CALL, h.madeAt); arg(O_SIZE, p.size); arg(O_INT, p.memoryTypeIndex);
    }
    return;
  }
  const reason = p.origin == ORIGIN_D3D11 ? reasons.SRC_D3D11 : (p.origin == ORIGIN_D3D12_HEAP ? reasons.SRC_D3D12_HEAP : (p.origin == ORIGIN_D3D12_RESOURCE ? reasons.SRC_D3D12_RESOURCE : reasons.SRC_OUTSIDE));
  entry(T_SOURCE, p.origin, p.size, -1, reason); q.typeArg(); q.handleArg(); arg(O_SIZE, p.size); arg(O_CALL, h.madeAt);
}

/** 00659 / 00668 and the UUID rules. */
function identity(q: Query): void {
  const c = q.c();
  const v = c.sameDevice;
  if (v.broken()) { verdictProblem(v, v.code == ID_OTHER_ADAPTER ? reasons.P_LUID : reasons.P_SAME_DEVICE); arg(O_STRING, v.a); arg(O_STRING, v.b); }
  else if (v.undecided()) verdictProblem(v, reasons.P_IDENTITY_UNKNOWN);
  for (let i = 0; i < c.compat.length; i++) {
    const u = c.compat[i];
    if (u.undecided()) { verdictProblem(u, reasons.P_IDENTITY_UNKNOWN); continue; }
    const exporter = c.payload()!.physical!;
    const importer = q.req.dev!.physical;
    verdictProblem(u, reasons.P_UUID); arg(O_HANDLE_TYPES, q.req.t);
    arg(O_STRING, exporter.deviceUUID); arg(O_STRING, exporter.driverUUID); arg(O_STRING, importer.deviceUUID); arg(O_STRING, importer.driverUUID);
  }
}

/** 09861 / 09862 / 01747, judged once the dedicated decisions are made: the answer for the chain's target counts. */
export function showSupport(q: Query): void {
  const target = q.dedicatedTarget != null ? q.dedicatedTarget : q.nvTarget;
  const v = supportVerdict(q.c(), target);
  if (v.broken()) { verdictProblem(v, reasons.P_SUPPORT); arg(O_HANDLE_TYPES, q.req.t); }
  else if (v.undecided()) { verdictProblem(v, reasons.P_SUPPORT_UNKNOWN); arg(O_HANDLE_TYPES, q.req.t); }
}
