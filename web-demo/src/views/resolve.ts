// The import resolver: describe where memory comes from (a Vulkan export, a D3D11 texture, a D3D12
// heap or resource, a dma-buf, a host allocation) and who imports it; the model builds that world on
// the mock from the importing device's profile and says what the vkAllocateMemory must contain
// (allocationSize, memoryTypeIndex, dedicated allocation, the pNext chain), each as one sentence with
// its rule, and the whole import as C. A profile that lacks an extension the import needs is said first.
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
import { COMPONENT_LABELS, COMPONENT_HINTS, memoryTypeRows, citation, verdictOf, showsNvDedicated } from '../logic/resolver-tables.js';
import {
  thingsOf, reasonSentence, sizeDecision, typesDecision, dedicatedDecision, typesText, legendOf, extensionNotices,
  type Thing, type Decision, type ExtensionNotice,
} from '../logic/resolver-words.js';
import { importToC, chainWithCNames } from '../logic/resolver-c-code.js';
import { profilePicker } from './playground/profile-picker.js';

const FALLBACK_PROFILE = 'illustrative-windows-discrete';

/** A rule as the page cites it: the VUID linked to the spec (or the section that states a rule no VUID does), and whether the validator checks it. */
function cite(w: Why): HTMLElement {
  const c = citation(w);
  return h('span', { class: 'cite' },
    c.url ? specLink(c.url, c.label) : h('span', {}, c.label),
    ' ',
    h('span', { class: `checked ${c.checked ? 'yes' : 'no'}` }, c.checkedText));
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

/** The form element, how to set every control from a request, and how to switch the profile (the missing-extension notice offers others). */
type FormControls = HTMLFormElement & { sync(r: ResolveRequest): void; setProfile(name: string): void };

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
  form.setProfile = (name: string) => update((r) => ({ ...r, profile: name }));
  form.sync(initial);
  return form;
}

// ---- the answer ----

/** Everything the answer's parts share: the result, its things named for people, and how to cite. */
interface Answer { res: ResolveResult; things: Thing[] }

/** The missing-extension notices, first in the answer: what is missing, and the profiles to switch to. */
function extensionNoticesView(notices: ExtensionNotice[], onProfile: (name: string) => void): HTMLElement | null {
  if (!notices.length) return null;
  return h('section', { class: 'missing-extension', id: 'rs-missing-extension', role: 'alert', 'aria-labelledby': 'rs-h-missing' },
    h('h2', { id: 'rs-h-missing' }, notices.length === 1 ? `Missing extension: ${notices[0].extension}` : `Missing extensions: ${notices.map((n) => n.extension).join(', ')}`),
    notices.map((n) => h('div', { class: 'missing', 'data-extension': n.extension },
      h('p', {}, n.text, ' ', cite({ vuid: n.vuid, rule: n.vuid, checked: true, message: n.text, url: n.url })),
      n.offeredBy.length
        ? h('p', { class: 'offered-by' }, `Profiles that offer ${n.extension}: `, n.offeredBy.map((p) => h('button', { type: 'button', class: 'link-button', onclick: () => onProfile(p) }, p)))
        : h('p', { class: 'offered-by muted' }, `No profile in this library offers ${n.extension}.`))));
}

function problemsView(a: Answer): HTMLElement | null {
  const r = a.res.resolution;
  if (!r.problems.length) return null;
  return h('section', { class: 'problems', 'aria-labelledby': 'rs-problems' },
    h('h2', { id: 'rs-problems' }, 'Problems'),
    h('ul', { class: 'findings' }, r.problems.map((p) => h('li', { class: `finding ${p.severity}` },
      h('div', { class: 'msg' }, h('strong', {}, p.severity === 'error' ? 'Cannot work: ' : 'Cannot be decided here: '), reasonSentence(p.why, a.things)),
      h('div', { class: 'vuid' }, cite(p.why))))));
}

/** The sentence of a decision, then the rules it rests on. */
function decisionBody(d: Decision): HTMLElement[] {
  return [
    h('p', { class: 'decision-sentence' }, d.sentence),
    h('p', { class: 'why' }, d.rules.length > 1 ? 'The rules: ' : 'The rule: ', d.rules.flatMap((w, i) => (i ? [' · ', cite(w)] : [cite(w)]))),
  ];
}

function sizeView(a: Answer): HTMLElement {
  const s = a.res.resolution.allocationSize;
  const d = sizeDecision(a.res, a.things);
  return h('section', { class: 'card decision', id: 'rs-size-decision', 'aria-labelledby': 'rs-h-size' },
    h('h2', { id: 'rs-h-size' }, h('code', {}, 'allocationSize'), ' ', h('span', { class: 'answer mono', 'data-mode': s.mode }, d.answer)),
    decisionBody(d));
}

function typesView(a: Answer): HTMLElement {
  const { res, things } = a;
  const r = res.resolution;
  const t = r.memoryTypeIndex;
  const d = typesDecision(res, things);
  const rows = memoryTypeRows(r, res.profile);
  const yes = (allowed: boolean | undefined) => allowed === undefined ? h('td', { class: 'unknown', title: 'mask not known' }, '?') : h('td', { class: allowed ? 'yes' : 'no' }, allowed ? '✓' : '✗', h('span', { class: 'sr-only' }, allowed ? ' allowed' : ' not allowed'));
  return h('section', { class: 'card decision', id: 'rs-types-decision', 'aria-labelledby': 'rs-h-types' },
    h('h2', { id: 'rs-h-types' }, h('code', {}, 'memoryTypeIndex'), ' ', h('span', { class: 'answer mono' }, d.answer)),
    h('p', { class: 'decision-sentence' }, d.sentence),
    h('p', { class: 'why' }, 'The rule: ', cite(t.why)),
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
        row.allowedBy.map((x) => yes(x.allowed)),
        h('td', {}, row.chosen ? 'yes, used' : row.candidate ? 'yes' : 'no')))))),
    h('h3', {}, 'The masks'),
    h('ul', { class: 'plain components' }, t.components.map((c) => h('li', { 'data-kind': c.kind },
      h('strong', {}, COMPONENT_LABELS[c.kind]), ` (${COMPONENT_HINTS[c.kind]}): `,
      h('code', {}, c.types ? (c.types.length ? typesText(c.types) : 'no type') : 'not known'), ' — ',
      reasonSentence(c.why, things), ' ', cite(c.why)))));
}

function dedicatedView(a: Answer): HTMLElement {
  const r = a.res.resolution;
  const block = (struct: string, dd: typeof r.dedicated) => {
    const d = dedicatedDecision(dd, a.things);
    return h('div', { class: 'dedicated', 'data-decision': dd.decision },
      h('h3', {}, h('code', {}, struct), ': ', h('span', { class: 'answer' }, d.answer)),
      h('p', { class: 'decision-sentence' }, d.sentence),
      h('p', { class: 'why' }, 'The rule: ', cite(dd.why)),
      d.rules.length > 1 ? h('ul', { class: 'plain' }, d.rules.slice(1).map((w) => h('li', {}, 'Also: ', reasonSentence(w, a.things), ' ', cite(w)))) : null);
  };
  return h('section', { class: 'card decision', id: 'rs-dedicated-decision', 'aria-labelledby': 'rs-h-dedicated' },
    h('h2', { id: 'rs-h-dedicated' }, 'Dedicated allocation'),
    block('VkMemoryDedicatedAllocateInfo', r.dedicated),
    showsNvDedicated(r) ? block('VkDedicatedAllocationMemoryAllocateInfoNV', r.dedicatedNV) : h('p', { class: 'muted' }, 'VkDedicatedAllocationMemoryAllocateInfoNV: not needed (no NV handle type, nothing created for it).'));
}

/** A copy button and its polite status, for a block of text. */
function copyButton(text: string): HTMLElement[] {
  const copied = h('span', { class: 'muted', 'aria-live': 'polite' });
  return [h('button', { type: 'button', onclick: () => void navigator.clipboard?.writeText(text).then(() => replace(copied, 'copied'), () => replace(copied, 'select the text to copy it')) }, 'Copy'), copied];
}

function codeView(a: Answer): HTMLElement {
  const code = importToC(a.res, a.things);
  return h('section', { class: 'card', id: 'rs-c-code', 'aria-labelledby': 'rs-h-code' },
    h('div', { class: 'copy-row' },
      h('h2', { id: 'rs-h-code' }, 'The whole import in C'),
      h('div', { class: 'actions' }, copyButton(code))),
    h('p', { class: 'muted' }, 'From creating the resource to closing what the application still owns; the values in comments are this profile’s.'),
    h('pre', { class: 'code c-code', tabindex: 0, 'aria-label': 'The import in C' }, code));
}

function chainView(a: Answer): HTMLElement {
  const value = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  return h('section', { class: 'chain', 'aria-labelledby': 'rs-h-chain' },
    h('h2', { id: 'rs-h-chain' }, 'The pNext chain'),
    h('p', { class: 'muted' }, 'Names of objects and handles are the variables of the C code above.'),
    h('ol', { class: 'chain-list' }, chainWithCNames(a.res, a.things).map((c) => h('li', {},
      h('article', { class: 'struct', 'data-struct': c.struct },
        h('header', {}, h('span', {}, c.struct)),
        h('dl', { class: 'facts' }, Object.entries(c.fields).flatMap(([k, v]) => [h('dt', { class: 'mono' }, k), h('dd', { class: 'mono' }, value(v))])),
        c.why ? h('p', { class: 'why' }, h('span', { class: 'msg' }, reasonSentence(c.why, a.things)), ' ', cite(c.why)) : h('p', { class: 'why muted' }, 'The structure every allocation starts with.'))))));
}

function notesView(a: Answer): HTMLElement | null {
  const n = a.res.resolution.notes;
  if (!n.length) return null;
  return h('section', { 'aria-labelledby': 'rs-h-notes' }, h('h2', { id: 'rs-h-notes' }, 'Notes'),
    h('ul', { class: 'findings' }, n.map((w) => h('li', { class: 'finding info' }, h('div', { class: 'msg' }, reasonSentence(w, a.things)), h('div', { class: 'vuid' }, cite(w))))));
}

/** What the world's names in a scenario step or a call stand for (only those the text uses). */
function legendView(a: Answer, text: string): HTMLElement | null {
  const words = new Set(text.match(/[A-Za-z0-9_]+/g) ?? []);
  const used = legendOf(a.things).filter((l) => words.has(l.model) || text.includes(JSON.stringify(l.model)));
  if (!used.length) return null;
  return h('dl', { class: 'facts legend', 'aria-label': 'What the names stand for' }, used.flatMap((l) => [h('dt', { class: 'mono' }, l.model), h('dd', {}, l.words)]));
}

function stepsView(a: Answer): HTMLElement {
  const res = a.res;
  return h('details', { class: 'card world-steps' },
    h('summary', {}, `The ${res.steps.length} calls that built this world on the mock`),
    h('p', { class: 'muted' }, 'The resolver turns the request into these calls, runs them through the model on a simulated device made from the profile, and resolves the import against the state they left.'),
    legendView(a, JSON.stringify(res.steps)),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'call'), h('th', { scope: 'col' }, 'process'), h('th', { scope: 'col' }, 'operation'), h('th', { scope: 'col' }, 'arguments'))),
      h('tbody', {}, res.steps.map((s) => h('tr', {},
        h('td', {}, String(s.call)), h('td', {}, s.process ?? 'main'), h('td', { class: 'mono' }, s.name),
        h('td', {}, h('details', {}, h('summary', {}, 'show'), h('pre', { class: 'code' }, JSON.stringify(s.args, null, 2))))))))));
}

function answerView(ctx: ViewContext, req: ResolveRequest, res: ResolveResult, notices: ExtensionNotice[], onProfile: (name: string) => void): HTMLElement[] {
  const r = res.resolution;
  const a: Answer = { res, things: thingsOf(res, req.source.kind) };
  const v = verdictOf(r);
  const allocate = JSON.stringify({ vkFunc: { name: 'vkAllocateMemory', args: { device: r.query.device, pAllocateInfo: r.allocateInfo, pAllocator: null, pMemory: 'importedMemory' } }, ...(req.process === 'other' ? { process: r.query.process } : {}) }, null, 2);
  return [
    extensionNoticesView(notices, onProfile) ?? '',
    h('p', { class: `verdict ${v.tone}`, role: 'status' }, v.text),
    r.source ? h('p', { class: 'source-line' }, h('strong', {}, 'The source: '), reasonSentence({ rule: '', checked: false, message: r.source }, a.things)) : null,
    problemsView(a) ?? '',
    h('div', { class: 'decisions' }, sizeView(a), typesView(a), dedicatedView(a)),
    codeView(a),
    chainView(a),
    notesView(a) ?? '',
    h('section', { class: 'card', 'aria-labelledby': 'rs-h-step' },
      h('div', { class: 'copy-row' },
        h('h2', { id: 'rs-h-step' }, 'As a scenario step'),
        h('div', { class: 'actions' },
          copyButton(allocate),
          h('button', { type: 'button', class: 'primary', onclick: () => ctx.navigate('chain', { s: encodeState(chainStateFor(req, r)) }) }, 'Open in chain builder'))),
      h('p', { class: 'muted' }, 'For a scenario that makes this world: the names are those of the calls below.'),
      legendView(a, allocate),
      h('pre', { class: 'code' }, allocate)),
    stepsView(a),
  ].filter((x): x is HTMLElement => x !== '' && x !== null);
}

/** Which profiles of the library offer an extension (each profile is fetched once, only when an extension is missing). */
async function extensionOffers(ctx: ViewContext, res: ResolveResult): Promise<ExtensionNotice[]> {
  if (!res.missingExtensions.length) return [];
  const names = ctx.library.profileNames();
  const profiles = new Map<string, string[]>();
  await Promise.all(names.map(async (n) => {
    try { profiles.set(n, (await ctx.library.profile(n)).extensions); } catch { /* a profile that cannot load offers nothing */ }
  }));
  return extensionNotices(res.missingExtensions, res.profile.profile, names, (p, x) => profiles.get(p)?.includes(x) ?? false);
}

/** Set while the view is mounted; late work (a debounced field, a profile fetch) checks it, so it never rewrites another view's URL. */
let mounted = { alive: false };

export const resolveView: View = {
  unmount() { mounted.alive = false; },
  async mount(root, ctx) {
    const life = (mounted = { alive: true });
    root.append(
      h('h1', { id: 'title-resolve' }, 'Import resolver'),
      h('p', { class: 'lede' }, 'Say where the memory comes from and which device imports it. The model builds that situation on a simulated device from the profile and works out what vkAllocateMemory must contain, one sentence per decision with the rule behind it and whether the validator checks it, and the whole import in C.'));
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
        const res = resolveRequest(validator, req, profile);
        const notices = await extensionOffers(ctx, res);
        if (mine !== generation || !life.alive) return;
        content = answerView(ctx, req, res, notices, (name) => form.setProfile(name));
      } catch (e) {
        if (mine !== generation) return;
        const why = e instanceof InputError ? e.describe() : (e as Error).message;
        content = [h('p', { class: 'error-box', role: 'alert' }, `This request could not be resolved: ${why}`)];
      }
      replace(output, content);
      output.setAttribute('aria-busy', 'false');
      ctx.verdictShown();
    };
    const form = requestForm(ctx, catalogue, read.request, (r) => void show(r));
    root.append(notice, form, output);
    await show(read.request);
  },
};
