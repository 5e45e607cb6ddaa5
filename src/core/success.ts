// Whether a call succeeded: the return kind of each call comes from the registry tables, the success
// predicate of each return kind from the contract (RETURN_SUCCESS), the same table the core's
// assembly/core/success.ts reads. A VkResult, an HRESULT or an int (close, dup) succeeds when it is not
// negative (VK_INCOMPLETE and S_FALSE are successes), a BOOL when it is not FALSE; a void call always
// does. A result the input does not give is taken as a success.
import { ENTRIES, COMMAND_ALIASES, ENUMS } from '../generated/registry.js';
import { RETURN_KINDS, RETURN_SUCCESS, type ReturnKind, type SuccessPredicate } from '../generated/contract.js';

export type { ReturnKind } from '../generated/contract.js';

const returnKinds = new Set<string>(RETURN_KINDS);
const RETURNS = new Map<string, ReturnKind>(ENTRIES.filter((e) => e.kind === 'command' || e.kind === 'model').map((e) => [e.name, returnKindOf(e.returns)]));
const VK_RESULTS = new Map(Object.entries(ENUMS.VkResult.values));

/** One predicate per name the contract gives: a predicate added there without one here fails the typecheck. */
const PREDICATES: { readonly [P in SuccessPredicate]: (code: number) => boolean } = {
  always: () => true,
  notNegative: (code) => code >= 0,
  notZero: (code) => code !== 0,
};

function returnKindOf(returns: string | undefined): ReturnKind {
  return returns !== undefined && returnKinds.has(returns) ? (returns as ReturnKind) : 'void';
}

/** How `name` reports success; Vulkan commands the registry tables do not model return a VkResult or nothing. */
export function returnKind(name: string): ReturnKind | undefined {
  return RETURNS.get(COMMAND_ALIASES[name] ?? name);
}

/** `code`: the numeric result (a VkResult, BOOL, HRESULT or int), undefined when the input gives none. */
export function callSucceeded(name: string, code: number | undefined): boolean {
  if (code === undefined) return true;
  return successPredicate(name)(code);
}

/** Whether a numeric result of `name` says it succeeded (what callSucceeded asks, for a caller that keeps it per call). */
export function successPredicate(name: string): (code: number) => boolean {
  const kind = returnKind(name) ?? (name.startsWith('vk') ? 'VkResult' : 'void');
  return PREDICATES[RETURN_SUCCESS[kind]];
}

/** A VkResult given by name or number, as a number (undefined for anything else). */
export function vkResultCode(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  return typeof v === 'string' ? VK_RESULTS.get(v) : undefined;
}
