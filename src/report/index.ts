// Entry point of the reporters: pick an output format and render a Report with it.

import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif, type SarifTool } from './sarif.js';
import { formatText } from './text.js';
import type { Report } from './types.js';

export type {
  ExpectationResult,
  FileResult,
  Finding,
  Report,
  Severity,
  Summary,
} from './types.js';
export { formatFindingText, formatText } from './text.js';
export { formatJson, toJsonReport, type JsonExpectation, type JsonFinding, type JsonReport } from './json.js';
export { formatSarif, type SarifRuleInfo, type SarifTool } from './sarif.js';
export { escapeXmlAttr, escapeXmlText, formatJunit } from './junit.js';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'junit';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'junit'];

export interface FormatOptions {
  /** ANSI colors in text output (ignored by the other formats). Default: off. */
  color?: boolean;
  /** Tool name, version and rule texts for SARIF. Without it the driver is `vk-extmem` with no version. */
  tool?: SarifTool;
}

const DEFAULT_TOOL: SarifTool = { name: 'vk-extmem', version: '', rules: [] };

/** Renders the report in the chosen format. */
export function formatReport(report: Report, format: OutputFormat, opts: FormatOptions = {}): string {
  switch (format) {
    case 'text':
      return formatText(report, { color: opts.color ?? false });
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, opts.tool ?? DEFAULT_TOOL);
    case 'junit':
      return formatJunit(report);
    default: {
      const unknown: never = format;
      throw new Error(`unknown output format: ${String(unknown)}`);
    }
  }
}
