// What a driver is known to deviate in, pinned as data: the assertions of a run that are not a pass
// (deviations and hazards; not-applicable ones with them, since a device that stops offering something
// is news too), with the driver's name and version and the run's counts. A later run is compared with
// it: a driver that got fixed and a new deviation both show as a difference.
import type { Assertion, ConformReport, DriverInfo, Outcome, Summary } from './types.js';

export interface Pinned {
  format: 'vk-extmem pinned conformance';
  driver: Omit<DriverInfo, 'backend'>;
  summary: Summary;
  /**
   * Assertion ids that are not a pass, grouped by "class/requirement[/handle type]": outcome -> the rest
   * of each id after the group ("" when the id is the group itself).
   */
  notable: Record<string, Partial<Record<Outcome, string[]>>>;
}

/** An assertion's group (class, requirement, handle type) and the rest of its id. */
function split(a: Assertion): [string, string] {
  const group = `${a.class}/${a.rule}${a.handleType ? `/${a.handleType}` : ''}`;
  return a.id === group ? [group, ''] : a.id.startsWith(group + '/') ? [group, a.id.slice(group.length + 1)] : [a.id, ''];
}
const join = (group: string, rest: string) => (rest ? `${group}/${rest}` : group);

export function pin(r: ConformReport): Pinned {
  const notable: Pinned['notable'] = {};
  for (const a of r.assertions) {
    if (a.outcome === 'pass') continue;
    const [group, last] = split(a);
    ((notable[group] ??= {})[a.outcome] ??= []).push(last);
  }
  for (const g of Object.values(notable)) for (const list of Object.values(g)) list!.sort();
  const { backend: _backend, ...driver } = r.driver;
  return { format: 'vk-extmem pinned conformance', driver, summary: r.summary, notable: Object.fromEntries(Object.entries(notable).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

/** The not-pass outcome of every id a pin lists. */
export function pinnedOutcomes(p: Pinned): Map<string, Outcome> {
  const out = new Map<string, Outcome>();
  for (const [group, byOutcome] of Object.entries(p.notable)) for (const [o, lasts] of Object.entries(byOutcome)) for (const l of lasts ?? []) out.set(join(group, l), o as Outcome);
  return out;
}

export function isPinned(x: unknown): x is Pinned {
  const p = x as Pinned;
  return !!p && p.format === 'vk-extmem pinned conformance' && typeof p.notable === 'object' && typeof p.summary === 'object' && typeof p.driver === 'object';
}

/** Every way a run differs from a pin, one line each ([] when it is the same). */
export function compareWithPin(p: Pinned, r: ConformReport): string[] {
  const out: string[] = [];
  if (p.driver.name !== r.driver.name || p.driver.version !== r.driver.version) {
    out.push(`the driver is ${r.driver.name} ${r.driver.version}, the pin is for ${p.driver.name} ${p.driver.version}`);
  }
  const was = pinnedOutcomes(p);
  const now = new Map<string, Assertion>(r.assertions.filter((a) => a.outcome !== 'pass').map((a) => [a.id, a]));
  for (const [id, a] of now) {
    const before = was.get(id);
    if (before === undefined) out.push(`${id}: ${a.outcome} now (not pinned): ${a.observed}`);
    else if (before !== a.outcome) out.push(`${id}: ${a.outcome} now, pinned as ${before}: ${a.observed}`);
  }
  for (const [id, o] of was) if (!now.has(id)) out.push(`${id}: pinned as ${o}, ${r.assertions.some((a) => a.id === id) ? 'a pass now' : 'no longer asserted'}`);
  for (const [c, counts] of Object.entries(r.summary)) {
    for (const [o, n] of Object.entries(counts)) {
      const before = (p.summary as Record<string, Record<string, number>>)[c]?.[o];
      if (before !== n) out.push(`${c}: ${n} ${o} assertions now, ${before ?? 0} pinned`);
    }
  }
  return out;
}

export interface PinnedDriver { title: string; how: string; pinned: Pinned }

/**
 * The README's "Known driver deviations": per driver, every pinned deviation and hazard, grouped as the
 * pin groups them (requirement and handle type), with how many cases and the requirement's citation.
 */
export function deviationsMarkdown(drivers: PinnedDriver[], cite: (rule: string) => { text: string; url: string; anchor: string }): string {
  const lines: string[] = [];
  for (const d of drivers) {
    const p = d.pinned;
    const count = (o: Outcome) => Object.values(p.summary).reduce((n, c) => n + c[o], 0);
    const total = Object.values(p.summary).reduce((n, c) => n + c.pass + c.deviation + c.hazard + c['not-applicable'], 0);
    lines.push(`**${d.title}** — ${p.driver.deviceName}, ${p.driver.name} ${p.driver.version}, Vulkan ${p.driver.apiVersion} (${d.how}): ` +
      `${total} assertions, ${count('deviation')} deviations, ${count('hazard')} hazards.`, '');
    const rows = Object.entries(p.notable).flatMap(([group, byOutcome]) => (['deviation', 'hazard'] as const).flatMap((o) => {
      const lasts = byOutcome[o];
      if (!lasts?.length) return [];
      const [cls, rule, handleType = ''] = group.split('/');
      // Formats (or cases) under the group: the rest of each id.
      const where = lasts.length === 1 ? lasts[0] || '—' : `${lasts.length} cases (${lasts.slice(0, 3).join(', ')}${lasts.length > 3 ? ', …' : ''})`;
      const c = cite(rule);
      return [`| ${o} | ${cls} | ${rule} | ${handleType} | ${where} | [${c.anchor}](${c.url}) |`];
    }));
    if (rows.length) lines.push('| outcome | class | requirement | handle type | where | spec |', '|---|---|---|---|---|---|', ...rows.sort((a, b) => (a < b ? -1 : 1)), '');
    else lines.push('No deviation and no hazard.', '');
  }
  return lines.join('\n');
}
