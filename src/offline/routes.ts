/**
 * Which cache, if any, a request belongs to. Shared by the service worker and
 * its tests: the worker decides with this alone, so what it keeps and what it
 * leaves to the network is testable in Node.
 */

export type CacheKind = 'pages' | 'runtime' | 'assets' | 'data';

/**
 * The most entries each cache keeps, least recently used dropped first. The
 * runtime is kept whole (it is the fixed list the build wrote, about 70 files);
 * pages are what a reader visited; data files are 1–3 MB each (a page uses at most two).
 */
export const cacheLimits: Record<CacheKind, number> = { pages: 50, runtime: Infinity, assets: 300, data: 6 };

export interface Scope {
  /** The site's origin, e.g. "https://example.org". */
  origin: string;
  /** The base path the site is deployed under, with a trailing slash: "/" or "/notes/". */
  base: string;
  /** Absolute URLs of the cell runtime (the kernel frame page and every file it can load). */
  runtime: ReadonlySet<string>;
}

export interface RequestFacts {
  url: string;
  method: string;
  /** `Request.mode`: "navigate" for a document (a page, or the kernel frame). */
  mode: string;
}

/**
 * The cache for a request, or undefined to leave it to the network untouched:
 * other origins, anything but GET, and same-origin paths the site does not
 * build (the dev server's /@vite/ and /src/ modules, the worker script itself).
 */
export function cacheFor(request: RequestFacts, scope: Scope): CacheKind | undefined {
  if (request.method !== 'GET') return undefined;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.base)) return undefined;
  const key = cacheKey(request.url);
  if (scope.runtime.has(key)) return 'runtime';
  if (request.mode === 'navigate') return 'pages';
  const path = url.pathname.slice(scope.base.length);
  if (path.startsWith('data/')) return 'data';
  // Not the search index: a search offline would find only the fragments some earlier search fetched.
  if (path.startsWith('_astro/') || path === 'favicon.svg') return 'assets';
  return undefined;
}

/** The URL a response is stored under: the fragment never reaches a server, so it is not part of the key. */
export function cacheKey(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

/**
 * Cache names carry the scope and the build's version: two deployments on one
 * origin (say / and /notes/) keep apart, and a new build's worker can tell
 * which caches are another build's.
 */
export function cacheName(kind: CacheKind, base: string, version: string): string {
  return `${cachePrefix(base)}${kind}:${version}`;
}

export function cachePrefix(base: string): string {
  return `study-notes:${base}:`;
}

/** The caches a worker of `version` deletes when it activates: this scope's, of any other build. */
export function staleCaches(names: string[], base: string, version: string): string[] {
  const prefix = cachePrefix(base);
  return names.filter((name) => name.startsWith(prefix) && !name.endsWith(`:${version}`));
}
