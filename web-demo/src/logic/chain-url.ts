// What a link to the chain builder opens. Two forms:
//   #/chain?s=<encodeState(ChainState)>                 the whole chain, as its author left it
//   #/chain?profile=X&source=KIND&type=SHORT[&command=…&process=other]   a world; the call is prefilled
// A link that cannot be read opens the default chain with a note saying why, never an error page.
import { checkRequest, type SourceKind } from '../../../src/resolve/request.js';
import { SOURCE_KINDS, sharesByNtOrKmt, sourceOfType } from '../../../src/resolve/sources.js';
import { parseHandleType } from '../../../src/resolve/words.js';
import { InputError, show } from '../../../src/core/errors.js';
import { decodeState } from './url-state.js';
import { CHAIN_COMMANDS, type ChainCommand, type ChainState } from './chain-state.js';
import { DEFAULT_PROFILE, defaultChoice, type WorldChoice } from './chain-defaults.js';
import { defaultSource, sourceFits, type Source } from './chain-world.js';
import { DEFAULT_EXPORT_TYPE } from './resolver-request.js';
import { isObject } from './chain-args.js';

export interface ChainStart {
  choice: WorldChoice;
  /** A whole chain from the link: shown as it is. Absent: prefill a correct call for `choice`. */
  state?: ChainState;
  /** What the page should tell the user about the link (text, shown as text). */
  notes: string[];
}

/** Checks a decoded state; errors name the member. */
export function checkChainState(x: unknown): ChainState {
  if (!isObject(x)) throw new InputError('the chain is not a JSON object', {});
  if (x.v !== 1) throw new InputError(`unknown format version ${show(x.v)} (this page reads version 1)`, { path: 'v' });
  if (typeof x.profile !== 'string' || x.profile === '') throw new InputError(`expected a profile name, got ${show(x.profile)}`, { path: 'profile' });
  if (!(CHAIN_COMMANDS as readonly unknown[]).includes(x.command)) throw new InputError(`${show(x.command)} is not a call the builder makes (${CHAIN_COMMANDS.join(', ')})`, { path: 'command' });
  if (x.source !== null) checkRequest({ profile: x.profile, source: x.source, process: x.process });
  if (x.process !== undefined && x.process !== 'same' && x.process !== 'other') throw new InputError(`${show(x.process)} must be "same" or "other"`, { path: 'process' });
  if (!isObject(x.args)) throw new InputError(`expected the call's arguments as an object, got ${show(x.args)}`, { path: 'args' });
  return { v: 1, profile: x.profile, command: x.command as ChainCommand, source: x.source as Source | null, process: x.process as ChainState['process'], args: x.args };
}

/** The source a simple link names: `source` is a kind (or "none"), `type` a handle type for it. */
export function sourceFromLink(kind: string | undefined, type: string | undefined): Source | null {
  if (kind === 'none') return null;
  const t = type ? parseHandleType(type) : undefined;
  if (type && !t) throw new InputError(`${show(type)} is not a handle type name (e.g. OPAQUE_WIN32, D3D11_TEXTURE_KMT, OPAQUE_WIN32_NV)`, { path: 'type' });
  if (kind === undefined) {
    if (!t || !type) throw new InputError('names neither a source nor a handle type', {});
    // Only a handle type: the source the catalogue says makes it (a Vulkan export for the others).
    const made = sourceOfType(t.bit, t.nv);
    return made.kind === 'vulkan' ? { kind: 'vulkan', handleType: type } : made;
  }
  if (!(SOURCE_KINDS as readonly string[]).includes(kind)) throw new InputError(`${show(kind)} is not a source kind; use one of none, ${SOURCE_KINDS.join(', ')}`, { path: 'source' });
  if (kind === 'vulkan') return { kind, handleType: type ?? DEFAULT_EXPORT_TYPE };
  if (sharesByNtOrKmt(kind as SourceKind)) {
    const made = t ? sourceOfType(t.bit, t.nv) : undefined;
    return { kind: kind as SourceKind, shared: made?.kind === kind && made.shared === 'kmt' ? 'kmt' : 'nt' };
  }
  return { kind: kind as SourceKind };
}

/** Reads the view's URL parameters; `profiles` are the names this page has. */
export function startFromParams(params: Record<string, string>, profiles: string[]): ChainStart {
  const notes: string[] = [];
  const fallbackProfile = profiles.includes(DEFAULT_PROFILE) ? DEFAULT_PROFILE : profiles[0] ?? DEFAULT_PROFILE;
  const knownProfile = (name: string): string => {
    if (profiles.includes(name)) return name;
    notes.push(`This link names the profile ${JSON.stringify(name)}, which this page does not have (a profile loaded from a file lives only in the page that loaded it); using ${fallbackProfile} instead.`);
    return fallbackProfile;
  };

  if (params.s !== undefined) {
    const decoded = decodeState(params.s);
    if (decoded === undefined) {
      notes.push('The chain in this link could not be read (it may have been cut short when it was copied); showing the default chain instead.');
      return { choice: defaultChoice(fallbackProfile), notes };
    }
    try {
      const state = checkChainState(decoded);
      state.profile = knownProfile(state.profile);
      const { args: _args, v: _v, ...choice } = state;
      return { choice, state, notes };
    } catch (e) {
      const where = e instanceof InputError && e.where.path ? `${e.where.path}: ` : '';
      notes.push(`The chain in this link is not one the builder can show (${where}${(e as Error).message}); showing the default chain instead.`);
      return { choice: defaultChoice(fallbackProfile), notes };
    }
  }

  const choice = defaultChoice(params.profile ? knownProfile(params.profile) : fallbackProfile);
  if (params.command !== undefined) {
    if ((CHAIN_COMMANDS as readonly string[]).includes(params.command)) choice.command = params.command as ChainCommand;
    else notes.push(`${JSON.stringify(params.command)} is not a call the builder makes; showing ${choice.command}.`);
  }
  if (params.source !== undefined || params.type !== undefined) {
    try {
      choice.source = sourceFromLink(params.source, params.type);
    } catch (e) {
      notes.push(`This link's source could not be used (${(e as Error).message}); showing a D3D11 texture import instead.`);
    }
  }
  if (params.process === 'other') choice.process = 'other';
  if (!sourceFits(choice.command, choice.source)) choice.source = defaultSource(choice.command);
  return { choice, notes };
}
