// How an expectation, and the call a finding or expectation is at, read in reports.
import type { ExpectationResult } from './types.js';

/** The step by its query id (`misuse/x:13`) in a library scenario, else by its call number (`call 13`). */
export function callLabel(x: { call: number; query?: string }): string {
  return x.query ?? `call ${x.call}`;
}

export function expectationLabel(e: ExpectationResult): string {
  switch (e.kind) {
    case 'report': return `${e.vuid} reported`;
    case 'absent': return `${e.vuid} absent`;
    case 'return': return `return ${e.vuid}`;
    case 'data': return `data read through ${e.vuid}`;
  }
}
