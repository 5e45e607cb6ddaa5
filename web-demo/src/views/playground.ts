// The scenario playground: pick a scenario from the library, paste one, or drop a scenario or a
// gfxreconstruct capture; it runs on the mock made from a device profile (captures are checked as
// recorded) and shows the run as a timeline picture, the findings, the expectations and every call.
import type { View, ViewContext } from '../app/context.js';
import { h, replace, readFileText, dropZone } from '../app/dom.js';
import type { Validator } from '../../../src/validator.js';
import type { NormalizedProfile } from '../../../src/profiles/types.js';
import { InputError } from '../../../src/core/errors.js';
import { EXPLORER_LIMITS } from '../logic/limits.js';
import { runText, profilesThatCanRun, type PlaygroundRun } from '../logic/playground-run.js';
import { filterScenarios, sourceFromParams, libraryQuery, scenarioParam, entryId, pastedLink, defaultScenario, DEFAULT_PROFILE, type PlaygroundSource, type Wanted } from '../logic/playground-library.js';
import { checkSteps, libraryPath, QueryError, type StepRef } from '../../../src/input/query.js';
import { timelineFigure } from './playground/timeline-figure.js';
import { verdictLine, findingsList, expectationsList, stepTable, goTo, findingItemId, stepRowId } from './playground/run-report.js';
import { profilePicker } from './playground/profile-picker.js';

/** What is loaded now: its text, a name for messages, and where it came from (for the URL). */
interface Loaded { text: string; file: string; source: PlaygroundSource }

function errorText(e: unknown): string {
  return e instanceof InputError ? e.describe() : (e as Error).message;
}

/** The library picker: a search box narrowing a grouped select (scenarios by query id), and the sample captures. */
function libraryPicker(ctx: ViewContext, onScenario: (id: string) => void, onCapture: (path: string) => void) {
  const search = h('input', { id: 'pg-search', type: 'search', placeholder: 'e.g. kmt, d3d12, leak', autocomplete: 'off' });
  const select = h('select', { id: 'pg-scenario' });
  const count = h('span', { class: 'hint', id: 'pg-count', 'aria-live': 'polite' });
  const description = h('p', { class: 'scenario-description muted' });
  const fill = () => {
    const keep = select.value;
    const groups = filterScenarios(ctx.library.index.scenarios, search.value);
    const n = groups.reduce((a, g) => a + g.entries.length, 0);
    replace(select,
      h('option', { value: '' }, n ? `— choose one of ${n} —` : '— no scenario matches —'),
      groups.map((g) => h('optgroup', { label: g.label }, g.entries.map((e) => h('option', { value: entryId(e), title: e.description }, entryId(e))))));
    select.value = groups.some((g) => g.entries.some((e) => entryId(e) === keep)) ? keep : '';
    replace(count, `${n} of ${ctx.library.index.scenarios.length} scenarios`);
  };
  const describe = () => replace(description, ctx.library.index.scenarios.find((e) => entryId(e) === select.value)?.description ?? '');
  search.addEventListener('input', fill);
  select.addEventListener('change', () => { describe(); if (select.value) onScenario(select.value); });
  const captures = h('select', { id: 'pg-capture' },
    h('option', { value: '' }, '— choose a capture —'),
    ctx.library.index.captures.map((c) => h('option', { value: c.path, title: c.description }, c.name)));
  captures.addEventListener('change', () => { if (captures.value) onCapture(captures.value); });
  fill();
  const element = h('div', { class: 'card pg-source' },
    h('h2', {}, 'From the library'),
    h('div', { class: 'field' }, h('label', { for: 'pg-search' }, 'Search scenarios'), search, count),
    h('div', { class: 'field' }, h('label', { for: 'pg-scenario' }, 'Scenario'), select),
    description,
    h('div', { class: 'field' }, h('label', { for: 'pg-capture' }, 'Sample gfxreconstruct capture'), captures));
  return {
    element,
    show(src: PlaygroundSource) {
      select.value = src.from === 'library' ? src.id : '';
      if (src.from === 'library' && select.value !== src.id) { search.value = ''; fill(); select.value = src.id; }
      describe();
      captures.value = src.from === 'capture' ? src.path : '';
    },
    /** Narrows the list to what `text` finds (the beginning a wildcard selects), keeping the choice. */
    search(text: string) { search.value = text; fill(); },
  };
}

/** Set while the view is mounted; a run that finishes after the user left never rewrites another view's URL. */
let mounted = { alive: false };

export const playgroundView: View = {
  unmount() { mounted.alive = false; },
  async mount(root, ctx) {
    const life = (mounted = { alive: true });
    root.append(
      h('h1', { id: 'title-play' }, 'Scenario playground'),
      h('p', { class: 'lede' }, 'Run a scenario on a simulated Windows or Linux machine built from a device profile, or check a gfxreconstruct capture as it was recorded. The picture shows each process as a lane: the calls in order, handles made, duplicated, imported and closed, the memory payloads they refer to, and every finding pinned to its call.'));

    const notice = h('div', { class: 'notice', 'aria-live': 'polite' });
    const output = h('div', { class: 'play-output', 'aria-live': 'polite' });
    const validator: Validator = await ctx.validator();
    const names = ctx.library.profileNames();
    const initialProfile = ctx.params.profile && names.includes(ctx.params.profile) ? ctx.params.profile : names.includes(DEFAULT_PROFILE) ? DEFAULT_PROFILE : names[0];
    if (ctx.params.profile && !names.includes(ctx.params.profile)) notice.append(h('p', { class: 'error-box', role: 'alert' }, `There is no profile named ${JSON.stringify(ctx.params.profile)} here; using ${initialProfile}.`));

    let loaded: Loaded | undefined;
    let generation = 0;

    /**
     * Writes the URL: library scenarios and sample captures by path, pasted text when a link can carry
     * it (pastedLink says when; it compresses, so the URL is written once that is done), files never
     * (they stay in the page).
     */
    let writes = 0;
    const writeParams = () => {
      const src = loaded?.source;
      const params = {
        profile: picker.value(),
        scenario: src?.from === 'library' ? scenarioParam(src.id, src.step) : undefined,
        capture: src?.from === 'capture' ? src.path : undefined,
      };
      const mine = ++writes;
      if (src?.from !== 'text') { ctx.setParams(params); return; }
      void pastedLink(src.text, params.profile).then((link) => {
        if (mine === writes && life.alive) ctx.setParams({ ...params, text: 'text' in link ? link.text : undefined });
      });
    };

    const run = async () => {
      if (!loaded || !life.alive) return;
      const mine = ++generation;
      const { text, file } = loaded;
      writeParams();
      let result: PlaygroundRun;
      try {
        const profile = await ctx.library.profile(picker.value());
        if (mine !== generation) return;
        result = runText(validator, text, file, profile, loaded.source.from === 'library' ? loaded.source.id : undefined);
      } catch (e) {
        if (mine !== generation) return;
        // InputError names the file, line and member itself; anything else gets the file in front.
        const why = e instanceof InputError ? e.describe() : `${file}: ${(e as Error).message}`;
        replace(output, h('p', { class: 'error-box', role: 'alert' }, h('strong', {}, 'Could not run: '), why));
        ctx.verdictShown();
        return;
      }
      const shown = await report(result);
      if (mine !== generation) return;
      replace(output, shown);
      showStep(result);
      ctx.verdictShown();
    };

    /** The step the URL or a click selected: its row marked and brought into view, or why there is no such step. */
    const showStep = (r: PlaygroundRun) => {
      const src = loaded?.source;
      replace(stepNotice);
      if (src?.from !== 'library' || src.step === undefined || r.status === 'unsupported' || !r.scenario) { markStep(undefined); return; }
      try {
        checkSteps({ id: src.id, steps: [src.step] }, r.scenario.steps.length);
      } catch (e) {
        if (!(e instanceof QueryError)) throw e;
        stepNotice.append(h('p', { class: 'error-box', role: 'alert' }, e.message));
        markStep(undefined);
        return;
      }
      const row = markStep(src.step);
      row?.scrollIntoView({ block: 'center' });
    };
    /** Marks the rows of one step (every exit for 'end') as selected; returns the first. */
    const markStep = (step: StepRef | undefined): HTMLElement | undefined => {
      let first: HTMLElement | undefined;
      for (const row of output.querySelectorAll<HTMLElement>('table.steps tbody tr')) {
        const on = step !== undefined && row.dataset.step === String(step);
        row.classList.toggle('selected', on);
        if (on) { row.setAttribute('aria-current', 'step'); first ??= row; } else row.removeAttribute('aria-current');
      }
      return first;
    };
    /** A click on a step's number selects it: the URL names it, so the link leads to it. */
    const selectStep = (step: StepRef) => {
      if (loaded?.source.from !== 'library') return;
      loaded = { ...loaded, source: { ...loaded.source, step } };
      writeParams();
      replace(stepNotice);
      markStep(step);
    };

    /** Profiles that can run an unsupported scenario, as buttons that switch to them. */
    const suggestions = async (r: PlaygroundRun): Promise<HTMLElement | null> => {
      if (r.status !== 'unsupported' || !r.scenario) return null;
      const profiles = (await Promise.all(names.map((n) => ctx.library.profile(n).catch(() => undefined)))).filter((p): p is NormalizedProfile => !!p);
      const able = profilesThatCanRun(r.scenario, profiles, await ctx.validator());
      if (!able.length) return h('p', {}, 'None of the profiles here can run it.');
      return h('p', { class: 'suggest' }, 'Profiles that can run it: ',
        able.map((n) => h('button', { type: 'button', onclick: () => { picker.set(n); void run(); } }, n)));
    };

    const report = async (r: PlaygroundRun): Promise<HTMLElement[]> => {
      const head = [
        h('h2', { class: 'run-title' }, r.title),
        r.description ? h('p', { class: 'run-description' }, r.description) : null,
        verdictLine(r),
        r.kind === 'capture' ? h('p', { class: 'muted' }, 'A capture is checked as recorded (its outputs are the driver’s), so the profile does not change it.') : null,
      ].filter((x): x is HTMLElement => !!x);
      if (r.status === 'unsupported') return [...head, ...[await suggestions(r)].filter((x): x is HTMLElement => !!x)];
      return [
        ...head,
        timelineFigure(r, { onPin: (p) => goTo(findingItemId(p.index, p.n)), onCall: (i) => goTo(stepRowId(i)) }),
        findingsList(r),
        expectationsList(r) ?? '',
        stepTable(r, r.kind === 'scenario' && loaded?.source.from === 'library' ? selectStep : undefined),
      ].filter((x): x is HTMLElement => x !== '');
    };

    const load = (l: Loaded): Promise<void> => { loaded = l; return run(); };
    const loadLibrary = async (id: string, step?: StepRef) => {
      try {
        await load({ text: await ctx.library.scenarioText(id), file: libraryPath(id), source: { from: 'library', id, step } });
      } catch (e) {
        replace(output, h('p', { class: 'error-box', role: 'alert' }, errorText(e)));
      }
    };
    const loadCapture = async (path: string) => {
      try {
        await load({ text: await ctx.library.captureText(path), file: path, source: { from: 'capture', path } });
      } catch (e) {
        replace(output, h('p', { class: 'error-box', role: 'alert' }, errorText(e)));
      }
    };

    const library = libraryPicker(ctx, (id) => { library.show({ from: 'library', id }); void loadLibrary(id); }, (p) => { library.show({ from: 'capture', path: p }); void loadCapture(p); });
    const picker = profilePicker(ctx, 'pg-profile', initialProfile, () => void run());

    // Paste.
    const textarea = h('textarea', { id: 'pg-text', rows: 8, spellcheck: false, placeholder: '{ "scenario": "…", "steps": [ … ] }  or gfxreconstruct JSON Lines' });
    const linkOut = h('div', { class: 'link-out', 'aria-live': 'polite' });
    const runPasted = async () => {
      if (!textarea.value.trim()) { replace(output, h('p', { class: 'error-box', role: 'alert' }, 'The text box is empty: paste a scenario or a capture first.')); return; }
      if (textarea.value.length > EXPLORER_LIMITS.scenarioBytes) { replace(output, h('p', { class: 'error-box', role: 'alert' }, `The pasted text is ${textarea.value.length.toLocaleString('en')} characters; the playground takes at most ${EXPLORER_LIMITS.scenarioBytes.toLocaleString('en')} bytes.`)); return; }
      library.show({ from: 'none' });
      await load({ text: textarea.value, file: 'pasted text', source: { from: 'text', text: textarea.value } });
    };
    const copyLink = async () => {
      const link = await pastedLink(textarea.value, picker.value());
      if ('why' in link) { replace(linkOut, h('p', { class: 'error-box' }, link.why)); return; }
      const url = `${location.origin}${location.pathname}${link.hash}`;
      const field = h('input', { id: 'pg-link', type: 'text', readonly: true, value: url });
      const status = h('span', { class: 'muted' });
      replace(linkOut, h('div', { class: 'field' }, h('label', { for: 'pg-link' }, 'Link to this text'), field, status));
      field.select();
      navigator.clipboard?.writeText(url).then(() => replace(status, 'Copied to the clipboard.'), () => replace(status, 'Select the link and copy it.'));
    };
    const paste = h('div', { class: 'card pg-source' },
      h('h2', {}, 'Paste'),
      h('div', { class: 'field' }, h('label', { for: 'pg-text' }, 'Scenario or capture text'), textarea),
      h('div', { class: 'toolbar' },
        h('button', { type: 'button', class: 'primary', onclick: () => void runPasted() }, 'Run the pasted text'),
        h('button', { type: 'button', onclick: () => void copyLink() }, 'Copy a link')),
      h('p', { class: 'hint' }, `A link carries the text compressed, in at most ${EXPLORER_LIMITS.linkChars.toLocaleString('en')} characters.`),
      linkOut);

    // A file.
    const fileInput = h('input', { id: 'pg-file', type: 'file', accept: '.json,.jsonl,application/json,text/plain' });
    const takeFile = async (f: File) => {
      try {
        const text = await readFileText(f, EXPLORER_LIMITS.scenarioBytes, 'scenarios and captures');
        library.show({ from: 'none' });
        await load({ text, file: f.name, source: { from: 'none' } });
      } catch (e) {
        replace(output, h('p', { class: 'error-box', role: 'alert' }, errorText(e)));
      }
    };
    fileInput.addEventListener('change', () => { const f = fileInput.files?.[0]; if (f) void takeFile(f); fileInput.value = ''; });
    const zone = h('div', { class: 'drop' }, 'Drop a scenario (.scenario.json) or a capture (.jsonl) here', h('br'), 'or ', h('label', { for: 'pg-file', class: 'file-label' }, 'choose a scenario or capture file'), ' ', fileInput);
    dropZone(zone, (f) => void takeFile(f));
    const fromFile = h('div', { class: 'card pg-source' }, h('h2', {}, 'From a file'), zone,
      h('p', { class: 'hint' }, `Up to ${(EXPLORER_LIMITS.scenarioBytes / 1024 / 1024).toFixed(0)} MiB. The file stays in this page.`));

    // What a scenario query in the URL selected, or why nothing; and a step query's step that is not there.
    const queryNotice = h('div', { class: 'notice query-notice', 'aria-live': 'polite' });
    const stepNotice = h('div', { class: 'notice', 'aria-live': 'polite' });
    root.append(notice, queryNotice,
      h('div', { class: 'pg-sources' }, library.element, paste, fromFile),
      h('div', { class: 'toolbar pg-run-on' }, picker.element),
      stepNotice,
      output);

    const ids = ctx.library.scenarioIds();
    /** Opens what a URL or a suggestion names; a query that selects nothing says so, with the nearest ids to open instead. */
    const openWanted = async (wanted: Wanted, query?: string) => {
      replace(queryNotice);
      if (wanted.problem) {
        queryNotice.append(h('p', { class: 'error-box', role: 'alert' }, wanted.problem,
          (wanted.suggestions ?? []).map((s) => [' ', h('button', { type: 'button', class: 'open-suggestion', onclick: () => void openWanted(libraryQuery(s, ids)) }, `Open ${s}`)])));
      }
      const src = wanted.source;
      if (src.from === 'library' && wanted.alsoSelected && query) {
        queryNotice.append(h('p', { class: 'hint', role: 'status' }, `${query} selects ${wanted.alsoSelected.length + 1} scenarios; this is the first. The list below shows them all.`));
        library.search(query.replace(/\*$/, ''));
      }
      if (src.from === 'library') { library.show(src); await loadLibrary(src.id, src.step); }
    };

    // What the URL names, else the default scenario.
    const wanted = sourceFromParams(ctx.params, ids);
    const src = wanted.source;
    if (src.from === 'text') {
      if (wanted.problem) notice.append(h('p', { class: 'error-box', role: 'alert' }, wanted.problem));
      textarea.value = src.text;
      await runPasted();
    } else if (src.from === 'capture') {
      library.show(src);
      await loadCapture(src.path);
    } else if (src.from === 'library' || ctx.params.scenario) {
      await openWanted(wanted, ctx.params.scenario);
    } else {
      if (wanted.problem) notice.append(h('p', { class: 'error-box', role: 'alert' }, wanted.problem));
      const fallback = defaultScenario(ctx.library.entry(picker.value())?.platform);
      const id = ids.includes(fallback) ? fallback : ids[0];
      if (id) { library.show({ from: 'library', id }); await loadLibrary(id); }
    }
  },
};
