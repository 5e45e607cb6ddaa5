// The explorer's service worker: after one visit the page works offline. Requests go to the network
// first (a rebuilt explorer is always picked up) and every answer is kept; offline, the kept copy is
// served. Once installed it also fetches the whole library (profiles, scenarios, captures) in the
// background, so views never opened before still work offline.
const BUILD = '__BUILD__';
const CACHE = `vk-extmem-explorer-${BUILD}`;
// Every view's chunk is kept at install, so a view never opened online still opens offline.
const CHUNKS = __CHUNKS__;
const SHELL = ['./', 'index.html', 'style.css', 'app.js', 'core.wasm', 'library/index.json', ...CHUNKS];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith('vk-extmem-explorer-') && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

async function precacheLibrary() {
  const cache = await caches.open(CACHE);
  const index = await (await fetch('library/index.json')).json();
  const files = [
    ...index.profiles.map((p) => `library/${p.file}`),
    ...index.scenarios.map((s) => `library/scenarios/${s.path}`),
    ...index.captures.map((c) => `library/captures/${c.path}`),
  ];
  for (const f of files) if (!(await cache.match(f))) await cache.add(f).catch(() => {});
  return files.length;
}

self.addEventListener('message', (event) => {
  if (event.data === 'precache-library') {
    event.waitUntil(precacheLibrary().then((n) => event.source?.postMessage({ precached: n }), () => event.source?.postMessage({ precached: -1 })));
  }
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const res = await fetch(req);
      if (res.ok) await cache.put(req, res.clone());
      return res;
    } catch (e) {
      const kept = await cache.match(req, { ignoreSearch: true });
      if (kept) return kept;
      throw e;
    }
  })());
});
