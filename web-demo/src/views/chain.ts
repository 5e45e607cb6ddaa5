// The chain builder (#/chain): a form for every member of the external-memory calls and their pNext
// chains, checked by the model as the user types. The page itself lives in ./chain/.
import type { View } from '../app/context.js';
import { ChainBuilder } from './chain/builder.js';

let current: ChainBuilder | undefined;

export const chainView: View = {
  async mount(root, ctx) {
    current?.dispose();
    current = new ChainBuilder(root, ctx);
    await current.start();
  },
  unmount() {
    current?.dispose();
    current = undefined;
  },
};
