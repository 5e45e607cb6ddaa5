// Member paths ("vkFunc.args.pAllocateInfo.pNext", "steps[3].os.args") into JSON values: used to
// record where a pNext loop is tied, so that an input with a cycle (which JSON cannot hold) can be
// written to a file and made again.

export function parsePath(path) {
  const out = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

export function getPath(root, path) {
  let cur = root;
  for (const k of parsePath(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[k];
  }
  return cur;
}

/** Ties a loop: the object at `from` gets member `key` pointing at the object at `to`. */
export function applyLink(root, link) {
  const from = getPath(root, link.from);
  const to = getPath(root, link.to);
  if (from && typeof from === 'object' && to && typeof to === 'object') from[link.key] = to;
}
