// The chain builder's page: holds the ChainState (the URL carries it), runs the call after each change
// (debounced while typing), and redraws the parts that changed: the world panel, the form, the verdict,
// the driver's answer and the C code. Findings mark the form controls their member paths point at.
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
import { sortFindings } from '../../logic/chain-verdict.js';
import { chainToC } from '../../logic/c-code.js';
import { callForm, type CallFormEnv } from './struct-form.js';
import { worldPanel } from './world-panel.js';
import { driverPanel, verdictPanel, worldSteps, type FieldProblem } from './verdict-panel.js';
import { codePanel } from './code-panel.js';

/** How long typing may pause before the call is checked again. */
const TYPING_DELAY_MS = 100;
/** Handle types the form always offers names for (the world's names of that type, and VK_NULL_HANDLE). */
const NAMED_TYPES = ['VkDevice', 'VkDeviceMemory', 'VkImage', 'VkBuffer', 'HANDLE'];
const CONTROL = 'input, select, textarea';

export class ChainBuilder {
  private state!: ChainState;
  private profile!: NormalizedProfile;
  private validator!: Validator;
  private run?: ChainRun;
  /** Controls holding text that is not a value, by their keys. */
  private invalid = new Map<string, FieldProblem>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by each world change, so a slow profile fetch does not overwrite a later choice. */
  private generation = 0;
  private disposed = false;

  private readonly notes = h('div', { class: 'chain-notes' });
  private readonly world = h('div', {});
  private readonly form = h('form', { class: 'chain-form', 'aria-label': 'The call', onsubmit: (e) => e.preventDefault() });
  private readonly verdict = h('section', { class: 'verdict-panel', 'aria-label': 'Verdict', 'aria-live': 'polite' });
  private readonly driver = h('section', { class: 'driver-panel' });
  private readonly steps = h('div', {});
  private readonly code = codePanel();
  private readonly fileStatus = h('span', { class: 'file-status', role: 'status' });

  constructor(private root: HTMLElement, private ctx: ViewContext) {}

  async start(): Promise<void> {
    this.root.append(
      h('h1', { id: 'title-chain' }, 'Chain builder'),
      h('p', { class: 'lede' }, 'Build one call member by member, as your C code will. Each change runs it in a simulated world made from a device profile (the devices, the exported object and its handle), and the model\'s rules judge it there: every finding names its VUID, the member it is about, and the values that broke it.'),
      this.notes, this.world,
      h('div', { class: 'columns chain-columns' }, this.form, h('div', { class: 'chain-side' }, this.verdict, this.driver, this.code.element, this.steps)),
    );
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
  }

  private note(...texts: string[]): void {
    for (const t of texts) this.notes.append(h('p', { class: 'note', role: 'status' }, t));
  }

  /** Runs the call and redraws: always the verdict, the answer and the code; the world panel and the form when asked. */
  private refresh(what: { world?: boolean; form?: boolean } = {}): void {
    clearTimeout(this.timer);
    // A redrawn form shows the arguments' values again, so no control holds unreadable text any more.
    if (what.form) this.invalid.clear();
    const invalid = [...this.invalid.values()];
    if (!invalid.length) this.run = runChain(this.validator, this.state, this.profile);
    if (what.world) keepFocus(this.world, () => replace(this.world, this.worldPanel()));
    if (what.form) keepFocus(this.form, () => this.renderForm());
    replace(this.verdict, ...verdictPanel({ run: invalid.length ? undefined : this.run, invalid, profile: this.state.profile, show: (p) => this.showField(p) }));
    replace(this.driver, ...(invalid.length ? [] : driverPanel(this.run)));
    replace(this.steps, ...worldSteps(this.run));
    this.code.show(chainToC(this.state.command, this.state.args));
    this.markFields(invalid);
    this.ctx.setParams({ s: encodeState(this.state) });
    if (!invalid.length) this.ctx.verdictShown();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { if (!this.disposed) this.refresh(); }, TYPING_DELAY_MS);
  }

  private worldPanel(): HTMLElement {
    const lib = this.ctx.library;
    return worldPanel({
      profiles: lib.profileNames().map((name) => ({ name, provenance: lib.entry(name)?.provenance, title: lib.entry(name)?.title })),
      choice: this.state,
      change: (choice) => void this.changeWorld(choice),
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
    this.invalid.clear();
    this.state = prefill(this.validator, { profile: choice.profile, command: choice.command, source: choice.source, process: choice.process }, profile);
    this.refresh({ world: true, form: true });
  }

  private async loadProfileFile(file: File): Promise<string> {
    const text = await readFileText(file, EXPLORER_LIMITS.profileBytes, 'profile files');
    let name: string;
    try {
      name = this.ctx.library.addProfile(text, file.name).profile;
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
      idFor: (keys) => `f-${keys.join('-').replace(/[^A-Za-z0-9_-]/g, '_')}`,
      listFor: (type) => (lists.includes(type) ? `names-${type}` : undefined),
      changed: (keys, value) => { setAt(this.state.args, keys, value); this.schedule(); },
      invalid: (keys, path, message) => this.fieldInvalid(keys, path, message),
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
    const k = keys.join('\u0000');
    if (message === undefined) this.invalid.delete(k);
    else this.invalid.set(k, { path, message });
    this.schedule();
  }

  /** Marks the controls and structures the findings (and the unreadable fields) point at. */
  private markFields(invalid: FieldProblem[]): void {
    for (const el of this.form.querySelectorAll('[aria-invalid], .has-error, .has-warning')) {
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
    if (invalid.length) { for (const p of invalid) mark(p.path, 'error'); return; }
    const run = this.run;
    if (run?.problem?.path) mark(run.problem.path, 'error');
    sortFindings(run?.findings ?? []).forEach((f, i) => {
      if (f.severity === 'error') mark(f.path, 'error', `finding-${i}`);
      else if (f.severity !== 'info') mark(f.path, 'warning');
    });
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

/** Redraws a region and puts the focus back on the control with the same id, if it had it. */
function keepFocus(region: HTMLElement, draw: () => void): void {
  const active = document.activeElement;
  const id = active && region.contains(active) ? active.id : '';
  draw();
  if (id) document.getElementById(id)?.focus();
}
