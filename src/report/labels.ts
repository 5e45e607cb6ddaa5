// How an expectation reads in reports.
import type { ExpectationResult } from './types.js';

export function expectationLabel(e: ExpectationResult): string {
  switch (e.kind) {
    case 'report': return `${e.vuid} reported`;
    case 'absent': return `${e.vuid} absent`;
    case 'return': return `return ${e.vuid}`;
    case 'data': return `data read through ${e.vuid}`;
  }
}
