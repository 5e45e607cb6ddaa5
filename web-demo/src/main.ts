// The explorer's shell: loads the core and the library index, draws the tabs, and mounts the view the
// URL names. Everything a view shows is rebuilt from its URL parameters, so a link reproduces it.
import { init, createValidator, handleTypes } from '../../src/core/load-browser.js';
import { Library } from './app/library.js';
import { h, replace, specLink, externalLink } from './app/dom.js';
import { SPEC_VERSION, SPEC_LINE, SPEC_VERSION_URL, SPEC_URL, SPEC_SOURCE_URL } from '../../src/core/spec-links.js';
import type { View, ViewContext } from './app/context.js';
import { chainView } from './views/chain.js';
import { parseHash, formatHash, hasLongState, packParams, unpackParams, type Route } from './logic/url-state.js';
import { EXPLORER_LIMITS } from './logic/limits.js';

/**
 * The tabs, in order. The chain builder, the view most links open and the one whose first verdict is
 * timed, is part of the shell's own bundle; each other view is a chunk of its own, fetched when first
 * opened (for the view the URL names, while the core compiles). Fetching the chain builder lazily too
 * made its first verdict later (its chunks waited for the shell to run): measured slower, so not done.
 */
interface ViewEntry { route: Route; label: string; load(): Promise<View> }
const VIEWS: ViewEntry[] = [
  { route: 'types', label: 'Handle types', load: () => import('./views/handle-types.js').then((m) => m.handleTypesView) },
  { route: 'chain', label: 'Chain builder', load: async () => chainView },
  { route: 'resolve', label: 'Import resolver', load: () => import('./views/resolve.js').then((m) => m.resolveView) },
  { route: 'play', label: 'Scenario playground', load: () => import('./views/playground.js').then((m) => m.playgroundView) },
  { route: 'profiles', label: 'Profiles', load: () => import('./views/profiles.js').then((m) => m.profilesView) },
];

declare global {
  interface Window {
    /** Milliseconds from navigation start to the first verdict on screen (read by the benchmark and the e2e tests). */
    __vkxFirstVerdict?: number;
    /** Set once the shell is ready (tests wait for it). */
    __vkxReady?: boolean;
  }
}

const base = new URL('.', document.baseURI);
const main = document.getElementById('main')!;
let current: { view: View; hash: string } | undefined;
let library: Library;
/** The hash this page last wrote itself (its own hashchange is not a navigation). */
let written = '';
/** Counts navigations: a view whose chunk arrives after the user went elsewhere is not mounted. */
let navigation = 0;
/** The route on screen; opening another one starts it at its top with the keyboard on its heading. */
let shownRoute: Route | undefined;

/** On a phone the tabs are one row that scrolls sideways by itself: brings a tab (current or focused) wholly into it. */
function tabIntoStrip(tab: HTMLElement): void {
  const strip = tab.closest('nav')!;
  if (strip.scrollWidth <= strip.clientWidth) return;
  const t = tab.getBoundingClientRect();
  const s = strip.getBoundingClientRect();
  if (t.left < s.left) strip.scrollLeft -= s.left - t.left + 8;
  else if (t.right > s.right) strip.scrollLeft += t.right - s.right + 8;
}

/**
 * Puts the keyboard on a newly opened view's heading (views label their section "title-<route>") and
 * the page at its top, unless the user already went into the view while it was loading.
 */
function arrive(route: Route, root: HTMLElement): boolean {
  const heading = root.querySelector<HTMLElement>(`#title-${route}`);
  if (!heading) return false;
  if (!root.contains(document.activeElement)) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
  window.scrollTo(0, 0);
  return true;
}

/**
 * Long structured state is packed before it goes in the URL (url-state.ts); packing is asynchronous,
 * so `then` runs at once when there is nothing to pack, else once packed.
 */
function packed(p: Record<string, string | undefined>, then: (q: Record<string, string | undefined>) => void): void {
  if (hasLongState(p)) void packParams(p).then(then, () => then(p));
  else then(p);
}

function context(view: ViewEntry, params: Record<string, string>): ViewContext {
  const opened = navigation;
  /** Counts this view's writes: a write still packing when a later one was asked for is dropped. */
  let writes = 0;
  /** The latest write, settled once it is in the URL (or dropped as out of date). */
  let lastWrite: Promise<void> = Promise.resolve();
  return {
    library,
    validator: createValidator,
    handleTypes,
    params,
    setParams(p) {
      const mine = ++writes;
      lastWrite = new Promise((done) => packed(p, (q) => {
        // A later write, or another view opened meanwhile: this one is out of date.
        if (mine === writes && opened === navigation) {
          const hash = formatHash(view.route, q);
          if (hash !== location.hash) {
            written = hash;
            history.replaceState(null, '', hash);
          }
        }
        done();
      }));
    },
    urlWritten: () => lastWrite,
    navigate(route: Route, p = {}) {
      packed(p, (q) => { if (opened === navigation) location.hash = formatHash(route, q); });
    },
    verdictShown() {
      if (window.__vkxFirstVerdict === undefined) window.__vkxFirstVerdict = performance.now();
      document.body.dataset.verdict = 'shown';
    },
  };
}

async function show(): Promise<void> {
  if (location.hash === written && current) return;
  written = '';
  const { route, params } = parseHash(location.hash);
  const entry = VIEWS.find((v) => v.route === route)!;
  current?.view.unmount?.();
  current = undefined;
  // The first view of a page load keeps the browser's focus and scroll; later ones start at their top.
  const arriving = shownRoute !== undefined && shownRoute !== route;
  shownRoute = route;
  for (const li of document.querySelectorAll<HTMLElement>('#tabs a')) {
    if (li.dataset.route !== route) { li.removeAttribute('aria-current'); continue; }
    li.setAttribute('aria-current', 'page');
    tabIntoStrip(li);
  }
  const root = h('section', { class: `view view-${route}`, 'aria-labelledby': `title-${route}` });
  replace(main, root);
  if (arriving) window.scrollTo(0, 0);
  document.title = `${entry.label} · vk-extmem spec explorer`;
  try {
    const seq = ++navigation;
    // Packed state in the link is inflated here, so views read plain state (never throws: see unpackParams).
    const [view, viewParams] = await Promise.all([entry.load(), unpackParams(params, EXPLORER_LIMITS.linkStateBytes)]);
    if (seq !== navigation) return;
    current = { view, hash: location.hash };
    const mounting = view.mount(root, context(entry, viewParams));
    // Views draw their heading first; one that draws it later gets the focus once it is mounted.
    const arrived = arriving && arrive(route, root);
    await mounting;
    if (arriving && !arrived && seq === navigation) arrive(route, root);
  } catch (e) {
    root.append(h('p', { class: 'error', role: 'alert' }, `This view could not open: ${(e as Error).message}`));
  }
}

/** The footer says which specification the rules were written against, with links to it and to the newest. */
function showSpecVersion(): void {
  replace(document.getElementById('core-info')!,
    'Rules written against Vulkan ', externalLink(SPEC_SOURCE_URL, SPEC_VERSION),
    ' — specification ', specLink(SPEC_VERSION_URL, SPEC_LINE), ' · ', specLink(SPEC_URL, 'latest'));
}

async function boot(): Promise<void> {
  const tabs = document.getElementById('tabs')!;
  replace(tabs, VIEWS.map((v) => h('li', {}, h('a', { href: formatHash(v.route), 'data-route': v.route }, v.label))));
  tabs.addEventListener('focusin', (e) => tabIntoStrip(e.target as HTMLElement));
  try {
    // The first view's chunk is fetched while the core compiles (an import() is fetched once).
    void VIEWS.find((v) => v.route === parseHash(location.hash).route)!.load().catch(() => {});
    await Promise.all([init(new URL('core.wasm', base)), Library.open(base).then((l) => { library = l; })]);
  } catch (e) {
    replace(main, h('p', { class: 'error', role: 'alert' }, `The explorer could not start: ${(e as Error).message}`));
    return;
  }
  showSpecVersion();
  window.addEventListener('hashchange', () => void show());
  await show();
  window.__vkxReady = true;
  window.addEventListener('load', () => setTimeout(registerOffline, 1000));
  if (document.readyState === 'complete') setTimeout(registerOffline, 1000);
}

/**
 * Installs the service worker that keeps the page and its library for offline use (sw.js), once the
 * page has settled so it never competes with the first verdict. Served from a file:// URL or an
 * insecure origin there is none, and the page works as before, online.
 */
let offlineAsked = false;
function registerOffline(): void {
  if (offlineAsked || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  offlineAsked = true;
  navigator.serviceWorker.addEventListener('message', (e) => {
    if (typeof e.data?.precached === 'number') document.body.dataset.offline = e.data.precached >= 0 ? 'ready' : 'failed';
  });
  navigator.serviceWorker.register('sw.js').then(
    async () => (await navigator.serviceWorker.ready).active?.postMessage('precache-library'),
    () => { document.body.dataset.offline = 'unavailable'; },
  );
}

void boot();
