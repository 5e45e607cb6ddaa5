// The functions of the addon's own namespace (vkx::) that a built addon uses but nothing in it defines.
// A shared object may leave symbols undefined (Node's own are resolved when it is loaded), and a lazy
// load would not notice one of ours until it is called: an operation the table marks native with no C++
// function (native/src/generated/operations.h) would link. scripts/build-native.mjs refuses such a build.
import { spawnSync } from 'node:child_process';

/**
 * The undefined vkx:: functions of the shared object `file`, as nm names them demangled
 * ("vkx::op::dup(vkx::Session&, Napi::Object const&, double*)"); throws when nm cannot read it.
 */
export function undefinedOwnFunctions(file) {
  const nm = spawnSync('nm', ['-D', '-C', '--undefined-only', file], { encoding: 'utf8' });
  if (nm.error || nm.status !== 0) throw new Error(`nm could not list the symbols of ${file} (apt-get install binutils)${nm.stderr ? `: ${nm.stderr.trim()}` : ''}`);
  return nm.stdout.split('\n').map((l) => l.trim().replace(/^U\s+/, '')).filter((l) => l.startsWith('vkx::'));
}
