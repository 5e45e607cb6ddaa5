// The explorer's library: the built-in profiles, the scenario library and sample captures, listed in
// library/index.json (written by scripts/build-web.mjs) and fetched only when one is opened, so the
// first page costs none of them. Profiles the user loads from a file join the built-in ones.
import type { NormalizedProfile } from '../../../src/profiles/types.js';
import { libraryId, libraryPath } from '../../../src/input/query.js';

export interface ProfileEntry { name: string; title: string; provenance: 'measured' | 'illustrative'; line: string; file: string; bytes: number; platform: string }
export interface ScenarioEntry { path: string; name: string; description: string; group: string }
export interface CaptureEntry { path: string; name: string; description: string }
export interface LibraryIndex { profiles: ProfileEntry[]; scenarios: ScenarioEntry[]; captures: CaptureEntry[] }

/**
 * A built-in profile as the build stored it: already checked and normalized by scripts/build-web.mjs
 * (with the same rules as a loaded file), so it is only parsed here.
 */
function builtinProfile(text: string, e: ProfileEntry): NormalizedProfile {
  const p = JSON.parse(text) as NormalizedProfile;
  if (!p || p.profile !== e.name || !p.device || !Array.isArray(p.memory?.types)) throw new Error(`library/${e.file} is not the normalized profile ${e.name}; rebuild the explorer`);
  return p;
}

export class Library {
  private profiles = new Map<string, Promise<NormalizedProfile>>();
  /** Profiles loaded from files in this page, by name (a later file with the same name replaces it). */
  readonly loaded = new Map<string, NormalizedProfile>();

  private constructor(readonly index: LibraryIndex, private base: URL) {}

  static async open(base: URL): Promise<Library> {
    const r = await fetch(new URL('library/index.json', base));
    if (!r.ok) throw new Error(`cannot load the library index (HTTP ${r.status})`);
    return new Library((await r.json()) as LibraryIndex, base);
  }

  /** Every profile name to offer: built-in ones first, then loaded files. */
  profileNames(): string[] {
    return [...this.index.profiles.map((p) => p.name), ...[...this.loaded.keys()].filter((n) => !this.index.profiles.some((p) => p.name === n))];
  }

  entry(name: string): ProfileEntry | undefined {
    return this.index.profiles.find((p) => p.name === name);
  }

  /** A profile by name: a loaded file, else a built-in one (fetched and checked once). */
  profile(name: string): Promise<NormalizedProfile> {
    const own = this.loaded.get(name);
    if (own) return Promise.resolve(own);
    let p = this.profiles.get(name);
    if (!p) {
      const e = this.entry(name);
      if (!e) return Promise.reject(new Error(`no profile named ${JSON.stringify(name)}; the profiles here are ${this.profileNames().join(', ')}`));
      p = this.text(`library/${e.file}`).then((t) => builtinProfile(t, e));
      p.catch(() => this.profiles.delete(name));
      this.profiles.set(name, p);
    }
    return p;
  }

  /**
   * Checks a profile file's text and keeps it under its own name; errors name the place. The checker
   * (the profile schema's compiled validator, ~125 KB) is fetched only when a file is loaded: built-in
   * profiles arrive checked, and the first verdict should not wait for it.
   */
  async addProfile(text: string, file: string): Promise<NormalizedProfile> {
    const { loadProfile } = await import('../../../src/profiles/load.js');
    const p = loadProfile(text, file);
    this.loaded.set(p.profile, p);
    return p;
  }

  /** Every scenario's query id, in the library's order. */
  scenarioIds(): string[] {
    return this.index.scenarios.map((s) => libraryId(s.path) ?? s.path);
  }

  /** A library scenario's text by its query id. */
  scenarioText(id: string): Promise<string> {
    const path = libraryPath(id);
    if (!this.index.scenarios.some((s) => s.path === path)) return Promise.reject(new Error(`no scenario '${id}' in the library`));
    return this.text(`library/scenarios/${path}`);
  }

  captureText(path: string): Promise<string> {
    if (!this.index.captures.some((s) => s.path === path)) return Promise.reject(new Error(`no capture ${JSON.stringify(path)} in the library`));
    return this.text(`library/captures/${path}`);
  }

  private async text(rel: string): Promise<string> {
    const r = await fetch(new URL(rel, this.base));
    if (!r.ok) throw new Error(`cannot load ${rel} (HTTP ${r.status})`);
    return r.text();
  }
}
