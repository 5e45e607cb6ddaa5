// A resolution as readable text: one line per decision with the rule that forces it and its link.
import type { Resolution, Why, Dedicated } from './types.js';

function cite(w: Why): string {
  const rule = w.vuid ?? w.rule;
  const link = w.url ? `  ${w.url}` : '';
  return `[${rule}${w.vuid && !w.checked ? ', not checked by the validator' : ''}]${link}`;
}

/** One decision: what, why in words, and the rule with its link. */
function line(label: string, decision: string, w: Why): string[] {
  return [`${(label + ':').padEnd(17)}${decision} — ${w.message} ${cite(w)}`];
}

function dedicatedText(d: Dedicated): string {
  return d.target ? `${d.decision} (${d.targetKind ?? 'resource'} ${d.target})` : d.decision;
}

export function formatResolution(r: Resolution): string {
  const q = r.query;
  const what = q.name !== undefined ? `name ${JSON.stringify(q.name)}` : q.handle !== undefined ? `handle ${q.handle}` : 'no handle';
  const out: string[] = [`import of ${q.handleType} (${what}) on ${q.device} in process ${q.process}${q.resource ? `, for ${q.resource}` : ''}`];
  if (r.source) out.push(`  ${r.source}`);
  out.push('');
  const s = r.allocationSize;
  out.push(...line('allocationSize', s.value !== undefined ? `${s.mode} ${s.value}` : s.mode, s.why));
  for (const c of s.constraints) if (c.why.message !== s.why.message) out.push(`${' '.repeat(19)}also: ${c.mode}${c.value !== undefined ? ` ${c.value}` : ''}: ${c.why.message} ${cite(c.why)}`);
  const t = r.memoryTypeIndex;
  out.push(...line('memoryTypeIndex', t.candidates.length ? `${t.first} (candidates ${t.candidates.join(', ')}${t.complete ? '' : '; incomplete'})` : 'none', t.why));
  for (const c of t.components) out.push(`${' '.repeat(19)}${c.kind}: ${c.types ? (c.types.length ? `types ${c.types.join(", ")}` : "no types") : "unknown"}: ${c.why.message} ${cite(c.why)}`);
  out.push(...line('dedicated', dedicatedText(r.dedicated), r.dedicated.why));
  for (const p of r.dedicated.parts) if (p.why.message !== r.dedicated.why.message) out.push(`${' '.repeat(19)}${p.decision}: ${p.why.message} ${cite(p.why)}`);
  // The NV structure matters for NV imports and for resources created for it; elsewhere it is noise.
  if (r.dedicatedNV.required || /_NV$/.test(q.handleType)) out.push(...line('dedicated (NV)', dedicatedText(r.dedicatedNV), r.dedicatedNV.why));
  out.push('', 'chain:');
  for (const c of r.chain) {
    out.push(`  ${c.struct} ${JSON.stringify(c.fields)}`);
    if (c.why) out.push(`      ${c.why.message} ${cite(c.why)}`);
  }
  if (r.problems.length) {
    out.push('', 'problems:');
    for (const p of r.problems) out.push(`  ${p.severity === 'error' ? 'ERROR' : 'CANNOT DECIDE'}  ${p.why.message} ${cite(p.why)}`);
  }
  if (r.notes.length) {
    out.push('', 'notes:');
    for (const n of r.notes) out.push(`  ${n.message} ${cite(n)}`);
  }
  out.push('', r.ok ? 'this import can work with the chain above.' : 'this import cannot work as asked: see the problems.');
  return out.join('\n') + '\n';
}
