// (being written)
import type { View } from '../app/context.js';
import { h } from '../app/dom.js';

export const handleTypesView: View = {
  route: 'types',
  label: 'Handle types',
  mount(root) {
    root.append(h('h1', { id: 'title-types' }, 'Handle types'));
  },
};
