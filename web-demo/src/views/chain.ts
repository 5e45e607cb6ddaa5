// (being written)
import type { View } from '../app/context.js';
import { h } from '../app/dom.js';

export const chainView: View = {
  route: 'chain',
  label: 'Chain builder',
  mount(root) {
    root.append(h('h1', { id: 'title-chain' }, 'Chain builder'));
  },
};
