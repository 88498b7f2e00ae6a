// Jiedao's service worker: lets the field staff's phone pages open with no network (ADR
// 0511). Network first for the app's own files (so a new build is picked up at once), the
// cache when the network fails; a page load answered from the cache gets the app shell.
// The API is never touched here: its requests go to the network (or fail) as usual, and
// the offline upload queue in the page deals with that.
const CACHE = 'jiedao-shell-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || /^\/(api|open311|docs|healthz|metrics)(\/|$)/.test(url.pathname)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const res = await fetch(req);
        if (res.ok && (req.mode === 'navigate' || url.pathname.startsWith('/assets/'))) await cache.put(req.mode === 'navigate' ? '/' : req, res.clone());
        return res;
      } catch (err) {
        const hit = await cache.match(req.mode === 'navigate' ? '/' : req);
        if (hit) return hit;
        throw err;
      }
    })(),
  );
});
