// (being written)
import type { View } from '../app/context.js';
import { h } from '../app/dom.js';

export const profilesView: View = {
  route: 'profiles',
  label: 'Profiles',
  mount(root) {
    root.append(h('h1', { id: 'title-profiles' }, 'Profiles'));
  },
};
