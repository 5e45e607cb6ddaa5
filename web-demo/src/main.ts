// The explorer's shell: loads the core and the library index, draws the tabs, and mounts the view the
// URL names. Everything a view shows is rebuilt from its URL parameters, so a link reproduces it.
import { init, createValidator, handleTypes } from '../../src/browser.js';
import { Library } from './app/library.js';
import { h, replace } from './app/dom.js';
import type { View, ViewContext } from './app/context.js';
import { parseHash, formatHash, type Route } from './logic/url-state.js';

/**
 * The tabs, in order. Each view is its own chunk, fetched when first opened (and, for the view the
 * URL names, while the core compiles): the first load carries the shell and one view, not five.
 */
interface ViewEntry { route: Route; label: string; load(): Promise<View> }
const VIEWS: ViewEntry[] = [
  { route: 'types', label: 'Handle types', load: () => import('./views/handle-types.js').then((m) => m.handleTypesView) },
  { route: 'chain', label: 'Chain builder', load: () => import('./views/chain.js').then((m) => m.chainView) },
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

function context(view: ViewEntry, params: Record<string, string>): ViewContext {
  return {
    library,
    validator: createValidator,
    handleTypes,
    params,
    setParams(p) {
      const hash = formatHash(view.route, p);
      if (hash === location.hash) return;
      written = hash;
      history.replaceState(null, '', hash);
    },
    navigate(route: Route, p = {}) {
      location.hash = formatHash(route, p);
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
  for (const li of document.querySelectorAll('#tabs a')) {
    if ((li as HTMLElement).dataset.route === route) li.setAttribute('aria-current', 'page');
    else li.removeAttribute('aria-current');
  }
  const root = h('section', { class: `view view-${route}`, 'aria-labelledby': `title-${route}` });
  replace(main, root);
  document.title = `${entry.label} · vk-extmem spec explorer`;
  try {
    const seq = ++navigation;
    const view = await entry.load();
    if (seq !== navigation) return;
    current = { view, hash: location.hash };
    await view.mount(root, context(entry, params));
  } catch (e) {
    root.append(h('p', { class: 'error', role: 'alert' }, `This view could not open: ${(e as Error).message}`));
  }
}

async function boot(): Promise<void> {
  const tabs = document.getElementById('tabs')!;
  replace(tabs, VIEWS.map((v) => h('li', {}, h('a', { href: formatHash(v.route), 'data-route': v.route }, v.label))));
  try {
    // The first view's chunk is fetched while the core compiles (an import() is fetched once).
    void VIEWS.find((v) => v.route === parseHash(location.hash).route)!.load().catch(() => {});
    await Promise.all([init(new URL('core.wasm', base)), Library.open(base).then((l) => { library = l; })]);
  } catch (e) {
    replace(main, h('p', { class: 'error', role: 'alert' }, `The explorer could not start: ${(e as Error).message}`));
    return;
  }
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
