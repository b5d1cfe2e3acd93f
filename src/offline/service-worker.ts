/**
 * The offline-reading service worker, bundled into `<base>sw.js` after the
 * build (build.ts), with the build's version, base and cell-runtime list.
 *
 * Written by hand rather than with Workbox: Workbox's strength is precaching a
 * revisioned manifest at install, and this site must not precache (800+ pages,
 * megabytes of runtime a reader may never run). What is left is four small
 * policies — network first for pages, cache first for the rest, a bound per
 * cache, one version for all — each a few lines here, where Workbox would add
 * five packages and IndexedDB bookkeeping for its expiration plugin.
 *
 * - Pages (navigations): network first, so a reader online always gets the
 *   current page; offline, the same URL from the cache, never another URL.
 *   A page never visited gets the browser's own offline error.
 * - The cell runtime, `_astro/` assets and data files: cache
 *   first. Within one build a URL's content never changes (the version below
 *   is a hash of every built file), so a cached copy is the right copy.
 * - Nothing else is touched: other origins, non-GET requests, range requests
 *   and paths the build does not make (the dev server's modules) go to the
 *   network as if there were no worker.
 * - A new build's worker takes over at once and deletes every cache of this
 *   scope made by another build.
 */
/// <reference lib="webworker" />
import { cacheFor, cacheKey, cacheLimits, cacheName, staleCaches, type CacheKind, type Scope } from './routes.ts';
import { parseKeepRequest, type KeepRequest } from './protocol.ts';

declare const self: ServiceWorkerGlobalScope;
/** Replaced by the bundler (build.ts). */
declare const OFFLINE_BUILD: { version: string; base: string; runtime: string[] };

const { version, base } = OFFLINE_BUILD;
const siteRoot = new URL(base, self.location.origin).href;
const scope: Scope = { origin: self.location.origin, base, runtime: new Set(OFFLINE_BUILD.runtime.map((path) => new URL(path, siteRoot).href)) };
const open = (kind: CacheKind) => caches.open(cacheName(kind, base, version));

/** Only whole, same-origin, final answers are kept: no errors, no partial content, no redirects. */
const storable = (response: Response) => response.status === 200 && response.type === 'basic' && !response.redirected;

/** Stores under `key` and drops the least recently used entries past the bound. */
async function remember(kind: CacheKind, key: string, response: Response): Promise<void> {
  const cache = await open(kind);
  // Cache.keys() lists entries in the order they were put, and a put replaces the entry for its URL,
  // so putting again on every use keeps that order "least recently used first".
  await cache.put(key, response);
  const limit = cacheLimits[kind];
  if (!Number.isFinite(limit)) return;
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - limit)).map((request) => cache.delete(request)));
}

/** The kept copy of a page, or undefined; reading it counts as a use. */
async function keptPage(event: FetchEvent, key: string): Promise<Response | undefined> {
  const cached = await (await open('pages')).match(key);
  if (cached) event.waitUntil(remember('pages', key, cached.clone()));
  return cached;
}

async function networkFirst(event: FetchEvent, key: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(event.request);
  } catch (offline) {
    const cached = await keptPage(event, key);
    if (!cached) throw offline;
    return cached;
  }
  if (storable(response)) event.waitUntil(remember('pages', key, response.clone()));
  // A host that is down often still answers, with a 5xx: the kept copy is the better page then.
  if (response.status >= 500) return (await keptPage(event, key)) ?? response;
  return response;
}

async function cacheFirst(event: FetchEvent, kind: CacheKind, key: string): Promise<Response> {
  const cached = await (await open(kind)).match(key);
  if (cached) {
    if (kind !== 'runtime') event.waitUntil(remember(kind, key, cached.clone()));
    return cached;
  }
  const response = await fetch(event.request);
  if (storable(response)) event.waitUntil(remember(kind, key, response.clone()));
  return response;
}

/** Fetches and stores `url` unless this build already has it; a file that cannot be fetched now is kept on its first use instead. */
async function ensure(kind: CacheKind, url: string): Promise<void> {
  const key = cacheKey(url);
  if (await (await open(kind)).match(key)) return;
  try {
    const response = await fetch(key, { credentials: 'same-origin' });
    if (storable(response)) await remember(kind, key, response);
  } catch {
    // Offline or gone: nothing to keep.
  }
}

/**
 * What a page asked to keep (protocol.ts). The page's own URL is the one the
 * browser reports for the sender, not anything the message says, and every
 * other URL must route to a cache by the same rules as a fetch.
 */
async function keep(pageUrl: string, request: KeepRequest): Promise<void> {
  const wanted = new Map<string, CacheKind>();
  const add = (url: string, mode: string) => {
    const kind = cacheFor({ url, method: 'GET', mode }, scope);
    if (kind) wanted.set(cacheKey(url), kind);
  };
  add(pageUrl, 'navigate');
  for (const url of request.resources) add(url, 'no-cors');
  if (request.cells) for (const url of scope.runtime) add(url, 'no-cors');
  for (const file of request.data) add(new URL(`data/${file}`, siteRoot).href, 'no-cors');
  await Promise.all([...wanted].map(([url, kind]) => ensure(kind, url)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await Promise.all(staleCaches(await caches.keys(), base, version).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.headers.has('range')) return;
  const kind = cacheFor(request, scope);
  if (!kind) return;
  const key = cacheKey(request.url);
  event.respondWith(kind === 'pages' ? networkFirst(event, key) : cacheFirst(event, kind, key));
});

self.addEventListener('message', (event) => {
  const source = event.source;
  // Only a page of this site asks; a message from anything else is ignored.
  if (!(source && 'type' in source && source.type === 'window')) return;
  const request = parseKeepRequest(event.data);
  if (!request) return;
  event.waitUntil(keep(source.url, request));
});
