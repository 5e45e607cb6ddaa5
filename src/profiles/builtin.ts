// The built-in device profiles, bundled as JSON modules so they work in Node and in the browser bundle
// alike. Three are measured by `vk-extmem profile capture` (lavapipe, SwiftShader, and an NVIDIA H200
// on Linux); the Windows ones are illustrative, one per vendor where public reports differ (NVIDIA-like,
// Intel-like, AMD-like, and Mesa's Dozen), each citing the reports its answers rest on.
import lavapipe from '../../profiles/lavapipe.profile.json' with { type: 'json' };
import swiftshader from '../../profiles/swiftshader.profile.json' with { type: 'json' };
import nvidiaH200 from '../../profiles/nvidia-h200-linux.profile.json' with { type: 'json' };
import windowsDiscrete from '../../profiles/illustrative-windows-discrete.profile.json' with { type: 'json' };
import windowsIntegrated from '../../profiles/illustrative-windows-integrated.profile.json' with { type: 'json' };
import windowsAmd from '../../profiles/illustrative-windows-amd.profile.json' with { type: 'json' };
import windowsDozen from '../../profiles/illustrative-windows-dozen.profile.json' with { type: 'json' };
import { InputError } from '../core/errors.js';
import { normalizeProfile } from './load.js';
import type { NormalizedProfile } from './types.js';

const FILES: readonly unknown[] = [lavapipe, swiftshader, nvidiaH200, windowsDiscrete, windowsIntegrated, windowsAmd, windowsDozen];

let cache: NormalizedProfile[] | undefined;

/** Every built-in profile, checked like any file (once per process). */
export function builtinProfiles(): NormalizedProfile[] {
  if (!cache) cache = FILES.map((obj) => normalizeProfile(obj, (obj as { profile: string }).profile));
  return cache;
}

export function builtinProfileNames(): string[] {
  return builtinProfiles().map((p) => p.profile);
}

/** A built-in profile by name; an unknown name is an InputError that lists the names there are. */
export function findProfile(name: string): NormalizedProfile {
  const p = builtinProfiles().find((x) => x.profile === name);
  if (!p) throw unknownProfile(name);
  return p;
}

export function unknownProfile(name: string, orFile = false): InputError {
  return new InputError(`unknown profile ${JSON.stringify(name)}: the built-in profiles are ${builtinProfileNames().join(', ')}${orFile ? '; or give the path of a .profile.json file' : ''}`);
}
