// Conformance reports: text for people (deviations and hazards grouped by requirement and handle type,
// then a summary per class), JSON (the whole report), and JUnit (one test case per assertion).
import { escapeXmlAttr, escapeXmlText } from '../report/junit.js';
import { CLASSES, OUTCOMES, type Assertion, type ConformReport } from './types.js';

const LABEL: Record<string, string> = { deviation: 'DEVIATION', hazard: 'HAZARD', pass: 'pass', 'not-applicable': 'n/a' };

export function driverLine(r: ConformReport): string {
  const d = r.driver;
  return `${d.deviceName}: ${d.name} ${d.version}, Vulkan ${d.apiVersion} (${d.backend})`;
}

/**
 * Deviations first, then hazards; assertions of one requirement and handle type are shown together
 * (a requirement a driver breaks on every format is one entry with its count). `all` lists every
 * assertion, passes included.
 */
export function formatText(r: ConformReport, o: { all?: boolean } = {}): string {
  const lines = [`driver: ${driverLine(r)}`, ''];
  const shown = r.assertions.filter((a) => o.all || a.outcome === 'deviation' || a.outcome === 'hazard');
  const groups = new Map<string, Assertion[]>();
  for (const a of shown) {
    const key = o.all ? a.id : `${a.outcome}|${a.class}/${a.rule}|${a.handleType}`;
    const g = groups.get(key) ?? [];
    g.push(a);
    groups.set(key, g);
  }
  const rank = (a: Assertion) => (a.outcome === 'deviation' ? 0 : a.outcome === 'hazard' ? 1 : a.outcome === 'pass' ? 2 : 3);
  const ordered = [...groups.values()].sort((x, y) => rank(x[0]) - rank(y[0]) || CLASSES.indexOf(x[0].class) - CLASSES.indexOf(y[0].class) || (x[0].id < y[0].id ? -1 : 1));
  for (const g of ordered) {
    const a = g[0];
    const ids = g.length === 1 ? a.id : `${commonPrefix(g.map((x) => x.id))}* (${g.length}: ${g.slice(0, 4).map((x) => x.id.split('/').pop()).join(', ')}${g.length > 4 ? ', …' : ''})`;
    lines.push(`${LABEL[a.outcome].padEnd(9)}  ${ids}  ${a.command}`);
    lines.push(`    required: ${a.required}`);
    lines.push(`    observed: ${a.observed}`);
    lines.push(`    see: ${a.url}`);
  }
  if (ordered.length) lines.push('');
  lines.push(...summaryLines(r));
  return lines.join('\n') + '\n';
}

function commonPrefix(ids: string[]): string {
  let p = ids[0];
  for (const id of ids) while (!id.startsWith(p)) p = p.slice(0, p.lastIndexOf('/', p.length - 2) + 1);
  return p.endsWith('/') ? p : p + '/';
}

export function summaryLines(r: ConformReport): string[] {
  const w = 18;
  const lines = [`${'class'.padEnd(w)}${OUTCOMES.map((o) => LABEL[o].toLowerCase().padStart(11)).join('')}${'total'.padStart(8)}`];
  let total = 0;
  for (const c of CLASSES) {
    const s = r.summary[c];
    const n = OUTCOMES.reduce((x, o) => x + s[o], 0);
    total += n;
    lines.push(`${c.padEnd(w)}${OUTCOMES.map((o) => String(s[o]).padStart(11)).join('')}${String(n).padStart(8)}`);
  }
  const count = (o: string) => r.assertions.filter((a) => a.outcome === o).length;
  const time = r.elapsedMs === undefined ? '' : ` in ${(r.elapsedMs / 1000).toFixed(1)} s (${total ? (r.elapsedMs / total).toFixed(2) : '0'} ms per assertion)`;
  lines.push('', `${total} assertions${time}: ${count('deviation')} deviations, ${count('hazard')} hazards, ${count('pass')} passed, ${count('not-applicable')} not applicable`);
  return lines;
}

export function formatJson(r: ConformReport): string {
  return JSON.stringify(r, null, 1) + '\n';
}

export function formatJUnit(r: ConformReport): string {
  const esc = escapeXmlAttr;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = r.assertions.filter((a) => a.outcome === 'deviation').length;
  const skipped = r.assertions.filter((a) => a.outcome === 'not-applicable').length;
  out.push(`<testsuites name="vk-extmem conform: ${esc(driverLine(r))}" tests="${r.assertions.length}" failures="${failures}" skipped="${skipped}">`);
  for (const c of CLASSES) {
    const list = r.assertions.filter((a) => a.class === c);
    out.push(`  <testsuite name="${c}" tests="${list.length}" failures="${list.filter((a) => a.outcome === 'deviation').length}" skipped="${list.filter((a) => a.outcome === 'not-applicable').length}">`);
    for (const a of list) {
      out.push(`    <testcase classname="${esc(`${c}.${a.rule}`)}" name="${esc(a.id)}">`);
      if (a.outcome === 'deviation') out.push(`      <failure message="${esc(a.required)}">${escapeXmlText(`${a.observed}\nsee: ${a.url}`)}</failure>`);
      else if (a.outcome === 'not-applicable') out.push(`      <skipped message="${esc(a.observed)}"/>`);
      else out.push(`      <system-out>${escapeXmlText(`${a.outcome}: ${a.observed}`)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
