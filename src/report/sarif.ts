// SARIF 2.1.0 output (one run) for code-scanning dashboards. Only the rules that actually fired
// are listed; each result points at its rule by id and index, at the input file and line, and at
// the call and member as a logical location.

import type { Finding, Report, Severity } from './types.js';
import { callLabel } from './labels.js';

export interface SarifRuleInfo {
  vuid: string;
  summary: string;
  url: string;
}

export interface SarifTool {
  name: string;
  version: string;
  /** Where to read about the tool; defaults to the package page for `name`. */
  informationUri?: string;
  rules: SarifRuleInfo[];
}

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  undecidable: 'note',
};

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
}

/** A file name as a URI reference: relative names stay relative, absolute ones become file: URIs. */
function toUri(file: string): string {
  const p = file.replace(/\\/g, '/');
  const encode = (s: string): string => s.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(p)) return `file:///${p.slice(0, 2)}${encode(p.slice(2))}`;
  if (p.startsWith('/')) return `file://${encode(p)}`;
  return encode(p);
}

function logicalName(f: Finding): string {
  return f.path === '' ? `${callLabel(f)}: ${f.command}` : `${callLabel(f)}: ${f.command} ${f.path}`;
}

/** The report as a SARIF 2.1.0 log (2-space indentation, trailing newline). */
export function formatSarif(report: Report, tool: SarifTool): string {
  const known = new Map(tool.rules.map((r) => [r.vuid, r]));
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const artifacts: Array<{ location: { uri: string } }> = [];
  const artifactIndex = new Map<string, number>();

  const artifactOf = (file: string): number => {
    let i = artifactIndex.get(file);
    if (i === undefined) {
      i = artifacts.length;
      artifacts.push({ location: { uri: toUri(file) } });
      artifactIndex.set(file, i);
    }
    return i;
  };

  const ruleOf = (f: Finding): number => {
    let i = ruleIndex.get(f.vuid);
    if (i === undefined) {
      const info = known.get(f.vuid);
      const rule: SarifRule = { id: f.vuid, shortDescription: { text: info?.summary || f.vuid } };
      const help = info?.url || f.url;
      if (help !== '') rule.helpUri = help;
      i = rules.length;
      rules.push(rule);
      ruleIndex.set(f.vuid, i);
    }
    return i;
  };

  for (const fr of report.files) artifactOf(fr.file);

  const results = report.files.flatMap((fr) =>
    fr.findings.map((f) => {
      const file = f.file ?? fr.file;
      const physicalLocation: Record<string, unknown> = {
        artifactLocation: { uri: toUri(file), index: artifactOf(file) },
      };
      if (f.line !== undefined && Number.isInteger(f.line) && f.line >= 1) {
        physicalLocation.region = { startLine: f.line };
      }
      const result: Record<string, unknown> = {
        ruleId: f.vuid,
        ruleIndex: ruleOf(f),
        level: LEVEL[f.severity],
        message: { text: f.message === '' ? f.vuid : f.message },
        locations: [{ physicalLocation, logicalLocations: [{ fullyQualifiedName: logicalName(f) }] }],
      };
      const properties: Record<string, unknown> = {};
      if (f.severity === 'undecidable') properties.undecidable = true;
      // The step's query id: `vk-extmem run <id>` runs it again.
      if (f.query !== undefined) properties.query = f.query;
      if (Object.keys(properties).length > 0) result.properties = properties;
      return result;
    }),
  );

  const driver: Record<string, unknown> = {
    name: tool.name,
    informationUri: tool.informationUri ?? `https://www.npmjs.com/package/${tool.name}`,
  };
  if (tool.version !== '') driver.version = tool.version;
  driver.rules = rules;

  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [{ tool: { driver }, artifacts, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
