// A labelled device-profile select that says, for every profile, whether its values were measured on a
// real driver or are ILLUSTRATIVE, and shows the chosen one's provenance line under it. The playground
// and the import resolver both use it.
import type { ViewContext } from '../../app/context.js';
import { h, replace } from '../../app/dom.js';

export interface ProfilePicker {
  element: HTMLElement;
  select: HTMLSelectElement;
  value(): string;
  set(name: string): void;
}

function provenance(ctx: ViewContext, name: string): { kind: 'measured' | 'illustrative' | 'file'; line: string } {
  const e = ctx.library.entry(name);
  if (e) return { kind: e.provenance, line: e.line };
  return { kind: 'file', line: 'a profile loaded from a file in this page' };
}

export function profilePicker(ctx: ViewContext, id: string, initial: string, onChange: (name: string) => void): ProfilePicker {
  const select = h('select', { id, name: 'profile' },
    ctx.library.profileNames().map((name) => {
      const p = provenance(ctx, name);
      return h('option', { value: name }, `${name} (${p.kind === 'measured' ? 'measured' : p.kind === 'illustrative' ? 'ILLUSTRATIVE' : 'from a file'})`);
    }));
  const badge = h('span', { class: 'badge' });
  const line = h('div', { class: 'provenance-line' });
  const show = () => {
    const p = provenance(ctx, select.value);
    badge.className = `badge ${p.kind === 'file' ? 'measured' : p.kind}`;
    replace(badge, p.kind === 'measured' ? 'measured' : p.kind === 'illustrative' ? 'ILLUSTRATIVE' : 'file');
    // A long line (an illustrative profile's basis) folds after its first clause; the clause stays in view.
    const cut = p.line.indexOf(': ');
    replace(line, p.line.length > 120 && cut > 0
      ? h('details', {}, h('summary', {}, p.line.slice(0, cut)), p.line.slice(cut + 2))
      : p.line);
  };
  select.value = initial;
  show();
  select.addEventListener('change', () => { show(); onChange(select.value); });
  const element = h('div', { class: 'profile-picker' },
    h('label', { for: id }, 'Device profile'),
    h('div', { class: 'profile-row' }, select, badge),
    line);
  return { element, select, value: () => select.value, set: (name) => { select.value = name; show(); } };
}
