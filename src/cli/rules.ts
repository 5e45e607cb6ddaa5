import { createValidator } from '../index.js';
import { computeCoverage, findRegistry } from '../rules/coverage.js';
import { vuidUrl } from '../core/findings.js';
import { parse, oneOf } from './args.js';

export const RULES_HELP = `Usage: vk-extmem rules [--coverage] [--registry PATH] [--format text|json]

Without --coverage: lists every rule the model checks (VUID, and our summary of it).
With --coverage: compares the rule catalogue with the newest registry found (--registry PATH to a
validusage.json or its folder, else ../shared/registry/validusage.json beside the project, else the
system's /usr/share/vulkan/registry/validusage.json) and prints how many in-scope VUIDs that registry
has, how many are implemented, which cannot be decided from any input by design (with the reason), and
which are missing. JSON keys: inScope, implemented, undecidable, missing.`;

export async function runRules(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parse(argv, { coverage: { type: 'boolean' }, registry: { type: 'string' }, format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) { out.write(RULES_HELP + '\n'); return 0; }
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  const v = await createValidator();
  if (!values.coverage) {
    const list = v.rules.map((r) => ({ vuid: r.vuid, summary: summarizeTemplate(r.vuid, r.template), undecidableByDesign: r.undecidableByDesign, url: vuidUrl(r.vuid) }));
    if (format === 'json') out.write(JSON.stringify(list, null, 2) + '\n');
    else for (const r of list) out.write(`${r.vuid}\n    ${r.summary}\n`);
    return 0;
  }
  const c = computeCoverage(v.rules, findRegistry(values.registry));
  if (format === 'json') {
    out.write(JSON.stringify({ registry: c.registry, registryVersion: c.registryVersion, inScope: c.inScope, implemented: c.implemented, undecidable: c.undecidable, missing: c.missing }, null, 2) + '\n');
    return 0;
  }
  out.write(`registry: ${c.registry} (API ${c.registryVersion})\n`);
  out.write(`in scope:     ${c.inScope}\nimplemented:  ${c.implemented}\nundecidable:  ${c.undecidable.length} (cannot be decided from any input, by design)\nmissing:      ${c.missing.length}\n`);
  for (const u of c.undecidable) out.write(`\n  ${u.vuid}\n    ${u.reason}\n`);
  if (c.missing.length) out.write(`\nmissing:\n${c.missing.map((m) => `  ${m}\n`).join('')}`);
  return 0;
}

/** A template with its placeholders replaced by words: the member named by the VUID, "…" for values. */
export function summarizeTemplate(vuid: string, template: string): string {
  const member = vuid.split('-')[2] ?? 'the member';
  return template.replace(/\{path\}/g, member).replace(/\{type\}/g, 'its type').replace(/\{[^}]*\}/g, '…');
}
