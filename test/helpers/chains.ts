// pNext chains written as JSON, taken apart and put back together: the resolver tests build a chain
// from an answer, then change one structure of it at a time.

export type Info = Record<string, unknown>;

/** The structures of `info`'s pNext chain, in order, each without its own pNext. */
export function flatten(info: Info): Info[] {
  const out: Info[] = [];
  for (let n = info.pNext as Info | null; n; n = n.pNext as Info | null) { const { pNext: _, ...rest } = n; out.push(rest); }
  return out;
}

/** `info` with members from `over` and the chain `chain` linked in that order. */
export function rebuild(info: Info, chain: Info[], over: Info = {}): Info {
  let pNext: Info | null = null;
  for (let i = chain.length - 1; i >= 0; i--) pNext = { ...chain[i], pNext };
  return { ...info, ...over, pNext };
}
