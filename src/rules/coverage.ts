// `rules --coverage`: the rule catalogue against the newest registry found.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/errors.js';
import type { RuleInfo } from '../core/findings.js';
import { ALIASES, SCOPE } from './scope.js';

export interface Coverage {
  registry: string;
  registryVersion: string;
  inScope: number;
  implemented: number;
  undecidable: Array<{ vuid: string; reason: string }>;
  missing: string[];
  /** Implemented through an alias (an id the registry still uses for a rule we report under its new id). */
  viaAlias: string[];
}

/** The registry to read: the given path, else ../shared beside the project, else the system's. */
export function findRegistry(explicit?: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = explicit
    ? [explicit, join(explicit, 'validusage.json')]
    : [resolve(here, '../../shared/registry/validusage.json'), resolve(here, '../../../shared/registry/validusage.json'), resolve(process.cwd(), '../shared/registry/validusage.json'), '/usr/share/vulkan/registry/validusage.json'];
  for (const c of candidates) if (existsSync(c) && c.endsWith('.json')) return c;
  throw new InputError(explicit ? `no validusage.json at ${explicit}` : `no validusage.json found (looked in ${candidates.join(', ')}); install libvulkan-dev or pass --registry PATH`);
}

export function registryVuids(path: string): { version: string; vuids: Set<string> } {
  let doc: { 'version info'?: { 'api version'?: string }; validation?: Record<string, Record<string, Array<{ vuid: string }>>> };
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`cannot read ${path} as validusage.json: ${(e as Error).message}`);
  }
  if (!doc.validation) throw new InputError(`${path} has no "validation" member; is it a validusage.json?`);
  const vuids = new Set<string>();
  for (const byCond of Object.values(doc.validation)) for (const list of Object.values(byCond)) for (const e of list) vuids.add(e.vuid);
  return { version: doc['version info']?.['api version'] ?? 'unknown', vuids };
}

export function computeCoverage(rules: RuleInfo[], registryPath: string): Coverage {
  const { version, vuids } = registryVuids(registryPath);
  const byVuid = new Map(rules.map((r) => [r.vuid, r]));
  const inScope = SCOPE.filter((v) => vuids.has(v));
  let implemented = 0;
  const undecidable: Coverage['undecidable'] = [];
  const missing: string[] = [];
  const viaAlias: string[] = [];
  for (const v of inScope) {
    const r = byVuid.get(v) ?? (ALIASES[v] ?? []).map((a) => byVuid.get(a)).find(Boolean);
    if (!r) { missing.push(v); continue; }
    if (!byVuid.has(v)) viaAlias.push(v);
    if (r.undecidableByDesign) undecidable.push({ vuid: v, reason: r.template });
    else implemented++;
  }
  return { registry: registryPath, registryVersion: version, inScope: inScope.length, implemented, undecidable, missing, viaAlias };
}
