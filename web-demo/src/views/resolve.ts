// (being written)
import type { View } from '../app/context.js';
import { h } from '../app/dom.js';

export const resolveView: View = {
  route: 'resolve',
  label: 'Import resolver',
  mount(root) {
    root.append(h('h1', { id: 'title-resolve' }, 'Import resolver'));
  },
};
