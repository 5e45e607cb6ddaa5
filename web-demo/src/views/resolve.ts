// The import resolver: describe where memory comes from (a Vulkan export, a D3D11 texture, a D3D12
// heap or resource, a dma-buf, a host allocation) and who imports it; the model builds that world on
// the mock from the importing device's profile and says what the vkAllocateMemory must contain
// (allocationSize, memoryTypeIndex, dedicated allocation, the pNext chain), each with its rule.
import type { View, ViewContext } from '../app/context.js';
import { h, replace, specLink } from '../app/dom.js';
import type { HandleTypeInfo } from '../../../src/catalogue.js';
import type { Why } from '../../../src/resolve/types.js';
import { resolveRequest, type ResolveRequest, type ResolveResult, type SourceKind } from '../../../src/resolve/request.js';
import { InputError } from '../../../src/core/errors.js';
import { encodeState } from '../logic/url-state.js';
import {
  SOURCE_KINDS, SIZED_KINDS, DEFAULT_SIZE, IMAGE_FORMATS, shortHandleType, exportableTypes, byNameAllowed, importedType,
  cleanRequest, requestFromParams, chainStateFor,
} from '../logic/resolver-request.js';
import {
  COMPONENT_LABELS, COMPONENT_HINTS, memoryTypeRows, citation, sizeText, dedicatedText, verdictOf, showsNvDedicated,
} from '../logic/resolver-tables.js';
import { profilePicker } from './playground/profile-picker.js';

const FALLBACK_PROFILE = 'illustrative-windows-discrete';

/** A rule as the page cites it: the VUID linked to the spec (or our rule key), and whether the validator checks it. */
function cite(w: Why): HTMLElement {
  const c = citation(w);
  return h('span', { class: 'cite' },
    c.url ? specLink(c.url, c.rule) : h('code', {}, c.rule),
    ' ',
    h('span', { class: `checked ${c.checked ? 'yes' : 'no'}` }, c.checkedText));
}

/** A decision's reason: our words, then the rule. */
function because(w: Why): HTMLElement {
  return h('p', { class: 'why' }, h('span', { class: 'msg' }, w.message), ' ', cite(w));
}

/** A number input that accepts whole numbers in a range; the reason shows beside it when not. */
function numberField(id: string, label: string, min: number, max: number, onValue: (n: number | undefined) => void, hint?: string) {
  const input = h('input', { id, type: 'number', min, max, step: 1, inputmode: 'numeric' });
  const error = h('span', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const read = () => {
    const text = input.value.trim();
    const n = Number(text);
    if (text === '') { input.removeAttribute('aria-invalid'); replace(error); onValue(undefined); return; }
    if (!Number.isInteger(n) || n < min || n > max) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', `${id}-error`);
      replace(error, `${label}: ${JSON.stringify(text)} is not a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}`);
      return;
    }
    input.removeAttribute('aria-invalid');
    replace(error);
    onValue(n);
  };
  // Typing waits for a pause; Enter or leaving the field applies at once.
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(read, 300); });
  input.addEventListener('change', () => { clearTimeout(timer); read(); });
  const element = h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('span', { class: 'hint' }, hint) : null, error);
  return { element, input };
}

/** The form element, and how to set every control from a request. */
type FormControls = HTMLFormElement & { sync(r: ResolveRequest): void };

/** The request form: every control exists once; the ones a source does not use are hidden. */
function requestForm(ctx: ViewContext, catalogue: HandleTypeInfo[], initial: ResolveRequest, onChange: (r: ResolveRequest) => void): FormControls {
  let req = initial;
  const update = (f: (r: ResolveRequest) => ResolveRequest) => {
    req = cleanRequest(f(structuredClone(req)), catalogue);
    form.sync(req);
    onChange(req);
  };

  const kind = h('select', { id: 'rs-kind' }, SOURCE_KINDS.map((k) => h('option', { value: k.kind }, k.label)));
  kind.addEventListener('change', () => update((r) => ({ ...r, source: { kind: kind.value as SourceKind, size: SIZED_KINDS.has(kind.value as SourceKind) ? DEFAULT_SIZE : undefined } })));
  const kindHint = h('span', { class: 'hint', id: 'rs-kind-hint' });

  const types = exportableTypes(catalogue);
  const typeOptions = (family: 'KHR' | 'NV') => types.filter((t) => t.family === family).map((t) => h('option', { value: shortHandleType(t.name) }, `${shortHandleType(t.name)} (${t.handle}, ${t.platform})`));
  const handleType = h('select', { id: 'rs-type' },
    h('optgroup', { label: 'VK_KHR_external_memory_* (KHR)' }, typeOptions('KHR')),
    h('optgroup', { label: 'VK_NV_external_memory_win32 (NV)' }, typeOptions('NV')));
  handleType.addEventListener('change', () => update((r) => ({ ...r, source: { ...r.source, handleType: handleType.value } })));

  const dedicated = h('input', { id: 'rs-dedicated', type: 'checkbox' });
  dedicated.addEventListener('change', () => update((r) => ({ ...r, source: { ...r.source, dedicated: dedicated.checked } })));

  const shared = h('select', { id: 'rs-shared' },
    h('option', { value: 'nt' }, 'NT handle (IDXGIResource1::CreateSharedHandle)'),
    h('option', { value: 'kmt' }, 'KMT handle (IDXGIResource::GetSharedHandle)'));
  shared.addEventListener('change', () => update((r) => ({ ...r, source: { ...r.source, shared: shared.value as 'nt' | 'kmt' } })));

  const size = numberField('rs-size', 'Size in bytes', 1, 2 ** 40, (n) => update((r) => ({ ...r, source: { ...r.source, size: n ?? DEFAULT_SIZE } })));

  const byName = h('input', { id: 'rs-byname', type: 'checkbox' });
  byName.addEventListener('change', () => update((r) => ({ ...r, source: { ...r.source, byName: byName.checked } })));
  const byNameHint = h('span', { class: 'hint', id: 'rs-byname-hint' });

  const picker = profilePicker(ctx, 'rs-profile', initial.profile, (name) => update((r) => ({ ...r, profile: name })));

  const process = h('select', { id: 'rs-process' },
    h('option', { value: 'same' }, 'the same process'),
    h('option', { value: 'other' }, 'another process (B)'));
  process.addEventListener('change', () => update((r) => ({ ...r, process: process.value as 'same' | 'other' })));

  const bindTo = h('select', { id: 'rs-bind' },
    h('option', { value: '' }, 'the default (an image for textures and resources, else a buffer)'),
    h('option', { value: 'image' }, 'an image'),
    h('option', { value: 'buffer' }, 'a buffer'));
  bindTo.addEventListener('change', () => update((r) => ({ ...r, resource: bindTo.value === 'image' ? { image: {} } : bindTo.value === 'buffer' ? { buffer: {} } : undefined })));
  const setImage = (k: 'width' | 'height' | 'format', v: number | string | undefined) => update((r) => {
    const image = { ...r.resource?.image, [k]: v };
    if (v === undefined) delete image[k];
    return { ...r, resource: { image } };
  });
  const width = numberField('rs-width', 'Image width', 1, 65536, (n) => setImage('width', n), 'default 256');
  const height = numberField('rs-height', 'Image height', 1, 65536, (n) => setImage('height', n), 'default 256');
  const format = h('select', { id: 'rs-format' }, IMAGE_FORMATS.map((f) => h('option', { value: f }, f.replace(/^VK_FORMAT_/, ''))));
  format.addEventListener('change', () => setImage('format', format.value));
  const bufferSize = numberField('rs-bufsize', 'Buffer size in bytes', 1, 2 ** 40, (n) => update((r) => ({ ...r, resource: { buffer: n === undefined ? {} : { size: n } } })), 'default: the source’s size');

  const field = (id: string, label: string, control: HTMLElement, hint?: HTMLElement) => h('div', { class: 'field', id: `${id}-field` }, h('label', { for: id }, label), control, hint);
  const check = (id: string, label: string, control: HTMLInputElement, hint?: HTMLElement) => h('div', { class: 'field check', id: `${id}-field` }, h('label', { for: id }, control, ' ', label), hint);

  const typeField = field('rs-type', 'Handle type exported', handleType);
  const dedicatedField = check('rs-dedicated', 'Export from a dedicated allocation', dedicated);
  const sharedField = field('rs-shared', 'Shared as', shared);
  const byNameField = check('rs-byname', 'Import by name', byName, byNameHint);
  const imageFields = h('div', { class: 'toolbar', id: 'rs-image-fields' }, width.element, height.element, field('rs-format', 'Image format', format));
  const bufferFields = h('div', { class: 'toolbar', id: 'rs-buffer-fields' }, bufferSize.element);

  const form = h('form', { class: 'card resolver-form', 'aria-label': 'The import to resolve', onsubmit: (e: Event) => e.preventDefault() },
    h('fieldset', {},
      h('legend', {}, 'Where the memory comes from'),
      h('div', { class: 'toolbar' }, field('rs-kind', 'Source', kind), typeField, sharedField, size.element),
      kindHint,
      h('div', { class: 'toolbar' }, dedicatedField, byNameField)),
    h('fieldset', {},
      h('legend', {}, 'Who imports it'),
      h('div', { class: 'toolbar' }, picker.element, field('rs-process', 'Import in', process))),
    h('fieldset', {},
      h('legend', {}, 'What the memory is bound to (optional)'),
      h('div', { class: 'toolbar' }, field('rs-bind', 'Bind to', bindTo)),
      imageFields, bufferFields)) as FormControls;

  form.sync = (r: ResolveRequest) => {
    const s = r.source;
    kind.value = s.kind;
    replace(kindHint, SOURCE_KINDS.find((k) => k.kind === s.kind)?.hint ?? '');
    typeField.hidden = dedicatedField.hidden = s.kind !== 'vulkan';
    if (s.kind === 'vulkan') handleType.value = shortHandleType(String(s.handleType));
    dedicated.checked = !!s.dedicated;
    sharedField.hidden = s.kind !== 'd3d11-texture';
    shared.value = s.shared ?? 'nt';
    size.element.hidden = !SIZED_KINDS.has(s.kind);
    if (SIZED_KINDS.has(s.kind) && document.activeElement !== size.input) size.input.value = String(s.size ?? DEFAULT_SIZE);
    const allowed = byNameAllowed(s, catalogue);
    byName.disabled = !allowed;
    byName.checked = !!s.byName;
    replace(byNameHint, allowed ? `${importedType(s)} handles can be opened by the name given when they were made` : `${importedType(s)} cannot be imported by name`);
    picker.set(r.profile);
    process.value = r.process ?? 'same';
    bindTo.value = r.resource?.image ? 'image' : r.resource?.buffer ? 'buffer' : '';
    imageFields.hidden = !r.resource?.image;
    bufferFields.hidden = !r.resource?.buffer;
    const img = r.resource?.image ?? {};
    if (document.activeElement !== width.input) width.input.value = img.width !== undefined ? String(img.width) : '';
    if (document.activeElement !== height.input) height.input.value = img.height !== undefined ? String(img.height) : '';
    format.value = img.format ?? IMAGE_FORMATS[0];
    if (document.activeElement !== bufferSize.input) bufferSize.input.value = r.resource?.buffer?.size !== undefined ? String(r.resource.buffer.size) : '';
  };
  form.sync(initial);
  return form;
}

// ---- the answer ----

function problemsView(res: ResolveResult): HTMLElement | null {
  const r = res.resolution;
  if (!r.problems.length) return null;
  return h('section', { class: 'problems', 'aria-labelledby': 'rs-problems' },
    h('h2', { id: 'rs-problems' }, 'Problems'),
    h('ul', { class: 'findings' }, r.problems.map((p) => h('li', { class: `finding ${p.severity}` },
      h('div', { class: 'vuid' }, p.severity === 'error' ? 'ERROR ' : 'CANNOT DECIDE ', cite(p.why)),
      h('div', { class: 'msg' }, p.why.message)))));
}

function sizeView(res: ResolveResult): HTMLElement {
  const s = res.resolution.allocationSize;
  const t = sizeText(s);
  const others = s.constraints.filter((c) => c.why.message !== s.why.message);
  return h('section', { class: 'card decision', id: 'rs-size-decision', 'aria-labelledby': 'rs-h-size' },
    h('h2', { id: 'rs-h-size' }, h('code', {}, 'allocationSize'), ' ', h('span', { class: 'answer mono', 'data-mode': s.mode }, t.code)),
    h('p', {}, `allocationSize must be ${t.words}.`),
    because(s.why),
    others.length ? h('div', {}, h('h3', {}, 'Also'), h('ul', { class: 'plain' }, others.map((c) => h('li', {}, h('code', {}, sizeText(c).code), ': ', c.why.message, ' ', cite(c.why))))) : null);
}

function typesView(res: ResolveResult): HTMLElement {
  const r = res.resolution;
  const t = r.memoryTypeIndex;
  const rows = memoryTypeRows(r, res.profile);
  const yes = (allowed: boolean | undefined) => allowed === undefined ? h('td', { class: 'unknown', title: 'mask not known' }, '?') : h('td', { class: allowed ? 'yes' : 'no' }, allowed ? '✓' : '✗', h('span', { class: 'sr-only' }, allowed ? ' allowed' : ' not allowed'));
  return h('section', { class: 'card decision', id: 'rs-types-decision', 'aria-labelledby': 'rs-h-types' },
    h('h2', { id: 'rs-h-types' }, h('code', {}, 'memoryTypeIndex'), ' ',
      h('span', { class: 'answer mono' }, t.candidates.length ? `${t.first}` : 'none')),
    h('p', {}, t.candidates.length
      ? `Candidates: ${t.candidates.join(', ')}${t.complete ? '' : ' (some mask is not known: the list may be too wide)'}; the chain below uses ${t.first}.`
      : 'No memory type is left: every candidate is ruled out by one of the masks below.'),
    because(t.why),
    h('div', { class: 'table-wrap' }, h('table', { class: 'memtypes' },
      h('caption', {}, `Memory types of ${res.profile.device.deviceName} (profile ${res.profile.profile})`),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'index'), h('th', { scope: 'col' }, 'property flags'), h('th', { scope: 'col' }, 'heap'),
        t.components.map((c) => h('th', { scope: 'col', title: COMPONENT_HINTS[c.kind] }, COMPONENT_LABELS[c.kind])),
        h('th', { scope: 'col' }, 'candidate'))),
      h('tbody', {}, rows.map((row) => h('tr', { class: row.chosen ? 'chosen' : row.candidate ? 'candidate' : 'ruled-out', 'data-type': row.index },
        h('td', { class: 'mono' }, String(row.index)),
        h('td', { class: 'mono' }, row.flags),
        h('td', { class: 'mono', title: `heap flags: ${row.heapFlags}` }, String(row.heap)),
        row.allowedBy.map((a) => yes(a.allowed)),
        h('td', {}, row.chosen ? 'yes, used' : row.candidate ? 'yes' : 'no')))))),
    h('h3', {}, 'The masks'),
    h('ul', { class: 'plain components' }, t.components.map((c) => h('li', { 'data-kind': c.kind },
      h('strong', {}, COMPONENT_LABELS[c.kind]), ` (${COMPONENT_HINTS[c.kind]}): `,
      h('code', {}, c.types ? (c.types.length ? `types ${c.types.join(', ')}` : 'no types') : 'unknown'), ' — ',
      c.why.message, ' ', cite(c.why)))));
}

function dedicatedView(res: ResolveResult): HTMLElement {
  const r = res.resolution;
  const block = (struct: string, d: typeof r.dedicated) => h('div', { class: 'dedicated', 'data-decision': d.decision },
    h('h3', {}, h('code', {}, struct), ': ', h('span', { class: 'answer' }, dedicatedText(d))),
    because(d.why),
    d.parts.filter((p) => p.why.message !== d.why.message).length
      ? h('ul', { class: 'plain' }, d.parts.filter((p) => p.why.message !== d.why.message).map((p) => h('li', {}, h('code', {}, p.decision), ': ', p.why.message, ' ', cite(p.why))))
      : null);
  return h('section', { class: 'card decision', id: 'rs-dedicated-decision', 'aria-labelledby': 'rs-h-dedicated' },
    h('h2', { id: 'rs-h-dedicated' }, 'Dedicated allocation'),
    block('VkMemoryDedicatedAllocateInfo', r.dedicated),
    showsNvDedicated(r) ? block('VkDedicatedAllocationMemoryAllocateInfoNV', r.dedicatedNV) : h('p', { class: 'muted' }, 'VkDedicatedAllocationMemoryAllocateInfoNV: not applicable (no NV handle type, nothing created for it).'));
}

function chainView(res: ResolveResult): HTMLElement {
  const r = res.resolution;
  const value = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  return h('section', { class: 'chain', 'aria-labelledby': 'rs-h-chain' },
    h('h2', { id: 'rs-h-chain' }, 'The pNext chain'),
    h('ol', { class: 'chain-list' }, r.chain.map((c) => h('li', {},
      h('article', { class: 'struct', 'data-struct': c.struct },
        h('header', {}, h('span', {}, c.struct)),
        h('dl', { class: 'facts' }, Object.entries(c.fields).flatMap(([k, v]) => [h('dt', { class: 'mono' }, k), h('dd', { class: 'mono' }, value(v))])),
        c.why ? because(c.why) : h('p', { class: 'why muted' }, 'The structure every allocation starts with.'))))));
}

function notesView(res: ResolveResult): HTMLElement | null {
  const n = res.resolution.notes;
  if (!n.length) return null;
  return h('section', { 'aria-labelledby': 'rs-h-notes' }, h('h2', { id: 'rs-h-notes' }, 'Notes'),
    h('ul', { class: 'findings' }, n.map((w) => h('li', { class: 'finding info' }, h('div', { class: 'msg' }, w.message), h('div', { class: 'vuid' }, cite(w))))));
}

function stepsView(res: ResolveResult): HTMLElement {
  return h('details', { class: 'card world-steps' },
    h('summary', {}, `The ${res.steps.length} calls that built this world on the mock`),
    h('p', { class: 'muted' }, 'The resolver turns the request into these calls, runs them through the model on a simulated device made from the profile, and resolves the import against the state they left.'),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'call'), h('th', { scope: 'col' }, 'process'), h('th', { scope: 'col' }, 'operation'), h('th', { scope: 'col' }, 'arguments'))),
      h('tbody', {}, res.steps.map((s) => h('tr', {},
        h('td', {}, String(s.call)), h('td', {}, s.process ?? 'main'), h('td', { class: 'mono' }, s.name),
        h('td', {}, h('details', {}, h('summary', {}, 'show'), h('pre', { class: 'code' }, JSON.stringify(s.args, null, 2))))))))));
}

function answerView(ctx: ViewContext, req: ResolveRequest, res: ResolveResult): HTMLElement[] {
  const r = res.resolution;
  const v = verdictOf(r);
  const allocate = JSON.stringify({ vkFunc: { name: 'vkAllocateMemory', args: { device: r.query.device, pAllocateInfo: r.allocateInfo, pAllocator: null, pMemory: 'importedMemory' } }, ...(req.process === 'other' ? { process: r.query.process } : {}) }, null, 2);
  const copied = h('span', { class: 'muted', 'aria-live': 'polite' });
  return [
    h('p', { class: `verdict ${v.tone}`, role: 'status' }, v.text),
    r.source ? h('p', { class: 'source-line' }, h('strong', {}, 'The source: '), r.source) : null,
    problemsView(res) ?? '',
    h('div', { class: 'decisions' }, sizeView(res), typesView(res), dedicatedView(res)),
    chainView(res),
    notesView(res) ?? '',
    h('section', { class: 'card', 'aria-labelledby': 'rs-h-step' },
      h('div', { class: 'copy-row' },
        h('h2', { id: 'rs-h-step' }, 'As a scenario step'),
        h('div', { class: 'actions' },
          h('button', { type: 'button', onclick: () => void navigator.clipboard?.writeText(allocate).then(() => replace(copied, 'copied'), () => replace(copied, 'select the text to copy it')) }, 'Copy'),
          copied,
          h('button', { type: 'button', class: 'primary', onclick: () => ctx.navigate('chain', { s: encodeState(chainStateFor(req, r)) }) }, 'Open in chain builder'))),
      h('pre', { class: 'code' }, allocate)),
    stepsView(res),
  ].filter((x): x is HTMLElement => x !== '' && x !== null);
}

/** Set while the view is mounted; late work (a debounced field, a profile fetch) checks it, so it never rewrites another view's URL. */
let mounted = { alive: false };

export const resolveView: View = {
  unmount() { mounted.alive = false; },
  async mount(root, ctx) {
    const life = (mounted = { alive: true });
    root.append(
      h('h1', { id: 'title-resolve' }, 'Import resolver'),
      h('p', { class: 'lede' }, 'Say where the memory comes from and which device imports it. The model builds that situation on a simulated device from the profile and works out what vkAllocateMemory must contain, with the rule behind each decision and whether the validator checks it.'));
    const notice = h('div', { class: 'notice', 'aria-live': 'polite' });
    const output = h('div', { class: 'resolve-output', 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', { class: 'loading' }, 'Resolving…'));
    const [validator, catalogue] = await Promise.all([ctx.validator(), ctx.handleTypes()]);
    const names = ctx.library.profileNames();
    const fallback = names.includes(FALLBACK_PROFILE) ? FALLBACK_PROFILE : names[0];
    const read = requestFromParams(ctx.params, names, catalogue, fallback);
    if (read.problem) notice.append(h('p', { class: 'error-box', role: 'alert' }, read.problem));

    let generation = 0;
    const show = async (req: ResolveRequest) => {
      if (!life.alive) return;
      const mine = ++generation;
      ctx.setParams({ r: encodeState(req) });
      output.setAttribute('aria-busy', 'true');
      let content: HTMLElement[];
      try {
        const profile = await ctx.library.profile(req.profile);
        if (mine !== generation || !life.alive) return;
        content = answerView(ctx, req, resolveRequest(validator, req, profile));
      } catch (e) {
        if (mine !== generation) return;
        const why = e instanceof InputError ? e.describe() : (e as Error).message;
        content = [h('p', { class: 'error-box', role: 'alert' }, `This request could not be resolved: ${why}`)];
      }
      replace(output, content);
      output.setAttribute('aria-busy', 'false');
      ctx.verdictShown();
    };
    root.append(notice, requestForm(ctx, catalogue, read.request, (r) => void show(r)), output);
    await show(read.request);
  },
};
