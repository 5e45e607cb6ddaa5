// What a message looks like when the core and its template disagree: a marker the filler leaves
// (src/core/templates.ts), or a placeholder nothing filled.
import { CONTRACT_MISMATCH } from '../../src/core/templates.js';
import { TEMPLATE_PLACEHOLDER } from '../../src/generated/contract.js';

export const UNFILLED = new RegExp(`${CONTRACT_MISMATCH.source}|${TEMPLATE_PLACEHOLDER}`);
