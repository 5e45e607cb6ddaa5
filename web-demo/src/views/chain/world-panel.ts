// The world the call runs in: the device profile, the call, the source of an import (what exported the
// handle, which handle type, NT or KMT, by name or not) and whether the call is made in another process.
// Every change here starts the call over from a correct one for the new world. A choice applies at once;
// a typed value (the source's size) applies when the typing pauses, or is refused with the reason.
import { h } from '../../app/dom.js';
import { CHAIN_COMMANDS, type ChainCommand } from '../../logic/chain-state.js';
import { sourceFits, defaultSource, isExport, parseSourceSize, VULKAN_SOURCE_TYPES, type Source } from '../../logic/chain-world.js';
import type { WorldChoice } from '../../logic/chain-defaults.js';
import { byNameAllowed } from '../../logic/resolver-request.js';
import { readCatalogue } from '../../../../src/catalogue.js';

const CATALOGUE = readCatalogue();

export interface ProfileOption { name: string; provenance?: 'measured' | 'illustrative'; title?: string }

/** What a typed world control holds: a world to apply, or why its text is refused. */
export type TypedWorld = { id: string; label: string } & ({ choice: WorldChoice } | { message: string });

export interface WorldPanelOptions {
  profiles: ProfileOption[];
  choice: WorldChoice;
  change(choice: WorldChoice): void;
  /** A text control changed: apply its world after the typing pauses, or refuse its text. */
  typed(t: TypedWorld): void;
  /** Apply what was typed now (Enter, leaving the field). */
  settle(): void;
  /** Starts the call over from a correct one (same world). */
  reset(): void;
  /** Reads and keeps a profile file; resolves to its name, rejects with a message naming the place. */
  loadProfile(file: File): Promise<string>;
  /** Where the outcome of loading a file is told; it outlives the panel, which is redrawn when the profile changes. */
  fileStatus: HTMLElement;
}

type Kind = Source['kind'] | 'none';
const KIND_LABELS: Record<Kind, string> = {
  none: 'None: a plain call on a fresh device',
  vulkan: 'Vulkan memory exported by a device',
  'd3d11-texture': 'D3D11 texture (shared handle)',
  'd3d12-heap': 'D3D12 heap',
  'd3d12-resource': 'D3D12 committed resource',
  'dma-buf': 'dma-buf (Linux)',
  'host-pointer': 'Host allocation (pointer)',
};

/** A source of this kind that fits the command, or undefined when none does. */
function sourceOfKind(kind: Kind, command: ChainCommand, current: Source | null): Source | null | undefined {
  if (kind === 'none') return sourceFits(command, null) && (command === 'vkAllocateMemory' || command === 'vkCreateImage' || command === 'vkCreateBuffer') ? null : undefined;
  if (current?.kind === kind && sourceFits(command, current)) return current;
  if (kind === 'vulkan') {
    const type = VULKAN_SOURCE_TYPES.find((t) => sourceFits(command, { kind, handleType: t }));
    return type ? { kind, handleType: type } : undefined;
  }
  const s: Source = kind === 'd3d11-texture' ? { kind, shared: 'nt' } : { kind };
  return sourceFits(command, s) ? s : undefined;
}

/** Whether the source makes a handle that can be imported by the name it was given (the catalogue says which types can). */
function namedHandle(s: Source | null): boolean {
  return !!s && byNameAllowed(s, CATALOGUE);
}

function labelled(id: string, label: string, control: HTMLElement, extra?: Node | Node[] | null): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, extra ?? null);
}

export function worldPanel(o: WorldPanelOptions): HTMLElement {
  const c = o.choice;
  const next = (patch: Partial<WorldChoice>): WorldChoice => {
    const n = { ...c, ...patch };
    if (!sourceFits(n.command, n.source)) n.source = defaultSource(n.command);
    return n;
  };
  const change = (patch: Partial<WorldChoice>) => o.change(next(patch));
  const setSource = (patch: Record<string, unknown>) => change({ source: { ...(c.source as Source), ...patch } as Source });

  const profile = h('select', { id: 'world-profile', onchange: (e) => change({ profile: (e.target as HTMLSelectElement).value }) },
    o.profiles.map((p) => h('option', { value: p.name, selected: p.name === c.profile, title: p.title ?? '' }, p.provenance === 'illustrative' ? `${p.name} (illustrative)` : p.name)));
  const chosen = o.profiles.find((p) => p.name === c.profile);
  const badge = chosen?.provenance
    ? h('span', { class: `badge ${chosen.provenance}`, title: chosen.provenance === 'illustrative' ? 'written by hand, not measured on a driver' : 'measured on a real driver' }, chosen.provenance)
    : h('span', { class: 'badge', title: 'a profile loaded from a file in this page' }, 'from a file');

  const command = h('select', { id: 'world-command', onchange: (e) => change({ command: (e.target as HTMLSelectElement).value as ChainCommand }) },
    CHAIN_COMMANDS.map((cmd) => h('option', { value: cmd, selected: cmd === c.command }, cmd)));

  const currentKind: Kind = c.source?.kind ?? 'none';
  // The kinds that fit the call, and the current one even if it does not (a link may hold any world).
  const kinds = (Object.keys(KIND_LABELS) as Kind[]).filter((k) => k === currentKind || sourceOfKind(k, c.command, c.source) !== undefined);
  const source = h('select', { id: 'world-source', onchange: (e) => change({ source: sourceOfKind((e.target as HTMLSelectElement).value as Kind, c.command, c.source) ?? null }) },
    kinds.map((k) => h('option', { value: k, selected: k === currentKind }, KIND_LABELS[k])));

  const details: HTMLElement[] = [];
  const s = c.source;
  if (s?.kind === 'vulkan') {
    const types = VULKAN_SOURCE_TYPES.filter((t) => sourceFits(c.command, { kind: 'vulkan', handleType: t }));
    details.push(labelled('world-type', 'Exported handle type', h('select', { id: 'world-type', onchange: (e) => setSource({ handleType: (e.target as HTMLSelectElement).value, byName: undefined }) },
      types.map((t) => h('option', { value: t, selected: t === s.handleType }, t)))));
    details.push(checkbox('world-dedicated', 'Exporter uses a dedicated allocation', !!s.dedicated, (on) => setSource({ dedicated: on || undefined })));
  } else if (s?.kind === 'd3d11-texture') {
    details.push(labelled('world-shared', 'Shared handle', h('select', { id: 'world-shared', onchange: (e) => setSource({ shared: (e.target as HTMLSelectElement).value, byName: undefined }) },
      h('option', { value: 'nt', selected: s.shared !== 'kmt' }, 'NT handle (CreateSharedHandle)'),
      h('option', { value: 'kmt', selected: s.shared === 'kmt' }, 'KMT handle (GetSharedHandle)'))));
  } else if (s && (s.kind === 'd3d12-heap' || s.kind === 'dma-buf' || s.kind === 'host-pointer')) {
    // Text, not a number input: hex is welcome, and what was typed stays there to be named when refused.
    const size = h('input', {
      id: 'world-size', type: 'text', value: String(s.size ?? 65536), autocomplete: 'off', spellcheck: 'false',
      'aria-describedby': 'world-size-hint world-size-error',
    });
    size.addEventListener('input', () => {
      const parsed = parseSourceSize(size.value, c);
      const field = { id: 'world-size', label: 'Size (bytes)' };
      o.typed(parsed.ok ? { ...field, choice: next({ source: { ...(s as Source), size: parsed.value as number } }) } : { ...field, message: parsed.message });
    });
    size.addEventListener('change', () => o.settle());
    size.addEventListener('keydown', (e) => { if (e.key === 'Enter') o.settle(); });
    details.push(labelled('world-size', 'Size (bytes)', size, [
      h('span', { class: 'hint', id: 'world-size-hint' }, 'decimal or 0x…'),
      h('span', { class: 'field-error', id: 'world-size-error', role: 'alert' }),
    ]));
  }
  if (c.command === 'vkAllocateMemory' && namedHandle(s)) {
    details.push(checkbox('world-byname', 'Import by the handle’s name', !!s?.byName, (on) => setSource({ byName: on || undefined })));
  }
  if (s && !isExport(c.command)) {
    details.push(labelled('world-process', 'Call made in', h('select', { id: 'world-process', onchange: (e) => change({ process: (e.target as HTMLSelectElement).value as 'same' | 'other' }) },
      h('option', { value: 'same', selected: c.process !== 'other' }, 'the exporting process'),
      h('option', { value: 'other', selected: c.process === 'other' }, 'another process'))));
  }

  const fileStatus = o.fileStatus;
  const file = h('input', { id: 'world-profile-file', type: 'file', accept: '.json,application/json' });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (!f) return;
    fileStatus.className = 'file-status';
    fileStatus.textContent = `Reading ${f.name}…`;
    o.loadProfile(f).then(
      (name) => { fileStatus.textContent = `Loaded the profile ${name}.`; },
      (e: Error) => { fileStatus.className = 'file-status error-box'; fileStatus.textContent = e.message; },
    );
  });

  return h('section', { class: 'card world', 'aria-labelledby': 'world-title' },
    h('h2', { id: 'world-title' }, 'The world'),
    h('div', { class: 'toolbar' },
      labelled('world-profile', 'Device profile', h('span', { class: 'with-badge' }, profile, badge)),
      labelled('world-command', 'Call', command),
      labelled('world-source', 'Source of the memory', source),
      details,
      h('div', { class: 'field' }, h('span', { 'aria-hidden': 'true' }, '\u00a0'), h('button', { type: 'button', onclick: () => o.reset() }, 'Start over from a correct call'))),
    h('div', { class: 'profile-file' }, h('label', { for: 'world-profile-file' }, 'Load a device profile file'), file, fileStatus));
}

function checkbox(id: string, label: string, checked: boolean, onChange: (on: boolean) => void): HTMLElement {
  const box = h('input', { type: 'checkbox', id, checked });
  box.addEventListener('change', () => onChange(box.checked));
  return h('div', { class: 'field check' }, h('span', { 'aria-hidden': 'true' }, '\u00a0'), h('label', {}, box, ` ${label}`));
}
