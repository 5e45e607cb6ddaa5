// Node only: a profile by built-in name or by the path of a .profile.json file.
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import { builtinProfiles, unknownProfile } from './builtin.js';
import { loadProfile, tooBig } from './load.js';
import type { NormalizedProfile } from './types.js';

/** Reads and checks one profile file; the size limit is checked before the file is read. */
export function loadProfileFile(path: string): NormalizedProfile {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new InputError('is not a file', { file: path });
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read the profile: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { file: path });
  }
  if (size > LIMITS.profileBytes) throw tooBig(size, path);
  return loadProfile(readFileSync(path, 'utf8'), path);
}

/** A built-in name, or else a path (anything with a slash or ending in .json, or an existing file). */
export function findProfile(nameOrPath: string): NormalizedProfile {
  const builtin = builtinProfiles().find((p) => p.profile === nameOrPath);
  if (builtin) return builtin;
  if (/[\\/]/.test(nameOrPath) || nameOrPath.endsWith('.json') || isFile(nameOrPath)) return loadProfileFile(nameOrPath);
  throw unknownProfile(nameOrPath, true);
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
