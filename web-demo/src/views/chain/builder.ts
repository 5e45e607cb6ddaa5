// The chain builder's page: holds the ChainState (the URL carries it), runs the call after each change
// (after a pause while typing; at once on Enter, leaving the field, or a click), and redraws the parts
// that changed: the world panel, the form, the verdict, the driver's answer and the C code. Findings mark
// the form controls their member paths point at. Between a keystroke and its run the verdict says it is
// checking, and while a field holds text that is not a value the verdict is withheld: it never speaks
// about values that are no longer on screen.
import { h, readFileText, replace } from '../../app/dom.js';
import type { ViewContext } from '../../app/context.js';
import type { Validator } from '../../../../src/validator.js';
import type { NormalizedProfile } from '../../../../src/profiles/types.js';
import { InputError } from '../../../../src/core/errors.js';
import { encodeState } from '../../logic/url-state.js';
import { EXPLORER_LIMITS } from '../../logic/limits.js';
import type { ChainState } from '../../logic/chain-state.js';
import { startFromParams } from '../../logic/chain-url.js';
import { prefill, type WorldChoice } from '../../logic/chain-defaults.js';
import { hintsOf, runChain, type ChainRun } from '../../logic/chain-world.js';
import { setAt, type KeyPath } from '../../logic/chain-args.js';
import { targetOf } from '../../logic/chain-paths.js';
import { sortFindings, verdictSummary } from '../../logic/chain-verdict.js';
import { chainToC } from '../../logic/c-code.js';
import { callForm, type CallFormEnv } from './struct-form.js';
import { worldPanel, type TypedWorld } from './world-panel.js';
import { driverPanel, markPending, verdictPanel, worldSteps, type FieldProblem } from './verdict-panel.js';
import { codePanel } from './code-panel.js';

/** How long typing may pause before what was typed is applied and the call checked again. */
const TYPING_DELAY_MS = 200;
/** Handle types the form always offers names for (the world's names of that type, and VK_NULL_HANDLE). */
const NAMED_TYPES = ['VkDevice', 'VkDeviceMemory', 'VkImage', 'VkBuffer', 'HANDLE'];
const CONTROL = 'input, select, textarea';

/** The element id of the form control for the member at these keys. */
const controlId = (keys: KeyPath) => `f-${keys.join('-').replace(/[^A-Za-z0-9_-]/g, '_')}`;

export class ChainBuilder {
  private state!: ChainState;
  private profile!: NormalizedProfile;
  private validator!: Validator;
  private run?: ChainRun;
  /** Controls holding text that is not a value, by their element ids (world panel ones start with "world-"). */
  private invalid = new Map<string, FieldProblem>();
  /** Set while typed text waits for the pause before it is applied. */
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** A world typed in the world panel (its size), applied when the typing pauses. */
  private typedWorld: WorldChoice | undefined;
  private observer: IntersectionObserver | undefined;
  /** Bumped by each world change, so a slow profile fetch does not overwrite a later choice. */
  private generation = 0;
  private disposed = false;

  private readonly notes = h('div', { class: 'chain-notes' });
  private readonly world = h('div', {});
  private readonly form = h('form', { class: 'chain-form', 'aria-label': 'The call', onsubmit: (e) => e.preventDefault() });
  private readonly verdict = h('section', { class: 'verdict-panel', id: 'chain-verdict', 'aria-label': 'Verdict', 'aria-live': 'polite', tabindex: '-1' });
  /** The verdict in a few words, kept on screen (at the bottom) while the verdict panel is scrolled away. */
  private readonly bar = h('button', { type: 'button', class: 'verdict-bar', hidden: true, 'aria-controls': 'chain-verdict', onclick: () => this.goToVerdict() }, 'Checking…');
  private readonly side = h('div', { class: 'chain-side' });
  private readonly driver = h('section', { class: 'driver-panel' });
  private readonly steps = h('div', {});
  private readonly code = codePanel(() => this.ctx.urlWritten());
  private readonly fileStatus = h('span', { class: 'file-status', role: 'status' });

  constructor(private root: HTMLElement, private ctx: ViewContext) {}

  async start(): Promise<void> {
    this.root.append(
      h('h1', { id: 'title-chain' }, 'Chain builder'),
      h('p', { class: 'lede' }, 'Build one call member by member, as your C code will. Each change runs it in a simulated world made from a device profile (the devices, the exported object and its handle), and the model\'s rules judge it there: every finding names its VUID, the member it is about, and the values that broke it.'),
      this.notes, this.world,
      h('div', { class: 'columns chain-columns' }, this.form, this.side),
      this.bar,
    );
    this.side.append(this.verdict, this.driver, this.code.element, this.steps);
    // The bar shows while the verdict panel is out of view (scrolled above the sticky header, or below).
    const header = document.querySelector<HTMLElement>('header.top')?.offsetHeight ?? 0;
    this.observer = new IntersectionObserver(([e]) => { this.bar.hidden = e.isIntersecting; }, { rootMargin: `-${header}px 0px 0px 0px` });
    this.observer.observe(this.verdict);
    replace(this.verdict, h('div', { class: 'verdict', role: 'status' }, 'Loading the device profile…'));
    const start = startFromParams(this.ctx.params, this.ctx.library.profileNames());
    this.note(...start.notes);
    let profile: NormalizedProfile;
    try {
      [this.validator, profile] = await Promise.all([this.ctx.validator(), this.ctx.library.profile(start.choice.profile)]);
    } catch (e) {
      replace(this.verdict, h('p', { class: 'error-box', role: 'alert' }, `The profile ${start.choice.profile} could not be loaded: ${(e as Error).message}`));
      return;
    }
    if (this.disposed) return;
    this.profile = profile;
    this.state = start.state ?? prefill(this.validator, start.choice, profile);
    this.refresh({ world: true, form: true });
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.observer?.disconnect();
  }

  private note(...texts: string[]): void {
    for (const t of texts) this.notes.append(h('p', { class: 'note', role: 'status' }, t));
  }

  /** Runs the call and redraws: always the verdict, the answer and the code; the world panel and the form when asked. */
  private refresh(what: { world?: boolean; form?: boolean } = {}): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    // A world typed but not applied yet goes first: it starts the call over, and redraws everything.
    if (this.typedWorld) { this.applyTypedWorld(); return; }
    // A redrawn form shows the arguments' values again, so none of its controls holds unreadable text any more.
    if (what.form) for (const id of this.invalid.keys()) if (!id.startsWith('world-')) this.invalid.delete(id);
    const invalid = [...this.invalid.values()];
    if (!invalid.length) this.run = runChain(this.validator, this.state, this.profile);
    if (what.world) keepFocus(this.world, () => replace(this.world, this.worldPanel()));
    if (what.form) keepFocus(this.form, () => this.renderForm());
    this.verdict.removeAttribute('aria-busy');
    replace(this.verdict, ...verdictPanel({ run: invalid.length ? undefined : this.run, invalid, profile: this.state.profile, show: (p) => this.showField(p), focus: (id) => this.focusControl(id) }));
    replace(this.driver, ...(invalid.length ? [] : driverPanel(this.run)));
    replace(this.steps, ...(invalid.length ? [] : worldSteps(this.run)));
    this.code.show(chainToC(this.state.command, this.state.args));
    this.markFields(invalid);
    this.showBar(invalid.length ? { tone: 'withheld', text: `Verdict withheld: fix ${invalid.map((p) => p.label).join(', ')}` }
      : this.run?.problem ? { tone: 'bad', text: '✗ The call could not be run' }
      : verdictSummary(this.run?.findings ?? []));
    this.side.dataset.state = invalid.length ? 'withheld' : 'checked';
    this.ctx.setParams({ s: encodeState(this.state) });
    if (!invalid.length) this.ctx.verdictShown();
  }

  /** Something was typed: the verdict is out of date until the typing pauses (or the field is left). */
  private edited(): void {
    markPending(this.verdict);
    this.side.dataset.state = 'pending';
    this.showBar({ tone: 'pending', text: 'Checking…' });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { if (!this.disposed) this.refresh(); }, TYPING_DELAY_MS);
  }

  /** Applies what was typed now, without waiting for the pause (Enter, leaving the field, a click). */
  private settle(): void {
    if (this.timer !== undefined && !this.disposed) this.refresh();
  }

  private applyTypedWorld(): void {
    const choice = this.typedWorld!;
    this.typedWorld = undefined;
    void this.changeWorld(choice);
  }

  /** A world panel control holds new text: a world to apply after the pause, or why the text is refused. */
  private worldTyped(t: TypedWorld): void {
    if ('choice' in t) {
      this.invalid.delete(t.id);
      this.typedWorld = t.choice;
    } else {
      this.invalid.set(t.id, { id: t.id, label: t.label, message: t.message });
      this.typedWorld = undefined;
    }
    this.edited();
  }

  /** The bar's words: what the verdict panel says, in short (its tone colours it). */
  private showBar(summary: { tone: string; text: string }): void {
    this.bar.dataset.verdict = summary.tone;
    replace(this.bar, h('span', {}, summary.text), h('span', { class: 'go' }, 'Go to the verdict'));
  }

  private goToVerdict(): void {
    this.verdict.scrollIntoView({ block: 'start' });
    this.verdict.focus({ preventScroll: true });
  }

  private worldPanel(): HTMLElement {
    const lib = this.ctx.library;
    return worldPanel({
      profiles: lib.profileNames().map((name) => ({ name, provenance: lib.entry(name)?.provenance, title: lib.entry(name)?.title })),
      choice: this.state,
      change: (choice) => { this.typedWorld = undefined; void this.changeWorld(choice); },
      typed: (t) => this.worldTyped(t),
      settle: () => this.settle(),
      reset: () => void this.changeWorld(this.state),
      loadProfile: (file) => this.loadProfileFile(file),
      fileStatus: this.fileStatus,
    });
  }

  /** A new world: fetch its profile if needed, start over from a correct call for it. */
  private async changeWorld(choice: WorldChoice): Promise<void> {
    const generation = ++this.generation;
    let profile = this.profile;
    if (choice.profile !== this.profile.profile) {
      replace(this.verdict, h('div', { class: 'verdict', role: 'status' }, `Loading ${choice.profile}…`));
      try {
        profile = await this.ctx.library.profile(choice.profile);
      } catch (e) {
        replace(this.verdict, h('p', { class: 'error-box', role: 'alert' }, `The profile ${choice.profile} could not be loaded: ${(e as Error).message}`));
        keepFocus(this.world, () => replace(this.world, this.worldPanel()));
        return;
      }
    }
    if (generation !== this.generation || this.disposed) return;
    this.profile = profile;
    // The world panel and the form are drawn again from the new state: no control holds refused text.
    this.invalid.clear();
    this.state = prefill(this.validator, { profile: choice.profile, command: choice.command, source: choice.source, process: choice.process }, profile);
    this.refresh({ world: true, form: true });
  }

  private async loadProfileFile(file: File): Promise<string> {
    const text = await readFileText(file, EXPLORER_LIMITS.profileBytes, 'profile files');
    let name: string;
    try {
      name = (await this.ctx.library.addProfile(text, file.name)).profile;
    } catch (e) {
      throw new Error(e instanceof InputError ? e.describe() : (e as Error).message);
    }
    await this.changeWorld({ ...this.state, profile: name });
    return name;
  }

  private renderForm(): void {
    const objects = this.run?.objects ?? {};
    const lists = [...new Set([...NAMED_TYPES, ...Object.keys(objects)])];
    const env: CallFormEnv = {
      hints: this.run?.names ? hintsOf({ names: this.run.names }) : {},
      idFor: controlId,
      listFor: (type) => (lists.includes(type) ? `names-${type}` : undefined),
      changed: (keys, value) => { setAt(this.state.args, keys, value); this.edited(); },
      invalid: (keys, path, message) => this.fieldInvalid(keys, path, message),
      settle: () => this.settle(),
      structureChanged: (focusId) => {
        this.refresh({ form: true });
        if (focusId) document.getElementById(focusId)?.focus();
      },
    };
    replace(this.form,
      callForm(this.state.command, this.state.args, env),
      lists.map((type) => h('datalist', { id: `names-${type}` },
        [...(objects[type] ?? []), ...(type === 'HANDLE' ? ['NULL'] : ['VK_NULL_HANDLE'])].map((n) => h('option', { value: n })))));
  }

  private fieldInvalid(keys: KeyPath, path: string, message: string | undefined): void {
    const id = controlId(keys);
    if (message === undefined) this.invalid.delete(id);
    else this.invalid.set(id, { id, label: keys[keys.length - 1], path, message });
    this.edited();
  }

  /** Marks the controls and structures the findings (and the refused fields, with their message beside them) point at. */
  private markFields(invalid: FieldProblem[]): void {
    for (const el of this.root.querySelectorAll('.chain-form [aria-invalid], .world [aria-invalid], .has-error, .has-warning')) {
      el.removeAttribute('aria-invalid');
      el.removeAttribute('aria-errormessage');
      el.classList.remove('has-error', 'has-warning');
    }
    const shown = new Set([...this.form.querySelectorAll<HTMLElement>('[data-path]')].map((e) => e.dataset.path!));
    const mark = (path: string, tone: 'error' | 'warning', messageId?: string) => {
      const target = targetOf(path, shown);
      if (!target) return;
      for (const el of this.form.querySelectorAll<HTMLElement>(`[data-path="${CSS.escape(target)}"]`)) {
        if (el.matches(CONTROL)) {
          if (tone !== 'error') continue;
          el.setAttribute('aria-invalid', 'true');
          if (messageId) el.setAttribute('aria-errormessage', messageId);
        } else el.classList.add(tone === 'error' ? 'has-error' : 'has-warning');
      }
    };
    const refused = new Map(invalid.map((p) => [`${p.id}-error`, p]));
    for (const el of this.root.querySelectorAll<HTMLElement>('.field-error')) {
      const p = refused.get(el.id);
      const text = p ? `${p.label} not applied: ${p.message}` : '';
      // Only a new message is written: the element is an alert, and the same words would be read again.
      if (el.textContent !== text) el.textContent = text;
    }
    if (invalid.length) {
      for (const p of invalid) {
        const control = document.getElementById(p.id);
        control?.setAttribute('aria-invalid', 'true');
        control?.setAttribute('aria-errormessage', `${p.id}-error`);
      }
      return;
    }
    const run = this.run;
    if (run?.problem?.path) mark(run.problem.path, 'error');
    sortFindings(run?.findings ?? []).forEach((f, i) => {
      if (f.severity === 'error') mark(f.path, 'error', `finding-${i}`);
      else if (f.severity !== 'info') mark(f.path, 'warning');
    });
  }

  /** Takes the user to a control by its id (a refused field). */
  private focusControl(id: string): void {
    const el = document.getElementById(id);
    el?.scrollIntoView({ block: 'center' });
    el?.focus({ preventScroll: true });
  }

  /** Takes the user to the control (or structure) a member path points at. */
  private showField(path: string): void {
    const shown = new Set([...this.form.querySelectorAll<HTMLElement>('[data-path]')].map((e) => e.dataset.path!));
    const target = targetOf(path, shown);
    if (!target) return;
    const el = this.form.querySelector<HTMLElement>(`[data-path="${CSS.escape(target)}"]`)!;
    const control = el.matches(CONTROL) ? el : el.querySelector<HTMLElement>(`${CONTROL}, button`);
    el.scrollIntoView({ block: 'center' });
    control?.focus({ preventScroll: true });
  }
}

/**
 * Redraws a region and puts the focus back on the control with the same id, if it had it. A text field
 * being typed in keeps the text as typed and the caret where it was (the redraw came from that text).
 */
function keepFocus(region: HTMLElement, draw: () => void): void {
  const active = document.activeElement;
  const id = active && region.contains(active) ? active.id : '';
  const typing = active instanceof HTMLInputElement && active.type === 'text' ? active : undefined;
  draw();
  const now = id ? document.getElementById(id) : null;
  now?.focus();
  if (typing && now instanceof HTMLInputElement && now.type === 'text') {
    now.value = typing.value;
    now.setSelectionRange(typing.selectionStart, typing.selectionEnd, typing.selectionDirection ?? undefined);
  }
}
