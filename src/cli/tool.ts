import { createRequire } from 'node:module';
import type { Validator } from '../validator.js';
import { vuidUrl } from '../core/findings.js';

export function version(): string {
  try {
    return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export function toolInfo(v: Validator) {
  return {
    name: 'vk-extmem',
    version: version(),
    rules: v.rules.map((r) => ({ vuid: r.vuid, summary: r.template.replace(/\{[^}]*\}/g, '…').split('. ')[0], url: vuidUrl(r.vuid) })),
  };
}
