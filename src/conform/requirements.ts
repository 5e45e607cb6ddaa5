// The requirements the core defines (assembly/conform/requirements.ts) and its judge, as seen from
// TypeScript. Nothing about the spec is decided here: the catalogue and every predicate live in the core.
import { readString, type CoreExports } from '../core/wasm.js';
import { SPEC_URL, latestSpecUrl } from '../core/spec-links.js';
import { CLASSES, OUTCOMES, type ConformClass, type Outcome } from './types.js';

export interface Requirement {
  index: number;
  id: string;
  class: ConformClass;
  command: string;
  anchor: string;
  text: string;
  /** The spec mandates it (a violation on valid usage is a deviation); otherwise it is silent. */
  mandated: boolean;
}

interface ConformCore extends CoreExports {
  requirementCount(): number;
  requirementId(i: number): number;
  requirementClass(i: number): number;
  requirementCommand(i: number): number;
  requirementAnchor(i: number): number;
  requirementText(i: number): number;
  requirementMandated(i: number): number;
  judgeRequirement(req: number, valid: number, a: number, b: number, c: number): number;
}


export class Requirements {
  private readonly list: Requirement[] = [];
  private readonly byId = new Map<string, Requirement>();
  private readonly core: ConformCore;

  constructor(core: CoreExports) {
    this.core = core as ConformCore;
    const m = this.core.memory;
    for (let i = 0, n = this.core.requirementCount(); i < n; i++) {
      const r: Requirement = {
        index: i, id: readString(m, this.core.requirementId(i)), class: CLASSES[this.core.requirementClass(i)],
        command: readString(m, this.core.requirementCommand(i)), anchor: readString(m, this.core.requirementAnchor(i)),
        text: readString(m, this.core.requirementText(i)), mandated: this.core.requirementMandated(i) !== 0,
      };
      this.list.push(r);
      this.byId.set(r.id, r);
    }
  }

  all(): readonly Requirement[] { return this.list; }

  get(id: string): Requirement {
    const r = this.byId.get(id);
    if (!r) throw new Error(`the core defines no conformance requirement "${id}"`);
    return r;
  }

  /** The core's outcome for one observation: the requirement's predicate on (a, b, c), its strength, and validity. */
  judge(id: string, valid: boolean, a = 0, b = 0, c = 0): Outcome {
    return OUTCOMES[this.core.judgeRequirement(this.get(id).index, valid ? 1 : 0, a, b, c)] ?? 'not-applicable';
  }

  url(id: string): string {
    const a = this.get(id).anchor;
    return a ? latestSpecUrl(a) : SPEC_URL;
  }
}
