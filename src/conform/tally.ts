// Collecting judged observations into assertions. One assertion may cover many observations (every
// image type, tiling, usage and flag of one format, say): its outcome is the worst of them (deviation,
// then hazard, then pass), and what was observed says how many of each and shows the first offender.
import type { Requirements } from './requirements.js';
import type { Assertion, ConformClass, Outcome } from './types.js';

interface Entry {
  id: string; class: ConformClass; command: string; handleType: string; rule: string; noun: string; group?: string;
  counts: Record<Outcome, number>;
  first: Partial<Record<Outcome, string>>;
}

/**
 * Where an observation belongs: the command and handle type, what the observations are (for counts), and
 * optionally a group (assertions of one requirement and handle type over many formats, say). Members of
 * a group that make no claim are left out; a group none of whose members make a claim is one
 * not-applicable assertion, with the group as its id.
 */
export interface Scope { command?: string; handleType: string; noun: string; group?: string }

const RANK: Record<Outcome, number> = { deviation: 3, hazard: 2, pass: 1, 'not-applicable': 0 };

export class Tally {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly req: Requirements) {}

  /**
   * One observation of requirement `rule`, judged by the core, counted under assertion `id`. `what`
   * describes it (called only when it is the first of its outcome); `noun` names what was observed.
   */
  judge(id: string, rule: string, c: Scope, valid: boolean, nums: [number, number?, number?], what: () => string): Outcome {
    const outcome = this.req.judge(rule, valid, nums[0], nums[1] ?? 0, nums[2] ?? 0);
    this.record(id, rule, c, outcome, what);
    return outcome;
  }

  /** An outcome decided without a core predicate: not-applicable (nothing on the device to check). */
  record(id: string, rule: string, c: Scope, outcome: Outcome, what: () => string): void {
    let e = this.entries.get(id);
    if (!e) {
      const r = this.req.get(rule);
      e = { id, class: r.class, command: c.command ?? r.command, handleType: c.handleType, rule, noun: c.noun, ...(c.group ? { group: c.group } : {}), counts: { pass: 0, deviation: 0, hazard: 0, 'not-applicable': 0 }, first: {} };
      this.entries.set(id, e);
    }
    e.counts[outcome]++;
    if (e.first[outcome] === undefined) e.first[outcome] = what();
  }

  assertions(): Assertion[] {
    const out: Assertion[] = [];
    const groups = new Map<string, Entry[]>();
    for (const e of this.entries.values()) {
      if (!e.group) { out.push(this.assertion(e)); continue; }
      const g = groups.get(e.group) ?? [];
      g.push(e);
      groups.set(e.group, g);
    }
    for (const [group, members] of groups) {
      const claims = members.filter((e) => e.counts.pass + e.counts.deviation + e.counts.hazard > 0);
      if (claims.length) { for (const e of claims) out.push(this.assertion(e)); continue; }
      const first = members[0];
      const a = this.assertion(first);
      out.push({ ...a, id: group, observed: `${a.observed} (${members.length} alike)` });
    }
    return out;
  }

  private assertion(e: Entry): Assertion {
    const outcome = (Object.keys(RANK) as Outcome[]).reduce((best, o) => (e.counts[o] > 0 && RANK[o] > RANK[best] ? o : best), 'not-applicable' as Outcome);
    const total = e.counts.pass + e.counts.deviation + e.counts.hazard + e.counts['not-applicable'];
    const claims = total - e.counts['not-applicable'];
    let observed: string;
    if (outcome === 'not-applicable') observed = e.first['not-applicable'] ?? 'nothing to check';
    else if (outcome === 'pass') observed = claims === 1 ? e.first.pass! : `${claims} ${e.noun}, each as required; for example ${e.first.pass}`;
    else observed = claims === 1 ? e.first[outcome]! : `${e.counts[outcome]} of ${claims} ${e.noun}; the first: ${e.first[outcome]}`;
    const r = this.req.get(e.rule);
    return { id: e.id, class: e.class, command: e.command, handleType: e.handleType, required: r.text, observed, outcome, rule: e.rule, url: this.req.url(e.rule) };
  }
}
