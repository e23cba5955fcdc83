/**
 * Doorstep's service worker: it only caches and routes.
 *
 * - install: precache the app shell listed by the build (revisioned URLs) into one versioned
 *   cache; it then WAITS: the page shows "update ready" and the helper chooses when.
 * - activate: delete only our own older caches (prefix `doorstep-`), then take control.
 * - fetch: navigations get the cached shell; shell files come from the cache; `/api/` is never
 *   touched (API data lives in IndexedDB, not in the HTTP cache).
 * - sync / periodic wake-ups: tell the open pages to sync; the page does the work.
 */

/**
 * @typedef {Event & {waitUntil(p: Promise<unknown>): void}} ExtendableEvent
 * @typedef {ExtendableEvent & {request: Request, respondWith(r: Response | Promise<Response>): void}} FetchEvent
 * @typedef {ExtendableEvent & {data: any, source: any}} ExtendableMessageEvent
 * @typedef {ExtendableEvent & {tag: string}} SyncEvent
 * @typedef {{url: string, revision: string | null}} PrecacheEntry
 * @typedef {{
 *   addEventListener(type: string, fn: (e: any) => void): void,
 *   skipWaiting(): Promise<void>,
 *   clients: {claim(): Promise<void>, matchAll(o?: object): Promise<{postMessage(m: unknown): void}[]>},
 *   location: Location,
 * }} Scope
 */

/** @type {Scope} */
const sw = /** @type {any} */ (self);

/** Filled in by the build: every shell file with a content revision. @type {PrecacheEntry[]} */
const PRECACHE = /** @type {any} */ (self).__PRECACHE_MANIFEST || [];
/** @type {string} */
const VERSION = /** @type {any} */ (self).__BUILD_VERSION || 'dev';

const PREFIX = 'doorstep-';
const CACHE = `${PREFIX}shell-${VERSION}`;
const SHELL = '/index.html';

/** The URL we fetch at install: a file without a hash in its name gets its revision as a query. */
function fetchUrl(/** @type {PrecacheEntry} */ entry) {
  return entry.revision ? `${entry.url}?__rev=${entry.revision}` : entry.url;
}

sw.addEventListener('install', (/** @type {ExtendableEvent} */ event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(
        PRECACHE.map(async (entry) => {
          const res = await fetch(fetchUrl(entry), { cache: 'reload' });
          if (!res.ok) throw new Error(`precache ${entry.url}: HTTP ${res.status}`);
          await cache.put(entry.url, res);
        }),
      );
    })(),
  );
});

sw.addEventListener('activate', (/** @type {ExtendableEvent} */ event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (/** @type {ExtendableMessageEvent} */ event) => {
  const type = event.data && event.data.type;
  if (type === 'SKIP_WAITING') sw.skipWaiting();
  if (type === 'GET_VERSION' && event.source) event.source.postMessage({ type: 'VERSION', version: VERSION });
});

sw.addEventListener('fetch', (/** @type {FetchEvent} */ event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(fromCache(SHELL, request));
  } else if (PRECACHE.some((e) => e.url === url.pathname)) {
    event.respondWith(fromCache(url.pathname, request));
  }
});

/**
 * The cached copy, or the network if the cache lost it (e.g. the browser evicted it).
 * @param {string} key
 * @param {Request} request
 */
async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  return hit || fetch(request);
}

/** Background Sync (Chromium) and Periodic Sync: wake the pages; they push and pull. */
async function wakePages() {
  const clients = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of clients) client.postMessage({ type: 'SYNC_REQUESTED' });
}
sw.addEventListener('sync', (/** @type {SyncEvent} */ event) => {
  if (event.tag === 'doorstep-sync') event.waitUntil(wakePages());
});
sw.addEventListener('periodicsync', (/** @type {SyncEvent} */ event) => {
  if (event.tag === 'doorstep-sync') event.waitUntil(wakePages());
});
