// Whether a call succeeded: one rule per kind of return value, read from the registry (the same rule
// as the core's assembly/core/success.ts). A VkResult or an HRESULT succeeds when it is not negative
// (VK_INCOMPLETE and S_FALSE are successes), a BOOL when it is not FALSE, an int (close, dup) when it is
// not negative; a void call always does. A result the input does not give is taken as a success.
import { ENTRIES, COMMAND_ALIASES, ENUMS } from '../generated/registry.js';

export type ReturnKind = 'void' | 'VkResult' | 'BOOL' | 'HRESULT' | 'int';

const RETURNS = new Map<string, ReturnKind>(ENTRIES.filter((e) => e.kind === 'command' || e.kind === 'model').map((e) => [e.name, (e.returns ?? 'void') as ReturnKind]));
const VK_RESULTS = new Map(Object.entries(ENUMS.VkResult.values));

/** How `name` reports success; Vulkan commands the registry tables do not model return a VkResult or nothing. */
export function returnKind(name: string): ReturnKind | undefined {
  return RETURNS.get(COMMAND_ALIASES[name] ?? name);
}

/** `code`: the numeric result (a VkResult, BOOL, HRESULT or int), undefined when the input gives none. */
export function callSucceeded(name: string, code: number | undefined): boolean {
  if (code === undefined) return true;
  const kind = returnKind(name) ?? (name.startsWith('vk') ? 'VkResult' : 'void');
  if (kind === 'BOOL') return code !== 0;
  if (kind === 'void') return true;
  return code >= 0;
}

/** A VkResult given by name or number, as a number (undefined for anything else). */
export function vkResultCode(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  return typeof v === 'string' ? VK_RESULTS.get(v) : undefined;
}
