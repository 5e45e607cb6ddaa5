// One resolution in progress: the import as asked (an ImportRequest, as the validator reads one from a
// chain), its constraints (rules/import-constraints.ts), and the decisions taken so far (later
// decisions depend on earlier ones: the size on the dedicated target, the chain on all).
import { Resource } from '../state/objects';
import { DED_OPTIONAL, DED_NOT_APPLICABLE, O_HANDLE_TYPES, O_HANDLE_TYPES_NV_MARKED, O_OSHANDLE, O_STRING, O_FD, O_HEX } from '../generated/contract';
import { ImportRequest, FAM_NV, FAM_FD, FAM_HOST } from '../rules/import/request';
import { Constraints, TargetConstraints } from '../rules/import/constraints';
import { arg } from './output';

export class Query {
  req: ImportRequest = new ImportRequest();
  constraints: Constraints | null = null;

  // Decisions.
  dedicated: i32 = DED_OPTIONAL;
  dedicatedTarget: Resource | null = null;
  /** What dedicating to the target asks of it (its size rule among them). */
  dedicatedKeep: TargetConstraints | null = null;
  /** A dedicated allocation is not required but worth having (prefersDedicatedAllocation). */
  dedicatedPreferred: bool = false;
  dedicatedRule: i32 = -1;
  nvDedicated: i32 = DED_NOT_APPLICABLE;
  nvTarget: Resource | null = null;
  nvRule: i32 = -1;
  /** The device mask the import must name, or -1 when the default mask is right. */
  deviceMask: i64 = -1;

  c(): Constraints { return this.constraints!; }
  /** The type as the question named it, for messages (NV imports print their NV bit). */
  typeArg(): void {
    if (this.req.family == FAM_NV) arg(O_HANDLE_TYPES_NV_MARKED, this.req.nvBit); else arg(O_HANDLE_TYPES, this.req.t);
  }
  /** The handle as the question named it, for messages. */
  handleArg(): void {
    const req = this.req;
    if (req.family == FAM_FD) arg(O_FD, req.handle);
    else if (req.family == FAM_HOST) arg(O_HEX, req.handle);
    else if (req.byName()) arg(O_STRING, req.name);
    else arg(O_OSHANDLE, req.handle);
  }
}
