// Member paths, the way findings write them (`pAllocateInfo.pNext[VkImportMemoryWin32HandleInfoKHR].handle`,
// `pCreateInfo.extent.width`, `handleType`), so a finding can point at the form control it is about.

/** The path of member `name` inside the structure at `base` ('' for the call's own parameters). */
export function memberPath(base: string, name: string): string {
  return base ? `${base}.${name}` : name;
}

/** The path of a structure chained to the one at `base`. */
export function chainPath(base: string, struct: string): string {
  return `${base}.pNext[${struct}]`;
}

/** One step up: `a.b[X].c` → `a.b[X]` → `a.b` → `a` → ''. */
export function parentPath(path: string): string {
  const last = /(\.[^.[\]]+|\[[^\]]*\])$/.exec(path);
  return last ? path.slice(0, last.index) : '';
}

/**
 * What in the form a finding's path points at: the control with that exact path, else the nearest
 * structure or member around it that the form shows; undefined when nothing in the form is that member
 * (a finding about the call as a whole).
 */
export function targetOf(path: string, shown: ReadonlySet<string>): string | undefined {
  for (let p = path; p; p = parentPath(p)) if (shown.has(p)) return p;
  return undefined;
}
