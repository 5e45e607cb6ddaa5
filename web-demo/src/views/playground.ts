// (being written)
import type { View } from '../app/context.js';
import { h } from '../app/dom.js';

export const playgroundView: View = {
  route: 'play',
  label: 'Scenario playground',
  mount(root) {
    root.append(h('h1', { id: 'title-play' }, 'Scenario playground'));
  },
};
