// One form control per member, chosen by the member's kind in the registry: number and text inputs,
// enum selects, a checkbox per flag bit (with the raw value beside them), handle names with the world's
// names offered. Every control has a label (the member name) and carries the member's path as the
// findings write it, so a finding can point back at it. Text applies as it is typed (the page waits for
// a pause) and at once on Enter or when the field is left; text that is not a value gets a message
// beside the field (the page writes it into the field's "-error" element).
import { h } from '../../app/dom.js';
import { enumNumber, enumOptions, flagBits, flagsNumber, shortFlagName, structSpec, type FieldSpec } from '../../logic/chain-form.js';
import { fieldText, isObject, isTrue, parseField, parseInteger, type KeyPath } from '../../logic/chain-args.js';
import { memberPath } from '../../logic/chain-paths.js';

/** What a control needs from the form around it. */
export interface FieldEnv {
  /** A unique element id for the member at these keys. */
  idFor(keys: KeyPath): string;
  /** The id of the datalist that offers the world's names of a C type (VkImage, HANDLE …), if any. */
  listFor(type: string): string | undefined;
  /** The member now holds `value` (already checked). */
  changed(keys: KeyPath, value: unknown): void;
  /** The control holds text that is not a value (message), or no longer does (undefined). */
  invalid(keys: KeyPath, path: string, message: string | undefined): void;
  /** Apply what was typed now instead of after the pause (Enter, leaving the field, a click). */
  settle(): void;
}

/** Where a refused value's message goes, beside the control (an alert: it appears when the typing pauses). */
function errorSlot(id: string): HTMLElement {
  return h('span', { class: 'field-error', id: `${id}-error`, role: 'alert' });
}

/** Typed text applies at once on Enter and when the field is left (a change event). */
function settleOnEnter(input: HTMLInputElement, env: FieldEnv): void {
  input.addEventListener('change', () => env.settle());
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') env.settle(); });
}

/** Label cell: the member name (the control's label) and its C type. */
function nameCell(field: FieldSpec, id: string): HTMLElement {
  return h('div', { class: 'member-name' }, h('label', { for: id }, field.name), h('span', { class: 'ctype' }, field.type));
}

function textControl(field: FieldSpec, keys: KeyPath, path: string, value: unknown, env: FieldEnv, attrs: Record<string, string> = {}): HTMLInputElement {
  const input = h('input', {
    id: env.idFor(keys), type: field.kind === 'integer' || field.kind === 'fd' ? 'number' : 'text', value: fieldText(field, value), 'data-path': path,
    autocomplete: 'off', spellcheck: 'false', ...attrs,
  });
  input.addEventListener('input', () => {
    // A number input reads text it cannot parse (1e, 2.) as empty: say what it is instead.
    const parsed = input.validity.badInput ? { ok: false as const, message: 'not a number: enter a whole number' } : parseField(field, input.value);
    if (parsed.ok) {
      env.invalid(keys, path, undefined);
      env.changed(keys, parsed.value);
    } else {
      env.invalid(keys, path, parsed.message);
    }
  });
  settleOnEnter(input, env);
  return input;
}

function enumControl(field: FieldSpec, keys: KeyPath, path: string, value: unknown, env: FieldEnv): HTMLSelectElement {
  const options = enumOptions(field.enumType!);
  const current = enumNumber(field.enumType, value);
  const select = h('select', { id: env.idFor(keys), 'data-path': path },
    options.map((o) => h('option', { value: o.name, selected: o.value === current }, o.name)));
  // A value the enum does not name (from a link or a capture) stays selectable as it is.
  if (current === undefined || !options.some((o) => o.value === current)) {
    select.prepend(h('option', { value: '', selected: true }, `${fieldText(field, value) || 'unset'} (not a ${field.enumType} value)`));
  }
  select.addEventListener('change', () => { if (select.value) { env.changed(keys, select.value); env.settle(); } });
  return select;
}

function flagsControl(field: FieldSpec, keys: KeyPath, path: string, value: unknown, env: FieldEnv): HTMLElement {
  const id = env.idFor(keys);
  const bits = flagBits(field.enumType!);
  let mask = BigInt(flagsNumber(field.enumType, value) ?? 0);
  const raw = h('input', { id, type: 'text', class: 'raw', value: `0x${mask.toString(16)}`, 'data-path': path, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${id}-hint ${id}-error` });
  const boxes = bits.map((b) => h('input', { type: 'checkbox', id: `${id}-${b.value}`, checked: (mask & BigInt(b.value)) !== 0n, 'data-bit': String(b.value) }));
  const sync = () => {
    raw.value = `0x${mask.toString(16)}`;
    for (const box of boxes) box.checked = (mask & BigInt(box.dataset.bit!)) !== 0n;
  };
  boxes.forEach((box) => box.addEventListener('change', () => {
    const bit = BigInt(box.dataset.bit!);
    mask = box.checked ? mask | bit : mask & ~bit;
    sync();
    env.invalid(keys, path, undefined);
    env.changed(keys, Number(mask));
    env.settle();
  }));
  raw.addEventListener('input', () => {
    const parsed = parseInteger(raw.value, field.type.endsWith('2') ? 'uint64_t' : 'uint32_t');
    if (!parsed.ok) { env.invalid(keys, path, parsed.message); return; }
    env.invalid(keys, path, undefined);
    mask = BigInt(parsed.value as number | string);
    for (const box of boxes) box.checked = (mask & BigInt(box.dataset.bit!)) !== 0n;
    env.changed(keys, Number(mask));
  });
  settleOnEnter(raw, env);
  return h('div', { class: 'flags-field' },
    h('div', { class: 'flags', role: 'group', 'aria-label': `${field.name} bits` },
      bits.map((b, i) => h('label', { title: b.name }, boxes[i], shortFlagName(b.name, field.enumType!)))),
    h('span', { class: 'raw-row' }, raw, h('span', { class: 'hint', id: `${id}-hint` }, 'raw value')),
    errorSlot(id));
}

function boolControl(keys: KeyPath, path: string, value: unknown, env: FieldEnv): HTMLElement {
  const box = h('input', { type: 'checkbox', id: env.idFor(keys), checked: isTrue(value), 'data-path': path });
  box.addEventListener('change', () => { env.changed(keys, box.checked ? 1 : 0); env.settle(); });
  return h('span', { class: 'bool' }, box, h('span', { 'aria-hidden': 'true' }, ' VK_TRUE'));
}

/** What a member's hint says (NULL when empty, a name to make, hex for masks). */
function hintFor(field: FieldSpec): string {
  if (field.out) return field.kind === 'fd' ? 'the fd number this scenario calls it' : `the name the new ${field.type} gets`;
  switch (field.kind) {
    case 'size': return field.type === 'DWORD' ? 'decimal or 0x…' : 'bytes (decimal or 0x…)';
    case 'handle': return `a ${field.type} of the world, or VK_NULL_HANDLE`;
    case 'oshandle': return 'a HANDLE of the world; empty: NULL';
    case 'string': case 'pointer': return 'empty: NULL';
    case 'array': return 'numbers, comma-separated; empty: NULL';
    default: return '';
  }
}

/** The grid cells (label, control) for one member; nested structures get a group of their own. */
export function fieldRow(field: FieldSpec, keys: KeyPath, base: string, value: unknown, env: FieldEnv): Node[] {
  const path = memberPath(base, field.name);
  const id = env.idFor(keys);
  const hint = hintFor(field);
  const withHint = (control: HTMLElement) => h('div', { class: 'field', 'data-path': path }, control, hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null, errorSlot(id));
  switch (field.kind) {
    case 'fixed':
      return [h('div', { class: 'member-name' }, h('span', { id }, field.name), h('span', { class: 'ctype' }, field.type)),
        h('div', { class: 'field' }, h('code', { 'aria-labelledby': id }, 'NULL'), h('span', { class: 'hint' }, 'not modelled: always NULL'))];
    case 'enum':
      return [nameCell(field, id), h('div', { class: 'field', 'data-path': path }, enumControl(field, keys, path, value, env))];
    case 'flags':
      return [nameCell(field, id), h('div', { class: 'field', 'data-path': path }, flagsControl(field, keys, path, value, env))];
    case 'bool':
      return [nameCell(field, id), h('div', { class: 'field', 'data-path': path }, boolControl(keys, path, value, env))];
    case 'struct': {
      const spec = structSpec(field.struct!);
      const obj = isObject(value) ? value : {};
      return [h('fieldset', { class: 'nested', 'data-path': path },
        h('legend', {}, h('span', { class: 'mono' }, field.name), ' ', h('span', { class: 'ctype' }, field.struct!)),
        h('div', { class: 'members' }, (spec?.fields ?? []).flatMap((f) => fieldRow(f, [...keys, f.name], path, obj[f.name], env))))];
    }
    default: {
      // Inputs offer the world's names; an output names something new, so it offers none.
      const list = field.out ? undefined : field.kind === 'handle' ? env.listFor(field.type) : field.kind === 'oshandle' ? env.listFor('HANDLE') : undefined;
      const placeholder = field.kind === 'string' || field.kind === 'pointer' || field.kind === 'oshandle' || field.kind === 'array' ? 'NULL' : '';
      const input = textControl(field, keys, path, value, env, { ...(list ? { list } : {}), ...(placeholder ? { placeholder } : {}), 'aria-describedby': hint ? `${id}-hint ${id}-error` : `${id}-error` });
      return [nameCell(field, id), withHint(input)];
    }
  }
}
