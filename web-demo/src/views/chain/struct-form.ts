// The call as a form: its parameters, each structure as a card with its members, and the pNext chain of
// the call's structure as cards the user adds (from the structures the registry allows there), moves
// and removes. The cards are rebuilt when the chain changes; typing only changes the arguments.
import { h } from '../../app/dom.js';
import { commandSpec, structSpec, type FieldSpec } from '../../logic/chain-form.js';
import { addToChain, chainOf, getAt, isObject, moveInChain, newStruct, removeFromChain, structNameOf, type Json, type KeyPath, type WorldHints } from '../../logic/chain-args.js';
import { chainPath } from '../../logic/chain-paths.js';
import { fieldRow, type FieldEnv } from './fields.js';

export interface CallFormEnv extends FieldEnv {
  hints: WorldHints;
  /** The chain changed shape: rebuild the form, then focus the element with this id. */
  structureChanged(focusId?: string): void;
}

/** The form for `command`; edits go into `args` (in place). */
export function callForm(command: string, args: Json, env: CallFormEnv): HTMLElement {
  const spec = commandSpec(command);
  const titleId = 'call-title';
  return h('section', { class: 'struct call', 'aria-labelledby': titleId },
    h('header', {}, h('h2', { id: titleId }, h('code', {}, spec.name)), h('span', { class: 'ctype' }, `returns ${spec.returns}`)),
    h('div', { class: 'members' }, spec.params.flatMap((p) => paramRow(p, args, env))));
}

function paramRow(p: FieldSpec, args: Json, env: CallFormEnv): Node[] {
  if (p.kind !== 'struct') return fieldRow(p, [p.name], '', args[p.name], env);
  const struct = p.struct!;
  if (p.out) return [outputCard(p, env)];
  // A link may lack the structure, or hold something else there: start it afresh.
  if (!isObject(args[p.name])) args[p.name] = newStruct(struct, env.hints);
  return [structCard(struct, args, [p.name], p.name, env, { root: true, param: p.name })];
}

function outputCard(p: FieldSpec, env: CallFormEnv): HTMLElement {
  const spec = structSpec(p.struct!)!;
  const id = `${env.idFor([p.name])}-card`;
  return h('section', { class: 'struct output', 'aria-labelledby': id, 'data-path': p.name },
    h('header', {}, h('h3', { id }, h('code', {}, spec.name), ' ', h('span', { class: 'param' }, p.name)), h('span', { class: 'ctype' }, 'written by the call')),
    h('p', { class: 'hint' }, `The driver fills in ${spec.fields.map((f) => f.name).join(', ')}; “What the mock driver did” shows what it wrote.`));
}

interface CardPlace {
  root?: boolean;
  /** The call parameter this structure (or the chain it is in) hangs from. */
  param: string;
  /** Its place in the chain (chained structures only), and the chain's length. */
  index?: number;
  count?: number;
}

/** One structure: its name and sType, its members, and for the call's own structure the pNext chain. */
function structCard(name: string | undefined, args: Json, keys: KeyPath, path: string, env: CallFormEnv, place: CardPlace): HTMLElement {
  const spec = name ? structSpec(name) : undefined;
  const obj = getAt(args, keys) as Json;
  const cardId = `${env.idFor(keys)}-card`;
  const titleId = `${cardId}-title`;
  const title = spec ? spec.name : `Unknown structure (sType ${JSON.stringify(obj.sType)})`;
  return h('section', { class: `struct${place.root ? '' : ' chained'}`, id: cardId, 'aria-labelledby': titleId, 'data-path': path },
    h('header', {},
      h('h3', { id: titleId }, h('code', {}, title), place.root ? h('span', { class: 'param' }, ` ${place.param}`) : null),
      place.index !== undefined ? chainActions(args, keys, title, cardId, place, env) : null),
    spec?.sType ? h('p', { class: 'stype' }, h('span', { class: 'ctype' }, 'sType '), h('code', {}, spec.sType)) : null,
    spec && spec.fields.length ? h('div', { class: 'members' }, spec.fields.flatMap((f) => fieldRow(f, [...keys, f.name], path, obj[f.name], env))) : null,
    place.root && spec?.hasPNext ? chainEditor(spec.name, spec.extenders, args, keys, path, env) : null);
}

/** Move up, move down and remove, for a chained structure. */
function chainActions(args: Json, keys: KeyPath, title: string, cardId: string, place: CardPlace, env: CallFormEnv): HTMLElement {
  const rootKeys = keys.slice(0, keys.length - (place.index! + 1));
  const root = () => getAt(args, rootKeys) as Json;
  const keysAt = (index: number) => [...rootKeys, ...Array<string>(index + 1).fill('pNext')];
  const move = (delta: number, which: string) => () => {
    if (moveInChain(root(), place.index!, delta)) env.structureChanged(`${env.idFor(keysAt(place.index! + delta))}-card-${which}`);
  };
  return h('div', { class: 'struct-actions' },
    h('button', { type: 'button', id: `${cardId}-up`, disabled: place.index === 0, 'aria-label': `Move ${title} up the chain`, onclick: move(-1, 'up') }, '↑'),
    h('button', { type: 'button', id: `${cardId}-down`, disabled: place.index === place.count! - 1, 'aria-label': `Move ${title} down the chain`, onclick: move(1, 'down') }, '↓'),
    h('button', { type: 'button', class: 'remove', 'aria-label': `Remove ${title} from the chain`, onclick: () => { removeFromChain(root(), place.index!); env.structureChanged(`${env.idFor(rootKeys)}-add`); } }, 'Remove'));
}

/** The structures chained to the call's structure, and the control that adds one. */
function chainEditor(rootName: string, allowed: string[], args: Json, rootKeys: KeyPath, rootPath: string, env: CallFormEnv): HTMLElement {
  const root = getAt(args, rootKeys) as Json;
  const chain = chainOf(root);
  const addId = `${env.idFor(rootKeys)}-add`;
  const selectId = `${addId}-which`;
  const present = new Set(chain.map(structNameOf));
  const select = h('select', { id: selectId },
    allowed.map((s) => h('option', { value: s }, present.has(s) ? `${s} (already chained)` : s)));
  const cards = chain.map((obj, i) => {
    const name = structNameOf(obj);
    const keys = [...rootKeys, ...Array<string>(i + 1).fill('pNext')];
    return h('li', {}, structCard(name, args, keys, chainPath(rootPath, name ?? `sType ${String(obj.sType)}`), env, { param: rootKeys[0], index: i, count: chain.length }));
  });
  // Nothing the model knows extends it (and nothing is chained): say so in one line.
  if (!allowed.length && !chain.length) return h('p', { class: 'stype' }, h('span', { class: 'ctype' }, 'pNext '), h('code', {}, 'NULL'), h('span', { class: 'ctype' }, ` (no modelled structure extends ${rootName})`));
  return h('div', { class: 'chain' },
    h('h4', {}, `pNext chain of ${rootName}`, h('span', { class: 'ctype' }, chain.length ? ` · ${chain.length} structure${chain.length > 1 ? 's' : ''}` : ' · empty (pNext = NULL)')),
    cards.length ? h('ol', { class: 'chain-list' }, cards) : null,
    allowed.length
      ? h('div', { class: 'chain-add' },
        h('label', { for: selectId }, `Add to the pNext chain`),
        select,
        h('button', { type: 'button', id: addId, onclick: () => { addToChain(root, select.value, env.hints); env.structureChanged(addId); } }, 'Add'))
      : null);
}
